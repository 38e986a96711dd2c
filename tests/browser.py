"""Headless Chromium for the tests of documents for people (offers, reports).

Debian's ``chromium`` (installed by ``.ci/run`` when missing) renders a self-contained
HTML file with the network switched off; the tests look at the screenshot (not blank),
the text of the rendered page (after scripts and layout) and the PDF print.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

# No network, no background services: a document must stand on its own.
_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--disable-extensions", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
          "--hide-scrollbars", "--force-device-scale-factor=1"]


def _run(html: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
    if CHROMIUM is None:
        raise RuntimeError("chromium is not installed: .ci/run installs Debian's chromium")
    with tempfile.TemporaryDirectory(prefix="quote-chromium-") as profile:
        return subprocess.run(
            [CHROMIUM, *_FLAGS, f"--user-data-dir={profile}", *args, html.resolve().as_uri()],
            capture_output=True, timeout=timeout, check=True)


def screenshot(html: Path, png: Path, width: int = 1000, height: int = 1400) -> Path:
    """A PNG of the page as a browser draws it."""
    _run(html, f"--screenshot={png}", f"--window-size={width},{height}")
    return png


def print_pdf(html: Path, pdf: Path) -> Path:
    """The page printed to PDF, as a customer would from the browser's print dialogue."""
    _run(html, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    return pdf


def rendered_text(html: Path) -> str:
    """The DOM after the browser has loaded the page (``--dump-dom``)."""
    return _run(html, "--dump-dom").stdout.decode("utf-8")


def png_is_blank(png: Path) -> bool:
    """True when every pixel of the PNG has the same colour (decoded with zlib, no Pillow)."""
    import struct
    import zlib

    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width, height, colour, depth = 8, b"", 0, 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[colour] * depth // 8
    raw = zlib.decompress(idat)
    stride = width * channels
    # Undo the PNG filters row by row, then compare every pixel with the first.
    previous = bytearray(stride)
    first: bytes | None = None
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            up_left = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - up_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                pred = left if pa <= pb and pa <= pc else up if pb <= pc else up_left
                line[i] = (line[i] + pred) & 0xFF
        pixels = bytes(line)
        if first is None:
            first = pixels[:channels]
        if pixels != first * width:
            return False
        previous = line
    return True


def pdf_has_pages(pdf: Path) -> bool:
    """A PDF with at least one page and some drawn content."""
    data = pdf.read_bytes()
    return data.startswith(b"%PDF") and b"/Type /Page" in data and len(data) > 2000
