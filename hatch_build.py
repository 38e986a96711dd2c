"""Build hook: compiles quote's renewal kernel (quote/renewal/_kernel.c) into the wheel.

The kernel is one C file against Python's own C API (no other library); setuptools'
``build_ext`` finds the compiler and flags Python itself was built with. An editable
install (``pip install -e .``) compiles it in place, beside the source. Without a C
compiler the wheel is built without it and says so: ``quote renew`` then reads every
book the polars way (the same results, about four times slower; README, Performance).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

SOURCE = "quote/renewal/_kernel.c"
MODULE = "quote.renewal._kernel"


class KernelBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        editable = version == "editable"
        out = Path(self.root) if editable else Path(tempfile.mkdtemp(prefix="quote-kernel-"))
        try:
            built = compile_kernel(Path(self.root), out, inplace=editable)
        except Exception as exc:  # no compiler, no headers: a working wheel all the same
            print(f"quote: the renewal kernel was not compiled ({type(exc).__name__}: {exc}); "
                  "quote renew will read books with polars only (slower)", file=sys.stderr)
            return
        if not editable:
            build_data["force_include"][str(built)] = f"{MODULE.replace('.', '/')}" \
                                                      f"{built.name[len('_kernel'):]}"
        build_data["pure_python"] = False
        build_data["infer_tag"] = True


def compile_kernel(root: Path, out: Path, inplace: bool) -> Path:
    """The compiled extension's path (setuptools' build_ext, optimised, warnings shown)."""
    from setuptools import Distribution, Extension
    from setuptools.command.build_ext import build_ext

    extension = Extension(MODULE, [str(root / SOURCE)],
                          extra_compile_args=["-Wall", "-Wextra", "-Wno-unused-parameter",
                                              "-Wno-missing-field-initializers"]
                          if sys.platform != "win32" else [])
    dist = Distribution({"name": "quote", "ext_modules": [extension]})
    command = build_ext(dist)
    command.inplace = inplace
    command.build_lib = str(out)
    command.build_temp = tempfile.mkdtemp(prefix="quote-kernel-build-")
    command.ensure_finalized()
    command.run()
    return Path(command.get_ext_fullpath(MODULE)) if not inplace else \
        root / Path(command.get_ext_filename(MODULE))
