"""What a trainee reads: short sentences in lessons, no authoring notes, one word for one
thing, and every legal sentence tied to a row of data/law (pmesocial/rules/learner_text.py,
pmesocial/tools/check_text.py)."""
import re
from pathlib import Path

import pytest

from pmesocial.rules import learner_text as lt
from pmesocial.tools import check_text

REPO = Path(__file__).resolve().parents[2]


# -- the rules, on small texts ------------------------------------------------------------

def test_sentences_are_cut_at_french_punctuation_not_at_abbreviations():
    text = "Le CPCE, art. L34-5, le dit. Voir É. Freyssinet ! Un n° 12 ? Oui… Fin."
    assert lt.split_sentences(text) == ["Le CPCE, art. L34-5, le dit.", "Voir É. Freyssinet !", "Un n° 12 ?",
                                        "Oui…", "Fin."]


def test_markdown_is_read_as_prose():
    cell = ("# Titre\n\nUn [lien](#loi-x) et **gras**.\n\n```python\ncode = 1\n```\n\n"
            "```{admonition} Note\n:class: tip\n\nDans la boîte.\n```\n\n- un point ;\n- un autre.\n\n| a | b |\n")
    assert lt.sentences(cell) == ["Un lien et gras.", "Dans la boîte.", "un point ;", "un autre."]


def test_length_report_counts_words_and_long_sentences():
    long = " ".join(["mot"] * 41) + "."
    report = lt.length_report(["Deux mots.", long])
    assert report["sentences"] == 2 and report["max"] == 41 and report["mean"] == 21.5
    assert report["over"] == [long]


def test_a_legal_sentence_needs_a_link_to_its_row():
    cell = ("Il faut [leur accord préalable](#loi-prospection-b2c). Le faux avis est interdit. "
            "Le temps passe.\n\n```{admonition} Le module en bref\n:class: tip\n\n- éviter les faux avis\n```\n")
    assert lt.legal_sentences_without_row(cell) == ["Le faux avis est interdit."]


def test_variants_are_found_outside_quotations():
    terms = {"courriel": ["e-mail", "mail"], "lettre d'information": ["newsletter"]}
    assert lt.variants_used("Un e-mail et une Newsletter.", terms) == [("e-mail", "courriel"),
                                                                        ("newsletter", "lettre d'information")]
    assert lt.variants_used("Le guide « La prospection par e-mail » de la CNIL.", terms) == []
    assert lt.variants_used("Une adresse de courriel.", terms) == []


def test_the_check_names_each_problem(monkeypatch):
    texts = [check_text.Text("notebooks/99_x.ipynb, cellule 1", "lesson",
                             "Une newsletter interdite. Lu en copie. " + " ".join(["mot"] * 45) + ".", 99)]
    found = "\n".join(check_text.findings(texts))
    assert "cellule 1 : « newsletter »" in found
    assert "note d'auteur" in found and "lu en copie" in found.lower()
    assert "phrase de droit sans lien" in found
    assert "module 99 : phrase de plus de 40 mots" in found


def test_a_count_in_a_text_is_the_real_one():
    texts = [check_text.Text("outils/x.ipynb, cellule 1", "tool", "Vous avez suivi les sept modules, sur onze dimensions.")]
    found = check_text.count_findings(texts)
    assert len(found) == 1 and "« les sept modules » : le cours en compte 9" in found[0]


def test_a_reference_to_a_section_must_name_one_of_that_module():
    titles = {6: lt.section_titles("## Exercice : combien coûte votre temps ?\n"),
              1: lt.section_titles("```{admonition} Le test du retrait\nTexte.\n```\n## « Social » n'est pas un gadget")}
    ok = ("Voir le module 6, « Combien coûte\nvotre temps ? ». Voir le module 1, « Le test du retrait ». "
          "Voir le module 1, « “Social” n'est pas un gadget ».")
    assert lt.broken_section_refs(ok, titles) == []
    wrong = "La mesure : voir le module 9, « Combien coûte votre temps ? ». Voir le module 6, « Le test du retrait »."
    assert lt.broken_section_refs(wrong, titles) == ["module 9, « Combien coûte votre temps ? »",
                                                     "module 6, « Le test du retrait »"]
    found = check_text.section_ref_findings([check_text.Text("data/quiz/x.yaml", "question", wrong)], titles)
    assert len(found) == 2 and "le module 9 n'a pas de section de ce titre" in found[0]


# -- the course ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def texts():
    found = check_text.all_texts()
    assert len(found) > 500  # lessons, practice, tools, questions, forms, pages
    return found


def test_no_authoring_note_reaches_a_trainee(texts):
    from pmesocial.data.provenance import research_notes_in
    found = [f"{t.where} : {research_notes_in(t.text)}" for t in texts if research_notes_in(t.text)]
    assert not found, "\n".join(found)


def test_one_word_for_one_thing(texts):
    found = [f"{t.where} : « {v} » (le cours dit « {term} »)" for t in texts
             if t.where.split(",")[0] not in check_text.VARIANTS_ALLOWED
             for v, term in lt.variants_used(t.text, check_text.terminology())]
    assert not found, "\n".join(found)


def test_every_chosen_term_is_in_the_glossary():
    glossary = (REPO / "book/glossaire.md").read_text("utf-8")
    entries = {line.strip().lower() for line in re.findall(r"^(\S[^\n]*)\n  ", glossary, re.MULTILINE)}
    missing = [t for t in check_text.terminology() if not any(e.startswith(t.lower()) for e in entries)]
    assert not missing, f"termes absents du glossaire : {missing}"


def test_lessons_are_written_in_short_sentences(texts):
    reports = check_text.lesson_reports(texts)
    assert sorted(reports) == list(range(1, 10))
    for module, r in reports.items():
        assert r["mean"] <= lt.MEAN_WORDS_MAX, f"module {module} : {r['mean']} mots par phrase en moyenne"
        assert not r["over"], f"module {module} : phrases de plus de {lt.SENTENCE_WORDS_MAX} mots : {r['over']}"


def test_every_legal_sentence_of_a_lesson_links_to_its_row(texts):
    found = [f"{t.where} : {s}" for t in texts if t.kind in ("lesson", "practice")
             for s in lt.legal_sentences_without_row(t.text)]
    assert not found, "\n".join(found)


def test_every_reference_to_a_section_lands_on_one(texts):
    titles = check_text.module_titles()
    assert len(titles) == 9 and all(len(t) > 3 for t in titles.values())
    found = check_text.section_ref_findings(texts, titles)
    assert not found, "\n".join(found)


def test_every_question_that_speaks_of_the_law_names_its_rows():
    found = check_text.question_law_findings()
    assert not found, "\n".join(found)
