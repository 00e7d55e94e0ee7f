"""The history's version cache (ajtui.store.versioncache) and its fast path: a cached run gives
exactly the answer of an uncached one, parses nothing, and a broken, foreign or
unwritable cache is never an error."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

import ajtui.store.versioncache as vc
from ajtui.format.vocabulary import DIRECTIVE
from ajtui.store import gitlog
from ajtui.store.cache import cache_dir
from ajtui.store.history import History, NotARepository
from ajtui.store.revisions import VersionRecord

from tests.helpers.history import Repo, fixture, scenario, with_approval

V95 = fixture("koordinaator-95.aj")
V12 = fixture("koordinaator-12.aj")
NEW = "ametijuhendid/kriisiabi-koordinaator.aj"


@pytest.fixture(autouse=True)
def cache_home(tmp_path, monkeypatch):
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


def files(home) -> list:
    folder = home / "ajtui" / "history"
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def busy(tmp_path) -> Repo:
    """Every kind of version: approved, unparseable, without a readable approval, deleted
    and restored, merged, renamed; and a draft on top."""
    r = Repo(tmp_path / "busy")
    r.write("a.aj", V95)
    r.commit("first")
    r.write("a.aj", V95.replace("  3.4. Enesehoiu", "   3.4. Enesehoiu"))
    r.commit("broken")
    r.write("a.aj", V95.replace("  kinnitatud: käskkirjaga", "  kinnitatud käskkirjaga"))
    r.commit("approval broken")
    (r.root / "a.aj").unlink()
    r.commit("deleted")
    r.write("a.aj", with_approval(V12, "12", "02.02.2024"))
    r.commit("restored under 12")
    r.git("checkout", "-q", "-b", "haru")
    r.write(
        "a.aj",
        with_approval(V12, "12", "02.02.2024").replace("Piirkonna juht", "Piirkonna juhataja"),
    )
    r.commit("on the branch")
    r.git("checkout", "-q", "main")
    r.write("a.aj", with_approval(V12, "12", "02.02.2024") + "# märkus\n")
    r.commit("on main")
    r.day += 1
    r.git("merge", "-q", "--no-edit", "haru")
    r.git("mv", "a.aj", "b.aj")
    r.commit("renamed")
    r.write("b.aj", with_approval(V12, "40", "01.03.2024"))
    return r


def three_ways(where, file):
    """(no cache, first run filling the cache, second run reading it)"""
    with History(where, cache=False) as h:
        plain = h.revisions(file)
    with History(where) as h:
        cold = h.revisions(file)
    with History(where) as h:
        warm = h.revisions(file)
        assert h._checker is None, "a cached run parsed a version"
        assert h._cat.proc is None, "a cached run read a blob"
        assert h._git_repo is None, "a cached run loaded GitPython"
    return plain, cold, warm


def test_cached_runs_give_exactly_the_uncached_answer(tmp_path, cache_home):
    r = busy(tmp_path)
    plain, cold, warm = three_ways(r.root, r.root / "b.aj")
    assert plain == cold == warm
    labels = [x.label for x in warm]
    assert labels[0] == "mustand" and "kustutatud" in labels and "vigane versioon" in labels
    assert any(c.error for x in warm for c in x.commits)
    assert any(c.is_merge for x in warm for c in x.commits)
    assert warm[1].head.status == "R" and warm[0].number == "40"
    assert len(files(cache_home)) == 1


def test_rename_detached_head_and_shallow_clone_cached(tmp_path):
    scen = scenario(tmp_path / "repo")
    plain, cold, warm = three_ways(scen.root, scen.root / NEW)
    assert plain == cold == warm and len(warm) == 2
    scen.git("checkout", "-q", "--detach", "HEAD~1")
    plain, cold, warm = three_ways(scen.root, scen.root / "ametijuhendid/koordinaator.aj")
    assert plain == cold == warm and len(warm[0].commits) == 1
    scen.git("checkout", "-q", "main")
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{scen.root}", str(clone)],
        check=True,
        capture_output=True,
    )
    plain, cold, warm = three_ways(clone, clone / NEW)
    assert plain == cold == warm and [x.label for x in warm] == ["käskkiri nr 12 (02.02.2024)"]
    with History(clone) as h:
        assert h.is_shallow


def test_single_commit_and_new_file(tmp_path):
    r = Repo(tmp_path / "r")
    r.write("a.aj", V95)
    plain, cold, warm = three_ways(r.root, r.root / "a.aj")  # no commits: the draft only
    assert plain == cold == warm and [x.label for x in warm] == ["mustand"]
    r.commit("only")
    plain, cold, warm = three_ways(r.root, r.root / "a.aj")
    assert plain == cold == warm and [len(x.commits) for x in warm] == [1]


BAD_RECORDS = [
    [5],
    [True, 1, None, None, None, None],
    "x",
    None,
    [None] * 6,
    [True, None, None, None, None, None, None, None],
]


@pytest.mark.parametrize(
    "garbage",
    [
        b"",
        b"\x00\xff not json",
        b"[]",
        b'{"entries": 5}',
        b'{"fingerprint": "other", "entries": {}}',
        *[json.dumps(bad).encode() for bad in BAD_RECORDS],
    ],
)
def test_broken_or_foreign_cache_file_is_ignored_and_rewritten(tmp_path, cache_home, garbage):
    scen = scenario(tmp_path / "repo")
    with History(scen.root, cache=False) as h:
        want = h.revisions(scen.root / NEW)
    with History(scen.root) as h:
        h.revisions(scen.root / NEW)
    (path,) = files(cache_home)
    stored = json.loads(path.read_text(encoding="utf-8"))
    if not garbage.startswith((b"{", b"[]")) or garbage == b"[]" or b"entries" in garbage:
        path.write_bytes(garbage)
    else:  # a file of the right fingerprint with every version's record spoilt
        bad = json.loads(garbage)
        path.write_text(
            json.dumps(
                {
                    "fingerprint": stored["fingerprint"],
                    "entries": {k: bad for k in stored["entries"]},
                }
            ),
            encoding="utf-8",
        )
    with History(scen.root) as h:
        assert h.revisions(scen.root / NEW) == want
    again = json.loads(path.read_text(encoding="utf-8"))
    assert again["fingerprint"] == stored["fingerprint"]
    assert all(vc.valid(rec) for rec in again["entries"].values())
    with History(scen.root) as h:
        assert h.revisions(scen.root / NEW) == want
        assert h._checker is None


def test_new_fingerprint_reads_nothing_old(tmp_path, cache_home, monkeypatch):
    scen = scenario(tmp_path / "repo")
    with History(scen.root) as h:
        want = h.revisions(scen.root / NEW)
    monkeypatch.setattr("ajtui.store.cache.fingerprint", lambda *names: "another ajtui")
    with History(scen.root) as h:
        assert h.revisions(scen.root / NEW) == want
        assert h._checker is not None  # parsed again
    (path,) = files(cache_home)
    assert json.loads(path.read_text(encoding="utf-8"))["fingerprint"] == "another ajtui"


def test_unwritable_cache_folder_is_no_error(tmp_path, monkeypatch):
    scen = scenario(tmp_path / "repo")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    with History(scen.root) as h:
        assert len(h.revisions(scen.root / NEW)) == 2


def test_saves_merge_with_other_processes_and_stay_bounded(tmp_path, monkeypatch):
    folder = str(tmp_path / "c")
    rec = VersionRecord(True, DIRECTIVE, "95", "11.06.2023", None, None)
    a, b = vc.VersionCache(folder, "fp", "/r"), vc.VersionCache(folder, "fp", "/r")
    a.entries("x.aj")
    b.entries("x.aj")  # both read the file before either wrote
    a.put("x.aj", "1" * 40, rec)
    b.put("x.aj", "2" * 40, rec)
    a.save()
    b.save()
    c = vc.VersionCache(folder, "fp", "/r")
    assert c.get("x.aj", "1" * 40) == rec and c.get("x.aj", "2" * 40) == rec
    assert os.listdir(folder) == [c._name("x.aj") + ".json"]  # no temporary file left
    monkeypatch.setattr(vc, "ENTRIES", 3)
    for k in range(5):
        c.put("x.aj", f"{k}" * 40, rec)
    c.save()
    assert len(vc.VersionCache(folder, "fp", "/r").entries("x.aj")) == 3
    monkeypatch.setattr(vc, "FOLDER_BYTES", 1)  # only the file just written survives
    c.put("y.aj", "9" * 40, rec)
    c.save()
    assert os.listdir(folder) == [c._name("y.aj") + ".json"]


def test_cache_dir_is_platformdirs_answer(monkeypatch, tmp_path):
    from platformdirs import user_cache_dir

    for xdg in (str(tmp_path / "x"), "relative/path", ""):
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
        assert cache_dir() == user_cache_dir("ajtui", appauthor=False)
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == user_cache_dir("ajtui", appauthor=False)


def test_the_log_reader_fed_in_any_pieces_reads_the_same_records(tmp_path):
    r = busy(tmp_path)
    outs = [
        subprocess.run(
            ["git", *args, f"--format={gitlog.LOG_FORMAT}", *tail],
            cwd=r.root,
            capture_output=True,
            check=True,
        ).stdout.decode()
        for args, tail in (
            (["log", "--follow", "-z", "--raw", "--no-abbrev", "-c"], ["--", "b.aj"]),
            (["log", "-z", "--raw", "--no-abbrev", "-M", "-c"], []),
        )
    ]
    for out in outs:
        whole = gitlog.parse_log(out)
        assert len(whole) >= 8 and all(len(rec["sha"]) == 40 for rec in whole)
        assert any(e[0] == "R" for rec in whole for e in rec["entries"])
        assert any(len(rec["parents"]) == 2 for rec in whole)
        for step in (1, 7, 100):  # cut after every NUL, as a pipe may deliver it
            cuts = [k + 1 for k, ch in enumerate(out) if ch == "\0"][::step]
            reader, got, at = gitlog.LogReader(), [], 0
            for cut in cuts:
                got += reader.feed(out[at:cut])
                at = cut
            got += reader.feed(out[at:]) + reader.end()
            assert got == whole


def test_without_posix_spawn_the_same(tmp_path, monkeypatch):
    import ajtui.store.gitproc as gp

    scen = scenario(tmp_path / "repo")
    with History(scen.root) as h:
        want = h.revisions(scen.root / NEW)
        texts = [h.text_at(scen.root / NEW, c.sha) for r in want for c in r.commits]
    monkeypatch.setattr(gp, "_FAST", False)
    with History(scen.root, cache=False) as h:
        assert h.revisions(scen.root / NEW) == want
        assert [h.text_at(scen.root / NEW, c.sha) for r in want for c in r.commits] == texts


def test_no_git_is_a_clear_message(tmp_path, monkeypatch):
    scen = scenario(tmp_path / "repo")
    monkeypatch.setenv("GIT_PYTHON_GIT_EXECUTABLE", str(tmp_path / "no-such-git"))
    with pytest.raises(NotARepository, match="git is not installed"):
        History(scen.root)
