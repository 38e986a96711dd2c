"""Mutation testing of the pricing, indexation, eligibility, decision and renewal modules.

    python scripts/mutation.py                       # every module below, one after another
    python scripts/mutation.py quote/pricing.py      # one module (or a package directory)
    python scripts/mutation.py quote/renewal/lookup.py   # one file of a package, its tests
    python scripts/mutation.py --list quote/pricing.py   # the mutants, without running them

Each mutant is one small change to the module's syntax tree (a comparison's boundary, an
arithmetic or logical operator, a number + 1, True/False, min/max, a removed ``not`` or
minus, break/continue). The module's relevant test files run against it with ``-x``; the
mutant is *killed* when a test fails (or the run exceeds three times the clean run's time),
and *survives* when every test passes. Survivors that cannot be killed because the change
does not alter behaviour are listed, each with its reason, in
``scripts/mutation_equivalents.txt`` and counted apart. Score = killed / (mutants -
equivalent). When one line allows the same change at several places (two ``0 -> 1`` on a
line), they are named ``0 -> 1 #1``, ``#2`` … from left to right, so each is run, listed
and explained on its own. A mutant of a package's submodule runs that submodule's own test
file first (``quote/renewal/report.py`` -> ``tests/test_renewal_report.py``).

How it stays fast on a small machine: one parent process imports pytest, hypothesis,
polars, typer, rich and pydantic once, then forks a child per mutant; the child imports
``quote`` afresh with the one module's code replaced in memory (nothing is written to
disk) and runs pytest in-process. One mutant at a time (one worker); Hypothesis is
derandomized so the figure is reproducible. Modules are found by path, so a module that
becomes a package (``quote/renewal.py`` -> ``quote/renewal/``) is still covered.
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import signal
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EQUIVALENTS = Path(__file__).with_name("mutation_equivalents.txt")

# Module (file or package directory, relative to the repository) -> test files (globs),
# the most targeted and fastest first: ``-x`` stops at the first failure.
TARGETS: dict[str, list[str]] = {
    "quote/pricing.py": ["tests/test_pricing.py", "tests/test_oracle.py",
                         "tests/test_cli_price.py"],
    "quote/indexation.py": ["tests/test_indexation.py", "tests/test_pricing.py",
                            "tests/test_cli_kpi.py", "tests/test_reindex.py",
                            "tests/test_oracle.py"],
    "quote/eligibility.py": ["tests/test_eligibility.py", "tests/test_cli_apply.py"],
    "quote/underwriting/decision.py": ["tests/test_decision.py", "tests/test_cli_apply.py"],
    "quote/renewal": ["tests/test_renewal*.py"],  # test_renewal_oracle.py among them
}


# --- finding the modules -----------------------------------------------------------------------

def module_files(spec: str) -> list[Path]:
    """``quote/x.py``, or ``quote/x`` as ``quote/x.py`` or the package ``quote/x/``."""
    path = ROOT / spec
    if path.suffix == ".py":
        return [path] if path.is_file() else []
    if path.with_suffix(".py").is_file():
        return [path.with_suffix(".py")]
    if path.is_dir():
        return sorted(p for p in path.rglob("*.py"))
    return []


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def test_files(globs: list[str]) -> list[str]:
    found: list[str] = []
    for pattern in globs:
        for path in sorted(ROOT.glob(pattern)):
            if str(path) not in found:
                found.append(str(path))
    return found


# --- the mutants -------------------------------------------------------------------------------

SWAPS: dict[type, type] = {
    ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In,
    ast.Is: ast.IsNot, ast.IsNot: ast.Is,
    ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult,
    ast.FloorDiv: ast.Mult, ast.Mod: ast.FloorDiv, ast.BitAnd: ast.BitOr, ast.BitOr: ast.BitAnd,
    ast.And: ast.Or, ast.Or: ast.And,
}
SYMBOL = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==",
          ast.NotEq: "!=", ast.In: "in", ast.NotIn: "not in", ast.Is: "is", ast.IsNot: "is not",
          ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//",
          ast.Mod: "%", ast.BitAnd: "&", ast.BitOr: "|", ast.And: "and", ast.Or: "or"}
NAME_SWAPS = {"min": "max", "max": "min"}


@dataclass(frozen=True)
class Mutant:
    path: Path
    index: int  # the n-th mutable point in walk order
    choice: int  # which change at that point (comparisons may hold several operators)
    line: int
    what: str
    nth: int = 0  # 1, 2, … when the same change can be made at several places of one line

    @property
    def label(self) -> str:
        """The change, with ``#n`` when the line allows it at more than one place."""
        return f"{self.what} #{self.nth}" if self.nth else self.what

    @property
    def code_line(self) -> str:
        return self.path.read_text(encoding="utf-8").splitlines()[self.line - 1].strip()

    @property
    def code_key(self) -> str:
        """The code line, with ``@n`` when the same text stands on several lines of the file
        (``return False @4``: its fourth line), so an explanation fits one place only."""
        lines = [text.strip() for text in self.path.read_text(encoding="utf-8").splitlines()]
        here = lines[self.line - 1]
        if lines.count(here) == 1:
            return here
        return f"{here} @{lines[:self.line].count(here)}"

    def key(self) -> tuple[str, str, str]:
        return (self.path.relative_to(ROOT).as_posix(), self.code_key, self.label)


