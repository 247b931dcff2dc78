"""The book's Sphinx extension on a three-page book (tests/books/basic), built with
sphinx.testing in seconds, as sphinx-exercise tests itself: scripts only on the pages
that use them, nothing from another host, no widget state, the plotly fallback a warning."""
import json
import re
import shutil
from io import StringIO
from pathlib import Path

import nbformat
import pytest
from sphinx.testing.util import SphinxTestApp

import pmesocial.book as extension
from pmesocial.front_end import EXERCISE_CLASS, PLOTLY_CLASS, SCRIPTS, STORE
from pmesocial.kernel.charts import bar_chart
from pmesocial.kernel.display import MIME_TYPE
from pmesocial.kernel.exercise import Exercise

BOOK = Path(__file__).resolve().parents[1] / "books" / "basic"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PLOTLY_MIME = "application/vnd.plotly.v1+json"
CHART = bar_chart(["Radio", "Télévision<br>(hertzienne)"], [38, 13], title="Années pour 50 millions", y_title="Années",
                  source="Une source « <b>datée</b> »", alt="Deux barres : radio 38 ans, télévision 13 ans.",
                  value_suffix=" ans")


def _notebook(title: str, bundle: dict) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    code = nbformat.v4.new_code_cell("affiche()", execution_count=1)
    code.outputs = [nbformat.v4.new_output("display_data", data=bundle)]
    nb.cells = [nbformat.v4.new_markdown_cell(f"# {title}"), code]
    # what a kernel stores when widgets were shown: the book must not ship it
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {"m1": {"model_name": "X"}},
                                                                           "version_major": 2, "version_minor": 0}}
    return nb


def _build(tmp_path, **conf):
    import yaml

    src = tmp_path / "src"
    shutil.copytree(BOOK, src)
    bank = yaml.safe_load((FIXTURES / "sample_bank.yaml").read_text("utf-8"))
    bank["title"] = "Banque « test » </script><script>alert(1)</script>"
    nbformat.write(_notebook("Un exercice", {"text/plain": "Exercice", MIME_TYPE: Exercise(bank).payload()}),
                   src / "exercice.ipynb")
    nbformat.write(_notebook("Un graphique", {"text/plain": "Figure", PLOTLY_MIME: CHART.to_json()}),
                   src / "graphique.ipynb")
    warnings = StringIO()
    app = SphinxTestApp("html", srcdir=src, builddir=tmp_path / "_build", status=StringIO(), warning=warnings,
                        confoverrides=conf, freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    out = tmp_path / "_build" / "html"
    pages = {name: (out / f"{name}.html").read_text("utf-8") for name in ("index", "exercice", "graphique")}
    return pages, warnings.getvalue(), out


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("book"))


def _course_scripts(html: str) -> list[str]:
    """The course's scripts of a page, by their source names (hashed_names.py adds a hash)."""
    names = re.findall(r'<script[^>]+src="_static/pmesocial/([^"?]+)', html)
    assert all(re.search(r"\.[0-9a-f]{10}\.js$", n) for n in names), names
    return [re.sub(r"\.[0-9a-f]{10}(\.js)$", r"\1", n) for n in names]


def test_scripts_only_on_the_pages_that_use_them(book):
    pages, warnings, _ = book
    every = extension.EVERY_PAGE  # a launch link may open any page
    assert _course_scripts(pages["index"]) == every
    exercise = SCRIPTS[EXERCISE_CLASS]
    assert _course_scripts(pages["exercice"]) == exercise + [s for s in every if s not in exercise]
    assert _course_scripts(pages["graphique"]) == SCRIPTS[PLOTLY_CLASS] + every
    assert "plotly" not in " ".join(_course_scripts(pages["exercice"]))
    assert _course_scripts(pages["exercice"]).count("ui/exercise.js") == 1
    assert all(s in _course_scripts(pages["exercice"]) for s in STORE)


def test_the_page_carries_the_exercise_as_escaped_json(book):
    pages, _, _ = book
    html = pages["exercice"]
    assert 'class="pmes-exercise" data-pmes-exercise="1"' in html
    payload = re.search(r'<script type="application/json">(.*?)</script>', html, re.S).group(1)
    assert json.loads(payload)["bank"]["title"].endswith("</script><script>alert(1)</script>")
    assert "<script>alert(1)" not in html


