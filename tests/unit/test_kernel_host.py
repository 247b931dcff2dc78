"""The front end in a kernel (kernel/host.py): the book's scripts in one ES module per
kind of output, and the events its views send saved by the kernel's RecordStore."""
import re

import pytest

from pmesocial.front_end import BROWSER_STORE, EXERCISE_CLASS, HOSTS, KERNEL_STORE, SCRIPTS, kernel_scripts
from pmesocial.kernel.exercise import Exercise
from pmesocial.kernel.host import EVENTS, MARK, CourseView, bundle
from pmesocial.record import RecordStore


@pytest.fixture
def view(sample_bank, tmp_path):
    store = RecordStore(tmp_path / "d.json")
    return CourseView(EXERCISE_CLASS, HOSTS["exercise"][:2], Exercise(sample_bank).payload(), store)


def test_the_module_holds_the_books_view_with_the_kernels_store():
    scripts = kernel_scripts(EXERCISE_CLASS)
    assert "ui/exercise.js" in scripts and KERNEL_STORE in scripts
    assert not set(BROWSER_STORE) & set(scripts)  # no localStorage in a kernel
    assert scripts.index("rules/record.js") < scripts.index(KERNEL_STORE) < scripts.index("ui/exercise.js")
    assert set(scripts) - {KERNEL_STORE} <= set(SCRIPTS[EXERCISE_CLASS])
    module = bundle(EXERCISE_CLASS)
    assert MARK not in module and "export default { render }" in module
    assert module.count(").call(root);") == len(scripts)
    assert "function renderExercise(container, kernelStore)" in module


def test_every_store_method_a_view_calls_is_an_event_the_kernel_saves():
    """The methods of ui/store.js the views call are the events kernel_store.js sends."""
    from pmesocial.paths import STATIC_DIR

    js = (STATIC_DIR / "pmesocial" / "ui" / "kernel_store.js").read_text("utf-8")
    sent = set(re.findall(r"\b(\w+): \[rules\.apply", js)) | set(re.findall(r"\b(\w+): rules\.apply", js))
    assert sent and sent == set(EVENTS)
    assert all(hasattr(RecordStore, method) for method in EVENTS.values())


def test_an_event_is_saved_and_answered_with_the_record(view, monkeypatch):
    replies = []
    monkeypatch.setattr(view, "send", replies.append)
    view._event(view, {"event": "saveDraft", "args": ["sample", "q-single", "b"], "n": 1}, [])
    view._event(view, {"event": "saveAttempt", "args": ["sample", "q-single", "a", 1, 1, 2.5], "n": 2}, [])
    saved = view.store.load()["exercises"]["sample"]
    assert saved["answers"] == {"q-single": "a"} and saved["first"]["q-single"]["score"] == 1
    assert view.record["exercises"]["sample"] == saved
    assert replies == [{"saved": 1}, {"saved": 2}]


def test_an_unknown_event_changes_nothing(view, monkeypatch):
    monkeypatch.setattr(view, "send", lambda _msg: None)
    view._event(view, {"event": "export_text", "args": [], "n": 1}, [])
    view._event(view, {"event": "__init__", "args": [], "n": 2}, [])
    assert "exercises" not in view.store.load() or view.store.load()["exercises"] == {}


def test_one_model_per_output(view):
    """The view is one widget model: no child widgets, layouts or styles of its own."""
    from ipywidgets import Widget

    children = [getattr(view, name) for name in view.keys if isinstance(getattr(view, name), Widget)]
    assert [c for c in children if c is not view and type(c).__name__ not in ("Layout",)] == []
