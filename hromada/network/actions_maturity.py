"""Writes of the maturity assessment: a community's self-assessment and an expert's validation.
Every one re-checks permission and leaves an audit entry."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.communities.models import Community
from hromada.core.audit import record
from hromada.core.errors import ActionRefused, require_perm
from hromada.network.models import Network
from hromada.network.models_maturity import Assessment, AssessmentAnswer, Indicator


@transaction.atomic
def start_assessment(actor: Any, network: Network, community: Community) -> Assessment:
    """A new round; an unfinished draft is reused instead of starting a second one."""
    require_perm(actor, "network.assess", community)
    draft = Assessment.objects.filter(
        network=network, community=community, status=Assessment.Status.DRAFT
    ).first()
    if draft is not None:
        return draft
    assessment = Assessment.objects.create(network=network, community=community, created_by=actor)
    record("network.assessment_started", actor=actor, target=assessment, community=community)
    return assessment


def _checked_level(indicator: Indicator, level: int | None) -> int:
    if level is None or not 0 <= level <= indicator.max_level:
        raise ActionRefused(
            _("Оберіть рівень «%(name)s» від 0 до %(max)s.")
            % {"name": indicator.title, "max": indicator.max_level},
            field=f"i{indicator.pk}",
        )
    return level


@transaction.atomic
def save_self_assessment(
    actor: Any,
    assessment: Assessment,
    levels: Mapping[int, int | None],
    evidence: Mapping[int, str],
    *,
    submit: bool,
) -> Assessment:
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    require_perm(actor, "network.assess", assessment.community)
    if assessment.status != Assessment.Status.DRAFT:
        raise ActionRefused(_("Це оцінювання вже надіслано на перевірку."))
    indicators = list(Indicator.objects.filter(network=assessment.network_id, active=True))
    for indicator in indicators:
        level = levels.get(indicator.pk)
        if level is None and not submit:
            continue
        AssessmentAnswer.objects.update_or_create(
            assessment=assessment,
            indicator=indicator,
            defaults={
                "self_level": _checked_level(indicator, level),
                "evidence": evidence.get(indicator.pk, "").replace("\x00", "").strip()[:5000],
            },
        )
    if submit:
        assessment.status = Assessment.Status.SUBMITTED
        assessment.submitted_at = timezone.now()
        assessment.save(update_fields=["status", "submitted_at"])
    record("network.self_assessed", actor=actor, target=assessment, submitted=submit)
    return assessment


@transaction.atomic
def validate_assessment(
    actor: Any,
    assessment: Assessment,
    levels: Mapping[int, int | None],
    comments: Mapping[int, str],
    conclusion: str,
) -> Assessment:
    """An expert confirms or adjusts each level (with a comment where they differ)."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    require_perm(actor, "network.validate_assessment", assessment)
    for answer in assessment.answers.select_related("indicator"):
        level = _checked_level(answer.indicator, levels.get(answer.indicator_id))
        comment = comments.get(answer.indicator_id, "").replace("\x00", "").strip()[:2000]
        if level != answer.self_level and not comment:
            raise ActionRefused(
                _("Поясніть, чому змінено рівень «%(name)s».") % {"name": answer.indicator.title},
                field=f"note{answer.indicator_id}",
            )
        answer.expert_level = level
        answer.expert_comment = comment
        answer.save(update_fields=["expert_level", "expert_comment"])
    assessment.status = Assessment.Status.VALIDATED
    assessment.validated_at = timezone.now()
    assessment.validated_by = actor
    assessment.expert_comment = conclusion.replace("\x00", "").strip()[:5000]
    assessment.save(update_fields=["status", "validated_at", "validated_by", "expert_comment"])
    record("network.assessment_validated", actor=actor, target=assessment)
    return assessment
