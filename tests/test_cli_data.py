"""`quote data init`: a data directory of one's own, and the yearly routine in it."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import BUNDLED, Invoke


def test_init_copies_the_bundled_data_and_says_how_to_use_it(run: Invoke,
                                                             tmp_path: Path) -> None:
    target = tmp_path / "my-data"
    result = run("data", "init", str(target), env={"QUOTE_LANG": "en"})
    assert result.exit_code == 0, result.output
    bundled = sorted(p.name for p in BUNDLED.iterdir() if p.is_file())
    assert sorted(p.name for p in target.iterdir() if p.is_file()) == bundled
    for name in bundled:
        assert (target / name).read_bytes() == (BUNDLED / name).read_bytes()
    assert f"--tariffs {target}" in result.stdout
    assert f"QUOTE_TARIFFS={target}" in result.stdout
    assert "git -C" in result.stdout and "quote kpi fetch" in result.stdout
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no staging left


def test_the_new_directory_is_used_and_can_be_kept_up(run: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "my-data"
    assert run("data", "init", str(target)).exit_code == 0
    env = {"QUOTE_TARIFFS": str(target)}
    assert run("kpi", "add", "2024-12", "416.70", env=env).exit_code == 0
    assert "2024-12,416.70" in (target / "kpi-1980.csv").read_text()
    check = run("tariff", "check", "--strict", str(target))
    assert check.exit_code == 0, check.output
    priced = json.loads(run("price", "--product", "plus", "--age", "35", "--on",
                            "2026-03-01", "--json", env=env).stdout)
    assert priced["monthly_premium"] == "1095.00"
    assert priced["tariff"]["path"].startswith(str(target))


def test_init_refuses_a_directory_that_is_not_empty(run: Invoke, tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    result = run("data", "init", str(tmp_path), env={"QUOTE_LANG": "en"})
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"Error: DIR: {tmp_path} exists and is not empty; choose a new directory"]
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_init_into_an_empty_directory_and_as_json(run: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "empty"
    target.mkdir()
    result = run("data", "init", str(target), "--json")
    assert result.exit_code == 0
    assert "kpi-1980.csv" in json.loads(result.stdout)["files"]
