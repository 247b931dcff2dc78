"""Every exercise of every notebook is served in the kernel by the front end
(kernel/host.py) with the payload the book mounts, and its right answer gets full marks."""
import re
from pathlib import Path

import nbformat
import pytest

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
def test_exercise_is_served_by_the_front_end(path, bank_id, tmp_path, monkeypatch):
    from pmesocial import exercise
    from pmesocial.kernel.host import CourseView
    from pmesocial.record import RecordStore

    monkeypatch.setattr("pmesocial.record.default_store", lambda: RecordStore(tmp_path / "d.json"))
    shown = exercise(bank_id)
    view = shown.widget
    assert isinstance(view, CourseView) and view.payload == shown.payload()
    bank = view.payload["bank"]
    results = [scoring.check(q, scoring.correct_answer(q)) for q in bank["questions"]]
    assert all(r.correct for r in results), bank_id
    assert sum(r.score for r in results) == scoring.bank_max_score(bank) > 0
