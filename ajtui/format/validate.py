"""Rules beyond the grammar. Each has an id, a severity and a place.

Errors make `aj check` fail; warnings are reported and do not. Nothing here changes the
document: the validator reports, the author (or `aj renumber`) fixes.
"""

from __future__ import annotations

import re

from ajtui.base.dates import DATE_FORMS, date_parts, exists
from ajtui.base.records import Record
from ajtui.base.safetext import CONTROL
from ajtui.format import model as m
from ajtui.format import vocabulary
from ajtui.format.vocabulary import APPROVAL_KINDS, CEFR_LEVELS

ERROR, WARNING = "error", "warning"

#: Every rule: id -> (severity, short description). The README lists these.
RULES: dict[str, tuple[str, str]] = {
    "AJ001": (ERROR, "syntax error: the text does not follow the grammar"),
    "AJ101": (WARNING, "duplicate duty number"),
    "AJ102": (WARNING, "gap in duty numbering"),
    "AJ103": (WARNING, "duty number does not start with its section's number"),
    "AJ104": (WARNING, "duty without expected results"),
    "AJ105": (ERROR, "duty without text"),
    "AJ111": (ERROR, "no position title (üldosa → ametinimetus)"),
    "AJ112": (WARNING, "no purpose (eesmärk)"),
    "AJ113": (WARNING, "no duties (ülesanded)"),
    "AJ121": (ERROR, "language level outside A1–C2"),
    "AJ131": (ERROR, "not a date, or an impossible date"),
    "AJ132": (ERROR, "approved by directive, but no directive number"),
    "AJ133": (ERROR, "unknown approval kind"),
    "AJ134": (WARNING, "approved by directive, but no date"),
    "AJ135": (WARNING, "date without a day"),
    "AJ141": (WARNING, "empty field"),
    "AJ142": (WARNING, "unknown field name close to a known one"),
    "AJ143": (WARNING, "field given twice"),
    "AJ151": (ERROR, "control character in text"),
    "AJ155": (ERROR, "invisible or direction character in text"),
    "AJ152": (ERROR, "generic section `osa` without a title"),
    "AJ153": (WARNING, "section given twice"),
    "AJ154": (WARNING, "empty section"),
    "AJ160": (ERROR, "unresolved merge conflict"),
}


class Diagnostic(Record):
    """One finding: the rule (`code`), where it is (`path`, `line`, `column`), what it says.
    `source_line`: the source line (syntax errors only), for the caret display."""

    __slots__ = ("code", "message", "line", "column", "severity", "hint", "path", "source_line")
    code: str
    message: str
    line: int
    column: int
    severity: str
    hint: str | None
    path: str | None
    source_line: str

    def __init__(
        self,
        code: str,
        message: str,
        line: int = 0,
        column: int = 0,
        severity: str = "",
        hint: str | None = None,
        path: str | None = None,
        source_line: str = "",
    ) -> None:
        self.code, self.message, self.line, self.column = code, message, line, column
        self.severity = severity or RULES[code][0]
        self.hint, self.path, self.source_line = hint, path, source_line

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def format(self) -> str:
        where = f"{self.path or '<text>'}:{self.line}:{self.column}"
        return f"{where}: {self.code} {self.severity}: {self.message}"

    def as_dict(self, *, source_line: bool = False) -> dict:
        """The diagnostic as JSON data, by attribute name (`Diagnostic(**d)` makes it
        again); without the source line unless `source_line`."""
        d = {name: getattr(self, name) for name in self._FIELDS}
        if not source_line:
            del d["source_line"]
        return d


def _at(node: m.Node, code: str, message: str, hint: str | None = None) -> Diagnostic:
    return Diagnostic(code, message, node.line or 1, node.column or 1, hint=hint)


def validate(doc: m.Document) -> list[Diagnostic]:
    """All findings for a parsed document, in line order."""
    out: list[Diagnostic] = []
    _sections(doc, out)
    _approval(doc, out)
    _dates(doc, out)
    _general(doc, out)
    _duties(doc, out)
    _languages(doc, out)
    _text(doc, out)
    _conflicts(doc, out)
    for d in out:
        d.path = doc.path
    out.sort(key=lambda d: (d.line, d.column, d.code))
    return out


