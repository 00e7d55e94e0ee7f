"""`aj check` with its content cache and worker processes: same output and exit codes as
checking every file in order, never a stale result, and a broken cache is no error."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ajtui.cli import check as chk
from ajtui.cli import main
from ajtui.store import cache as store_cache
from ajtui.store.cache import FORMAT_SOURCES, content_key, fingerprint

from tests.helpers import ROOT, corpus

SAMPLE = (ROOT / "tests/fixtures/valid/sample.aj").read_text(encoding="utf-8")


@pytest.fixture
def cache_home(tmp_path, monkeypatch) -> Path:
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


def cache_file(home: Path) -> Path:
    return home / "ajtui" / "check.json"


@pytest.fixture
def workspace(tmp_path) -> Path:
    ws = tmp_path / "ws"
    corpus.write_workspace(ws, 30, seed=5)
    (ws / "sample.aj").write_text(SAMPLE, encoding="utf-8")
    (ws / "broken.aj").write_text("ametijuhend\n  asutus: X\n\nülesaned: K\n", encoding="utf-8")
    (ws / "latin1.aj").write_bytes("üldosa\n  ametinimetus: Õde\n".encode("latin-1"))
    (ws / "warn.aj").write_text(
        "üldosa\n  ametinimetus: X\n\nülesanded\n  3.1. A\n  3.1. B\n", encoding="utf-8"
    )
    (ws / "dir.aj").mkdir()
    return ws


def reference(files: list[str]) -> dict[str, list]:
    """What `aj check` reported before the cache: every file checked in order."""
    return {f: chk.check_file(f) for f in files}


def files_of(ws: Path) -> list[str]:
    from ajtui.cli.common import expand

    return list(expand([str(ws)])) + [str(ws / "dir.aj"), str(ws / "missing.aj")]


def test_cold_warm_and_uncached_runs_agree_with_checking_each_file(workspace, cache_home):
    files = files_of(workspace)
    want = reference(files)
    assert any(d.code == "AJ001" for ds in want.values() for d in ds)
    assert any(not d.is_error for ds in want.values() for d in ds)
    cold = chk.check_files(files)
    assert cache_file(cache_home).is_file()
    warm = chk.check_files(files)
    assert cold == want and warm == want and chk.check_files(files, cache=False) == want
    assert list(warm) == list(want)  # same order
    assert all(d.path == f for f, ds in warm.items() for d in ds)


def test_warm_run_parses_nothing(workspace, cache_home, monkeypatch):
    files = files_of(workspace)
    want = chk.check_files(files)

    def no_parse(*a):
        raise AssertionError("parsed although cached")

    monkeypatch.setattr(chk, "check_source", no_parse)
    assert chk.check_files(files) == want


def test_changed_content_is_checked_again(workspace, cache_home):
    target = workspace / "warn.aj"
    files = [str(target)]
    assert any(d.code == "AJ101" for d in chk.check_files(files)[str(target)])
    target.write_text(
        "üldosa\n  ametinimetus: X\n\nülesanded\n  3.1. A\n  3.2. B\n", encoding="utf-8"
    )
    again = chk.check_files(files)[str(target)]
    assert again == chk.check_file(str(target))
    assert not any(d.code == "AJ101" for d in again)


def test_same_content_under_another_name_gets_its_own_path(tmp_path, cache_home):
    a, b = tmp_path / "a.aj", tmp_path / "b.aj"
    text = "üldosa\n  ametinimetus: X\n\nülesanded\n  3.1. A\n  3.1. B\n"
    a.write_text(text, encoding="utf-8")
    b.write_text(text, encoding="utf-8")
    first = chk.check_files([str(a)])[str(a)]
    second = chk.check_files([str(b)])[str(b)]
    assert second == chk.check_file(str(b))
    assert [d.path for d in second] == [str(b)] * len(first)
    # The cache is keyed by content alone: this holds only while no rule looks at the path.
    assert [(d.code, d.line, d.message) for d in first] == [
        (d.code, d.line, d.message) for d in second
    ]


def test_new_fingerprint_empties_the_cache(workspace, cache_home, monkeypatch):
    files = files_of(workspace)
    chk.check_files(files)
    calls = []
    real = chk.check_source
    monkeypatch.setattr(chk, "check_source", lambda p, d: calls.append(p) or real(p, d))
    chk.check_files(files, jobs=1)
    assert calls == []
    monkeypatch.setattr(store_cache, "fingerprint", lambda *sources: "another version of ajtui")
    assert chk.check_files(files, jobs=1) == reference(files)
    assert len(calls) == 34  # every readable file parsed again
    stored = json.loads(cache_file(cache_home).read_text(encoding="utf-8"))
    assert stored["fingerprint"] == "another version of ajtui"


def test_fingerprint_follows_the_grammar_and_version(monkeypatch):
    import ajtui

    before = fingerprint(*FORMAT_SOURCES, *chk.CHECK_SOURCES)
    assert before == fingerprint(*FORMAT_SOURCES, *chk.CHECK_SOURCES)
    monkeypatch.setattr(ajtui, "__version__", "99.0")
    assert fingerprint(*FORMAT_SOURCES, *chk.CHECK_SOURCES) != before


@pytest.mark.parametrize(
    "garbage",
    [
        b"",
        b"\x00\xff not json",
        b"[]",
        b'{"entries": 5}',
        b'{"fingerprint": "%s", "entries": {"K": "x"}}',
        b'{"fingerprint": "%s", "entries": {"K": [{"bad": 1}]}}',
        b'{"fingerprint": "%s", "entries": {"K": [5]}}',
    ],
)
def test_corrupt_cache_file_is_ignored_and_rewritten(workspace, cache_home, garbage):
    files = files_of(workspace)
    want = reference(files)
    key = content_key((workspace / "sample.aj").read_bytes())
    if b"%s" in garbage:
        stamp = fingerprint(*FORMAT_SOURCES, *chk.CHECK_SOURCES)
        garbage = garbage.replace(b"%s", stamp.encode()).replace(b'"K"', f'"{key}"'.encode())
    cache_file(cache_home).parent.mkdir(parents=True)
    cache_file(cache_home).write_bytes(garbage)
    assert chk.check_files(files) == want
    stored = json.loads(cache_file(cache_home).read_text(encoding="utf-8"))
    assert stored["fingerprint"] == fingerprint(*FORMAT_SOURCES, *chk.CHECK_SOURCES)
    assert chk.check_files(files) == want


def test_unwritable_cache_folder_is_no_error(workspace, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    files = files_of(workspace)
    assert chk.check_files(files) == reference(files)


def test_workers_give_the_same_results(workspace, cache_home):
    files = files_of(workspace)
    assert chk.check_files(files, cache=False, jobs=2) == reference(files)


def test_workers_only_for_many_files_and_idle_cores(monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    monkeypatch.setattr(os, "getloadavg", lambda: (0.2, 0.2, 0.2))
    assert chk._workers(0, chk.PARALLEL_MIN - 1) == 1
    assert chk._workers(0, 1000) == 2
    monkeypatch.setattr(os, "getloadavg", lambda: (1.0, 1.0, 1.0))  # one core busy
    assert chk._workers(0, 1000) == 1
    assert chk._workers(1, 1000) == 1  # -j wins
    assert chk._workers(2, 1000) == 2
    assert chk._workers(3, 2) == 2


def _run(args, env):
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from ajtui.cli import main; sys.exit(main(sys.argv[1:]))",
            *args,
        ],
        capture_output=True,
        text=True,
        env=env,
    )


@pytest.mark.parametrize("extra", [[], ["--format", "json"], ["-q"], ["--strict"]])
def test_command_output_and_exit_code_unchanged(workspace, tmp_path, extra):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "c")}
    args = ["check", *extra, str(workspace), str(workspace / "missing.aj")]
    plain = _run([*args, "--no-cache"], env)
    cold, warm = _run(args, env), _run(args, env)
    assert plain.returncode == cold.returncode == warm.returncode == 1
    assert plain.stdout == cold.stdout == warm.stdout
    assert plain.stderr == cold.stderr == warm.stderr
    assert "no such file" in plain.stderr + plain.stdout


def test_clean_file_exit_zero_twice(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "c"))
    f = tmp_path / "ok.aj"
    f.write_text(corpus.texts(1, seed=3)[0], encoding="utf-8")
    assert main(["check", str(f)]) == 0
    first = capsys.readouterr()
    assert main(["check", str(f)]) == 0
    assert capsys.readouterr() == first
