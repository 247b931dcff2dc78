"""The course's front end in a kernel (JupyterLab, Voilà): one anywidget per course output.

Its ES module is the book's own JavaScript (static/pmesocial/ui/host.js around the
scripts front_end.py lists for that output), so a click gives the same DOM here as in the
book. Its store is the kernel's RecordStore: the view sends what the trainee did as an
event (the method names of ui/store.js), the kernel saves it and answers with the record
and the store's notices. One model per output.
"""
from __future__ import annotations

import functools
from pathlib import Path

import anywidget
import traitlets as t

from pmesocial.front_end import NUNJUCKS, kernel_scripts, nunjucks_js
from pmesocial.paths import STATIC_DIR
from pmesocial.rules.typography import typo

ASSETS = STATIC_DIR / "pmesocial"
# a save button's word while the record is only in this kernel's memory (full disk, read-only folder)
NOT_SAVED = ("Pas enregistré sur le disque : votre saisie reste dans ce notebook tant qu'il est ouvert. "
             "Exportez votre dossier (lien en haut de cet exercice).")
MARK = "/* SCRIPTS */"
# the events a view may send -> the RecordStore method that saves them
EVENTS = {
    "saveAttempt": "save_attempt", "saveDraft": "save_draft", "solutionSeen": "solution_seen",
    "resetQuestion": "reset_question", "submitTest": "submit_test", "saveForm": "save_form",
    "saveFormChanges": "save_form_changes", "saveDiagnostic": "save_diagnostic",
    "saveSelfPositioning": "save_self_positioning", "attestationIssued": "attestation_issued",
    "setTrainee": "set_trainee",
}


def _source(name: str) -> Path:
    """A script of the front end: the package's, or nunjucks' runtime from npm (it names
    itself on the page's window)."""
    return nunjucks_js() if name == NUNJUCKS else ASSETS / name


@functools.cache
def bundle(css_class: str) -> str:
    """The ES module of one kind of output: each classic script of the book run with the
    module's `root` as its `this` (ui/host.js)."""
    parts = [f"(function () {{\n{_source(name).read_text('utf-8')}\n}}).call(root);"
             for name in kernel_scripts(css_class)]
    return (ASSETS / "ui" / "host.js").read_text("utf-8").replace(MARK, "\n".join(parts))


@functools.cache
def stylesheet() -> str:
    return (ASSETS / "exercise.css").read_text("utf-8")


class CourseView(anywidget.AnyWidget):
    """A course output mounted by the book's front end, its record in `store`."""
    _css = t.Unicode().tag(sync=True)
    payload = t.Dict().tag(sync=True)
    host = t.List(t.Unicode()).tag(sync=True)  # the book's host element: class, data attribute
    record = t.Dict().tag(sync=True)
    notices = t.List(t.Unicode()).tag(sync=True)
    export_text = t.Unicode("").tag(sync=True)  # while changes are only in memory (full disk…)
    not_saved = t.Unicode("").tag(sync=True)  # what a save button says then (ui/kernel_store.js savedStatus)
    first_use = t.List(t.Dict()).tag(sync=True)

    def __init__(self, css_class: str, host: tuple[str, str], payload: dict, store):
        from pmesocial.kernel.notices import first_use_data

        self.add_traits(_esm=t.Unicode(bundle(css_class)).tag(sync=True))
        first_use, self.alerts = first_use_data()
        super().__init__(_css=stylesheet(), payload=payload, host=list(host), first_use=first_use)
        self.store = store
        self._show_store()
        store.watch(self._show_store)
        self.on_msg(self._event)

    def _show_store(self) -> None:
        self.record = self.store.load()
        self.notices = [*self.alerts, *map(typo, self.store.notices)]  # French texts enter the view here
        self.export_text = self.store.export_text() if self.store.unsaved else ""
        self.not_saved = typo(NOT_SAVED) if self.store.unsaved else ""

    def _event(self, _widget, content: dict, _buffers) -> None:
        name, args = content.get("event"), content.get("args") or []
        if name == "acknowledge":
            from pmesocial.kernel.notices import acknowledge

            acknowledge(args[0])
        elif name == "reload":  # the record as the file holds it now (ui/kernel_store.js reload)
            self._show_store()
        elif name in EVENTS:
            getattr(self.store, EVENTS[name])(*args)
            self._show_store()
        self.send({"saved": content.get("n")})
