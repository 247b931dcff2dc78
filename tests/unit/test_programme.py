"""Durations are the same everywhere: data/programme.yaml is their one source, every
notebook announces the same, and the book's pages and documents read it."""
from pathlib import Path

import pytest
import yaml

from pmesocial.book import substitutions
from pmesocial.data import course, organisme
from pmesocial.data.banks import load_bank
from pmesocial.rules import documents
from pmesocial.rules.formatting import duration

REPO = Path(__file__).resolve().parents[2]
PAGES = [s for s in course.programme()["sequences"]] + [course.programme()["cold_evaluation"]]


@pytest.mark.parametrize("sequence", PAGES, ids=lambda s: s["page"])
def test_each_notebook_announces_the_programme_duration(sequence):
    page = sequence["page"].replace("exercises/", "solutions/")  # exercises/ are generated from solutions/
    assert course.stated_duration(REPO / f"{page}.ipynb") == sequence["minutes"]


def test_every_sequence_is_evidenced_by_a_bank_or_a_test():
    for s in course.programme()["sequences"]:
        banks = s.get("banks", []) + ([s["test"]] if s.get("test") else [])
        assert banks, s["id"]
        for bank_id in banks:
            load_bank(bank_id)


def test_the_book_and_the_documents_say_the_same_total():
    total = duration(course.planned_minutes())
    assert substitutions()["duree_totale"] == total
    org = organisme.load_organisme()
    for modality, expected in (("distance", total), ("presentiel", substitutions()["groupe"]["session"]),
                               ("mixte", f"{substitutions()['groupe']['total']}, dont {substitutions()['groupe']['apres']} "
                                         "à distance")):
        view = documents.attestation_view({"started": "2026-11-02"}, [], {**org, "modalite": modality},
                                          course.course_info(), "2026-11-20")
        assert view["duration"] == expected, modality
    for page in ("programme", "guide-stagiaire", "guide-formateur", "intro"):
        text = (REPO / "book" / f"{page}.md").read_text("utf-8")
        assert "environ 8 h" not in text and "{{ duree_totale }}" in text


def test_the_programme_page_reads_the_training_body_file():
    text = (REPO / "book" / "programme.md").read_text("utf-8")
    for field in ("organisme.nom", "organisme.siret", "organisme.nda", "organisme.tarif", "organisme.delais_acces",
                  "organisme.referent_ligne", "organisme.assistance_ligne", "organisme.reclamations.courriel",
                  "organisme.mise_a_jour", "programme_tableau"):
        assert "{{ " + field in text, field
    values = substitutions()
    assert values["organisme"]["nom"] == organisme.load_organisme()["nom"]
    assert "| **Total** |" in values["programme_tableau"]


def test_a_missing_field_stops_the_book_with_its_name(tmp_path, monkeypatch):
    data = yaml.safe_load(organisme.ORGANISME_FILE.read_text("utf-8"))
    del data["nda"]
    path = tmp_path / "organisme.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(organisme, "ORGANISME_FILE", path)
    with pytest.raises(organisme.OrganismeError, match="« nda »"):
        substitutions()


def test_values_of_the_training_body_stay_text_in_pages(monkeypatch):
    org = {**organisme.load_organisme(), "tarif": "<script>x</script> *gras* [lien](http://a.b)"}
    monkeypatch.setattr(organisme, "load_organisme", lambda path=None: org)
    tarif = substitutions()["organisme"]["tarif"]
    assert "<script>" not in tarif and "&lt;script&gt;" in tarif and "\\*gras\\*" in tarif and "\\[lien\\]" in tarif


def _minutes(text: str) -> int:
    hours, _, minutes = text.replace("\u202f", " ").replace("\xa0", " ").strip().partition(" h ")
    return int(hours) * 60 + int(minutes or 0)


def test_the_trainers_days_fill_their_hours_and_cover_the_course():
    """The guide's day tables: each day runs without gap from 9 h to the end of its hours
    (lunch apart), and the days together take every module, the entry positioning and the
    review: the trainer's days and the programme cannot drift apart."""
    import re

    group = course.group_minutes()
    guide = (REPO / "book/guide-formateur.md").read_text("utf-8")
    days = re.findall(r"### Jour \d[^\n]*\n\n((?:\|[^\n]*\n)+)", guide)
    assert len(days) == group["days"]
    covered = []
    for table in days:
        rows = [line.split("|")[1:-1] for line in table.splitlines()[2:]]
        spans = [tuple(_minutes(t) for t in r[0].split("–")) for r in rows]
        assert all(end > start for start, end in spans)
        assert all(a[1] == b[0] for a, b in zip(spans, spans[1:])), "des trous ou des chevauchements dans la journée"
        lunch = sum(end - start for (start, end), r in zip(spans, rows) if "Déjeuner" in r[1])
        assert spans[-1][1] - spans[0][0] - lunch == group["hours_per_day"] * 60
        covered += [r[1].strip() for r in rows]
    numbers = {int(m) for c in covered for m in re.findall(r"^(\d)\.", c)}
    assert numbers == {m["number"] for m in course.modules()}
    assert any("Accueil" in c for c in covered) and any("Clôture" in c for c in covered)
