"""Forms of the maturity assessment: the community's levels with evidence, the expert's."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hromada.network.models_maturity import AssessmentAnswer, Indicator


def _levels(indicator: Indicator) -> list[tuple[str, str]]:
    return [("", "—")] + [(str(n), str(n)) for n in range(indicator.max_level + 1)]


class SelfAssessmentForm(forms.Form):
    def __init__(
        self,
        *args: Any,
        indicators: list[Indicator],
        answers: dict[int, AssessmentAnswer],
        **kw: Any,
    ) -> None:
        super().__init__(*args, **kw)
        self.indicators = indicators
        for indicator in indicators:
            answer = answers.get(indicator.pk)
            self.fields[f"i{indicator.pk}"] = forms.TypedChoiceField(
                label=indicator.title,
                help_text=indicator.guidance,
                choices=_levels(indicator),
                coerce=int,
                empty_value=None,
                required=False,
                initial=str(answer.self_level) if answer else "",
            )
            self.fields[f"ev{indicator.pk}"] = forms.CharField(
                label=_("Підтвердження: %(what)s") % {"what": indicator.evidence or "—"},
                required=False,
                max_length=5000,
                initial=answer.evidence if answer else "",
            )

    def levels(self) -> dict[int, int | None]:
        return {i.pk: self.cleaned_data[f"i{i.pk}"] for i in self.indicators}

    def evidence(self) -> dict[int, str]:
        return {i.pk: self.cleaned_data[f"ev{i.pk}"] for i in self.indicators}


class ValidationForm(forms.Form):
    def __init__(self, *args: Any, answers: list[AssessmentAnswer], **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.answers = answers
        for answer in answers:
            indicator = answer.indicator
            self.fields[f"v{indicator.pk}"] = forms.TypedChoiceField(
                label=_("%(title)s — громада: %(level)s")
                % {"title": indicator.title, "level": answer.self_level},
                choices=_levels(indicator)[1:],
                coerce=int,
                initial=str(answer.level),
            )
            self.fields[f"note{indicator.pk}"] = forms.CharField(
                label=_("Коментар експерта"),
                required=False,
                max_length=2000,
                initial=answer.expert_comment,
            )
        self.fields["conclusion"] = forms.CharField(
            label=_("Висновок і рекомендації"),
            required=False,
            max_length=5000,
            widget=forms.Textarea(attrs={"rows": 4}),
        )

    def levels(self) -> dict[int, int | None]:
        return {a.indicator_id: self.cleaned_data[f"v{a.indicator_id}"] for a in self.answers}

    def comments(self) -> dict[int, str]:
        return {a.indicator_id: self.cleaned_data[f"note{a.indicator_id}"] for a in self.answers}
