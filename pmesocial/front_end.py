"""The course's one front end, the JavaScript in static/pmesocial/: which scripts each kind
of course output needs, in order (a script relies on the ones before it). The book's
Sphinx extension (book/__init__.py) loads them into its pages, keeping the record in
localStorage (ui/store.js); the kernel's anywidget (kernel/host.py) bundles the same
views with a store that talks to the kernel (ui/kernel_store.js). Nothing here imports
Sphinx or ipywidgets."""
from __future__ import annotations

from pathlib import Path

from pmesocial.paths import NODE_MODULES

EXERCISE_CLASS = "pmes-exercise-output"
PLOTLY_CLASS = "pmes-plotly-output"
BUDGET_CLASS = "pmes-budget-output"
DIAGNOSTIC_CLASS = "pmes-diagnostic-output"
PANEL_CLASS = "pmes-panel-output"
FORM_CLASS = "pmes-form-output"
GROUP_CLASS = "pmes-group-output"
CARNET_CLASS = "pmes-carnet-output"  # the « Mon dossier » panel, which offers the carnet
CARNET_CONTEXT = "carnet-context.js"  # written at the end of the build; fetched on demand (ui/carnet.js)
NUNJUCKS = "nunjucks-slim.min.js"
# A page of the book loads the union of its kinds' scripts, each file once.
STORE = ["rules/format.js", "rules/typography.js", "rules/validation.js", "schemas/record.js", "schemas/limits.js",
         "rules/limits.js", "rules/record.js", "ui/dom.js", "ui/storage.js", "ui/store.js"]
XAPI_PROFILE = "xapi-profile.js"  # written at the end of the build (the course as statements see it, the privacy texts)
# On every page: a launch link may open any of them (ui/lrs.js keeps it for the session and
# shows its notice), and the first page a trainee opens shows the privacy notice
# (ui/privacy.js); both texts are in the profile. All storage goes through ui/storage.js,
# which says what the browser refuses to keep.
EVERY_PAGE = [XAPI_PROFILE, "rules/typography.js", "rules/xapi.js", "ui/storage.js", "ui/notice.js", "ui/lrs.js",
              "ui/privacy.js"]
LAW_PAGE = ["ui/anchors.js"]  # pages whose legal rules are folded (kernel/law.py)
DOCUMENTS = ["rules/scoring.js", "rules/evidence.js", "rules/forms.js", "rules/rubric.js", "rules/documents.js", NUNJUCKS, "templates.js",
             "ui/documents.js"]
SCRIPTS = {
    EXERCISE_CLASS: STORE + ["rules/scoring.js", "rules/evidence.js", "schemas/bank.js", "ui/exercise.js"],
    PLOTLY_CLASS: ["ui/plotly.js"],  # it loads plotly.min.js on demand
    BUDGET_CLASS: ["rules/format.js", "rules/typography.js", "ui/dom.js", "rules/budget.js", "ui/budget.js"],
    DIAGNOSTIC_CLASS: STORE + DOCUMENTS + ["schemas/diagnostic.js", "rules/radar.js", "rules/diagnostic.js",
                                           "ui/diagnostic.js"],
    PANEL_CLASS: STORE + DOCUMENTS + ["ui/panel.js"],
    CARNET_CLASS: STORE + DOCUMENTS + ["rules/radar.js", "rules/diagnostic.js", "rules/carnet.js", "ui/carnet.js"],
    FORM_CLASS: STORE + DOCUMENTS + ["schemas/form.js", "ui/form.js"],
    # the trainer's group view: record rules to read files, the group rules and template
    GROUP_CLASS: STORE + DOCUMENTS + ["rules/radar.js", "rules/diagnostic.js", "rules/group.js", XAPI_PROFILE,
                                      "rules/xapi.js", "ui/group_lrs.js", "ui/group_judge.js",
                                      "ui/group_view.js"],
}

# each kind of payload -> the element its view is mounted on (class, data attribute) and
# the book's output class that names its scripts
HOSTS = {
    "exercise": ("pmes-exercise", "data-pmes-exercise", EXERCISE_CLASS),
    "budget": ("pmes-budget-host", "data-pmes-budget", BUDGET_CLASS),
    "diagnostic": ("pmes-diagnostic-host", "data-pmes-diagnostic", DIAGNOSTIC_CLASS),
    "panel": ("pmes-panel-host", "data-pmes-panel", PANEL_CLASS),
    "form": ("pmes-form-host", "data-pmes-form", FORM_CLASS),
    "group": ("pmes-group-host", "data-pmes-group", GROUP_CLASS),
}

# in a kernel the record is the kernel's: these two book files give way to ui/kernel_store.js
BROWSER_STORE = ("ui/storage.js", "ui/store.js")
KERNEL_STORE = "ui/kernel_store.js"
# the kernel checks banks, diagnostics and forms when it loads them, and every record it
# reads (data/validation.py, record.py): their validators (about 260 KB) would travel with
# every output for nothing (ui/host.js stands in for the record's)
CHECKED_IN_KERNEL = ("schemas/bank.js", "schemas/diagnostic.js", "schemas/form.js", "schemas/record.js")


def kernel_scripts(css_class: str) -> list[str]:
    """The scripts of one kind of output as a kernel mounts it (kernel/host.py)."""
    scripts = [s for s in SCRIPTS[css_class] if s not in BROWSER_STORE + CHECKED_IN_KERNEL]
    if "rules/record.js" not in scripts:  # a view that keeps nothing (the time budget)
        return scripts
    last_rule = max(i for i, s in enumerate(scripts) if not s.startswith("ui/")) if scripts else -1
    return scripts[:last_rule + 1] + [KERNEL_STORE] + scripts[last_rule + 1:]


def nunjucks_js() -> Path:
    """nunjucks' slim runtime (npm, package-lock.json): it fills the precompiled document
    templates (templates.js), in the book and in a kernel."""
    path = NODE_MODULES / "nunjucks" / "browser" / NUNJUCKS
    if not path.exists():
        raise FileNotFoundError(f"{path} est introuvable : installez les paquets npm du cours (make js, ou npm ci).")
    return path
