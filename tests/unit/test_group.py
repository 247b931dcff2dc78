"""The trainer's group view: loading a folder, anonymity, escaping, and the numbers."""
import json
import re

import pytest

from pmesocial import evidence, group
from pmesocial.banks import load_bank
from pmesocial.diagnostic import load_diagnostic
from pmesocial.formatting import NNBSP
from pmesocial.group_view import group_view
from pmesocial.radar import radar_svg
from pmesocial.record import parse_record
from pmesocial.tools.make_sample_records import HOSTILE_COMPANY, generate, main

SPEC = load_diagnostic()
DIM1, DIM2 = SPEC["dimensions"][0], SPEC["dimensions"][1]


@pytest.fixture(scope="module")
def sample_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("groupe")
    assert main([str(folder), "--count", "20", "--malformed", "2", "--seed", "2026"]) == 0
    return folder


@pytest.fixture(scope="module")
def sample_html(sample_folder):
    """The view of the sample folder, anonymised (True) or with names (False)."""
    return {anonymous: group_view(sample_folder, anonymous)._repr_html_() for anonymous in (True, False)}


def make(started, source="", name="", company="", **sections):
    record = {"format": "pmesocial-record", "version": 1, "trainee": {"name": name, "company": company},
              "started": started, "updated": started, "exercises": {}, **sections}
    parse_record(json.dumps(record))  # hand-made records are valid records too
    record[group.SOURCE] = source
    return record


def results(**by_question):
    return {"answers": {}, "results": {q: {"score": s, "max": m} for q, (s, m) in by_question.items()}}


# -- loading a folder --------------------------------------------------------------------

def test_sample_folder_loads_twenty_and_rejects_two_with_reasons(sample_folder, sample_html):
    records, rejected = group.load_group(sample_folder)
    assert len(records) == 20
    assert [name for name, _ in rejected] == ["dossier-tronque.json", "export-autre-logiciel.json"]
    reasons = dict(rejected)
    assert "JSON invalide ou tronqué" in reasons["dossier-tronque.json"]
    assert "n'est pas un dossier du cours" in reasons["export-autre-logiciel.json"]
    html = sample_html[True]
    assert "2 fichiers ignorés" in html
    assert "dossier-tronque.json" in html and "export-autre-logiciel.json" in html


def test_unreadable_files_are_set_aside_not_fatal(tmp_path):
    generate(tmp_path, count=1, malformed=0, seed=1)
    (tmp_path / "binaire.json").write_bytes(b"\xff\xfe\x00{")
    (tmp_path / "un-dossier.json").mkdir()  # reading it raises an OSError
    (tmp_path / "notes.txt").write_text("pas un json", encoding="utf-8")  # not *.json: not read
    records, rejected = group.load_group(tmp_path)
    assert len(records) == 1
    assert [name for name, _ in rejected] == ["binaire.json", "un-dossier.json"]
    assert all(reason.startswith("Ce fichier") for _, reason in rejected)


def test_missing_folder_is_reported_in_french(tmp_path):
    with pytest.raises(FileNotFoundError, match="n'existe pas"):
        group.load_group(tmp_path / "absent")


def test_generator_is_deterministic_and_writes_valid_records(tmp_path):
    first, second, other = (generate(tmp_path / d, 5, 4, seed) for d, seed in (("a", 7), ("b", 7), ("c", 8)))
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert [p.read_bytes() for p in first] != [p.read_bytes() for p in other]
    records, rejected = group.load_group(tmp_path / "a")
    assert len(records) == 5 and len(rejected) == 4
    assert sum(r["trainee"]["company"] == HOSTILE_COMPANY for r in records) == 1


# -- anonymity and escaping ----------------------------------------------------------------

def test_anonymous_labels_hide_names_in_stable_order(sample_folder, sample_html):
    records, _ = group.load_group(sample_folder)
    labelled = group.label_trainees(records)
    assert [label for label, _ in labelled] == [f"Stagiaire {i}" for i in range(1, 21)]
    starts = [(r["started"], r[group.SOURCE]) for _, r in labelled]
    assert starts == sorted(starts)
    assert group.label_trainees(list(reversed(records))) == labelled
    names = {r["trainee"]["name"] for r in records} | {r["trainee"]["company"] for r in records}
    html = sample_html[True]
    for label, _ in labelled:
        assert not any(part in label for part in names)
    for name in names:
        assert name not in html
    assert "alert(1)" not in html


def test_names_shown_on_request_are_escaped(sample_folder, sample_html):
    html = sample_html[False]
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    records, _ = group.load_group(sample_folder)
    assert records[0]["trainee"]["name"] in html
    assert "noms affichés" in repr(group_view(sample_folder, anonymous=False))