def _skipped(tree: ast.Module, source: str) -> set[int]:
    """ids of nodes never mutated: docstrings, f-strings, annotations, type-checking blocks,
    and lines marked ``# pragma: no mutate``."""
    skip: set[int] = set()
    quiet = {i + 1 for i, text in enumerate(source.splitlines()) if "pragma: no mutate" in text}

    def drop(node: ast.AST | None) -> None:
        if node is not None:
            skip.update(id(n) for n in ast.walk(node))

    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            drop(node)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            for decorator in node.decorator_list:  # e.g. @dataclass(frozen=True)
                drop(decorator)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            drop(node.returns)
            for arg in [*node.args.args, *node.args.kwonlyargs, *node.args.posonlyargs,
                        node.args.vararg, node.args.kwarg]:
                if arg is not None:
                    drop(arg.annotation)
        elif isinstance(node, ast.AnnAssign):
            drop(node.annotation)
        elif isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            drop(node)
        if getattr(node, "lineno", None) in quiet:
            skip.add(id(node))
    return skip


def points(tree: ast.Module, source: str) -> Iterator[tuple[ast.AST, list[str]]]:
    """Every mutable node, with a description of each change it can take."""
    skip = _skipped(tree, source)
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Compare):
            yield node, [f"{SYMBOL[type(op)]} -> {SYMBOL[SWAPS[type(op)]]}" for op in node.ops]
        elif isinstance(node, (ast.BinOp, ast.AugAssign, ast.BoolOp)) and type(node.op) in SWAPS:
            yield node, [f"{SYMBOL[type(node.op)]} -> {SYMBOL[SWAPS[type(node.op)]]}"]
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.Not, ast.USub,
                                                                    ast.Invert)):
            yield node, [f"drop {type(node.op).__name__.lower()}"]
        elif isinstance(node, ast.Constant) and isinstance(node.value, bool):
            yield node, [f"{node.value} -> {not node.value}"]
        elif isinstance(node, ast.Constant) and type(node.value) is int:
            yield node, [f"{node.value} -> {node.value + 1}"]
        elif isinstance(node, ast.Name) and node.id in NAME_SWAPS and \
                isinstance(node.ctx, ast.Load):
            yield node, [f"{node.id} -> {NAME_SWAPS[node.id]}"]
        elif isinstance(node, ast.Break):
            yield node, ["break -> continue"]
        elif isinstance(node, ast.Continue):
            yield node, ["continue -> break"]


def mutants(path: Path) -> list[Mutant]:
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    found = []
    where: list[tuple[int, int]] = []
    for index, (node, changes) in enumerate(points(tree, source)):
        for choice, what in enumerate(changes):
            found.append(Mutant(path, index, choice, getattr(node, "lineno", 0), what))
            where.append(_position(node, choice))
    same: dict[tuple[int, str], list[int]] = {}
    for i, m in enumerate(found):
        same.setdefault((m.line, m.what), []).append(i)
    for places in same.values():
        if len(places) > 1:  # number them left to right, so each can be named on its own
            for nth, i in enumerate(sorted(places, key=where.__getitem__), start=1):
                found[i] = replace(found[i], nth=nth)
    return found


def _position(node: ast.AST, choice: int) -> tuple[int, int]:
    """Where the change is made: the operator's place (just after its left operand)."""
    left: ast.AST = node
    if isinstance(node, ast.Compare):
        left = node.left if choice == 0 else node.comparators[choice - 1]
    elif isinstance(node, ast.BinOp):
        left = node.left
    elif isinstance(node, ast.BoolOp):
        left = node.values[0]
    elif not isinstance(node, ast.AugAssign):
        return getattr(node, "lineno", 0), getattr(node, "col_offset", 0)
    return getattr(left, "end_lineno", 0) or 0, getattr(left, "end_col_offset", 0) or 0


