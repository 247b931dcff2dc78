from pathlib import Path

import pytest
import yaml

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def sample_bank() -> dict:
    return yaml.safe_load((FIXTURES / "sample_bank.yaml").read_text("utf-8"))
