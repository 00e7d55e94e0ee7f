"""`aj diff`: the structural difference between two versions of a description.

    aj diff OLD NEW             two files, or FILE@REV (any git revision), or FILE@draft
    aj diff FILE                the working copy against the last approved revision
    aj diff FILE@REV            that revision against the working copy
    aj diff --directive NR      every description the directive approved, against its
                                previous approved revision
    aj diff OLD_DIR NEW_DIR     every description of two folders (a side may be DIR@REV:
                                the folder at a git revision); aj diff DIR@REV: that
                                revision against the folder as it is
Between folders, and between the descriptions one directive approved, a duty removed from
one description and added to another is one duty `moved` across files.

    aj diff OLD NEW --to docx|html|pdf -o OUT [--force]
    aj diff --directive NR --to docx|html|pdf -o OUT
                                the change table ("Kehtiv sõnastus | Uus sõnastus |
                                Muudatus", ajtui.documents.changetable); exit 0 written

Exit 0 when identical, 1 when different, 2 on error — like diff(1).
"""

from __future__ import annotations

import os
import sys

ORDER = 45

DRAFT_WORDS = ("draft", "mustand", "working")


def add(sub) -> None:
    from ajtui.cli._args import int_in, width

    p = sub.add_parser(
        "diff",
        help="compare two versions structurally",
        description="Compare two versions of a description by structure: fields by name, "
        "duties by content (an inserted duty is one added and the later ones "
        "renumbered), changed words marked. A side is a file, FILE@REV (any "
        "git revision) or FILE@draft (the working copy). One FILE compares the "
        "working copy with the last approved revision. Two folders (or DIR@REV, a "
        "folder at a git revision) compare every description in them; there, and "
        "with --directive, a duty removed from one description and added to another "
        "is reported as moved across files. Exit 0 identical, 1 different, 2 error.",
    )
    p.add_argument("old", metavar="OLD", nargs="?")
    p.add_argument("new", metavar="NEW", nargs="?")
    p.add_argument(
        "--directive",
        metavar="NR",
        help="every description this directive approved, against its previous approved revision",
    )
    view = p.add_mutually_exclusive_group()
    view.add_argument(
        "--unified", action="store_true", help="one column (the default below 100 columns)"
    )
    view.add_argument("--side-by-side", action="store_true", help="two columns even when narrow")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument(
        "--context",
        type=int_in(0, 1000, "lines"),
        default=1,
        metavar="N",
        help="unchanged lines shown around each change (default 1)",
    )
    p.add_argument("--all", action="store_true", help="show every line, changed or not")
    p.add_argument("--width", type=width, metavar="N", help="columns (default: the terminal's)")
    p.add_argument("-q", "--quiet", action="store_true", help="no output; only the exit status")
    p.add_argument(
        "--to",
        choices=["docx", "html", "pdf"],
        help="write the change table (old wording | new wording | change, deleted words "
        "struck through, inserted words underlined, substantive changes flagged) instead "
        "of showing the diff; exit 0 when written",
    )
    p.add_argument("-o", "--output", metavar="OUT", help="with --to: write here (atomically)")
    p.add_argument(
        "--force",
        action="store_true",
        help="with -o: overwrite OUT when it exists (never an input)",
    )
    p.set_defaults(func=run)


class _Fail(Exception):
    pass


def run(args) -> int:
    from ajtui.base.errors import AjError
    from ajtui.cli.common import err

    if args.directive is not None and (args.old or args.new):
        err("aj diff: --directive takes no files")
        return 2
    if args.directive is None and not args.old:
        err(
            "aj diff: name a file (aj diff FILE), two versions (aj diff OLD NEW) or a "
            "directive (aj diff --directive NR)"
        )
        return 2
    to = getattr(args, "to", None)
    if to is None and (getattr(args, "output", None) or getattr(args, "force", False)):
        err("aj diff: -o and --force are for --to docx|html|pdf")
        return 2
    if to is not None:
        if args.format == "json" or args.quiet:
            err("aj diff: --to writes the change table; not with --format json or -q")
            return 2
        if _is_folder(args.old or "") or (args.new is not None and _is_folder(args.new)):
            err("aj diff: --to is for two versions of a description or --directive, not folders")
            return 2
    kept = _two_files(args)
    if kept is not None:
        return kept
    from ajtui.store.history import HistoryError

    state = _State()
    try:
        if args.directive is not None:
            return _directive(args, state)
        if _is_folder(args.old) or (args.new is not None and _is_folder(args.new)):
            from ajtui.cli._folders import folders

            return folders(args, state, _Fail, lambda: _console(args), _render)
        if args.new is None:
            old, new = _against_approved(args.old, state)
        else:
            old, new = _side(args.old, state), _side(args.new, state)
        return _show_one(args, old, new)
    except (_Fail, HistoryError, AjError) as e:
        err(f"aj diff: {e}")
        return 2
    finally:
        state.close()


