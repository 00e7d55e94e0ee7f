"""Merge conflicts in a description: git's conflict markers, read.

A conflicted file keeps git's own markers, each at column 0 (where a description has only
section keywords, so a marker never means anything else):

    <<<<<<< OURS-NAME
    (ours' lines)
    ||||||| BASE-NAME        (optional: git's diff3 style)
    (the base's lines)
    =======
    (theirs' lines)
    >>>>>>> THEIRS-NAME

`find` returns each block as a `Conflict` and the text READ AS OURS: ours' lines stay where
they are, and every marker, base and theirs line becomes a filler line (`#`, a comment the
parser takes out again), so every line keeps its number and the ours reading parses as the
file with ours taken would. `resolve` replaces blocks by a side or by new text.
"""

from __future__ import annotations

from ajtui.base.errors import AjSyntaxError
from ajtui.base.records import Frozen

TYPE_CHECKING = False  # not `from typing import …`: typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Mapping

OPEN, BASE, SEP, CLOSE = "<<<<<<<", "|||||||", "=======", ">>>>>>>"
#: what a marker, base or theirs line is in the ours reading: a comment line of its own
FILLER = "#"
SIDES = ("ours", "theirs")
_MARK_STARTS = "<|=>"


class Conflict(Frozen):
    """One conflict block: the lines of its `<<<<<<<` and `>>>>>>>` markers (1-based), the
    branch names on them, and each side's lines (each ending with a newline; "" for a side
    that has no lines). `base_text` is None unless the block has a `|||||||` part."""

    __slots__ = (
        "start_line",
        "end_line",
        "ours_label",
        "theirs_label",
        "ours_text",
        "theirs_text",
        "base_text",
        "base_label",
    )
    start_line: int
    end_line: int
    ours_label: str
    theirs_label: str
    ours_text: str
    theirs_text: str
    base_text: str | None
    base_label: str

    def __init__(
        self,
        start_line: int,
        end_line: int,
        ours_label: str,
        theirs_label: str,
        ours_text: str,
        theirs_text: str,
        base_text: str | None = None,
        base_label: str = "",
    ) -> None:
        self._set(
            start_line=start_line,
            end_line=end_line,
            ours_label=ours_label,
            theirs_label=theirs_label,
            ours_text=ours_text,
            theirs_text=theirs_text,
            base_text=base_text,
            base_label=base_label,
        )

    @property
    def labels(self) -> str:
        """`main ↔ feature`, as messages name the conflict."""
        return f"{self.ours_label or 'ours'} ↔ {self.theirs_label or 'theirs'}"

    def side(self, which: str) -> str:
        """The text of side `which` ("ours" or "theirs")."""
        if which not in SIDES:
            raise ValueError(f"a side is one of {', '.join(SIDES)}, not {which!r}")
        return self.ours_text if which == "ours" else self.theirs_text


def has_markers(text: str) -> bool:
    """Whether `text` has a `<<<<<<<` at the start of a line: what makes it worth reading
    for conflicts (one search; a description without conflicts pays nothing more)."""
    return text.startswith(OPEN) or text.find("\n" + OPEN) >= 0


def _marker(line: str, mark: str) -> str | None:
    """The label of `line` if it is the marker `mark` (`mark`, or `mark NAME`), else None."""
    if not line.startswith(mark):
        return None
    rest = line[len(mark) :].rstrip("\r\n")
    if not rest.strip():
        return ""
    if rest[0] != " ":
        return None  # `<<<<<<<<` or `=======x`: not a marker
    return rest.strip()


