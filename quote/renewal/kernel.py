"""The fast path of `quote renew`: a CSV book repriced block by block by a C kernel
(``quote/renewal/_kernel.c``), as exactly the same bytes as the polars path writes.

Why C: a million-row renewal spent most of its time turning text into frames and frames
back into text (README, Performance). A record that is priced goes out as the book's own
bytes plus six cells, so the kernel never builds a frame: it splits each record, reads
the birth date or personnummer and the current premium, applies the row checks, looks
the premium up, writes the record and counts it, in one pass, off the GIL. polars is not
even imported unless a block needs it.

What stays in Python, once per distinct value, as in the polars path:
- the **tuple** of a record (renewal date, product, självrisk, smoker, loading, id
  country) is parsed here (:func:`read_tuple`) the first time the kernel meets it;
- every **premium** is the engine's (:meth:`quote.renewal.lookup.Pricer.price_bracket`),
  asked once per (tuple, bracket) the kernel meets;
- every **reason and message** comes from the registry (:mod:`quote.renewal.reasons`),
  rendered once; the kernel refers to them by slot.

What goes the polars way, a whole block at a time: a block with a quote (quoted fields,
stray quotes), a NUL byte, a carriage return inside a record or bytes not in the book's
encoding, a tuple with a character outside printable ASCII, an identity number that is
not read as Swedish or holds anything but ASCII digits, '-', '+' and blanks. There the
readings of polars, Python and C could differ; the kernel does not guess.

The two paths are held together by tests/test_renewal_kernel.py: the same books, every
reason and format, byte for byte and figure for figure. ``QUOTE_RENEW_KERNEL=off`` (or
``run_renewal(..., kernel=False)``) takes the polars path for a whole book.
"""

from __future__ import annotations

import gc
import os
import queue
import re
import threading
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import date
from types import ModuleType
from typing import TYPE_CHECKING, Any

from quote.dates import MAX_AGE
from quote.identity import COUNTRIES
from quote.renewal.frames import Frames, Options, Progress, split_priced
from quote.renewal.lookup import Key, Priced, Pricer
from quote.renewal.reading import (
    Book,
    block_frame,
    blocks_in,
    csv_blocks,
    csv_header,
    reading_encoding,
)
from quote.renewal.reasons import CURRENT_PREMIUM_MAX, REASONS, Context
from quote.renewal.stats import Summary
from quote.renewal.writing import NUMERIC, Pair
from quote.spreadsheet import csv_cell

if TYPE_CHECKING:
    from quote.renewal._kernel import Kernel

SWITCH = "QUOTE_RENEW_KERNEL"  # "off": every book the polars way (for comparisons)
CSV_FORMATS = ("csv", "excel-sv")
KERNEL_ENCODINGS = ("utf-8", "ascii", "cp1252")
THREADS = 2  # kernels, each read blocks in a thread of its own (this machine: 2 cores)
WINDOW = 3  # blocks in flight: two read by the kernels, one waiting to be written
FIRST_BYTES = 256 << 10  # the first block: small, so that writing starts early
LOOK_AHEAD_BLOCKS = 3  # the first blocks' new tuples and groups found before a kernel reads them
PIECE_BYTES = 64 << 10  # a block the kernel cannot read whole is cut into blocks this size
_BLANKS = " \t\x0b\x0c"  # the blanks a tuple's text may hold (printable ASCII besides)
_PLAIN_TEXT = re.compile(r"[\t\x0b\x0c\x20-\x7e]*")


def load() -> ModuleType | None:
    """The compiled kernel, or None (not built on this machine, or switched off)."""
    if os.environ.get(SWITCH, "").strip().lower() in ("off", "0", "no", "false"):
        return None
    try:
        from quote.renewal import _kernel
    except ImportError:
        return None
    return _kernel


