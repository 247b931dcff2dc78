"""The time budget on screen (ipywidgets): sliders, the summary and two bar charts in
plain HTML; the book draws the same with static/pmesocial/ui/budget.js."""
from __future__ import annotations

from html import escape

from pmesocial.data.budget import load_budget
from pmesocial.kernel.display import CourseOutput
from pmesocial.rules.budget import charts, compute, summary_text
from pmesocial.rules.formatting import number


def bars_html(view: dict) -> str:
    """A bar chart of rules/budget.bars_view in plain HTML (ui/budget.js draws the same)."""
    body = "".join(
        f"<div class='pmes-bar-row'><span class='pmes-bar-label'>{escape(r['label'])}</span>"
        f"<span class='pmes-bar-track' aria-hidden='true'><span class='pmes-bar pmes-bar-{r['pattern']}' "
        f"style='width:{r['width']}'></span></span><span class='pmes-bar-value'>{escape(r['text'])}</span></div>"
        for r in view["rows"])
    return (f"<figure class='pmes-bars'><figcaption class='pmes-bars-title'>{escape(view['title'])}</figcaption>"
            f"{body}<p class='pmes-chart-source'>{escape(view['source'])}</p></figure>")


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

    from pmesocial.kernel.widget_kit import STYLE, Kit

    kit = Kit()
    sliders = {a["id"]: kit(w.FloatSlider, value=a["default"], min=0, max=a["max"], step=a.get("step", 0.5),
                            description=a["label"], readout_format=".1f",
                            style={"description_width": "45%"}, layout={"width": "95%"})
               for a in spec["activities"]}
    cost = spec["hourly_cost"]
    cost_slider = kit(w.FloatSlider, value=cost["default"], min=cost["min"], max=cost["max"], step=cost["step"],
                      description=cost["label"], readout_format=".0f",
                      style={"description_width": "45%"}, layout={"width": "95%"})
    summary, hours_bars, cost_bars = kit.html(), kit.html(), kit.html()

    def refresh(*_):
        result = compute(spec, {k: s.value for k, s in sliders.items()}, cost_slider.value)
        summary.value = (f"<p class='pmes-budget-summary' role='status' aria-live='polite'>"
                         f"<strong>{escape(summary_text(result))}</strong></p>")
        views = charts(spec, result)
        hours_bars.value = bars_html(views["hours"])
        cost_bars.value = bars_html(views["costs"])

    for s in [*sliders.values(), cost_slider]:
        s.observe(refresh, names="value")
    refresh()
    header = kit.html(STYLE + f"<h4>{escape(spec['title'])}</h4>" + (f"<p>{escape(spec['intro'])}</p>" if spec.get("intro") else ""))
    basis = "".join(f"<li><strong>{escape(x['label'])}</strong> : {number(x['monthly_cost'])} € par mois. "
                    f"{escape(x['basis'])}</li>" for x in spec["alternatives"])
    box = kit.vbox([header, *sliders.values(), cost_slider, summary, hours_bars, cost_bars,
                    kit.html(f"<details><summary>D'où viennent les coûts de comparaison ?</summary><ul>{basis}</ul></details>")])
    box.add_class("pmes-budget")
    box.add_class("pmes-exercise")
    return box


def time_budget(budget_id: str) -> TimeBudget:
    return TimeBudget(load_budget(budget_id))
