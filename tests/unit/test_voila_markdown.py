"""The Voilà demo's Markdown (pmesocial/voila/markdown.py): every cell of every module and
page a trainer can serve renders through the book's MyST parser with no warning and no
markup left, and the start page's data comes from the course (pmesocial/voila/start.py)."""
import json
from pathlib import Path

import pytest

from pmesocial.data.course import modules
from pmesocial.paths import REPO_DIR
from pmesocial.voila import start
from pmesocial.voila.markdown import render

NOTEBOOKS = sorted(p for folder in ("notebooks", "outils", "solutions") for p in (REPO_DIR / folder).glob("*.ipynb"))


def markdown_cells(path: Path) -> list[str]:
    cells = json.loads(path.read_text("utf-8"))["cells"]
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"] for c in cells if c["cell_type"] == "markdown"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_cell_renders_without_warning(path):
    cells = markdown_cells(path)
    assert cells
    for source in cells:
        html, warnings = render(source)
        assert warnings == "", f"{path.name} : {warnings}"
        assert "{admonition}" not in html and ":class:" not in html and "**" not in html


def test_admonition_emphasis_table_and_headings():
    html, _ = render("## Titre\n\n```{admonition} Le module en bref\n:class: tip\n\n- **Durée :** 30 min\n```\n\n"
                     "| a | b |\n|---|---|\n| 1 | 2 |\n")
    assert '<aside class="admonition tip">' in html and '<p class="admonition-title">Le module en bref</p>' in html
    assert "<strong>Durée\u202f:</strong> 30\u00a0min" in html  # French typography, as in the book
    assert "<h2>Titre</h2>" in html and "<td><p>1</p></td>" in html


def test_sphinx_roles_keep_their_text_and_links_their_target():
    html, warnings = render("Un {term}`média social`, {ref}`le module 2 <module-2>` et [la règle](#loi-image-salaries).")
    assert warnings == ""
    assert ">média social</span>" in html and ">le module 2</span>" in html and "module-2" not in html
    assert '<a class="reference external" href="#loi-image-salaries">la règle</a>' in html


def test_start_page_and_titles_come_from_the_course():
    course = start.course()
    assert [m["title"] for m in course["modules"]] == [m["title"] for m in modules()]
    assert course["files"][6] == "07_pratiques_d_aujourd_hui.ipynb"
    assert start.page_title("07_pratiques_d_aujourd_hui") == f"Module 7 — {modules()[6]['title']}"
    assert start.page_title("mon_dossier") is None
    assert "pmesocialCourse" in start.page_config_hook({}, notebook_path="")
    assert start.page_config_hook({}, notebook_path="01_medias_ou_reseaux.ipynb") == {}
