"""What is generated and committed is current: the shared test vectors (Python's rules
still give these outputs), the book's compiled schema validators and document templates."""
import filecmp
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support import write_vectors

REPO = Path(__file__).resolve().parents[2]
STATIC = REPO / "pmesocial" / "static" / "pmesocial"


def test_vectors_are_what_python_gives_today():
    assert write_vectors.main(["--check"]) == 0


def _node():
    if not shutil.which("node") or not (REPO / "node_modules" / "ajv").exists():
        pytest.fail("node et les paquets npm sont nécessaires : lancez « make js ».")


def test_compiled_schemas_are_current(tmp_path):
    _node()
    subprocess.run(["node", str(REPO / "scripts" / "compile_schemas.cjs"), str(tmp_path)], check=True, cwd=REPO)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(p.name for p in (STATIC / "schemas").iterdir())
    match, mismatch, errors = filecmp.cmpfiles(tmp_path, STATIC / "schemas", names, shallow=False)
    assert mismatch == errors == [], "régénérez les validateurs : make generated"


def test_compiled_templates_are_current(tmp_path):
    _node()
    out = tmp_path / "templates.js"
    subprocess.run(["node", str(REPO / "scripts" / "compile_templates.cjs"), str(out)], check=True, cwd=REPO)
    assert out.read_text("utf-8") == (STATIC / "templates.js").read_text("utf-8"), "régénérez : make generated"
