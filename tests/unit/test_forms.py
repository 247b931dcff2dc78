"""Questionnaires in the kernel. The view is ui/form.js in every host (the book's browser
tests drive its fields: tests/browser/test_evidence_book.py, test_faults_book.py); here the
kernel's side: the payload, every change the view sends kept as a draft, « Enregistrer »
checked with the same rules (rules/forms.py, shared with rules/forms.js), the satisfaction
form reviewing the goals set at entry, and a bad spec naming its file and field."""
import pytest

from pmesocial.data import forms as data_forms
from pmesocial.kernel.form_view import Form
from pmesocial.record import RecordStore, apply_form, new_record
from pmesocial.rules import forms
from pmesocial.rules.typography import typo

from .kernel_views import send, view_of

PLAN = {"objectif": "5 devis", "point_etape": "2027-01-15",
        "actions": [{"action": f"A{n}", "responsable": "Moi", "heures": 1, "indicateur": "i",
                     "echeance": "2027-02-01"} for n in range(3)]}


@pytest.fixture
def store(tmp_path):
    return RecordStore(tmp_path / "dossier.json")


def test_every_form_loads_and_has_a_payload():
    for path in sorted(data_forms.FORMS_DIR.glob("*.yaml")):
        payload = Form(path.stem).payload()
        assert payload["kind"] == "form" and payload["form"]["id"] == path.stem


def test_a_form_says_before_it_runs_what_to_do():
    shown = Form("plan")._repr_mimebundle_()["text/plain"]
    assert shown == typo("Exécutez la cellule (Maj + Entrée) pour afficher le questionnaire.")


def test_the_plan_keeps_drafts_and_names_what_is_missing(store):
    view = view_of(Form("plan"), store)
    send(view, "saveFormChanges", "plan", {"objectif": "Cinq demandes de devis par mois"}, False)
    assert store.load()["forms"]["plan"]["values"]["objectif"] == "Cinq demandes de devis par mois"
    assert "submitted" not in store.load()["forms"]["plan"]
    row = {"action": "Fiche d'établissement", "heures": 25}
    send(view, "saveFormChanges", "plan", {"actions": [row]}, False)  # « Enregistrer » with what is missing
    values = store.load()["forms"]["plan"]["values"]
    errors = forms.validate(data_forms.load_form("plan"), values)  # what ui/form.js shows under the button
    assert errors["actions[0].heures"] == "Indiquez un nombre entre 0 et 20 h par semaine."
    assert "submitted" not in store.load()["forms"]["plan"]
    assert values["actions"][0]["heures"] == 25  # kept, not lost
    assert view.record["forms"]["plan"]["values"] == values  # the view is answered with what was saved


def test_a_complete_plan_is_submitted_and_printable(store):
    spec = data_forms.load_form("plan")
    assert forms.validate(spec, PLAN) == {}
    store.update(lambda r: apply_form(r, "plan", PLAN, False, "2026-11-20T09:00:00+00:00"))
    view = view_of(Form("plan"), store)
    assert view.record["forms"]["plan"]["values"]["point_etape"] == "2027-01-15"  # shown when the view opens
    send(view, "saveFormChanges", "plan", {}, True)
    assert store.load()["forms"]["plan"]["submitted"] and view.not_saved == ""  # « Enregistré. »
    assert view.payload["document"]  # the plan to print (ui/form.js « Télécharger mon plan »)
    assert [r["form"] for r in view.payload["rubrics"]] == ["plan"]  # read on its rubric once saved


def test_satisfaction_reviews_the_goals_chosen_at_entry(store):
    store.update(lambda r: apply_form(r, "besoins", {"objectifs": ["clients", "recruter"]}, True,
                                      "2026-11-20T09:00:00+00:00"))
    view = view_of(Form("satisfaction"), store)
    field = view.payload["form"]["fields"][0]
    labels = {o["id"]: o["label"] for o in field["of_options"]}
    chosen = view.record["forms"][field["of"]["form"]]["values"][field["of"]["field"]]
    assert [labels[g] for g in chosen] == ["Trouver de nouveaux clients", "Recruter"]
    send(view, "saveFormChanges", "satisfaction", {"objectifs": {"clients": "atteint"}}, False)
    assert store.load()["forms"]["satisfaction"]["values"]["objectifs"] == {"clients": "atteint"}
    assert typo("Vous n'avez pas indiqué d'objectifs") in field["empty"]  # shown when no goal was chosen


def test_the_cold_evaluation_needs_its_required_answers(store):
    spec = data_forms.load_form("evaluation-a-froid")
    errors = forms.validate(spec, {})
    assert list(errors.values()).count("Ce champ est à remplir.") == 3
    view = view_of(Form("evaluation-a-froid"), store)
    send(view, "saveFormChanges", "evaluation-a-froid", {}, False)  # what ui/form.js sends then
    assert "submitted" not in store.load().get("forms", {}).get("evaluation-a-froid", {})


def test_numbers_are_read_the_french_way():
    assert forms.parse_number("2,5") == 2.5 and forms.parse_number(" 1 000 ") == 1000
    assert forms.parse_number("deux") == "deux" and forms.parse_number("") is None
    field = {"type": "number", "min": 0, "max": 20, "unit": "h par semaine"}
    assert forms.field_error(field, "deux") == forms.NOT_A_NUMBER
    assert forms.field_error(field, 21) == "Indiquez un nombre entre 0 et 20 h par semaine."


def test_a_bad_form_spec_names_file_and_field(tmp_path, monkeypatch):
    (tmp_path / "x.yaml").write_text("id: x\ntitle: X\nfields:\n  - {id: a, type: choice, label: A}\n", encoding="utf-8")
    monkeypatch.setattr(data_forms, "FORMS_DIR", tmp_path)
    data_forms.load_form.cache_clear()
    try:
        with pytest.raises(data_forms.FormError, match=r"x\.yaml : champ « fields\[0\] » : champ obligatoire manquant : « options »"):
            data_forms.load_form("x")
    finally:
        data_forms.load_form.cache_clear()


def test_a_new_record_has_no_forms():
    assert "forms" not in new_record()
