"""Offers from the desk's results: a comparison, a household, a company's group quote.

Each priced person becomes a :class:`~quote.offers.model.Line` through
:func:`~quote.offers.build.line_from_breakdown`, so every kind of offer shows the same
steps, cover and terms as `quote price --offer`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from quote.compare import Comparison, Offered
from quote.group import GroupQuote
from quote.household import Household
from quote.i18n import Lang, percent, t
from quote.offers.build import (
    line_from_breakdown,
    offer_for_lines,
    options_words,
    sources_of,
)
from quote.offers.model import Line, Offer, Person, StepUp, Total
from quote.person import Person as QuotedPerson


def person_from(quoted: QuotedPerson, *, name: str | None = None, role: str | None = None,
                guardian: bool = False) -> Person:
    """The offer's person from a quoted one (age, birth date, masked identity number)."""
    return Person(age=quoted.age, birth_date=quoted.birth_date, name=name,
                  masked_id=quoted.masked_id, role=role, guardian_needed=guardian)


def _not_offered_note(reason: str, source: str, lang: Lang) -> str:
    try:
        return t(f"offer.not_offered.{reason}", lang)
    except KeyError:
        return t(f"compare.reason.{reason}", lang, source=source)


def comparison_offer(c: Comparison, made_on: date, lang: Lang,
                     name: str | None = None) -> Offer | None:
    """`quote compare --offer`: every combination, the cover side by side, the step-ups.
    None when nothing could be priced."""
    model = c.tariff.model
    customer = person_from(c.person, name=name)
    lines: list[Line] = []
    priced = []
    for option in c.options:
        if isinstance(option, Offered):
            priced.append(option.breakdown)
            lines.append(line_from_breakdown(option.breakdown, customer, lang))
        else:
            lines.append(Line(customer, option.product, model.products[option.product].name,
                              options_words(lang, option.deductible, option.referral,
                                            c.smoker), None, None,
                              note=_not_offered_note(option.reason, option.source, lang)))
    if not priced:
        return None
    names = {pid: product.name for pid, product in model.products.items()}
    ups = tuple(StepUp(names[s.from_product], names[s.to_product],
                       tuple(model.moments.get(m, m) for m in s.adds), s.extra_monthly)
                for s in c.step_ups)
    offer = offer_for_lines("compare", c.tariff, lines, made_on=made_on, start=c.on, lang=lang,
                            sources=sources_of(priced[0], lang), customer=customer)
    return replace(offer, step_ups=ups)


def household_offer(h: Household, made_on: date, lang: Lang,
                    policyholder: str | None = None) -> Offer | None:
    """`quote household --offer`: each person's price and breakdown, the total."""
    lines = []
    for pm in h.members:
        note = t("household.too_old", lang, age=str(h.individual_max_age)) \
            if pm.too_old_to_apply else None
        person = person_from(pm.member.person, role=pm.member.role,
                             guardian=pm.guardian_signature)
        lines.append(line_from_breakdown(pm.breakdown, person, lang, note=note))
    if not lines:
        return None
    return offer_for_lines("household", h.tariff, lines, made_on=made_on, start=h.on,
                           lang=lang, sources=sources_of(h.members[0].breakdown, lang),
                           policyholder=policyholder)


def group_offer(q: GroupQuote, made_on: date, lang: Lang,
                policyholder: str | None = None) -> Offer | None:
    """`quote group --offer`: every employee with the taxable benefit and the employer's
    cost, the co-insured family (karens, paid by the employee), the totals; rejected rows
    listed. None when the group is refused or nobody could be priced."""
    if q.refused or not q.employees:
        return None
    s = q.settings
    benefit = t("offer.group.benefit", lang, pct=percent(s.benefit_pct, lang))
    charges = t("offer.group.charges", lang)
    employer = t("offer.group.employer", lang)
    lines = []
    for e in q.employees:
        extras = ((benefit, e.benefit_monthly), (charges, e.social_charges_monthly),
                  (employer, e.employer_monthly))
        lines.append(line_from_breakdown(e.breakdown, person_from(e.person, name=e.name or None),
                                         lang, extras=extras))
        for c in e.co_insured:
            role = t(f"group.role.{c.role}", lang)
            lines.append(line_from_breakdown(c.breakdown, person_from(c.person, role=role),
                                             lang))
    totals = q.totals
    yearly = sum((line.yearly for line in lines if line.yearly is not None), Decimal(0))
    notices = [t("offer.group.tax", lang, benefit=percent(s.benefit_pct, lang),
                 charges=percent(s.social_charges_pct, lang))]
    if totals.co_insured:
        notices.append(t("group.family_note", lang))
    if q.individual_table:
        notices.append(t("offer.group.individual_table", lang))
    notices += [t("offer.group.rejected", lang, line=row.line,
                  reason=t(f"group.reject.{row.code}", lang, **row.values))
                for row in q.rejected]
    offer = offer_for_lines(
        "group", q.tariff, lines, made_on=made_on, start=q.on, lang=lang,
        sources=sources_of(q.employees[0].breakdown, lang), policyholder=policyholder,
        totals=(Total("monthly", totals.premium_monthly + totals.co_insured_monthly),
                Total("yearly", yearly), Total(benefit, totals.benefit_monthly),
                Total(charges, totals.social_charges_monthly),
                Total(employer, totals.employer_monthly)),
        notices=tuple(notices))
    return offer
