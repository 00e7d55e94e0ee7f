"""Safe writes (issue 16, items 2, 3, 7 and 8): one writer for CLI, API and app that locks,
compares with the disk under the lock, writes the target of a symlink, keeps hard links,
owner, group and mode, never copies setuid, cleans its temporary files after signals and
kill -9, and reports a file it cannot write on one line while the batch goes on."""

from __future__ import annotations

import errno
import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, run_aj

SAMPLE = (FIXTURES / "valid" / "sample.aj").read_text(encoding="utf-8")
# what `aj fmt` changes: two extra blank lines and an ASCII keyword
UNFORMATTED = SAMPLE.replace("\n4. õigused", "\n\n\n4. oigused")
# what `aj renumber` changes
UNNUMBERED = SAMPLE.replace("  3.2. Teine kohustus", "  3.7. Teine kohustus")
assert UNFORMATTED != SAMPLE and UNNUMBERED != SAMPLE

root_only = pytest.mark.skipif(os.geteuid() != 0, reason="needs root to chown")

# a process that imports ajtui once, then runs its `aj` commands in order; before each, the
# racers wait for one another (a barrier of files), so they run together, not a start-up
# or an import apart
WORKER = r"""
import json, os, sys, time
from ajtui.cli import main
barrier, me, n, jobs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), json.loads(sys.argv[4])
codes = []
for k, job in enumerate(jobs):
    open(f"{barrier}.{k}.{me}", "w").close()
    while not all(os.path.exists(f"{barrier}.{k}.{i}") for i in range(n)):
        time.sleep(0.0005)
    codes.append(main(job))
sys.exit(max(codes))
"""


def race(tmp_path: Path, jobs_per_process: list[list[list[str]]]) -> list[int]:
    barrier = tmp_path / "barrier"
    barrier.mkdir(exist_ok=True)
    for old in barrier.iterdir():
        old.unlink()
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
    n = len(jobs_per_process)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(barrier / "go"), str(me), str(n), json.dumps(jobs)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        for me, jobs in enumerate(jobs_per_process)
    ]
    codes = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert b"Traceback" not in err, err.decode()[-2000:]
        codes.append(p.returncode)
    return codes


# --- no edit lost ----------------------------------------------------------------------------


def test_parallel_sets_on_one_file_keep_every_value(tmp_path):
    target = tmp_path / "koordinaator.aj"
    target.write_text(SAMPLE, encoding="utf-8")
    processes, rounds = 8, 3
    jobs = [
        [["set", f"üldosa.märkus p{i}r{r}=väärtus {i}-{r}", str(target)] for r in range(rounds)]
        for i in range(processes)
    ]
    codes = race(tmp_path, jobs)
    assert codes == [0] * processes
    text = target.read_text(encoding="utf-8")
    missing = [
        f"p{i}r{r}"
        for i in range(processes)
        for r in range(rounds)
        if f"  märkus p{i}r{r}: väärtus {i}-{r}\n" not in text
    ]
    assert missing == []
    assert run_aj("check", str(target)).returncode == 0


def test_fmt_racing_set_loses_no_edit(tmp_path):
    files = [tmp_path / f"kirjeldus-{k}.aj" for k in range(16)]
    for f in files:
        f.write_text(UNFORMATTED, encoding="utf-8")
    # each file raced by one `aj fmt` and one `aj set`, started together
    jobs = [
        [["fmt", str(f)] for f in files],
        [["set", "üldosa.vahetu juht=Talituse juht", str(f)] for f in files],
    ]
    assert race(tmp_path, jobs) == [0, 0]
    lost = [
        f.name
        for f in files
        if "  vahetu juht: Talituse juht\n" not in f.read_text(encoding="utf-8")
    ]
    unformatted = [f.name for f in files if "4. õigused" not in f.read_text(encoding="utf-8")]
    assert lost == [] and unformatted == []


# --- symlinks and hard links -----------------------------------------------------------------


def _edit_file(path: Path) -> None:
    from ajtui import edit_file

    with edit_file(path) as ed:
        ed.set("üldosa.vahetu juht", "Talituse juht")


