"""Shared wordings: where the same or nearly the same text stands in many descriptions.

Every part of a description that holds text of its own (a duty, a result, a paragraph or
item, a field's value, a competency — see `units`) is a *unit*, named by its `aj query`
path and line. `WordIndex` holds the units of many files: each distinct wording once
(flowed: the author's line breaks as spaces), where it stands, and an inverted index from
word tokens to wordings.

How alike two wordings are is the diff's own measure, `ajtui.ops.words.similarity`: the
share of equal word tokens, 2·M / (|A| + |B|) where M is the number of tokens that
SequenceMatcher matches in order (punctuation marks are tokens; case counts).

Finding candidates does not compare the query with every wording. Tokens are indexed as a
multiset (the second "ja" of a text is the key "ja#2"), so the tokens two texts share, as
keys, number at least M. A wording with similarity ≥ t to a query of n tokens has at least
n·t/(2−t) tokens (and at most n·(2−t)/t) and so shares at least o = ⌈n·t/(2−t)⌉ keys with
it; any such wording holds one of the query's n−o+1 rarest keys (a prefix filter). Only
the wordings in those keys' postings, of a fitting length, are compared exactly: none above
the threshold is missed.

Imports the format layer and ajtui.ops only; ajtui.store.wordindex keeps an index between
runs (through the one cache).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ajtui.format import model as m
from ajtui.ops.levels import fold
from ajtui.ops.paths import leaves, quote_name, section_targets
from ajtui.ops.words import flow, matcher, tokens

#: The default similarity for "nearly the same wording".
DEFAULT_THRESHOLD = 0.8
#: The lowest threshold asked for (below it almost anything is a candidate).
MIN_THRESHOLD = 0.3
#: Sections whose parts are not wordings: the approval header and the signatures.
SKIP_SECTIONS = frozenset({"ametijuhend", "allkirjad"})


@dataclass(frozen=True)
class Unit:
    """One part of a description with text of its own."""

    path: str  # an `aj query` path: ülesanded[3.4].tekst, nõuded.lisakompetentsid[2]
    line: int
    text: str  # flowed
    #: A competency's name: a group's name, or an additional competency's "Name:" head.
    name: str = ""


def _head(text: str) -> str:
    """The name an additional competency starts with ("Korrektsus: Täidab …")."""
    head, colon, _ = text.partition(":")
    return head.strip() if colon and 0 < len(head.strip()) <= 80 else ""


def units(doc: m.Document) -> list[Unit]:
    """The parts of `doc` that hold text, with their paths and lines: every leaf of
    `ajtui.ops.paths.leaves` (a group's `.nimi` and the words around a field stated in
    prose excepted), and each competency group as
    one unit (its items joined), so a group can be found by its whole wording."""
    out: list[Unit] = []
    for sec in section_targets(doc):
        node = sec.node
        if isinstance(node, m.Section) and node.kind in SKIP_SECTIONS:
            continue
        for leaf in leaves(sec):
            # a group's name is in its group's unit; the words around a field in a `> `
            # statement share the field's path, which `aj replace --similar` would set
            if leaf.attr in ("name", "before", "after") or leaf.language is not None:
                continue
            text = flow(leaf.value)
            if not text:
                continue
            name = _head(text) if ".lisakompetentsid[" in leaf.path else ""
            out.append(Unit(leaf.path, leaf.line, text, name))
        if isinstance(node, m.RequirementsSection):
            for e in node.entries:
                if isinstance(e, m.Competencies):
                    for g in e.groups:
                        text = flow(" ".join(it.text for it in g.items))
                        if text:
                            path = f"{sec.path}.kompetentsid[{quote_name(flow(g.name))}]"
                            out.append(Unit(path, g.line, text, flow(g.name)))
    return out


def keys(text: str) -> list[str]:
    """The text's tokens as index keys, a repeated token numbered (`ja`, `ja#2`)."""
    seen: dict[str, int] = {}
    out = []
    for t in tokens(text):
        n = seen.get(t, 0) + 1
        seen[t] = n
        out.append(t if n == 1 else f"{t}#{n}")
    return out


def name_key(name: str) -> str:
    """A competency name as compared: case, accents and spacing ignored."""
    return fold(" ".join(name.split())).lower()


def _ints(s: str) -> list[int]:
    return [int(x) for x in s.split()] if s else []


