"""Benchmark: listing a description's revisions against `git log --follow -p`.

Builds (with `git fast-import`, a few seconds) a repository where one description is
changed in 1,000 commits under 10 directives — renamed half-way, with a few versions that
do not parse — interleaved with 500 commits to 30 other descriptions. Then times, on that
file:

    ours   History.revisions(FILE): one `git log --follow --raw`; what each version says
           from the version cache (by blob id), and for versions not in it, their contents
           through one persistent `git cat-file --batch`, checked piece by piece
    git    git log --follow -p -- FILE (the patches of the same commits)

first with an empty cache (one run), then warm; and the same end to end as commands
(`aj log FILE` vs `git log --follow -p FILE`), printing the figures (best of --repeat
runs, the two sides taking turns) and the ratios. The cache is a private temporary folder
(XDG_CACHE_HOME), never the user's. The
repository is repacked after the import, as `git gc` leaves a real one. Not a timed test:
run it with

    .venv/bin/python -m tests.benchmarks.bench_history [--commits 1000] [--keep DIR]

or through pytest (`make bench`). Self-contained: needs git and the ajtui package only.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks.timing import best_of

HERE = Path(__file__).resolve().parent
BASE = HERE.parent / "fixtures" / "history" / "koordinaator-95.aj"
FILE_A = "ametijuhendid/koordinaator.aj"
FILE_B = "ametijuhendid/kriisiabi-koordinaator.aj"

VOCAB = [
    "ja",
    "ning",
    "õigeaegselt",
    "korrektselt",
    "nõuetekohaselt",
    "vajadusel",
    "piirkonnas",
    "koostöös",
    "süsteemselt",
    "ülesanded",
    "tulemused",
    "töötajate",
]


def _editable(lines: list[str]) -> list[int]:
    """Lines of running text (not headings, fields' keys or group names) a word can change
    in without changing the structure."""
    out = []
    for n, line in enumerate(lines):
        s = line.strip()
        if (
            line.startswith("    ")
            and s
            and not s.startswith("#")
            and not s.endswith(":")
            and re.search(r"[^\W\d_]{4,}", s)
        ):
            out.append(n)
    return out


def _with_approval(lines: list[str], number: int, day: int) -> None:
    for n, line in enumerate(lines):
        if line.startswith("  number: "):
            lines[n] = f"  number: {number}"
        elif line.startswith("  kuupäev: "):
            lines[n] = f"  kuupäev: {1 + day % 28:02d}.{1 + day // 28 % 12:02d}.2024"


def build(
    root: Path, commits: int = 1000, directives: int = 10, others: int = 30, seed: int = 7
) -> dict:
    """A repository in `root` (created); returns what was built."""
    rng = random.Random(seed)
    base = BASE.read_text(encoding="utf-8")
    lines = base.split("\n")
    editable = _editable(lines)
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    out: list[bytes] = []
    mark = 0
    ts = 1_700_000_000

    def blob(text: str) -> int:
        nonlocal mark
        mark += 1
        data = text.encode("utf-8")
        out.append(b"blob\nmark :%d\ndata %d\n" % (mark, len(data)) + data + b"\n")
        return mark

    prev_commit = None
    n_commits = 0

    def commit(message: str, ops: list[str]) -> None:
        nonlocal mark, prev_commit, ts, n_commits
        mark += 1
        ts += 3600
        msg = message.encode("utf-8")
        author = rng.choice(
            [
                "Mari Maasikas <mari@example.ee>",
                "Jaan Tamm <jaan@example.ee>",
                "Kati Karu <kati@example.ee>",
            ]
        )
        head = (
            f"commit refs/heads/main\nmark :{mark}\nauthor {author} {ts} +0200\n"
            f"committer {author} {ts} +0200\n"
        ).encode()
        body = head + b"data %d\n" % len(msg) + msg + b"\n"
        if prev_commit is not None:
            body += b"from :%d\n" % prev_commit
        body += "".join(op + "\n" for op in ops).encode("utf-8") + b"\n"
        out.append(body)
        prev_commit = mark
        n_commits += 1

    # the other descriptions, changed now and then
    other_texts = {}
    ops = []
    for k in range(others):
        t = base.replace("Koordinaator", f"Spetsialist {k}", 1)
        other_texts[k] = t
        ops.append(f"M 100644 :{blob(t)} ametijuhendid/muu-{k:02d}.aj")
    _with_approval(lines, 1, 0)
    ops.append(f"M 100644 :{blob(chr(10).join(lines))} {FILE_A}")
    commit("Algne versioon", ops)
    path = FILE_A
    per_directive = max(1, commits // directives)
    broken = set(rng.sample(range(2, commits), 5))
    for n in range(1, commits):
        if n % per_directive == 0:
            _with_approval(lines, 1 + n // per_directive, n)
        before = "\n".join(lines)
        while "\n".join(lines) == before:  # every commit changes a word
            k = rng.choice(editable)
            words = lines[k].split(" ")
            spots = [i for i, w in enumerate(words) if re.fullmatch(r"[^\W\d_]{4,}[,.;]?", w)]
            if spots:
                i = rng.choice(spots)
                tail = re.sub(r"[^\W\d_]+", "", words[i])
                words[i] = rng.choice(VOCAB) + tail
                lines[k] = " ".join(words)
        text = "\n".join(lines)
        if n in broken:  # a version that does not parse (bad indentation)
            text = text.replace("\n  3.4. ", "\n   3.4. ", 1)
        ops = []
        if n == commits // 2:
            ops.append(f"R {path} {FILE_B}")
            path = FILE_B
        ops.append(f"M 100644 :{blob(text)} {path}")
        commit(f"Muudatus {n}", ops)
        if n % 2 == 0:
            j = rng.randrange(others)
            other_texts[j] = other_texts[j].replace("ja", "ning", 1)
            commit(
                f"Teine ametijuhend {j}",
                [f"M 100644 :{blob(other_texts[j])} ametijuhendid/muu-{j:02d}.aj"],
            )
    stream = b"".join(out)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input=stream, check=True)
    subprocess.run(["git", "checkout", "-q", "main"], cwd=root, check=True)
    # fast-import's pack keeps the deltas of the import stream; a real repository's
    # objects are loose until `git gc` packs them with fresh deltas: measure that state
    # (both sides read the same pack)
    subprocess.run(["git", "repack", "-adfq"], cwd=root, check=True)
    return {
        "commits": n_commits,
        "file_commits": commits,
        "directives": directives,
        "file": FILE_B,
        "broken": len(broken),
        "bytes": len(stream),
    }


def measure(root: Path, repeat: int = 3) -> dict:
    with tempfile.TemporaryDirectory() as cache:
        old = os.environ.get("XDG_CACHE_HOME")
        os.environ["XDG_CACHE_HOME"] = cache
        try:
            return _measure(root, repeat)
        finally:
            if old is None:
                del os.environ["XDG_CACHE_HOME"]
            else:
                os.environ["XDG_CACHE_HOME"] = old


def _measure(root: Path, repeat: int) -> dict:
    from ajtui.store.history import History

    file = root / FILE_B
    result: dict = {}

    def ours():
        with History(root) as h:
            revs = h.revisions(file)
        result["revisions"] = len(revs)
        result["listed"] = sum(len(r.commits) for r in revs)
        result["errors"] = sum(1 for r in revs for c in r.commits if c.error)

    def git_log():
        done = subprocess.run(
            ["git", "log", "--follow", "-p", "--", FILE_B],
            cwd=root,
            capture_output=True,
            check=True,
        )
        result["git_bytes"] = len(done.stdout)

    script = Path(sys.executable).with_name("aj")  # the command a user runs, when installed
    aj = ([str(script)] if script.is_file() else [sys.executable, "-m", "ajtui.cli"]) + [
        "log",
        FILE_B,
    ]

    def aj_cli():
        subprocess.run(aj, cwd=root, capture_output=True, check=True)

    def git_cli():
        subprocess.run(
            ["git", "log", "--follow", "-p", FILE_B], cwd=root, capture_output=True, check=True
        )

    result["ours_first"], result["git_first"] = best_of([ours, git_log], 1)  # empty cache
    result["ours"], result["git"] = best_of([ours, git_log], repeat)
    result["aj_cli"], result["git_cli"] = best_of([aj_cli, git_cli], max(3, repeat // 2))
    return result


def report(built: dict, r: dict) -> str:
    return "\n".join(
        [
            f"history benchmark: {built['file_commits']} commits to one file (renamed once, "
            f"{built['broken']} versions that do not parse) under {built['directives']} "
            f"directives; {built['commits']} commits in all",
            f"  History.revisions(FILE), first  {r['ours_first'] * 1000:8.0f} ms   (empty cache; "
            f"git log -p {r['git_first'] * 1000:.0f} ms, ratio "
            f"{r['ours_first'] / r['git_first']:.2f})",
            f"  History.revisions(FILE)         {r['ours'] * 1000:8.0f} ms   "
            f"({r['revisions']} revisions, {r['listed']} commits listed, {r['errors']} marked; "
            "cache warm)",
            f"  git log --follow -p -- FILE     {r['git'] * 1000:8.0f} ms   "
            f"({r['git_bytes'] / 1e6:.1f} MB of patches)",
            f"  ratio ours / git                {r['ours'] / r['git']:8.2f}",
            f"  aj log FILE (whole command)     {r['aj_cli'] * 1000:8.0f} ms   (cache warm)",
            f"  git log --follow -p FILE        {r['git_cli'] * 1000:8.0f} ms",
            f"  ratio aj log / git log          {r['aj_cli'] / r['git_cli']:8.2f}",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--commits", type=int, default=1000)
    p.add_argument("--repeat", type=int, default=9)
    p.add_argument("--keep", metavar="DIR", help="build the repository here and keep it")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(args.keep) if args.keep else Path(tmp) / "repo"
        t = time.perf_counter()
        built = build(root, commits=args.commits)
        print(f"built in {time.perf_counter() - t:.1f} s: {root}")
        print(report(built, measure(root, args.repeat)))
    return 0


def test_history_benchmark(tmp_path):
    """Run by `make bench` (pytest); prints the figures, asserts only that it ran."""
    built = build(tmp_path / "repo")
    r = measure(tmp_path / "repo", repeat=9)
    print()
    print(report(built, r))
    assert r["listed"] == built["file_commits"] and r["errors"] == built["broken"]


if __name__ == "__main__":
    sys.exit(main())
