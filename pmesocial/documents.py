"""The documents a trainee takes away and a training body signs: the 90-day plan, the
attestation de fin de formation, the certificat de réalisation.

One text for each: a Jinja template (pmesocial/templates/<name>.html.j2) filled with a
*view* that a pure function builds from the record. The book fills the very same
templates (precompiled for nunjucks, static/pmesocial/templates.js) with views built by
static/pmesocial/documents.js, which mirrors the functions below and is checked against
tests/vectors/documents.json. Every value is escaped by the template engines.
"""
from __future__ import annotations

from functools import lru_cache

from . import course, evidence, forms
from .formatting import date_fr, duration, plain_number
from .markup import TEMPLATES
from .paths import REPO_DIR
from .record import now
from .validation import DataFileError, read_yaml, schema_errors

ORGANISME_FILE = REPO_DIR / "organisme.yaml"
MODALITIES = {"distance": "à distance (formation ouverte et à distance)", "presentiel": "en présentiel",
              "mixte": "mixte : à distance et en présentiel"}
EVALUATION_RULE = ("Chaque objectif est évalué par la première réponse donnée à chacune des questions qui "
                   "l'évaluent (autoévaluations des modules et test de sortie) : il est acquis à partir de 75 % "
                   "des points sur au moins trois questions, en cours d'acquisition à partir de 40 %. "
                   "Une question dont la solution a été consultée avant toute réponse n'est pas comptée.")


class OrganismeError(DataFileError):
    """organisme.yaml is missing or incomplete; the message names the field, in French."""


def load_organisme(path=ORGANISME_FILE) -> dict:
    try:
        data = read_yaml(path)
    except DataFileError as exc:
        raise OrganismeError(f"Le fichier de l'organisme de formation est introuvable ou illisible : {exc}") from None
    messages = schema_errors(data, "organisme.schema.json",
                             lambda p: f"{path.name} : champ « {'.'.join(map(str, p)) or '(racine)'} »")
    if messages:
        raise OrganismeError("Le fichier de l'organisme de formation est incomplet : " + " ; ".join(messages))
    return data


def organisme_or_error(path=ORGANISME_FILE) -> tuple[dict | None, str | None]:
    try:
        return load_organisme(path), None
    except OrganismeError as exc:
        return None, str(exc)


@lru_cache(maxsize=1)
def course_info() -> dict:
    """What every document needs to know of the course (the same data the book receives)."""
    info = course.programme()
    return {"title": info["title"], "subtitle": info["subtitle"], "nature": info["nature"],
            "planned_minutes": course.planned_minutes(),
            "sequences": [{"id": s["id"], "title": s["title"], "minutes": s["minutes"],
                           "banks": {b: [q["id"] for q in _bank(b)["questions"]] for b in s.get("banks", [])},
                           "test": s.get("test")} for s in course.sequences()]}


def _bank(bank_id: str) -> dict:
    from .banks import load_bank

    return load_bank(bank_id)


# -- views: pure functions of the record (mirrored by documents.js) ------------------------
def _trainee(record: dict) -> dict:
    t = record.get("trainee", {})
    return {"name": t.get("name") or "", "company": t.get("company") or ""}


def plan_view(record: dict, spec: dict, today: str) -> dict:
    values = record.get("forms", {}).get("plan", {}).get("values", {})
    rows = forms.submitted_rows(values, "actions")
    hours = [r["heures"] for r in rows if isinstance(r.get("heures"), (int, float)) and not isinstance(r.get("heures"), bool)]
    errors = forms.validate(spec, values)
    return {
        "trainee": _trainee(record), "date": date_fr(today), "objectif": values.get("objectif") or "",
        "point_etape": date_fr(values.get("point_etape")) if isinstance(values.get("point_etape"), str) else "",
        "rows": [{"number": i + 1, "action": str(r.get("action") or ""), "responsable": str(r.get("responsable") or ""),
                  "heures": (f"{plain_number(r['heures'])} h" if isinstance(r.get("heures"), (int, float))
                             and not isinstance(r.get("heures"), bool) else str(r.get("heures") or "")),
                  "indicateur": str(r.get("indicateur") or ""),
                  "echeance": date_fr(r["echeance"]) if isinstance(r.get("echeance"), str) else ""}
                 for i, r in enumerate(rows)],
        "total_hours": f"{plain_number(sum(hours))} h",
        "complete": not errors, "missing": len(errors),
    }


