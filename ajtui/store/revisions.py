"""What the history gives out: commits, revisions (consecutive commits under one approval),
directives and blame lines as plain data, and how commits group into revisions. No git
here (ajtui.store.history reads it).
"""

from __future__ import annotations

import datetime as _dt
from collections import namedtuple

from ajtui.format.vocabulary import (
    CONTRACT_ANNEX,
    CONTRACT_ANNEX_LABEL,
    DIRECTIVE,
    UNAPPROVED_LABEL,
    directive_label,
)

DRAFT_LABEL = "mustand"
DELETED_LABEL = "kustutatud"
UNREADABLE_LABEL = "vigane versioon"
NO_EARLIER_LABEL = "no earlier version"


# --- plain results ------------------------------------------------------------------------------


_NEW_LIST: list = []  # a default: a new empty list for each object


TYPE_CHECKING = False
if TYPE_CHECKING:  # what _plain makes, as the type checker should see it
    from dataclasses import dataclass as _plain
else:

    def _plain(cls):
        """A small @dataclass: __init__ taking the annotated fields in order (with the class's
        defaults), __repr__ and __eq__ as dataclasses makes them (tests/test_store_cache.py
        holds them equal). Not dataclasses itself: importing it (and inspect) is a fifth of a
        cached `aj log` (tests/benchmarks/README.md)."""
        names = list(cls.__dict__.get("__annotations__", {}))
        params, body, env = [], [], {}
        for n in names:
            if n not in cls.__dict__:
                params.append(n)
            elif cls.__dict__[n] is _NEW_LIST:
                params.append(f"{n}=None")
                body.append(f"    self.{n} = [] if {n} is None else {n}")
                delattr(cls, n)
                continue
            else:
                env[f"_d_{n}"] = cls.__dict__[n]
                params.append(f"{n}=_d_{n}")
            body.append(f"    self.{n} = {n}")
        exec(f"def __init__(self, {', '.join(params)}):\n" + "\n".join(body), env)
        cls.__init__ = env["__init__"]
        cls._fields = tuple(names)
        cls.__repr__ = _repr
        cls.__eq__ = _eq
        cls.__hash__ = None
        return cls

    def _repr(self) -> str:
        inner = ", ".join(f"{n}={getattr(self, n)!r}" for n in self._fields)
        return f"{type(self).__qualname__}({inner})"

    def _eq(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, n) == getattr(other, n) for n in self._fields)


@_plain
class Commit:
    sha: str
    short: str
    date: _dt.datetime  # author date, timezone-aware
    author: str
    message: str
    path: str  # the file's path (relative to the repository) at this commit
    approval_label: str | None  # "käskkiri nr 95 (11.06.2023)"; None when unreadable
    approval_key: tuple | None  # what groups commits into a revision
    error: str | None  # why this version does not parse; None when it does
    email: str = ""
    parents: list[str] = _NEW_LIST
    blob: str | None = None  # None for a commit that deleted the file
    status: str = "M"  # A added, M modified, R renamed, D deleted, C copied, T type
    title: str | None = None  # ametinimetus; read for the newest commit of each revision
    annex: str | None = None  # lisa (annex number) of this version
    approval_kind: str | None = None
    #: under an approval that approved other text: a change made after it (kinnitamata)
    unapproved: bool = False
    copied_from: str | None = None  # the path this file was copied from (its first commit)

    @property
    def deleted(self) -> bool:
        return self.blob is None

    @property
    def is_merge(self) -> bool:
        return len(self.parents) > 1

    @property
    def subject(self) -> str:
        return self.message.split("\n", 1)[0]


