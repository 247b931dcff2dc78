"""The law of the course is data: every rule a lesson states links to a row of data/law
(its text, version, the day it was checked, the source read), every link lands on a row
the page shows, and a row checked more than 12 months ago fails the tests."""
import csv
import re
from datetime import date
from pathlib import Path

import nbformat
import pytest

from pmesocial.data import law as law_data
from pmesocial.data.law import COLUMNS, all_law, checked_on, load_law, stale_rows
from pmesocial.data.provenance import is_stale
from pmesocial.data.validation import DataFileError
from pmesocial.kernel.law import checked_sentence, law_checked, law_table

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted([*REPO.glob("notebooks/*.ipynb"), *REPO.glob("solutions/*.ipynb")])
LINK = re.compile(r"\]\(#loi-([a-z0-9-]+)\)")
TABLE = re.compile(r"law_table\(\s*(\[[^\]]*\]|\"[^\"]*\")")


def row(key="x-1", title="Titre", day="2026-12-01", conf="élevée", caveat="", note="") -> dict:
    return {"id": key, "title": title, "primary_text": "Code, article 1", "version_date": "2024",
            "requires": "Faire ceci.", "applies_to": "tous", "source": "Source officielle", "source_date": "2024-01",
            "verifie_le": day, "confidence": conf, "caveat": caveat, "author_note": note}


def _paragraphs(nb):
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            yield from re.split(r"\n\s*\n", cell.source)


def _table_ids(nb) -> set[str]:
    ids = set()
    for cell in nb.cells:
        if cell.cell_type == "code":
            for found in TABLE.findall(cell.source):
                ids |= set(re.findall(r"\"([^\"]+)\"", found))
    return ids


@pytest.fixture
def law_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(law_data, "LAW_DIR", tmp_path)
    load_law.cache_clear()
    yield tmp_path
    load_law.cache_clear()


def _write(folder, *rows, name="x"):
    with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def test_law_rows_load_and_are_unique():
    rows = all_law()
    assert len(rows) >= 40
    assert all(r["confidence"] in ("élevée", "moyenne", "faible") for r in rows.values())
    assert all(r["verifie_le"] and r["primary_text"] and r["source"] for r in rows.values())


def test_no_rule_of_the_course_was_checked_more_than_a_year_ago():
    stale = stale_rows(date.today())
    assert not stale, "règles à vérifier de nouveau (plus de 12 mois) :\n" + "\n".join(stale)


def test_a_stale_row_is_named(law_dir):
    _write(law_dir, row(day="2025-11-30"), row("x-2", day="2026-06-01"))
    rows = load_law("x")
    assert stale_rows(date(2026, 12, 7), rows) == ["data/law/x.csv : x-1 (vérifiée le 2025-11-30)"]
    assert stale_rows(date(2026, 11, 30), rows) == []  # exactly twelve months: still fresh


def test_twelve_months_boundary():
    assert not is_stale(date(2025, 12, 7), date(2026, 12, 7))
    assert is_stale(date(2025, 12, 6), date(2026, 12, 7))
    assert is_stale(date(2023, 2, 27), date(2024, 2, 29))
    assert not is_stale(date(2023, 2, 28), date(2024, 2, 29))


@pytest.mark.parametrize("bad, message", [
    (row(day=""), "verifie_le"),
    (row(day="2026-13-01"), "date impossible"),
    (row(day="2999-01-01"), "futur"),
    (row(note="Texte lu en copie."), "seconde main"),
    (row(conf="faible"), "caveat"),
    (row(conf="moyenne", caveat="Voir https://cnil.fr"), "note d'auteur"),
    (row(conf="moyenne", caveat="Point à vérifier."), "note d'auteur"),
])
def test_a_row_that_breaks_a_rule_is_named_with_its_field(law_dir, bad, message):
    _write(law_dir, bad)
    with pytest.raises(DataFileError, match=rf"x\.csv, ligne 2 \(« x-1 »\).*{message}"):
        load_law("x")


def test_authors_notes_may_say_what_was_not_read(law_dir):
    _write(law_dir, row(conf="moyenne", caveat="Nous n'avons pas pu lire le texte officiel.",
                        note="Lu en copie sur https://exemple.fr/x"))
    assert load_law("x")["x-1"]["author_note"].startswith("Lu en copie")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_law_link_lands_on_a_row_the_page_shows(path):
    nb = nbformat.read(path, 4)
    linked = {i for p in _paragraphs(nb) for i in LINK.findall(p)}
    shown = _table_ids(nb)
    assert not linked - set(all_law()), f"{path.name} : liens vers des lignes absentes de data/law"
    assert not shown - set(all_law()), f"{path.name} : law_table cite des lignes absentes de data/law"
    assert linked <= shown, f"{path.name} : lignes liées mais non affichées : {sorted(linked - shown)}"


def test_the_law_module_links_its_rules_and_shows_when_they_were_checked():
    nb = nbformat.read(REPO / "notebooks/08_ce_que_la_loi_demande.ipynb", 4)
    linked = {i for p in _paragraphs(nb) for i in LINK.findall(p)}
    assert len(linked) >= 30
    text = "\n".join(_paragraphs(nb))
    assert "conseil juridique" in text and all(w in text for w in ("CNIL", "DGCCRF", "CMA"))
    shown = [o for c in nb.cells if c.cell_type == "code" and "law_checked()" in c.source for o in c.outputs]
    assert shown and "Règles vérifiées le" in str(shown[0]["data"]["text/html"])


def test_checked_sentence_names_the_oldest_check():
    oldest = checked_on()
    assert all(date.fromisoformat(r["verifie_le"]) >= oldest for r in all_law().values())
    assert checked_sentence(date(2026, 12, 1)) == "Règles vérifiées le 1er\u00a0décembre 2026."
    assert "Règles vérifiées le" in law_checked()._repr_html_()


def test_the_table_shows_rule_text_version_and_day_checked_escaped(law_dir):
    _write(law_dir, row(title="<b>T</b>", conf="moyenne", note="Lu sur https://exemple.fr"))
    html = law_table(["x-1"])._repr_html_()
    assert "id='loi-x-1'" in html and "Code, article 1" in html and "1ᵉʳ\u00a0décembre 2026" in html
    assert "&lt;b&gt;T&lt;/b&gt;" in html and "<b>T</b>" not in html
    assert "exemple.fr" not in html  # the authors' note is for the sources page


def test_an_unknown_row_is_named():
    with pytest.raises(KeyError, match="pas-une-ligne"):
        law_table(["pas-une-ligne"])


def test_the_sources_page_lists_every_row_with_its_source_and_day():
    from pmesocial.book import law_substitutions

    text = law_substitutions()["sources"]
    for key in all_law():
        assert f"(`{key}`)" in text
    assert text.count("Source lue :") == len(all_law())
