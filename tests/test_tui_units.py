"""The app's UI-free parts: config, workspace, editing helpers, the highlighter."""

from __future__ import annotations

import pytest

from tests.helpers.tui import SAMPLE, markup_text, workspace

# --- config ---------------------------------------------------------------------------------


def test_config_defaults_when_missing(tmp_path):
    from ajtui.store.config import load

    c = load(tmp_path / "none.toml")
    assert (c.theme, c.diff_layout, c.workspace, c.problems) == ("textual-dark", "auto", None, [])


def test_config_reads_settings_and_reports_bad_values(tmp_path):
    from ajtui.store.config import load

    p = tmp_path / "config.toml"
    p.write_text(
        'workspace = "~/jd"\neditor = "nano -w"\ndiff_layout = "sideways"\n'
        'theme = 3\n[keymap]\n"library.filter" = "f"\n',
        encoding="utf-8",
    )
    c = load(p)
    assert c.workspace_path().name == "jd" and c.editor_command() == "nano -w"
    assert c.diff_layout == "auto" and c.theme == "textual-dark"
    assert c.keymap == {"library.filter": "f"}
    assert any("diff_layout" in x for x in c.problems) and any("theme" in x for x in c.problems)


def test_broken_config_is_a_problem_not_a_crash(tmp_path):
    from ajtui.store.config import ConfigError, load, save_setting

    p = tmp_path / "config.toml"
    p.write_text("theme = \n", encoding="utf-8")
    c = load(p)
    assert c.problems and str(p) in c.problems[0]
    with pytest.raises(ConfigError):
        save_setting("theme", "nord", p)
    assert p.read_text(encoding="utf-8") == "theme = \n"  # left as it was


def test_save_setting_keeps_the_users_comments_and_layout(tmp_path):
    from ajtui.store.config import load, save_setting

    p = tmp_path / "config.toml"
    original = '# my settings\nworkspace = "~/jd"   # the shared folder\n\n[keymap]\n# none yet\n'
    p.write_text(original, encoding="utf-8")
    save_setting("theme", "nord", p)
    text = p.read_text(encoding="utf-8")
    assert "# my settings" in text and "# the shared folder" in text and "# none yet" in text
    assert load(p).theme == "nord" and load(p).workspace == "~/jd"
    save_setting("theme", "gruvbox", p)
    assert p.read_text(encoding="utf-8").count("theme =") == 1
    assert load(p).theme == "gruvbox"


def test_first_save_writes_the_commented_template(tmp_path):
    from ajtui.store.config import load, save_setting

    p = tmp_path / "sub" / "config.toml"
    save_setting("theme", "nord", p)
    text = p.read_text(encoding="utf-8")
    assert "# Diff layout" in text and load(p).theme == "nord"


# --- workspace ------------------------------------------------------------------------------


def test_workspace_indexes_title_unit_directive_and_errors(tmp_path):
    from ajtui.store.workspace import Workspace

    ws = workspace(
        tmp_path,
        {
            "a.aj": SAMPLE.read_text(encoding="utf-8"),
            "sub/b.aj": "üldosa\n  ametinimetus Kolon puudub\n",
            ".hidden/c.aj": "x",
            "notes.txt": "x",
        },
    )
    w = Workspace(ws)
    paths = w.scan()
    assert [w.name_of(p) for p in paths] == ["a.aj", "sub/b.aj"]
    a, b = (w.index(p) for p in paths)
    assert a.title == "Koordinaator (psühhosotsiaalse kriisiabi koordinaator)"
    assert a.unit == "Ohvriabi ja ennetusteenuste osakond, psühhosotsiaalse toe talitus"
    assert a.directive == "nr 95, 11.06.2023" and a.directive_sort == "2023-06-11"
    assert a.status == "ok" and not a.errors
    assert b.status == "invalid" and b.problem.startswith("2:")


@pytest.mark.parametrize("data", [b"\xff\xfe bad", b"\x00\x01", b"\xef\xbb\xbfametijuhend\n"])
def test_workspace_index_never_raises_on_bad_files(tmp_path, data):
    from ajtui.store.workspace import Workspace

    ws = tmp_path / "w"
    ws.mkdir()
    (ws / "bad.aj").write_bytes(data)
    e = Workspace(ws).index(ws / "bad.aj")
    assert e.status == "invalid" and e.problem


