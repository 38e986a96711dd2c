"""Batch repricing of a book of policies: every row priced by `quote price`'s engine, or
rejected with its line and a reason; rows in = rows out + rows rejected.

A map for a newcomer, in the order a row travels:

- :mod:`~quote.renewal.reading`: open the book (CSV in UTF-8 or Windows-1252, Excel,
  Parquet), check its header, and read it in frames of text, malformed records flagged.
- :mod:`~quote.renewal.columns`: parse each frame column-wise: dates, ages, identity
  numbers, Swedish numbers, the tariff version in force, the pricing key, the row check.
- :mod:`~quote.renewal.reasons`: the one registry of reject reasons (code, message,
  check).
- :mod:`~quote.renewal.lookup`: price each distinct key once with the engine and join.
- :mod:`~quote.renewal.stats`: the summary and the report's figures.
- :mod:`~quote.renewal.writing`: the output and rejects files, published together.
- :mod:`~quote.renewal.frames`: the polars path: a frame of text parsed, priced and split
  into output rows, rejects and the summary's figures.
- :mod:`~quote.renewal.engine`: the run that ties these together, and :func:`renew_rows`
  for a few rows in memory with typed results.
- :mod:`~quote.renewal.kernel` and ``_kernel.c``: the fast path of a CSV book written as
  CSV: a C kernel reads each block of plain records in one pass (the checks above, the
  premiums the engine gave each distinct group, the bytes written), and any block it does
  not read exactly goes the polars way. The two ways give the same bytes
  (tests/test_renewal_kernel.py).

polars is imported when a frame is first needed (``quote._polars``): a plain CSV book
renewed by the kernel never loads it.
"""

from quote.renewal.engine import (
    Options,
    PricedRow,
    RejectedRow,
    renew_rows,
    run_impact,
    run_renewal,
)
from quote.renewal.lookup import Pricer, parse_bool, price_rows
from quote.renewal.reading import (
    ADDED,
    BLOCK_BYTES,
    REJECT_ADDED,
    REQUIRED,
    Book,
    BookError,
    open_book,
)
from quote.renewal.reasons import REASONS
from quote.renewal.stats import BANDS, Summary

__all__ = ["ADDED", "BANDS", "BLOCK_BYTES", "REASONS", "REJECT_ADDED", "REQUIRED", "Book",
           "BookError", "Options", "PricedRow", "Pricer", "RejectedRow", "Summary",
           "open_book", "parse_bool", "price_rows", "renew_rows", "run_impact",
           "run_renewal"]
