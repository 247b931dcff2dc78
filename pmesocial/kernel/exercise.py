"""The object a notebook displays for an exercise (a question bank).

Its mime bundle carries the exercise data under the course mime type, which the book's
Sphinx extension mounts with ui/exercise.js, and the anywidget that mounts the same
script in JupyterLab and Voilà (kernel/host.py).
"""
from __future__ import annotations

from pmesocial.data.banks import display_order, load_bank
from pmesocial.front_end import EXERCISE_CLASS
from pmesocial.kernel.display import MIME_TYPE, CourseOutput
from pmesocial.rules import scoring
from pmesocial.rules.evidence import TEST_PURPOSES

__all__ = ["MIME_TYPE", "Exercise", "exercise"]
PAYLOAD_VERSION = 2


def _module_titles() -> dict[int, str]:
    from pmesocial.data.course import modules

    return {m["number"]: m["title"] for m in modules()}


class Exercise(CourseOutput):
    kind, css_class = "exercise", EXERCISE_CLASS

    def __init__(self, bank: dict, record_key: str | None = None):
        self.bank = bank
        self.record_key = record_key or bank["id"]

    def payload(self) -> dict:
        data = {"kind": self.kind, "version": PAYLOAD_VERSION, "bank": self.bank, "record_key": self.record_key}
        if self.bank.get("purpose") in TEST_PURPOSES:  # the module titles name the rows of a test's profile
            data["modules"] = {str(n): t for n, t in _module_titles().items()}
        return data

    def summary(self) -> str:
        n = len(self.bank["questions"])
        return (f"Exercice « {self.bank['title']} » : {n} question{'s' if n > 1 else ''}, "
                f"{scoring.bank_max_score(self.bank)} points")


def exercise(bank_id: str) -> Exercise:
    """Display the exercise stored in data/quiz/<bank_id>.yaml."""
    return Exercise(display_order(load_bank(bank_id)))
