"""`aj log FILE`: a description's revisions, grouped by the directive (or contract annex)
that approved them; `aj log` alone lists every directive in the repository's history."""

from __future__ import annotations

import os
import sys

ORDER = 40


def add(sub) -> None:
    p = sub.add_parser(
        "log",
        help="revisions of a description, grouped by directive",
        description="The git history of a description (renames followed), grouped into "
        "revisions: consecutive commits under the same directive or contract "
        "annex. Uncommitted edits show as the draft (mustand) on top; a version "
        "that does not parse is marked with '!'. Without FILE: every directive "
        "in the repository's history and the descriptions it approved.",
    )
    p.add_argument("file", metavar="FILE", nargs="?")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument(
        "--in-force",
        metavar="DD.MM.YYYY",
        help="which revision of each description was in force on that day "
        "(from its directive's date, or its `jõustub:` date, until the next "
        "approved revision)",
    )
    p.set_defaults(func=run)


def run(args) -> int:
    from ajtui.store.history import History, HistoryError

    where = args.file if args.file else "."
    if args.in_force is not None:
        return _in_force(args, where)
    try:
        with History(where) as h:
            if args.file:
                revs = h.revisions(args.file)
                rel = h.relpath(args.file)
                shallow = h.is_shallow
                tags = h.tag_mismatches(revs)
                if args.format == "json":
                    out = [revision_json(r) for r in revs]
                    for i, problem in tags.items():
                        out[i]["tag_problem"] = problem
                    _dump({"file": rel, "root": str(h.root), "shallow": shallow, "revisions": out})
                else:
                    _print_revisions(rel, revs, shallow, tags)
            else:
                directives = h.directives()
                directive_tags = h.directive_tag_mismatches(directives)
                if args.format == "json":
                    out = [directive_json(d) for d in directives]
                    for (n, k), problem in directive_tags.items():
                        out[n]["descriptions"][k]["tag_problem"] = problem
                    _dump({"root": str(h.root), "directives": out})
                else:
                    _print_directives(directives, directive_tags)
    except HistoryError as e:
        from ajtui.cli.common import err

        err(f"aj log: {e}")
        return 2
    return 0


def _in_force(args, where: str) -> int:
    from ajtui.base.dates import parse_date
    from ajtui.base.safetext import safe
    from ajtui.cli import UsageError
    from ajtui.cli.common import err
    from ajtui.store.history import History, HistoryError

    day = parse_date(args.in_force.strip())
    if day is None:
        raise UsageError(f"--in-force: {safe(args.in_force)} is not a date (DD.MM.YYYY)")
    try:
        with History(where) as h:
            if args.file:
                pairs = [(h.relpath(args.file), h.in_force(args.file, day))]
            else:
                pairs = h.in_force_all(day)
            rows: list[dict] = []
            for path, rev in pairs:
                start = h.in_force_from(rev) if rev is not None else None
                c = rev.approving if rev is not None else None
                rows.append(
                    {
                        "path": path,
                        "revision": rev.label if rev else None,
                        "number": rev.number if rev else None,
                        "date": rev.date_text if rev else None,
                        "annex": rev.annex if rev else None,
                        "in_force_from": start.strftime("%d.%m.%Y") if start else None,
                        "commit": c.sha if c else None,
                    }
                )
    except HistoryError as e:
        err(f"aj log: {e}")
        return 2
    if args.format == "json":
        _dump({"in_force": day.strftime("%d.%m.%Y"), "descriptions": rows})
        return 0
    lines: list[Line] = [("bold", [(f"in force on {day:%d.%m.%Y}", "")])]
    for row in rows:
        if row["revision"] is None:
            lines.append(("dim", [(f"  {_name(row['path'])}  nothing in force yet", "")]))
            continue
        lines.append(
            (
                "",
                [
                    (f"  {_name(row['path'])}  ", ""),
                    (_one_line(row["revision"]), "bold"),
                    (f"  from {row['in_force_from']}  {row['commit'][:10]}", "dim"),
                ],
            )
        )
    _emit(lines)
    return 0


def _dump(data) -> None:
    from ajtui.cli.common import dump_json

    # one write: json.dump() writes every token on its own (thousands for a long log)
    dump_json(data, indent=2)


# --- JSON -----------------------------------------------------------------------------------


