"""SCB's PxWebApi 2.0: the query we send and the JSON-stat 2.0 answers we read.

The answers are in the API's documented format (JSON-stat 2.0: ``id``, ``size``,
``dimension.Tid.category.index``, ``value`` with ``null`` for a missing figure); the
figures are SCB's as bundled (2025-10..2025-12, 1980 = 100). No test reaches the network.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from quote.dates import Month
from quote.scb import TABLES, ScbBadAnswer, data_url, parse_answer, query, table_for

from .conftest import FIXTURES

RECORDED = FIXTURES / "scb" / "TAB5737-2025M10-2025M12.json"


def test_query_body_is_pxwebapi_2() -> None:
    body = query(TABLES[0], [Month(2025, 9), Month(2025, 10)])
    assert body == {"selection": [
        {"variableCode": "Tid", "valueCodes": ["2025M09", "2025M10"]},
        {"variableCode": "ContentsCode", "valueCodes": ["000004VU"]}]}
    assert data_url("https://statistikdatabasen.scb.se/api/v2/", TABLES[0]) == (
        "https://statistikdatabasen.scb.se/api/v2/tables/TAB5737/data?lang=sv&"
        "outputFormat=json-stat2")


def test_table_for_a_month() -> None:
    """The 1980 table ends with 2025M12; later months come from the 2020 table."""
    assert table_for(Month(2025, 12), "1980=100").table == "TAB5737"
    assert table_for(Month(2026, 1), "1980=100").table == "TAB6596"
    assert table_for(Month(2025, 1), "2020=100").table == "TAB6596"


def test_recorded_answer() -> None:
    figures = parse_answer("u", RECORDED.read_bytes(), "000004VU")
    assert figures == {Month(2025, 10): Decimal("419.35"), Month(2025, 11): Decimal("417.83"),
                       Month(2025, 12): Decimal("417.96")}


def test_index_as_a_list_sparse_values_and_nulls() -> None:
    data = json.loads(RECORDED.read_text())
    data["dimension"]["Tid"]["category"]["index"] = ["2025M10", "2025M11", "2025M12"]
    data["value"] = {"0": 419.35, "2": None}
    figures = parse_answer("u", json.dumps(data).encode(), "000004VU")
    assert figures == {Month(2025, 10): Decimal("419.35"), Month(2025, 11): None,
                       Month(2025, 12): None}


def test_time_first_then_contents(tmp_path: Path) -> None:
    """The value index follows the order of ``id`` (row-major), whatever it is."""
    data = json.loads(RECORDED.read_text())
    data["id"], data["size"] = ["Tid", "ContentsCode"], [3, 2]
    data["dimension"]["ContentsCode"]["category"]["index"] = {"X": 0, "000004VU": 1}
    data["value"] = [1, 419.35, 2, 417.83, 3, 417.96]
    figures = parse_answer("u", json.dumps(data).encode(), "000004VU")
    assert figures[Month(2025, 11)] == Decimal("417.83")


@pytest.mark.parametrize("raw", [b"<html>busy</html>", b"[]", b'{"class": "collection"}',
                                 b'{"id": ["Tid"], "size": [1], "dimension": {}}',
                                 b'{"id": ["Tid"], "size": [1], "dimension": {"Tid": {"category":'
                                 b' {"index": {"2025-10": 0}}}}, "value": [1]}',
                                 b'{"id": ["Tid"], "size": [1], "dimension": {"Tid": {"category":'
                                 b' {"index": {"2025M10": 0}}}}, "value": ["x"]}'])
def test_answers_that_are_not_json_stat_are_refused(raw: bytes) -> None:
    with pytest.raises(ScbBadAnswer, match=r"not the expected JSON-stat 2\.0"):
        parse_answer("https://x", raw, "000004VU")
