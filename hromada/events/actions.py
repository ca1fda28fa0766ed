"""The organiser's writes: events, programme, registration questions, forum outputs, fair
exhibitors, materials and messages to registrants. Registrations are in
`actions_registration.py`, the door (check-in, attendance, certificates) in `actions_checkin.py`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.communities.models import Community
from hromada.core import audit
from hromada.core.errors import ActionRefused, require_perm
from hromada.events.contributions import forget_home_events
from hromada.events.models import Event, Exhibitor, ForumOutput, Question, Registration, Session
from hromada.events.phases import TIMELINE
from hromada.events.tasks import email_registrants as email_task
from hromada.events.tasks import schedule_reminders
from hromada.network.models import Network

EDITABLE = (
    "title",
    "kind",
    "format",
    "description",
    "organisers",
    "partners",
    "language",
    "audience",
    "venue",
    "online_url",
    "online_access_code",
    "capacity",
    "max_group_size",
    "group_policy",
    "offer_hours",
    "moderated",
    "invitation_only",
    "invitation_code",
    "consent_purpose",
    "export_emails",
    "reminder_hours",
    "registration_opens",
    "registration_closes",
    "starts_at",
    "ends_at",
    "parent",
    "choose_sessions",
)


def _check_dates(values: dict[str, Any]) -> None:
    opens, closes = values["registration_opens"], values["registration_closes"]
    starts, ends = values["starts_at"], values["ends_at"]
    if not (opens <= closes <= starts < ends):
        raise ActionRefused(
            _("Дати мають іти по черзі: відкриття реєстрації, її закриття, початок, кінець."),
            field="registration_closes",
        )
    if values.get("format") != Event.Format.VENUE and not values.get("online_url"):
        raise ActionRefused(
            _("Для онлайн-події вкажіть посилання для підключення."), field="online_url"
        )
    if values.get("format") != Event.Format.ONLINE and not values.get("venue"):
        raise ActionRefused(_("Вкажіть місце проведення."), field="venue")


@transaction.atomic
def create_event(actor: Any, organiser: Community | Network, *, slug: str, **values: Any) -> Event:
    """A new event of a community or, for a hub event, of a network."""
    hub = isinstance(organiser, Network)
    require_perm(actor, "events.create_hub_event" if hub else "events.create_event", organiser)
    community = organiser if isinstance(organiser, Community) else None
    network = organiser if isinstance(organiser, Network) else None
    _check_dates(values)
    if Event.objects.filter(slug=slug).exists():
        raise ActionRefused(_("Подія з такою адресою вже є."), field="slug")
    parent = values.get("parent")
    if parent is not None and not actor.has_perm("events.manage_event", parent):
        raise ActionRefused(_("Серію веде інший організатор."), field="parent")
    event = Event.objects.create(
        community=community,
        network=network,
        slug=slug,
        **{k: v for k, v in values.items() if k in EDITABLE},
    )
    audit.record("events.create", actor=actor, target=event, community=event.community)
    transaction.on_commit(forget_home_events)
    schedule_reminders(event)
    return event


@transaction.atomic
def update_event(actor: Any, event: Event, **values: Any) -> Event:
    require_perm(actor, "events.manage_event", event)
    merged = {name: getattr(event, name) for name in EDITABLE} | values
    _check_dates(merged)
    if event.capacity is not None and values.get("capacity") is not None:
        from hromada.events.selectors import seats_taken

        if values["capacity"] < seats_taken(event):
            raise ActionRefused(_("Місць не може бути менше, ніж уже зайнято."), field="capacity")
    moved = values.get("starts_at", event.starts_at) != event.starts_at
    for name, value in values.items():
        if name in EDITABLE:
            setattr(event, name, value)
    event.save()
    audit.record(
        "events.update", actor=actor, target=event, community=event.community, fields=sorted(values)
    )
    transaction.on_commit(forget_home_events)
    if moved or "reminder_hours" in values:
        schedule_reminders(event)
    if "capacity" in values:
        from hromada.events.actions_registration import _free_seats_changed, _lock

        _free_seats_changed(_lock(event))
    return event


@transaction.atomic
def add_session(
    actor: Any,
    event: Event,
    *,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    room: str = "",
    speakers: str = "",
    materials_url: str = "",
    capacity: int | None = None,
) -> Session:
    require_perm(actor, "events.manage_event", event)
    if not (starts_at < ends_at):
        raise ActionRefused(_("Сесія має закінчуватися після початку."), field="ends_at")
    session = Session.objects.create(
        event=event,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        room=room,
        speakers=speakers,
        materials_url=materials_url,
        capacity=capacity,
    )
    audit.record("events.add_session", actor=actor, target=session, community=event.community)
    return session


@dataclass
class QuestionData:
    label: str
    kind: str
    required: bool = False
    choices: list[str] = field(default_factory=list)
    exported: bool = False


def _check_question(data: QuestionData) -> None:
    if data.kind not in Question.Kind.values:
        raise ActionRefused(_("Невідомий тип питання."), field="kind")
    needs_options = data.kind in {Question.Kind.CHOICE, Question.Kind.MULTIPLE}
    if needs_options and len([c for c in data.choices if c.strip()]) < 2:
        raise ActionRefused(_("Дайте щонайменше два варіанти відповіді."), field="choices")


def _answered(question: Question) -> QuerySet[Registration]:
    return question.event.registrations.filter(answers__has_key=str(question.pk))


@transaction.atomic
def add_question(actor: Any, event: Event, data: QuestionData) -> Question:
    require_perm(actor, "events.manage_event", event)
    _check_question(data)
    if event.registrations.exists() and data.required:
        raise ActionRefused(
            _("Люди вже зареєструвалися: нове питання може бути лише необов'язковим."),
            field="required",
        )
    last = event.questions.aggregate(last=Max("position"))["last"] or 0
    question = Question.objects.create(
        event=event,
        position=last + 1,
        label=data.label,
        kind=data.kind,
        required=data.required,
        exported=data.exported,
        choices="\n".join(c.strip() for c in data.choices if c.strip()),
    )
    audit.record("events.add_question", actor=actor, target=question, community=event.community)
    return question


@transaction.atomic
def update_question(actor: Any, question: Question, data: QuestionData) -> Question:
    """Edit a question. Until someone has answered it, anything may change. After that the
    answers given must keep their meaning and the consent they were given under: the wording
    may be corrected and options added, but the type stays, options people chose stay, the
    question may not become required (they registered without it) and answers given while it
    was outside the export do not join the export."""
    require_perm(actor, "events.manage_event", question.event)
    _check_question(data)
    question = Question.objects.select_for_update().get(pk=question.pk)
    options = [c.strip() for c in data.choices if c.strip()]
    answered = list(_answered(question).values_list("answers", flat=True))
    if answered:
        if data.kind != question.kind:
            raise ActionRefused(_("На питання вже відповіли: тип змінити не можна."), field="kind")
        if data.required and not question.required:
            raise ActionRefused(
                _("Люди вже зареєструвалися: питання не може стати обов'язковим."),
                field="required",
            )
        if data.exported and not question.exported:
            raise ActionRefused(
                _("Відповіді вже дано без згоди на експорт: додати питання в експорт не можна."),
                field="exported",
            )
        chosen = _chosen_options(question, answered)
        dropped = sorted(chosen - set(options))
        if question.options and dropped:
            raise ActionRefused(
                _("Варіант «%(option)s» уже обрали: його не можна прибрати чи перейменувати.")
                % {"option": dropped[0]},
                field="choices",
            )
    question.label = data.label
    question.kind = data.kind
    question.required = data.required
    question.exported = data.exported
    question.choices = "\n".join(options)
    question.save()
    audit.record(
        "events.update_question",
        actor=actor,
        target=question,
        community=question.event.community,
        answered=len(answered),
    )
    return question


def _chosen_options(question: Question, answered: list[dict[str, Any]]) -> set[str]:
    chosen: set[str] = set()
    for answers in answered:
        value = answers.get(str(question.pk))
        chosen.update(value if isinstance(value, list) else [str(value)])
    return chosen


@transaction.atomic
def move_question(actor: Any, question: Question, *, up: bool) -> None:
    """Move a question one place up or down the form (answers are kept by question)."""
    require_perm(actor, "events.manage_event", question.event)
    ordered = list(question.event.questions.select_for_update().order_by("position", "pk"))
    index = next(i for i, q in enumerate(ordered) if q.pk == question.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(ordered):
        return
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, item in enumerate(ordered, start=1):
        item.position = position
    Question.objects.bulk_update(ordered, ["position"])
    audit.record(
        "events.move_question",
        actor=actor,
        target=question,
        community=question.event.community,
        up=up,
    )


@transaction.atomic
def remove_question(actor: Any, question: Question) -> None:
    """Remove a question; the answers already given to it are erased with it (data kept only
    while it serves the purpose people agreed to)."""
    require_perm(actor, "events.manage_event", question.event)
    key = str(question.pk)
    answered = list(_answered(question).select_for_update())
    for registration in answered:
        registration.answers.pop(key, None)
    Registration.objects.bulk_update(answered, ["answers"])
    audit.record(
        "events.remove_question",
        actor=actor,
        target=question,
        community=question.event.community,
        label=question.label,
        answers_erased=len(answered),
    )
    question.delete()


@transaction.atomic
def record_output(
    actor: Any, event: Event, *, kind: str, text: str, proposed_by: str
) -> ForumOutput:
    require_perm(actor, "events.record_outputs", event)
    TIMELINE.require(event, "record_outputs")
    if kind not in ForumOutput.Kind.values:
        raise ActionRefused(_("Невідомий вид результату."), field="kind")
    output = ForumOutput.objects.create(event=event, kind=kind, text=text, proposed_by=proposed_by)
    audit.record("events.record_output", actor=actor, target=output, community=event.community)
    return output


@transaction.atomic
def forward_output(actor: Any, output: ForumOutput) -> ForumOutput:
    """Send a forum's output to its parent event's agenda, where it shows where it came from."""
    require_perm(actor, "events.record_outputs", output.event)
    parent = output.event.parent
    if parent is None:
        raise ActionRefused(_("Ця подія не є частиною серії."))
    if output.forwarded_to_id is not None:
        return output
    output.forwarded_to = parent
    output.forwarded_at = timezone.now()
    output.save(update_fields=["forwarded_to", "forwarded_at"])
    audit.record(
        "events.forward_output",
        actor=actor,
        target=output,
        community=output.event.community,
        to=parent.pk,
    )
    return output


@transaction.atomic
def add_exhibitor(
    actor: Any,
    event: Event,
    *,
    organisation: str,
    stand: str = "",
    description: str = "",
    practice_ids: list[int] | None = None,
) -> Exhibitor:
    require_perm(actor, "events.manage_event", event)
    exhibitor = Exhibitor.objects.create(
        event=event,
        organisation=organisation,
        stand=stand,
        description=description,
        practice_ids=sorted(set(practice_ids or [])),
    )
    audit.record("events.add_exhibitor", actor=actor, target=exhibitor, community=event.community)
    return exhibitor


@transaction.atomic
def publish_materials(
    actor: Any, event: Event, *, materials: str, recording_url: str, public: bool
) -> Event:
    require_perm(actor, "events.manage_event", event)
    TIMELINE.require(event, "publish_materials")
    event.materials, event.recording_url, event.materials_public = materials, recording_url, public
    event.save(update_fields=["materials", "recording_url", "materials_public"])
    audit.record(
        "events.publish_materials",
        actor=actor,
        target=event,
        community=event.community,
        public=public,
    )
    return event


@transaction.atomic
def email_registrants(
    actor: Any, event: Event, *, statuses: list[str], subject: str, message: str
) -> int:
    """Queue a message to the registrations in `statuses` (e.g. confirmed, waitlisted)."""
    require_perm(actor, "events.email_registrants", event)
    chosen = [s for s in statuses if s in Registration.Status.values]
    if not chosen:
        raise ActionRefused(_("Оберіть, кому написати."), field="statuses")
    ids = list(event.registrations.filter(status__in=chosen).values_list("pk", flat=True))
    email_task.enqueue(event_id=event.pk, registration_ids=ids, subject=subject, message=message)
    audit.record(
        "events.email_registrants",
        actor=actor,
        target=event,
        community=event.community,
        recipients=len(ids),
        subject=subject[:200],
    )
    return len(ids)
