"""Data for the deployment smoke test, written into the fresh database of a real server:
a community, a verified resident, a reviewer with TOTP, and a process in its voting phase
with one admitted project per sub-budget. Run as `python -m tests.deploy.seed`; prints JSON."""

from __future__ import annotations

import json

import django

django.setup()

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret  # noqa: E402

from hromada.accounts.actions import verify_in_person  # noqa: E402
from hromada.budgeting import actions  # noqa: E402
from hromada.budgeting.models import Process  # noqa: E402
from hromada.communities.models import StaffRole  # noqa: E402
from hromada.demo.timeline import dates_for_phase  # noqa: E402
from tests.factories import PASSWORD, CommunityFactory, UserFactory, make_process, staff  # noqa: E402


def seed() -> dict[str, object]:
    community = CommunityFactory.create(name="Смокова громада", slug="smoke")
    operator = staff(community, StaffRole.Role.OPERATOR, email="operator@smoke.test")
    # The reviewer's TOTP secret is one the test knows, to sign in with it on both servers.
    reviewer = staff(community, StaffRole.Role.REVIEWER, email="reviewer@smoke.test", totp=False)
    secret = generate_totp_secret()
    TOTP.activate(reviewer, secret)
    resident = UserFactory.create(email="resident@smoke.test")
    verify_in_person(
        operator, community, email=resident.email, identifier="3012345678", birth_year=1990
    )
    process = make_process(community, phase="submission")
    chosen = {}
    projects = []
    for sub_budget in process.sub_budgets.all():
        project = actions.submit_project(
            resident,
            process,
            sub_budget_id=sub_budget.pk,
            title=f"Лавки в парку ({sub_budget.name})",
            description="Поставити двадцять лавок уздовж алеї парку.",
            cost=10_000_000,
            location="Центральний парк",
        )
        projects.append(project)
        chosen[f"sb-{sub_budget.pk}"] = project.pk
    Process.objects.filter(pk=process.pk).update(**dates_for_phase("review"))
    for project in projects:
        actions.review_project(reviewer, project, decision="admit")
    Process.objects.filter(pk=process.pk).update(**dates_for_phase("voting"))
    return {
        "password": PASSWORD,
        "resident": resident.email,
        "reviewer": reviewer.email,
        "totp_secret": secret,
        "process": process.slug,
        "ballot": chosen,
    }


if __name__ == "__main__":
    print(json.dumps(seed()))
