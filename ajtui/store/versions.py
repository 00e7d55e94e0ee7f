"""What the history needs from each version of a file, cheaply: its approval, its title,
and whether it parses.

A file's versions differ in a line or two, and parsing is the slow part (even the
smallest piece costs a parse), so a version is checked in pieces:

1. The grammar makes every section independent of the others (a section starts at
   column 0 and the indentation returns to 0 before the next), and inside `ülesanded` and
   `nõuded` every duty or requirement is independent too (each starts two spaces in,
   once the section's first line has set that level). Each piece is parsed on its own —
   an entry under its section's heading line — and remembered by its text, so a new
   version costs only the pieces it changed.
2. A changed piece whose lines keep their *heads* gets the verdict of the piece at the
   same place in the version checked before, without parsing. A line's head is what the
   grammar's terminals can see: its indentation; which terminal its first word could be
   (a duty number, a section number, an item mark, a keyword and what follows it, or an
   ordinary word — a field name or TEXT depending on the place, not on the word);
   whether more text follows; whether it has a colon and text after it; for a section
   heading at column 0, the heading itself. Everything else on a line is TEXT, whose
   words cannot make a version parse or fail; blank and comment lines never matter.
3. So when a version differs from the one checked before only in whole lines inside one
   piece, and those lines keep their heads, it gets that version's verdict after a
   comparison of bytes and a few heads — without even being split or decoded.

When a piece fails, its error is the whole parse's (the whole parse reaches the piece in
the same state and reads the same tokens), placed at the right line — unless the piece
fails at its own end, where the whole text goes on: then the whole text is parsed. The
approval section is always parsed for real (its fields are read).
The property tests in tests/test_history_versions.py hold all this against whole parses.

Works on the bytes of a version (as git stores them); decodes only what it parses.
Format layer only: no git here (ajtui.store.history feeds it blob contents).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from ajtui.base.bounded import BoundedDict
from ajtui.base.errors import AjError, AjSyntaxError, decode
from ajtui.format import model as m
from ajtui.format import vocabulary
from ajtui.format.parser import loads

_HEADER = re.compile(r"(?:\d+\.\s+)?([^\W\d_]+)", re.UNICODE)
_SECTION_START = re.compile(rb"\n(?=[^ #\n])")
_ENTRY_START = re.compile(rb"\n  (?=[^ #\n])")
#: Sections whose body is split further, one piece per entry.
_SPLIT = ("ülesanded", "nõuded")
#: Sections whose fields are read for every version (always parsed).
_READ = ("ametijuhend",)
#: A piece known to parse, without its model (its verdict was inherited).
_VALID = m.Document()
_BOM = "\ufeff".encode()


@dataclass
class VersionInfo:
    """The approval section (None when missing or unreadable), the position title (when
    the general part was parsed; `VersionChecker.title` reads it for any version), and
    the parse error as one line (None when the version parses)."""

    approval: m.FieldSection | None
    title: str | None
    error: str | None
    #: for callers to keep what they derive from this info (computed once per version)
    memo: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def approval_view(self) -> m.Approval | None:
        return m.Approval(self.approval) if self.approval is not None else None


#: A piece: its section kind, where its own bytes lie in the version, and the heading
#: line put before it when it is an entry parsed under its section's heading.
Span = tuple[str, int, int, bytes]


def _only_comments(data: bytes) -> bool:
    """Nothing but blank lines and comments."""
    for line in data.split(b"\n"):
        s = line.strip()
        if s and not s.startswith(b"#"):
            return False
    return True


@lru_cache(maxsize=4096)  # a version's few headings, met again in every version
def _kind(header: bytes) -> str:
    mo = _HEADER.match(header.decode("utf-8", "replace"))
    return vocabulary.SECTION_KEYWORDS.get(mo.group(1).lower(), "") if mo else ""


def spans(data: bytes) -> list[Span] | None:
    """The independently parseable pieces of a version, or None when it has no section at
    column 0 or starts with something that is not a comment."""
    starts = [0] if data and data[:1] not in (b" ", b"#", b"\n") else []
    starts.extend(mo.end() for mo in _SECTION_START.finditer(data))
    if not starts:
        return None
    if starts[0] and not _only_comments(data[: starts[0]]):
        return None
    out: list[Span] = []
    ends = starts[1:] + [len(data)]
    for s, e in zip(starts, ends):
        nl = data.find(b"\n", s, e)
        header = data[s:nl] if nl >= 0 else data[s:e]
        kind = _kind(header)
        if kind not in _SPLIT or nl < 0:
            out.append((kind, s, e, b""))
            continue
        subs = [mo.end() - 2 for mo in _ENTRY_START.finditer(data, nl, e)]
        if not subs or not _only_comments(data[nl + 1 : subs[0]]):
            # entries are independent only when the first line of the body is one (it
            # sets the indentation level to 2 for all that follow)
            out.append((kind, s, e, b""))
            continue
        # the heading line is a piece of its own; lines before the first entry (blank or
        # comments) travel with it
        out.append((kind, s, nl + 1, b""))
        bounds = [nl + 1] + subs[1:] + [e]
        head = header + b"\n"
        for a, b in zip(bounds, bounds[1:]):
            out.append((kind, a, b, head))
    return out


def pieces(text: str) -> list[tuple[str, str]] | None:
    """(section kind, piece text) for each independently parseable piece (see spans)."""
    data = text.encode("utf-8")
    found = spans(data)
    if found is None:
        return None
    return [(kind, (head + data[a:b]).decode("utf-8")) for kind, a, b, head in found]


def _common_prefix(a: bytes, b: bytes) -> int:
    """Length of the common prefix: a binary search comparing slices (memcmp)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: bytes, b: bytes, limit: int) -> int:
    """Length of the common suffix, at most `limit`."""
    la, lb = len(a), len(b)
    lo, hi = 0, max(0, limit)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[la - mid : la - lo] == b[lb - mid : lb - lo]:
            lo = mid
        else:
            hi = mid - 1
    return lo


