"""Atomic writes: the target is replaced whole or not at all."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from quote.files import OutputError, atomic_paths, atomic_writer, write_text_atomic


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
