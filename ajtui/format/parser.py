"""Text -> model. Diagnostics name path:line:col, show the line with a caret, and say in
words what was expected."""

from __future__ import annotations

from _thread import allocate_lock  # threading.Lock, without importing threading

from ajtui.base.errors import AjSyntaxError
from ajtui.format import conflicts as cf
from ajtui.format import model as m
from ajtui.format import vocabulary
from ajtui.format.builder import BUILDER, ModelBuilder, read_statement  # noqa: F401  (parser.X)
from ajtui.format.grammar import IndentError, shipped_driver
from ajtui.format.grammar import parser as _lark
from ajtui.format.lalr import Fallback, FastLALR, spec_from_lark

TYPE_CHECKING = False  # not `from typing import …`: typing costs start-up time
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

    from lark.exceptions import UnexpectedInput

#: One parse at a time: the indentation post-lexer keeps its state (the stack of indent
#: levels) on the one shared Lark instance, so two threads parsing at once corrupt each
#: other's levels and report errors that are not in the text. Parsing is pure Python, so
#: under the GIL the lock costs nothing.
_PARSE_LOCK = allocate_lock()
#: The two ways to parse: the fused driver (`ajtui.format.lalr`), which hands anything it
#: cannot parse to Lark's own loop; Lark's own loop alone (what reports the errors).
DRIVERS = ("fast", "lark")
_fast: list[FastLALR | None] = []


def fast_driver() -> FastLALR | None:
    """The fused driver for BUILDER's parser; None if this Lark's internals differ from what
    it was written against (then Lark's own loop is used, only slower)."""
    if not _fast:
        driver: FastLALR | None = None
        spec = shipped_driver()  # the shipped data: no Lark imported
        if spec is not None:
            try:
                driver = FastLALR(spec, BUILDER)
            except (AttributeError, TypeError, KeyError, ValueError, IndexError):
                driver = None
        if driver is None:  # the grammar changed since the data was written
            try:
                driver = FastLALR(spec_from_lark(_lark(BUILDER)), BUILDER)
            except (AttributeError, TypeError, KeyError, ImportError):
                driver = None
        _fast[:] = [driver]
    return _fast[0]


# --- entry points ------------------------------------------------------------------------------


def loads(text: str, path: str | None = None, *, driver: str = "fast") -> m.Document:
    """Parse .aj text into a Document. Raises AjSyntaxError. `driver` is one of DRIVERS."""
    _check_text(text, path)
    found: list[cf.Conflict] = []
    if cf.has_markers(text):
        # a conflicted file: its ours reading, every line where it was (ajtui.format.conflicts)
        found, text = cf.find(text, path)
    src = text if text.endswith("\n") else text + "\n"
    try:
        sections = parse(src, driver=driver)
    except IndentError as e:
        raise _error(
            text,
            path,
            e.line,
            e.column,
            str(e),
            hint="indent with two spaces per level, as the line above",
        ) from None
    except Exception as e:  # Lark's UnexpectedInput: Lark is imported by then
        from lark.exceptions import UnexpectedInput

        if not isinstance(e, UnexpectedInput):
            raise
        raise _from_lark(text, path, e) from None
    doc = m.Document(sections=sections, path=path)
    comments = _comments(text)
    if found:
        fillers = cf.filler_lines(found, text)
        comments = [c for c in comments if c[0] not in fillers]
        doc.conflicts = found
    _attach_comments(doc, comments)
    return doc


def parse(text: str, *, driver: str = "fast") -> list[m.AnySection]:
    """The sections of `text` (which ends with a newline to be a whole description).
    `driver="fast"`: the fused driver for valid text, Lark's own loop when it gives up;
    `"lark"`: Lark's own loop only. Both give the same sections, positions included, and
    Lark's exceptions (UnexpectedInput, grammar.IndentError) for text that does not parse."""
    if driver not in DRIVERS:
        raise ValueError(f"driver is one of {', '.join(DRIVERS)}, not {driver!r}")
    sections: list[m.AnySection] | None = None
    fast = fast_driver() if driver == "fast" else None
    if fast is not None:
        try:
            sections = fast.parse(text)
        except Fallback:
            pass
    if sections is None:
        # The fast driver keeps its state in locals; Lark's own path shares the indenter's.
        with _PARSE_LOCK:
            parsed: Any = _lark(BUILDER).parse(text)  # the builder's: the sections
            sections = parsed
    _join_paragraphs(sections, text)
    return sections


