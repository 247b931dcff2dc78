"""Sphinx extension for the static book: serves the course's own assets, once per page.

Exercises, tools and plotly figures are turned into HTML by the myst-nb mime renderers
in mime.py; this extension copies the JavaScript they need into `_static/pmesocial/`
(plotly.js in a version checked against plotly.py's, see `_plotly_js`), adds each
script only to the pages that use it, and keeps pages free of anything from another host
or inaccessible to screen readers (thebe's CDN script, the widget state, two theme
buttons, English toggle labels).
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from docutils import nodes

from ..paths import REPO_DIR, STATIC_DIR

EXERCISE_CLASS = "pmes-exercise-output"
PLOTLY_CLASS = "pmes-plotly-output"
BUDGET_CLASS = "pmes-budget-output"
DIAGNOSTIC_CLASS = "pmes-diagnostic-output"
PANEL_CLASS = "pmes-panel-output"
# asset class on a page -> scripts it needs, in order (record.js before its users)
SCRIPTS = {
    EXERCISE_CLASS: ["record.js", "exercise.js"],
    PLOTLY_CLASS: ["plotly.min.js", "plotly-render.js"],
    BUDGET_CLASS: ["budget.js"],
    DIAGNOSTIC_CLASS: ["diagnostic.js"],
    PANEL_CLASS: ["evidence.js", "panel.js"],
}


def _bundle_version(path: Path) -> str | None:
    match = re.search(rb"plotly\.js (?:\([^)]*\) )?v(\d+\.\d+\.\d+)", path.read_bytes()[:600])
    return match.group(1).decode() if match else None


def _plotly_js() -> Path:
    """plotly.js for the book: npm's basic bundle (bar, scatter, pie: all the course draws;
    1 MB instead of 4.8 MB) when its version is exactly that of plotly.py's own bundle,
    which is the fallback, so the figures' JSON always meets the plotly.js it was made for."""
    import plotly

    full = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    basic = REPO_DIR / "node_modules" / "plotly.js-basic-dist-min" / "plotly-basic.min.js"
    if basic.exists() and _bundle_version(basic) == _bundle_version(full):
        return basic
    return full


def _classes_on_page(doctree) -> set[str]:
    if doctree is None:
        return set()
    found = set()
    for node in doctree.findall(nodes.container):
        found.update(c for c in node["classes"] if c in SCRIPTS)
    return found


def _add_page_assets(app, pagename, templatename, context, doctree):
    used = _classes_on_page(doctree)
    if used:
        app.add_css_file("pmesocial/exercise.css")
    for css_class, scripts in SCRIPTS.items():
        if css_class in used:
            for script in scripts:
                app.add_js_file(f"pmesocial/{script}", loading_method="defer")
    if PLOTLY_CLASS not in used and "pathto" in context:
        # fetched while the reader reads, so the first page with a chart opens at once
        href = context["pathto"]("_static/pmesocial/plotly.min.js", 1)
        context["metatags"] = context.get("metatags", "") + f'<link rel="prefetch" href="{href}" as="script">\n'


def _drop_widget_state(app, doctree):
    """myst-nb embeds the ipywidgets state of notebooks it executes (~250 KB a page);
    the book renders exercises from their own JSON, so that state is dead weight."""
    doc_data = getattr(app.env, "nb_metadata", {}).get(app.env.docname, {})
    doc_data.get("js_files", {}).pop("ipywidgets_state", None)


def _drop_thebe(app, pagename, templatename, context, doctree):
    """Jupyter Book always loads sphinx-thebe, whose inline script points at a CDN and is
    declared twice (a page error). The book has no live kernel: take it out."""
    for key in ("script_files", "css_files"):
        files = context.get(key)
        if files:
            files[:] = [f for f in files if "thebe" not in str(f) and
                        "THEBE" not in (getattr(f, "attributes", {}) or {}).get("body", "")]


def _label_code_toggles(app, pagename, templatename, context, doctree):
    """myst-nb labels every « Afficher le code » toggle "Toggle hidden content", which hides
    the visible French text from screen readers (axe-core: label-content-name-mismatch)."""
    if "body" in context:
        context["body"] = context["body"].replace(' aria-label="Toggle hidden content"', "")


def _register_static(app):
    app.config.html_static_path.append(str(STATIC_DIR))


def _register_templates(app, config):
    # before the builder loads its templates: our accessible versions of two theme parts
    config.templates_path.insert(0, str(Path(__file__).parent / "templates"))


def _copy_plotly(app, exception):
    if exception is None and app.builder.format == "html":
        target = Path(app.outdir) / "_static" / "pmesocial" / "plotly.min.js"
        target.parent.mkdir(parents=True, exist_ok=True)
        source = _plotly_js()
        if not target.exists() or target.read_bytes() != source.read_bytes():
            shutil.copyfile(source, target)


def setup(app):
    app.connect("config-inited", _register_templates)
    app.connect("builder-inited", _register_static)
    app.connect("doctree-read", _drop_widget_state)
    app.connect("html-page-context", _add_page_assets)
    app.connect("html-page-context", _drop_thebe, priority=900)
    app.connect("html-page-context", _label_code_toggles)
    app.connect("build-finished", _copy_plotly)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
