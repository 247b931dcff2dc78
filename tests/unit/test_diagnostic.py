"""Self-diagnostic: scores, levels, weakest link, priorities; the report and its escaping."""
import pytest

from pmesocial.data.diagnostic import load_diagnostic
from pmesocial.data.validation import DataFileError
from pmesocial.kernel.diagnostic_view import Diagnostic, report_html
from pmesocial.record import RecordStore
from pmesocial.rules import diagnostic
from pmesocial.rules.typography import typo

SPEC = load_diagnostic()
ITEMS = {d["id"]: [i["id"] for i in d["items"]] for d in SPEC["dimensions"]}


def all_at(level):
    return {i: level for ids in ITEMS.values() for i in ids}


def test_shape_of_the_questionnaire():
    assert len(SPEC["dimensions"]) >= 8
    assert all(3 <= len(d["items"]) <= 4 for d in SPEC["dimensions"])
    assert [level["label"] for level in SPEC["levels"]] == ["Réticent", "En potentiel", "Dynamique", "Mature"]


def test_all_zero():
    r = diagnostic.compute(SPEC, all_at(0), {})
    assert {d["score"] for d in r["dimensions"]} == {0}
    assert r["overall"] == 0 and r["overall_level"]["label"] == "Réticent"
    assert r["weakest"] == list(ITEMS)  # every dimension ties for weakest
    assert [p["id"] for p in r["priorities"]] == list(ITEMS)[:3]  # ties keep questionnaire order
    assert r["complete"]


def test_all_four_has_no_priority():
    r = diagnostic.compute(SPEC, all_at(4), {})
    assert r["overall"] == 100 and r["overall_level"]["label"] == "Mature"
    assert r["priorities"] == []


def test_importance_reorders_priorities_and_recommendations_follow_score():
    answers = all_at(2)  # every dimension at 50
    dims = list(ITEMS)
    importance = {dims[-1]: 3, dims[-2]: 3}
    r = diagnostic.compute(SPEC, answers, importance)
    assert [p["id"] for p in r["priorities"]] == [dims[-2], dims[-1], dims[0]]
    assert r["priorities"][0]["weight"] == 150
    for p in r["priorities"]:
        assert all(rec.get("up_to") is None or 50 < rec["up_to"] for rec in p["recommendations"])


def test_mean_of_items_and_levels():
    first = list(ITEMS)[0]
    answers = dict(zip(ITEMS[first], [1, 2, 2, 4]))
    r = diagnostic.compute(SPEC, answers, {})
    dim = r["dimensions"][0]
    expected = round(sum(list(answers.values())) * 25 / len(answers))
    assert dim["score"] == expected and dim["answered"] == len(answers)
    assert r["dimensions"][1]["score"] is None and not r["complete"]
    assert r["weakest"] == [first] and r["overall"] == expected


def test_out_of_range_values_are_reported_in_french():
    first_item = next(iter(ITEMS.values()))[0]
    r = diagnostic.compute(SPEC, {first_item: 7}, {list(ITEMS)[0]: 5})
    assert any("niveau de 0 à 4" in e for e in r["errors"])
    assert any("importance doit valoir 1, 2 ou 3" in e for e in r["errors"])
    assert r["dimensions"][0]["score"] is None


def test_malformed_diagnostic_names_file_and_field(tmp_path):
    (tmp_path / "x.yaml").write_text("id: x\ntitle: t\nscale: [a]\nlevels: []\ndimensions: []\n", "utf-8")
    with pytest.raises(DataFileError, match=r"x\.yaml : champ « scale »"):
        load_diagnostic("x", directory=tmp_path)


HOSTILE = {"name": "<script>alert('x')</script>", "company": "Morel & \"Fils\" 🪵 " + "N" * 480}


def test_report_is_self_contained_and_escaped():
    r = diagnostic.compute(SPEC, all_at(1), {})
    html = report_html(SPEC, r, HOSTILE, "2026-11-26")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "N" * 480 in html and "🪵" in html
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "") and "https://" not in html
    assert "<svg" in html and "Vos trois priorités" in html


def test_the_view_saves_and_restores_answers(tmp_path):
    """What ui/diagnostic.js sends for an answer, saved by the kernel and shown again."""
    from .kernel_views import send, view_of

    store, item = RecordStore(tmp_path / "d.json"), ITEMS[list(ITEMS)[0]][0]
    first = view_of(Diagnostic(SPEC), store)
    send(first, "saveDiagnostic", "answers", item, 3)
    assert store.load()["diagnostic"]["answers"][item] == 3
    again = view_of(Diagnostic(SPEC), store)
    assert again.record["diagnostic"]["answers"][item] == 3  # the answer the view shows on reopening
    assert diagnostic.compute(SPEC, {item: 3}, {})["overall"] is not None  # « Score global » shown
    shown = Diagnostic(SPEC)._repr_mimebundle_()["text/plain"]
    assert shown == typo("Exécutez la cellule (Maj + Entrée) pour afficher l'autodiagnostic.")



