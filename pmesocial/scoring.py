"""Pure scoring rules for exercises: no widgets, no HTML.

static/pmesocial/exercise.js implements the same rules for the static book;
tests/unit/test_scoring_parity.py feeds both the same answers.

An answer is: an option id (single), a list of option ids (multiple), or a mapping
item id -> category id (classify). `None` or an empty answer is "not answered yet".
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Feedback:
    ref: str          # option or item id the message is about ("" for the question)
    text: str
    correct: bool


@dataclass(frozen=True)
class Result:
    answered: bool
    correct: bool
    score: int
    max_score: int
    feedback: list[Feedback] = field(default_factory=list)


def max_score(question: dict) -> int:
    if question["type"] == "classify":
        return len(question["items"])
    return question.get("points", 1)


def bank_max_score(bank: dict) -> int:
    return sum(max_score(q) for q in bank["questions"])


def correct_answer(question: dict):
    if question["type"] == "single":
        return next(o["id"] for o in question["options"] if o.get("correct"))
    if question["type"] == "multiple":
        return [o["id"] for o in question["options"] if o.get("correct")]
    return {item["id"]: item["answer"] for item in question["items"]}


def is_answered(question: dict, answer) -> bool:
    if question["type"] == "classify":
        return isinstance(answer, dict) and any(answer.get(i["id"]) for i in question["items"])
    if question["type"] == "multiple":
        return isinstance(answer, (list, tuple, set)) and len(answer) > 0
    return isinstance(answer, str) and answer != ""


MISSING_ONE = "Il manque au moins une bonne réponse : relisez les options non cochées."
NOT_PLACED = "Pas encore classé."


def check(question: dict, answer) -> Result:
    """Score one answer and gather the feedback to show, in option order."""
    top = max_score(question)
    if not is_answered(question, answer):
        return Result(False, False, 0, top)
    kind = question["type"]
    if kind == "single":
        option = next((o for o in question["options"] if o["id"] == answer), None)
        if option is None:
            return Result(False, False, 0, top)
        ok = bool(option.get("correct"))
        return Result(True, ok, top if ok else 0, top, [Feedback(option["id"], option["feedback"], ok)])
    if kind == "multiple":
        chosen = set(answer)
        feedback = [Feedback(o["id"], o["feedback"], bool(o.get("correct")))
                    for o in question["options"] if o["id"] in chosen]
        expected = {o["id"] for o in question["options"] if o.get("correct")}
        ok = chosen == expected
        if not ok and not expected <= chosen:
            feedback.append(Feedback("", MISSING_ONE, False))
        return Result(True, ok, top if ok else 0, top, feedback)
    feedback, right = [], 0
    for item in question["items"]:
        placed = answer.get(item["id"])
        ok = placed == item["answer"]
        right += ok
        feedback.append(Feedback(item["id"], item["feedback"] if placed else NOT_PLACED, ok))
    return Result(True, right == top, right, top, feedback)


def score_label(score: int, top: int) -> str:
    return f"Score : {score} sur {top}"
