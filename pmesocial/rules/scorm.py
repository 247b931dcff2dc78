"""What the SCORM 1.2 package reports to an LMS (pure rules over a trainee record):
cmi.core.lesson_status « completed » once every sequence of the course is done (the
certificat's own rule, documents.completed), « incomplete » before; cmi.core.score.raw,
the exit test's first attempts in percent once it is handed in (first attempts are what
evaluation counts), None before.

static/pmesocial/rules/scorm.js mirrors `report` (tests/vectors/scorm.json) and alone
holds the compact form of the record kept in cmi.suspend_data. `course` is what
tools/make_scorm.py writes into the package: course_info() plus every bank's question
ids and points.
"""
from __future__ import annotations

import math

from pmesocial.rules.documents import completed


def exit_score(record: dict, course: dict) -> int | None:
    entry = record.get("exercises", {}).get(course["exit_test"], {})
    bank = next((b for b in course["banks"] if b["id"] == course["exit_test"]), None)
    if not entry.get("submitted") or bank is None:
        return None
    first = entry.get("first", {})
    top = sum(bank["max"])
    score = sum(first[q]["score"] for q in bank["questions"] if q in first and not first[q].get("solution_first"))
    return math.floor(100 * score / top + 0.5) if top > 0 else None


def report(record: dict, course: dict) -> dict:
    rows = completed(record, course)
    done = sum(r["done"] for r in rows)
    return {"lesson_status": "completed" if done == len(rows) else "incomplete", "done": done, "count": len(rows),
            "score": exit_score(record, course)}