def _dump(path: Path) -> None:
    import ajtui

    doc = ajtui.load(path)
    doc.general.unit = "Talituse juht"
    ajtui.dump(doc, path)


WRITERS = {
    "set": (
        SAMPLE,
        lambda p: run_aj("set", "üldosa.vahetu juht=Talituse juht", str(p)),
        "vahetu juht: Talituse juht",
    ),
    "replace": (
        SAMPLE,
        lambda p: run_aj("replace", "Piirkonna juht", "Talituse juht", str(p)),
        "vahetu juht: Talituse juht",
    ),
    "renumber": (UNNUMBERED, lambda p: run_aj("renumber", str(p)), "3.2. Teine kohustus"),
    "fmt": (UNFORMATTED, lambda p: run_aj("fmt", str(p)), "4. õigused"),
    "dump": (SAMPLE, _dump, "Talituse juht"),
    "edit_file": (SAMPLE, _edit_file, "vahetu juht: Talituse juht"),
}


def _write(how: str, path: Path) -> None:
    result = WRITERS[how][1](path)
    if isinstance(result, subprocess.CompletedProcess):
        assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("how", sorted(WRITERS))
def test_a_symlink_stays_a_link_and_its_target_is_written(tmp_path, how):
    before, _, expect = WRITERS[how]
    (tmp_path / "real").mkdir()
    real = tmp_path / "real" / "koordinaator.aj"
    real.write_text(before, encoding="utf-8")
    link = tmp_path / "link.aj"
    link.symlink_to(Path("real") / "koordinaator.aj")
    _write(how, link)
    assert link.is_symlink() and os.readlink(link) == str(Path("real") / "koordinaator.aj")
    assert expect in real.read_text(encoding="utf-8")
    assert not [p for p in tmp_path.rglob(".*") if p.name.endswith(".tmp")]


@pytest.mark.parametrize("how", ["set", "fmt", "edit_file", "dump"])
def test_a_hard_linked_file_is_written_in_place_for_every_name(tmp_path, how):
    before, _, expect = WRITERS[how]
    a = tmp_path / "a.aj"
    a.write_text(before, encoding="utf-8")
    b = tmp_path / "other" / "b.aj"
    b.parent.mkdir()
    os.link(a, b)
    inode = a.stat().st_ino
    _write(how, a)
    assert a.stat().st_ino == b.stat().st_ino == inode and a.stat().st_nlink == 2
    assert expect in b.read_text(encoding="utf-8")
    assert a.read_bytes() == b.read_bytes()


# --- owner, group, mode ----------------------------------------------------------------------


@root_only
@pytest.mark.parametrize("how", ["set", "fmt", "dump", "edit_file"])
def test_owner_group_and_mode_are_kept(tmp_path, how):
    before, _, expect = WRITERS[how]
    target = tmp_path / "koordinaator.aj"
    target.write_text(before, encoding="utf-8")
    os.chown(target, 12345, 23456)
    os.chmod(target, 0o640)
    _write(how, target)
    st = target.stat()
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (12345, 23456, 0o640)
    assert expect in target.read_text(encoding="utf-8")


@root_only
@pytest.mark.parametrize("owner", [0, 12345])
def test_setuid_and_setgid_are_never_put_on_the_new_file(tmp_path, owner):
    target = tmp_path / "koordinaator.aj"
    target.write_text(SAMPLE, encoding="utf-8")
    os.chown(target, owner, owner)
    os.chmod(target, 0o6755)
    _write("set", target)
    st = target.stat()
    assert stat.S_IMODE(st.st_mode) == 0o755 and st.st_uid == owner
    assert "vahetu juht: Talituse juht" in target.read_text(encoding="utf-8")


# --- temporary files -------------------------------------------------------------------------

# `aj set` whose rename never comes: it says so, then waits to be killed
STUCK = r"""
import os, sys, time
from pathlib import Path
real_replace = os.replace
def stuck(src, dst, *a, **k):
    if str(src).endswith(".tmp") and Path(dst).name == "koordinaator.aj":
        Path(sys.argv[1]).touch()
        time.sleep(60)
    return real_replace(src, dst, *a, **k)
os.replace = stuck
from ajtui.cli import main
sys.exit(main(["set", "üldosa.vahetu juht=Talituse juht", sys.argv[2]]))
"""


