"""A group of trainees seen by their trainer: pure functions over exported records.

Trainees export « Mon dossier » as JSON (from the book or JupyterLab); the trainer puts
every file in one folder. `load_group` reads them, setting aside (never failing on) a
file that is not a readable record; the summaries below are what group_view.py shows.
Trainees are anonymised by default (« Stagiaire 1 », « Stagiaire 2 »…, in a stable
order); their names and companies are raw text here, to be escaped by whoever shows them.
"""
from __future__ import annotations

import re
import statistics
from functools import lru_cache
from pathlib import Path

from . import evidence
from .banks import load_bank
from .diagnostic import compute, level_for
from .paths import QUIZ_DIR
from .record import RecordError, parse_record
from .scoring import round_half_up
from .validation import DataFileError

SOURCE = "_source"  # file a record was read from (kept in memory only, never written)
LEVELS = range(1, 6)
BANK_ID = re.compile(r"[a-z0-9][a-z0-9-]*")


def load_group(folder) -> tuple[list[dict], list[tuple[str, str]]]:
    """Every *.json record in `folder`, and the files set aside as (file name, reason in French)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"Le dossier « {folder} » n'existe pas : indiquez le dossier "
                                f"où vous avez rassemblé les fichiers des stagiaires.")
    records, rejected = [], []
    for path in sorted(folder.glob("*.json"), key=lambda p: p.name):
        try:
            record = parse_record(path.read_text("utf-8"))
        except RecordError as exc:
            rejected.append((path.name, str(exc)))
            continue
        except UnicodeDecodeError:
            rejected.append((path.name, "Ce fichier n'est pas un texte lisible (encodage autre que UTF-8) : "
                                        "ce n'est pas un dossier exporté par le cours."))
            continue
        except OSError as exc:
            rejected.append((path.name, f"Ce fichier n'a pas pu être ouvert ({exc.strerror or 'erreur de lecture'})."))
            continue
        record[SOURCE] = path.name
        records.append(record)
    return records, rejected


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

def _split_key(key: str) -> tuple[str, str | None]:
    bank_id, _, phase = key.partition("@")
    return bank_id, phase or None


@lru_cache(maxsize=256)
def _prompts(bank_id: str) -> dict:
    """A bank's title and its question prompts (whitespace folded); empty if it is gone.
    The id comes from a trainee's file: only a plain name of data/quiz is ever opened."""
    if not BANK_ID.fullmatch(bank_id) or not (QUIZ_DIR / f"{bank_id}.yaml").is_file():
        return {"title": None, "questions": {}}
    try:
        bank = load_bank(bank_id)
    except (DataFileError, OSError, KeyError):
        return {"title": None, "questions": {}}
    return {"title": bank["title"],
            "questions": {q["id"]: " ".join(q["prompt"].split()) for q in bank["questions"]}}


def question_success(records: list[dict]) -> list[dict]:
    """Every question answered in the group: how many answered it and the mean success
    rate (score / max), from the most missed to the best answered."""
    totals: dict[tuple[str, str], list] = {}
    for record in records:
        for key, entry in record.get("exercises", {}).items():
            for qid, result in entry.get("results", {}).items():
                ratios = totals.setdefault((key, qid), [])
                if result["max"] > 0:
                    ratios.append(result["score"] / result["max"])
    rows = []
    for (key, qid), ratios in totals.items():
        if not ratios:
            continue
        bank_id, phase = _split_key(key)
        bank = _prompts(bank_id)
        rows.append({"key": key, "bank": bank_id, "bank_title": bank["title"], "phase": phase,
                     "phase_label": evidence.PHASES.get(phase, phase) if phase else None,
                     "question": qid, "prompt": bank["questions"].get(qid),
                     "answered": len(ratios), "rate": sum(ratios) / len(ratios)})
    rows.sort(key=lambda r: (r["rate"], -r["answered"], r["key"], r["question"]))
    return rows


# -- positioning test ------------------------------------------------------------------

def _mean(values: list) -> float | None:
    return sum(values) / len(values) if values else None


def progression_summary(records: list[dict]) -> list[dict]:
    """Per objective assessed by the positioning test: mean ratio of points at entry and
    at exit (over the trainees who took each), and how many trainees took it at all."""
    positioning = evidence.objective_map().get(evidence.record_key(evidence.POSITIONING, "sortie"), {})
    objective_list = evidence.objectives()
    rows = evidence.progression({}, positioning, objective_list)  # every objective, nothing measured
    ratios = {row["id"]: {phase: [] for phase in evidence.PHASES} for row in rows}
    trainees = {row["id"]: 0 for row in rows}
    for record in records:
        for row in evidence.progression(record, positioning, objective_list):
            for phase in evidence.PHASES:
                if row[phase] is not None and row[phase]["max"] > 0:
                    ratios[row["id"]][phase].append(row[phase]["score"] / row[phase]["max"])
            trainees[row["id"]] += any(row[phase] is not None for phase in evidence.PHASES)
    return [{"id": row["id"], "module": row["module"], "text": row["text"],
             **{phase: _mean(ratios[row["id"]][phase]) for phase in evidence.PHASES},
             **{f"{phase}_count": len(ratios[row["id"]][phase]) for phase in evidence.PHASES},
             "trainees": trainees[row["id"]]} for row in rows]


# -- satisfaction ------------------------------------------------------------------------

def satisfaction_summary(records: list[dict]) -> dict:
    """Per criterion: number of answers, mean (one decimal), distribution 1..5; and the
    non-empty comments, in the group's stable order (without who wrote them)."""
    spec = evidence.satisfaction_spec()
    criteria = []
    for criterion in spec["criteria"]:
        given = [r.get("satisfaction", {}).get("ratings", {}).get(criterion["id"]) for r in records]
        given = [g for g in given if g is not None]
        mean = round_half_up(sum(given) / len(given) * 10) / 10 if given else None
        criteria.append({"id": criterion["id"], "text": criterion["text"], "count": len(given), "mean": mean,
                         "distribution": {level: given.count(level) for level in LEVELS}})
    comments = [r["satisfaction"]["comment"].strip() for r in ordered(records)
                if r.get("satisfaction", {}).get("comment", "").strip()]
    return {"scale": spec["scale"], "criteria": criteria, "comments": comments,
            "respondents": sum(1 for r in records if r.get("satisfaction", {}).get("ratings"))}
