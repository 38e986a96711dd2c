"""Atomic writes: the target is replaced whole or not at all."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import quote.files as files
from quote.files import (
    DIRECT_ALIGN,
    DIRECT_CHUNK,
    STALE_AFTER_SECONDS,
    TEMP_SUFFIX,
    DiskWriter,
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


# --- DiskWriter: straight to the disk where it can, the same bytes either way ---------------

def _written(path: Path, pieces: list[bytes], *, abort: bool = False) -> DiskWriter:
    writer = DiskWriter(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    for piece in pieces:
        assert writer.write(piece) == len(piece)
    assert writer.tell() == sum(map(len, pieces))
    if abort:
        writer.abort()
    else:
        writer.close()
        writer.close()  # a second close does nothing
    return writer


SIZES = st.lists(st.sampled_from([0, 1, 7, DIRECT_ALIGN - 1, DIRECT_ALIGN, DIRECT_ALIGN + 1,
                                  DIRECT_CHUNK - 1, DIRECT_CHUNK, DIRECT_CHUNK + 3,
                                  3 * DIRECT_CHUNK // 2]), max_size=5)


@settings(max_examples=25, deadline=None)
@given(SIZES)
def test_a_disk_writer_writes_the_bytes_given_in_order(sizes: list[int]) -> None:
    """Pieces of every size about a block and a chunk, each of its own bytes."""
    import tempfile

    pieces = [bytes([65 + i % 26]) * size for i, size in enumerate(sizes)]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "out.csv"
        _written(path, pieces)
        assert path.read_bytes() == b"".join(pieces)


def test_a_disk_writer_goes_straight_to_a_disk_that_takes_it(tmp_path: Path) -> None:
    """On Linux on a disk's file system (the test machine's /tmp is one), direct I/O is
    taken: the fast path is shown working, not only the fallback."""
    if sys.platform != "linux":
        pytest.fail("the tests run on Linux, where O_DIRECT is")
    path = tmp_path / "out.csv"
    writer = _written(path, [b"x" * (DIRECT_CHUNK + 10)])
    assert writer.direct is False  # turned off for the last, unaligned part
    assert path.read_bytes() == b"x" * (DIRECT_CHUNK + 10)
    probe = DiskWriter(os.open(path, os.O_WRONLY))
    try:
        assert probe.direct, "direct I/O not taken on this file system"
    finally:
        probe.abort()


def test_a_disk_writer_writes_as_usual_where_direct_io_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "_set_direct", lambda fd, on: False)
    pieces = [b"a" * 5000, b"b" * DIRECT_CHUNK, b"c"]
    writer = _written(tmp_path / "out.csv", pieces)
    assert not writer.direct
    assert (tmp_path / "out.csv").read_bytes() == b"".join(pieces)


def test_a_disk_writer_goes_on_as_usual_when_a_direct_write_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file system that takes O_DIRECT when opened but refuses a write (EINVAL)."""
    real_write = os.write
    refused = []

    def write(fd: int, data: object) -> int:
        if not refused:
            refused.append(fd)
            raise OSError(22, "Invalid argument")
        return real_write(fd, data)  # type: ignore[arg-type]

    monkeypatch.setattr(files, "_set_direct", lambda fd, on: on)
    monkeypatch.setattr(os, "write", write)
    pieces = [b"z" * (2 * DIRECT_CHUNK + 5)]
    writer = _written(tmp_path / "out.csv", pieces)
    assert refused and not writer.direct
    assert (tmp_path / "out.csv").read_bytes() == b"".join(pieces)


def test_an_aborted_disk_writer_writes_nothing_more(tmp_path: Path) -> None:
    _written(tmp_path / "out.csv", [b"a" * 100], abort=True)
    assert (tmp_path / "out.csv").read_bytes() == b""