def _stuck_writer(tmp_path: Path, target: Path) -> subprocess.Popen:
    ready = tmp_path / "ready"
    proc = subprocess.Popen(
        [sys.executable, "-c", STUCK, str(ready), str(target)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not ready.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.02)
    return proc


def _temps(folder: Path) -> list[str]:
    return sorted(
        p.name for p in folder.iterdir() if p.name.startswith(".") and p.name.endswith(".tmp")
    )


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_during_a_write_removes_the_temporary_file(tmp_path, signum):
    target = tmp_path / "koordinaator.aj"
    target.write_text(SAMPLE, encoding="utf-8")
    proc = _stuck_writer(tmp_path, target)
    assert _temps(tmp_path)
    proc.send_signal(signum)
    proc.communicate(timeout=60)
    assert proc.returncode != 0
    assert _temps(tmp_path) == []
    assert target.read_text(encoding="utf-8") == SAMPLE  # nothing half-written


def test_a_write_outside_the_main_thread_writes_and_leaves_the_handlers(tmp_path):
    # handlers can be set in the main thread only: a worker's write (the app's) sets none
    import threading

    from ajtui.base.writing import write_text

    signals = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    before = {s: signal.getsignal(s) for s in signals}
    seen: list = []

    def write() -> None:
        try:
            write_text(tmp_path / "a.aj", SAMPLE)
            seen.append({s: signal.getsignal(s) for s in signals})
        except BaseException as e:  # shown by the assertion below
            seen.append(e)

    worker = threading.Thread(target=write)
    worker.start()
    worker.join(timeout=60)
    assert seen == [before]
    assert (tmp_path / "a.aj").read_text(encoding="utf-8") == SAMPLE
    assert _temps(tmp_path) == []


def test_a_temporary_file_left_by_kill_9_is_removed_by_the_next_write(tmp_path):
    target = tmp_path / "koordinaator.aj"
    target.write_text(SAMPLE, encoding="utf-8")
    proc = _stuck_writer(tmp_path, target)
    proc.kill()
    proc.communicate(timeout=60)
    left = _temps(tmp_path)
    assert len(left) == 1 and str(proc.pid) in left[0]
    r = run_aj("set", "üldosa.vahetu juht=Talituse juht", str(target))
    assert r.returncode == 0, r.stderr
    assert _temps(tmp_path) == []
    assert "vahetu juht: Talituse juht" in target.read_text(encoding="utf-8")


def test_a_live_writers_temporary_file_is_left_alone(tmp_path):
    other = tmp_path / "koordinaator.aj"
    other.write_text(SAMPLE, encoding="utf-8")
    proc = _stuck_writer(tmp_path, other)
    try:
        left = _temps(tmp_path)
        mine = tmp_path / "teine.aj"
        mine.write_text(SAMPLE, encoding="utf-8")
        r = run_aj("set", "üldosa.vahetu juht=Talituse juht", str(mine))
        assert r.returncode == 0, r.stderr
        assert _temps(tmp_path) == left
    finally:
        proc.kill()
        proc.communicate(timeout=60)


# --- edit_file and the compare under the lock ------------------------------------------------


def test_edit_file_does_not_recreate_a_file_deleted_during_the_block(tmp_path):
    from ajtui.ops.edit import EditError, edit_file

    target = tmp_path / "koordinaator.aj"
    target.write_text(SAMPLE, encoding="utf-8")
    with pytest.raises(EditError, match="deleted"):
        with edit_file(target) as ed:
            ed.set("üldosa.vahetu juht", "Talituse juht")
            target.unlink()
    assert not target.exists()
    assert _temps(tmp_path) == []


def test_write_text_compares_under_the_lock(tmp_path):
    from ajtui.base.writing import ChangedOnDisk, write_text

    target = tmp_path / "koordinaator.aj"
    target.write_text(SAMPLE, encoding="utf-8")
    with pytest.raises(ChangedOnDisk, match="changed on disk"):
        write_text(target, "uus\n", expected=SAMPLE + "# teine\n")
    assert target.read_text(encoding="utf-8") == SAMPLE
    with pytest.raises(ChangedOnDisk):
        write_text(target, "uus\n", expected=None)  # None: the file must not exist yet
    write_text(target, UNFORMATTED, expected=SAMPLE)
    assert target.read_text(encoding="utf-8") == UNFORMATTED


# --- aj fmt: a file it cannot write ----------------------------------------------------------


def _batch(tmp_path: Path) -> list[Path]:
    files = [tmp_path / f"{name}.aj" for name in ("a", "b", "c")]
    for f in files:
        f.write_text(UNFORMATTED, encoding="utf-8")
    return files


def _fd_name(fd: int) -> str:
    try:
        return os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return ""


def _fmt_in_process(capsys, files):
    from ajtui.cli import main

    code = main(["fmt", *map(str, files)])
    out, err = capsys.readouterr()
    return code, out, err


def _assert_only_b_failed(code, out, err, files, reason):
    a, b, c = files
    assert code == 1
    assert err.splitlines() == [f"{b}: error: cannot write: {reason}"]
    assert out.splitlines() == [f"formatted {a}", f"formatted {c}"]
    assert a.read_text(encoding="utf-8") == SAMPLE == c.read_text(encoding="utf-8")
    assert b.read_text(encoding="utf-8") == UNFORMATTED
    assert _temps(b.parent) == []


def test_fmt_on_a_full_disk_reports_the_file_and_goes_on(tmp_path, capsys, monkeypatch):
    files = _batch(tmp_path)
    real_fsync = os.fsync

    def fsync(fd):
        if Path(_fd_name(fd)).name.startswith(".b.aj"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    _assert_only_b_failed(*_fmt_in_process(capsys, files), files, os.strerror(errno.ENOSPC))


def test_fmt_on_a_read_only_file_system_reports_the_file_and_goes_on(tmp_path, capsys, monkeypatch):
    files = _batch(tmp_path)
    real_open = os.open

    def open_(path, flags, *args, **kw):
        if flags & (os.O_WRONLY | os.O_RDWR) and Path(path).name.startswith((".b.aj", "b.aj")):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), path)
        return real_open(path, flags, *args, **kw)

    monkeypatch.setattr(os, "open", open_)
    _assert_only_b_failed(*_fmt_in_process(capsys, files), files, os.strerror(errno.EROFS))


