"""`git log` read as records: the format ajtui asks git for, and a reader that takes its
output as it comes (no byte a message, a name or a path can hold separates anything).

    reader = LogReader(short=7)
    for chunk in chunks:                  # text cut after a NUL
        records = reader.feed(chunk)
    records += reader.end()
"""

from __future__ import annotations

import datetime as _dt

from ajtui.store.gitproc import HistoryError

# the log format: NUL-separated fields, the message last. With -z, git ends the format with
# a NUL, puts every raw diff entry's paths between NULs and separates commits by NUL: no
# byte a message, a name or a path can hold separates anything.
LOG_FORMAT = "%H%x00%P%x00%aI%x00%an%x00%ae%x00%B"
_NULL_SHA = "0" * 40
_HEX = frozenset("0123456789abcdef")


def is_sha(token: str) -> bool:
    return len(token) in (40, 64) and _HEX.issuperset(token)


class LogReader:
    """Records of `git log -z --raw --no-abbrev -c --format=LOG_FORMAT`, read from its output as
    it comes (`feed` text cut after a NUL; `end` when git has finished): commit fields and
    the raw diff entries [(status, blob after, path before, path after)]. A record is
    positional: six fields, then entries (a token starting with ':', then one path, or
    two for a rename or copy), then the next commit's id — so a message can hold
    anything git lets it hold and still forge nothing. Output that does not fit raises
    HistoryError rather than guess. (--no-abbrev makes commit ids full length; the short
    id is cut here to `short` characters.)"""

    def __init__(self, short: int = 7) -> None:
        self._short = short
        self._tokens: list[str] = []

    def feed(self, text: str) -> list[dict]:
        tokens = self._tokens
        tokens.extend(text.split("\0"))
        if tokens and tokens[-1] == "":
            tokens.pop()  # the text ends with a NUL
        records: list[dict] = []
        start = 0
        while True:
            got = self._record(tokens, start, final=False)
            if got is None:
                break
            rec, start = got
            records.append(rec)
        del tokens[:start]
        return records

    def end(self) -> list[dict]:
        records: list[dict] = []
        tokens, start = self._tokens, 0
        while start < len(tokens):
            got = self._record(tokens, start, final=True)
            if got is None:
                break
            rec, start = got
            records.append(rec)
        self._tokens = []
        return records

    def _record(self, tokens: list[str], k: int, final: bool) -> tuple[dict, int] | None:
        n = len(tokens)
        while k < n and not tokens[k].strip("\n"):
            k += 1  # the NULs between commits
        if k + 6 > n:
            if final and k < n:
                raise HistoryError("git log: unexpected output (a record cut short)")
            return None
        sha = tokens[k].strip("\n")
        if not is_sha(sha):
            raise HistoryError(f"git log: unexpected output ({sha[:20]!r} is not a commit id)")
        parents, date, author, email, message = tokens[k + 1 : k + 6]
        k += 6
        entries = []
        while True:
            while k < n and tokens[k] in ("", "\n"):
                k += 1
            if k >= n:
                if not final:
                    return None  # entries may follow
                break
            meta = tokens[k].lstrip("\n")
            if not meta.startswith(":"):
                break  # the next commit
            combined = meta.startswith("::")
            parts = meta.lstrip(":").split()
            status = parts[-1] if parts else "M"
            blob = parts[-2] if len(parts) >= 2 else _NULL_SHA
            paths = 2 if not combined and status[:1] in ("R", "C") else 1
            if k + paths >= n:
                if final:
                    raise HistoryError("git log: unexpected output (an entry cut short)")
                return None
            before, after = tokens[k + 1], tokens[k + paths]
            k += 1 + paths
            st = status[:1] if not combined else ("D" if blob == _NULL_SHA else "M")
            entries.append((st, None if blob == _NULL_SHA else blob, before, after))
        return (
            {
                "sha": sha,
                "short": sha[: self._short],
                "parents": parents.split(),
                "date": date,
                "author": author,
                "email": email,
                "message": message.strip("\n"),
                "entries": entries,
            },
            k,
        )


def parse_log(out: str, short: int = 7) -> list[dict]:
    """Every record of a whole `git log` output (see LogReader)."""
    reader = LogReader(short)
    return reader.feed(out) + reader.end()


def log_date(text: str) -> _dt.datetime:
    try:
        return _dt.datetime.fromisoformat(text.strip())
    except ValueError:
        return _dt.datetime.fromtimestamp(0, _dt.UTC)


def pick_entry(entries: list, rel: str, so_far: list):
    """The raw entry for the followed file in one log record: the one whose new path is
    the file's name at that point of the walk (its old name in the newer commit)."""
    if not entries:
        return None
    if len(entries) == 1:
        return entries[0]
    want = so_far[-1][1][2] if so_far else rel
    for e in entries:
        if e[3] == want:
            return e
    for e in entries:
        if e[2] == want:
            return e
    return entries[0]
