"""Questionnaires the trainee fills in: needs at entry, the 90-day plan, satisfaction,
the cold evaluation. A form is data (data/forms/<id>.yaml, schema form.schema.json) and
these pure rules; kernel/form_view.py (widgets) and static/pmesocial/ui/form.js (book) draw it.
`validate` is mirrored by form.js, checked against tests/vectors/forms.json.

Values are kept as they are typed (a draft, never lost); `validate` says, in French and
per field, what stops them from being submitted.
"""
from __future__ import annotations

import re
from datetime import date

from pmesocial.rules.formatting import plain_number

ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")

REQUIRED = "Ce champ est à remplir."
NOT_AN_OPTION = "Choisissez l'une des réponses proposées."
NOT_A_NUMBER = "Indiquez un nombre."
NOT_A_DATE = "Indiquez une date valide (jour, mois, année)."


NUMBER = re.compile(r"^-?[0-9]+(?:[.,][0-9]+)?$")  # ASCII digits, as JavaScript


def parse_number(text: str):
    """« 2,5 » or « 2.5 » -> 2.5 and « 3 » -> 3, as a trainee types them; anything else
    stays text, so that `validate` can say what is wrong and nothing typed is lost."""
    cleaned = re.sub(r"[\s\u00a0\u202f]", "", str(text))
    if cleaned == "":
        return None
    if not NUMBER.match(cleaned):
        return str(text)
    value = float(cleaned.replace(",", "."))
    return int(value) if value.is_integer() and "." not in cleaned and "," not in cleaned else value


