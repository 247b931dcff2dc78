"""Productions judged on a rubric (data/rubrics, rules/rubric.py): the rubrics load and
match their forms, each automatic rule can fail, and the status follows the criteria
and the trainer's decision."""
import pytest

from pmesocial.data import contexts
from pmesocial.data import rubrics as rubric_data
from pmesocial.data.rubrics import RubricError, all_rubrics, load_rubric
from pmesocial.rules.rubric import evaluate, item_count, productions

PLAN = {"objectif": "Cinq demandes de devis par mois", "point_etape": "2027-01-20", "conformite": ["avis"],
        "actions": [{"action": "Fiche Google", "responsable": "Claire", "heures": 1, "indicateur": "appels",
                     "echeance": "2027-01-10"},
                    {"action": "Avis", "responsable": "Inès", "heures": 0.5, "indicateur": "avis", "echeance": "2027-02-10"},
                    {"action": "Vidéo", "responsable": "Inès", "heures": 1, "indicateur": "vues", "echeance": "2027-03-01"}]}


def test_the_four_productions_have_rubrics_on_existing_objectives():
    found = {r["id"]: r for r in all_rubrics()}
    assert set(found) == {"plan", "fiche-google", "reponse-avis", "video"}
    objectives = {o["id"] for o in contexts.objectives()}
    for r in found.values():
        assert r["objective"] in objectives, r["id"]
        assert any("check" in c for c in r["criteria"]) and any("check" not in c for c in r["criteria"]), r["id"]


def test_a_complete_plan_waits_for_the_trainer_then_is_validated():
    spec = load_rubric("plan")
    entry = {"values": PLAN, "submitted": "2026-12-07T10:00:00+01:00"}
    result = evaluate(spec, entry, None, "2026-12-08")
    assert result["missing"] == [] and result["status"] == "a-valider"
    assert [c["met"] for c in result["criteria"] if c["by"] == "formateur"] == [None, None]
    validated = evaluate(spec, entry, {"decision": "validee", "criteria": {"indicateurs-mesurables": True},
                                       "by": "M. Martin", "at": "2026-12-10"}, "2026-12-10")
    assert validated["status"] == "validee" and validated["validated_by"] == "M. Martin"


@pytest.mark.parametrize("change, missing", [
    ({"objectif": "Être plus visible"}, "chiffré"),
    ({"actions": PLAN["actions"][:2]}, "trois actions"),
    ({"actions": [{**PLAN["actions"][0], "responsable": ""}] + PLAN["actions"][1:]}, "un responsable"),
    ({"actions": PLAN["actions"][:2] + [{**PLAN["actions"][2], "echeance": "2027-06-01"}]}, "Chaque échéance"),
    ({"point_etape": "2026-11-01"}, "Un point d’étape"),
    ({"conformite": []}, "conformité"),
])
def test_each_missing_part_of_a_plan_is_named(change, missing):
    result = evaluate(load_rubric("plan"), {"values": {**PLAN, **change}, "submitted": "2026-12-07"}, None, "2026-12-07")
    assert result["status"] == "incomplete"
    assert len(result["missing"]) == 1 and missing in result["missing"][0]


def test_a_reply_that_exposes_the_customer_is_flagged():
    spec = load_rubric("reponse-avis")
    reply = ("Merci pour votre avis. Vous avez raison, la pose a pris dix jours de retard et nous ne vous avons pas "
             "prévenus. Nous appelons désormais chaque client la veille. Je vous propose d'en parler de vive voix : "
             "appelez l'atelier quand vous le souhaitez.")
    ok = evaluate(spec, {"values": {"reponse_critique": reply}, "submitted": "2026-12-07"}, None, "2026-12-07")
    assert ok["missing"] == []
    exposed = evaluate(spec, {"values": {"reponse_critique": reply + " M. Durand, 14 rue des Lilas, 06 12 34 56 78."},
                              "submitted": "2026-12-07"}, None, "2026-12-07")
    assert exposed["missing"] == [c["label"] for c in spec["criteria"] if c["id"] == "sans-donnees"]


def test_items_are_counted_numbered_or_one_per_line():
    assert item_count("1. le résultat ; 2. la pièce avant ; 3. un geste") == 3
    assert item_count("le résultat\nla pièce avant\n\nun geste") == 3
    assert item_count("une seule phrase") == 1


def test_productions_of_an_empty_record_are_all_to_do():
    assert {p["status"] for p in productions({}, all_rubrics(), "2026-12-07")} == {"a-faire"}


def test_a_rubric_on_a_missing_field_is_named(tmp_path, monkeypatch):
    (tmp_path / "x.yaml").write_text("id: x\ntitle: X\nform: plan\nobjective: m9-o2\ncriteria:\n"
                                     "  - {id: a, label: A, check: {rule: filled, field: inconnu}}\n", encoding="utf-8")
    monkeypatch.setattr(rubric_data, "RUBRICS_DIR", tmp_path)
    load_rubric.cache_clear()
    with pytest.raises(RubricError, match=r"x\.yaml : critère « a », champ « check\.field » : pas de champ « inconnu »"):
        load_rubric("x")
    load_rubric.cache_clear()
