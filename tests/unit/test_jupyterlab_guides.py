"""The menu paths the guides quote (« Exécution › Exécuter toutes les cellules ») are the
ones JupyterLab shows: the interface opens in French (jupyterlab-language-pack-fr-fr,
selected by jupyter/lab/overrides.json), and the English path in parentheses, for a hub set
up otherwise, is the same menu item in English."""
import json
import re
from importlib.util import find_spec
from pathlib import Path

import pytest

from pmesocial.paths import REPO_DIR

GUIDES = ["book/guide-stagiaire.md", "book/guide-formateur.md", "book/intro.md", "README.md"]
# a path between « », *…*, **…**, parentheses or commas: « Affichage › Apparence › Mode Présentation »
PATH = re.compile(r"[«*(,]\s*([^«»*(),.;:]+?›[^«»*(),.;:]+?)\s*(?=[»*),])")
TOP_MENUS = {"Fichier": "File", "Édition": "Edit", "Affichage": "View", "Exécution": "Run", "Noyau": "Kernel",
             "Onglets": "Tabs", "Paramètres": "Settings", "Aide": "Help"}


def catalogue() -> tuple[set[str], set[str]]:
    """JupyterLab's English labels and their French translations (« menu » context dropped)."""
    pack = Path(find_spec("jupyterlab_language_pack_fr_FR").origin).parent
    messages = json.loads((pack / "locale/fr_FR/LC_MESSAGES/jupyterlab.json").read_text("utf-8"))
    pairs = [(key.split("\x04")[-1], value[0]) for key, value in messages.items() if isinstance(value, list) and value]
    return {english for english, _ in pairs}, {french for _, french in pairs}


def menu_paths(text: str) -> list[list[str]]:
    paths = [[part.strip() for part in found.split("›")] for found in PATH.findall(" ".join(text.split()))]
    return [p for p in paths if p[0] in TOP_MENUS or p[0] in TOP_MENUS.values()]


@pytest.mark.parametrize("guide", GUIDES)
def test_quoted_menus_are_jupyterlabs(guide):
    english, french = catalogue()
    paths = menu_paths((REPO_DIR / guide).read_text("utf-8"))
    assert any(p[0] in TOP_MENUS for p in paths), f"{guide} : aucun chemin de menu en français"
    for path in paths:
        if path[0] in TOP_MENUS:
            assert all(part in french for part in path), f"{guide} : « {' › '.join(path)} » n'est pas dans l'interface"
        else:
            assert all(part in english for part in path), f"{guide} : « {' › '.join(path)} » n'est pas dans l'interface"


def test_the_paths_are_found():
    found = menu_paths("(« Exécution › Exécuter toutes les cellules », Run › Run All Cells) et « Ajouter › Paquet »")
    assert found == [["Exécution", "Exécuter toutes les cellules"], ["Run", "Run All Cells"]]
