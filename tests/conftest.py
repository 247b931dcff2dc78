from pathlib import Path

import pytest
import yaml

from pmesocial.banks import load_bank_file

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def sample_bank() -> dict:
    return yaml.safe_load((FIXTURES / "sample_bank.yaml").read_text("utf-8"))


@pytest.fixture
def estimate_bank() -> dict:
    return load_bank_file(FIXTURES / "estimate_bank.yaml")
