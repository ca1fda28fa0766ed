"""What operators, reviewers and authors type, fuzzed: the paper-list, conclusion and appeal
forms and their actions answer odd input (Unicode digits, NUL bytes, huge numbers, very long
text) with a message, never an exception."""

from __future__ import annotations

import pytest
from hypothesis import given

from hromada.budgeting import actions_appeals, actions_review, actions_support
from hromada.budgeting.forms_review import AppealForm, ConclusionForm, PaperSupportForm
from hromada.budgeting.models import Project, ProjectSupport
from hromada.communities.models import StaffRole
from hromada.core.errors import ActionRefused
from tests.budgeting.conftest import move_to, submit, support_process
from tests.conftest import Personas
from tests.factories import make_process
from tests.test_fuzz_inputs import FUZZ, ODD_TEXT

pytestmark = pytest.mark.django_db


@FUZZ
@given(identifier=ODD_TEXT, birth_year=ODD_TEXT)
def test_paper_list_input_is_counted_or_refused(
    personas: Personas, identifier: str, birth_year: str
) -> None:
    process = support_process(personas.community, "submission")
    project = submit(process, personas.resident)
    form = PaperSupportForm({"identifier": identifier, "birth_year": birth_year})
    if not form.is_valid():
        return
    try:
        row = actions_support.enter_paper_support(personas.operator, project, **form.cleaned_data)
    except ActionRefused as refused:
        assert refused.message
    else:
        assert len(row.supporter_key) == 64 and "\x00" not in row.supporter_key
        assert ProjectSupport.objects.filter(pk=row.pk).exists()


@FUZZ
@given(cost=ODD_TEXT, reason=ODD_TEXT, ground=ODD_TEXT, land=ODD_TEXT)
def test_conclusion_input_is_saved_or_refused(
    personas: Personas, cost: str, reason: str, ground: str, land: str
) -> None:
    StaffRole.objects.filter(user=personas.reviewer).update(department="Відділ")
    process = make_process(personas.community)
    project = submit(process, personas.resident)
    assignment = actions_review.assign_review(personas.admin, project, department="Відділ")
    move_to(process, "review")
    form = ConclusionForm(
        {
            "feasibility": "yes",
            "legality": "yes",
            "land": land,
            "cost_estimate": cost,
            "recommendation": "reject",
            "ground": ground,
            "reason": reason,
        }
    )
    if not form.is_valid():
        return
    try:
        saved = actions_review.write_conclusion(personas.reviewer, assignment, **form.cleaned_data)
    except ActionRefused as refused:
        assert refused.message
    else:
        assert saved.cost_estimate is None or 0 < saved.cost_estimate <= actions_review.MAX_COST


@FUZZ
@given(text=ODD_TEXT)
def test_appeal_text_is_filed_or_refused(personas: Personas, text: str) -> None:
    process = make_process(personas.community)
    project = submit(process, personas.resident)
    move_to(process, "review")
    from hromada.budgeting import actions

    actions.review_project(
        personas.reviewer, project, decision="reject", comment="Ні", ground="law"
    )
    form = AppealForm({"text": text})
    if not form.is_valid():
        return
    try:
        appeal = actions_appeals.appeal_rejection(personas.resident, project, **form.cleaned_data)
    except ActionRefused as refused:
        assert refused.message
    else:
        assert appeal.text.strip() and Project.objects.get(pk=project.pk).appeals.count() == 1
