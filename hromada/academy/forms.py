"""Forms of the academy: a course and its lessons and quiz questions (authors), the quiz and
the assignment (learners), an expert's review. Forms parse; the actions decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hromada.academy.actions import CourseData
from hromada.academy.models import Course, QuizQuestion
from hromada.core.forms import WholeNumberField
from hromada.events.models import Event
from hromada.network.models_maturity import Theme


def _no_nul(text: str) -> str:
    return text.replace("\x00", "")


class CourseForm(forms.Form):
    title = forms.CharField(label=_("Назва"), max_length=200)
    summary = forms.CharField(
        label=_("Опис"), widget=forms.Textarea, required=False, max_length=20_000
    )
    themes = forms.MultipleChoiceField(
        label=_("Теми"),
        choices=Theme.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("За темами курс рекомендують громадам після оцінювання зрілості."),
    )
    access = forms.ChoiceField(label=_("Хто може записатися"), choices=Course.Access.choices)
    final = forms.ChoiceField(label=_("Підсумкове завдання"), choices=Course.Final.choices)
    pass_mark = WholeNumberField(
        label=_("Прохідний бал тесту, %"), min_value=1, max_value=100, initial=70
    )
    max_attempts = WholeNumberField(
        label=_("Скільки спроб тесту"), min_value=1, max_value=20, initial=3
    )
    assignment_brief = forms.CharField(
        label=_("Умова практичного завдання"),
        widget=forms.Textarea,
        required=False,
        max_length=20_000,
    )

    def clean_title(self) -> str:
        return _no_nul(self.cleaned_data["title"])

    def data_object(self) -> CourseData:
        values = dict(self.cleaned_data)
        values["summary"] = _no_nul(values["summary"])
        values["assignment_brief"] = _no_nul(values["assignment_brief"])
        return CourseData(**values)

    @staticmethod
    def initial_of(course: Course) -> dict[str, Any]:
        names = (
            "title",
            "summary",
            "themes",
            "access",
            "final",
            "pass_mark",
            "max_attempts",
            "assignment_brief",
        )
        return {name: getattr(course, name) for name in names}


class LessonForm(forms.Form):
    title = forms.CharField(label=_("Назва уроку"), max_length=200)
    body = forms.CharField(
        label=_("Текст уроку"), widget=forms.Textarea, required=False, max_length=50_000
    )
    video_url = forms.URLField(
        label=_("Посилання на відео"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("Слухачі відкриють його самі: сторінка не вбудовує чужий програвач."),
    )
    event: forms.ModelChoiceField[Event] = forms.ModelChoiceField(
        label=_("Жива сесія (подія)"), queryset=Event.objects.none(), required=False
    )
    attachment = forms.FileField(
        label=_("Додати файл (PDF, DOCX, ODT, зображення)"), required=False
    )

    def __init__(self, *args: Any, events: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = events  # type: ignore[attr-defined]

    def clean_title(self) -> str:
        return _no_nul(self.cleaned_data["title"])

    def clean_body(self) -> str:
        return _no_nul(self.cleaned_data["body"])


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("Питання"), max_length=500)
    choices = forms.CharField(
        label=_("Варіанти відповіді"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=3000,
        help_text=_("Кожен варіант з нового рядка; правильний позначте зірочкою на початку: *Так"),
    )

    def clean_text(self) -> str:
        return _no_nul(self.cleaned_data["text"])

    def parsed_choices(self) -> list[tuple[str, bool]]:
        lines = [line.strip() for line in _no_nul(self.cleaned_data["choices"]).splitlines()]
        return [(line.lstrip("*").strip(), line.startswith("*")) for line in lines if line]


class QuizForm(forms.Form):
    def __init__(self, *args: Any, questions: list[QuizQuestion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for number, question in enumerate(questions, start=1):
            self.fields[f"q{question.pk}"] = forms.TypedChoiceField(
                label=f"{number}. {question.text}",
                choices=[(str(c.pk), c.text) for c in question.choices.all()],
                widget=forms.RadioSelect,
                coerce=int,
                required=False,
            )

    def answers(self) -> dict[int, int | None]:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") or None for q in self.questions}


class AssignmentForm(forms.Form):
    text = forms.CharField(
        label=_("Ваша відповідь"), widget=forms.Textarea, required=False, max_length=50_000
    )
    file = forms.FileField(label=_("Файл (PDF, DOCX, ODT, зображення)"), required=False)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Рішення"),
        choices=[("pass", _("Зарахувати")), ("return", _("Повернути на доопрацювання"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Коментар для слухача"), widget=forms.Textarea, required=False, max_length=5000
    )
