"""The law of the course is data: every rule a lesson states links to a row of data/law
(its text, date, source and confidence), and every link lands on a row the page shows."""
import re
from pathlib import Path

import nbformat
import pytest

from pmesocial.data.law import all_law, load_law
from pmesocial.data.validation import DataFileError
from pmesocial.kernel.law import law_table

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted([*REPO.glob("notebooks/*.ipynb"), *REPO.glob("solutions/*.ipynb")])
LINK = re.compile(r"\]\(#loi-([a-z0-9-]+)\)")
TABLE = re.compile(r"law_table\(\s*(\[[^\]]*\]|\"[^\"]*\")")
# A paragraph that names a legal text (an article of a code, a law, a decree, a European
# regulation) states a rule: it must say where it comes from.
LEGAL_TEXT = re.compile(r"\barticles? [LRD]\.? ?\d|\bloi n°|\bdécret\b|\bCPCE\b|\bRGPD\b|règlement (européen|\(UE\))"
                        r"|\bAI Act\b|code de la consommation|code civil", re.IGNORECASE)
# In a lesson, a paragraph that says what is forbidden or required by law states a rule too.
LEGAL_RULE = re.compile(r"\bla loi\b|\binterdite?s?\b|\bamendes?\b|\bl'accord (écrit|préalable)", re.IGNORECASE)


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


def test_law_rows_load_and_are_unique():
    rows = all_law()
    assert len(rows) >= 25
    assert all(r["confidence"] in ("élevée", "moyenne", "faible") for r in rows.values())


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_law_link_lands_on_a_row_the_page_shows(path):
    nb = nbformat.read(path, 4)
    linked = {i for p in _paragraphs(nb) for i in LINK.findall(p)}
    shown = _table_ids(nb)
    assert not linked - set(all_law()), f"{path.name} : liens vers des lignes absentes de data/law"
    assert not shown - set(all_law()), f"{path.name} : law_table cite des lignes absentes de data/law"
    assert linked <= shown, f"{path.name} : lignes liées mais non affichées : {sorted(linked - shown)}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_a_paragraph_that_cites_a_legal_text_links_to_its_row(path):
    nb = nbformat.read(path, 4)
    lesson = path.parent.name == "notebooks"
    unlinked = [p[:90] for p in _paragraphs(nb) if not LINK.search(p) and not p.lstrip().startswith("#")
                and (LEGAL_TEXT.search(p) or (lesson and LEGAL_RULE.search(p)))]
    assert not unlinked, f"{path.name} : paragraphes qui citent un texte sans lien vers data/law : {unlinked}"


def test_the_law_module_links_its_rules():
    nb = nbformat.read(REPO / "notebooks/08_ce_que_la_loi_demande.ipynb", 4)
    linked = {i for p in _paragraphs(nb) for i in LINK.findall(p)}
    assert len(linked) >= 15
    text = "\n".join(_paragraphs(nb))
    assert "conseil juridique" in text and all(w in text for w in ("CNIL", "DGCCRF", "CMA"))


def test_the_table_shows_text_date_and_source_escaped(monkeypatch, tmp_path):
    html = law_table(["prospection-b2c"])._repr_html_()
    assert "id='loi-prospection-b2c'" in html and "L34-5" in html and "2004" in html
    (tmp_path / "x.csv").write_text(
        "id,title,text,date,requires,applies_to,source,source_date,confidence,caveat\n"
        "x-1,<b>T</b>,Loi,2024,Faire,tous,Source,2024-01,faible,\n", encoding="utf-8")
    monkeypatch.setattr("pmesocial.data.law.LAW_DIR", tmp_path)
    load_law.cache_clear()
    with pytest.raises(DataFileError, match=r"x\.csv, ligne 2 .*caveat"):
        load_law("x")
    load_law.cache_clear()


def test_an_unknown_row_is_named():
    with pytest.raises(KeyError, match="pas-une-ligne"):
        law_table(["pas-une-ligne"])
