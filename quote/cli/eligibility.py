"""`quote eligibility`: may this person apply?"""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer
from rich.markup import escape

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
from quote.i18n import t


def eligibility(
    residence: ResidenceOption,
    birth_date: BirthDateOption = None,
    id_number: IdOption = None,
    id_country: IdCountryOption = None,
    not_fit_for_work: NotFitOption = False,
    no_social_insurance: NoSocialInsuranceOption = False,
    on: Annotated[str | None, typer.Option(
        help="Date the application reaches the insurer, YYYY-MM-DD [default: today]. "
             "(Was --received.)", show_default=False)] = None,
    collective: Annotated[bool, typer.Option(
        "--collective", help="A collective (group) agreement: ages 16-66 at entry.")] = False,
    rulebook: RulebookOption = None,
    tariffs: TariffsDirOption = None,
    as_json: JsonOption = False,
) -> None:
    """Check whether a person may apply; every reason they may not is listed.

    Exit 0 eligible, 1 not eligible, 2 bad input.

    Examples:

    \b
      quote eligibility --birth-date 1990-05-01 --residence SE --on 2025-01-15
      quote eligibility --birth-date 1958-03-01 --residence SE --on 2025-06-01 --json
    """
    when = date_option(on, "--on") or date.today()
    born, identity = birth_date_from(birth_date, id_number, id_country, when, residence)
    with user_errors():
        book = choose_rulebook(rulebook, tariffs, when)
        reasons = eligibility_reasons(
            Applicant(born, residence, fit_for_work=not not_fit_for_work,
                      social_insurance=not no_social_insurance),
            when, book.model.eligibility, collective=collective)
    age = age_on(born, when)
    if as_json:
        data = {"eligible": not reasons, "age": age, "on": when.isoformat(),
                "received": when.isoformat(), "collective": collective,
                "reasons": [{"code": r.code, "message": r.message} for r in reasons],
                "rulebook": {"id": book.id, "version": book.model.version,
                             "sha256": book.sha256}}
        if identity is not None:
            data["id"] = identity.masked
        print_json(data)
    else:
        console = stdout()
        who = f"{identity.masked}, " if identity else ""
        key = "eligibility.no" if reasons else "eligibility.yes"
        console.print(t(key, who=escape(who), age=age, on=when.isoformat()))
        for r in reasons:
            console.print(f"  - {r.message} [{r.code}]", markup=False)
    if reasons:
        raise typer.Exit(EXIT_FINDINGS)
