"""One definition per chart, two drawings: the plotly figure (JupyterLab, Voilà) and the
static SVG the book draws at build time. Both must say the same thing."""
import inspect
import json
import re
import xml.etree.ElementTree as ET

import pytest

from pmesocial.kernel import course_charts
from pmesocial.kernel.charts import Chart, bar_chart
from pmesocial.rules.bar_chart import plain_label, value_text

SVG = "{http://www.w3.org/2000/svg}"


def _course_charts() -> list[Chart]:
    makers = [f for name, f in inspect.getmembers(course_charts, inspect.isfunction)
              if f.__module__ == course_charts.__name__ and not name.startswith("_")
              and f.__annotations__.get("return") in (Chart, "Chart")]
    charts = [f() for f in makers]
    charts += [course_charts.years_to_50_million(show_ipod=True), course_charts.us_visits_share_2010(False)]
    assert len(charts) >= 7
    return charts


def _bars(svg: str) -> list[ET.Element]:
    return ET.fromstring(svg).findall(f".//{SVG}g[@class='pmes-bar']")


@pytest.mark.parametrize("chart", _course_charts(), ids=lambda c: c.definition["title"][:40])
def test_the_svg_and_the_plotly_figure_carry_the_same_values(chart):
    figure, svg = chart.to_json(), chart.svg()
    trace = figure["data"][0]
    bars = _bars(svg)
    assert [float(b.get("data-value")) for b in bars] == trace["y"]
    assert [b.get("data-label") for b in bars] == [plain_label(x) for x in trace["x"]]
    # the value written on each bar is the one plotly's texttemplate writes
    fmt = re.search(r"%\{y:([^}]*)\}(.*)", trace["texttemplate"])
    written = [b.findall(f"{SVG}text")[-1].text for b in bars]
    assert written == [value_text(v, fmt.group(1), fmt.group(2)) for v in trace["y"]]
    # colours and patterns: the same, bar by bar
    rects = [b.findall(f"{SVG}rect") for b in bars]
    assert [r[0].get("fill") for r in rects] == trace["marker"]["color"]
    assert [len(r) == 2 for r in rects] == [bool(s) for s in trace["marker"]["pattern"]["shape"]]
    # title, text alternative and source: in the SVG's accessible name and description
    root = ET.fromstring(svg)
    text = lambda s: s.replace("\u202f", " ").replace("\u00a0", " ")  # noqa: E731
    assert text(root.find(f"{SVG}title").text) == figure["layout"]["title"]["text"]
    desc = text(root.find(f"{SVG}desc").text)
    assert text(chart.alt) in desc and text(chart.source) in desc
    assert root.get("role") == "img" and root.get("aria-labelledby").split() == [
        root.find(f"{SVG}title").get("id"), root.find(f"{SVG}desc").get("id")]
    assert figure["layout"]["meta"]["chart"] == chart.definition


@pytest.mark.parametrize("chart", _course_charts()[:3], ids=lambda c: c.definition["title"][:40])
def test_plotly_py_reads_the_figure_as_written(chart):
    """The figure is written as a dict, without plotly.py: plotly.py must accept it and
    write it back unchanged."""
    import plotly.graph_objects as go

    figure = chart.to_json()
    figure.pop("config")
    meta = figure["layout"].pop("meta")
    assert json.loads(json.dumps(go.Figure(figure).to_plotly_json())) == json.loads(json.dumps(figure))
    assert meta["alt"] == chart.alt


def test_hostile_text_in_a_chart_stays_text():
    chart = bar_chart(["<script>alert(1)</script>"], [1], title="« Titre » & <b>", y_title="", source="<img src=x>",
                      alt="Alt </desc><script>")
    svg = chart.svg()
    root = ET.fromstring(svg)  # well-formed: nothing broke out of its element
    assert "<script>" not in svg and "<img" not in svg and "<b>" not in svg
    assert root.find(f"{SVG}title").text == "« Titre » & <b>"
    assert _bars(svg)[0].get("data-label") == "<script>alert(1)</script>"


def test_two_charts_on_a_page_do_not_share_ids():
    a = bar_chart(["A", "B"], [1, 2], title="Un", y_title="", source="s", alt="a")
    b = bar_chart(["A", "B"], [1, 3], title="Un", y_title="", source="s", alt="a")
    ids = lambda svg: set(re.findall(r'\bid="([^"]+)"', svg))  # noqa: E731
    assert ids(a.svg()) and not ids(a.svg()) & ids(b.svg())


def test_a_long_label_wraps_inside_the_phone_wide_drawing():
    chart = bar_chart(["Recommandations de consommateurs (article et Nielsen, enquête mondiale)"], [78],
                      title="Confiance", y_title="", source="Nielsen", alt="a", value_suffix=" %")
    lines = _bars(chart.svg())[0].findall(f"{SVG}text")[:-1]
    assert len(lines) >= 2 and all(len(t.text) <= 44 for t in lines)