@dataclass(frozen=True)
class Place:
    """Where a wording stands, and how alike it is to what was looked for."""

    file: str
    path: str
    line: int
    text: str
    similarity: float

    def to_json(self) -> dict:
        return {
            "file": self.file,
            "path": self.path,
            "line": self.line,
            "similarity": round(self.similarity, 4),
            "text": self.text,
        }


class WordIndex:
    """The units of many files. Lists of numbers are kept as space-separated strings (as
    they are cached) and read only for the wordings a query reaches."""

    def __init__(
        self,
        files: list[str],
        texts: list[str],
        paths: list[str],
        where: list[str],
        postings: dict[str, str],
        names: dict[str, str],
    ) -> None:
        self.files, self.texts, self.paths = files, texts, paths
        #: per text: where it stands, "file path line file path line …" (ids into files
        #: and paths; a file's units in its order)
        self.where = where
        #: index key → the ids of the texts holding it
        self.postings = postings
        #: competency name (name_key) → the ids of texts of units with that name
        self.names = names

    # --- building ---
    @classmethod
    def build(cls, per_file: Iterable[tuple[str, list[Unit]]]) -> WordIndex:
        files: list[str] = []
        texts: list[str] = []
        paths: list[str] = []
        tid: dict[str, int] = {}
        pid: dict[str, int] = {}
        where: list[list[str]] = []
        names: dict[str, set[int]] = {}
        for file, found in per_file:
            f = str(len(files))
            files.append(file)
            for u in found:
                t = tid.get(u.text)
                if t is None:
                    t = tid[u.text] = len(texts)
                    texts.append(u.text)
                    where.append([])
                p = pid.get(u.path)
                if p is None:
                    p = pid[u.path] = len(paths)
                    paths.append(u.path)
                where[t] += (f, str(p), str(u.line))
                if u.name:
                    names.setdefault(name_key(u.name), set()).add(t)
        post: dict[str, list[int]] = {}
        for t, text in enumerate(texts):
            for k in set(keys(text)):
                post.setdefault(k, []).append(t)
        return cls(
            files,
            texts,
            paths,
            [" ".join(w) for w in where],
            {k: " ".join(map(str, v)) for k, v in post.items()},
            {k: " ".join(map(str, sorted(v))) for k, v in names.items()},
        )

    def all_units(self) -> list[list[Unit]]:
        """Each file's units, in the order of `files` (names worked out from path and
        text): what an index is built anew from when some files changed."""
        per: list[list[tuple[int, Unit]]] = [[] for _ in self.files]
        for t, w in enumerate(self.where):
            nums, text = _ints(w), self.texts[t]
            for k in range(0, len(nums), 3):
                path = self.paths[nums[k + 1]]
                per[nums[k]].append(
                    (nums[k + 2], Unit(path, nums[k + 2], text, _unit_name(path, text)))
                )
        return [[u for _, u in sorted(us, key=lambda x: x[0])] for us in per]

    def to_json(self) -> dict:
        return {
            "files": self.files,
            "texts": self.texts,
            "paths": self.paths,
            "where": self.where,
            "postings": self.postings,
            "names": self.names,
        }

    @classmethod
    def from_json(cls, data: dict) -> WordIndex:
        return cls(
            list(data["files"]),
            list(data["texts"]),
            list(data["paths"]),
            list(data["where"]),
            dict(data["postings"]),
            dict(data["names"]),
        )

    # --- looking up ---
    def similar_texts(self, query: str, threshold: float) -> dict[int, float]:
        """The ids of the wordings with similarity ≥ threshold to `query`, and each one's
        similarity (see the module's docstring for why none is missed)."""
        qk = keys(flow(query))
        n = len(qk)
        if not n:
            return {}
        t = min(1.0, max(threshold, MIN_THRESHOLD))
        need = max(1, math.ceil(n * t / (2 - t) - 1e-9))
        lo, hi = n * t / (2 - t) - 1e-9, n * (2 - t) / t + 1e-9
        # the rarest keys first (a posting's length stands for how many texts hold it)
        ranked = sorted(qk, key=lambda k: len(self.postings.get(k, "")))
        cands: set[int] = set()
        for k in ranked[: n - need + 1]:
            cands.update(_ints(self.postings.get(k, "")))
        qt = tokens(flow(query))
        out: dict[int, float] = {}
        for c in cands:
            ct = tokens(self.texts[c])
            if not lo <= len(ct) <= hi:
                continue
            sm = matcher(qt, ct)
            if sm.real_quick_ratio() < t or sm.quick_ratio() < t:
                continue
            r = sm.ratio()
            if r >= t - 1e-9:
                out[c] = r
        return out

    def places(self, sims: dict[int, float]) -> list[Place]:
        """Every place the wordings `sims` (text id → similarity) stand, most alike first."""
        out = []
        files, paths = self.files, self.paths
        for t, sim in sims.items():
            nums, text = _ints(self.where[t]), self.texts[t]
            for k in range(0, len(nums), 3):
                out.append(Place(files[nums[k]], paths[nums[k + 1]], nums[k + 2], text, sim))
        out.sort(key=lambda p: (-p.similarity, p.file, p.line, p.path))
        return out

    def where_used(self, query: str, threshold: float = DEFAULT_THRESHOLD) -> list[Place]:
        """The places with the same or nearly the same wording as `query`."""
        return self.places(self.similar_texts(query, threshold))

    def named(self, name: str) -> list[int]:
        """The ids of the wordings of competencies called `name`."""
        return _ints(self.names.get(name_key(name), ""))

    def competency(
        self, name: str, threshold: float = DEFAULT_THRESHOLD
    ) -> tuple[str, list[Place]]:
        """The competency `name`: its most common wording (the reference), and every place
        with a competency of that name or a wording like the reference. ("", []) when no
        description has a competency of that name."""
        ids = self.named(name)
        if not ids:
            return "", []
        want = name_key(name)
        counts = {t: len(set(_ints(self.where[t])[::3])) for t in ids}
        ref_id = max(ids, key=lambda t: (counts[t], -t))
        reference = self.texts[ref_id]
        sims = self.similar_texts(reference, threshold)
        qt = tokens(reference)
        for t in ids:
            if t not in sims:
                sims[t] = matcher(qt, tokens(self.texts[t])).ratio()
        found = self.places(sims)
        # a wording like the reference but under another name stays; of the texts found
        # by name, only the places that bear the name (the same text may stand elsewhere)
        named = {self.texts[t] for t in ids}
        keep = [
            p
            for p in found
            if p.similarity >= threshold
            or (p.text in named and name_key(_unit_name(p.path, p.text)) == want)
        ]
        return reference, keep


