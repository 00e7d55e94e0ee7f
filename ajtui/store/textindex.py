"""The library's text index: the prose of every description (duties, expected results, the
prose sections — `Entry.texts`, kept in the library's index cache) folded once and joined
into a few long strings, so that a filter keystroke is `str.find` over them, not a loop
over ten thousand entries in Python.

    index = TextIndex(fold)
    index.update(entries)                   # slow (≈ the text's size): in a thread
    found = index.search("klat")            # {position in index.entries: where in its text}
    index.hit(0, found[0], len("klat"))     # Hit("ülesanne 3.2", "… KLAT …")

An index is a snapshot of the entries it was given: the library builds a new one in a
thread when its entries change (`TextIndex(fold, previous=old)` takes over the folded text
of the entries both hold, by identity) and swaps it in when it is ready. A query that
contains one searched recently (typing on; backspace) searches only that one's hits.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable, Container, Sequence
from typing import Any, NamedTuple

#: Between the parts of one entry, and between entries: never in a query (`search` drops
#: control characters), so no match spans two parts.
_PART, _ENTRY = "\x01", "\x00"

#: Characters of context either side of a match in `Hit.snippet`.
CONTEXT = 24

#: Entries a string of folded text holds (`TextIndex._chunks`).
CHUNK = 64

#: Recent queries whose hits are kept for narrowing (typing on, or back).
RECENT = 16


class Hit(NamedTuple):
    """Where an entry's text matched: the part's place in the document ("ülesanne 3.2") and
    a few words around the match, from the original text."""

    where: str
    snippet: str


class _Parts(NamedTuple):
    #: start of each part in the entry's folded text (parts joined by _PART)
    starts: array
    #: the parts whose fold changed their length (the snippet then starts at the part's
    #: beginning); empty nearly always
    lossy: frozenset[int]


def parts_of(entry: Any) -> list[tuple[str, str]]:
    """An entry's (where, text) pairs that have the right shape (they may come from a
    cache file) and some text."""
    out = []
    for pair in getattr(entry, "texts", None) or ():
        if isinstance(pair, (list, tuple)) and len(pair) == 2:
            where, text = pair
            if isinstance(where, str) and isinstance(text, str) and text:
                out.append((where, text))
    return out


def query_of(fold: Callable[[str], str], query: str) -> str:
    """The query as the index compares it: folded, control characters dropped, stripped."""
    return fold("".join(ch for ch in query if ch >= " ")).strip()


class TextIndex:
    """See the module. `fold` maps text to what the query is compared with (lower case,
    accents dropped), ideally keeping its length (the snippet is cut where the match is)."""

    def __init__(self, fold: Callable[[str], str], previous: TextIndex | None = None) -> None:
        self.fold = fold
        #: the entries indexed, in the order given to `update`
        self.entries: list[Any] = []
        self._reuse = previous
        self._ids: list[int] = []
        self._index_of: dict[int, int] = {}
        self._parts: list[_Parts] = []
        #: the folded text, CHUNK entries a string: a rare character (a "€" that takes a
        #: string to 2 or 4 bytes a character) costs its chunk, not the whole text
        self._chunks: list[str] = []
        #: per chunk: each entry's start in it (and one past its end: the length + 1)
        self._starts: list[list[int]] = []
        #: recent queries: (hits, the entries skipped)
        self._recent: OrderedDict[str, tuple[dict[int, int], list[int]]] = OrderedDict()

    # --- building -------------------------------------------------------------------------

    def _fold_entry(self, entry: Any) -> tuple[str, _Parts]:
        texts = [t.replace(_PART, " ").replace(_ENTRY, " ") for _w, t in parts_of(entry)]
        starts, pos = array("l"), 0
        for t in texts:
            starts.append(pos)
            pos += len(t) + 1
        joined = _PART.join(texts)
        folded = self.fold(joined)  # one call per entry, not per part
        if len(folded) == len(joined) and all(folded[s - 1] == _PART for s in starts[1:]):
            return folded, _Parts(starts, frozenset())
        # a fold that changed a length (rare: "İ"): part by part
        each = [self.fold(t) for t in texts]
        starts, pos = array("l"), 0
        for f in each:
            starts.append(pos)
            pos += len(f) + 1
        lossy = frozenset(j for j, (f, t) in enumerate(zip(each, texts)) if len(f) != len(t))
        return _PART.join(each), _Parts(starts, lossy)

    def _known(self, entry: Any) -> tuple[str, _Parts] | None:
        """The folded text of an entry already indexed here or in the previous index."""
        for src in (self, self._reuse):
            if src is None:
                continue
            k = src._index_of.get(id(entry))
            if k is not None and src.entries[k] is entry:
                c, j = divmod(k, CHUNK)
                starts = src._starts[c]
                return src._chunks[c][starts[j] : starts[j + 1] - 1], src._parts[k]
        return None

    def update(self, entries: Sequence[Any], stop: Callable[[], bool] | None = None) -> bool:
        """Index these entries (a no-op when they are the ones indexed last). Entries are
        told apart by identity: the library replaces an entry when its file is read again.
        `stop` is asked now and then whether to give up (False: given up, nothing
        changed)."""
        ids = list(map(id, entries))
        if ids == self._ids:
            return True
        chunks: list[str] = []
        all_starts: list[list[int]] = []
        parts: list[_Parts] = []
        for first in range(0, len(entries), CHUNK):
            if stop is not None and stop():
                return False
            texts: list[str] = []
            starts: list[int] = []
            pos = 0
            for e in entries[first : first + CHUNK]:
                text, where = self._known(e) or self._fold_entry(e)
                starts.append(pos)
                texts.append(text)
                parts.append(where)
                pos += len(text) + 1
            starts.append(pos)
            chunks.append(_ENTRY.join(texts))
            all_starts.append(starts)
        self.entries, self._ids = list(entries), ids
        self._index_of = {key: i for i, key in enumerate(ids)}
        self._chunks, self._starts, self._parts = chunks, all_starts, parts
        self._reuse = None
        self._recent.clear()
        return True

    def holds(self, ids: list[int]) -> bool:
        """Whether this index holds exactly the entries with these ids, in this order."""
        return ids == self._ids

    def __len__(self) -> int:
        return len(self.entries)

    # --- searching ------------------------------------------------------------------------

    def search(self, query: str, skip: Container[int] = ()) -> dict[int, int]:
        """The entries whose text contains the folded `query`, by their position in
        `entries`, each with where its first match is in its text (for `hit`). Entries in
        `skip` (by position) need not be searched (the library has them already: their
        title matched); they may or may not be in the answer."""
        q = query_of(self.fold, query)
        if not q:
            return {}
        recent = self._recent
        if q in recent:
            recent.move_to_end(q)
            return recent[q][0]
        chunks, all_starts = self._chunks, self._starts
        hits: dict[int, int] = {}
        #: skipped entries: not known to match or not
        unknown: list[int] = []
        # narrowing: only the entries a query within this one found (or skipped) can match
        within = [r for p, r in recent.items() if p in q]
        if within:
            found, skipped = min(within, key=lambda r: len(r[0]) + len(r[1]))
            for candidates in (found, skipped):
                for i in candidates:
                    if i in skip:
                        unknown.append(i)
                        continue
                    c, j = divmod(i, CHUNK)
                    starts = all_starts[c]
                    pos = chunks[c].find(q, starts[j], starts[j + 1] - 1)
                    if pos >= 0:
                        hits[i] = pos - starts[j]
        else:  # every entry: in C, one `find` per entry that matches
            for c, chunk in enumerate(chunks):
                starts, first, find = all_starts[c], c * CHUNK, chunk.find
                pos = find(q)
                while pos >= 0:
                    j = bisect_right(starts, pos) - 1
                    hits[first + j] = pos - starts[j]
                    pos = find(q, starts[j + 1])
        recent[q] = (hits, unknown)
        if len(recent) > RECENT:
            recent.popitem(last=False)
        return hits

    def hit(self, i: int, at: int, size: int) -> Hit:
        """The part of entry `i` that a match `search` found `at` is in, and the words
        around it."""
        parts = self._parts[i]
        j = bisect_right(parts.starts, at) - 1
        where, text = parts_of(self.entries[i])[j]
        at = 0 if j in parts.lossy else at - parts.starts[j]
        return Hit(where, snippet(text, at, size))


def snippet(text: str, at: int, size: int, context: int = CONTEXT) -> str:
    """The match at `at` (`size` characters) with up to `context` characters either side,
    "…" where the text goes on."""
    start, end = max(0, at - context), min(len(text), at + size + context)
    out = text[start:end]
    return ("…" if start else "") + out + ("…" if end < len(text) else "")
