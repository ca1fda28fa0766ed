"""Load the demo community. Safe to run again: it refreshes the demo processes' dates so the
current one is always in voting, and never duplicates rows."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import DateField, ExpressionWrapper, F
from django.utils import timezone

from hromada.accounts import actions as account_actions
from hromada.accounts.models import RegisterUpload, User, Verification
from hromada.budgeting import actions
from hromada.budgeting.models import Process, Project, ProjectStatusChange, SubBudget
from hromada.communities.models import Community, PlatformRole, Settlement, StaffRole
from hromada.core.identifiers import rnokpp_with_check_digit as rnokpp
from hromada.demo import content, double_entry, paper, regulation, supporters
from hromada.demo import results as demo_results
from hromada.demo.academy import load_academy
from hromada.demo.events import load_events
from hromada.demo.hub_events import load_hub_events
from hromada.demo.network import load_network
from hromada.demo.timeline import dates_for_phase
from hromada.practices.actions import import_practices
from hromada.practices.importing import parse_jsonl
from hromada.practices.models import Practice

DEMO_PRACTICES = Path(__file__).resolve().parents[3] / "practices" / "demo" / "practices.jsonl"

CURRENT, FINISHED = "vyshneva-2026", "vyshneva-2025"


class Command(BaseCommand):
    help = "Load the demo community, processes and accounts (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            community = self.community()
            accounts = self.accounts(community)
            voters = self.voters(community, 240)
            self.verify_residents(accounts, voters, community)
            if not Process.objects.filter(slug=FINISHED).exists():
                self.process(community, accounts, voters, FINISHED, finished=True)
            if not Process.objects.filter(slug=CURRENT).exists():
                self.process(community, accounts, voters[:90], CURRENT, finished=False)
            self.keep_current(Process.objects.get(slug=CURRENT))
            regulation.load(community, accounts)
            supporters.load(community, accounts, voters)
            self.paper(community, accounts, Process.objects.get(slug=CURRENT), prefix="32")
            self.practices(accounts["editor"])
            load_network(community)
            load_events(community, accounts["admin"], accounts["operator"], voters)
            load_hub_events(voters[40:60])
            load_academy()
        self.stdout.write(self.style.SUCCESS("Демо завантажено / Demo loaded"))
        self.stdout.write(
            f"Пароль усіх демо-акаунтів / password of every demo account: {content.DEMO_PASSWORD}"
        )
        for email, name, role in content.ACCOUNTS:
            self.stdout.write(f"  {email:36} {role or 'resident':9} {name}")
        self.stdout.write(
            "Працівники входять із кодом TOTP / staff log in with a TOTP code: "
            "`python manage.py demo_totp EMAIL` prints the current one, or add the secret "
            f"{content.DEMO_TOTP_SECRET} to an authenticator app."
        )

    def community(self) -> Community:
        community, _ = Community.objects.get_or_create(
            slug=content.COMMUNITY["slug"], defaults=content.COMMUNITY
        )
        for name, kind in content.SETTLEMENTS:
            Settlement.objects.get_or_create(
                community=community, name=name, defaults={"kind": kind}
            )
        return community

    def accounts(self, community: Community) -> dict[str, User]:
        made = {}
        for email, full_name, role in content.ACCOUNTS:
            user = self.user(email, full_name, community, content.DEMO_PASSWORD)
            if role == "editor":
                PlatformRole.objects.get_or_create(
                    user=user, role=PlatformRole.Role.PRACTICES_EDITOR
                )
            elif role:
                StaffRole.objects.get_or_create(user=user, community=community, role=role)
            if (
                role
                and not Authenticator.objects.filter(
                    user=user, type=Authenticator.Type.TOTP
                ).exists()
            ):
                # Staff roles count only with TOTP on; the demo's secret is public on purpose.
                TOTP.activate(user, content.DEMO_TOTP_SECRET)
            made[role or "resident"] = user
        return made

    def user(
        self, email: str, full_name: str, community: Community, password: str | None = None
    ) -> User:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email, password, full_name=full_name, birth_year=1988,
                community=community, settlement=community.settlements.first(),
            )  # fmt: skip
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        return user

    def voters(self, community: Community, count: int) -> list[User]:
        # Voters never log in: no password, so loading skips the slow password hashing.
        return [
            self.user(f"voter{i:03d}@demo.hromada.localhost", f"Жителька {i}", community)
            for i in range(count)
        ]

    def verify_residents(
        self, accounts: dict[str, User], voters: list[User], community: Community
    ) -> None:
        """The admin uploads the community register; residents verify against it, as in life."""
        people = [(accounts["resident"], rnokpp("300000000"), 1988)]
        people += [(v, rnokpp(f"31{i:07d}"), 1950 + i % 58) for i, v in enumerate(voters)]
        if not RegisterUpload.objects.filter(community=community).exists():
            rows = "".join(f"{identifier},{year}\n" for _user, identifier, year in people)
            staged = account_actions.upload_register(
                accounts["admin"], community, filename="demo-register.csv",
                content=f"identifier,birth_year\n{rows}".encode(),
            )  # fmt: skip
            account_actions.confirm_register_upload(accounts["admin"], community, staged.pk)
        for user, identifier, _year in people:
            if not Verification.objects.filter(user=user, community=community).exists():
                account_actions.verify_by_register(user, community, identifier)

    def process(
        self, community: Community, accounts: dict[str, User], voters: list[User], slug: str,
        *, finished: bool,
    ) -> None:  # fmt: skip
        """Build a process the way a real one runs: submit, review, vote — moving its dates
        forward through the phases, so every row is written by the real actions."""
        year = 2025 if finished else 2026
        projects = content.FINISHED_PROJECTS if finished else content.CURRENT_PROJECTS
        small, large = (600_000, 2_400_000) if not finished else (500_000, 2_000_000)
        process = actions.create_process(
            accounts["admin"], community,
            [
                actions.SubBudgetSpec("Малі проєкти", small * 100, 400_000 * 100, "approval", 3),
                actions.SubBudgetSpec(  # from just above the small limit: the ranges don't overlap
                    "Великі проєкти", large * 100, large * 100, "knapsack", min_cost=40_000_001
                ),
            ],
            title=f"Бюджет участі {year}", slug=slug, total_budget=(small + large) * 100,
            description="Жителі громади пропонують, як витратити частину бюджету, і голосують "
            "за найкращі ідеї. Голосувати можуть жителі від 16 років.",
            tie_breaking=Process.TieBreaking.SUBMISSION, **dates_for_phase("submission"),
        )  # fmt: skip
        sub_budgets = list(process.sub_budgets.all())
        authors = [accounts["resident"], *voters[:8]]
        made = []
        for i, (title, text, cost, place, sb) in enumerate(projects):
            made.append(actions.submit_project(
                authors[i % len(authors)], process, sub_budget_id=sub_budgets[sb].pk, title=title,
                description=text, cost=cost * 100, location=place,
            ))  # fmt: skip
        self.move(process, "review")
        for project in made:
            actions.review_project(accounts["reviewer"], project, decision="admit")
        if not finished:  # the current vote's paper ballots are keyed in twice
            double_entry.require(process, accounts["admin"])
        self.move(process, "voting")
        if not finished:
            double_entry.date_the_change(process)
        rng = random.Random(slug)  # noqa: S311 -- the same demo every time, not a secret
        for voter in voters:
            self.cast(voter, process, sub_budgets, rng)
        if finished:  # paper ballots, then counted by equal shares, approved, winners implemented
            self.paper(process.community, accounts, process, prefix="33")
            demo_results.finish(process, accounts, self.move)

    def cast(
        self, voter: User, process: Process, sub_budgets: list[SubBudget], rng: random.Random
    ) -> None:
        choices: dict[int, list[int]] = {}
        for sb in sub_budgets:
            admitted = list(sb.projects.filter(status=Project.Status.ADMITTED))
            weights = [len(admitted) - i for i in range(len(admitted))]
            picks: list[Project] = []
            for project in rng.choices(admitted, weights=weights, k=3):
                budget_ok = sum(p.cost for p in picks) + project.cost <= sb.amount
                if project not in picks and (sb.max_choices or 99) > len(picks) and budget_ok:
                    picks.append(project)
            choices[sb.pk] = [p.pk for p in picks]
        actions.cast_ballot(voter, process, choices)

    def paper(
        self, community: Community, accounts: dict[str, User], process: Process, prefix: str
    ) -> None:
        """Service points and paper ballots keyed in by the operator (hromada/demo/paper.py)."""
        points = paper.service_points(community, accounts["admin"])
        paper.enter_ballots(
            process, accounts["operator"], points, prefix=prefix, count=24,
            second=accounts["admin"],
        )  # fmt: skip

    def move(self, process: Process, phase: str, days_ago: int = 0) -> None:
        """Shift a process (and its history) into `phase`."""
        dates = dates_for_phase(phase, timezone.now() - timedelta(days=days_ago))
        shift = dates["submission_start"] - process.submission_start
        Process.objects.filter(pk=process.pk).update(**dates)
        ProjectStatusChange.objects.filter(project__process=process).update(at=F("at") + shift)
        process.projects.update(submitted_at=F("submitted_at") + shift)
        # Who voted keeps only the day (the anonymous ballots keep no time at all).
        day_shift = timedelta(days=round(shift.total_seconds() / 86400))
        process.participations.update(
            day=ExpressionWrapper(F("day") + day_shift, output_field=DateField())
        )
        process.refresh_from_db()

    def practices(self, editor: User) -> None:
        """The practices base's demo entries, imported as the hub would import them."""
        parsed = parse_jsonl(DEMO_PRACTICES)
        if parsed.errors:
            raise CommandError("\n".join(parsed.errors))
        if not Practice.objects.filter(title=parsed.rows[0].title).exists():
            import_practices(editor, parsed.rows, related=parsed.related)

    def keep_current(self, process: Process) -> None:
        """The demo's current process stays in its voting phase whenever the demo is loaded."""
        if process.voting_end <= timezone.now() or process.voting_start > timezone.now():
            self.move(process, "voting")
