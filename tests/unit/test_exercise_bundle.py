"""What a notebook stores for an exercise: widget view + course JSON, deterministic text."""
import json

from pmesocial.exercise import MIME_TYPE, Exercise


def test_bundle_carries_widget_and_data(sample_bank):
    bundle = Exercise(sample_bank)._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle[MIME_TYPE]["bank"]["id"] == "sample"
    assert bundle["text/plain"] == "Exercice « Banque d'exemple pour les tests » : 3 questions, 6 points"
    json.dumps(bundle[MIME_TYPE])  # must be JSON-serialisable as stored in the notebook


def test_same_data_same_payload(sample_bank):
    assert Exercise(sample_bank).payload() == Exercise(sample_bank).payload()


def test_widget_checks_and_scores(sample_bank):
    widget = Exercise(sample_bank).widget
    single, multiple, classify = widget.views
    single.check()
    assert "Choisissez d'abord" in single.feedback.value and single.solution_btn.disabled
    single.input.value = "b"
    single.check()
    assert "pas tout à fait" in single.feedback.value and not single.solution_btn.disabled
    single.input.value = "a"
    single.check()
    assert "Bonne réponse" in single.feedback.value
    classify.selects["youtube"].value = "contenu"
    classify.check()
    assert widget.current_score() == (2, 6)
    assert "Score : 2 sur 6" in widget.score.value
    single.reset()
    assert widget.current_score() == (1, 6) and single.solution_btn.disabled


def test_texts_are_escaped_in_widgets(sample_bank):
    sample_bank["title"] = "<script>alert(1)</script>"
    sample_bank["questions"][0]["options"][0]["feedback"] = "<img src=x onerror=alert(1)>"
    widget = Exercise(sample_bank).widget
    view = widget.views[0]
    view.input.value = "a"
    view.check()
    assert "<img" not in view.feedback.value and "&lt;img" in view.feedback.value
    assert "<script>" not in widget.children[0].value


def test_answers_are_saved_and_come_back(sample_bank, tmp_path):
    from pmesocial.record import RecordStore
    from pmesocial.widgets import ExerciseWidget

    store = RecordStore(tmp_path / "d.json")
    first = ExerciseWidget(sample_bank, store=store)
    first.views[0].input.value = "b"
    first.views[0].check()
    first.views[2].selects["youtube"].value = "contenu"
    first.views[2].check()
    saved = store.load()["exercises"]["sample"]
    assert saved["answers"] == {"q-single": "b", "q-classify": {"youtube": "contenu"}}
    assert saved["results"]["q-classify"] == {"score": 1, "max": 3}
    again = ExerciseWidget(sample_bank, store=store)
    assert again.views[0].input.value == "b" and "pas tout à fait" in again.views[0].feedback.value
    assert again.current_score() == (1, 6)
    again.views[0].reset()
    assert "q-single" not in store.load()["exercises"]["sample"]["answers"]
