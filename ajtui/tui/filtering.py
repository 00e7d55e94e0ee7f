"""Which descriptions the library shows, and in what order: the sorts, and the filter typed
after `/` (accents optional; a substring of the title, unit, file name or the text — duties,
results, prose sections — first; letters in order when none matches).

A `Filter` kept between keystrokes over the library's entries (each one's title, unit and
name folded once; the text through ajtui.store.textindex, which the library makes in a
thread) — no Textual. The fuzzy score is passed in (the library passes Textual's
`FuzzySearch().match`, the palette's own scoring).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import Any, Generic, NamedTuple, Protocol, TypeVar

from ajtui.format.vocabulary import unaccented
from ajtui.store.textindex import Hit, TextIndex, query_of

#: The sorts `s` cycles through, in order.
SORTS = ("unit", "title", "directive", "status")
SORT_NAMES = {
    "unit": "by unit",
    "title": "by title",
    "directive": "newest directive first",
    "status": "by status",
}

#: The text is searched for queries of this many characters or more: one or two letters
#: are in nearly every description's text (and searching 40 MB for them takes 10–30 ms).
TEXT_FROM = 3

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


#: What `unaccented` does, after `str.lower`.
_LOWER_ACCENTS = tuple(zip("õäöüšž", "oaousz"))


def fold_text(text: str) -> str:
    """`fold` without its cache, for the descriptions' text (each folded once): the same
    result, several times as fast on long text as `str.translate`, which looks up every
    character of a non-ASCII text in a dict."""
    out = text.lower()
    if not out.isascii():
        for accented, plain in _LOWER_ACCENTS:
            out = out.replace(accented, plain)
    return out


def text_index(previous: TextIndex | None = None) -> TextIndex:
    """An index of the descriptions' text, folded as the filter folds (taking over what
    `previous` folded)."""
    return TextIndex(fold_text, previous)


class _Fields(NamedTuple):
    """An entry's searched fields, folded once: its title, its unit, and its unit and
    file name together (what a query matches after the title)."""

    entry: Any
    title: str
    unit: str
    other: str


def _line(text: str) -> str:
    """A folded field as a line of a joined field (same length: positions hold)."""
    return text.replace("\n", " ")


class Filter(Generic[E]):
    """The library's filter, kept between keystrokes: each entry's title, unit and file
    name folded once (by entry identity: the library replaces an entry when its file is read
    again) and joined into one string per field, so that a keystroke is `str.find` and a
    regular expression over them and Python work only per match.

    `why` says, after `ordered`, which rows matched only in the text (row → entry
    position); `hit(row)` says where and shows the words."""

    def __init__(self, fuzzy: Callable[[], Fuzzy]) -> None:
        self.fuzzy = fuzzy
        self.why: dict[int, int] = {}
        self._why_index: TextIndex | None = None
        self._why_size = 0
        self._text_at: dict[int, tuple[int, int]] = {}
        self._fields: dict[int, _Fields] = {}
        self._ids: list[int] | None = None
        self._pos_of: dict[int, int] = {}
        self._titles = self._others = ""
        self._tstarts: list[int] = [0]
        self._ostarts: list[int] = [0]
        #: entry positions by title, and each one's place in that order
        self._order: list[int] = []
        self._rank: list[int] = []
        #: the text index last found to hold the entries in the same places
        self._same: TextIndex | None = None

    def update(self, entries: Sequence[E]) -> None:
        """Fold the entries not seen before and join the fields (a no-op when they are the
        ones seen last)."""
        ids = list(map(id, entries))
        if ids == self._ids:
            return
        old, fields = self._fields, {}
        rows: list[_Fields] = []
        for key, e in zip(ids, entries):
            f = old.get(key)
            if f is None or f.entry is not e:  # an id is reused once its object is gone
                unit = fold(e.unit)
                f = _Fields(e, fold(e.label), unit, fold(f"{e.unit} {e.name}"))
            fields[key] = f
            rows.append(f)
        self._fields, self._ids = fields, ids
        self._pos_of = {key: i for i, key in enumerate(ids)}
        self._titles, self._tstarts = _joined([f.title for f in rows])
        self._others, self._ostarts = _joined([f.other for f in rows])
        order = sorted(range(len(rows)), key=lambda i: rows[i].title)
        rank = [0] * len(rows)
        for r, i in enumerate(order):
            rank[i] = r
        self._order, self._rank = order, rank
        self._same = None

    def ordered(
        self, entries: Sequence[E], query: str, sort: str, texts: TextIndex | None = None
    ) -> list[tuple[E, list[int]]]:
        """Entries to show, in order, with the matched positions in their title: those the
        query matches, best first, or (no query) all of them in the `sort` order. With
        `texts`, the descriptions' text is searched too (the entries it holds)."""
        self.update(entries)
        self.why = {}
        q = query_of(fold, query)
        if q:
            return self._matching(entries, q, texts)
        f = [self._fields[key] for key in self._ids or ()]
        key: Callable[[int], tuple] = {
            "unit": lambda i: (f[i].unit or "\uffff", f[i].title),
            "title": lambda i: (f[i].title, f[i].entry.name),
            "directive": lambda i: (_newest_first(f[i].entry.directive_sort), f[i].title),
            # what needs the user first: merge conflicts, then invalid files
            "status": lambda i: (
                f[i].entry.status not in ("conflict", "invalid"),
                f[i].entry.status,
                f[i].title,
            ),
        }[sort]
        return [(entries[i], []) for i in sorted(range(len(f)), key=key)]

    def matching(
        self, entries: Sequence[E], q: str, texts: TextIndex | None = None
    ) -> list[tuple[E, list[int]]]:
        """Entries whose title, unit or file name contain the folded query `q`, then those
        whose text does (with `texts`); when none does, fuzzy matches (letters in order) of
        the title, unit and file name. Best first, then by title."""
        self.update(entries)
        return self._matching(entries, q, texts)

    def _matching(
        self, entries: Sequence[E], q: str, texts: TextIndex | None
    ) -> list[tuple[E, list[int]]]:
        self.why = {}
        title_at = _search(self._titles, self._tstarts, q)
        other = {i for i in _search(self._others, self._ostarts, q) if i not in title_at}
        #: entry → (its place in the text index, where in its text)
        in_text: dict[int, tuple[int, int]] = {}
        if texts is not None and len(texts) and len(q) >= TEXT_FROM:
            if self._same is not texts:
                self._same = texts if texts.holds(self._ids or []) else None
            shown = title_at.keys() | other
            if self._same is texts:  # the same entries in the same places: no mapping
                found = texts.search(q, shown)
                in_text = {i: (i, at) for i, at in found.items() if i not in shown}
            else:  # an index of other entries (being made again): by identity
                pos_of, held = self._pos_of, texts.entries
                for k, at in texts.search(q).items():
                    i = pos_of.get(id(held[k]))
                    if i is not None and i not in shown:
                        in_text[i] = (k, at)
        if not (title_at or other or in_text):
            return self._loose(entries, q)
        size = len(q)
        spans: dict[int, list[int]] = {}

        def span(at: int) -> list[int]:
            found = spans.get(at)
            if found is None:
                found = spans[at] = list(range(at, at + size))
            return found

        first = self._by_title(i for i, at in title_at.items() if at == 0)
        rows = [(entries[i], span(0)) for i in first]
        then = self._by_title(i for i, at in title_at.items() if at > 0)
        rows += [(entries[i], span(title_at[i])) for i in then]
        none: list[int] = []  # no marks (one list for every such row: never changed)
        rows += [(entries[i], none) for i in self._by_title(other)]
        text_rows = self._by_title(in_text)
        self.why = dict(zip(range(len(rows), len(rows) + len(text_rows)), text_rows))
        self._text_at = in_text
        rows += [(entries[i], none) for i in text_rows]
        self._why_index, self._why_size = texts, size
        return rows

    def _by_title(self, found: Iterable[int]) -> list[int]:
        """Positions in title order: sorted when few, else picked from the whole order."""
        chosen = found if isinstance(found, (set, dict)) else set(found)
        if len(chosen) * 8 < len(self._order):
            return sorted(chosen, key=self._rank.__getitem__)
        return [i for i in self._order if i in chosen]

    def _loose(self, entries: Sequence[E], q: str) -> list[tuple[E, list[int]]]:
        """Letters in order: a regular expression over the joined fields finds the
        candidates; only they are scored."""
        squeezed = q.replace(" ", "")
        # the first letter, then each next one after it on the same line (possessive: no
        # going back) — tried only where the first letter is
        pattern = re.compile(
            re.escape(squeezed[0])
            + "".join(f"[^\n{re.escape(c)}]*+{re.escape(c)}" for c in squeezed[1:])
        )
        in_title = {
            bisect_right(self._tstarts, m.start()) - 1 for m in pattern.finditer(self._titles)
        }
        in_other = {
            bisect_right(self._ostarts, m.start()) - 1 for m in pattern.finditer(self._others)
        }
        if not (in_title or in_other):
            return []
        score_of = self.fuzzy()
        loose: list[tuple[float, int, int, list[int]]] = []
        for i in in_title | in_other:
            f = self._fields[self._ids[i]] if self._ids else None
            assert f is not None
            score, positions = score_of(squeezed, f.title) if i in in_title else (0.0, ())
            if i in in_other:
                score2 = score_of(squeezed, f.other)[0] * 0.8
                if score2 > score:
                    score, positions = score2, ()
            if score > 0:
                loose.append((score, self._rank[i], i, list(positions)))
        loose.sort(key=lambda t: (-t[0], t[1]))
        return [(entries[i], pos) for _s, _r, i, pos in loose]

    def hit(self, row: int) -> Hit | None:
        """Where the row matched in the text (None: it did not match only there)."""
        i = self.why.get(row)
        if i is None or self._why_index is None:
            return None
        return self._why_index.hit(*self._text_at[i], self._why_size)


