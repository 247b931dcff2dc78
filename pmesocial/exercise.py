"""The object a notebook displays for an exercise.

Its mime bundle carries the ipywidgets view (JupyterLab, Voilà) and the exercise data
under a course mime type, which the book's Sphinx extension renders in JavaScript.
"""
from __future__ import annotations

from . import scoring
from .banks import display_order, load_bank

MIME_TYPE = "application/vnd.pmesocial.exercise+json"
PAYLOAD_VERSION = 1


class Exercise:
    def __init__(self, bank: dict, record_key: str | None = None):
        self.bank = bank
        self.record_key = record_key or bank["id"]
        self._widget = None

    @property
    def widget(self):
        if self._widget is None:
            from .record import default_store
            from .widgets import ExerciseWidget  # only where a front end is wanted
            self._widget = ExerciseWidget(self.bank, store=default_store(), record_key=self.record_key)
        return self._widget

    def payload(self) -> dict:
        return {"version": PAYLOAD_VERSION, "bank": self.bank, "record_key": self.record_key}

    def __repr__(self) -> str:
        n = len(self.bank["questions"])
        return (f"Exercice « {self.bank['title']} » : {n} question{'s' if n > 1 else ''}, "
                f"{scoring.bank_max_score(self.bank)} points")

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = dict(self.widget._repr_mimebundle_() or {})
        bundle["text/plain"] = repr(self)
        bundle[MIME_TYPE] = self.payload()
        return bundle


def exercise(bank_id: str, phase: str | None = None) -> Exercise:
    """Display the exercise stored in data/quiz/<bank_id>.yaml; `phase` ("entree",
    "sortie") keeps the answers of a test taken twice apart."""
    from .evidence import record_key

    return Exercise(display_order(load_bank(bank_id)), record_key(bank_id, phase))
