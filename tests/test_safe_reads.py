"""Reads that cannot hang, exhaust memory or run code: regular files only, sizes checked
before reading, caches only where the user alone can write, and no pickle anywhere."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests/fixtures/valid/sample.aj"


def aj(
    *args: str, cwd=None, env: dict | None = None, timeout: float = 60, input: str | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ajtui.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=timeout,
        input=input,
        env={**os.environ, "COLUMNS": "100", "NO_COLOR": "1", **(env or {})},
    )


# --- the grammar: no pickle from anywhere -------------------------------------------------


class _Marker:
    """Unpickling this creates a file: proof that a planted pickle ran."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self):
        return (os.system, (f"touch {self.path}",))


def _hostile_cache(path: Path, marker: Path) -> None:
    # Lark's cache: a hash line, then pickles (unpickled before the hash is compared)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"0" * 64 + b"\n" + pickle.dumps(_Marker(str(marker))))


def _planted_names() -> list[str]:
    from ajtui.format.grammar import grammar_text

    digest = hashlib.sha256(grammar_text().encode()).hexdigest()[:16]
    return [f"aj-grammar-{digest}.lark.cache"]


#: `aj ARGS` with the cache folder reported as not writable (as it is to a user without
#: rights on it; root may write anywhere, so os.access is told).
_UNWRITABLE = """
import os, sys
real = os.access
cache = os.path.join(os.environ["XDG_CACHE_HOME"], "ajtui")
os.access = lambda p, mode, **kw: False if str(p).startswith(cache) else real(p, mode, **kw)
from ajtui.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("where", ["shared temp folder", "cache folder"])
def test_a_planted_grammar_pickle_never_runs(tmp_path, where):
    marker = tmp_path / "ran"
    temp = tmp_path / "tmp"
    temp.mkdir()
    home = tmp_path / "cache-home"
    folder = home / "ajtui" if where == "cache folder" else temp
    for name in _planted_names():
        _hostile_cache(folder / name, marker)
    doc = tmp_path / "x.aj"
    doc.write_bytes(SAMPLE.read_bytes())
    env = {**os.environ, "XDG_CACHE_HOME": str(home), "TMPDIR": str(temp)}
    if where == "cache folder":
        argv = [sys.executable, "-m", "ajtui.cli"]
    else:
        (home / "ajtui").mkdir(parents=True)
        argv = [sys.executable, "-c", _UNWRITABLE]
    done = subprocess.run(
        [*argv, "show", str(doc)], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert not marker.exists(), f"a pickle planted in the {where} ran"


def test_the_shipped_parse_tables_match_the_grammar():
    from ajtui.format import grammar

    stored = grammar.load_tables()
    assert stored is not None, (
        "ajtui/format/grammar_tables.json is missing or was written for "
        "another grammar: run `python -m ajtui.format.grammar`"
    )
    fresh = grammar._restore(json.loads(grammar.serialize_tables()))
    assert grammar.canonical(stored) == grammar.canonical(fresh), (
        "the parse tables differ from the grammar's: run `python -m ajtui.format.grammar`"
    )
    assert grammar.canonical(stored)["unreached"] == 0


def test_the_tables_parse_as_the_grammar_does():
    from lark import Lark

    from ajtui.format import grammar, parser

    assert grammar.TABLES.is_file()
    assert grammar.load_tables() is not None
    built = Lark(
        grammar.grammar_text(),
        postlex=grammar.AjIndenter(),
        cache=False,
        transformer=parser.BUILDER,
        **grammar._options(),
    )
    shipped = grammar.parser(parser.BUILDER)
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "descriptions").glob("*.aj"))]
    texts += [
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests/fixtures/valid").glob("*.aj"))
    ]
    for text in texts:
        assert shipped.parse(text) == built.parse(text)


def test_a_grammar_edited_after_the_tables_still_parses(monkeypatch):
    from ajtui.format import grammar, parser

    edited = grammar.grammar_text() + "\n// an edit the tables do not know\n"
    monkeypatch.setattr(grammar, "grammar_text", lambda: edited)
    assert grammar.load_tables() is None
    text = SAMPLE.read_text(encoding="utf-8")
    # a builder of its own: a parser built now, from the edited grammar
    assert grammar.parser(parser.ModelBuilder()).parse(text) is not None


# --- commands given a FIFO or a link to /dev/zero ------------------------------------------

#: What the reader says of each kind of file that is not a regular one.
REFUSED = ("named pipe", "device")


def _plant(folder: Path, name: str, kind: str) -> Path:
    path = folder / name
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    return path


def _one_clear_line(done: subprocess.CompletedProcess, name: str) -> None:
    assert done.returncode != 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    said = [
        line
        for line in done.stderr.splitlines()
        if name in line and any(word in line for word in REFUSED)
    ]
    assert len(said) == 1, done.stderr


COMMANDS = {
    "check": ["check", "{x}"],
    "check --no-cache": ["check", "--no-cache", "{x}"],
    "fmt": ["fmt", "{x}"],
    "fmt --check": ["fmt", "--check", "{x}"],
    "show": ["show", "{x}"],
    "set": ["set", "ametinimetus=Koordinaator", "{x}"],
    "replace": ["replace", "Koordinaator", "Juht", "{x}"],
    "renumber": ["renumber", "{x}"],
    "query": ["query", "ametinimetus", "{x}"],
    "export": ["export", "{x}", "--to", "markdown"],
    "export json": ["export", "{x}", "--to", "json"],
    "diff (old side)": ["diff", "{x}", "{ok}"],
    "diff (new side)": ["diff", "{ok}", "{x}"],
    "import-json": ["import-json", "{x}"],
    "git-textconv": ["git-textconv", "{x}"],
}


@pytest.mark.parametrize("kind", ["fifo", "/dev/zero"])
@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_refuses_what_is_not_a_regular_file_at_once(tmp_path, command, kind):
    name = "x.json" if command == "import-json" else "x.aj"
    x = _plant(tmp_path, name, kind)
    ok = tmp_path / "ok.aj"
    ok.write_bytes(SAMPLE.read_bytes())
    argv = [a.format(x=x, ok=ok) for a in COMMANDS[command]]
    done = aj(*argv, cwd=tmp_path, env={"XDG_CACHE_HOME": str(tmp_path / "cache")}, timeout=30)
    _one_clear_line(done, name)


@pytest.mark.parametrize("kind", ["fifo", "/dev/zero"])
def test_import_refuses_a_source_that_is_not_a_regular_file(tmp_path, kind):
    x = _plant(tmp_path, "x.txt", kind)
    done = aj("import", str(x), "-o", str(tmp_path / "out"), timeout=30)
    _one_clear_line(done, "x.txt")
    assert not list((tmp_path / "out").glob("*.aj"))


@pytest.mark.parametrize("kind", ["fifo", "/dev/zero"])
def test_history_of_a_working_copy_that_is_not_a_regular_file(tmp_path, kind):
    repo = tmp_path / "repo"
    repo.mkdir()
    git = ["git", "-c", "user.name=T", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    (repo / "x.aj").write_bytes(SAMPLE.read_bytes())
    subprocess.run([*git, "add", "x.aj"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "one"], cwd=repo, check=True)
    (repo / "x.aj").unlink()
    _plant(repo, "x.aj", kind)
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    log = aj("log", "x.aj", cwd=repo, env=env, timeout=30)
    assert "Traceback" not in log.stderr and log.returncode in (0, 1, 2), log.stderr
    _one_clear_line(aj("diff", "x.aj", cwd=repo, env=env, timeout=30), "x.aj")


@pytest.mark.parametrize("kind", ["fifo", "/dev/zero"])
def test_a_folder_walk_skips_what_is_not_a_regular_file(tmp_path, kind):
    folder = tmp_path / "ws"
    folder.mkdir()
    (folder / "ok.aj").write_bytes(SAMPLE.read_bytes())
    _plant(folder, "x.aj", kind)
    done = aj("check", str(folder), env={"XDG_CACHE_HOME": str(tmp_path / "cache")}, timeout=30)
    assert done.returncode == 0, done.stderr
    assert "x.aj: warning: not a regular file, skipped" in done.stderr
    assert "1 file checked: 1 valid" in done.stderr


def test_a_cache_file_that_is_a_fifo_is_ignored(tmp_path):
    home = tmp_path / "cache"
    (home / "ajtui" / "history").mkdir(parents=True, mode=0o700)
    (home / "ajtui").chmod(0o700)
    os.mkfifo(home / "ajtui" / "check.json")
    doc = tmp_path / "ok.aj"
    doc.write_bytes(SAMPLE.read_bytes())
    done = aj("check", str(doc), env={"XDG_CACHE_HOME": str(home)}, timeout=30)
    assert done.returncode == 0, done.stderr
    assert "1 valid" in done.stderr


def test_a_settings_file_that_is_a_fifo_is_reported_not_waited_for(tmp_path):
    settings = tmp_path / "config.toml"
    os.mkfifo(settings)
    code = (
        "import sys; from pathlib import Path; from ajtui.store import config; "
        "print(config.load(Path(sys.argv[1])).problems)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(settings)], capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0, done.stderr
    assert "named pipe" in done.stdout


# --- the reader -------------------------------------------------------------------------


def test_the_size_is_checked_before_reading_and_the_read_is_bounded(tmp_path, monkeypatch):
    from ajtui.base import reading

    small = tmp_path / "small.aj"
    small.write_bytes(b"x" * 100)
    assert reading.read_bytes(small, 100) == b"x" * 100
    with pytest.raises(reading.ReadError, match="too large"):
        reading.read_bytes(small, 99)
    # a file that grows after fstat (or reports no size, as /proc does): still bounded
    real = os.fstat

    def shrunk(fd):
        st = real(fd)
        return os.stat_result((st.st_mode, *st[1:6], 0, *st[7:]))

    monkeypatch.setattr(reading.os, "fstat", shrunk)
    with pytest.raises(reading.ReadError, match="too large"):
        reading.read_bytes(small, 50)
    assert reading.read_bytes(small, 100) == b"x" * 100


def test_read_text_says_what_kind_of_file_it_refused(tmp_path):
    fifo = _plant(tmp_path, "p.aj", "fifo")
    zero = _plant(tmp_path, "z.aj", "/dev/zero")
    code = (
        "import sys\nfrom ajtui.base.errors import AjFileError\nfrom ajtui.base.reading import read_text\n"
        "for path in sys.argv[1:]:\n"
        "    try:\n        read_text(path)\n"
        "    except AjFileError as e:\n        print(e.one_line())\n"
    )
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            str(fifo),
            str(zero),
            str(tmp_path),
            str(tmp_path / "missing.aj"),
        ],
        capture_output=True,
        text=True,
        timeout=30,
    )  # in a process of its own: on a FIFO a read waits
    assert done.stdout.splitlines() == [
        f"{fifo}: error: is a named pipe (FIFO), not a regular file",
        f"{zero}: error: is a device, not a regular file",
        f"{tmp_path}: error: is a directory, not a description file",
        f"{tmp_path / 'missing.aj'}: error: no such file",
    ], done.stderr


# --- caches: only the user's own ----------------------------------------------------------


def _poison_check_cache(home: Path, doc: Path) -> Path:
    """A check cache that calls a broken file valid, as another user could plant it."""
    from ajtui.cli import check
    from ajtui.store.cache import FORMAT_SOURCES, content_key, fingerprint

    folder = home / "ajtui"
    folder.mkdir(parents=True, exist_ok=True)
    key = content_key(doc.read_bytes())
    path = folder / "check.json"
    stamp = fingerprint(*FORMAT_SOURCES, *check.CHECK_SOURCES)
    path.write_text(json.dumps({"fingerprint": stamp, "entries": {key: []}}))
    return path


BROKEN = "ametijuhend\n  asutus: X\n\nülesaned: K\n"


@pytest.mark.parametrize("who", ["group", "others"])
def test_a_cache_folder_others_can_write_is_not_read(tmp_path, who):
    home = tmp_path / "cache"
    doc = tmp_path / "broken.aj"
    doc.write_text(BROKEN, encoding="utf-8")
    _poison_check_cache(home, doc)
    (home / "ajtui").chmod(0o770 if who == "group" else 0o707)
    done = aj("check", str(doc), env={"XDG_CACHE_HOME": str(home)})
    assert done.returncode == 1 and "0 valid, 1 error" in done.stderr, done.stderr


def test_a_cache_file_others_can_write_is_not_read(tmp_path):
    home = tmp_path / "cache"
    doc = tmp_path / "broken.aj"
    doc.write_text(BROKEN, encoding="utf-8")
    _poison_check_cache(home, doc).chmod(0o666)
    (home / "ajtui").chmod(0o700)
    done = aj("check", str(doc), env={"XDG_CACHE_HOME": str(home)})
    assert done.returncode == 1 and "0 valid, 1 error" in done.stderr, done.stderr


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0,
    reason="only root can give a file to another user",
)
@pytest.mark.parametrize("what", ["folder", "file"])
def test_a_cache_owned_by_another_user_is_not_read(tmp_path, what):
    home = tmp_path / "cache"
    doc = tmp_path / "broken.aj"
    doc.write_text(BROKEN, encoding="utf-8")
    planted = _poison_check_cache(home, doc)
    (home / "ajtui").chmod(0o700)
    os.chown(planted.parent if what == "folder" else planted, 65534, 65534)
    done = aj("check", str(doc), env={"XDG_CACHE_HOME": str(home)})
    assert done.returncode == 1 and "0 valid, 1 error" in done.stderr, done.stderr


def test_caches_are_made_private(tmp_path):
    home = tmp_path / "cache"
    doc = tmp_path / "ok.aj"
    doc.write_bytes(SAMPLE.read_bytes())
    done = aj("check", str(doc), env={"XDG_CACHE_HOME": str(home)})
    assert done.returncode == 0, done.stderr
    assert (home / "ajtui" / "check.json").is_file()
    assert (home / "ajtui").stat().st_mode & 0o777 == 0o700


def test_the_history_cache_folder_is_private(tmp_path, monkeypatch):
    from ajtui.store.revisions import VersionRecord
    from ajtui.store.versioncache import VersionCache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    cache = VersionCache.open("/repo")
    cache.put("x.aj", "1" * 40, VersionRecord(True, None, None, None, None, None))
    cache.save()
    for folder in (tmp_path / "cache" / "ajtui", tmp_path / "cache" / "ajtui" / "history"):
        assert folder.stat().st_mode & 0o777 == 0o700


@pytest.mark.parametrize("how", ["not writable", "a file in the way"])
def test_no_cache_folder_is_no_error_and_nothing_goes_to_the_temp_folder(tmp_path, how):
    home = tmp_path / "cache"
    home.mkdir()
    if how == "not writable":
        (home / "ajtui").mkdir()
        argv = [sys.executable, "-c", _UNWRITABLE]
    else:
        (home / "ajtui").write_text("a file where the folder would be")
        argv = [sys.executable, "-m", "ajtui.cli"]
    temp = tmp_path / "tmp"
    temp.mkdir()
    doc = tmp_path / "ok.aj"
    doc.write_bytes(SAMPLE.read_bytes())
    env = {**os.environ, "XDG_CACHE_HOME": str(home), "TMPDIR": str(temp)}
    for command in (["check", str(doc)], ["show", str(doc)]):
        done = subprocess.run(
            [*argv, *command], capture_output=True, text=True, env=env, timeout=60
        )
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert list(temp.iterdir()) == []


# --- aj import: nothing that aj check would refuse ------------------------------------------


def test_import_refuses_a_text_source_larger_than_a_description(tmp_path):
    from ajtui.base.reading import MAX_FILE_BYTES

    seed = sorted((ROOT / "tests/fixtures/seeds").glob("*.txt"))[0].read_text(encoding="utf-8")
    big = tmp_path / "suur.txt"
    big.write_text(seed * (MAX_FILE_BYTES // len(seed.encode()) + 1), encoding="utf-8")
    out = tmp_path / "out"
    done = aj("import", str(big), "-o", str(out), timeout=120)
    assert done.returncode == 1, done.stderr
    assert [line for line in done.stderr.splitlines() if "suur.txt: error: too large" in line]
    assert not list(out.glob("*.aj"))


def test_import_refuses_a_description_larger_than_aj_check_accepts(tmp_path, monkeypatch, capsys):
    # a PDF or DOCX is judged by the text it gives: here a DOCX, with the limit lowered
    import docx

    import ajtui.importer
    from ajtui.cli import main

    d = docx.Document()
    seed = sorted((ROOT / "tests/fixtures/seeds").glob("*.txt"))[0].read_text(encoding="utf-8")
    for line in seed.splitlines():
        d.add_paragraph(line)
    source = tmp_path / "kiri.docx"
    d.save(source)
    out = tmp_path / "out"
    assert main(["import", str(source), "-o", str(out)]) in (0, 3)
    written = list(out.glob("*.aj"))
    assert written
    size = max(len(p.read_bytes()) for p in written)
    for p in written:
        p.unlink()
    monkeypatch.setattr(ajtui.importer, "MAX_FILE_BYTES", size - 1)
    capsys.readouterr()
    assert main(["import", str(source), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "kiri.docx: error: too large for a description" in err
    assert not list(out.glob("*.aj"))


def test_import_json_refuses_a_description_larger_than_aj_check_accepts(
    tmp_path, monkeypatch, capsys
):
    import ajtui.base.reading
    from ajtui.cli import main

    source = tmp_path / "x.json"
    assert main(["export", str(SAMPLE), "--to", "json", "-o", str(source)]) == 0
    out = tmp_path / "x.aj"
    assert main(["import-json", str(source), "-o", str(out)]) == 0
    size = len(out.read_bytes())
    out.unlink()
    monkeypatch.setattr(ajtui.base.reading, "MAX_FILE_BYTES", size - 1)
    capsys.readouterr()
    assert main(["import-json", str(source), "-o", str(out)]) == 1
    assert "x.json: error: cannot write as .aj: the description would be" in capsys.readouterr().err
    assert not out.exists()
