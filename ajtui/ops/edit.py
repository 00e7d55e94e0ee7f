"""Edits that keep every other byte of the file as it was.

    from ajtui.ops.edit import edit_file

    with edit_file("descriptions/koordinaator.aj") as ed:
        ed.doc.general.manager = "Tiimijuht"
        ed.replace("Ohvriabi ja ennetusteenuste osakond", "Ohvriabi osakond")
    # written atomically, only the changed lines differ

How: every node of the parsed model knows its source lines. `Editor.text()` walks the
edited model; a node that is unchanged is copied from the original text with the comments
and blank lines before it, byte for byte; a changed text is patched line by line (only the
lines whose words changed are rewritten, keeping the author's indentation and spacing
around them); a new node is rendered by the writer's rules at the indentation of its
neighbours. The result is parsed again and must equal the edited model, or nothing is
returned (as `mdformat` refuses to write when the meaning changed).
"""

from __future__ import annotations

import copy
import difflib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ajtui.base import records
from ajtui.base.patterns import (
    Budget,
    PatternError,
    PatternTimeout,
    UserPattern,
    check_template,
    compile_user,
)
from ajtui.base.reading import MAX_FILE_BYTES, read_text
from ajtui.format import model as m
from ajtui.format import vocabulary
from ajtui.format.parser import loads
from ajtui.format.validate import UNWRITABLE, control_character, invisible_characters
from ajtui.format.writer import UnwritableText, dumps, render_node
from ajtui.ops.sourcemap import (
    Source,
    Span,
    diff_slots,
    indent_of,
    is_filler,
    own_text,
    shifted,
    snapshot,
)

__all__ = ["Editor", "EditError", "edit_file", "replace_text", "set_value", "renumber"]


class EditError(ValueError):
    """An edit that cannot be written: text the format cannot hold, a path that names
    nothing settable, a file changed on disk meanwhile."""


# --- the editor ------------------------------------------------------------------------------


