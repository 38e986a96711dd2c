"""Shared fixtures: the bundled tariff and KPI series, a small test tariff, a CLI runner."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner, Result

from quote.cli import app
from quote.i18n import set_lang
from quote.indexation import KpiSeries, load_kpi
from quote.tariff import Tariff, load_tariff

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "tariffs"
DKV_PATH = BUNDLED / "dkv-vardforsakring-2024-06-01.yaml"
KPI_PATH = BUNDLED / "kpi-1980.csv"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI_PATH = FIXTURES / "tariffs" / "valid.yaml"
MINI_KPI_PATH = FIXTURES / "kpi" / "valid.csv"


def mini_tariff_variant(path: Path, *, one_year_first_bracket: bool = False,
                        effective_from: str | None = None) -> Path:
    """The mini tariff written to ``path``, indexed on the mini KPI series: with a first
    bracket of age 0 alone (``0-0`` at 450 kr, then ``1-15``) and/or another start date."""
    data = yaml.safe_load(MINI_PATH.read_text(encoding="utf-8"))
    if one_year_first_bracket:
        data["brackets"] = ["0-0", "1-15", "16-40", "41-66", "67-"]
        for product in data["products"].values():
            premiums = product["premiums"]
            premiums["1-15"] = premiums.pop("0-15")
            product["premiums"] = {"0-0": 450, **premiums}
    if effective_from is not None:
        data["effective_from"] = effective_from
    data["indexation"]["series"] = str(MINI_KPI_PATH)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path

# Fixed width, no colour, no inherited data directory, Swedish unless a test says otherwise
# (the machine's locale never decides): output is the same everywhere.
CLI_ENV = {"COLUMNS": "120", "NO_COLOR": "1", "TERM": "dumb", "QUOTE_TARIFFS": None,
           "QUOTE_LANG": "sv"}


@pytest.fixture(autouse=True)
def _core_language() -> Iterator[None]:
    """Core tests read messages in English (the language is process-wide state: a CLI run
    sets it, so every test starts from the same one)."""
    set_lang("en")
    yield
    set_lang("en")


@pytest.fixture(scope="session")
def dkv() -> Tariff:
    return load_tariff(DKV_PATH)


@pytest.fixture(scope="session")
def kpi() -> KpiSeries:
    return load_kpi(KPI_PATH)


@pytest.fixture(scope="session")
def mini() -> Tariff:
    return load_tariff(MINI_PATH)


@pytest.fixture(scope="session")
def mini_kpi() -> KpiSeries:
    return load_kpi(MINI_KPI_PATH)


Invoke = Callable[..., Result]


@pytest.fixture
def run() -> Invoke:
    """Run the CLI in-process: ``run("price", "--product", "plus", ...)``."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None, env: dict[str, str] | None = None
               ) -> Result:
        return runner.invoke(app, list(args), input=input, env={**CLI_ENV, **(env or {})})

    return invoke
