"""Writing files so that nothing is lost or half-written: temporary file, then rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from quote.errors import OutputError as OutputError  # lives in quote.errors


def _temp_beside(path: Path) -> tuple[int, Path]:
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write here ({exc.strerror}); check that the "
                          f"directory {directory} exists and is writable") from None
    return fd, Path(name)


@contextlib.contextmanager
def atomic_writer(path: Path, mode: int | None = None, newline: str | None = ""
                  ) -> Iterator[IO[str]]:
    """Open a temporary file beside ``path``; on success it replaces ``path`` in one rename.

    If the block raises, the temporary file is removed and ``path`` is untouched. The new
    file keeps the old one's permissions, or gets ``mode`` (e.g. 0o600) when given.
    """
    fd, tmp = _temp_beside(path)
    try:
        if mode is not None:
            os.fchmod(fd, mode)
        elif path.exists():
            os.fchmod(fd, path.stat().st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.fchmod(fd, 0o666 & ~umask)
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


def write_text_atomic(path: Path, text: str, mode: int | None = None) -> None:
    """Replace ``path`` with ``text`` atomically."""
    with atomic_writer(path, mode=mode) as handle:
        handle.write(text)


@contextlib.contextmanager
def atomic_paths(*paths: Path) -> Iterator[tuple[Path, ...]]:
    """Temporary paths beside ``paths`` for a writer that wants file names (not handles).

    When the block ends without error each temporary file replaces its target; otherwise
    they are removed and the targets are untouched.
    """
    temps = []
    try:
        for path in paths:
            fd, name = _temp_beside(path)
            os.close(fd)
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(name, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~umask)
            temps.append(Path(name))
        yield tuple(temps)
        for temp, path in zip(temps, paths, strict=True):
            os.replace(temp, path)
    except BaseException:
        for temp in temps:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()
        raise