def is_blank(value) -> bool:
    return value is None or value == "" or value == [] or value == {} or (
        isinstance(value, str) and value.strip() == "")


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _valid_date(value) -> bool:
    if not isinstance(value, str) or not ISO_DATE.match(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def field_error(field: dict, value) -> str | None:
    """What stops one field's value from being submitted, or None."""
    kind = field["type"]
    if is_blank(value):
        return REQUIRED if field.get("required") else None
    ids = [o["id"] for o in field.get("options", [])]
    if kind == "choice":
        return None if value in ids else NOT_AN_OPTION
    if kind == "choices":
        if not isinstance(value, list) or any(v not in ids for v in value):
            return NOT_AN_OPTION
        most = field.get("max_choices")
        return f"Choisissez au plus {most} réponses." if most and len(value) > most else None
    if kind == "text":
        if not isinstance(value, str):
            return REQUIRED
        most = field.get("max_length", 5000)
        return f"{plain_number(most)} caractères au plus." if len(value) > most else None
    if kind == "number":
        if not _is_number(value):
            return NOT_A_NUMBER
        if not field["min"] <= value <= field["max"]:
            unit = f" {field['unit']}" if field.get("unit") else ""
            return f"Indiquez un nombre entre {plain_number(field['min'])} et {plain_number(field['max'])}{unit}."
        return None
    if kind == "date":
        return None if _valid_date(value) else NOT_A_DATE
    if kind == "scale":
        ok = _is_number(value) and float(value).is_integer() and 1 <= value <= len(field["scale"])
        return None if ok else f"Choisissez une note de 1 à {len(field['scale'])}."
    if kind == "review":
        ok = isinstance(value, dict) and all(v in ids for v in value.values())
        return None if ok else NOT_AN_OPTION
    return None  # table: checked row by row in `validate`


def row_is_blank(row) -> bool:
    return not isinstance(row, dict) or all(is_blank(v) for v in row.values())


def validate(spec: dict, values: dict) -> dict:
    """{field path: French message} for everything that stops `values` from being
    submitted; {} when they can be. Paths: « objectif », « actions[2].heures »."""
    errors = {}
    for field in spec["fields"]:
        if field["type"] == "output":  # computed, not typed
            continue
        value = values.get(field["id"])
        if field["type"] != "table":
            message = field_error(field, value)
            if message:
                errors[field["id"]] = message
            continue
        rows = [r for r in value if not row_is_blank(r)] if isinstance(value, list) else []
        if not isinstance(value, list) and not is_blank(value):
            errors[field["id"]] = REQUIRED
            continue
        least = field.get("min_rows", 1 if field.get("required") else 0)
        if len(rows) < least:
            errors[field["id"]] = f"Remplissez au moins {least} lignes." if least > 1 else REQUIRED
        if len(rows) > field["max_rows"]:
            errors[field["id"]] = f"{field['max_rows']} lignes au plus."
        for i, row in enumerate(value if isinstance(value, list) else []):
            if row_is_blank(row):
                continue
            for column in field["columns"]:
                message = field_error(column, row.get(column["id"]))
                if message:
                    errors[f"{field['id']}[{i}].{column['id']}"] = message
    return errors


def submitted_rows(values: dict, field_id: str) -> list[dict]:
    """A table's filled-in rows (blank ones dropped), as kept for documents and the group view."""
    return [r for r in values.get(field_id) or [] if not row_is_blank(r)]


# -- advice: what a saved check tells the trainee to do -------------------------------------

def _labels(field: dict) -> dict:
    return {o["id"]: o for o in field.get("options", [])}


ADVICE_TITLE = "Ce que votre vérification vous dit de faire"  # forms.js says the same (vectors)


def advice(spec: dict, values: dict) -> list[str]:
    """What a saved form tells the trainee to do: the `advice` of each option chosen (in a
    table, prefixed by the row), and, for a choices field with `missing_advice`, the
    options left unticked. A check (« Mon site en règle ») answers instead of only saving."""
    out = []
    for field in spec["fields"]:
        value = values.get(field["id"])
        if field["type"] == "table":
            for n, row in enumerate(value if isinstance(value, list) else [], 1):
                if row_is_blank(row):
                    continue
                for column in field["columns"]:
                    option = _labels(column).get(row.get(column["id"])) if isinstance(row, dict) else None
                    if option and option.get("advice"):
                        out.append(f"{field.get('row_label', 'Ligne')} {n} : {option['advice']}")
            continue
        options = _labels(field)
        chosen = value if isinstance(value, list) else [value]
        out += [options[c]["advice"] for c in chosen if isinstance(c, str) and c in options
                and options[c].get("advice")]
        if field.get("missing_advice") and field["type"] == "choices":
            ticked = value if isinstance(value, list) else []
            left = [o["label"] for o in field["options"] if o["id"] not in ticked]
            if left:
                out.append(f"{field['missing_advice']} : {' ; '.join(left)}.")
    return out


# -- output fields: what a form computes from its own values (not stored) -------------------
WEEKS_PER_MONTH = 4.33  # as the time budget of module 6
UTM_SAFE = "!~*'()"     # what JavaScript's encodeURIComponent leaves too


def _utm_part(text) -> str:
    return "-".join(str(text or "").strip().lower().split())


def utm_link(url=None, source=None, medium=None, campaign=None) -> str:
    """A tracked link: the page address with utm_source, utm_medium and utm_campaign."""
    from urllib.parse import quote

    address = str(url or "").strip()
    if not address or not (address.startswith("https://") or address.startswith("http://")) or " " in address \
            or "#" in address:
        return "Indiquez l'adresse complète de la page, qui commence par https:// (sans espace ni #)."
    parts = [(key, _utm_part(value)) for key, value in (("utm_source", source), ("utm_medium", medium),
                                                         ("utm_campaign", campaign))]
    if any(not value for _, value in parts):
        return "Indiquez la source, le support et la campagne pour construire le lien."
    query = "&".join(f"{key}={quote(value, safe=UTM_SAFE)}" for key, value in parts)
    return f"{address}{'&' if '?' in address else '?'}{query}"


def cost_per_request(hours=None, hourly_cost=None, spend=None, requests=None) -> str:
    """What a month of social media costs (time and money) and what each request for a
    quote costs, to compare with the other means of module 6."""
    from pmesocial.rules.formatting import number

    values = [hours, hourly_cost, spend, requests]
    if any(not _is_number(v) or v < 0 for v in values):
        return "Remplissez les quatre nombres (zéro ou plus) pour voir le résultat."
    time_cost = hours * WEEKS_PER_MONTH * hourly_cost
    total = time_cost + spend
    text = (f"Coût par mois : {number(total)} € (temps : {number(time_cost)} €, dépenses : {number(spend)} €)")
    if requests == 0:
        return text + " ; aucune demande ce mois-ci : le coût par demande ne se calcule pas encore."
    return text + f" ; par demande de devis : {number(total / requests)} €."


OUTPUT_RULES = {"utm_link": utm_link, "cost_per_request": cost_per_request}


def output_text(field: dict, values: dict) -> str:
    """The text an output field shows for the form's current values."""
    args = {arg: values.get(field_id) for arg, field_id in field["inputs"].items()}
    return OUTPUT_RULES[field["rule"]](**args)
