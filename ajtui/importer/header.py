"""What comes before "1. Üldosa": register metadata, the directive, the approval stamp,
the title lines.

The approval fields (`kinnitatud`, `kinnitaja`, `number`, `kuupäev`, `lisa`) are derived from
the stamp; the stamp itself is kept verbatim as a comment above the `ametijuhend` section, so
that what was derived can always be checked against what was written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ajtui.format import model as m
from ajtui.format import vocabulary
from ajtui.importer.blocks import Line, fold
from ajtui.importer.build import clean_key, join
from ajtui.importer.vocab import collapse_letterspacing, is_upper_text, word_is

_REGISTER = re.compile(r"^\|?[^|]{1,80}\|.*\|$")
_LISA_LINE = re.compile(r"^lisa\s+(?:nr\.?\s*)?\d+\.?$", re.IGNORECASE)
DATE = re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b")
#: Month stems that every case shares: septemb-er / septemb-ri, oktoob-er / oktoob-ril …
_MONTHS = (
    "jaanuar",
    "veebruar",
    "märts",
    "marts",
    "aprill",
    "mai",
    "juuni",
    "juuli",
    "august",
    "septemb",
    "oktoob",
    "novemb",
    "detsemb",
)
MONTH_DATE = re.compile(
    r"\b(?:\d{1,2}\.\s*)?(?:" + "|".join(_MONTHS) + r")\w*\s+\d{4}\b", re.IGNORECASE
)
NUMBER = re.compile(r"\bnr\.?\s*([0-9A-ZÕÄÖÜ][^\s,;]*)", re.IGNORECASE)
ANNEX = re.compile(r"\blisa\s+(?:nr\.?\s*)?(\d+)\b", re.IGNORECASE)


# --- register metadata --------------------------------------------------------------------


def take_register(lines: list[Line]) -> tuple[list[str], str | None, int]:
    """Leading `key | value |` rows of a document register page: (rows verbatim, agency,
    how many lines they took)."""
    rows: list[str] = []
    agency = None
    for line in lines:
        if not _REGISTER.match(line.text):
            break
        rows.append(line.text)
        cells = [c.strip() for c in line.text.strip("|").split("|")]
        if cells and fold(cells[0]) == "dokumendiregister" and len(cells) > 1 and cells[1]:
            agency = cells[1]
    if len(rows) < 2:
        return [], None, 0
    return rows, agency, len(rows)


def register_section(rows: list[str]) -> m.FieldSection:
    """The register rows as a `register` section: 'Viit | 57 |' -> `viit: 57`; a row with no
    value ('Adressaat | |') stays as a line of text (a statement), so every word shows."""
    sec = m.FieldSection("register")
    for row in rows:
        cells = [c.strip() for c in row.strip().strip("|").split("|")]
        key, values = cells[0], [c for c in cells[1:] if c]
        name = vocabulary.canonical_key("register", clean_key(key)) if key else ""
        if (
            key
            and values
            and not any(c in key for c in '"#')
            and name not in (f.key for f in sec.fields)
        ):
            f = m.Field(name, " | ".join(values))
            written = " ".join(clean_key(key).split())
            # the register's own capitalisation ("VASTUTAJA", "vastutaja") is its label
            if name in vocabulary.FIELD_KEYS.get("register", {}) and written != m.printed_label(f):
                f.label = written
            sec.fields.append(f)
        else:
            sec.fields.append(
                m.Field("", " | ".join(c for c in cells if c) or row.strip(), in_prose=True)
            )
    return sec


def directive_section(d: Directive) -> m.FieldSection:
    """The directive as a `käskkiri` section: its heading as the title, the date line as a
    statement holding `kuupäev`, each paragraph of its text as a statement, the signer's
    block as `allkirjastaja`."""
    from ajtui.importer.prose import group_lines, is_signed_mark

    sec = m.FieldSection("käskkiri", d.lines[0].text.strip())
    rest = d.lines[1:]
    date = DATE.match(rest[0].text.strip()) if rest and d.date else None
    if date:  # "26.03.2023 nr 57": the date line
        text = rest[0].text.strip()
        sec.fields.append(
            m.Field("kuupäev", date.group(0), in_prose=True, after=text[date.end() :])
        )
        rest = rest[1:]
    for _kind, texts in group_lines(rest):
        text = join(texts)
        if not text:
            continue
        if is_signed_mark(texts[0]) and not sec.get("allkirjastaja"):
            sec.fields.append(m.Field("allkirjastaja", text))
            continue
        sec.fields.append(m.Field("", text, in_prose=True))
    return sec


# --- the directive --------------------------------------------------------------------------


def is_directive_start(line: Line) -> bool:
    words = line.text.split()
    return (
        bool(words)
        and word_is(words[0], "kaskkiri", 0.85)
        and (len(words) == 1 or is_upper_text(words[0]))
    )


@dataclass
class Directive:
    """A directive (käskkiri) printed before the description(s) it approves."""

    lines: list[Line]
    number: str | None = None
    date: str | None = None
    #: Annexes it names: (annex number, what the list says), e.g. ("1", "talituse juhataja").
    annexes: list[tuple[str, str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def label(self) -> str:
        """'käskkiri nr 1, 07.01.2026'."""
        label = "käskkiri" + (f" nr {self.number}" if self.number else "")
        return label + (f", {self.date}" if self.date else "")


_ANNEX_ITEM = re.compile(
    r"(?:^|[;:]\s*|\s)(\d+(?:\.\d+)+)\.?\s+([^;]+?)\s*\(lisa\s+(\d+)\)", re.IGNORECASE
)


def read_directive(lines: list[Line]) -> Directive:
    d = Directive(lines)
    head = " ".join(line.text for line in lines[:4])
    m = DATE.search(head)
    if m:
        d.date = re.sub(r"\s", "", m.group(0))
    m = NUMBER.search(head)
    if m:
        d.number = m.group(1).rstrip(".")
    joined = " ".join(line.text for line in lines)
    seen = set()
    for m in _ANNEX_ITEM.finditer(joined):
        if m.group(3) not in seen:
            seen.add(m.group(3))
            d.annexes.append((m.group(3), m.group(2).strip()))
    if not d.annexes:
        for m in re.finditer(r"\(lisa\s+(\d+)\)", joined, re.IGNORECASE):
            if m.group(1) not in seen:
                seen.add(m.group(1))
                d.annexes.append((m.group(1), ""))
    return d


# --- the stamp and the title ----------------------------------------------------------------


def is_stamp_start(line: Line) -> bool:
    """KINNITATUD …, Lisa 11, Töölepingu juurde kuuluv lisa: where a description's own
    header starts."""
    text = line.text
    words = text.split()
    if not words:
        return False
    if word_is(words[0], "kinnitatud") and (is_upper_text(words[0]) or len(words) <= 6):
        return True
    if _LISA_LINE.match(text):
        return True
    f = fold(text)
    return "toolepingu" in f and "lisa" in f and len(words) <= 8


def title_word_index(text: str) -> int | None:
    """Where 'ametijuhend' stands in a title line ('AUTOJUHI AMETIJUHEND', 'Koristaja
    ametijuhend PDF Print E-mail', '… a m e t i j u h e n d'); None for any other line."""
    words = collapse_letterspacing(text).split()
    if not words or len(words) > 16:
        return None
    for i, w in enumerate(words):
        if fold(w).strip('.,:;()„“"') == "ametijuhend":
            before = " ".join(words[:i])
            if is_upper_text(text) or (len(words) - i - 1 <= 4 and "." not in before):
                return i
            return None
    return None


def is_title_line(line: Line) -> bool:
    return title_word_index(line.text) is not None


def _stampish(text: str) -> bool:
    f = fold(text)
    return bool(
        DATE.search(text)
        or MONTH_DATE.search(text)
        or _LISA_LINE.match(text)
        or "kinnitatud" in f
        or "kaskkir" in f
        or NUMBER.search(text)
        or "toolepingu" in f
    )


@dataclass
class Header:
    stamp: list[str] = field(default_factory=list)
    title_lines: list[str] = field(default_factory=list)
    kind: str | None = None
    approver: str | None = None
    number: str | None = None
    date: str | None = None
    annex: str | None = None
    #: The agency, when the approver names it ('Ravimiameti peadirektori' -> 'Ravimiamet').
    agency: str | None = None
    #: What the stamp said about the approval kind when no kind could be settled.
    notes: list[str] = field(default_factory=list)

    @property
    def has_approval(self) -> bool:
        return bool(self.kind or self.approver or self.number or self.date or self.annex)

    @property
    def title(self) -> str:
        return " ".join(self.title_lines)

    def title_position(self) -> str | None:
        """The words before 'ametijuhend' on the title line ('Koristaja', 'AUTOJUHI'), or
        the upper-case line above a lone 'AMETIJUHEND' (a title over several lines:
        'TEEHOIUTEENISTUSE' / 'ERITRANSPORDI TEENUSE EKSPERDI' / 'AMETIJUHEND')."""
        for k, text in enumerate(self.title_lines):
            i = title_word_index(text)
            if i:
                words = collapse_letterspacing(text).split()[:i]
                return " ".join(words).strip(" ,") or None
            if i == 0 and len(text.split()) == 1 and k and is_upper_text(self.title_lines[k - 1]):
                return " ".join(self.title_lines[k - 1].split()) or None
        return None


def read_header(lines: list[Line], directive: Directive | None = None) -> Header:
    h = Header()
    texts = [line.text for line in lines]
    t = next((i for i, line in enumerate(lines) if is_title_line(line)), None)
    title_idx: set[int] = set()
    if t is not None:
        title_idx.add(t)
        i = t - 1
        while i >= 0 and is_upper_text(texts[i]) and not _stampish(texts[i]):
            title_idx.add(i)
            i -= 1
        for j in range(t + 1, len(texts)):
            if _stampish(texts[j]):
                break
            title_idx.add(j)
    h.title_lines = [texts[i] for i in sorted(title_idx)]
    h.stamp = [texts[i] for i in range(len(texts)) if i not in title_idx]
    _approval(h, " ".join(h.stamp), directive)
    return h


def _approval(h: Header, text: str, directive: Directive | None) -> None:
    f = fold(text)
    contract = "toolepingu" in f
    directive_words = "kaskkir" in f or "kinnitatud" in f
    m = DATE.search(text) or MONTH_DATE.search(text)
    if m:
        h.date = (
            re.sub(r"(?<=\.)\s(?=\d)", "", m.group(0)) if DATE.fullmatch(m.group(0)) else m.group(0)
        )
    m = NUMBER.search(text)
    if m:
        h.number = m.group(1).rstrip(".")
    m = ANNEX.search(text)
    if m:
        h.annex = m.group(1)
    if directive is not None:
        h.number = h.number or directive.number
        h.date = h.date or directive.date
        directive_words = True
    h.approver = _approver(text)
    h.agency = agency_of(h.approver)
    if contract:
        h.kind = "töölepingu lisana"
    elif directive_words and h.number:
        h.kind = "käskkirjaga"
    elif directive_words:
        h.notes.append("the stamp names a directive but no directive number; 'kinnitatud' left out")


def agency_of(approver: str | None) -> str | None:
    """'Sotsiaalkindlustusameti peadirektori' -> 'Sotsiaalkindlustusamet', 'Politsei- ja
    Piirivalveameti peadirektori asetäitja' -> 'Politsei- ja Piirivalveamet': an agency
    named '…amet' stands in the genitive '…ameti' before its director. Anything else
    (a mayor, a board) gives None."""
    if not approver:
        return None
    words = approver.split()
    for i, w in enumerate(words[:6]):
        if w.endswith("ameti") and w[:1].isupper():
            return " ".join(words[:i] + [w[:-1]])
    return None


def _approver(text: str) -> str | None:
    words = text.split()
    folded = [fold(w).strip(".,:;") for w in words]
    start = None
    for i, w in enumerate(folded):
        if w == "kinnitatud" or word_is(words[i], "kinnitatud"):
            start = i + 1
    stops = []
    for pat in (DATE, MONTH_DATE, NUMBER, ANNEX):
        m = pat.search(text)
        if m:
            stops.append(len(text[: m.start()].split()))
    for i, w in enumerate(folded):
        if w.startswith("kaskkir"):
            stops.append(i)
    if start is None:
        # "Politsei- ja Piirivalveameti peadirektori asetäitja varade alal käskkirja …"
        if not any(w.startswith("kaskkir") for w in folded):
            return None
        start = 0
    end = min([s for s in stops if s >= start] or [len(words)])
    out = " ".join(words[start:end]).strip(" ,;:")
    return out or None


def _genitive_of(gen: str, nom: str) -> bool:
    """Is `gen` a regular genitive of `nom` (folded)? nõunik -> nõuniku, laborant ->
    laborandi, ekspert -> eksperdi, juht -> juhi, remondimees -> remondimehe."""
    if not gen or gen[-1] not in "aeiu" or nom == gen:
        return False
    stem = gen[:-1]
    return (
        stem == nom
        or (nom.endswith("t") and stem in (nom[:-1], nom[:-1] + "d"))
        or (nom.endswith("k") and stem == nom[:-1] + "g")
        or (nom.endswith("es") and stem == nom[:-2] + "h")  # remondimees -> -mehe
        or (nom.endswith("ne") and gen == nom[:-2] + "se")
    )  # inimene -> inimese


def nominative_in(title: str, text: str) -> str | None:
    """The nominative of a title given in the genitive ('AUTOJUHI' -> 'autojuht',
    'LABORANDI' -> 'laborant', 'NÕUNIKU' -> 'nõunik'), when the text states it: a word that
    the genitive is a regular form of (`_genitive_of`), the whole title as the text writes
    it; None when the text does not state it."""
    qualifier = re.search(r"\s*\([^()]*\)\s*$", title)  # "KOORDINAATORI (KLAT)": kept
    if qualifier and qualifier.start() > 0:
        found = nominative_in(title[: qualifier.start()], text)
        return found + " " + qualifier.group().strip() if found else None
    words = title.split()
    if not words:
        return None
    last = words[-1]
    gen = fold(last)
    if len(gen) < 4 or not re.fullmatch(r"[^\W\d_]+(?:-[^\W\d_]+)*", last):
        return None
    seen: dict[str, str] = {}
    for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", text):
        seen.setdefault(fold(w), w)
    for cand_fold, cand in seen.items():
        if len(cand_fold) < 4 or is_upper_text(cand):
            continue
        if _genitive_of(gen, cand_fold):
            found = _phrase(words[:-1], cand, text)
            if found:
                return found
    if gen.endswith("ja") and gen in seen:  # "ÕPETAJA", "Koristaja": nominative = genitive
        return title if _phrase(words[:-1], last, text) else None
    return None


def _phrase(before: list[str], last: str, text: str) -> str | None:
    """'eritranspordi teenuse ekspert' as the text writes it, when it does."""
    pattern = (
        r"(?<!\w)" + "".join(re.escape(w) + r"\s+" for w in before) + re.escape(last) + r"(?!\w)"
    )
    hit = re.search(pattern, text, re.IGNORECASE)
    return " ".join(hit.group().split()) if hit else None


def stamp_lines(stamp: list[str], appr: m.Approval) -> tuple[list[str], list[m.Field]]:
    """The stamp's lines as (comments, statements): a line whose words the approval fields
    already print ('KINNITATUD', 'käskkirjaga nr 95') stays a comment; a line with words of
    its own ('käskkirja „… kinnitamine“', a page title) becomes a `> ` statement, so that
    `aj show` prints it."""
    from ajtui.importer.blocks import words_of

    printed = {
        fold(w)
        for w in words_of(
            " ".join(
                x
                for x in (
                    appr.approver,
                    appr.date_text,
                    appr.number,
                    appr.annex,
                    appr.agency,
                    "kinnitatud käskkirjaga nr lisa töölepingu juurde kuuluv a",
                )
                if x
            )
        )
    }
    comments: list[str] = []
    statements: list[m.Field] = []
    for line in stamp:  # compared without diacritics: OCR's 'kaskkirjaga' is the same word
        if {fold(w) for w in words_of(line)} <= printed:
            comments.append(f"# {line}")
        else:
            statements.append(m.Field("", " ".join(line.split()), in_prose=True))
    return comments, statements
