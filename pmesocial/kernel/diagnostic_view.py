"""The self-diagnostic in a notebook (its payload) and as a report file a PME can keep.

The view is the book's static/pmesocial/ui/diagnostic.js in every host (kernel/host.py):
each answer is sent as it changes (`saveDiagnostic`) and saved on the latest record, so
two notebooks keep both answers.
"""
from __future__ import annotations

from pmesocial.data.course import modules as all_modules
from pmesocial.data.diagnostic import load_diagnostic
from pmesocial.front_end import DIAGNOSTIC_CLASS
from pmesocial.kernel.display import CourseOutput
from pmesocial.kernel.documents import render
from pmesocial.rules import diagnostic


def module_titles() -> dict[str, str]:
    from pmesocial.data.course import modules

    return {str(m["number"]): m["title"] for m in modules()}


def report_html(spec: dict, result: dict, trainee: dict, date: str) -> str:
    """One self-contained HTML file, the one template the book fills too: nothing is loaded."""
    return render("diagnostic_report", diagnostic.report_view(spec, result, trainee, module_titles(), date))


class Diagnostic(CourseOutput):
    kind = "diagnostic"
    css_class = DIAGNOSTIC_CLASS
    shows = "l'autodiagnostic"

    def __init__(self, spec: dict):
        self.spec = spec

    def __repr__(self) -> str:
        n = sum(len(d["items"]) for d in self.spec["dimensions"])
        return f"Autodiagnostic « {self.spec['title']} » : {len(self.spec['dimensions'])} dimensions, {n} questions"

    def payload(self) -> dict:
        modules = {m["number"]: {"title": m["title"], "page": m["notebook"]} for m in all_modules()}
        return {"kind": self.kind, "version": 1, "diagnostic": self.spec, "modules": modules}


def autodiagnostic(diagnostic_id: str = "diagnostic-pme") -> Diagnostic:
    return Diagnostic(load_diagnostic(diagnostic_id))