def _join_paragraphs(sections: list[m.AnySection], text: str) -> None:
    """Paragraphs the builder cut at a gap of comment lines only are one paragraph: a blank
    line (whitespace only) parts paragraphs, a comment does not."""
    lines: list[str] | None = None
    for sec in sections:
        if type(sec) is not m.ProseSection or len(sec.blocks) < 2:
            continue
        blocks, prev = [], None
        for b in sec.blocks:
            if type(b) is m.Paragraph and type(prev) is m.Paragraph:
                if lines is None:
                    lines = text.split("\n")
                if not _blank_between(lines, prev.end_line, b.line):
                    prev.text += "\n" + b.text
                    prev.end_line = b.end_line
                    continue
            blocks.append(b)
            prev = b
        sec.blocks = blocks


def load(path: str | Path) -> m.Document:
    """Read and parse a .aj file. Raises AjFileError or AjSyntaxError."""
    from ajtui.base.reading import read_text

    p = str(path)
    return loads(read_text(p), path=p)


def _check_text(text: str, path: str | None) -> None:
    if text.startswith("\ufeff"):
        raise _error(
            text,
            path,
            1,
            1,
            "byte order mark (BOM) at the start of the file",
            hint="save the file as UTF-8 without BOM",
        )
    for ch, what, hint in (
        ("\0", "NUL character; not a description", None),
        ("\r", "carriage return (CRLF or CR line endings)", "save the file with LF line endings"),
        ("\t", "tab character", "use spaces: two per indentation level"),
    ):
        i = text.find(ch)
        if i >= 0:
            line = text.count("\n", 0, i) + 1
            raise _error(text, path, line, i - (text.rfind("\n", 0, i) + 1) + 1, what, hint=hint)
    if not text.strip():
        raise _error(
            text,
            path,
            1,
            1,
            "empty file: a description needs at least a section",
            hint="start with `ametijuhend` or `üldosa`",
        )


def _comments(text: str) -> list[tuple[int, int, str]]:
    """Comment lines (line, indent, text): lines whose first character after the spaces is
    `#`. Found by searching for `#`, which is rare, rather than by a loop over all lines."""
    out = []
    n, counted = 1, 0
    i = text.find("#")
    while i >= 0:
        start = text.rfind("\n", 0, i) + 1
        end = text.find("\n", i)
        if end < 0:
            end = len(text)
        if not text[start:i].strip(" "):
            n += text.count("\n", counted, start)
            counted = start
            out.append((n, i - start, text[i:end].rstrip()))
        i = text.find("#", end)
    return out


def _blank_between(lines: list[str], first: int, last: int) -> bool:
    """Whether a blank (whitespace-only) line lies strictly between source lines `first` and
    `last` (a paragraph break in prose)."""
    return any(not lines[n - 1].strip() for n in range(first + 1, min(last, len(lines) + 1)))


def _attach_comments(doc: m.Document, comments: list[tuple[int, int, str]]) -> None:
    if not comments:
        return
    from bisect import bisect_right

    nodes = list(m.walk(doc))
    starts = [n.line for n in nodes]
    for line, _indent, text in comments:
        i = bisect_right(starts, line)
        if i < len(nodes):
            nodes[i].comments.append(text)
        else:
            doc.trailing_comments.append(text)


# --- errors in words ---------------------------------------------------------------------------

_WORDS = {
    "FIELDS_KW": "a section keyword",
    "PROSE_KW": "a section keyword",
    "DUTIES_KW": "a section keyword",
    "REQUIREMENTS_KW": "a section keyword",
    "SECNUM": "a section number",
    "COMPETENCIES_KW": "'kompetentsid:'",
    "ADDITIONAL_KW": "'lisakompetentsid:'",
    "DUTYNUM": "a duty number such as '3.1'",
    "ITEM_MARK": "an item starting with '- '",
    "STATEMENT_MARK": "a line of prose starting with '> '",
    "KEY": "a field such as 'ametinimetus: …'",
    "TEXT": "text",
    "COLON": "':'",
    "_NL": "the end of the line",
    "_INDENT": "an indented line",
    "_DEDENT": "a line indented less",
    "$END": "the end of the file",
}

