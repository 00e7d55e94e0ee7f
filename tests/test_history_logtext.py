"""`aj log`'s text: one description of the lines, two writers — plain text where stdout is
not a terminal, Rich on a terminal — and the plain one is byte for byte what Rich writes
there."""

from __future__ import annotations

import io

import pytest

from ajtui.cli import log as cli_log
from ajtui.cli import main
from ajtui.cli.common import stdout_console
from ajtui.store.history import History

from tests.helpers.history import Repo, fixture, with_approval

V95 = fixture("koordinaator-95.aj")
V12 = fixture("koordinaator-12.aj")
MARKUP = "[@click=app.quit] [bold]x[/bold] \x1b[31mpunane\x07"


@pytest.fixture(autouse=True)
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-home"))
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Repo:
    r = Repo(tmp_path / "r")
    titled = V95.replace("  ametinimetus: Koordinaator", f"  ametinimetus: Koordinaator {MARKUP}")
    r.write("a.aj", titled)
    r.commit(f"first {MARKUP}", author="Mari [red]Maasikas[/red]")
    r.write("a.aj", titled.replace("  3.4. Enesehoiu", "   3.4. Enesehoiu"))
    r.commit("broken\n\nbody text")
    r.write("a.aj", with_approval(titled, "12", "02.02.2024"))
    r.commit("under 12")
    r.git("mv", "a.aj", "b.aj")
    r.commit("renamed")
    r.write("b.aj", with_approval(V12, "40", "01.03.2024").replace("kinnitatud: ", "kinnitatud "))
    monkeypatch.chdir(r.root)
    return r


def rich_plain(lines) -> str:
    """What Rich writes of the lines where stdout is not a terminal."""
    out = io.StringIO()
    stdout_console(file=out).print(cli_log.rich_text(lines), soft_wrap=True)
    return out.getvalue()


def test_plain_text_is_what_rich_writes_off_a_terminal(repo, capsys):
    with History(repo.root) as h:
        revs = h.revisions("b.aj")
        lines = cli_log.revision_lines("b.aj", revs, shallow=True)
    plain = cli_log.plain_text(lines)
    assert plain == rich_plain(lines)
    assert "[@click=app.quit]" in plain and "\\x1b[31mpunane\\x07" in plain
    assert "\x1b" not in plain and "\x07" not in plain
    assert "mustand" in plain and "(renamed from a.aj)" in plain and "! does not parse" in plain
    assert "Mari [red]Maasikas[/red]" in plain
    # and that is what `aj log` writes to a pipe, without loading Rich for it
    assert main(["log", "b.aj"]) == 0
    assert capsys.readouterr().out == cli_log.plain_text(
        cli_log.revision_lines("b.aj", revs, shallow=False)
    )
    directives = cli_log.directive_lines(History(repo.root).directives())
    assert cli_log.plain_text(directives) == rich_plain(directives)
    assert cli_log.plain_text(cli_log.directive_lines([])) == rich_plain(
        cli_log.directive_lines([])
    )
    assert main(["log"]) == 0
    assert capsys.readouterr().out == cli_log.plain_text(directives)


def test_on_a_terminal_or_when_forced_rich_writes_colours(repo, capsys, monkeypatch):
    assert not cli_log.styled_output()  # pytest's captured stdout is no terminal
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert cli_log.styled_output()
    assert main(["log", "b.aj"]) == 0
    out = capsys.readouterr().out
    assert "\x1b[" in out and "[@click=app.quit]" in out and "\\x1b[31mpunane" in out
    monkeypatch.setenv("FORCE_COLOR", "")
    assert not cli_log.styled_output()
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    assert cli_log.styled_output()
    monkeypatch.setenv("TTY_COMPATIBLE", "0")
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert not cli_log.styled_output()