class Editor:
    """A description being edited: change `doc`, get the file's text back with `text()`.

    `text()` keeps every line the edit did not touch byte for byte: comments, blank lines,
    the author's line breaks and spacing. It raises EditError when the edited model cannot
    be written (e.g. a line of text starting with '- ' inside a duty).
    """

    def __init__(self, text: str, path: str | None = None) -> None:
        self.path = path
        self.doc = loads(text, path=path)
        self._reset(text)

    def _reset(self, text: str) -> None:
        #: Things the user should know about the last `text()`, e.g. a section that had to
        #: be rewritten in canonical form.
        self.notes: list[str] = []
        self.original = text
        self._src = Source(text, self.doc)
        self._before = copy.deepcopy(self.doc)
        self._sections = {id(a): b for a, b in zip(self.doc.sections, self._before.sections)}

    # -- reading ---------------------------------------------------------------------------

    @property
    def changed(self) -> bool:
        """Whether the model differs from the text it was read from."""
        return self.doc != self._before

    def select(self, path: str):
        from ajtui.ops.paths import select

        return select(self.doc, path)

    # -- convenience edits ----------------------------------------------------------------------

    def set(self, path: str, value: str) -> int:
        """Set the text at `path` (see `set_value`); returns how many parts changed."""
        return set_value(self.doc, path, value)

    def replace(
        self,
        old: str,
        new: str,
        *,
        regex: bool = False,
        ignore_case: bool = False,
        field: str | None = None,
    ) -> int:
        """Replace text everywhere (or under the path `field`); returns the count."""
        return replace_text(self.doc, old, new, regex=regex, ignore_case=ignore_case, within=field)

    def renumber(self, section: str | None = None) -> list[tuple[str, str]]:
        return renumber(self.doc, section)

    # -- writing ----------------------------------------------------------------------------

    def text(self) -> str:
        """The file's text for the edited model, changed only where the model changed.
        Raises EditError when the edit would put a control character into the file."""
        if not self.changed:
            return self.original
        _refuse_new_controls(self._before, self.doc, self.path)
        self.notes = []
        _normalize_comments(self.doc)
        try:
            # what the writer cannot hold, the editor does not write either: a file the
            # editor wrote can always be formatted by `aj fmt`
            canonical = dumps(self.doc)
        except UnwritableText as e:
            raise EditError(f"{self.path or '<text>'}: cannot write the edit: {e}") from None
        try:
            out = self._render(fallback=False)
        except EditError:
            raise
        except Exception:  # an edit the line splicer did not foresee: the fallback below
            out = ""
        if out and self._verify(out):
            return out
        del canonical
        out = self._render(fallback=True)
        if self._verify(out):
            changed = [
                s.kind
                for s in self.doc.sections
                if not (id(s) in self._sections and s == self._sections[id(s)])
            ]
            self.notes.append(
                f"{self.path or '<text>'}: note: section "
                f"{', '.join(changed)} rewritten in canonical form (the edit did not "
                "fit the author's layout there)"
            )
            return out
        raise EditError(
            f"{self.path or '<text>'}: the edited text would not read back as "
            "the edited description; nothing written"
        )

    def _verify(self, text: str) -> bool:
        try:
            return loads(text) == self.doc
        except Exception:
            return False

    def diff(self, context: int = 3) -> str:
        """A unified line diff of what `text()` changes."""
        name = self.path or "description"
        return "".join(
            difflib.unified_diff(
                self.original.splitlines(True),
                self.text().splitlines(True),
                f"a/{name}",
                f"b/{name}",
                n=context,
            )
        )

    def save(self, path: str | Path | None = None) -> bool:
        """Write the edited text atomically (to `path`, default the file it came from) if
        anything changed; then edits continue from the saved text. Returns whether it wrote.
        Refuses when the file changed on disk since it was read."""
        target = path or self.path
        if target is None:
            raise EditError("no path to save to")
        if not self.changed:
            return False
        new = self.text()
        from ajtui.base.writing import ChangedOnDisk, TooLarge, write_text

        try:
            if path is None:  # compared with what was read, under the file's lock
                write_text(target, new, expected=self.original, limit=MAX_FILE_BYTES)
            else:
                write_text(target, new, limit=MAX_FILE_BYTES)
        except ChangedOnDisk as e:
            raise EditError(f"{target}: {e}") from None
        except TooLarge as e:
            raise EditError(f"{target}: {e.strerror}") from None
        self.commit(new)
        return True

    def commit(self, text: str | None = None) -> None:
        """Take the edited text as the new original (positions are refreshed in place, so
        the nodes you hold stay valid)."""
        text = self.text() if text is None else text
        fresh = loads(text, path=self.path)
        for mine, theirs in zip(m.walk(self.doc), m.walk(fresh)):
            mine.line, mine.column, mine.end_line = theirs.line, theirs.column, theirs.end_line
        self._reset(text)

    # -- rendering --------------------------------------------------------------------------

    def _render(self, *, fallback: bool) -> str:
        src = self._src
        out: list[str] = []
        prev: int | None = None
        for sec in self.doc.sections:
            before = self._sections.get(id(sec))
            span = src.spans.get(id(sec))
            if span is not None and span.node is not sec:
                span = before = None
            if span is not None and before is not None and sec == before:
                # untouched section: its lines, byte for byte, from its gap to its last child
                lines = src.lines[span.gap.start : src.section_end[id(sec)]]
            elif span is not None and fallback:
                lines = [src.lines[k] for k in span.gap if not src.lines[k].strip()]
                try:
                    lines += render_node(sec)
                except UnwritableText as e:
                    raise EditError(
                        f"{self.path or '<text>'}: cannot write the edit: {e}"
                    ) from None
            else:
                lines = []
                self._emit(lines, sec, 0, None)
            if out and (span is None or src.previous.get(id(sec)) != prev):
                head = next((i for i, x in enumerate(lines) if not is_filler(x)), 0)
                if not any(not x.strip() for x in lines[:head]):
                    lines = [""] + lines  # a section in a new neighbourhood: a blank line
            if not out:
                while (
                    lines
                    and not lines[0].strip()
                    and not (span is not None and span.gap.start == 0)
                ):
                    lines.pop(0)
            out.extend(lines)
            prev = id(sec)
        # trailing comments and blank lines
        if tuple(self.doc.trailing_comments) == tuple(self._before.trailing_comments):
            out.extend(src.lines[k] for k in src.trailing)
        else:
            out.extend(
                self._patched_comments(
                    list(src.trailing),
                    self._before.trailing_comments,
                    self.doc.trailing_comments,
                    0,
                )
            )
        text = "\n".join(out)
        if src.final_newline or not self.original:
            text += "\n"
        return text

    def _emit(self, out: list[str], node: m.Node, indent: int, prev: m.Node | None) -> None:
        src = self._src
        span = src.spans.get(id(node))
        if span is not None and span.node is not node:
            span = None
        blank_needed = isinstance(node, m.Paragraph) and isinstance(prev, m.Paragraph)
        if span is None:
            if blank_needed:
                out.append("")
            try:
                out.extend(render_node(node, " " * indent))
            except UnwritableText as e:
                raise EditError(f"{self.path or '<text>'}: cannot write the edit: {e}") from None
            return
        shift = indent - span.indent
        # the filler before the node: blank lines and its comments
        gap = list(span.gap)
        if tuple(node.comments) == span.comments:
            gap_lines = [src.lines[k] for k in gap]
        else:
            gap_lines = self._patched_comments(gap, list(span.comments), node.comments, span.indent)
        gap_lines = shifted(gap_lines, shift)
        if blank_needed and not any(not g.strip() for g in gap_lines):
            gap_lines.insert(0, "")
        out.extend(gap_lines)
        # its own lines
        if snapshot(node) == span.snap:
            own = [src.lines[k] for k in span.own]
        else:
            own = self._patched_own(node, span)
        out.extend(shifted(own, shift))
        # its children
        kids = m.children(node)
        if kids:
            if span.child_indent is not None:
                child_indent = span.child_indent + shift
            elif isinstance(node, m.Duty) and span.cont_indent is not None:
                child_indent = span.cont_indent + shift
            else:
                child_indent = indent + 2
            before = None
            for kid in kids:
                self._emit(out, kid, child_indent, before)
                before = kid

    def _patched_comments(
        self, gap: list[int], old: list[str], new: list[str], indent: int
    ) -> list[str]:
        src = self._src
        comment_lines = [k for k in gap if src.lines[k].strip().startswith("#")]
        if [src.lines[k].strip() for k in comment_lines] != [c.strip() for c in old]:
            # comments not where the model says (e.g. inside a wrapped text): keep the
            # blank lines, write the comments just before the node
            return [src.lines[k] for k in gap if not src.lines[k].strip()] + [
                " " * indent + c for c in new
            ]
        repl, before = diff_slots([c.strip() for c in old], [c.strip() for c in new])
        out: list[str] = []
        at = {k: i for i, k in enumerate(comment_lines)}
        pad = " " * (indent_of(src.lines[comment_lines[0]]) if comment_lines else indent)
        if not comment_lines:
            out.extend(src.lines[k] for k in gap)
            out.extend(pad + c for c in before)
            return out
        for k in gap:
            if k not in at:
                out.append(src.lines[k])
                continue
            i = at[k]
            if i == 0:
                out.extend(pad + c for c in before)
            own_pad = " " * indent_of(src.lines[k])
            for r in repl[i]:
                out.append(src.lines[k] if isinstance(r, int) else own_pad + r)
        return out

    def _patched_own(self, node: m.Node, span: Span) -> list[str]:
        """The node's own lines with only what changed rewritten."""
        src = self._src
        lines = src.lines
        header_src = lines[span.header]
        if isinstance(node, m.Section):
            old_kind, old_number, old_title = span.snap[1], span.snap[2], span.snap[3]
            if (
                (node.kind, node.number) == (old_kind, old_number)
                and old_title
                and node.title
                and header_src.rstrip().endswith(old_title)
            ):
                stripped = header_src.rstrip()
                return [stripped[: len(stripped) - len(old_title)] + node.title]
            head = f"{node.number}. {node.kind}" if node.number else node.kind
            return [f"{head}: {node.title}" if node.title else head]
        if isinstance(node, (m.Competencies, m.AdditionalCompetencies)):
            kw = "kompetentsid" if isinstance(node, m.Competencies) else "lisakompetentsid"
            old_title = span.snap[1]
            stripped = header_src.rstrip()
            if old_title and node.title and stripped.endswith(old_title):
                return [stripped[: len(stripped) - len(old_title)] + node.title]
            pad = " " * span.indent
            return [f"{pad}{kw}: {node.title}" if node.title else f"{pad}{kw}:"]
        if isinstance(node, m.CompetencyGroup):
            return [" " * span.indent + f"{node.name}:"]

        if isinstance(node, m.Field) and (
            (node.label, node.in_prose) != (span.snap[2], span.snap[3])
            or (node.key != span.snap[1] and (node.label or node.in_prose))
        ):
            # a label or a statement's mark changed: the node's lines written afresh
            try:
                return render_node(records.replace(node, comments=[]), " " * span.indent)
            except UnwritableText as e:
                raise EditError(f"{self.path or '<text>'}: cannot write the edit: {e}") from None
        old_text = span.snap[-1]
        old = old_text.split("\n") if old_text else []
        new_text = own_text(node)
        new = new_text.split("\n") if new_text else []
        head_prefix = span.head_prefix
        if isinstance(node, m.Field) and node.key != span.snap[1]:
            rest = head_prefix[span.indent :].split(":", 1)
            head_prefix = " " * span.indent + node.key + ":" + (rest[1] if len(rest) > 1 else "")
        if isinstance(node, m.Duty) and node.number != span.snap[1]:
            col = span.indent
            head_prefix = head_prefix[:col] + node.number + head_prefix[col + len(span.snap[1]) :]
        cont_pad = " " * (
            span.cont_indent
            if span.cont_indent is not None
            else span.child_indent
            if isinstance(node, m.Duty) and span.child_indent is not None
            else span.indent + 2
        )
        if isinstance(node, m.Paragraph):
            cont_pad = " " * span.indent

        # the header line
        slots = list(span.slots)
        if span.header_text:
            first_old, old_rest = old[0], old[1:]
            if new:
                header = head_prefix + new[0]
                if new[0] == first_old and head_prefix == span.head_prefix:
                    header = header_src
                new_rest = new[1:]
            else:
                header = head_prefix.rstrip()
                new_rest = []
        else:
            old_rest = old
            if not old and new:
                header = head_prefix.rstrip() + " " + new[0]
                new_rest = new[1:]
            else:
                header = head_prefix if head_prefix != span.head_prefix else header_src
                new_rest = new
        repl, before = diff_slots(old_rest, new_rest)
        at = {k: i for i, k in enumerate(slots)}
        out = [header]
        if not slots:
            out.extend(cont_pad + x for x in before)
            return out
        for k in range(span.header + 1, span.own.stop):
            if k not in at:
                out.append(lines[k])
                continue
            i = at[k]
            if i == 0:
                out.extend(cont_pad + x for x in before)
            own_pad = " " * indent_of(lines[k])
            for r in repl[i]:
                out.append(lines[k] if isinstance(r, int) else own_pad + str(r))
        return out


