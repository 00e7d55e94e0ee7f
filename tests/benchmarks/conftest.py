"""Corpora built once per `make bench` session, and the results table at the end."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.benchmarks import harness
from tests.helpers import corpus

#: Run through test_bench_peers.py, which puts its figures in the table (it also runs alone).
collect_ignore = ["test_tui_startup.py"]


@pytest.fixture(scope="session")
def bench_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("ajtui-bench")


@pytest.fixture(scope="session")
def cache_home(bench_dir) -> Path:
    """A private XDG cache folder, so that the user's real cache is neither used nor touched."""
    folder = bench_dir / "cache"
    folder.mkdir()
    return folder


@pytest.fixture(scope="session")
def env(cache_home) -> dict:
    return {
        "XDG_CACHE_HOME": str(cache_home),
        "PYTHONDONTWRITEBYTECODE": "1",
        "NO_COLOR": "1",
        "COLUMNS": "100",
    }


@pytest.fixture(scope="session")
def texts_1mb() -> list[str]:
    return corpus.texts_of_size(1_000_000)


@pytest.fixture(scope="session")
def long_text() -> str:
    return corpus.long_text(2000)


@pytest.fixture(scope="session")
def workspace_1k(bench_dir) -> Path:
    folder = bench_dir / "ws1k"
    corpus.write_workspace(folder, 1000, broken=0.01)
    return folder


@pytest.fixture(scope="session")
def workspace_10k(bench_dir) -> Path:
    folder = bench_dir / "ws10k"
    corpus.write_workspace(folder, 10_000, seed=17)
    return folder


@pytest.fixture(scope="session")
def history(bench_dir) -> corpus.History:
    return corpus.history_repo(bench_dir / "history", commits=1000, directives=10)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if not harness.ROWS:
        return
    terminalreporter.section("ajtui benchmarks (ratio = ajtui / baseline, same run)")
    terminalreporter.write_line(harness.machine())
    terminalreporter.write_line(harness.table(harness.ROWS))
    # Only a full run replaces results/latest.md (the README quotes it); a run narrowed with
    # -k or to some files writes results/partial.md.
    whole = (
        not config.option.keyword
        and not config.option.markexpr
        and all(Path(a).resolve() == Path(__file__).resolve().parent for a in config.args)
    )
    target = harness.RESULTS if whole else harness.RESULTS.with_name("partial.md")
    harness.write_results(harness.ROWS, target)
    terminalreporter.write_line(f"written to {target}")