def suits(book: Book, pair: Pair) -> bool:
    """A CSV book in UTF-8 or Windows-1252 (or ASCII) written as CSV, and a kernel to read
    it (another ``--encoding`` is read the polars way: the kernel knows only these); not a
    book whose first lines are quoted throughout (the kernel reads no quoted record: such
    a book goes the polars way whole, as quickly as before the kernel)."""
    return (book.kind == "csv" and book.encoding in KERNEL_ENCODINGS
            and pair.output.fmt in CSV_FORMATS and pair.rejects.fmt in CSV_FORMATS
            and load() is not None and not quoted_throughout(_head(book)))


def quoted_throughout(data: bytes) -> bool:
    """Quotes on most lines (more than one for every eight)."""
    return data.count(b'"') > data.count(b"\n") // 8


def _head(book: Book) -> bytes:
    """The book's first 64 KB after its header."""
    with book.path.open("rb") as handle:
        handle.readline()
        return handle.read(PIECE_BYTES)


# --- a tuple, parsed in Python as the polars path parses it -------------------------------

def number_text(text: str) -> str:
    """:func:`quote.renewal.columns.number_text` for text of printable ASCII: blanks
    out, the first decimal comma a point."""
    if not any(c in text for c in _BLANKS + ","):
        return text
    return "".join(c for c in text if c not in _BLANKS).replace(",", ".", 1)


TEXT_COLUMNS = ("product", "deductible", "smoker", "loading_pct", "id_country")


@dataclass(frozen=True)
class TupleFields:
    """What a tuple (a record's pricing texts) gives its records, as ``columns
    .tuple_fields`` reads them: the texts the engine prices, the kernel's flags and the
    (product, självrisk) the summary groups it under."""

    product: str
    deductible: str
    smoker: str
    loading: str
    flags: int
    group: tuple[str, str]

    def pricing(self, version: int, year: int, low: int) -> Key:
        """The pricing key of the bracket whose lowest age is ``low``."""
        return (version, year, low, self.product, self.deductible, self.smoker, self.loading)


def read_tuple(texts: Mapping[str, str], id_path: bool, country: str,
               flags: ModuleType) -> TupleFields:
    """A tuple's texts (by column; "" for an absent column or empty field) parsed.
    ``country``: the id country when the tuple has none of its own. Text beyond printable
    ASCII is marked FLAG_FALLBACK: Python's and polars' readings of blanks and case
    differ there."""
    fallback = not all(_PLAIN_TEXT.fullmatch(text) for text in texts.values())
    product, smoker = texts.get("product", ""), texts.get("smoker", "")
    deductible = number_text(texts.get("deductible", ""))
    loading = number_text(texts.get("loading_pct", ""))
    kernel_flags = 0
    if any("\x1f" in text for text in (product, deductible, smoker, loading)):
        kernel_flags |= flags.FLAG_SEPARATOR
    if id_path:
        own = texts.get("id_country", "").strip(_BLANKS).upper()
        row_country = own or country
        if row_country not in COUNTRIES:
            kernel_flags |= flags.FLAG_COUNTRY_BAD
        elif row_country != "SE":
            fallback = True  # another country's numbers: quote.identity, row by row
    if fallback:
        kernel_flags |= flags.FLAG_FALLBACK
    return TupleFields(product, deductible, smoker, loading, kernel_flags,
                       (product.strip().lower(), deductible))


# --- the kernel of one run ---------------------------------------------------------------

def _cp1252() -> list[bytes]:
    """Bytes 0x80 to 0xFF as Python's Windows-1252 codec reads them, in UTF-8 (b"" for
    the five it has no character for)."""
    table = []
    for byte in range(0x80, 0x100):
        try:
            table.append(bytes([byte]).decode("cp1252").encode("utf-8"))
        except UnicodeDecodeError:
            table.append(b"")
    return table


