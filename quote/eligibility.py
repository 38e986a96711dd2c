"""Who may apply: a pure function from an applicant to reasons (empty = eligible).

The limits are the rule book's ``eligibility`` settings, from the terms 13.00.01/02:
an individual application must arrive no later than the day before the 67th birthday;
a collective one takes ages 16-66 at entry; the applicant lives in Norden as the terms
define it, belongs to a Nordic social insurance office and is fully fit for work.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from quote.countries import is_country
from quote.dates import age_on
from quote.errors import InputError
from quote.i18n import t
from quote.underwriting.rulebook import Eligibility


@dataclass(frozen=True)
class Applicant:
    birth_date: date
    residence: str
    fit_for_work: bool = True
    social_insurance: bool = True


@dataclass(frozen=True)
class Reason:
    """Why someone may not apply: a stable code and a message for the broker."""

    code: str
    message: str


def birthday(birth_date: date, age: int) -> date:
    """The day someone turns ``age`` (29 February births: 1 March in other years)."""
    try:
        return birth_date.replace(year=birth_date.year + age)
    except ValueError:
        return date(birth_date.year + age, 3, 1)


def residence_code(text: str) -> str:
    """An ISO 3166-1 alpha-2 code, upper case; InputError if it is not one."""
    code = text.strip().upper()
    if len(code) != 2 or not is_country(code):
        raise InputError("residence", t("eligibility.bad_residence", value=text))
    return code


def eligibility_reasons(applicant: Applicant, received: date, rules: Eligibility,
                        collective: bool = False) -> list[Reason]:
    """Every reason the applicant may not apply on ``received``; empty means eligible."""
    if applicant.birth_date > received:
        raise InputError("birth_date", t("eligibility.born_after",
                                         born=applicant.birth_date.isoformat(),
                                         received=received.isoformat()))
    reasons = []
    age = age_on(applicant.birth_date, received)
    if collective:
        if age < rules.collective_min_age:
            reasons.append(Reason("too_young", t("eligibility.collective_too_young",
                                                 min=rules.collective_min_age, age=age)))
        if age > rules.collective_max_age:
            reasons.append(Reason("too_old", t("eligibility.collective_too_old",
                                               max=rules.collective_max_age, age=age)))
    else:
        turns = rules.individual_max_age + 1
        deadline = birthday(applicant.birth_date, turns) - timedelta(days=1)
        if received > deadline:
            reasons.append(Reason("too_old", t("eligibility.too_old", turns=str(turns),
                                               deadline=deadline.isoformat(),
                                               received=received.isoformat())))
    residence = residence_code(applicant.residence)
    if residence not in rules.norden:
        norden = ", ".join(rules.norden)
        reasons.append(Reason("not_resident_in_norden", t(
            "eligibility.not_in_norden", residence=residence, norden=norden)))
    if not applicant.social_insurance:
        reasons.append(Reason("no_nordic_social_insurance",
                              t("eligibility.no_social_insurance")))
    if not applicant.fit_for_work:
        reasons.append(Reason("not_fit_for_work", t("eligibility.not_fit_for_work")))
    return reasons
