"""Pure scoring rules for exercises: no widgets, no HTML.

static/pmesocial/rules/scoring.js implements the same rules for the static book;
both give the same results on tests/vectors/scoring.json (tests/js/vectors.test.cjs).

An answer is: an option id (single), a list of option ids (multiple), or a mapping
item id -> category id (classify). `None` or an empty answer is "not answered yet".
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from pmesocial.rules.formatting import NNBSP, date_fr, plain_number, with_unit


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
    if question["type"] == "estimate":
        return question["figure_data"]["value"]
    if question["type"] == "single":
        return next(o["id"] for o in question["options"] if o.get("correct"))
    if question["type"] == "multiple":
        return [o["id"] for o in question["options"] if o.get("correct")]
    return {item["id"]: item["answer"] for item in question["items"]}


def is_answered(question: dict, answer) -> bool:
    if question["type"] == "estimate":
        return (isinstance(answer, (int, float)) and not isinstance(answer, bool)
                and question["min"] <= answer <= question["max"])
    if question["type"] == "classify":  # every item placed: a first attempt is a whole answer
        return isinstance(answer, dict) and all(answer.get(i["id"]) for i in question["items"])
    if question["type"] == "multiple":
        return isinstance(answer, (list, tuple, set)) and len(answer) > 0
    return isinstance(answer, str) and answer != ""


INFO = "_info"  # a feedback line that informs (source, caveat) rather than judges; no id can be "_info"


def round_half_up(x: float) -> int:
    return math.floor(x + 0.5)


def estimate_gap(question: dict, guess: float) -> float:
    """Signed gap, relative to the true value (absolute when the value is 0)."""
    value = question["figure_data"]["value"]
    return (guess - value) / value if value else guess - value


def _check_estimate(question: dict, guess: float, top: int) -> Result:
    fig = question["figure_data"]
    gap = estimate_gap(question, guess)
    ok = abs(gap) <= question.get("tolerance", 0.25)
    sign = "+" if gap > 0 else ("−" if gap < 0 else "")
    when = f" ({fig['year']})" if fig.get("year") else ""
    feedback = [
        Feedback("", f"Votre estimation : {with_unit(guess, fig['unit'])}. Valeur{when} : "
                     f"{with_unit(fig['value'], fig['unit'])}, soit un écart de "
                     f"{sign}{round_half_up(abs(gap) * 100)}{NNBSP}%.", ok),
        Feedback(INFO, f"Source : {fig['source'] or 'aucune source retrouvée'}"
                     f"{' (' + date_fr(fig['source_date']) + ')' if fig.get('source_date') else ''}. "
                     f"Confiance : {fig['confidence']}.", ok),
    ]
    if fig.get("caveat"):
        feedback.append(Feedback(INFO, f"Réserve : {fig['caveat']}", ok))
    return Result(True, ok, top if ok else 0, top, feedback)


MISSING_ONE = "Il manque au moins une bonne réponse : relisez les options non cochées."


def check(question: dict, answer) -> Result:
    """Score one answer and gather the feedback to show, in option order."""
    top = max_score(question)
    if not is_answered(question, answer):
        return Result(False, False, 0, top)
    kind = question["type"]
    if kind == "estimate":
        return _check_estimate(question, answer, top)
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
        feedback.append(Feedback(item["id"], item["feedback"], ok))
    return Result(True, right == top, right, top, feedback)


def not_answered_message(question: dict) -> str:
    if question["type"] == "estimate":
        return (f"Choisissez une valeur entre {plain_number(question['min'])} "
                f"et {plain_number(question['max'])}.")
    if question["type"] == "classify":
        return "Placez chaque élément dans une catégorie avant de vérifier."
    return "Choisissez d'abord une réponse."


def score_label(score: int, top: int) -> str:
    return f"Score : {score} sur {top}"
