"""Safe YAML loading that remembers where every value came from.

Plain ``yaml.safe_load`` forgets line numbers and silently keeps the last of two equal
keys. This loader composes the node tree with PyYAML's SafeLoader and builds plain
Python values from it, recording the line of each value by its location (the tuple of
keys and indexes that leads to it), reporting duplicate keys, and reading decimal
numbers as :class:`~decimal.Decimal` so money never passes through float.

Files come from outside (pull requests, applicants), so reading is bounded: a file
larger than :data:`MAX_FILE_BYTES` or that is not a regular file is refused before it
is read, control characters are refused with their line, nesting deeper than
:data:`MAX_DEPTH` is refused while composing (never a RecursionError), and aliases may
add at most :data:`MAX_ALIAS_VALUES` values to those written in the file (no "billion
laughs"); an alias that contains itself is refused.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from quote.errors import DataFileError, Problem, os_reason
from quote.i18n import t

Location = tuple[str | int, ...]

_FLOAT_TAG = "tag:yaml.org,2002:float"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_INT_TAG = "tag:yaml.org,2002:int"
_COLLECTION_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")

MAX_FILE_BYTES = 1024 * 1024
"""Largest data file read (YAML, JSON or KPI CSV): 1 MiB, about 30 times the rule book."""
MAX_DEPTH = 64
"""Deepest nesting of mappings and lists in a YAML file (the rule book uses 6)."""
MAX_VALUES = 20_000
"""Most values (scalars, mappings, lists) written in one YAML file (the rule book has 2 100)."""
MAX_ALIAS_VALUES = 10_000
"""Most values aliases may add to those written (the bundled rule book adds about 400)."""
MAX_NUMBER_DIGITS = 100
"""Longest number read from YAML; a longer one is refused with its line."""
# What YAML 1.1 refuses in a stream (PyYAML's rule): C0 controls but tab, CR and LF, DEL,
# C1 controls but NEL, surrogates and U+FFFE/U+FFFF.
_NOT_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD"
                            "\U00010000-\U0010FFFF]")
# Names quoted in PyYAML's messages (an alias, an anchor, a tag): left out, since a
# declaration's text may be personal; the line says where.
_QUOTED = re.compile(r"\b(alias|anchor|tag|handle) ('[^']*'|\"[^\"]*\")")


@dataclass
class YamlDocument:
    """A parsed YAML file: its data, the line of each location, and problems found."""

    path: Path
    data: Any
    sha256: str
    lines: dict[Location, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def line_of(self, loc: Location) -> int | None:
        """The line of ``loc``, or of its nearest ancestor that exists in the file."""
        for end in range(len(loc), -1, -1):
            line = self.lines.get(tuple(loc[:end]))
            if line is not None:
                return line
        return None

    def problem(self, loc: Location, message: str, severity: str = "error") -> Problem:
        return Problem(self.path, self.line_of(loc), message, severity)  # type: ignore[arg-type]


def file_noun(what: str) -> str:
    """The kind of data file ``what`` (``tariff``, ``rule book`` …) as a noun in the current
    language: ``tarifffil`` / ``tariff file``."""
    try:
        return t(f"file.noun.{what.lower().replace(' ', '_')}")
    except KeyError:  # a kind without a noun of its own: named as the code says it
        return f"{what} file"


def read_bytes(path: Path, what: str, error: type[DataFileError],
               limit: int = MAX_FILE_BYTES) -> bytes:
    """Read a data file of at most ``limit`` bytes, turning OS errors, special files (a
    directory, a FIFO, a device such as /dev/zero) and oversized files into ``error`` with a
    located message. Nothing beyond ``limit`` is read."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        reason = t("file.not_found", noun=file_noun(what))
    except IsADirectoryError:
        reason = t("file.is_directory", noun=file_noun(what))
    except OSError as exc:
        reason = t("file.cannot_read", noun=file_noun(what), reason=os_reason(exc))
    else:
        try:
            mode = os.fstat(fd).st_mode
            if stat.S_ISDIR(mode):
                reason = t("file.is_directory", noun=file_noun(what))
            elif not stat.S_ISREG(mode):
                reason = t("hostile.file.special", noun=file_noun(what))
            else:
                raw = _read_at_most(fd, limit + 1)
                if len(raw) <= limit:
                    return raw
                reason = t("hostile.file.too_large", noun=file_noun(what),
                           limit=limit // 1024)
        except OSError as exc:
            reason = t("file.cannot_read", noun=file_noun(what), reason=os_reason(exc))
        finally:
            os.close(fd)
    raise error(path, [Problem(path, None, reason)])


def _read_at_most(fd: int, size: int) -> bytes:
    chunks: list[bytes] = []
    left = size
    while left > 0:
        chunk = os.read(fd, min(left, 1 << 16))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


class _Refused(Exception):
    """A limit was reached while reading YAML: the line and what to say."""

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader, bounded: depth and number of values while composing, and
    merge keys (``<<``) that contain themselves."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.depth = 0
        self.values = 0
        self.flattening: set[int] = set()

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            return super().compose_node(parent, index)
        line = self.peek_event().start_mark.line + 1  # type: ignore[no-untyped-call]
        self.values += 1
        if self.values > MAX_VALUES:
            raise _Refused(line, t("hostile.yaml.too_many_values", limit=MAX_VALUES))
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _Refused(line, t("hostile.yaml.too_deep", limit=MAX_DEPTH))
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def flatten_mapping(self, node: Any) -> None:
        if id(node) in self.flattening:
            raise _Refused(node.start_mark.line + 1, t("hostile.yaml.alias_cycle"))
        self.flattening.add(id(node))
        try:
            super().flatten_mapping(node)
        finally:
            self.flattening.discard(id(node))


@dataclass
class _Budget:
    """What building the values from the node tree may still do."""

    values: int
    active: set[int] = field(default_factory=set)


def load_yaml(path: Path, raw: bytes) -> YamlDocument:
    """Parse ``raw`` (the bytes of ``path``); syntax errors and limits become problems, not
    exceptions."""
    doc = YamlDocument(path=path, data=None, sha256=hashlib.sha256(raw).hexdigest())
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        doc.problems.append(Problem(path, None, t("kpi.not_utf8", byte=str(exc.start))))
        return doc
    bad = _NOT_PRINTABLE.search(text)
    if bad is not None:
        line = text.count("\n", 0, bad.start()) + 1
        doc.problems.append(Problem(path, line, t("hostile.yaml.control_character",
                                                  code=f"U+{ord(bad.group()):04X}")))
        return doc
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            budget = _Budget(values=loader.values + MAX_ALIAS_VALUES)
            doc.data = _build(node, (), doc, loader, budget)
    except _Refused as exc:
        doc.problems.append(Problem(path, exc.line, exc.message))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = mark.line + 1 if mark is not None else None
        reason = _QUOTED.sub(r"\1", exc.problem or exc.context or "")
        if exc.context and exc.context_mark is not None and exc.problem:
            message = t("yaml.syntax_context", reason=reason, context=exc.context,
                        line=str(exc.context_mark.line + 1))
        else:
            message = t("yaml.syntax", reason=reason) if reason else t("yaml.syntax_bare")
        doc.problems.append(Problem(path, where, message))
    except yaml.YAMLError:
        doc.problems.append(Problem(path, None, t("yaml.syntax_bare")))
    except RecursionError:  # pragma: no cover - the depth limit comes first
        doc.problems.append(Problem(path, None, t("hostile.yaml.too_deep", limit=MAX_DEPTH)))
    finally:
        loader.dispose()
    return doc


def _build(node: yaml.Node, loc: Location, doc: YamlDocument, loader: _Loader,
           budget: _Budget) -> Any:
    line = node.start_mark.line + 1
    budget.values -= 1
    if budget.values < 0:
        raise _Refused(line, t("hostile.yaml.alias_too_big", limit=MAX_ALIAS_VALUES))
    if len(budget.active) >= MAX_DEPTH:
        raise _Refused(line, t("hostile.yaml.too_deep", limit=MAX_DEPTH))
    doc.lines.setdefault(loc, line)
    if not isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        return _scalar(node, loader)
    if node.tag not in _COLLECTION_TAGS:
        raise _Refused(line, t("hostile.yaml.tag", tag_kind=node.id))
    if id(node) in budget.active:
        raise _Refused(line, t("hostile.yaml.alias_cycle"))
    budget.active.add(id(node))
    try:
        if isinstance(node, yaml.SequenceNode):
            return [_build(item, (*loc, i), doc, loader, budget)
                    for i, item in enumerate(node.value)]
        return _mapping(node, loc, doc, loader, budget)
    finally:
        budget.active.discard(id(node))


def _mapping(node: yaml.MappingNode, loc: Location, doc: YamlDocument, loader: _Loader,
             budget: _Budget) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    result: dict[Any, Any] = {}
    first_line: dict[Any, int] = {}
    for key_node, value_node in node.value:
        key = _scalar(key_node, loader) if isinstance(key_node, yaml.ScalarNode) else None
        if key is None or isinstance(key, (list, dict)):
            doc.problems.append(
                Problem(doc.path, key_node.start_mark.line + 1, t("yaml.plain_keys"))
            )
            continue
        key_line = key_node.start_mark.line + 1
        if key in first_line:
            shown = f" {key!r}" if re.fullmatch(r"[A-Za-z0-9_-]{1,40}", str(key)) else ""
            doc.problems.append(
                Problem(
                    doc.path,
                    key_line,
                    t("yaml.duplicate_key", shown=shown, first=str(first_line[key])),
                )
            )
            continue
        first_line[key] = key_line
        child: Location = (*loc, str(key) if not isinstance(key, str) else key)
        doc.lines[child] = key_line
        result[key] = _build(value_node, child, doc, loader, budget)
    return result


def _scalar(node: yaml.Node, loader: yaml.SafeLoader) -> Any:
    if node.tag in (_FLOAT_TAG, _INT_TAG) and \
            sum(ch.isdigit() for ch in str(node.value)) > MAX_NUMBER_DIGITS:
        raise _Refused(node.start_mark.line + 1, t("hostile.yaml.number_too_long",
                                                   limit=MAX_NUMBER_DIGITS))
    if node.tag == _FLOAT_TAG:
        try:
            return Decimal(str(node.value).replace("_", ""))
        except InvalidOperation:
            return node.value
    if node.tag == _TIMESTAMP_TAG:
        try:
            return loader.construct_object(node, deep=True)
        except (ValueError, OverflowError):
            return node.value  # an impossible date such as 2024-02-30: let the model say so
    value = loader.construct_object(node, deep=True)
    if isinstance(value, str):
        bad = _NOT_PRINTABLE.search(value)  # written as an escape: "\0", "\x1b", "\u0000"
        if bad is not None:
            raise _Refused(node.start_mark.line + 1, t("hostile.yaml.control_character",
                                                       code=f"U+{ord(bad.group()):04X}"))
    return value


PYDANTIC_TYPES = frozenset((
    "literal_error", "enum", "string_type", "int_type", "int_parsing", "int_from_float",
    "bool_type", "bool_parsing", "decimal_type", "decimal_parsing", "float_type",
    "float_parsing", "finite_number", "list_type", "dict_type", "model_type",
    "model_attributes_type", "string_pattern_mismatch", "greater_than", "greater_than_equal",
    "less_than", "less_than_equal", "date_type"))
"""The pydantic error types a data file commonly meets, with a message in both languages
(``pydantic.<type>``); any other keeps pydantic's own (English) wording."""


def field_message(kind: str, context: Mapping[str, Any], fallback: str) -> str:
    """A pydantic error in the current language: ``rounding.mode: ska vara 'half_up' eller
    'half_even'``. Our own errors (PydanticCustomError) already carry a translated text."""
    if kind not in PYDANTIC_TYPES:
        return fallback
    values: dict[str, object] = {name: str(value) for name, value in context.items()}
    if "expected" in values:  # 'a', 'b' or 'c'
        head, sep, last = str(values["expected"]).rpartition(" or ")
        if sep:
            values["expected"] = t("pydantic.or", head=head, last=last)
    return t(f"pydantic.{kind}", None, **values)


def validation_problems(doc: YamlDocument, exc: ValidationError) -> list[Problem]:
    """Turn a pydantic ValidationError into one located problem per error."""
    problems = []
    for error in exc.errors():
        loc: Location = tuple(error["loc"])
        where = ".".join(str(part) for part in loc)
        kind = error["type"]
        if kind == "missing":
            message = t("yaml.missing_field", name=loc[-1])
            where = ".".join(str(part) for part in loc[:-1])
        elif kind == "extra_forbidden":
            message = t("yaml.unknown_field", name=loc[-1])
            where = ".".join(str(part) for part in loc[:-1])
        else:
            message = field_message(kind, error.get("ctx") or {}, error["msg"])
        text = f"{where}: {message}" if where else message
        problems.append(doc.problem(loc, text))
    return problems


def by_line(problems: list[Problem]) -> list[Problem]:
    """Problems in file order (those without a line first), stable otherwise."""
    return sorted(problems, key=lambda p: (str(p.path), p.line or 0))


def top_level_kind(data: Any) -> str | None:
    """The ``kind:`` of a parsed data file, if it has one."""
    if isinstance(data, Mapping):
        kind = data.get("kind")
        return kind if isinstance(kind, str) else None
    return None


M = TypeVar("M", bound=BaseModel)


class VersionedModel(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def effective_from(self) -> date: ...

    @property
    def version(self) -> str: ...


VM = TypeVar("VM", bound=VersionedModel)


@dataclass(frozen=True)
class Loaded(Generic[VM]):
    """A validated data file (tariff, rule book) with where it came from."""

    model: VM
    path: Path
    sha256: str

    @property
    def id(self) -> str:
        return self.model.id

    @property
    def effective_from(self) -> date:
        return self.model.effective_from

    def reference(self) -> dict[str, str]:
        """How JSON output names this file (the one place that builds it): id, version,
        effective_from, path and sha256."""
        return {"id": self.model.id, "version": self.model.version,
                "effective_from": self.model.effective_from.isoformat(),
                "path": str(self.path), "sha256": self.sha256}


def validate_document(doc: YamlDocument, model: type[M], what: str,
                      semantic: Callable[[YamlDocument, M], list[Problem]]
                      ) -> tuple[M | None, list[Problem]]:
    """The model of a parsed document and every problem: syntax, fields, then ``semantic``
    (what only the whole file can show), in file order."""
    if doc.problems:
        return None, list(doc.problems)
    if not isinstance(doc.data, dict):
        return None, [Problem(doc.path, 1, t("yaml.not_mapping", noun=file_noun(what)))]
    try:
        parsed = model.model_validate(doc.data)
    except ValidationError as exc:
        return None, by_line(validation_problems(doc, exc))
    return parsed, by_line(semantic(doc, parsed))


def load_document(path: Path, what: str, error: type[DataFileError],
                  parse: Callable[[YamlDocument], tuple[M | None, list[Problem]]],
                  doc: YamlDocument | None = None) -> tuple[M, str]:
    """Read, parse and validate a file: (model, sha256), or ``error`` with every problem.
    ``doc``: the file already parsed (a catalog reads each file once)."""
    if doc is None:
        doc = load_yaml(path, read_bytes(path, what, error))
    model, problems = parse(doc)
    if model is None or any(p.severity == "error" for p in problems):
        raise error(path, problems)
    return model, doc.sha256
