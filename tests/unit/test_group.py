"""The trainer's group view: loading a folder, anonymity, escaping, and the numbers."""
import json
import re

import pytest

from pmesocial.data import contexts
from pmesocial.data.banks import load_bank
from pmesocial.data.diagnostic import load_diagnostic
from pmesocial.data.group_folder import SOURCE, load_group
from pmesocial.kernel.documents import radar_svg
from pmesocial.kernel.group_view import group_view
from pmesocial.record import parse_record
from pmesocial.rules import evidence, group
from pmesocial.rules.formatting import NNBSP
from pmesocial.rules.typography import typo, typo_html
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
    record = {"format": "pmesocial-record", "version": 2, "trainee": {"name": name, "company": company},
              "started": started, "updated": started, "exercises": {}, **sections}
    parse_record(json.dumps(record))  # hand-made records are valid records too
    record[SOURCE] = source
    return record


AT = "2026-03-02T09:00:00+00:00"


def results(**by_question):
    """First attempts (what the group view counts), and the same as latest results."""
    return {"answers": {}, "results": {q: {"score": s, "max": m} for q, (s, m) in by_question.items()},
            "first": {q: {"score": s, "max": m, "at": AT} for q, (s, m) in by_question.items()}}


def form(values, submitted=True):
    return {"values": values, **({"submitted": AT} if submitted else {})}


def item(bank_id, objective):
    return next(q["id"] for q in load_bank(bank_id)["questions"] if q["objective"] == objective)


# -- loading a folder --------------------------------------------------------------------

def test_sample_folder_loads_twenty_and_rejects_two_with_reasons(sample_folder, sample_html):
    records, rejected = load_group(sample_folder)
    assert len(records) == 20
    assert [name for name, _ in rejected] == ["dossier-tronque.json", "export-autre-logiciel.json"]
    reasons = dict(rejected)
    assert "incomplet ou abîmé" in reasons["dossier-tronque.json"]
    assert "n'est pas un dossier du cours" in reasons["export-autre-logiciel.json"]
    html = sample_html[True]
    assert typo("2 fichiers ignorés") in html
    assert "dossier-tronque.json" in html and "export-autre-logiciel.json" in html


def test_unreadable_files_are_set_aside_not_fatal(tmp_path):
    generate(tmp_path, count=1, malformed=0, seed=1)
    (tmp_path / "binaire.json").write_bytes(b"\xff\xfe\x00{")
    (tmp_path / "un-dossier.json").mkdir()  # reading it raises an OSError
    (tmp_path / "notes.txt").write_text("pas un json", encoding="utf-8")  # not *.json: not read
    records, rejected = load_group(tmp_path)
    assert len(records) == 1
    assert [name for name, _ in rejected] == ["binaire.json", "un-dossier.json"]
    assert all(reason.startswith("Ce fichier") for _, reason in rejected)


def test_missing_folder_is_reported_in_french(tmp_path):
    with pytest.raises(FileNotFoundError, match="n'existe pas"):
        load_group(tmp_path / "absent")


def test_generator_is_deterministic_and_writes_valid_records(tmp_path):
    first, second, other = (generate(tmp_path / d, 5, 4, seed) for d, seed in (("a", 7), ("b", 7), ("c", 8)))
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert [p.read_bytes() for p in first] != [p.read_bytes() for p in other]
    records, rejected = load_group(tmp_path / "a")
    assert len(records) == 5 and len(rejected) == 4
    assert sum(r["trainee"]["company"] == HOSTILE_COMPANY for r in records) == 1


# -- anonymity and escaping ----------------------------------------------------------------

def test_anonymous_labels_hide_names_in_stable_order(sample_folder, sample_html):
    records, _ = load_group(sample_folder)
    labelled = group.label_trainees(records)
    assert [label for label, _ in labelled] == [f"Stagiaire {i}" for i in range(1, 21)]
    starts = [(r["started"], r[SOURCE]) for _, r in labelled]
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
    records, _ = load_group(sample_folder)
    assert records[0]["trainee"]["name"] in html
    assert "noms affichés" in repr(group_view(sample_folder, anonymous=False))


