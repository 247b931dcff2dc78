"""The book's Sphinx extension: plotly.js choice, JSON escaping in pages."""
import json
from pathlib import Path

from pmesocial.book import _bundle_version, _plotly_js
from pmesocial.book.mime import _json_script
from pmesocial.kernel.charts import Chart


def test_plotly_bundle_matches_plotly_py_and_draws_every_trace_type():
    import plotly

    full = plotly.__file__.replace("__init__.py", "package_data/plotly.min.js")
    chosen = _plotly_js()
    assert chosen.name == "plotly-basic.min.js", "run « make js » (npm ci) to get the basic bundle"
    assert _bundle_version(chosen) == _bundle_version(Path(full))
    import inspect

    from pmesocial.kernel import course_charts
    makers = [f for name, f in inspect.getmembers(course_charts, inspect.isfunction)
              if f.__module__ == course_charts.__name__ and not name.startswith("_")
              and f.__annotations__.get("return") in (Chart, "Chart")
              and all(p.default is not p.empty for p in inspect.signature(f).parameters.values())]
    charts = [f() for f in makers]
    assert charts
    types = {trace["type"] for chart in charts for trace in chart.to_json()["data"]}
    assert types <= {"bar", "scatter", "pie"}  # what the basic bundle draws


def test_json_in_pages_cannot_close_its_script():
    script, data = _json_script({"t": "</script><script>alert(1)</script> & <!--"})
    assert "</script><script>" not in script and script.count("</script>") == 1
    assert json.loads(script.split(">", 1)[1].rsplit("<", 1)[0]) == data
