"""`quote apply`: eligibility, the health declaration, the decision and the priced offer."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from quote.catalog import choose_rulebook, choose_tariff, kpi_for
from quote.cli.common import (
    EXIT_FINDINGS,
    BirthDateOption,
    IdCountryOption,
    IdOption,
    JsonOption,
    KpiOption,
    NoSocialInsuranceOption,
    NotFitOption,
    ResidenceOption,
    RulebookOption,
    TariffOption,
    TariffsDirOption,
    birth_date_from,
    date_option,
    fail,
    print_json,
    stderr,
    stdout,
    user_errors,
)
from quote.cli.interview import Interview
from quote.cli.price import render as render_price
from quote.dates import age_on, parse_date
from quote.eligibility import Applicant, eligibility_reasons
from quote.errors import DataFileError
from quote.files import write_text_atomic
from quote.i18n import get_lang, t
from quote.money import pct, plain
from quote.pricing import Breakdown, PriceRequest
from quote.pricing import price as price_request
from quote.underwriting.decision import Decision, Lang, decide
from quote.underwriting.declaration import DeclarationError, parse_declaration
from quote.yamlfile import load_yaml, read_bytes

EFFECT_TEXT = {
    "sv": {"accept": "beviljas", "exclude": "förbehåll", "load": "tillägg", "refer": "manuell",
           "decline": "avslag", "smoker": "rökartillägg"},
    "en": {"accept": "accept", "exclude": "exclusion", "load": "loading", "refer": "refer",
           "decline": "decline", "smoker": "smoker loading"},
}
OUTCOME_TEXT = {
    "sv": {"accept": "Beviljas", "terms": "Beviljas med villkor",
           "refer": "Manuell riskbedömning", "decline": "Avslag"},
    "en": {"accept": "Accepted", "terms": "Accepted on terms",
           "refer": "Referred to an underwriter", "decline": "Declined"},
}


def apply(
    product: Annotated[str, typer.Option(help="Product id in the tariff: bas, plus or topp.",
                                         show_default=False)],
    residence: ResidenceOption,
    birth_date: BirthDateOption = None,
    id_number: IdOption = None,
    id_country: IdCountryOption = None,
    on: Annotated[str | None, typer.Option(
        help="Date of the application and of the offer's price, YYYY-MM-DD [default: today].",
        show_default=False)] = None,
    deductible: Annotated[int, typer.Option(help="Självrisk in kronor per claim.")] = 0,
    referral: Annotated[bool, typer.Option("--referral", help="With remisskrav.")] = False,
    frequency: Annotated[str, typer.Option(
        help="Payment frequency: month, quarter, half-year or year.")] = "month",
    declaration: Annotated[Path | None, typer.Option(
        help="Health declaration file (YAML or JSON) to run unattended [default: the "
             "declaration is asked in the terminal].", dir_okay=False, show_default=False)
    ] = None,
    record: Annotated[Path | None, typer.Option(
        help="Write the full application record (inputs, answers, decision, hashes) to this "
             "new file, readable by you only (0600) [default: no record].", dir_okay=False,
        show_default=False)
    ] = None,
    lang: Annotated[str | None, typer.Option(
        metavar="sv|en", help="Language of output, questions and reasons [default: "
                              "QUOTE_LANG, the locale, then sv].", show_default=False)
    ] = None,
    not_fit_for_work: NotFitOption = False,
    no_social_insurance: NoSocialInsuranceOption = False,
    tariff: TariffOption = None,
    tariffs: TariffsDirOption = None,
    kpi: KpiOption = None,
    rulebook: RulebookOption = None,
    as_json: JsonOption = False,
) -> None:
    """Apply for insurance: eligibility, health declaration, decision and priced offer.

    Exit 0 when a decision was made (whatever it is), 1 when the applicant may not apply,
    2 for bad input, including an invalid or incomplete declaration.
    Example: quote apply --product plus --birth-date 1990-05-01 --residence SE
    --declaration answers.yaml
    """
    if lang is not None and lang.lower() not in ("sv", "en"):
        fail(f"--lang: {t('usage.lang', value=lang)}")
    language: Lang = get_lang()  # quote.cli.usage set it from --lang, QUOTE_LANG or the locale
    on_date = date_option(on, "--on") or date.today()
    born, identity = birth_date_from(birth_date, id_number, id_country, on_date, residence)
    if record is not None and record.exists():
        fail(f"--record: {record} exists; an application record is never overwritten")
    if record is not None and not (record.parent if str(record.parent) else Path(".")).is_dir():
        fail(f"--record: the directory {record.parent} does not exist")
    age = age_on(born, on_date)
    with user_errors():
        chosen = choose_tariff(tariff, tariffs, on_date)
        series = kpi_for(chosen, kpi)
        book = choose_rulebook(rulebook, tariffs, on_date)
        request = PriceRequest(product=product.lower(), age=age, on=on_date,
                               deductible=deductible, referral=referral,
                               frequency=frequency.lower())
        price_request(chosen, series, request)  # the offer can be priced: fail before asking
        raw: Any = None
        doc = None
        if declaration is not None:
            doc = load_yaml(declaration, read_bytes(declaration, "declaration",
                                                    DeclarationError))
            if doc.problems:
                raise DeclarationError(declaration, doc.problems)
            raw = doc.data
        received = _received(raw, on_date)
        reasons = eligibility_reasons(
            Applicant(born, residence, fit_for_work=not not_fit_for_work,
                      social_insurance=not no_social_insurance),
            received, book.model.eligibility)
    if reasons:
        if as_json:
            print_json({"eligible": False, "outcome": None,
                        "reasons": [{"code": r.code, "message": r.message} for r in reasons]})
        else:
            console = stdout()
            console.print("[bold]Kan inte ansöka[/]:")
            for r in reasons:
                console.print(f"  - {r.message} [{r.code}]", markup=False)
        raise typer.Exit(EXIT_FINDINGS)
    if raw is None:
        try:
            raw = Interview(stderr() if as_json else stdout(), book.model, language).run(
                on_date, age_on(born, on_date))
        except (EOFError, KeyboardInterrupt):
            fail("the interview was interrupted before every question was answered; nothing "
                 "was decided or written")
    try:
        checked = parse_declaration(raw, book.model, born, doc=doc, path=declaration)
    except DataFileError as exc:
        for problem in exc.problems:
            typer.echo(str(problem), err=True)
        raise typer.Exit(2) from None
    decision = decide(book.model, checked, born, language)
    offer: Breakdown | None = None
    if decision.outcome != "decline":
        with user_errors():
            offer = price_request(chosen, series, PriceRequest(
                product=request.product, age=age, on=on_date, deductible=deductible,
                smoker=decision.smoker, loading_pct=decision.loading_pct, referral=referral,
                frequency=request.frequency))
    result = _result(decision, offer, chosen.model.moments, language, chosen, book, checked,
                     identity.masked if identity else None)
    if record is not None:
        full = {**result, "inputs": {
            "product": request.product, "birth_date": born.isoformat(),
            "id": identity.number if identity else None,
            "id_country": identity.country if identity else None,
            "residence": residence.upper(), "on": on_date.isoformat(),
            "deductible": deductible, "referral": referral, "frequency": request.frequency,
            "lang": language, "not_fit_for_work": not_fit_for_work,
            "no_social_insurance": no_social_insurance},
            "declaration": checked.as_dict(),
            "offer": offer.as_dict() if offer else None}
        with user_errors():
            write_text_atomic(record, json.dumps(full, ensure_ascii=False, indent=2) + "\n",
                              mode=0o600)
    if as_json:
        print_json(result)
    else:
        _render(decision, offer, result, language, book.model.example, book.model.notice)


def _received(raw: Any, on: date) -> date:
    """The declaration's received date for the eligibility check (``on`` if it has none)."""
    value = raw.get("received") if isinstance(raw, dict) else None
    if isinstance(value, date):
        return value
    try:
        return parse_date(str(value)) if value is not None else on
    except ValueError:
        return on  # the declaration check reports it


