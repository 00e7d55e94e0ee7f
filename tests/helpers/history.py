"""Scripted git repositories for the history and diff tests: fixed dates, fixed author."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.helpers import FIXTURES as _ALL_FIXTURES

FIXTURES = _ALL_FIXTURES / "history"


class Repo:
    """A throwaway repository in a folder; every commit gets the next fixed date."""

    def __init__(self, root: Path, *, init: bool = True) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.day = 0
        if init:
            self.git("init", "-q", "-b", "main")

    def env(self) -> dict:
        date = f"2024-01-{1 + self.day % 28:02d}T{10 + self.day // 28 % 12:02d}:00:00+02:00"
        return {
            **os.environ,
            "GIT_AUTHOR_DATE": date,
            "GIT_COMMITTER_DATE": date,
            "GIT_CONFIG_NOSYSTEM": "1",
            "HOME": str(self.root.parent),
        }

    def git(self, *args: str, author: str = "Mari Maasikas") -> str:
        cmd = [
            "git",
            "-c",
            f"user.name={author}",
            "-c",
            "user.email=mari@example.ee",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
            *args,
        ]
        done = subprocess.run(cmd, cwd=self.root, env=self.env(), capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(f"git {' '.join(args)}: {done.stderr}")
        return done.stdout

    def write(self, path: str, text: str) -> Path:
        p = self.root / path
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
        return p

    def commit(self, message: str, *paths: str, author: str = "Mari Maasikas") -> str:
        self.day += 1
        self.git("add", "-A", *(paths or ["."]))
        self.git("commit", "-q", "--allow-empty", "-m", message, author=author)
        return self.git("rev-parse", "HEAD").strip()


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def with_approval(text: str, number: str, date: str) -> str:
    """The text with another directive number and date in its approval section."""
    import re

    text = re.sub(r"(?m)^  number: .*$", f"  number: {number}", text, count=1)
    return re.sub(r"(?m)^  kuupäev: .*$", f"  kuupäev: {date}", text, count=1)


def scenario(root: Path) -> Repo:
    """The issue's acceptance history: directive 95, edits under directive 12 (a duty
    inserted at 3.5 of 13, one word in 3.2, one result removed from 3.1, the department
    renamed), then the file renamed."""
    r = Repo(root)
    v95 = fixture("koordinaator-95.aj")
    r.write("ametijuhendid/koordinaator.aj", v95)
    r.commit("Koordinaatori ametijuhend (käskkiri nr 95)")
    v12 = fixture("koordinaator-12.aj")
    r.write("ametijuhendid/koordinaator.aj", v12)
    r.commit("Käskkiri nr 12: uus ülesanne 3.5, struktuuriüksuse nimi", author="Jaan Tamm")
    r.git("mv", "ametijuhendid/koordinaator.aj", "ametijuhendid/kriisiabi-koordinaator.aj")
    r.commit("Faili nimi ametinimetuse järgi", author="Jaan Tamm")
    return r


@pytest.fixture(autouse=True)
def cache_home(tmp_path, monkeypatch):
    """A cache folder of the test's own and a fixed terminal width (imported by a test
    module, it applies to every test there)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-home"))
    monkeypatch.setenv("COLUMNS", "120")


def run_aj(capsys, monkeypatch, root, *args) -> tuple[int, str, str]:
    """`aj ARGS` in process, in the folder `root`: (exit code, stdout, stderr)."""
    from ajtui.cli import main

    monkeypatch.chdir(root)
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err
