"""The object a notebook displays for an exercise (a question bank).

Its mime bundle carries the ipywidgets view (JupyterLab, Voilà) and the exercise data
under the course mime type, which the book's Sphinx extension renders in JavaScript.
"""
from __future__ import annotations

from pmesocial.data.banks import display_order, load_bank
from pmesocial.kernel.display import MIME_TYPE, CourseOutput
from pmesocial.rules import scoring
from pmesocial.rules.evidence import TEST_PURPOSES

__all__ = ["MIME_TYPE", "Exercise", "exercise"]
PAYLOAD_VERSION = 2


def _module_titles() -> dict[int, str]:
    from pmesocial.data.course import modules

    return {m["number"]: m["title"] for m in modules()}


class Exercise(CourseOutput):
    kind = "exercise"

    def __init__(self, bank: dict, record_key: str | None = None):
        self.bank = bank
        self.record_key = record_key or bank["id"]

    def build_widget(self):
        from pmesocial.kernel.widgets import ExerciseWidget  # only where a front end is wanted
        from pmesocial.record import default_store

        # the module titles name the rows of a test's profile: only tests need them
        titles = _module_titles() if self.bank.get("purpose") in TEST_PURPOSES else None
        return ExerciseWidget(self.bank, store=default_store(), record_key=self.record_key, modules=titles)

    def payload(self) -> dict:
        data = {"kind": self.kind, "version": PAYLOAD_VERSION, "bank": self.bank, "record_key": self.record_key}
        if self.bank.get("purpose") in TEST_PURPOSES:
            data["modules"] = {str(n): t for n, t in _module_titles().items()}
        return data

    def __repr__(self) -> str:
        n = len(self.bank["questions"])
        return (f"Exercice « {self.bank['title']} » : {n} question{'s' if n > 1 else ''}, "
                f"{scoring.bank_max_score(self.bank)} points")


def exercise(bank_id: str) -> Exercise:
    """Display the exercise stored in data/quiz/<bank_id>.yaml."""
    return Exercise(display_order(load_bank(bank_id)))
