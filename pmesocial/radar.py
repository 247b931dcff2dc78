"""A radar chart as plain SVG: no library, readable offline, in a report file, in
JupyterLab and in the book (static/pmesocial/diagnostic.js draws the same markup)."""
from __future__ import annotations

import math
from html import escape

from .formatting import number

SIZE, CENTER, RADIUS = 440, 220, 140


def _point(index: int, count: int, value: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    r = RADIUS * value / 100
    return CENTER + r * math.cos(angle), CENTER + r * math.sin(angle)


def _poly(points) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)


def _plain(value: float) -> str:
    return number(value, 1).removesuffix(",0")


def _band(labels: list[str], band) -> tuple[str, str, str]:
    """The ring between two polygons (low, high), filled with even-odd: (shape, style, desc)."""
    if band is None:
        return "", "", ""
    n = len(labels)
    low, high = ([v if v is not None else 0 for v in side] for side in band)
    path = (f"M{_poly(_point(i, n, v) for i, v in enumerate(high))}Z "
            f"M{_poly(_point(i, n, v) for i, v in enumerate(low))}Z")
    style = (".pmes-radar-band{fill:rgba(11,79,138,.12);fill-rule:evenodd;stroke:rgba(11,79,138,.45);"
             "stroke-width:1;stroke-dasharray:4 3}")
    desc = ". Bande claire : " + " ; ".join(
        f"{label} de {_plain(a)} à {_plain(b)}" for label, a, b in zip(labels, low, high))
    return f"<path d='{path}' class='pmes-radar-band'/>", style, desc


def radar_svg(labels: list[str], scores: list, title: str, svg_id: str = "pmes-radar",
              band: tuple[list, list] | None = None) -> str:
    """`band`, optional: (low, high) per axis, drawn as a lighter ring under the scores
    (for a group: the first and third quartiles around the median)."""
    n = len(labels)
    values = [s if s is not None else 0 for s in scores]
    desc = " ; ".join(f"{label} : {'non renseigné' if s is None else f'{s} sur 100'}"
                      for label, s in zip(labels, scores))
    band_shape, band_style, band_desc = _band(labels, band)
    desc += band_desc
    rings = "".join(f"<polygon points='{_poly(_point(i, n, level) for i in range(n))}' class='pmes-radar-ring'/>"
                    for level in (25, 50, 75, 100))
    axes = "".join(f"<line x1='{CENTER}' y1='{CENTER}' x2='{_point(i, n, 100)[0]:.1f}' "
                   f"y2='{_point(i, n, 100)[1]:.1f}' class='pmes-radar-axis'/>" for i in range(n))
    marks = []
    for i, (label, value) in enumerate(zip(labels, values)):
        x, y = _point(i, n, 118)
        anchor = "middle" if abs(x - CENTER) < 1 else ("start" if x > CENTER else "end")
        marks.append(f"<text x='{x:.1f}' y='{y:.1f}' text-anchor='{anchor}' class='pmes-radar-label'>"
                     f"{escape(label)} ({value})</text>")
    shape = _poly(_point(i, n, v) for i, v in enumerate(values))
    dots = "".join(f"<circle cx='{x:.1f}' cy='{y:.1f}' r='4' class='pmes-radar-dot'/>"
                   for x, y in (_point(i, n, v) for i, v in enumerate(values)))
    return (f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='-230 -10 {SIZE + 460} {SIZE + 20}' role='img' "
            f"aria-labelledby='{svg_id}-t {svg_id}-d' class='pmes-radar'>"
            f"<title id='{svg_id}-t'>{escape(title)}</title><desc id='{svg_id}-d'>{escape(desc)}</desc>"
            f"<style>.pmes-radar-ring{{fill:none;stroke:#b0b0b0}}.pmes-radar-axis{{stroke:#b0b0b0}}"
            f".pmes-radar-shape{{fill:rgba(11,79,138,.25);stroke:#0b4f8a;stroke-width:2.5}}"
            f".pmes-radar-dot{{fill:#0b4f8a}}.pmes-radar-label{{font:13px system-ui,sans-serif;fill:#1f1f1f}}"
            f"{band_style}</style>{rings}{axes}{band_shape}<polygon points='{shape}' class='pmes-radar-shape'/>{dots}{''.join(marks)}</svg>")
