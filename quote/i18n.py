"""One place for user-facing text, in Swedish and English.

Messages live in catalogs under :mod:`quote.text` (one module per area, each a dict
``{key: {"sv": ..., "en": ...}}``) and are looked up with :func:`t`. The language is a
process-wide setting that the command line sets once (``--lang``, ``QUOTE_LANG``, the
locale, then Swedish); the core never reads the environment. Codes (reason codes, rule
ids, JSON keys) stay English and stable: only text for people is translated.

Numbers in text go through :func:`number` and :func:`percent`, so Swedish text reads
``12,5 %`` and ``600 000 rader`` and English text ``12.5 %`` and ``600,000 rows``.
"""

from __future__ import annotations

import locale
import os
from collections.abc import Mapping
from decimal import Decimal
from typing import Literal, Protocol

Lang = Literal["sv", "en"]
LANGS: tuple[Lang, ...] = ("sv", "en")

Catalog = Mapping[str, Mapping[Lang, str]]

_current: list[Lang] = ["sv"]
_catalog: dict[str, Mapping[Lang, str]] = {}


def register(catalog: Catalog) -> None:
    """Add a catalog of messages; a key registered twice with other text is a bug."""
    for key, texts in catalog.items():
        missing = [lang for lang in LANGS if lang not in texts]
        if missing:
            raise ValueError(f"message {key!r} lacks {', '.join(missing)}")
        if key in _catalog and _catalog[key] != texts:
            raise ValueError(f"message {key!r} registered twice with different text")
        _catalog[key] = texts


def set_lang(lang: Lang) -> None:
    _current[0] = lang


def get_lang() -> Lang:
    return _current[0]


def parse_lang(text: str) -> Lang | None:
    """``sv``/``en`` (or a locale such as ``sv_SE.UTF-8``) -> the language, else None."""
    head = text.strip().lower().replace("-", "_").split("_")[0].split(".")[0]
    return "sv" if head == "sv" else "en" if head == "en" else None


def default_lang(environ: Mapping[str, str] | None = None) -> Lang:
    """``QUOTE_LANG``, then the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``), then Swedish."""
    env = os.environ if environ is None else environ
    for name in ("QUOTE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            lang = parse_lang(value)
            if lang is not None:
                return lang
            if name == "QUOTE_LANG":
                continue
    try:
        found = locale.getlocale(locale.LC_MESSAGES)[0] if environ is None else None
    except (AttributeError, ValueError):  # pragma: no cover - platform without LC_MESSAGES
        found = None
    return (parse_lang(found) if found else None) or "sv"


class Message(str):
    """A message: its text in the language it was made in, remembering its key and values
    so that it can be shown in the other language too (:meth:`in_lang`). The core raises
    errors with messages made in the current language; a caller that needs them in
    another language (a record, a log) renders them again."""

    key: str
    values: Mapping[str, object]

    def __new__(cls, text: str, key: str, values: Mapping[str, object]) -> Message:
        made = super().__new__(cls, text)
        made.key = key
        made.values = dict(values)
        return made

    def in_lang(self, lang: Lang) -> str:
        return t(self.key, lang, **self.values)


def in_lang(text: str, lang: Lang) -> str:
    """``text`` in ``lang`` if it is a :class:`Message`, else as it is (data, codes)."""
    return text.in_lang(lang) if isinstance(text, Message) else text


def t(key: str, lang: Lang | None = None, **values: object) -> str:
    """The message ``key`` in ``lang`` (default: the current language), formatted with
    ``values``. Decimal and int values are written the language's way (see :func:`number`);
    a value that is itself a :class:`Message` is shown in the same language. The text
    returned is a :class:`Message` (typed ``str``: use :func:`in_lang` to show it again).
    """
    _load_catalogs()
    texts = _catalog.get(key)
    if texts is None:
        raise KeyError(f"no message {key!r}")
    chosen = lang or _current[0]
    shown = {name: _shown(value, chosen) for name, value in values.items()}
    return Message(texts[chosen].format(**shown), key, values)


def plural(key: str, n: int, lang: Lang | None = None, **values: object) -> str:
    """``key.one`` when ``n`` is 1, else ``key.other``, with ``n`` among the values:
    ``plural("check.files", 3)`` -> ``3 filer`` / ``3 files``."""
    return t(f"{key}.{'one' if n == 1 else 'other'}", lang, n=n, **values)


class Bilingual(Protocol):
    """A data file's own text in both languages (a rule book's question, an exclusion)."""

    @property
    def sv(self) -> str: ...

    @property
    def en(self) -> str: ...


def pick(item: Bilingual, lang: Lang | None = None) -> str:
    """``item``'s text in ``lang`` (default: the current language)."""
    return item.en if (lang or _current[0]) == "en" else item.sv


def _shown(value: object, lang: Lang) -> object:
    if isinstance(value, Message):
        return value.in_lang(lang)
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return number(value, lang=lang)
    if isinstance(value, Decimal):
        return number(value, places=None, lang=lang)
    return value


def number(value: int | Decimal, places: int | None = 0, lang: Lang | None = None) -> str:
    """``600000`` -> ``600 000`` (sv) or ``600,000`` (en); ``Decimal('12.5')`` -> ``12,5``.

    ``places=None`` keeps the value's own decimals (trailing zeros dropped).
    """
    chosen = lang or _current[0]
    if isinstance(value, Decimal):
        text = f"{value.normalize():f}" if places is None else f"{value:.{places}f}"
    else:
        text = f"{value:.{places or 0}f}" if places else str(value)
    sign = "-" if text.startswith("-") else ""
    whole, _, frac = text.lstrip("-").partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    thousands, point = (" ", ",") if chosen == "sv" else (",", ".")
    body = thousands.join(groups)
    return f"{sign}{body}{point}{frac}" if frac else f"{sign}{body}"


def percent(value: Decimal | int, lang: Lang | None = None) -> str:
    """``12,5 %`` (sv) or ``12.5 %`` (en), without trailing zeros."""
    amount = value if isinstance(value, Decimal) else Decimal(value)
    return f"{number(amount, places=None, lang=lang)} %"


_loaded: list[bool] = [False]


def _load_catalogs() -> None:
    """Import every catalog module under :mod:`quote.text` once."""
    if _loaded[0]:
        return
    _loaded[0] = True
    import importlib
    import pkgutil

    import quote.text as package

    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"quote.text.{info.name}")
        catalog = getattr(module, "MESSAGES", None)
        if catalog is not None:
            register(catalog)
