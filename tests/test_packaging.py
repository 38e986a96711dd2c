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
import sysconfig
import zipfile
from datetime import date
from pathlib import Path

import pytest
import yaml

from . import oracle
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


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built once offline from the checkout (no build isolation)."""
    wheels = tmp_path_factory.mktemp("wheels")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-build-isolation", "--no-deps", "-q",
         "-w", str(wheels), str(ROOT)],
        capture_output=True, text=True, check=False)
    if build.returncode != 0 and "No module named 'hatchling'" in build.stderr:
        pytest.fail("hatchling is missing: install the test extra (pip install -e '.[test]')")
    assert build.returncode == 0, build.stderr
    (built,) = wheels.glob("quote-*.whl")
    return built


def test_wheel_carries_tariffs_and_kpi(tmp_path: Path, wheel: Path) -> None:
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


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory, wheel: Path) -> Path:
    """A fresh virtual environment with the wheel installed by pip, as `pip install .` would.

    Offline and fast: the venv has no pip of its own (this environment's pip installs into
    it with ``--python``), the wheel goes in with ``--no-deps --no-index``, and the
    dependencies (typer, polars …) come from this environment's site-packages through a
    ``.pth`` line, which puts them after the venv's own: ``quote`` is the wheel's.
    """
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()"
                           "['purelib'])"], capture_output=True, text=True, check=True)
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(site.stdout.strip()) / "_deps_from_test_env.pth").write_text("\n".join(deps) + "\n")
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
         "--no-index", "-q", str(wheel)], capture_output=True, text=True, check=False)
    assert install.returncode == 0, install.stderr
    return venv


def run_installed(venv: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("QUOTE_TARIFFS", "PYTHONPATH")}
    env.update(COLUMNS="120", NO_COLOR="1", QUOTE_LANG="en")
    return subprocess.run([str(venv / "bin" / "quote"), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, check=False)


def test_installed_command_help(installed: Path, tmp_path: Path) -> None:
    result = run_installed(installed, tmp_path, "--help")
    assert result.returncode == 0, result.stderr
    for command in ("price", "renew", "apply", "tariff", "kpi"):
        assert command in result.stdout


def test_installed_command_prices_from_its_own_data(installed: Path, tmp_path: Path) -> None:
    result = run_installed(installed, tmp_path, *ARGS)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["monthly_premium"] == "1068.00"  # Plus 31-35 at factor 1 (seed line 1892)
    assert str(installed) in data["tariff"]["path"]  # the installed copy, not the checkout


def test_installed_command_prices_today(installed: Path, tmp_path: Path) -> None:
    """No --on: today's price, as the oracle computes it from the installed KPI series; a
    today whose KPI month is not yet in the series must be refused with the month named."""
    result = run_installed(installed, tmp_path, "price", "--product", "plus", "--age", "35",
                           "--json")
    tariff = next(installed.rglob("quote/_bundled/dkv-vardforsakring-2024-06-01.yaml"))
    kpi_path = tariff.parent / yaml.safe_load(tariff.read_text())["indexation"]["series"]
    today = date.today()
    expected = oracle.quote(oracle.seed_settings(kpi_path), product="plus", age=35, on=today)
    if expected.ok:
        assert result.returncode == 0, result.stderr
        data = json.loads(result.stdout)
        assert data["on"] == today.isoformat()
        assert data["monthly_premium"] == expected.monthly_text
        if today.year == 2026:  # 1068 × 418.26 / 408.05 = 1094.72… → 1095
            assert data["monthly_premium"] == "1095.00"
    else:
        assert result.returncode == 2
        assert f"no KPI figure for {today.year - 1}-09" in result.stderr
        assert "quote kpi fetch" in result.stderr
        assert "Traceback" not in result.stderr