_KEYWORDS = frozenset(vocabulary.SECTION_KEYWORDS) | {"kompetentsid", "lisakompetentsid"}
_DUTYNUM = re.compile(r"\d+(\.\d+)+\.?")
_SECNUM = re.compile(r"\d+\.")


def _first_word_class(s: str, first: str) -> str:
    """Which of the grammar's terminals could start a line with this first word: a duty
    number, a section number, an item mark, a keyword (and what follows it), or an
    ordinary word (a field name or text — which one depends on the place, not the word)."""
    c = first[0]
    if c == "-":
        return "item" if first == "-" else "dash"
    if c == ":":
        return "colon"
    if c.isdigit():
        if _DUTYNUM.fullmatch(first):
            return "dutynum"
        if _SECNUM.fullmatch(first):
            return "secnum"
    base = first.split(":", 1)[0].lower()
    if base in _KEYWORDS:
        return f"kw:{base}:{s[len(base) :].lstrip(' ')[:1]}"
    return "word"


def heads(piece: str) -> tuple:
    """What the grammar can see of each line: indentation, the class of the first word,
    whether more text follows, whether there is a colon and text after it; a line at
    column 0 (a section heading) up to its colon. Blank and comment lines are left out."""
    out = []
    known = _LINE_HEADS
    for line in piece.split("\n"):
        head = known.get(line, _UNSEEN)
        if head is _UNSEEN:  # lines repeat from version to version: each is seen once
            head = known[line] = _line_head(line)
        if head is not None:
            out.append(head)
    return tuple(out)


_UNSEEN = object()
_LINE_HEADS: BoundedDict = BoundedDict(65536)  # line -> its head (or None)


def _line_head(line: str) -> tuple | None:
    """One line's head (see heads); None for a blank or comment line."""
    s = line.lstrip(" ")
    if not s or s[0] == "#":
        return None
    indent = len(line) - len(s)
    colon = s.find(":")
    after = colon >= 0 and bool(s[colon + 1 :].strip())
    if indent == 0:
        return (0, s if colon < 0 else s[: colon + 1], after)
    first, _, rest = s.partition(" ")
    return (indent, _first_word_class(s, first), bool(rest.strip()), colon >= 0, after)


def _utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _unsafe(data: bytes) -> bool:
    """Characters the parser refuses wherever they are (the whole parse reports them)."""
    return b"\t" in data or b"\r" in data or b"\0" in data


