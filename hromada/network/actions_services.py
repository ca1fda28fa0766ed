"""Every write of the hub's services: the catalogue, a community's working group, and a case
from request to closing survey. One transaction each, permission re-checked, audited; what a
case's status allows is asked of models_services.CASE_ALLOWS."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.accounts.models import User
from hromada.communities.models import Community
from hromada.core.audit import record
from hromada.core.errors import ActionRefused, require_perm
from hromada.core.storage import new_file_token
from hromada.events.models import Event
from hromada.network.documents import checked_kind, write_file
from hromada.network.models import Member, Network, NetworkRole
from hromada.network.models_maturity import Theme
from hromada.network.models_services import (
    CaseDocument,
    CaseMeeting,
    CaseNote,
    CaseStatus,
    Service,
    ServiceCase,
    WorkingGroupMember,
)

TEXT_MAX = 10000


def clean_text(value: str, limit: int = TEXT_MAX) -> str:
    return value.replace("\x00", "").strip()[:limit]


def _required(value: str, message: str, field_name: str, limit: int = TEXT_MAX) -> str:
    text = clean_text(value, limit)
    if not text:
        raise ActionRefused(message, field=field_name)
    return text


@dataclass
class ServiceData:
    title: str
    description: str = ""
    audience: str = Service.Audience.MEMBERS
    themes: list[str] = field(default_factory=list)
    position: int = 0
    active: bool = True


def _apply_service(service: Service, data: ServiceData) -> None:
    service.title = _required(data.title, _("Вкажіть назву послуги."), "title", 200)
    service.description = clean_text(data.description)
    if data.audience not in Service.Audience.values:
        raise ActionRefused(_("Оберіть, хто може замовити послугу."), field="audience")
    unknown = [t for t in data.themes if t not in Theme.values]
    if unknown:
        raise ActionRefused(_("Невідома тема зрілості."), field="themes")
    service.audience = data.audience
    service.themes = list(dict.fromkeys(data.themes))
    service.position = max(0, min(data.position, 32767))
    service.active = data.active


@transaction.atomic
def save_service(
    actor: Any, network: Network, data: ServiceData, service: Service | None = None
) -> Service:
    """Add a service to the catalogue, or change one of this network's."""
    require_perm(actor, "network.manage_services", network)
    if service is None:
        service = Service(network=network)
    elif service.network_id != network.pk:
        raise ActionRefused(_("Ця послуга належить іншій мережі."))
    _apply_service(service, data)
    service.save()
    record("network.service_saved", actor=actor, target=service)
    return service


def is_current_member(network: Network, community: Community, day: dt.date) -> bool:
    members = Member.objects.filter(network=network, community=community).prefetch_related(
        "memberships"
    )
    return any(member.is_member_on(day) for member in members)


@transaction.atomic
def request_service(
    actor: Any, service: Service, community: Community, request_text: str
) -> ServiceCase:
    require_perm(actor, "network.request_service", community)
    if not service.active:
        raise ActionRefused(_("Ця послуга зараз не пропонується."))
    members_only = service.audience == Service.Audience.MEMBERS
    if members_only and not is_current_member(service.network, community, timezone.localdate()):
        raise ActionRefused(_("Цю послугу надають лише громадам-членам мережі."))
    text = _required(request_text, _("Опишіть, що потрібно громаді."), "request_text")
    case = ServiceCase.objects.create(
        network=service.network,
        service=service,
        community=community,
        request_text=text,
        requested_by=actor,
    )
    record("network.service_requested", actor=actor, target=case, community=community)
    return case


def _may(actor: Any, case: ServiceCase, perm: str, step: str) -> None:
    require_perm(actor, perm, case)
    if not case.allows(step):
        raise ActionRefused(
            _("Зараз це неможливо: звернення має стан «%(status)s».")
            % {"status": case.get_status_display()}
        )


def _check_expert(case: ServiceCase, expert: Any) -> None:
    if (
        expert is None
        or not NetworkRole.objects.filter(
            network_id=case.network_id, user=expert, role=NetworkRole.Role.EXPERT
        ).exists()
    ):
        raise ActionRefused(_("Оберіть експерта цієї мережі."), field="expert")