def test_the_export_is_pseudonymous_unless_names_are_shown(sample_folder):
    import csv
    import io

    records, _ = load_group(sample_folder)
    names = {r["trainee"]["name"] for r in records if r["trainee"]["name"]}
    for anonymous in (True, False):
        view = group_view(sample_folder, anonymous)
        text = view.export_csv()
        assert text.startswith("\ufeff") and text.count("\r\n") == len(records) + 1
        rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
        assert rows[0] == view.page["trainee_headers"] and rows[0][0] == "Stagiaire"
        labels = [row[0] for row in rows[1:]]
        if anonymous:
            assert labels == [f"Stagiaire {i}" for i in range(1, len(records) + 1)]
            assert not any(name in text for name in names)
        else:
            assert names <= {label.split(" (")[0] for label in labels}
        assert "resultats-du-groupe.csv" in view._repr_html_()


def test_a_spreadsheet_formula_or_separator_in_a_name_stays_text():
    from pmesocial.rules.group_page import results_csv

    view = {"trainee_headers": ["Stagiaire", "Note"],
            "trainees": [['=HYPERLINK("http://x";"clic")', "a;b"], ["+33 1 23", "deux\nlignes"], ["@SOMME(A1)", "-1"]]}
    assert results_csv(view) == ('\ufeffStagiaire;Note\r\n"\'=HYPERLINK(""http://x"";""clic"")";"a;b"\r\n'
                                 "'+33 1 23;\"deux\nlignes\"\r\n'@SOMME(A1);'-1\r\n")


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
    assert "pmes-radar-band" in first and 'class="pmes-provenance"' in first
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


def test_questions_sorted_from_most_missed_on_first_attempts():
    bank = load_bank("m1-autoevaluation")
    q1, q2 = bank["questions"][0]["id"], bank["questions"][1]["id"]
    entry_q = item(evidence.ENTRY_TEST, "m1-o1")
    retried = results(**{q1: (0, 1), q2: (1, 1)})
    retried["results"][q1] = {"score": 1, "max": 1}  # right on the second try: the first counts
    records = [
        make("2026-03-02T09:00:00+00:00", exercises={
            "m1-autoevaluation": retried,
            evidence.ENTRY_TEST: results(**{entry_q: (0, 1)}),
            "banque-disparue": results(**{"q-perdue": (1, 4)})}),
        make("2026-03-02T10:00:00+00:00", exercises={"m1-autoevaluation": results(**{q1: (1, 1)})}),
    ]
    rows = group.question_success(records, contexts.group_context())
    assert [(r["key"], r["question"], r["answered"], r["rate"]) for r in rows] == [
        (evidence.ENTRY_TEST, entry_q, 1, 0.0),
        ("banque-disparue", "q-perdue", 1, 0.25),
        ("m1-autoevaluation", q1, 2, 0.5),
        ("m1-autoevaluation", q2, 1, 1.0)]
    assert rows[0]["purpose"] == "entry-test" and rows[2]["purpose"] == "self-check"
    assert rows[1]["prompt"] is None
    assert rows[2]["prompt"] == " ".join(bank["questions"][0]["prompt"].split())
    # a bank id from a trainee's file never opens anything outside data/quiz
    odd = make("2026-03-02T11:00:00+00:00", exercises={"../quiz/m1-autoevaluation": results(**{q1: (1, 1)})})
    assert group.question_success([odd], contexts.group_context())[0]["prompt"] is None


def test_sample_questions_ascending_and_exit_better_than_entry(sample_folder):
    records, _ = load_group(sample_folder)
    rates = [r["rate"] for r in group.question_success(records, contexts.group_context())]
    assert rates == sorted(rates) and len(rates) > 50
    rows = group.progression_summary(records, contexts.group_context())
    entry = sum(r["entree"] for r in rows) / len(rows)
    exit_ = sum(r["sortie"] for r in rows) / len(rows)
    assert entry < exit_


