"""`quote tariff show`."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import DKV_PATH, Invoke


def test_show_table_as_written(run: Invoke) -> None:
    result = run("tariff", "show")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "DKV0028 3.4 2024/06" in out
    assert "71-" in out and "5 054,00 kr" in out and "550,00 kr" in out
    assert "Självrisk 500 kr: -210 kr/mån, 1 000 kr: -340 kr/mån" in out
    assert "Psykolog" in out  # contents table


def test_show_indexed(run: Invoke) -> None:
    result = run("tariff", "show", "--on", "2025-03-01")
    assert result.exit_code == 0, result.output
    assert "× 1,015978" in result.stdout
    assert "1 085,00 kr" in result.stdout  # Plus 31-35 indexed


def test_show_json(run: Invoke) -> None:
    data = json.loads(run("tariff", "show", "--json").stdout)
    assert data["index_factor"] is None
    assert data["brackets"][0] == "0-15" and data["brackets"][-1] == "71-"
    assert data["products"]["plus"]["premiums"]["31-35"] == "1068.00"
    assert len([v for p in data["products"].values() for v in p["premiums"].values()]) == 39
    indexed = json.loads(run("tariff", "show", "--on", "2025-03-01", "--json").stdout)
    assert indexed["index_factor"] == "1.015978"
    assert indexed["products"]["topp"]["premiums"]["71-"] == "5135.00"


def test_show_bad_input(run: Invoke) -> None:
    result = run("tariff", "show", "--on", "2024-02-30", "--lang", "en")
    assert result.exit_code == 2 and "--on: '2024-02-30' is not a real calendar date" in \
        result.stderr
    result = run("tariff", "show", "--on", "2024-01-01", "--lang", "en")
    assert result.exit_code == 2 and "--on: 2024-01-01 is before any tariff" in result.stderr
    result = run("tariff", "show", "--tariffs", "/nonexistent")
    assert result.exit_code == 2


def test_impact_reads_a_book_as_renew_does(run: Invoke, tmp_path: Path) -> None:
    """A ragged row is a reject of its own in both; a file that is no book is refused by
    both, in one line."""
    book = tmp_path / "book.csv"
    book.write_text("policy_id,product,birth_date,renewal_date,deductible,smoker\n"
                    "P1,plus,1990-05-01,2025-03-01,0,false\n"
                    "P2,plus,1990-05-01,2025-03-01,0,false,extra,more\n")
    tariff = str(DKV_PATH)
    renew = run("renew", str(book), "-o", str(tmp_path / "out.csv"), "--tariff", tariff,
                "--json")
    impact = run("tariff", "impact", str(book), tariff, tariff, "--json")
    for result in (renew, impact):
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["rejected_by_reason"] == {"too_many_fields": 1}
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary")
    renew = run("renew", str(binary), "-o", str(tmp_path / "out.csv"), "--tariff", tariff)
    impact = run("tariff", "impact", str(binary), tariff, tariff)
    for result in (renew, impact):
        assert result.exit_code == 2, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert result.stderr.startswith(f"Fel: {binary}: ")
        assert len(result.stderr.splitlines()) == 1
