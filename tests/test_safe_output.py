"""Nothing from a file or from git reaches the terminal raw (issue 16 item 4, issue 15 item 4).

File names and contents carry ESC, a CSI sequence, BEL, the C1 CSI (U+009B), U+202E (right-to-
left override) and U+200B (zero-width space); every `aj` command runs on a real terminal (a
pty) and none of those characters may come out. JSON written to a pipe still parses to the
original data. `aj set`, `aj replace` and `aj import-json` refuse control characters."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import unicodedata

import pytest

from ajtui.base import safetext

EVIL = "\x1b[31m\x07\x9b\u202e\u200b"
#: What a terminal must never receive from a file: ESC, BEL, C1 CSI, RLO, ZWSP (and the raw
#: byte 0x9b, which would be read back as the surrogate U+DC9B).
FORBIDDEN = {"\x1b", "\x07", "\x9b", "\u202e", "\u200b", "\udc9b"}

NAME = f"amet{EVIL}.aj"
OTHER = f"teine{EVIL}.aj"
BROKEN = f"katki{EVIL}.aj"
CLEAN = "puhas.aj"

TEXT = f"""ametijuhend
  kinnitatud: käskkirjaga
  number: 5

1. üldosa
  ametinimetus: Nõustaja
  vahetu juht:   Juht {EVIL}

2. ülesanded
  2.1 Nõustamine {EVIL}
    - Tulemus {EVIL}
  2.3 Teine ülesanne
    - Teine tulemus
