"""Médias sociaux et PME: the course's exercise engine, data and book extension.

The public API, what notebooks call (one short line each). Notebooks import only from
here, so that the layers inside the package (data, rules, kernel, book) can move:
    exercise("m1-autoevaluation")        a question bank, with feedback and score
    form("plan")                         a questionnaire: besoins, plan, satisfaction, evaluation-a-froid
    time_budget("m6-budget")             the « Chronophage ? » calculator
    autodiagnostic()                     the self-diagnostic of the PME
    mon_dossier(), autopositionnement("entree"), bilan(), group_view("dossiers/")
    mon_carnet()                         the trainee's workbook as one printable HTML file
    group_view_lrs(registration, endpoint, auth)         the same view, read from the LRS
    group_files()                        the same view of files the trainer drops (no folder, no code)
    audience_then_and_now(), years_to_50_million(), …   the modules' charts and tables
    law_table(["prospection-b2c", …])                    legal rules with their text, version and day checked
    law_checked()                                        « Règles vérifiées le … » (module 8)
    check_in_code(answer, bank, question)                the practice notebooks' code path
Each name is imported on first use, so a module's first cell stays fast; the charts and
tables (pandas, plotly) only when they are first called.
"""
from importlib import import_module

_PUBLIC = {
    "Exercise": "pmesocial.kernel.exercise", "exercise": "pmesocial.kernel.exercise",
    "form": "pmesocial.kernel.form_view", "time_budget": "pmesocial.kernel.budget_view",
    "autodiagnostic": "pmesocial.kernel.diagnostic_view", "mon_dossier": "pmesocial.kernel.panels",
    "autopositionnement": "pmesocial.kernel.panels", "bilan": "pmesocial.kernel.panels",
    "group_view": "pmesocial.kernel.group_view", "group_view_lrs": "pmesocial.kernel.group_view",
    "group_files": "pmesocial.kernel.group_view",
    "mon_carnet": "pmesocial.kernel.documents",
    "check_in_code": "pmesocial.kernel.practice",
    "law_table": "pmesocial.kernel.law", "law_checked": "pmesocial.kernel.law",
    **{name: "pmesocial.kernel.course_charts" for name in (
        "audience_then_and_now", "years_to_50_million", "us_visits_share_2010", "trust_consumers_vs_ads",
        "then_and_now", "provenance_table")},
}
__all__ = sorted(_PUBLIC)
# what their module costs to import: a name stands for its function until its first call
_ON_FIRST_CALL = frozenset({"pmesocial.kernel.course_charts"})


class _OnFirstCall:
    # A public function whose module is imported when it is first called (or asked for its
    # help, whose text is the function's own), not when a module's first cell imports its name.

    def __init__(self, module: str, name: str):
        self._module, self.__name__ = module, name
        self.__qualname__ = name

    @property
    def __wrapped__(self):
        return getattr(import_module(self._module), self.__name__)

    @property
    def __doc__(self):
        return self.__wrapped__.__doc__

    def __call__(self, *args, **kwargs):
        return self.__wrapped__(*args, **kwargs)

    def __repr__(self) -> str:
        return f"<function {self.__name__} (pmesocial)>"


def __getattr__(name: str):
    if name not in _PUBLIC:
        raise AttributeError(f"module 'pmesocial' has no attribute {name!r}")
    module = _PUBLIC[name]
    value = _OnFirstCall(module, name) if module in _ON_FIRST_CALL else getattr(import_module(module), name)
    globals()[name] = value
    return value
