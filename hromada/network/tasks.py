"""Work on the queue: the email to every applicant of a contest when its results are announced,
each written in the language the application was submitted in.

The task is idempotent: an application already told (an audit entry marks it) is skipped, so a
retried or repeated run sends nobody a second message."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from hromada.core.audit import record
from hromada.core.mail import send_email
from hromada.core.models import AuditEntry
from hromada.network.models_contests import Application

RESULTS_EMAILED = "network.results_emailed"  # audit action, target: the application


@task()
def email_applicants(contest_id: int) -> int:
    told = AuditEntry.objects.filter(
        action=RESULTS_EMAILED, target_type=Application._meta.label
    ).values_list("target_id", flat=True)
    applications = (
        Application.objects.filter(contest_id=contest_id, status=Application.Status.SUBMITTED)
        .exclude(pk__in=[int(pk) for pk in told if pk.isdigit()])
        .select_related("contest", "community", "created_by")
    )
    languages = {code for code, _name in settings.LANGUAGES}
    sent = 0
    for application in applications:
        if not application.created_by.email:
            continue
        language = application.language if application.language in languages else None
        with translation.override(language or settings.LANGUAGE_CODE):
            _send(application)
        record(RESULTS_EMAILED, actor=None, target=application)
        sent += 1
    return sent


def _send(application: Application) -> None:
    contest = application.contest
    names = {"contest": contest.title, "community": application.community.name}
    if application.selected:
        subject = _("Громаду обрано в конкурсі «%(contest)s»") % names
        verdict = _("Вітаємо: громаду «%(community)s» обрано переможцем конкурсу «%(contest)s».")
    else:
        subject = _("Результати конкурсу «%(contest)s»") % names
        verdict = _(
            "Результати конкурсу «%(contest)s» оголошено. Громаду «%(community)s» цього разу "
            "не обрано."
        )
    path = reverse("network:application", args=[contest.slug, application.community.slug])
    body = "\n\n".join(
        [
            verdict % names,
            _("Оцінки журі за кожним критерієм і коментарі до заявки — на сторінці заявки:"),
            settings.SITE_URL.rstrip("/") + path,
        ]
    )
    send_email(to=[application.created_by.email], subject=subject, body=body)
