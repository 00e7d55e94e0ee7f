"""The official document — what the agency signs — as Word (.docx) or PDF.

    from ajtui.documents import render
    data = render([doc], "pdf")          # bytes
    data = render(docs, "docx", template="agency.docx")

`layout.py` decides what goes on the page (the approval stamp, the title, the numbered
sections, the general part's table, the duty | results table, the signatures); `docx.py`
and `pdf.py` draw it. python-docx and reportlab are imported only here, when a document is
written.

Several descriptions go into one file, each from a new page with its "Lisa N": N is its
place in the order given (1, 2, …); a description that has an annex number of its own
(`lisa:` in its `ametijuhend` section) keeps it. A single description is printed with its
own annex number only.
"""

from __future__ import annotations

from collections.abc import Sequence

from ajtui.format import model as m

FORMATS = ("docx", "pdf")


def annex_numbers(docs: Sequence[m.Document]) -> list[str | None]:
    """The "Lisa N" each description is printed with (None: its own, or none)."""
    if len(docs) < 2:
        return [None] * len(docs)
    return [str(i) for i in range(1, len(docs) + 1)]


def render(docs: Sequence[m.Document], to: str, *, template: str | None = None) -> bytes:
    """The descriptions as one Word or PDF document (bytes). `template` (Word only): an
    agency's .docx whose styles, header and footer are used (`docx.TemplateError`)."""
    from ajtui.documents.layout import layout

    pages = [layout(doc, annex) for doc, annex in zip(docs, annex_numbers(docs))]
    if to == "docx":
        from ajtui.documents.docx import to_docx

        return to_docx(pages, template)
    if to == "pdf":
        from ajtui.documents.pdf import to_pdf

        return to_pdf(pages)
    raise ValueError(f"unknown document format {to!r} (known: {', '.join(FORMATS)})")