def _normalize_comments(doc: m.Document) -> None:
    """Comments are kept with their '#': a comment given as 'note' becomes '# note'."""

    def fix(cs: list[str]) -> None:
        for i, c in enumerate(cs):
            c = c.strip()
            cs[i] = c if c.startswith("#") else "# " + c

    for node in m.walk(doc):
        fix(node.comments)
    fix(doc.trailing_comments)


@contextmanager
def edit_file(path: str | Path, *, dry_run: bool = False) -> Iterator[Editor]:
    """Open a description for editing; on leaving the block without an exception the
    changes are written atomically (unless `dry_run`), every untouched byte kept."""
    p = str(path)
    ed = Editor(read_text(p), path=p)
    yield ed
    if not dry_run:
        ed.save()


# --- edits on a model --------------------------------------------------------------------------


def _controls_in(doc: m.Document) -> list[str]:
    found: list[str] = []
    for node in m.walk(doc):
        for text in (*snapshot(node)[1:], *node.comments):
            if isinstance(text, str) and not text.isprintable():
                found += UNWRITABLE.findall(text)
    for text in doc.trailing_comments:
        found += UNWRITABLE.findall(text)
    return found


def _refuse_new_controls(before: m.Document, after: m.Document, path: str | None) -> None:
    """Whatever edited the model (set, replace, or the model changed directly), the file
    gains no control character or tab (`aj check` fails the one, the writer cannot write
    the other). One already in the file elsewhere does not stop an edit."""
    for found, what in (
        (_controls_in, "control character"),
        (invisible_characters, "invisible or direction character"),
    ):
        new = found(after)
        if not new:
            continue
        old = found(before)
        for c in dict.fromkeys(new):
            if new.count(c) > old.count(c):  # `aj check` would fail it (AJ151, AJ155)
                raise EditError(
                    f"{path or '<text>'}: error: cannot write the edit: {what} "
                    f"U+{ord(c):04X} in a text; nothing written"
                )


