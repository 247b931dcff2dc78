"""The book's import of « Mon dossier » reads bytes with the course's limits (rules/limits.js,
issue 22 « Group views »): a file in another encoding is refused in French and the record
stays as it was; a BOM is accepted, as in the kernel."""
import json

from pmesocial.record import new_record

from .helpers import import_record, open_page, page_path

DOSSIER = page_path("outils/mon_dossier")
AT = "2026-03-02T09:00:00+00:00"


def _stored_name(page) -> str:
    return json.loads(page.evaluate("localStorage.getItem('pmesocial-record')"))["trainee"]["name"]


def test_the_book_import_refuses_latin1_and_takes_a_bom(page, book_url, tmp_path):
    """Before: « Fran\\xe7ois » in Latin-1 was imported as « Fran\ufffdois », silently."""
    open_page(page, book_url + DOSSIER)
    page.locator("#pmes-trainee-name").fill("Claire")
    page.locator(".pmes-panel button.pmes-check").click()
    text = json.dumps({**new_record(AT), "trainee": {"name": "François", "company": ""}}, ensure_ascii=False)
    latin1 = tmp_path / "dossier-latin1.json"
    latin1.write_bytes(text.encode("latin-1"))
    said = import_record(page, latin1)  # the import's own answer, not « Enregistré. » above
    assert "UTF-8" in said, said
    assert _stored_name(page) == "Claire"
    with_bom = tmp_path / "dossier-bom.json"
    with_bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    import_record(page, with_bom)
    assert _stored_name(page) == "François"
