"""Every command documents itself: `--help` works, shows real defaults and plain value
names, and every example in a command's help and in the README runs as written."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path
from typing import Any

import pytest
import typer.main

from quote.catalog import bundled_data_dir
from quote.cli import app
from quote.cli.usage import help_record, untranslated
from quote.i18n import set_lang
from quote.text.help import SUMMARIES, SWEDISH
from quote.upkeep import init_data_dir

from .conftest import BUNDLED, FIXTURES, ROOT, Invoke
from .scb_server import fake_scb
from .test_yearly_routine import TAB5737, TAB6596


def _commands(group: Any, prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    """Walk typer's command tree (typer vendors click, so duck typing, not isinstance)."""
    found: list[tuple[tuple[str, ...], Any]] = [(prefix, group)]
    for name, cmd in (getattr(group, "commands", None) or {}).items():
        found.extend(_commands(cmd, (*prefix, name)))
    return found


COMMANDS = _commands(typer.main.get_command(app))
LEAVES = [(path, command) for path, command in COMMANDS if not hasattr(command, "commands")]

# The framework's internal type names, and a default that lost its text (" .").
INTERNAL = re.compile(r"<[a-z][\w\[\], |]*>|list\[|\bTEXT\.\.\.|\s\.(\s|$)")


@pytest.mark.parametrize(("path", "command"), COMMANDS,
                         ids=[" ".join(p) or "quote" for p, _ in COMMANDS])
def test_every_command_has_help(run: Invoke, path: tuple[str, ...],
                                command: Any) -> None:
    assert (command.help or "").strip(), f"{path} has no help text"
    for param in command.params:
        if param.param_type_name == "option" and param.name != "help":
            assert (param.help or "").strip(), f"{path} option {param.name} has no help"
    result = run(*path, "--help")
    assert result.exit_code == 0
    assert result.output.startswith("Användning: ")  # the tests' language is Swedish
    assert "--lang sv|en" in result.output


@pytest.mark.parametrize(("path", "command"), COMMANDS,
                         ids=[" ".join(p) or "quote" for p, _ in COMMANDS])
def test_help_shows_plain_value_names_and_every_default(run: Invoke, path: tuple[str, ...],
                                                       command: Any) -> None:
    """An option that takes a value and may be left out says what happens then: its
    default, or the option it is an alternative to ("(or --birth-date)")."""
    text = run(*path, "--help").output
    assert not INTERNAL.search(text), INTERNAL.search(text)
    set_lang("en")  # the records below, in English
    for param in command.params:
        record = help_record(param)
        if record is None or param.param_type_name != "option" or param.required:
            continue
        if getattr(param, "is_flag", False) or param.name == "help":
            continue
        names, help_text = record
        assert "[default:" in help_text or "(or --" in help_text, f"{names}: {help_text}"


# What these print is itself for machines (a JSON Schema, a YAML file to fill in).
NO_JSON = {("tariff", "schema"), ("declaration", "template")}


@pytest.mark.parametrize(("path", "command"), LEAVES, ids=[" ".join(p) for p, _ in LEAVES])
def test_every_command_that_reports_a_result_has_json(path: tuple[str, ...],
                                                      command: Any) -> None:
    options = {opt for param in command.params for opt in getattr(param, "opts", [])}
    assert ("--json" in options) != (path in NO_JSON), path


@pytest.mark.parametrize(("path", "command"), COMMANDS,
                         ids=[" ".join(p) or "quote" for p, _ in COMMANDS])
def test_help_is_in_both_languages(run: Invoke, path: tuple[str, ...], command: Any) -> None:
    """Every help text has its Swedish in quote/text/help.py (keyed by the English)."""
    assert untranslated(command) == [], "add the Swedish to quote/text/help.py"
    english = run("--lang", "en", *path, "--help").output
    swedish = run("--lang", "sv", *path, "--help").output
    assert english.startswith("Usage: ") and "Show this message and exit." in english
    assert swedish.startswith("Användning: ") and "Visa den här hjälpen och avsluta." in swedish
    assert not INTERNAL.search(swedish), INTERNAL.search(swedish)


