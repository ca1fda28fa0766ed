"""The timeline of an event, declared once: before registration, registration, the wait for
the day, the event itself, and after. Actions, views and templates ask `TIMELINE`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from hromada.core.timeline import Phase, Timeline

PHASES = (
    Phase("announced", gettext_lazy("Анонс"), None, "registration_opens"),
    Phase(
        "registration",
        gettext_lazy("Реєстрація"),
        "registration_opens",
        "registration_closes",
    ),
    Phase("upcoming", gettext_lazy("Реєстрацію закрито"), "registration_closes", "starts_at"),
    Phase("running", gettext_lazy("Подія триває"), "starts_at", "ends_at"),
    Phase("past", gettext_lazy("Подія завершилася"), "ends_at", None),
)
BEFORE = {"announced", "registration", "upcoming"}

ALLOWS = {
    "register": {"registration"},
    "edit_registration": {"registration"},
    # Cancelling frees a seat for the next person: possible until the event starts.
    "cancel": BEFORE,
    "accept_offer": {"registration", "upcoming"},
    "leave_waitlist": BEFORE,
    "moderate": BEFORE,
    "reorder_waitlist": BEFORE,
    "check_in": {"upcoming", "running", "past"},
    "walk_in": {"upcoming", "running"},
    "mark_attended": {"running", "past"},
    "issue_certificates": {"past"},
    "record_outputs": {"running", "past"},
    "publish_materials": {"running", "past"},
    "send_reminders": BEFORE,
}

TIMELINE = Timeline(PHASES, ALLOWS)
