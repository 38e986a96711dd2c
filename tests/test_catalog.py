"""The data directory: the bundled one, and choosing the version in force on a date."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from quote.catalog import bundled_data_dir, choose_tariff, kpi_for, load_catalog
from quote.errors import InputError, QuoteError, TariffError

from .conftest import BUNDLED, FIXTURES, MINI_PATH


def test_bundled_dir_in_a_checkout_is_tariffs() -> None:
    assert bundled_data_dir() in (BUNDLED, Path(__import__("quote").__file__).parent / "_bundled")


def test_default_is_the_bundled_dkv_tariff() -> None:
    tariff = choose_tariff(None, None, date(2024, 9, 1))
    assert tariff.id == "dkv-vardforsakring"
    assert kpi_for(tariff, None).path.name == "kpi-1980.csv"


def _two_versions(tmp_path: Path) -> Path:
    """mini from 2024-06-01, and a version 2 from 2025-01-01 with every premium +100."""
    (tmp_path / "kpi").mkdir()
    shutil.copy(FIXTURES / "kpi" / "valid.csv", tmp_path / "kpi" / "valid.csv")
    v1 = MINI_PATH.read_text().replace("../kpi/valid.csv", "kpi/valid.csv")
    (tmp_path / "mini-2024.yaml").write_text(v1)
    v2 = v1.replace('version: "1"', 'version: "2"').replace(
        "effective_from: 2024-06-01", "effective_from: 2025-01-01").replace(
        "      16-40: 800\n", "      16-40: 900\n")
    (tmp_path / "mini-2025.yaml").write_text(v2)
    return tmp_path


@pytest.mark.parametrize(
    ("on", "version"),
    [(date(2024, 6, 1), "1"), (date(2024, 12, 31), "1"), (date(2025, 1, 1), "2"),
     (date(2030, 1, 1), "2")],
)
def test_version_in_force_on_a_date(tmp_path: Path, on: date, version: str) -> None:
    catalog = load_catalog(_two_versions(tmp_path))
    assert catalog.in_force(on).model.version == version


def test_before_any_version(tmp_path: Path) -> None:
    catalog = load_catalog(_two_versions(tmp_path))
    with pytest.raises(InputError, match=r"before any tariff .* starts 2024-06-01"):
        catalog.in_force(date(2024, 5, 31))
    assert catalog.newest().model.version == "2"


def test_several_tariff_ids_need_a_choice(tmp_path: Path) -> None:
    directory = _two_versions(tmp_path)
    other = (directory / "mini-2024.yaml").read_text().replace("id: mini", "id: other")
    (directory / "other.yaml").write_text(other)
    with pytest.raises(InputError, match=r"several tariffs are in force .*\(mini, other\)"):
        load_catalog(directory).in_force(date(2025, 1, 1))
    assert load_catalog(directory).in_force(date(2025, 1, 1), "other").id == "other"


def test_a_broken_file_in_the_directory_is_reported(tmp_path: Path) -> None:
    directory = _two_versions(tmp_path)
    shutil.copy(FIXTURES / "tariffs" / "premium-zero.yaml", directory / "zero.yaml")
    with pytest.raises(TariffError, match=r"zero\.yaml:26"):
        load_catalog(directory)


def test_a_file_without_kind(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text("id: x\n")
    with pytest.raises(TariffError, match=r"x\.yaml:1: missing field 'kind'"):
        load_catalog(tmp_path)


def test_empty_or_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(QuoteError, match="no tariff files"):
        load_catalog(tmp_path)
    with pytest.raises(QuoteError, match="data directory not found"):
        load_catalog(tmp_path / "none")