def _two_files(args) -> int | None:
    """`aj diff OLD NEW` of two files as text, printed as a run over the same contents,
    options and width printed it before (ajtui.cli._kept), else compared and kept; None for
    everything else (folders, revisions, the change table, JSON, an unreadable side)."""
    from ajtui.cli import _kept

    if (
        args.directive is not None
        or args.new is None
        or getattr(args, "to", None) is not None
        or args.format != "text"
        or not (os.path.isfile(args.old) and os.path.isfile(args.new))
        or not _kept.usable()
    ):
        return None
    from ajtui.base.errors import AjError
    from ajtui.base.reading import read_bytes

    try:
        sides = [read_bytes(args.old), read_bytes(args.new)]
    except OSError:
        return None  # the ordinary path says why
    options = (args.old, args.new, repr((args.unified, args.side_by_side, args.all, args.context)))
    inputs = (*map(_kept.blob_id, sides), *options, repr(args.quiet))
    record = _kept.lookup("diff", inputs, args.width)
    if record is not None:
        return _kept.replay(record)
    from ajtui.base.errors import decode

    try:
        old, new = (
            _Version(decode(data, spec), spec, spec)
            for data, spec in zip(sides, (args.old, args.new))
        )
    except AjError:
        return None
    import io

    capture: list[str] = []
    said, stderr = io.StringIO(), sys.stderr
    sys.stderr = said  # by hand: importing contextlib (redirect_stderr) costs start-up time
    try:
        code = _show_one(args, old, new, capture)
    finally:
        sys.stderr = stderr
    record = {"out": "".join(capture), "err": said.getvalue(), "code": code}
    _kept.replay(record)
    _kept.keep("diff", inputs, args.width, record)
    return code


class _State:
    """One History per repository, opened on first need."""

    def __init__(self) -> None:
        self._histories: dict = {}

    def history(self, file: str):
        from ajtui.store.history import History

        h = History(file)
        key = str(h.root)
        if key in self._histories:
            h.close()
            return self._histories[key]
        self._histories[key] = h
        return h

    def close(self) -> None:
        for h in self._histories.values():
            h.close()


class _Version:
    def __init__(self, text: str, label: str, path: str | None) -> None:
        self.text, self.label, self.path = text, label, path


def _read(path: str) -> str:
    from ajtui.base.reading import read_text

    return read_text(path)


def _is_folder(spec: str) -> bool:
    """A folder, or DIR@REV."""
    if os.path.isdir(spec):
        return True
    if "@" in spec and not os.path.exists(spec):
        return os.path.isdir(spec.rsplit("@", 1)[0] or ".")
    return False


def _side(spec: str, state: _State) -> _Version:
    """A path, FILE@REV or FILE@draft."""
    if os.path.exists(spec) or "@" not in spec:
        return _Version(_read(spec), spec, spec)
    file, rev = spec.rsplit("@", 1)
    if not file:
        raise _Fail(f"{spec}: expected FILE@REV")
    if rev.lower() in DRAFT_WORDS or rev == "":
        return _Version(_read(file), f"{file} (working copy)", file)
    h = state.history(file)
    return _Version(h.text_at(file, rev), f"{file}@{rev}", file)


def _against_approved(spec: str, state: _State) -> tuple[_Version, _Version]:
    """`aj diff FILE`: the last approved revision against the working copy;
    `aj diff FILE@REV`: that revision against the working copy."""
    if "@" in spec and not os.path.exists(spec):
        file = spec.rsplit("@", 1)[0]
        return _side(spec, state), _Version(_read(file), f"{file} (working copy)", file)
    h = state.history(spec)
    rev = h.last_approved(spec)
    if rev is None:
        raise _Fail(
            f"{spec}: no approved revision in the history (nothing approved by a "
            "directive or as a contract annex)"
        )
    head = rev.head
    label = f"{spec}@{head.short} ({rev.label})" if head else f"{spec} ({rev.label})"
    old = _Version(h.revision_text(rev), label, spec)
    return old, _Version(_read(spec), f"{spec} (working copy)", spec)


def _diff(old: _Version, new: _Version):
    from ajtui.ops.diff import diff_texts

    return diff_texts(old.text, new.text, old.label, new.label)


def _console(args):
    from ajtui.cli.common import printer

    return printer(args.width or None)


def _render(args, con, diff) -> None:
    from ajtui.present.diffview import SIDE_BY_SIDE_MIN, render_side_by_side, render_unified

    width = con.width
    markers = con.color_system is None
    context = None if args.all else max(0, args.context)
    unified = args.unified or (not args.side_by_side and width < SIDE_BY_SIDE_MIN)
    if unified:
        con.print(render_unified(diff, width, context=context, markers=markers))
    else:
        con.print(
            render_side_by_side(
                diff,
                width,
                context=context,
                markers=markers,
                labels=(diff.old_path or "", diff.new_path or ""),
            )
        )


def _labels_line(diff):
    from ajtui.base.safetext import safe
    from ajtui.present.styled import Text

    return Text.assemble(
        ("--- ", "red"),
        safe(diff.old_path or ""),
        "\n",
        ("+++ ", "green"),
        safe(diff.new_path or ""),
    )