def test_nothing_from_another_host_and_no_widget_state(book):
    pages, _, out = book
    for html in pages.values():
        # links may point anywhere; nothing may be *loaded* from another host
        assert not re.findall(r'<(?:script|img|iframe|link|source|video|audio)[^>]*(?:src|href)="(?:https?:)?//', html)
        assert "widget-state+json" not in html and "require.js" not in html and "thebe" not in html.lower()
    served = {p.relative_to(out / "_static" / "pmesocial").as_posix() for p in (out / "_static" / "pmesocial").rglob("*.js")}
    assert {s for scripts in SCRIPTS.values() for s in scripts} <= served


def test_every_committed_course_output_has_a_renderer():
    """What notebooks store under the course mime type is what the book renders."""
    from types import SimpleNamespace

    from pmesocial.book.mime import ExerciseRenderer
    from pmesocial.paths import REPO_DIR

    seen = 0
    for path in sorted(REPO_DIR.glob("*/*.ipynb")):
        for cell in nbformat.read(path, 4).cells:
            for output in cell.get("outputs", []):
                for mime, content in output.get("data", {}).items():
                    if "pmesocial" in mime:
                        assert mime == MIME_TYPE, path
                        assert ExerciseRenderer.handle_mime(None, SimpleNamespace(mime_type=mime, content=content), False)
                        seen += 1
    assert seen >= 30


def test_the_plotly_fallback_is_a_warning(tmp_path, monkeypatch):
    monkeypatch.setattr(extension, "NODE_MODULES", tmp_path / "absent")
    monkeypatch.setattr(extension, "nunjucks_js", lambda: extension.REPO_DIR / "node_modules" / "nunjucks" / "browser"
                        / extension.NUNJUCKS)
    _, warnings, _ = _build(tmp_path)
    assert "plotly.js « basic » (npm) introuvable" in warnings


def test_a_chart_is_drawn_as_svg_at_build_and_plotly_waits_for_the_reader(book):
    pages, _, out = book
    html = pages["graphique"]
    svg = re.search(r'<svg [^>]*class="pmes-bar-chart".*?</svg>', html, re.S).group(0)
    svg = svg.replace("\u202f", " ").replace("\u00a0", " ")  # French typography, read as plain spaces
    assert 'role="img"' in svg and "<title" in svg and "Deux barres : radio 38 ans" in svg
    assert re.findall(r'data-value="([^"]+)"', svg) == ["38.0", "13.0"]
    assert "Télévision (hertzienne)" in svg and "&lt;b&gt;datée&lt;/b&gt;" in svg and "<b>" not in svg
    # plotly.js is served, but no page loads it: ui/plotly.js does, on the reader's click
    assert (out / "_static" / "pmesocial" / "plotly.min.js").exists()
    assert "plotly.min.js" not in html and 'rel="prefetch"' not in html
    assert 'class="pmes-chart-more" hidden' in html and "Explorer le graphique" in html


def test_a_plotly_figure_without_its_definition_is_refused_with_its_reason():
    from types import SimpleNamespace

    from pmesocial.book.mime import PlotlyRenderer

    bare = {"data": [{"type": "bar", "x": ["a"], "y": [1]}], "layout": {}}
    with pytest.raises(ValueError, match="layout.meta.chart"):
        PlotlyRenderer.handle_mime(None, SimpleNamespace(mime_type=PLOTLY_MIME, content=bare), False)


def test_every_page_has_a_description_and_a_favicon(book):
    pages, _, out = book
    for name, html in pages.items():
        description = re.search(r'<meta name="description" content="([^"]+)"', html)
        assert description and 20 < len(description.group(1)) <= 155, name
        assert re.search(r'<link rel="icon" href="_static/favicon\.[0-9a-f]{10}\.svg"', html), name
    assert "Une page sans exercice ni graphique" in re.search(r'name="description" content="([^"]+)"',
                                                                pages["index"]).group(1)
    assert (out / "_static" / "favicon.svg").exists()