GROUPS = [(path, command) for path, command in COMMANDS if hasattr(command, "commands")]


@pytest.mark.parametrize(("path", "command"), GROUPS,
                         ids=[" ".join(p) or "quote" for p, _ in GROUPS])
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_command_lists_show_one_whole_line_each(run: Invoke, path: tuple[str, ...],
                                                command: Any, lang: str) -> None:
    """Each command in a group's list has its summary (quote/text/help.py SUMMARIES), on
    one line, never cut off with "..." (the framework cuts a long first sentence)."""
    output = run("--lang", lang, *path, "--help").output
    listed = output.split("\n\n")[-1].splitlines()[1:]  # the last section: the commands
    names = [name for name, sub in command.commands.items() if not sub.hidden]
    assert [line.split()[0] for line in listed] == names
    for name, line in zip(names, listed, strict=True):
        summary = SUMMARIES[" ".join((*path, name))]
        expected = summary if lang == "en" else SWEDISH[summary]
        assert line.split(None, 1)[1] == expected, line


def test_every_summary_names_a_command() -> None:
    assert set(SUMMARIES) == {" ".join(path) for path, _ in COMMANDS if path}


def examples(command: Any) -> list[str]:
    """The `quote ...` lines of a command's help (its "Examples:" block, or one line
    "Example: quote ...")."""
    lines = [line.strip().removeprefix("Example: ") for line in
             (command.help or "").splitlines()]
    return [line for line in lines if line.startswith("quote ")]


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh directory holding what the examples name and do not create themselves: a
    tariff with its KPI series (dkv-2024.yaml, kpi-1980.csv), a checkout's data directory
    (tariffs/), a book (book.csv, bok.csv), a filled-in declaration (answers.yaml) and a
    broken tariff (broken.yaml)."""
    shutil.copytree(BUNDLED, tmp_path / "tariffs",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(BUNDLED / "dkv-vardforsakring-2024-06-01.yaml", tmp_path / "dkv-2024.yaml")
    shutil.copy(BUNDLED / "kpi-1980.csv", tmp_path / "kpi-1980.csv")
    shutil.copy(FIXTURES / "tariffs" / "premium-zero.yaml", tmp_path / "broken.yaml")
    book = (
        "policy_id;product;birth_date;renewal_date;deductible;smoker;loading_pct;"
        "current_premium;broker\n"
        "P1;plus;1990-05-01;2025-03-01;0;false;;1068;Anna\n"
        "P2;bas;1967-10-28;2025-05-01;0;nej;25;2600,00;Bo\n"
        "P3;topp;1989-02-01;2025-02-01;1000;ja;0;1400;Dan\n"
        "P4;guld;1980-01-01;2025-01-01;0;false;;;\n"
        "P5;plus;1980-02-30;2025-01-01;0;false;;;\n")
    (tmp_path / "book.csv").write_text(book, encoding="utf-8")
    (tmp_path / "bok.csv").write_text(book, encoding="utf-8")
    (tmp_path / "answers.yaml").write_text(_readme_answers(), encoding="utf-8")
    shutil.copy(FIXTURES / "group" / "twelve.csv", tmp_path / "anstallda.csv")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _readme_answers() -> str:
    """The declaration the README shows, with the questions it leaves out answered no."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("```yaml\nsigned:", 1)[1].split("```", 1)[0]
    answers = "signed:" + block
    given = set(re.findall(r"^  (q\d+):", answers, flags=re.M))
    rest = "".join(f"  q{n}: nej\n" for n in range(1, 19) if f"q{n}" not in given)
    return answers + rest


