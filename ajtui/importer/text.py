"""Recognising a job description in lines and table rows, and building the model.

The steps, each general rather than tuned to one layout:

1. headings that the extraction ran into other text are split off ("AMETIJUHEND 1. ÜLDOSA",
   "… üle. 3. PÕHIKOHUSTUSED");
2. register metadata rows, a directive (KÄSKKIRI …) and each description's header (approval
   stamp, title lines) are found; a directive that approves several descriptions whose text
   follows becomes several descriptions;
3. the body is cut at section headings: numbered ("3. TEENISTUSKOHUSTUSED"), Roman ("II
   AMETIÜLESANDED") or upper-case, recognised fuzzily (OCR damage) by phrase or by the
   heading's head word; a numbered heading the vocabulary does not know becomes a generic
   `osa` section with its own title;
4. each section's recogniser (general part, duties, prose, requirements, signatures) places
   the lines; what no recogniser can place goes, verbatim, to a final section
   `osa: Paigutamata tekst` and is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ajtui.base.dates import date_parts, parse_date
from ajtui.format import model as m
from ajtui.importer.blocks import Block, Line, Row, fold, use_indent_marks
from ajtui.importer.build import UNPLACED_TITLE, Builder, flag, make_writable, note
from ajtui.importer.duties import column_headers, parse_duties
from ajtui.importer.general import parse_general, parse_prose_general, prose_statements
from ajtui.importer.header import (
    Directive,
    Header,
    directive_section,
    is_directive_start,
    is_stamp_start,
    is_title_line,
    nominative_in,
    read_directive,
    read_header,
    register_section,
    stamp_lines,
    take_register,
)
from ajtui.importer.prose import (
    is_amendment_sentence,
    is_signature_start,
    looks_like_signatures,
    prose,
    requirements,
    signatures,
)
from ajtui.importer.vocab import (
    GENERAL_TABLE,
    HEADING_TABLE,
    heading_kind_by_stem,
    is_upper_text,
    match,
    starts_lower,
    starts_upper,
    terminated,
)

_NUM_HEAD = re.compile(r"^(\d{1,2})(?:\.?\s+|\.(?=[^\W\d_]))(\S.*)$")  # "1.Üldsätted" too
_ROMAN = re.compile(r"^(I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)\.?\s+(\S.*)$")
_EMBEDDED = re.compile(r"(?<=\S)\s+(?=\d{1,2}\.\s+\S)")


@dataclass
class Heading:
    kind: str | None  # a section kind, "õigused+vastutus", or None (generic `osa`)
    number: str
    title: str
    rest: str = ""  # text after the heading on the same line


def heading_of(line: Line, expected: int | None = None, *, plain: bool = False) -> Heading | None:
    """The section heading this line is, if it is one. `plain`: accept an unnumbered
    heading in ordinary case too (a sub-heading inside 'Õigused ja vastutus')."""
    text = line.text.strip()
    num_m = _NUM_HEAD.match(text)
    if num_m and not re.match(r"^\d{1,2}\.\d", text):
        number, body = num_m.group(1), num_m.group(2)
        return _numbered(number, body, text, expected)
    roman = _ROMAN.match(text)
    if roman:
        body = roman.group(2)
        hit = match(body, HEADING_TABLE, whole=True, cutoff=0.8)
        kind = hit.value if hit else heading_kind_by_stem(body) if is_upper_text(body) else None
        if hit or is_upper_text(body):
            return Heading(kind, "", text)
        return None
    if len(text.split()) <= 6 and (is_upper_text(text) or line.heading or plain):
        hit = match(text.rstrip(":"), HEADING_TABLE, whole=True, cutoff=0.85)
        if hit:
            return Heading(hit.value, "", text.rstrip(" :"))
        if line.heading and is_upper_text(text):
            kind = heading_kind_by_stem(text)
            if kind:
                return Heading(kind, "", text)
    return None


def _numbered(number: str, body: str, text: str, expected: int | None) -> Heading | None:
    if int(number) > 30 or _is_label_row(body):
        return None
    body = re.sub(r"^([^\W\d_][^:\s]*):(?=[^\W\d_])", r"\1: ", body)  # "Tööülesanded:Aednik"
    hit = match(body, HEADING_TABLE, cutoff=0.82)
    words = body.split()
    if hit:
        rest = " ".join(words[hit.words :])
        if not rest:
            return Heading(hit.value, number, body.rstrip(" :"))
        if rest.startswith(":"):
            return Heading(hit.value, number, hit.label, rest[1:].strip())
        if words[hit.words - 1].endswith(":"):  # "4. Tööülesanded: Aednik-majahoidja …"
            return Heading(hit.value, number, hit.label.rstrip(":"), rest)
        if is_upper_text(hit.label) and not is_upper_text(words[hit.words]):
            return Heading(hit.value, number, hit.label, rest)
        if starts_lower(rest):  # "2. Teenistuskoha eesmärk on …": the heading is a sentence
            return Heading(hit.value, number, "", body)
        if is_upper_text(body) and len(words) <= 10:
            return Heading(hit.value, number, body)
        return None
    # an upper-case run followed by text, or a short heading
    upper: list[str] = []
    for w in words:
        if is_upper_text(w) or (upper and not any(c.isalpha() for c in w)):
            upper.append(w)
        else:
            break
    title, rest = body, ""
    if (
        upper
        and len(upper) < len(words)
        and len(upper) >= 1
        and is_upper_text(" ".join(upper))
        and len(" ".join(upper)) > 3
    ):
        title, rest = " ".join(upper), " ".join(words[len(upper) :])
    # "2. Kohustused ja ülesanded.": a short heading may end with a period
    short = (
        len(title.split()) <= 8
        and starts_upper(title)
        and (
            not terminated(title)
            or (len(title.split()) <= 6 and re.fullmatch(r"[^.,;:]+\.", title) is not None)
        )
    )
    if not short:
        return None
    kind = heading_kind_by_stem(title)
    if kind:
        return Heading(kind, number, title, rest)
    if (
        expected is not None
        and int(number) == expected
        and len(title.split()) <= 6
        and not title.endswith(",")
    ):
        return Heading(None, number, title, rest)
    return None


def _is_label_row(body: str) -> bool:
    """'Ametinimetus:    AEDNIK-MAJAHOIDJA', 'Otsene ülem: õpilaskodu juhataja': a numbered
    row of the general part, not a section heading."""
    label, colon, value = body.partition(":")
    return bool(
        colon
        and value.strip()
        and match(label, GENERAL_TABLE, whole=True)
        and not match(label, HEADING_TABLE, whole=True)
    )


# --- preparing the lines --------------------------------------------------------------------


def split_embedded(blocks: list[Block]) -> list[Block]:
    """'AMETIJUHEND 1. ÜLDOSA' and '… üle. 3. PÕHIKOHUSTUSED' become two lines each."""
    out: list[Block] = []
    for blk in blocks:
        if not isinstance(blk, Line):
            out.append(blk)
            continue
        pieces = [blk]
        while True:
            last = pieces[-1]
            cut = None
            for mm in _EMBEDDED.finditer(last.text):
                before = last.text[: mm.start()].rstrip()
                prev_word = before.split()[-1] if before.split() else ""
                if not (
                    before.endswith((".", ";", ":", "!", "?", ")")) or is_upper_text(prev_word)
                ):
                    continue
                h = heading_of(Line(last.text[mm.end() :]))
                if h and h.kind:
                    cut = mm
                    break
            if not cut:
                break
            head = Line(
                last.text[: cut.start()].rstrip(),
                last.n,
                last.gap,
                last.mark,
                last.indent,
                last.heading,
            )
            tail = Line(last.text[cut.end() :], last.n, 0)
            pieces[-1:] = [head, tail]
        out.extend(pieces)
    return out


# --- one description ------------------------------------------------------------------------


@dataclass
class Region:
    kind: str | None
    number: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    combined: bool = False


@dataclass
class Draft:
    """One description found in a source, before it is written."""

    doc: m.Document
    title: str
    unplaced: list[str]
    notes: list[str]
    annex: str | None = None
    #: The section holding the directive's text (repeated in each description it approves).
    directive_section: m.FieldSection | None = None


def _lines(blocks: list[Block]) -> list[Line]:
    out: list[Line] = []
    for b in blocks:
        out.extend(b.flatten() if isinstance(b, Row) else [b])
    return out


def _cut_heading(h: Heading, blk: Line, nxt: Block | None, expected: int) -> Heading | None:
    """'3. TEENISTUSKOHA' / 'ÜLESANDED JA TULEMUSED': a heading cut by a page break, the
    two lines as one when only together they name a section."""
    if (
        h.kind
        or h.rest
        or not isinstance(nxt, Line)
        or not is_upper_text(nxt.text)
        or len(nxt.text.split()) > 6
    ):
        return None
    joined = heading_of(Line(blk.text.rstrip() + " " + nxt.text.strip(), blk.n), expected)
    return joined if joined is not None and joined.kind else None


def split_regions(body: list[Block]) -> list[Region]:
    regions: list[Region] = []
    last = 0
    skip: set[int] = set()
    for at, blk in enumerate(body):
        if at in skip:
            continue
        if isinstance(blk, Line):
            cur = regions[-1] if regions else None
            h = heading_of(blk, last + 1, plain=bool(cur and cur.combined))
            if h:
                nxt = body[at + 1] if at + 1 < len(body) else None
                joined = _cut_heading(h, blk, nxt, last + 1)
                if joined is not None:  # the next block is the heading's second line
                    h = joined
                    skip.add(at + 1)
            if h:
                if h.number:
                    last = int(h.number)
                kind = h.kind
                combined = kind == "õigused+vastutus"
                if combined:
                    kind = "õigused"
                if cur and cur.combined and not h.number and not cur.blocks and kind == "õigused":
                    # "4. Õigused ja vastutus" then "Õigused": the sub-heading is the first line
                    cur.blocks.append(Line(blk.text, blk.n, blk.gap, "", blk.indent, True))
                    continue
                regions.append(Region(kind, h.number, h.title, [], combined))
                if h.rest:
                    regions[-1].blocks.append(Line(h.rest, blk.n, 0))
                continue
        if not regions:
            regions.append(Region("", "", ""))
        regions[-1].blocks.append(blk)
    return regions


def build(
    header_blocks: list[Block],
    body: list[Block],
    *,
    register: list[str],
    agency: str | None,
    directive: Directive | None,
    name: str,
) -> Draft:
    b = Builder()
    notes: list[str] = []
    header_lines = _lines(header_blocks)
    header: Header | None = read_header(header_lines, directive) if header_lines else None
    title_comments: list[str] = []
    if header is not None or directive is not None:
        h = header or Header()
        if directive is not None and header is None:
            h.number, h.date = directive.number, directive.date
            h.kind = "käskkirjaga" if directive.number else None
        if h.has_approval or agency or directive is not None:
            sec = b.add_as(m.FieldSection, "ametijuhend", "", h.title)
            appr = m.Approval(sec)
            if agency or h.agency:
                appr.agency = agency or h.agency
            if h.kind:
                appr.kind = h.kind
            if h.approver:
                appr.approver = h.approver
            if h.number and h.kind == "käskkirjaga":
                appr.number = h.number
            if h.date:
                if parse_date(h.date) is None and re.fullmatch(r"[\d.\s]+", h.date):
                    notes.append(f"the stamp's date {h.date!r} is not a real date; left out")
                else:
                    appr.date = h.date
                    parts = date_parts(h.date)
                    date_field = sec.get("kuupäev")
                    if date_field is not None and (parts is None or parts[2] is None):
                        flag(
                            date_field,
                            f"the stamp's date {h.date!r} has no day"
                            if parts
                            else f"the stamp's date {h.date!r} is not a date the format reads",
                        )
            if h.annex:
                appr.annex = h.annex
            sec.comments, sec.fields[:0] = stamp_lines(h.stamp, appr)
        elif h.title_lines and fold(h.title) != "ametijuhend" or h.stamp:
            # the document's title line and the lines around it: what `aj show` prints
            sec = b.add_as(m.FieldSection, "ametijuhend", "", h.title)
            sec.comments, sec.fields[:0] = stamp_lines(h.stamp, m.Approval(sec))
        else:
            # only "AMETIJUHEND": no section for it, a comment keeps it
            title_comments = [f"# {t}" for t in h.stamp + h.title_lines]
        notes.extend(h.notes)
    if directive is not None:  # before the approval stamp, as the source has it
        dsec = directive_section(directive)
        b.sections.insert(0, dsec)
        b.directive = dsec

    regions = split_regions(body)
    _signatures_and_amendment(regions)
    for region in regions:
        _place(region, b, notes)
    for placed in b.sections:
        _flag_near_heading(placed)

    doc_title = _ensure_title(b, header, directive, regions, name, notes)
    sections = list(b.sections)
    if b.unplaced:
        un = m.ProseSection("osa", UNPLACED_TITLE)
        un.blocks = prose(b.unplaced)
        un.comments = [
            note(
                "text the importer could not place, verbatim: move it where "
                "it belongs and delete this section"
            )
        ]
        sections.append(un)
    if register:
        sections.insert(0, register_section(register))
    make_writable(sections)
    doc = m.Document(sections=sections)
    if doc.sections:
        first = doc.sections[0]
        first.comments = title_comments + first.comments + [note(n) for n in notes]
    elif notes:
        doc.trailing_comments = [note(n) for n in notes]
    return Draft(
        doc,
        doc_title,
        [x.text for x in b.unplaced],
        notes,
        header.annex if header else None,
        b.directive,
    )


def _flag_near_heading(sec: m.AnySection) -> None:
    """A heading recognised by a near match only ('Peamised teenistusiilesanded' for
    '… teenistusülesanded', OCR damage): the section's kind is a guess."""
    if sec.kind in ("osa", "register", "käskkiri", "ametijuhend") or not sec.title:
        return
    title = re.sub(r"^(?:[IVX]+\.?\s+)", "", sec.title)
    hit = match(title, HEADING_TABLE, cutoff=0.8)
    if hit and hit.score < 1.0 and hit.words == len(title.split()):
        flag(
            sec,
            f"the heading {sec.title!r} was read as '{sec.kind}' by a near match "
            "(a misspelling or OCR damage?)",
        )