def _joined(fields: list[str]) -> tuple[str, list[int]]:
    """The fields as the lines of one string, and each line's start (and one past the last:
    the string's length + 1)."""
    starts, pos = [], 0
    for f in fields:
        starts.append(pos)
        pos += len(f) + 1
    starts.append(pos)
    return "\n".join(_line(f) for f in fields), starts


def _search(joined: str, starts: list[int], q: str) -> dict[int, int]:
    """The lines of `joined` that contain `q` (no line break in it): line → where in it."""
    found: dict[int, int] = {}
    find = joined.find
    pos = find(q)
    while pos >= 0:
        i = bisect_right(starts, pos) - 1
        found[i] = pos - starts[i]
        pos = find(q, starts[i + 1])
    return found


def ordered(
    entries: Sequence[E],
    query: str,
    sort: str,
    fuzzy: Callable[[], Fuzzy],
    texts: TextIndex | None = None,
) -> list[tuple[E, list[int]]]:
    """`Filter.ordered` once (the library keeps a `Filter` between keystrokes)."""
    one: Filter[E] = Filter(fuzzy)
    return one.ordered(entries, query, sort, texts)


def matching(
    entries: Sequence[E],
    q: str,
    fuzzy: Callable[[], Fuzzy],
    texts: TextIndex | None = None,
) -> list[tuple[E, list[int]]]:
    """`Filter.matching` once."""
    one: Filter[E] = Filter(fuzzy)
    return one.matching(entries, q, texts)


def _newest_first(iso: str) -> int:
    """Sort ISO dates newest first; no date last."""
    return -int(iso.replace("-", "")) if iso else 1