def test_progression_means_over_those_who_took_each_test():
    e1, e4 = item(evidence.ENTRY_TEST, "m1-o1"), item(evidence.ENTRY_TEST, "m1-o4")
    s1 = item(evidence.EXIT_TEST, "m1-o1")
    records = [
        make("2026-03-02T09:00:00+00:00", exercises={
            evidence.ENTRY_TEST: results(**{e1: (0, 1), e4: (1, 1)}),
            evidence.EXIT_TEST: results(**{s1: (1, 1)})}),
        make("2026-03-02T10:00:00+00:00", exercises={evidence.ENTRY_TEST: results(**{e1: (1, 1)})}),
        make("2026-03-02T11:00:00+00:00"),
    ]
    rows = {row["id"]: row for row in group.progression_summary(records, contexts.group_context())}
    assert set(rows) == {o["id"] for o in contexts.objectives()}
    o1, o4 = rows["m1-o1"], rows["m1-o4"]
    assert (o1["entree"], o1["sortie"], o1["entree_count"], o1["sortie_count"], o1["trainees"]) == (0.5, 1.0, 2, 1, 2)
    assert (o4["entree"], o4["sortie"], o4["entree_count"], o4["sortie_count"], o4["trainees"]) == (1.0, None, 1, 0, 1)
    other = rows["m2-o2"]
    assert other["entree"] is None and other["sortie"] is None and other["trainees"] == 0


def test_satisfaction_means_distribution_goals_and_comments():
    def sat(ratings, comment="", goals=None):
        values = {**ratings, **({"commentaire": comment} if comment else {}), **({"objectifs": goals} if goals else {})}
        return {"satisfaction": form(values)}
    records = [
        make("2026-03-04T09:00:00+00:00", forms=sat({"clarte-contenus": 5, "outils": 2}, "Trop court.",
                                                    {"clients": "atteint"})),
        make("2026-03-02T09:00:00+00:00", forms=sat({"clarte-contenus": 4}, "  Très utile <3 ", {"clients": "en-partie"})),
        make("2026-03-03T09:00:00+00:00", forms=sat({"clarte-contenus": 4}, "   ")),
        make("2026-03-05T09:00:00+00:00", forms=sat({"clarte-contenus": 4})),
        make("2026-03-01T09:00:00+00:00"),
    ]
    summary = group.satisfaction_summary(records, contexts.group_context())
    by_id = {c["id"]: c for c in summary["criteria"]}
    assert "clarte-contenus" in by_id and "commentaire" not in by_id
    clarity = by_id["clarte-contenus"]
    assert clarity["count"] == 4 and clarity["mean"] == 4.3  # 4.25, rounded half up
    assert clarity["distribution"] == {1: 0, 2: 0, 3: 0, 4: 3, 5: 1}
    assert by_id["outils"]["mean"] == 2.0 and by_id["outils"]["count"] == 1
    assert by_id["recommandation"]["count"] == 0 and by_id["recommandation"]["mean"] is None
    assert summary["comments"] == ["Très utile <3", "Trop court."]  # group order: by start date
    assert summary["respondents"] == 4
    assert summary["goals"] == [{"id": "clients", "label": "Trouver de nouveaux clients",
                                 "atteint": 1, "en-partie": 1, "non-atteint": 0}]


