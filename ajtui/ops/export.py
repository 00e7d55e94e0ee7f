"""A description as JSON (lossless, both ways), Markdown and HTML (for reading).

The JSON holds the whole model: every section in order with its keyword, number and own
heading; fields, paragraphs and items, duties with their results, requirements; every
comment (with its '#') on the node it precedes; comments after the last section. Texts
are verbatim, the author's line breaks as "\\n". `from_json(to_json(doc)) == doc`, so for a
file in canonical form (`aj fmt` leaves it alone) `dumps(from_json(to_json(load(f))))` is
the file byte for byte. For a file not in canonical form the words and comments come back
and the layout is the canonical one (what `aj fmt` writes): extra blank lines, odd
indentation and trailing spaces are layout, not content. The shape is described by
`ajtui/schema/aj.schema.json` (`schema()`).
"""

from __future__ import annotations

import html
import json
import re
from importlib import resources
from typing import Any

from ajtui.base.safetext import CONTROL
from ajtui.format import model as m
from ajtui.format import vocabulary
from ajtui.format.validate import control_character
from ajtui.format.vocabulary import DEFAULT_HEADINGS

FORMAT, VERSION = "ajtui", 1

__all__ = [
    "FORMAT",
    "VERSION",
    "JsonFormatError",
    "to_json",
    "from_json",
    "dumps_json",
    "loads_json",
    "schema",
    "to_markdown",
    "to_html",
]


class JsonFormatError(ValueError):
    """JSON that is not a description in this shape; the message names the place."""


# --- JSON --------------------------------------------------------------------------------------


def _c(node: m.Node, out: dict) -> dict:
    if node.comments:
        out["comments"] = list(node.comments)
    return out


def _item(it: m.Item) -> dict:
    return _c(it, {"text": it.text})


def _field(f: m.Field, out: dict) -> dict:
    """A field's key and value; its own label and the prose it is stated in, when it has
    them."""
    out["key"], out["value"] = f.key, f.value
    if f.label:
        out["label"] = f.label
    if f.in_prose:
        out["prose"] = {"before": f.before, "after": f.after}
    return _c(f, out)


def _entry(e: m.Requirement) -> dict:
    if isinstance(e, m.Field):
        return _field(e, {"type": "field"})
    if isinstance(e, m.Competencies):
        return _c(
            e,
            {
                "type": "competencies",
                "title": e.title,
                "groups": [
                    _c(g, {"name": g.name, "items": [_item(i) for i in g.items]}) for g in e.groups
                ],
            },
        )
    return _c(e, {"type": "additional", "title": e.title, "items": [_item(i) for i in e.items]})


def to_json(doc: m.Document) -> dict[str, Any]:
    """The description as plain JSON data (dicts, lists, strings)."""
    sections = []
    for s in doc.sections:
        d: dict[str, Any] = {"kind": s.kind, "number": s.number, "title": s.title}
        _c(s, d)
        if isinstance(s, m.FieldSection):
            d["fields"] = [_field(f, {}) for f in s.fields]
        elif isinstance(s, m.ProseSection):
            d["blocks"] = [
                _c(
                    b,
                    {"type": "paragraph" if isinstance(b, m.Paragraph) else "item", "text": b.text},
                )
                for b in s.blocks
            ]
        elif isinstance(s, m.DutySection):
            if s.header:
                d["header"] = [_field(f, {}) for f in s.header]
            d["duties"] = [
                _c(
                    x,
                    {"number": x.number, "text": x.text, "results": [_item(r) for r in x.results]},
                )
                for x in s.duties
            ]
        elif isinstance(s, m.RequirementsSection):
            d["entries"] = [_entry(e) for e in s.entries]
        sections.append(d)
    out: dict[str, Any] = {"format": FORMAT, "version": VERSION, "sections": sections}
    if doc.trailing_comments:
        out["trailing_comments"] = list(doc.trailing_comments)
    return out


def dumps_json(doc: m.Document, *, indent: int | None = 2) -> str:
    return json.dumps(to_json(doc), ensure_ascii=False, indent=indent) + "\n"


#: Larger JSON is not the export of one description (the .aj text is limited to
#: `reading.MAX_FILE_BYTES`; the JSON of it is at most a few times that).
MAX_JSON_CHARS = 32 * 1024 * 1024
#: The export nests 8 deep; far deeper JSON is refused before Python's parser recurses.
MAX_JSON_DEPTH = 64

