"""Where the course's files live, whether run from the repository or a notebook."""
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
DATA_DIR = REPO_DIR / "data"
QUIZ_DIR = DATA_DIR / "quiz"
SCHEMA_DIR = PACKAGE_DIR / "schemas"
STATIC_DIR = PACKAGE_DIR / "static"
