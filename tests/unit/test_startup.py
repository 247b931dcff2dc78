"""A module starts at once (issue 11): its first cell imports none of the heavy packages,
which load only in the cells that need them, and a bank already checked loads from the
cache without PyYAML nor jsonschema. Each check runs in a fresh Python, as a kernel is."""
import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parents[2]
MODULES = sorted((REPO / "notebooks").glob("*.ipynb"))
# what the first cells used to import (pandas and plotly through the charts, the others
# through the data files, the widgets and the documents)
HEAVY = ("pandas", "numpy", "plotly", "jsonschema", "yaml", "ipywidgets", "jinja2", "markdown_it", "nbformat",
         "filelock")
FORMAT_ONLY = ("rfc3987_syntax", "isoduration", "arrow", "fqdn", "idna", "uri_template", "webcolors")


def _loaded(code: str, cwd: Path, env: dict, names) -> dict:
    """Which of `names` are in sys.modules after `code`, in a fresh Python."""
    script = f"{code}\nimport json, sys\nprint(json.dumps({{n: sys.modules.get(n) is not None "\
             f"for n in {list(names)!r}}}))"
    done = subprocess.run([sys.executable, "-c", script], cwd=cwd, env={**os.environ, **env},
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def _first_cell(path: Path) -> str:
    return next(c.source for c in nbformat.read(path, 4).cells if c.cell_type == "code")


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.stem)
def test_a_modules_first_cell_imports_nothing_heavy(path, tmp_path):
    env = {"PMESOCIAL_RECORD": str(tmp_path / "d.json"), "PMESOCIAL_CACHE": str(tmp_path / "cache")}
    loaded = _loaded(_first_cell(path), path.parent, env, HEAVY)
    assert not [name for name, yes in loaded.items() if yes], f"{path.name} : {loaded}"


def test_a_bank_is_checked_without_pandas_nor_the_format_checkers():
    """An estimate quotes its figure without pandas; jsonschema comes without the packages
    of its format checkers (the iri grammar alone took about 2 s)."""
    code = "from pmesocial import exercise\nexercise('m3-estimation-audience').payload()"
    loaded = _loaded(code, REPO, {"PMESOCIAL_CACHE": ""}, ("yaml", "jsonschema", "pandas", *FORMAT_ONLY))
    assert loaded["yaml"] and loaded["jsonschema"], loaded
    assert not [name for name in ("pandas", *FORMAT_ONLY) if loaded[name]], loaded


def test_a_checked_bank_then_loads_from_the_cache(tmp_path):
    env = {"PMESOCIAL_RECORD": str(tmp_path / "d.json"), "PMESOCIAL_CACHE": str(tmp_path / "cache")}
    code = "from pmesocial import exercise\nexercise('m3-estimation-audience').payload()"
    _loaded(code, REPO, env, ())  # checked, and kept
    again = _loaded(code, REPO, env, ("yaml", "jsonschema", "pandas"))
    assert not [name for name, yes in again.items() if yes], again


def test_the_format_checkers_packages_stay_importable(tmp_path):
    """They are absent only while jsonschema is imported: no None is left in sys.modules."""
    code = ("from pmesocial.data.validation import FORMAT_ONLY, validator\n"
            "validator('record.schema.json')\n"
            "import sys\n"
            "assert not [n for n in FORMAT_ONLY if n in sys.modules and sys.modules[n] is None], FORMAT_ONLY")
    _loaded(code, REPO, {"PMESOCIAL_CACHE": ""}, ())
