"""Coverage: how many of the source's words ended up where.

Words are counted as the issue defines them: runs of letters (`[^\\W\\d_]+`), case-folded, so
bullets, digits and page numbers do not count. Counts are multisets: a word the source has
three times is placed when the output has it three times.

- placed: in the description's structure — section titles, field keys and values, duties,
  results, paragraphs, items — or in a comment that keeps the source's words (the approval
  stamp, register rows, column headers). The importer's own notes (`# aj import: …`) and
  the section keywords do not count;
- unplaced: in the `osa: Paigutamata tekst` section, or in text that belongs to no
  description (a directive whose descriptions are not in the file);
- lost: neither. Labels the format spells in its own words (`Kes asendab` -> `asendaja`) are
  the usual ones.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from ajtui.format import model as m
from ajtui.importer.blocks import words_of
from ajtui.importer.build import UNPLACED_TITLE, is_note, review_reasons


def is_unplaced_section(sec: m.Section) -> bool:
    return sec.kind == "osa" and sec.title == UNPLACED_TITLE


def _node_texts(node: m.Node) -> list[str]:
    out = [c for c in node.comments if not is_note(c)]
    if isinstance(node, m.Section):
        out.append(node.title)
    elif isinstance(node, m.Field):
        # the label `aj show` prints (the document's own, or the usual one for the key);
        # a statement is its sentence, printed without a label
        out += [node.sentence] if node.in_prose else [m.printed_label(node), node.value]
    elif isinstance(node, (m.Item, m.Paragraph, m.Duty)):
        out.append(node.text)
    elif isinstance(node, m.CompetencyGroup):
        out.append(node.name)
    elif isinstance(node, (m.Competencies, m.AdditionalCompetencies)):
        out.append(node.title)
    return out


def placed_words(doc: m.Document, skip_sections: AbstractSet[int] = frozenset()) -> Counter:
    words: Counter = Counter()
    skip: set[int] = set()
    for sec in doc.sections:
        if is_unplaced_section(sec) or id(sec) in skip_sections:
            skip.add(id(sec))
            for b in getattr(sec, "blocks", None) or getattr(sec, "fields", []):
                skip.add(id(b))
    for node in m.walk(doc):
        if id(node) in skip:
            continue
        for t in _node_texts(node):
            words.update(words_of(t))
    for c in doc.trailing_comments:
        if not is_note(c):
            words.update(words_of(c))
    return words


def unplaced_words(doc: m.Document) -> Counter:
    words: Counter = Counter()
    for sec in doc.sections:
        if isinstance(sec, m.ProseSection) and is_unplaced_section(sec):
            for b in sec.blocks:
                words.update(words_of(b.text))
    return words


@dataclass
class Coverage:
    source: int = 0
    placed: int = 0
    unplaced: int = 0
    lost: Counter = field(default_factory=Counter)

    @property
    def percent(self) -> float:
        return 100.0 * self.placed / self.source if self.source else 100.0

    @property
    def lost_count(self) -> int:
        return sum(self.lost.values())


def coverage(
    source_text: str,
    docs: list[m.Document],
    leftover: Sequence[str] = (),
    skip_sections: AbstractSet[int] = frozenset(),
) -> Coverage:
    """`skip_sections`: sections not to count (the directive's text, repeated in every
    description it approves, counts once)."""
    src = Counter(words_of(source_text))
    placed: Counter = Counter()
    unplaced: Counter = Counter()
    for d in docs:
        placed += placed_words(d, skip_sections)
        unplaced += unplaced_words(d)
    for t in leftover:
        unplaced.update(words_of(t))
    got = src & placed
    rest = src - got
    un = rest & unplaced
    return Coverage(sum(src.values()), sum(got.values()), sum(un.values()), rest - un)


# --- decisions a person should check ------------------------------------------------------


@dataclass
class ReviewItem:
    """A decision the importer made with less than full certainty: `path` is an `aj query`
    path (`üldosa.asendaja`, `ülesanded[3.2]`, `ülesanded[3.2].tulemused[1]`, `eesmärk`,
    `osa[…]`), `line` the node's line in the written .aj file (0 before it is written)."""

    path: str
    line: int
    why: str

    def as_json(self) -> dict:
        return {"path": self.path, "line": self.line, "why": self.why}


def _sel(name: str) -> str:
    """A selector as `aj query` reads it: everything up to ']' (quoted only when needed)."""
    if "]" in name or (name[:1] and name[:1] in "\"'" or name != name.strip()):
        return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return name


def node_paths(doc: m.Document) -> list[tuple[m.Node, str]]:
    """Every node of `doc` with its `aj query` path, in document order."""
    from ajtui.ops.paths import quote_name

    out: list[tuple[m.Node, str]] = []
    for sec in doc.sections:
        sp = f"osa[{_sel(sec.title)}]" if sec.kind == "osa" and sec.title else sec.kind
        out.append((sec, sp))
        if isinstance(sec, m.FieldSection):
            for f in sec.fields:  # a statement that states no field: `üldosa.""` (+ line)
                out.append((f, f"{sp}.{quote_name(f.key) if f.key else chr(34) * 2}"))
        elif isinstance(sec, m.ProseSection):
            for i, b in enumerate(sec.blocks, 1):
                out.append((b, f"{sp}[{i}]"))
        elif isinstance(sec, m.DutySection):
            for f in sec.header:  # the column headers: `ülesanded.""` (+ line), as statements
                out.append((f, f"{sp}.{chr(34) * 2}"))
            for d in sec.duties:
                dp = f"{sp}[{_sel(d.number.rstrip('.'))}]"
                out.append((d, dp))
                for i, r in enumerate(d.results, 1):
                    out.append((r, f"{dp}.tulemused[{i}]"))
        elif isinstance(sec, m.RequirementsSection):
            for e in sec.entries:
                if isinstance(e, m.Field):
                    out.append((e, f"{sp}.{quote_name(e.key)}"))
                elif isinstance(e, m.Competencies):
                    out.append((e, f"{sp}.kompetentsid"))
                    for g in e.groups:
                        gp = f"{sp}.kompetentsid[{_sel(g.name)}]"
                        out.append((g, gp))
                        out.extend((it, f"{gp}[{i}]") for i, it in enumerate(g.items, 1))
                elif isinstance(e, m.AdditionalCompetencies):
                    out.append((e, f"{sp}.lisakompetentsid"))
                    out.extend(
                        (it, f"{sp}.lisakompetentsid[{i}]") for i, it in enumerate(e.items, 1)
                    )
    return out


def review_items(doc: m.Document) -> list[ReviewItem]:
    """The review items of a description: one per `kontrolli` note, in document order.
    Text left in `osa: Paigutamata tekst` is one item too (it has no place yet)."""
    out: list[ReviewItem] = []
    for node, path in node_paths(doc):
        for why in review_reasons(node):
            out.append(ReviewItem(path, node.line, why))
        if isinstance(node, m.Section) and is_unplaced_section(node) and not review_reasons(node):
            out.append(ReviewItem(path, node.line, "text the importer could not place"))
    return out