ALL_KEYWORDS = sorted({*vocabulary.SECTION_KEYWORDS.values()})


def _words(expected) -> list[str]:
    out = []
    for name in sorted(expected):
        w = _WORDS.get(name, f"'{name}'" if not name.isupper() else name.lower())
        if w not in out:
            out.append(w)
    return out


def _error(
    text: str, path, line: int, column: int, message: str, *, expected=None, hint=None
) -> AjSyntaxError:
    lines = text.split("\n")
    src = lines[line - 1] if 0 < line <= len(lines) else ""
    return AjSyntaxError(
        message, line, column, path=path, source_line=src, expected=expected, hint=hint
    )


def _suggest(word: str, choices) -> str | None:
    import difflib

    low = word.lower()
    close = difflib.get_close_matches(low, list(choices), n=1, cutoff=0.6)
    if not close:
        return None
    best = choices[close[0]] if isinstance(choices, dict) else close[0]
    return f"did you mean '{best}'?"


def _from_lark(text: str, path, e: UnexpectedInput) -> AjSyntaxError:
    from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedToken

    line, col = e.line if e.line and e.line > 0 else 1, e.column if e.column and e.column > 0 else 1
    lines = text.split("\n")
    src = lines[line - 1] if line <= len(lines) else ""
    expected = set(getattr(e, "expected", None) or getattr(e, "allowed", None) or ())
    if isinstance(e, UnexpectedToken) and e.token.type == "$END":
        expected = set(e.expected)
    words = _words(expected)
    section_start = bool(expected & {"FIELDS_KW", "PROSE_KW", "DUTIES_KW", "REQUIREMENTS_KW"})
    at = src[col - 1 :] if src else ""
    word = at.split(":")[0].strip().split("  ")[0] if at else ""

    if (
        section_start
        and col == 1
        or (isinstance(e, UnexpectedCharacters) and col == 1 and section_start)
    ):
        first = word.split(" ")[0].rstrip(":.")
        if first.rstrip(".").isdigit() and len(word.split(" ")) > 1:
            first = word.split(" ")[1].rstrip(":")
        hint = _suggest(first, vocabulary.SECTION_KEYWORDS) or (
            "a section starts at column 1 with a keyword: " + ", ".join(ALL_KEYWORDS)
        )
        return _error(
            text, path, line, col, f"unknown section keyword '{first}'", expected=words, hint=hint
        )
    # (a `> ` line is allowed only above the duties: the parse may or may not offer it)
    if "DUTYNUM" in expected and len(expected - {"_NL", "_DEDENT", "$END", "STATEMENT_MARK"}) == 1:
        return _error(
            text,
            path,
            line,
            col,
            "expected a duty number such as '3.1' at the start of the line",
            expected=words,
            hint="indent continuation lines two spaces more than the duty",
        )
    if isinstance(e, UnexpectedToken) and e.token.type == "_NL" and "COLON" in expected:
        return _error(
            text,
            path,
            line,
            col,
            f"expected ':' after '{src.strip()}'",
            expected=words,
            hint="write a field as 'name: value'",
        )
    if isinstance(e, UnexpectedToken) and e.token.type == "_INDENT":
        line = e.token.end_line or line
        return _error(
            text,
            path,
            line,
            len(str(e.token)) + 1,
            "unexpected indentation",
            expected=words,
            hint="only text continuing the line above is indented deeper",
        )
    found = ""
    if isinstance(e, UnexpectedToken):
        tok = e.token
        found = (
            "the end of the file"
            if tok.type == "$END"
            else f"'{str(tok).strip()[:40]}'"
            if str(tok).strip()
            else _WORDS.get(tok.type, tok.type)
        )
    elif isinstance(e, UnexpectedCharacters):
        found = f"'{at[:40].rstrip()}'"
    elif isinstance(e, UnexpectedEOF):
        found = "the end of the file"
    msg = f"unexpected {found}" if found else "syntax error"
    if words:
        msg += "; expected " + " or ".join(words)
    return _error(text, path, line, col, msg, expected=words)