@dataclass(frozen=True)
class Rendered:
    """A priced key as a kernel takes it: the new premium in öre and the output's cells
    (bracket, index factor, premium; tariff id), or the reason it cannot be priced."""

    ore: int | None = None  # None: refused, for ``code`` and ``message``
    mid: bytes = b""
    tail: bytes = b""
    code: str = ""
    message: str = ""


class Shared:
    """What the kernels of one run share (each kernel has tables of its own, its thread's):
    the tuples parsed and the keys priced and rendered, each once; and the log of what
    any kernel was given, which the others catch up with before their next block (so a
    tuple new to the book costs one hand-over to Python, not one per kernel)."""

    def __init__(self, book: Book, pricer: Pricer, options: Options, context: Context,
                 module: ModuleType, out_sv: bool) -> None:
        self.book, self.pricer, self.options, self.context = book, pricer, options, context
        self.module, self.out_sv = module, out_sv
        self.columns = [c for c in TEXT_COLUMNS if context.has(c)]
        self.country = (options.id_country or options.prefer).upper()
        self.tuples: dict[bytes, TupleFields] = {}
        self.priced: dict[Key, Rendered] = {}
        self.pricing = threading.Lock()  # a group is priced once, by the first kernel to ask
        self.log: list[tuple[bytes, int, int] | bytes] = []  # tuple keys; (key, version, year)
        self.logged: set[tuple[bytes, int, int] | bytes] = set()

    def fields_of(self, key: bytes) -> TupleFields:
        found = self.tuples.get(key)
        if found is None:
            texts = dict(zip(self.columns, key.split(b"\0")[:-1], strict=True))
            found = read_tuple({c: t.decode("utf-8") for c, t in texts.items()},
                               self.context.id_path, self.country, self.module)
            self.tuples[key] = found
        return found

    def prices(self, version: int, year: int, fields: TupleFields) -> list[Rendered]:
        """Every bracket of a group (a tuple under a tariff version in a year) priced by
        the engine, its cells rendered for the output, in the version's order."""
        texts = (fields.product, fields.deductible, fields.smoker, fields.loading)
        brackets = self.pricer.versions[version].brackets
        keys = [fields.pricing(version, year, b.low) for b in brackets]
        with self.pricing:  # the other kernel, asking for the same group, waits and reuses
            if any(key not in self.priced for key in keys):
                answers = self.pricer.price_brackets(version, year, texts, self.context)
                for key, priced in zip(keys, answers, strict=True):
                    self.price(key, priced)
            return [self.priced[key] for key in keys]

    def price(self, key: Key, priced: Priced) -> Rendered:
        """A pricing key as the engine priced it, its cells rendered for the output."""
        found = self.priced.get(key)
        if found is None:
            if priced.reason is not None:
                assert priced.message is not None
                found = Rendered(code=priced.reason.code, message=priced.message)
            else:
                assert priced.new_ore is not None and priced.bracket is not None
                mid = cells(self.module, self.book, [
                    (priced.bracket, False), (str(priced.index_factor), True),
                    (str(priced.new_premium), True)], self.out_sv)
                tail = cells(self.module, self.book, [(str(priced.tariff_id), False)],
                             self.out_sv)
                found = Rendered(priced.new_ore, mid, tail)
            self.priced[key] = found
        return found

    def note(self, item: tuple[bytes, int, int] | bytes) -> None:
        if item not in self.logged:
            self.logged.add(item)
            self.log.append(item)


def cells(module: ModuleType, book: Book, values: Sequence[tuple[str, bool]],
          sv: bool) -> bytes:
    """Values as the cells of a CSV row (``(text, numeric)``; Swedish Excel's with ``sv``)."""
    if sv:
        return b";".join(module.excel_sv(v.encode("utf-8"), numeric) for v, numeric in values)
    separator = book.separator
    return separator.join(csv_cell(v, separator) for v, _ in values).encode("utf-8")


def _day(day: date) -> int:
    return day.year * 10000 + day.month * 100 + day.day