def commit_json(c) -> dict:
    return {
        "sha": c.sha,
        "short": c.short,
        "date": c.date.isoformat(),
        "author": c.author,
        "email": c.email,
        "message": c.message,
        "path": c.path,
        "status": c.status,
        "approval": c.approval_label,
        "annex": c.annex,
        "error": c.error,
        "merge": c.is_merge,
        "deleted": c.deleted,
        "unapproved": c.unapproved,
        "copied_from": c.copied_from,
    }


def revision_json(r) -> dict:
    return {
        "label": r.label,
        "draft": r.is_draft,
        "approved": r.approved,
        "kind": r.kind,
        "number": r.number,
        "date": r.date_text,
        "annex": r.annex,
        "title": r.title,
        "path": r.path,
        "deleted": r.deleted,
        "error": r.error,
        "draft_error": r.draft_error,
        "unreadable": r.unreadable,
        "changed_after": r.changed_after,
        "copied_from": r.copied_from,
        "approving_commit": r.approving.sha if r.approving else None,
        "authors": r.authors,
        "commits": [commit_json(c) for c in r.commits],
    }


def directive_json(d) -> dict:
    return {
        "number": d.number,
        "date": d.date_text,
        "label": d.label,
        "descriptions": [
            {
                "path": e.path,
                "annex": e.revision.annex,
                "title": e.revision.title,
                "revision": revision_json(e.revision),
                "previous": e.previous.label if e.previous else None,
                "previous_commit": (
                    e.previous.head.sha if e.previous and e.previous.head else None
                ),
            }
            for e in d.entries
        ],
    }


# --- text -------------------------------------------------------------------------------------
#
# The lines are described once, as (base style, [(text, style), …]) — what a Rich Text is
# made of — and written either with Rich (on a terminal: colours) or as plain text, which
# is byte for byte what Rich writes where stdout is not a terminal (Rich writes no styles
# there, and soft_wrap=True means no wrapping), without importing Rich (≈ 40 ms).

Line = tuple[str, list[tuple[str, str]]]


def _name(path: str | None) -> str:
    """A file's path exactly, on one line: spaces kept, line breaks and separators shown
    (`_one_line` joins words, which would show 'a  b.aj' or 'a\u2029b.aj' as 'a b.aj')."""
    from ajtui.base.safetext import safe_line

    return safe_line(path or "")


def _one_line(text: str | None) -> str:
    one = " ".join((text or "").split())
    if one.isprintable():  # no control characters (the common case: no regex)
        return one
    from ajtui.base.safetext import safe

    return safe(one)


def _day(d) -> str:
    """d.strftime('%Y-%m-%d'), three times as fast (1,000 commits)."""
    if d.year < 1000:
        return d.strftime("%Y-%m-%d")
    return f"{d.year}-{d.month:02d}-{d.day:02d}"


