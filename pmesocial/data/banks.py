"""Load question banks (YAML) and validate them against the JSON schema.

Authors get one message per problem naming the file, the question id and the field,
in French like the rest of the course.
"""
from __future__ import annotations

import copy
import hashlib
from collections import Counter
from functools import lru_cache
from pathlib import Path

from pmesocial.data import figures
from pmesocial.data.checked_cache import checked
from pmesocial.data.law import LAW_DIR, all_law
from pmesocial.data.validation import DataFileError, field_path, read_yaml, schema_errors
from pmesocial.paths import QUIZ_DIR
from pmesocial.rules.typography import typo_all


class BankError(DataFileError):
    """A question bank that cannot be used; the message names file, question and field."""


def _where(source: str, data, path) -> str:
    path = list(path)
    if len(path) >= 2 and path[0] == "questions" and isinstance(path[1], int):
        questions = data.get("questions") or []
        qid = questions[path[1]].get("id") if path[1] < len(questions) and isinstance(questions[path[1]], dict) else None
        field = field_path(path[2:]) if len(path) > 2 else "(question)"
        return f"{source} : question « {qid or '#' + str(path[1] + 1)} », champ « {field} »"
    return f"{source} : champ « {field_path(path)} »"


def _semantic_errors(source: str, data: dict) -> list[str]:
    """Rules a schema cannot say: unique ids, exactly one right answer, known categories."""
    errors = []
    counts = Counter(q["id"] for q in data["questions"])
    errors += [f"{source} : question « {qid} », champ « id » : identifiant en double"
               for qid, n in counts.items() if n > 1]
    law_ids = None
    for q in data["questions"]:
        where = f"{source} : question « {q['id']} »"
        if q.get("law"):
            law_ids = set(all_law()) if law_ids is None else law_ids
            errors += [f"{where}, champ « law » : pas de ligne « {i} » dans data/law/" for i in q["law"] if i not in law_ids]
        if q["type"] in ("single", "multiple"):
            ids = [o["id"] for o in q["options"]]
            if len(set(ids)) != len(ids):
                errors.append(f"{where}, champ « options » : identifiants d'options en double")
            n_correct = sum(bool(o.get("correct")) for o in q["options"])
            if q["type"] == "single" and n_correct != 1:
                errors.append(f"{where}, champ « options » : une question à choix unique "
                              f"demande exactement une bonne réponse (trouvé : {n_correct})")
            if q["type"] == "multiple" and n_correct < 1:
                errors.append(f"{where}, champ « options » : aucune bonne réponse indiquée")
        elif q["type"] == "estimate":
            errors += _resolve_figure(where, q)
        else:
            categories = {c["id"] for c in q["categories"]}
            for i, item in enumerate(q["items"]):
                if item["answer"] not in categories:
                    errors.append(f"{where}, champ « items[{i}].answer » : catégorie "
                                  f"« {item['answer']} » inconnue (attendu : {', '.join(sorted(categories))})")
    return errors


FIGURE_FIELDS = ("indicator", "value", "unit", "year", "article_wording", "source",
                 "source_date", "confidence", "caveat")


def _resolve_figure(where: str, question: dict) -> list[str]:
    """Copy the figure an estimate refers to (value and provenance) into the question,
    so both front ends show the same number and source without reading the CSV."""
    theme, fig_id = question["figure"].split("/")
    try:
        table = figures.figure_rows(theme)
    except FileNotFoundError:
        return [f"{where}, champ « figure » : pas de fichier data/figures/{theme}.csv"]
    except figures.FigureDataError as exc:
        return [f"{where}, champ « figure » : {exc}"]
    if fig_id not in table:
        return [f"{where}, champ « figure » : « {fig_id} » introuvable dans data/figures/{theme}.csv"]
    figure = {k: table[fig_id][k] for k in FIGURE_FIELDS}
    if not question["min"] <= figure["value"] <= question["max"]:
        return [f"{where}, champ « min »/« max » : la valeur {figure['value']} de « {fig_id} » "
                f"n'est pas entre {question['min']} et {question['max']}"]
    question["figure_data"] = figure
    return []


def validate_bank(data, source: str = "<banque>") -> dict:
    """Return a checked copy of the bank (estimates carry their figure); raise BankError
    listing every problem."""
    if not isinstance(data, dict):
        raise BankError(f"{source} : le fichier doit contenir un dictionnaire (id, title, questions)")
    data = copy.deepcopy(data)
    for question in data.get("questions") or []:
        if isinstance(question, dict):
            question.pop("figure_data", None)  # always resolved afresh from data/figures
    messages = schema_errors(data, "question_bank.schema.json", lambda path: _where(source, data, path))
    if not messages:
        messages = _semantic_errors(source, data)
    if messages:
        raise BankError("\n".join(dict.fromkeys(messages)))
    return data


# what is not text for a reader: left as written by the typography
NOT_TEXT = frozenset({"id", "type", "purpose", "objective", "figure", "parallel", "answer", "correct", "points", "law", "parts",
                      "min", "max", "step", "tolerance", "value", "year", "confidence", "source_date"})


def load_bank_file(path: Path) -> dict:
    """A checked bank, its texts in French typography (both front ends show them as they are);
    checked once, then from the cache (checked_cache) while the file, the figures it may
    quote and the legal rows it may name are unchanged."""
    return checked("bank", Path(path), lambda: _check_bank_file(path),
                   also=[*figures.FIGURES_DIR.glob("*.csv"), *LAW_DIR.glob("*.csv")])


def _check_bank_file(path: Path) -> dict:
    try:
        data = read_yaml(path)
    except DataFileError as exc:
        raise BankError(str(exc)) from None
    return typo_all(validate_bank(data, source=str(path)), NOT_TEXT)


def load_bank(bank_id: str, directory: Path = QUIZ_DIR) -> dict:
    """Load data/quiz/<bank_id>.yaml; its `id` field must match the file name."""
    path = Path(directory) / f"{bank_id}.yaml"
    bank = load_bank_file(path)
    if bank["id"] != bank_id:
        raise BankError(f"{path} : champ « id » : « {bank['id']} » ne correspond pas au nom du fichier")
    return bank


@lru_cache(maxsize=1)
def all_banks() -> tuple[dict, ...]:
    """Every bank of data/quiz, checked, in file-name order."""
    return tuple(load_bank(path.stem) for path in sorted(QUIZ_DIR.glob("*.yaml")))


def display_order(bank: dict) -> dict:
    """The bank with each question's options in a fixed shuffled order.

    Authors tend to write the right answer first; both front ends show this order, which
    depends only on the ids (stable outputs, same order in JupyterLab and the book)."""
    shown = copy.deepcopy(bank)
    for question in shown["questions"]:
        if question["type"] in ("single", "multiple"):
            question["options"].sort(
                key=lambda o: hashlib.sha256(f"{question['id']}:{o['id']}".encode()).hexdigest())
    return shown
