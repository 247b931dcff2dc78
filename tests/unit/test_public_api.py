"""Notebooks import only the public API (`from pmesocial import …`), so that the layers
inside the package can move without touching a notebook; every name they use exists."""
import ast
import inspect
import re
from pathlib import Path

import nbformat
import pytest

import pmesocial

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted(p for folder in ("notebooks", "solutions", "exercises", "outils", "formateur")
                   for p in (REPO / folder).glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(REPO)))
def test_notebooks_import_only_the_public_api(path):
    names = []
    for cell in nbformat.read(path, 4).cells:
        if cell.cell_type != "code":
            continue
        assert not re.search(r"\bpmesocial\.\w", cell.source), f"{path.name} : importe un module interne"
        for node in ast.walk(ast.parse(cell.source)):
            if isinstance(node, ast.ImportFrom) and node.module == "pmesocial":
                names += [alias.name for alias in node.names]
    assert set(names) <= set(pmesocial.__all__), set(names) - set(pmesocial.__all__)


def test_every_public_name_resolves():
    """Each name is a function or class of the module it is loaded from: a name loaded on
    first call is unwrapped (its stand-in is callable whether or not the name exists)."""
    assert pmesocial.__all__
    for name in pmesocial.__all__:
        found = inspect.unwrap(getattr(pmesocial, name))
        assert inspect.isfunction(found) or inspect.isclass(found), name
        assert found.__module__ == pmesocial._PUBLIC[name] and found.__name__ == name, name
    with pytest.raises(AttributeError):
        pmesocial.rien_de_tel  # noqa: B018
