"""`--offer FILE.html` and `--name` on `quote price` and `quote apply`, through the CLI,
and the files they write rendered in headless Chromium."""

from __future__ import annotations

import json
import re
import stat
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from quote.underwriting.rulebook import load_rulebook

from .browser import pdf_has_pages, png_is_blank, print_pdf, rendered_text, screenshot
from .conftest import BUNDLED, FIXTURES, Invoke
from .declarations import all_no, declaration_for
from .offers import Page, assert_self_contained

BOOK = load_rulebook(BUNDLED / "rulebook-dkv-example-2024-06-01.yaml").model
PRICE = ["price", "--product", "plus", "--birth-date", "1990-05-01", "--on", "2025-03-01",
         "--smoker", "--deductible", "500", "--frequency", "quarter"]
APPLY = ["apply", "--product", "plus", "--id", "199005011235", "--residence", "SE",
         "--on", "2024-09-01", "--deductible", "500"]
FULL_ID = ("199005011235", "900501-1235", "9005011235")
# Free text, dates and measures from the declaration below: none may reach the offer.
HEALTH_ANSWERS = ("tabletter mot blodtryck", "kortisonsalva", "naprapat Sörensen", "2019-03",
                  "2015-01", "2012-05", "2021-06", "2022-03", "2020-01", "ryggskott",
                  "bättre", "178", "82", "BMI", "karens", "Högt blodtryck,")


def declaration() -> dict[str, Any]:
    """Smoker; high blood pressure and diabetes (+25 % +50 %); eczema (excluded); back and
    left knee (exclusions)."""
    data = all_no(BOOK, 178, 82)
    data["answers"].update({
        "q1": "ja",
        "q2": {"answer": "ja", "conditions": [
            {"condition": "high_blood_pressure", "onset": "2019-03",
             "treatment": "tabletter mot blodtryck", "last_symptoms": "2024-08",
             "ongoing": "ja"},
            {"condition": "diabetes", "onset": "2015-01", "treatment": "kost",
             "last_symptoms": "2022-03"}]},
        "q7": {"answer": "ja", "condition": "eczema", "onset": "2012-05",
               "treatment": "kortisonsalva", "last_symptoms": "2021-06"},
        "q17": {"answer": "ja", "body_part": ["back", "knee"], "side": "left",
                "onset": "2020-01", "last_symptoms": "2024-06",
                "treatment": "naprapat Sörensen", "result": "bättre",
                "diagnosis": "ryggskott", "ongoing": "nej"},
    })
    return data


