"""What the history needs from each version of a file, cheaply: its approval, its title,
and whether it parses.

A file's versions differ in a line or two, and parsing is the slow part (≈ 10 ms for a
full description), so a version is checked in pieces: the grammar makes every section
independent of the others (a section starts at column 0 and the indentation returns to 0
before the next), and inside `ülesanded` and `nõuded` every duty or requirement is
independent too (each starts two spaces in). Each piece is parsed on its own — a duty is
parsed under its section's heading line — and remembered by its text, so a new version
costs only the pieces it changed. When any piece fails, the whole text is parsed to report
the error exactly as `aj check` would; a version passes only when every piece does.

Format layer only: no git here (ajtui.history feeds it blob texts).
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass

from . import model as m
from .parser import AjError, AjSyntaxError, decode, loads

_HEADER = re.compile(r"(?:\d+\.\s+)?([^\W\d_]+)", re.UNICODE)
#: Sections whose body is split further, one piece per entry.
_SPLIT = ("ülesanded", "nõuded")


@dataclass
class VersionInfo:
    """The approval section (None when missing or unreadable), the position title, and
    the parse error as one line (None when the version parses)."""

    approval: m.FieldSection | None
    title: str | None
    error: str | None

    @property
    def approval_view(self) -> m.Approval | None:
        return m.Approval(self.approval) if self.approval is not None else None


def pieces(text: str) -> list[tuple[str, str]] | None:
    """(section kind, piece text) for each independently parseable piece, or None when the
    text has no section at column 0 or starts with something that is not a comment."""
    lines = text.split("\n")
    starts = [n for n, line in enumerate(lines)
              if line and line[0] != " " and not line.startswith("#")]
    if not starts:
        return None
    for line in lines[: starts[0]]:
        s = line.strip()
        if s and not s.startswith("#"):
            return None
    out: list[tuple[str, str]] = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        header = lines[start]
        mo = _HEADER.match(header)
        kind = m.SECTION_KEYWORDS.get(mo.group(1).lower(), "") if mo else ""
        body = lines[start + 1: end]
        if kind not in _SPLIT:
            out.append((kind, "\n".join(lines[start:end]) + "\n"))
            continue
        subs = [n for n, line in enumerate(body)
                if len(line) > 2 and line[:2] == "  " and line[2] not in " #"]
        if not subs:
            out.append((kind, "\n".join(lines[start:end]) + "\n"))
            continue
        # lines before the first entry (blank or comments) travel with it
        bounds = [0] + subs[1:] + [len(body)]
        for a, b in zip(bounds, bounds[1:]):
            out.append((kind, header + "\n" + "\n".join(body[a:b]) + "\n"))
    return out


class VersionChecker:
    """Checks versions piece by piece, remembering pieces (by text) and versions (by blob
    id). Not thread-safe: one per History, used under its lock."""

    def __init__(self, max_chars: int = 8_000_000) -> None:
        self._pieces: OrderedDict[str, m.Document | None] = OrderedDict()
        self._chars = 0
        self._max = max_chars
        self._versions: dict[str, VersionInfo] = {}

    def info(self, data: bytes | str, key: str | None = None) -> VersionInfo:
        """The version's approval, title and error; `key` (a blob id) caches the answer."""
        if key is not None and key in self._versions:
            return self._versions[key]
        info = self._check(data)
        if key is not None:
            self._versions[key] = info
        return info

    def _check(self, data: bytes | str) -> VersionInfo:
        try:
            text = decode(data) if isinstance(data, bytes) else data
        except AjSyntaxError as e:
            return VersionInfo(None, None, _one_line(e))
        parts = pieces(text)
        if parts is None:
            return self._whole(text)
        approval: m.FieldSection | None = None
        title: str | None = None
        ok = True
        for kind, piece in parts:
            doc = self._piece(piece)
            if doc is None:
                ok = False
                continue
            sec = doc.sections[0] if doc.sections else None
            if kind == "ametijuhend" and approval is None and isinstance(sec, m.FieldSection):
                approval = sec
            elif kind == "üldosa" and title is None and isinstance(sec, m.FieldSection):
                title = sec.value("ametinimetus")
        if ok:
            return VersionInfo(approval, title, None)
        full = self._whole(text)
        # the whole parse has the exact error; keep what the pieces could still tell
        return VersionInfo(full.approval or approval, full.title or title, full.error)

    def _whole(self, text: str) -> VersionInfo:
        try:
            doc = loads(text)
        except AjError as e:
            return VersionInfo(None, None, _one_line(e))
        sec = doc.section("ametijuhend")
        return VersionInfo(sec if isinstance(sec, m.FieldSection) else None, doc.title, None)

    def _piece(self, piece: str) -> m.Document | None:
        if piece in self._pieces:
            self._pieces.move_to_end(piece)
            return self._pieces[piece]
        try:
            doc: m.Document | None = loads(piece)
        except AjError:
            doc = None
        self._pieces[piece] = doc
        self._chars += len(piece)
        while self._chars > self._max and self._pieces:
            old, _ = self._pieces.popitem(last=False)
            self._chars -= len(old)
        return doc


def _one_line(e: AjError) -> str:
    if isinstance(e, AjSyntaxError) and e.line:
        return f"line {e.line}, column {e.column}: {e.message}"
    return e.message
