"""The command-line framework every command shares (quote.cli.usage): --lang, one-line
usage errors in the chosen language, negative numbers as values, renamed options, a closed
pipe."""

from __future__ import annotations

import subprocess
import sys
from typing import Annotated

import pytest
import typer

from quote.cli.usage import lang_in, renamed

from .conftest import ROOT, Invoke


def test_lang_is_found_before_parsing() -> None:
    assert lang_in(["price", "--lang", "en"]) == "en"
    assert lang_in(["price", "--lang=sv"]) == "sv"
    assert lang_in(["price", "--lang", "fr"]) is None
    assert lang_in(["--", "--lang", "en"]) is None


def test_renamed_options_and_options_that_became_arguments(capsys: pytest.CaptureFixture[str]
                                                            ) -> None:
    assert renamed(["--received", "2024-01-01", "--json"], {"--received": "--on"}) == [
        "--on", "2024-01-01", "--json"]
    assert renamed(["--old=a.yaml", "--book", "b.csv", "--json"],
                   {"--book": 0, "--old": 1, "--new": 2}) == ["b.csv", "a.yaml", "--json"]
    assert capsys.readouterr().err.count("\n") == 3


@pytest.mark.parametrize(("lang", "line"), [
    ("sv", "Fel: --prodct: ingen sådan flagga (menade du --product?)\n"),
    ("en", "Error: --prodct: no such option (did you mean --product?)\n"),
])
def test_an_option_typo_is_one_line_with_a_suggestion(run: Invoke, lang: str, line: str
                                                      ) -> None:
    result = run("price", "--prodct", "plus", "--age", "3", "--lang", lang)
    assert result.exit_code == 2
    assert result.stderr == line and result.stdout == ""


def test_the_language_comes_from_quote_lang_when_not_given(run: Invoke) -> None:
    result = run("price", "--prodct", "plus", env={"QUOTE_LANG": "en"})
    assert result.stderr.startswith("Error: --prodct")
    assert run("--lang", "en", "pric").stderr == (
        "Error: pric: no such command (did you mean price?)\n")


def test_a_negative_number_is_a_value_not_an_option(run: Invoke) -> None:
    result = run("kpi", "add", "2025-11", "-3", "--lang", "en")
    assert result.exit_code == 2
    assert "No such option" not in result.stderr
    assert "VALUE: KPI must be a number from 1" in result.stderr


def test_a_closed_pipe_is_not_an_error() -> None:
    for args in (["kpi", "show", "--from", "1980-01"], ["tariff", "show"]):
        process = subprocess.Popen([sys.executable, "-m", "quote", *args], cwd=ROOT,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()
        error = process.stderr.read()
        assert process.wait(timeout=60) == 0, error
        assert error == b""


def test_an_unreadable_file_is_one_line_too() -> None:
    """Tests run as root here, so no file is unreadable: the framework's own exception is
    built as its path check raises it, and rendered as the command line would."""
    import typer.main
    from typer._click.exceptions import BadParameter, FileError

    from quote.cli import app
    from quote.cli.usage import usage_message
    from quote.i18n import set_lang

    price = typer.main.get_command(app).commands["price"]  # type: ignore[attr-defined]
    tariff = next(p for p in price.params if p.name == "tariff")
    set_lang("en")
    exc = BadParameter("File 't.yaml' is not readable.", param=tariff)
    assert usage_message(exc) == "--tariff: t.yaml cannot be read (permissions)"
    set_lang("sv")
    assert usage_message(exc) == "--tariff: t.yaml går inte att läsa (behörighet)"
    assert usage_message(FileError("t.yaml")) == "t.yaml: går inte att öppna"


def test_the_locale_decides_when_quote_lang_is_not_set(run: Invoke) -> None:
    env = {"QUOTE_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "en_GB.UTF-8"}
    assert run("price", "--prodct", env=env).stderr.startswith("Error: ")
    env["LANG"] = "sv_SE.UTF-8"
    assert run("price", "--prodct", env=env).stderr.startswith("Fel: ")
    assert run("--lang", "en", "price", "--prodct", env=env).stderr.startswith("Error: ")


def test_a_new_command_gets_all_of_it_without_asking() -> None:
    """A command added the plain typer way, in a group added the plain typer way, under a
    root built like quote's: --lang, one-line errors, negative numbers, plain help."""
    from typer.testing import CliRunner

    from quote.cli.usage import QuoteGroup

    root = typer.Typer(cls=QuoteGroup, rich_markup_mode=None)
    group = typer.Typer()

    @group.command("add")
    def add(count: Annotated[int, typer.Argument(help="How many.")],
            on: Annotated[str, typer.Option(help="A date.")] = "today") -> None:
        """Add COUNT."""
        typer.echo(f"added {count} on {on}")

    @root.callback()
    def _root() -> None:
        """A root."""

    root.add_typer(group, name="things")
    runner = CliRunner()
    assert runner.invoke(root, ["things", "add", "-3"]).stdout == "added -3 on today\n"
    wrong = runner.invoke(root, ["things", "add", "x", "--lang", "en"])
    assert (wrong.exit_code, wrong.stderr) == (2, "Error: COUNT: 'x' is not a whole number\n")
    typo = runner.invoke(root, ["things", "add", "1", "--o", "x", "--lang", "sv"])
    assert typo.stderr == "Fel: --o: ingen sådan flagga (menade du --on?)\n"
    shown = runner.invoke(root, ["things", "add", "--help", "--lang", "en"]).stdout
    assert "--on DATE" in shown and "[default: today]" in shown and "--lang sv|en" in shown


def test_a_command_line_names_its_command_before_anything_but_lang() -> None:
    from quote.cli import command_named

    assert command_named(["renew", "book.csv"]) == "renew"
    assert command_named(["--lang", "en", "tariff", "check"]) == "tariff"
    assert command_named(["--lang=sv", "price"]) == "price"
    assert command_named(["--version", "renew"]) is None  # the root's own option
    assert command_named(["--help"]) is None
    assert command_named(["renw"]) is None  # misspelt: the whole app says "did you mean"
    assert command_named([]) is None


def test_one_command_loads_only_its_own_modules() -> None:
    """`quote renew` starts without the underwriting, the offers or the contents (a
    renewal of a whole book starts in a fraction of a second), and answers as usual."""
    code = ("import sys; sys.argv = ['quote', '--lang', 'en', 'renew', '--help']\n"
            "from quote.cli import main\n"
            "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
            "loaded = sorted(m for m in sys.modules if m.startswith('quote.'))\n"
            "print('EXIT', code, *loaded)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, timeout=60, check=False)
    assert "Usage: quote renew [OPTIONS] BOOK" in done.stdout
    last = done.stdout.strip().splitlines()[-1].split()
    assert last[:2] == ["EXIT", "0"]
    assert "quote.cli.renew" in last
    for heavy in ("quote.underwriting", "quote.contents", "quote.offers", "quote.cli.apply",
                  "quote.cli.price", "quote.check"):
        assert heavy not in last
