"""The timeline of a contest, declared once (see hromada.core.timeline): what each phase
allows. The board's announcement moves `announce_at` to the moment it is made."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from hromada.core.timeline import Phase, Timeline

PHASES: tuple[Phase, ...] = (
    Phase("draft", gettext_lazy("Підготовка"), None, "opens_at"),
    Phase("open", gettext_lazy("Прийом заявок"), "opens_at", "closes_at"),
    Phase("review", gettext_lazy("Оцінювання журі"), "closes_at", "review_ends_at"),
    Phase("selection", gettext_lazy("Вибір переможців"), "review_ends_at", "announce_at"),
    Phase("announced", gettext_lazy("Результати оголошено"), "announce_at", None),
)

CONTEST_TIMELINE = Timeline(
    PHASES,
    {
        "apply": {"open"},  # draft, edit, submit, withdraw an application
        "declare_conflicts": {"draft", "open", "review"},
        "score": {"review"},
        "see_ranking": {"review", "selection", "announced"},
        "select": {"selection"},
        "announce": {"selection"},
        "see_results": {"announced"},
        # While open only what is fair to change under applicants (network/actions_calls.py).
        "edit_call": {"draft", "open"},
    },
)
