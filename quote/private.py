"""Files holding identity numbers and health answers: created new, 0600, never replacing.

:func:`create_private` writes a temporary file (0600 from its first byte) beside the target
and hard-links it to the target: a link never replaces anything, so an existing file, a
directory or a dangling symlink at the path is left alone and reported. The temporary file
is removed at once; one left by a killed run (its process gone) is removed by the next run.
Temporaries are named as every other file quote writes (:func:`quote.files.temp_name`).
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

from quote.errors import os_reason
from quote.files import OutputError, open_temp_beside
from quote.i18n import t


class ExistsError(OutputError):
    """Something is already at the path; private files are never overwritten."""


def create_private(path: Path, text: str) -> None:
    """Create ``path`` holding ``text``, readable by its owner only; ExistsError if anything
    is at ``path``, OutputError if it cannot be written. Nothing half-written is left."""
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(t("output.no_directory", path=str(path), directory=str(directory)))
    fd, tmp = open_temp_beside(path)  # 0600, exclusive; a dead run's temporaries removed
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(tmp, path, follow_symlinks=False)
        except FileExistsError:
            raise ExistsError(t("output.exists_private", path=str(path))) from None
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV):
                raise OutputError(t("data.cannot", path=str(path), reason=os_reason(exc))) from None
            _create_directly(path, text, flags)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _create_directly(path: Path, text: str, flags: int) -> None:
    """Where hard links are not allowed: exclusive creation of the target itself."""
    try:
        fd = os.open(path, flags, 0o600)
    except FileExistsError:
        raise ExistsError(t("output.exists_private", path=str(path))) from None
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        raise


def create_private_numbered(directory: Path, stem: str, suffix: str, text: str,
                            tries: int = 1000) -> Path:
    """Create ``stem-1.suffix`` (or -2, -3 …: the first free name) in ``directory``."""
    for n in range(1, tries + 1):
        path = directory / f"{stem}-{n}{suffix}"
        try:
            create_private(path, text)
        except ExistsError:
            continue
        return path
    raise OutputError(t("output.no_free_name", directory=str(directory), stem=stem,
                        suffix=suffix))
