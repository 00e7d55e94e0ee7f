"""Model -> canonical text, and guarded atomic writes.

The canonical form: sections at column 0 separated by one blank line, two spaces per
level, continuation lines two spaces deeper than the line they continue, comments at the
indentation of the node they precede. Line breaks inside text are the author's: the
writer never re-wraps.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from . import model as m

STEP = "  "


class UnwritableText(ValueError):
    """Text the format cannot hold as it is (e.g. a continuation line starting with '#')."""


def dumps(doc: m.Document) -> str:
    out: list[str] = []
    for i, sec in enumerate(doc.sections):
        if i:
            out.append("")
        _section(out, sec)
    for c in doc.trailing_comments:
        out.append(_comment(c))
    return "\n".join(out) + "\n" if out else ""


def _comment(text: str) -> str:
    text = text.rstrip()
    return text if text.startswith("#") else "# " + text


def _comments(out: list[str], node: m.Node, indent: str) -> None:
    for c in node.comments:
        out.append(indent + _comment(c))


def _check_line(line: str, where: str, *, item_level: bool) -> None:
    if line != line.strip() or not line:
        raise UnwritableText(f"{where}: a line of text is empty or has surrounding spaces: "
                             f"{line!r}")
    if line.startswith("#"):
        raise UnwritableText(f"{where}: a continuation line cannot start with '#': {line!r}")
    if item_level and (line == "-" or line.startswith("- ")):
        raise UnwritableText(f"{where}: a continuation line cannot start with '- ': {line!r}")
    if "\n" in line or "\r" in line or "\t" in line:
        raise UnwritableText(f"{where}: control character in {line!r}")


def _text(out: list[str], head: str, text: str, indent: str, where: str,
          *, item_level: bool = False) -> None:
    """`head` followed by the first line of text; the rest two spaces deeper."""
    lines = text.split("\n") if text else []
    if lines:
        first = lines[0]
        if first != first.strip() or "\t" in first or "\r" in first:
            raise UnwritableText(f"{where}: text has surrounding spaces: {first!r}")
        out.append(f"{indent}{head} {first}" if head else f"{indent}{first}")
    else:
        out.append(f"{indent}{head}")
    deeper = indent + STEP
    for line in lines[1:]:
        _check_line(line, where, item_level=item_level)
        out.append(deeper + line)


def _heading(sec: m.Section) -> str:
    head = f"{sec.number}. {sec.kind}" if sec.number else sec.kind
    return f"{head}: {sec.title}" if sec.title else head


def _section(out: list[str], sec: m.AnySection) -> None:
    _comments(out, sec, "")
    out.append(_heading(sec))
    if isinstance(sec, m.FieldSection):
        for f in sec.fields:
            _field(out, f, STEP)
    elif isinstance(sec, m.ProseSection):
        prev = None
        for b in sec.blocks:
            if isinstance(b, m.Paragraph):
                if isinstance(prev, m.Paragraph):
                    out.append("")
                _comments(out, b, STEP)
                for j, line in enumerate(b.text.split("\n")):
                    _check_line(line, sec.kind, item_level=True)
                    out.append(STEP + line)
            else:
                _item(out, b, STEP)
            prev = b
    elif isinstance(sec, m.DutySection):
        for d in sec.duties:
            _comments(out, d, STEP)
            number = d.number.strip()
            if not number or " " in number:
                raise UnwritableText(f"duty number {d.number!r}")
            _text(out, number, d.text, STEP, f"duty {number}", item_level=True)
            for r in d.results:
                _item(out, r, STEP * 2)
    elif isinstance(sec, m.RequirementsSection):
        for e in sec.entries:
            if isinstance(e, m.Field):
                _field(out, e, STEP)
            elif isinstance(e, m.Competencies):
                _comments(out, e, STEP)
                out.append(f"{STEP}kompetentsid: {e.title}" if e.title else f"{STEP}kompetentsid:")
                for g in e.groups:
                    _comments(out, g, STEP * 2)
                    out.append(f"{STEP * 2}{g.name}:")
                    for it in g.items:
                        _item(out, it, STEP * 3)
            elif isinstance(e, m.AdditionalCompetencies):
                _comments(out, e, STEP)
                out.append(f"{STEP}lisakompetentsid: {e.title}" if e.title
                           else f"{STEP}lisakompetentsid:")
                for it in e.items:
                    _item(out, it, STEP * 2)


def _field(out: list[str], f: m.Field, indent: str) -> None:
    key = f.key.strip()
    if not key or ":" in key or key[0] in "#-" or "\n" in key:
        raise UnwritableText(f"field name {f.key!r}")
    _comments(out, f, indent)
    _text(out, f"{key}:", f.value, indent, key)


def _item(out: list[str], it: m.Item, indent: str) -> None:
    _comments(out, it, indent)
    _text(out, "-", it.text, indent, "item")


# --- writing files -------------------------------------------------------------------------


def write_atomic(path: str | Path, text: str) -> None:
    """Write through a temporary file in the same folder, then rename over the target."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.chmod(tmp, target.stat().st_mode & 0o7777)
        except FileNotFoundError:
            os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def dump(doc: m.Document, path: str | Path) -> None:
    """Write `doc` canonically and atomically; refuse if the text would not read back
    as the same document (as mdformat does)."""
    text = dumps(doc)
    from .parser import loads

    if loads(text) != doc:
        raise UnwritableText("the written text would not read back as the same document")
    write_atomic(path, text)
