"""Finding a search term in shown text, for the document and diff screens (`/`): one rule
for both. Case is ignored, and so are Estonian accents (`õ ä ö ü š ž`, via
`vocabulary.unaccented`), so "kasitlemine" finds "käsitlemine". Spans are in characters
of the text searched, so they can be highlighted where they were found.
"""

from __future__ import annotations

from ajtui.format.vocabulary import unaccented


def fold(text: str) -> str:
    """`text` as searched: lower case, accents dropped, the same length."""
    folded = unaccented(text.lower())
    # lower() keeps the length of Estonian text; a character that grows ("İ") is not
    # folded, so that positions still match the text shown
    return folded if len(folded) == len(text) else text


def spans(text: str, term: str) -> list[tuple[int, int]]:
    """Where `term` occurs in `text`: (start, end) character offsets, left to right, not
    overlapping. An empty term is found nowhere."""
    needle = fold(term)
    if not needle:
        return []
    hay = fold(text)
    out = []
    start = hay.find(needle)
    while start >= 0:
        out.append((start, start + len(needle)))
        start = hay.find(needle, start + len(needle))
    return out
