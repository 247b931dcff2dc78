"""Questionnaires in the kernel: every change kept as a draft, « Enregistrer » checks the
values and says in French what is missing, the satisfaction form reviews the goals set
at entry, and a bad spec names its file and field."""
import datetime

import pytest

from pmesocial.data import forms as data_forms
from pmesocial.kernel.form_view import Form, FormWidget, _label
from pmesocial.record import RecordStore, apply_form, new_record
from pmesocial.rules import forms
from pmesocial.rules.typography import typo


@pytest.fixture
def store(tmp_path):
    return RecordStore(tmp_path / "dossier.json")


def _fields(widget):
    return [c for c in widget.children if "pmes-form-field" in c._dom_classes]


def _status(widget) -> str:
    """The form's status line: the HTML output just after the submit button."""
    names = [getattr(c, "description", "") for c in widget.children]
    at = next(i for i, n in enumerate(names) if n.startswith("Enregistrer"))
    return widget.children[at + 1].value


def _submit(widget):
    next(c for c in widget.children if getattr(c, "description", "").startswith("Enregistrer")).click()


def test_every_form_loads_and_has_a_payload():
    for path in sorted(data_forms.FORMS_DIR.glob("*.yaml")):
        payload = Form(path.stem).payload()
        assert payload["kind"] == "form" and payload["form"]["id"] == path.stem


def test_the_plan_keeps_drafts_and_names_what_is_missing(store):
    widget = FormWidget(data_forms.load_form("plan"), store)
    objectif, actions, point, _conformite = _fields(widget)
    objectif.children[1].value = "Cinq demandes de devis par mois"
    assert store.load()["forms"]["plan"]["values"]["objectif"] == "Cinq demandes de devis par mois"
    assert "submitted" not in store.load()["forms"]["plan"]
    first_row = actions.children[1].children[0].children[0].children
    texts = [c for c in first_row if hasattr(c, "children")]
    texts[0].children[1].value = "Fiche d'établissement"
    texts[2].children[1].value = "25"
    _submit(widget)
    status = _status(widget)
    assert "restent à compléter" in status and typo("Action 1 : Temps par semaine : Indiquez un nombre entre 0 et 20") in status
    assert "submitted" not in store.load()["forms"]["plan"]
    assert store.load()["forms"]["plan"]["values"]["actions"][0]["heures"] == 25  # kept, not lost


def test_a_complete_plan_is_submitted_and_printable(store):
    spec = data_forms.load_form("plan")
    values = {"objectif": "5 devis", "point_etape": "2027-01-15",
              "actions": [{"action": f"A{n}", "responsable": "Moi", "heures": 1, "indicateur": "i",
                           "echeance": "2027-02-01"} for n in range(3)]}
    assert forms.validate(spec, values) == {}
    store.update(lambda r: apply_form(r, "plan", values, False, "2026-11-20T09:00:00+00:00"))
    widget = FormWidget(spec, store)
    assert _fields(widget)[2].children[1].value == datetime.date(2027, 1, 15)
    _submit(widget)
    assert store.load()["forms"]["plan"]["submitted"]
    assert "mon-plan-90-jours.html" in widget.children[-1].value
    judged = " ".join(getattr(c, "value", "") for c in widget.children if "pmes-productions" in str(getattr(c, "value", "")))
    # saved: the plan is read on its rubric, and what is missing is named (no compliance point chosen)
    assert "Mon plan à 90" in judged and "Manque" in judged and "conformité" in judged


def test_satisfaction_reviews_the_goals_chosen_at_entry(store):
    store.update(lambda r: apply_form(r, "besoins", {"objectifs": ["clients", "recruter"]}, True,
                                      "2026-11-20T09:00:00+00:00"))
    widget = FormWidget(data_forms.load_form("satisfaction"), store)
    review = _fields(widget)[0].children[1]
    assert [s.description for s in review.children] == ["Trouver de nouveaux clients", "Recruter"]
    review.children[0].value = "atteint"
    assert store.load()["forms"]["satisfaction"]["values"]["objectifs"] == {"clients": "atteint"}
    empty = FormWidget(data_forms.load_form("satisfaction"), RecordStore(store.path.with_name("autre.json")))
    assert typo("Vous n'avez pas indiqué d'objectifs") in _fields(empty)[0].children[1].value


def test_the_cold_evaluation_needs_its_required_answers(store):
    widget = FormWidget(data_forms.load_form("evaluation-a-froid"), store)
    _submit(widget)
    status = _status(widget)
    assert status.count("Ce champ est à remplir.") == 3
    assert "submitted" not in store.load().get("forms", {}).get("evaluation-a-froid", {})


def test_numbers_are_read_the_french_way():
    assert forms.parse_number("2,5") == 2.5 and forms.parse_number(" 1 000 ") == 1000
    assert forms.parse_number("deux") == "deux" and forms.parse_number("") is None
    field = {"type": "number", "min": 0, "max": 20, "unit": "h par semaine"}
    assert forms.field_error(field, "deux") == forms.NOT_A_NUMBER
    assert forms.field_error(field, 21) == "Indiquez un nombre entre 0 et 20 h par semaine."


def test_error_labels_name_the_row_and_column():
    spec = data_forms.load_form("plan")
    assert _label(spec, "actions[2].heures") == typo("Action 3 : Temps par semaine")
    assert _label(spec, "objectif") == typo("Votre objectif chiffré à 90 jours")


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
