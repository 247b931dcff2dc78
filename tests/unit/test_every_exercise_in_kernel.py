"""Every exercise of every notebook answers in the kernel front end (ipywidgets):
the right answer gets « Bonne réponse » and full marks, a wrong one does not."""
import re
from pathlib import Path

import nbformat
import pytest

from pmesocial.data.banks import display_order, load_bank
from pmesocial.kernel.widgets import ExerciseWidget
from pmesocial.rules import scoring

REPO = Path(__file__).resolve().parents[2]
CALL = re.compile(r'exercise\("([a-z0-9-]+)"')
CELLS = sorted({(str(p.relative_to(REPO)), m) for folder in ("notebooks", "solutions", "outils")
                for p in (REPO / folder).glob("*.ipynb")
                for c in nbformat.read(p, 4).cells if c.cell_type == "code"
                for m in CALL.findall(c.source)})


def test_every_module_has_exercises():
    from pmesocial.data.course import sequences

    lessons = {s["page"] + ".ipynb" for s in sequences() if "module" in s}
    modules = {path for path, _ in CELLS if path.startswith("notebooks/")}
    assert lessons and lessons == modules


@pytest.mark.parametrize("path, bank_id", CELLS)
def test_exercise_answers_in_kernel(path, bank_id, tmp_path):
    from pmesocial.record import RecordStore

    widget = ExerciseWidget(display_order(load_bank(bank_id)), store=RecordStore(tmp_path / "d.json"))
    for view in widget.views:
        view.set_answer(scoring.correct_answer(view.question))
        view.check()
        assert "Bonne réponse" in view.feedback.value, (bank_id, view.question["id"])
    score, top = widget.current_score()
    assert score == top > 0
    assert f"Score : {top} sur {top}" in widget.score.value
