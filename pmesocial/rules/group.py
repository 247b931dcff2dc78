"""A group of trainees seen by their trainer: pure functions over exported records
(read by data/group_folder.py) and the course data they are read against (`context`,
loaded by data/contexts.py and passed in; the book's group-view page carries it as
JSON); rules/group_page.py turns the
summaries below into the page both front ends fill. Mirrored in JavaScript by
static/pmesocial/rules/group.js (tests/vectors/group.json).
Trainees are anonymised by default (« Stagiaire 1 », « Stagiaire 2 »…, in a stable
order); their names and companies are raw text here, to be escaped by whoever shows them.
"""
from __future__ import annotations

import statistics
from collections import Counter

from pmesocial.rules import evidence, forms, rubric
from pmesocial.rules.diagnostic import compute, level_for
from pmesocial.rules.scoring import round_half_up

LEVELS = range(1, 6)
FORMS = ("besoins", "satisfaction", "evaluation-a-froid", "plan", "ma-fiche-google", "ma-video")
SOURCE = "_source"  # the file a record was read from (data/group_folder.py; in memory only, never written)


def context(banks: list[dict], diagnostic: dict, forms_by_id: dict, rubrics: list[dict], modules: list[dict]) -> dict:
    """What the summaries read besides the records: the diagnostic, the forms of FORMS,
    each bank's title, purpose and prompts (whitespace folded), the objectives and the
    questions that assess them. Plain JSON: the book's group-view page carries it. The
    course's own is loaded once by data/contexts.py (group_context)."""
    entry = evidence.objective_map(banks, ("entry-test",)).get(evidence.ENTRY_TEST, {})
    exit_ = evidence.objective_map(banks, ("exit-test",)).get(evidence.EXIT_TEST, {})
    return {"diagnostic": diagnostic, "forms": {f: forms_by_id[f] for f in FORMS},
            "banks": {b["id"]: {"title": b["title"], "purpose": b["purpose"],
                                "questions": {q["id"]: " ".join(q["prompt"].split()) for q in b["questions"]}}
                      for b in banks},
            "objectives": evidence.objectives(modules), "objective_map": evidence.objective_map(banks),
            "entry_map": entry, "exit_map": exit_, "rubrics": rubrics}


def ordered(records: list[dict]) -> list[dict]:
    """The stable order of a group: date the record was started, then file name."""
    return sorted(records, key=lambda r: (r.get("started", ""), r.get(SOURCE, "")))


def label_trainees(records: list[dict], anonymous: bool = True) -> list[tuple[str, dict]]:
    """(label, record) in the stable order; labels are raw text (escape them to show them)."""
    labelled = []
    for number, record in enumerate(ordered(records), 1):
        label = f"Stagiaire {number}"
        if not anonymous:
            trainee = record.get("trainee", {})
            name, company = trainee.get("name", "").strip(), trainee.get("company", "").strip()
            if name or company:
                label = f"{name or label} ({company})" if company else name
        labelled.append((label, record))
    return labelled


# -- diagnostic ----------------------------------------------------------------------

def spread(values: list) -> dict:
    """Count, median, quartiles (inclusive method), min and max; None when no value."""
    values = sorted(values)
    if not values:
        return {"count": 0, "median": None, "q1": None, "q3": None, "min": None, "max": None}
    if len(values) == 1:
        q1 = q3 = values[0]
    else:
        q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return {"count": len(values), "median": statistics.median(values), "q1": q1, "q3": q3,
            "min": values[0], "max": values[-1]}


def diagnostic_summary(records: list[dict], spec: dict) -> list[dict]:
    """Per dimension of the self-diagnostic: spread of the trainees' scores (0-100) and
    the level of the median."""
    scores = {d["id"]: [] for d in spec["dimensions"]}
    for record in records:
        diag = record.get("diagnostic")
        if not diag:
            continue
        for dim in compute(spec, diag.get("answers", {}), diag.get("importance", {}))["dimensions"]:
            if dim["score"] is not None:
                scores[dim["id"]].append(dim["score"])
    rows = []
    for dim in spec["dimensions"]:
        row = {"id": dim["id"], "label": dim["label"], **spread(scores[dim["id"]])}
        row["level"] = level_for(spec, row["median"])
        rows.append(row)
    return rows


# -- exercises -------------------------------------------------------------------------

NO_BANK = {"title": None, "purpose": None, "questions": {}}  # a bank the course no longer has


