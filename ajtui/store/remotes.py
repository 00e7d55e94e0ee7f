"""The workspace's remote: how far the branch is ahead of and behind its upstream, and
fetch, pull and push as git does them — git's own messages kept as they are, credentials
left to git (its credential helpers and ssh keys; git is never allowed to ask on the
terminal, which the app is using)."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Tracking:
    """The current branch and its upstream, with the commits only one side has."""

    branch: str
    upstream: str
    ahead: int
    behind: int

    def label(self) -> str:
        """ "main ↑1 ↓2" (arrows only for what is not zero; "=" when in step)."""
        marks = [f"↑{self.ahead}" if self.ahead else "", f"↓{self.behind}" if self.behind else ""]
        shown = " ".join(m for m in marks if m) or "="
        return f"{self.branch} {shown}"


@dataclass(frozen=True)
class Outcome:
    """What git answered: whether it succeeded, and its words (stdout and stderr)."""

    ok: bool
    output: str


def _env(root: Path) -> dict:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0"}
    # ssh would ask for a passphrase or a host key on the terminal: refuse instead, unless
    # the user set their own ssh command
    if "GIT_SSH_COMMAND" not in env and not _config(root, "core.sshCommand"):
        env["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes"
    return env


def _git(root: Path, *args: str, env: dict | None = None, timeout: float = 300) -> Outcome:
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=root,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return Outcome(False, f"git {args[0]}: no answer in {timeout:.0f} s; stopped")
    except OSError as e:
        return Outcome(False, f"cannot run git: {e.strerror or e}")
    text = "\n".join(part.strip() for part in (done.stdout, done.stderr) if part.strip())
    return Outcome(done.returncode == 0, text)


def _config(root: Path, name: str) -> str:
    out = _git(root, "config", "--get", name, timeout=10)
    return out.output.strip() if out.ok else ""


def tracking(root: Path) -> Tracking | None:
    """The branch's distance from its upstream; None without a branch or an upstream."""
    branch = _git(root, "symbolic-ref", "--short", "-q", "HEAD", timeout=10)
    if not branch.ok or not branch.output:
        return None
    upstream = _git(
        root, "rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}", timeout=10
    )
    if not upstream.ok:
        return None
    counts = _git(root, "rev-list", "--left-right", "--count", "HEAD...@{upstream}", timeout=30)
    try:
        ahead, behind = (int(n) for n in counts.output.split())
    except ValueError:
        return None
    return Tracking(branch.output, upstream.output, ahead, behind)


def fetch(root: Path) -> Outcome:
    return _git(root, "fetch", env=_env(root))


def pull(root: Path) -> Outcome:
    """`git pull`, merging (so `.aj` files go through `aj merge` when `aj git-setup` set it
    up) unless the user chose rebase in their config."""
    args = ["pull", "--no-edit"]
    if not _config(root, "pull.rebase"):
        args.append("--no-rebase")
    return _git(root, *args, env=_env(root))


def push(root: Path) -> Outcome:
    return _git(root, "push", env=_env(root))