def _refuse_controls(value: str, what: str) -> None:
    bad = control_character(value)
    if bad:
        raise EditError(f"{what}: {bad}: not allowed in a description")


def _clean(text: str) -> str:
    """Lines stripped, empty lines dropped: what the format can hold as a text."""
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


def set_value(doc: m.Document, path: str, value: str) -> int:
    """Set the text at `path`: a field's value (the field is created in its section when
    missing), a duty's text, a result, a paragraph or item, a section heading. The value is
    verbatim; "\\n" in it is a line break. Returns how many parts changed."""
    from ajtui.ops.paths import PathError, parse_path, select

    value = _clean(value)
    _refuse_controls(value, f"cannot set {path}")
    segs = parse_path(path)
    targets = select(doc, segs, _text=path)
    if not targets:
        return _create_field(doc, segs, path, value)
    changed = 0
    for t in targets:
        if t.attr is None or t.node is None:
            what = (
                "a language level is derived from the wording; set nõuded.keeleoskus"
                if t.language is not None
                else f"'{t.path}' has parts of its own; set one of them (a field, a duty, a "
                "result, an item)"
            )
            raise PathError(f"cannot set {t.path}: {what}", path, 1)
        if t.attr == "number":
            value_ = value.strip()
            if not value_ or " " in value_ or "\n" in value_:
                raise PathError(f"a duty number is one word, not {value!r}", path, 1)
        if getattr(t.node, t.attr) != value:
            setattr(t.node, t.attr, value)
            changed += 1
    return changed


