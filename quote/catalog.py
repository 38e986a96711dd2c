"""The data directory: tariff versions, rule books and KPI series, and which is in force.

The bundled directory ships inside the package (``quote/_bundled`` in a wheel, the
top-level ``tariffs/`` in a checkout). A tariff id may have several versions (files with
the same ``id`` and different ``effective_from``); the version in force on a date is the
one with the latest ``effective_from`` on or before it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from quote.errors import InputError, Problem, QuoteError, TariffError
from quote.i18n import t
from quote.indexation import KpiSeries, load_kpi
from quote.tariff import Tariff, load_tariff
from quote.yamlfile import load_yaml, read_bytes, top_level_kind

if TYPE_CHECKING:  # loaded when a directory holds them: `quote renew` never needs them
    from quote.contents import Contents
    from quote.underwriting.rulebook import RuleBook

_PACKAGE = Path(__file__).resolve().parent


def bundled_data_dir() -> Path:
    """Where the bundled tariffs are: inside an installed wheel, or the checkout's tariffs/."""
    for candidate in (_PACKAGE / "_bundled", _PACKAGE.parent / "tariffs"):
        if candidate.is_dir():
            return candidate
    raise QuoteError(t("catalog.no_bundled", package=_PACKAGE))


def data_files(directory: Path, suffixes: tuple[str, ...] = (".yaml", ".yml")) -> list[Path]:
    """The data files of a directory, sorted by name so every run sees the same order."""
    if not directory.is_dir():
        raise QuoteError(t("catalog.no_directory", directory=str(directory)))
    return sorted(p for p in directory.iterdir() if p.is_file() and p.suffix in suffixes)


class Versioned(Protocol):
    """A tariff or a rule book: one version of something with an id."""

    @property
    def id(self) -> str: ...

    @property
    def effective_from(self) -> date: ...


V = TypeVar("V", bound=Versioned)


def version_in_force(items: Sequence[V], on: date, what: str, option: str,
                     directory: Path) -> V:
    """The version with the latest ``effective_from`` on or before ``on``; InputError when
    none has started or versions of several ids are in force (``option`` chooses one)."""
    if not items:
        raise QuoteError(t("catalog.none", directory=str(directory), what=t(f"noun.{what}"),
                           option=option))
    started = [item for item in items if item.effective_from <= on]
    if not started:
        first = min(items, key=lambda item: item.effective_from)
        raise InputError("on", t("catalog.before_any", on=on.isoformat(), what=t(f"noun.{what}"),
                                 directory=str(directory), first=first.id,
                                 start=first.effective_from.isoformat()))
    ids = sorted({item.id for item in started})
    if len(ids) > 1:
        raise InputError(option.lstrip("-"), t("catalog.several_in_force",
                                               what=t(f"noun.{what}s"), on=on.isoformat(),
                                               directory=str(directory), ids=", ".join(ids),
                                               option=option))
    return max(started, key=lambda item: item.effective_from)


@dataclass(frozen=True)
class Catalog:
    """The tariffs and rule books found in one data directory."""

    directory: Path
    tariffs: tuple[Tariff, ...]
    rulebooks: tuple[RuleBook, ...] = ()
    contents: tuple[Contents, ...] = ()

    def rulebook_in_force(self, on: date) -> RuleBook:
        return version_in_force(self.rulebooks, on, "rulebook", "--rulebook", self.directory)

    def in_force(self, on: date, tariff_id: str | None = None) -> Tariff:
        """The version in force on ``on``; ambiguous or empty answers are InputErrors."""
        candidates = [t for t in self.tariffs if tariff_id is None or t.id == tariff_id]
        if tariff_id is not None and not candidates:
            raise InputError("tariff", t("catalog.no_such_tariff", tariff=tariff_id,
                                         directory=str(self.directory)))
        return version_in_force(candidates, on, "tariff", "--tariff", self.directory)

    def newest(self) -> Tariff:
        """The latest version (for showing a price list without a date)."""
        ids = sorted({t.id for t in self.tariffs})
        if len(ids) > 1:
            raise InputError("tariff", t("catalog.several_tariffs",
                                         directory=str(self.directory), ids=", ".join(ids)))
        return max(self.tariffs, key=lambda t: t.effective_from)


def load_catalog(directory: Path, kinds: tuple[str, ...] = ("tariff", "rulebook")) -> Catalog:
    """Load the tariffs and rule books in ``directory`` (only ``kinds``); an invalid one is an
    error."""
    tariffs = []
    rulebooks = []
    contents = []
    for path in data_files(directory):
        raw = read_bytes(path, "data", TariffError)
        declared = re.search(rb"^kind:\s*([A-Za-z_-]+)", raw, re.MULTILINE)
        if declared is not None and declared.group(1).decode() not in kinds:
            continue  # not wanted here; `quote tariff check` still validates it
        doc = load_yaml(path, raw)
        if doc.problems:
            raise TariffError(path, doc.problems)
        kind = top_level_kind(doc.data)
        if kind == "tariff" and kind in kinds:
            tariffs.append(load_tariff(path, doc))
        elif kind == "rulebook" and kind in kinds:
            from quote.underwriting.rulebook import load_rulebook

            rulebooks.append(load_rulebook(path, doc))
        elif kind == "contents" and kind in kinds:
            from quote.contents import load_contents

            contents.append(load_contents(path, doc))
        elif kind is None:
            raise TariffError(path, [Problem(path, 1, t("catalog.no_kind"))])
    if "tariff" in kinds and not tariffs:
        raise QuoteError(t("catalog.no_tariffs", directory=str(directory)))
    return Catalog(directory=directory, tariffs=tuple(tariffs), rulebooks=tuple(rulebooks),
                   contents=tuple(contents))


def choose_tariff(tariff_path: Path | None, data_dir: Path | None, on: date | None) -> Tariff:
    """``--tariff PATH`` if given, else the version in force on ``on`` in the data directory."""
    if tariff_path is not None:
        return load_tariff(tariff_path)
    catalog = load_catalog(data_dir or bundled_data_dir(), kinds=("tariff",))
    return catalog.newest() if on is None else catalog.in_force(on)


def default_series(directory: Path) -> Path:
    """The KPI series of a data directory: its only ``*.csv`` file."""
    found = data_files(directory, (".csv",))
    if len(found) != 1:
        names = ", ".join(p.name for p in found) or "none"
        raise QuoteError(t("catalog.several_series", directory=str(directory), names=names))
    return found[0]


def is_installed_copy(path: Path) -> bool:
    """True for the bundled data inside an installed package (not a user's to edit)."""
    return (_PACKAGE / "_bundled") in Path(os.path.realpath(path)).parents  # never raises


def choose_rulebook(rulebook_path: Path | None, data_dir: Path | None, on: date) -> RuleBook:
    """``--rulebook PATH`` if given, else the rule book in force on ``on`` in the data dir."""
    if rulebook_path is not None:
        from quote.underwriting.rulebook import load_rulebook

        return load_rulebook(rulebook_path)
    return load_catalog(data_dir or bundled_data_dir(), kinds=("rulebook",)).rulebook_in_force(on)


def kpi_for(tariff: Tariff, kpi_path: Path | None) -> KpiSeries:
    """The KPI series a tariff names (beside its file), unless ``--kpi`` overrides it."""
    return load_kpi(kpi_path if kpi_path is not None else tariff.series_path)
