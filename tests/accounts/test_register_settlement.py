"""The register's optional settlement column: a register match then confirms the registered
residence in that settlement, which is what a residents-only sub-budget asks for."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from hromada.accounts import actions
from hromada.accounts.models import RegisterEntry, RegisterUpload, Verification
from hromada.accounts.register_csv import RegisterFileInvalid, settlement_key
from hromada.budgeting.eligibility import may_author
from hromada.budgeting.models import SubBudget
from hromada.communities.models import Settlement
from hromada.core.identifiers import hash_identifier, rnokpp_with_check_digit
from tests.conftest import Personas
from tests.factories import SettlementFactory, UserFactory, make_process

pytestmark = pytest.mark.django_db
Upload = Callable[[str], RegisterUpload]
ID_A = rnokpp_with_check_digit("301234567")
ID_B = rnokpp_with_check_digit("301234568")


@pytest.fixture
def villages(personas: Personas) -> tuple[Settlement, Settlement]:
    return (
        SettlementFactory.create(community=personas.community, name="Кам'янка"),
        SettlementFactory.create(community=personas.community, name="Вишневе"),
    )


def test_names_match_whatever_the_case_spaces_and_apostrophe() -> None:
    assert settlement_key("  кам’янка ") == settlement_key("КАМʼЯНКА") == "кам'янка"
    assert settlement_key("Нова  Вишнева") == "нова вишнева"


def test_the_settlement_column_is_kept_per_person(
    personas: Personas, villages: tuple[Settlement, Settlement], upload: Upload
) -> None:
    kamianka, vyshneve = villages
    upload(f"identifier;birth_year;settlement\n{ID_A};1980;КАМ’ЯНКА\n{ID_B};1990;\n")
    entries = dict(RegisterEntry.objects.values_list("identifier_hash", "settlement"))
    assert entries == {hash_identifier(ID_A): kamianka.pk, hash_identifier(ID_B): None}
    # Moving to another settlement is a change, like another birth year.
    staged = actions.upload_register(
        personas.admin,
        personas.community,
        filename="r.csv",
        content=f"identifier,birth_year,settlement\n{ID_A},1980,Вишневе\n{ID_B},1990,\n".encode(),
    )
    assert (staged.changed, staged.unchanged) == (1, 1)
    actions.confirm_register_upload(personas.admin, personas.community, staged.pk)
    moved = RegisterEntry.objects.get(identifier_hash=hash_identifier(ID_A))
    assert moved.settlement == vyshneve


def test_an_unknown_settlement_rejects_the_file_with_its_line(
    personas: Personas, villages: tuple[Settlement, Settlement]
) -> None:
    content = f"identifier,settlement\n{ID_A},Вишневе\n{ID_B},Яблунівка\n".encode()
    with pytest.raises(RegisterFileInvalid) as refused:
        actions.upload_register(personas.admin, personas.community, filename="r", content=content)
    assert refused.value.errors == [
        "Рядок 3: населеного пункту «Яблунівка» немає серед населених пунктів громади "
        "(Вишневе, Кам'янка). Виправте назву або залиште клітинку порожньою."
    ]
    assert not RegisterUpload.objects.exists()


def test_another_communitys_settlement_is_unknown(personas: Personas) -> None:
    SettlementFactory.create(community=personas.other, name="Яблунівка")
    content = f"identifier,settlement\n{ID_A},Яблунівка\n".encode()
    with pytest.raises(RegisterFileInvalid) as refused:
        actions.upload_register(personas.admin, personas.community, filename="r", content=content)
    assert "«Яблунівка» немає серед населених пунктів громади (—)" in refused.value.errors[0]


def test_a_register_match_satisfies_a_residents_only_sub_budget(
    personas: Personas, villages: tuple[Settlement, Settlement], upload: Upload
) -> None:
    kamianka, _vyshneve = villages
    upload(f"identifier,birth_year,settlement\n{ID_A},1980,Кам'янка\n{ID_B},1985,\n")
    process = make_process(personas.community, phase="submission")
    SubBudget.objects.filter(process=process, position=0).update(
        kind=SubBudget.Kind.SETTLEMENT, settlement=kamianka, residents_only=True
    )
    village = process.sub_budgets.get(position=0)
    local = UserFactory.create(community=personas.community)
    actions.verify_by_register(local, personas.community, ID_A)
    verification = Verification.objects.get(user=local)
    assert (verification.basis, verification.settlement) == ("registered", kamianka)
    assert may_author(local, process, village).allowed
    # Registered without a settlement in the file: a resident, but not shown to live there.
    unplaced = UserFactory.create(community=personas.community)
    actions.verify_by_register(unplaced, personas.community, ID_B)
    decision = may_author(unplaced, process, village)
    assert not decision.allowed and decision.rule == "settlement"
    assert may_author(unplaced, process).allowed  # the whole-community sub-budgets stay open
