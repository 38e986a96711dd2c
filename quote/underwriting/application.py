"""An application from start to end, as one call: :func:`apply_for`.

Eligibility on the day the application was received; the health declaration (or, in a
karens rule book, none); the decision; the offer priced on the day cover starts. The
premium runs from the first of the month after the policy is granted (seed lines
1059–1060), so the offer's age, bracket and KPI are those of the start date.

The result is one of four types, each with only what it has:

- :class:`NotEligible`: the applicant may not apply (the reasons);
- :class:`Offered`: accepted, possibly on terms (loadings, exclusions), with the price;
- :class:`Referred`: an underwriter decides; the price is preliminary;
- :class:`Declined`: no offer, no exclusions.

A karens rule book gives :class:`Offered` with no declaration (``declaration`` is None
only there) and the karens rule stated.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from quote.dates import age_on
from quote.eligibility import Applicant, Reason, eligibility_reasons
from quote.errors import InputError
from quote.i18n import Lang, pick, t
from quote.indexation import KpiSeries
from quote.money import pct, plain
from quote.pricing import Breakdown, PriceRequest, price
from quote.tariff import Tariff
from quote.underwriting.decision import Decision, Finding, decide
from quote.underwriting.declaration import Declaration, parse_declaration
from quote.underwriting.rulebook import RuleBook
from quote.yamlfile import YamlDocument


@dataclass(frozen=True)
class ApplicationRequest:
    """What the broker entered. ``decided`` is the day of the decision; ``start`` the day
    cover (and the premium) starts, by default the first of the next month."""

    product: str
    birth_date: date
    residence: str
    decided: date
    start: date | None = None
    deductible: int = 0
    referral: bool = False
    frequency: str = "month"
    fit_for_work: bool = True
    social_insurance: bool = True


@dataclass(frozen=True)
class RawDeclaration:
    """A declaration as read (a file's data, or what the interview collected)."""

    data: Any
    doc: YamlDocument | None = None
    path: Path | None = None


# Called only when the applicant is eligible and the rule book asks health questions.
DeclarationSource = Callable[[], RawDeclaration]


@dataclass(frozen=True)
class Dates:
    """The three dates of an application."""

    received: date
    decided: date
    start: date

    def as_dict(self) -> dict[str, str]:
        return {"received": self.received.isoformat(), "decided": self.decided.isoformat(),
                "start": self.start.isoformat()}


@dataclass(frozen=True)
class NotEligible:
    request: ApplicationRequest
    dates: Dates
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class _Decided:
    request: ApplicationRequest
    dates: Dates
    tariff: Tariff
    rulebook: RuleBook
    decision: Decision
    declaration: Declaration | None


@dataclass(frozen=True)
class Offered(_Decided):
    """Accepted (``decision.outcome`` accept or terms), priced on the start date."""

    breakdown: Breakdown

    @property
    def karens(self) -> bool:
        """Taken on with karens (no health declaration)."""
        return self.declaration is None


@dataclass(frozen=True)
class Referred(_Decided):
    """An underwriter decides; ``breakdown`` is the preliminary price if accepted as is."""

    breakdown: Breakdown


@dataclass(frozen=True)
class Declined(_Decided):
    """Refused: no price and no exclusions (``decision.exclusions`` may list what the rules
    would have excluded; a refusal shows none of them)."""


Application = NotEligible | Offered | Referred | Declined


def start_date(decided: date) -> date:
    """The first of the month after ``decided`` (the premium's start, 1059–1060)."""
    return date(decided.year + 1, 1, 1) if decided.month == 12 else \
        date(decided.year, decided.month + 1, 1)


def received_of(data: Any, default: date) -> date:
    """The declaration's ``received`` date when it is a plain date, else ``default`` (the
    declaration check reports a bad one)."""
    value = data.get("received") if isinstance(data, dict) else None
    if isinstance(value, date) and type(value) is date:
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return default
    return default


def _dates(request: ApplicationRequest, received: date) -> Dates:
    start = request.start or start_date(request.decided)
    if request.decided < received:
        raise InputError("on", t("application.decided_before_received",
                                 decided=request.decided.isoformat(),
                                 received=received.isoformat()))
    if start < request.decided:
        raise InputError("start", t("application.start_before_decided", start=start.isoformat(),
                                       decided=request.decided.isoformat()))
    return Dates(received=received, decided=request.decided, start=start)


def _price(request: ApplicationRequest, tariff: Tariff, kpi: KpiSeries, start: date,
           decision: Decision | None = None) -> Breakdown:
    return price(tariff, kpi, PriceRequest(
        product=request.product, age=age_on(request.birth_date, start), on=start,
        deductible=request.deductible, referral=request.referral, frequency=request.frequency,
        smoker=decision.smoker if decision else False,
        loading_pct=decision.loading_pct if decision else Decimal(0)))


def karens_decision(book: RuleBook, birth_date: date, received: date, lang: Lang) -> Decision:
    """The decision of a karens rule book: accepted, the karens rule stated."""
    rules = book.model.declaration
    text = rules.karens_text
    reason = pick(text, lang) if text else t("uw.karens_mode", lang)
    finding = Finding(None, "—", "KARENS", "accept", reason)
    return Decision(outcome="accept", smoker=False, loading_pct=Decimal(0), exclusions=(),
                    findings=(finding,), bmi=Decimal(0), age=age_on(birth_date, received))


def apply_for(request: ApplicationRequest, received: date, tariff: Tariff, kpi: KpiSeries,
              book: RuleBook, source: DeclarationSource, lang: Lang = "sv") -> Application:
    """The whole application: eligibility on ``received``, the declaration from ``source``
    (asked only when eligible and the rule book asks health questions), the decision and
    the offer priced on the start date.

    Raises InputError (a request the tariff cannot price, dates out of order) before the
    declaration is asked, and DeclarationError for an invalid declaration.
    """
    dates = _dates(request, received)
    _price(request, tariff, kpi, dates.start)  # can be priced: fail before asking anything
    reasons = eligibility_reasons(
        Applicant(request.birth_date, request.residence, fit_for_work=request.fit_for_work,
                  social_insurance=request.social_insurance),
        received, book.model.eligibility)
    if reasons:
        return NotEligible(request, dates, tuple(reasons))
    if book.model.declaration.mode == "karens":
        decision = karens_decision(book, request.birth_date, received, lang)
        return Offered(request, dates, tariff, book, decision, None,
                       _price(request, tariff, kpi, dates.start))
    raw = source()
    declaration = parse_declaration(raw.data, book.model, request.birth_date, doc=raw.doc,
                                    path=raw.path)
    if declaration.received != received:
        raise InputError("received", t("application.received_differs",
                                       received=received.isoformat(),
                                       declared=declaration.received.isoformat()))
    product = tariff.model.products[request.product]
    decision = decide(book.model, declaration, request.birth_date, lang,
                      covered=frozenset(product.moments), product=product.name,
                      moment_names=tariff.model.moments)
    if decision.outcome == "decline":
        return Declined(request, dates, tariff, book, decision, declaration)
    breakdown = _price(request, tariff, kpi, dates.start, decision)
    if decision.outcome == "refer":
        return Referred(request, dates, tariff, book, decision, declaration, breakdown)
    return Offered(request, dates, tariff, book, decision, declaration, breakdown)


def application_dict(result: Application, lang: Lang, masked_id: str | None) -> dict[str, Any]:
    """The JSON shape of a result (no identity number, only its masked form)."""
    if isinstance(result, NotEligible):
        return {"eligible": False, "outcome": None, **result.dates.as_dict(),
                "reasons": [{"code": r.code, "message": r.message} for r in result.reasons]}
    decision = result.decision
    moments = result.tariff.model.moments
    exclusions = []
    for e in () if isinstance(result, Declined) else decision.exclusions:
        item = e.as_dict(lang)
        if e.kind == "moment":
            item["text"] = moments.get(e.id, e.id)
        exclusions.append(item)
    offer = None if isinstance(result, Declined) else result.breakdown
    book = result.rulebook
    return {
        "eligible": True,
        "outcome": decision.outcome,
        "mode": book.model.declaration.mode,
        "preliminary": isinstance(result, Referred),
        **result.dates.as_dict(),
        "smoker": decision.smoker,
        "loading_pct": pct(decision.loading_pct),
        "exclusions": exclusions,
        "findings": [f.as_dict(lang) for f in decision.findings],
        "karens": [k.as_dict(lang) for k in decision.karens],
        "age": decision.age,
        "age_at_start": offer.request.age if offer else None,
        "bmi": format(decision.bmi, "f"),
        "monthly_premium": plain(offer.monthly_premium) if offer else None,
        "frequency": offer.request.frequency if offer else None,
        "instalment": plain(offer.instalment) if offer else None,
        "offer": offer.as_dict() if offer else None,
        "dropped_answers": list(result.declaration.dropped) if result.declaration else [],
        "id": masked_id,
        "tariff": {"id": result.tariff.model.id, "version": result.tariff.model.version,
                   "effective_from": result.tariff.model.effective_from.isoformat(),
                   "sha256": result.tariff.sha256},
        "rulebook": {"id": book.model.id, "version": book.model.version,
                     "example": book.model.example, "sha256": book.sha256},
    }