def _create_field(doc: m.Document, segs, path: str, value: str) -> int:
    from ajtui.ops.levels import fold
    from ajtui.ops.paths import PathError

    last = segs[-1]
    if last.selectors or last.name is None:
        raise PathError(f"'{path}' names nothing in this description", path, 1)
    key = last.name
    if len(segs) == 1:
        owner = next(
            (
                sec
                for sec, keys in vocabulary.FIELD_KEYS.items()
                for canon, spellings in keys.items()
                if fold(key) in {fold(s) for s in spellings}
            ),
            None,
        )
        if owner is None:
            raise PathError(f"no field '{key}' here; name its section, e.g. üldosa.{key}", path, 1)
    elif len(segs) == 2 and segs[0].name and not segs[0].selectors:
        owner = vocabulary.SECTION_KEYWORDS.get(segs[0].name.lower()) or {
            fold(k): v for k, v in vocabulary.SECTION_KEYWORDS.items()
        }.get(fold(segs[0].name))
        if owner not in ("ametijuhend", "üldosa", "allkirjad", "nõuded"):
            raise PathError(f"'{path}' names nothing in this description", path, 1)
    else:
        raise PathError(f"'{path}' names nothing in this description", path, 1)
    sec = doc.ensure(owner)
    if isinstance(sec, m.FieldSection):
        sec.set(key, value)
        return 1
    assert isinstance(sec, m.RequirementsSection)
    m.insert_field(sec.entries, m.Field(vocabulary.canonical_key("nõuded", key), value), "nõuded")
    return 1