class VersionChecker:
    """Checks versions piece by piece, remembering pieces (by bytes) and versions (by
    blob id). Not thread-safe: one per History, used under its lock."""

    def __init__(self, max_bytes: int = 8_000_000) -> None:
        #: piece bytes -> its Document (parsed), _VALID (inherited), or None (fails)
        self._pieces = BoundedDict(max_bytes, weigh=lambda piece, _verdict: len(piece))
        self._versions: dict[str, VersionInfo] = {}
        #: the version checked last: (bytes, spans, info)
        self._last: tuple[bytes, list[Span], VersionInfo] | None = None
        self._head_cache = BoundedDict(4096)  # piece bytes -> heads()
        #: (kind, heads) of every piece that parsed: a verdict depends on nothing else
        self._valid_shapes = BoundedDict(16384)  # (kind, heads) -> None
        #: why a piece failed (kept for a few, to place the error without a whole parse)
        self._errors = BoundedDict(256)  # piece bytes -> AjError
        #: piece bytes -> the digest of its model (see content)
        self._digests = BoundedDict(16384)
        #: piece bytes -> the keys of its units (see wordings)
        self._wordings = BoundedDict(16384)
        #: pieces parsed, and verdicts inherited without a parse (for benchmarks)
        self.parsed = 0
        self.inherited = 0

    def info(self, data: bytes | str, key: str | None = None) -> VersionInfo:
        """The version's approval, title and error; `key` (a blob id) caches the answer."""
        if key is not None:
            found = self._versions.get(key)
            if found is not None:
                return found
        info = self._check(data.encode("utf-8") if isinstance(data, str) else data)
        if key is not None:
            self._versions[key] = info
        return info

    def known(self, key: str) -> VersionInfo | None:
        return self._versions.get(key)

    def title(self, data: bytes) -> str | None:
        """The position title (ametinimetus) of a version: its general part parsed alone
        (remembered by its bytes); None when missing or unreadable."""
        found = spans(data)
        for kind, a, b, head in found or ():
            if kind != "üldosa":
                continue
            piece = head + data[a:b]
            doc = self._pieces.get(piece)
            if doc is None or doc is _VALID:
                try:
                    doc = loads(piece.decode("utf-8"))
                except (AjError, UnicodeDecodeError):
                    return None
                self._pieces[piece] = doc
            sec = doc.sections[0] if doc.sections else None
            return sec.value("ametinimetus") if isinstance(sec, m.FieldSection) else None
        return None

    # --- what a version says ---
    def content(self, data: bytes) -> str | None:
        """A digest of what the version says — its models with comments, positions and
        line breaks left out — or None when it does not parse. Two versions with the same
        digest differ only in layout. Made piece by piece (see spans), each piece's digest
        remembered by its bytes, so a new version costs only the pieces it changed. Two
        layouts that split into pieces differently get different digests: a change is
        never missed, only (rarely) a layout change reported as one."""
        found = self._by_piece(data, self._digests, lambda doc: _digest(_canon(doc)))
        if found is None:
            return None
        parts, split = found
        return _digest("\0".join(parts)) if split else parts[0]

    def wordings(self, data: bytes) -> frozenset | None:
        """The keys of the version's units (see units): piece by piece, each piece's
        remembered by its bytes. None when the version does not parse."""
        # an entry parsed under its heading: the heading's own units are the heading
        # piece's (a section heading has none)
        found = self._by_piece(
            data, self._wordings, lambda doc: frozenset(k for _p, k, _n in units(doc))
        )
        return None if found is None else frozenset().union(*found[0])

    def _by_piece(self, data: bytes, known: dict, of: Callable) -> tuple[list, bool] | None:
        """`of(model)` for each piece of the version (see spans), remembered in `known` by
        the piece's bytes, and whether it was split; the whole version as one piece where
        it cannot be. None when the version does not parse."""
        found = None
        if not _unsafe(data) and not data.startswith(_BOM) and _utf8(data):
            found = spans(data)
        if found is None:
            try:
                return [of(loads(decode(data)))], False
            except AjError:
                return None
        parts = []
        for _kind, a, b, head in found:
            piece = head + data[a:b]
            got = known.get(piece)
            if got is None:
                doc = self._pieces.get(piece)
                if doc is None or doc is _VALID:
                    try:
                        doc = loads(piece.decode("utf-8"))
                    except AjError:
                        return None
                got = known[piece] = of(doc)
            parts.append(got)
        return parts, True

    # --- one version ---
    def _check(self, data: bytes) -> VersionInfo:
        last = self._last
        if last is not None and last[2].error is None:  # the version before parsed
            if last[0] == data:
                return last[2]
            region = _changed_lines(last[0], data)
            fast = self._fast(data, region) or self._window(data, region)
            if fast is not None:
                return fast
        self._last = None
        try:
            text = decode(data)
        except AjSyntaxError as e:
            return VersionInfo(None, None, _one_line(e))
        if _unsafe(data) or data.startswith(_BOM):
            return self._whole(text)
        found = spans(data)
        if found is None:
            return self._whole(text)
        approval: m.FieldSection | None = None
        title: str | None = None
        failed: Span | None = None
        before = self._siblings(len(found))
        verdicts: list[bool] = []
        for k, span in enumerate(found):
            kind, a, b, head = span
            doc = self._piece(kind, head + data[a:b], before(k))
            verdicts.append(doc is not None)
            if doc is None:
                failed = failed or span
            else:
                approval, title = _fields_read(kind, doc, approval, title)
        if failed is None:
            info = VersionInfo(approval, title, None)
        else:
            error = self._placed_error(data, failed)
            if error is None:
                full = self._whole(text)
                # the whole parse has the exact error; keep what the pieces still tell
                info = VersionInfo(full.approval or approval, full.title or title, full.error)
            else:
                info = VersionInfo(approval, title, error)
        self._last = (data, found, info)
        self._previous = (data, found, None if failed is None else verdicts)
        return info

    def _siblings(self, count: int, prev: tuple | None = None):
        """For the piece at place k of a version of `count` pieces: the pieces of the
        version checked before that may be its sibling, as (kind, bytes, valid) — the one
        with the same bytes, else the one at the same place counted from the start, and
        the one counted from the end (a piece more or less shifts the places after it).
        `prev` narrows the version before to some of its pieces (see _window)."""
        prev = prev or self._previous
        if prev is None:
            return lambda k: ()
        pdata, pspans, pverdicts = prev
        n = len(pspans)
        entries = [
            (kind, head + pdata[a:b], True if pverdicts is None else pverdicts[i])
            for i, (kind, a, b, head) in enumerate(pspans)
        ]
        by_bytes = {piece: (kind, piece, ok) for kind, piece, ok in entries}

        def before(k: int) -> tuple:
            out = []
            if k < n:
                out.append(entries[k])
            back = n - (count - k)
            if 0 <= back < n and back != k:
                out.append(entries[back])
            return by_bytes, out

        return before

    _previous: tuple[bytes, list[Span], list[bool] | None] | None = None

    def _fast(self, data: bytes, region: tuple[int, int, int]) -> VersionInfo | None:
        """The previous version's verdict, when this one differs from it only in whole
        lines inside one piece (not the approval or the general part) that keep their
        heads (see the module's docstring)."""
        prev, found, info = self._last  # type: ignore[misc]  # parsed (see _check)
        a, end_p, delta = region
        end_n = end_p + delta
        if end_n < a or end_p - a > 4096 or end_n - a > 4096:
            return None
        for k, (kind, s, e, head) in enumerate(found):  # noqa: B007 - used after the loop
            if s <= a and end_p < e:
                break
        else:
            return None
        changed = data[a:end_n]
        if kind in _READ or _unsafe(changed) or (a == 0 and data.startswith(_BOM)):
            return None
        try:
            new_lines = changed.decode("utf-8")  # the rest was valid in the previous version
        except UnicodeDecodeError:
            return None
        if heads(prev[a:end_p].decode("utf-8")) != heads(new_lines):
            return None
        # the same verdict: valid (the previous version parsed, so all its pieces do)
        if delta:
            found = (
                found[:k]
                + [(kind, s, e + delta, head)]
                + [(kd, s2 + delta, e2 + delta, h2) for kd, s2, e2, h2 in found[k + 1 :]]
            )
        self._last = (data, found, info)
        self._previous = (data, found, None)
        self.inherited += 1
        return info

    def _window(self, data: bytes, region: tuple[int, int, int]) -> VersionInfo | None:
        """When `_fast` could not answer and the version before parsed: only the sections
        that hold the changed lines are split and checked again (the others are the same
        bytes, and sections are independent); the version parses when they all do. None
        when something does not fit (then the whole version is split and checked)."""
        prev, found, info = self._last  # type: ignore[misc]  # parsed (see _check)
        a, end_p, delta = region
        starts = [i for i, span in enumerate(found) if not span[3]]  # a section's first
        first = [i for i in starts if found[i][1] <= a]
        if not first:
            return None  # before the first section
        i0 = first[-1]
        i1 = next((i for i in starts if found[i][1] > end_p), len(found))
        w0 = found[i0][1]
        w1 = found[i1][1] if i1 < len(found) else len(prev)
        window = data[w0 : w1 + delta]
        if (
            not window
            or window[:1] in b" #\n"
            or _unsafe(window)
            or (w0 == 0 and data.startswith(_BOM))
            or not _utf8(window)
        ):
            return None  # the whole check says why
        new = spans(window)
        if new is None:
            return None
        inside = found[i0:i1]
        kinds = {k for k, *_ in inside} | {k for k, *_ in new}
        if "ametijuhend" in kinds and any(k == "ametijuhend" for k, *_ in found[:i0] + found[i1:]):
            return None  # two approval sections: the whole check says which one counts
        before = self._siblings(
            len(new), (prev[w0:w1], [(k, s - w0, e - w0, h) for k, s, e, h in inside], None)
        )
        approval, title = info.approval, info.title
        if "ametijuhend" in kinds:
            approval = None
        if "üldosa" in kinds:
            title = None
        for k, (kind, s, e, head) in enumerate(new):
            doc = self._piece(kind, head + window[s:e], before(k))
            if doc is None:
                return None  # the whole check places the error
            approval, title = _fields_read(kind, doc, approval, title)
        result = VersionInfo(approval, title, None)
        spans_now = (
            found[:i0]
            + [(k, s + w0, e + w0, h) for k, s, e, h in new]
            + [(k, s + delta, e + delta, h) for k, s, e, h in found[i1:]]
        )
        self._last = (data, spans_now, result)
        self._previous = (data, spans_now, None)
        return result

    def _placed_error(self, data: bytes, failed: Span) -> str | None:
        """The first failing piece's error where the whole parse reports it: it reaches
        that piece in the same state and reads the same tokens, so it fails at the same
        place — unless the piece fails only at its own end (where the whole text goes
        on) or in its borrowed heading line. None then: parse the whole."""
        kind, a, b, head = failed
        e = self._errors.get(head + data[a:b])
        if not isinstance(e, AjSyntaxError) or not e.line:
            return None
        own = e.line - (1 if head else 0)  # the line within the piece's own bytes
        piece_lines = data.count(b"\n", a, b) + (0 if data.endswith(b"\n", a, b) else 1)
        if own < 1 or own >= piece_lines:
            return None
        line = data.count(b"\n", 0, a) + own
        return f"line {line}, column {e.column}: {e.message}"

    def _whole(self, text: str) -> VersionInfo:
        try:
            doc = loads(text)
        except AjError as e:
            return VersionInfo(None, None, _one_line(e))
        sec = doc.section("ametijuhend")
        return VersionInfo(sec if isinstance(sec, m.FieldSection) else None, doc.title, None)

    # --- pieces ---
    def _heads(self, piece: bytes) -> tuple:
        found = self._head_cache.get(piece)
        if found is None:
            found = self._head_cache[piece] = heads(piece.decode("utf-8"))
        return found

    def _piece(self, kind: str, piece: bytes, before: tuple) -> m.Document | None:
        """The piece's verdict: remembered; or the verdict of the same bytes, or of a
        sibling with the same heads, in the version checked before (see _siblings); or
        parsed. The approval is always parsed (its fields are read)."""
        if piece in self._pieces:
            self._pieces.move_to_end(piece)
            return self._pieces[piece]
        inherited: m.Document | None | bool = False  # False: nothing to inherit
        if kind not in _READ and before:
            by_bytes, candidates = before
            same = by_bytes.get(piece)
            if same is not None:
                inherited = _VALID if same[2] else False  # an invalid one: parse for why
            else:
                for skind, sbytes, ok in candidates:
                    if skind == kind and self._heads(sbytes) == self._heads(piece):
                        inherited = _VALID if ok else None
                        break
        if (
            inherited is False
            and kind not in _READ
            and ((kind, self._heads(piece)) in self._valid_shapes)
        ):
            inherited = _VALID  # a piece of the same shape parsed, in any version
        verdict: m.Document | None
        if inherited is not False and inherited is not None:
            verdict = inherited  # type: ignore[assignment]  # neither False nor None: a Document
            self.inherited += 1
            return verdict  # not remembered: the version's verdicts carry it
        try:
            verdict = loads(piece.decode("utf-8"))
        except AjError as e:
            verdict = None
            self._errors[piece] = e
        self.parsed += 1
        self._remember(piece, verdict)
        if verdict is not None and kind not in _READ:
            self._valid_shapes[(kind, self._heads(piece))] = None
        return verdict

    def _remember(self, piece: bytes, verdict: m.Document | None) -> None:
        if piece in self._pieces:
            return
        self._pieces[piece] = verdict


