"""The import layer: job descriptions as PDF text, PDF or DOCX -> `Document`s.

    from ajtui.importer import import_file
    result = import_file("scans/koordinaator.pdf")
    for d in result.descriptions:
        print(d.slug, d.title, d.has_unplaced)
    print(result.coverage.percent)

Text goes in verbatim: the recognisers decide where a line belongs, never what it says.
Nothing is dropped: what cannot be placed goes to a final section `osa: Paigutamata tekst`
and is reported (`Description.unplaced`, `SourceResult.coverage`). A source that cannot be
read gives `SourceResult.error`, one line, and never an exception. The PDF and DOCX
libraries are imported only when such a file is imported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ajtui.base.reading import MAX_FILE_BYTES
from ajtui.format import model as m
from ajtui.importer.build import flag
from ajtui.importer.errors import SourceError
from ajtui.importer.report import Coverage, ReviewItem, coverage, review_items
from ajtui.importer.sources import SUFFIXES, read_source, too_large_text

__all__ = [
    "Description",
    "SourceResult",
    "SourceError",
    "import_file",
    "import_text",
    "SUFFIXES",
    "Coverage",
    "ReviewItem",
    "flag",
    "review_items",
]


@dataclass
class Description:
    """One description found in a source, ready to be written."""

    doc: m.Document
    text: str  # the canonical .aj text
    title: str
    slug: str
    unplaced: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    diagnostics: list = field(default_factory=list)  # validate() findings
    annex: str | None = None
    #: Decisions a person should check, with paths and lines in `text` (see `flag`).
    review: list[ReviewItem] = field(default_factory=list)

    @property
    def has_unplaced(self) -> bool:
        return bool(self.unplaced)

    @property
    def errors(self) -> list:
        return [d for d in self.diagnostics if d.is_error]


@dataclass
class SourceResult:
    path: str
    kind: str = ""
    descriptions: list[Description] = field(default_factory=list)
    coverage: Coverage | None = None
    #: Why the source could not be imported (one line), or None.
    error: str | None = None
    #: Text that belongs to no description (e.g. a directive without its annexes).
    leftover: list[str] = field(default_factory=list)
    #: What the source is when it holds no description but is no garbage either.
    remark: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def review(self) -> list[ReviewItem]:
        return [r for d in self.descriptions for r in d.review]


def file_stem(doc: m.Document, limit: int = 60) -> str:
    """The file name (without .aj) for a description: the position's slug, qualified so
    that the many 'Koordinaator's of an agency do not collide — by the title's own
    parenthesis ('Teenuse juht (TTTVT)' -> teenuse-juht-tttvt), or else by the most
    specific part of the unit ('Noustaja', 'Ohvriabi osakond, kriisitoe talitus' ->
    noustaja-kriisitoe-talitus; a parenthesis there gives its first word: KLAT)."""
    title = " ".join((doc.general.title or "").split())
    paren = re.match(r"^(.*?)\s*\(([^()]*)\)\s*$", title)
    head, qualifier = (paren.group(1), paren.group(2)) if paren and paren.group(1) else (title, "")
    if not qualifier:
        unit = " ".join((doc.general.unit or "").split()).rstrip(",.; ")
        if unit:
            last = unit.split(",")[-1].strip()
            inner = re.search(r"\(([^()]*)\)", last)
            qualifier = inner.group(1).split()[0] if inner and inner.group(1).split() else last
    full = m.slug(head, qualifier, limit=1000)
    if len(full) <= limit:
        return full
    cut = full[: limit + 1].rsplit("-", 1)[0]
    return cut or full[:limit]


def import_file(path: str) -> SourceResult:
    """Import one source file. Never raises for bad input: see `.error`."""
    try:
        blocks, source_text, kind = read_source(path)
    except SourceError as e:
        return SourceResult(path, error=str(e))
    return _import(blocks, source_text, path, kind)


def import_text(text: str, name: str = "<text>") -> SourceResult:
    """Import text extracted from a PDF (what `pdftotext` or a copy from a viewer gives)."""
    from ajtui.importer.furniture import text_lines

    return _import(*text_lines(text), name, "text")


def _import(blocks, source_text: str, path: str, kind: str) -> SourceResult:
    from ajtui.base.errors import AjSyntaxError
    from ajtui.format.parser import loads
    from ajtui.format.validate import validate
    from ajtui.format.writer import UnwritableText, dumps
    from ajtui.importer.text import parse_blocks

    result = SourceResult(path, kind)
    try:
        parsed = parse_blocks(blocks, name=Path(path).stem)
    except Exception as e:  # pragma: no cover - a bug: one line, never a traceback
        result.error = (
            f"internal error while recognising the text ({type(e).__name__}: "
            f"{e}); please report it with the source"
        )
        return result
    for draft in parsed.drafts:
        try:
            text = dumps(draft.doc)
            if len(text.encode()) > MAX_FILE_BYTES:  # nothing written that aj check refuses
                result.error = too_large_text(len(text.encode()))
                return result
            back = loads(text)
        except (UnwritableText, AjSyntaxError) as e:
            result.error = (
                f"internal error: the description would not write cleanly ({e}); "
                "please report it with the source"
            )
            return result
        if back != draft.doc:
            result.error = (
                "internal error: the description would not read back the same; "
                "please report it with the source"
            )
            return result
        back.path = None
        result.descriptions.append(
            Description(
                back,
                text,
                draft.title,
                file_stem(back),
                draft.unplaced,
                draft.notes,
                validate(back),
                draft.annex,
                review_items(back),
            )
        )
    # the directive's text is repeated in each description it approves: count it once
    docs = [d.doc for d in result.descriptions]
    skip_ids = set()
    for k, d in enumerate(parsed.drafts):
        if k and d.directive_section is not None:
            i = d.doc.sections.index(d.directive_section)
            skip_ids.add(id(docs[k].sections[i]))
    result.leftover = list(parsed.leftover)
    result.coverage = coverage(source_text, docs, result.leftover, skip_ids)
    if not result.descriptions:
        if parsed.directive is not None:
            directive = parsed.directive
            annexes = [a for a, _ in directive.annexes]
            what = (
                f" approving {len(annexes)} descriptions as annexes "
                f"(lisa {annexes[0]}–{annexes[-1]})"
                if len(annexes) > 1
                else f" approving lisa {annexes[0]}"
                if annexes
                else ""
            )
            result.remark = (
                f"a directive ({directive.label}){what}, but none of the descriptions "
                "themselves: nothing imported"
            )
            result.leftover = parsed.register + [x.text for x in directive.lines] + result.leftover
            result.coverage = coverage(source_text, [], result.leftover)
        else:
            result.error = (
                "no job description found (no headings such as '1. Üldosa' or "
                "'3. Teenistusülesanded')"
            )
    return result
