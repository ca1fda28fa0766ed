"""Ballot secrecy: who voted (Participation) is stored apart from what was voted (Ballot).

The old ballot table held the voter, the time and the receipt beside the choices. Each old
ballot becomes a participation (person, channel, day) and an anonymous ballot with a random id
whose published id is derived from the same receipt, so receipts already handed out still work.
The anonymous ballots are written in a random order. Not reversible once ballots exist:
the link is gone.
"""

import hashlib
import hmac
import random
import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def _published_voter_id(receipt):
    # As hromada.budgeting.receipts.published_voter_id, frozen here as it was when written.
    key = hashlib.sha256(b"hromada-receipt:" + settings.IDENTIFIER_HASH_KEY.encode()).digest()
    return hmac.new(key, receipt.encode(), hashlib.sha256).hexdigest()[:16]


def keep_empty_only(apps, schema_editor):
    # Going back cannot join who voted to what was voted again: only an empty vote may.
    if apps.get_model("budgeting", "Participation").objects.exists():
        raise migrations.exceptions.IrreversibleError(
            "0005_ballot_secrecy cannot be reversed once ballots exist"
        )


def split_ballots(apps, schema_editor):
    Legacy = apps.get_model("budgeting", "LegacyBallot")
    Participation = apps.get_model("budgeting", "Participation")
    Ballot = apps.get_model("budgeting", "Ballot")
    BallotChoice = apps.get_model("budgeting", "BallotChoice")
    Through = Legacy.projects.through
    legacy = list(
        Legacy.objects.values("id", "process_id", "voter_id", "voter_key", "receipt", "cast_at")
    )
    choices = {}
    for ballot_id, project_id in Through.objects.values_list("legacyballot_id", "project_id"):
        choices.setdefault(ballot_id, []).append(project_id)
    Participation.objects.bulk_create(
        Participation(
            process_id=row["process_id"],
            voter_id=row["voter_id"],
            voter_key=row["voter_key"],
            channel="online",
            day=timezone.localtime(row["cast_at"]).date(),
        )
        for row in legacy
    )
    # The anonymous ballots in an order unrelated to the participations'.
    random.SystemRandom().shuffle(legacy)
    ballots, rows = [], []
    for row in legacy:
        ballot = Ballot(
            id=uuid.uuid4(),
            process_id=row["process_id"],
            public_id=_published_voter_id(row["receipt"]),
        )
        ballots.append(ballot)
        rows.extend(
            BallotChoice(id=uuid.uuid4(), ballot=ballot, project_id=pid)
            for pid in choices.get(row["id"], [])
        )
    Ballot.objects.bulk_create(ballots, batch_size=2000)
    BallotChoice.objects.bulk_create(rows, batch_size=5000)


class Migration(migrations.Migration):
    dependencies = [
        ("budgeting", "0008_implementation_milestones"),
        ("communities", "0003_practice_editors_group_to_platform_role"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="ballot", name="ballot_one_per_account"),
        migrations.RemoveConstraint(model_name="ballot", name="ballot_one_per_person"),
        migrations.RenameModel("Ballot", "LegacyBallot"),
        migrations.AlterField(
            model_name="legacyballot",
            name="voter",
            field=models.ForeignKey(
                on_delete=models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL
            ),
        ),
        migrations.AlterField(
            model_name="legacyballot",
            name="process",
            field=models.ForeignKey(
                on_delete=models.deletion.PROTECT, related_name="+", to="budgeting.process"
            ),
        ),
        migrations.AlterField(
            model_name="legacyballot",
            name="projects",
            field=models.ManyToManyField(related_name="+", to="budgeting.project"),
        ),
        migrations.AddField(
            model_name="process",
            name="receipt_line_lookup",
            field=models.BooleanField(
                default=True, verbose_name="показувати за квитанцією рядок в опублікованому файлі"
            ),
        ),
        migrations.CreateModel(
            name="Ballot",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("public_id", models.CharField(max_length=32)),
                (
                    "process",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="ballots",
                        to="budgeting.process",
                    ),
                ),
            ],
            options={"db_table": "budgeting_secret_ballot"},
        ),
        migrations.CreateModel(
            name="BallotChoice",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                (
                    "ballot",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="choices",
                        to="budgeting.ballot",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="budgeting.project",
                    ),
                ),
            ],
        ),
        migrations.AddField(
            model_name="ballot",
            name="projects",
            field=models.ManyToManyField(
                related_name="ballots", through="budgeting.BallotChoice", to="budgeting.project"
            ),
        ),
        migrations.CreateModel(
            name="ServicePoint",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="назва")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("cnap", "ЦНАП"),
                            ("library", "бібліотека"),
                            ("starosta", "старостат"),
                            ("school", "школа"),
                            ("other", "інше"),
                        ],
                        default="cnap",
                        max_length=20,
                        verbose_name="тип",
                    ),
                ),
                ("address", models.CharField(blank=True, max_length=300, verbose_name="адреса")),
                ("active", models.BooleanField(default=True, verbose_name="приймає бюлетені")),
                (
                    "community",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="service_points",
                        to="communities.community",
                    ),
                ),
                (
                    "settlement",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="service_points",
                        to="communities.settlement",
                        verbose_name="населений пункт",
                    ),
                ),
            ],
            options={
                "verbose_name": "пункт прийому бюлетенів",
                "verbose_name_plural": "пункти прийому бюлетенів",
                "ordering": ["community", "name"],
            },
        ),
        migrations.CreateModel(
            name="Participation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("voter_key", models.CharField(max_length=64)),
                (
                    "channel",
                    models.CharField(
                        choices=[("online", "онлайн"), ("paper", "паперовий бюлетень")],
                        default="online",
                        max_length=10,
                    ),
                ),
                ("day", models.DateField()),
                (
                    "entered_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "process",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="participations",
                        to="budgeting.process",
                    ),
                ),
                (
                    "voter",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="pb_participations",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "service_point",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="participations",
                        to="budgeting.servicepoint",
                    ),
                ),
            ],
        ),
        migrations.RunPython(split_ballots, keep_empty_only, elidable=False),
        migrations.DeleteModel(
            name="LegacyBallot",
        ),
        migrations.AddConstraint(
            model_name="ballotchoice",
            constraint=models.UniqueConstraint(
                fields=("ballot", "project"), name="ballot_choice_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="ballot",
            constraint=models.UniqueConstraint(
                fields=("process", "public_id"), name="ballot_public_id_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="servicepoint",
            constraint=models.UniqueConstraint(
                fields=("community", "name"), name="service_point_unique_name"
            ),
        ),
        migrations.AddConstraint(
            model_name="participation",
            constraint=models.UniqueConstraint(
                fields=("process", "voter"), name="ballot_one_per_account"
            ),
        ),
        migrations.AddConstraint(
            model_name="participation",
            constraint=models.UniqueConstraint(
                fields=("process", "voter_key"), name="ballot_one_per_person"
            ),
        ),
        migrations.AddConstraint(
            model_name="participation",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("channel", "online"),
                        ("service_point__isnull", True),
                        ("voter__isnull", False),
                    ),
                    models.Q(
                        ("channel", "paper"),
                        ("entered_by__isnull", False),
                        ("service_point__isnull", False),
                    ),
                    _connector="OR",
                ),
                name="participation_channel_fields",
            ),
        ),
    ]
