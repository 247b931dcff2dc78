"""A course bar chart as a *view*: every number and string its one template
(pmesocial/templates/bar_chart.svg.j2) draws, from the same definition as the plotly
figure (kernel/charts.py). The book draws it at build time, so a chart is part of the
page's first paint, readable without JavaScript, and printable.

Bars are horizontal and the drawing is as wide as a phone (360 units): labels sit above
their bar on their own lines, so nothing shrinks or overlaps at 320–390 px, and the
drawing only grows (up to 28rem, exercise.css) on a wider screen.
"""
from __future__ import annotations

import hashlib
import json
import re
import textwrap

from pmesocial.rules.formatting import NNBSP, number

WIDTH = 360
PAD = 8
TITLE_SIZE, LABEL_SIZE, VALUE_SIZE, NOTE_SIZE = 16, 14, 14, 12
TITLE_LINE, LABEL_LINE, NOTE_LINE = 21, 18, 16
BAR_HEIGHT, ROW_GAP = 24, 14
# Average glyph widths of a system sans-serif, in em: enough to wrap and to reserve room.
EM_TEXT, EM_DIGITS = 0.56, 0.6
# The kernel's plotly figure uses the same colours and the same pattern per bar
# (Okabe-Ito palette, dark to light so neighbours also differ in greyscale).
PALETTE = ["#0b4f8a", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9"]
PATTERNS = ["", "/", ".", "x", "-", "+"]
PATTERN_SHAPES = {  # a tile of 8 × 8 for each plotly pattern shape
    "/": '<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke-width="1.6"/>',
    ".": '<circle cx="4" cy="4" r="1.4" stroke="none" fill="#fff"/>',
    "x": '<path d="M0,0 l8,8 M8,0 l-8,8" stroke-width="1.2"/>',
    "-": '<path d="M0,4 h8" stroke-width="1.6"/>',
    "+": '<path d="M4,0 v8 M0,4 h8" stroke-width="1.2"/>',
}


def _decimals(value_format: str) -> int:
    """d3's ",.2f" -> 2 (the formats the course uses: ",.0f", ",.2f", ",~f")."""
    match = re.search(r"\.(\d+)f", value_format)
    return int(match.group(1)) if match else 0


def value_text(value: float, value_format: str = ",.0f", value_suffix: str = "") -> str:
    """A bar's value as plotly's texttemplate writes it (separators « , » and NNBSP)."""
    return number(value, _decimals(value_format)) + value_suffix


def plain_label(label: str) -> str:
    """A plotly category label (« Twitter<br>(non sourcé) ») as one line of text."""
    return re.sub(r"\s*<br\s*/?>\s*", " ", label).strip()


def _wrap(text: str, size: int) -> list[str]:
    return textwrap.wrap(text, max(12, int((WIDTH - 2 * PAD) / (size * EM_TEXT))), break_on_hyphens=False)


def _fixed(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def chart_id(definition: dict) -> str:
    """Stable per chart (ids of its title, description and patterns must not collide when
    a page shows several charts)."""
    digest = hashlib.sha1(json.dumps(definition, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    return "pmes-chart-" + digest[:8]


def bar_chart_view(definition: dict) -> dict:
    """definition: labels, values, title, axis_title, source, alt, value_format, value_suffix
    (kernel/charts.py `BarChart.definition`)."""
    uid = chart_id(definition)
    labels, values = definition["labels"], definition["values"]
    fmt, suffix = definition.get("value_format", ",.0f"), definition.get("value_suffix", "")
    texts = [value_text(v, fmt, suffix) for v in values]
    widest = max(len(t) for t in texts) * VALUE_SIZE * EM_DIGITS
    span = WIDTH - 2 * PAD - widest - 6
    top = max(max(values), 0) or 1

    y = PAD
    title = []
    for line in _wrap(definition["title"], TITLE_SIZE):
        y += TITLE_LINE
        title.append({"y": _fixed(y - 5), "text": line})
    # the unit, when the values do not carry it themselves (« 38 ans » does, « 608 » does not)
    axis = "" if suffix.strip() else definition.get("axis_title", "")
    axis_line = None
    if axis:
        y += NOTE_LINE + 2
        axis_line = {"y": _fixed(y - 4), "text": f"Unité{NNBSP}: {axis.lower()}"}
    y += 8
    bars = []
    for i, (label, value, text) in enumerate(zip(labels, values, texts)):
        lines = []
        for line in _wrap(plain_label(label), LABEL_SIZE):
            y += LABEL_LINE
            lines.append({"y": _fixed(y - 4), "text": line})
        y += 3
        length = max(span * max(value, 0) / top, 1.5)
        pattern = PATTERNS[i % len(PATTERNS)]
        bars.append({
            "label": plain_label(label), "lines": lines, "value": value, "text": text,
            "x": PAD, "y": _fixed(y), "width": _fixed(length), "height": BAR_HEIGHT,
            "colour": PALETTE[i % len(PALETTE)], "pattern": f"{uid}-p{i}" if pattern else "",
            "value_x": _fixed(PAD + length + 6), "value_y": _fixed(y + BAR_HEIGHT / 2 + VALUE_SIZE * 0.35),
        })
        y += BAR_HEIGHT + ROW_GAP
    baseline = {"x": PAD, "y1": bars[0]["y"] if bars else _fixed(y), "y2": _fixed(y - ROW_GAP)}
    y += 4
    source = []
    for line in _wrap(f"Source{NNBSP}: {definition['source']}", NOTE_SIZE):
        y += NOTE_LINE
        source.append({"y": _fixed(y - 4), "text": line})
    patterns = [{"id": bar["pattern"], "shape": PATTERN_SHAPES[PATTERNS[i % len(PATTERNS)]]}
                for i, bar in enumerate(bars) if bar["pattern"]]
    return {
        "id": uid, "width": WIDTH, "height": _fixed(y + PAD), "title": title,
        "title_text": definition["title"], "desc": f"{definition['alt']} Source{NNBSP}: {definition['source']}",
        "axis": axis_line, "bars": bars, "baseline": baseline, "source": source, "patterns": patterns,
        "sizes": {"title": TITLE_SIZE, "label": LABEL_SIZE, "value": VALUE_SIZE, "note": NOTE_SIZE},
        "pad": PAD,
    }
