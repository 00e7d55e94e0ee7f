"""`aj diff … --to docx|html|pdf -o OUT`: the change table (ajtui.documents.changetable)
of two versions or of a directive, checked and written the way `aj export` writes."""

from __future__ import annotations

import os


def _invalid(label: str, text: str) -> bool:
    """Print `aj check`'s errors for one version; True when it has any."""
    from ajtui.cli.check import check_bytes, render
    from ajtui.cli.common import err

    diags = [d for d in check_bytes(label, text.encode("utf-8")) if d.is_error]
    for d in diags:
        err(render(d))
    return bool(diags)


def refuse_invalid(versions: list[tuple[str, str]], prog: str = "aj diff") -> bool:
    """(label, text) of every version the table shows: True (and the errors printed, and
    'nothing written') when one is not a valid description."""
    from ajtui.cli.common import err

    bad = False
    for label, text in versions:
        if text.strip():
            bad = _invalid(label, text) or bad
    if bad:
        err(f"{prog}: nothing written: fix the errors `aj check` reports")
    return bad


def write(args, data: bytes, sources: list[str], prog: str = "aj diff") -> int:
    """Write the table to -o (or stdout for HTML); 0 written, 2 refused or failed."""
    import sys

    from ajtui.cli.common import err

    out = args.output
    if not out:
        if args.to != "html" and sys.stdout.isatty():
            err(f"{prog}: error: a {args.to} file is not for the terminal; use -o OUT.{args.to}")
            return 2
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    for src in sources:
        try:
            same = os.path.samefile(src, out)
        except OSError:
            continue
        if same:
            err(f"{out}: error: is the input file {src}; not overwritten (write to another file)")
            return 2
    if not args.force and os.path.lexists(out):
        err(f"{out}: error: exists; use --force to overwrite it")
        return 2
    from ajtui.base.writing import write_bytes

    try:
        write_bytes(out, data)
    except OSError as e:
        err(f"{out}: error: cannot write: {e.strerror or e}")
        return 2
    return 0


def one_table(args, old, new, diff) -> int:
    """Two versions (`cli.diff._Version`: text, label, path)."""
    from ajtui.documents.changetable import from_diff
    from ajtui.documents.changewriters import render

    if refuse_invalid([(old.label, old.text), (new.label, new.text)]):
        return 2
    data = render(from_diff(diff), args.to)
    return write(args, data, [v.path for v in (old, new) if v.path])


def directive_table(args, h, found, results, texts) -> int:
    """Every description the directive(s) approved: `results` (directive, entry, diff),
    `texts` id(entry) -> (old text, new text)."""
    from ajtui.documents.changetable import from_directive
    from ajtui.documents.changewriters import render
    from ajtui.ops.crossdiff import directive_moves

    versions = []
    for _d, e, _diff in results:
        versions.append((f"{e.path} ({e.revision.label})", texts[id(e)][1]))
    if refuse_invalid(versions):
        return 2
    tables = []
    for d in found:
        mine = [(e, diff) for dd, e, diff in results if dd is d]
        moves = directive_moves([(e.path, diff, *texts[id(e)]) for e, diff in mine])
        entries = []
        for e, diff in mine:
            title = " ".join((e.revision.title or _title(texts[id(e)][1])).split())
            annex = f"Lisa {e.revision.annex}: " if e.revision.annex else ""
            heading = f"{annex}{title} ({e.path})" if title else f"{annex}{e.path}"
            entries.append((e.path, heading, diff, f"{e.base_label} → {e.revision.label}"))
        tables.append(from_directive(d.label, entries, moves))
    table = tables[0]
    for more in tables[1:]:  # one number, several dates: one file
        table.intro += more.intro
        table.parts += more.parts
        table.moved += more.moved
    data = render(table, args.to)
    return write(args, data, [str(h.root / e.path) for _d, e, _diff in results])


def _title(text: str) -> str:
    """The position's title in a version's text ("" when it has none or does not parse)."""
    from ajtui.base.errors import AjError
    from ajtui.format.parser import loads

    try:
        return loads(text).general.title or ""
    except AjError:
        return ""
