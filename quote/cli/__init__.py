"""The `quote` command line. Only this package imports typer and rich.

The commands live in one registry (:data:`COMMANDS`). A run of one command imports only
that command's module (``quote renew`` does not load the underwriting or the offers);
help, a misspelt command and anything else build the whole application.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer

from quote import __version__

# Name -> (module, attribute): a command function, or a typer app for a command group.
# The order is the order of the help's command list.
COMMANDS: dict[str, tuple[str, str]] = {
    "price": ("quote.cli.price", "price"),
    "compare": ("quote.cli.compare", "compare_command"),
    "group": ("quote.cli.group", "group"),
    "household": ("quote.cli.household", "household"),
    "eligibility": ("quote.cli.eligibility", "eligibility"),
    "apply": ("quote.cli.apply", "apply"),
    "renew": ("quote.cli.renew", "renew"),
    "declaration": ("quote.cli.declaration", "app"),
    "tariff": ("quote.cli.tariff", "app"),
    "kpi": ("quote.cli.kpi", "app"),
    "products": ("quote.cli.products", "app"),
    "rulebook": ("quote.cli.rulebook", "app"),
    "data": ("quote.cli.data", "app"),
}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"quote {__version__}")
        raise typer.Exit()


def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """Quote premiums for Swedish private health insurance (vårdförsäkring).

    Exit codes: 0 done, 1 a reported finding, 2 bad input.
    """


def build_app(names: Sequence[str] = tuple(COMMANDS)) -> typer.Typer:
    """The application with the commands ``names`` (all of them unless told)."""
    from quote.cli.usage import QuoteGroup

    application = typer.Typer(
        name="quote",
        help="Quote premiums for Swedish private health insurance (vårdförsäkring).",
        no_args_is_help=True,
        add_completion=False,
        # Every command under the root gets --lang, plain help and one-line usage errors
        # (quote.cli.usage); plain help (no Rich markup) keeps "[default: …]" visible.
        cls=QuoteGroup,
        rich_markup_mode=None,
        pretty_exceptions_show_locals=False,
    )
    application.callback()(_root)
    for name in names:
        module, attribute = COMMANDS[name]
        command = getattr(importlib.import_module(module), attribute)
        if isinstance(command, typer.Typer):
            application.add_typer(command, name=name)
        else:
            application.command(name)(command)
    return application


def command_named(argv: Sequence[str]) -> str | None:
    """The registered command a command line runs, when it names one before anything
    else but ``--lang`` (None for help, ``--version`` or a name not registered)."""
    args = list(argv)
    while args and (args[0] == "--lang" or args[0].startswith("--lang=")):
        args = args[2:] if args[0] == "--lang" else args[1:]
    return args[0] if args and args[0] in COMMANDS else None


_app: typer.Typer | None = None


def __getattr__(name: str) -> Any:
    """``quote.cli.app``: the whole application, built on first use."""
    global _app
    if name == "app":
        if _app is None:
            _app = build_app()
        return _app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    # pydantic looks for plugins among every installed package's entry points when it
    # builds its first model; quote uses none, and looking cost 10 ms of each start.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    named = command_named(sys.argv[1:])
    (build_app([named]) if named else build_app())()
