"""Hostile input: every malformed file of the corpus through every command that reads its
kind. No traceback, the expected exit code and message, no personal value in any message,
no run over 10 s; the dangerous cases also in a subprocess under 1 GB and 10 s.

The corpus and each case's expectation are in ``tests/hostile_corpus.py``.
"""

from __future__ import annotations

import csv
import os
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import BUNDLED, CLI_ENV, DKV_PATH, KPI_PATH, Invoke
from .hostile_corpus import (
    BOOK_GOOD,
    CASES,
    DECLARATION_YAML,
    PLANTED,
    Case,
    Msg,
    matches,
)

Argv = Callable[[Path, "Place"], list[str]]


@dataclass(frozen=True)
class Place:
    """A directory holding the case's file and the good files the commands also need."""

    directory: Path

    @property
    def book(self) -> Path:
        return self.directory / "good-book.csv"

    @property
    def declaration(self) -> Path:
        return self.directory / "good-declaration.yaml"

    @property
    def out(self) -> Path:
        return self.directory / "out" / "result.csv"


def place(directory: Path) -> Place:
    shutil.copy(KPI_PATH, directory / KPI_PATH.name)  # the series the tariff cases name
    (directory / "good-book.csv").write_text(BOOK_GOOD, encoding="utf-8")
    (directory / "good-declaration.yaml").write_text(DECLARATION_YAML, encoding="utf-8")
    (directory / "out").mkdir()
    return Place(directory)


PRICE = ["--product", "plus", "--age", "35", "--on", "2025-03-01"]
APPLY = ["apply", "--product", "plus", "--birth-date", "1990-05-01", "--residence", "SE",
         "--on", "2024-09-01"]
DKV = str(DKV_PATH)
RULEBOOK = str(BUNDLED / "rulebook-dkv-example-2024-06-01.yaml")

# kind -> (command name, argv, exit codes expected for a malformed file of that kind)
COMMANDS: dict[str, list[tuple[str, Argv, set[int]]]] = {
    "tariff": [
        ("check", lambda f, p: ["tariff", "check", str(f)], {1}),
        ("price", lambda f, p: ["price", "--tariff", str(f), *PRICE], {2}),
        ("show", lambda f, p: ["tariff", "show", "--tariff", str(f)], {2}),
        ("diff", lambda f, p: ["tariff", "diff", str(f), DKV], {2}),
        ("index", lambda f, p: ["tariff", "index", str(f), "--year", "2025", "-o",
                                str(p.out.with_suffix(".yaml"))], {2}),
        ("impact", lambda f, p: ["tariff", "impact", "--book", str(p.book), "--old", DKV,
                                 "--new", str(f)], {2}),
    ],
    "rulebook": [
        ("check", lambda f, p: ["tariff", "check", str(f)], {1}),
        ("eligibility", lambda f, p: ["eligibility", "--birth-date", "1990-05-01",
                                      "--residence", "SE", "--received", "2025-03-01",
                                      "--rulebook", str(f)], {2}),
        ("template", lambda f, p: ["declaration", "template", "--rulebook", str(f)], {2}),
        ("apply", lambda f, p: [*APPLY, "--rulebook", str(f), "--declaration",
                                str(p.declaration)], {2}),
    ],
    "kpi": [
        ("check", lambda f, p: ["tariff", "check", str(f)], {1}),
        ("show", lambda f, p: ["kpi", "show", "--kpi", str(f)], {2}),
        ("add", lambda f, p: ["kpi", "add", "2024-12", "420", "--kpi", str(f)], {2}),
        ("price", lambda f, p: ["price", *PRICE, "--kpi", str(f)], {2}),
        ("tariff-show", lambda f, p: ["tariff", "show", "--on", "2025-03-01", "--kpi", str(f)],
         {2}),
        ("index", lambda f, p: ["tariff", "index", DKV, "--year", "2025", "--kpi", str(f), "-o",
                                str(p.out.with_suffix(".yaml"))], {2}),
    ],
    "declaration": [
        ("apply", lambda f, p: [*APPLY, "--rulebook", RULEBOOK, "--declaration", str(f)], {2}),
    ],
    "book": [
        ("renew", lambda f, p: ["renew", str(f), "-o", str(p.out), "--tariff", DKV], {0, 2}),
        ("impact", lambda f, p: ["tariff", "impact", "--book", str(f), "--old", DKV, "--new",
                                 DKV], {0, 2}),
    ],
}

# Exceptions to the kind's exit codes, by (case, command).
EXITS: dict[tuple[str, str], set[int]] = {
    # a missing path is a usage error for `tariff check`, not a finding
    **{(f"{kind}-{what}", "check"): {2} for kind in ("tariff", "rulebook", "kpi")
       for what in ("missing", "symlink-loop")},
    # a timestamp where a date is expected: refused, or read as its date
    ("declaration-signed-timestamp", "apply"): {0, 2},
    ("declaration-received-timestamp", "apply"): {0, 2},
}
# `tariff check DIR` checks the files in DIR: an empty directory is a clean check.
SKIP = {(f"{kind}-directory", "check") for kind in ("tariff", "rulebook", "kpi")}