@transaction.atomic
def decide_case(
    actor: Any, case: ServiceCase, *, accept: bool, reason: str = "", expert: Any = None
) -> ServiceCase:
    """The hub accepts a request and assigns an expert, or declines it with a reason."""
    case = ServiceCase.objects.select_for_update().get(pk=case.pk)
    _may(actor, case, "network.decide_case", "decide")
    reason = clean_text(reason)
    if accept:
        _check_expert(case, expert)
        case.expert = expert
        case.status = CaseStatus.ACCEPTED
    else:
        if not reason:
            raise ActionRefused(_("Напишіть, чому звернення відхилено."), field="reason")
        case.status = CaseStatus.DECLINED
    case.decision_reason = reason
    case.decided_by = actor
    case.decided_at = timezone.now()
    case.save()
    record("network.case_decided", actor=actor, target=case, accepted=accept)
    return case


@transaction.atomic
def assign_expert(actor: Any, case: ServiceCase, expert: Any) -> ServiceCase:
    case = ServiceCase.objects.select_for_update().get(pk=case.pk)
    _may(actor, case, "network.decide_case", "assign_expert")
    _check_expert(case, expert)
    case.expert = expert
    case.save(update_fields=["expert"])
    record("network.case_expert_assigned", actor=actor, target=case, expert=expert.pk)
    return case


@transaction.atomic
def save_plan(actor: Any, case: ServiceCase, plan: str, *, start: bool = False) -> ServiceCase:
    """The expert (or the hub) writes the plan; starting the work needs one."""
    case = ServiceCase.objects.select_for_update().get(pk=case.pk)
    _may(actor, case, "network.work_on_case", "plan")
    case.plan = clean_text(plan)
    if start:
        _may(actor, case, "network.work_on_case", "start")
        if not case.plan:
            raise ActionRefused(_("Напишіть план роботи, перш ніж починати."), field="plan")
        case.status = CaseStatus.IN_PROGRESS
        case.started_at = timezone.now()
    case.save()
    record("network.case_planned", actor=actor, target=case, started=start)
    return case


@transaction.atomic
def request_document(actor: Any, case: ServiceCase, title: str, note: str = "") -> CaseDocument:
    case = ServiceCase.objects.select_for_update().get(pk=case.pk)
    _may(actor, case, "network.work_on_case", "request_document")
    document = CaseDocument.objects.create(
        case=case,
        title=_required(title, _("Вкажіть, який документ потрібен."), "title", 200),
        note=clean_text(note, 1000),
    )
    record("network.case_document_requested", actor=actor, target=case, document=document.pk)
    return document


def _store_file(document: CaseDocument, file: UploadedFile) -> None:
    kind = checked_kind(file)
    if document.file:
        document.file.delete(save=False)  # a replaced upload leaves nothing behind
    document.token = new_file_token()
    write_file(document, file, kind, f"network/cases/{document.token}")


@transaction.atomic
def upload_document(actor: Any, document: CaseDocument, file: UploadedFile) -> CaseDocument:
    """The community answers a request with a file; it may replace it until it is checked."""
    case = ServiceCase.objects.select_for_update().get(pk=document.case_id)
    _may(actor, case, "network.upload_case_document", "upload_document")
    document = CaseDocument.objects.select_for_update().get(pk=document.pk)
    if document.checked_at is not None:
        raise ActionRefused(_("Цей документ уже перевірено."))
    _store_file(document, file)
    document.uploaded_at = timezone.now()
    document.uploaded_by = actor
    document.save()
    record("network.case_document_uploaded", actor=actor, target=case, document=document.pk)
    return document


@transaction.atomic
def check_document(actor: Any, document: CaseDocument) -> CaseDocument:
    case = ServiceCase.objects.select_for_update().get(pk=document.case_id)
    _may(actor, case, "network.work_on_case", "check_document")
    document = CaseDocument.objects.select_for_update().get(pk=document.pk)
    if not document.file:
        raise ActionRefused(_("Громада ще не завантажила цей документ."))
    document.checked_at = timezone.now()
    document.checked_by = actor
    document.save(update_fields=["checked_at", "checked_by"])
    record("network.case_document_checked", actor=actor, target=case, document=document.pk)
    return document


