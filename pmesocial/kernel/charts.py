"""Course charts: one *definition* per chart (labels, values, title, source, text
alternative), drawn two ways from it:

- a plotly figure, for JupyterLab and Voilà (plotly's own mime type, a text/plain
  alternative; small JSON free of random ids), with a French number format, the source
  under the plot, and colours and patterns that survive greyscale and colour blindness;
- a static SVG (rules/bar_chart.py and templates/bar_chart.svg.j2), which the book draws
  at build time from the definition the figure carries in `layout.meta.chart`.

plotly.py is not imported: the figure is plotly's JSON, written as a dict (JupyterLab's
plotly extension and the book's plotly.js draw it; tests/unit check it against plotly.py).
"""
from __future__ import annotations

import copy
import textwrap

from pmesocial.rules.bar_chart import PALETTE, PATTERNS, bar_chart_view
from pmesocial.rules.formatting import NNBSP

PLOTLY_MIME = "application/vnd.plotly.v1+json"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"


class Chart:
    """A bar chart from its definition (see bar_chart())."""

    def __init__(self, definition: dict):
        self.definition = definition
        self._figure = None

    @property
    def alt(self) -> str:
        return self.definition["alt"]

    @property
    def source(self) -> str:
        return self.definition["source"]

    @property
    def figure(self):
        if self._figure is None:
            self._figure = _bar_figure(self.definition)
        return self._figure

    def to_json(self) -> dict:
        spec = copy.deepcopy(self.figure)
        spec["layout"]["meta"] = {"alt": self.alt, "source": self.source, "chart": self.definition}
        spec["config"] = {"displaylogo": False, "responsive": True}
        return spec

    def svg(self) -> str:
        from pmesocial.kernel.markup import TEMPLATES

        return TEMPLATES.get_template("bar_chart.svg.j2").render(chart=bar_chart_view(self.definition))

    def __repr__(self) -> str:
        return f"Graphique : {self.alt} Source : {self.source}"

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {PLOTLY_MIME: self.to_json(), "text/plain": repr(self)}


def _source_lines(source: str) -> list[str]:
    return textwrap.wrap(f"Source : {source}", 95)


def _bar_figure(d: dict) -> dict:
    """The plotly figure as the JSON plotly.py would write for it (template « none »),
    built as a plain dict: drawing a chart in a kernel imports no plotly (0.1–0.3 s)."""
    n = len(d["labels"])
    fmt, suffix = d["value_format"], d["value_suffix"]
    bars = {
        "type": "bar", "x": list(d["labels"]), "y": list(d["values"]),
        "marker": {"color": [PALETTE[i % len(PALETTE)] for i in range(n)],
                   "pattern": {"shape": [PATTERNS[i % len(PATTERNS)] for i in range(n)],
                               "fgcolor": "#ffffff", "solidity": 0.25},
                   "line": {"color": "#1f1f1f", "width": 1}},
        "texttemplate": f"%{{y:{fmt}}}{suffix}", "textposition": "outside",
        "hovertemplate": f"%{{x}} : %{{y:{fmt}}}{suffix}<extra></extra>",
    }
    lines = _source_lines(d["source"])
    extra = 16 * (len(lines) - 1)  # room under the plot when the source line wraps
    layout = {
        "template": {"data": {"scatter": [{"type": "scatter"}]}},
        "title": {"text": d["title"], "x": 0.01, "xanchor": "left", "font": {"size": 17}},
        "font": {"family": FONT, "size": 14, "color": "#1f1f1f"},
        "separators": "," + NNBSP,
        "xaxis": {"title": {"text": ""}, "automargin": True},
        "yaxis": {"title": {"text": d["axis_title"]}, "automargin": True, "gridcolor": "#d9d9d9",
                  "rangemode": "tozero", "tickformat": ",~f"},
        "margin": {"l": 70, "r": 20, "t": 60, "b": 95 + extra},
        "height": 420 + extra,
        "annotations": [{"text": "<br>".join(lines), "xref": "paper", "yref": "paper", "x": 0, "y": -0.28,
                         "xanchor": "left", "yanchor": "top", "showarrow": False, "align": "left",
                         "font": {"size": 12, "color": "#4a4a4a"}}],
    }
    return {"data": [bars], "layout": layout}


def bar_chart(labels, values, *, title: str, y_title: str, source: str, alt: str,
              value_format: str = ",.0f", value_suffix: str = "") -> Chart:
    """One colour and pattern per bar, values written on the bars. Labels may hold
    plotly's « <br> » line breaks (the SVG rewraps them for its own width)."""
    return Chart({"kind": "bar", "labels": list(labels), "values": [float(v) for v in values],
                  "title": title, "axis_title": y_title, "source": source, "alt": alt,
                  "value_format": value_format, "value_suffix": value_suffix})

