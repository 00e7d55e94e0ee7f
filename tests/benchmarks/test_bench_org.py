"""What the reference rules cost `aj check` on a folder: whole processes on the generated
organisation of 1,000 descriptions (tests/helpers/org.py), with the rules against the same
run with `--no-references`: nothing changed since the last run, one file changed (the pass
runs in full on the general parts cached beside the diagnostics), empty cache; and `aj org
--format json` on it."""

from __future__ import annotations

import shutil

import pytest

from tests.benchmarks.harness import bin_path, measure, process, record
from tests.helpers.org import write_org


@pytest.fixture(scope="module")
def org_1k(bench_dir):
    folder = bench_dir / "org1k"
    write_org(folder, faults=True)
    return folder


def test_check_references_1000(org_1k, bench_dir, env):
    aj = bin_path("aj")
    cold_home = bench_dir / "org-cold-cache"
    cold_env = {**env, "XDG_CACHE_HOME": str(cold_home)}

    def cold(*extra):
        run = process([aj, "check", "-j", "1", *extra, str(org_1k)], env=cold_env)

        def go():
            shutil.rmtree(cold_home, ignore_errors=True)
            return run()

        return go

    warm = {
        "refs": process([aj, "check", str(org_1k)], env=env),
        "norefs": process([aj, "check", "--no-references", str(org_1k)], env=env),
        "org": process([aj, "org", "--format", "json", str(org_1k)], env=env),
    }
    t = measure(warm, rounds=9)
    record(
        "org",
        "aj check, 1,000 related descriptions, second run",
        t["refs"],
        "the same with --no-references",
        t["norefs"],
        target=1.3,
        note="nothing changed: the workspace's findings come from references.json; "
        "3 warnings (AJ201, AJ203, AJ204)",
    )
    record(
        "org",
        "aj org --format json, 1,000 descriptions, cached",
        t["org"],
        "aj check --no-references on them",
        t["norefs"],
    )
    # one description changed before each run: its parse, and the whole reference pass
    # (the workspace's findings are cached only for the same files and contents)
    target = org_1k / "t050-5-jurist.aj"
    text = target.read_text(encoding="utf-8")
    counter = iter(range(1_000_000))

    def edited(*extra):
        run = process([aj, "check", *extra, str(org_1k)], env=env)

        def go():
            target.write_text(f"# edit {next(counter)}\n{text}", encoding="utf-8")
            return run()

        return go

    e = measure({"refs": edited(), "norefs": edited("--no-references")}, rounds=9)
    record(
        "org",
        "aj check, 1,000 related descriptions, one changed",
        e["refs"],
        "the same with --no-references",
        e["norefs"],
        target=1.3,
        note="every other file cached; the reference pass runs in full",
    )
    c = measure({"refs": cold(), "norefs": cold("--no-references")}, rounds=3)
    record(
        "org",
        "aj check, 1,000 related descriptions, first run",
        c["refs"],
        "the same with --no-references",
        c["norefs"],
        target=1.3,
        note="-j 1, empty cache: parse, validate, facts for the references, write the cache",
    )