@root_only
def test_fmt_on_a_read_only_file_reports_the_file_and_goes_on(tmp_path):
    files = _batch(tmp_path)
    b = files[1]
    # root writes through chmod 0444; an immutable file it cannot write or replace
    if subprocess.run(["chattr", "+i", str(b)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not available here")
    try:
        r = run_aj("fmt", *map(str, files))
    finally:
        subprocess.run(["chattr", "-i", str(b)], check=True)
    _assert_only_b_failed(r.returncode, r.stdout, r.stderr, files, "the file is read-only")


# --- aj export -o ----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["same", "symlink", "hardlink"])
def test_export_never_writes_over_its_input(tmp_path, kind):
    src = tmp_path / "koordinaator.aj"
    src.write_text(SAMPLE, encoding="utf-8")
    out = src
    if kind == "symlink":
        out = tmp_path / "link.md"
        out.symlink_to(src.name)
    elif kind == "hardlink":
        out = tmp_path / "hard.md"
        os.link(src, out)
    for extra in ([], ["--force"]):
        r = run_aj("export", str(src), "--to", "markdown", "-o", str(out), *extra)
        assert r.returncode == 1 and "input" in r.stderr and "Traceback" not in r.stderr
        assert src.read_text(encoding="utf-8") == SAMPLE


def test_export_over_an_existing_file_needs_force(tmp_path):
    src = tmp_path / "koordinaator.aj"
    src.write_text(SAMPLE, encoding="utf-8")
    out = tmp_path / "koordinaator.md"
    out.write_text("vana\n", encoding="utf-8")
    r = run_aj("export", str(src), "--to", "markdown", "-o", str(out))
    assert r.returncode == 1 and "--force" in r.stderr
    assert out.read_text(encoding="utf-8") == "vana\n"
    r = run_aj("export", str(src), "--to", "markdown", "-o", str(out), "--force")
    assert r.returncode == 0, r.stderr
    assert "Koordinaator" in out.read_text(encoding="utf-8")
    fresh = tmp_path / "uus.md"
    assert run_aj("export", str(src), "--to", "markdown", "-o", str(fresh)).returncode == 0
    assert fresh.exists()


# --- the app's editor ------------------------------------------------------------------------


async def test_the_editor_saves_through_a_symlink_keeping_link_owner_and_mode(tmp_path):
    from tests.helpers.tui import make_app, settle, workspace

    ws = workspace(tmp_path, {})
    (tmp_path / "real").mkdir()
    real = tmp_path / "real" / "koordinaator.aj"
    real.write_text(SAMPLE, encoding="utf-8")
    if os.geteuid() == 0:
        os.chown(real, 12345, 23456)
    os.chmod(real, 0o640)
    before = real.stat()
    link = ws / "koordinaator.aj"
    link.symlink_to(real)
    app = make_app(ws, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        editor = app.screen
        assert type(editor).__name__ == "EditorScreen"
        editor.query_one("#editor").insert("# muudetud\n")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not editor.modified
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8").startswith("# muudetud\n")
    after = real.stat()
    assert (after.st_uid, after.st_gid, stat.S_IMODE(after.st_mode)) == (
        before.st_uid,
        before.st_gid,
        0o640,
    )


def _as_nobody(folder: Path, *args: str) -> subprocess.CompletedProcess:
    import shutil

    if not shutil.which("setpriv"):
        pytest.skip("setpriv is not available here")
    env = {
        **os.environ,
        "HOME": str(folder),
        "XDG_CACHE_HOME": str(folder / "cache"),
        "COLUMNS": "100",
        "NO_COLOR": "1",
    }
    return subprocess.run(
        [
            "setpriv",
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            sys.executable,
            "-m",
            "ajtui.cli",
            *args,
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=folder,
        timeout=120,
    )


@root_only
def test_a_user_editing_a_colleagues_group_writable_file_keeps_its_owner():
    # nobody cannot give a new file uid 12345: the file is written in place instead
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="aj-shared-"))
    try:
        folder.chmod(0o777)  # a shared folder anyone may write (not sticky: renames work)
        target = folder / "koordinaator.aj"
        target.write_text(SAMPLE, encoding="utf-8")
        os.chown(target, 12345, 65534)
        target.chmod(0o664)
        inode = target.stat().st_ino
        r = _as_nobody(folder, "set", "üldosa.vahetu juht=Talituse juht", str(target))
        assert r.returncode == 0, r.stderr
        st = target.stat()
        assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (12345, 65534, 0o664)
        assert st.st_ino == inode
        assert "vahetu juht: Talituse juht" in target.read_text(encoding="utf-8")
        assert _temps(folder) == []
    finally:
        shutil.rmtree(folder)


def test_a_writer_waits_for_the_lock_and_gives_up_with_a_clear_error(tmp_path):
    import fcntl
    import threading

    from ajtui.base.writing import Locked, write_text

    target = tmp_path / "koordinaator.aj"
    target.write_text(SAMPLE, encoding="utf-8")
    with open(target) as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(Locked, match="locked by another program"):
            write_text(target, "uus\n", timeout=0.2)
        assert target.read_text(encoding="utf-8") == SAMPLE
        # released while the writer waits: it goes on
        threading.Timer(0.2, lambda: fcntl.flock(held, fcntl.LOCK_UN)).start()
        write_text(target, UNFORMATTED, expected=SAMPLE, timeout=10)
    assert target.read_text(encoding="utf-8") == UNFORMATTED


@root_only
def test_fmt_as_a_user_on_a_read_only_file_reports_it_and_goes_on():
    # a real user (nobody) and chmod 0444 in a folder anyone may write: the rename would
    # work, the file's mode says no
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="aj-readonly-"))
    try:
        folder.chmod(0o1777)
        files = _batch(folder)
        for f in files:
            os.chown(f, 65534, 65534)
        files[1].chmod(0o444)
        r = _as_nobody(folder, "fmt", *map(str, files))
        _assert_only_b_failed(r.returncode, r.stdout, r.stderr, files, "the file is read-only")
    finally:
        shutil.rmtree(folder)