class _Apply(ast.NodeTransformer):
    def __init__(self, target: ast.AST, choice: int) -> None:
        self.target, self.choice = target, choice

    def visit(self, node: ast.AST) -> ast.AST:
        if node is not self.target:
            return super().visit(node)
        if isinstance(node, ast.Compare):
            ops = list(node.ops)
            ops[self.choice] = SWAPS[type(ops[self.choice])]()
            node.ops = ops
        elif isinstance(node, (ast.BinOp, ast.AugAssign, ast.BoolOp)):
            node.op = SWAPS[type(node.op)]()
        elif isinstance(node, ast.UnaryOp):
            return node.operand
        elif isinstance(node, ast.Constant):
            node.value = (not node.value) if isinstance(node.value, bool) else node.value + 1
        elif isinstance(node, ast.Name):
            node.id = NAME_SWAPS[node.id]
        elif isinstance(node, ast.Break):
            return ast.copy_location(ast.Continue(), node)
        elif isinstance(node, ast.Continue):
            return ast.copy_location(ast.Break(), node)
        return node


def mutated_code(mutant: Mutant) -> object:
    source = mutant.path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    target, _ = list(points(tree, source))[mutant.index]
    tree = _Apply(target, mutant.choice).visit(tree)
    ast.fix_missing_locations(tree)
    return compile(tree, str(mutant.path), "exec")


# --- running -----------------------------------------------------------------------------------

def _preload() -> None:
    """What every child needs, imported once in the parent (``quote`` itself is not)."""
    import hypothesis  # noqa: F401
    import polars  # noqa: F401
    import pydantic  # noqa: F401
    import pytest  # noqa: F401
    import rich.console  # noqa: F401
    import typer.testing  # noqa: F401
    import yaml  # noqa: F401


def _child(mutant: Mutant | None, tests: list[str]) -> int:
    import importlib.abc
    import importlib.util

    import hypothesis
    import pytest

    sys.dont_write_bytecode = True
    hypothesis.settings.register_profile("mutation", derandomize=True, database=None,
                                         print_blob=False)
    hypothesis.settings.load_profile("mutation")
    if mutant is not None:
        name, code = module_name(mutant.path), mutated_code(mutant)
        package = mutant.path.name == "__init__.py"

        class Loader(importlib.abc.Loader):
            def create_module(self, spec: object) -> None:
                return None

            def exec_module(self, module: object) -> None:
                exec(code, module.__dict__)

        class Finder(importlib.abc.MetaPathFinder):
            def find_spec(self, fullname: str, path: object, target: object = None
                          ) -> importlib.machinery.ModuleSpec | None:
                if fullname != name:
                    return None
                return importlib.util.spec_from_file_location(
                    name, mutant.path, loader=Loader(),
                    submodule_search_locations=[str(mutant.path.parent)] if package else None)

        sys.meta_path.insert(0, Finder())
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    for test in tests:  # one file at a time: a mutant killed early never collects the rest
        code = int(pytest.main(["-x", "-q", "-p", "no:cacheprovider", "--no-header",
                                "-o", "addopts=", test]))
        if code != 0:
            return code
    return 0


def run_one(mutant: Mutant | None, tests: list[str], timeout: float) -> tuple[str, float]:
    """('killed' | 'survived' | 'timeout', seconds) for one mutant in a forked child."""
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        os.chdir(ROOT)
        code = 3
        try:
            code = _child(mutant, tests)
        finally:
            os._exit(code)
    deadline = start + timeout
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return "timeout", time.monotonic() - start
        time.sleep(0.05)
    code = os.waitstatus_to_exitcode(status)
    return ("survived" if code == 0 else "killed"), time.monotonic() - start


def own_first(mutant: Mutant, tests: list[str]) -> list[str]:
    """The tests with the mutated submodule's own file first (quote/renewal/report.py ->
    tests/test_renewal_report.py), where most of its mutants die quickest."""
    own = str(ROOT / "tests" / f"test_{'_'.join(module_name(mutant.path).split('.')[1:])}.py")
    return [own, *(t for t in tests if t != own)] if own in tests else tests