def write_declaration(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "decl.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_price_writes_the_offer(run: Invoke, tmp_path: Path) -> None:
    """1068 × 414.57 / 408.05 → 1085; × 1.25 − 210 = 1146.25 a month; 3 × = 3438.75."""
    out = tmp_path / "offer.html"
    result = run(*PRICE, "--offer", str(out), "--name", "  Anna   Andersson ")
    assert result.exit_code == 0, result.output
    assert "Månadspremie" in result.stdout  # the table is printed as before
    assert f"Offert skriven: {out}" in result.stderr
    assert f"Obs: offertens startdatum 2025-03-01 ligger före offertdatumet {date.today()}." \
        in result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    page = assert_self_contained(out.read_text(encoding="utf-8"))
    words = page.words
    assert "Offert: Vårdförsäkring Plus" in words
    assert "Månadspremie 1 146,25 kr per månad" in words
    assert "Kvartal vald autogiro, faktura 3 438,75 kr 13 755,00 kr" in words
    assert "Anna Andersson" in words and "1990-05-01" in words
    made = date.today()
    assert f"Offerten gäller till och med {made + timedelta(days=30)}" in words
    assert "Startdatum 2025-03-01" in words


def test_price_json_stays_json_with_an_offer(run: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "offer.html"
    result = run(*PRICE, "--json", "--offer", str(out))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["monthly_premium"] == "1146.25"
    assert out.exists()


def test_name_without_offer_is_refused(run: Invoke) -> None:
    result = run(*PRICE, "--name", "Anna")
    assert result.exit_code == 2
    assert result.stderr.strip() == "Fel: --name visas bara i offerten: ange också --offer FIL.html"


def test_offer_in_a_missing_directory_is_refused(run: Invoke, tmp_path: Path) -> None:
    result = run(*PRICE, "--offer", str(tmp_path / "no" / "offer.html"))
    assert result.exit_code == 2
    assert result.stdout == ""  # refused while the options are read, before pricing
    assert result.stderr.strip() == f"Fel: --offer: katalogen {tmp_path / 'no'} finns inte"


def test_name_may_come_before_offer(run: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "o.html"
    result = run("price", "--name", "Bo <Berg>", "--offer", str(out), "--product", "bas",
                 "--age", "8", "--on", "2025-03-01")
    assert result.exit_code == 0, result.output
    words = Page(out.read_text(encoding="utf-8")).words
    assert "Bo <Berg>" in words
    assert "Under 18 år: ansökan skrivs under av förmyndare." in words
    assert "Månadspremie 559,00 kr per månad" in words  # 550 × 1.015978 = 558.79 → 559


def test_a_long_name_is_refused(run: Invoke, tmp_path: Path) -> None:
    result = run(*PRICE, "--offer", str(tmp_path / "o.html"), "--name", "A" * 201)
    assert result.exit_code == 2
    assert result.stderr.strip() == "Fel: --name: högst 200 tecken, fick 201"


def test_an_empty_name_is_refused(run: Invoke, tmp_path: Path) -> None:
    result = run(*PRICE, "--offer", str(tmp_path / "o.html"), "--name", "  ")
    assert result.exit_code == 2 and "--name: får inte vara tomt" in result.stderr
    assert not (tmp_path / "o.html").exists()


def test_apply_offer_has_terms_and_no_health_answers(run: Invoke, tmp_path: Path) -> None:
    """Plus 31-35 on 2024-09-01 (KPI factor 1): 1068 × (1 + 0.25 + 0.75) − 210 = 1926.00."""
    out = tmp_path / "offer.html"
    result = run(*APPLY, "--declaration", str(write_declaration(tmp_path, declaration())),
                 "--offer", str(out))
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    html = out.read_text(encoding="utf-8")
    page = assert_self_contained(html)
    assert page.sections == ["premium", "customer", "breakdown", "payment", "cover", "terms",
                             "validity", "withdrawal", "general-exclusions", "sources"]
    words = page.words
    assert "Månadspremie 1 926,00 kr per månad" in words
    assert "Beslut: Beviljas med villkor" in words
    assert "Premietillägg 25 % Högt blodtryck eller kolesterol ger premietillägg 25 %." in words
    assert "Premietillägg 50 % Diabetes ger premietillägg 50 %." in words
    assert "Förbehåll: Rygg undantas" in words and "Förbehåll: Knä (vänster) undantas" in words
    assert "19900501-****" in words
    for number in FULL_ID:
        assert number not in html
    unhashed = re.sub(r"\b[0-9a-f]{64}\b", "", html)  # a checksum may hold any digits
    for answer in HEALTH_ANSWERS:
        assert answer not in unhashed, answer
    assert "Riskbedömningsreglerna (Exempel på riskbedömning" in words


def test_apply_offer_in_english(run: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "offer.html"
    result = run(*APPLY, "--declaration", str(write_declaration(tmp_path, declaration())),
                 "--offer", str(out), "--lang", "en")
    assert result.exit_code == 0, result.output
    words = Page(out.read_text(encoding="utf-8")).words
    assert "Decision: Accepted on terms" in words
    assert "Monthly premium 1,926.00 kr per month" in words
    assert "Loading 50 % Diabetes gives a 50 % loading." in words
    assert f"Offer written: {out}" in result.stderr


def test_no_offer_when_declined(run: Invoke, tmp_path: Path) -> None:
    rule = next(r for r in BOOK.rules if r.effect == "decline")
    out = tmp_path / "offer.html"
    result = run(*APPLY, "--declaration", str(write_declaration(tmp_path, declaration_for(
        BOOK, rule))), "--offer", str(out))
    assert result.exit_code == 0, result.output
    assert "Ingen offert: ansökan avslogs." in result.stderr
    assert not out.exists()


def test_no_offer_when_not_eligible(run: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "offer.html"
    result = run("apply", "--product", "plus", "--birth-date", "1990-05-01", "--residence",
                 "IS", "--on", "2024-09-01", "--declaration",
                 str(write_declaration(tmp_path, all_no(BOOK))), "--offer", str(out))
    assert result.exit_code == 1
    assert not out.exists()


def test_apply_checks_the_offer_path_before_asking(run: Invoke, tmp_path: Path) -> None:
    """Without --declaration the interview would start: the bad path stops it first."""
    result = run(*APPLY, "--offer", str(tmp_path / "no" / "o.html"), input="")
    assert result.exit_code == 2
    assert "--offer: katalogen" in result.stderr
    assert "Hälsodeklaration" not in result.stdout


def test_cli_offers_render_in_chromium(run: Invoke, tmp_path: Path) -> None:
    price_offer, apply_offer = tmp_path / "price.html", tmp_path / "apply.html"
    assert run(*PRICE, "--offer", str(price_offer)).exit_code == 0
    assert run(*APPLY, "--declaration", str(write_declaration(tmp_path, declaration())),
               "--offer", str(apply_offer)).exit_code == 0
    for page, premium in ((price_offer, "1 146,25 kr"), (apply_offer, "1 926,00 kr")):
        assert not png_is_blank(screenshot(page, page.with_suffix(".png"), 900, 1200))
        assert premium in " ".join(rendered_text(page).split())
        assert pdf_has_pages(print_pdf(page, page.with_suffix(".pdf")))


def test_price_offer_follows_the_language(run: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "offer.html"
    result = run(*PRICE, "--offer", str(out), env={"QUOTE_LANG": "en"})
    assert result.exit_code == 0, result.output
    words = Page(out.read_text(encoding="utf-8")).words
    assert "Offer: Vårdförsäkring Plus" in words
    assert "Monthly premium 1,146.25 kr per month" in words


def test_karens_mode_offer_states_the_rule(run: Invoke, tmp_path: Path) -> None:
    """A rule book with ``mode: karens``: no declaration; the offer says so and states the
    karens rule in place of exclusions and loadings."""
    out = tmp_path / "offer.html"
    result = run("apply", "--product", "plus", "--birth-date", "1990-05-01", "--residence",
                 "SE", "--on", "2024-09-01", "--rulebook",
                 str(FIXTURES / "rulebooks" / "karens.yaml"), "--offer", str(out), input="")
    assert result.exit_code == 0, result.output
    words = Page(out.read_text(encoding="utf-8")).words
    assert "Med karens, utan hälsodeklaration" in words
    assert "Beslut: Beviljas" in words
    assert "Karens 24 månader gäller vid skada." in words
    assert "Dina svar i hälsodeklarationen" not in words
    assert "Startdatum 2024-10-01" in words  # the first of the month after the decision


DESK = {
    "compare": (["compare", "--birth-date", "1990-05-01", "--on", "2025-03-01"],
                "1 085,00 kr"),
    "household": (["household", "--person", "role=vuxen,birth-date=1990-05-01,product=plus",
                   "--person", "role=barn,birth-date=2015-06-01,product=bas",
                   "--on", "2025-03-01"], "1 644,00 kr"),  # 1085 + 559
    "group": (["group", str(FIXTURES / "group" / "twelve.csv"), "--product", "plus",
               "--on", "2025-03-01"], "19 756,00 kr"),
}


@pytest.mark.parametrize("kind", list(DESK))
def test_desk_commands_write_offers(run: Invoke, tmp_path: Path, kind: str) -> None:
    args, premium = DESK[kind]
    out = tmp_path / f"{kind}.html"
    result = run(*args, "--offer", str(out), "--name", "Exempel")
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    page = assert_self_contained(out.read_text(encoding="utf-8"))
    assert premium in page.words and "Exempel" in page.words
    assert "summary" in page.sections and "general-exclusions" in page.sections
    assert not png_is_blank(screenshot(out, tmp_path / f"{kind}.png", 900, 1200))
    assert premium in " ".join(rendered_text(out).split())
    assert pdf_has_pages(print_pdf(out, tmp_path / f"{kind}.pdf"))


def test_no_offer_for_a_refused_group(run: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "group.html"
    result = run("group", str(FIXTURES / "group" / "four.csv"), "--product", "plus",
                 "--on", "2025-03-01", "--offer", str(out))
    assert result.exit_code == 1
    assert "Ingen offert: gruppen kan inte teckna kollektivavtal." in result.stderr
    assert not out.exists()
