"""`aj check`, `aj fmt`, `aj show` as a user runs them, good and bad input."""

import hashlib
import shutil

import pytest

from tests.helpers import FIXTURES, cases, run_aj


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


#: Files refused before they are parsed: syntax-error cases (the exact messages are checked in
#: tests/test_format_errors.py), and bytes that are no text at all.
_REFUSED = {
    "invalid-utf8.aj": "not UTF-8",
    "bom.aj": "a byte order mark before a field",
    "crlf.aj": "Windows line ends",
    "tabs.aj": "a tab in the indentation",
    "nul.aj": "a NUL character at a line's end",
    "empty.aj": "an empty file",
}
BAD = {name: cases.named("syntax_errors.txt", case).input for name, case in _REFUSED.items()} | {
    "binary.aj": bytes(range(256)) * 8
}


@pytest.fixture
def bad_files(tmp_path):
    for name, data in BAD.items():
        (tmp_path / name).write_bytes(data)
    big = tmp_path / "big.aj"
    line = "  - " + "õ" * 70 + "\n"
    big.write_text("eesmärk\n" + line * (10 * 1024 * 1024 // len(line.encode())), encoding="utf-8")
    (tmp_path / "folder.aj").mkdir()
    return tmp_path


@pytest.mark.parametrize("command", [["check"], ["fmt"], ["fmt", "--check"], ["show"]])
def test_bad_inputs_are_refused_cleanly(bad_files, command):
    names = sorted(p.name for p in bad_files.iterdir())
    before = {n: _digest(bad_files / n) for n in names}
    for name in names:
        r = run_aj(*command, str(bad_files / name))
        assert r.returncode != 0, (name, r.stdout, r.stderr)
        assert "Traceback" not in r.stderr, r.stderr
        first = r.stderr.strip().splitlines()[0]
        assert name in first, (name, r.stderr)
        assert "error" in first
        assert {n: _digest(bad_files / n) for n in names} == before
    assert sorted(p.name for p in bad_files.iterdir()) == names  # no temporary files left


def test_each_bad_input_says_what_is_wrong(bad_files):
    expected = {"binary.aj": "NUL", "big.aj": "too large", "folder.aj": "is a directory"}
    for name, words in expected.items():
        r = run_aj("check", str(bad_files / name))
        assert words in r.stderr, (name, r.stderr)


def test_check_clean_file_and_summary(tmp_path):
    shutil.copy(FIXTURES / "valid" / "sample.aj", tmp_path / "a.aj")
    r = run_aj("check", str(tmp_path))
    assert r.returncode == 0, r.stderr
    assert "1 file checked: 1 valid, 0 errors" in r.stderr


def test_check_reports_rule_ids_with_positions_and_json(tmp_path):
    (tmp_path / "w.aj").write_text(
        "ametijuhend\n  kinnitatud: käskkirjaga\n  kuupäev: 31.02.2024\n\n"
        "üldosa\n  ametinimetus: X\n\nülesanded\n  3.1 A\n    - a\n  3.1 B\n",
        encoding="utf-8",
    )
    r = run_aj("check", str(tmp_path / "w.aj"))
    assert r.returncode == 1
    assert f"{tmp_path / 'w.aj'}:3:3: AJ131 error: impossible date '31.02.2024'" in r.stderr
    assert ":2:3: AJ132 error:" in r.stderr
    assert ":11:3: AJ101 warning: duty number 3.1 given twice" in r.stderr
    r = run_aj("check", "--format", "json", str(tmp_path / "w.aj"))
    import json

    data = json.loads(r.stdout)
    assert data["errors"] == 2 and r.returncode == 1
    assert {d["code"] for d in data["diagnostics"]} >= {"AJ131", "AJ132", "AJ101", "AJ104"}


def test_check_usage_errors_exit_2(tmp_path):
    assert run_aj("check").returncode == 2
    assert run_aj("check", str(tmp_path)).returncode == 2  # no .aj files there
    assert run_aj("nonsense").returncode == 2


def test_fmt_rewrites_and_check_mode(tmp_path):
    p = tmp_path / "m.aj"
    case = cases.named("canonical.txt", "indentation, spaces and blank lines")
    messy = case.text
    p.write_text(messy, encoding="utf-8")
    r = run_aj("fmt", "--check", str(p))
    assert r.returncode == 1 and "would reformat" in r.stdout
    assert p.read_text(encoding="utf-8") == messy
    r = run_aj("fmt", "--diff", str(p))
    assert r.returncode == 1 and "+  ametinimetus: X" in r.stdout
    assert p.read_text(encoding="utf-8") == messy
    r = run_aj("fmt", str(p))
    assert r.returncode == 0
    assert p.read_text(encoding="utf-8") == case.output
    assert run_aj("fmt", "--check", str(p)).returncode == 0


def test_text_is_data_in_show(tmp_path):
    p = tmp_path / "x.aj"
    p.write_text(
        "üldosa\n  ametinimetus: [bold]Juht[/bold] [@click=app.quit]\n"
        "  vahetu juht: \x1b[31mpunane\x1b[0m\n\nülesanded\n  3.1 [red]x[/]\n"
        "    - [link=http://x]y\n",
        encoding="utf-8",
    )
    r = run_aj("check", str(p))
    assert "AJ151" in r.stderr  # the escape character is reported
    r = run_aj("show", "--width", "100", str(p))
    assert r.returncode == 0, r.stderr
    assert "[bold]Juht[/bold] [@click=app.quit]" in r.stdout
    assert "[red]x[/]" in r.stdout and "[link=http://x]y" in r.stdout
    assert "\x1b" not in r.stdout
    assert "\\x1b[31mpunane" in r.stdout


def test_show_fits_the_width(tmp_path):
    r = run_aj("show", "--width", "80", str(FIXTURES / "valid" / "sample.aj"))
    assert r.returncode == 0
    lines = r.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert any("Põhiülesanded" in line and "Oodatavad tulemused" in line for line in lines)
    assert any("KINNITATUD" in line for line in lines)
    assert any("3. TEENISTUSKOHUSTUSED" in line for line in lines)