def test_needs_plans_and_cold_evaluation_reach_the_view(tmp_path):
    record = make("2026-03-02T09:00:00+00:00", name="<b>Nom</b>", forms={
        "besoins": form({"taille": "10-49", "secteur": "artisanat-batiment", "usage": "aucun",
                         "objectifs": ["clients", "recruter"], "adaptation": "Sous-titres <svg onload=alert(3)>"}),
        "plan": form({"objectif": "5 devis <i>par mois</i>", "point_etape": "2026-04-15",
                      "actions": [{"action": "Fiche Google", "responsable": "Moi", "heures": 1.5,
                                   "indicateur": "Appels", "echeance": "2026-04-01"}]}, submitted=False),
        "evaluation-a-froid": form({"plan": "en-partie", "effets": "quelques", "utilite": 4, "obstacles": ["temps"],
                                    "actions": "Fiche à jour, deux vidéos."})})
    del record[SOURCE]
    (tmp_path / "dossier.json").write_text(json.dumps(record), encoding="utf-8")
    view = group_view(tmp_path)
    assert view.needs["objectifs"][0] == {"id": "clients", "label": "Trouver de nouveaux clients", "count": 1}
    assert view.plans[0]["label"] == "Stagiaire 1" and view.plans[0]["hours"] == 1.5 and not view.plans[0]["complete"]
    assert view.cold["usefulness"]["mean"] == 4.0 and view.cold["respondents"] == 1
    html = view._repr_html_()
    assert typo("Les plans à 90 jours") in html and typo_html("5 devis &lt;i&gt;par mois&lt;/i&gt;") in html and "Fiche Google" in html
    assert "Évaluation à froid" in html and "Fiche à jour, deux vidéos." in html
    assert "&lt;svg onload=alert(3)&gt;" in html and "<svg onload" not in html
    assert "<b>Nom" not in html and "Nom" not in html  # anonymous by default


def test_comments_are_escaped_in_the_view(tmp_path):
    record = make("2026-03-02T09:00:00+00:00", name="<b>Nom</b>",
                  forms={"satisfaction": form({"outils": 5, "commentaire": "<img src=x onerror=alert(2)>\nsuite"})})
    del record[SOURCE]
    (tmp_path / "dossier.json").write_text(json.dumps(record), encoding="utf-8")
    html = group_view(tmp_path, anonymous=False)._repr_html_()
    assert "<img" not in html and "&lt;img src=x onerror=alert(2)&gt;<br>suite" in html
    assert "<b>Nom" not in html and "&lt;b&gt;Nom&lt;/b&gt;" in html


# -- radar band ----------------------------------------------------------------------------

def test_radar_without_band_is_unchanged():
    labels, scores, title = ["Communication", "Veille <&>", "Temps"], [40, None, 87], "Profil « test »"
    expected = radar_svg(labels, scores, title)
    assert "pmes-radar-band" not in expected
    banded = radar_svg(labels, scores, title, band=([30, 0, 70], [55, 10, 95.5]))
    assert banded.count('class="pmes-radar-band"') == 1
    assert banded.index('pmes-radar-band"') < banded.index('class="pmes-radar-shape"')
    assert typo("Temps de 70 à 95,5") in banded
    # the band only adds: remove its path, style and description and the plain chart is left
    stripped = re.sub(r'<path d="[^"]*" class="pmes-radar-band"/>', "", banded)
    stripped = re.sub(r"\.pmes-radar-band\{[^}]*\}", "", stripped)
    stripped = re.sub(r"\. Bande claire\u202f: [^<]*", "", stripped)
    assert stripped == expected


# attributes that are text for a reader (a screen reader speaks them): French typography belongs there
READ_ALOUD = frozenset({"aria-label", "alt", "title", "placeholder", "content", "aria-description"})


def test_the_group_radar_draws_and_no_attribute_holds_a_typographic_space(sample_html):
    """Before: typography over the whole view wrote U+202F into the radar's viewBox
    ("-230 -10 900 460" read as a thousand): the trainer's radar drew clipped."""
    import re
    from html.parser import HTMLParser

    spaced = []

    class Attributes(HTMLParser):
        def handle_starttag(self, tag, attrs):
            spaced.extend((tag, n, v) for n, v in attrs
                          if n not in READ_ALOUD and v and ("\u202f" in v or "\u00a0" in v))

    for html in sample_html.values():
        Attributes().feed(html)
        box = re.search(r'<svg[^>]*class="pmes-radar"[^>]*>', html).group(0)
        numbers = [float(n) for n in re.search(r'viewBox="([^"]*)"', box).group(1).split(" ")]
        assert len(numbers) == 4 and numbers[2] > 0 and numbers[3] > 0, box
    assert spaced == []
