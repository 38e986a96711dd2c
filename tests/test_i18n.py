"""The message catalog and number formatting in both languages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from quote.i18n import default_lang, number, parse_lang, percent, register, t


def test_numbers_in_swedish_and_english() -> None:
    assert number(600000, lang="sv") == "600 000"
    assert number(600000, lang="en") == "600,000"
    assert number(Decimal("1234.5"), places=2, lang="sv") == "1 234,50"
    assert number(Decimal("-1234.5"), places=2, lang="en") == "-1,234.50"
    assert percent(Decimal("12.50"), lang="sv") == "12,5 %"
    assert percent(Decimal("12.5"), lang="en") == "12.5 %"
    assert percent(25, lang="sv") == "25 %"


def test_message_lookup_formats_numbers_by_language() -> None:
    register({"test.rows": {"sv": "{n} rader", "en": "{n} rows"}})
    assert t("test.rows", lang="sv", n=464055) == "464 055 rader"
    assert t("test.rows", lang="en", n=464055) == "464,055 rows"


def test_a_message_must_have_both_languages() -> None:
    with pytest.raises(ValueError, match="lacks en"):
        register({"test.half": {"sv": "bara svenska"}})  # type: ignore[dict-item]


def test_default_language_order() -> None:
    assert default_lang({"QUOTE_LANG": "en", "LANG": "sv_SE.UTF-8"}) == "en"
    assert default_lang({"LANG": "en_GB.UTF-8"}) == "en"
    assert default_lang({"QUOTE_LANG": "xx", "LANG": "sv_SE.UTF-8"}) == "sv"
    assert default_lang({}) == "sv"
    assert parse_lang("sv-SE") == "sv"
    assert parse_lang("de") is None


def test_a_message_can_be_shown_again_in_the_other_language() -> None:
    """The core makes an error's message in the current language; the message remembers
    its key and values, so a caller can show it in the other language."""
    from quote.errors import InputError
    from quote.i18n import in_lang, set_lang
    from quote.pricing import PriceRequest, check_request
    from quote.tariff import load_tariff

    from .conftest import DKV_PATH

    set_lang("sv")
    with pytest.raises(InputError) as caught:
        check_request(load_tariff(DKV_PATH), PriceRequest(
            product="guld", age=30, on=date(2024, 9, 1)))
    message = caught.value.message
    assert message == "okänd produkt 'guld'; dkv-vardforsakring erbjuder bas, plus, topp"
    assert in_lang(message, "en") == (
        "unknown product 'guld'; dkv-vardforsakring offers bas, plus, topp")
    assert in_lang("plain text", "en") == "plain text"
    wrapped = t("common.error", "en", message=message)
    assert wrapped == "Error: unknown product 'guld'; dkv-vardforsakring offers bas, plus, topp"
