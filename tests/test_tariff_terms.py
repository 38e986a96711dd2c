"""The terms a tariff carries for offers: general exclusions, withdrawal, premium start,
validity; checked against the seed they were read from, and one broken fixture per rule."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quote.errors import TariffError
from quote.schema import schema_for
from quote.tariff import Tariff, load_tariff

from .conftest import FIXTURES, ROOT, Invoke

BROKEN = FIXTURES / "tariffs"
SEED_NAME = "003_644d41b70766cb4e.txt"
# shared/ lies beside the checkout (CI, the lead's main) or beside the worktrees.
SEED_CANDIDATES = [ROOT.parent / "shared" / "seeds" / SEED_NAME,
                   ROOT.parent.parent / "shared" / "seeds" / SEED_NAME]
SEED = next((p for p in SEED_CANDIDATES if p.exists()), None)


def test_dkv_general_exclusions_are_section_5(dkv: Tariff) -> None:
    """Allmänna villkor section 5 (seed lines 954-1024) has 24 items."""
    items = dkv.model.general_exclusions
    assert [i.number for i in items] == list(range(1, 25))
    assert (items[0].line, items[-1].line) == (956, 1023)
    assert items[0].text == "Behandling av sjukdom/skada som kräver akut hjälp/behandling."
    assert items[7].text == "Dialysbehandling."
    assert items[21].text == "Utredning och behandling av demenssjukdom."


def test_dkv_offer_settings(dkv: Tariff) -> None:
    offer = dkv.model.offer
    assert offer is not None
    assert offer.valid_days == 30
    assert offer.withdrawal is not None
    assert (offer.withdrawal.days, offer.withdrawal.line) == (30, 369)
    assert offer.withdrawal.text.startswith("Det finns en rätt att ångra försäkringsavtalet "
                                            "inom 30 dagar")
    assert offer.premium_start is not None
    assert (offer.premium_start.rule, offer.premium_start.line) == ("first_of_next_month", 1059)


def _joined(lines: list[str], first: int, end: int) -> str:
    """Seed lines first..end-1 (1-based) as one line, page footers and the item number
    dropped, spaces after a slash closed up (the source breaks lines after ``/``)."""
    text = " ".join(line for line in lines[first - 1:end - 1] if line != "11 | DKV Hälsa")
    text = re.sub(r"^\d+\. ", "", text)
    return re.sub(r"\s+", " ", text.replace("/ ", "/")).strip()


@pytest.mark.skipif(SEED is None, reason="the seed documents (shared/seeds) are not beside "
                                          "this checkout")
def test_every_item_is_the_seed_text_at_its_line(dkv: Tariff) -> None:
    """Each item's text is the seed's from its line to the next item's (the last one ends
    before section 6 at line 1025); the withdrawal text is lines 369-371."""
    assert SEED is not None
    lines = SEED.read_text(encoding="utf-8").splitlines()
    assert lines[954 - 1] == "5. Undantag och begränsningar"
    assert lines[1025 - 1].startswith("6. ")
    items = dkv.model.general_exclusions
    for item, after in zip(items, [*(i.line for i in items[1:]), 1025], strict=True):
        assert lines[item.line - 1].startswith(f"{item.number}. ")
        assert _joined(lines, item.line, after) == " ".join(item.text.split())
    offer = dkv.model.offer
    assert offer is not None and offer.withdrawal is not None
    assert lines[368 - 1] == "Om du ångrar dig"
    assert _joined(lines, 369, 372) == " ".join(offer.withdrawal.text.split())
    assert offer.premium_start is not None
    assert _joined(lines, 1059, 1061).endswith(
        "Premien beräknas från den första i månaden efter att försäkring har meddelats.")


CASES = [
    ("exclusions-numbering", "67: general_exclusions: item 2 is numbered 3; number them 1, 2, "
                             "3 … in order"),
    ("exclusions-line-order", "68: general_exclusions: item 2 (line 12) is not after the item "
                              "before it"),
    ("offer-valid-days", "64: offer.valid_days: Input should be greater than or equal to 1"),
    ("offer-premium-start-rule", "66: offer.premium_start.rule: Input should be "
                                 "'first_of_next_month'"),
    ("offer-withdrawal-line", "67: offer.withdrawal.line: Input should be greater than or "
                              "equal to 1"),
]


@pytest.mark.parametrize(("name", "expected"), CASES, ids=[c[0] for c in CASES])
def test_broken_terms_are_reported_at_their_line(name: str, expected: str) -> None:
    path = BROKEN / f"{name}.yaml"
    with pytest.raises(TariffError) as info:
        load_tariff(path)
    assert [str(p) for p in info.value.problems] == [f"{path}:{expected}"]


def test_a_tariff_without_terms_is_valid(mini: Tariff) -> None:
    assert mini.model.general_exclusions == []
    assert mini.model.offer is None


def test_the_schema_describes_the_terms() -> None:
    schema = schema_for("tariff")
    assert schema["properties"]["general_exclusions"]["items"] == {"$ref": "#/$defs/TermsItem"}
    assert set(schema["$defs"]["TermsItem"]["required"]) == {"number", "text", "line"}
    assert schema["$defs"]["OfferSettings"]["properties"]["valid_days"]["minimum"] == 1


def test_tariff_check_passes_the_bundled_tariff(run: Invoke) -> None:
    result = run("tariff", "check", str(ROOT / "tariffs"))
    assert result.exit_code == 0, result.output
    assert "0 fel" in result.stdout


def test_a_terms_text_has_a_length_limit(tmp_path: Path) -> None:
    path = tmp_path / "long.yaml"
    path.write_text((BROKEN / "valid.yaml").read_text(encoding="utf-8")
                    + "general_exclusions:\n  - number: 1\n    line: 10\n    text: "
                    + "a" * 4001 + "\n", encoding="utf-8")
    with pytest.raises(TariffError) as info:
        load_tariff(path)
    assert [str(p) for p in info.value.problems] == [
        f"{path}:66: general_exclusions.0.text: String should have at most 4000 characters"]
