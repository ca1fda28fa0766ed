"""The strict number reader every query string, form and file goes through."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hromada.core.forms import WholeNumberField
from hromada.core.params import INT32_MAX, INT64_MAX, has_nul, is_slug, parse_int, parse_page


@pytest.mark.parametrize(
    "raw", ["²", "١٢", "１２", "1_000", " 12", "12\n", "+5", "", "1.0", "\x00", "9" * 5000, None]
)
def test_only_ascii_digits_are_numbers(raw: object) -> None:
    assert parse_int(raw) is None


def test_bounds() -> None:
    assert parse_int("12") == 12
    assert parse_int("-3") == -3
    assert parse_int("-3", minimum=0) is None
    assert parse_int(str(INT64_MAX)) == INT64_MAX
    assert parse_int(str(INT64_MAX + 1)) is None
    assert parse_int(str(INT32_MAX + 1), maximum=INT32_MAX) is None


def test_page_falls_back_to_the_first() -> None:
    assert parse_page("3") == 3
    for raw in ["²", "0", "-1", "9" * 5000, str(2**40), "x"]:
        assert parse_page(raw) == 1


def test_slugs_and_nul() -> None:
    assert is_slug("vyshneva-2026")
    assert not is_slug("a\x00b") and not is_slug("") and not is_slug("a.b")
    assert has_nul("ok", "a\x00") and not has_nul("ok", None)


@given(st.text(max_size=30))
def test_parse_int_never_raises_and_agrees_with_ascii(raw: str) -> None:
    value = parse_int(raw)
    if value is not None:
        assert raw.lstrip("-").isascii() and raw.lstrip("-").isdigit()
        assert str(value) == raw.lstrip("0") or raw.strip("-0") == "" or int(raw) == value


@given(st.integers(min_value=-(2**70), max_value=2**70))
def test_parse_int_round_trips_in_range(number: int) -> None:
    expected = number if -(10**19) < number <= INT64_MAX else None
    assert parse_int(str(number)) == expected


@given(
    st.one_of(
        st.text(max_size=40),
        st.text(alphabet="0123456789²³¹١٢٣０１\x00 ", max_size=40),
        st.integers(min_value=10**18, max_value=10**30).map(str),
    )
)
def test_whole_number_field_only_ever_says_invalid(raw: str) -> None:
    field = WholeNumberField(min_value=0, max_value=INT32_MAX, required=False)
    try:
        value = field.clean(raw)
    except Exception as exc:
        from django.core.exceptions import ValidationError

        assert isinstance(exc, ValidationError)
    else:
        assert value is None or 0 <= value <= INT32_MAX


def test_unsigned_refuses_any_sign() -> None:
    assert parse_int("0", signed=False) == 0
    assert parse_int("17", signed=False) == 17
    assert parse_int("-0", signed=False) is None
    assert parse_int("-5", signed=False) is None
    assert parse_int("+5", signed=False) is None