def _fields_read(
    kind: str, doc: m.Document, approval: m.FieldSection | None, title: str | None
) -> tuple[m.FieldSection | None, str | None]:
    """The approval section and the title, updated from a piece that was parsed (the
    first of each counts; an inherited verdict has no fields)."""
    if doc is _VALID:
        return approval, title
    sec = doc.sections[0] if doc.sections else None
    if isinstance(sec, m.FieldSection):
        if kind == "ametijuhend" and approval is None:
            approval = sec
        elif kind == "üldosa" and title is None:
            title = sec.value("ametinimetus")
    return approval, title


def units(doc: m.Document) -> list[tuple[str, tuple, m.Node]]:
    """The parts whose wording `aj blame` follows — every field, duty, result, paragraph,
    item and competency — as (path, key, node): the path names the part in this version
    ("üldosa.ametinimetus", "ülesanded[3.2]", "ülesanded[3.2].tulemused[1]"); the key is
    its wording (whitespace made single spaces), which is what a version either still has
    or does not: a renumbered duty keeps its wording, a changed word makes a new one."""
    out: list[tuple[str, tuple, m.Node]] = []

    def text(value: str) -> str:
        return " ".join(value.split())

    for sec in doc.sections:
        kind = sec.kind
        if isinstance(sec, m.FieldSection):
            for f in sec.fields:
                out.append((f"{kind}.{f.key}", (kind, "field", f.key, text(f.value)), f))
        elif isinstance(sec, m.ProseSection):
            for k, b in enumerate(sec.blocks, 1):
                out.append((f"{kind}[{k}]", (kind, "text", text(b.text)), b))
        elif isinstance(sec, m.DutySection):
            for d in sec.duties:
                number = d.number.rstrip(".")
                out.append((f"{kind}[{number}]", (kind, "duty", text(d.text)), d))
                for k, r in enumerate(d.results, 1):
                    out.append(
                        (f"{kind}[{number}].tulemused[{k}]", (kind, "result", text(r.text)), r)
                    )
        elif isinstance(sec, m.RequirementsSection):
            for e in sec.entries:
                if isinstance(e, m.Field):
                    out.append((f"{kind}.{e.key}", (kind, "field", e.key, text(e.value)), e))
                elif isinstance(e, m.Competencies):
                    for g in e.groups:
                        for k, it in enumerate(g.items, 1):
                            out.append(
                                (
                                    f"{kind}.kompetentsid.{text(g.name)}[{k}]",
                                    (kind, "competency", text(g.name), text(it.text)),
                                    it,
                                )
                            )
                elif isinstance(e, m.AdditionalCompetencies):
                    for k, it in enumerate(e.items, 1):
                        out.append(
                            (
                                f"{kind}.lisakompetentsid[{k}]",
                                (kind, "additional", text(it.text)),
                                it,
                            )
                        )
    return out