_SURROGATE = re.compile(r"[\ud800-\udfff]")


class _BigNumber:
    """A number with more digits than Python turns into an int: never in an export, kept
    as this marker so that the reader names its place."""

    def __init__(self, digits: str) -> None:
        self.digits = digits


def _int(digits: str) -> int | _BigNumber:
    return int(digits) if len(digits) <= 100 else _BigNumber(digits)


def _kind(v: Any) -> str:
    """The JSON name of a value's type, for messages."""
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float, _BigNumber)):
        return "a number"
    names: dict[type, str] = {dict: "an object", list: "a list", str: "a string"}
    return names.get(type(v), type(v).__name__)


def _shown(v: Any) -> str:
    """A short repr of a value found where another belongs (a key, a keyword, a format)."""
    if isinstance(v, str):
        return repr(v) if len(v) <= 40 else repr(v[:40]) + "…"
    return _kind(v)


class _Reader:
    """Reads the JSON shape with messages that name the place: `sections[2].duties[0]`."""

    def obj(
        self, v: Any, where: str, required: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> dict:
        if not isinstance(v, dict):
            raise JsonFormatError(f"{where}: expected an object, found {_kind(v)}")
        missing = [k for k in required if k not in v]
        if missing:
            raise JsonFormatError(f"{where}: missing {', '.join(repr(k) for k in missing)}")
        extra = [k for k in v if k not in required and k not in optional]
        if extra:
            raise JsonFormatError(f"{where}: unknown key {_shown(extra[0])}")
        return v

    def str_(self, v: Any, where: str) -> str:
        if not isinstance(v, str):
            raise JsonFormatError(f"{where}: expected a string, found {_kind(v)}")
        surrogate = _SURROGATE.search(v)
        if surrogate:
            raise JsonFormatError(
                f"{where}: a lone surrogate U+{ord(surrogate.group()):04X} "
                f"at character {surrogate.start() + 1} is not text"
            )
        bad = control_character(v)
        if bad:
            raise JsonFormatError(f"{where}: {bad}: not allowed in a description")
        return v

    def list_(self, v: Any, where: str) -> list:
        if not isinstance(v, list):
            raise JsonFormatError(f"{where}: expected a list, found {_kind(v)}")
        return v

    def comments(self, d: dict, where: str) -> list[str]:
        return [
            self.str_(c, f"{where}.comments[{i}]")
            for i, c in enumerate(self.list_(d.get("comments", []), f"{where}.comments"))
        ]

    def field(self, d: dict, where: str) -> m.Field:
        f = m.Field(
            self.str_(d["key"], f"{where}.key"),
            self.str_(d["value"], f"{where}.value"),
            label=self.str_(d.get("label", ""), f"{where}.label"),
            comments=self.comments(d, where),
        )
        if "prose" in d:
            p = self.obj(d["prose"], f"{where}.prose", ("before", "after"))
            f.in_prose = True
            f.before = self.str_(p["before"], f"{where}.prose.before")
            f.after = self.str_(p["after"], f"{where}.prose.after")
        if not f.key and not f.in_prose:
            raise JsonFormatError(
                f"{where}.key: empty (only a statement, with 'prose', states no field)"
            )
        return f

    def item(self, v: Any, where: str) -> m.Item:
        d = self.obj(v, where, ("text",), ("comments",))
        return m.Item(self.str_(d["text"], f"{where}.text"), comments=self.comments(d, where))


def from_json(data: Any) -> m.Document:
    """The Document a `to_json` result describes. Raises JsonFormatError."""
    r = _Reader()
    top = r.obj(data, "(top)", ("sections",), ("format", "version", "trailing_comments", "$schema"))
    if top.get("format", FORMAT) != FORMAT:
        raise JsonFormatError(f"format: expected {FORMAT!r}, found {_shown(top['format'])}")
    version = top.get("version", VERSION)
    if isinstance(version, bool) or version != VERSION:
        raise JsonFormatError(
            f"version: this ajtui reads version {VERSION}, found "
            f"{version if isinstance(version, int) else _shown(version)}"
        )
    sections: list[m.AnySection] = []
    for i, sv in enumerate(r.list_(top["sections"], "sections")):
        where = f"sections[{i}]"
        if not isinstance(sv, dict):
            r.obj(sv, where, ())
        kind = r.str_(sv.get("kind"), f"{where}.kind") if "kind" in sv else None
        if kind is None:
            raise JsonFormatError(f"{where}: missing 'kind'")
        try:
            sec = m.new_section(kind)
        except ValueError:
            raise JsonFormatError(f"{where}.kind: unknown section keyword {kind!r}") from None
        if sec.kind != kind:
            raise JsonFormatError(f"{where}.kind: write the keyword as {sec.kind!r}")
        body = {
            m.FieldSection: "fields",
            m.ProseSection: "blocks",
            m.DutySection: "duties",
            m.RequirementsSection: "entries",
        }[type(sec)]
        d = r.obj(
            sv,
            where,
            ("kind", body),
            ("number", "title", "comments") + (("header",) if body == "duties" else ()),
        )
        sec.number = r.str_(d.get("number", ""), f"{where}.number")
        sec.title = r.str_(d.get("title", ""), f"{where}.title")
        sec.comments = r.comments(d, where)
        items = r.list_(d[body], f"{where}.{body}")
        if isinstance(sec, m.FieldSection):
            for j, fv in enumerate(items):
                w = f"{where}.fields[{j}]"
                f = r.obj(fv, w, ("key", "value"), ("comments", "label", "prose"))
                sec.fields.append(r.field(f, w))
        elif isinstance(sec, m.ProseSection):
            for j, bv in enumerate(items):
                w = f"{where}.blocks[{j}]"
                b = r.obj(bv, w, ("type", "text"), ("comments",))
                block_types: dict[str, type[m.Paragraph] | type[m.Item]] = {
                    "paragraph": m.Paragraph,
                    "item": m.Item,
                }
                cls = block_types.get(r.str_(b["type"], f"{w}.type"))
                if cls is None:
                    raise JsonFormatError(
                        f"{w}.type: expected 'paragraph' or 'item', found {_shown(b['type'])}"
                    )
                sec.blocks.append(cls(r.str_(b["text"], f"{w}.text"), comments=r.comments(b, w)))
        elif isinstance(sec, m.DutySection):
            for j, fv in enumerate(r.list_(d.get("header", []), f"{where}.header")):
                w = f"{where}.header[{j}]"
                f = r.obj(fv, w, ("key", "value", "prose"), ("comments", "label"))
                sec.header.append(r.field(f, w))
            for j, dv in enumerate(items):
                w = f"{where}.duties[{j}]"
                x = r.obj(dv, w, ("number", "text"), ("results", "comments"))
                sec.duties.append(
                    m.Duty(
                        r.str_(x["number"], f"{w}.number"),
                        r.str_(x["text"], f"{w}.text"),
                        [
                            r.item(it, f"{w}.results[{k}]")
                            for k, it in enumerate(r.list_(x.get("results", []), f"{w}.results"))
                        ],
                        comments=r.comments(x, w),
                    )
                )
        else:
            for j, ev in enumerate(items):
                sec.entries.append(_read_entry(r, ev, f"{where}.entries[{j}]"))
        sections.append(sec)
    if not sections:
        raise JsonFormatError("sections: empty; a description has at least one section")
    trailing = [
        r.str_(c, f"trailing_comments[{i}]")
        for i, c in enumerate(r.list_(top.get("trailing_comments", []), "trailing_comments"))
    ]
    return m.Document(sections=sections, trailing_comments=trailing)


def _read_entry(r: _Reader, ev: Any, w: str) -> m.Requirement:
    kind = ev.get("type") if isinstance(ev, dict) else None
    if kind == "field":
        e = r.obj(ev, w, ("type", "key", "value"), ("comments", "label", "prose"))
        return r.field(e, w)
    if kind == "competencies":
        e = r.obj(ev, w, ("type", "groups"), ("title", "comments"))
        groups = []
        for k, gv in enumerate(r.list_(e["groups"], f"{w}.groups")):
            gw = f"{w}.groups[{k}]"
            g = r.obj(gv, gw, ("name", "items"), ("comments",))
            groups.append(
                m.CompetencyGroup(
                    r.str_(g["name"], f"{gw}.name"),
                    [
                        r.item(it, f"{gw}.items[{n}]")
                        for n, it in enumerate(r.list_(g["items"], f"{gw}.items"))
                    ],
                    comments=r.comments(g, gw),
                )
            )
        return m.Competencies(
            r.str_(e.get("title", ""), f"{w}.title"), groups, comments=r.comments(e, w)
        )
    if kind == "additional":
        e = r.obj(ev, w, ("type", "items"), ("title", "comments"))
        return m.AdditionalCompetencies(
            r.str_(e.get("title", ""), f"{w}.title"),
            [
                r.item(it, f"{w}.items[{n}]")
                for n, it in enumerate(r.list_(e["items"], f"{w}.items"))
            ],
            comments=r.comments(e, w),
        )
    if not isinstance(ev, dict):
        r.obj(ev, w, ())
    raise JsonFormatError(
        f"{w}.type: expected 'field', 'competencies' or 'additional', "
        f"found {_shown(kind) if kind is not None else 'nothing'}"
    )


def loads_json(text: str) -> m.Document:
    """JSON text -> Document. Raises JsonFormatError (bad JSON or a wrong shape)."""
    check_json_size(len(text))
    _check_depth(text)
    try:
        data = json.loads(text, parse_int=_int)
    except json.JSONDecodeError as e:
        raise JsonFormatError(f"line {e.lineno} column {e.colno}: not JSON: {e.msg}") from None
    except RecursionError:  # _check_depth missed it: never expected
        raise JsonFormatError(f"nested deeper than {MAX_JSON_DEPTH} levels") from None
    except ValueError as e:  # e.g. a number json cannot convert
        raise JsonFormatError(f"not JSON: {e}") from None
    return from_json(data)


def check_json_size(size: int) -> None:
    """Raise JsonFormatError when `size` (characters or bytes) is more than an export of
    one description can be."""
    if size > MAX_JSON_CHARS:
        raise JsonFormatError(
            f"larger than {MAX_JSON_CHARS // (1024 * 1024)} MB: not the export of one description"
        )


_DEPTH_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?|[\[{\]}]')


def _check_depth(text: str) -> None:
    """JSON nested deeper than MAX_JSON_DEPTH: the line and column where it gets too deep
    (Python's json would exhaust the stack on it). Strings are skipped whole."""
    if text.count("[") + text.count("{") <= MAX_JSON_DEPTH:
        return
    depth = 0
    for mo in _DEPTH_TOKEN.finditer(text):
        c = mo.group()[0]
        if c in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                line = text.count("\n", 0, mo.start()) + 1
                col = mo.start() - (text.rfind("\n", 0, mo.start()) + 1) + 1
                raise JsonFormatError(
                    f"line {line} column {col}: nested deeper than "
                    f"{MAX_JSON_DEPTH} levels; an export nests 8 deep"
                )
        elif c in "]}":
            depth -= 1


def schema() -> dict:
    """The JSON Schema (draft 2020-12) of `to_json`'s output."""
    text = (resources.files("ajtui") / "schema" / "aj.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


# --- Markdown and HTML (for reading; comments are left out) -------------------------------------


def _visible(text: str) -> str:
    return CONTROL.sub(lambda mo: f"\\x{ord(mo.group()):02x}", text)


def _flow(text: str) -> str:
    return _visible(" ".join(text.split()))


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")


def _md(text: str, *, line_start: bool = True) -> str:
    """Text as Markdown shows it literally: markup characters escaped, one line."""
    out = _MD_SPECIAL.sub(r"\\\1", _flow(text))
    if not line_start:
        return out
    # at the start of a line: a heading, a list, a numbered list
    if out[:1] in ("#", "-", "+"):
        return "\\" + out
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", out)


def _headings(doc: m.Document):
    """(section, its number as printed, its heading) — numbered as the paper document."""
    headings = DEFAULT_HEADINGS
    ordinal = 0
    for sec in doc.sections:
        if sec.kind == "ametijuhend":
            yield sec, "", ""
            continue
        if sec.kind in vocabulary.FRONT_MATTER:
            yield sec, "", sec.title or headings.get(sec.kind, sec.kind)
            continue
        ordinal += 1
        yield sec, sec.number or str(ordinal), sec.title or headings.get(sec.kind, sec.kind)


def _approval_lines(doc: m.Document) -> list[str]:
    appr = doc.approval
    if appr is None:
        return []
    out = []
    if appr.agency:
        out.append(appr.agency)
    if appr.is_contract_annex:
        out.append("Töölepingu juurde kuuluv lisa")
    elif appr.kind or appr.number or appr.approver:
        out.append(
            "KINNITATUD "
            + " ".join(
                x
                for x in (
                    appr.approver,
                    appr.date_text,
                    appr.number and f"käskkirjaga nr {appr.number}",
                )
                if x
            )
        )
    if appr.annex:
        out.append(f"Lisa {appr.annex}")
    sec = doc.section("ametijuhend")
    for f in sec.extra if isinstance(sec, m.FieldSection) else []:
        out.append(f.sentence if f.in_prose else f"{m.printed_label(f)}: {f.value}")
    return out


def to_markdown(doc: m.Document) -> str:
    """The description as Markdown, laid out like the paper document. Text is escaped so
    that it shows as written; comments are left out (the JSON keeps them)."""
    out: list[str] = []
    started = False
    for sec, number, heading in _headings(doc):
        if not started and sec.kind not in vocabulary.FRONT_MATTER:
            # the description starts: its approval stamp, then its title
            started = True
            approval = _approval_lines(doc)
            if out and approval:
                out.append("")
            for line in approval:
                out.append(_md(line) + "  ")
            if approval:
                out.append("")
            title = doc.general.title
            out.append(f"# AMETIJUHEND{': ' + _md(title) if title else ''}")
        if sec.kind == "ametijuhend":
            continue
        shown = _md(heading, line_start=False)
        out += [
            "",
            f"## {number}. {shown}" if number and sec.kind != "allkirjad" else f"## {shown}",
            "",
        ]
        if isinstance(sec, m.FieldSection):
            for f in sec.fields:
                if f.in_prose:
                    out += ["", _md(f.sentence), ""]
                elif sec.kind == "allkirjad":
                    out.append(f"**{_md(f.label or f.key)}:**  ")
                    out.extend(_md(x) + "  " for x in f.value.split("\n"))
                    out.append("")
                else:
                    out.append(f"- **{_md(m.printed_label(f))}:** {_md(f.value)}")
        elif isinstance(sec, m.ProseSection):
            prev = None
            for b in sec.blocks:
                if isinstance(b, m.Item):
                    if isinstance(prev, m.Paragraph):
                        out.append("")
                    out.append(f"- {_md(b.text)}")
                else:
                    if prev is not None:
                        out.append("")
                    out.append(_md(b.text))
                prev = b
        elif isinstance(sec, m.DutySection):
            if sec.header:
                out += [_md(" | ".join(f.sentence for f in sec.header)), ""]
            for d in sec.duties:
                out.append(f"**{_md(d.number, line_start=False)}** {_md(d.text, line_start=False)}")
                out.append("")
                for r in d.results:
                    out.append(f"- {_md(r.text)}")
                if d.results:
                    out.append("")
        elif isinstance(sec, m.RequirementsSection):
            for e in sec.entries:
                if isinstance(e, m.Field) and e.in_prose:
                    out += ["", _md(e.sentence), ""]
                elif isinstance(e, m.Field):
                    out.append(f"- **{_md(m.printed_label(e))}:** {_md(e.value)}")
                elif isinstance(e, m.Competencies):
                    out += ["", f"### {_md(e.title or 'Tööks vajalikud kompetentsid')}", ""]
                    for g in e.groups:
                        out.append(f"**{_md(g.name)}**")
                        out.append("")
                        out.extend(f"- {_md(it.text)}" for it in g.items)
                        out.append("")
                elif isinstance(e, m.AdditionalCompetencies):
                    out += ["", f"### {_md(e.title or 'Täiendavad kompetentsid')}", ""]
                    for name, desc in e.named:
                        out.append(f"- **{_md(name)}**" + (f": {_md(desc)}" if desc else ""))
    if not out:
        out.append("# AMETIJUHEND")
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n")
    return text + "\n"


def _h(text: str) -> str:
    return html.escape(_flow(text), quote=True)


def _html_fields(fields: list[m.Field], *, lines: bool = False) -> list[str]:
    """Fields as a definition list under their printed labels; a `> ` statement as a
    paragraph in its place. `lines`: values keep their line breaks (signatures)."""
    out: list[str] = []
    open_ = False
    for f in fields:
        if f.in_prose:
            if open_:
                out.append("</dl>")
                open_ = False
            out.append(f"<p>{_h(f.sentence)}</p>")
            continue
        if not open_:
            out.append("<dl>")
            open_ = True
        value = "<br>".join(_h(x) for x in f.value.split("\n")) if lines else _h(f.value)
        out.append(f"<dt>{_h(m.printed_label(f))}</dt><dd>{value}</dd>")
    if open_:
        out.append("</dl>")
    return out


def to_html(doc: m.Document) -> str:
    """A standalone HTML page of the description. Every text is escaped; control characters
    show as \\xNN; comments are left out."""
    title = doc.general.title or "Ametijuhend"
    out = [
        "<!DOCTYPE html>",
        '<html lang="et">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{_h(title)}</title>",
        "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.4}"
        "table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;"
        "padding:.3em .5em;vertical-align:top;text-align:left}"
        ".approval{text-align:right}dt{font-weight:bold}</style>",
        "</head>",
        "<body>",
    ]
    started = False
    for sec, number, heading in _headings(doc):
        if not started and sec.kind not in vocabulary.FRONT_MATTER:
            started = True
            appr = _approval_lines(doc)
            if appr:
                out.append('<div class="approval">' + "<br>".join(_h(x) for x in appr) + "</div>")
            out.append(f"<h1>AMETIJUHEND{': ' + _h(title) if doc.general.title else ''}</h1>")
        if sec.kind == "ametijuhend":
            continue
        out.append(f'<section class="{_h(sec.kind)}">')
        out.append(f"<h2>{_h(number)}. {_h(heading)}</h2>" if number else f"<h2>{_h(heading)}</h2>")
        if isinstance(sec, m.FieldSection):
            out.extend(_html_fields(sec.fields, lines=sec.kind == "allkirjad"))
        elif isinstance(sec, m.ProseSection):
            in_list = False
            for b in sec.blocks:
                if isinstance(b, m.Item):
                    if not in_list:
                        out.append("<ul>")
                        in_list = True
                    out.append(f"<li>{_h(b.text)}</li>")
                else:
                    if in_list:
                        out.append("</ul>")
                        in_list = False
                    out.append(f"<p>{_h(b.text)}</p>")
            if in_list:
                out.append("</ul>")
        elif isinstance(sec, m.DutySection):
            cols = sec.columns or ("Põhiülesanded", "Oodatavad tulemused")
            if sec.header and not sec.columns:
                out.extend(f"<p>{_h(f.sentence)}</p>" for f in sec.header)
            out.append(
                f"<table><thead><tr><th>{_h(cols[0])}</th><th>{_h(cols[1])}</th>"
                "</tr></thead><tbody>"
            )
            for d in sec.duties:
                results = (
                    ("<ul>" + "".join(f"<li>{_h(r.text)}</li>" for r in d.results) + "</ul>")
                    if d.results
                    else "–"
                )
                out.append(
                    f'<tr><td><span class="number">{_h(d.number)}</span> '
                    f"{_h(d.text)}</td><td>{results}</td></tr>"
                )
            out.append("</tbody></table>")
        elif isinstance(sec, m.RequirementsSection):
            run: list[m.Field] = []
            for e in sec.entries:
                if isinstance(e, m.Field):
                    run.append(e)
                    continue
                out.extend(_html_fields(run))
                run = []
                if isinstance(e, m.Competencies):
                    out.append(f"<h3>{_h(e.title or 'Tööks vajalikud kompetentsid')}</h3>")
                    for g in e.groups:
                        out.append(
                            f"<h4>{_h(g.name)}</h4><ul>"
                            + "".join(f"<li>{_h(it.text)}</li>" for it in g.items)
                            + "</ul>"
                        )
                elif isinstance(e, m.AdditionalCompetencies):
                    out.append(f"<h3>{_h(e.title or 'Täiendavad kompetentsid')}</h3><ul>")
                    for name, desc in e.named:
                        out.append(f"<li><b>{_h(name)}</b>{': ' + _h(desc) if desc else ''}</li>")
                    out.append("</ul>")
            out.extend(_html_fields(run))
        out.append("</section>")
    if not started:
        out.append("<h1>AMETIJUHEND</h1>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"
