"""What the reference rules cost `aj check` on a folder: whole processes on the generated
organisation of 1,000 descriptions (tests/helpers/org.py), with the rules against the same
run with `--no-references`, first (cold cache) and second (warm) run; and `aj org --format
json` on it."""

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
        note="cached: the general parts come from the cache entry beside the diagnostics; "
        "3 warnings (AJ201, AJ203, AJ204)",
    )
    record(
        "org",
        "aj org --format json, 1,000 descriptions, cached",
        t["org"],
        "aj check --no-references on them",
        t["norefs"],
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
