"""Every command documents itself: `--help` works and every option has help text."""

from __future__ import annotations

from typing import Any

import pytest
import typer.main

from quote.cli import app

from .conftest import Invoke


def _commands(group: Any, prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    """Walk typer's command tree (typer vendors click, so duck typing, not isinstance)."""
    found: list[tuple[tuple[str, ...], Any]] = [(prefix, group)]
    for name, cmd in (getattr(group, "commands", None) or {}).items():
        found.extend(_commands(cmd, (*prefix, name)))
    return found


COMMANDS = _commands(typer.main.get_command(app))


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
    assert "Usage" in result.output


def test_version(run: Invoke) -> None:
    result = run("--version")
    assert result.exit_code == 0 and result.stdout.startswith("quote ")


def test_no_arguments_shows_help(run: Invoke) -> None:
    result = run()
    assert "price" in result.output