def test_label_falls_back_when_name_is_empty():
    a = make("2026-03-02T09:00:00+00:00", "b.json", name="Claire Morel", company="Menuiserie Morel")
    b = make("2026-03-02T09:00:00+00:00", "a.json")
    c = make("2026-03-01T09:00:00+00:00", "z.json", name="Julien Roux")
    assert [label for label, _ in group.label_trainees([a, b, c], anonymous=False)] == [
        "Julien Roux", "Stagiaire 2", "Claire Morel (Menuiserie Morel)"]
    assert [label for label, _ in group.label_trainees([a, b, c])] == ["Stagiaire 1", "Stagiaire 2", "Stagiaire 3"]


def test_view_is_deterministic_and_french(sample_folder, sample_html):
    first, second = sample_html[True], group_view(sample_folder)._repr_html_()
    assert first == second
    assert "pmes-radar-band" in first and "class='pmes-provenance'" in first
    assert f"{NNBSP}%" in first and not re.search(r"\d\.\d", re.sub(r"<svg.*?</svg>|<style>.*?</style>", "", first))
    assert repr(group_view(sample_folder)) == ("Vue de groupe de « " + str(sample_folder)
                                               + " » : 20 dossiers lus, 2 fichiers ignorés (stagiaires anonymisés).")


def test_empty_folder_says_so(tmp_path):
    view = group_view(tmp_path)
    assert "Aucun dossier lisible" in view._repr_html_()
    assert "0 dossier lu" in repr(view)


# -- the numbers ---------------------------------------------------------------------------

def _diag(dimension, value):
    return {"answers": {item["id"]: value for item in dimension["items"]}, "importance": {}}


def test_diagnostic_median_and_quartiles_on_three_records():
    records = [make("2026-03-02T09:00:00+00:00", diagnostic={
                   "answers": {**_diag(DIM1, 1)["answers"], **_diag(DIM2, 3)["answers"]}, "importance": {}}),
               make("2026-03-02T10:00:00+00:00", diagnostic=_diag(DIM1, 4)),
               make("2026-03-02T11:00:00+00:00", diagnostic=_diag(DIM1, 2)),
               make("2026-03-02T12:00:00+00:00")]  # no diagnostic at all
    rows = {row["id"]: row for row in group.diagnostic_summary(records, SPEC)}
    first = rows[DIM1["id"]]  # scores 25, 100, 50
    assert (first["count"], first["median"], first["q1"], first["q3"], first["min"], first["max"]) == (
        3, 50, 37.5, 75, 25, 100)
    assert first["level"]["id"] == "dynamique"
    second = rows[DIM2["id"]]  # one score: 75
    assert (second["count"], second["median"], second["q1"], second["q3"]) == (1, 75, 75, 75)
    assert second["level"]["id"] == "mature"
    third = rows[SPEC["dimensions"][2]["id"]]
    assert third["count"] == 0 and third["median"] is None and third["level"] is None


def test_questions_sorted_from_most_missed():
    bank = load_bank("m1-autoevaluation")
    q1, q2 = bank["questions"][0]["id"], bank["questions"][1]["id"]
    records = [
        make("2026-03-02T09:00:00+00:00", exercises={
            "m1-autoevaluation": results(**{q1: (0, 1), q2: (1, 1)}),
            "positionnement@entree": results(**{"pos-m1-distinction": (0, 1)}),
            "banque-disparue": results(**{"q-perdue": (1, 4)})}),
        make("2026-03-02T10:00:00+00:00", exercises={"m1-autoevaluation": results(**{q1: (1, 1)})}),
    ]
    rows = group.question_success(records)
    assert [(r["key"], r["question"], r["answered"], r["rate"]) for r in rows] == [
        ("positionnement@entree", "pos-m1-distinction", 1, 0.0),
        ("banque-disparue", "q-perdue", 1, 0.25),
        ("m1-autoevaluation", q1, 2, 0.5),
        ("m1-autoevaluation", q2, 1, 1.0)]
    assert rows[0]["phase_label"] == "À l'entrée" and rows[0]["prompt"].startswith("On parle tantôt")
    assert rows[1]["prompt"] is None and rows[2]["phase_label"] is None
    assert rows[2]["prompt"] == " ".join(bank["questions"][0]["prompt"].split())
    # a bank id from a trainee's file never opens anything outside data/quiz
    odd = make("2026-03-02T11:00:00+00:00", exercises={"../quiz/m1-autoevaluation": results(**{q1: (1, 1)})})
    assert group.question_success([odd])[0]["prompt"] is None


def test_sample_questions_ascending_and_exit_better_than_entry(sample_folder):
    records, _ = group.load_group(sample_folder)
    rates = [r["rate"] for r in group.question_success(records)]
    assert rates == sorted(rates) and len(rates) > 50
    rows = group.progression_summary(records)
    entry = sum(r["entree"] for r in rows) / len(rows)
    exit_ = sum(r["sortie"] for r in rows) / len(rows)
    assert entry < exit_


