"""`aj log FILE`: a description's revisions, grouped by the directive (or contract annex)
that approved them; `aj log` alone lists every directive in the repository's history."""

from __future__ import annotations

import sys

ORDER = 40


def add(sub) -> None:
    p = sub.add_parser(
        "log", help="revisions of a description, grouped by directive",
        description="The git history of a description (renames followed), grouped into "
                    "revisions: consecutive commits under the same directive or contract "
                    "annex. Uncommitted edits show as the draft (mustand) on top; a version "
                    "that does not parse is marked with '!'. Without FILE: every directive "
                    "in the repository's history and the descriptions it approved.")
    p.add_argument("file", metavar="FILE", nargs="?")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..history import History, HistoryError
    from .common import err

    where = args.file if args.file else "."
    try:
        with History(where) as h:
            if args.file:
                revs = h.revisions(args.file)
                rel = h.relpath(args.file)
                shallow = h.is_shallow
                if args.format == "json":
                    _dump({"file": rel, "root": str(h.root), "shallow": shallow,
                           "revisions": [revision_json(r) for r in revs]})
                else:
                    _print_revisions(rel, revs, shallow)
            else:
                directives = h.directives()
                if args.format == "json":
                    _dump({"root": str(h.root),
                           "directives": [directive_json(d) for d in directives]})
                else:
                    _print_directives(directives)
    except HistoryError as e:
        err(f"aj log: {e}")
        return 2
    return 0


def _dump(data) -> None:
    import json

    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    print()


# --- JSON -----------------------------------------------------------------------------------


def commit_json(c) -> dict:
    return {"sha": c.sha, "short": c.short, "date": c.date.isoformat(), "author": c.author,
            "email": c.email, "message": c.message, "path": c.path, "status": c.status,
            "approval": c.approval_label, "annex": c.annex, "error": c.error,
            "merge": c.is_merge, "deleted": c.deleted}


def revision_json(r) -> dict:
    return {"label": r.label, "draft": r.is_draft, "approved": r.approved, "kind": r.kind,
            "number": r.number, "date": r.date_text, "annex": r.annex,
            "title": r.title, "path": r.path, "deleted": r.deleted, "error": r.error,
            "draft_error": r.draft_error, "authors": r.authors,
            "commits": [commit_json(c) for c in r.commits]}


def directive_json(d) -> dict:
    return {"number": d.number, "date": d.date_text, "label": d.label,
            "descriptions": [{"path": e.path, "annex": e.revision.annex,
                              "title": e.revision.title,
                              "revision": revision_json(e.revision),
                              "previous": e.previous.label if e.previous else None,
                              "previous_commit": (e.previous.head.sha
                                                  if e.previous and e.previous.head else None)}
                             for e in d.entries]}


# --- text -------------------------------------------------------------------------------------


def _one_line(text: str | None) -> str:
    from ..render import safe

    return safe(" ".join((text or "").split()))


def _print_revisions(rel: str, revs, shallow: bool) -> None:
    from rich.text import Text

    from .common import stdout_console

    lines: list[Text] = []  # printed at once: one print per line is slow for long logs
    title = next((r.title for r in revs if r.title), None)
    head = Text(_one_line(rel), style="bold")
    if title:
        head.append(f"  {_one_line(title)}", style="dim")
    lines.append(head)
    commits = sum(len(r.commits) for r in revs)
    lines.append(Text(f"{len(revs)} revision{'s' * (len(revs) != 1)}, "
                      f"{commits} commit{'s' * (commits != 1)}", style="dim"))
    for r in revs:
        lines.append(Text(""))
        line = Text("● ", style="yellow" if r.is_draft else "green" if r.approved else "dim")
        line.append(_one_line(r.label), style="bold")
        if r.annex:
            line.append(f", lisa {_one_line(r.annex)}")
        if r.is_draft:
            line.append("  uncommitted changes" + (" (file deleted)" if r.deleted else ""),
                        style="yellow")
            if r.number and not r.deleted:
                line.append(f"  — approval in the draft: {_one_line(r.number)}", style="dim")
        else:
            n = len(r.commits)
            line.append(f"  {n} commit{'s' * (n != 1)}", style="dim")
            if r.authors:
                line.append("  " + _one_line(", ".join(r.authors)), style="dim")
        lines.append(line)
        if r.is_draft and r.draft_error:
            lines.append(Text(f"    ! does not parse: {_one_line(r.draft_error)}",
                              style="red"))
        for k, c in enumerate(r.commits):
            cl = Text(f"  {'!' if c.error else ' '} ", style="red")
            cl.append(c.short, style="yellow")
            cl.append(f"  {c.date.strftime('%Y-%m-%d')}  ")
            cl.append(_one_line(c.author), style="cyan")
            cl.append("  " + _one_line(c.subject))
            older = r.commits[k + 1] if k + 1 < len(r.commits) else None
            if c.status == "R" and older is not None and older.path != c.path:
                cl.append(f"  (renamed from {_one_line(older.path)})", style="dim")
            elif c.status == "R":
                cl.append("  (renamed)", style="dim")
            if c.deleted:
                cl.append("  (file deleted)", style="red")
            if c.is_merge:
                cl.append("  (merge)", style="dim")
            lines.append(cl)
            if c.error:
                lines.append(Text(f"      does not parse: {_one_line(c.error)}",
                                  style="red"))
    if shallow:
        lines.append(Text(""))
        lines.append(Text("(a shallow clone: older commits are not in this repository)",
                          style="dim"))
    stdout_console().print(Text("\n").join(lines), soft_wrap=True)


def _print_directives(directives) -> None:
    from rich.text import Text

    from .common import stdout_console

    if not directives:
        stdout_console().print(Text("no directives in this repository's history",
                                    style="dim"))
        return
    lines: list[Text] = []
    for n, d in enumerate(directives):
        if n:
            lines.append(Text(""))
        k = len(d.entries)
        line = Text(_one_line(d.label), style="bold")
        line.append(f"  {k} description{'s' * (k != 1)}", style="dim")
        lines.append(line)
        for e in d.entries:
            el = Text("  ")
            el.append(f"lisa {_one_line(e.revision.annex)}  " if e.revision.annex else "",
                      style="yellow")
            el.append(_one_line(e.path))
            if e.revision.title:
                el.append(f"  {_one_line(e.revision.title)}", style="dim")
            el.append("  previous: " + (_one_line(e.previous.label) if e.previous else "none"),
                      style="dim")
            if e.revision.error:
                el.append("  ! does not parse", style="red")
            lines.append(el)
    stdout_console().print(Text("\n").join(lines), soft_wrap=True)
