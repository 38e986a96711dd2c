"""polars, loaded the first time it is used.

``quote renew`` reads a plain CSV book with its C kernel (:mod:`quote.renewal.kernel`)
and never needs polars: importing it costs about 0.15 s, a quarter of a million-row
renewal. The modules that use polars import it as::

    if TYPE_CHECKING:
        import polars as pl
    else:
        from quote._polars import polars as pl

so that type checkers see polars itself, and polars loads on the first ``pl.`` that runs
(an Excel or Parquet book, a block the kernel leaves to polars, ``tariff impact``...).
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any


class _OnFirstUse(ModuleType):
    """Stands in for a module; the first attribute asked for imports it (the import
    system's lock makes two threads asking at once load it once)."""

    def __getattr__(self, name: str) -> Any:
        value = getattr(importlib.import_module(self.__name__), name)
        setattr(self, name, value)  # later lookups find it without coming here
        return value


polars = _OnFirstUse("polars")