def _statuses_view(statuses: list[dict]) -> list[dict]:
    return [{"module": s["module"], "text": s["text"], "points": f"{s['score']} / {s['max']}" if s["evaluated"] else "—",
             "evaluated": s["evaluated"], "skipped": s["skipped"], "label": evidence.STATUS_LABELS[s["status"]],
             "status": s["status"]} for s in statuses]


def _organisme_view(org: dict) -> dict:
    return {**org, "modalite_label": MODALITIES[org["modalite"]]}


def attestation_view(record: dict, statuses: list[dict], org: dict, info: dict, today: str) -> dict:
    return {
        "trainee": _trainee(record), "organisme": _organisme_view(org), "course": info["title"],
        "nature": info["nature"], "start": date_fr(record.get("started", "")), "end": date_fr(today),
        "date": date_fr(today), "duration": duration(info["planned_minutes"]),
        "statuses": _statuses_view(statuses), "acquired": evidence.count_acquired(statuses),
        "objectives": len(statuses), "rule": EVALUATION_RULE,
    }


def bank_complete(record: dict, bank_id: str, question_ids: list[str]) -> bool:
    first = record.get("exercises", {}).get(bank_id, {}).get("first", {})
    return bool(question_ids) and all(q in first for q in question_ids)


def completed(record: dict, info: dict) -> list[dict]:
    """Each sequence and whether it was done: its banks all answered (first attempts),
    or its test handed in."""
    out = []
    for s in info["sequences"]:
        if s.get("test"):
            done = bool(record.get("exercises", {}).get(s["test"], {}).get("submitted"))
        else:
            done = bool(s["banks"]) and all(bank_complete(record, b, q) for b, q in s["banks"].items())
        out.append({"title": s["title"], "minutes": s["minutes"], "duration": duration(s["minutes"]), "done": done})
    return out


def last_activity(record: dict) -> str:
    stamps = [record.get("started", "")]
    for entry in record.get("exercises", {}).values():
        stamps += [a.get("at", "") for a in entry.get("first", {}).values()] + [entry.get("submitted", "")]
    return max(s for s in stamps if isinstance(s, str))


def certificat_view(record: dict, org: dict, info: dict, today: str) -> dict:
    rows = completed(record, info)
    done = sum(r["minutes"] for r in rows if r["done"])
    return {
        "trainee": _trainee(record), "organisme": _organisme_view(org), "course": info["title"],
        "nature": info["nature"], "start": date_fr(record.get("started", "")), "end": date_fr(last_activity(record)),
        "date": date_fr(today), "done_duration": duration(done), "planned_duration": duration(info["planned_minutes"]),
        "sequences": rows, "done_count": sum(r["done"] for r in rows), "count": len(rows),
    }


# -- rendering (kernel side) ----------------------------------------------------------------
def view_for(name: str, record: dict, today: str | None = None) -> dict:
    today = today or now()[:10]
    info = course_info()
    if name == "plan":
        return plan_view(record, forms.load_form("plan"), today)
    org = load_organisme()
    if name == "attestation":
        statuses = evidence.objective_status(record, evidence.objective_map(), evidence.objectives())
        return attestation_view(record, statuses, org, info, today)
    return certificat_view(record, org, info, today)


def render(name: str, view: dict) -> str:
    return TEMPLATES.get_template(f"{name}.html.j2").render(**view)


def render_document(name: str, record: dict, today: str | None = None) -> str:
    """The document as one self-contained HTML file; OrganismeError if organisme.yaml is
    incomplete (attestation, certificat)."""
    return render(name, view_for(name, record, today))


def document_payload(*names: str) -> dict:
    """What the book needs to fill the same templates: the course, the training body (or
    why it cannot), and, for the attestation, the objectives and their questions."""
    org, error = organisme_or_error()
    data = {"course": course_info(), "organisme": org, "organisme_error": error, "names": list(names)}
    if "plan" in names:
        data["plan_form"] = forms.load_form("plan")
    if "attestation" in names:
        data.update(objectives=evidence.objectives(), objective_map=evidence.objective_map())
    return data
