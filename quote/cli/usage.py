"""What every command gets without asking: the language, plain help, one-line usage errors.

The root app is built with :class:`QuoteGroup`, which adopts every command and group
under it (:func:`adopt`), so a command added anywhere in ``quote.cli`` gets all of this:

- ``--lang sv|en`` (default :func:`quote.i18n.default_lang`: ``QUOTE_LANG``, the locale,
  then Swedish), set before anything is parsed, so even a usage error is in that language;
- plain help with real defaults and plain value names (``DATE``, ``FILE``, ``DIR``, ``PCT``,
  ``N``, ``MONTH``) instead of the framework's internal type names, in the chosen language
  (the Swedish of each English help text is in :mod:`quote.text.help`);
- usage errors (unknown option or command, missing value, wrong type, a directory for a
  file, an unreadable file, a missing argument) as one line in our style, exit 2, with
  "did you mean" where the framework knows it;
- a negative number accepted as a value (``quote kpi add 2025-11 -3`` reaches the
  command's own check);
- a closed pipe (``quote ... | head``) is not an error: exit 0, nothing printed;
- renamed options and arguments still work for a release, with a note on stderr
  (:data:`RENAMED`).

Only this module knows the framework's internals (typer vendors click as ``typer._click``).
"""

from __future__ import annotations

import inspect
import os
import re
import sys
from collections.abc import Mapping, Sequence
from difflib import get_close_matches
from enum import Enum
from typing import Annotated, Any

import typer
import typer.main
from typer._click import Context, HelpFormatter
from typer._click.exceptions import (
    BadOptionUsage,
    BadParameter,
    ClickException,
    FileError,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchOption,
    UsageError,
)
from typer._click.parser import _OptionParser, _ParsingState
from typer._click.utils import make_default_short_help
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption
from typer.exceptions import Abort

from quote.cli.common import EXIT_BAD_INPUT
from quote.cli.options import METAVARS
from quote.i18n import LANGS, Lang, default_lang, get_lang, parse_lang, set_lang, t
from quote.text.help import SUMMARIES, SWEDISH

# Renamed in 0.2 (kept for one release): command path -> old name -> the new option, or
# the position of the argument that replaced it.
RENAMED: Mapping[tuple[str, ...], Mapping[str, str | int]] = {
    ("eligibility",): {"--received": "--on"},
    ("tariff", "impact"): {"--book": 0, "--old": 1, "--new": 2},
}


def _set_lang(value: str | None) -> None:
    if value is None:
        return
    lang = value.strip().lower()
    if lang not in LANGS:
        raise BadParameter(t("usage.lang", value=value))
    set_lang("en" if lang == "en" else "sv")


def _lang_holder(
    lang: Annotated[str | None, typer.Option(
        "--lang", metavar="sv|en", callback=_set_lang, is_eager=True, expose_value=False,
        help="Language of output and messages.", show_default=False)] = None,
) -> None:
    """Holds the --lang option that every command gets."""


def _build_lang_option() -> TyperOption:
    holder = typer.Typer()
    holder.command()(_lang_holder)
    option = typer.main.get_command(holder).params[0]
    assert isinstance(option, TyperOption)
    return option


LANG_OPTION = _build_lang_option()


