"""The bundled Pabulib sample covers what the conformance tests need in a fresh clone."""

from __future__ import annotations

from hromada.pb import read_pabulib

from .pb_oracle import BUNDLED


def test_bundled_sample_covers_each_ballot_kind_and_an_official_equal_shares_result() -> None:
    files = sorted(BUNDLED.glob("*.pb"))
    assert 4 <= len(files) <= 8
    assert all(path.stat().st_size < 200_000 for path in files)
    kinds = {read_pabulib(path).meta["vote_type"] for path in files}
    assert {"approval", "cumulative", "choose-1"} <= kinds
    equal_shares = [read_pabulib(p) for p in files if "equalshares" in read_pabulib(p).meta["rule"]]
    assert any(any(p.selected == 1 for p in e.projects) for e in equal_shares)
    readme = (BUNDLED / "README.md").read_text(encoding="utf-8")
    assert all(path.name in readme for path in files), "every bundled file names its source"
