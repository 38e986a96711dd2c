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
import errno
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


# --- a large file written past the page cache -------------------------------------------------

DIRECT_ALIGN = 4096  # bytes: what direct I/O asks of offsets, lengths and memory (4 KiB
# covers every logical block size Linux gives a disk: 512 to 4096)
DIRECT_CHUNK = 4 << 20  # bytes handed to the disk at a time


class DiskWriter:
    """Writes a new file from its start, straight to the disk (``O_DIRECT``) where the
    system and its file system allow, else through the page cache as any file.

    Why: a renewal's output is about 100 MB. Through the page cache each byte is copied
    into memory the kernel must first find for it; on a virtual machine whose memory is
    given on first touch that took 0.28 s for 106 MB, straight to the disk 0.07 s
    (README, Performance). Nothing else changes: the bytes, the file, its permissions,
    the rename into place. What is written waits in an aligned 4 MiB buffer until it
    fills; the last part (under 4 KiB) is written the usual way when the file is closed.
    """

    def __init__(self, fd: int) -> None:
        import mmap

        self._fd = fd
        self._direct = _set_direct(fd, True)
        self._buffer = mmap.mmap(-1, DIRECT_CHUNK)  # page-aligned, as direct I/O needs
        self._used = 0
        self._written = 0

    @property
    def direct(self) -> bool:
        return self._direct

    def write(self, data: bytes | bytearray | memoryview) -> int:
        view = memoryview(data).cast("B")
        size = len(view)
        while view:
            take = min(len(view), DIRECT_CHUNK - self._used)
            self._buffer[self._used:self._used + take] = view[:take]
            self._used += take
            view = view[take:]
            if self._used == DIRECT_CHUNK:
                self._hand_over(DIRECT_CHUNK)
        return size

    def flush(self) -> None:
        """Nothing: a part smaller than a block can only be written when the file ends."""

    def tell(self) -> int:
        return self._written + self._used

    def _hand_over(self, length: int) -> None:
        """The first ``length`` bytes of the buffer written (all of them, in order)."""
        view = memoryview(self._buffer)
        done = 0
        try:
            while done < length:
                try:
                    done += os.write(self._fd, view[done:length])
                except OSError as exc:
                    if not self._direct or exc.errno != errno.EINVAL:
                        raise
                    self._direct = _set_direct(self._fd, False)  # taken at open, not here
                if self._direct and done % DIRECT_ALIGN:
                    self._direct = _set_direct(self._fd, False)  # a short write: go on as usual
        finally:
            view.release()
        self._written += length
        self._buffer.seek(0)
        if length < self._used:
            self._buffer.move(0, length, self._used - length)
        self._used -= length

    def close(self) -> None:
        """The rest written, the file closed."""
        if self._fd < 0:
            return
        try:
            if self._used:
                if self._direct:
                    self._direct = _set_direct(self._fd, False)
                self._hand_over(self._used)
        finally:
            self.abort()

    def abort(self) -> None:
        """Closed without writing what waits (the file is about to be removed)."""
        if self._fd >= 0:
            fd, self._fd = self._fd, -1
            self._buffer.close()
            os.close(fd)


def _set_direct(fd: int, on: bool) -> bool:
    """Turn direct I/O on or off for ``fd``; whether it is on now (off where the system or
    the file system has none: macOS, Windows, tmpfs)."""
    direct = getattr(os, "O_DIRECT", 0)
    if not direct:
        return False
    import fcntl

    flags = fcntl.fcntl(fd, fcntl.F_GETFL)
    try:
        fcntl.fcntl(fd, fcntl.F_SETFL, flags | direct if on else flags & ~direct)
    except OSError:
        return False
    return on