def _signatures_and_amendment(regions: list[Region]) -> None:
    """The signatures and the amendment clause at the end of the last section, when no
    heading of their own announced them."""
    if not regions:
        return
    last = regions[-1]
    if last.kind == "allkirjad":
        return
    lines = _lines(last.blocks)
    cut = None
    for i, line in enumerate(lines):
        if is_signature_start(line) and looks_like_signatures(lines[i:]):
            cut = i
            break
    tail: list[Region] = []
    if cut is not None:
        sig = lines[cut:]
        lines = lines[:cut]
        tail.append(Region("allkirjad", "", "", list(sig)))
    if last.kind not in ("muutmine",) and not any(r.kind == "muutmine" for r in regions):
        for i, line in enumerate(lines):
            if (
                i
                and (line.gap > 0 or terminated(lines[i - 1].text))
                and is_amendment_sentence(line.text)
            ):
                tail.insert(0, Region("muutmine", "", "", list(lines[i:])))
                lines = lines[:i]
                break
    if tail:
        last.blocks = list(lines)
        regions.extend(tail)


def _place(region: Region, b: Builder, notes: list[str]) -> None:
    kind = region.kind
    if kind == "":  # text between the header and the first heading
        if (
            not b.first("üldosa")
            and any(_is_label_row(x.text.split(None, 1)[-1]) for x in _lines(region.blocks))
            and parse_general(region.blocks, b, "", "")
        ):  # a general part without heading
            return
        b.unplace(_lines(region.blocks))
        return
    if kind == "üldosa":
        if parse_general(region.blocks, b, region.number, region.title):
            return
        if not region.blocks:  # its grid may stand elsewhere (seed 004)
            b.add("üldosa", region.number, region.title)
            return
        if parse_prose_general(_lines(region.blocks), b, region.number, region.title):
            return
        kind = None
    if kind == "ülesanded":
        parsed = parse_duties(region.blocks, region.number)
        if parsed.duties:
            duties = b.add_as(m.DutySection, "ülesanded", region.number, region.title)
            duties.duties = parsed.duties
            if parsed.header:  # the table's column headers, as the document words them
                duties.header = column_headers(parsed.header)
            b.unplace(parsed.before)
            notes.extend(parsed.notes)
            if parsed.general and not parse_general(parsed.general, b, "", ""):
                b.unplace(_lines(parsed.general))
            return
        if parsed.header and not parsed.before and not parsed.general:
            # only the table's column headers: the text ends here (a truncated source)
            duties = b.add_as(m.DutySection, "ülesanded", region.number, region.title)
            duties.header = column_headers(parsed.header)
            flag(duties, "no duty follows the heading and the column headers: is the text cut off?")
            return
        kind = None
    if kind == "nõuded":
        entries, before = requirements(_lines(region.blocks))
        if entries:
            reqs = b.add_as(m.RequirementsSection, "nõuded", region.number, region.title)
            reqs.entries = entries
            b.unplace(before)
            return
        if region.blocks:  # requirements written as sentences: statements, in order
            reqs = b.add_as(m.RequirementsSection, "nõuded", region.number, region.title)
            reqs.entries.extend(prose_statements(_lines(region.blocks)))
            flag(
                reqs,
                "requirements written as sentences, kept as text: no requirement "
                "(haridus, töökogemus …) is marked in them",
            )
            return
        kind = None
    if kind == "allkirjad":
        title, fields, sig_notes = signatures(_lines(region.blocks))
        sigs = b.add_as(m.FieldSection, "allkirjad", region.number, region.title or title)
        sigs.fields = fields
        if sig_notes:
            sigs.comments = [note(n) for n in sig_notes]
        return
    if kind is None:
        title = region.title or (f"{region.number}." if region.number else "Osa")
        sec = b.add_as(m.ProseSection, "osa", region.number, title)
        wanted = region.kind
        if wanted:
            flag(
                sec,
                f"the heading {title!r} reads like a '{wanted}' section but its text "
                "did not fit one: kept as a section of its own",
            )
        elif not region.number:  # a numbered heading in sequence is the document's own
            flag(
                sec,
                f"the heading {title!r} is not one the importer knows: kept as a "
                "section of its own; is it part of another section?",
            )
    else:
        sec = b.add_as(m.ProseSection, kind, region.number, region.title)
    sec.blocks = prose(_lines(region.blocks))