def _pattern(old: str, *, regex: bool, ignore_case: bool) -> UserPattern:
    if regex:
        return compile_user(old, ignore_case=ignore_case)
    words = old.split()
    if not words:
        raise EditError("nothing to replace: the text to find is empty")
    # a space in OLD matches any run of spaces or the author's line breaks
    return compile_user(r"\s+".join(re.escape(w) for w in words), ignore_case=ignore_case)


def _distribute(
    segment: str, replacement: str, *, head_attached: bool = False, tail_attached: bool = False
) -> str:
    """`segment` spans the author's line breaks: put `replacement` on as many lines, each
    break at the word boundary nearest its place in proportion. The first piece may not be
    empty when the match is glued to the text before it ("(Ohvriabi…"), nor the last when
    glued to the text after it ("…osakond,"); when the words do not go round, the lines
    merge (an empty line in between simply disappears)."""
    parts = segment.split("\n")
    if len(parts) == 1:
        return replacement
    total = sum(len(p) for p in parts) or 1
    n = len(replacement)
    # cut at a run of spaces: (where the left piece ends, where the right piece starts)
    gaps = [(mo.start(), mo.end()) for mo in re.finditer(r"\s+", replacement)]
    cuts = [(0, 0)] + gaps + [(n, n)]
    pieces, start, acc = [], 0, 0
    for k, p in enumerate(parts[:-1]):
        acc += len(p)
        target = acc / total * n
        ok = [c for c in cuts if c[0] >= start]
        if k == 0 and head_attached:
            ok = [c for c in ok if c[0] > 0]
        if k == len(parts) - 2 and tail_attached:
            ok = [c for c in ok if c[1] < n]
        if not ok:
            return replacement  # not enough words: the lines merge
        left, right = min(ok, key=lambda c: abs(c[0] - target))
        pieces.append(replacement[start:left])
        start = right
    pieces.append(replacement[start:])
    return "\n".join(pieces)


def _replace_in(
    text: str, rx: UserPattern, new: str, *, regex: bool, budget: Budget, allowance: int
) -> tuple[str, int]:
    """`text` with the matches replaced, and their count. EditError when the text would
    grow by more than `allowance` characters."""
    flowed = text.replace("\n", " ")  # same length: positions map one to one
    found = rx.finditer(flowed, budget)
    if not found:
        return text, 0
    out, last, grown = [], 0, 0
    for mo in found:
        s, e = mo.span()
        out.append(text[last:s])
        repl = rx.expand(mo, new) if regex else new
        if regex:
            _refuse_controls(repl, "the replacement")
        grown += len(repl) - (e - s)
        if grown > allowance:
            raise EditError(
                f"the replacements would make the description larger than "
                f"{MAX_FILE_BYTES // 2**20} MB, more than any command reads"
            )
        out.append(
            _distribute(
                text[s:e],
                repl,
                head_attached=s > 0 and not text[s - 1].isspace(),
                tail_attached=e < len(text) and not text[e].isspace(),
            )
        )
        last = e
    out.append(text[last:])
    return _clean("".join(out)), len(found)