def question_success(records: list[dict], ctx: dict) -> list[dict]:
    """Every question answered in the group: how many answered it and the mean success
    rate of the **first** attempts (score / max), from the most missed to the best
    answered. Solutions seen before answering are left out."""
    totals: dict[tuple[str, str], list] = {}
    for record in records:
        for key, entry in record.get("exercises", {}).items():
            for qid, attempt in entry.get("first", {}).items():
                ratios = totals.setdefault((key, qid), [])
                if not attempt.get("solution_first") and attempt["max"] > 0:
                    ratios.append(attempt["score"] / attempt["max"])
    banks = ctx["banks"]
    rows = []
    for (key, qid), ratios in totals.items():
        if not ratios:
            continue
        bank = banks.get(key, NO_BANK)  # a key from a trainee's file only ever looks up this table
        rows.append({"key": key, "bank": key, "bank_title": bank["title"], "purpose": bank["purpose"],
                     "question": qid, "prompt": bank["questions"].get(qid),
                     "answered": len(ratios), "rate": sum(ratios) / len(ratios)})
    rows.sort(key=lambda r: (r["rate"], -r["answered"], r["key"], r["question"]))
    return rows


# -- entry and exit tests ----------------------------------------------------------------

def _mean(values: list) -> float | None:
    return sum(values) / len(values) if values else None


PHASES = ("entree", "sortie")


def progression_summary(records: list[dict], ctx: dict) -> list[dict]:
    """Per objective the entry and exit tests assess: mean ratio of points at entry and
    at exit (over the trainees who took each), and how many trainees took either."""
    entry, exit_, objective_list = ctx["entry_map"], ctx["exit_map"], ctx["objectives"]
    rows = evidence.progression({}, entry, exit_, objective_list)  # every objective, nothing measured
    ratios = {row["id"]: {phase: [] for phase in PHASES} for row in rows}
    trainees = {row["id"]: 0 for row in rows}
    for record in records:
        for row in evidence.progression(record, entry, exit_, objective_list):
            for phase in PHASES:
                if row[phase] is not None and row[phase]["max"] > 0:
                    ratios[row["id"]][phase].append(row[phase]["score"] / row[phase]["max"])
            trainees[row["id"]] += any(row[phase] is not None for phase in PHASES)
    return [{"id": row["id"], "module": row["module"], "text": row["text"],
             **{phase: _mean(ratios[row["id"]][phase]) for phase in PHASES},
             **{f"{phase}_count": len(ratios[row["id"]][phase]) for phase in PHASES},
             "trainees": trainees[row["id"]]} for row in rows]


def acquired_summary(records: list[dict], ctx: dict) -> list[dict]:
    """Per trainee of the group (stable order): objectives acquired, from first attempts."""
    mapping, objective_list = ctx["objective_map"], ctx["objectives"]
    return [{"acquired": evidence.count_acquired(evidence.objective_status(r, mapping, objective_list)),
             "objectives": len(objective_list)} for r in ordered(records)]


# -- questionnaires ------------------------------------------------------------------------

def form_values(record: dict, form_id: str) -> dict:
    return record.get("forms", {}).get(form_id, {}).get("values", {})


def _form(ctx: dict | None, form_id: str) -> dict:
    return ctx["forms"][form_id]


def choice_counts(records: list[dict], form_id: str, field_id: str, ctx: dict) -> list[dict]:
    """How many trainees chose each option of a choice or choices field."""
    field = next(f for f in _form(ctx, form_id)["fields"] if f["id"] == field_id)
    counts = Counter()
    for record in records:
        value = form_values(record, form_id).get(field_id)
        for v in (value if isinstance(value, list) else [value] if value else []):
            counts[v] += 1
    return [{"id": o["id"], "label": o["label"], "count": counts[o["id"]]} for o in field["options"]]


def texts(records: list[dict], form_id: str, field_id: str) -> list[str]:
    """The non-empty answers to a text field, in the group's stable order, without their author."""
    out = []
    for record in ordered(records):
        value = form_values(record, form_id).get(field_id)
        if isinstance(value, str) and value.strip():
            out.append(value.strip())
    return out


def respondents(records: list[dict], form_id: str) -> int:
    return sum(1 for r in records if r.get("forms", {}).get(form_id, {}).get("submitted"))


