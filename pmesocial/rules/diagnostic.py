"""The self-diagnostic of a PME's use of social media: pure rules.

Each item is answered on the 0-4 behavioural scale; a dimension's score is the mean of
its answered items on 0-100; its level is the last level whose `min` it reaches. The
weakest dimensions are flagged ("as mature as your weakest link"); priorities rank the
gap to 100 by the importance (1-3) the PME gives the dimension, ties kept in the order
of the questionnaire. static/pmesocial/rules/diagnostic.js implements the same rules; a test
feeds both the same answers.
"""
from __future__ import annotations

from pmesocial.rules.scoring import round_half_up

DEFAULT_IMPORTANCE = 2
PRIORITY_COUNT = 3


def level_for(spec: dict, score) -> dict | None:
    if score is None:
        return None
    chosen = spec["levels"][0]
    for level in spec["levels"]:
        if score >= level["min"]:
            chosen = level
    return {"id": chosen["id"], "label": chosen["label"]}


def _valid_value(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 4


def compute(spec: dict, answers: dict, importance: dict) -> dict:
    """Scores, levels, weakest dimensions and priorities; bad values are reported in French."""
    errors, dimensions = [], []
    for dim in spec["dimensions"]:
        values = []
        for item in dim["items"]:
            value = answers.get(item["id"])
            if value is None:
                continue
            if _valid_value(value):
                values.append(value)
            else:
                errors.append(f"« {item['text']} » : la réponse doit être un niveau de 0 à 4.")
        weight = importance.get(dim["id"], DEFAULT_IMPORTANCE)
        if not (isinstance(weight, int) and not isinstance(weight, bool) and 1 <= weight <= 3):
            errors.append(f"« {dim['label']} » : l'importance doit valoir 1, 2 ou 3.")
            weight = DEFAULT_IMPORTANCE
        score = round_half_up(sum(values) * 25 / len(values)) if values else None
        dimensions.append({"id": dim["id"], "label": dim["label"], "score": score,
                           "level": level_for(spec, score), "importance": weight,
                           "answered": len(values), "items": len(dim["items"])})
    scored = [d for d in dimensions if d["score"] is not None]
    overall = round_half_up(sum(d["score"] for d in scored) / len(scored)) if scored else None
    lowest = min((d["score"] for d in scored), default=None)
    weakest = [d["id"] for d in scored if d["score"] == lowest]
    ranked = sorted((d for d in scored if d["score"] < 100),
                    key=lambda d: -(100 - d["score"]) * d["importance"])  # stable: ties keep order
    by_id = {d["id"]: d for d in spec["dimensions"]}
    priorities = [{
        "id": d["id"], "label": d["label"], "score": d["score"], "importance": d["importance"],
        "weight": (100 - d["score"]) * d["importance"],
        "recommendations": [r for r in by_id[d["id"]]["recommendations"]
                            if r.get("up_to") is None or d["score"] < r["up_to"]],
    } for d in ranked[:PRIORITY_COUNT]]
    return {"dimensions": dimensions, "overall": overall, "overall_level": level_for(spec, overall),
            "weakest": weakest, "priorities": priorities,
            "complete": all(d["answered"] == d["items"] for d in dimensions), "errors": errors}


REPORT_RADAR_TITLE = "Profil de votre PME sur les huit dimensions (scores sur 100)"
DEFAULT_IMPORTANCE_LABELS = ["Secondaire", "Utile", "Essentielle"]


def report_view(spec: dict, result: dict, trainee: dict, module_titles: dict, date_iso: str) -> dict:
    """Everything the diagnostic report's one template shows (diagnostic_report.html.j2):
    the kernel fills it with Jinja, the book with nunjucks. `module_titles`: {"3": title}."""
    from pmesocial.rules.formatting import date_fr
    from pmesocial.rules.radar import radar_view

    importance = spec.get("importance") or DEFAULT_IMPORTANCE_LABELS
    level = result["overall_level"]
    description = next((lv["description"] for lv in spec["levels"] if level and lv["id"] == level["id"]), "")
    return {
        "company": trainee.get("company") or "", "name": trainee.get("name") or "", "date": date_fr(date_iso),
        "answered": result["overall"] is not None, "overall": result["overall"],
        "overall_level": level["label"] if level else "", "overall_description": description,
        "complete": result["complete"],
        "radar": radar_view([d["label"] for d in result["dimensions"]], [d["score"] for d in result["dimensions"]],
                            REPORT_RADAR_TITLE, "rapport-radar"),
        "dimensions": [{"label": d["label"], "weak": d["id"] in result["weakest"],
                        "score": "—" if d["score"] is None else str(d["score"]),
                        "level": d["level"]["label"] if d["level"] else "non renseigné",
                        "importance": importance[d["importance"] - 1]} for d in result["dimensions"]],
        "priorities": [{"label": p["label"], "score": p["score"], "importance": p["importance"],
                        "recommendations": [{"text": r["text"], "module": r["module"],
                                             "module_title": module_titles.get(str(r["module"]), "")}
                                            for r in p["recommendations"]]} for p in result["priorities"]],
        "levels": [{"label": lv["label"], "min": lv["min"], "description": lv["description"]} for lv in spec["levels"]],
    }
