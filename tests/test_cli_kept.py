"""`aj show FILE`, `aj diff A B` and `aj git-diff` print, the second time over the same
content, options and width, what they printed the first time — without parsing or
comparing (ajtui.cli._kept) — and never an old layout: other content, options, width,
terminal settings or code are other output."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from ajtui.cli import _kept

from tests.helpers import ROOT

SAMPLE = ROOT / "tests/fixtures/valid/sample.aj"
OTHER = sorted((ROOT / "descriptions").glob("*.aj"))[0]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    return home


def aj(capsys, *args: str) -> tuple[int, str, str]:
    from ajtui.cli import main

    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def kept(home) -> list:
    return sorted(home.rglob(f"{_kept.FOLDER}/*.txt"))


def no_parsing(monkeypatch) -> None:
    import ajtui.format.parser
    import ajtui.ops.diff

    def refuse(*a, **k):
        raise AssertionError("parsed or compared again")

    monkeypatch.setenv("AJ_DEBUG", "1")  # main() raises it rather than reporting it
    monkeypatch.setattr(ajtui.format.parser, "loads", refuse)
    monkeypatch.setattr(ajtui.ops.diff, "diff_texts", refuse)


def test_show_file_prints_the_same_from_what_was_kept(cache, capsys, monkeypatch, tmp_path):
    f = tmp_path / "a.aj"
    f.write_bytes(SAMPLE.read_bytes())
    first = aj(capsys, "show", str(f))
    assert first[0] == 0 and "AMETIJUHEND" in first[1]
    assert len(kept(cache)) == 1
    with monkeypatch.context() as m:
        no_parsing(m)
        assert aj(capsys, "show", str(f)) == first
        # another width is another entry, laid out afresh
        with pytest.raises(AssertionError, match="parsed"):
            aj(capsys, "show", "--width", "70", str(f))
    # an edit is other content: shown as it is now
    f.write_text(
        SAMPLE.read_text(encoding="utf-8").replace(
            "ametinimetus: Koordinaator", "ametinimetus: Peaspetsialist"
        ),
        "utf-8",
    )
    edited = aj(capsys, "show", str(f))
    assert edited[0] == 0 and edited != first
    assert len(kept(cache)) == 2  # (the run at 70 columns stopped before keeping)


def test_show_of_a_file_and_of_its_committed_version_share_the_entry(cache):
    assert (
        _kept.blob_id(SAMPLE.read_bytes())
        == subprocess.run(
            ["git", "hash-object", str(SAMPLE)], capture_output=True, text=True, check=True
        ).stdout.strip()
    )


def test_diff_of_two_files_replays_output_warnings_and_exit_code(
    cache, capsys, monkeypatch, tmp_path
):
    old, new, broken = tmp_path / "old.aj", tmp_path / "new.aj", tmp_path / "broken.aj"
    old.write_bytes(SAMPLE.read_bytes())
    new.write_bytes(OTHER.read_bytes())
    broken.write_text("ametijuhend\n  asutus X\n", encoding="utf-8")
    runs = [
        ("diff", str(old), str(new)),
        ("diff", "--unified", str(old), str(new)),
        ("diff", str(old), str(old)),
        ("diff", str(old), str(broken)),  # a side that does not parse: a warning on stderr
        ("diff", "-q", str(old), str(new)),
    ]
    first = [aj(capsys, *run) for run in runs]
    assert [code for code, _, _ in first] == [1, 1, 0, 1, 1]
    assert "compared line by line" in first[3][2]
    assert first[0][1] != first[1][1]
    assert len(kept(cache)) == len(runs)
    with monkeypatch.context() as m:
        no_parsing(m)
        assert [aj(capsys, *run) for run in runs] == first


def test_diff_json_folders_and_revisions_are_not_kept(cache, capsys, tmp_path):
    aj(capsys, "diff", "--format", "json", str(SAMPLE), str(OTHER))
    aj(capsys, "diff", str(SAMPLE.parent), str(SAMPLE.parent))
    assert kept(cache) == []


def test_a_stale_or_tampered_entry_is_not_printed(cache, capsys, monkeypatch):
    first = aj(capsys, "show", str(SAMPLE))
    (entry,) = kept(cache)
    text = entry.read_text(encoding="utf-8")
    sources, stamp, record = _kept.decode(text)
    assert record == {"out": first[1], "err": first[2], "code": first[0]}
    # what the layout was made by: an edit of any of these is another fingerprint
    assert "format/parser.py" in sources and "present/render.py" in sources
    lines = text.split("\n", 5)
    for bad in (
        _kept.encode(sources, "0" * 32, record),  # the code changed since
        _kept.encode([*sources, "/etc/passwd"], stamp, record),
        "\n".join([lines[0], stamp, "x", *lines[3:]]),  # no exit code
        "\n".join([*lines[:4], f"{len(text)} 0", lines[5]]),  # stderr longer than the rest
        "\n".join([*lines[:4], f"0 {len(lines[5]) - 1}", lines[5]]),  # less than the rest
        "\n".join([*lines[:4], "١ ١", lines[5]]),  # not ASCII digits
        "\n".join([*lines[:4], str(len(lines[5])), lines[5]]),  # one length
        text.replace(_kept.FORMAT, "ajtui kept output 1", 1),  # another format
        text[:-1],  # cut short
        json.dumps({"sources": sources, "fingerprint": stamp, **record}),  # an earlier format
    ):
        entry.write_text(bad, encoding="utf-8")
        assert _kept.lookup("show", (_kept.blob_id(SAMPLE.read_bytes()),), None) is None
        assert aj(capsys, "show", str(SAMPLE)) == first  # laid out again, and kept again
    entry.write_bytes(b"\xff not text")
    assert aj(capsys, "show", str(SAMPLE)) == first


def test_nothing_is_kept_when_styles_are_asked_for(cache, capsys, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    code, out, _ = aj(capsys, "show", str(SAMPLE))
    assert code == 0 and "\x1b[" in out
    assert kept(cache) == []


def git_diff(home, *, color: bool, term: str = "xterm-256color") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(XDG_CACHE_HOME=str(home), COLUMNS="120", TERM=term)
    if color:
        env["GIT_PAGER_IN_USE"] = "true"
    else:
        env.pop("GIT_PAGER_IN_USE", None)
    args = [str(SAMPLE), str(SAMPLE), "0" * 40, "100644", str(OTHER), "1" * 40, "100644"]
    return subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "ajtui.cli", "git-diff", *args],
        capture_output=True,
        text=True,
        env=env,
    )


def test_git_diff_in_colour_is_kept_per_terminal_setting(cache):
    first = git_diff(cache, color=True)
    assert first.returncode == 0 and "\x1b[" in first.stdout and "diff --aj" in first.stdout
    again = git_diff(cache, color=True)
    assert again.stdout == first.stdout
    assert (
        "ajtui.present.blocks" not in again.stderr and "ajtui.ops.diff" not in again.stderr
    )  # replayed
    # another terminal may get other colours: laid out for it
    dumb = git_diff(cache, color=True, term="dumb")
    assert "ajtui.present.blocks" in dumb.stderr
    plain = git_diff(cache, color=False)
    assert "\x1b[" not in plain.stdout and "ajtui.present.blocks" in plain.stderr
    assert git_diff(cache, color=False).stdout == plain.stdout
    assert len(kept(cache)) == 3


def test_without_a_width_the_terminal_beside_the_pipe_decides(cache, capsys, monkeypatch):
    """Rich lays out at the width of any terminal among stdin, stdout and stderr (`aj show
    FILE > out` typed in a terminal): output kept without one is not replayed with one."""
    monkeypatch.delenv("COLUMNS", raising=False)

    def no_terminal(fd=1):
        raise OSError("not a terminal")

    monkeypatch.setattr(os, "get_terminal_size", no_terminal)
    code, narrow, _ = aj(capsys, "show", str(SAMPLE))
    assert code == 0 and max(map(len, narrow.splitlines())) <= 80
    monkeypatch.setattr(os, "get_terminal_size", lambda fd=1: os.terminal_size((132, 40)))
    code, wide, _ = aj(capsys, "show", str(SAMPLE))
    assert code == 0 and max(map(len, wide.splitlines())) > 100
    assert len(kept(cache)) == 2
    assert aj(capsys, "show", str(SAMPLE))[1] == wide  # and each is kept for its own width


@pytest.mark.parametrize(
    "record",
    [
        {"out": "", "err": "", "code": 0},
        {"out": "a\nb\n\n", "err": "aj diff: warning: x\n", "code": 1},
        {"out": "ülesanded\x00\r\n" * 3, "err": "\n\n", "code": 70},
    ],
)
def test_a_kept_record_reads_back_as_it_was_written(record):
    sources = ["cli/show.py", "format/parser.py"]
    assert _kept.decode(_kept.encode(sources, "f" * 32, record)) == (sources, "f" * 32, record)
    with pytest.raises(ValueError):
        _kept.encode(["a\nb.py"], "f" * 32, record)


def test_what_earlier_versions_kept_is_removed(cache, capsys):
    earlier = [cache / "ajtui" / name / f"{n}.json" for name in ("output", "show") for n in "ab"]
    for f in earlier:
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text("{}", encoding="utf-8")
    aj(capsys, "show", str(SAMPLE))
    assert len(kept(cache)) == 1
    assert not [f for f in earlier if f.exists()]


def test_the_fingerprint_follows_each_source_as_python_does(tmp_path):
    # by size, modification time and file: an edit, a replaced or a removed module counts
    for name in ("a.py", "b.py"):
        (tmp_path / name).write_text("x = 1\n", encoding="utf-8")
    sources = ["a.py", "b.py"]
    first = _kept.fingerprint(sources, str(tmp_path))
    assert _kept.fingerprint(sources, str(tmp_path)) == first
    assert _kept.fingerprint(["b.py", "a.py"], str(tmp_path)) != first
    st = os.stat(tmp_path / "a.py")
    os.utime(tmp_path / "a.py", ns=(st.st_atime_ns, st.st_mtime_ns + 1))  # touched
    touched = _kept.fingerprint(sources, str(tmp_path))
    assert touched != first
    (tmp_path / "a.py").write_text("x = 22\n", encoding="utf-8")  # edited
    os.utime(tmp_path / "a.py", ns=(st.st_atime_ns, st.st_mtime_ns + 1))
    assert _kept.fingerprint(sources, str(tmp_path)) not in (first, touched)
    (tmp_path / "b.py").unlink()
    assert _kept.fingerprint(sources, str(tmp_path)) not in (first, touched)
    # the kept file's fingerprint is of ajtui's own modules, in its folder
    assert _kept.fingerprint(["cli/_kept.py"]) != _kept.fingerprint(["cli/_kept.py"], str(tmp_path))


def test_the_folder_keeps_at_most_so_many_renderings(cache, monkeypatch):
    monkeypatch.setattr(_kept, "ENTRIES", 3)
    record = {"out": "x\n", "err": "", "code": 0}
    monkeypatch.setattr(_kept, "PRUNE_ONE_IN", 1)  # pruned at each write
    for n in range(6):
        _kept.keep("show", (f"{n:040x}",), None, record)
    assert len(kept(cache)) == 3
    assert _kept.lookup("show", (f"{5:040x}",), None) == record  # the newest stay