"""
BROKEN_TEXT = f"ametijuhend\n  kinnitatud: käskkirjaga\n{EVIL} pole osa\n"

# On a terminal with TERM=dumb Rich writes no colour codes of its own: every ESC on the
# terminal would have come from a file.
ENV = {**os.environ, "COLUMNS": "120", "TERM": "dumb", "LC_ALL": "C.UTF-8"}
ENV.pop("NO_COLOR", None)
ENV.pop("FORCE_COLOR", None)
ENV.pop("TTY_COMPATIBLE", None)


def git(cwd, *args):
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=t@example.org", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def work(tmp_path):
    (tmp_path / NAME).write_text(TEXT, encoding="utf-8")
    (tmp_path / OTHER).write_text(
        TEXT.replace("Teine ülesanne", f"Kolmas {EVIL} ülesanne"), encoding="utf-8"
    )
    (tmp_path / BROKEN).write_text(BROKEN_TEXT, encoding="utf-8")
    (tmp_path / CLEAN).write_text(TEXT.replace(EVIL, ""), encoding="utf-8")
    data = json.loads(
        subprocess.run(
            [sys.executable, "-m", "ajtui.cli", "export", NAME],
            cwd=tmp_path,
            capture_output=True,
            env=ENV,
        ).stdout
    )
    _replace_strings(data, "\x1b[31m\x07\x9b", "")  # import-json refuses control characters
    (tmp_path / f"json{EVIL}.json").write_text(json.dumps(data), encoding="utf-8")
    (tmp_path / f"bad{EVIL}.json").write_text("{", encoding="utf-8")
    (tmp_path / f"allikas{EVIL}.txt").write_text(
        "AMETIJUHEND\n\n1. ÜLDOSA\nAmetinimetus: Nõustaja\n", encoding="utf-8"
    )
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", NAME, OTHER)
    git(tmp_path, "commit", "-q", "-m", f"käskkiri nr 5 {EVIL}")
    return tmp_path


def _replace_strings(data, old, new):
    items = data.items() if isinstance(data, dict) else enumerate(data)
    for k, v in list(items):
        if isinstance(v, str):
            data[k] = v.replace(old, new)
        elif isinstance(v, (dict, list)):
            _replace_strings(v, old, new)


def on_terminal(args, cwd) -> tuple[int, str]:
    """`aj ARGS` with stdout and stderr on a pty: (exit code, what the terminal got)."""
    master, slave = pty.openpty()
    try:
        import fcntl
        import struct
        import termios

        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        proc = subprocess.Popen(
            [sys.executable, "-m", "ajtui.cli", *args],
            cwd=cwd,
            env=ENV,
            stdin=subprocess.DEVNULL,
            stdout=slave,
            stderr=slave,
        )
    finally:
        os.close(slave)
    chunks = []
    try:
        while True:
            ready, _, _ = select.select([master], [], [], 60)
            if not ready:
                proc.kill()
                raise AssertionError(f"aj {args} did not finish")
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the terminal's other side is closed
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(master)
        code = proc.wait(60)
    return code, b"".join(chunks).decode("utf-8", "surrogateescape")


def piped(args, cwd) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ajtui.cli", *args],
        cwd=cwd,
        env=ENV,
        capture_output=True,
        timeout=120,
    )


def assert_inert(out: str) -> None:
    raw = sorted(f"U+{ord(c):04X}" for c in FORBIDDEN if c in out)
    assert not raw, f"reached the terminal raw: {raw}\n{out!r}"


TERMINAL_CASES = {
    "check": ["check", NAME, BROKEN],
    "check json": ["check", "--format", "json", NAME, BROKEN],
    "fmt": ["fmt", NAME, BROKEN],
    "fmt --check": ["fmt", "--check", NAME],
    "fmt --diff": ["fmt", "--diff", NAME],
    "query table": ["query", "vahetu juht", NAME, BROKEN],
    "query -l": ["query", "-l", "vahetu juht", NAME],
    "query csv": ["query", "--format", "csv", "vahetu juht ~ juht", NAME],
    "query json": ["query", "--format", "json", "vahetu juht ~ juht", NAME],
    "set": ["set", "vahetu juht=Uus juht", NAME, BROKEN],
    "set -n": ["set", "-n", "vahetu juht=Uus juht", NAME],
    "set -n --line-diff": ["set", "-n", "--line-diff", "ametinimetus=Uus", NAME],
    "replace": ["replace", "Nõustamine", "Abi", NAME, BROKEN],
    "replace -n --line-diff": ["replace", "-n", "--line-diff", "Teine", "Abi", NAME],
    "renumber": ["renumber", NAME, BROKEN],
    "show": ["show", NAME],
    "show broken": ["show", BROKEN],
    "export json": ["export", NAME],
    "export markdown": ["export", "--to", "markdown", NAME],
    "export html": ["export", "--to", "html", NAME],
    "export broken": ["export", BROKEN],
    "diff": ["diff", NAME, OTHER],
    "diff unified": ["diff", "--unified", NAME, OTHER],
    "diff broken": ["diff", BROKEN, NAME],
    "diff json": ["diff", "--format", "json", NAME, OTHER],
    "diff against approved": ["diff", NAME],
    "diff --directive": ["diff", "--directive", "5"],
    "diff --directive json": ["diff", "--directive", "5", "--format", "json"],
    "import-json": ["import-json", f"json{EVIL}.json"],
    "import-json bad": ["import-json", f"bad{EVIL}.json"],
    "import": ["import", f"allikas{EVIL}.txt", "-o", f"välja{EVIL}", "--report"],
    "log": ["log", NAME],
    "log json": ["log", "--format", "json", NAME],
    "log directives": ["log"],
    "git-textconv": ["git-textconv", NAME],
    "git-diff": ["git-diff", NAME, NAME, "0" * 40, "100644", OTHER, "1" * 40, "100644"],
    "git-diff broken": ["git-diff", NAME, BROKEN, "0" * 40, "100644", OTHER, "1" * 40, "100644"],
}


@pytest.mark.parametrize("args", TERMINAL_CASES.values(), ids=TERMINAL_CASES.keys())
def test_nothing_raw_reaches_the_terminal(work, args):
    code, out = on_terminal(args, work)
    assert out.strip(), "the command printed nothing: the case tests nothing"
    assert "Traceback" not in out
    assert_inert(out)


def test_escapes_are_visible_not_dropped(work):
    shown = "\\x1b[31m\\x07\\x9b⟨U+202E⟩⟨U+200B⟩"
    _, out = on_terminal(["fmt", "--diff", NAME], work)
    assert f"+++ b/amet{shown}.aj" in out and f"vahetu juht: Juht {shown}" in out
    _, out = on_terminal(["check", BROKEN], work)
    assert f"katki{shown}.aj:3:1: AJ001 error:" in out and f"  {shown} pole osa" in out


def test_git_setup_shows_the_repository_path_safely(tmp_path):
    repo = tmp_path / f"hoidla{EVIL}"
    repo.mkdir()
    git(repo, "init", "-q")
    code, out = on_terminal(["git-setup", "--command", "aj"], repo)
    assert code == 0 and ".gitattributes" in out
    assert_inert(out)


@pytest.mark.parametrize("char", ["\u200b", "\u202e", "\u00ad", "\u2060", "\ufeff"])
def test_an_invisible_change_is_visible_in_the_diff(tmp_path, char):
    """Issue 15: a zero-width or direction character made '1 duty changed' with nothing to
    see. The diff names it, in a pipe as on a terminal."""
    text = "üldosa\n  ametinimetus: Nõustaja\n\nülesanded\n  2.1 Nõustamine ja abi\n"
    (tmp_path / "a.aj").write_text(text, encoding="utf-8")
    (tmp_path / "b.aj").write_text(
        text.replace("Nõustamine ja", f"Nõustamine{char} ja"), encoding="utf-8"
    )
    shown = f"⟨U+{ord(char):04X}⟩"
    result = piped(["diff", "--unified", "a.aj", "b.aj"], tmp_path)
    assert result.returncode == 1 and "1 duty changed" in result.stdout.decode()
    assert f"2.1 Nõustamine{{+{shown}+}} ja abi" in result.stdout.decode()
    _, out = on_terminal(["diff", "--unified", "a.aj", "b.aj"], tmp_path)
    assert f"Nõustamine{{+{shown}+}} ja abi" in out and char not in out


@pytest.mark.parametrize(
    "args",
    [["fmt", "--check", "."], ["fmt", "."], ["set", "ametinimetus=Uus", "."], ["renumber", "."]],
)
def test_a_line_break_in_a_name_cannot_forge_a_line(tmp_path, args):
    (tmp_path / "a\nformatted evil.aj").write_text(
        "üldosa\n  ametinimetus:  Nõustaja\nülesanded\n  2.3 Töö\n", encoding="utf-8"
    )
    result = piped(args, tmp_path)
    lines = result.stdout.decode().splitlines()
    assert len(lines) == 1 and "a\\x0aformatted evil.aj" in lines[0], lines


# --- data into a pipe -----------------------------------------------------------------------


def test_json_into_a_pipe_is_the_original_data_and_inert(work):
    exported = piped(["export", NAME], work)
    assert exported.returncode == 0
    text = exported.stdout.decode("utf-8")
    assert_inert(text)
    value = json.loads(text)["sections"][1]["fields"][1]["value"]
    assert value == f"Juht {EVIL}"
    found = piped(["query", "--format", "json", "vahetu juht ~ juht", NAME], work)
    assert_inert(found.stdout.decode("utf-8"))
    [hit] = json.loads(found.stdout)
    assert hit["file"] == NAME and hit["matches"][0]["value"] == f"Juht {EVIL}"
    checked = piped(["check", "--format", "json", NAME], work)
    assert_inert(checked.stdout.decode("utf-8"))
    assert {d["path"] for d in json.loads(checked.stdout)["diagnostics"]} == {NAME}
    logged = piped(["log", "--format", "json", NAME], work)
    assert_inert(logged.stdout.decode("utf-8"))
    [rev] = json.loads(logged.stdout)["revisions"]
    assert rev["commits"][0]["message"].strip() == f"käskkiri nr 5 {EVIL}"


def test_csv_and_file_lists_are_data_in_a_pipe_and_shown_on_a_terminal(work):
    piped_csv = piped(["query", "--format", "csv", "vahetu juht ~ juht", NAME], work)
    assert f"Juht {EVIL}" in piped_csv.stdout.decode("utf-8")  # a spreadsheet gets the value
    listed = piped(["query", "-l", "vahetu juht", NAME], work)
    assert listed.stdout.decode("utf-8") == NAME + "\n"  # xargs gets the real name
    for args in (
        ["query", "--format", "csv", "vahetu juht ~ juht", NAME],
        ["query", "-l", "vahetu juht", NAME],
    ):
        _, out = on_terminal(args, work)
        assert_inert(out)
        assert "⟨U+202E⟩" in out


def test_git_names_are_shown_safely(work):
    """A path from git (the renamed-from name) and a commit subject in `aj log`."""
    git(work, "mv", NAME, f"uus{EVIL}.aj")
    git(work, "commit", "-q", "-m", f"rename {EVIL}")
    code, out = on_terminal(["log", f"uus{EVIL}.aj"], work)
    assert code == 0 and "renamed from" in out
    assert_inert(out)


# --- values with control characters are refused -----------------------------------------------

BAD_VALUES = [
    "Juht \x1b[31mpunane",
    "kell\x07",
    "C1 \x9b6n",
    "DEL\x7f",
    "tab\tin",
    "cr\rin",
    "vt\x0bin",
]


def _unchanged(work, args, name=NAME):
    before = (work / name).read_bytes()
    result = piped(args, work)
    assert (work / name).read_bytes() == before
    return result


def _one_clear_line(result, what: str) -> None:
    err = result.stderr.decode("utf-8")
    assert result.returncode != 0
    assert "Traceback" not in err
    line = next(line for line in err.splitlines() if "error" in line)
    assert what in line
    assert_inert(err)


@pytest.mark.parametrize("value", BAD_VALUES)
def test_set_refuses_control_characters(work, value):
    result = _unchanged(work, ["set", f"vahetu juht={value}", CLEAN], CLEAN)
    _one_clear_line(result, "control character")


@pytest.mark.parametrize("value", BAD_VALUES)
def test_replace_refuses_control_characters(work, value):
    result = _unchanged(work, ["replace", "Nõustaja", value, CLEAN], CLEAN)
    _one_clear_line(result, "control character")


@pytest.mark.parametrize("template", [r"\a", r"x\vy", r"\r", r"\t"])
def test_replace_refuses_control_characters_made_by_the_regex(work, template):
    result = _unchanged(work, ["replace", "--regex", "Nõusta(ja)", template, CLEAN], CLEAN)
    _one_clear_line(result, "control character")


@pytest.mark.parametrize("value", BAD_VALUES + ["nul\x00"])
def test_import_json_refuses_control_characters(work, value):
    data = json.loads(piped(["export", CLEAN], work).stdout)
    data["sections"][1]["fields"][0]["value"] = value
    (work / "in.json").write_text(json.dumps(data), encoding="utf-8")
    result = piped(["import-json", "in.json", "-o", "out.aj"], work)
    _one_clear_line(result, "control character")
    assert not (work / "out.aj").exists() and result.stdout == b""


@pytest.mark.parametrize("value", BAD_VALUES + ["nul\x00"])
def test_the_edit_api_refuses_control_characters(work, value):
    from ajtui.ops.edit import EditError, Editor, edit_file

    for name in (CLEAN, NAME):  # NAME has control characters already, elsewhere
        text = (work / name).read_text(encoding="utf-8")
        with pytest.raises(EditError, match="control character"):
            Editor(text).set("vahetu juht", value)
        with pytest.raises(EditError, match="control character"):
            Editor(text).replace("Nõustaja", value)
        with pytest.raises(EditError, match="control character"):  # the model edited directly
            with edit_file(work / name) as ed:
                ed.doc.section("üldosa").fields[0].value = value
        assert (work / name).read_text(encoding="utf-8") == text
        # what is refused is the new control character, not the edit nor a line break
        ed = Editor(text)
        ed.set("ametinimetus", "Vanem\nnõustaja")
        assert "ametinimetus: Vanem\n    nõustaja\n" in ed.text()


# --- the escaping itself --------------------------------------------------------------------


def test_the_format_character_table_covers_this_pythons_unicode():
    missing = [
        f"U+{c:04X}"
        for c in range(0x110000)
        if unicodedata.category(chr(c)) in ("Cf", "Zl", "Zp", "Cc", "Cs")
        and chr(c) not in "\t\n"
        and safetext.safe(chr(c)) == chr(c)
    ]
    assert not missing


@pytest.mark.parametrize(
    "text,shown",
    [
        ("a\x1b[31mb", "a\\x1b[31mb"),
        ("\x07\x7f\x9b", "\\x07\\x7f\\x9b"),
        ("x\u202ey", "x⟨U+202E⟩y"),
        ("\u200b\u00ad\ufeff", "⟨U+200B⟩⟨U+00AD⟩⟨U+FEFF⟩"),
        ("a\u2028b\u2029", "a⟨U+2028⟩b⟨U+2029⟩"),
        ("\U000e0041", "⟨U+E0041⟩"),
        ("bad \udcff byte", "bad \\xff byte"),
        ("tab\tand\nline", "tab\tand\nline"),
        ("õun ja ülo … → ✓ 漢字 🙂", "õun ja ülo … → ✓ 漢字 🙂"),
    ],
)
def test_safe(text, shown):
    assert safetext.safe(text) == shown
    assert safetext.safe(shown) == shown  # escaping twice changes nothing
    assert safetext.safe_line(text) == shown.replace("\t", "\\x09").replace("\n", "\\x0a")


def test_json_text_keeps_the_data():
    data = {"k": "x\x1b\x9b\x7f\u202e\u2028\u200b\udcff\U000e0001y", "n": [1, "ü"]}
    encoded = safetext.json_text(json.dumps(data, ensure_ascii=False))
    assert json.loads(encoded) == data
    assert_inert(encoded)
    assert all(c.isprintable() or c in " \n" for c in encoded)


def test_parser_errors_show_the_path_safely():
    from ajtui.base.errors import AjError
    from ajtui.format.parser import loads

    with pytest.raises(AjError) as e:
        loads(BROKEN_TEXT, path=BROKEN)
    assert_inert(str(e.value))
    assert_inert(e.value.one_line())
