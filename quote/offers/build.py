"""Offers from results: a priced breakdown, an underwriting decision, a list of priced lines.

Pure: the day the offer is made and the start date are arguments. The adapters for
several lines (:func:`offer_for_lines`) serve `compare`, `household` and `group`: each
priced person becomes a :class:`Line` with :func:`line_from_breakdown` (with any extra
amounts, e.g. a taxable benefit), and the offer gets its totals.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from quote import __version__
from quote.i18n import Lang, percent, pick, t
from quote.offers.model import (
    CoverItem,
    Instalment,
    Line,
    Offer,
    OfferKind,
    Person,
    PriceRow,
    Source,
    Term,
    TermsText,
    Total,
)
from quote.pricing import Breakdown, instalment_for
from quote.tariff import Tariff
from quote.underwriting.application import Offered, Referred
from quote.underwriting.decision import Decision
from quote.underwriting.rulebook import RuleBook

# When a tariff states no validity for offers (`offer.valid_days`): 30 days.
DEFAULT_VALID_DAYS = 30
MONTHS_PER_YEAR = 12


def options_words(lang: Lang, deductible: int, referral: bool = False, smoker: bool = False,
                  loading_pct: Decimal = Decimal(0)) -> tuple[str, ...]:
    """Options in words: självrisk, remisskrav, smoker, loading."""
    options = [t("offer.opt.deductible", lang, amount=deductible) if deductible
               else t("offer.opt.no_deductible", lang)]
    if referral:
        options.append(t("offer.opt.referral", lang))
    if smoker:
        options.append(t("offer.opt.smoker", lang))
    if loading_pct:
        options.append(t("offer.opt.loading", lang, pct=percent(loading_pct, lang)))
    return tuple(options)


def options_text(b: Breakdown, lang: Lang) -> tuple[str, ...]:
    """The options a breakdown was priced with, in words."""
    req = b.request
    return options_words(lang, req.deductible, req.referral, req.smoker, req.loading_pct)


def cover_for(tariff: Tariff, product_id: str, excluded: Iterable[str] = ()) -> tuple[
        CoverItem, ...]:
    """The product's contents (moments with their limits), excluded moments marked."""
    model = tariff.model
    removed = set(excluded)
    items = []
    for moment in model.products[product_id].moments:
        text = model.moments.get(moment, moment)
        content = model.contents.get(moment)
        limit = content.limit if content is not None else None
        items.append(CoverItem(moment, text, moment in removed,
                               limit if limit and limit not in text else None))
    return tuple(items)


def frequency_label(code: str, fallback: str, lang: Lang) -> str:
    """A payment frequency's name: the catalog's for known codes, else the tariff's label."""
    try:
        return t(f"offer.freq.{code}", lang)
    except KeyError:
        return fallback


def yearly_cost(amount: Decimal, months: int) -> Decimal:
    """An instalment paid every ``months`` months, over a year (to the öre)."""
    return (amount * MONTHS_PER_YEAR / months).quantize(Decimal("0.01"))


def instalments(b: Breakdown, lang: Lang) -> tuple[Instalment, ...]:
    """The monthly premium at every payment frequency the tariff offers."""
    rows = []
    for code, frequency in b.tariff.model.payment_frequencies.items():
        amount = instalment_for(b.tariff, b.monthly_premium, frequency)
        methods = tuple(_method(m, lang) for m in frequency.methods)
        rows.append(Instalment(code, frequency_label(code, frequency.label, lang),
                               frequency.months, methods, amount,
                               yearly_cost(amount, frequency.months),
                               code == b.request.frequency))
    return tuple(rows)


def _method(method: str, lang: Lang) -> str:
    try:
        return t(f"offer.method.{method}", lang)
    except KeyError:
        return method


def yearly_of(b: Breakdown) -> Decimal:
    """The yearly cost at the chosen frequency."""
    return yearly_cost(b.instalment, b.frequency.months)


