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
from dataclasses import dataclass, field

from .. import model as m
from .blocks import words_of
from .build import UNPLACED_TITLE, is_note


def is_unplaced_section(sec: m.Section) -> bool:
    return sec.kind == "osa" and sec.title == UNPLACED_TITLE


def _node_texts(node: m.Node) -> list[str]:
    out = [c for c in node.comments if not is_note(c)]
    if isinstance(node, m.Section):
        out.append(node.title)
    elif isinstance(node, m.Field):
        out += [node.key, node.value]
    elif isinstance(node, (m.Item, m.Paragraph)):
        out.append(node.text)
    elif isinstance(node, m.Duty):
        out.append(node.text)
    elif isinstance(node, m.CompetencyGroup):
        out.append(node.name)
    elif isinstance(node, (m.Competencies, m.AdditionalCompetencies)):
        out.append(node.title)
    return out


def placed_words(doc: m.Document, skip_sections: set[int] = frozenset()) -> Counter:
    words: Counter = Counter()
    skip: set[int] = set()
    for sec in doc.sections:
        if is_unplaced_section(sec) or id(sec) in skip_sections:
            skip.add(id(sec))
            for b in sec.blocks:  # type: ignore[union-attr]
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
        if is_unplaced_section(sec):
            for b in sec.blocks:  # type: ignore[union-attr]
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


def coverage(source_text: str, docs: list[m.Document], leftover: list[str] = (),
             skip_sections: set[int] = frozenset()) -> Coverage:
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
