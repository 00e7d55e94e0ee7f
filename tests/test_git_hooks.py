"""pre-commit: the framework's hooks (`.pre-commit-hooks.yaml`) and the plain hook that
`aj git-setup --hooks` installs, run as git and the framework run them."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.history import Repo

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
GOOD = (ROOT / "descriptions" / "koordinaator-klat.aj").read_text(encoding="utf-8")
#: a syntax error on line 9
BAD = GOOD.replace("1. üldosa: Üldosa", "1. yldosa: Üldosa")
#: valid, but not as `aj fmt` writes it (a blank line inside the approval block)
UNFORMATTED = GOOD.replace("  asutus:", "\n  asutus:", 1)


def _env() -> dict:
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}


def test_the_variants_are_what_the_tests_say(tmp_path):
    def run(*args: str) -> int:
        return subprocess.run([str(BIN / "aj"), *args], capture_output=True).returncode

    assert BAD != GOOD and UNFORMATTED != GOOD
    for name, text in {"good": GOOD, "bad": BAD, "unformatted": UNFORMATTED}.items():
        path = tmp_path / f"{name}.aj"
        path.write_text(text, encoding="utf-8")
        assert run("check", "-q", "--no-cache", str(path)) == (1 if name == "bad" else 0)
        if name != "bad":
            assert run("fmt", "--check", str(path)) == (1 if name == "unformatted" else 0)


# --- the pre-commit framework's manifest ------------------------------------------------------


def _manifest() -> list[dict]:
    clientlib = pytest.importorskip("pre_commit.clientlib")
    return clientlib.load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))


def test_manifest_is_valid_for_the_framework_with_the_two_hooks():
    hooks = _manifest()  # the framework's own schema check: raises on a bad manifest
    assert [h["id"] for h in hooks] == ["aj-check", "aj-fmt"]
    for h in hooks:
        assert h["language"] == "python"  # the framework installs this package: `aj` exists
        command = shlex.split(h["entry"])
        assert command[0] == "aj"
        assert command[1] in {"check", "fmt"}
        files = re.compile(h["files"])
        assert files.search("ametijuhendid/koordinaator.aj")
        assert not files.search("README.md") and not files.search("x.aj.bak")


def _framework_run(hook_id: str, *files: Path) -> subprocess.CompletedProcess:
    """What the framework does: the entry, split as a shell would, then the file names."""
    hook = next(h for h in _manifest() if h["id"] == hook_id)
    command = [*shlex.split(hook["entry"]), *hook["args"], *map(str, files)]
    return subprocess.run(command, env=_env(), capture_output=True, text=True)


def test_framework_aj_check_passes_good_files_and_stops_on_errors(tmp_path):
    good, bad = tmp_path / "good.aj", tmp_path / "bad.aj"
    good.write_text(GOOD, encoding="utf-8")
    bad.write_text(BAD, encoding="utf-8")
    assert _framework_run("aj-check", good).returncode == 0
    done = _framework_run("aj-check", good, bad)
    assert done.returncode == 1
    assert f"{bad}:9:4: AJ001 error" in done.stderr
    assert str(good) not in done.stderr


def test_framework_aj_fmt_rewrites_what_is_not_canonical(tmp_path):
    # the framework fails a hook that changed a file; a canonical file is left untouched
    good, loose = tmp_path / "good.aj", tmp_path / "loose.aj"
    good.write_text(GOOD, encoding="utf-8")
    loose.write_text(UNFORMATTED, encoding="utf-8")
    before = good.stat().st_mtime_ns
    assert _framework_run("aj-fmt", good, loose).returncode == 0
    assert good.stat().st_mtime_ns == before
    assert loose.read_text(encoding="utf-8") == GOOD


# --- the plain hook: aj git-setup --hooks -----------------------------------------------------


def _setup(repo: Repo, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "aj"), "git-setup", "--hooks", *extra, str(repo.root)],
        env={**repo.env(), **_env()},
        capture_output=True,
        text=True,
    )


def _commit(repo: Repo, *args: str) -> subprocess.CompletedProcess:
    """A real `git commit` (the hook runs), the way a person types it."""
    cmd = ["git", "-c", "user.name=Mari", "-c", "user.email=mari@example.ee", "commit", "-q"]
    return subprocess.run(
        [*cmd, "-m", "muudatus", *args],
        cwd=repo.root,
        env={**repo.env(), **_env()},
        capture_output=True,
        text=True,
    )


@pytest.fixture
def repo(tmp_path) -> Repo:
    r = Repo(tmp_path / "repo")
    r.write("readme.txt", "ametijuhendid\n")
    r.commit("algus")
    done = _setup(r)
    assert done.returncode == 0, done.stderr
    assert "pre-commit: installed" in done.stdout
    return r


def _head(repo: Repo) -> str:
    return repo.git("rev-parse", "HEAD").strip()


def test_hook_is_installed_executable_and_commits_good_files(repo):
    hook = repo.root / ".git" / "hooks" / "pre-commit"
    assert os.access(hook, os.X_OK)
    assert "git-pre-commit" in hook.read_text(encoding="utf-8")
    repo.write("juhendid/koordinaator õ.aj", GOOD)  # a space and a letter beyond ASCII
    repo.git("add", "-A")
    before = _head(repo)
    done = _commit(repo)
    assert done.returncode == 0, done.stderr
    assert _head(repo) != before


def test_hook_refuses_a_file_with_errors_and_names_the_place(repo):
    repo.write("bad.aj", BAD)
    repo.write("good.aj", GOOD)
    repo.git("add", "-A")
    before = _head(repo)
    done = _commit(repo)
    assert done.returncode != 0
    assert _head(repo) == before
    assert "bad.aj:9:4: AJ001 error: unexpected 'yldosa'" in done.stderr
    assert "good.aj" not in done.stderr.split("aj pre-commit:")[0]
    assert "2 staged .aj files: 1 with errors" in done.stderr
    # --no-verify is the documented way past it
    assert _commit(repo, "--no-verify").returncode == 0


def test_hook_refuses_an_unformatted_file_and_says_how_to_fix_it(repo):
    repo.write("loose.aj", UNFORMATTED)
    repo.git("add", "-A")
    done = _commit(repo)
    assert done.returncode != 0
    assert "loose.aj: not in canonical form (run: aj fmt loose.aj && git add loose.aj)" in (
        done.stderr
    )
    subprocess.run([str(BIN / "aj"), "fmt", "loose.aj"], cwd=repo.root, check=True)
    repo.git("add", "-A")
    assert _commit(repo).returncode == 0


def test_hook_checks_what_is_staged_not_the_working_tree(repo):
    # the staged version is broken; the working tree was mended but not added
    path = repo.write("a.aj", BAD)
    repo.git("add", "a.aj")
    path.write_text(GOOD, encoding="utf-8")
    assert _commit(repo).returncode != 0
    # and the other way round: a good staged version commits, whatever the working tree holds
    repo.git("add", "a.aj")
    path.write_text(BAD, encoding="utf-8")
    assert _commit(repo).returncode == 0
    assert repo.git("show", "HEAD:a.aj") == GOOD


def test_hook_ignores_deleted_files_and_other_files(repo):
    repo.write("a.aj", GOOD)
    repo.git("add", "-A")
    assert _commit(repo).returncode == 0
    repo.git("rm", "-q", "a.aj")
    repo.write("notes.txt", "1. yldosa\n")
    repo.git("add", "-A")
    done = _commit(repo)
    assert done.returncode == 0, done.stderr


def test_setup_again_leaves_the_hook_alone_and_someone_elses_hook_is_kept(tmp_path):
    r = Repo(tmp_path / "repo")
    r.write("readme.txt", "x\n")
    r.commit("algus")
    assert "pre-commit: installed" in _setup(r).stdout
    assert "pre-commit: unchanged" in _setup(r).stdout
    other = tmp_path / "other"
    o = Repo(other)
    hook = other / ".git" / "hooks" / "pre-commit"
    hook.parent.mkdir(parents=True, exist_ok=True)
    hook.write_text("#!/bin/sh\nrun-the-linter\n", encoding="utf-8")
    done = _setup(o)
    assert done.returncode == 2
    assert "exists and is not ajtui's; left as it is" in done.stderr
    assert "git-pre-commit || exit 1" in done.stderr
    assert hook.read_text(encoding="utf-8") == "#!/bin/sh\nrun-the-linter\n"


def test_hook_goes_where_core_hookspath_says(tmp_path):
    r = Repo(tmp_path / "repo")
    r.write("readme.txt", "x\n")
    r.commit("algus")
    r.git("config", "core.hooksPath", "githooks")
    done = _setup(r)
    assert done.returncode == 0, done.stderr
    assert (r.root / "githooks" / "pre-commit").is_file()
    assert not (r.root / ".git" / "hooks" / "pre-commit").exists()
    r.write("bad.aj", BAD)
    r.git("add", "-A")
    assert _commit(r).returncode != 0


def test_git_pre_commit_outside_a_repository_says_so(tmp_path):
    done = subprocess.run(
        [str(BIN / "aj"), "git-pre-commit", str(tmp_path)],
        capture_output=True,
        text=True,
        env={**_env(), "GIT_CEILING_DIRECTORIES": str(tmp_path.parent)},
    )
    assert done.returncode == 2
    assert done.stderr.startswith("aj git-pre-commit: ")
    assert "not a git repository" in done.stderr
