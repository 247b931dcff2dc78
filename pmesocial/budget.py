"""« Chronophage ? »: the weekly time budget of module 6.

A trainee sets hours a week per activity and an hourly cost; the tool shows the weekly
time, its monthly cost, and sets it against what other means of reaching the same goals
cost. The rules (`compute`) are pure; static/pmesocial/budget.js mirrors them.
"""
from __future__ import annotations

import math
from html import escape
from pathlib import Path

from .validation import DataFileError, field_path, read_yaml, schema_errors
from .display import CourseOutput
from .formatting import number
from .paths import DATA_DIR

BUDGET_DIR = DATA_DIR / "budget"
DEFAULT_WEEKS_PER_MONTH = 4.33


def round2(x: float) -> float:
    """Half-up to the cent, as budget.js does (Python's round() is half-even)."""
    return math.floor(x * 100 + 0.5) / 100


def load_budget(budget_id: str, directory: Path = BUDGET_DIR) -> dict:
    path = Path(directory) / f"{budget_id}.yaml"
    spec = read_yaml(path)
    errors = schema_errors(spec, "time_budget.schema.json", lambda p: f"{path} : champ « {field_path(p)} »")
    if not errors:
        cost = spec["hourly_cost"]
        if not cost["min"] <= cost["default"] <= cost["max"]:
            errors.append(f"{path} : champ « hourly_cost.default » : hors de [min, max]")
        errors += [f"{path} : champ « activities[{i}].default » : {a['default']} dépasse max ({a['max']})"
                   for i, a in enumerate(spec["activities"]) if a["default"] > a["max"]]
    if errors:
        raise DataFileError("\n".join(errors))
    return spec


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


def cost_rows(spec: dict, result: dict) -> list[tuple[str, float, str]]:
    rows = [("Votre temps sur les médias sociaux", result["monthly_cost"])]
    rows += [(x["label"], x["monthly_cost"]) for x in spec["alternatives"]]
    return [(label, value, f"{number(value)} €") for label, value in rows]


def hour_rows(result: dict) -> list[tuple[str, float, str]]:
    return [(a["label"], a["hours"], f"{number(a['hours'], 1)} h") for a in result["activities"]]


def bars_html(title: str, rows: list[tuple[str, float, str]], source: str) -> str:
    """A horizontal bar chart in plain HTML: the values are text, so screen readers,
    greyscale printing and a kernel without plotly all read it (budget.js draws the same)."""
    top = max([value for _, value, _ in rows] + [0]) or 1
    body = "".join(
        f"<div class='pmes-bar-row'><span class='pmes-bar-label'>{escape(label)}</span>"
        f"<span class='pmes-bar-track' aria-hidden='true'><span class='pmes-bar pmes-bar-{i % 6}' "
        f"style='width:{100 * value / top:.1f}%'></span></span>"
        f"<span class='pmes-bar-value'>{escape(text)}</span></div>"
        for i, (label, value, text) in enumerate(rows))
    return (f"<figure class='pmes-bars'><figcaption class='pmes-bars-title'>{escape(title)}</figcaption>"
            f"{body}<p class='pmes-chart-source'>Source : {escape(source)}</p></figure>")


HOURS_TITLE = "Votre semaine type sur les médias sociaux (heures par semaine)"
COST_TITLE = "Coût par mois : votre temps et d'autres moyens (euros par mois)"


class TimeBudget(CourseOutput):
    """Displayed object: widgets in a kernel, the spec as JSON for the book."""

    def __init__(self, spec: dict):
        self.spec = spec

    def __repr__(self) -> str:
        return f"Budget temps « {self.spec['title']} » : {len(self.spec['activities'])} activités"

    def payload(self) -> dict:
        return {"kind": "budget", "version": 1, "budget": self.spec}

    def build_widget(self):
        return _build_widget(self.spec)


def _build_widget(spec: dict):
    import ipywidgets as w

    from .widgets import STYLE

    sliders = {a["id"]: w.FloatSlider(value=a["default"], min=0, max=a["max"], step=a.get("step", 0.5),
                                      description=a["label"], readout_format=".1f",
                                      style={"description_width": "45%"}, layout=w.Layout(width="95%"))
               for a in spec["activities"]}
    cost = spec["hourly_cost"]
    cost_slider = w.FloatSlider(value=cost["default"], min=cost["min"], max=cost["max"], step=cost["step"],
                                description=cost["label"], readout_format=".0f",
                                style={"description_width": "45%"}, layout=w.Layout(width="95%"))
    summary, hours_bars, cost_bars = w.HTML(), w.HTML(), w.HTML()

    def refresh(*_):
        result = compute(spec, {k: s.value for k, s in sliders.items()}, cost_slider.value)
        summary.value = (f"<p class='pmes-budget-summary' role='status' aria-live='polite'>"
                         f"<strong>{escape(summary_text(result))}</strong></p>")
        hours_bars.value = bars_html(HOURS_TITLE, hour_rows(result), "vos réglages")
        cost_bars.value = bars_html(COST_TITLE, cost_rows(spec, result), COST_SOURCE)

    for s in [*sliders.values(), cost_slider]:
        s.observe(refresh, names="value")
    refresh()
    header = w.HTML(STYLE + f"<h4>{escape(spec['title'])}</h4>" + (f"<p>{escape(spec['intro'])}</p>" if spec.get("intro") else ""))
    basis = "".join(f"<li><strong>{escape(x['label'])}</strong> : {number(x['monthly_cost'])} € par mois. "
                    f"{escape(x['basis'])}</li>" for x in spec["alternatives"])
    box = w.VBox([header, *sliders.values(), cost_slider, summary, hours_bars, cost_bars,
                  w.HTML(f"<details><summary>D'où viennent les coûts de comparaison ?</summary><ul>{basis}</ul></details>")])
    box.add_class("pmes-budget")
    box.add_class("pmes-exercise")
    return box


def time_budget(budget_id: str) -> TimeBudget:
    return TimeBudget(load_budget(budget_id))
