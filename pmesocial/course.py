"""The course's modules as the notebooks state them: number, title, duration, objectives.

Read from each module's first cell (the « Le module en bref » box), so that the
attestation, the diagnostic and the positioning test never drift from the lessons.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache

from .paths import REPO_DIR

NOTEBOOKS = REPO_DIR / "notebooks"
TITLE = re.compile(r"^# Module (\d+) — (.+)$", re.M)
DURATION = re.compile(r"Durée\s*:\**\s*(\d+)\s*min")
OBJECTIVE = re.compile(r"^- (.+?) \(O(\d+)\)\s*[;.]?\s*$", re.M)


@lru_cache(maxsize=1)
def modules() -> tuple[dict, ...]:
    found = []
    for path in sorted(NOTEBOOKS.glob("0*.ipynb")):
        first = "".join(json.loads(path.read_text("utf-8"))["cells"][0]["source"])
        title, duration = TITLE.search(first), DURATION.search(first)
        if not (title and duration):
            raise ValueError(f"{path} : la première cellule doit donner le titre « # Module N — … » et la durée")
        number = int(title.group(1))
        found.append({
            "number": number, "title": title.group(2).strip(), "notebook": path.stem,
            "duration_min": int(duration.group(1)),
            "objectives": [{"id": f"m{number}-o{k}", "text": text.strip()}
                           for text, k in OBJECTIVE.findall(first)],
        })
    return tuple(found)


def module(number: int) -> dict:
    return next(m for m in modules() if m["number"] == number)