class KernelTables:
    """One kernel, set up for a book and its outputs, and what Python keeps beside it: the
    slots (reason code, message), the tuples and the priced keys it was given."""

    def __init__(self, shared: Shared, book: Book, rejects_sv: bool) -> None:
        module, pricer, context = shared.module, shared.pricer, shared.context
        self.shared, self.module, self.book = shared, module, book
        self.rejects_sv = rejects_sv
        index = {c: i for i, c in enumerate(book.columns)}
        stride, positions, lows = pricer.bracket_table()
        if module.CURRENT_MAX_KRONOR != CURRENT_PREMIUM_MAX:
            raise RuntimeError("the kernel's current premium limit is not the registry's")
        on = shared.options.on
        self.kernel: Kernel = module.Kernel(
            width=len(book.columns), separator=ord(book.separator),
            cp1252=_cp1252() if book.encoding == "cp1252" else None,
            tuple_columns=[index[c] for c in shared.columns],
            birth_column=index.get("birth_date", -1),
            id_column=-1 if "birth_date" in index else index["id"],
            mask_column=index.get("id", -1),  # masked in the rejects file, in every book
            current_column=index.get("current_premium", -1),
            renewal_column=-1 if on is not None else index["renewal_date"],
            on=-1 if on is None else _day(on),
            numeric_columns=[index[c] for c in NUMERIC if c in index],
            out_sv=shared.out_sv, rejects_sv=rejects_sv, stride=stride,
            n_positions=max(len(v.brackets) for v in pricer.versions), positions=positions,
            lows=lows, starts=[_day(v.effective_from) for v in pricer.versions],
            max_age=MAX_AGE)
        self.reasons: list[tuple[str, str]] = []  # by slot: (code, message)
        self._slots: dict[tuple[str, str], int] = {}
        self.kernel.set_checks([self.slot(REASONS[c].code, REASONS[c].message(context))
                                for c in checks_in_order(module)])
        self.tuples: list[TupleFields] = []  # by the kernel's tuple index
        self.groups: list[tuple[str, str]] = []  # by tuple index: its (product, självrisk)
        self._tuple_index: dict[bytes, int] = {}
        self._groups: set[tuple[int, int, int]] = set()
        self._entries: dict[Key, int] = {}
        self._caught_up = 0  # how much of the shared log this kernel has

    def set_encoding(self, codec: str) -> None:
        self.kernel.set_encoding(_cp1252() if codec == "cp1252" else None)

    def look_ahead(self, block: bytes) -> None:
        """What a block's records will need that the tables lack (new tuples and groups),
        added and noted for the other kernels before any of them reads the block: they then
        find it all when they catch up, and read the block without stopping for Python."""
        self.catch_up()
        found = self.kernel.unknown(block)
        if found is not None and (found[0] or found[1]):
            self.add_missing(*found)

    def run(self, block: bytes, first_line: int) -> tuple[Any, ...]:
        """A block read (the kernel first given what the others were given meanwhile)."""
        self.catch_up()
        result: tuple[Any, ...] = self.kernel.run(block, first_line, self.add_missing)
        return result

    def slot(self, code: str, message: str) -> int:
        """The slot of a reject reason's rendered cells (code, message)."""
        found = self._slots.get((code, message))
        if found is None:
            found = self.kernel.add_slot(cells(self.module, self.book,
                                               [(code, False), (message, False)],
                                               self.rejects_sv))
            self._slots[code, message] = found
            self.reasons.append((code, message))
        return found

    def _entry(self, key: Key, rendered: Rendered) -> int:
        found = self._entries.get(key)
        if found is None:
            if rendered.ore is None:
                found = self.kernel.add_rejected(self.slot(rendered.code, rendered.message))
            else:
                found = self.kernel.add_priced(rendered.ore, rendered.mid, rendered.tail)
            self._entries[key] = found
        return found

    def _add_tuple(self, key: bytes) -> int:
        found = self._tuple_index.get(key)
        if found is None:
            fields = self.shared.fields_of(key)
            found = self.kernel.add_tuple(key, fields.flags)
            assert found == len(self.tuples)
            self.tuples.append(fields)
            self.groups.append(fields.group)
            self._tuple_index[key] = found
        return found

    def _add_group(self, t: int, version: int, year: int) -> None:
        """A group (tuple, tariff version, year) with the price of every bracket of the
        version (its records spread over the brackets: pricing them at once saves the
        kernel coming back; the engine prices each key once)."""
        if (t, version, year) in self._groups:
            return
        self._groups.add((t, version, year))
        fields = self.tuples[t]
        g = self.kernel.add_group(t, version, year)
        brackets = self.shared.pricer.versions[version].brackets
        for position, (bracket, rendered) in enumerate(zip(
                brackets, self.shared.prices(version, year, fields), strict=True)):
            entry = self._entry(fields.pricing(version, year, bracket.low), rendered)
            self.kernel.add_price(g, position, entry)

    def catch_up(self) -> None:
        """What the other kernels were given since this one last looked."""
        log = self.shared.log
        while self._caught_up < len(log):
            item = log[self._caught_up]
            self._caught_up += 1
            if isinstance(item, bytes):
                self._add_tuple(item)
            else:
                key, version, year = item
                self._add_group(self._add_tuple(key), version, year)

    # the kernel's callback: what the records of a block need that the tables lack

    def add_missing(self, keys: Sequence[bytes], groups: Sequence[tuple[bytes, int, int]]
                    ) -> None:
        """New tuples and new groups (tuple key, tariff version, year), noted for the
        others. A group of a tuple whose records are never priced is not added."""
        for key in keys:
            self._add_tuple(key)
            self.shared.note(key)
        never = self.module.FLAG_FALLBACK | self.module.FLAG_COUNTRY_BAD | \
            self.module.FLAG_SEPARATOR
        for key, version, year in groups:
            t = self._add_tuple(key)
            if not self.tuples[t].flags & never:
                self._add_group(t, version, year)
                self.shared.note((key, version, year))


