"""Where the course's files live, whether run from the repository or a notebook.

PMESOCIAL_DATA names another course data folder (with its own organisme.yaml): the shared
test vectors are written from the small fixture course in tests/fixtures/course, so that
editing the real course never changes them (tests/support/write_vectors.py)."""
import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
_OTHER_DATA = os.environ.get("PMESOCIAL_DATA")
DATA_DIR = Path(_OTHER_DATA).resolve() if _OTHER_DATA else REPO_DIR / "data"
ORGANISME_FILE = DATA_DIR / "organisme.yaml" if _OTHER_DATA else REPO_DIR / "organisme.yaml"
QUIZ_DIR = DATA_DIR / "quiz"
SCHEMA_DIR = PACKAGE_DIR / "schemas"
STATIC_DIR = PACKAGE_DIR / "static"
NODE_MODULES = REPO_DIR / "node_modules"  # npm ci (package-lock.json): plotly.js, nunjucks
