"""The application as one core call: eligibility, declaration, decision, offer on the
start date, each result its own type."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from quote.errors import InputError
from quote.indexation import KpiSeries
from quote.tariff import Tariff
from quote.underwriting.application import (
    ApplicationRequest,
    Declined,
    NotEligible,
    Offered,
    RawDeclaration,
    Referred,
    apply_for,
    received_of,
    start_date,
)
from quote.underwriting.rulebook import load_rulebook

from .conftest import BUNDLED
from .declarations import all_no

BOOK = load_rulebook(BUNDLED / "rulebook-dkv-example-2024-06-01.yaml")
REQUEST = ApplicationRequest(product="plus", birth_date=date(1990, 5, 1), residence="SE",
                             decided=date(2024, 9, 1))


def source(answers: dict[str, Any] | None = None) -> Any:
    data = all_no(BOOK.model)
    data["answers"].update(answers or {})
    return lambda: RawDeclaration(data)


def never() -> RawDeclaration:
    raise AssertionError("the declaration must not be asked")


def test_start_date_is_the_first_of_the_next_month() -> None:
    assert start_date(date(2024, 12, 15)) == date(2025, 1, 1)
    assert start_date(date(2024, 9, 1)) == date(2024, 10, 1)
    assert start_date(date(2024, 1, 31)) == date(2024, 2, 1)


def test_received_of_reads_only_plain_dates() -> None:
    default = date(2024, 9, 1)
    assert received_of({"received": "2024-08-30"}, default) == date(2024, 8, 30)
    assert received_of({"received": date(2024, 8, 29)}, default) == date(2024, 8, 29)
    assert received_of({"received": "soon"}, default) == default
    assert received_of(["not a mapping"], default) == default


def test_offered(dkv: Tariff, kpi: KpiSeries) -> None:
    result = apply_for(REQUEST, date(2024, 9, 1), dkv, kpi, BOOK, source())
    assert isinstance(result, Offered) and not result.karens
    assert result.dates.start == date(2024, 10, 1)
    assert result.breakdown.request.on == date(2024, 10, 1)
    assert result.breakdown.monthly_premium == 1068


def test_referred_has_a_preliminary_price(dkv: Tariff, kpi: KpiSeries) -> None:
    result = apply_for(REQUEST, date(2024, 9, 1), dkv, kpi, BOOK, source(
        {"q15": {"answer": "yes", "describe": "x", "since": "2024-01"}}))
    assert isinstance(result, Referred) and result.breakdown.monthly_premium == 1068


def test_declined_has_no_price(dkv: Tariff, kpi: KpiSeries) -> None:
    result = apply_for(REQUEST, date(2024, 9, 1), dkv, kpi, BOOK, source(
        {"q16": {"answer": "yes", "describe": "x", "when": "2020-01"}}))
    assert isinstance(result, Declined) and not hasattr(result, "breakdown")


def test_not_eligible_is_never_asked(dkv: Tariff, kpi: KpiSeries) -> None:
    request = ApplicationRequest(product="plus", birth_date=date(1990, 5, 1), residence="IS",
                                 decided=date(2024, 9, 1))
    result = apply_for(request, date(2024, 9, 1), dkv, kpi, BOOK, never)
    assert isinstance(result, NotEligible)
    assert [r.code for r in result.reasons] == ["not_resident_in_norden"]


def test_bad_dates_and_requests_fail_before_asking(dkv: Tariff, kpi: KpiSeries) -> None:
    with pytest.raises(InputError, match="before the decision date"):
        apply_for(ApplicationRequest(**{**REQUEST.__dict__, "start": date(2024, 8, 1)}),
                  date(2024, 9, 1), dkv, kpi, BOOK, never)
    with pytest.raises(InputError, match="before the application was received"):
        apply_for(REQUEST, date(2024, 9, 2), dkv, kpi, BOOK, never)
    with pytest.raises(InputError, match="unknown product"):
        apply_for(ApplicationRequest(**{**REQUEST.__dict__, "product": "gold"}),
                  date(2024, 9, 1), dkv, kpi, BOOK, never)


def test_the_declaration_must_be_received_when_eligibility_was_checked(
        dkv: Tariff, kpi: KpiSeries) -> None:
    data = all_no(BOOK.model)  # received 2024-09-01
    with pytest.raises(InputError, match="declaration was received 2024-09-01"):
        apply_for(REQUEST, date(2024, 8, 30), dkv, kpi, BOOK, lambda: RawDeclaration(data))