@_plain
class Revision:
    key: tuple
    label: str  # "käskkiri nr 95 (11.06.2023)", "mustand" for the draft
    commits: list[Commit]  # newest first; empty for the draft
    is_draft: bool = False
    number: str | None = None
    date_text: str | None = None
    error: bool = False  # some version in it does not parse
    kind: str | None = None  # approval kind: käskkirjaga | töölepingu lisana | …
    annex: str | None = None
    deleted: bool = False  # the file was deleted (or is missing from the working copy)
    title: str | None = None
    path: str | None = None  # the file's path at the newest commit (or the working copy)
    draft_error: str | None = None  # the draft's parse error
    #: the working copy is there but is not read (a FIFO, a link to a device or to nowhere,
    #: unreadable): why, in words; not "deleted"
    unreadable: str | None = None
    #: for changes made under an approval without being approved: that approval's label
    changed_after: str | None = None
    #: the file's first revision is a copy of this file (its approval header came along)
    copied_from: str | None = None

    @property
    def head(self) -> Commit | None:
        return self.commits[0] if self.commits else None

    @property
    def approving(self) -> Commit | None:
        """The commit whose text the approval approved (its first); None when not
        approved. The revision's later commits change only layout."""
        return self.commits[-1] if self.approved and self.commits else None

    @property
    def approved(self) -> bool:
        """Approved by a directive (with a number or a date) or as a contract annex."""
        if self.deleted or self.is_draft:
            return False
        if self.kind == CONTRACT_ANNEX:
            return True
        return self.kind == DIRECTIVE and bool(self.number or self.date_text)

    @property
    def authors(self) -> list[str]:
        seen: list[str] = []
        for c in self.commits:
            if c.author not in seen:
                seen.append(c.author)
        return seen


@_plain
class DirectiveEntry:
    path: str  # the description's latest path
    revision: Revision
    previous: Revision | None  # the previous approved revision of that description
    #: what the directive's text is compared with, everywhere (the app, `aj diff
    #: --directive`): the previous approved revision; for a first approval, the revision
    #: just before it (changes committed before any approval); None when there is none
    base: Revision | None = None

    @property
    def base_label(self) -> str:
        return self.base.label if self.base is not None else NO_EARLIER_LABEL


@_plain
class BlameLine:
    path: str  # "ülesanded[3.2]"
    line: int  # in the text blamed
    revision: Revision  # the one that introduced this wording
    commit: Commit | None  # its approving commit (or newest); None for the draft


@_plain
class Directive:
    number: str
    date_text: str
    label: str
    entries: list[DirectiveEntry]

    @property
    def date(self) -> _dt.date | None:
        from ajtui.base.dates import parse_date

        return parse_date(self.date_text)


# --- helpers ------------------------------------------------------------------------------------


def blob_id(data: bytes) -> str:
    """git's object id of a blob with this content (no git process needed)."""
    from ajtui.base.digests import blob_id as git_blob_id

    return git_blob_id(data)


def revision_label(kind: str | None, number: str | None, date_text: str | None) -> str:
    if kind == CONTRACT_ANNEX:
        return CONTRACT_ANNEX_LABEL + (f" ({date_text})" if date_text else "")
    if number:
        return directive_label(number, date_text)
    if kind == DIRECTIVE:
        return f"käskkiri {date_text}" if date_text else DIRECTIVE
    return kind or UNAPPROVED_LABEL


class VersionRecord(
    namedtuple(
        "VersionRecord",
        "has_approval kind number date_text annex error title titled",
        defaults=(None, False),
    )
):
    """What the version cache keeps of a version (ajtui.store.versioncache): whether it
    has an approval section and that section's fields as written, why it does not parse
    (None when it does), and its title (ametinimetus) once read (`titled`)."""

    __slots__ = ()

    @classmethod
    def of(cls, info) -> VersionRecord:
        """The record of a checked version (ajtui.store.versions.VersionInfo)."""
        appr = info.approval_view
        if appr is None:
            return cls(False, None, None, None, None, info.error)
        return cls(True, appr.kind, appr.number, appr.date_text, appr.annex, info.error)

    @classmethod
    def from_json(cls, raw: list) -> VersionRecord:
        """From the cache's list: six items, and the title as a seventh once read."""
        has_approval, kind, number, date_text, annex, error = raw[:6]
        return cls(
            has_approval,
            kind,
            number,
            date_text,
            annex,
            error,
            raw[6] if len(raw) > 6 else None,
            len(raw) > 6,
        )

    def to_json(self) -> list:
        fields = [self.has_approval, self.kind, self.number, self.date_text, self.annex, self.error]
        return [*fields, self.title] if self.titled else fields

    @property
    def approval(self) -> tuple:
        """What versions under one approval share (all but the error and the title)."""
        return (self.has_approval, self.kind, self.number, self.date_text, self.annex)


