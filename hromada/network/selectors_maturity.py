"""Reads of the maturity pages: an assessment's scores per theme and overall, the anonymised
median of peers in the same size band, and the community's earlier rounds."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from hromada.network import maturity
from hromada.network.models_maturity import Assessment, AssessmentAnswer, Theme

THEMES = [theme.value for theme in Theme]
# Practices-base themes that match each maturity theme (links to /practices/?theme=...).
PRACTICE_THEMES = {
    "projects": "budget_process",
    "edemocracy": "e_democracy",
    "finance": "budget_process",
    "gender": "gender_policy",
    "economy": "local_economy",
    "social": "social_humanitarian",
}


def rated(answers: list[AssessmentAnswer]) -> list[maturity.Rated]:
    return [
        maturity.Rated(a.indicator.theme, a.indicator.weight, a.level, a.indicator.max_level)
        for a in answers
    ]


@dataclass
class ThemeRow:
    theme: str
    label: str
    score: Fraction | None
    peer: Fraction | None
    practices_theme: str


@dataclass
class Result:
    rows: list[ThemeRow]
    overall: Fraction
    weak: list[AssessmentAnswer]  # below half their scale: the recommendations
    history: list[tuple[Assessment, Fraction]]


def _scores_of(assessment: Assessment) -> dict[str, Fraction | None]:
    answers = list(assessment.answers.select_related("indicator"))
    return maturity.theme_scores(rated(answers), THEMES)


def peer_scores(assessment: Assessment) -> list[dict[str, Fraction | None]]:
    """Latest validated assessment of every other community of the same size band."""
    band = assessment.community.size_band
    latest: dict[int, Assessment] = {}
    others = (
        Assessment.objects.filter(
            network=assessment.network_id,
            status=Assessment.Status.VALIDATED,
            community__size_band=band,
        )
        .exclude(community=assessment.community_id)
        .order_by("created_at")
        .prefetch_related("answers__indicator")
    )
    for other in others:
        latest[other.community_id] = other
    return [
        maturity.theme_scores(rated(list(other.answers.all())), THEMES) for other in latest.values()
    ]


def assessment_result(assessment: Assessment) -> Result:
    answers = list(assessment.answers.select_related("indicator"))
    scores = maturity.theme_scores(rated(answers), THEMES)
    peers = (
        maturity.peer_medians(peer_scores(assessment), THEMES)
        if assessment.community.size_band
        else {}
    )
    labels = dict(Theme.choices)
    rows = [
        ThemeRow(t, str(labels[t]), scores[t], peers.get(t), PRACTICE_THEMES[t]) for t in THEMES
    ]
    weak = [a for a in answers if 2 * a.level < a.indicator.max_level]
    earlier = Assessment.objects.filter(
        network=assessment.network_id, community=assessment.community_id
    ).exclude(status=Assessment.Status.DRAFT)
    history: list[tuple[Assessment, Fraction]] = [
        (a, maturity.overall(rated(list(a.answers.select_related("indicator")))))
        for a in earlier.order_by("created_at")
    ]
    return Result(rows, maturity.overall(rated(answers)), weak, history)


def _svg_number(value: float) -> str:
    """A coordinate as SVG reads it: a dot for decimals whatever the page's language."""
    return f"{value:.1f}"


def bar_chart(rows: list[ThemeRow], width: int = 320) -> dict[str, Any]:
    """Geometry of the server-rendered SVG: one bar per theme, a tick for the peers' median.
    Numbers are strings so that the template's localisation never writes a decimal comma."""
    label_h, bar_h, gap = 16, 14, 10
    track = width - 40
    scale = track / 100
    bars = []
    for index, row in enumerate(rows):
        top = index * (label_h + bar_h + gap)
        length = float(row.score or 0) * scale
        bars.append(
            {
                "label": row.label,
                "label_y": str(top + 12),
                "bar_y": str(top + label_h),
                "bar_w": _svg_number(length),
                "score": row.score,
                "peer_x": None if row.peer is None else _svg_number(float(row.peer) * scale),
                "peer_y": str(top + label_h - 3),
                "text_x": _svg_number(length + 4),
                "text_y": str(top + label_h + 11),
            }
        )
    return {
        "bars": bars,
        "width": str(width),
        "track": str(track),
        "height": str(len(rows) * (label_h + bar_h + gap)),
        "bar_h": str(bar_h),
        "tick_h": str(bar_h + 6),
    }
