"""« Mon carnet », the trainee's workbook: module by module, their last answers written
out, how each first attempt went, the feedback the bank gives for those answers, their
estimates against the sourced figures, their self-diagnostic, goals, 90-day plan and the
status of each objective. A pure view of the record and the course (`context`, plain
JSON loaded by data/contexts.py, which the book loads on demand); it fills templates/carnet.html.j2 and is mirrored one to
one by static/pmesocial/rules/carnet.js (tests/vectors/carnet.json).
"""
from __future__ import annotations

import re

from pmesocial.rules import evidence, rubric, scoring
from pmesocial.rules.diagnostic import compute, report_view
from pmesocial.rules.documents import plan_view, statuses_view, trainee_view
from pmesocial.rules.formatting import date_fr, with_unit

NONE = "—"
NOT_ANSWERED = "pas encore répondu"
NOT_COUNTED = "non comptée : solution vue avant de répondre"
STALE = "— (cette réponse ne correspond plus à la question)"
VERDICTS = {True: "Bonne réponse !", False: "Ce n'est pas tout à fait ça."}
FIRST_STATES = {"right": "juste", "partial": "juste en partie", "wrong": "à revoir"}
NO_CORRECTION = ("Corrections non montrées : le test d'entrée situe votre point de départ, "
                 "le test de sortie mesure ce que vous avez appris.")
QUESTION_KEYS = ("id", "type", "prompt", "points", "options", "items", "categories", "min", "max", "tolerance")
FIGURE_KEYS = ("indicator", "value", "unit", "year", "source", "source_date", "confidence", "caveat")
MODULE_PREFIX = re.compile(r"^m(\d+)-")
LONG = 6  # answer lines and feedback paragraphs past which a question may break across pages
RAW_KEYS = frozenset({"radar", "state", "status"})  # geometry and class names, left out of typography


def _bank_order(bank: dict) -> tuple:
    """Within a module, as a trainee meets them: lesson exercises, self-check, practice."""
    rank = 1 if bank["purpose"] == "self-check" else 2 if bank["id"].endswith("-pratique") else 0
    return rank, bank["id"]


def _slim_question(question: dict, corrections: bool) -> dict:
    out = {k: question[k] for k in QUESTION_KEYS if k in question}
    if not corrections:  # the entry test teaches no answer, here as on its page
        out.update({k: [{f: o[f] for f in ("id", "text") if f in o} for o in out[k]]
                    for k in ("options", "items") if k in out})
    out["prompt"] = " ".join(question["prompt"].split())
    if "figure_data" in question:
        out["figure_data"] = {k: question["figure_data"].get(k) for k in FIGURE_KEYS}
    return out


def context(base: dict, all_banks: list[dict], modules: list[dict], rubrics: list[dict]) -> dict:
    """What the carnet reads besides the record: rules/group.py's context `base`
    (diagnostic, forms, objectives and the questions assessing them), the modules, and
    every bank with what scoring.check needs to give back its feedback (options, items,
    figures), each bank tagged with its module (0 for the tests). Plain JSON. The
    course's own is loaded once by data/contexts.py (carnet_context)."""
    banks = []
    for bank in sorted(all_banks, key=_bank_order):
        match = MODULE_PREFIX.match(bank["id"])
        banks.append({"id": bank["id"], "title": bank["title"], "purpose": bank["purpose"],
                      "module": int(match.group(1)) if match else 0,
                      "questions": [_slim_question(q, bank["purpose"] != "entry-test") for q in bank["questions"]]})
    return {"diagnostic": base["diagnostic"], "forms": {f: base["forms"][f] for f in ("besoins", "plan", "satisfaction")},
            "objectives": base["objectives"], "objective_map": base["objective_map"],
            "modules": [{"number": m["number"], "title": m["title"]} for m in modules], "banks": banks,
            "rubrics": rubrics}


# -- one question ----------------------------------------------------------------------

def answer_lines(question: dict, answer) -> list[str]:
    """The answer as text: the chosen options, each item's category, the estimate."""
    kind = question["type"]
    if kind == "estimate":
        return [with_unit(answer, question["figure_data"]["unit"])]
    if kind == "single":
        return [o["text"] for o in question["options"] if o["id"] == answer]
    if kind == "multiple":
        return [o["text"] for o in question["options"] if o["id"] in answer]
    labels = {c["id"]: c["label"] for c in question["categories"]}
    placed = {i["id"]: answer.get(i["id"]) for i in question["items"]}
    return [f"{i['text']} → {labels.get(placed[i['id']], NONE) if isinstance(placed[i['id']], str) else NONE}"
            for i in question["items"]]


def first_view(attempt) -> dict:
    if not isinstance(attempt, dict):
        return {"state": "none", "text": NOT_ANSWERED}
    if attempt.get("solution_first"):
        return {"state": "skipped", "text": NOT_COUNTED}
    score, top = attempt.get("score", 0), attempt.get("max", 0)
    state = "right" if top and score >= top else "partial" if score > 0 else "wrong"
    return {"state": state, "text": f"{score} / {top} : {FIRST_STATES[state]}"}


def estimate_view(question: dict, answer, answered: bool) -> dict:
    fig = question["figure_data"]
    return {"indicator": fig.get("indicator") or question["prompt"],
            "yours": with_unit(answer, fig["unit"]) if answered else NONE,
            "value": with_unit(fig["value"], fig["unit"]),
            "source": fig.get("source") or "aucune source retrouvée",
            "year": str(fig["year"]) if fig.get("year") else NONE}


