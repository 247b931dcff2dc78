import os
from pathlib import Path

import pytest
import yaml

# No test reads or writes the user's cache of checked data files: every file is checked
# (tests/unit/test_checked_cache.py turns the cache on in a folder of its own).
os.environ["PMESOCIAL_CACHE"] = ""

from pmesocial.data.banks import load_bank_file  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def sample_bank() -> dict:
    return yaml.safe_load((FIXTURES / "sample_bank.yaml").read_text("utf-8"))


@pytest.fixture
def estimate_bank() -> dict:
    return load_bank_file(FIXTURES / "estimate_bank.yaml")


@pytest.fixture(autouse=True)
def isolated_record(tmp_path, monkeypatch):
    """No test reads or writes the trainee's real record."""
    monkeypatch.setenv("PMESOCIAL_RECORD", str(tmp_path / "dossier-test.json"))
    return tmp_path / "dossier-test.json"


@pytest.fixture(autouse=True)
def privacy_notice_already_shown(monkeypatch):
    """The privacy notice heads the first view of a kernel: a test that builds a view sees
    the view alone, unless it asks for the notice (tests/unit/test_privacy.py)."""
    from pmesocial.kernel import notices

    monkeypatch.setattr(notices, "_shown", [True])


@pytest.fixture(scope="session")
def lrs(tmp_path_factory):
    """Ralph, the real LRS, on a free port of localhost with its file backend: started
    for the tests that need it, stopped after them (tests may stop and start it again)."""
    from tests.support.local_lrs import LocalLrs

    server = LocalLrs(tmp_path_factory.mktemp("ralph")).start()
    yield server
    server.stop()