# --- rules ----------------------------------------------------------------------------------


def _conflicts(doc: m.Document, out: list[Diagnostic]) -> None:
    for c in doc.conflicts:
        lines = c.end_line - c.start_line + 1
        out.append(
            Diagnostic(
                "AJ160",
                f"unresolved merge conflict ({c.labels}), lines {c.start_line}–{c.end_line} "
                f"({lines} lines); the rest of the file is read with ours' side",
                c.start_line,
                1,
                hint="take a side with `aj resolve FILE --take ours|theirs`, or edit the "
                "lines between the markers and delete the markers",
            )
        )


def _sections(doc: m.Document, out: list[Diagnostic]) -> None:
    seen: dict[str, m.Section] = {}
    for s in doc.sections:
        if s.kind == "osa":
            if not s.title:
                out.append(_at(s, "AJ152", "generic section `osa` needs a title: `osa: Title`"))
        elif s.kind in seen:
            out.append(
                _at(
                    s,
                    "AJ153",
                    f"section '{s.kind}' given twice (first at line {seen[s.kind].line})",
                )
            )
        seen.setdefault(s.kind, s)
        empty = (
            (isinstance(s, m.FieldSection) and not s.fields)
            or (isinstance(s, m.ProseSection) and not s.blocks)
            or (isinstance(s, m.DutySection) and not s.duties)
            or (isinstance(s, m.RequirementsSection) and not s.entries)
        )
        if empty:
            out.append(_at(s, "AJ154", f"section '{s.kind}' is empty"))
        if isinstance(s, (m.FieldSection, m.RequirementsSection)):
            fields = (
                s.fields
                if isinstance(s, m.FieldSection)
                else [e for e in s.entries if isinstance(e, m.Field)]
            )
            _fields(s.kind, fields, out)
    if "eesmärk" not in seen:
        out.append(Diagnostic("AJ112", "no purpose: add an `eesmärk` section", 1, 1))
    if "ülesanded" not in seen:
        out.append(Diagnostic("AJ113", "no duties: add an `ülesanded` section", 1, 1))


def _fields(section: str, fields: list[m.Field], out: list[Diagnostic]) -> None:
    known = vocabulary.FIELD_KEYS.get(section, {})
    spellings = {sp: canon for canon, sps in known.items() for sp in sps}
    seen: dict[str, m.Field] = {}
    for f in fields:
        if not f.key:
            continue  # a `> ` statement that states no field: prose, not a field
        if not f.value.strip():
            out.append(
                _at(
                    f,
                    "AJ141",
                    f"field '{f.key}' is empty",
                    hint="write '-' if the document says there is none",
                )
            )
        if f.key in seen:
            out.append(
                _at(f, "AJ143", f"field '{f.key}' given twice (first at line {seen[f.key].line})")
            )
        seen.setdefault(f.key, f)
        if known and f.key not in known and section != "allkirjad":
            import difflib  # here: most descriptions never need it

            close = difflib.get_close_matches(f.key.lower(), list(spellings), n=1, cutoff=0.8)
            if close:
                out.append(
                    _at(
                        f,
                        "AJ142",
                        f"unknown field '{f.key}'",
                        hint=f"did you mean '{spellings[close[0]]}'?",
                    )
                )


