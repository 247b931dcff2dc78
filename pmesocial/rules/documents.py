"""The documents a trainee takes away and a training body signs (90-day plan, attestation
de fin de formation, certificat de réalisation): their *views*, pure functions of the
record that fill the one template of each document (pmesocial/templates/<name>.html.j2).
static/pmesocial/rules/documents.js mirrors them (tests/vectors/documents.json); the
kernel renders with Jinja (kernel/documents.py), the book with the same templates
precompiled for nunjucks.
"""
from __future__ import annotations

from pmesocial.rules import evidence, forms
from pmesocial.rules.formatting import date_fr, duration, plain_number

MODALITIES = {"distance": "à distance (formation ouverte et à distance)", "presentiel": "en présentiel",
              "mixte": "mixte : à distance et en présentiel"}
EVALUATION_RULE = ("Chaque objectif est évalué par la première réponse donnée à chacune des questions qui "
                   "l'évaluent (autoévaluations des modules et test de sortie) : il est acquis à partir de 75 % "
                   "des points sur au moins trois questions, en cours d'acquisition à partir de 40 %. "
                   "Une question dont la solution a été consultée avant toute réponse n'est pas comptée.")


def trainee_view(record: dict) -> dict:
    t = record.get("trainee", {})
    return {"name": t.get("name") or "", "company": t.get("company") or ""}


def plan_view(record: dict, spec: dict, today: str) -> dict:
    values = record.get("forms", {}).get("plan", {}).get("values", {})
    rows = forms.submitted_rows(values, "actions")
    hours = [r["heures"] for r in rows if isinstance(r.get("heures"), (int, float)) and not isinstance(r.get("heures"), bool)]
    errors = forms.validate(spec, values)
    return {
        "trainee": trainee_view(record), "date": date_fr(today), "objectif": values.get("objectif") or "",
        "point_etape": date_fr(values.get("point_etape")) if isinstance(values.get("point_etape"), str) else "",
        "rows": [{"number": i + 1, "action": str(r.get("action") or ""), "responsable": str(r.get("responsable") or ""),
                  "heures": (f"{plain_number(r['heures'])} h" if isinstance(r.get("heures"), (int, float))
                             and not isinstance(r.get("heures"), bool) else str(r.get("heures") or "")),
                  "indicateur": str(r.get("indicateur") or ""),
                  "echeance": date_fr(r["echeance"]) if isinstance(r.get("echeance"), str) else ""}
                 for i, r in enumerate(rows)],
        "total_hours": f"{plain_number(sum(hours))} h",
        "complete": not errors, "missing": len(errors),
        "conformite": _chosen_labels(spec, "conformite", values.get("conformite")),
    }


def _chosen_labels(spec: dict, field_id: str, value) -> list[str]:
    """The labels of the options ticked in a choices field, in the form's order."""
    field = next((f for f in spec["fields"] if f["id"] == field_id), None)
    ticked = value if isinstance(value, list) else []
    return [o["label"] for o in (field or {}).get("options", []) if o["id"] in ticked]


def statuses_view(statuses: list[dict]) -> list[dict]:
    return [{"module": s["module"], "text": s["text"], "points": f"{s['score']} / {s['max']}" if s["evaluated"] else "—",
             "evaluated": s["evaluated"], "skipped": s["skipped"], "label": evidence.STATUS_LABELS[s["status"]],
             "status": s["status"]} for s in statuses]


# Shown on the review page when the record has no name (documents.js says the same, vectors).
NAME_MISSING = ("Votre nom et votre entreprise ne sont pas encore saisis : écrivez-les dans « Mon dossier de "
                "formation » avant de télécharger l'attestation, sinon elle portera « nom non renseigné ».")
SESSION_NOTE = ("Ce certificat porte sur le parcours suivi dans le cours (séquences achevées). Le temps passé en "
                "séance avec le formateur s'atteste par les feuilles d'émargement de l'organisme.")


def planned_duration(info: dict, modality: str) -> str:
    """The planned duration of the training action in the modality the training body
    declares (organisme.yaml): alone at a distance, the course's sequences; in a room,
    the days in session; mixed, the days and the sequences finished after them."""
    group = info["group_minutes"]
    if modality == "presentiel":
        return duration(group["session"])
    if modality == "mixte":
        return f"{duration(group['session'] + group['after'])}, dont {duration(group['after'])} à distance"
    return duration(info["planned_minutes"])


def _organisme_view(org: dict) -> dict:
    return {**org, "modalite_label": MODALITIES[org["modalite"]]}


def attestation_view(record: dict, statuses: list[dict], org: dict, info: dict, today: str,
                     productions: list[dict] | None = None) -> dict:
    """`productions`: the trainee's productions on their rubric (rules/rubric.py production_view)."""
    return {
        "productions": productions or [],
        "trainee": trainee_view(record), "organisme": _organisme_view(org), "course": info["title"],
        "nature": info["nature"], "start": date_fr(record.get("started", "")), "end": date_fr(last_activity(record)),
        "date": date_fr(today), "duration": planned_duration(info, org["modalite"]),
        "statuses": statuses_view(statuses), "acquired": evidence.count_acquired(statuses),
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
    """The day of the trainee's last piece of work: an answer, a test, a form saved, the
    self-diagnostic (the end date of the attestation and of the certificat)."""
    stamps = [record.get("started", "")]
    for entry in record.get("exercises", {}).values():
        stamps += [a.get("at", "") for a in entry.get("first", {}).values()] + [entry.get("submitted", "")]
    stamps += [f.get("submitted", "") for f in record.get("forms", {}).values()]
    stamps.append(record.get("diagnostic", {}).get("updated", ""))
    return max(s for s in stamps if isinstance(s, str))


def certificat_view(record: dict, org: dict, info: dict, today: str) -> dict:
    rows = completed(record, info)
    done = sum(r["minutes"] for r in rows if r["done"])
    return {
        "trainee": trainee_view(record), "organisme": _organisme_view(org), "course": info["title"],
        "nature": info["nature"], "start": date_fr(record.get("started", "")), "end": date_fr(last_activity(record)),
        "date": date_fr(today), "done_duration": duration(done), "planned_duration": duration(info["planned_minutes"]),
        # in a room, the time spent in session is certified by the attendance sheets, not the record
        "session_note": "" if org["modalite"] == "distance" else SESSION_NOTE,
        "sequences": rows, "done_count": sum(r["done"] for r in rows), "count": len(rows),
    }
