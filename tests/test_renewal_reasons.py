"""The reject-reason registry, one core test per reason: the engine called directly
(quote.renewal.renew_rows, or run_renewal on a small file for the reader's reasons)."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

import quote.renewal.reasons as reasons
from quote.catalog import kpi_for
from quote.i18n import LANGS, t
from quote.renewal import (
    Options,
    PricedRow,
    Pricer,
    RejectedRow,
    open_book,
    renew_rows,
    run_renewal,
)
from quote.renewal.reasons import REASONS, engine_reason
from quote.tariff import load_tariff

from .conftest import DKV_PATH

TARIFF = load_tariff(DKV_PATH)
PRICER = Pricer([TARIFF], lambda t_: kpi_for(t_, None))
COLUMNS = ["policy_id", "product", "birth_date", "renewal_date", "deductible", "smoker",
           "loading_pct", "current_premium"]
ID_COLUMNS = ["policy_id", "product", "id", "renewal_date", "deductible", "smoker",
              "id_country"]
GOOD = ["P1", "plus", "1990-05-01", "2025-03-01", "0", "false", "", "1068"]
GOOD_ID = ["P1", "plus", "900501-1235", "2025-03-01", "0", "false", ""]


def row(**changes: str) -> list[str]:
    values = dict(zip(COLUMNS, GOOD, strict=True))
    values.update(changes)
    return [values[c] for c in COLUMNS]


def id_row(**changes: str) -> list[str]:
    values = dict(zip(ID_COLUMNS, GOOD_ID, strict=True))
    values.update(changes)
    return [values[c] for c in ID_COLUMNS]


# reason id -> (columns, one row with exactly that fault); each row is otherwise GOOD
ROW_CASES: dict[str, tuple[list[str], list[str]]] = {
    "too_few_fields": (COLUMNS, GOOD[:5]),
    "too_many_fields": (COLUMNS, [*GOOD, "extra"]),
    "renewal_date": (COLUMNS, row(renewal_date="2025-02-30")),
    "birth_date": (COLUMNS, row(birth_date="1990-13-01")),
    "id_country": (ID_COLUMNS, id_row(id_country="SW")),
    "id": (ID_COLUMNS, id_row(id="900501-1234")),  # wrong check digit
    "birth_after_renewal": (COLUMNS, row(birth_date="2026-01-01")),
    "age": (COLUMNS, row(birth_date="0001-01-01")),  # 2024 years old on 2025-03-01
    "before_tariff": (COLUMNS, row(renewal_date="2024-05-31")),  # DKV starts 2024-06-01
    "current_premium": (COLUMNS, row(current_premium="-1")),  # negative: never summed
    "separator": (COLUMNS, row(product="pl\x1fus")),
    "deductible": (COLUMNS, row(deductible="1e5000")),
    "smoker": (COLUMNS, row(smoker="kanske")),
    "loading_pct": (COLUMNS, row(loading_pct="1e30")),
    "engine.product": (COLUMNS, row(product="guld")),
    "engine.deductible": (COLUMNS, row(deductible="700")),  # not offered by DKV
    "engine.loading_pct": (COLUMNS, row(loading_pct="-5")),
    "kpi_missing": (COLUMNS, row(renewal_date="2027-01-01")),  # needs KPI 2026-09
}
# the reader's reasons: (file bytes after the header, the line of the fault)
FILE_CASES: dict[str, bytes] = {
    "bad_encoding": b"P1,plus,1990-05-01,2025-03-01,0,false,,\xff\xfe\n",
    "bad_quoting": b'P1,plus,1990-05-01,2025-03-01,0,false,,"1068\n',
    "nul": b"P1,plus,1990-05-01,2025-03-01,0,false,,10\x0068\n",
}
# Guards: the engine's checks that a row check always answers first in a book (an age
# below 0 is birth_after_renewal; a date before the tariff is before_tariff), or that
# a renewal never asks for (referral, frequency), or a field the engine may add later.
GUARDS = {"engine.age", "engine.on", "engine.referral", "engine.frequency", "engine"}


def only(results: list[PricedRow | RejectedRow]) -> RejectedRow:
    assert len(results) == 1
    result = results[0]
    assert isinstance(result, RejectedRow), result
    return result


def test_every_reason_has_a_case() -> None:
    assert set(REASONS) == set(ROW_CASES) | set(FILE_CASES) | GUARDS


def test_every_message_exists_in_both_languages() -> None:
    context = reasons.Context(tuple(COLUMNS), "dkv", date(2024, 6, 1))
    for reason in REASONS.values():
        for lang in LANGS:
            assert t(reason.text, lang, field="f", detail="d", columns=1, encoding="e",
                     tariff="x", start="s", limit=1, country="SE")
        assert reason.message(context, field="f", detail="d")


@pytest.mark.parametrize("reason_id", sorted(ROW_CASES))
def test_a_row_with_one_fault_is_rejected_for_it(reason_id: str) -> None:
    columns, values = ROW_CASES[reason_id]
    rejected = only(renew_rows(columns, [values], PRICER))
    reason = REASONS[reason_id]
    assert rejected.reason == reason.code
    assert rejected.line == 2
    if reason_id.startswith("engine."):  # the engine's own words after the field
        assert rejected.message.startswith(reason_id.removeprefix("engine.") + ": ")
    elif reason_id == "kpi_missing":
        assert "no KPI figure for 2026-09" in rejected.message
    else:
        assert rejected.message == reason.message(
            reasons.Context(tuple(columns), TARIFF.id, TARIFF.effective_from, "utf-8", "SE"))


@pytest.mark.parametrize("reason_id", sorted(FILE_CASES))
def test_a_malformed_record_is_rejected_with_its_line(reason_id: str, tmp_path: Path) -> None:
    book = tmp_path / "book.csv"
    good = ",".join(GOOD).encode() + b"\n"
    book.write_bytes(",".join(COLUMNS).encode() + b"\n" + good + FILE_CASES[reason_id] + good)
    run_renewal(open_book(book, None, encoding="utf-8"), None, PRICER, tmp_path / "o.csv",
                tmp_path / "r.csv")
    with (tmp_path / "r.csv").open(encoding="utf-8", newline="") as handle:
        rejected = list(csv.DictReader(handle))
    assert [(r["line"], r["reason"]) for r in rejected] == [("3", REASONS[reason_id].code)]
    assert "\x00" not in (tmp_path / "r.csv").read_text(encoding="utf-8")
    assert len((tmp_path / "o.csv").read_text().splitlines()) == 3  # both good rows


def test_guards_map_the_engines_fields() -> None:
    assert engine_reason("referral").code == "referral"
    assert engine_reason("age").code == "bad_age"
    assert engine_reason("something new").code == "not_priced"


def test_reordering_the_registry_never_relabels_a_reason(monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    monkeypatch.setattr(reasons, "_ALL", list(reversed(reasons._ALL)))
    for reason_id, (columns, values) in ROW_CASES.items():
        assert only(renew_rows(columns, [values], PRICER)).reason == REASONS[reason_id].code


def test_the_first_reason_wins_and_the_date_is_named_for_the_date() -> None:
    # an impossible renewal date in an id book is bad_date, not bad_id
    rejected = only(renew_rows(ID_COLUMNS, [id_row(renewal_date="2025-02-30")], PRICER))
    assert rejected.reason == "bad_date" and rejected.message.startswith("renewal_date")


def test_a_good_row_is_priced_as_quote_price() -> None:
    # Plus, 34 on 2025-03-01: 1068 × 414.57 / 408.05 = 1085.06… → 1085; 1068 → +1.59 %
    (priced,) = renew_rows(COLUMNS, [GOOD], PRICER)
    assert isinstance(priced, PricedRow)
    assert (priced.new_premium, priced.bracket, priced.age) == (1085, "31-35", 34)
    assert str(priced.change_pct) == "1.59"


@pytest.mark.parametrize(("born", "priced_age"), [
    ("1904-03-01", 121),  # 121 on 2025-03-01: over the limit
    ("1904-03-02", 120),  # turns 121 a day after the renewal: still 120, priced
])
def test_an_age_over_120_is_a_bad_age(born: str, priced_age: int) -> None:
    (result,) = renew_rows(COLUMNS, [row(birth_date=born)], PRICER)
    if priced_age > 120:
        assert isinstance(result, RejectedRow) and result.reason == "bad_age"
        assert result.message == "birth_date: gives an age over 120 years on the renewal " \
            "date; check the year"
    else:
        assert isinstance(result, PricedRow) and result.age == priced_age
        assert result.bracket == "71-"


def test_an_age_over_120_from_an_id_names_the_id() -> None:
    # 19000101-0008: a valid personnummer, 125 on 2025-03-01
    rejected = only(renew_rows(ID_COLUMNS, [id_row(id="19000101-0008")], PRICER))
    assert rejected.reason == "bad_age" and rejected.message.startswith("id: ")
    assert "0008" not in rejected.message


def test_identity_numbers_never_in_a_message() -> None:
    rows = [id_row(id="900501-1234"), id_row(id="19900501-1234"), id_row(id="900501+1234")]
    for result in renew_rows(ID_COLUMNS, rows, PRICER):
        assert isinstance(result, RejectedRow)
        assert "1234" not in result.message and "1234" not in str(result.fields["id"])


def test_options_override_the_country(monkeypatch: pytest.MonkeyPatch) -> None:
    # 010190-1234 as a Danish CPR: born 1 January 1990 (no check digit since 2007)
    dk = id_row(id="010190-1234")
    assert only(renew_rows(ID_COLUMNS, [dk], PRICER)).reason == "bad_id"  # not Swedish
    (priced,) = renew_rows(ID_COLUMNS, [dk], PRICER, Options(id_country="DK"))
    assert isinstance(priced, PricedRow) and priced.age == 35
    (priced,) = renew_rows(ID_COLUMNS, [id_row(id="010190-1234", id_country="dk")], PRICER)
    assert isinstance(priced, PricedRow) and priced.age == 35


@pytest.mark.parametrize("text", ["1068.005", "1068,005", "1 068,001", "1e3", "0x10"])
def test_a_current_premium_in_more_than_whole_ore_is_a_bad_number(text: str) -> None:
    """Never cut off: 1068.005 kr is not an amount in whole öre, so the row is rejected."""
    rejected = only(renew_rows(COLUMNS, [row(current_premium=text)], PRICER))
    assert rejected.reason == REASONS["current_premium"].code


@pytest.mark.parametrize(("text", "change"), [
    ("1068", "1.59"),  # (1085 − 1068) / 1068 = 1.5917… %
    ("1 068,50", "1.54"), ("1068.5", "1.54"),  # (1085 − 1068.50) / 1068.50 = 1.5442… %
    ("0", None),  # no change from nothing
])
def test_a_current_premium_in_whole_ore_is_read(text: str, change: str | None) -> None:
    (priced,) = renew_rows(COLUMNS, [row(current_premium=text)], PRICER)
    assert isinstance(priced, PricedRow), priced
    assert priced.new_premium == Decimal("1085.00")
    assert (str(priced.change_pct) if priced.change_pct is not None else None) == change


def test_a_bad_id_message_names_the_country_it_was_read_for() -> None:
    """With --id-country DK a row without its own id_country is read as Danish, and the
    reject says so: the message names DK, not the default SE."""
    (dk,) = renew_rows(ID_COLUMNS, [id_row(id="320190-1234")], PRICER, Options(id_country="DK"))
    assert isinstance(dk, RejectedRow) and dk.reason == "bad_id"
    assert "DK" in dk.message and "SE" not in dk.message
    (se,) = renew_rows(ID_COLUMNS, [id_row(id="320190-1234")], PRICER)
    assert isinstance(se, RejectedRow) and "SE" in se.message


def test_a_loading_of_up_to_1000_per_cent_is_priced() -> None:
    """The loading's range is 0-1 000 % (README): 1000 is priced, 1000.5 is a bad number."""
    results = renew_rows(COLUMNS, [row(loading_pct="1000"), row(loading_pct="1000.5")], PRICER)
    assert [getattr(r, "reason", "priced") for r in results] == ["priced", "bad_number"]


def test_a_book_with_both_birth_date_and_id_reads_the_birth_date() -> None:
    """Both columns given (and disagreeing): the birth date is the one read."""
    results = renew_rows([*COLUMNS, "id"], [[*GOOD, "050101-1233"]], PRICER)
    assert [(type(r).__name__, getattr(r, "age", None)) for r in results] == [
        ("PricedRow", 34)]  # born 1990-05-01, renewed 2025-03-01; the id says 2005


def test_a_deductible_is_read_up_to_100000_kronor() -> None:
    """0-100 000 kr is read (then the tariff says whether it is offered); above is a bad
    number."""
    results = renew_rows(COLUMNS, [row(deductible="100000"), row(deductible="100001")], PRICER)
    assert [getattr(r, "reason", "priced") for r in results] == ["deductible_not_offered",
                                                                 "bad_number"]
