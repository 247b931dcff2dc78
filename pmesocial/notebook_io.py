"""Read and write notebooks in one canonical form, so diffs and drift checks are stable."""
from __future__ import annotations

from pathlib import Path

import nbformat

VOLATILE_METADATA = ("widgets", "toc-autonumbering", "toc-showcode")


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(str(path), as_version=4)


def dumps(nb: nbformat.NotebookNode) -> str:
    for key in VOLATILE_METADATA:
        nb.metadata.pop(key, None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("collapsed", None)
        if {"hide-input", "remove-input"} & set(cell.metadata.get("tags", [])):
            # JupyterLab and Voilà fold these one-line plumbing cells, as the book hides them
            cell.metadata.setdefault("jupyter", {})["source_hidden"] = True
    return nbformat.writes(nb) + "\n"


def write(nb: nbformat.NotebookNode, path: Path) -> None:
    """Atomic replace: a notebook is never left half-written."""
    path = Path(path)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(dumps(nb), encoding="utf-8")
    tmp.replace(path)