def question_view(number: int, question: dict, answer, attempt, corrections: bool) -> dict:
    """`corrections`: False for the entry test, whose feedback is never shown (nor carried)."""
    lines = answer_lines(question, answer) if scoring.is_answered(question, answer) else []
    result = scoring.check(question, answer) if corrections and lines else None
    lines = lines or ([STALE] if answer is not None else [NONE])
    feedback = [{"text": f.text, "info": f.ref == scoring.INFO, "correct": f.correct}
                for f in result.feedback] if result else []
    return {"number": number, "prompt": question["prompt"], "answer": lines, "inline": len(lines) == 1,
            "first": first_view(attempt), "verdict": VERDICTS[result.correct] if result else "", "feedback": feedback,
            "long": len(lines) + len(feedback) > LONG}


def bank_view(bank: dict, entry: dict) -> dict:
    answers, first = entry.get("answers") or {}, entry.get("first") or {}
    ids = [q["id"] for q in bank["questions"]]
    started = any(q in answers or q in first for q in ids)
    corrections = bank["purpose"] != "entry-test"
    questions = [question_view(n, q, answers.get(q["id"]), first.get(q["id"]), corrections)
                 for n, q in enumerate(bank["questions"], 1)] if started else []
    estimates = [estimate_view(q, answers.get(q["id"]), scoring.is_answered(q, answers.get(q["id"])))
                 for q in bank["questions"] if started and q["type"] == "estimate"]
    return {"title": bank["title"], "started": started, "questions": questions, "estimates": estimates,
            "answered": sum(1 for q in ids if q in first), "count": len(ids),
            "note": "" if corrections or not started else NO_CORRECTION}


def lost_answers(record: dict, ctx: dict) -> int:
    """Answers kept in the record to questions the course no longer has."""
    known = {b["id"]: {q["id"] for q in b["questions"]} for b in ctx["banks"]}
    lost = 0
    for key, entry in (record.get("exercises") or {}).items():
        asked = set(entry.get("answers") or {}) | set(entry.get("first") or {})
        lost += len(asked - known.get(key, set()))
    return lost


# -- the whole carnet ------------------------------------------------------------------

def goals_view(record: dict, ctx: dict) -> dict:
    """The goals chosen in the needs form, whether the satisfaction form says they were
    met, what the trainee hoped to work on, and the plan's objective."""
    forms = record.get("forms") or {}
    needs = (forms.get("besoins") or {}).get("values") or {}
    said = ((forms.get("satisfaction") or {}).get("values") or {}).get("objectifs") or {}
    field = next(f for f in ctx["forms"]["besoins"]["fields"] if f["id"] == "objectifs")
    review = next(f for f in ctx["forms"]["satisfaction"]["fields"] if f["type"] == "review")
    met = {o["id"]: o["label"] for o in review["options"]}
    chosen = needs.get("objectifs") if isinstance(needs.get("objectifs"), list) else []
    said = said if isinstance(said, dict) else {}
    goals = [{"label": o["label"], "met": met.get(said.get(o["id"]), "") if isinstance(said.get(o["id"]), str) else ""}
             for o in field["options"] if o["id"] in chosen]
    attentes = needs.get("attentes") if isinstance(needs.get("attentes"), str) else ""
    plan = (forms.get("plan") or {}).get("values") or {}
    objectif = plan.get("objectif") if isinstance(plan.get("objectif"), str) else ""
    return {"goals": goals, "attentes": attentes.strip(), "objectif": objectif.strip(),
            "any": bool(goals or attentes.strip() or objectif.strip())}


def diagnostic_view(record: dict, ctx: dict, today: str) -> dict:
    diag = record.get("diagnostic") or {}
    spec = ctx["diagnostic"]
    result = compute(spec, diag.get("answers") or {}, diag.get("importance") or {})
    titles = {str(m["number"]): m["title"] for m in ctx["modules"]}
    return report_view(spec, result, trainee_view(record), titles, today)


def carnet_view(record: dict, ctx: dict, today: str) -> dict:
    """Everything carnet.html.j2 shows, as formatted strings, numbers and booleans."""
    exercises = record.get("exercises") or {}
    statuses = statuses_view(evidence.objective_status(record, ctx["objective_map"], ctx["objectives"]))

    def banks_of(number: int, purposes=None) -> list[dict]:
        return [bank_view(b, exercises.get(b["id"]) or {}) for b in ctx["banks"]
                if b["module"] == number and (purposes is None or b["purpose"] in purposes)]

    sections = [{"title": f"Module {m['number']} — {m['title']}", "banks": banks_of(m["number"]),
                 "objectives": [s for s in statuses if s["module"] == m["number"]]} for m in ctx["modules"]]
    for purpose, title, where in (("entry-test", "Positionnement d'entrée", 0),
                                  ("exit-test", "Bilan de fin de formation", len(sections) + 1)):
        sections.insert(where, {"title": title, "banks": banks_of(0, (purpose,)), "objectives": []})
    for section in sections:
        section["estimates"] = [e for b in section["banks"] for e in b["estimates"]]
    diagnostic = diagnostic_view(record, ctx, today)
    plan = plan_view(record, ctx["forms"]["plan"], today)
    lost = lost_answers(record, ctx)
    return {"trainee": trainee_view(record), "date": date_fr(today), "started": date_fr(record.get("started") or ""),
            "sections": sections, "statuses": statuses, "acquired": evidence.count_acquired(statuses),
            "objectives": len(statuses), "goals": goals_view(record, ctx), "diagnostic": diagnostic,
            "radar": diagnostic["radar"], "plan": plan, "has_plan": bool(plan["rows"] or plan["objectif"]),
            "productions": [rubric.production_view(p) for p in rubric.productions(record, ctx["rubrics"], today)],
            "lost": (f"Votre dossier garde {lost} réponse(s) à des questions qui ne sont plus dans le cours : "
                     "elles ne figurent pas dans ce carnet.") if lost else ""}