def _approval(doc: m.Document, out: list[Diagnostic]) -> None:
    sec = doc.section("ametijuhend")
    if not isinstance(sec, m.FieldSection):
        return
    appr = m.Approval(sec)
    kind_field = sec.get("kinnitatud")
    if kind_field is not None and appr.kind not in APPROVAL_KINDS:
        import difflib

        close = difflib.get_close_matches(
            kind_field.value.lower(), [s for v in APPROVAL_KINDS.values() for s in v], 1
        )
        out.append(
            _at(
                kind_field,
                "AJ133",
                f"unknown approval kind '{kind_field.value}'",
                hint=(
                    f"did you mean '{close[0]}'?"
                    if close
                    else "write 'käskkirjaga' or 'töölepingu lisana'"
                ),
            )
        )
    if appr.is_directive:
        if not (appr.number or "").strip():
            out.append(
                _at(
                    kind_field or sec,
                    "AJ132",
                    "approved by directive (käskkirjaga) but no directive number",
                    hint="add `number: …` with the directive's number",
                )
            )
        if not (appr.date_text or "").strip():
            out.append(
                _at(
                    kind_field or sec,
                    "AJ134",
                    "approved by directive (käskkirjaga) but no date",
                    hint="add `kuupäev: dd.mm.yyyy`",
                )
            )


def _dates(doc: m.Document, out: list[Diagnostic]) -> None:
    """Date fields (`kuupäev`, `jõustub`, `registreeritud`): one of the forms the documents
    use, a day the calendar has, and a day at all."""
    for sec in doc.sections:
        keys = vocabulary.DATE_FIELDS.get(sec.kind)
        if keys is None or not isinstance(sec, m.FieldSection):
            continue
        for f in sec.fields:
            text = " ".join(f.value.split())
            if f.key not in keys or not text:
                continue
            parts = date_parts(text)
            if parts is None:
                out.append(
                    _at(
                        f,
                        "AJ131",
                        f"'{text}' is not a date",
                        hint=f"write the date as {DATE_FORMS}",
                    )
                )
            elif parts[2] is None:
                out.append(
                    _at(
                        f,
                        "AJ135",
                        f"date '{text}' has no day",
                        hint=f"add the day if the document gives it: '16. {text}'",
                    )
                )
            elif not exists(parts[0], parts[1], parts[2]):  # (as parse_date, without datetime)
                out.append(
                    _at(
                        f,
                        "AJ131",
                        f"impossible date '{text}'",
                        hint=f"write the date as {DATE_FORMS}",
                    )
                )


def _general(doc: m.Document, out: list[Diagnostic]) -> None:
    sec = doc.section("üldosa")
    title = doc.general.title
    if not (title or "").strip():
        where = sec if sec is not None else None
        d = (
            _at(where, "AJ111", "no position title: add `ametinimetus: …` to `üldosa`")
            if where
            else Diagnostic(
                "AJ111", "no position title: add an `üldosa` section with `ametinimetus: …`", 1, 1
            )
        )
        out.append(d)


def _duty_key(number: str) -> tuple[int, ...] | None:
    try:
        return tuple(int(p) for p in number.rstrip(".").split("."))
    except ValueError:
        return None


def _duties(doc: m.Document, out: list[Diagnostic]) -> None:
    for expected_prefix, sec in m.paper_numbers(doc):
        if not isinstance(sec, m.DutySection):
            continue
        seen: dict[str, m.Duty] = {}
        prev: tuple[int, ...] | None = None
        for d in sec.duties:
            norm = d.number.rstrip(".")
            if norm in seen:
                out.append(
                    _at(
                        d,
                        "AJ101",
                        f"duty number {norm} given twice (first at line {seen[norm].line})",
                        hint="`aj renumber` numbers the duties again",
                    )
                )
            seen.setdefault(norm, d)
            key = _duty_key(d.number)
            if key and expected_prefix.isdigit() and key[0] != int(expected_prefix):
                out.append(
                    _at(
                        d,
                        "AJ103",
                        f"duty {norm} is in section {expected_prefix}",
                        hint=f"number it {expected_prefix}.{'.'.join(map(str, key[1:]))}",
                    )
                )
            if (
                key
                and prev
                and len(key) == len(prev)
                and key[:-1] == prev[:-1]
                and key[-1] > prev[-1] + 1
            ):
                missing = ".".join(map(str, prev[:-1] + (prev[-1] + 1,)))
                out.append(
                    _at(
                        d,
                        "AJ102",
                        f"duty {norm} follows {'.'.join(map(str, prev))}: {missing} is missing",
                    )
                )
            if key:
                prev = key
            if not d.text.strip():
                out.append(_at(d, "AJ105", f"duty {norm} has no text"))
            if not d.results:
                out.append(
                    _at(
                        d,
                        "AJ104",
                        f"duty {norm} has no expected results",
                        hint="add results as '- …' lines under the duty",
                    )
                )


