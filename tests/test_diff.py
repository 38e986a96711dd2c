"""`quote tariff diff` on the bundled tariff and hand-made changes."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from quote.diff import diff_tariffs
from quote.tariff import load_tariff

from .conftest import DKV_PATH, Invoke

EN = {"QUOTE_LANG": "en"}  # for a test that reads English messages


def _changed(tmp_path: Path) -> Path:
    """Plus 31-35 1068 → 1100, smoker 25 → 30 %, a new bracket split of 71- into 71-80/81-."""
    text = DKV_PATH.read_text(encoding="utf-8")
    text = text.replace("      31-35: 1068\n", "      31-35: 1100\n")
    text = text.replace("  loading_pct: 25\n", "  loading_pct: 30\n")
    text = text.replace('"66-70", "71-"]', '"66-70", "71-80", "81-"]')
    for old in ("4155", "4895", "5054"):
        text = text.replace(f"      71-: {old}\n", f"      71-80: {old}\n      81-: {old}\n")
    path = tmp_path / "changed.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_diff_core(tmp_path: Path) -> None:
    result = diff_tariffs(load_tariff(DKV_PATH), load_tariff(_changed(tmp_path)))
    assert [(c.product, c.bracket, c.old, c.new) for c in result.premiums] == [
        ("plus", "31-35", 1068, 1100)]
    # 32 / 1068 = 2.996…% → 3.00
    assert result.premiums[0].change == 32 and result.premiums[0].change_pct == Decimal("3.00")
    assert [(s.setting, s.old, s.new) for s in result.settings] == [
        ("smoker.loading_pct", "25", "30")]
    assert result.brackets_added == ("71-80", "81-")
    assert result.brackets_removed == ("71-",)
    assert result.products_added == () and result.products_removed == ()


def test_diff_cli_table_and_json(run: Invoke, tmp_path: Path) -> None:
    changed = str(_changed(tmp_path))
    result = run("tariff", "diff", str(DKV_PATH), changed)
    assert result.exit_code == 0, result.output
    assert "1 068,00 kr" in result.stdout and "1 100,00 kr" in result.stdout
    assert "+32,00 kr" in result.stdout and "+3,00" in result.stdout
    assert "smoker.loading_pct" in result.stdout
    assert "Nya åldersintervall: 71-80, 81-" in result.stdout
    data = json.loads(run("tariff", "diff", str(DKV_PATH), changed, "--json").stdout)
    assert data["premiums"] == [{"product": "plus", "bracket": "31-35", "old": "1068.00",
                                 "new": "1100.00", "change": "32.00", "change_pct": "3.00"}]
    assert data["brackets_removed"] == ["71-"]


def test_diff_identical(run: Invoke) -> None:
    result = run("tariff", "diff", str(DKV_PATH), str(DKV_PATH))
    assert result.exit_code == 0 and "Inga skillnader." in result.stdout


def test_diff_products_added_and_removed(tmp_path: Path) -> None:
    text = DKV_PATH.read_text(encoding="utf-8").replace("  topp:\n", "  guld:\n")
    path = tmp_path / "renamed.yaml"
    path.write_text(text, encoding="utf-8")
    result = diff_tariffs(load_tariff(DKV_PATH), load_tariff(path))
    assert (result.products_added, result.products_removed) == (("guld",), ("topp",))
    assert result.settings == ()


def test_diff_bad_file(run: Invoke) -> None:
    result = run("tariff", "diff", str(DKV_PATH), "nope.yaml", env=EN)
    assert result.exit_code == 2 and "nope.yaml: tariff file not found" in result.stderr
