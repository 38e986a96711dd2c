"""What products cover, for comparing insurers: ``kind: contents`` files and the contents
of a tariff, side by side.

A contents file describes an insurer whose prices are not public: products and their
moments, each with its limit, its source lines, and whether självrisk and referral apply.
It holds no prices and says so (``prices:``). A tariff (DKV) carries the same
:class:`~quote.tariff.ContentItem` per moment under ``contents:``; :func:`offering_of`
turns either into one shape, and :func:`compare_products` lines products up by moment.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import Field

from quote.errors import InputError, Problem, TariffError
from quote.fields import Model, Slug
from quote.i18n import t
from quote.tariff import ContentItem, Tariff
from quote.yamlfile import YamlDocument, load_document, validate_document

# The rows of a comparison, in this order; moments not listed here follow in file order.
MOMENT_ORDER = [
    "treatment_guarantee", "planned_care", "specialist", "day_surgery", "hospital_stay",
    "cancer_care", "second_opinion", "physiotherapy", "psychology", "crisis_support",
    "rehabilitation", "dietitian", "travel", "online_care", "care_abroad",
    "patient_fees_drugs", "health_advice", "conversation_support", "personal_support",
]


class ContentsProduct(Model):
    """A product: its own items, on top of those of the product it ``includes``."""

    name: str
    includes: Slug | None = None
    items: dict[Slug, ContentItem] = Field(default_factory=dict)


class Exclusion(Model):
    text: str
    sources: list[str] = Field(min_length=1)
    products: list[Slug] = Field(default_factory=list)


class ContentsModel(Model):
    """Everything a ``kind: contents`` file holds: no prices."""

    kind: Literal["contents"]
    id: Slug
    name: str
    insurer: str
    source: str
    prices: str = Field(min_length=1)
    assumptions: list[str] = Field(default_factory=list)
    moments: dict[Slug, str] = Field(min_length=1)
    products: dict[Slug, ContentsProduct] = Field(min_length=1)
    exclusions: list[Exclusion] = Field(default_factory=list)


@dataclass(frozen=True)
class Contents:
    """A validated contents file with where it came from."""

    model: ContentsModel
    path: Path
    sha256: str

    @property
    def id(self) -> str:
        return self.model.id


def contents_problems(doc: YamlDocument, model: ContentsModel) -> list[Problem]:
    """Every item and exclusion names a moment and a product the file declares."""
    problems = []
    earlier: list[str] = []
    for pid, product in model.products.items():
        if product.includes is not None and product.includes not in earlier:
            problems.append(doc.problem(("products", pid, "includes"), t(
                "contentscheck.includes", field=f"products.{pid}.includes",
                product=product.includes)))
        if not product.items and product.includes is None:
            problems.append(doc.problem(("products", pid),
                                        t("contentscheck.empty", field=f"products.{pid}")))
        earlier.append(pid)
        for moment in product.items:
            if moment not in model.moments:
                problems.append(doc.problem(("products", pid, "items", moment), t(
                    "tariffcheck.unknown_moment", field=f"products.{pid}.items",
                    moment=moment)))
    for i, exclusion in enumerate(model.exclusions):
        for pid in exclusion.products:
            if pid not in model.products:
                problems.append(doc.problem(("exclusions", i, "products"),
                                            t("contentscheck.unknown_product", product=pid)))
    return problems


def product_items(model: ContentsModel, pid: str) -> dict[str, ContentItem]:
    """A product's items with those it includes (its own replace an included one)."""
    product = model.products[pid]
    base = product_items(model, product.includes) if product.includes else {}
    return {**base, **product.items}


def parse_contents(doc: YamlDocument) -> tuple[ContentsModel | None, list[Problem]]:
    return validate_document(doc, ContentsModel, "contents", contents_problems)


def check_contents(doc: YamlDocument) -> list[Problem]:
    """For `quote tariff check`: every problem of a contents file."""
    return parse_contents(doc)[1]


def load_contents(path: Path, doc: YamlDocument | None = None) -> Contents:
    model, sha256 = load_document(path, "contents", TariffError, parse_contents, doc)
    return Contents(model=model, path=path, sha256=sha256)


@dataclass(frozen=True)
class Offering:
    """One insurer's product as compared: moment -> item, and whether prices are known."""

    insurer_id: str
    insurer: str
    product_id: str
    product: str
    items: dict[str, ContentItem]
    labels: dict[str, str]
    priced: bool
    prices_note: str | None
    path: Path
    sha256: str
    exclusions: tuple[tuple[str, str], ...] = ()  # (text, source), for this product

    @property
    def key(self) -> str:
        return f"{self.insurer_id}:{self.product_id}"


def offerings_of_tariff(tariff: Tariff) -> list[Offering]:
    model = tariff.model
    return [Offering(model.id, model.insurer, pid, product.name,
                     {m: model.contents.get(m) or ContentItem(sources=[model.source or
                                                                      f"{tariff.path.name}:1"])
                      for m in product.moments},
                     dict(model.moments), True, None, tariff.path, tariff.sha256)
            for pid, product in model.products.items()]


def offerings_of_contents(contents: Contents) -> list[Offering]:
    model = contents.model
    return [Offering(model.id, model.insurer, pid, product.name, product_items(model, pid),
                     dict(model.moments), False, model.prices, contents.path, contents.sha256,
                     tuple((e.text, ", ".join(e.sources)) for e in model.exclusions
                           if not e.products or pid in e.products))
            for pid, product in model.products.items()]


@dataclass(frozen=True)
class ProductComparison:
    """Products side by side: the moments (rows, in order) and each offering (columns)."""

    moments: tuple[str, ...]
    offerings: tuple[Offering, ...]

    def label(self, moment: str) -> str:
        for offering in self.offerings:
            if moment in offering.labels:
                return offering.labels[moment]
        return moment


def matches(offering: Offering, insurers: list[str], products: list[str]) -> bool:
    """``--insurer dss`` matches an id or insurer name containing it; ``--product plus``
    matches a product id, ``--product dkv:plus`` one insurer's."""
    def has(text: str, wanted: str) -> bool:
        return wanted.lower() in text.lower()

    if insurers and not any(has(offering.insurer_id, w) or has(offering.insurer, w)
                            for w in insurers):
        return False
    if products:
        return any(offering.product_id == w.lower() or offering.key == w.lower()
                   for w in products)
    return True


def compare_products(offerings: list[Offering], order: list[str]) -> ProductComparison:
    """Rows: every moment any offering covers, ``order`` first, then in first-seen order."""
    seen: list[str] = []
    for offering in offerings:
        seen.extend(m for m in offering.items if m not in seen)
    ranked = sorted(seen, key=lambda m: (order.index(m) if m in order else len(order),
                                         seen.index(m)))
    return ProductComparison(tuple(ranked), tuple(offerings))


def offerings(tariffs: list[Tariff], contents: list[Contents]) -> list[Offering]:
    """Every product of the tariffs (priced) and contents files (not), in that order."""
    found = [o for tariff in tariffs for o in offerings_of_tariff(tariff)]
    return found + [o for c in contents for o in offerings_of_contents(c)]


def select(found: list[Offering], insurers: list[str], products: list[str]
           ) -> ProductComparison:
    """The offerings that match the filters, side by side; InputError if none does."""
    chosen = [o for o in found if matches(o, insurers, products)]
    if not chosen:
        known = ", ".join(o.key for o in found)
        raise InputError("product", t("contents.no_match", known=known))
    return compare_products(chosen, MOMENT_ORDER)
