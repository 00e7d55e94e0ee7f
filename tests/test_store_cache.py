"""ajtui.store.cache: the one cache under `aj check`, the library's index, the history and
`aj show --at` — one file format, one fingerprint, one bounded map in memory."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys

import pytest

from ajtui.base import digests
from ajtui.base.bounded import BoundedDict
from ajtui.store import cache
from ajtui.store.cache import CacheFile, prune


def test_bounded_dict_drops_the_oldest_additions():
    d = BoundedDict(3)
    for k in range(5):
        d[k] = str(k)
    assert list(d) == [2, 3, 4] and d.weight == 3
    d[2] = "again"  # written again: the newest now
    d[5] = "5"
    assert list(d) == [4, 2, 5]
    assert d.get(9) is None and d.pop(4) == "4" and d.weight == 2
    d.clear()
    assert not d and d.weight == 0


def test_bounded_dict_by_weight_keeps_at_least_the_newest():
    d = BoundedDict(10, weigh=lambda key, value: len(value))
    d["a"], d["b"] = b"12345", b"123456"
    assert list(d) == ["b"] and d.weight == 6
    d["big"] = b"x" * 50  # larger than the limit alone: kept, the rest goes
    assert list(d) == ["big"] and d.weight == 50
    del d["big"]
    assert d.weight == 0


def _file(tmp_path, stamp="fp", **kw) -> CacheFile:
    return CacheFile(tmp_path / "c" / "x.json", stamp, **kw)


def test_entries_round_trip_and_another_fingerprint_reads_empty(tmp_path):
    a = _file(tmp_path)
    a.put("k", [1, "two"])
    a.save()
    assert _file(tmp_path).get("k") == [1, "two"]
    stored = json.loads((tmp_path / "c" / "x.json").read_text(encoding="utf-8"))
    assert stored == {"fingerprint": "fp", "entries": {"k": [1, "two"]}}
    other = _file(tmp_path, "another version")
    assert other.get("k") is None and other.entries == {}
    other.put("j", 1)
    other.save()  # a stale file is replaced, not merged
    assert _file(tmp_path, "another version").entries == {"j": 1}


def test_fingerprint_follows_the_code_named(monkeypatch):
    import ajtui

    before = cache.fingerprint(*cache.FORMAT_SOURCES)
    assert before == cache.fingerprint(*cache.FORMAT_SOURCES)
    assert cache.fingerprint(*cache.FORMAT_SOURCES, "cli/check.py") != before
    monkeypatch.setattr(ajtui, "__version__", "99.0")
    assert cache.fingerprint(*cache.FORMAT_SOURCES) != before


@pytest.mark.parametrize(
    "garbage",
    [b"", b"not json", b"[]", b'{"fingerprint": "fp"}', b'{"fingerprint": "fp", "entries": []}'],
)
def test_a_broken_file_reads_empty_and_is_rewritten(tmp_path, garbage):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "x.json").write_bytes(garbage)
    f = _file(tmp_path)
    assert f.entries == {} and f.dirty
    f.save()
    assert json.loads((tmp_path / "c" / "x.json").read_bytes())["fingerprint"] == "fp"


@pytest.mark.parametrize("mode", [0o620, 0o602])
def test_a_file_others_can_write_is_not_read(tmp_path, mode):
    f = _file(tmp_path)
    f.put("k", "planted")
    f.save()
    os.chmod(tmp_path / "c" / "x.json", mode)
    assert _file(tmp_path).get("k") is None


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0,
    reason="only root can give a file to another user",
)
def test_a_file_owned_by_another_user_is_not_read(tmp_path):
    f = _file(tmp_path)
    f.put("k", "planted")
    f.save()
    os.chown(tmp_path / "c" / "x.json", 65534, 65534)
    assert _file(tmp_path).get("k") is None


def test_save_merges_other_processes_and_keeps_the_used_last(tmp_path):
    a, b = _file(tmp_path, limit=3), _file(tmp_path, limit=3)
    assert a.entries == b.entries == {}  # both read before either wrote
    a.put("a", 1)
    b.put("b", 2)
    a.save()
    b.save()
    c = _file(tmp_path, limit=3)
    assert c.entries == {"a": 1, "b": 2}
    assert c.get("a") == 1  # used in this run: among the last to go
    c.put("c", 3)
    c.put("d", 4)
    c.save()
    assert list(_file(tmp_path).entries) == ["a", "c", "d"]


def test_only_used_keeps_what_this_run_touched(tmp_path):
    f = _file(tmp_path)
    for k in "xyz":
        f.put(k, k)
    f.save()
    g = _file(tmp_path)
    assert g.get("y") == "y"
    g.save()  # nothing put: nothing written
    assert len(_file(tmp_path).entries) == 3
    g.save(only_used=True)
    assert _file(tmp_path).entries == {"y": "y"}


def test_no_folder_is_no_cache_and_no_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    f = CacheFile.open("x.json", cache.FORMAT_SOURCES)
    assert f.path is None and f.get("k") is None
    f.put("k", 1)
    f.save()


def test_open_makes_a_private_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home"))
    f = CacheFile.open("x.json", cache.FORMAT_SOURCES, folder=("sub",))
    f.put("k", 1)
    f.save()
    folder = tmp_path / "home" / "ajtui" / "sub"
    assert (folder / "x.json").is_file() and folder.stat().st_mode & 0o777 == 0o700


def test_prune_removes_the_least_recently_written(tmp_path):
    for n in range(5):
        p = tmp_path / f"{n}.json"
        p.write_text("x" * 10)
        os.utime(p, ns=(n * 10**9, n * 10**9))
    (tmp_path / "other.txt").write_text("y" * 100)
    prune(str(tmp_path), ".json", max_files=3, keep=[str(tmp_path / "0.json")])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["0.json", "3.json", "4.json", "other.txt"]
    prune(str(tmp_path), ".json", max_bytes=15)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["4.json", "other.txt"]


def test_plain_results_behave_as_dataclasses():
    """history's results are made by revisions._plain, not dataclasses (start-up time):
    the same __init__, __repr__ and __eq__ as @dataclass would make."""
    import dataclasses
    import datetime as dt

    from ajtui.store import revisions as r

    for cls in (r.Commit, r.Revision, r.DirectiveEntry, r.BlameLine, r.Directive):
        names = list(cls.__annotations__)
        twin = dataclasses.make_dataclass(cls.__name__, names)
        args = {n: f"v{k}" for k, n in enumerate(names)}
        mine, theirs = cls(**args), twin(**args)
        assert repr(mine).split("(", 1)[1] == repr(theirs).split("(", 1)[1]
        assert mine == cls(**args) and mine != cls(**{**args, names[0]: "other"})
        with pytest.raises(TypeError):
            hash(mine)
    a = r.Commit("s", "s", dt.datetime(2024, 1, 1), "A", "m", "p", None, None, None)
    b = r.Commit("s", "s", dt.datetime(2024, 1, 1), "A", "m", "p", None, None, None)
    assert a.parents == [] and a.parents is not b.parents and a.status == "M"


@pytest.mark.parametrize("data", [b"", b"ametijuhend\n", bytes(range(256)) * 300])
def test_digests_are_hashlibs_without_importing_it(data):
    # CPython's own _sha1 and _blake2 give the digests hashlib's (OpenSSL's) give
    assert digests.blob_id(data) == hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
    for size in (12, 16, 64):
        want = hashlib.blake2b(data, digest_size=size).hexdigest()
        assert digests.blake2b(data, digest_size=size).hexdigest() == want
        h = digests.blake2b(digest_size=size)
        h.update(data[:7])
        h.update(data[7:])
        assert h.hexdigest() == want


def test_digests_fall_back_to_hashlib_without_the_builtin_sha1():
    # (hashlib takes BLAKE2 from _blake2 itself: without it there is none to fall back on)
    code = (
        "import sys; sys.modules['_sha1'] = None\n"
        "from ajtui.base import digests\n"
        "assert 'hashlib' in sys.modules\n"
        "print(digests.blob_id(b'x'), digests.blake2b(b'x', digest_size=16).hexdigest())\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [
        digests.blob_id(b"x"),
        hashlib.blake2b(b"x", digest_size=16).hexdigest(),
    ]


# --- write_cache: the cache's files are written whole, without a lock or fsync ----------------


def test_write_cache_replaces_whole_and_leaves_no_temporary_file(tmp_path):
    from ajtui.base.writing import write_cache

    path = tmp_path / "kept.txt"
    write_cache(str(path), "yks")
    write_cache(str(path), "kaks ülesannet")
    assert path.read_text(encoding="utf-8") == "kaks ülesannet"
    assert (path.stat().st_mode & 0o777) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.txt"]


def test_write_cache_replaces_a_link_and_leaves_its_target_alone(tmp_path):
    from ajtui.base.writing import write_cache

    target = tmp_path / "elsewhere.txt"
    target.write_text("not ours", encoding="utf-8")
    link = tmp_path / "check.json"
    link.symlink_to(target)
    write_cache(str(link), "{}")
    assert not link.is_symlink() and link.read_text(encoding="utf-8") == "{}"
    assert target.read_text(encoding="utf-8") == "not ours"


def test_write_cache_that_fails_leaves_nothing_behind(tmp_path):
    from ajtui.base.writing import write_cache

    with pytest.raises(UnicodeEncodeError):
        write_cache(str(tmp_path / "x.txt"), "lone \udc80 surrogate")
    with pytest.raises(OSError):
        write_cache(str(tmp_path / "missing" / "x.txt"), "text")
    assert list(tmp_path.iterdir()) == []


def test_a_temporary_file_of_a_killed_cache_writer_is_removed(tmp_path):
    from ajtui.base.writing import remove_stale_temps

    dead = tmp_path / ".abc.txt.aj-999999-0a1b2c3d.tmp"  # no such pid
    dead.write_text("half", encoding="utf-8")
    os.utime(dead, (0, 0))
    assert remove_stale_temps(str(tmp_path), "") == [dead.name]
