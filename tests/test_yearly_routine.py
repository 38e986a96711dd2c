"""The README's yearly routine, run literally, line by line, from a non-editable install.

The wheel is built and unpacked outside the checkout; a `quote` on PATH runs it. `quote kpi
fetch` talks to a stand-in for SCB's API on 127.0.0.1 (QUOTE_SCB_API) that answers in the
documented JSON-stat 2.0 format: 2024-12 and 2025 on 1980 = 100 as bundled (2024-12 a stand-in
value), 2026 on 2020 = 100 (test values; August is DOMAIN.md's example).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

from .conftest import ROOT
from .scb_server import fake_scb

TAB5737 = {"2024M12": "416.70", "2025M10": "419.35", "2025M11": "417.83", "2025M12": "417.96"}
TAB6596 = {f"2026M{m:02d}": v for m, v in enumerate(
    ["124.10", "124.50", "124.40", "124.60", "124.70", "124.90", "125.10", "124.85", "124.95",
     "125.05"], start=1)}


def routine_blocks() -> list[str]:
    """The shell blocks of the README's section "The yearly routine"."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The yearly routine", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)```", section, flags=re.S)


def test_the_routine_runs_as_written(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-build-isolation", "--no-deps",
                    "-q", "-w", str(wheels), str(ROOT)], check=True, capture_output=True)
    (wheel,) = wheels.glob("quote-*.whl")
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "quote"
    shim.write_text(f'#!/bin/sh\nPYTHONPATH={site} exec {sys.executable} -m quote "$@"\n')
    shim.chmod(0o755)
    work = tmp_path / "work"
    work.mkdir()
    blocks = routine_blocks()
    assert len(blocks) == 2, "the routine is a one-time block and a yearly block"
    script = "set -euo pipefail\n" + "\n".join(blocks)
    env = {key: value for key, value in os.environ.items() if key != "QUOTE_TARIFFS"}
    env.update({"PATH": f"{bin_dir}:{env['PATH']}", "GIT_AUTHOR_NAME": "t",
                "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                "GIT_COMMITTER_EMAIL": "t@example.org", "QUOTE_LANG": "en", "HOME": str(tmp_path)})
    with fake_scb({"TAB5737": TAB5737, "TAB6596": TAB6596}) as scb:
        env["QUOTE_SCB_API"] = scb.url
        result = subprocess.run(["bash", "-c", script], cwd=work, env=env, capture_output=True,
                                text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    data = work / "my-tariffs"
    assert "site" not in str(data.resolve())
    new = (data / "dkv-vardforsakring-2027-01-01.yaml").read_text(encoding="utf-8")
    # September 2026: 124.95 (2020 = 100) × 3.3592 = 419.73204 → 419.73 (1980 = 100).
    # Plus 31-35: 1068 × 419.73 / 408.05 = 1098.56… → 1099 kr.
    assert "base_month: 2026-09" in new and "      31-35: 1099\n" in new
    assert "2024-12,416.70" in (data / "kpi-1980.csv").read_text()
    log = subprocess.run(["git", "-C", str(data), "log", "--oneline"], capture_output=True,
                         text=True, check=True).stdout
    assert "Tariff 2027: KPI 2026-09" in log
