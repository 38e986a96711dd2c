"""Field types shared by every data file (tariffs, rule books, scenarios, contents): kronor,
percentages, months, dates and ids, each with its sane range and a message naming what was
expected. One place, so a tariff and a rule book can never disagree on what a percentage is.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from quote.dates import Month, parse_date
from quote.i18n import t

MAX_KRONOR = 1_000_000
"""Largest amount in kronor a tariff may hold (premium, discount, minimum): per month."""
MAX_PCT = Decimal(1000)
"""Largest percentage (loading, surcharge) a data file may hold."""
PCT_DECIMALS = 4


def _shown(value: Any) -> str:
    """A value as the user wrote it: numbers plain, text quoted."""
    return repr(value) if isinstance(value, str) else str(value)


def _date(value: Any) -> date:
    if isinstance(value, datetime):
        raise PydanticCustomError("date", t("hostile.range.timestamp"))
    if isinstance(value, date):
        return value
    try:
        return parse_date(str(value))
    except ValueError as exc:
        raise PydanticCustomError("date", str(exc)) from None


def _whole_kronor(value: Any, *, positive: bool) -> int:
    ok = isinstance(value, int) and not isinstance(value, bool)
    if isinstance(value, Decimal) and value.is_finite() and abs(value) > MAX_KRONOR:
        raise PydanticCustomError("kronor_range", t("hostile.range.kronor", limit=MAX_KRONOR))
    if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        value, ok = int(value), True
    if ok and value > MAX_KRONOR:
        raise PydanticCustomError("kronor_range", t("hostile.range.kronor", limit=MAX_KRONOR))
    if not ok or (value <= 0 if positive else value < 0):
        shown = _shown(value) if len(_shown(value)) <= 40 else "?"
        if positive:
            raise PydanticCustomError("positive_kronor",
                                      t("field.positive_kronor", value=shown))
        raise PydanticCustomError("kronor", t("field.kronor", value=shown))
    return int(value)


def _percentage(value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, str)):
        raise PydanticCustomError("pct", t("field.pct"))
    try:
        result = Decimal(str(value))
    except (ArithmeticError, ValueError):
        raise PydanticCustomError("pct", t("field.pct")) from None
    if not result.is_finite() or result < 0:
        raise PydanticCustomError("pct", t("field.pct_negative", value=_shown(value)))
    if not percentage_in_range(result):
        raise PydanticCustomError("pct_range", t("hostile.range.percentage", limit=MAX_PCT,
                                                 places=PCT_DECIMALS))
    return result


def percentage_in_range(value: Decimal) -> bool:
    """0 to :data:`MAX_PCT` with at most :data:`PCT_DECIMALS` decimals: a loading or
    surcharge any calculation can carry exactly."""
    return value.is_finite() and 0 <= value <= MAX_PCT and \
        int(value.as_tuple().exponent) >= -PCT_DECIMALS


def _month(value: Any) -> Month:
    if isinstance(value, Month):
        return value
    try:
        return Month.parse(str(value))
    except ValueError as exc:
        raise PydanticCustomError("month", str(exc)) from None


PositiveKronor = Annotated[
    int, BeforeValidator(lambda v: _whole_kronor(v, positive=True)), Field(gt=0, le=MAX_KRONOR)
]
Kronor = Annotated[int, BeforeValidator(lambda v: _whole_kronor(v, positive=False)),
                   Field(ge=0, le=MAX_KRONOR)]
Percentage = Annotated[
    Decimal,
    PlainValidator(_percentage),
    PlainSerializer(lambda d: format(d, "f")),
    WithJsonSchema({"type": "number", "minimum": 0, "maximum": int(MAX_PCT)}),
]
MonthField = Annotated[
    Month,
    PlainValidator(_month),
    PlainSerializer(str),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}-(0[1-9]|1[0-2])$"}),
]
DateField = Annotated[date, BeforeValidator(_date)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]*$")]
BracketLabel = Annotated[str, StringConstraints(pattern=r"^\d{1,3}-(\d{1,3})?$")]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


SourceRef = Annotated[str, StringConstraints(pattern=r"^[^:\s]+:\d+(-\d+)?$")]