def satisfaction_summary(records: list[dict], ctx: dict) -> dict:
    """Per rated criterion: number of answers, mean (one decimal), distribution 1..5; the
    goals met; and the non-empty comments, in the group's stable order (without who wrote them)."""
    spec = _form(ctx, "satisfaction")
    criteria = []
    for field in [f for f in spec["fields"] if f["type"] == "scale"]:
        given = [form_values(r, "satisfaction").get(field["id"]) for r in records]
        given = [g for g in given if isinstance(g, int) and not isinstance(g, bool)]
        mean = round_half_up(sum(given) / len(given) * 10) / 10 if given else None
        criteria.append({"id": field["id"], "text": field["label"], "count": len(given), "mean": mean,
                         "distribution": {level: given.count(level) for level in LEVELS}})
    review = next(f for f in spec["fields"] if f["type"] == "review")
    goals = []
    for goal in review["of_options"]:
        answers = [form_values(r, "satisfaction").get(review["id"], {}).get(goal["id"]) for r in records]
        answers = [a for a in answers if a]
        if answers:
            goals.append({"id": goal["id"], "label": goal["label"],
                          **{o["id"]: answers.count(o["id"]) for o in review["options"]}})
    scale = next(f for f in spec["fields"] if f["type"] == "scale")["scale"]
    return {"scale": scale, "criteria": criteria, "comments": texts(records, "satisfaction", "commentaire"),
            "goals": goals, "goal_options": review["options"], "respondents": respondents(records, "satisfaction")}


def needs_summary(records: list[dict], ctx: dict) -> dict:
    """What the group said at entry: size, sector, current use, goals, wishes, adaptations."""
    return {"respondents": respondents(records, "besoins"),
            **{f: choice_counts(records, "besoins", f, ctx) for f in ("taille", "secteur", "usage", "objectifs")},
            "attentes": texts(records, "besoins", "attentes"), "adaptation": texts(records, "besoins", "adaptation")}


def plans(labelled: list[tuple[str, dict]], ctx: dict) -> list[dict]:
    """Each trainee's 90-day plan, as they wrote it (raw text: escape it to show it)."""
    spec = _form(ctx, "plan")
    out = []
    for label, record in labelled:
        values = form_values(record, "plan")
        if not values:
            continue
        rows = forms.submitted_rows(values, "actions")
        hours = [r["heures"] for r in rows if isinstance(r.get("heures"), (int, float)) and not isinstance(r.get("heures"), bool)]
        out.append({"label": label, "objectif": values.get("objectif") or "", "actions": rows,
                    "hours": sum(hours), "complete": not forms.validate(spec, values),
                    "submitted": bool(record.get("forms", {}).get("plan", {}).get("submitted"))})
    return out


def productions_summary(labelled: list[tuple[str, dict]], ctx: dict) -> list[dict]:
    """Each trainee's productions on their rubric (rules/rubric.py), as of the record's
    last change (the 90 days of a plan count from when it was saved)."""
    rubrics = ctx["rubrics"]
    return [{"label": label, "started": record.get("started", ""),
             "productions": rubric.productions(record, rubrics, str(record.get("updated") or "")[:10])}
            for label, record in labelled]


def cold_summary(records: list[dict], ctx: dict) -> dict:
    """The cold evaluation, a few weeks after: what was done, effects, obstacles, usefulness."""
    spec = _form(ctx, "evaluation-a-froid")
    usefulness = [form_values(r, "evaluation-a-froid").get("utilite") for r in records]
    usefulness = [u for u in usefulness if isinstance(u, int) and not isinstance(u, bool)]
    field = next(f for f in spec["fields"] if f["id"] == "utilite")
    return {"respondents": respondents(records, "evaluation-a-froid"),
            **{f: choice_counts(records, "evaluation-a-froid", f, ctx) for f in ("plan", "effets", "obstacles")},
            "usefulness": {"count": len(usefulness), "scale": field["scale"],
                           "mean": round_half_up(sum(usefulness) / len(usefulness) * 10) / 10 if usefulness else None},
            "actions": texts(records, "evaluation-a-froid", "actions"), "suite": texts(records, "evaluation-a-froid", "suite")}


def summaries(records: list[dict], anonymous: bool, ctx: dict) -> dict:
    """Every summary of the group at once (what rules/group_page.py formats)."""
    labelled = label_trainees(records, anonymous)
    return {"records": records, "labelled": labelled, "diagnostic": diagnostic_summary(records, ctx["diagnostic"]),
            "questions": question_success(records, ctx), "progression": progression_summary(records, ctx),
            "acquired": acquired_summary(records, ctx), "needs": needs_summary(records, ctx),
            "plans": plans(labelled, ctx), "satisfaction": satisfaction_summary(records, ctx),
            "productions": productions_summary(labelled, ctx),
            "cold": cold_summary(records, ctx)}
