"""Médias sociaux et PME: the course's exercise engine, data and book extension.

What notebooks call, one short line each (the public API: internals may move freely):
    exercise("m1-autoevaluation")        a question bank, with feedback and score
    form("plan")                         a questionnaire: besoins, plan, satisfaction, evaluation-a-froid
    time_budget("m6-budget")             the « Chronophage ? » calculator
    autodiagnostic()                     the self-diagnostic of the PME
    mon_dossier(), autopositionnement("entree"), bilan(), group_view("dossiers/")
"""
from .exercise import Exercise, exercise


def form(form_id: str):
    from .form_view import form as build
    return build(form_id)


def time_budget(budget_id: str):
    from .budget import time_budget as build
    return build(budget_id)


def autodiagnostic(diagnostic_id: str = "diagnostic-pme"):
    from .diagnostic_view import show_diagnostic
    return show_diagnostic(diagnostic_id)


def mon_dossier():
    from .evidence_view import mon_dossier as build
    return build()


def autopositionnement(phase: str):
    from .evidence_view import autopositionnement as build
    return build(phase)


def bilan():
    from .evidence_view import bilan as build
    return build()


def group_view(folder, anonymous: bool = True):
    from .group_view import group_view as build
    return build(folder, anonymous=anonymous)


__all__ = ["group_view", "Exercise", "exercise", "form", "time_budget", "autodiagnostic", "mon_dossier",
           "autopositionnement", "bilan"]
