"""What a training body shows its auditors (Qualiopi): positioning at entry and exit,
evaluation of each objective, satisfaction, and an end-of-training attestation.

Pure rules over a trainee record; static/pmesocial/evidence.js mirrors `objective_status`
and `progression` (a test feeds both the same records).
"""
from __future__ import annotations

from functools import lru_cache

from .banks import load_bank
from .course import modules
from .markup import TEMPLATES
from .paths import DATA_DIR, QUIZ_DIR
from .validation import read_yaml

POSITIONING = "positionnement"
PHASES = {"entree": "À l'entrée", "sortie": "À la sortie"}
ACQUIRED, IN_PROGRESS = 0.75, 0.4
STATUS_LABELS = {"acquis": "Acquis", "en-cours": "En cours d'acquisition", "non-acquis": "Non acquis"}


def record_key(bank_id: str, phase: str | None = None) -> str:
    """Where a bank's answers live in the record; the positioning test has two phases."""
    return f"{bank_id}@{phase}" if phase else bank_id


@lru_cache(maxsize=1)
def objective_map() -> dict:
    """{record key: {question id: objective id}} for every bank whose questions name one.
    The entry positioning is left out: it measures the start, not what was learnt."""
    mapping = {}
    for path in sorted(QUIZ_DIR.glob("*.yaml")):
        bank = load_bank(path.stem)
        by_question = {q["id"]: q["objective"] for q in bank["questions"] if q.get("objective")}
        if by_question:
            key = record_key(bank["id"], "sortie") if bank["id"] == POSITIONING else bank["id"]
            mapping[key] = by_question
    return mapping


def objectives() -> list[dict]:
    return [{**o, "module": m["number"]} for m in modules() for o in m["objectives"]]


def status_for(score: float, top: float) -> str:
    if top == 0:
        return "non-acquis"
    ratio = score / top
    return "acquis" if ratio >= ACQUIRED else ("en-cours" if ratio >= IN_PROGRESS else "non-acquis")


def objective_status(record: dict, mapping: dict, objective_list: list[dict]) -> list[dict]:
    """Each objective: the points earned on the questions that assess it, and a status."""
    totals = {o["id"]: [0, 0, 0] for o in objective_list}  # score, max, questions answered
    for key, questions in mapping.items():
        results = record.get("exercises", {}).get(key, {}).get("results", {})
        for qid, objective in questions.items():
            if qid in results and objective in totals:
                totals[objective][0] += results[qid]["score"]
                totals[objective][1] += results[qid]["max"]
                totals[objective][2] += 1
    return [{"id": o["id"], "module": o["module"], "text": o["text"], "score": totals[o["id"]][0],
             "max": totals[o["id"]][1], "answered": totals[o["id"]][2],
             "status": status_for(totals[o["id"]][0], totals[o["id"]][1])} for o in objective_list]


def progression(record: dict, positioning_objectives: dict, objective_list: list[dict]) -> list[dict]:
    """Entry and exit positioning per objective assessed by the positioning test."""
    rows = []
    for o in objective_list:
        questions = [q for q, obj in positioning_objectives.items() if obj == o["id"]]
        if not questions:
            continue
        row = {"id": o["id"], "module": o["module"], "text": o["text"]}
        for phase in PHASES:
            results = record.get("exercises", {}).get(record_key(POSITIONING, phase), {}).get("results", {})
            done = [results[q] for q in questions if q in results]
            row[phase] = ({"score": sum(r["score"] for r in done), "max": sum(r["max"] for r in done)}
                          if done else None)
        rows.append(row)
    return rows


def satisfaction_spec() -> dict:
    return read_yaml(DATA_DIR / "evaluation" / "satisfaction.yaml")


def total_duration_min() -> int:
    return sum(m["duration_min"] for m in modules())


def attestation_html(record: dict, statuses: list[dict], date: str) -> str:
    """The end-of-training attestation, one printable HTML file; names are escaped."""
    minutes = total_duration_min()
    return TEMPLATES.get_template("attestation.html.j2").render(
        trainee=record.get("trainee", {}), started=record.get("started", "")[:10], date=date,
        hours=f"{minutes // 60} h {minutes % 60:02d}", modules=modules(), statuses=statuses,
        labels=STATUS_LABELS)
