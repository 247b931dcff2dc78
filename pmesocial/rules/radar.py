"""The radar chart of the self-diagnostic and of the group view, as a *view*: every
number and string its one template (pmesocial/templates/radar.svg.j2) draws. Plain SVG,
no library: readable offline, in a report file, in JupyterLab and in the book.
static/pmesocial/rules/radar.js mirrors it (tests/vectors/radar.json)."""
from __future__ import annotations

import math

from pmesocial.rules.formatting import decimal, number

SIZE, CENTER, RADIUS = 440, 220, 140
VIEWBOX = f"-230 -10 {SIZE + 460} {SIZE + 20}"


def _point(index: int, count: int, value: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    r = RADIUS * value / 100
    return CENTER + r * math.cos(angle), CENTER + r * math.sin(angle)


def _fixed(x: float) -> str:
    return number(x, 1).replace(",", ".").replace("\u202f", "")  # SVG wants a plain decimal point


def _poly(points) -> str:
    return " ".join(f"{_fixed(x)},{_fixed(y)}" for x, y in points)


# what a radar view holds that is no text for a reader: its geometry, numbers in SVG
# attributes, which typography would break ("-230 -10 900 460" grouped as a thousand: the
# trainer's group radar drew clipped). Mirrored in rules/radar.js.
GEOMETRY = frozenset({"id", "viewbox", "center", "rings", "axes", "band", "shape", "dots", "x", "y", "anchor"})


def typo_view(view: dict) -> dict:
    """French typography on a page view holding a radar under "radar": its texts, never its
    geometry (the group view, in the kernel and in the book: rules/radar.js typoView)."""
    from pmesocial.rules.typography import typo_all

    typed = typo_all(view, skip={"radar"})
    if view.get("radar"):
        typed["radar"] = typo_all(view["radar"], skip=GEOMETRY)
    return typed


def radar_view(labels: list[str], scores: list, title: str, svg_id: str = "pmes-radar",
               band: tuple[list, list] | None = None) -> dict:
    """`band`, optional: (low, high) per axis, drawn as a lighter ring under the scores
    (for a group: the first and third quartiles around the median)."""
    n = len(labels)
    values = [s if s is not None else 0 for s in scores]
    desc = " ; ".join(f"{label} : {'non renseigné' if s is None else f'{s} sur 100'}"
                      for label, s in zip(labels, scores))
    band_path = ""
    if band is not None:
        low, high = ([v if v is not None else 0 for v in side] for side in band)
        band_path = (f"M{_poly(_point(i, n, v) for i, v in enumerate(high))}Z "
                     f"M{_poly(_point(i, n, v) for i, v in enumerate(low))}Z")
        desc += ". Bande claire : " + " ; ".join(
            f"{label} de {decimal(a, 1)} à {decimal(b, 1)}" for label, a, b in zip(labels, low, high))
    marks = []
    for i, (label, value) in enumerate(zip(labels, values)):
        x, y = _point(i, n, 118)
        anchor = "middle" if abs(x - CENTER) < 1 else ("start" if x > CENTER else "end")
        marks.append({"x": _fixed(x), "y": _fixed(y), "anchor": anchor, "text": f"{label} ({value})"})
    return {
        "id": svg_id, "title": title, "desc": desc, "viewbox": VIEWBOX, "center": CENTER,
        "rings": [_poly(_point(i, n, level) for i in range(n)) for level in (25, 50, 75, 100)],
        "axes": [{"x": _fixed(_point(i, n, 100)[0]), "y": _fixed(_point(i, n, 100)[1])} for i in range(n)],
        "band": band_path, "shape": _poly(_point(i, n, v) for i, v in enumerate(values)),
        "dots": [{"x": _fixed(x), "y": _fixed(y)} for x, y in (_point(i, n, v) for i, v in enumerate(values))],
        "labels": marks,
    }
