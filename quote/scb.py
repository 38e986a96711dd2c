"""Statistics Sweden's open API (PxWebApi 2.0): KPI figures as JSON-stat 2.0.

What to ask for is data (:class:`ScbTable`): the 1980 = 100 table (TAB5737) ends with
2025M12; from 2026 the figures come from the 2020 = 100 table (TAB6596) and a 1980-based
series converts them with its link (``# link 2020=100: ...``). The HTTP call is the only
I/O here and it is passed in, so the tests answer with recorded responses.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from quote.dates import Month
from quote.errors import QuoteError
from quote.i18n import t

DEFAULT_API = "https://statistikdatabasen.scb.se/api/v2"
TIMEOUT_SECONDS = 20
MAX_ANSWER_BYTES = 4 << 20


@dataclass(frozen=True)
class ScbTable:
    """One of SCB's KPI tables: its id, the contents code of the fixed figure, its base and
    the months it covers."""

    table: str
    contents_code: str
    base: str
    first: Month
    last: Month | None = None

    def covers(self, month: Month) -> bool:
        return self.first <= month and (self.last is None or month <= self.last)


TABLES = (
    ScbTable("TAB5737", "000004VU", "1980=100", Month(1980, 1), Month(2025, 12)),
    ScbTable("TAB6596", "00000808", "2020=100", Month(1980, 1)),
)


class ScbUnreachable(QuoteError):
    """No answer from SCB (no network, DNS, timeout, an HTTP error)."""


class ScbBadAnswer(QuoteError):
    """An answer that is not the JSON-stat 2.0 we asked for."""


def table_for(month: Month, series_base: str | None) -> ScbTable:
    """The table to ask for ``month``: the series' own base while SCB publishes it, else the
    newest table (whose figures the series' link converts)."""
    for table in TABLES:
        if table.base == series_base and table.covers(month):
            return table
    return TABLES[-1]


def scb_month(month: Month) -> str:
    return f"{month.year:04d}M{month.month:02d}"


def query(table: ScbTable, months: list[Month]) -> dict[str, Any]:
    """The POST body of PxWebApi 2.0 for some months of one table."""
    return {"selection": [
        {"variableCode": "Tid", "valueCodes": [scb_month(m) for m in months]},
        {"variableCode": "ContentsCode", "valueCodes": [table.contents_code]},
    ]}


def data_url(api: str, table: ScbTable) -> str:
    return f"{api.rstrip('/')}/tables/{table.table}/data?lang=sv&outputFormat=json-stat2"


Transport = Callable[[str, bytes], bytes]


def http_post(url: str, body: bytes) -> bytes:
    """POST ``body`` as JSON; every failure to get an answer is ScbUnreachable."""
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": "application/json", "Accept": "application/json",
        "User-Agent": "quote (vårdförsäkring premiums; KPI upkeep)"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as answer:
            data: bytes = answer.read(MAX_ANSWER_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise ScbUnreachable(t("kpi.fetch.offline", url=url, reason=f"HTTP {exc.code}")) from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise ScbUnreachable(t("kpi.fetch.offline", url=url, reason=str(reason))) from None
    if len(data) > MAX_ANSWER_BYTES:
        raise ScbBadAnswer(t("kpi.fetch.bad_answer", url=url, reason=t("scb.too_large")))
    return data


def parse_answer(url: str, raw: bytes, contents_code: str) -> dict[Month, Decimal | None]:
    """The figures in a JSON-stat 2.0 dataset, by month (None where SCB has none yet)."""

    def bad(reason: str) -> ScbBadAnswer:
        return ScbBadAnswer(t("kpi.fetch.bad_answer", url=url, reason=reason))

    try:
        data = json.loads(raw.decode("utf-8"), parse_float=Decimal, parse_int=Decimal)
    except (UnicodeDecodeError, ValueError):
        raise bad(t("scb.not_json")) from None
    if not isinstance(data, dict) or data.get("class", "dataset") != "dataset":
        raise bad(t("scb.not_dataset"))
    ids, sizes, dims, values = (data.get("id"), data.get("size"), data.get("dimension"),
                                data.get("value"))
    if not (isinstance(ids, list) and isinstance(sizes, list) and isinstance(dims, dict)
            and len(ids) == len(sizes) and "Tid" in ids):
        raise bad(t("scb.no_time"))
    positions: dict[str, dict[str, int]] = {}
    for name in ids:
        index = dims.get(name, {}).get("category", {}).get("index") if isinstance(
            dims.get(name), dict) else None
        if isinstance(index, list):
            index = {code: i for i, code in enumerate(index)}
        if not isinstance(index, dict):
            raise bad(t("scb.no_index", name=name))
        positions[name] = {str(code): int(pos) for code, pos in index.items()}
    if "ContentsCode" in positions and contents_code not in positions["ContentsCode"]:
        raise bad(t("scb.no_contents_code", code=contents_code))
    strides: list[int] = []
    stride = 1
    for size in reversed(sizes):
        strides.insert(0, stride)
        stride *= int(size)
    result: dict[Month, Decimal | None] = {}
    for code, pos in positions["Tid"].items():
        try:
            month = Month(int(code[:4]), int(code[5:7])) if code[4:5] == "M" else None
        except ValueError:
            month = None
        if month is None:
            raise bad(t("scb.time_code", code=code[:10]))
        flat = 0
        for name, step in zip(ids, strides, strict=True):
            if name == "Tid":
                flat += pos * step
            elif name == "ContentsCode":
                flat += positions[name][contents_code] * step
        value = _value_at(values, flat)
        if value is not None and not isinstance(value, Decimal):
            raise bad(t("scb.not_number", code=code[:10]))
        result[month] = value
    return result


def _value_at(values: object, flat: int) -> object:
    if isinstance(values, list):
        return values[flat] if 0 <= flat < len(values) else None
    if isinstance(values, dict):  # the sparse form: {"0": 416.57, ...}
        return values.get(str(flat))
    return None


def fetch_figures(months: list[Month], series_base: str | None, api: str,
                  transport: Transport = http_post
                  ) -> tuple[dict[Month, tuple[Decimal | None, ScbTable]], list[str]]:
    """Ask SCB for ``months`` (one request per table): each month's figure (None when not
    published yet) and the table it came from, and the tables asked."""
    by_table: dict[ScbTable, list[Month]] = {}
    for month in months:
        by_table.setdefault(table_for(month, series_base), []).append(month)
    found: dict[Month, tuple[Decimal | None, ScbTable]] = {}
    for table, wanted in by_table.items():
        url = data_url(api, table)
        answer = parse_answer(url, transport(url, json.dumps(query(table, wanted)).encode()),
                              table.contents_code)
        for month in wanted:
            found[month] = (answer.get(month), table)
    return found, [table.table for table in by_table]
