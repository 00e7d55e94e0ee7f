import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, ROOT

# Tests never depend on the user's terminal or config.
os.environ.setdefault("COLUMNS", "100")
# … nor on what the user's cache holds (check results, kept output: ajtui.store.cache); tests
# that look at the cache set their own folder.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="ajtui-tests-cache-")
atexit.register(shutil.rmtree, os.environ["XDG_CACHE_HOME"], ignore_errors=True)


@pytest.fixture
def sample_text() -> str:
    return (FIXTURES / "valid" / "sample.aj").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project built as a wheel once per session, for every test that looks inside it."""
    dist = tmp_path_factory.mktemp("dist")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if build.returncode:
        pytest.fail(f"pip wheel failed:\n{build.stderr}")
    (built,) = dist.glob("ajtui-*.whl")
    return built
