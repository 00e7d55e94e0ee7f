"""Issue 15: revisions a lawyer can rely on — the log parser no message can fool, versions
that are not UTF-8, paths with line separators, approvals bound to the approving commit,
copies that do not inherit history, one answer in the app and on the command line."""

from __future__ import annotations

import json
import subprocess

import pytest

from ajtui.cli import main
from ajtui.history import History
from history_helpers import Repo, fixture, with_approval

V95 = fixture("koordinaator-95.aj")
V12 = fixture("koordinaator-12.aj")


@pytest.fixture(autouse=True)
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-home"))
    monkeypatch.setenv("COLUMNS", "120")


def run_aj(capsys, monkeypatch, root, *args) -> tuple[int, str, str]:
    monkeypatch.chdir(root)
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def log_json(capsys, monkeypatch, root, file) -> dict:
    code, out, err = run_aj(capsys, monkeypatch, root, "log", file, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def retitled(text: str, title: str) -> str:
    return text.replace("ametinimetus: Koordinaator\n", f"ametinimetus: {title}\n", 1)


# --- 1. a log parser no message can fool ------------------------------------------------------

FORGERIES = [
    # the old separators: a record separator and a forged record after it
    "päris\x1e" + "f" * 40 + "\x1f" + "f" * 7 + "\x1f\x1f2020-01-01T00:00:00+00:00\x1f"
    "Võltsija\x1fx@y\x1fvõltsitud\x1f\x1f\0\n:100644 100644 " + "0" * 40 + " " + "1" * 40
    + " M\0a.aj\0",
    # a field separator: the message would end early and the raw entries would be read
    # from the message
    "kaks\x1f\x1f\n:100644 100644 " + "0" * 40 + " " + "0" * 40 + " D\0a.aj\0",
    # what the new format's entries look like, in a message
    ":100644 100644 " + "2" * 40 + " " + "3" * 40 + " M\nb.aj\n" + "e" * 40,
    "\x1e\x1f\x1e",
]


@pytest.mark.parametrize("message", FORGERIES)
def test_a_message_cannot_hide_or_forge_a_commit(tmp_path, capsys, monkeypatch, message):
    r = Repo(tmp_path / "repo")
    r.write("a.aj", V95)
    first = r.commit("esimene")
    r.write("a.aj", retitled(V95, "Nõunik"))
    second = r.commit(message.replace("\0", "␀"), author="Jaan\x1fTamm")
    r.write("a.aj", retitled(V95, "Juht"))
    third = r.commit("kolmas " + message.replace("\0", ""))
    log = log_json(capsys, monkeypatch, r.root, "a.aj")
    commits = [c for rev in log["revisions"] for c in rev["commits"]]
    assert [c["sha"] for c in commits] == [third, second, first]
    assert commits[1]["author"] == "Jaan\x1fTamm"
    assert commits[1]["message"] == message.replace("\0", "␀").strip("\n")
    code, out, _ = run_aj(capsys, monkeypatch, r.root, "log", "a.aj")
    assert code == 0 and "3 commits" in out
    assert [ln.split()[0] for ln in out.splitlines() if ln.startswith("    ")
            and ln.split()[0] in (third[:7], second[:7], first[:7])] == [
        third[:7], second[:7], first[:7]]
    # the whole-repository log too
    code, out, _ = run_aj(capsys, monkeypatch, r.root, "log", "--format", "json")
    assert code == 0
    [d] = json.loads(out)["directives"]
    assert [c["sha"] for c in d["descriptions"][0]["revision"]["commits"]] == [
        third, second, first]


def test_a_version_that_is_not_utf8_is_listed_and_marked(tmp_path, capsys, monkeypatch):
    r = Repo(tmp_path / "repo")
    r.write("a.aj", V95)
    r.commit("esimene")
    for k, bad in enumerate((b"Koordinaator \xff", b"Koordinaator \xc3", b"\xe4ra")):
        (r.root / "a.aj").write_bytes(
            V95.encode().replace(b"Koordinaator\n", bad + b"\n", 1))
        r.commit(f"vigane {k}")
        r.write("a.aj", retitled(V95, f"Nõunik {k}"))
        r.commit(f"parandatud {k}")
    log = log_json(capsys, monkeypatch, r.root, "a.aj")
    commits = [c for rev in log["revisions"] for c in rev["commits"]]
    assert len(commits) == 7
    bad = [c for c in commits if c["error"]]
    assert [c["message"] for c in bad] == ["vigane 2", "vigane 1", "vigane 0"]
    assert all("UTF-8" in c["error"] for c in bad)
    code, out, _ = run_aj(capsys, monkeypatch, r.root, "log", "a.aj")
    assert code == 0 and out.count("  ! ") == 3
    code, out, err = run_aj(capsys, monkeypatch, r.root, "diff", "--directive", "95")
    assert code in (0, 1) and "Traceback" not in err
    with History(r.root) as h:
        assert sum(rev.error for rev in h.revisions(r.root / "a.aj")) == 3


@pytest.mark.parametrize("sep", ["\n", "\u2028", "\x1c", "\x85"])
def test_a_repository_path_with_a_line_separator(tmp_path, capsys, monkeypatch, sep):
    r = Repo(tmp_path / f"ameti{sep}juhendid")
    r.write(f"osa{sep}kond/a.aj", V95)
    r.commit("esimene")
    r.write(f"osa{sep}kond/a.aj", with_approval(V95, "12", "02.02.2024"))
    r.commit("teine")
    log = log_json(capsys, monkeypatch, r.root, f"osa{sep}kond/a.aj")
    assert [rev["number"] for rev in log["revisions"]] == ["12", "95"]
    code, out, err = run_aj(capsys, monkeypatch, r.root, "log", "--format", "json")
    assert code == 0, err
    assert [d["number"] for d in json.loads(out)["directives"]] == ["12", "95"]
    code, out, err = run_aj(capsys, monkeypatch, r.root, "diff", "--directive", "12", "-q")
    assert code == 1, err