def _result(decision: Decision, offer: Breakdown | None, moments: dict[str, str],
            lang: Lang, chosen: Any, book: Any, checked: Any, masked: str | None
            ) -> dict[str, Any]:
    exclusions = []
    for e in decision.exclusions:
        item = e.as_dict(lang)
        if e.kind == "moment":
            item["text"] = moments.get(e.id, e.id)
        exclusions.append(item)
    return {
        "eligible": True,
        "outcome": decision.outcome,
        "smoker": decision.smoker,
        "loading_pct": pct(decision.loading_pct),
        "exclusions": exclusions,
        "findings": [f.as_dict(lang) for f in decision.findings],
        "age": decision.age,
        "bmi": format(decision.bmi, "f"),
        "monthly_premium": plain(offer.monthly_premium) if offer else None,
        "frequency": offer.request.frequency if offer else None,
        "instalment": plain(offer.instalment) if offer else None,
        "dropped_answers": list(checked.dropped),
        "id": masked,
        "tariff": {"id": chosen.model.id, "version": chosen.model.version,
                   "effective_from": chosen.model.effective_from.isoformat(),
                   "sha256": chosen.sha256},
        "rulebook": {"id": book.model.id, "version": book.model.version,
                     "example": book.model.example, "sha256": book.sha256},
    }


def _render(decision: Decision, offer: Breakdown | None, result: dict[str, Any], lang: Lang,
            example: bool, notice: str) -> None:
    console = stdout()
    sv = lang == "sv"
    console.print(f"[bold]{'Beslut' if sv else 'Decision'}: "
                  f"{OUTCOME_TEXT[lang][decision.outcome]}[/]")
    if decision.findings:
        table = Table(show_edge=False, pad_edge=False)
        for column in (("Fråga", "Svar", "Regel", "Effekt", "Skäl") if sv else
                       ("Question", "Answer", "Rule", "Effect", "Reason")):
            table.add_column(column)
        for f in result["findings"]:
            effect = EFFECT_TEXT[lang][f["effect"]] + (f" +{f['load_pct']} %"
                                                       if f["effect"] == "load" else "")
            reason = f["reason"] + (f" ({f['note']})" if f["note"] else "")
            table.add_row(f["question"] or "", escape(f["answer"]), f["rule"], effect,
                          escape(reason))
        console.print(table)
    if result["exclusions"]:
        console.print("Förbehåll (undantas):" if sv else "Exclusions:")
        for e in result["exclusions"]:
            console.print(f"  - {e['text']}", markup=False)
    if decision.loading_pct:
        console.print(f"{'Premietillägg' if sv else 'Loading'}: +{pct(decision.loading_pct)} %")
    if result["dropped_answers"]:
        console.print(("Ej använda svar (gäller inte): " if sv else "Answers not used: ")
                      + ", ".join(result["dropped_answers"]))
    if offer is not None:
        console.print()
        console.print("[bold]Erbjudande[/]" if sv else "[bold]Offer[/]")
        render_price(offer)
        if decision.outcome == "refer":
            console.print("Preliminärt: en riskbedömare avgör." if sv else
                          "Provisional: an underwriter decides.")
    if example:
        console.print(f"[dim]{escape(notice)}[/]")
