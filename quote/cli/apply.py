"""`quote apply`: reads the options, calls :func:`quote.underwriting.application.apply_for`,
renders the result (text, JSON, the record file)."""

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
from quote.cli.interview import DRAFT_KIND, Interview
from quote.cli.offer import NameOption, OfferOption, offer_after_application
from quote.cli.price import render as render_price
from quote.dates import age_on
from quote.i18n import Lang, get_lang, parse_lang, set_lang, t
from quote.indexation import KpiSeries
from quote.money import pct
from quote.private import create_private, create_private_numbered
from quote.tariff import Tariff
from quote.underwriting.application import (
    Application,
    ApplicationRequest,
    DeclarationSource,
    Declined,
    NotEligible,
    Offered,
    RawDeclaration,
    Referred,
    application_dict,
    apply_for,
    received_of,
    start_date,
)
from quote.underwriting.declaration import DeclarationError
from quote.underwriting.rulebook import RuleBook
from quote.yamlfile import YamlDocument, load_yaml, read_bytes


def apply(
    product: Annotated[str, typer.Option(help="Product id in the tariff: bas, plus or topp.",
                                         show_default=False)],
    residence: ResidenceOption,
    birth_date: BirthDateOption = None,
    id_number: IdOption = None,
    id_country: IdCountryOption = None,
    on: Annotated[str | None, typer.Option(
        help="Date of the decision, YYYY-MM-DD (default: today); also the received date when "
             "the declaration is asked in the terminal.", show_default=False)] = None,
    start: Annotated[str | None, typer.Option(
        help="Date cover and premium start, YYYY-MM-DD; the offer is priced on it (age, "
             "bracket, KPI) (default: the first of the month after the decision).",
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
             "new file, readable by you only (0600); never replaces anything (default: none).",
        dir_okay=False, show_default=False)] = None,
    draft_dir: Annotated[Path | None, typer.Option(
        "--draft-dir", help="Where an interrupted interview saves its draft (a new file, "
                            "0600; default: the current directory).",
        file_okay=False, show_default=False)] = None,
    resume: Annotated[Path | None, typer.Option(
        help="Continue the interview saved in this draft file (default: a new interview).",
        dir_okay=False,
        show_default=False)] = None,
    lang: Annotated[str | None, typer.Option(
        metavar="sv|en", help="Language of output, questions and reasons (default: QUOTE_LANG, "
                              "the locale, then sv).", show_default=False)] = None,
    not_fit_for_work: NotFitOption = False,
    no_social_insurance: NoSocialInsuranceOption = False,
    tariff: TariffOption = None,
    tariffs: TariffsDirOption = None,
    kpi: KpiOption = None,
    rulebook: RulebookOption = None,
    as_json: JsonOption = False,
    offer_file: OfferOption = None,
    name: NameOption = None,
) -> None:
    """Apply for insurance: eligibility, health declaration, decision and priced offer.

    Exit 0 when a decision was made (whatever it is), 1 when the applicant may not apply,
    2 for bad input, including an invalid or incomplete declaration.
    Example: quote apply --product plus --birth-date 1990-05-01 --residence SE
    --declaration answers.yaml
    """
    if lang is not None:
        chosen_lang = parse_lang(lang)
        if chosen_lang is None or lang.lower() not in ("sv", "en"):
            fail(f"--lang: {t('usage.lang', value=lang)}")
        set_lang(chosen_lang)
    language = get_lang()
    decided = date_option(on, "--on") or date.today()
    start_day = date_option(start, "--start")
    born, identity = birth_date_from(birth_date, id_number, id_country, decided, residence)
    _check_paths(record, declaration, resume, draft_dir)
    request = ApplicationRequest(
        product=product.lower(), birth_date=born, residence=residence, decided=decided,
        start=start_day, deductible=deductible, referral=referral,
        frequency=frequency.lower(), fit_for_work=not not_fit_for_work,
        social_insurance=not no_social_insurance)
    with user_errors():
        doc = _read_declaration(declaration)
        draft = _read_draft(resume)
        received = received_of(doc.data, decided) if doc else decided
        book = choose_rulebook(rulebook, tariffs, received)
        chosen = choose_tariff(tariff, tariffs, start_day or start_date(decided))
        series = kpi_for(chosen, kpi)
        _check_book(book, draft, declaration)
        interview = Interview(stderr() if as_json else stdout(), book.model, language, draft)

        def source() -> RawDeclaration:
            if doc is not None:
                return RawDeclaration(doc.data, doc, declaration)
            return RawDeclaration(_interview(interview, decided, born, draft_dir))

        result = _decide(request, received, chosen, series, book, source, language)
    masked = identity.masked if identity else None
    data = application_dict(result, language, masked)
    if isinstance(result, NotEligible):
        _render_not_eligible(data, as_json)
        raise typer.Exit(EXIT_FINDINGS)
    written = None
    if record is not None:
        written = _write_record(record, data, result, identity_number=identity.number
                                if identity else None, id_country=identity.country
                                if identity else None, lang=language)
    if as_json:
        print_json(data)
    else:
        _render(result, data)
    if written is not None:
        stderr().print(t("apply.record_written", path=str(written)), markup=False)
    offer_after_application(offer_file, name, result, masked, language)