def line_from_breakdown(b: Breakdown, person: Person, lang: Lang, *,
                        terms: tuple[Term, ...] = (), excluded_moments: Iterable[str] = (),
                        extras: tuple[tuple[str, Decimal], ...] = (),
                        note: str | None = None) -> Line:
    """One priced person as a line of an offer: every step, instalments and the cover."""
    product = b.tariff.model.products[b.request.product]
    steps = tuple(PriceRow(s.label, s.amount, s.subtotal, s.step == "table_premium")
                  for s in b.steps)
    return Line(person=person, product_id=b.request.product, product_name=product.name,
                options=options_text(b, lang), monthly=b.monthly_premium, yearly=yearly_of(b),
                steps=steps, instalments=instalments(b, lang),
                cover=cover_for(b.tariff, b.request.product, excluded_moments), terms=terms,
                extras=extras, note=note)


def terms_from_decision(decision: Decision, tariff: Tariff, lang: Lang) -> tuple[Term, ...]:
    """The exclusions and loadings a decision set, each with its rule's reason.

    Only what the decision imposes is taken: never the answers, the notes or the BMI.
    """
    terms: list[Term] = []
    for finding in decision.findings:
        if finding.effect == "smoker":
            terms.append(Term("smoker", t("offer.term.smoker", lang, pct=percent(
                tariff.model.smoker.loading_pct, lang)), finding.reason,
                tariff.model.smoker.loading_pct))
        elif finding.effect == "load" and finding.load_pct:
            terms.append(Term("loading", t("offer.term.loading", lang,
                                           pct=percent(finding.load_pct, lang)),
                              finding.reason, finding.load_pct))
        for exclusion in finding.exclusions:
            text = tariff.model.moments.get(exclusion.id, exclusion.id) \
                if exclusion.kind == "moment" else exclusion.text(lang)
            terms.append(Term("exclusion", t("offer.term.exclusion", lang, text=text),
                              finding.reason))
    return tuple(terms)


def sources_of(b: Breakdown, lang: Lang, rulebook: RuleBook | None = None
               ) -> tuple[Source, ...]:
    """The tariff, KPI series and rule book used, with their sha256."""
    model = b.tariff.model
    kpi = b.kpi
    found = [
        Source(t("offer.source.tariff", lang), model.id, model.version, model.effective_from,
               b.tariff.sha256, b.tariff.path.name),
        Source(t("offer.source.kpi", lang), kpi.path.stem, str(b.factor.reference_month), None,
               kpi.sha256, kpi.path.name),
    ]
    if rulebook is not None:
        book = rulebook.model
        found.append(Source(t("offer.source.rulebook", lang), book.id, book.version,
                            book.effective_from, rulebook.sha256, rulebook.path.name))
    return tuple(found)


def _offer(kind: OfferKind, tariff: Tariff, title: str, lines: Sequence[Line], *,
           made_on: date, start: date, lang: Lang, sources: tuple[Source, ...]) -> Offer:
    """What every kind of offer shares: the tariff's terms, validity and sources."""
    model = tariff.model
    settings = model.offer
    valid_days = settings.valid_days if settings else DEFAULT_VALID_DAYS
    withdrawal = settings.withdrawal if settings else None
    premium_start = settings.premium_start if settings else None
    return Offer(
        kind=kind, lang=lang, title=title, insurer=model.insurer, made_on=made_on,
        valid_until=made_on + timedelta(days=valid_days), valid_days=valid_days,
        start_date=start, lines=tuple(lines),
        general_exclusions=tuple(TermsText(i.number, i.text, i.line)
                                 for i in model.general_exclusions),
        withdrawal_days=withdrawal.days if withdrawal else None,
        withdrawal_text=withdrawal.text if withdrawal else None,
        premium_start_text=premium_start.text if premium_start else None,
        sources=sources, generator=f"quote {__version__}",
    )


def price_offer(b: Breakdown, person: Person, made_on: date, lang: Lang) -> Offer:
    """The offer of one priced person (`quote price --offer`); starts on the pricing date."""
    line = line_from_breakdown(b, person, lang)
    offer = _offer("price", b.tariff, t("offer.title.price", lang, product=line.product_name),
                   [line], made_on=made_on, start=b.request.on, lang=lang,
                   sources=sources_of(b, lang))
    return replace(offer, customer=person)