def replace_text(
    doc: m.Document,
    old: str,
    new: str,
    *,
    regex: bool = False,
    ignore_case: bool = False,
    within: str | None = None,
) -> int:
    """Replace `old` by `new` in the description's text (field values, duties, results,
    paragraphs, items, headings; not field names, numbers or comments). Returns the count.

    A space in `old` also matches the author's line break, so a name wrapped across two
    lines is found; the replacement keeps the line break where it can (see README). With
    `regex`, `old` is a Python regular expression over the text with line breaks read as
    spaces, and `new` may use \\1 or \\g<name>. `within` limits it to a path's parts."""
    from ajtui.ops.paths import PathError, leaves, section_targets, select

    try:
        rx = _pattern(old, regex=regex, ignore_case=ignore_case)
        if regex:
            check_template(rx, new)
    except PatternError as e:
        raise EditError(str(e)) from None
    if not regex:
        _refuse_controls(new, "the replacement")
    budget = Budget()
    grown = 0  # characters the text has grown by: the file must stay readable
    if within is not None:
        scope = select(doc, within)
        for t in scope:
            if t.language is not None:
                raise PathError(
                    f"{t.path} is derived from the wording; replace in nõuded.keeleoskus", within, 1
                )
    else:
        scope = section_targets(doc)
    seen: set[tuple[int, str]] = set()
    count = 0
    for t in scope:
        for leaf in leaves(t):
            if leaf.node is None or leaf.attr is None or leaf.attr == "number":
                continue
            key = (id(leaf.node), leaf.attr)
            if key in seen:
                continue
            seen.add(key)
            text = getattr(leaf.node, leaf.attr)
            try:
                changed, n = _replace_in(
                    text, rx, new, regex=regex, budget=budget, allowance=MAX_FILE_BYTES - grown
                )
            except PatternError as e:
                raise EditError(str(e)) from None
            except PatternTimeout as e:
                raise EditError(str(e)) from e  # a batch looks at it (patterns.gives_up)
            grown += len(changed) - len(text)
            if n and changed != text:
                setattr(leaf.node, leaf.attr, changed)
            count += n
    return count


def renumber(doc: m.Document, section: str | None = None) -> list[tuple[str, str]]:
    """Number the duties again, in order: `<section number>.<n>` (and `.<n>.<k>` for a
    duty numbered one level deeper). Each number keeps its style (a trailing dot stays).
    `section` is a keyword ("ülesanded") or a section number ("3"); default every duty
    section. Returns (old, new) for each number that changed."""
    from ajtui.ops.levels import fold

    changes: list[tuple[str, str]] = []
    picked = []
    for number, sec in m.paper_numbers(doc):
        if not isinstance(sec, m.DutySection):
            continue
        if section is not None:
            want = section.strip().rstrip(".")
            kind = {fold(k): v for k, v in vocabulary.SECTION_KEYWORDS.items()}.get(fold(want))
            if kind != sec.kind and want != number:
                continue
        picked.append((number, sec))
    if section is not None and not picked:
        raise EditError(f"no duty section '{section}' (duties live in `ülesanded`)")
    for prefix, sec in picked:
        counters: list[int] = []
        for d in sec.duties:
            raw = d.number.strip()
            dot = raw.endswith(".")
            parts = raw.rstrip(".").split(".")
            depth = max(1, len(parts) - 1)
            while len(counters) < depth:
                counters.append(0)
            del counters[depth:]
            counters[depth - 1] += 1
            for i in range(depth - 1):
                if counters[i] == 0:
                    part = parts[i + 1]  # ASCII and short: int() raises on others
                    counters[i] = (
                        int(part) if part.isascii() and part.isdigit() and len(part) <= 18 else 1
                    )
            new = ".".join([prefix, *map(str, counters)]) + ("." if dot else "")
            if new != d.number:
                changes.append((d.number, new))
                d.number = new
    return changes
