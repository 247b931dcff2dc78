"""The course as its notebooks and its programme state it: modules (number, title,
objectives), practices, and the sequences with their durations (data/programme.yaml).

Module titles and objectives are read from each module's first cell (its title, and the
list items of the « Le module en bref » box that end with « (O1) »…), parsed as Markdown
with markdown-it (myst-parser's own parser), so the attestation, the tests and the
programme never drift from the lessons; durations come from data/programme.yaml, and
tests/unit/test_programme.py checks that each notebook announces the same.
"""
from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from pathlib import Path

from pmesocial.data.banks import load_bank
from pmesocial.data.checked_cache import checked
from pmesocial.data.validation import DataFileError, read_yaml
from pmesocial.paths import DATA_DIR, REPO_DIR
from pmesocial.rules.typography import typo

NOTEBOOKS = REPO_DIR / "notebooks"
SOLUTIONS = REPO_DIR / "solutions"
OBJECTIVE_MARK = re.compile(r"\s*\(O(\d+)\)\s*[;.]?\s*$")  # « … (O2) ; » at the end of a list item
DURATION = re.compile(r"Durée\s*:\s*(\d+)\s*min")


def _first_cell(path) -> str:
    """The source of a notebook's first cell, read as plain JSON: nbformat would validate
    the whole notebook against its schema, which costs more than the course needs here."""
    source = json.loads(Path(path).read_text("utf-8"))["cells"][0]["source"]
    return source if isinstance(source, str) else "".join(source)


@cache
def _markdown():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def _blocks(source: str):
    """The Markdown of a cell as tokens, with the content of MyST directives (```{admonition}
    …```) parsed as Markdown too."""
    for token in _markdown().parse(source):
        if token.type == "fence" and token.info.startswith("{"):
            yield from _blocks("\n".join(line for line in token.content.splitlines() if not line.startswith(":")))
        else:
            yield token


def _plain_text(inline) -> str:
    return "".join(child.content for child in inline.children or [] if child.type in ("text", "code_inline", "softbreak"))


def _heading(path, kind: str) -> tuple[int, str, str]:
    first = _first_cell(path)
    tokens = list(_blocks(first))
    title = next((tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h1"), "")
    number, _, rest = title.partition(" — ")
    label, _, digits = number.partition(" ")
    if label != kind or not digits.isdigit() or not rest:
        raise ValueError(f"{path} : la première cellule doit commencer par « # {kind} N — titre »")
    return int(digits), rest.strip(), first


def _objectives(source: str) -> list[tuple[int, str]]:
    """The list items of the first cell that end with « (Ok) »: (k, text)."""
    found = []
    for token in _blocks(source):
        if token.type == "inline":
            mark = OBJECTIVE_MARK.search(token.content)
            if mark and token.content.strip():
                found.append((int(mark.group(1)), token.content[:mark.start()].strip()))
    return found


def stated_duration(path) -> int | None:
    """The duration a notebook announces in its first cell, in minutes."""
    for token in _blocks(_first_cell(path)):
        if token.type == "inline":
            found = DURATION.search(_plain_text(token))
            if found:
                return int(found.group(1))
    return None


@lru_cache(maxsize=1)
def programme() -> dict:
    path = DATA_DIR / "programme.yaml"
    return checked("programme", path, lambda: read_yaml(path))


@lru_cache(maxsize=1)
def modules() -> tuple[dict, ...]:
    """The modules as their notebooks state them (from the cache while neither the notebooks
    nor the programme have changed: parsing their first cells imports markdown-it)."""
    path = DATA_DIR / "programme.yaml"
    return tuple(checked("modules", path, lambda: list(_modules()), also=NOTEBOOKS.glob("0*.ipynb")))


def _modules():
    minutes = {s["module"]: s["minutes"] for s in programme()["sequences"] if "module" in s}
    found = []
    for path in sorted(NOTEBOOKS.glob("0*.ipynb")):
        number, title, first = _heading(path, "Module")
        if number not in minutes:
            raise DataFileError(f"{DATA_DIR / 'programme.yaml'} : pas de séquence « module-{number} » "
                                f"pour {path.name} (ajoutez sa durée)")
        found.append({
            "number": number, "title": typo(title), "notebook": path.stem, "duration_min": minutes[number],
            "objectives": [{"id": f"m{number}-o{k}", "text": typo(text)} for k, text in _objectives(first)],
        })
    return found


@lru_cache(maxsize=1)
def practices() -> dict[int, str]:
    def titles():
        return [[n, typo(t)] for n, t, _ in (_heading(p, "Pratique") for p in sorted(SOLUTIONS.glob("0*.ipynb")))]

    return {n: title for n, title in checked("practices", SOLUTIONS, titles, also=SOLUTIONS.glob("0*.ipynb"))}


def module(number: int) -> dict:
    return next(m for m in modules() if m["number"] == number)


@lru_cache(maxsize=1)
def sequences() -> tuple[dict, ...]:
    """Every sequence of the programme with its title resolved."""
    titles = {m["number"]: m["title"] for m in modules()}
    out = []
    for s in programme()["sequences"]:
        if "module" in s and s["module"] not in titles:
            raise DataFileError(f"{DATA_DIR / 'programme.yaml'}, séquence « {s['id']} » : pas de notebook "
                                f"notebooks/{s['module']:02d}_*.ipynb pour le module {s['module']}")
        if "module" in s:
            title = typo(f"Module {s['module']} — {titles[s['module']]}")
        elif "practice" in s:
            title = typo(f"Pratique {s['practice']} — {practices()[s['practice']]}")
        else:
            title = typo(s["title"])
        out.append({**s, "title": title})
    return tuple(out)


def planned_minutes() -> int:
    return sum(s["minutes"] for s in programme()["sequences"])


def group_minutes() -> dict:
    """The course with a trainer: minutes in session (days × hours a day) and minutes of
    the sequences each trainee finishes after the session (data/programme.yaml, `group`)."""
    group = programme()["group"]
    by_id = {s["id"]: s["minutes"] for s in programme()["sequences"]}
    unknown = [i for i in group["after_session"] if i not in by_id]
    if unknown:
        raise DataFileError(f"{DATA_DIR / 'programme.yaml'}, champ « group.after_session » : séquences inconnues : "
                            + ", ".join(unknown))
    self_checks = sum(len(load_bank(b)["questions"]) for b in group.get("after_session_self_checks", []))
    return {"session": group["days"] * group["hours_per_day"] * 60, "days": group["days"],
            "hours_per_day": group["hours_per_day"],
            "after": sum(by_id[i] for i in group["after_session"]) + self_checks}


@lru_cache(maxsize=1)
def course_info() -> dict:
    """What every document needs to know of the course (the same data the book receives)."""
    info = programme()
    return {"title": info["title"], "subtitle": info["subtitle"], "nature": info["nature"],
            "planned_minutes": planned_minutes(), "group_minutes": group_minutes(),
            "sequences": [{"id": s["id"], "title": s["title"], "minutes": s["minutes"],
                           "banks": {b: [q["id"] for q in load_bank(b)["questions"]] for b in s.get("banks", [])},
                           "test": s.get("test")} for s in sequences()]}


def _bank(bank_id: str) -> dict:
    from pmesocial.data.banks import load_bank

    return load_bank(bank_id)
