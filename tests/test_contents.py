"""Product contents as data: `kind: contents` files, the DKV tariff's contents, and
`quote products compare`.

Every limit's figures must come from the seed lines it cites: the test below reads the
seeds (shared/seeds beside the repository) and finds each figure there.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from quote.catalog import load_catalog
from quote.check import check_files
from quote.contents import ContentsModel, load_contents, offerings, product_items, select
from quote.errors import InputError, TariffError
from quote.tariff import ContentItem

from .conftest import BUNDLED, ROOT, Invoke

EN = {"QUOTE_LANG": "en"}  # for a test that reads English messages

DSS = BUNDLED / "dss-halsa-contents.yaml"
SKANDIA = BUNDLED / "skandia-vardforsakring-contents.yaml"
SEEDS = next((p for p in (ROOT.parent / "shared" / "seeds",
                          ROOT.parent.parent / "shared" / "seeds") if p.is_dir()), None)


def _items() -> list[tuple[str, str, ContentItem]]:
    catalog = load_catalog(BUNDLED, kinds=("tariff", "contents"))
    found = [(t.path.name, m, i) for t in catalog.tariffs for m, i in t.model.contents.items()]
    for c in catalog.contents:
        found += [(c.path.name, f"{pid}.{m}", i) for pid in c.model.products
                  for m, i in c.model.products[pid].items.items()]
    return found


def _lines(ref: str) -> str:
    assert SEEDS is not None
    name, _, span = ref.partition(":")
    first, _, last = span.partition("-")
    lines = (SEEDS / name).read_text(encoding="utf-8").splitlines()
    return "\n".join(lines[int(first) - 1:int(last or first)])


@pytest.mark.skipif(SEEDS is None, reason="shared/seeds is not beside the repository")
@pytest.mark.parametrize(("file", "moment", "item"), _items(),
                         ids=lambda v: v if isinstance(v, str) else "")
def test_every_figure_is_in_its_source_lines(file: str, moment: str, item: ContentItem) -> None:
    text = " ".join(_lines(ref) for ref in item.sources)
    digits = re.sub(r"(?<=\d)[ ,](?=\d{3})", "", text)  # 1 150, 1,500, 100,000
    # The sources write some figures as words: "högst tio", "ten treatments", "en konsultation".
    digits = re.sub(r"\b(tio|ten)\b", "10", digits, flags=re.IGNORECASE)
    digits = re.sub(r"\b(en|ett|one)\b", "1", digits, flags=re.IGNORECASE)
    for figure in re.findall(r"\d+(?:[ ]\d{3})*", item.limit or ""):
        number = figure.replace(" ", "")
        assert re.search(rf"(?<!\d)0*{number}(?!\d)", digits), (file, moment, number)


def test_contents_files_load_with_includes() -> None:
    dss = load_contents(DSS).model
    plus = product_items(dss, "plus")
    # PLUS replaces BAS's guarantee: surgery within 14, not 20, working days (001:33, 97).
    assert "14 arbetsdagar" in (plus["treatment_guarantee"].limit or "")
    assert "20 arbetsdagar" in (product_items(dss, "bas")["treatment_guarantee"].limit or "")
    assert "physiotherapy" not in product_items(dss, "bas")
    assert set(product_items(dss, "bas")) < set(plus) < set(product_items(dss, "premium"))
    skandia = load_contents(SKANDIA).model
    assert "care_abroad" not in product_items(skandia, "bas")  # 000:67: Plus and Excellent
    assert product_items(skandia, "excellent")["online_care"].referral == "only_without"
    for model in (dss, skandia):
        assert "inga priser" in model.prices


def test_dkv_contents_carry_the_high_cost_ceiling(run: Invoke) -> None:
    catalog = load_catalog(BUNDLED, kinds=("tariff",))
    dkv = catalog.tariffs[0].model
    fees = dkv.contents["patient_fees_drugs"]
    assert "1 150 kr per 12 månader" in (fees.limit or "")
    assert "004_6809065dfee18443.txt:40" in fees.sources
    # Självrisk never applies to physio or psychologist (003:258).
    assert dkv.contents["physiotherapy"].deductible == "never"
    assert dkv.contents["psychology"].deductible == "never"


def test_catalog_for_prices_skips_contents_files() -> None:
    catalog = load_catalog(BUNDLED, kinds=("tariff",))
    assert catalog.contents == () and len(catalog.tariffs) == 1


BROKEN = {
    "unknown moment": ("products:\n  bas:\n    name: B\n    items:\n      dental:\n"
                       "        sources: [\"x.txt:1\"]\n", "unknown moment 'dental'"),
    "includes later": ("products:\n  bas:\n    name: B\n    includes: plus\n"
                       "    items:\n      care:\n        sources: [\"x.txt:1\"]\n"
                       "  plus:\n    name: P\n    includes: bas\n",
                       "'plus' is not a product listed before it"),
    "empty product": ("products:\n  bas:\n    name: B\n", "no items and includes nothing"),
    "bad source": ("products:\n  bas:\n    name: B\n    items:\n      care:\n"
                   "        sources: [\"line 12\"]\n", "sources"),
    "bad referral": ("products:\n  bas:\n    name: B\n    items:\n      care:\n"
                     "        sources: [\"x.txt:1\"]\n        referral: sometimes\n",
                     "referral"),
    "price given": ("products:\n  bas:\n    name: B\n    premiums: {0-: 100}\n    items:\n"
                    "      care:\n        sources: [\"x.txt:1\"]\n", "premiums"),
}
HEAD = ("kind: contents\nid: x\nname: X\ninsurer: X\nsource: x.txt\nprices: none public\n"
        "moments:\n  care: Care\n")


@pytest.mark.parametrize("case", list(BROKEN))
def test_one_broken_file_per_rule(tmp_path: Path, case: str) -> None:
    body, message = BROKEN[case]
    path = tmp_path / "x.yaml"
    path.write_text(HEAD + body)
    report = check_files([path])
    assert any(message in p.message for p in report.errors), report.problems
    with pytest.raises(TariffError):
        load_contents(path)


def test_prices_statement_is_required(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(HEAD.replace("prices: none public\n", "") +
                    "products:\n  bas:\n    name: B\n    items:\n      care:\n"
                    "        sources: [\"x.txt:1\"]\n")
    assert any("prices" in p.message for p in check_files([path]).errors)


def test_select_filters_and_orders() -> None:
    catalog = load_catalog(BUNDLED, kinds=("tariff", "contents"))
    found = offerings(list(catalog.tariffs), list(catalog.contents))
    result = select(found, ["skandia", "dkv"], ["plus"])
    assert [o.key for o in result.offerings] == ["dkv-vardforsakring:plus",
                                                 "skandia-vardforsakring:plus"]
    assert result.moments[0] == "treatment_guarantee"
    with pytest.raises(InputError, match="no product matches"):
        select(found, ["nobody"], [])


def test_schema_describes_contents() -> None:
    schema = ContentsModel.model_json_schema()
    assert "prices" in schema["required"]


def test_cli_products_compare(run: Invoke) -> None:
    result = run("products", "compare", "--product", "plus", "--on", "2025-03-01",
                 env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "DSS Hälsa" in out and "Skandia" in out and "Vårdförsäkring Plus" in out
    assert "upp till 24 behandlingar per kalenderår" in out   # DKV 003:244-245
    assert "specialist inom 7 arbetsdagar" in out             # DSS 001:95
    assert "—" in out
    assert "Skandia: inga offentliga priser" in out
    data = json.loads(run("products", "compare", "--insurer", "dss", "--json").stdout)
    assert [p["product_id"] for p in data["products"]] == ["bas", "plus", "premium"]
    assert all(p["priced"] is False for p in data["products"])
    assert data["products"][0]["items"]["travel"]["sources"] == ["001_63d0074fd0ad1698.txt:43-45"]


def test_cli_products_compare_bad_filter(run: Invoke) -> None:
    result = run("products", "compare", "--insurer", "nobody", env=EN)
    assert result.exit_code == 2 and "no product matches" in result.stderr


def test_cli_exclusions(run: Invoke) -> None:
    result = run("products", "compare", "--insurer", "dss", "--exclusions")
    assert result.exit_code == 0, result.output
    # Chronic diseases are excluded from BAS only (001:192), so BAS's list differs.
    assert "Undantag, DSS Hälsa (Hälsa BAS)" in result.stdout
    assert "Undantag, DSS Hälsa (Hälsa PLUS, Hälsa Premium)" in result.stdout
    assert "Kroniska sjukdomar (001_63d0074fd0ad1698.txt:192)" in result.stdout
    data = json.loads(run("products", "compare", "--insurer", "dss", "--json").stdout)
    bas, plus = data["products"][0], data["products"][1]
    assert len(bas["exclusions"]) == len(plus["exclusions"]) + 1 == 18
