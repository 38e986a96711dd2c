"""Writing files so that nothing is lost or half-written: temporary file, then rename.

Temporary files are created beside the file they will replace, named
``.NAME.PID.RANDOM.quote-tmp`` (``NAME`` the target's name, ``PID`` the writing process),
with exclusive creation and permissions 0600 until the final mode is set. A run that is
killed leaves its temporary behind; the next write to the same target removes every
temporary of that target whose writer is no longer running (or that is older than
:data:`STALE_AFTER_SECONDS`, in case its process id has been reused). Nothing else is
ever removed: only names of exactly this form.

A target that is a symbolic link is updated through the link: the real file is replaced
(its temporary is written beside it), the link stays.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from quote.errors import OutputError as OutputError  # lives in quote.errors
from quote.errors import os_reason
from quote.i18n import t

TEMP_SUFFIX = ".quote-tmp"
STALE_AFTER_SECONDS = 24 * 3600
"""A temporary whose writer still seems to run is removed after this long anyway."""


def real_target(path: Path) -> Path:
    """The file a write to ``path`` updates: the end of a chain of symbolic links."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _directory(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


def _temp_pattern(path: Path) -> re.Pattern[str]:
    return re.compile(rf"\.{re.escape(path.name)}\.(\d+)\.[0-9a-f]{{8}}"
                      rf"{re.escape(TEMP_SUFFIX)}")


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return pid > 0
    return True


def stale_temporaries(path: Path, now: float | None = None) -> list[Path]:
    """Temporaries of ``path`` left by writers that no longer run (or very old ones)."""
    pattern = _temp_pattern(path)
    moment = time.time() if now is None else now
    found = []
    try:
        entries = list(os.scandir(_directory(path)))
    except OSError:
        return []
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if match is None:
            continue
        try:
            old = moment - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER_SECONDS
        except OSError:
            continue
        if old or not _running(int(match.group(1))):
            found.append(Path(entry.path))
    return sorted(found)


def clean_stale_temporaries(path: Path) -> list[Path]:
    """Remove what :func:`stale_temporaries` finds; returns what was removed."""
    removed = []
    for temp in stale_temporaries(path):
        with contextlib.suppress(OSError):
            if temp.is_dir() and not temp.is_symlink():
                shutil.rmtree(temp)  # a staging directory (``quote data init``)
            else:
                temp.unlink()
            removed.append(temp)
    return removed


def temp_name(path: Path) -> Path:
    """A new temporary name beside ``path`` in our own naming, which the next write of
    ``path`` recognises and cleans up if its writer is gone."""
    return _directory(path) / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}{TEMP_SUFFIX}"


def open_temp_beside(path: Path) -> tuple[int, Path]:
    """A new temporary file beside ``path``, created exclusively with mode 0600 (its fd,
    its name), after removing the temporaries of ``path`` that dead writers left."""
    directory = _directory(path)
    clean_stale_temporaries(path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | \
        getattr(os, "O_NOFOLLOW", 0)
    while True:
        name = temp_name(path)
        try:
            return os.open(name, flags, 0o600), name
        except FileExistsError:
            continue
        except OSError as exc:
            raise OutputError(t("output.cannot_write", path=str(path), reason=os_reason(exc),
                                directory=str(directory))) from None


def _mode_for(path: Path) -> int:
    """The target's permissions if it exists, else what the umask gives a new file."""
    if path.exists():
        return path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextlib.contextmanager
def atomic_writer(path: Path, mode: int | None = None, newline: str | None = ""
                  ) -> Iterator[IO[str]]:
    """Open a temporary file beside ``path``; on success it replaces ``path`` in one rename.

    If the block raises, the temporary file is removed and ``path`` is untouched. The new
    file keeps the old one's permissions, or gets ``mode`` (e.g. 0o600) when given. A
    symbolic link at ``path`` is followed: the file it points to is replaced.
    """
    target = real_target(path)
    fd, tmp = open_temp_beside(target)
    try:
        os.fchmod(fd, mode if mode is not None else _mode_for(target))
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
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
    they are removed and the targets are untouched. Symbolic links are followed as in
    :func:`atomic_writer`.
    """
    targets = [real_target(path) for path in paths]
    temps = []
    try:
        for target in targets:
            fd, name = open_temp_beside(target)
            try:
                os.fchmod(fd, _mode_for(target))
            finally:
                os.close(fd)
            temps.append(name)
        yield tuple(temps)
        for temp, target in zip(temps, targets, strict=True):
            os.replace(temp, target)
    except BaseException:
        for temp in temps:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()
        raise