_LEVEL = re.compile(r"\b(?:tasemel|tase)\s+([A-Za-z]\d+)\b")
_BARE_LEVEL = re.compile(r"\b([ABC])(\d+)\b")
VALID_LEVELS = set(CEFR_LEVELS)


def _languages(doc: m.Document, out: list[Diagnostic]) -> None:
    req = doc.section("nõuded")
    if not isinstance(req, m.RequirementsSection):
        return
    for e in req.entries:
        if isinstance(e, m.Field) and e.key == "keeleoskus":
            bad = {x.group(1).upper() for x in _LEVEL.finditer(e.value)} - VALID_LEVELS
            bad |= {a + n for a, n in _BARE_LEVEL.findall(e.value)} - VALID_LEVELS
            for level in sorted(bad):
                out.append(_at(e, "AJ121", f"language level '{level}' is outside A1–C2"))


#: What no text of a description may hold: control characters (AJ151) and the tab.
UNWRITABLE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def control_character(text: str) -> str | None:
    """Why `text` cannot go into a description, or None: a control character (AJ151) or a
    tab (the writer writes none). A line break is allowed: it breaks the line. `aj set`,
    `aj replace`, `aj import-json` and `ajtui.ops.edit` refuse such text rather than write a
    file that fails `aj check`."""
    hit = UNWRITABLE.search(text)
    if hit is None:
        return None
    return f"control character U+{ord(hit.group()):04X} in {text[:60]!r}"


#: Format characters (Unicode category Cf: zero-width characters, the soft hyphen,
#: direction embeddings, overrides and isolates, …) and the line and paragraph separators:
#: invisible on screen, yet they change the text (a search, a diff, the reading order).
_INVISIBLE = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2"
    "\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f"
    "\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f]"
)


def _text(doc: m.Document, out: list[Diagnostic]) -> None:
    for node in m.walk(doc):
        values = m.texts(node)
        for value in values:
            hit = CONTROL.search(value)
            if hit:
                out.append(
                    _at(
                        node,
                        "AJ151",
                        f"control character U+{ord(hit.group()):04X} in text",
                        hint="remove it; it is not printable",
                    )
                )
                break
        for value in values:
            hit = _INVISIBLE.search(value)
            if hit:
                out.append(_invisible(node, value, hit))
                break


def invisible_characters(doc: m.Document) -> list[str]:
    """Every invisible or direction character (AJ155) in the description's texts, in
    order: what an edit or an import must not add."""
    return [
        c
        for node in m.walk(doc)
        for value in m.texts(node)
        if value
        for c in _INVISIBLE.findall(value)
    ]


def invisible_character(doc: m.Document) -> str | None:
    """Why the description cannot be written (the first AJ155), or None."""
    for node in m.walk(doc):
        for value in m.texts(node):
            hit = _INVISIBLE.search(value) if value else None
            if hit:
                return _invisible(node, value, hit).message
    return None


def _invisible(node: m.Node, value: str, hit: re.Match) -> Diagnostic:
    import unicodedata

    ch = hit.group()
    name = unicodedata.name(ch, "format character")
    before = value[: hit.start()]
    line = (node.line or 1) + before.count("\n")
    word = value[max(0, hit.start() - 20) : hit.start()].rsplit("\n", 1)[-1].lstrip()
    where = f" after '{word}'" if word else " at the start of the text"
    d = Diagnostic(
        "AJ155",
        f"invisible character U+{ord(ch):04X} {name}{where}",
        line,
        node.column or 1,
        hint="remove it (it does not show, but it changes the text and can reverse how it reads)",
    )
    return d