def find(text: str, path: str | None = None) -> tuple[list[Conflict], str]:
    """The conflict blocks of `text` in order, and the text read as ours (same number of
    lines; see the module's docstring). Raises AjSyntaxError, at its line, for a marker out
    of place: a block not closed, a `=======` or `>>>>>>>` outside one, a block inside one."""
    if not has_markers(text):
        return [], text
    lines = text.split("\n")
    out = list(lines)
    found: list[Conflict] = []
    state = ""  # "" outside a block; "ours", "base", "theirs" inside
    start, ours_label, base_label = 0, "", ""
    parts: dict[str, list[str]] = {}
    for i, line in enumerate(lines):
        n = i + 1
        if not line or line[0] not in _MARK_STARTS:  # most lines: no marker
            if state:
                parts[state].append(line)
                if state != "ours":
                    out[i] = FILLER
            continue
        marks = {mk: _marker(line, mk) for mk in (OPEN, BASE, SEP, CLOSE)}
        if marks[OPEN] is not None:
            if state:
                raise _error(text, path, n, f"'{OPEN}' inside the conflict opened at line {start}")
            state, start, ours_label, base_label = "ours", n, marks[OPEN] or "", ""
            parts = {"ours": [], "base": [], "theirs": []}
            out[i] = FILLER
        elif marks[BASE] is not None and state == "ours":
            state, base_label = "base", marks[BASE] or ""
            parts["has_base"] = []
            out[i] = FILLER
        elif marks[SEP] is not None and state:
            if state == "theirs":
                raise _error(
                    text, path, n, f"a second '{SEP}' in the conflict opened at line {start}"
                )
            state = "theirs"
            out[i] = FILLER
        elif marks[CLOSE] is not None:
            if state != "theirs":
                raise _error(
                    text,
                    path,
                    n,
                    f"'{CLOSE}' without '{SEP}' before it"
                    if state
                    else f"'{CLOSE}' outside a conflict (no '{OPEN}' before it)",
                )
            found.append(
                Conflict(
                    start,
                    n,
                    ours_label,
                    marks[CLOSE] or "",
                    _joined(parts["ours"]),
                    _joined(parts["theirs"]),
                    _joined(parts["base"]) if "has_base" in parts else None,
                    base_label,
                )
            )
            state = ""
            out[i] = FILLER
        elif state:
            parts[state].append(line)
            if state != "ours":
                out[i] = FILLER
        elif marks[SEP] is not None or marks[BASE] is not None:
            mark = SEP if marks[SEP] is not None else BASE
            raise _error(text, path, n, f"'{mark}' outside a conflict (no '{OPEN}' before it)")
    if state:
        raise _error(
            text,
            path,
            start,
            f"the conflict opened here is not closed (no '{CLOSE}' after it)",
        )
    return found, "\n".join(out)


def _joined(lines: list[str]) -> str:
    return "".join(ln + "\n" for ln in lines)


def filler_lines(conflicts: list[Conflict], text: str) -> set[int]:
    """The lines (1-based) that are fillers in the ours reading of `text`: every line of
    each block but ours' lines."""
    out: set[int] = set()
    for c in conflicts:
        ours = c.ours_text.count("\n")
        out.update(range(c.start_line, c.end_line + 1))
        out.difference_update(range(c.start_line + 1, c.start_line + 1 + ours))
    return out


def resolve(
    text: str, choices: Mapping[int, str], *, edited: Mapping[int, str] | None = None
) -> str:
    """`text` with conflicts replaced: `choices` maps a conflict's index (0-based, in the
    order `find` returns them) to "ours" or "theirs"; `edited` maps an index to the text to
    put in its place (lines ending with a newline). Conflicts in neither stay as they are."""
    conflicts, _ = find(text)
    edited = edited or {}
    for k in (*choices, *edited):
        if not 0 <= k < len(conflicts):
            raise IndexError(f"no conflict {k + 1}: the text has {len(conflicts)}")
    lines = text.split("\n")
    for k in sorted({*choices, *edited}, reverse=True):
        c = conflicts[k]
        new = edited[k] if k in edited else c.side(choices[k])
        if new and not new.endswith("\n"):
            new += "\n"
        lines[c.start_line - 1 : c.end_line] = new.split("\n")[:-1] if new else []
    return "\n".join(lines)


def _error(text: str, path: str | None, line: int, message: str) -> AjSyntaxError:
    lines = text.split("\n")
    src = lines[line - 1] if 0 < line <= len(lines) else ""
    return AjSyntaxError(
        f"merge conflict marker: {message}",
        line,
        1,
        path=path,
        source_line=src,
        hint="a conflict is '<<<<<<< ours', its lines, '=======', theirs' lines, "
        "'>>>>>>> theirs', each marker at the start of a line",
    )