class Equivalents:
    """``path | code line | change | reason`` lines (``#`` comments). A code line may hold
    `` | `` itself (a type union, a ``|`` operator), so a mutant is looked up by the line's
    beginning (its own path, code line and change), never by splitting the line."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = [raw for raw in lines if raw.strip() and not raw.lstrip().startswith("#")]

    def __contains__(self, key: tuple[str, str, str]) -> bool:
        prefix = " | ".join(key) + " | "
        return any(raw.startswith(prefix) for raw in self.lines)


def load_equivalents() -> Equivalents:
    if not EQUIVALENTS.is_file():
        return Equivalents([])
    return Equivalents(EQUIVALENTS.read_text(encoding="utf-8").splitlines())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="module files or package directories "
                        f"[default: {', '.join(TARGETS)}]")
    parser.add_argument("--list", action="store_true", help="list the mutants, run nothing")
    parser.add_argument("--only", metavar="N-M",
                        help="run only mutants N to M (1-based, in the order listed)")
    parser.add_argument("--rerun", type=Path, metavar="LOG",
                        help="run only the mutants a previous run's output lists as survived")
    args = parser.parse_args(argv)
    chosen = args.modules or list(TARGETS)
    equivalents = load_equivalents()
    _preload()
    totals = {"killed": 0, "survived": 0, "timeout": 0, "equivalent": 0}
    survivors: list[Mutant] = []
    clean_runs: dict[tuple[str, ...], float] = {}
    began = time.monotonic()
    for spec in chosen:
        key = spec.rstrip("/").removesuffix(".py")
        # a module, or one file of a package module (quote/renewal/lookup.py: its tests)
        globs = next((t for s, t in TARGETS.items() if s.removesuffix(".py") == key
                      or key.startswith(s.removesuffix(".py") + "/")), None)
        if globs is None:
            parser.error(f"{spec}: not one of {', '.join(TARGETS)}")
        tests = test_files(globs)
        files = module_files(spec)
        if not files:
            print(f"{spec}: not found, skipped")
            continue
        all_mutants = [m for f in files for m in mutants(f)]
        if args.only:
            low, _, high = args.only.partition("-")
            all_mutants = all_mutants[int(low) - 1:int(high or low)]
        if args.rerun is not None:
            before = survived_in(args.rerun)
            all_mutants = [m for m in all_mutants
                           if (m.path.relative_to(ROOT).as_posix(), m.line, m.label) in before]
        if args.list:
            for m in all_mutants:
                print(f"{m.path.relative_to(ROOT)}:{m.line}: {m.label}    {m.code_key}")
            continue
        if tuple(tests) not in clean_runs:  # once per set of tests (files of one package)
            status, clean_runs[tuple(tests)] = run_one(None, tests, 1800)
            if status != "survived":
                print(f"{spec}: the tests fail without any mutant; fix them first")
                return 2
        clean = clean_runs[tuple(tests)]
        timeout = max(30.0, 3 * clean)
        counts = {"killed": 0, "survived": 0, "timeout": 0, "equivalent": 0}
        print(f"{spec}: {len(all_mutants)} mutants, clean run {clean:.1f} s, tests: "
              f"{' '.join(Path(t).name for t in tests)}", flush=True)
        for n, m in enumerate(all_mutants, start=1):
            if m.key() in equivalents:  # explained already: not run, not counted
                counts["equivalent"] += 1
                continue
            result, _seconds = run_one(m, own_first(m, tests), timeout)
            if n % 10 == 0:
                print(f"  … {n} of {len(all_mutants)}", flush=True)
            if result == "survived" and m.key() in equivalents:
                result = "equivalent"
            counts[result] += 1
            if result == "survived":
                survivors.append(m)
                print(f"  survived {m.path.relative_to(ROOT)}:{m.line}: {m.label}    "
                      f"{m.code_key}", flush=True)
        for k, v in counts.items():
            totals[k] += v
        print(f"  {spec}: {score_line(counts)}", flush=True)
    if args.list:
        return 0
    print(f"TOTAL: {score_line(totals)} in {time.monotonic() - began:.0f} s")
    return 0 if not survivors else 1


def survived_in(log: Path) -> set[tuple[str, int, str]]:
    """(path, line, change) of each ``survived`` line of an earlier run's output."""
    found = set()
    for line in log.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\s*survived (\S+?):(\d+): (.+?)    ", line)
        if match:
            found.add((match.group(1), int(match.group(2)), match.group(3)))
    return found


def score_line(c: dict[str, int]) -> str:
    killed = c["killed"] + c["timeout"]
    counted = killed + c["survived"]
    score = 100 * killed / counted if counted else 100.0
    return (f"{score:.1f} % killed ({killed} of {counted}; {c['timeout']} by timeout; "
            f"{c['equivalent']} equivalent, not counted)")


if __name__ == "__main__":
    sys.exit(main())
