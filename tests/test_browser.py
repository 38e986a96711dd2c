"""The browser helper itself: a page with text renders, an empty page is blank."""

from __future__ import annotations

from pathlib import Path

from .browser import pdf_has_pages, png_is_blank, print_pdf, rendered_text, screenshot


def test_a_page_with_text_is_not_blank_and_prints(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<!doctype html><meta charset=utf-8><h1>1 095,00 kr</h1>", encoding="utf-8")
    assert not png_is_blank(screenshot(page, tmp_path / "page.png", 400, 300))
    assert pdf_has_pages(print_pdf(page, tmp_path / "page.pdf"))
    assert "1 095,00 kr" in rendered_text(page)


def test_an_empty_page_is_blank(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_text("<!doctype html><meta charset=utf-8><body></body>", encoding="utf-8")
    assert png_is_blank(screenshot(page, tmp_path / "empty.png", 400, 300))
