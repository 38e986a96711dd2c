"""`quote tariff index` on the bundled tariff: the new version prices as the old one indexed."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from quote.check import check_files, expand
from quote.errors import InputError, KpiMissingError
from quote.indexation import load_kpi
from quote.pricing import PriceRequest, price
from quote.reindex import reindex
from quote.tariff import load_tariff

from .conftest import BUNDLED, DKV_PATH, KPI_PATH, Invoke


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    shutil.copy(DKV_PATH, tmp_path / DKV_PATH.name)
    shutil.copy(KPI_PATH, tmp_path / KPI_PATH.name)
    return tmp_path


def test_index_2025_writes_a_checked_version(run: Invoke, data_dir: Path) -> None:
    out = data_dir / "dkv-vardforsakring-2025-01-01.yaml"
    result = run("tariff", "index", str(data_dir / DKV_PATH.name), "--year", "2025", "-o",
                 str(out))
    assert result.exit_code == 0, result.output
    assert "1,015978" in result.stdout
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Indexed by `quote tariff index` from "
                           "dkv-vardforsakring-2024-06-01.yaml (version DKV0028 3.4 2024/06")
    assert "KPI 2024-09 414.57 / KPI 2023-09 408.05 = 1.015978" in text
    assert "effective_from: 2025-01-01" in text and "  base_month: 2024-09" in text
    assert "      31-35: 1085\n" in text  # Plus: 1068 × 414.57 / 408.05 = 1085.06… → 1085
    assert "      71-: 5135\n" in text  # Topp: 5054 × 414.57 / 408.05 = 5134.76… → 5135
    assert "# Självrisk (deductible per claim)" in text  # comments survive
    report = check_files(expand([data_dir]))
    assert report.errors == [], report.problems
    # The bundled series lacks 2024-12 (not in our sources): a warning, never an error.
    assert [p.line for p in report.warnings] == [240]
    assert run("tariff", "check", str(data_dir)).exit_code == 0


def test_new_version_unindexed_equals_old_indexed(data_dir: Path) -> None:
    old = load_tariff(data_dir / DKV_PATH.name)
    kpi = load_kpi(data_dir / KPI_PATH.name)
    out = data_dir / "new.yaml"
    result = reindex(old, kpi, date(2025, 1, 1), out)
    out.write_text(result.text, encoding="utf-8")
    new = load_tariff(out)
    on = date(2025, 6, 1)
    for pid, product in old.model.products.items():
        for bracket in old.brackets:
            req = PriceRequest(product=pid, age=bracket.low, on=on, smoker=True, deductible=500)
            a, b = price(old, kpi, req), price(new, kpi, req)
            assert b.index_factor == 1
            assert a.monthly_premium == b.monthly_premium, (pid, bracket.label)
            assert product.premiums[bracket.label] <= b.table_premium


def test_index_to_another_directory_keeps_the_series(run: Invoke, data_dir: Path,
                                                     tmp_path: Path) -> None:
    elsewhere = tmp_path / "out"
    elsewhere.mkdir()
    out = elsewhere / "x.yaml"
    result = run("tariff", "index", str(DKV_PATH), "--from", "2025-04-01", "-o", str(out),
                 "--version", "test 1")
    assert result.exit_code == 0, result.output
    new = load_tariff(out)
    assert new.series_path.resolve() == (BUNDLED / "kpi-1980.csv").resolve()
    assert new.model.version == "test 1"
    assert str(new.effective_from) == "2025-04-01"


def test_index_refusals(run: Invoke, data_dir: Path) -> None:
    src = str(data_dir / DKV_PATH.name)
    exists = run("tariff", "index", src, "--year", "2025", "-o", src)
    assert exists.exit_code == 2 and "finns redan; välj en annan fil eller ange --force" in \
        exists.stderr
    missing = run("tariff", "index", src, "--year", "2027", "-o", str(data_dir / "n.yaml"),
                  env={"QUOTE_LANG": "en"})
    assert missing.exit_code == 2 and "no KPI figure for 2026-09" in missing.stderr
    assert not (data_dir / "n.yaml").exists()  # nothing half-written
    neither = run("tariff", "index", src, "-o", str(data_dir / "n.yaml"))
    assert neither.exit_code == 2 and "ange --year ÅÅÅÅ eller --from" in neither.stderr
    early = run("tariff", "index", src, "--year", "2024", "-o", str(data_dir / "n.yaml"))
    assert early.exit_code == 2 and "--from: 2024-01-01 måste vara efter" in early.stderr


def test_reindex_core_refusals(dkv, kpi, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError):
        reindex(dkv, kpi, date(2024, 6, 1), tmp_path / "x.yaml")
    with pytest.raises(KpiMissingError):
        reindex(dkv, kpi, date(2030, 1, 1), tmp_path / "x.yaml")


def test_index_rounding_is_the_tariffs(dkv, kpi, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = reindex(dkv, kpi, date(2025, 1, 1), tmp_path / "x.yaml")
    # Bas 0-15: 550 × 414.57 / 408.05 = 558.788… → 559
    assert result.premiums["bas"]["0-15"] == (550, 559)
    assert sum(new - old for row in result.premiums.values() for old, new in row.values()) > 0
    assert Decimal(559) == price(dkv, kpi, PriceRequest("bas", 5, date(2025, 1, 1))
                                 ).monthly_premium
