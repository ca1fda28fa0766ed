"""Receipts: kept by the voter, they show the ballot's choices and, once results are published,
its line in the published file. The vote POST itself makes a fixed, small number of queries."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from hromada.budgeting import actions
from hromada.budgeting.export import pabulib_text
from hromada.budgeting.models import Process
from hromada.budgeting.receipts import normalise_receipt, published_voter_id
from tests.budgeting.conftest import ballot, move_to, projects_of
from tests.conftest import Personas
from tests.factories import verified_resident

# The vote POST, statement by statement: the process with its community, the session (from the
# cache in production), the user, then one transaction (a savepoint in tests, counted twice
# here): the verification, the chosen projects, the participation, the ballot, its choices, the
# audit entry. Raise it only together with the statement it pays for.
VOTE_POST_QUERIES = 11


def _vote_data(process: Process) -> dict[str, list[int]]:
    small, large = projects_of(process, 0), projects_of(process, 1)
    return {
        f"sb-{small[0].sub_budget_id}": [small[0].pk, small[1].pk],
        f"sb-{large[0].sub_budget_id}": [large[1].pk, large[2].pk],
    }


def test_the_vote_post_makes_a_fixed_number_of_queries(
    client: Client, personas: Personas, voting_process: Process, django_assert_max_num_queries: Any
) -> None:
    client.force_login(personas.resident)
    url = f"/pb/{voting_process.slug}/vote/"
    data = _vote_data(voting_process)
    with (
        CaptureQueriesContext(connection) as queries,
        django_assert_max_num_queries(VOTE_POST_QUERIES),
    ):
        response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    statements = [q["sql"] for q in queries.captured_queries]
    # The verification is read once (it was read three times), the receipt is not saved in a
    # session (a second transaction on every ballot).
    assert sum('"accounts_verification"' in sql.split("WHERE")[0] for sql in statements) == 1
    assert not any("django_session" in sql and "UPDATE" in sql for sql in statements)


def test_receipt_shows_choices_then_the_published_line(
    client: Client, personas: Personas, voting_process: Process
) -> None:
    cast = actions.cast_ballot(
        personas.resident,
        voting_process,
        ballot(voting_process, projects_of(voting_process, 0)[:1], []),
    )
    others = [verified_resident(personas.community) for _ in range(3)]
    for person in others:
        actions.cast_ballot(
            person, voting_process, ballot(voting_process, [], projects_of(voting_process, 1)[1:2])
        )
    url = f"/pb/{voting_process.slug}/receipt/"
    # Typed as people do: lowercase, spaces, no dash.
    page = client.post(url, {"code": f" {cast.receipt.replace('-', ' ').lower()} "})
    text = page.content.decode()
    assert "Проєкт 1" in text and "Проєкт 5" not in text
    assert "буде враховано" in text.replace("Його буде враховано", "буде враховано")
    assert 'data-testid="published-line"' not in text
    move_to(voting_process, "implementation")
    assert client.get(f"/pb/{voting_process.slug}/results/").status_code == 200  # published
    after = client.post(url, {"code": cast.receipt}).content.decode()
    assert "буде враховано" not in after
    assert "враховано в результатах" in after
    voter_id = published_voter_id(cast.receipt)
    small_sb = voting_process.sub_budgets.order_by("position").first()
    assert small_sb is not None
    line = f"{voter_id};1"
    assert f'<code data-testid="published-line">{line}</code>' in after
    # The line is in the published file, under the id derived from the receipt.
    assert f"\n{line}\n" in pabulib_text(voting_process, small_sb)
    # Nobody else's id can be told from the file: only the receipt's holder finds theirs.
    assert voter_id not in pabulib_text(voting_process, small_sb).split(line)[0]
    Process.objects.filter(pk=voting_process.pk).update(receipt_line_lookup=False)
    off = client.post(url, {"code": cast.receipt}).content.decode()
    assert 'data-testid="published-line"' not in off
    assert "вимкнула пошук рядка" in off
    assert "Проєкт 1" in off


@pytest.mark.parametrize(
    "code", ["", "ABCDE", "ABCDE-FGHJ0", "\x00" * 11, "ＡＢＣＤＥ-ＦＧＨＪＫ", "9" * 5000]
)
def test_codes_that_are_no_receipt_are_not_found(
    client: Client, personas: Personas, voting_process: Process, code: str
) -> None:
    response = client.post(f"/pb/{voting_process.slug}/receipt/", {"code": code})
    assert response.status_code == 200
    assert b'data-testid="receipt-check"' not in response.content
    assert b"\x00" not in response.content


def test_normalise_receipt() -> None:
    assert normalise_receipt(" abcde fghjk ") == "ABCDE-FGHJK"
    assert normalise_receipt("ABCDEFGHJK") == "ABCDE-FGHJK"
    assert normalise_receipt("ABCDE-FGHJ") is None
    assert normalise_receipt("١٢٣٤٥-٦٧٨٩٠") is None


def test_receipt_check_queries_do_not_grow(
    client: Client, personas: Personas, voting_process: Process, django_assert_max_num_queries: Any
) -> None:
    cast = actions.cast_ballot(
        personas.resident,
        voting_process,
        ballot(voting_process, projects_of(voting_process, 0)[:2], []),
    )
    url = f"/pb/{voting_process.slug}/receipt/"
    counts = []
    for more in (3, 30):
        for _ in range(more):
            actions.cast_ballot(
                verified_resident(personas.community),
                voting_process,
                ballot(voting_process, projects_of(voting_process, 0)[:1], []),
            )
        with CaptureQueriesContext(connection) as queries, django_assert_max_num_queries(3):
            assert client.post(url, {"code": cast.receipt}).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_receipt_is_sent_to_ones_own_address(
    client: Client, personas: Personas, voting_process: Process
) -> None:
    cast = actions.cast_ballot(
        personas.resident,
        voting_process,
        ballot(voting_process, projects_of(voting_process, 0)[:1], []),
    )
    client.force_login(personas.resident)
    url = f"/pb/{voting_process.slug}/receipt/email/"
    mail.outbox.clear()  # the project review notices of the fixture
    client.post(url, {"code": cast.receipt})
    assert [m.to for m in mail.outbox] == [[personas.resident.email]]
    assert cast.receipt in mail.outbox[0].body
    response = client.post(url, {"code": "ZZZZZ-ZZZZZ"}, follow=True)
    assert "немає".encode() in response.content
    assert len(mail.outbox) == 1
    client.logout()
    assert client.post(url, {"code": cast.receipt}).status_code == 302  # to the login page
    assert len(mail.outbox) == 1
