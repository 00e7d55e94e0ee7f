"""Limits (issue #16 items 6–8): user regular expressions run with a time budget, the
query parser takes any length and a bounded depth, import-json and the arguments give one
clear line for anything, and the top of the CLI never shows a traceback."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from ajtui.cli import main

from tests.helpers import ROOT

SAMPLE = ROOT / "descriptions" / "koordinaator-klat.aj"


def aj(*args: str, cwd=None, timeout: float = 60, input: bytes | None = None):
    """The real `aj` in a subprocess (a hang shows as a failure, not a stuck suite)."""
    return subprocess.run(
        [sys.executable, "-m", "ajtui.cli", *args],
        capture_output=True,
        cwd=cwd,
        timeout=timeout,
        input=input,
        env={**os.environ, "COLUMNS": "100", "NO_COLOR": "1"},
    )


def one_clear_line(err: bytes | str) -> str:
    text = err.decode("utf-8", "replace") if isinstance(err, bytes) else err
    assert "Traceback" not in text, text
    assert text.strip(), "no message"
    return text


@pytest.fixture
def folder(tmp_path):
    for p in (ROOT / "descriptions").glob("*.aj"):
        shutil.copy(p, tmp_path / p.name)
    return tmp_path


def with_value(folder, name: str, field: str, value: str) -> str:
    """A copy of the sample whose `field` holds `value`."""
    text = SAMPLE.read_text(encoding="utf-8")
    text, n = re.subn(rf"(?m)^(  {field}:).*$", lambda mo: f"{mo.group(1)} {value}", text, count=1)
    assert n == 1
    (folder / name).write_text(text, encoding="utf-8")
    return name


def with_paragraph(folder, name: str, paragraph: str) -> str:
    text = SAMPLE.read_text(encoding="utf-8")
    text, n = re.subn(
        r"(?m)^(2\. eesmärk: .*\n)", lambda mo: f"{mo.group(1)}  {paragraph}\n\n", text, count=1
    )
    assert n == 1
    (folder / name).write_text(text, encoding="utf-8")
    return name


# --- regular expressions ------------------------------------------------------------------

# each runs for minutes in Python's re; `(a|aa)+$` also backtracks in the regex module
SLOW = [
    ("vahetu juht", "(a+)+$", "a" * 41 + "!"),
    ("vahetu juht", "(a|aa)+$", "a" * 60 + "!"),
    ("vahetu juht", "(x+x+)+y", "x" * 40),
]


@pytest.mark.parametrize("field, pattern, value", SLOW)
def test_query_regex_is_stopped_or_done_in_time(folder, field, pattern, value):
    name = with_value(folder, "slow.aj", field, value)
    done = aj(
        "query", f'{field} ~ "{pattern}"', name, "koordinaator-klat.aj", cwd=folder, timeout=30
    )
    err = done.stderr.decode()
    assert "Traceback" not in err
    if done.returncode == 2:  # stopped: which pattern, which file, how long
        assert f"slow.aj: error: regular expression '{pattern}' took longer than" in err
    else:
        assert done.returncode in (0, 1), err


@pytest.mark.parametrize("field, pattern, value", SLOW)
def test_replace_regex_is_stopped_or_done_in_time(folder, field, pattern, value):
    name = with_value(folder, "slow.aj", field, value)
    before = (folder / name).read_bytes()
    done = aj("replace", "--regex", pattern, "b", name, cwd=folder, timeout=30)
    err = done.stderr.decode()
    assert "Traceback" not in err
    if done.returncode == 1:
        assert f"slow.aj: error: regular expression '{pattern}' took longer than" in err
        assert (folder / name).read_bytes() == before  # nothing half-replaced
    else:
        assert done.returncode == 0, err


def test_a_long_line_stops_the_pattern_with_a_message(folder, monkeypatch, capsys):
    import ajtui.base.patterns

    monkeypatch.setattr(ajtui.base.patterns, "TIME_BUDGET", 0.3)
    name = with_paragraph(folder, "long.aj", "a" * 300_000)
    before = (folder / name).read_bytes()
    monkeypatch.chdir(folder)
    assert main(["query", 'eesmärk ~ "a+b"', name, "koordinaator-klat.aj"]) == 2
    err = capsys.readouterr().err
    assert "long.aj: error: regular expression 'a+b' took longer than 0.3 s" in err
    assert main(["replace", "--regex", "a+b", "c", name, "koordinaator-klat.aj"]) == 1
    err = capsys.readouterr().err
    assert "long.aj: error: regular expression 'a+b' took longer than 0.3 s" in err
    assert "2 files: 1 changed, 0 unchanged, 1 failed" in err
    assert (folder / name).read_bytes() == before


def test_the_api_reports_a_slow_pattern_as_its_own_error(monkeypatch):
    import ajtui
    import ajtui.base.patterns
    from ajtui.ops.edit import EditError
    from ajtui.ops.paths import QueryError

    monkeypatch.setattr(ajtui.base.patterns, "TIME_BUDGET", 0.3)
    doc = ajtui.load(SAMPLE)
    doc.general.manager = "a" * 60 + "!"
    with pytest.raises(QueryError, match="took longer than 0.3 s"):
        ajtui.compile_query('vahetu juht ~ "(a|aa)+$"').match(doc)
    with pytest.raises(EditError, match="took longer than 0.3 s"):
        ajtui.replace_text(doc, "(a|aa)+$", "b", regex=True)


@pytest.mark.parametrize(
    "pattern, template, words",
    [
        ("x(y)", r"\2", "invalid group reference 2"),
        ("x(y)", r"\g<2>", "invalid group reference 2"),
        ("(?P<n>x)", r"\g<m>", "unknown group name 'm'"),
        ("x", "\\", "bad escape"),
        ("x", r"\q", r"bad escape \q"),
        ("x(", "y", "missing ), unterminated subpattern"),
        ("*x", "y", "nothing to repeat"),
    ],
)
def test_replace_checks_pattern_and_replacement_before_any_file(folder, pattern, template, words):
    # the files do not even exist: nothing is read, nothing written
    done = aj(
        "replace", "--regex", pattern, template, "missing.aj", "koordinaator-klat.aj", cwd=folder
    )
    err = one_clear_line(done.stderr)
    assert done.returncode == 2
    assert words in err
    assert err.startswith(f"aj replace: bad regular expression '{pattern}': ") or err.startswith(
        f"aj replace: bad replacement '{template}': "
    )
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "pattern, template, text, want",
    [
        (r"Kinnise (\w+)", r"[\1]", "Kinnise lasteasutuse", "[lasteasutuse]"),
        (r"Kinnise (?P<w>\w+)", r"<\g<w>>", "Kinnise lasteasutuse", "<lasteasutuse>"),
        (r"(Kinnise) (\w+)", r"\g<2> \g<1>", "Kinnise lasteasutuse", "lasteasutuse Kinnise"),
        (r"(?i)kinnise LASTE", "K-laste", "Kinnise laste", "K-laste"),
        (r"\bteenuse\b", "teenuste", "teenuse", "teenuste"),
    ],
)
def test_replacement_syntax_is_pythons(pattern, template, text, want):
    import ajtui

    doc = ajtui.load(SAMPLE)
    before = ajtui.dumps(doc)
    assert ajtui.replace_text(doc, pattern, template, regex=True) >= 1
    expected = re.sub(pattern, template, text)
    assert expected == want
    assert want in ajtui.dumps(doc).replace("\n  ", " ")
    assert before != ajtui.dumps(doc)


def test_query_regex_error_names_the_column():
    from ajtui.ops.paths import QueryError
    from ajtui.ops.query import compile_query

    with pytest.raises(QueryError) as e:
        compile_query('vahetu juht ~ "x(y"')
    assert "bad regular expression 'x(y': missing ), unterminated subpattern" in e.value.message
    assert e.value.column == 17  # the "("


# --- the query parser ---------------------------------------------------------------------


def test_a_long_flat_or_simply_works(folder):
    terms = [f'vahetu juht = "nobody {i}"' for i in range(3000)] + ["vahetu juht"]
    done = aj("query", " or ".join(terms), "koordinaator-klat.aj", cwd=folder)
    assert done.returncode == 0, done.stderr.decode()
    assert b"koordinaator-klat.aj" in done.stdout
    done = aj(
        "query", " and ".join(["vahetu juht"] * 3000), "-l", "koordinaator-klat.aj", cwd=folder
    )
    assert done.returncode == 0, done.stderr.decode()


@pytest.mark.parametrize("n, matches", [(2000, True), (2001, False)])
def test_a_run_of_nots_simply_works(folder, n, matches):
    done = aj("query", "not " * n + "vahetu juht", "-l", "koordinaator-klat.aj", cwd=folder)
    one = done.stderr.decode()
    assert "Traceback" not in one
    assert done.returncode == (0 if matches else 1), one


@pytest.mark.parametrize(
    "expr",
    [
        "(" * 1000 + "vahetu juht" + ")" * 1000,
        "(not " * 1000 + "vahetu juht" + ")" * 1000,
        "(" * 1000,
        "((((" * 300 + "x = (",
    ],
    ids=["parentheses", "not-parentheses", "unclosed", "unclosed-value"],
)
def test_deep_nesting_is_one_clear_line(folder, expr):
    done = aj("query", expr, "koordinaator-klat.aj", cwd=folder)
    err = one_clear_line(done.stderr)
    assert done.returncode == 2
    assert err.startswith("aj query: column ")
    assert "nested more than 100 deep" in err


def test_nesting_up_to_the_limit_works():
    import ajtui
    from ajtui.ops.query import MAX_NESTING, compile_query

    doc = ajtui.load(SAMPLE)
    q = compile_query("(" * MAX_NESTING + "not not vahetu juht" + ")" * MAX_NESTING)
    assert q(doc)
    q = compile_query(
        "(" * MAX_NESTING
        + 'vahetu juht = "x"'
        + ")" * MAX_NESTING
        + " or "
        + "(" * MAX_NESTING
        + "vahetu juht"
        + ")" * MAX_NESTING
    )
    assert q(doc) and q.paths == ["vahetu juht", "vahetu juht"]


# --- import-json --------------------------------------------------------------------------


def export_of(path=SAMPLE) -> dict:
    import json

    import ajtui
    from ajtui.ops.export import to_json

    return json.loads(json.dumps(to_json(ajtui.load(path))))


def import_json(tmp_path, text: str | bytes, *, stdin: bool = False):
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    out = tmp_path / "out.aj"
    if stdin:
        done = aj("import-json", "-", "-o", str(out), input=data)
    else:
        src = tmp_path / "in.json"
        src.write_bytes(data)
        done = aj("import-json", str(src), "-o", str(out))
    assert not out.exists(), "nothing written on bad input"
    assert done.returncode == 1, done.stderr.decode()
    err = one_clear_line(done.stderr)
    assert len(err.strip().splitlines()) == 1, err
    return err


def mutated(change) -> str:
    import json

    data = export_of()
    change(data)
    return json.dumps(data, ensure_ascii=True)


@pytest.mark.parametrize(
    "change, where, words",
    [
        (
            lambda d: d["sections"][0]["fields"][0].__setitem__("value", ["x"]),
            "sections[0].fields[0].value",
            "expected a string, found a list",
        ),
        (
            lambda d: d["sections"][2]["blocks"][0].__setitem__("type", ["paragraph"]),
            "sections[2].blocks[0].type",
            "expected a string, found a list",
        ),
        (
            lambda d: d["sections"][6]["entries"][0].__setitem__("type", {"a": 1}),
            "sections[6].entries[0].type",
            "found an object",
        ),
        (
            lambda d: d["sections"][2]["blocks"][0].__setitem__("type", "x" * 5000),
            "sections[2].blocks[0].type",
            "found 'xxxxxxxx",
        ),
        (
            lambda d: d["sections"][0].__setitem__("kind", 12),
            "sections[0].kind",
            "expected a string, found a number",
        ),
        (
            lambda d: d["sections"][3]["duties"][0].__setitem__("results", None),
            "sections[3].duties[0].results",
            "expected a list, found null",
        ),
        (
            lambda d: d["sections"][3]["duties"][0]["results"].insert(0, True),
            "sections[3].duties[0].results[0]",
            "expected an object, found true",
        ),
        (
            lambda d: d["sections"][0]["fields"][0].__setitem__("value", "\ud800"),
            "sections[0].fields[0].value",
            "lone surrogate U+D800",
        ),
        (
            lambda d: d["sections"][1].__setitem__("comments", ["# a \udfff b"]),
            "sections[1].comments[0]",
            "lone surrogate U+DFFF at character 5",
        ),
        (lambda d: d.__setitem__("version", [1]), "version", "found a list"),
        (lambda d: d.__setitem__("format", {"x": []}), "format", "found an object"),
    ],
)
def test_import_json_wrong_types_name_the_place(tmp_path, change, where, words):
    err = import_json(tmp_path, mutated(change))
    assert f"in.json: error: {where}: " in err
    assert words in err
    assert len(err) < 300


def test_import_json_a_huge_number_names_the_place(tmp_path):
    text = mutated(lambda d: d.__setitem__("version", 12345)).replace("12345", "9" * 5000)
    err = import_json(tmp_path, text)
    assert "in.json: error: version: this ajtui reads version 1, found a number" in err
    text = mutated(lambda d: d["sections"][0].__setitem__("number", 12345)).replace(
        "12345", "1" * 5000
    )
    err = import_json(tmp_path, text)
    assert "sections[0].number: expected a string, found a number" in err


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000 + "]" * 100_000,
        "[" * 100_000,
        '{"sections": ' + "[" * 5000 + "]" * 5000 + "}",
        '{"sections": [{"kind": "üldosa", "fields": ' + '{"a": ' * 3000 + "1" + "}" * 3000 + "]}",
    ],
    ids=["arrays", "unclosed", "in-sections", "objects"],
)
def test_import_json_deep_nesting_is_one_line(tmp_path, text):
    err = import_json(tmp_path, text)
    assert "nested deeper than 64 levels" in err
    assert "in.json: error: line 1 column " in err


def test_import_json_nesting_inside_strings_is_text(tmp_path):
    import json

    data = export_of()
    data["sections"][0]["fields"][0]["value"] = "[" * 1000 + '\\"{' * 500
    out = tmp_path / "out.aj"
    src = tmp_path / "in.json"
    src.write_text(json.dumps(data), encoding="utf-8")
    done = aj("import-json", str(src), "-o", str(out))
    assert done.returncode == 0, done.stderr.decode()
    assert "[" * 1000 in out.read_text(encoding="utf-8")


def test_import_json_huge_input_is_refused_unread(tmp_path):
    err = import_json(tmp_path, b" " * (33 * 1024 * 1024), stdin=True)
    assert "<stdin>: error: larger than 32 MB" in err


# --- arguments and the top of the CLI -----------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["show", "koordinaator-klat.aj", "--width"],
        ["diff", "koordinaator-klat.aj", "noustaja-kriisitoe-talitus.aj", "--width"],
        ["set", "-n", "vahetu juht=Juht", "koordinaator-klat.aj", "--width"],
        ["replace", "-n", "Tiimijuht", "Juht", "koordinaator-klat.aj", "--width"],
        ["renumber", "-n", "koordinaator-klat.aj", "--width"],
    ],
)
@pytest.mark.parametrize("value", ["0", "-5", "19", "1001", "10000000", "x", "9" * 5000])
def test_width_is_checked_by_argparse(folder, capsys, monkeypatch, argv, value):
    monkeypatch.chdir(folder)
    with pytest.raises(SystemExit) as e:
        main([*argv, value])
    assert e.value.code == 2
    err = capsys.readouterr().err
    assert "argument --width: expected a whole number from 20 to 1000 (columns), found" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["diff", "koordinaator-klat.aj", "noustaja-kriisitoe-talitus.aj", "--context", "-1"],
        ["diff", "koordinaator-klat.aj", "noustaja-kriisitoe-talitus.aj", "--context", "100000000"],
        ["check", "-j", "-1", "koordinaator-klat.aj"],
        ["check", "-j", "100000", "koordinaator-klat.aj"],
    ],
)
def test_other_numbers_are_checked_too(folder, capsys, monkeypatch, argv):
    monkeypatch.chdir(folder)
    with pytest.raises(SystemExit) as e:
        main(argv)
    assert e.value.code == 2
    assert "expected a whole number from 0 to" in capsys.readouterr().err


def test_widths_in_range_work(folder, capsys, monkeypatch):
    monkeypatch.chdir(folder)
    for width in ("20", "1000"):
        assert main(["show", "koordinaator-klat.aj", "--width", width]) == 0
        lines = capsys.readouterr().out.splitlines()
        assert max(map(len, lines)) <= int(width)


@pytest.mark.parametrize(
    "argv",
    [
        [b"show", b"x\xffy.aj"],
        [b"check", b"koordinaator-klat.aj", b"\xc3(.aj"],
        [b"set", b"vahetu juht=Tiimi\xfejuht", b"koordinaator-klat.aj"],
        [b"replace", b"Tiimijuht", b"\xe9", b"koordinaator-klat.aj"],
        [b"query", b'vahetu juht ~ "\xff"', b"koordinaator-klat.aj"],
        [b"import-json", b"\x80.json"],
    ],
)
def test_arguments_that_are_not_utf8_are_one_clear_line(folder, argv):
    before = (folder / "koordinaator-klat.aj").read_bytes()
    done = subprocess.run(
        [sys.executable, "-m", "ajtui.cli", *argv],
        capture_output=True,
        cwd=folder,
        timeout=60,
        env={**os.environ, "LC_ALL": "C.UTF-8"},
    )
    err = one_clear_line(done.stderr)
    assert done.returncode == 2, err
    assert "is not UTF-8 text (byte 0x" in err
    assert len(err.strip().splitlines()) == 1
    assert (folder / "koordinaator-klat.aj").read_bytes() == before


def test_a_bug_is_one_line_and_its_own_exit_status(folder, capsys, monkeypatch):
    import ajtui.cli.show as show

    def broken(args):
        raise ZeroDivisionError("a bug \x1b[31m here")

    monkeypatch.chdir(folder)
    monkeypatch.setattr(show, "run", broken)
    monkeypatch.delenv("AJ_DEBUG", raising=False)
    assert main(["show", "koordinaator-klat.aj"]) == 70
    err = capsys.readouterr().err
    assert err == (
        "aj: internal error: ZeroDivisionError: a bug \\x1b[31m here; run with "
        "AJ_DEBUG=1 for the details\n"
    )
    monkeypatch.setenv("AJ_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        main(["show", "koordinaator-klat.aj"])


def test_ctrl_c_is_quiet_and_130(folder, capsys, monkeypatch):
    import ajtui.cli.show as show

    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.chdir(folder)
    monkeypatch.setattr(show, "run", interrupted)
    assert main(["show", "koordinaator-klat.aj"]) == 130
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    "argv",
    [
        ["query", "ülesanded", "--format", "json", "."],
        ["show", "koordinaator-klat.aj", "--width", "1000"],
    ],
)
def test_a_closed_pipe_is_quiet(folder, argv):
    # many copies, so that the output is far more than a pipe holds
    for n in range(40):
        shutil.copy(folder / "koordinaator-klat.aj", folder / f"copy-{n}.aj")
    aj_cmd = [sys.executable, "-m", "ajtui.cli", *argv]
    done = subprocess.run(
        f"{' '.join(map(shlex_quote, aj_cmd))} | head -c 10 >/dev/null; exit ${{PIPESTATUS[0]}}",
        shell=True,
        executable="/bin/bash",
        cwd=folder,
        capture_output=True,
        timeout=60,
    )
    assert done.stderr.decode() == ""
    assert done.returncode == 0


def shlex_quote(s: str) -> str:
    import shlex

    return shlex.quote(s)


def test_the_regex_module_loads_only_for_a_pattern(tmp_path):
    code = (
        "import sys\nfrom ajtui.cli import main\n"
        f"main(['check', '-q', {str(SAMPLE)!r}])\n"
        f"main(['query', '-l', 'vahetu juht = \"Tiimijuht\"', {str(SAMPLE)!r}])\n"
        "assert 'regex' not in sys.modules, 'loaded without a pattern'\n"
        f"main(['query', '-l', 'vahetu juht ~ \"tiimi\"', {str(SAMPLE)!r}])\n"
        "assert 'regex' in sys.modules\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")},
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(
    "data, words",
    [
        ({"sections": []}, "sections: empty; a description has at least one section"),
        (
            {"sections": [{"kind": "eesmärk", "blocks": [{"type": "item", "text": "\n\n"}]}]},
            "cannot write as .aj",
        ),
    ],
)
def test_import_json_that_cannot_be_a_description_is_one_line(tmp_path, data, words):
    import json

    err = import_json(tmp_path, json.dumps(data))
    assert words in err


def test_import_json_never_writes_what_check_refuses(tmp_path):
    from ajtui.base.reading import MAX_FILE_BYTES

    data = export_of()
    data["sections"][2]["blocks"][0]["text"] = "\n".join(
        ["sõna " * 15 + "lõpp"] * (MAX_FILE_BYTES // 80 + 10)
    )
    import json

    err = import_json(tmp_path, json.dumps(data, ensure_ascii=False))
    assert "cannot write as .aj: the description would be 4." in err
    assert "a .aj file is read up to 4 MB" in err


def test_import_json_message_quoting_a_huge_value_is_cut(tmp_path):
    import json

    data = export_of()
    data["sections"][2]["blocks"][0]["text"] = "sõna " * 200_000  # a trailing space
    err = import_json(tmp_path, json.dumps(data, ensure_ascii=False))
    assert "cannot write as .aj" in err
    assert len(err) < 500


@pytest.mark.parametrize(
    "path",
    [
        "õigused[" + "9" * 5000 + "]",
        "ülesanded[3.1].tulemused[" + "9" * 5000 + "]",
        "õigused[²]",
        "õigused[٣]",
    ],
)
def test_query_index_of_any_digits_is_an_answer(folder, monkeypatch, capsys, path):
    monkeypatch.chdir(folder)
    code = main(["query", path, "koordinaator-klat.aj"])
    err = capsys.readouterr().err
    assert "internal error" not in err
    assert code in (1, 2)
    assert ("named nothing" in err) if code == 1 else ("expected a number" in err)


def test_replace_never_grows_a_description_past_what_check_reads(folder):
    before = (folder / "koordinaator-klat.aj").read_bytes()
    done = aj(
        "replace",
        "--regex",
        "a",
        "x" * 100_000,
        "koordinaator-klat.aj",
        "noustaja-kriisitoe-talitus.aj",
        cwd=folder,
    )
    err = one_clear_line(done.stderr)
    assert done.returncode == 1
    assert (
        "koordinaator-klat.aj: error: the replacements would make the description larger than 4 MB"
    ) in err
    assert (folder / "koordinaator-klat.aj").read_bytes() == before
    assert aj("check", "koordinaator-klat.aj", cwd=folder).returncode == 0


@pytest.mark.parametrize(
    "argv",
    [
        ["show", "koordinaator-klat.aj", "\x1b[31mred", "\x07"],
        ["query", "vahetu juht", "koordinaator-klat.aj", "--format", "\x1b]0;title\x07"],
        ["\x1b[2J"],
    ],
)
def test_argparse_messages_show_control_characters_as_escapes(folder, capsys, monkeypatch, argv):
    monkeypatch.chdir(folder)
    with pytest.raises(SystemExit) as e:
        main(argv)
    assert e.value.code == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err
    assert "\\x1b" in err
