"""The demo network's services: a catalogue of the hub's services, a case in progress for the
Вербівська community (its working group, documents requested and one uploaded, a meeting,
notes) and a fresh request from another member awaiting the hub's decision. Every name and
sentence is invented for the demo; everything is written through the network's actions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from hromada.network import actions_services as services
from hromada.network.models import Network

# title, description, audience, maturity themes
CATALOGUE = [
    (
        "Консультація з бюджету участі",
        "Година розмови з експертом: положення, терміни, типові помилки першого циклу.",
        "any",
        ["projects"],
    ),
    (
        "Тренінг для робочої групи",
        "Дводенне навчання команди громади: від інформаційної кампанії до звіту про реалізацію.",
        "members",
        ["projects", "edemocracy"],
    ),
    (
        "Повний супровід циклу бюджету участі",
        "Експерт мережі поруч із громадою весь рік: план, документи, зустрічі, розбір результатів.",
        "members",
        ["projects", "finance"],
    ),
    (
        "Правовий аналіз положення",
        "Юрист мережі читає проєкт положення чи рішення ради й пише висновок із правками.",
        "members",
        ["finance", "social"],
    ),
    (
        "Гендерний аудит місцевого бюджету",
        "Аналіз видатків громади з погляду потреб жінок і чоловіків різного віку.",
        "members",
        ["gender", "economy"],
    ),
]

WORKING_GROUP = [
    ("Галина Ковальчук", "заступниця голови громади, керівниця групи", True),
    ("Ігор Панченко", "начальник фінансового відділу", False),
    ("Марія Левченко", "староста Гайового округу", False),
    ("Олег Сидоренко", "представник молодіжної ради", False),
]


def load_services(network: Network, people: dict[str, Any], admins: dict[str, Any]) -> None:
    team, board, expert = people["network"], people["board"], people["juror1"]
    catalogue = [
        services.save_service(
            team,
            network,
            services.ServiceData(title, text, audience, themes, position=n),
        )
        for n, (title, text, audience, themes) in enumerate(CATALOGUE)
    ]
    community, admin = admins["verbivska"]
    for name, role, is_admin in WORKING_GROUP:
        services.add_working_group_member(
            admin, network, community, name=name, role=role, email=admin.email if is_admin else ""
        )
    case = services.request_service(
        admin,
        catalogue[2],
        community,
        "Громада вперше запускає бюджет участі у 2027 році. Просимо супроводу від положення "
        "до голосування: команда мала, досвіду немає.",
    )
    services.decide_case(
        board, case, accept=True, expert=expert, reason="Громада — член мережі з 2023 року."
    )
    services.save_plan(
        expert,
        case,
        "1. Аналіз чинного положення й пропозиції змін (січень).\n"
        "2. Тренінг для робочої групи (лютий).\n"
        "3. Інформаційна кампанія в старостинських округах (березень).\n"
        "4. Супровід розгляду проєктів і голосування (квітень–травень).",
        start=True,
    )
    statute = services.request_document(
        expert, case, "Чинне положення про бюджет участі", "Рішення ради з усіма змінами."
    )
    pdf = SimpleUploadedFile("polozhennia.pdf", b"%PDF-1.4\n% demo\n%%EOF\n", "application/pdf")
    services.upload_document(admin, statute, pdf)
    services.request_document(
        expert, case, "Рішення про бюджет громади на 2027 рік", "Щоб знати суму на проєкти."
    )
    next_week = timezone.now().replace(minute=0, second=0, microsecond=0) + dt.timedelta(days=7)
    services.add_meeting(
        expert,
        case,
        starts_at=next_week,
        place="Вербівська сільська рада, зала засідань",
        note="Перша зустріч робочої групи: розподіл обов'язків.",
    )
    services.add_note(expert, case, "Положення отримала; пишу висновок до наступної зустрічі.")
    services.add_note(admin, case, "Підтвердили склад робочої групи розпорядженням голови.")
    other, other_admin = admins["kalynivska"]
    services.request_service(
        other_admin,
        catalogue[3],
        other,
        "Просимо оцінити проєкт нового положення про місцеві ініціативи до сесії ради.",
    )