def _warn(diff) -> None:
    from ajtui.cli.common import err

    for e in diff.errors:
        err(f"aj diff: warning: {e}; compared line by line")


def _show_one(args, old: _Version, new: _Version, capture: list[str] | None = None) -> int:
    """Compare and print; with `capture`, what would be printed on stdout is added to it
    instead."""
    diff = _diff(old, new)
    if getattr(args, "to", None):
        from ajtui.cli._changetable import one_table

        return one_table(args, old, new, diff)
    _warn(diff)
    if args.quiet:
        return 0 if diff.identical else 1
    if args.format == "json":
        from ajtui.cli.common import dump_json

        dump_json(diff.to_json(), indent=2)
    else:
        con = _console(args)
        if capture is not None:
            con.begin_capture()
        if diff.identical:
            from ajtui.base.safetext import safe
            from ajtui.present.styled import Text

            con.print(_labels_line(diff), soft_wrap=True)
            con.print(Text(safe(diff.summary_line()), style="bold"))
        else:
            if args.unified or (not args.side_by_side and con.width < 100):
                con.print(_labels_line(diff), soft_wrap=True)
            _render(args, con, diff)
        if capture is not None:
            capture.append(con.end_capture())
    return 0 if diff.identical else 1


def _norm_number(text: str) -> str:
    t = text.strip().lower()
    for prefix in ("käskkiri", "kaskkiri", "nr.", "nr"):
        t = t.removeprefix(prefix).strip()
    return t


def _sha(rev) -> str | None:
    """The commit whose text a revision stands for (the approving one when approved)."""
    if rev is None:
        return None
    c = rev.approving or rev.head
    return c.sha if c is not None else None


def _directive(args, state: _State) -> int:
    from ajtui.base.safetext import safe
    from ajtui.present.blocks import Rule
    from ajtui.present.styled import Text

    h = state.history(".")
    want = _norm_number(args.directive)
    found = [d for d in h.directives() if _norm_number(d.number) == want]
    if not found:
        raise _Fail(f"no directive nr {args.directive} in the history of {h.root}")
    results = []
    texts: dict[int, tuple[str, str]] = {}
    for d in found:
        for e in d.entries:
            new_text = h.revision_text(e.revision)
            old_text = h.revision_text(e.base) if e.base is not None else ""
            old_label = f"{e.path} ({e.base_label})"
            diff = _diff(
                _Version(old_text, old_label, e.path),
                _Version(new_text, f"{e.path} ({e.revision.label})", e.path),
            )
            results.append((d, e, diff))
            texts[id(e)] = (old_text, new_text)
    from ajtui.ops.crossdiff import directive_moves

    if getattr(args, "to", None):
        from ajtui.cli._changetable import directive_table

        return directive_table(args, h, found, results, texts)
    moves = {
        id(d): directive_moves(
            [(e.path, diff, *texts[id(e)]) for dd, e, diff in results if dd is d]
        )
        for d in found
    }
    different = any(not diff.identical for _, _, diff in results)
    if args.quiet:
        return 1 if different else 0
    if args.format == "json":
        out = []
        for d in found:
            out.append(
                {
                    "number": d.number,
                    "date": d.date_text,
                    "label": d.label,
                    "descriptions": [
                        {
                            "path": e.path,
                            "annex": e.revision.annex,
                            "title": e.revision.title,
                            "revision": e.revision.label,
                            "commit": _sha(e.revision),
                            "previous": e.previous.label if e.previous else None,
                            "previous_commit": _sha(e.previous),
                            "base": e.base.label if e.base else None,
                            "base_commit": _sha(e.base),
                            "diff": diff.to_json(),
                        }
                        for dd, e, diff in results
                        if dd is d
                    ],
                    "moved": [c.to_json() for c in moves[id(d)]],
                    "summary": {"moved_across_files": len(moves[id(d)])},
                }
            )
        from ajtui.cli.common import dump_json

        dump_json({"directives": out}, indent=2)
        return 1 if different else 0
    con = _console(args)
    for d in found:
        n = len(d.entries)
        con.print(
            Text(f"{safe(d.label)}: {n} description{'s' * (n != 1)}", style="bold"), soft_wrap=True
        )
        for dd, e, diff in results:
            if dd is not d:
                continue
            _warn(diff)
            con.print(Rule(style="dim"))
            head = Text()
            if e.revision.annex:
                head.append(f"lisa {safe(e.revision.annex)}  ", style="yellow")
            head.append(safe(e.path), style="bold")
            if e.revision.title:
                head.append("  " + safe(" ".join(e.revision.title.split())), style="dim")
            con.print(head, soft_wrap=True)
            con.print(
                Text(f"{safe(e.base_label)} → {safe(e.revision.label)}", style="dim"),
                soft_wrap=True,
            )
            if diff.identical:
                con.print(Text(safe(diff.summary_line()), style="bold"))
            else:
                _render(args, con, diff)
        if moves[id(d)]:
            from ajtui.cli._folders import print_moves

            con.print(Rule(style="dim"))
            print_moves(con, moves[id(d)])
    return 1 if different else 0
