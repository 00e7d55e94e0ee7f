"""Issue 16 tried again from outside, with inputs the first tests did not use: `-o` of
every command that writes a file, long values in messages, descriptions that would grow
past what any command reads, a working copy that is not a regular file in history."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from ajtui.cli import main

from tests.helpers import FIXTURES, run_aj

SAMPLE = (FIXTURES / "valid" / "sample.aj").read_text(encoding="utf-8")


def aj(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# --- -o: never over the input, over another file only with --force ------------------------


def _json_of(tmp_path: Path) -> Path:
    src = tmp_path / "koordinaator.aj"
    src.write_text(SAMPLE, encoding="utf-8")
    r = run_aj("export", str(src), "--to", "json", "-o", str(tmp_path / "koordinaator.json"))
    assert r.returncode == 0, r.stderr
    return tmp_path / "koordinaator.json"


@pytest.mark.parametrize("kind", ["same", "symlink", "hardlink", "relative"])
def test_import_json_never_writes_over_its_input(tmp_path, kind):
    src = _json_of(tmp_path)
    before = src.read_bytes()
    out = str(src)
    if kind == "symlink":
        (tmp_path / "link.aj").symlink_to(src.name)
        out = str(tmp_path / "link.aj")
    elif kind == "hardlink":
        os.link(src, tmp_path / "hard.aj")
        out = str(tmp_path / "hard.aj")
    elif kind == "relative":
        (tmp_path / "sub").mkdir()
        out = str(tmp_path / "sub" / ".." / src.name)
    for extra in ([], ["--force"]):
        r = run_aj("import-json", str(src), "-o", out, *extra)
        assert r.returncode == 1 and "input" in r.stderr and "Traceback" not in r.stderr
        assert src.read_bytes() == before


def test_import_json_over_an_existing_file_needs_force(tmp_path):
    src = _json_of(tmp_path)
    out = tmp_path / "koordinaator.aj"
    out.write_text("vana\n", encoding="utf-8")
    r = run_aj("import-json", str(src), "-o", str(out))
    assert r.returncode == 1 and "--force" in r.stderr
    assert out.read_text(encoding="utf-8") == "vana\n"
    r = run_aj("import-json", str(src), "-o", str(out), "--force")
    assert r.returncode == 0, r.stderr
    assert out.read_text(encoding="utf-8") == SAMPLE
    fresh = tmp_path / "uus.aj"
    assert run_aj("import-json", str(src), "-o", str(fresh)).returncode == 0
    assert fresh.read_text(encoding="utf-8") == SAMPLE
    # from stdin too: an existing OUT needs --force
    r = run_aj("import-json", "-", "-o", str(fresh), input=src.read_text(encoding="utf-8"))
    assert r.returncode == 1 and "--force" in r.stderr


# --- messages quote the start of a long value, not the whole of it ---------------------------


LONG = 200_000


@pytest.mark.parametrize("where", ["continuation", "label", "key", "spaces", "duty"])
def test_an_unwritable_long_value_is_quoted_by_its_start(tmp_path, capsys, where):
    src = _json_of(tmp_path)
    data = json.loads(src.read_text(encoding="utf-8"))
    big = "ä" * LONG

    def fields(node):
        if isinstance(node, dict):
            if "key" in node and "value" in node:
                yield node
            for v in node.values():
                yield from fields(v)
        elif isinstance(node, list):
            for v in node:
                yield from fields(v)

    def duties(node):
        if isinstance(node, dict):
            if "number" in node and "results" in node:
                yield node
            for v in node.values():
                yield from duties(v)
        elif isinstance(node, list):
            for v in node:
                yield from duties(v)

    field = next(f for f in fields(data) if "prose" not in f)
    if where == "continuation":
        field["value"] = "algus\n# " + big
    elif where == "label":
        field["label"] = big + ":"
    elif where == "key":
        field["key"] = "- " + big
    elif where == "spaces":
        field["value"] = big + " "
    else:
        next(duties(data))["number"] = big + " " + big
    from ajtui.format.writer import UnwritableText, dumps
    from ajtui.ops.export import loads_json

    with pytest.raises(UnwritableText) as e:
        dumps(loads_json(json.dumps(data, ensure_ascii=False)))
    assert len(str(e.value)) < 400, str(e.value)[:400]
    src.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, err = aj(capsys, "import-json", str(src))
    assert code == 1 and out == ""
    assert len(err) < 1000, err[:300]
    assert "error" in err


def test_writer_messages_say_how_long_a_quoted_text_is():
    from ajtui.format.writer import quoted

    assert quoted("lühike") == "'lühike'"
    long = "x\x1b" * 5000
    shown = quoted(long)
    assert len(shown) < 300 and "10,000 characters" in shown and "\x1b" not in shown


# --- nothing written that every command then refuses ----------------------------------------


def _grown(text: str) -> str:
    """The description with a value that makes it larger than MAX_FILE_BYTES."""
    from ajtui.base.reading import MAX_FILE_BYTES

    return text.replace("Koordinaator", "Koordinaator " + "sõna " * (MAX_FILE_BYTES // 5), 1)


def test_dump_refuses_a_description_larger_than_any_command_reads(tmp_path):
    from ajtui.format.parser import loads
    from ajtui.format.writer import dump

    path = tmp_path / "koordinaator.aj"
    path.write_text(SAMPLE, encoding="utf-8")
    doc = loads(_grown(SAMPLE))
    with pytest.raises(OSError, match="too large.*nothing written"):
        dump(doc, path)
    assert path.read_text(encoding="utf-8") == SAMPLE
    assert os.listdir(tmp_path) == ["koordinaator.aj"]
    new = tmp_path / "uus.aj"
    with pytest.raises(OSError, match="too large"):
        dump(doc, new)
    assert not new.exists()


def test_editor_save_refuses_a_description_larger_than_any_command_reads(tmp_path):
    from ajtui.format.parser import loads
    from ajtui.ops.edit import EditError, Editor, edit_file

    path = tmp_path / "koordinaator.aj"
    path.write_text(SAMPLE, encoding="utf-8")
    big = loads(_grown(SAMPLE))
    with pytest.raises(EditError, match="too large"):
        with edit_file(path) as ed:
            ed.doc.sections[:] = big.sections
    assert path.read_text(encoding="utf-8") == SAMPLE
    ed = Editor(SAMPLE, path=str(path))
    ed.doc.sections[:] = big.sections
    with pytest.raises(EditError, match="too large"):
        ed.save(tmp_path / "other.aj")
    assert not (tmp_path / "other.aj").exists()
    # every command still reads the file
    r = run_aj("check", str(path))
    assert r.returncode == 0, r.stderr


def test_write_text_with_a_limit_refuses_before_touching_the_file(tmp_path):
    from ajtui.base.writing import TooLarge, update, write_text

    path = tmp_path / "x.aj"
    path.write_text("vana\n", encoding="utf-8")
    with pytest.raises(TooLarge, match="nothing written"):
        write_text(path, "ä" * 600, limit=1000)
    with pytest.raises(TooLarge):
        update(path, lambda text: text * 300, limit=1000)
    assert path.read_text(encoding="utf-8") == "vana\n"
    write_text(path, "ä" * 500, limit=1000)  # 1000 bytes: the limit itself is allowed
    assert len(path.read_bytes()) == 1000


# --- aj log: a working copy that is not a regular file is not "deleted" ----------------------


def _repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    git = ["git", "-C", str(root), "-c", "user.name=T", "-c", "user.email=t@example.org"]
    subprocess.run([*git[:3], "init", "-q"], check=True)
    (root / "a.aj").write_text(SAMPLE, encoding="utf-8")
    subprocess.run([*git, "add", "a.aj"], check=True)
    subprocess.run([*git, "commit", "-qm", "init"], check=True)
    return root


@pytest.mark.parametrize("kind", ["fifo", "devzero", "loop", "dangling"])
def test_log_says_the_working_copy_is_not_a_regular_file(tmp_path, monkeypatch, capsys, kind):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = _repo(tmp_path)
    wc = root / "a.aj"
    wc.unlink()
    if kind == "fifo":
        os.mkfifo(wc)
        expected = "named pipe"
    elif kind == "devzero":
        wc.symlink_to("/dev/zero")
        expected = "device"
    elif kind == "loop":
        wc.symlink_to("a.aj")
        expected = "link to nothing"
    else:
        wc.symlink_to("nowhere.aj")
        expected = "link to nothing"
    monkeypatch.chdir(root)
    code, out, err = aj(capsys, "log", "a.aj")
    assert code == 0, err
    assert "deleted" not in out and expected in out
    code, out, err = aj(capsys, "log", "a.aj", "--format", "json")
    draft = json.loads(out)["revisions"][0]
    assert draft["draft"] and not draft["deleted"] and expected in draft["unreadable"]
    # really deleted: still said so
    wc.unlink()
    code, out, err = aj(capsys, "log", "a.aj")
    assert "file deleted" in out


# --- links that lead nowhere: one clear reason, in the CLI and the app ------------------------


def _odd_links(folder: Path) -> None:
    (folder / "loop.aj").symlink_to("loop.aj")
    (folder / "ring-a.aj").symlink_to("ring-b.aj")
    (folder / "ring-b.aj").symlink_to("ring-a.aj")
    (folder / "dangling.aj").symlink_to("nowhere/gone.aj")


@pytest.mark.parametrize(
    "command",
    [["check"], ["show"], ["set", "vahetu juht=X"], ["fmt"], ["replace", "a", "b"], ["renumber"]],
)
def test_a_link_loop_or_a_dangling_link_is_named_as_such(tmp_path, command):
    _odd_links(tmp_path)
    for name, why in [
        ("loop.aj", "leads back to itself"),
        ("ring-a.aj", "leads back"),
        ("dangling.aj", "link to a file that does not exist"),
    ]:
        r = run_aj(*command, str(tmp_path / name))
        assert r.returncode != 0 and why in r.stderr, (command, name, r.stderr)
        assert "Traceback" not in r.stderr and "cannot write" not in r.stderr
        assert os.path.islink(tmp_path / name)
    assert not (tmp_path / "nowhere").exists()


def test_the_reader_names_a_link_loop_and_a_dangling_link(tmp_path):
    from ajtui.base.reading import ReadError, read_bytes

    _odd_links(tmp_path)
    with pytest.raises(ReadError, match="leads back to itself"):
        read_bytes(tmp_path / "ring-b.aj")
    with pytest.raises(ReadError, match="does not exist"):
        read_bytes(tmp_path / "dangling.aj")
    with pytest.raises(ReadError, match="no such file"):
        read_bytes(tmp_path / "absent.aj")


# --- the app: names and values on one line, notifications, files that are not files --------


HOSTILE = {
    "new\nline.aj": "\\x0a",
    "esc\x1b[31mred.aj": "\\x1b",
    "vt\x0b\x9b.aj": "\\x0b",
    "sep\u2028x.aj": "U+2028",
}


async def test_the_library_lists_every_file_and_shows_names_on_one_line(tmp_path):
    from textual.widgets import Static

    from tests.helpers.tui import SAMPLE as SAMPLE_FILE
    from tests.helpers.tui import make_app, settle, workspace

    ws = workspace(tmp_path, {name: SAMPLE for name in HOSTILE})
    _odd_links(ws)
    app = make_app(ws, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, 4)
        screen = app.screen
        assert SAMPLE_FILE.exists()
        names = {p.name for p in screen.entries}
        assert {"loop.aj", "ring-a.aj", "dangling.aj"} <= names, names
        for path in list(screen._shown):
            entry = screen.entries[path]
            screen._show_detail(entry)
            await pilot.pause()
            shown = str(screen.query_one("#detail", Static).render())
            unit, _, file_line = shown.partition("\n")
            assert "\n" not in file_line and "\x1b" not in shown and "\u2028" not in shown
            if path.name in HOSTILE:
                assert HOSTILE[path.name] in file_line, file_line
            if path.name == "loop.aj":
                assert "leads back to itself" in file_line


async def test_notifications_and_the_title_bar_show_control_characters(tmp_path):
    from ajtui.tui.widgets.title_bar import TitleBar

    from tests.helpers.tui import make_app, settle, workspace

    ws = workspace(tmp_path)
    app = make_app(ws, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.notify("a\x1b[31mb\x07", title="t\x1b]0;x\x07", markup=False)
        app.screen.notify("c\x1b[2Jd", markup=False)
        await pilot.pause()
        shown = [(n.message, n.title) for n in app._notifications]
        assert ("a\\x1b[31mb\\x07", "t\\x1b]0;x\\x07") in shown
        assert ("c\\x1b[2Jd", "") in shown
        assert not any("\x1b" in m + t for m, t in shown)
    bar = TitleBar("Edit · new\nline\x1b.aj", "ok\n")
    cells = bar.render().columns
    left = "".join(str(c) for c in cells[0]._cells)
    assert "\n" not in left and "\x1b" not in left and "\\x0a" in left


# --- caches: only from a folder this user alone controls -------------------------------------


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give a link another owner")
@pytest.mark.parametrize("target_owner", ["mine", "theirs"])
def test_no_cache_through_another_users_link_in_a_shared_cache_home(
    tmp_path, monkeypatch, target_owner
):
    from ajtui.store.cache import private_dir

    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)  # XDG_CACHE_HOME pointing at a /tmp-like folder
    target = tmp_path / "target"
    target.mkdir(mode=0o700)
    if target_owner == "theirs":
        os.chown(target, 65534, 65534)
    (shared / "ajtui").symlink_to(target)
    os.lchown(shared / "ajtui", 65534, 65534)  # another user's link: can be re-pointed
    monkeypatch.setenv("XDG_CACHE_HOME", str(shared))
    assert private_dir() is None and private_dir("history") is None
    r = run_aj("check", str(FIXTURES / "valid" / "sample.aj"))
    assert r.returncode == 0
    # run_aj's environment is os.environ: the cache went nowhere
    assert list(target.iterdir()) == []
    # a link the user made to a folder of their own is theirs to make
    os.lchown(shared / "ajtui", 0, 0)
    if target_owner == "mine":
        assert private_dir("history") == str(shared / "ajtui" / "history")


@pytest.mark.parametrize("value", ["", "relative/cache", "./x", "~/cache"])
def test_a_relative_or_empty_cache_home_is_not_used(tmp_path, monkeypatch, value):
    from ajtui.store.cache import cache_dir

    monkeypatch.setenv("XDG_CACHE_HOME", value)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    assert cache_dir() == str(tmp_path / ".cache" / "ajtui")


# --- a catastrophic pattern over many files: the budget per file, and the batch stops ------


SLOW = "(a|aa)+$"  # slow in the regex module too (it handles '(a+)+$' quickly)


@pytest.fixture
def slow_batch(tmp_path, monkeypatch):
    import ajtui.base.patterns as patterns

    monkeypatch.setattr(patterns, "TIME_BUDGET", 0.2)
    monkeypatch.setattr(patterns, "_timeouts", {}, raising=False)
    text = SAMPLE.replace("Piirkonna juht", "a" * 40 + "!")
    files = []
    for i in range(40):
        f = tmp_path / f"f{i:02}.aj"
        f.write_text(text, encoding="utf-8")
        files.append(str(f))
    return files, text


@pytest.mark.parametrize(
    "command",
    [
        ["replace", "--regex", SLOW, "x"],
        ["query", f'vahetu juht ~ "{SLOW}"'],
        ["set", "--where", f'vahetu juht ~ "{SLOW}"', "vahetu juht=b"],
        ["replace", "--regex", "--dry-run", SLOW, "x"],
    ],
)
def test_a_catastrophic_pattern_stops_the_batch(slow_batch, capsys, command):
    import time

    GIVE_UP_AFTER = 3  # ajtui.base.patterns.GIVE_UP_AFTER

    files, text = slow_batch
    start = time.monotonic()
    code, out, err = aj(capsys, *command, *files)
    took = time.monotonic() - start
    assert code != 0
    assert err.count("took longer than") == GIVE_UP_AFTER
    assert f"{len(files) - GIVE_UP_AFTER} files not searched" in err
    assert took < 0.2 * (GIVE_UP_AFTER + 4) + 3, took  # not 40 budgets
    assert all(Path(f).read_text(encoding="utf-8") == text for f in files)


def test_a_pattern_slow_on_one_file_only_does_not_stop_the_batch(tmp_path, capsys, monkeypatch):
    import ajtui.base.patterns as patterns

    monkeypatch.setattr(patterns, "TIME_BUDGET", 0.2)
    monkeypatch.setattr(patterns, "_timeouts", {}, raising=False)
    slow = tmp_path / "a-slow.aj"
    slow.write_text(SAMPLE.replace("Piirkonna juht", "a" * 40 + "!"), encoding="utf-8")
    quick = []
    for i in range(5):
        f = tmp_path / f"b{i}.aj"
        f.write_text(SAMPLE.replace("Piirkonna juht", "aa juht"), encoding="utf-8")
        quick.append(str(f))
    code, out, err = aj(capsys, "replace", "--regex", SLOW, "x", str(slow), *quick)
    assert code == 1 and err.count("took longer than") == 1 and "not searched" not in err
    assert all("vahetu juht: x" not in Path(f).read_text(encoding="utf-8") for f in quick)
    assert "5 unchanged" in err or "5 changed" in err


# --- invisible and direction characters (AJ155) are refused like control characters --------


INVISIBLE = [
    "\u2028",
    "\u2029",
    "\u202e",
    "\u2066",
    "\u200b",
    "\ufeff",
    "\u00ad",
    "\U000e0041",
    "\u061c",
]


@pytest.mark.parametrize("ch", INVISIBLE)
def test_set_and_replace_refuse_an_invisible_character(tmp_path, capsys, ch):
    path = tmp_path / "a.aj"
    path.write_text(SAMPLE, encoding="utf-8")
    for command in (
        ["set", f"vahetu juht=Uus{ch}juht"],
        ["replace", "Piirkonna", f"P{ch}x"],
        ["replace", "--regex", "Piirkon(na)", f"P{ch}\\1"],
    ):
        code, out, err = aj(capsys, *command, str(path))
        assert code == 1 and f"U+{ord(ch):04X}" in err and "Traceback" not in err, err
        assert path.read_text(encoding="utf-8") == SAMPLE


@pytest.mark.parametrize("ch", INVISIBLE[:4])
def test_import_json_refuses_an_invisible_character_and_the_api_too(tmp_path, capsys, ch):
    from ajtui.ops.edit import EditError, edit_file

    src = _json_of(tmp_path)
    data = src.read_text(encoding="utf-8").replace("Piirkonna juht", f"Piirkonna{ch}juht")
    src.write_text(data, encoding="utf-8")
    code, out, err = aj(capsys, "import-json", str(src))
    assert code == 1 and out == "" and f"U+{ord(ch):04X}" in err
    path = tmp_path / "koordinaator.aj"
    with pytest.raises(EditError, match=f"U\\+{ord(ch):04X}"):
        with edit_file(path) as ed:
            ed.doc.sections[-1].title = f"allkirjad{ch}"
    assert path.read_text(encoding="utf-8") == SAMPLE


def test_an_invisible_character_already_in_the_file_does_not_stop_an_edit(tmp_path, capsys):
    path = tmp_path / "a.aj"
    path.write_text(SAMPLE.replace("Piirkonna juht", "Piirkonna\u200bjuht"), encoding="utf-8")
    code, out, err = aj(capsys, "set", "ametinimetus=Uus nimetus", str(path))
    assert code == 0, err
    assert "Uus nimetus" in path.read_text(encoding="utf-8")


# --- the app's editor: a held lock, a description too large ------------------------------------


async def test_the_editor_does_not_freeze_while_another_program_holds_the_lock(tmp_path):
    import fcntl
    import time

    from tests.helpers.tui import make_app, settle, workspace

    ws = workspace(tmp_path)
    target = ws / "koordinaator.aj"
    app = make_app(ws, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        editor = app.screen
        editor.query_one("#editor").insert("# minu\n")
        with open(target, "rb") as held:  # a hung `aj set` holding ajtui's lock
            fcntl.flock(held, fcntl.LOCK_EX)
            start = time.monotonic()
            await pilot.press("ctrl+s")
            await pilot.pause()
            waited = time.monotonic() - start
        assert waited < 10, waited  # the writers' own limit is 30 s, the screen frozen
        assert target.read_text(encoding="utf-8") == SAMPLE
        messages = " ".join(str(n.message) for n in app._notifications)
        assert "locked" in messages, messages
        assert editor.modified  # the edit is kept: save again once the other is done
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert target.read_text(encoding="utf-8").startswith("# minu\n")


async def test_the_editor_refuses_to_save_a_description_larger_than_any_command_reads(tmp_path):
    from tests.helpers.tui import make_app, settle, workspace

    ws = workspace(tmp_path)
    target = ws / "koordinaator.aj"
    app = make_app(ws, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        editor = app.screen
        editor._save(_grown(SAMPLE))
        await pilot.pause()
        messages = " ".join(str(n.message) for n in app._notifications)
        assert "too large" in messages, messages
        assert target.read_text(encoding="utf-8") == SAMPLE


@pytest.mark.parametrize("kind", ["fifo", "devzero", "loop"])
async def test_the_app_does_not_offer_to_fix_a_file_that_is_not_a_file(tmp_path, kind):
    from tests.helpers.tui import make_app, screen_text, settle, workspace

    ws = workspace(tmp_path, {})
    odd = ws / "x.aj"
    if kind == "fifo":
        os.mkfifo(odd)
    elif kind == "devzero":
        odd.symlink_to("/dev/zero")
    else:
        odd.symlink_to("x.aj")
    app = make_app(ws, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot, 4)
        shown = screen_text(app)
        assert "cannot be opened as a description" in shown, shown
        assert "does not parse" not in shown and str(ws) not in shown


@pytest.mark.parametrize("name", ["a  b.aj", "a\u2029b.aj", "a\tb.aj", "a\u2028b.aj"])
def test_log_shows_a_file_name_exactly(tmp_path, monkeypatch, capsys, name):
    from ajtui.base.safetext import safe_line

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = _repo(tmp_path)
    git = ["git", "-C", str(root), "-c", "user.name=T", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "mv", "a.aj", name], check=True)
    subprocess.run([*git, "commit", "-qm", "rename"], check=True)
    monkeypatch.chdir(root)
    shown = safe_line(name)
    for args in (["log", name], ["log"], ["log", "--in-force", "01.01.2030"]):
        code, out, err = aj(capsys, *args)
        assert code == 0, err
        assert shown in out, (args, out)
    code, out, err = aj(capsys, "log", name)
    assert "renamed from a.aj" in out