def _check_paths(record: Path | None, declaration: Path | None, resume: Path | None,
                 draft_dir: Path | None) -> None:
    """What can be refused before anything is read or asked (a hint: the record is still
    created exclusively)."""
    if record is not None and (record.exists() or record.is_symlink()):
        fail(t("cli.record_exists", path=str(record)))
    if record is not None and not (record.parent if str(record.parent) else Path(".")).is_dir():
        fail(t("cli.no_directory", option="--record", directory=str(record.parent)))
    if declaration is not None and resume is not None:
        fail(t("cli.resume_with_declaration"))
    if draft_dir is not None and not draft_dir.is_dir():
        fail(t("cli.no_directory", option="--draft-dir", directory=str(draft_dir)))


def _check_book(book: RuleBook, draft: dict[str, Any] | None, declaration: Path | None
                ) -> None:
    if draft is not None and (draft.get("rulebook"), draft.get("version")) != \
            (book.model.id, book.model.version):
        fail(t("cli.resume_other_book", id=book.model.id, version=book.model.version))
    if declaration is not None and book.model.declaration.mode == "karens":
        fail(t("cli.declaration_karens"))


def _decide(request: ApplicationRequest, received: date, chosen: Tariff, series: KpiSeries,
            book: RuleBook, source: DeclarationSource, language: Lang) -> Application:
    try:
        return apply_for(request, received, chosen, series, book, source, language)
    except DeclarationError as exc:
        for problem in exc.problems:
            typer.echo(str(problem), err=True)
        raise typer.Exit(2) from None


def _read_declaration(path: Path | None) -> YamlDocument | None:
    if path is None:
        return None
    doc = load_yaml(path, read_bytes(path, "declaration", DeclarationError))
    if doc.problems:
        raise DeclarationError(path, doc.problems)
    return doc


def _read_draft(path: Path | None) -> dict[str, Any] | None:
    if path is None:
        return None
    doc = load_yaml(path, read_bytes(path, "draft", DeclarationError))
    if doc.problems:
        raise DeclarationError(path, doc.problems)
    data = doc.data
    if not isinstance(data, dict) or data.get("kind") != DRAFT_KIND:
        fail(t("cli.not_a_draft", path=str(path), kind=DRAFT_KIND))
    return data


