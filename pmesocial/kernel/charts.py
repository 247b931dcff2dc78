"""Course charts: plotly figures with a French number format, a source line under
the plot, a text alternative, and colours that survive greyscale and colour blindness.

`Chart` displays as plotly's own mime type (drawn by JupyterLab, Voilà and the book's
extension) plus a text/plain alternative; its JSON is small and free of random ids.
"""
from __future__ import annotations

import textwrap

import plotly.graph_objects as go

from pmesocial.rules.formatting import NNBSP

PLOTLY_MIME = "application/vnd.plotly.v1+json"
# Okabe-Ito palette (safe for colour-blind readers), ordered from dark to light so
# neighbouring bars also differ in greyscale; patterns add a second cue.
PALETTE = ["#0b4f8a", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9"]
PATTERNS = ["", "/", ".", "x", "-", "+"]
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"


class Chart:
    def __init__(self, figure: go.Figure, alt: str, source: str):
        self.figure, self.alt, self.source = figure, alt, source

    def to_json(self) -> dict:
        spec = self.figure.to_plotly_json()
        spec["layout"]["meta"] = {"alt": self.alt, "source": self.source}
        spec["config"] = {"displaylogo": False, "responsive": True}
        return spec

    def __repr__(self) -> str:
        return f"Graphique : {self.alt} Source : {self.source}"

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {PLOTLY_MIME: self.to_json(), "text/plain": repr(self)}


def _layout(title: str, x_title: str, y_title: str, source: str) -> dict:
    return dict(
        template="none",
        title=dict(text=title, x=0.01, xanchor="left", font=dict(size=17)),
        font=dict(family=FONT, size=14, color="#1f1f1f"),
        separators="," + NNBSP,
        xaxis=dict(title=dict(text=x_title), automargin=True),
        yaxis=dict(title=dict(text=y_title), automargin=True, gridcolor="#d9d9d9", rangemode="tozero",
                   tickformat=",~f"),
        margin=dict(l=70, r=20, t=60, b=95),
        height=420,
        annotations=[dict(text="<br>".join(textwrap.wrap(f"Source : {source}", 95)), xref="paper", yref="paper", x=0, y=-0.28,
                          xanchor="left", yanchor="top", showarrow=False, align="left",
                          font=dict(size=12, color="#4a4a4a"))],
    )


def bar_chart(labels, values, *, title: str, x_title: str, y_title: str, source: str, alt: str,
              value_format: str = ",.0f", value_suffix: str = "") -> Chart:
    """Vertical bars, one colour and pattern per bar, values written on the bars."""
    n = len(labels)
    bars = go.Bar(
        x=list(labels), y=list(values),
        marker=dict(color=[PALETTE[i % len(PALETTE)] for i in range(n)],
                    pattern=dict(shape=[PATTERNS[i % len(PATTERNS)] for i in range(n)],
                                 fgcolor="#ffffff", solidity=0.25),
                    line=dict(color="#1f1f1f", width=1)),
        texttemplate=f"%{{y:{value_format}}}{value_suffix}", textposition="outside",
        hovertemplate=f"%{{x}} : %{{y:{value_format}}}{value_suffix}<extra></extra>",
    )
    return Chart(go.Figure(bars, layout=_layout(title, x_title, y_title, source)), alt, source)
