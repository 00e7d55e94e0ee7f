"""Which descriptions the library shows, and in what order: the sorts, and the filter typed
after `/` (accents optional; a substring of the title, unit, file name or the text — duties,
results, prose sections — first; letters in order when none matches).

Plain functions over the library's entries — no Textual. The fuzzy score is passed in
(the library passes Textual's `FuzzySearch().match`, the palette's own scoring).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Protocol, TypeVar

from ajtui.format.vocabulary import unaccented
from ajtui.store.textindex import TextIndex

#: The sorts `s` cycles through, in order.
SORTS = ("unit", "title", "directive", "status")
SORT_NAMES = {
    "unit": "by unit",
    "title": "by title",
    "directive": "newest directive first",
    "status": "by status",
}

#: (query, candidate) -> (score, matched positions); 0 is no match.
Fuzzy = Callable[[str, str], tuple[float, Sequence[int]]]


class Listed(Protocol):
    """What the filter reads of a library entry (ajtui.store.workspace.Entry)."""

    @property
    def label(self) -> str: ...
    @property
    def unit(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def directive_sort(self) -> str: ...
    @property
    def status(self) -> str: ...


E = TypeVar("E", bound=Listed)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without Estonian accents, same length: 'Üldosa' -> 'uldosa'."""
    return unaccented(text).lower()


def text_index() -> TextIndex:
    """The index of the descriptions' text, folded as the filter folds."""
    return TextIndex(fold)


def ordered(
    entries: Sequence[E],
    query: str,
    sort: str,
    fuzzy: Callable[[], Fuzzy],
    texts: TextIndex | None = None,
    why: dict[int, int] | None = None,
) -> list[tuple[E, list[int]]]:
    """Entries to show, in order, with the matched positions in their title: those the
    query matches, best first, or (no query) all of them in the `sort` order. `fuzzy`
    makes the fuzzy scorer when one is needed; with `texts`, the descriptions' text is
    searched too, and `why` gets, for each row matched only there (by its position in
    the result), where the match is (`texts.hit`)."""
    q = fold(query).strip()
    if q:
        return matching(entries, q, fuzzy, texts, why)
    key: Callable[[E], tuple] = {
        "unit": lambda e: (fold(e.unit) or "\uffff", fold(e.label)),
        "title": lambda e: (fold(e.label), e.name),
        "directive": lambda e: (_newest_first(e.directive_sort), fold(e.label)),
        "status": lambda e: (e.status != "invalid", e.status, fold(e.label)),
    }[sort]
    return [(e, []) for e in sorted(entries, key=key)]


def matching(
    entries: Sequence[E],
    q: str,
    fuzzy: Callable[[], Fuzzy],
    texts: TextIndex | None = None,
    why: dict[int, int] | None = None,
) -> list[tuple[E, list[int]]]:
    """Entries whose title, unit or file name contain the folded query `q`, then those
    whose text does (with `texts`: see `ordered`); when none does, fuzzy matches (letters
    in order) of the title, unit and file name. Best first, then by title."""
    exact: list[tuple[float, E, list[int]]] = []
    loose: list[tuple[float, E, list[int]]] = []
    in_text = texts.search(entries, q) if texts is not None else {}
    #: the text matches, by entry identity: where
    text_pos: dict[int, int] = {}
    for i, e in enumerate(entries):
        title = fold(e.label)
        at = title.find(q)
        if at >= 0:
            exact.append((2.0 + (at == 0), e, list(range(at, at + len(q)))))
        elif q in fold(f"{e.unit} {e.name}"):
            exact.append((1.0, e, []))
        elif i in in_text:
            exact.append((0.5, e, []))
            text_pos[id(e)] = in_text[i]
    if not exact:
        score_of = fuzzy()
        squeezed = q.replace(" ", "")
        for e in entries:
            title, other = fold(e.label), fold(f"{e.unit} {e.name}")
            score, positions = (
                score_of(squeezed, title) if _subsequence(squeezed, title) else (0.0, ())
            )
            if _subsequence(squeezed, other):
                score2 = score_of(squeezed, other)[0] * 0.8
                if score2 > score:
                    score, positions = score2, ()
            if score > 0:
                loose.append((score, e, list(positions)))
    found = exact or loose
    found.sort(key=lambda t: (-t[0], fold(t[1].label)))
    if why is not None:
        why.clear()
        for row, (_, e, _pos) in enumerate(found):
            if id(e) in text_pos:
                why[row] = text_pos[id(e)]
    return [(e, pos) for _, e, pos in found]


def _subsequence(query: str, text: str) -> bool:
    """Every character of the query, in order (a cheap test before the fuzzy score)."""
    it = iter(text)
    return all(ch in it for ch in query)


def _newest_first(iso: str) -> int:
    """Sort ISO dates newest first; no date last."""
    return -int(iso.replace("-", "")) if iso else 1