def approval_fields(rec: VersionRecord) -> tuple[tuple | None, str | None, dict]:
    """(key, label, details) of a version's record."""
    if not rec.has_approval:
        if rec.error:
            return None, None, {}
        return ("", "", ""), UNAPPROVED_LABEL, {}
    kind = rec.kind
    number = (rec.number or "").strip()
    date_text = (rec.date_text or "").strip()
    details = {
        "kind": kind,
        "number": number or None,
        "date_text": date_text or None,
        "annex": rec.annex,
    }
    return (kind or "", number, date_text), revision_label(kind, number, date_text), details


# --- grouping -------------------------------------------------------------------------------------


def group(commits: list[Commit]) -> list[Revision]:
    """Consecutive commits (newest first) with the same approval form one revision."""
    revs: list[Revision] = []
    for c in commits:
        key = c.approval_key if c.approval_key is not None else ("error",)
        if c.unapproved:
            key = ("changed", *key)
        if revs and revs[-1].key == key and not revs[-1].deleted:
            rev = revs[-1]
            rev.commits.append(c)
            rev.error = rev.error or c.error is not None
            continue
        if c.deleted:
            rev = Revision(key, DELETED_LABEL, [c], deleted=True, path=c.path)
        elif c.approval_key is None:
            rev = Revision(key, UNREADABLE_LABEL, [c], error=True, path=c.path)
        elif c.unapproved:
            rev = Revision(
                key,
                UNAPPROVED_LABEL,
                [c],
                error=c.error is not None,
                annex=c.annex,
                title=c.title,
                path=c.path,
                changed_after=None if c.copied_from else c.approval_label,
                copied_from=c.copied_from,
            )
        else:
            kind, number, date_text = c.approval_key
            rev = Revision(
                key,
                c.approval_label or UNAPPROVED_LABEL,
                [c],
                number=number or None,
                date_text=date_text or None,
                error=c.error is not None,
                kind=c.approval_kind or (kind or None),
                annex=c.annex,
                title=c.title,
                path=c.path,
            )
        revs.append(rev)
    return revs


def directive_tag(number: str) -> str:
    """The tag name for a directive: `kaskkiri-` and its number in ASCII letters, digits,
    dots and hyphens (git's rules for a name are met by construction)."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", number).encode("ascii", "ignore").decode()
    cleaned = "".join(ch if ch.isalnum() or ch in ".-" else "-" for ch in plain)
    cleaned = "-".join(p for p in cleaned.replace("..", ".").split("-") if p).strip(".")
    return f"kaskkiri-{cleaned or 'x'}"


def approves(c: Commit) -> bool:
    """Whether the commit's version carries an approval (as Revision.approved)."""
    if c.approval_kind == CONTRACT_ANNEX:
        return True
    key = c.approval_key or ()
    return c.approval_kind == DIRECTIVE and len(key) == 3 and bool(key[1] or key[2])


def annex_order(annex: str | None) -> tuple:
    if annex is None:
        return (1, 0, "")
    digits = "".join(ch for ch in annex if ch.isdigit())
    return (0, int(digits) if digits else 0, annex)


def directive_order(d: Directive) -> tuple:
    date = d.date
    newest = max((c.date for e in d.entries for c in e.revision.commits), default=None)
    return (date or _dt.date.min, newest.timestamp() if newest else 0.0, d.number)