def test_progression_means_over_those_who_took_each_phase():
    records = [
        make("2026-03-02T09:00:00+00:00", exercises={
            "positionnement@entree": results(**{"pos-m1-distinction": (0, 1), "pos-m1-sans-echo": (1, 1)}),
            "positionnement@sortie": results(**{"pos-m1-distinction": (1, 1)})}),
        make("2026-03-02T10:00:00+00:00", exercises={
            "positionnement@entree": results(**{"pos-m1-distinction": (1, 1)})}),
        make("2026-03-02T11:00:00+00:00"),
    ]
    rows = {row["id"]: row for row in group.progression_summary(records)}
    positioning = evidence.objective_map()["positionnement@sortie"]
    assert positioning["pos-m1-distinction"] == "m1-o1" and positioning["pos-m1-sans-echo"] == "m1-o4"
    assert set(rows) == set(positioning.values())
    o1, o4 = rows["m1-o1"], rows["m1-o4"]
    assert (o1["entree"], o1["sortie"], o1["entree_count"], o1["sortie_count"], o1["trainees"]) == (0.5, 1.0, 2, 1, 2)
    assert (o4["entree"], o4["sortie"], o4["entree_count"], o4["sortie_count"], o4["trainees"]) == (1.0, None, 1, 0, 1)
    other = rows["m2-o2"]
    assert other["entree"] is None and other["sortie"] is None and other["trainees"] == 0


def test_satisfaction_means_distribution_and_comments():
    def sat(ratings, comment=""):
        return {"ratings": ratings, "comment": comment}
    records = [
        make("2026-03-04T09:00:00+00:00", satisfaction=sat({"clarte-contenus": 5, "outils": 2}, "Trop court.")),
        make("2026-03-02T09:00:00+00:00", satisfaction=sat({"clarte-contenus": 4}, "  Très utile <3 ")),
        make("2026-03-03T09:00:00+00:00", satisfaction=sat({"clarte-contenus": 4}, "   ")),
        make("2026-03-05T09:00:00+00:00", satisfaction=sat({"clarte-contenus": 4})),
        make("2026-03-01T09:00:00+00:00"),
    ]
    summary = group.satisfaction_summary(records)
    by_id = {c["id"]: c for c in summary["criteria"]}
    assert [c["id"] for c in summary["criteria"]] == [c["id"] for c in evidence.satisfaction_spec()["criteria"]]
    clarity = by_id["clarte-contenus"]
    assert clarity["count"] == 4 and clarity["mean"] == 4.3  # 4.25, rounded half up
    assert clarity["distribution"] == {1: 0, 2: 0, 3: 0, 4: 3, 5: 1}
    assert by_id["outils"]["mean"] == 2.0 and by_id["outils"]["count"] == 1
    assert by_id["recommandation"] == {"id": "recommandation", "text": by_id["recommandation"]["text"],
                                       "count": 0, "mean": None, "distribution": {1: 0, 2: 0, 3: 0, 4: 0, 5: 0}}
    assert summary["comments"] == ["Très utile <3", "Trop court."]  # group order: by start date
    assert summary["respondents"] == 4


def test_comments_are_escaped_in_the_view(tmp_path):
    record = make("2026-03-02T09:00:00+00:00", name="<b>Nom</b>",
                  satisfaction={"ratings": {"outils": 5}, "comment": "<img src=x onerror=alert(2)>\nsuite"})
    del record[group.SOURCE]
    (tmp_path / "dossier.json").write_text(json.dumps(record), encoding="utf-8")
    html = group_view(tmp_path, anonymous=False)._repr_html_()
    assert "<img" not in html and "&lt;img src=x onerror=alert(2)&gt;<br>suite" in html
    assert "<b>Nom" not in html and "&lt;b&gt;Nom&lt;/b&gt;" in html


# -- radar band ----------------------------------------------------------------------------

def test_radar_without_band_is_unchanged():
    labels, scores, title = ["Communication", "Veille <&>", "Temps"], [40, None, 87], "Profil « test »"
    expected = radar_svg(labels, scores, title)
    assert radar_svg(labels, scores, title, band=None) == expected
    assert radar_svg(labels, scores, title, "pmes-radar") == expected
    assert "pmes-radar-band" not in expected
    banded = radar_svg(labels, scores, title, band=([30, 0, 70], [55, 10, 95.5]))
    assert banded.count("class='pmes-radar-band'") == 1
    assert banded.index("pmes-radar-band'") < banded.index("class='pmes-radar-shape'")
    assert "Temps de 70 à 95,5" in banded
    # the band only adds: remove its path, style and description and the plain chart is left
    stripped = re.sub(r"<path d='[^']*' class='pmes-radar-band'/>", "", banded)
    stripped = re.sub(r"\.pmes-radar-band\{[^}]*\}", "", stripped)
    stripped = re.sub(r"\. Bande claire : [^<]*", "", stripped)
    assert stripped == expected