def _ensure_title(
    b: Builder,
    header: Header | None,
    directive: Directive | None,
    regions: list[Region],
    name: str,
    notes: list[str],
) -> str:
    gen = b.general()
    found = gen.value("ametinimetus")
    if found and found.strip():
        return found
    where = ""
    title = header.title_position() if header else None
    if header and title:
        where = f"the title line {header.title!r}"
        stated = nominative_in(title, "\n".join(x.text for r in regions for x in _lines(r.blocks)))
        if stated:  # the text itself names the position: no guess
            gen.fields.insert(0, m.Field("ametinimetus", stated))
            return stated
    if (
        not title
        and directive is not None
        and len(directive.annexes) == 1
        and directive.annexes[0][1]
    ):
        title = directive.annexes[0][1]
        where = "the directive's list of annexes"
    if not title:
        title = _subject(regions)
        if title:
            where = "the sentences of the general part (their subject)"
    if not title:
        title = re.sub(r"^[\d_\W]+", "", name).replace("_", " ").strip() or name
        where = "the source's file name"
    f = m.Field("ametinimetus", title)
    why = f"ametinimetus derived from {where}: the source has no title field"
    if where.startswith("the title line"):
        why += " and the title line names the position in the genitive"
    flag(f, why)
    gen.fields.insert(0, f)
    return title


