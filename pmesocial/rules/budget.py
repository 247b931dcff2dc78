"""« Chronophage ? »: the weekly time budget of module 6, as pure rules.

A trainee sets hours a week per activity and an hourly cost; the rules give the weekly
time, its monthly cost, and what other means of reaching the same goals cost.
static/pmesocial/rules/budget.js mirrors them (tests/vectors/budget.json).
"""
from __future__ import annotations

import math

from pmesocial.rules.formatting import number

DEFAULT_WEEKS_PER_MONTH = 4.33


def round2(x: float) -> float:
    """Half-up to the cent, as budget.js does (Python's round() is half-even)."""
    return math.floor(x * 100 + 0.5) / 100


def compute(spec: dict, hours: dict, hourly_cost: float) -> dict:
    """Weekly hours, monthly cost, and each alternative's cost against it.

    Out-of-range values are reported in French in `errors` and left out of the totals.
    """
    weeks = spec.get("weeks_per_month", DEFAULT_WEEKS_PER_MONTH)
    errors, activities = [], []
    for a in spec["activities"]:
        h = hours.get(a["id"], 0)
        if not isinstance(h, (int, float)) or isinstance(h, bool) or not 0 <= h <= a["max"]:
            errors.append(f"« {a['label']} » : indiquez un nombre d'heures entre 0 et {number(a['max'])}.")
            h = 0
        activities.append({"id": a["id"], "label": a["label"], "hours": h,
                           "monthly_cost": round2(h * weeks * hourly_cost)})
    cost = spec["hourly_cost"]
    if not isinstance(hourly_cost, (int, float)) or not cost["min"] <= hourly_cost <= cost["max"]:
        errors.append(f"Coût horaire : indiquez une valeur entre {number(cost['min'])} et {number(cost['max'])} €.")
        hourly_cost = cost["default"]
        for a in activities:
            a["monthly_cost"] = round2(a["hours"] * weeks * hourly_cost)
    weekly = sum(a["hours"] for a in activities)
    monthly_cost = round2(weekly * weeks * hourly_cost)
    return {
        "weekly_hours": weekly,
        "monthly_hours": round2(weekly * weeks),
        "monthly_cost": monthly_cost,
        "activities": activities,
        "alternatives": [{"id": x["id"], "label": x["label"], "monthly_cost": x["monthly_cost"]}
                         for x in spec["alternatives"]],
        "errors": errors,
    }


def summary_text(result: dict) -> str:
    return (f"Temps consacré : {number(result['weekly_hours'], 1)} h par semaine, soit "
            f"{number(result['monthly_hours'], 1)} h par mois, pour un coût d'environ "
            f"{number(result['monthly_cost'])} € par mois.")


COST_SOURCE = "vos réglages ; coûts des autres moyens : ordres de grandeur du cours, à adapter"
HOURS_SOURCE = "vos réglages"
HOURS_TITLE = "Votre semaine type sur les médias sociaux (heures par semaine)"
COST_TITLE = "Coût par mois : votre temps et d'autres moyens (euros par mois)"


def cost_rows(spec: dict, result: dict) -> list[tuple[str, float, str]]:
    rows = [("Votre temps sur les médias sociaux", result["monthly_cost"])]
    rows += [(x["label"], x["monthly_cost"]) for x in spec["alternatives"]]
    return [(label, value, f"{number(value)} €") for label, value in rows]


def hour_rows(result: dict) -> list[tuple[str, float, str]]:
    return [(a["label"], a["hours"], f"{number(a['hours'], 1)} h") for a in result["activities"]]


def bars_view(title: str, rows: list[tuple[str, float, str]], source: str) -> dict:
    """A horizontal bar chart as a view: the values are text (read by screen readers, in
    greyscale, without plotly), each bar's width is relative to the largest value."""
    top = max([value for _, value, _ in rows] + [0]) or 1
    return {"title": title, "source": f"Source : {source}",
            "rows": [{"label": label, "text": text, "pattern": i % 6,
                      "width": number(100 * value / top, 1).replace(",", ".").replace("\u202f", "") + "%"}
                     for i, (label, value, text) in enumerate(rows)]}


def charts(spec: dict, result: dict) -> dict:
    """The two bar charts of the time budget: hours per week, then cost per month."""
    return {"hours": bars_view(HOURS_TITLE, hour_rows(result), HOURS_SOURCE),
            "costs": bars_view(COST_TITLE, cost_rows(spec, result), COST_SOURCE)}
