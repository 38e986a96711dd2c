"""The option vocabulary: one name, one value name and one help text for one thing, in
every command. Commands import these types (also through quote.cli.common); README
"Options: one name for one thing" lists them."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Annotated

import typer

# The option vocabulary: one name means one thing in every command, and one value name
# (metavar) goes with it. README "Options" lists the same table.
METAVARS: Mapping[str, str] = {
    "on": "DATE", "start": "DATE", "from_": "DATE", "birth_date": "DATE", "received": "DATE",
    "month": "MONTH", "value": "NUMBER",
    "loading": "PCT",
    "age": "N", "deductible": "N", "year": "N",
    "tariff": "FILE", "kpi": "FILE", "rulebook": "FILE", "declaration": "FILE",
    "record": "FILE", "output": "FILE", "rejects": "FILE", "book": "FILE",
    "old": "FILE", "new": "FILE",
    "tariffs": "DIR",
    "paths": "PATH",
    "product": "PRODUCT", "frequency": "FREQUENCY", "residence": "COUNTRY",
    "id_number": "NUMBER", "id_country": "COUNTRY", "version": "TEXT", "kind": "KIND",
}

# Options shared by every command that reads tariffs.
TariffOption = Annotated[
    Path | None,
    typer.Option("--tariff", help="Use this tariff file, whatever its dates [default: the "
                                  "version in force in the data directory].",
                 dir_okay=False, show_default=False),
]
TariffsDirOption = Annotated[
    Path | None,
    typer.Option("--tariffs", envvar="QUOTE_TARIFFS",
                 help="Data directory of tariff versions and KPI series "
                      "[default: the bundled one].",
                 file_okay=False, show_default=False),
]
KpiOption = Annotated[
    Path | None,
    typer.Option("--kpi", help="KPI series CSV [default: the one the tariff names].",
                 dir_okay=False, show_default=False),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the result as JSON (for "
                                                          "scripts) instead of text.")]
RulebookOption = Annotated[
    Path | None,
    typer.Option("--rulebook", help="Rule-book file [default: the one in force in the data "
                                    "directory].", dir_okay=False, show_default=False),
]
IdOption = Annotated[
    str | None,
    typer.Option("--id", help="Identity number: SE personnummer/samordningsnummer, NO "
                              "fødselsnummer/D-nummer, DK CPR or FI HETU; gives the birth date "
                              "(or --birth-date).", show_default=False),
]
IdCountryOption = Annotated[
    str | None,
    typer.Option("--id-country", help="SE, NO, DK or FI, when an --id fits more than one "
                                      "country's format and --residence does not settle it "
                                      "[default: the one country the number fits].",
                 show_default=False),
]
BirthDateOption = Annotated[
    str | None,
    typer.Option("--birth-date", help="Birth date YYYY-MM-DD (or --id).",
                 show_default=False),
]
ResidenceOption = Annotated[
    str, typer.Option(help="Country of residence, ISO 3166 code (SE, NO, DK, FI, AX …).",
                      show_default=False),
]
NotFitOption = Annotated[
    bool, typer.Option("--not-fit-for-work", help="The applicant is not fully fit for work "
                                                  "(fullt arbetsför).")]
NoSocialInsuranceOption = Annotated[
    bool, typer.Option("--no-social-insurance", help="The applicant is not covered by a Nordic "
                                                     "social insurance office (försäkringskassa).")]



# What is priced (quote price, compare, household; the same words in quote apply's offer).
PricingDateOption = Annotated[str | None, typer.Option(
    metavar="DATE", help="Pricing date YYYY-MM-DD [default: today].", show_default=False)]
SmokerOption = Annotated[bool, typer.Option("--smoker", help="Add the smoker loading.")]
ProductOption = Annotated[str, typer.Option(
    help="Product id in the tariff: bas, plus or topp.", show_default=False)]
DeductibleOption = Annotated[int, typer.Option(
    help="Självrisk in kronor per claim (0, 500 or 1000 in the DKV tariff).")]
ReferralOption = Annotated[bool, typer.Option(
    "--referral", help="With remisskrav (cannot be combined with a självrisk).")]
FrequencyOption = Annotated[str, typer.Option(
    help="Payment frequency: month, quarter, half-year or year; the instalment is the "
         "monthly premium × months.")]