def _subject(regions: list[Region]) -> str | None:
    """The word most sentences of the general part start with ('maanõuniku …',
    'maanõunikule …', 'maanõunik asendab …' -> 'maanõunik')."""
    region = next((r for r in regions if r.kind in ("üldosa", None) and r.blocks), None)
    if region is None:
        return None
    firsts = []
    for line in _lines(region.blocks):
        words = re.sub(r"^\d+(\.\d+)*\.?\s*", "", line.text).split()
        if words:
            firsts.append(words[0].strip(",.;:"))
    if len(firsts) < 2:
        return None
    best = None
    for w in sorted(set(firsts), key=len):
        if len(w) < 4 or not w.isalpha():
            continue
        n = sum(1 for f in firsts if fold(f).startswith(fold(w)))
        if n >= 2 and n * 2 >= len(firsts) and (best is None or n > best[1]):
            best = (w, n)
    return best[0] if best else None


# --- a whole source -------------------------------------------------------------------------


@dataclass
class Parsed:
    drafts: list[Draft]
    directive: Directive | None
    #: Text that belongs to no description (a directive with no description after it).
    leftover: list[str]
    #: Register metadata rows at the top of the source.
    register: list[str] = field(default_factory=list)


def _is_body_start(line: Line, expected: int) -> bool:
    h = heading_of(line, expected)
    return bool(h and (h.kind == "üldosa" or (h.number in ("1", "") and h.kind)))