def _interview(interview: Interview, decided: date, born: date, draft_dir: Path | None
               ) -> dict[str, Any]:
    try:
        return interview.run(decided, age_on(born, decided))
    except (EOFError, KeyboardInterrupt):
        progress = interview.progress
        if not progress["answers"] and progress["height_cm"] is None:
            fail(t("apply.interrupted"))
        with user_errors():
            path = create_private_numbered(draft_dir or Path("."),
                                           f"utkast-{decided.isoformat()}", ".json",
                                           json.dumps(progress, ensure_ascii=False,
                                                      indent=2) + "\n")
        typer.echo(t("apply.draft_saved", path=str(path)), err=True)
        raise typer.Exit(2) from None


def _write_record(record: Path, data: dict[str, Any], result: Application,
                  identity_number: str | None, id_country: str | None, lang: Lang) -> Path:
    assert not isinstance(result, NotEligible)
    req = result.request
    full = {**data, "inputs": {
        "product": req.product, "birth_date": req.birth_date.isoformat(),
        "id": identity_number, "id_country": id_country,
        "residence": req.residence.upper(), "on": req.decided.isoformat(),
        "start": result.dates.start.isoformat(),
        "deductible": req.deductible, "referral": req.referral, "frequency": req.frequency,
        "lang": lang, "not_fit_for_work": not req.fit_for_work,
        "no_social_insurance": not req.social_insurance},
        "declaration": result.declaration.as_dict() if result.declaration else None}
    with user_errors():
        create_private(record, json.dumps(full, ensure_ascii=False, indent=2) + "\n")
    return record


def _render_not_eligible(data: dict[str, Any], as_json: bool) -> None:
    if as_json:
        print_json(data)
        return
    console = stdout()
    console.print(f"[bold]{t('apply.not_eligible')}[/]:")
    for r in data["reasons"]:
        console.print(f"  - {r['message']} [{r['code']}]", markup=False)


def _render(result: Application, data: dict[str, Any]) -> None:
    assert not isinstance(result, NotEligible)
    console = stdout()
    decision = result.decision
    console.print(f"[bold]{t('apply.decision')}: {t(f'apply.outcome.{decision.outcome}')}[/]")
    console.print(t("apply.dates", **{k: data[k] for k in ("received", "decided", "start")}),
                  markup=False)
    if isinstance(result, Offered) and result.karens:
        console.print(f"{t('uw.karens_mode')}.", markup=False)
        for f in decision.findings:
            console.print(f.reason, markup=False)
    elif decision.findings:
        table = Table(show_edge=False, pad_edge=False)
        for column in ("question", "answer", "rule", "effect", "reason"):
            table.add_column(t(f"apply.col.{column}"))
        for f in data["findings"]:
            effect = t(f"apply.effect.{f['effect']}") + (f" +{f['load_pct']} %"
                                                         if f["effect"] == "load" else "")
            reason = f["reason"] + (f" ({f['note']})" if f["note"] else "")
            question = (f["question"] or "") + (f" #{f['item']}" if f["item"] else "")
            table.add_row(question, escape(f["answer"]), f["rule"], effect, escape(reason))
        console.print(table)
    if data["exclusions"] and not isinstance(result, Declined):
        console.print(t("apply.exclusions"))
        for e in data["exclusions"]:
            console.print(f"  - {e['text']}", markup=False)
    if decision.loading_pct and not isinstance(result, Declined):
        console.print(t("apply.loading", pct=pct(decision.loading_pct)))
    if data["karens"]:
        console.print(t("apply.karens_info"))
        for k in data["karens"]:
            item = f" #{k['item']}" if len([x for x in data["karens"]
                                            if x["question"] == k["question"]]) > 1 else ""
            console.print(f"  - {k['question']}{item}: {k['text']}", markup=False)
    if data["dropped_answers"]:
        console.print(t("apply.dropped", items=", ".join(data["dropped_answers"])),
                      markup=False)
    if not isinstance(result, Declined):
        console.print()
        heading = "apply.preliminary" if isinstance(result, Referred) else "apply.offer"
        console.print(f"[bold]{t(heading)}[/]")
        render_price(result.breakdown)
    model = result.rulebook.model
    if model.example:
        console.print(f"[dim]{escape(model.notice_in(get_lang()))}[/]")