def checks_in_order(module: ModuleType) -> tuple[str, ...]:
    """The kernel's checks, which must be the registry's reasons in the registry's order
    (else the kernel would give a record with two faults another reason than polars)."""
    checks: tuple[str, ...] = module.CHECKS
    registry = [reason for reason in REASONS if reason in checks]  # the registry's order
    if registry != list(checks):
        raise RuntimeError(f"the kernel checks {checks}, the registry orders {registry}")
    return checks


# --- the run: blocks read, in order, two at a time ----------------------------------------

@dataclass
class _Part:
    """Rows of a block as written (the output's and the rejects file's bytes), with the
    summary's share of them, ready to be added in the book's order."""

    out: bytes
    rejects: bytes
    rows: int
    rejected: int
    count: Callable[[], None]  # adds the part's figures to the summary


@dataclass
class _Block:
    """A block on its way: read by a kernel (``future``), or its parts already read."""

    data: bytes
    first_line: int
    lines: int
    future: Future[tuple[KernelTables, tuple[Any, ...]]] | None = None
    parts: list[_Part] | None = None


class _Runner:
    """Blocks read in the book's order, handed to two kernel threads, written in order."""

    def __init__(self, book: Book, pricer: Pricer, options: Options, context: Context,
                 pair: Pair, summary: Summary, progress: Progress | None) -> None:
        module = load()
        assert module is not None
        self.book, self.pricer, self.options, self.context = book, pricer, options, context
        self.pair, self.summary, self.progress = pair, summary, progress
        self.module = module
        self.reading = replace(book, encoding="utf-8") if book.encoding == "ascii" else book
        shared = Shared(self.reading, pricer, options, context, module,
                        pair.output.fmt == "excel-sv")
        self.free: queue.SimpleQueue[KernelTables] = queue.SimpleQueue()
        self.kernels = [KernelTables(shared, self.reading, pair.rejects.fmt == "excel-sv")
                        for _ in range(THREADS + 1)]
        self.scout = self.kernels[-1]  # this thread's: looks ahead at the first blocks
        for tables in self.kernels[:-1]:
            self.free.put(tables)
        self.header = csv_header(book)
        self._frames: Frames | None = None
        self.pending: deque[_Block] = deque()
        self.writes: deque[Future[None]] = deque()

    def work(self, data: bytes, first_line: int) -> tuple[KernelTables, tuple[Any, ...]]:
        """A block read by a free kernel (each kernel is one thread's at a time)."""
        tables = self.free.get()
        try:
            return tables, tables.run(data, first_line)
        finally:
            self.free.put(tables)

    def frames(self) -> Frames:
        """The polars path, set up the first time a block needs it."""
        if self._frames is None:
            self._frames = Frames(self.options, [self.pricer], self.context)
        return self._frames

    # the parts of a block

    def kernel_part(self, tables: KernelTables, result: tuple[Any, ...]) -> _Part:
        _, out, rejects, figures = result
        reasons, groups = tables.reasons, tables.groups  # only grow: a part's indices hold
        return _Part(out, rejects, figures["rows_out"], figures["records"] - figures["rows_out"],
                     lambda: self.summary.add_figures(figures, reasons, groups))

    def polars_part(self, data: bytes, sure: bool, first_line: int) -> tuple[_Part, int]:
        """Records read the polars way (loaded now, if no block needed it before): the
        part and the number of records."""
        frame = block_frame(self.reading, self.header, data, sure, first_line - 2)
        rows, bad, stats = split_priced(self.book, self.frames().price(frame), self.frames())
        part = _Part(self.pair.output.csv_bytes(rows), self.pair.rejects.csv_bytes(bad),
                     rows.height, bad.height, lambda: self.summary.add(stats, bad))
        return part, frame.height

    def parts_of(self, data: bytes, sure: bool, first_line: int) -> tuple[list[_Part], int]:
        """A block the kernel cannot read whole, cut again (:func:`blocks_in`): each small
        block without a quote read by the kernel, the runs of the others the polars way, a
        run at a time (a block with quotes on most lines is read whole, as before the
        kernel; a stray quote or a NUL byte costs its own few kilobytes); and the number of
        records. The kernel's small block needs its first line: after a run without quotes
        (one record a line) it is known; after one with quotes the run is read first."""
        parts: list[_Part] = []
        line = first_line
        run: list[bytes] = []  # small blocks for polars, all sure or all not
        run_sure = True
        run_lines: int | None = 0  # records in the run, None when it holds a quote

        def read_run() -> None:
            nonlocal line, run_lines
            if run:
                part, records = self.polars_part(b"".join(run), run_sure, line)
                if run_lines is not None and records != run_lines:  # lines numbered after it
                    raise RuntimeError(
                        "a block of plain records read as another number of records")
                parts.append(part)
                line += records
                run.clear()
            run_lines = 0

        cut = not sure or (len(data) > PIECE_BYTES and not quoted_throughout(data))
        for piece, piece_sure in blocks_in(data, PIECE_BYTES) if cut else [(data, sure)]:
            lines, quoted = self.module.scan(piece)
            if piece_sure and not quoted:
                if run_lines is None:
                    read_run()
                assert run_lines is not None
                tables, result = self.work(piece, line + run_lines)
                if result[0] != self.module.FALLBACK:
                    read_run()
                    parts.append(self.kernel_part(tables, result))
                    line += lines
                    continue
            if run and run_sure != piece_sure:
                read_run()
            run.append(piece)
            run_sure = piece_sure
            run_lines = None if quoted or run_lines is None else run_lines + lines
        read_run()
        return parts, line - first_line

    def drain(self) -> None:
        """Wait until no kernel is reading a block."""
        for block in self.pending:
            if block.future is not None:
                block.future.exception()

    def finish(self, block: _Block, writer: ThreadPoolExecutor) -> None:
        """A block's parts counted and written, in the book's order."""
        if block.future is not None:
            tables, result = block.future.result()
            if result[0] == self.module.FALLBACK:
                block.parts, lines = self.parts_of(block.data, True, block.first_line)
                if lines != block.lines:
                    raise RuntimeError(
                        "a block of plain records read as another number of records")
            else:
                block.parts = [self.kernel_part(tables, result)]
        assert block.parts is not None
        for part in block.parts:
            part.count()
        out = b"".join(part.out for part in block.parts)
        rejects = b"".join(part.rejects for part in block.parts)
        # hashed and written in two threads, each in the book's order
        self._write(self.hasher, _hash_bytes, self.pair, out, rejects)
        self._write(writer, _write_bytes, self.pair, out, rejects,
                    sum(part.rows for part in block.parts),
                    sum(part.rejected for part in block.parts))
        if self.progress is not None:
            self.progress(block.lines)

    def _write(self, writer: ThreadPoolExecutor, *call: Any) -> None:
        if len(self.writes) == 2 * WINDOW:
            self.writes.popleft().result()  # a few blocks wait at most: memory stays flat
        self.writes.append(writer.submit(*call))

    def blocks(self) -> Iterator[tuple[bytes, bool]]:
        """The book's blocks (the first a small one, so that writing starts early), the
        encoding of a book of ASCII settled on the way."""
        size = self.book.block_bytes
        for data, sure in csv_blocks(self.book.path, size, min(size, FIRST_BYTES)):
            settled = reading_encoding(self.book, self.reading, data)
            if settled is not self.reading:
                self.drain()
                self.reading = settled
                for tables in self.kernels:
                    tables.set_encoding(settled.encoding)
            yield data, sure

    def __call__(self) -> None:
        with ThreadPoolExecutor(max_workers=THREADS) as pool, \
                ThreadPoolExecutor(max_workers=1) as writer, \
                ThreadPoolExecutor(max_workers=1) as self.hasher:
            next_line = 2
            looked = 0
            for data, sure in self.blocks():
                lines, quoted = self.module.scan(data)
                block = _Block(data, next_line, lines)
                if sure and not quoted:
                    if looked < LOOK_AHEAD_BLOCKS:  # where most of a book's tuples are new
                        self.scout.look_ahead(data)
                        looked += 1
                    block.future = pool.submit(self.work, data, next_line)
                else:  # quotes: read now, as the next block's first line depends on it
                    block.parts, block.lines = self.parts_of(data, sure, next_line)
                next_line += block.lines
                self.pending.append(block)
                while self.pending and (len(self.pending) > WINDOW or _ready(self.pending[0])):
                    self.finish(self.pending.popleft(), writer)
            while self.pending:
                self.finish(self.pending.popleft(), writer)
            while self.writes:
                self.writes.popleft().result()


def _ready(block: _Block) -> bool:
    return block.future is None or block.future.done()


def _write_bytes(pair: Pair, out: bytes, rejects: bytes, rows: int, rejected: int) -> None:
    pair.output.write_bytes(out, rows)
    pair.rejects.write_bytes(rejects, rejected)


def _hash_bytes(pair: Pair, out: bytes, rejects: bytes) -> None:
    pair.output.hash_bytes(out)
    pair.rejects.hash_bytes(rejects)


def run_book(book: Book, pricer: Pricer, options: Options, context: Context, pair: Pair,
             summary: Summary, progress: Progress | None) -> None:
    """Reprice a CSV book into the pair's CSV outputs with the kernel (see the module).
    Python's cycle collector pauses meanwhile: the run makes many small objects and no
    cycles, and collecting took a twentieth of the time."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        _Runner(book, pricer, options, context, pair, summary, progress)()
    finally:
        if collecting:
            gc.enable()