def run_example(run: Invoke, line: str, env: dict[str, str] | None = None) -> None:
    """Run one example as a shell would (a trailing ``> FILE`` writes stdout there)."""
    words = shlex.split(line.split(" && ")[0].split(" | ")[0], comments=True)  # quote's part
    target = None
    if ">" in words:
        at = words.index(">")
        target, words = words[at + 1], words[:at]
    assert words[0] == "quote", line
    interview = None
    if words[1] == "apply" and "--declaration" not in words:  # asked in the terminal
        interview = "178\n82\n" + "nej\n" * 18 + "\n"
    result = run(*words[1:], input=interview, env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        line, result.exception)
    assert result.exit_code in (0, 1), f"{line}\n{result.output}"
    if target is not None:
        Path(target).write_text(result.stdout, encoding="utf-8")


def _seed_new_version(run: Invoke) -> None:
    run_example(run, "quote tariff index dkv-2024.yaml --year 2025 -o dkv-2025.yaml")


def _current_data(run: Invoke, workdir: Path, scb_url: str) -> Path:
    """A data directory as a user has it after this year's routine (quote kpi fetch, here
    from the fake SCB's test figures up to 2026-10): the examples price today, and an
    application decided today starts next month, when the bundled series (to 2025-12)
    may no longer reach the KPI month it needs (from December 2026: 2026-09)."""
    current = workdir / ".current-data"
    init_data_dir(bundled_data_dir(), current)
    fetched = run("kpi", "fetch", "--tariffs", str(current), env={"QUOTE_SCB_API": scb_url})
    assert fetched.exit_code == 0, fetched.output
    return current


@pytest.mark.parametrize(("path", "command"), LEAVES, ids=[" ".join(p) for p, _ in LEAVES])
def test_every_help_example_runs(run: Invoke, workdir: Path, path: tuple[str, ...],
                                 command: Any) -> None:
    lines = examples(command)
    assert lines, f"quote {' '.join(path)} has no example in its help"
    if path != ("tariff", "index"):
        _seed_new_version(run)
    if path != ("data", "init"):
        init_data_dir(bundled_data_dir(), workdir / "my-data")
    with fake_scb({"TAB5737": TAB5737, "TAB6596": TAB6596}) as scb:  # for quote kpi fetch
        env = {"QUOTE_SCB_API": scb.url,
               "QUOTE_TARIFFS": str(_current_data(run, workdir, scb.url))}
        for line in lines:
            assert line.startswith(f"quote {' '.join(path)}"), line
            run_example(run, line, env=env)


def readme_examples() -> list[str]:
    """Commands the README shows being run: ``$ quote …`` lines in any code block, and the
    ``quote …`` lines of shell (```sh) blocks, with their continuation lines joined; not
    the yearly routine, which tests/test_yearly_routine.py runs from a wheel."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    before, _, after = text.partition("## The yearly routine")
    text = before + "\n## " + after.partition("\n## ")[2]  # test_yearly_routine runs that
    found = []
    for lang, body in re.findall(r"^```(\w*)\n(.*?)^```", text, flags=re.M | re.S):
        body = body.replace("\\\n", " ")
        for line in body.splitlines():
            if line.startswith("$ quote "):
                found.append(line[2:])
            elif lang == "sh" and line.startswith("quote "):
                found.append(line)
    return found


README_EXAMPLES = readme_examples()


def test_the_readme_has_examples() -> None:
    assert len(README_EXAMPLES) >= 8


def test_every_readme_example_runs(run: Invoke, workdir: Path) -> None:
    """In order, as a reader would type them, in a directory holding the files they name."""
    with fake_scb({"TAB5737": TAB5737, "TAB6596": TAB6596}) as scb:  # for quote kpi fetch
        for line in README_EXAMPLES:
            run_example(run, line, env={"QUOTE_SCB_API": scb.url})


def test_version(run: Invoke) -> None:
    result = run("--version")
    assert result.exit_code == 0 and result.stdout.startswith("quote ")


def test_no_arguments_shows_help(run: Invoke) -> None:
    result = run()
    assert "price" in result.output