def test_workspace_refuses_what_is_not_a_folder_of_descriptions(tmp_path):
    from ajtui.store.workspace import Workspace, WorkspaceError

    with pytest.raises(WorkspaceError, match="no such folder"):
        Workspace(tmp_path / "missing")
    (tmp_path / "x.txt").write_text("x")
    with pytest.raises(WorkspaceError, match="not a .aj"):
        Workspace(tmp_path / "x.txt")
    f = workspace(tmp_path) / "koordinaator.aj"
    w = Workspace(f)
    assert w.initial == f and w.root == f.parent


def test_workspace_changes_sees_added_removed_changed(tmp_path):
    import os

    from ajtui.store.workspace import Workspace

    ws = workspace(tmp_path)
    w = Workspace(ws)
    known = w.stamps()
    (ws / "new.aj").write_text("x")
    target = ws / "koordinaator.aj"
    target.write_text(target.read_text() + "# more\n")
    os.utime(target, ns=(1, 1))
    added, removed, changed = w.changes(known)
    assert [p.name for p in added] == ["new.aj"] and changed == [target] and not removed


# --- editing helpers ------------------------------------------------------------------------


def test_set_approval_changes_only_the_header_lines():
    from ajtui.format.parser import loads
    from ajtui.tui.editing import set_approval

    text = SAMPLE.read_text(encoding="utf-8")
    new = set_approval(text, "14", "15.01.2026", "3")
    old_lines, new_lines = text.split("\n"), new.split("\n")
    changed = [line for line in new_lines if line not in old_lines]
    assert changed == ["  number: 14", "  kuupäev: 15.01.2026", "  lisa: 3"]
    appr = loads(new).approval
    assert (appr.number, appr.date_text, appr.annex, appr.kind) == (
        "14",
        "15.01.2026",
        "3",
        "käskkirjaga",
    )
    again = set_approval(new, "15", "16.01.2026")
    assert loads(again).approval.annex is None and "lisa:" not in again


def test_set_approval_adds_a_header_when_there_is_none():
    from ajtui.format.parser import loads
    from ajtui.tui.editing import set_approval

    new = set_approval("üldosa\n  ametinimetus: X\n", "1", "01.02.2026")
    assert new.startswith("ametijuhend\n  kinnitatud: käskkirjaga\n  number: 1\n")
    assert loads(new).approval.label == "käskkiri nr 1 (01.02.2026)"
    with pytest.raises(ValueError):
        set_approval("üldosa\n  ametinimetus: X\n", "1\n2", "01.02.2026")


def test_renumber_touches_only_duty_numbers():
    from ajtui.format.parser import loads
    from ajtui.tui.editing import renumber

    text = SAMPLE.read_text(encoding="utf-8").replace("3.2. Teine", "3.7. Teine")
    lines = text.split("\n")
    first, last, new, count = renumber(loads(text), lines)
    assert count == 1 and first == last and new == ["  3.2. Teine kohustus"]
    fixed = lines[:first] + new + lines[last + 1 :]
    assert renumber(loads("\n".join(fixed)), fixed) is None


def test_insert_duty_after_the_cursors_duty():
    from ajtui.format.parser import loads
    from ajtui.tui.editing import insert_duty

    text = SAMPLE.read_text(encoding="utf-8")
    lines = text.split("\n")
    row = next(i for i, line in enumerate(lines) if "3.1." in line)
    (at_row, at_col), new, cursor = insert_duty(loads(text), row + 1, lines)
    assert lines[at_row].startswith("  3.2.") and at_col == 0
    assert new == "  3.2. \n    - \n" and cursor == (at_row, 7)
    assert insert_duty(loads("üldosa\n  ametinimetus: X\n"), 1, ["üldosa"]) is None


# --- highlighting ---------------------------------------------------------------------------


def test_scan_finds_the_formats_parts():
    from ajtui.tui.widgets.aj_text_area import scan

    text = SAMPLE.read_text(encoding="utf-8")
    lines = text.split("\n")
    spans = scan(lines)

    def names(row):
        return {(lines[row][a:b], n) for a, b, n in spans.get(row, [])}

    row = lines.index("3. ülesanded: Teenistuskohustused")
    assert names(row) == {
        ("3.", "aj.number"),
        ("ülesanded", "aj.keyword"),
        (":", "aj.punct"),
        (" Teenistuskohustused", "aj.title"),
    }
    assert ("3.1.", "aj.number") in names(lines.index("  3.1. Kriisijuhtumijärgne ööpäevaringne"))
    assert ("ametinimetus", "aj.key") in names(lines.index("  ametinimetus: Koordinaator"))
    assert names(lines.index("  # first duty")) == {("# first duty", "aj.comment")}
    # A continuation line with a colon is text, not a field.
    cont = lines.index("  Ametikoha eesmärk on: psühhosotsiaalse kriisiabi korraldamine")
    assert names(cont) == set()
    assert ("Kliendikesksus", "aj.key") in names(lines.index("    Kliendikesksus:"))
    assert ("kompetentsid", "aj.keyword") in names(
        lines.index("  kompetentsid: Tööks vajalikud kompetentsid")
    )


