"""The start page of the Voilà demo and the title of each module's page, from the course's
own data (pmesocial/data/course.py: titles from the notebooks, durations from
data/programme.yaml), never from file names.

jupyter/voila.py registers `page_config_hook` (Voilà calls it for the start page and for
every module: the start page's template, jupyter/voila/templates/pmesocial/tree.html, reads
`pmesocialCourse`) and `ModuleTitle`, an nbconvert preprocessor that names the page.
"""
from __future__ import annotations

from nbconvert.preprocessors import Preprocessor

from pmesocial.data.course import modules, programme
from pmesocial.rules.typography import typo

HELP = ("Chaque module s'ouvre sans code, avec ses exercices. En salle, choisissez « Mode projection » "
        "dans le module, ou ajoutez ?projection=1 à l'adresse de cette page : le texte est agrandi.")


def course() -> dict:
    """What the start page shows: the course's title and its modules in order."""
    found = [{"number": m["number"], "title": m["title"], "file": f"{m['notebook']}.ipynb",
              "duration": typo(f"{m['duration_min']} min")} for m in modules()]
    return {"title": typo(programme()["title"]), "subtitle": typo(programme()["subtitle"]),
            "help": typo(HELP), "modules": found, "files": [m["file"] for m in found]}


def page_title(notebook_name: str) -> str | None:
    """« Module 7 — Les outils d'aujourd'hui, au quotidien » for 07_pratiques_d_aujourd_hui."""
    module = next((m for m in modules() if m["notebook"] == notebook_name), None)
    return f"Module {module['number']} — {module['title']}" if module else None


def page_config_hook(page_config: dict, notebook_path: str = "", **_kwargs) -> dict:
    """Voilà's hook: the course for the start page (a folder), nothing for a notebook."""
    if not notebook_path.endswith(".ipynb"):
        page_config["pmesocialCourse"] = course()
    return page_config


class ModuleTitle(Preprocessor):
    """The page's <title> is the module's, not its file name (nbconvert reads nb.metadata.title)."""

    def preprocess(self, nb, resources):
        title = page_title(resources.get("metadata", {}).get("name", ""))
        if title:
            nb.metadata["title"] = title
        return nb, resources
