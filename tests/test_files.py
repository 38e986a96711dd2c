"""Atomic writes: the target is replaced whole or not at all."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quote.files import (
    STALE_AFTER_SECONDS,
    TEMP_SUFFIX,
    OutputError,
    atomic_paths,
    atomic_writer,
    stale_temporaries,
    write_text_atomic,
)


def test_replaces_and_keeps_permissions(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("old")
    os.chmod(path, 0o640)
    write_text_atomic(path, "new")
    assert path.read_text() == "new"
    assert path.stat().st_mode & 0o777 == 0o640


def test_mode_for_sensitive_files(tmp_path: Path) -> None:
    path = tmp_path / "record.json"
    write_text_atomic(path, "{}", mode=0o600)
    assert path.stat().st_mode & 0o777 == 0o600


def test_failure_leaves_target_untouched(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("old")
    with pytest.raises(RuntimeError), atomic_writer(path) as handle:
        handle.write("half")
        raise RuntimeError("interrupted")
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_missing_directory_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=r"cannot write here .*check that the directory"):
        write_text_atomic(tmp_path / "none" / "a.txt", "x")
    with pytest.raises(OutputError), atomic_paths(tmp_path / "none" / "b.csv"):
        pass


def test_a_symlink_is_followed_and_kept(tmp_path: Path) -> None:
    real = tmp_path / "data" / "kpi.csv"
    real.parent.mkdir()
    real.write_text("old")
    os.chmod(real, 0o640)
    link = tmp_path / "kpi.csv"
    link.symlink_to(real)
    write_text_atomic(link, "new")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == "new"
    assert real.stat().st_mode & 0o777 == 0o640
    with atomic_paths(link) as (temp,):
        assert temp.parent == real.parent  # the temporary is beside the real file
        temp.write_text("newer")
    assert link.is_symlink() and real.read_text() == "newer"


def _dead_pid() -> int:
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)
    return int(child.stdout)


def test_temporaries_are_named_and_stale_ones_cleaned_on_the_next_write(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    dead = tmp_path / f".a.txt.{_dead_pid()}.0123abcd{TEMP_SUFFIX}"
    live = tmp_path / f".a.txt.{os.getpid()}.89abcdef{TEMP_SUFFIX}"
    old = tmp_path / f".a.txt.1.00000000{TEMP_SUFFIX}"  # pid 1 runs, but a day old
    other = tmp_path / f".b.txt.{_dead_pid()}.0123abcd{TEMP_SUFFIX}"  # another target's
    mine_not = [tmp_path / ".a.txt.tmp", tmp_path / f".a.txt.x.0123abcd{TEMP_SUFFIX}"]
    for temp in (dead, live, old, other, *mine_not):
        temp.write_text("partial")
    day_ago = time.time() - STALE_AFTER_SECONDS - 60
    os.utime(old, (day_ago, day_ago))
    assert stale_temporaries(path) == sorted([dead, old])
    with atomic_writer(path) as handle:
        temps = [p.name for p in tmp_path.glob(f".a.txt.{os.getpid()}.*{TEMP_SUFFIX}")]
        assert len(temps) == 2 and all(re.fullmatch(
            rf"\.a\.txt\.{os.getpid()}\.[0-9a-f]{{8}}\.quote-tmp", n) for n in temps)
        handle.write("whole")
    assert path.read_text() == "whole"
    assert not dead.exists() and not old.exists()
    assert live.exists() and other.exists() and all(p.exists() for p in mine_not)
