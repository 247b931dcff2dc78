"""Médias sociaux et PME: the course's exercise engine, data and book extension.

The public API, what notebooks call (one short line each). Notebooks import only from
here, so that the layers inside the package (data, rules, kernel, book) can move:
    exercise("m1-autoevaluation")        a question bank, with feedback and score
    form("plan")                         a questionnaire: besoins, plan, satisfaction, evaluation-a-froid
    time_budget("m6-budget")             the « Chronophage ? » calculator
    autodiagnostic()                     the self-diagnostic of the PME
    mon_dossier(), autopositionnement("entree"), bilan(), group_view("dossiers/")
    audience_then_and_now(), years_to_50_million(), …   the modules' charts and tables
    law_table(["prospection-b2c", …])                    legal rules with their text, date and source
    check_in_code(answer, bank, question)                the practice notebooks' code path
Each name is imported on first use, so a module's first cell stays fast.
"""
from importlib import import_module

_PUBLIC = {
    "Exercise": "pmesocial.kernel.exercise", "exercise": "pmesocial.kernel.exercise",
    "form": "pmesocial.kernel.form_view", "time_budget": "pmesocial.kernel.budget_view",
    "autodiagnostic": "pmesocial.kernel.diagnostic_view", "mon_dossier": "pmesocial.kernel.panels",
    "autopositionnement": "pmesocial.kernel.panels", "bilan": "pmesocial.kernel.panels",
    "group_view": "pmesocial.kernel.group_view", "check_in_code": "pmesocial.kernel.practice",
    "law_table": "pmesocial.kernel.law",
    **{name: "pmesocial.kernel.course_charts" for name in (
        "audience_then_and_now", "years_to_50_million", "us_visits_share_2010", "trust_consumers_vs_ads",
        "then_and_now", "provenance_table")},
}
__all__ = sorted(_PUBLIC)


def __getattr__(name: str):
    if name not in _PUBLIC:
        raise AttributeError(f"module 'pmesocial' has no attribute {name!r}")
    value = getattr(import_module(_PUBLIC[name]), name)
    globals()[name] = value
    return value