def revision_lines(rel: str, revs, shallow: bool, tags: dict | None = None) -> list[Line]:
    lines: list[Line] = []
    names: dict[str, str] = {}  # a few authors over many commits
    title = next((r.title for r in revs if r.title), None)
    head = [(_name(rel), "")]
    if title:
        head.append((f"  {_one_line(title)}", "dim"))
    lines.append(("bold", head))
    commits = sum(len(r.commits) for r in revs)
    lines.append(
        (
            "dim",
            [
                (
                    f"{len(revs)} revision{'s' * (len(revs) != 1)}, "
                    f"{commits} commit{'s' * (commits != 1)}",
                    "",
                )
            ],
        )
    )
    for at, r in enumerate(revs):
        lines.append(("", []))
        line = [("● ", ""), (_one_line(r.label), "bold")]
        if r.annex:
            line.append((f", lisa {_one_line(r.annex)}", ""))
        if r.is_draft:
            line.append(
                ("  uncommitted changes" + (" (file deleted)" if r.deleted else ""), "yellow")
            )
            if r.unreadable:
                line.append((f"  (the working copy is not read: {_one_line(r.unreadable)})", "red"))
            if r.number and not r.deleted:
                line.append((f"  — approval in the draft: {_one_line(r.number)}", "dim"))
        else:
            if r.copied_from:
                line.append(
                    (
                        f"  created from {_name(r.copied_from)} with its approval "
                        "header, not approved",
                        "yellow",
                    )
                )
            if r.changed_after:
                line.append(
                    (f"  changed after {_one_line(r.changed_after)}, not approved", "yellow")
                )
            n = len(r.commits)
            line.append((f"  {n} commit{'s' * (n != 1)}", "dim"))
            if r.authors:
                line.append(("  " + _one_line(", ".join(r.authors)), "dim"))
        lines.append(("yellow" if r.is_draft else "green" if r.approved else "dim", line))
        if tags and at in tags:
            lines.append(("red", [(f"    ! {_one_line(tags[at])}", "")]))
        if r.is_draft and r.draft_error:
            lines.append(("red", [(f"    ! does not parse: {_one_line(r.draft_error)}", "")]))
        for k, c in enumerate(r.commits):
            cl = [
                (f"  {'!' if c.error else ' '} ", ""),
                (c.short, "yellow"),
                (f"  {_day(c.date)}  ", ""),
                (names.get(c.author) or names.setdefault(c.author, _one_line(c.author)), "cyan"),
                ("  " + _one_line(c.subject), ""),
            ]
            older = r.commits[k + 1] if k + 1 < len(r.commits) else None
            if c.status == "R" and older is not None and older.path != c.path:
                cl.append((f"  (renamed from {_name(older.path)})", "dim"))
            elif c.status == "R":
                cl.append(("  (renamed)", "dim"))
            if c.copied_from:
                parent = f" at {c.parents[0][: len(c.short)]}" if c.parents else ""
                cl.append((f"  (created from {_name(c.copied_from)}{parent})", "dim"))
            if c.deleted:
                cl.append(("  (file deleted)", "red"))
            if c.is_merge:
                cl.append(("  (merge)", "dim"))
            lines.append(("red", cl))
            if c.error:
                lines.append(("red", [(f"      does not parse: {_one_line(c.error)}", "")]))
    if shallow:
        lines.append(("", []))
        lines.append(("dim", [("(a shallow clone: older commits are not in this repository)", "")]))
    return lines


def directive_lines(directives, tags: dict | None = None) -> list[Line]:
    """The whole repository's log; `tags`: (directive, entry) index -> a tag mismatch."""
    if not directives:
        return [("dim", [("no directives in this repository's history", "")])]
    lines: list[Line] = []
    for n, d in enumerate(directives):
        if n:
            lines.append(("", []))
        k = len(d.entries)
        lines.append(
            ("bold", [(_one_line(d.label), ""), (f"  {k} description{'s' * (k != 1)}", "dim")])
        )
        for j, e in enumerate(d.entries):
            el = [
                ("  ", ""),
                (f"lisa {_one_line(e.revision.annex)}  " if e.revision.annex else "", "yellow"),
                (_name(e.path), ""),
            ]
            if e.revision.title:
                el.append((f"  {_one_line(e.revision.title)}", "dim"))
            el.append(
                ("  previous: " + (_one_line(e.previous.label) if e.previous else "none"), "dim")
            )
            if e.revision.error:
                el.append(("  ! does not parse", "red"))
            lines.append(("", el))
            if tags and (n, j) in tags:
                lines.append(("red", [(f"    ! {_one_line(tags[n, j])}", "")]))
    return lines


def plain_text(lines: list[Line]) -> str:
    return "\n".join("".join(text for text, _ in parts) for _, parts in lines) + "\n"


def rich_text(lines: list[Line]):
    from rich.text import Text

    out = []
    for base, parts in lines:
        t = Text(style=base)
        for text, style in parts:
            t.append(text, style)
        out.append(t)
    return Text("\n").join(out)


def styled_output() -> bool:
    """Whether Rich would write styles to stdout: as Rich's Console decides it (a terminal,
    or TTY_COMPATIBLE / FORCE_COLOR saying so; Jupyter and IDLE are left to Rich)."""
    if sys.stdout is None or "IPython" in sys.modules or "idlelib" in sys.modules:
        return True
    compat = os.environ.get("TTY_COMPATIBLE", "")
    if compat in ("0", "1"):
        return compat == "1"
    force = os.environ.get("FORCE_COLOR")
    if force is not None:
        return force != ""
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _emit(lines: list[Line]) -> None:
    if not styled_output():
        sys.stdout.write(plain_text(lines))
        sys.stdout.flush()
        return
    from ajtui.cli.common import stdout_console

    stdout_console().print(rich_text(lines), soft_wrap=True)


def _print_revisions(rel: str, revs, shallow: bool, tags: dict | None = None) -> None:
    _emit(revision_lines(rel, revs, shallow, tags))


def _print_directives(directives, tags: dict | None = None) -> None:
    _emit(directive_lines(directives, tags))