_LAYOUT = ("line", "column", "end_line", "comments", "trailing_comments", "path")
_FIELDS: dict[type, tuple[str, ...]] = {}


def _canon(value):
    """A model as nested tuples of what it says: no positions, no comments, and text
    with its runs of whitespace (line breaks included) made one space."""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, (list, tuple)):
        return tuple(_canon(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _canon(v)) for k, v in value.items()))
    names = _FIELDS.get(type(value))
    if names is None:
        from ajtui.base.records import compared_fields

        compared = compared_fields(type(value))
        if compared is None:
            return value
        names = _FIELDS[type(value)] = tuple(n for n in compared if n not in _LAYOUT)
    return (type(value).__name__, *(_canon(getattr(value, n)) for n in names))


def _digest(value) -> str:
    from ajtui.base.digests import blake2b

    return blake2b(repr(value).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _changed_lines(prev: bytes, data: bytes) -> tuple[int, int, int]:
    """(a, end, delta): the changed lines of `prev` are prev[a:end] (from the start of the
    first to the end of the last, its newline excluded), and data[a:end + delta] took
    their place; all before and after is the same bytes."""
    a = _common_prefix(prev, data)
    c = _common_suffix(prev, data, min(len(prev), len(data)) - a)
    a = prev.rfind(b"\n", 0, a) + 1  # from the start of the first changed line
    end = prev.find(b"\n", len(prev) - c)  # to the end of the last changed line
    if end < 0:
        end = len(prev)
    return a, end, len(data) - len(prev)


def _one_line(e: AjError) -> str:
    if isinstance(e, AjSyntaxError) and e.line:
        return f"line {e.line}, column {e.column}: {e.message}"
    return e.message
