"""Private files (records, interview drafts): new, 0600, never replacing anything."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from quote.files import TEMP_SUFFIX, OutputError
from quote.private import ExistsError, create_private, create_private_numbered


def test_created_private_and_complete(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    create_private(path, "{}\n")
    assert path.read_text() == "{}\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.json"]  # no temporary left


def test_never_replaces_a_file_or_a_dangling_symlink(tmp_path: Path) -> None:
    existing = tmp_path / "a.json"
    existing.write_text("old")
    with pytest.raises(ExistsError, match="never overwritten"):
        create_private(existing, "new")
    assert existing.read_text() == "old"
    link = tmp_path / "b.json"
    link.symlink_to(tmp_path / "target.json")
    with pytest.raises(ExistsError):
        create_private(link, "new")
    assert not (tmp_path / "target.json").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "b.json"]  # no temporary


def test_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="does not exist"):
        create_private(tmp_path / "no" / "r.json", "x")


def test_a_killed_runs_temporary_file_is_removed_by_the_next_run(tmp_path: Path) -> None:
    """A run killed between writing and linking leaves `.r.json.<pid>.<random>.quote-tmp`
    (named as every temporary quote writes); once that process is gone the next run
    removes it. A live process's file is left alone."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    dead = int(done.stdout)
    stale = tmp_path / f".r.json.{dead}.0badf00d{TEMP_SUFFIX}"
    stale.write_text("19900501-1234 diabetes")
    live = tmp_path / f".r.json.{os.getppid()}.0badf00d{TEMP_SUFFIX}"
    live.write_text("in progress")
    create_private(tmp_path / "r.json", "{}")
    assert not stale.exists() and live.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["r.json", live.name])


def test_numbered_names_never_overwrite(tmp_path: Path) -> None:
    first = create_private_numbered(tmp_path, "utkast", ".json", "1")
    second = create_private_numbered(tmp_path, "utkast", ".json", "2")
    assert (first.name, second.name) == ("utkast-1.json", "utkast-2.json")
    assert first.read_text() == "1"