def parse_blocks(blocks: list[Block], *, name: str = "") -> Parsed:
    blocks = split_embedded(blocks)
    use_indent_marks(blocks)
    plain = [b for b in blocks if isinstance(b, Line)]
    register, agency, taken = take_register(plain[:40])
    # index in blocks after the register
    pos = 0
    count = 0
    while pos < len(blocks) and count < taken:
        if isinstance(blocks[pos], Line):
            count += 1
        pos += 1
    rest = blocks[pos:]

    directive = None
    pre: list[Block] = []
    for i, blk in enumerate(rest[:12]):
        if isinstance(blk, Line) and is_directive_start(blk):
            end = len(rest)
            for j in range(i + 1, len(rest)):
                x = rest[j]
                if isinstance(x, Line) and (
                    is_stamp_start(x) or is_title_line(x) or _is_body_start(x, 1)
                ):
                    end = j
                    break
            directive = read_directive(_lines(rest[i:end]))
            pre = rest[:i]
            rest = rest[end:]
            break

    segments = _segments(rest)
    drafts = []
    leftover: list[str] = []
    for k, (head, body) in enumerate(segments):
        if not body:
            leftover.extend(x.text for x in _lines(head))
            continue
        if k == 0 and pre:
            head = pre + head
        drafts.append(
            build(head, body, register=register, agency=agency, directive=directive, name=name)
        )
    if not drafts and pre:
        leftover = [x.text for x in _lines(pre)] + leftover
    return Parsed(drafts, directive, leftover, register)


