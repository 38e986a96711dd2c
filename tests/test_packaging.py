"""The installed tool: the console script, and a wheel that carries the bundled data.

The wheel is built offline (no build isolation, hatchling comes with the test extra),
unpacked into a temporary directory and run from there, outside the checkout, so the
bundled tariffs and KPI series are proven to travel with a non-editable install.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest

from .conftest import ROOT

ARGS = ["price", "--product", "plus", "--age", "35", "--on", "2024-09-01", "--json"]


def test_console_script_runs() -> None:
    script = shutil.which("quote", path=str(Path(sys.executable).parent)) or shutil.which("quote")
    if script is None:
        pytest.fail("the `quote` console script is not installed (pip install -e '.[test]')")
    result = subprocess.run([script, *ARGS], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["monthly_premium"] == "1068.00"


def test_python_dash_m() -> None:
    result = subprocess.run([sys.executable, "-m", "quote", "price", "--product", "bas"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "ange en av --age, --birth-date eller --id" in result.stderr  # Swedish by default
    assert "Traceback" not in result.stderr


def expected_today() -> str | None:
    """Plus at 35 today: priced on KPI September of last year. In 2026:
    1068 × 418.26 / 408.05 = 1094.72… → 1095 kr; in 2025: 1068 × 414.57 / 408.05 = 1085.06…
    → 1085 kr. From 2027 the bundled series lacks September 2026 (None: exit 2)."""
    return {2025: "1085.00", 2026: "1095.00"}.get(date.today().year)


def test_price_for_today_out_of_the_box() -> None:
    result = subprocess.run([sys.executable, "-m", "quote", "price", "--product", "plus",
                             "--age", "35", "--json"], capture_output=True, text=True,
                            check=False, env={**os.environ, "QUOTE_LANG": "en"})
    expected = expected_today()
    if expected is None:
        assert result.returncode == 2 and "quote kpi fetch" in result.stderr
    else:
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["monthly_premium"] == expected


def test_wheel_carries_tariffs_and_kpi(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-build-isolation", "--no-deps", "-q",
         "-w", str(wheels), str(ROOT)],
        capture_output=True, text=True, check=False)
    if build.returncode != 0 and "No module named 'hatchling'" in build.stderr:
        pytest.fail("hatchling is missing: install the test extra (pip install -e '.[test]')")
    assert build.returncode == 0, build.stderr
    (wheel,) = wheels.glob("quote-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "quote/_bundled/dkv-vardforsakring-2024-06-01.yaml" in names
    assert "quote/_bundled/kpi-1980.csv" in names

    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop("QUOTE_TARIFFS", None)
    result = subprocess.run([sys.executable, "-m", "quote", *ARGS], cwd=elsewhere, env=env,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["monthly_premium"] == "1068.00"
    assert str(site) in data["tariff"]["path"]  # from the wheel, not the checkout

    def quote(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "quote", *args], cwd=elsewhere,
                              env={**env, "QUOTE_LANG": "en"}, capture_output=True, text=True,
                              check=False)

    # Today's date works from the wheel.
    today = quote("price", "--product", "plus", "--age", "35", "--json")
    if expected_today() is not None:
        assert json.loads(today.stdout)["monthly_premium"] == expected_today(), today.stderr
    # The yearly routine from a non-editable install: the bundled copy is not edited, the
    # message says how to get a directory of one's own, and that directory works.
    refused = quote("kpi", "add", "2024-12", "416.70")
    assert refused.returncode == 2 and "quote data init DIR" in refused.stderr
    assert quote("data", "init", "my-data").returncode == 0
    assert quote("kpi", "add", "2024-12", "416.70", "--tariffs", "my-data").returncode == 0
    assert quote("tariff", "check", "--strict", "my-data").returncode == 0
    mine = quote("price", "--product", "plus", "--age", "35", "--on", "2026-01-01", "--json",
                 "--tariffs", "my-data")
    assert json.loads(mine.stdout)["monthly_premium"] == "1095.00", mine.stderr
    missing = quote("price", "--product", "plus", "--age", "35", "--on", "2027-03-01")
    assert missing.returncode == 2
    assert "quote data init DIR" in missing.stderr and "--on" in missing.stderr
