"""The pre-commit check: `aj git-pre-commit`, which the hook that `aj git-setup --hooks`
installs runs before each commit. It checks what is staged, not the working tree: each
added or changed `.aj` file must pass `aj check` without errors and be in canonical form
(`aj fmt`). The pre-commit framework's hooks (`.pre-commit-hooks.yaml`: aj-check, aj-fmt)
run `aj check` and `aj fmt` themselves."""

from __future__ import annotations

import os
from pathlib import Path

ORDER = 81

#: The first lines of the hook this command installs; a hook without them is someone else's.
MARK = "# ajtui pre-commit hook"


def add(sub) -> None:
    p = sub.add_parser(
        "git-pre-commit",
        description="git's pre-commit check for .aj files (installed by `aj git-setup "
        "--hooks`): every staged .aj file must pass `aj check` without errors and be in "
        "canonical form (`aj fmt`). Exit 1 stops the commit.",
    )
    p.add_argument(
        "path",
        metavar="PATH",
        nargs="?",
        default=".",
        help="a folder inside the repository (default: the current one)",
    )
    p.set_defaults(func=run)


def hook_script(command: str) -> str:
    """The hook file's text; `command` runs aj (already quoted for the shell)."""
    return (
        "#!/bin/sh\n"
        f"{MARK} (installed by `aj git-setup --hooks`; delete this file to stop it).\n"
        "# Checks the staged .aj files: aj check's errors and the canonical form (aj fmt).\n"
        "# `git commit --no-verify` skips it once.\n"
        f"exec {command} git-pre-commit\n"
    )


def install_hook(hooks_dir: Path, command: str) -> str:
    """Write the pre-commit hook into `hooks_dir`: "installed", "updated" or "unchanged".
    Someone else's hook is left alone (ValueError saying what to add to it)."""
    from ajtui.base.writing import update

    target = hooks_dir / "pre-commit"
    script = hook_script(command)

    def replace(text: str | None) -> str | None:
        if text is not None and MARK not in text:
            raise ValueError(
                f"{target} exists and is not ajtui's; left as it is. Add this line to it: "
                f"{command} git-pre-commit || exit 1"
            )
        return None if text == script else script

    existed = target.exists()
    hooks_dir.mkdir(parents=True, exist_ok=True)
    wrote = update(target, replace, create=True)
    os.chmod(target, 0o755)
    if not wrote:
        return "unchanged"
    return "updated" if existed else "installed"


def run(args) -> int:
    from ajtui.base.errors import AjError, AjSyntaxError, decode
    from ajtui.cli.check import check_bytes, render
    from ajtui.cli.common import err
    from ajtui.format.parser import loads
    from ajtui.format.writer import dumps
    from ajtui.store.gitproc import HistoryError
    from ajtui.store.hooks import staged_descriptions

    try:
        staged = staged_descriptions(args.path)
    except HistoryError as e:
        err(f"aj git-pre-commit: {e}")
        return 2
    errors = unformatted = 0
    for f in staged:
        if f.data is None:
            err(f"{f.path}: AJ001 error: {f.problem}")
            errors += 1
            continue
        diags = check_bytes(f.path, f.data)
        for d in diags:
            if d.is_error:
                err(render(d))
        if any(d.is_error for d in diags):
            errors += 1
            continue
        try:
            text = decode(f.data, f.path)
            canonical = dumps(loads(text, path=f.path)) == text
        except (AjSyntaxError, AjError):
            canonical = True  # reported above
        if not canonical:
            err(f"{f.path}: not in canonical form (run: aj fmt {f.path} && git add {f.path})")
            unformatted += 1
    if errors or unformatted:
        parts = []
        if errors:
            parts.append(f"{errors} with errors")
        if unformatted:
            parts.append(f"{unformatted} not formatted")
        err(
            f"aj pre-commit: {len(staged)} staged .aj file{'s' if len(staged) != 1 else ''}: "
            + ", ".join(parts)
            + "; nothing committed (git commit --no-verify skips the check)"
        )
        return 1
    return 0
