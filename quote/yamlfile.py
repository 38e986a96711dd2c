"""Safe YAML loading that remembers where every value came from.

Plain ``yaml.safe_load`` forgets line numbers and silently keeps the last of two equal
keys. This loader composes the node tree with PyYAML's SafeLoader and builds plain
Python values from it, recording the line of each value by its location (the tuple of
keys and indexes that leads to it), reporting duplicate keys, and reading decimal
numbers as :class:`~decimal.Decimal` so money never passes through float.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from quote.errors import DataFileError, Problem

Location = tuple[str | int, ...]

_FLOAT_TAG = "tag:yaml.org,2002:float"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


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


def read_bytes(path: Path, what: str, error: type[DataFileError]) -> bytes:
    """Read a data file, turning OS errors into ``error`` with a located message."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        reason = f"{what} file not found"
    except IsADirectoryError:
        reason = f"is a directory, expected a {what} file"
    except OSError as exc:
        reason = f"cannot read {what} file: {exc.strerror}"
    raise error(path, [Problem(path, None, reason)])


def load_yaml(path: Path, raw: bytes) -> YamlDocument:
    """Parse ``raw`` (the bytes of ``path``); syntax errors become problems, not exceptions."""
    doc = YamlDocument(path=path, data=None, sha256=hashlib.sha256(raw).hexdigest())
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        doc.problems.append(Problem(path, None, f"not UTF-8 text (byte {exc.start})"))
        return doc
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            doc.data = _build(node, (), doc, loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        reason = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.context_mark is not None and exc.problem:
            opened = exc.context_mark.line + 1
            reason = f"{reason} ({exc.context} started on line {opened})"
        doc.problems.append(Problem(path, line, f"YAML syntax error: {reason}"))
    except yaml.YAMLError as exc:
        doc.problems.append(Problem(path, None, f"YAML syntax error: {exc}"))
    finally:
        loader.dispose()
    return doc


def _build(node: yaml.Node, loc: Location, doc: YamlDocument, loader: yaml.SafeLoader) -> Any:
    doc.lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        result: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node, loader) if isinstance(key_node, yaml.ScalarNode) else None
            if key is None or isinstance(key, (list, dict)):
                doc.problems.append(
                    Problem(doc.path, key_node.start_mark.line + 1, "keys must be plain values")
                )
                continue
            key_line = key_node.start_mark.line + 1
            if key in first_line:
                doc.problems.append(
                    Problem(
                        doc.path,
                        key_line,
                        f"duplicate key {key!r} (first defined on line {first_line[key]})",
                    )
                )
                continue
            first_line[key] = key_line
            child: Location = (*loc, str(key) if not isinstance(key, str) else key)
            doc.lines[child] = key_line
            result[key] = _build(value_node, child, doc, loader)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*loc, i), doc, loader) for i, item in enumerate(node.value)]
    return _scalar(node, loader)


def _scalar(node: yaml.Node, loader: yaml.SafeLoader) -> Any:
    if node.tag == _FLOAT_TAG:
        try:
            return Decimal(str(node.value).replace("_", ""))
        except InvalidOperation:
            return node.value
    if node.tag == _TIMESTAMP_TAG:
        try:
            return loader.construct_object(node, deep=True)
        except ValueError:
            return node.value  # an impossible date such as 2024-02-30: let the model say so
    return loader.construct_object(node, deep=True)


def validation_problems(doc: YamlDocument, exc: ValidationError) -> list[Problem]:
    """Turn a pydantic ValidationError into one located problem per error."""
    problems = []
    for error in exc.errors():
        loc: Location = tuple(error["loc"])
        where = ".".join(str(part) for part in loc)
        kind = error["type"]
        if kind == "missing":
            message = f"missing field {loc[-1]!r}"
            where = ".".join(str(part) for part in loc[:-1])
        elif kind == "extra_forbidden":
            message = f"unknown field {loc[-1]!r}"
            where = ".".join(str(part) for part in loc[:-1])
        else:
            message = error["msg"]
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
        return None, [Problem(doc.path, 1, f"a {what} file must be a YAML mapping")]
    try:
        parsed = model.model_validate(doc.data)
    except ValidationError as exc:
        return None, by_line(validation_problems(doc, exc))
    return parsed, by_line(semantic(doc, parsed))


def load_document(path: Path, what: str, error: type[DataFileError],
                  parse: Callable[[YamlDocument], tuple[M | None, list[Problem]]]
                  ) -> tuple[M, str]:
    """Read, parse and validate a file: (model, sha256), or ``error`` with every problem."""
    doc = load_yaml(path, read_bytes(path, what, error))
    model, problems = parse(doc)
    if model is None or any(p.severity == "error" for p in problems):
        raise error(path, problems)
    return model, doc.sha256
