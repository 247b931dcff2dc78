"""myst-nb mime renderers: the course's exercise JSON and plotly's JSON, as HTML.

Registered under the `myst_nb.mime_renderers` entry point (pyproject.toml). Each
returns a container holding the data in a `<script type="application/json">`, which
the page's own scripts turn into a live exercise or chart. `<` is escaped in the JSON
so that no text in it can close the script element.
"""
from __future__ import annotations

import functools
import gzip
import json

from docutils import nodes

from pmesocial.front_end import CARNET_CLASS, HOSTS, PLOTLY_CLASS
from pmesocial.kernel.display import MIME_TYPE

PLOTLY_MIME = "application/vnd.plotly.v1+json"


def _json_script(content) -> str:
    data = json.loads(content) if isinstance(content, str) else content
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json">{text}</script>', data


def _container(css_class, html: str) -> list[nodes.Element]:
    box = nodes.container(classes=[css_class] if isinstance(css_class, str) else list(css_class))
    box += nodes.raw("", html, format="html")
    return [box]


NOSCRIPT = "<noscript><p>Activez JavaScript pour répondre à cet exercice.</p></noscript>"


class ExerciseRenderer:
    mime_priority_overrides = [("html", MIME_TYPE, 1), ("dirhtml", MIME_TYPE, 1),
                               ("singlehtml", MIME_TYPE, 1)]

    @staticmethod
    def handle_mime(renderer, data, inline):
        if inline or data.mime_type != MIME_TYPE:
            return None
        script, payload = _json_script(data.content)
        kind = payload.get("kind")
        if kind not in HOSTS:
            raise ValueError(f"sortie du cours de type inconnu : {kind!r} (attendu : {', '.join(HOSTS)})")
        host_class, attribute, asset_class = HOSTS[kind]
        html = f'<div class="{host_class}" {attribute}="1">{script}{NOSCRIPT}</div>'
        if kind == "panel" and payload.get("panel") == "dossier":  # it offers the carnet
            asset_class = (asset_class, CARNET_CLASS)
        return _container(asset_class, html)


# the texts of a plotly figure a reader sees; formats (hovertemplate, tickformat…) stay as they are
FIGURE_TEXT = ("text", "name", "alt", "title", "source", "hovertemplate", "texttemplate", "hovertext", "ticktext",
               "labels", "x", "y")  # x and y: category labels; numbers and ISO dates are left as they are


def _typo_figure(figure: dict) -> dict:
    from pmesocial.rules.typography import typo

    def walk(value, key=None):
        if isinstance(value, dict):
            return {k: walk(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, key) for v in value]
        if isinstance(value, str) and key in FIGURE_TEXT:
            return typo(value)
        return value
    return walk(figure)


@functools.lru_cache(maxsize=1)
def _plotly_download() -> str:
    """What the reader's click costs, written on the button: plotly.js, compressed."""
    from pmesocial.book import _plotly_js
    from pmesocial.rules.formatting import number

    kilobytes = len(gzip.compress(_plotly_js().read_bytes(), 6)) / 1000
    return f"{number(round(kilobytes, -1))} Ko"  # « 400 Ko »: a round figure is enough


class PlotlyRenderer:
    """A course chart as its static SVG, drawn now from the definition the figure carries
    (kernel/charts.py): part of the first paint, no script needed. The plotly figure rides
    along as JSON; ui/plotly.js loads plotly.js only when the reader asks for it."""
    mime_priority_overrides = [("html", PLOTLY_MIME, 2), ("dirhtml", PLOTLY_MIME, 2),
                               ("singlehtml", PLOTLY_MIME, 2)]

    @staticmethod
    def handle_mime(renderer, data, inline):
        if inline or data.mime_type != PLOTLY_MIME:
            return None
        from pmesocial.kernel.charts import Chart

        figure = _typo_figure(json.loads(data.content) if isinstance(data.content, str) else data.content)
        script, figure = _json_script(figure)
        meta = (figure.get("layout") or {}).get("meta") or {}
        definition = meta.get("chart") if isinstance(meta, dict) else None
        if not isinstance(definition, dict):
            raise ValueError("graphique plotly sans définition (layout.meta.chart) : construisez-le avec "
                             "pmesocial.kernel.charts.bar_chart, qui donne aussi son image statique au livre")
        button = (f'<p class="pmes-chart-more" hidden><button type="button" class="pmes-chart-live">'
                  f'Explorer le graphique (version interactive, {_plotly_download()} à charger)</button></p>')
        # root-relative: the page's depth is not known here (hashed_names.py hashes the name)
        html = (f'<figure class="pmes-chart" data-pmes-plotly="_static/pmesocial/plotly.min.js">{Chart(definition).svg()}'
                f'<div class="pmes-plotly" hidden>{script}</div>{button}</figure>')
        return _container(PLOTLY_CLASS, html)