def underwriting_offer(decision: Decision, b: Breakdown, person: Person, rulebook: RuleBook,
                       made_on: date, start: date, lang: Lang, karens: bool = False) -> Offer:
    """The offer after underwriting: the decision's exclusions and loadings with their
    reasons; provisional when referred; with ``karens`` (no health declaration) the karens
    rule instead."""
    terms = terms_from_decision(decision, b.tariff, lang)
    excluded = [e.id for e in decision.exclusions if e.kind == "moment"]
    line = line_from_breakdown(b, person, lang, terms=terms, excluded_moments=excluded)
    notices = []
    if rulebook.model.example:
        notices.append(t("offer.example_rulebook", lang, name=rulebook.model.name))
    rules = rulebook.model.declaration
    karens_text = None
    if karens:
        karens_text = pick(rules.karens_text, lang) if rules.karens_text else \
            t("offer.karens", lang, months=rules.karens_months)
    offer = _offer("apply", b.tariff, t("offer.title.apply", lang, product=line.product_name),
                   [line], made_on=made_on, start=start, lang=lang,
                   sources=sources_of(b, lang, rulebook))
    subtitle = t("offer.subtitle.karens" if karens else "offer.subtitle.apply", lang)
    return replace(offer, subtitle=subtitle, customer=person, outcome=decision.outcome,
                   provisional=decision.outcome == "refer", notices=tuple(notices),
                   karens_text=karens_text)


def application_offer(result: Offered | Referred, name: str | None, masked_id: str | None,
                      made_on: date, lang: Lang) -> Offer:
    """`quote apply --offer`: the offer of an accepted or referred application, priced on
    its start date."""
    b = result.breakdown
    person = person_of(b.request.age, birth_date=result.request.birth_date, name=name,
                       masked_id=masked_id,
                       guardian_below=result.rulebook.model.eligibility.guardian_below_age)
    karens = isinstance(result, Offered) and result.karens
    return underwriting_offer(result.decision, b, person, result.rulebook, made_on,
                              result.dates.start, lang, karens=karens)


def totals_of(lines: Sequence[Line]) -> tuple[Total, ...]:
    """The monthly and yearly sums over the lines that are offered, and of every extra."""
    offered = [line for line in lines if line.monthly is not None]
    monthly = sum((line.monthly for line in offered if line.monthly is not None), Decimal(0))
    yearly = sum((line.yearly for line in offered if line.yearly is not None), Decimal(0))
    extras: dict[str, Decimal] = {}
    for line in offered:
        for label, amount in line.extras:
            extras[label] = extras.get(label, Decimal(0)) + amount
    return (Total("monthly", monthly), Total("yearly", yearly),
            *(Total(label, amount) for label, amount in extras.items()))


def offer_for_lines(kind: OfferKind, tariff: Tariff, lines: Sequence[Line], *,
                    made_on: date, start: date, lang: Lang, sources: tuple[Source, ...],
                    customer: Person | None = None, policyholder: str | None = None,
                    totals: tuple[Total, ...] | None = None, details: bool | None = None,
                    notices: tuple[str, ...] = ()) -> Offer:
    """An offer of several lines: a comparison for one person (``customer``), a household,
    or a company's employees (``policyholder``). Totals default to the monthly and yearly
    sums (none for a comparison); each person's breakdown is shown for a household."""
    if totals is None:
        totals = () if kind == "compare" else totals_of(lines)
    if details is None:
        details = kind == "household"
    offer = _offer(kind, tariff, t(f"offer.title.{kind}", lang), lines, made_on=made_on,
                   start=start, lang=lang, sources=sources)
    return replace(offer, customer=customer, policyholder=policyholder, totals=totals,
                   details=details, notices=notices)


def person_of(age: int, *, birth_date: date | None = None, name: str | None = None,
              masked_id: str | None = None, role: str | None = None,
              guardian_below: int = 18) -> Person:
    """A person for an offer; under ``guardian_below`` a guardian must sign."""
    return Person(age=age, birth_date=birth_date, name=name, masked_id=masked_id, role=role,
                  guardian_needed=age < guardian_below)
