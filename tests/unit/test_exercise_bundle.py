"""What a notebook stores for an exercise: widget view + course JSON, deterministic text."""
import json

from pmesocial.kernel.exercise import MIME_TYPE, Exercise
from pmesocial.rules import scoring
from pmesocial.rules.typography import typo


def test_bundle_carries_widget_and_data(sample_bank):
    bundle = Exercise(sample_bank)._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle[MIME_TYPE]["bank"]["id"] == "sample"
    assert bundle["text/plain"] == "Exercice « Banque d'exemple pour les tests » : 3 questions, 6 points"
    json.dumps(bundle[MIME_TYPE])  # must be JSON-serialisable as stored in the notebook


def test_the_stored_payload_is_stable_and_under_the_course_mime_type():
    """What a notebook stores must not change from one execution to the next (nbval):
    the options' shuffled order depends on the ids only, and nothing volatile goes in."""
    from pmesocial import exercise

    first, again = exercise("m1-autoevaluation").payload(), exercise("m1-autoevaluation").payload()
    assert json.dumps(first, sort_keys=True) == json.dumps(again, sort_keys=True)
    assert first["kind"] == "exercise" and first["version"] == 2
    assert MIME_TYPE == "application/vnd.pmesocial.exercise+json"  # the type every committed notebook stores


def test_widget_checks_and_scores(sample_bank):
    widget = Exercise(sample_bank).widget
    single, multiple, classify = widget.views
    single.check()
    assert typo("Choisissez d'abord") in single.feedback.value
    single.input.value = "b"
    single.check()
    assert "pas tout à fait" in single.feedback.value
    single.input.value = "a"
    single.check()
    assert "Bonne réponse" in single.feedback.value
    classify.set_answer({"youtube": "contenu"})
    classify.check()
    assert "Placez chaque élément" in classify.feedback.value
    classify.set_answer({"youtube": "contenu", "linkedin": "contenu", "wikipedia": "contenu"})
    classify.check()
    score = widget.current_score()
    assert score[1] == 6 and 1 <= score[0] < 6
    assert f"Score : {score[0]} sur 6" in widget.score.value
    single.reset()
    assert widget.current_score() == (score[0] - 1, 6)


def test_texts_are_escaped_in_widgets(sample_bank):
    sample_bank["title"] = "<script>alert(1)</script>"
    sample_bank["questions"][0]["options"][0]["feedback"] = "<img src=x onerror=alert(1)>"
    widget = Exercise(sample_bank).widget
    view = widget.views[0]
    view.input.value = "a"
    view.check()
    assert "<img" not in view.feedback.value and "&lt;img" in view.feedback.value
    assert "<script>" not in widget.children[0].value


def test_answers_drafts_and_first_attempts_are_saved_and_come_back(sample_bank, tmp_path):
    from pmesocial.kernel.widgets import ExerciseWidget
    from pmesocial.record import RecordStore

    store = RecordStore(tmp_path / "d.json")
    first = ExerciseWidget(sample_bank, store=store)
    first.views[0].input.value = "b"            # a choice, not checked: a draft
    assert store.load()["exercises"]["sample"]["drafts"] == {"q-single": "b"}
    first.views[0].check()
    first.views[0].input.value = "a"
    first.views[0].check()
    saved = store.load()["exercises"]["sample"]
    assert saved["answers"]["q-single"] == "a" and saved["drafts"] == {}
    assert saved["first"]["q-single"]["score"] == 0  # the first attempt, not the last
    first.views[1].boxes["a"].value = True      # a draft of the multiple-choice question
    again = ExerciseWidget(sample_bank, store=store)
    assert again.views[0].input.value == "a" and "Bonne réponse" in again.views[0].feedback.value
    assert again.views[1].answer() == ["a"] and again.views[1].feedback.value == ""
    assert "0 sur 1" not in again.views[0].note.value  # practice bank: no evidence note
    again.views[0].reset()
    saved = store.load()["exercises"]["sample"]
    assert "q-single" not in saved["answers"] and saved["first"]["q-single"]["score"] == 0


def test_self_check_asks_before_showing_a_solution_and_says_what_counts(sample_bank, tmp_path):
    from pmesocial.kernel.widgets import ExerciseWidget
    from pmesocial.record import RecordStore

    bank = {**sample_bank, "purpose": "self-check"}
    store = RecordStore(tmp_path / "d.json")
    widget = ExerciseWidget(bank, store=store)
    view = widget.views[0]
    view.ask_solution()
    assert view.confirm.layout.display == "" and view.solution.value == ""
    view.show_solution(confirmed=True)
    assert "Solution" in view.solution.value
    assert store.load()["exercises"]["sample"]["first"]["q-single"]["solution_first"] is True
    assert "non comptée" in view.note.value
    other = widget.views[1]
    other.boxes["a"].value = True
    other.check()
    assert "seule compte votre première réponse" in other.note.value
    other.ask_solution()  # after an attempt, no confirmation is needed
    assert "Solution" in other.solution.value


def test_entry_test_records_without_feedback_then_shows_a_profile(tmp_path):
    from pmesocial.data.banks import display_order, load_bank
    from pmesocial.kernel.widgets import ExerciseWidget
    from pmesocial.record import RecordStore

    bank = display_order(load_bank("positionnement-entree"))
    store = RecordStore(tmp_path / "d.json")
    widget = ExerciseWidget(bank, store=store, modules={1: "Médias sociaux ou réseaux sociaux ?"})
    view = widget.views[0]
    view.set_answer(scoring.correct_answer(view.question))
    view._changed(None)
    assert store.load()["exercises"][bank["id"]]["drafts"]
    assert not any(isinstance(c, type(view.check_btn)) for c in view.box.children)  # no per-question button
    widget.submit()
    entry = store.load()["exercises"][bank["id"]]
    assert entry["submitted"] and len(entry["first"]) == len(bank["questions"])
    assert entry["first"][view.question["id"]]["score"] == 1
    assert all(v.feedback.value == "" and v.solution.value == "" for v in widget.views)
    assert typo("Module 1 — Médias sociaux") in widget.status.value and typo("n'est pas noté") in widget.status.value
    assert view.input.disabled
    again = ExerciseWidget(bank, store=store)
    assert again.submitted and again.submit_btn.disabled


def _models(widget) -> list:
    """The widget and every widget model below it (children, layouts, styles)."""
    import ipywidgets as w

    seen, todo = {}, [widget]
    while todo:
        model = todo.pop()
        if id(model) in seen:
            continue
        seen[id(model)] = model
        todo += [value for name in model.keys for value in ((lambda v: v if isinstance(v, (list, tuple)) else [v])(
            getattr(model, name))) if isinstance(value, w.Widget)]
    return list(seen.values())


def test_an_exercise_shares_its_layouts_and_styles():
    """Each model is one more message to the front end: the widgets of an exercise share
    their layouts and styles, one per distinct value (a module's Run All, issue 11)."""
    import ipywidgets as w

    from pmesocial import exercise

    shown = exercise("m2-scenarios")
    models = _models(shown.widget)
    layouts = [m for m in models if isinstance(m, w.Layout)]
    styles = [m for m in models if isinstance(m, w.widgets.widget_style.Style)]
    questions = len(shown.bank["questions"])
    # one layout of its own per question (the confirmation shown and hidden), a few shared
    assert len(layouts) <= questions + 6 and len(styles) <= 6, (len(layouts), len(styles))
    assert len(models) <= 16 * questions + 12, len(models)
