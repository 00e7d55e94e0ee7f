import os

import pytest

from tests.helpers import FIXTURES

# Tests never depend on the user's terminal or config.
os.environ.setdefault("COLUMNS", "100")


@pytest.fixture
def sample_text() -> str:
    return (FIXTURES / "valid" / "sample.aj").read_text(encoding="utf-8")