def _segments(blocks: list[Block]) -> list[tuple[list[Block], list[Block]]]:
    """(header, body) per description: a body starts at the first section heading; a new
    header (stamp or title line) after a body, followed by a heading, starts another."""
    segs: list[tuple[list[Block], list[Block]]] = [([], [])]
    in_body = False
    for i, blk in enumerate(blocks):
        if isinstance(blk, Line):
            if not in_body and _is_any_heading(blk):
                in_body = True
            elif (
                in_body
                and (is_stamp_start(blk) or is_title_line(blk))
                and _heading_follows(blocks, i + 1)
            ):
                segs.append(([], []))
                in_body = False
        if in_body:
            segs[-1][1].append(blk)
        else:
            segs[-1][0].append(blk)
    return segs


def _is_any_heading(line: Line) -> bool:
    h = heading_of(line, 1)
    if h and (h.kind or h.number == "1"):
        return True
    # a general part with no heading of its own: numbered label rows ("1. Ametinimetus: …")
    mm = _NUM_HEAD.match(line.text.strip())
    return bool(mm and mm.group(1) == "1" and _is_label_row(mm.group(2)))


def _heading_follows(blocks: list[Block], start: int, window: int = 14) -> bool:
    seen = 0
    for blk in blocks[start:]:
        if isinstance(blk, Line):
            if _is_body_start(blk, 1):
                return True
            seen += 1
            if seen >= window:
                return False
    return False