# Known failures owned by others (the renewal engine and declarations are being rewritten):
# listed so they are visible, not hidden; remove an entry when its case passes.
BOOK = "renewal engine (book engineer, issue 10 items 1, 2, 5)"
UNDER = "declarations (under engineer, issue 10 items 4, 5)"
KNOWN: dict[tuple[str, str], str] = {
    **{(f"book-{name}", command): BOOK for command in ("renew", "impact")
       for name in ("unterminated-quote", "loading-1e30", "loading-1e5000", "loading-digits",
                    "deductible-digits", "huge-line", "parquet-1e30")},
    **{(f"declaration-{name}", "apply"): UNDER
       for name in ("signed-timestamp", "received-timestamp", "onset-leak", "unknown-key-leak",
                    "treatment-mapping", "json-onset-leak", "empty")},
}

YAML_KEYS = ("yaml.", )


def expected_exits(case: Case, command: str, default: set[int]) -> set[int]:
    return EXITS.get((case.name, command), default)


def located(case: Case) -> bool:
    """Cases whose message must carry ``file:line``: what the YAML reader refuses."""
    fragment = case.fragment
    return (isinstance(fragment, Msg) and fragment.key.startswith(YAML_KEYS)) or \
        (isinstance(fragment, tuple) and any(str(f).startswith("U+") for f in fragment))


def params() -> list[object]:
    found = []
    for case in CASES:
        for command, argv, exits in COMMANDS[case.kind]:
            if (case.name, command) in SKIP:
                continue
            if case.dangerous and case.name.startswith("book-") and case.make.__name__ == "make" \
                    and case.name.endswith(("fifo", "devzero")):
                continue  # only in a subprocess: an unbounded read would stop the suite
            marks = []
            if (case.name, command) in KNOWN:
                marks.append(pytest.mark.xfail(reason=KNOWN[(case.name, command)], strict=False))
            found.append(pytest.param(case, command, argv, exits, marks=marks,
                                      id=f"{case.name}-{command}"))
    return found


def check_output(case: Case, command: str, path: Path, code: int, output: str,
                 stderr: str, exits: set[int]) -> None:
    assert "Traceback" not in output, output[-2000:]
    assert code in exits, f"exit {code}, expected {exits}: {output[-1000:]}"
    for value in PLANTED:
        assert value not in output, f"personal value in the message: {output[-500:]}"
    if code == 0:
        return
    assert output.strip(), "refused without a message"
    if case.kind == "book" and "Try 'quote" not in stderr:  # not a usage error (typer's)
        lines = [line for line in stderr.splitlines() if line.strip()]
        assert len(lines) == 1, f"expected one line: {stderr}"
    assert matches(case.fragment, output), f"expected {case.fragment}: {output[-1000:]}"
    if located(case):
        assert f"{path.name}:" in output and any(
            part.split(":")[0].isdigit() for part in output.split(f"{path.name}:")[1:]), \
            f"expected {path.name}:LINE: {output[-500:]}"


@pytest.mark.parametrize(("case", "command", "argv", "exits"), params())
def test_corpus(case: Case, command: str, argv: Argv, exits: set[int], run: Invoke,
                tmp_path: Path) -> None:
    where = place(tmp_path)
    path = case.make(tmp_path)
    before = path.read_bytes() if path.is_file() and not path.is_symlink() else None
    started = time.monotonic()
    result = run(*argv(path, where))
    elapsed = time.monotonic() - started
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    check_output(case, command, path, result.exit_code, result.output, result.stderr,
                 expected_exits(case, command, exits))
    assert elapsed < 10, f"took {elapsed:.1f} s"
    if before is not None:
        assert path.read_bytes() == before, "a refused input file was changed"
    if case.kind == "book" and command == "renew" and result.exit_code == 0:
        rejects = where.out.with_name("result.rejects.csv")
        with rejects.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                for value in PLANTED:
                    assert value not in (row.get("message") or ""), "personal value in a reject"


def _limits() -> None:  # pragma: no cover - runs in the child
    gib = 1 << 30
    resource.setrlimit(resource.RLIMIT_AS, (gib, gib))


def dangerous_params() -> list[object]:
    found = []
    for case in CASES:
        if case.dangerous:
            key = (case.name, COMMANDS[case.kind][0][0])
            marks = [pytest.mark.xfail(reason=KNOWN[key], strict=False)] if key in KNOWN else []
            found.append(pytest.param(case, marks=marks, id=case.name))
    return found


@pytest.mark.parametrize("case", dangerous_params())
def test_dangerous_case_in_a_bounded_process(case: Case, tmp_path: Path) -> None:
    """The first command of the kind, as a user runs it: ``python -m quote`` under 1 GB of
    address space and 10 s."""
    where = place(tmp_path)
    path = case.make(tmp_path)
    command, argv, exits = COMMANDS[case.kind][0]
    env = {**os.environ, **{k: v for k, v in CLI_ENV.items() if v is not None}}
    env.pop("QUOTE_TARIFFS", None)
    started = time.monotonic()
    try:
        proc = subprocess.run([sys.executable, "-m", "quote", *argv(path, where)],
                              capture_output=True, text=True, timeout=10, env=env,
                              preexec_fn=_limits, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{case.name}: {command} ran over 10 s")
    elapsed = time.monotonic() - started
    check_output(case, command, path, proc.returncode, proc.stdout + proc.stderr, proc.stderr,
                 expected_exits(case, command, exits))
    assert elapsed < 10


def test_corpus_is_large_and_covers_every_kind() -> None:
    kinds = {case.kind for case in CASES}
    assert kinds == set(COMMANDS)
    assert len(CASES) >= 150