def is_group_path(path: str) -> bool:
    """The path of a whole competency group (`nõuded.kompetentsid[Kliendikesksus]`): a
    unit whose text is its items joined, found but not set as one text."""
    if not (path.endswith("]") and ".kompetentsid[" in path):
        return False
    inner = path.split(".kompetentsid[", 1)[1][:-1]
    if inner.startswith('"'):
        return inner.endswith('"') and len(inner) >= 2 and '"' not in inner[1:-1].replace('\\"', "")
    return "[" not in inner and "]" not in inner


def _unit_name(path: str, text: str) -> str:
    if ".lisakompetentsid[" in path:
        return _head(text)
    if is_group_path(path):
        inner = path.split(".kompetentsid[", 1)[1][:-1]
        if inner.startswith('"'):
            inner = inner[1:-1].replace('\\"', '"').replace("\\\\", "\\")
        return inner
    return ""


# --- variants ---------------------------------------------------------------------------------


@dataclass
class Variant:
    """One wording among the near-identical ones, and where it stands."""

    text: str
    similarity: float
    places: list[Place]

    @property
    def files(self) -> list[str]:
        return list(dict.fromkeys(p.file for p in self.places))

    def to_json(self) -> dict:
        return {
            "text": self.text,
            "similarity": round(self.similarity, 4),
            "files": self.files,
            "places": [{"file": p.file, "path": p.path, "line": p.line} for p in self.places],
        }


def variants(places: Iterable[Place]) -> list[Variant]:
    """Places grouped by wording: the most alike first, then the most used."""
    groups: dict[str, Variant] = {}
    for p in places:
        v = groups.get(p.text)
        if v is None:
            v = groups[p.text] = Variant(p.text, p.similarity, [])
        v.places.append(p)
    return sorted(groups.values(), key=lambda v: (-v.similarity, -len(v.places), v.text))


def matching_units(doc: m.Document, query: str, threshold: float) -> Iterator[tuple[Unit, float]]:
    """The units of one description like `query` (what `aj replace --similar` edits):
    the same measure as the index, on one file, no index needed."""
    qt = tokens(flow(query))
    if not qt:
        return
    t = min(1.0, max(threshold, MIN_THRESHOLD))
    for u in units(doc):
        if is_group_path(u.path):
            continue  # a whole group: not one text that can be set
        r = matcher(qt, tokens(u.text)).ratio()
        if r >= t - 1e-9:
            yield u, r
