"""The library's text index: the prose of every description (duties, expected results, the
prose sections — `Entry.texts`, kept in the library's index cache) folded once and joined
into one string, so that a filter keystroke is one `str.find` pass over it, not a loop
over ten thousand entries in Python.

    index = TextIndex(fold)
    found = index.search(entries, "klat")   # {position in entries: where the match is}
    index.hit(found[0], len("klat"))        # Hit("ülesanne 3.2", "… KLAT …")

The joined text is made again only when the entries change (their identities: the library
replaces an entry when its file is indexed again); each entry's folded text is kept
between. A query that extends the previous one searches only the previous hits.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

#: Between the parts of one entry, and between entries: never in a query (`search` drops
#: control characters), so no match spans two parts.
_PART, _ENTRY = "\x01", "\x00"

#: Characters of context either side of a match in `Hit.snippet`.
CONTEXT = 24


class Hit(NamedTuple):
    """Where an entry's text matched: the part's place in the document ("ülesanne 3.2") and
    a few words around the match, from the original text."""

    where: str
    snippet: str


class _Folded(NamedTuple):
    entry: Any
    #: the parts' folded texts joined by _PART
    text: str
    #: start of each part in `text`
    starts: list[int]
    #: each part: (where, original text, whether the fold kept its length)
    parts: list[tuple[str, str, bool]]


class TextIndex:
    """See the module. `fold` maps text to what the query is compared with (lower case,
    accents dropped), ideally keeping its length (the snippet is cut where the match is)."""

    def __init__(self, fold: Callable[[str], str]) -> None:
        self.fold = fold
        self._by_id: dict[int, _Folded] = {}
        self._ids: list[int] = []
        self._corpus = ""
        #: per entry (in the order given): its start in the corpus
        self._entry_starts: list[int] = []
        #: every part of every entry: its start in the corpus, and (entry index, part index)
        self._part_starts: list[int] = []
        self._part_of: list[tuple[int, int]] = []
        self._last: tuple[str, dict[int, int]] | None = None

    # --- building -------------------------------------------------------------------------

    def _fold_entry(self, entry: Any) -> _Folded:
        parts: list[tuple[str, str, bool]] = []
        for pair in getattr(entry, "texts", None) or ():
            # read from a cache file: take only what has the right shape
            if isinstance(pair, (list, tuple)) and len(pair) == 2:
                where, text = pair
                if isinstance(where, str) and isinstance(text, str) and text:
                    parts.append((where, text.replace(_PART, " ").replace(_ENTRY, " "), True))
        starts, pos = [], 0
        folded = []
        for j, (where, text, _same) in enumerate(parts):
            f = self.fold(text)
            if len(f) != len(text):
                parts[j] = (where, text, False)
            starts.append(pos)
            folded.append(f)
            pos += len(f) + 1
        return _Folded(entry, _PART.join(folded), starts, parts)

    def update(self, entries: Sequence[Any]) -> None:
        """Index these entries (a no-op when they are the ones indexed last)."""
        ids = [id(e) for e in entries]
        if ids == self._ids:
            return
        old = self._by_id
        by_id: dict[int, _Folded] = {}
        for e in entries:
            found = old.get(id(e))
            # an id may be reused by a new object once the old one is gone
            by_id[id(e)] = found if found is not None and found.entry is e else self._fold_entry(e)
        chunks: list[str] = []
        entry_starts: list[int] = []
        part_starts: list[int] = []
        part_of: list[tuple[int, int]] = []
        pos = 0
        for i, key in enumerate(ids):
            f = by_id[key]
            entry_starts.append(pos)
            for j, start in enumerate(f.starts):
                part_starts.append(pos + start)
                part_of.append((i, j))
            chunks.append(f.text)
            pos += len(f.text) + 1
        self._by_id, self._ids = by_id, ids
        self._corpus = _ENTRY.join(chunks)
        self._entry_starts, self._part_starts, self._part_of = entry_starts, part_starts, part_of
        self._last = None

    # --- searching ------------------------------------------------------------------------

    def search(self, entries: Sequence[Any], query: str) -> dict[int, int]:
        """The entries whose text contains the folded `query`, by their position in
        `entries`, each with where its first match is (for `hit`)."""
        q = self.fold("".join(ch for ch in query if ch >= " ")).strip()
        self.update(entries)
        if not q:
            return {}
        corpus, starts = self._corpus, self._entry_starts
        ends = starts[1:] + [len(corpus)]
        hits: dict[int, int] = {}
        last = self._last
        if last is not None and q.startswith(last[0]):
            # narrowing: only the entries the shorter query found can match
            find = corpus.find
            for i in last[1]:
                pos = find(q, starts[i], ends[i])
                if pos >= 0:
                    hits[i] = pos
        else:
            find, pos = corpus.find, corpus.find(q)
            part_starts, part_of = self._part_starts, self._part_of
            while pos >= 0:
                i = part_of[bisect_right(part_starts, pos) - 1][0]
                hits[i] = pos
                pos = find(q, ends[i])
        self._last = (q, hits)
        return hits

    def hit(self, pos: int, size: int) -> Hit:
        """The part a match found by `search` at `pos` is in, and the words around it."""
        k = bisect_right(self._part_starts, pos) - 1
        i, j = self._part_of[k]
        where, text, same_length = self._by_id[self._ids[i]].parts[j]
        at = pos - self._part_starts[k] if same_length else 0
        return Hit(where, snippet(text, at, size))


def snippet(text: str, at: int, size: int, context: int = CONTEXT) -> str:
    """The match at `at` (`size` characters) with up to `context` characters either side,
    "…" where the text goes on."""
    start, end = max(0, at - context), min(len(text), at + size + context)
    out = text[start:end]
    return ("…" if start else "") + out + ("…" if end < len(text) else "")
