"""List, and with --apply withdraw, residency granted by eID alone (see actions_identity)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hromada.accounts import actions_identity
from hromada.accounts.models import User, Verification
from hromada.budgeting.models import Participation
from hromada.communities.models import Community


class Command(BaseCommand):
    help = (
        "Residents verified by eID alone (method 'eid') were never shown to live in the "
        "community. List them per community; --apply withdraws their verification."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as", dest="actor", required=True, help="email of an admin")
        parser.add_argument("--community", help="slug; default: every community")
        parser.add_argument("--apply", action="store_true", help="withdraw, not just list")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = User.objects.filter(email__iexact=options["actor"]).first()
        if actor is None:
            raise CommandError(f"No account with email {options['actor']}")
        communities = Community.objects.order_by("slug")
        if options["community"]:
            communities = communities.filter(slug=options["community"])
        for community in communities:
            rows = Verification.objects.filter(community=community, method="eid")
            keys = list(rows.values_list("identifier_hash", flat=True))
            if not keys:
                continue
            ballots = Participation.objects.filter(process__community=community, voter_key__in=keys)
            self.stdout.write(
                f"{community.slug}: {len(keys)} verified by eID alone, "
                f"{ballots.count()} ballots cast by them (review these by hand)"
            )
            if options["apply"]:
                actions_identity.revoke_eid_only_verifications(actor, community)
                self.stdout.write(f"{community.slug}: withdrawn")
