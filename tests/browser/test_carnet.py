"""« Mon carnet » from the book: a reader's record in localStorage, « Mon dossier », the
button; the file is the kernel's own for the same record and day (same view, same
template), the course context is fetched on that click only, and the file printed by
Chromium gives A4 pages, none blank, none wider than the page, with hostile text as text."""
from __future__ import annotations

import io
from datetime import UTC, datetime

import pypdf
import pytest

from pmesocial.kernel.documents import render_document
from pmesocial.tools.make_sample_records import HOSTILE_COMPANY
from tests.support.write_vectors import carnet_records

from .helpers import open_page, page_path

DOSSIER = page_path("outils/mon_dossier")
A4 = (595, 842)  # points
RECORDS = dict(carnet_records())


def same_html(html: str) -> str:
    """Jinja writes &#34; where nunjucks writes &quot;: the same text."""
    return html.replace("&quot;", "&#34;")


def carnet_from_book(page, book_url, record, tmp_path, requests_log):
    open_page(page, book_url + DOSSIER)
    page.evaluate("(r) => localStorage.setItem('pmesocial-record', JSON.stringify(r))", record)
    open_page(page, book_url + DOSSIER)
    button = page.locator("button.pmes-carnet")
    button.wait_for()
    assert not [u for u in requests_log.urls if "carnet-context" in u], "le contexte du carnet est chargé d'avance"
    with page.expect_download() as info:
        button.click()
    today = datetime.now(UTC).date().isoformat()  # the book's date: new Date().toISOString()
    assert info.value.suggested_filename == "mon-carnet-medias-sociaux-pme.html"
    path = tmp_path / "carnet.html"
    info.value.save_as(path)
    assert [u for u in requests_log.urls if "carnet-context" in u], "le contexte du carnet n'a pas été chargé"
    return path, today


@pytest.mark.parametrize("name", ["sample", "hostile"])
def test_the_book_s_carnet_is_the_kernel_s_word_for_word(page, book_url, tmp_path, requests_log, name):
    path, today = carnet_from_book(page, book_url, RECORDS[name], tmp_path, requests_log)
    html = path.read_text("utf-8")
    assert same_html(html) == same_html(render_document("carnet", RECORDS[name], today))
    assert "Première réponse vérifiée" in html and "Mon autodiagnostic" in html


def _pdf_pages(page, path) -> list[pypdf.PageObject]:
    page.goto(path.as_uri())
    return pypdf.PdfReader(io.BytesIO(page.pdf(format="A4"))).pages


def test_the_carnet_prints_on_a4_with_no_blank_page_and_hostile_text_as_text(page, book_url, tmp_path, requests_log):
    path, _ = carnet_from_book(page, book_url, RECORDS["hostile"], tmp_path, requests_log)
    pages = _pdf_pages(page, path)
    assert len(pages) > 5
    texts = []
    for number, sheet in enumerate(pages, 1):
        width, height = float(sheet.mediabox.width), float(sheet.mediabox.height)
        assert abs(width - A4[0]) <= 1 and abs(height - A4[1]) <= 1, f"page {number} : {width} × {height}"
        texts.append(sheet.extract_text())
        assert texts[-1].strip(), f"page {number} blanche"
    assert HOSTILE_COMPANY in texts[0]  # the company, in the heading's line
    assert "alert(1)" in " ".join(texts) and page.evaluate("() => document.querySelectorAll('script').length") == 0
    assert "Mon autodiagnostic" in " ".join(texts) and "Mes priorités" in " ".join(texts)


@pytest.mark.parametrize("width, media", [(390, "screen"), (794, "screen"), (794, "print")])  # a phone; A4 at 96 dpi
def test_nothing_is_wider_than_the_page(page, book_url, tmp_path, requests_log, width, media):
    """On a phone a wide table scrolls in its own box; printed, the page is A4's width."""
    path, _ = carnet_from_book(page, book_url, RECORDS["sample"], tmp_path, requests_log)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(path.as_uri())
    page.emulate_media(media=media)
    wide = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert wide <= 0, f"{media} à {width} px : {wide} px de trop"
