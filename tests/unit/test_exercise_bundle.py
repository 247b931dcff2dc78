"""What a notebook stores for an exercise: widget view + course JSON, and a text that says
what to do; the view itself is the front end's (kernel/host.py, tests/unit/test_kernel_host.py)."""
import json

from pmesocial.kernel.exercise import MIME_TYPE, Exercise
from pmesocial.rules.typography import typo


def test_bundle_carries_widget_and_data(sample_bank):
    bundle = Exercise(sample_bank)._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle[MIME_TYPE]["bank"]["id"] == "sample"
    assert bundle["text/plain"] == typo("Exécutez la cellule (Maj + Entrée) pour afficher l'exercice.")
    json.dumps(bundle[MIME_TYPE])  # must be JSON-serialisable as stored in the notebook


def test_the_stored_payload_is_stable_and_under_the_course_mime_type():
    """What a notebook stores must not change from one execution to the next (nbval):
    the options' shuffled order depends on the ids only, and nothing volatile goes in."""
    from pmesocial import exercise

    first, again = exercise("m1-autoevaluation").payload(), exercise("m1-autoevaluation").payload()
    assert json.dumps(first, sort_keys=True) == json.dumps(again, sort_keys=True)
    assert first["kind"] == "exercise" and first["version"] == 2
    assert MIME_TYPE == "application/vnd.pmesocial.exercise+json"  # the type every committed notebook stores
