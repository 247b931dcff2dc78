"""What a training body shows its auditors (Qualiopi): positioning at entry and exit,
evaluation of each objective, satisfaction, and the end-of-training documents.

Practice and proof are separate. A trainee may retry and see solutions as often as they
like; the evaluation of an objective counts only each question's **first checked
attempt**, on the banks whose purpose is evidence (module self-checks, exit test). A
question whose solution was shown before any attempt is not evaluated. An objective is
« acquis » from 75 % of the points on at least three evaluated questions, so that a few
lucky guesses certify nothing.

Pure rules over a trainee record and the course data they are given (loaded by
data/contexts.py); static/pmesocial/rules/evidence.js mirrors `objective_status` and
`progression`, checked against tests/vectors/evidence.json.
"""
from __future__ import annotations

from pmesocial.rules import scoring

ENTRY_TEST, EXIT_TEST = "positionnement-entree", "positionnement-sortie"
EVIDENCE_PURPOSES = ("self-check", "exit-test")
TEST_PURPOSES = ("entry-test", "exit-test")  # handed in at once
ACQUIRED, IN_PROGRESS = 0.75, 0.4
MIN_EVALUATED = 3  # questions an objective needs before it can be « acquis »
STATUS_LABELS = {"acquis": "Acquis", "en-cours": "En cours d'acquisition", "non-acquis": "Non acquis",
                 "non-evalue": "Non évalué"}


def objective_map(banks: list[dict], purposes=EVIDENCE_PURPOSES) -> dict:
    """{bank id: {question id: objective id}} over the banks of these purposes."""
    mapping = {}
    for bank in banks:
        if bank["purpose"] in purposes:
            by_question = {q["id"]: q["objective"] for q in bank["questions"] if q.get("objective")}
            if by_question:
                mapping[bank["id"]] = by_question
    return mapping


def objectives(modules: list[dict]) -> list[dict]:
    """Every objective of the course's modules (data/programme.yaml), with its module's number."""
    return [{**o, "module": m["number"]} for m in modules for o in m["objectives"]]


def status_for(score: float, top: float, evaluated: int) -> str:
    if evaluated == 0 or top == 0:
        return "non-evalue"
    ratio = score / top
    if ratio >= ACQUIRED and evaluated >= MIN_EVALUATED:
        return "acquis"
    return "en-cours" if ratio >= IN_PROGRESS else "non-acquis"


def first_attempts(record: dict, key: str) -> dict:
    return record.get("exercises", {}).get(key, {}).get("first", {})


def objective_status(record: dict, mapping: dict, objective_list: list[dict]) -> list[dict]:
    """Each objective: points of the first attempts on the questions that assess it,
    how many were evaluated, how many were not (solution seen first), and a status."""
    totals = {o["id"]: {"score": 0, "max": 0, "evaluated": 0, "skipped": 0} for o in objective_list}
    for key, questions in mapping.items():
        first = first_attempts(record, key)
        for qid, objective in questions.items():
            attempt = first.get(qid)
            if attempt is None or objective not in totals:
                continue
            t = totals[objective]
            if attempt.get("solution_first"):
                t["skipped"] += 1
            else:
                t["score"] += attempt["score"]
                t["max"] += attempt["max"]
                t["evaluated"] += 1
    return [{"id": o["id"], "module": o["module"], "text": o["text"], **totals[o["id"]],
             "status": status_for(totals[o["id"]]["score"], totals[o["id"]]["max"], totals[o["id"]]["evaluated"])}
            for o in objective_list]


def progression(record: dict, entry_map: dict, exit_map: dict, objective_list: list[dict]) -> list[dict]:
    """Entry and exit test points per objective (first attempts), for every objective
    either test assesses."""
    rows = []
    for o in objective_list:
        row = {"id": o["id"], "module": o["module"], "text": o["text"]}
        for phase, key, questions in (("entree", ENTRY_TEST, entry_map), ("sortie", EXIT_TEST, exit_map)):
            first = first_attempts(record, key)
            done = [first[q] for q, obj in questions.items()
                    if obj == o["id"] and q in first and not first[q].get("solution_first")]
            row[phase] = ({"score": sum(a["score"] for a in done), "max": sum(a["max"] for a in done)}
                          if done else None)
        if any(obj == o["id"] for obj in list(entry_map.values()) + list(exit_map.values())):
            rows.append(row)
    return rows


def module_of(objective_id: str) -> int:
    """« m3-o2 » -> 3."""
    return int(objective_id.split("-")[0][1:])


def test_profile(bank: dict, first: dict) -> list[dict]:
    """A test handed in, module by module: points of the first attempts (what the
    entry test shows instead of corrections)."""
    rows: dict[int, dict] = {}
    for q in bank["questions"]:
        row = rows.setdefault(module_of(q["objective"]), {"score": 0, "max": 0, "questions": 0})
        attempt = first.get(q["id"])
        row["questions"] += 1
        row["max"] += scoring.max_score(q)
        if attempt and not attempt.get("solution_first"):
            row["score"] += attempt["score"]
    return [{"module": n, **rows[n]} for n in sorted(rows)]


def count_acquired(statuses: list[dict]) -> int:
    return sum(s["status"] == "acquis" for s in statuses)
