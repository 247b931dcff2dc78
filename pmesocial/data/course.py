"""The course as its notebooks and its programme state it: modules (number, title,
objectives), practices, and the sequences with their durations (data/programme.yaml).

Module titles and objectives are read from each module's first cell (the « Le module en
bref » box), so the attestation, the tests and the programme never drift from the
lessons; durations come from data/programme.yaml, and tests/unit/test_programme.py
checks that each notebook announces the same.
"""
from __future__ import annotations

import re
from functools import lru_cache

import nbformat

from pmesocial.data.banks import load_bank
from pmesocial.data.validation import read_yaml
from pmesocial.paths import DATA_DIR, REPO_DIR

NOTEBOOKS = REPO_DIR / "notebooks"
SOLUTIONS = REPO_DIR / "solutions"
TITLE = re.compile(r"^# (Module|Pratique) (\d+) — (.+)$", re.M)
DURATION = re.compile(r"Durée\s*:\**\s*(\d+)\s*min")
OBJECTIVE = re.compile(r"^- (.+?) \(O(\d+)\)\s*[;.]?\s*$", re.M)


def _first_cell(path) -> str:
    return nbformat.read(path, as_version=4).cells[0].source


def _heading(path, kind: str) -> tuple[int, str, str]:
    first = _first_cell(path)
    title = TITLE.search(first)
    if not title or title.group(1) != kind:
        raise ValueError(f"{path} : la première cellule doit commencer par « # {kind} N — titre »")
    return int(title.group(2)), title.group(3).strip(), first


def stated_duration(path) -> int | None:
    """The duration a notebook announces in its first cell, in minutes."""
    found = DURATION.search(_first_cell(path))
    return int(found.group(1)) if found else None


@lru_cache(maxsize=1)
def programme() -> dict:
    return read_yaml(DATA_DIR / "programme.yaml")


@lru_cache(maxsize=1)
def modules() -> tuple[dict, ...]:
    minutes = {s["module"]: s["minutes"] for s in programme()["sequences"] if "module" in s}
    found = []
    for path in sorted(NOTEBOOKS.glob("0*.ipynb")):
        number, title, first = _heading(path, "Module")
        found.append({
            "number": number, "title": title, "notebook": path.stem, "duration_min": minutes[number],
            "objectives": [{"id": f"m{number}-o{k}", "text": text.strip()} for text, k in OBJECTIVE.findall(first)],
        })
    return tuple(found)


@lru_cache(maxsize=1)
def practices() -> dict[int, str]:
    return {n: t for n, t, _ in (_heading(p, "Pratique") for p in sorted(SOLUTIONS.glob("0*.ipynb")))}


def module(number: int) -> dict:
    return next(m for m in modules() if m["number"] == number)


@lru_cache(maxsize=1)
def sequences() -> tuple[dict, ...]:
    """Every sequence of the programme with its title resolved."""
    titles = {m["number"]: m["title"] for m in modules()}
    out = []
    for s in programme()["sequences"]:
        if "module" in s:
            title = f"Module {s['module']} — {titles[s['module']]}"
        elif "practice" in s:
            title = f"Pratique {s['practice']} — {practices()[s['practice']]}"
        else:
            title = s["title"]
        out.append({**s, "title": title})
    return tuple(out)


def planned_minutes() -> int:
    return sum(s["minutes"] for s in programme()["sequences"])


@lru_cache(maxsize=1)
def course_info() -> dict:
    """What every document needs to know of the course (the same data the book receives)."""
    info = programme()
    return {"title": info["title"], "subtitle": info["subtitle"], "nature": info["nature"],
            "planned_minutes": planned_minutes(),
            "sequences": [{"id": s["id"], "title": s["title"], "minutes": s["minutes"],
                           "banks": {b: [q["id"] for q in load_bank(b)["questions"]] for b in s.get("banks", [])},
                           "test": s.get("test")} for s in sequences()]}


def _bank(bank_id: str) -> dict:
    from pmesocial.data.banks import load_bank

    return load_bank(bank_id)
