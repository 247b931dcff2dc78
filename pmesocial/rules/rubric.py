"""Productions judged as productions: the 90-day plan, the Google profile checklist, the
video plan and the reply to a review each have a rubric (data/rubrics/*.yaml). What the
course can check is checked on every save (`evaluate`); the rest is judged by the trainer
in the group view, whose decision (« validée » or « à reprendre ») travels back in the
trainee's record (`validations`).

Pure rules over a form entry of the record; static/pmesocial/rules/rubric.js mirrors them,
checked against tests/vectors/rubric.json.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

from pmesocial.rules.forms import is_blank, row_is_blank

STATUS_LABELS = {"a-faire": "À faire", "brouillon": "Commencée, pas encore enregistrée", "incomplete": "À compléter", "a-valider": "Complète, à valider par le formateur",
                 "validee": "Validée par le formateur", "a-reprendre": "À reprendre, selon le formateur"}
DECISIONS = ("validee", "a-reprendre")
# What a trainee reads above the rubric, on a form's page and on the review page (rubric.js says the same).
RUBRIC_INTRO = ("Votre production, relue sur sa grille : le cours vérifie ce qui peut l'être ; votre formateur juge "
                "le reste et peut la valider.")
# What would identify the customer in a public reply: a phone number, an e-mail address,
# a street address (number and kind of street).
# (ASCII classes and no \b after a word: the same patterns in rules/rubric.js.)
PHONE = re.compile(r"(?:\+33|0)\s*[1-9](?:[\s.-]*[0-9]{2}){4}")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.[A-Za-z0-9.-]+")
STREET = re.compile(r"(?:^|[^0-9])[0-9]{1,4}\s*(?:bis|ter)?,?\s+(?:rue|avenue|av\.|boulevard|bd|chemin|allée|place|impasse"
                    r"|route|quai|cours)(?=\s|$|[,.;])", re.IGNORECASE)
# A figure written in words counts as a figure (« cinq demandes de devis par mois »).
NUMBER = re.compile(r"[0-9]|(?:^|[^a-zà-ÿ])(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente"
                    r"|quarante|cinquante|soixante|cent|cents|mille|moitié|double|triple)(?=$|[^a-zà-ÿ])", re.IGNORECASE)
YEAR = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])")
ITEM = re.compile(r"(?:^|\n|;|\s)(?:[0-9]+\s*[.)-]|[-•*])\s+\S")


def fold(text: str) -> str:
    """Lower case without accents, to compare words as a trainee may type them."""
    return "".join(c for c in unicodedata.normalize("NFD", str(text).lower()) if unicodedata.category(c) != "Mn")


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _day(value):
    try:
        return date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None


def item_count(text: str) -> int:
    """How many items a text lists: numbered or bulleted items, else non-empty lines."""
    text = str(text or "")
    numbered = len(ITEM.findall(text))
    lines = len([line for line in re.split(r"\r\n|\r|\n", text) if line.strip()])
    return max(numbered, lines)


def check(rule: dict, values: dict, reference: date) -> bool:
    """One automatic criterion on a form's values; `reference` is the day the production
    was saved (the 90 days count from it)."""
    kind, value = rule["rule"], values.get(rule["field"])
    text = value if isinstance(value, str) else ""
    rows = [r for r in value if not row_is_blank(r)] if isinstance(value, list) and value and isinstance(value[0], dict) \
        else []
    chosen = value if isinstance(value, list) and all(isinstance(v, str) for v in value) else []
    if kind == "filled":
        return not is_blank(value)
    if kind == "min_length":
        return len(text.strip()) >= rule["min"]
    if kind == "contains_any":
        folded = fold(text)
        return any(fold(word) in folded for word in rule["words"])
    if kind == "contains_number":  # a year (« en 2027 ») is a date, not a target
        return bool(NUMBER.search(YEAR.sub(" ", text)))
    if kind == "no_personal_data":
        return bool(text.strip()) and not (PHONE.search(text) or EMAIL.search(text) or STREET.search(text))
    if kind == "min_items":
        return item_count(text) >= rule["min"]
    if kind == "min_rows":
        return len(rows) >= rule["min"]
    if kind == "rows_complete":
        return bool(rows) and all(not is_blank(r.get(c)) and (not _is_number(r.get(c)) or r[c] > 0)
                                  for r in rows for c in rule["columns"])
    if kind == "dates_within":
        days = [_day(r.get(rule["column"])) for r in rows]
        last = reference + timedelta(days=rule["days"])
        return bool(days) and all(d is not None and reference <= d <= last for d in days)
    if kind == "date_within":
        day = _day(value)
        return day is not None and reference <= day <= reference + timedelta(days=rule["days"])
    if kind == "min_choices":
        return len(chosen) >= rule["min"]
    if kind == "min_choices_or":
        return len(chosen) >= rule["min"] or values.get(rule["or_field"]) == rule["or_value"]
    if kind == "choices_include":
        return all(o in chosen for o in rule["options"])
    raise ValueError(f"règle inconnue : {kind}")


def _touched(entry: dict, rubric: dict) -> bool:
    values = entry.get("values", {})
    fields = rubric.get("fields") or list(values)
    return any(not is_blank(values.get(f)) for f in fields)


def evaluate(rubric: dict, entry: dict | None, validation: dict | None, today: str) -> dict:
    """A production as the trainee, the trainer and the documents see it: each criterion
    (met, not met, or for the trainer to judge), what is missing, and its status."""
    entry = entry or {}
    values = entry.get("values", {})
    reference = _day(str(entry.get("submitted") or "")[:10]) or _day(today[:10]) or date.today()
    judged = (validation or {}).get("criteria", {})
    criteria = []
    for c in rubric["criteria"]:
        if "check" in c:
            criteria.append({"id": c["id"], "label": c["label"], "by": "cours", "met": check(c["check"], values, reference)})
        else:
            met = judged.get(c["id"]) if isinstance(judged.get(c["id"]), bool) else None
            criteria.append({"id": c["id"], "label": c["label"], "by": "formateur", "met": met})
    auto = [c for c in criteria if c["by"] == "cours"]
    decision = (validation or {}).get("decision")
    if decision in DECISIONS:
        status = decision
    elif not _touched(entry, rubric):
        status = "a-faire"
    elif not entry.get("submitted"):
        status = "brouillon"  # typed, never saved with « Enregistrer »: what is missing is not judged yet
    elif all(c["met"] for c in auto):
        status = "a-valider"
    else:
        status = "incomplete"
    return {"id": rubric["id"], "title": rubric["title"], "form": rubric["form"], "objective": rubric["objective"],
            "status": status, "label": STATUS_LABELS[status], "criteria": criteria,
            "missing": [c["label"] for c in auto if not c["met"]],
            "auto_met": sum(bool(c["met"]) for c in auto), "auto_total": len(auto),
            "trainer_total": len(criteria) - len(auto),
            "comment": str((validation or {}).get("comment") or ""), "validated_by": str((validation or {}).get("by") or ""),
            "validated_on": str((validation or {}).get("at") or "")[:10]}


MARKS = {True: "Fait", False: "Manque", None: "À juger par le formateur"}
TRAINER_MARKS = {True: "Validé par le formateur", False: "À reprendre", None: "À juger par le formateur"}


def production_view(result: dict) -> dict:
    """A production as every page and document shows it (templates/productions.html.j2)."""
    from pmesocial.rules.formatting import date_fr

    return {"title": result["title"], "status": result["status"], "label": result["label"],
            "criteria": [{"label": c["label"], "met": c["met"], "by": c["by"],
                          "mark": (MARKS if c["by"] == "cours" else TRAINER_MARKS)[c["met"]]} for c in result["criteria"]],
            "summary": f"Critères vérifiés par le cours : {result['auto_met']} sur {result['auto_total']} ; "
                       f"critères jugés par le formateur : {result['trainer_total']}",
            "comment": result["comment"], "validated_by": result["validated_by"],
            "validated_on": date_fr(result["validated_on"]) if result["validated_on"] else ""}


def productions(record: dict, rubrics: list[dict], today: str) -> list[dict]:
    """Every production of the course, evaluated on the trainee's record."""
    forms, validations = record.get("forms", {}), record.get("validations", {})
    return [evaluate(r, forms.get(r["form"]), validations.get(r["id"]), today) for r in rubrics]