@transaction.atomic
def add_meeting(
    actor: Any,
    case: ServiceCase,
    *,
    starts_at: dt.datetime,
    place: str = "",
    event_slug: str = "",
    note: str = "",
) -> CaseMeeting:
    """A meeting: an event of the events app (by its address) or a dated note with a place."""
    case = ServiceCase.objects.select_for_update().get(pk=case.pk)
    _may(actor, case, "network.work_on_case", "add_meeting")
    event = None
    if event_slug.strip():
        event = Event.objects.filter(slug=event_slug.strip()[:80]).first()
        if event is None:
            raise ActionRefused(_("Події з такою адресою немає."), field="event")
    place = clean_text(place, 300)
    if event is None and not place:
        raise ActionRefused(_("Вкажіть місце зустрічі або подію."), field="place")
    meeting = CaseMeeting.objects.create(
        case=case, starts_at=starts_at, place=place, event=event, note=clean_text(note)
    )
    record("network.case_meeting_added", actor=actor, target=case, meeting=meeting.pk)
    return meeting


@transaction.atomic
def add_note(actor: Any, case: ServiceCase, text: str) -> CaseNote:
    case = ServiceCase.objects.select_for_update().get(pk=case.pk)
    _may(actor, case, "network.note_case", "add_note")
    note = CaseNote.objects.create(
        case=case, author=actor, text=_required(text, _("Напишіть нотатку."), "text")
    )
    record("network.case_noted", actor=actor, target=case)
    return note


@transaction.atomic
def close_case(actor: Any, case: ServiceCase, outputs: str) -> ServiceCase:
    case = ServiceCase.objects.select_for_update().get(pk=case.pk)
    _may(actor, case, "network.work_on_case", "close")
    case.outputs = _required(outputs, _("Опишіть результати роботи."), "outputs")
    case.status = CaseStatus.CLOSED
    case.closed_at = timezone.now()
    case.save()
    record("network.case_closed", actor=actor, target=case)
    return case


@transaction.atomic
def answer_survey(actor: Any, case: ServiceCase, rating: int, comment: str = "") -> ServiceCase:
    """The community rates a closed case, once."""
    case = ServiceCase.objects.select_for_update().get(pk=case.pk)
    _may(actor, case, "network.survey_case", "survey")
    if case.survey_at is not None:
        raise ActionRefused(_("Громада вже заповнила опитування."))
    if not 1 <= rating <= 5:
        raise ActionRefused(_("Оцініть від 1 до 5."), field="rating")
    case.survey_rating = rating
    case.survey_comment = clean_text(comment)
    case.survey_at = timezone.now()
    case.save(update_fields=["survey_rating", "survey_comment", "survey_at"])
    record("network.case_surveyed", actor=actor, target=case, rating=rating)
    return case


@transaction.atomic
def add_working_group_member(
    actor: Any, network: Network, community: Community, *, name: str, role: str, email: str = ""
) -> WorkingGroupMember:
    """A named member; one with an account under that email sees the community's cases."""
    require_perm(actor, "network.manage_working_group", community)
    email = clean_text(email, 254).lower()
    member = WorkingGroupMember.objects.create(
        network=network,
        community=community,
        name=_required(name, _("Вкажіть ім'я."), "name", 200),
        role=_required(role, _("Вкажіть роль у робочій групі."), "role", 200),
        email=email,
        user=User.objects.filter(email__iexact=email).first() if email else None,
    )
    record("network.working_group_added", actor=actor, target=member, community=community)
    return member


@transaction.atomic
def remove_working_group_member(actor: Any, member: WorkingGroupMember) -> None:
    require_perm(actor, "network.manage_working_group", member.community)
    record("network.working_group_removed", actor=actor, target=member, community=member.community)
    member.delete()
