"""The description one node per line: what `aj git-textconv` gives git, and the lines of a
whole section in the structural diff (ajtui.ops.diff).

Imports only the model: git runs the textconv once per version of a file, and the diff
machinery (cydifflib, the aligner, the change records) is no part of an outline.
"""

from __future__ import annotations

from collections.abc import Iterator

from ajtui.format import model as m


def _flow(text: str | None) -> str:
    """Whitespace runs (the author's line breaks) as single spaces (ajtui.ops.words.flow,
    without its cache)."""
    return " ".join(text.split()) if text else ""


def heading_text(sec: m.Section) -> str:
    """A section's heading line without its title: `3. ülesanded:`."""
    head = f"{sec.number}. {sec.kind}" if sec.number else sec.kind
    return head + ":" if sec.title else head


def field_lead(f: m.Field) -> str:
    """What stands before a field's text: `key:`, `key "Label":`, or `>` for a statement."""
    if f.in_prose:
        return ">"
    return f'{f.key} "{f.label}":' if f.label else f"{f.key}:"


def section_lines(sec: m.AnySection) -> Iterator[tuple[int, str, str | None, str]]:
    """(depth, lead, text, sub-path) for every line of a section."""
    yield 0, heading_text(sec), sec.title, ""
    if isinstance(sec, m.FieldSection):
        for f in sec.fields:
            yield 1, field_lead(f), f.sentence, f.key
    elif isinstance(sec, m.ProseSection):
        for n, blk in enumerate(sec.blocks, 1):
            yield 1, "-" if isinstance(blk, m.Item) else "", blk.text, str(n)
    elif isinstance(sec, m.DutySection):
        for f in sec.header:
            yield 1, field_lead(f), f.sentence, f.key
        for d in sec.duties:
            num = d.number.rstrip(".")
            yield 1, d.number, d.text, num
            for n, r in enumerate(d.results, 1):
                yield 2, "-", r.text, f"{num}/tulemused/{n}"
    elif isinstance(sec, m.RequirementsSection):
        for e in sec.entries:
            if isinstance(e, m.Field):
                yield 1, field_lead(e), e.sentence, e.key
            elif isinstance(e, m.Competencies):
                yield 1, "kompetentsid:", e.title, "kompetentsid"
                for g in e.groups:
                    yield 2, f"{g.name}:", None, f"kompetentsid/{_flow(g.name)}"
                    for n, it in enumerate(g.items, 1):
                        yield 3, "-", it.text, f"kompetentsid/{_flow(g.name)}/{n}"
            elif isinstance(e, m.AdditionalCompetencies):
                yield 1, "lisakompetentsid:", e.title, "lisakompetentsid"
                for n, it in enumerate(e.items, 1):
                    yield 2, "-", it.text, f"lisakompetentsid/{n}"


def outline(doc: m.Document) -> list[str]:
    """The description one node per line, its text flowed (the author's line breaks as
    spaces), indented by nesting: what `aj git-textconv` gives git, so that plain line
    diffs (`git log -p`) show a one-word change as one changed line."""
    out: list[str] = []
    for n, sec in enumerate(doc.sections):
        if n:
            out.append("")
        for depth, lead, body, _sub in section_lines(sec):
            text = _flow(body)
            if lead:
                text = f"{lead} {text}" if text else lead
            out.append("  " * depth + text)
    return out
