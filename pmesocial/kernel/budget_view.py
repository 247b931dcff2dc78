"""The « Chronophage ? » time budget in a notebook: its payload. The view is the book's
static/pmesocial/ui/budget.js in every host (kernel/host.py): sliders, the summary and two
bar charts, from rules/budget.js; nothing is kept in the record."""
from __future__ import annotations

from pmesocial.data.budget import load_budget
from pmesocial.front_end import BUDGET_CLASS
from pmesocial.kernel.display import CourseOutput


class TimeBudget(CourseOutput):
    kind = "budget"
    css_class = BUDGET_CLASS
    shows = "le calculateur"

    def __init__(self, spec: dict):
        self.spec = spec

    def __repr__(self) -> str:
        return f"Budget temps « {self.spec['title']} » : {len(self.spec['activities'])} activités"

    def payload(self) -> dict:
        return {"kind": self.kind, "version": 1, "budget": self.spec}


def time_budget(budget_id: str) -> TimeBudget:
    return TimeBudget(load_budget(budget_id))