def test_highlights_use_utf8_byte_offsets():
    from ajtui.tui.widgets.aj_text_area import scan, to_bytes

    line = "  töökogemus: Vähemalt"
    lines = ["nõuded", line]
    (span,) = [s for s in scan(lines)[1] if s[2] == "aj.key"]
    start, end, _ = to_bytes(line, [span])[0]
    assert line.encode()[start:end].decode() == "töökogemus"
    assert (start, end) == (2, 14)  # 10 letters, two of them ö: 12 bytes


def test_control_characters_are_shown_as_pictures():
    from ajtui.tui.widgets.aj_text_area import show_controls

    assert show_controls("a\x1b[31mb\x7f") == "a\u241b[31mb\u2421"
    assert len(show_controls("\x1b\x00")) == 2


def test_markup_fixture_parses():
    from ajtui.format.parser import loads

    assert "[@click=app.quit]" in loads(markup_text()).general.title


def test_the_quick_scan_agrees_with_the_parser_on_every_sample(tmp_path):
    from ajtui.store.workspace import Workspace

    from tests.helpers.tui import DESCRIPTIONS

    files = {p.name: p.read_text(encoding="utf-8") for p in DESCRIPTIONS.glob("*.aj")}
    files["sample.aj"] = SAMPLE.read_text(encoding="utf-8")
    ws = Workspace(workspace(tmp_path, files))
    assert len(ws.scan()) >= 6
    for path in ws.scan():
        quick, full = ws.peek(path), ws.index(path)
        assert not quick.indexed and full.indexed
        for field in ("title", "unit", "manager", "directive", "directive_sort"):
            assert getattr(quick, field) == getattr(full, field), (path.name, field)


def test_diff_runs_keep_every_shown_row_once_in_order():
    from ajtui.ops.diff import diff_texts
    from ajtui.present.diffview import visible_rows
    from ajtui.tui.screens.diff import is_stop, runs

    old = SAMPLE.read_text(encoding="utf-8")
    new = (
        old.replace("Piirkonna juht", "Regiooni juht")
        .replace(
            "  3.2. Teine kohustus", "  3.2. Uus kohustus\n    - Tulemus.\n  3.3. Teine kohustus"
        )
        .replace("tasemel B2", "tasemel C1")
    )
    diff = diff_texts(old, new)
    shown = [s.row for s in visible_rows(diff, 1) if s.row is not None]
    out = runs(diff)
    rows = [
        r for kind, value in out if kind != "gap" for r in (value if kind == "rows" else [value])
    ]
    assert rows == shown
    stops = [value for kind, value in out if kind == "rows" and is_stop(value)]
    changed = {r.change for r in shown if r.kind not in ("equal", "heading")}
    # every change starts a run of its own: as many stops as changes shown
    assert len(stops) == len(changed)
    for run in stops:
        assert len({r.change for r in run if r.change is not None}) == 1


def test_workspace_stamps_walk_lists_what_scan_lists(tmp_path):
    """The watch's scandir walk and scan() agree: hidden files and folders skipped,
    subfolders entered, a symlinked folder listed by os.walk but not entered, a folder
    named like a description not taken for one."""
    import os

    from ajtui.store.workspace import Workspace

    root = tmp_path / "ws"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "kaust.aj").mkdir()
    for rel in (
        "a.aj",
        "sub/b.aj",
        "sub/deeper/c.aj",
        ".hidden/d.aj",
        ".e.aj",
        "notes.txt",
        "kaust.aj/f.aj",
    ):
        (root / rel).write_text("x", encoding="utf-8")
    os.symlink(root / "sub", root / "link")
    w = Workspace(root)
    assert set(w.stamps()) == set(w.scan())
    assert {p.relative_to(root).as_posix() for p in w.scan()} == {
        "a.aj",
        "sub/b.aj",
        "sub/deeper/c.aj",
        "kaust.aj/f.aj",
    }
    known = w.stamps()
    (root / "sub" / "b.aj").unlink()
    added, removed, changed = w.changes(known)
    assert removed == [root / "sub" / "b.aj"] and not added and not changed