def lang_in(args: Sequence[str]) -> Lang | None:
    """The language asked for with ``--lang`` in ``args``, before they are parsed."""
    for index, arg in enumerate(args):
        if arg == "--":
            break
        value = None
        if arg == "--lang" and index + 1 < len(args):
            value = args[index + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value is not None and value.strip().lower() in LANGS:
            return parse_lang(value)
    return None


def adopt(command: Any) -> None:
    """Give a command (and, for a group, everything under it) the shared behaviour.

    typer builds each command and group with its own class before the root sees them, so
    the root re-classes them (``__class__`` to :class:`QuoteCommand`/:class:`QuoteGroup`,
    subclasses that only override methods): no command module has to ask for any of this.
    """
    if isinstance(command, TyperGroup):
        if not isinstance(command, QuoteGroup):
            command.__class__ = QuoteGroup
        for sub in command.commands.values():
            adopt(sub)
    elif isinstance(command, TyperCommand) and not isinstance(command, QuoteCommand):
        command.__class__ = QuoteCommand
    params = getattr(command, "params", [])
    for param in params:
        if isinstance(param, TyperArgument) and param.metavar is None:
            param.metavar = (param.name or "").rstrip("_").upper()
    if not any("--lang" in getattr(p, "opts", ()) for p in params):
        params.append(LANG_OPTION)


# --- help -----------------------------------------------------------------------------

def metavar(param: TyperOption | TyperArgument) -> str:
    """The plain value name shown in help: DATE, FILE, DIR, N, a list of choices …"""
    if param.metavar is not None:
        return param.metavar
    desc = param.type_descriptor
    name = param.name or ""
    if desc.is_choice and desc.choices is not None:
        return "|".join(str(c.value if isinstance(c, Enum) else c) for c in desc.choices)
    if name in METAVARS:
        label = METAVARS[name]
    elif desc.is_path:
        label = "FILE" if desc.parameter_info.file_okay else "DIR"
    elif desc.annotation is int:
        label = "N"
    elif desc.annotation is float:
        label = "NUMBER"
    else:
        label = "TEXT"
    return f"{label}..." if desc.is_list else label


def _default_text(param: TyperOption | TyperArgument) -> str | None:
    default = param.default
    if default is None or default == () or default == []:
        return None
    if isinstance(param, TyperOption) and param.is_flag:
        if not param.secondary_opts:
            return None
        return (param.opts if default else param.secondary_opts)[0]
    if isinstance(default, Enum):
        return str(default.value)
    if isinstance(default, (list, tuple)):
        return ", ".join(str(d) for d in default)
    return str(default)


# "(default: today)" or "(…; default: today)" in help text, shown as "[default: today]".
_DEFAULT_IN_PARENTHESES = re.compile(r"\((?:(?P<before>[^()]*?);\s*)?default: (?P<value>[^()]*)\)")


def _default_as_bracket(match: re.Match[str]) -> str:
    before = match.group("before")
    shown = f"[default: {match.group('value')}]"
    return f"({before}) {shown}" if before else shown


def help_record(param: Any) -> tuple[str, str] | None:
    """One line of the options list: the names with the value name, the help, then
    ``[default: …]`` (real values, or the help text's own words), env var, required."""
    if getattr(param, "hidden", False):
        return None
    if isinstance(param, TyperArgument):
        names = metavar(param)
    elif isinstance(param, TyperOption):
        names = ", ".join(param.opts)
        if param.secondary_opts:
            names += " / " + ", ".join(param.secondary_opts)
        if not param.is_flag and not param.count:
            names += f" {metavar(param)}"
    else:
        return None
    help_text = localized(param.help or "")
    extra = []
    if param is LANG_OPTION:
        extra.append(t("help.default", value=t("help.lang_default", language=default_lang())))
    elif not _HAS_DEFAULT.search(help_text) and (default := _default_text(param)) is not None:
        extra.append(t("help.default", value=default))
    if isinstance(param.envvar, str) and getattr(param, "show_envvar", True):
        extra.append(t("help.env_var", name=param.envvar))
    if param.required:
        extra.append(t("help.required"))
    if extra:
        help_text = f"{help_text}  [{'; '.join(extra)}]" if help_text else f"[{'; '.join(extra)}]"
    return names, help_text


_HAS_DEFAULT = re.compile(r"\[(default|standard):")


def localized(text: str) -> str:
    """Help text in the current language: the Swedish of quote.text.help, or as written;
    "(default: …)" is shown as "[default: …]" like every other default."""
    english = _DEFAULT_IN_PARENTHESES.sub(_default_as_bracket, " ".join(text.split()))
    return english if get_lang() == "en" else SWEDISH.get(english, english)


def _prose(doc: str) -> list[str]:
    """The paragraphs of a command's help that are prose (not example lines)."""
    paragraphs = inspect.cleandoc(doc).partition("\f")[0].split("\n\n")
    return [p.partition("Example: ")[0] for p in paragraphs if not p.startswith("\b")]


def untranslated(command: Any) -> list[str]:
    """The English help of ``command`` (its prose and its options') that has no Swedish."""
    texts = [p for p in _prose(command.help or "") if p.strip()]
    texts += [p.help for p in getattr(command, "params", [])
              if p.help and not getattr(p, "hidden", False)]
    shown = (_DEFAULT_IN_PARENTHESES.sub(_default_as_bracket, " ".join(x.split())) for x in texts)
    return [text for text in shown if text not in SWEDISH]


def localized_doc(doc: str) -> str:
    """A command's help, paragraph by paragraph in the current language; example lines
    (a ``\b`` block, or ``Example: quote …``) are the same in both."""
    paragraphs = []
    for paragraph in inspect.cleandoc(doc).partition("\f")[0].split("\n\n"):
        if paragraph.startswith("\b"):
            paragraphs.append(paragraph)
            continue
        prose, marker, example = paragraph.partition("Example: ")
        text = localized(prose) if prose.strip() else ""
        if marker:  # on a line of its own, never re-wrapped
            text = f"{text}\n\n\b\n{t('help.example')} {' '.join(example.split())}".strip()
        paragraphs.append(text)
    return "\n\n".join(paragraphs)


def _format_help_text(command: Any, formatter: HelpFormatter) -> None:
    if command.help:
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(localized_doc(command.help))


def _short_help(command: Any, limit: int) -> str:
    if command.short_help:
        return localized(command.short_help)
    return make_default_short_help(localized_doc(command.help or ""), limit).strip()


def _summary(ctx: Context, name: str, command: Any, limit: int) -> str:
    """A command's line in its group's command list: its one-line summary (SUMMARIES),
    else the beginning of its help cut to ``limit``."""
    path = " ".join([*ctx.command_path.split()[1:], name])
    summary = SUMMARIES.get(path)
    return localized(summary) if summary else command.get_short_help_str(limit)


def _format_params(command: Any, ctx: Context, formatter: HelpFormatter) -> None:
    params = command.get_params(ctx)
    arguments = [r for p in params if isinstance(p, TyperArgument) if (r := help_record(p))]
    options = [r for p in params if not isinstance(p, TyperArgument) if (r := help_record(p))]
    if arguments:
        with formatter.section(t("help.arguments")):
            formatter.write_dl(arguments)
    if options:
        with formatter.section(t("help.options")):
            formatter.write_dl(options)


def _format_usage(command: Any, ctx: Context, formatter: HelpFormatter) -> None:
    formatter.write_usage(ctx.command_path, " ".join(command.collect_usage_pieces(ctx)),
                          prefix=t("help.usage"))


def _usage_pieces(command: Any, ctx: Context) -> list[str]:
    pieces = ["[OPTIONS]"]
    for param in command.get_params(ctx):
        if isinstance(param, TyperArgument):
            name = metavar(param) + ("..." if param.nargs != 1 else "")
            pieces.append(name if param.required else f"[{name}]")
    return pieces


# --- parsing --------------------------------------------------------------------------

_NEGATIVE_NUMBER = re.compile(r"-\d+([.,]\d+)?")


class _Parser(_OptionParser):
    """The framework's parser, except that ``-3`` or ``-2,5`` is a value, not an option."""

    def _process_opts(self, arg: str, state: _ParsingState) -> None:
        if _NEGATIVE_NUMBER.fullmatch(arg) and arg not in self._short_opt:
            state.largs.append(arg)
            return
        super()._process_opts(arg, state)


def _command_names(ctx: Context) -> tuple[str, ...]:
    names: list[str] = []
    while ctx.parent is not None:
        names.insert(0, ctx.info_name or "")
        ctx = ctx.parent
    return tuple(names)


def renamed(args: list[str], names: Mapping[str, str | int]) -> list[str]:
    """``args`` with old option names replaced by the new ones (a note on stderr for each);
    an old option that became an argument moves its value to that argument's place."""
    kept: list[str] = []
    moved: dict[int, str] = {}
    index = 0
    while index < len(args):
        arg = args[index]
        name, has_value, value = arg.partition("=")
        new = names.get(name)
        if new is None or arg == "--":
            kept.append(arg)
            if arg == "--":
                kept.extend(args[index + 1:])
                break
            index += 1
            continue
        typer.echo(t("usage.renamed", old=name, new=new if isinstance(new, str) else
                     _argument_name(new, names)), err=True)
        if isinstance(new, str):
            kept.append(f"{new}={value}" if has_value else new)
            index += 1
            continue
        if has_value:
            moved[new] = value
            index += 1
        else:
            if index + 1 < len(args):
                moved[new] = args[index + 1]
            index += 2
    return [moved[i] for i in sorted(moved)] + kept


def _argument_name(position: int, names: Mapping[str, str | int]) -> str:
    for old, new in names.items():
        if new == position:
            return old.lstrip("-").upper()
    return str(position)


class _BrokenPipe(Exception):
    """Standard output was closed by the reader (``| head``)."""


def _invoke_guarded(invoke: Any, ctx: Context) -> Any:
    try:
        return invoke(ctx)
    except BrokenPipeError:
        raise _BrokenPipe() from None


class QuoteCommand(TyperCommand):
    """A command with --lang, plain help, negative numbers as values and renamed options."""

    def make_parser(self, ctx: Context) -> _OptionParser:
        parser = _Parser(ctx)
        for param in self.get_params(ctx):
            param.add_to_parser(parser, ctx)
        return parser

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        names = RENAMED.get(_command_names(ctx))
        return super().parse_args(ctx, renamed(args, names) if names else args)

    def invoke(self, ctx: Context) -> Any:
        return _invoke_guarded(super().invoke, ctx)

    def format_options(self, ctx: Context, formatter: HelpFormatter) -> None:
        _format_params(self, ctx, formatter)

    def format_help_text(self, ctx: Context, formatter: HelpFormatter) -> None:
        _format_help_text(self, formatter)

    def format_usage(self, ctx: Context, formatter: HelpFormatter) -> None:
        _format_usage(self, ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        return _short_help(self, limit)

    def collect_usage_pieces(self, ctx: Context) -> list[str]:
        return _usage_pieces(self, ctx)


class NoSuchCommand(UsageError):
    def __init__(self, name: str, choices: Sequence[str], ctx: Context) -> None:
        super().__init__(f"No such command {name!r}.", ctx)
        self.name = name
        self.suggestions = get_close_matches(name, choices)


class QuoteGroup(TyperGroup):
    """A group that adopts its commands; the root one also renders every error."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        adopt(self)

    def resolve_command(self, ctx: Context, args: list[str]
                        ) -> tuple[str | None, Any, list[str]]:
        name = args[0]
        if self.get_command(ctx, name) is None and not name.startswith("-"):
            raise NoSuchCommand(name, list(self.commands), ctx)
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: Context) -> Any:
        return _invoke_guarded(super().invoke, ctx)

    def format_options(self, ctx: Context, formatter: HelpFormatter) -> None:
        _format_params(self, ctx, formatter)
        shown = {name: command for name, command in self.commands.items()
                 if not command.hidden}
        limit = formatter.width - 6 - max((len(name) for name in shown), default=0)
        rows = [(name, _summary(ctx, name, command, limit)) for name, command in shown.items()]
        if rows:
            with formatter.section(t("help.commands")):
                formatter.write_dl(rows)

    def format_help_text(self, ctx: Context, formatter: HelpFormatter) -> None:
        _format_help_text(self, formatter)

    def format_usage(self, ctx: Context, formatter: HelpFormatter) -> None:
        _format_usage(self, ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        return _short_help(self, limit)

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             windows_expand_args: bool = True, **extra: Any) -> Any:
        """Run the command line: the language first, then errors as one line each."""
        argv = list(sys.argv[1:] if args is None else args)
        set_lang(lang_in(argv) or default_lang())
        try:
            code = super().main(argv, prog_name=prog_name, complete_var=complete_var,
                                standalone_mode=False, windows_expand_args=False, **extra)
        except NoArgsIsHelpError as exc:
            typer.echo(exc.ctx.get_help())
            code = 0
        except ClickException as exc:
            typer.echo(t("common.error", message=usage_message(exc)), err=True)
            code = EXIT_BAD_INPUT
        except Abort:
            typer.echo(t("usage.aborted"), err=True)
            code = EXIT_BAD_INPUT
        except _BrokenPipe:
            _silence_stdout()
            code = 0
        if not standalone_mode:
            return code
        sys.exit(code or 0)


def _silence_stdout() -> None:
    """After the reader closed the pipe: send what is left to /dev/null, so the final
    flush at exit raises nothing."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (a test's buffer)
        pass


# --- usage errors ---------------------------------------------------------------------

_PATH_PROBLEMS = (
    (re.compile(r"'(?P<path>.*)' does not exist\.$"), "usage.path.missing"),
    (re.compile(r"'(?P<path>.*)' is a directory\.$"), "usage.path.is_dir"),
    (re.compile(r"'(?P<path>.*)' is a file\.$"), "usage.path.is_file"),
    (re.compile(r"'(?P<path>.*)' is not readable\.$"), "usage.path.unreadable"),
    (re.compile(r"'(?P<path>.*)' is not writable\.$"), "usage.path.unwritable"),
)


def param_name(param: Any) -> str:
    """How the user typed it: ``--output`` for an option, ``BOOK`` for an argument."""
    if isinstance(param, TyperArgument):
        return metavar(param)
    opts = [o for o in getattr(param, "opts", []) if o.startswith("--")] or list(
        getattr(param, "opts", []))
    return opts[0] if opts else str(getattr(param, "name", "?"))


def _suggest(possibilities: Sequence[str] | None) -> str:
    if not possibilities:
        return ""
    return t("usage.did_you_mean", names=", ".join(sorted(possibilities)))


def _bad_value(exc: BadParameter) -> str:
    param = exc.param
    if param is None:
        return t("usage.bad_value", name=exc.param_hint or "?", detail=exc.message)
    name = param_name(param)
    for pattern, key in _PATH_PROBLEMS:
        match = pattern.search(exc.message)
        if match:
            return t(key, name=name, path=match.group("path"))
    desc = getattr(param, "type_descriptor", None)
    cause = exc.__cause__
    given = None
    errors = getattr(cause, "errors", None)
    if callable(errors):
        found = errors()
        if found:
            given = found[0].get("input")
    if desc is not None and desc.is_choice and desc.choices is not None:
        choices = ", ".join(str(c.value if isinstance(c, Enum) else c) for c in desc.choices)
        return t("usage.choice", name=name, choices=choices)
    if desc is not None and desc.annotation is int:
        return t("usage.not_whole_number", name=name, value=str(given))
    if desc is not None and desc.annotation is float:
        return t("usage.not_number", name=name, value=str(given))
    return f"{name}: {exc.message}"


def usage_message(exc: ClickException) -> str:
    """The framework's usage error as one line of our own text in the current language."""
    if isinstance(exc, NoSuchOption):
        return t("usage.no_such_option", name=exc.option_name) + _suggest(exc.possibilities)
    if isinstance(exc, NoSuchCommand):
        return t("usage.no_such_command", name=exc.name) + _suggest(exc.suggestions)
    if isinstance(exc, MissingParameter):
        if exc.param is None:
            return t("usage.missing", name=exc.param_hint or "?")
        return t("usage.missing", name=param_name(exc.param))
    if isinstance(exc, BadParameter):
        return _bad_value(exc)
    if isinstance(exc, BadOptionUsage):
        if "requires an argument" in exc.message:
            return t("usage.needs_value", name=exc.option_name)
        return f"{exc.option_name}: {exc.message}"
    if isinstance(exc, FileError):
        return t("usage.file_unreadable", path=exc.ui_filename)
    message = exc.format_message()
    extra = re.match(r"Got unexpected extra argument\(s\) \((?P<args>.*)\)$", message)
    if extra:
        return t("usage.extra_arguments", args=extra.group("args"))
    if message.startswith("Missing command"):
        return t("usage.missing_command")
    return message
