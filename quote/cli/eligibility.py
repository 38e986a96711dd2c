"""`quote eligibility`: may this person apply?"""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from quote.catalog import choose_rulebook
from quote.cli.common import (
    EXIT_FINDINGS,
    BirthDateOption,
    IdCountryOption,
    IdOption,
    JsonOption,
    NoSocialInsuranceOption,
    NotFitOption,
    ResidenceOption,
    RulebookOption,
    TariffsDirOption,
    birth_date_from,
    date_option,
    print_json,
    stdout,
    user_errors,
)
from quote.dates import age_on
from quote.eligibility import Applicant, eligibility_reasons


def eligibility(
    residence: ResidenceOption,
    birth_date: BirthDateOption = None,
    id_number: IdOption = None,
    id_country: IdCountryOption = None,
    not_fit_for_work: NotFitOption = False,
    no_social_insurance: NoSocialInsuranceOption = False,
    received: Annotated[str | None, typer.Option(
        help="Date the application reaches the insurer, YYYY-MM-DD [default: today].",
        show_default=False)] = None,
    collective: Annotated[bool, typer.Option(
        "--collective", help="A collective (group) agreement: ages 16-66 at entry.")] = False,
    rulebook: RulebookOption = None,
    tariffs: TariffsDirOption = None,
    as_json: JsonOption = False,
) -> None:
    """Check whether a person may apply; every reason they may not is listed.

    Exit 0 eligible, 1 not eligible, 2 bad input.
    Example: quote eligibility --birth-date 1990-05-01 --residence SE
    """
    on = date_option(received, "--received") or date.today()
    born, identity = birth_date_from(birth_date, id_number, id_country, on, residence)
    with user_errors():
        book = choose_rulebook(rulebook, tariffs, on)
        reasons = eligibility_reasons(
            Applicant(born, residence, fit_for_work=not not_fit_for_work,
                      social_insurance=not no_social_insurance),
            on, book.model.eligibility, collective=collective)
    age = age_on(born, on)
    if as_json:
        data = {"eligible": not reasons, "age": age, "received": on.isoformat(),
                "collective": collective,
                "reasons": [{"code": r.code, "message": r.message} for r in reasons],
                "rulebook": {"id": book.id, "version": book.model.version,
                             "sha256": book.sha256}}
        if identity is not None:
            data["id"] = identity.masked
        print_json(data)
    else:
        console = stdout()
        who = f"{identity.masked}, " if identity else ""
        if reasons:
            console.print(f"[bold]Kan inte ansöka[/] ({who}{age} år, {on}):")
            for r in reasons:
                console.print(f"  - {r.message} [{r.code}]", markup=False)
        else:
            console.print(f"[bold]Kan ansöka[/] ({who}{age} år, {on}).")
    if reasons:
        raise typer.Exit(EXIT_FINDINGS)
