"""Language levels derived from the wording of `nõuded.keeleoskus`.

"vene keel B2", "inglise või vene keel B1 tasemel", "võõrkeel (soovitavalt inglise) C1":
each language named, the CEFR level the wording gives it, and whether the wording demands
it by itself (not one of alternatives, not merely desirable). Paths reach them as
`keeleoskus.vene` (ajtui.ops.paths); queries compare them (`keeleoskus.vene >= B2`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ajtui.format import model as m
from ajtui.format.vocabulary import CEFR_LEVELS, unaccented

__all__ = [
    "LANGUAGES",
    "LanguageLevel",
    "language_levels",
    "required_levels",
    "level_rank",
    "language_named",
    "fold",
]

#: Languages by the stem the documents use before "keel" ("vene keele", "inglise keelt").
LANGUAGES = (
    "eesti",
    "vene",
    "inglise",
    "saksa",
    "soome",
    "prantsuse",
    "rootsi",
    "norra",
    "taani",
    "läti",
    "leedu",
    "poola",
    "ukraina",
    "valgevene",
    "hispaania",
    "portugali",
    "itaalia",
    "kreeka",
    "ungari",
    "tšehhi",
    "hiina",
    "jaapani",
    "araabia",
    "türgi",
    "heebrea",
    "viipe",
)
#: Compound words: "võõrkeel" (a foreign language, any), "riigikeel" (the state language,
#: by law Estonian), "viipekeel" (sign language).
_COMPOUNDS = {"võõr": "võõrkeel", "riigi": "eesti", "viipe": "viipe"}


def fold(text: str) -> str:
    """Case- and diacritics-insensitive form of a keyword (ASCII spellings are accepted)."""
    return " ".join(unaccented(text.casefold()).split())


_LANG_BY_FOLD = {fold(x): x for x in LANGUAGES} | {
    "voorkeel": "võõrkeel",
    "vooras keel": "võõrkeel",
}
_LANG_RE = "|".join(sorted(LANGUAGES, key=len, reverse=True))
#: "vene keele", "Vene ja inglise keele", "inglise või vene keelt", "eesti, vene keel".
_CHAIN = re.compile(
    rf"\b(?:{_LANG_RE})(?:\s*(?:,|\bja\b|\bning\b|\bvõi\b|\behk\b)\s*(?:{_LANG_RE}))*"
    r"\s*-?\s*keel\w*",
    re.IGNORECASE,
)
_COMPOUND = re.compile(r"\b(võõr|riigi|viipe)keel\w*", re.IGNORECASE)
_ONE_LANG = re.compile(rf"\b({_LANG_RE})\b", re.IGNORECASE)
_ALTERNATIVE = re.compile(r"\b(või|ehk)\b", re.IGNORECASE)
_LEVEL_RE = re.compile(r"(?<![A-Za-z0-9])([ABCabc][12])(?![0-9])")
_DESIRED = re.compile(r"\b(soovita\w*|eelist\w*|eelis\w*|kasuks|kasulik\w*)\b", re.IGNORECASE)
_CONJUNCTION = re.compile(r"\b(?:ja|ning|või|ehk)\b|[,;(]", re.IGNORECASE)
_CLAUSE = re.compile(r"(?<=[.;])\s+")


@dataclass(frozen=True)
class LanguageLevel:
    """One language named in `nõuded.keeleoskus`, with the level the wording gives it.

    `required` is True when the wording demands this language by itself: not one of
    alternatives ("inglise või vene keel"), not inside parentheses qualifying something
    else ("võõrkeel (vene või inglise)"), and not marked desirable ("soovitavalt",
    "eelistatult", "… on eeliseks"). `keeleoskus.vene` in a query sees required levels only;
    `keeleoskus.vene.mainitud` sees every mention.
    """

    language: str
    level: str | None
    required: bool = True
    desired: bool = False
    alternatives: tuple[str, ...] = ()
    #: The sentence of the requirement this was read from, as written (line breaks flowed).
    wording: str = ""

    @property
    def rank(self) -> int | None:
        return level_rank(self.level)


def level_rank(level: str | None) -> int | None:
    """0 for A1 … 5 for C2; None for anything else."""
    if not level:
        return None
    try:
        return CEFR_LEVELS.index(level.strip().upper())
    except ValueError:
        return None


def _requirement_text(source: m.Document | str | None) -> str:
    if source is None:
        return ""
    if isinstance(source, str):
        return source
    req = source.section("nõuded")
    if isinstance(req, m.RequirementsSection):
        return "\n".join(
            e.value for e in req.entries if isinstance(e, m.Field) and e.key == "keeleoskus"
        )
    return ""


def language_levels(source: m.Document | str | None) -> list[LanguageLevel]:
    """Every language the requirement names, in order, with its level.

    `source` is a Document (its `nõuded.keeleoskus`) or the requirement's text. The rule:
    the text is read sentence by sentence; languages are collected until a level
    ("tasemel B2", "B2-tasemel", "C1") appears, and that level belongs to all of them
    ("Vene ja inglise keele oskus tasemel B2" gives vene B2 and inglise B2). A language
    with no level after it in its sentence has level None.
    """
    text = " ".join(_requirement_text(source).split())
    out: list[LanguageLevel] = []
    for clause in _CLAUSE.split(text):
        out.extend(_clause_levels(clause))
    return out


def _paren_spans(text: str) -> list[tuple[int, int]]:
    spans, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            if depth == 0:
                start = i
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, i))
    if depth:
        spans.append((start, len(text)))
    return spans


def _clause_levels(clause: str) -> list[LanguageLevel]:
    parens = _paren_spans(clause)

    def in_parens(pos: int) -> bool:
        return any(a < pos < b for a, b in parens)

    # events in order: (pos, "lang", (names, alternative)) / (pos, "level", "B2")
    events: list[tuple[int, str, object]] = []
    taken: list[tuple[int, int]] = []
    for mo in _CHAIN.finditer(clause):
        names = [_LANG_BY_FOLD.get(fold(x), x.lower()) for x in _ONE_LANG.findall(mo.group())]
        alt = bool(_ALTERNATIVE.search(mo.group()))
        events.append((mo.start(), "lang", (names, alt)))
        taken.append(mo.span())
    for mo in _COMPOUND.finditer(clause):
        if any(a <= mo.start() < b for a, b in taken):
            continue
        events.append((mo.start(), "lang", ([_COMPOUNDS[mo.group(1).lower()]], False)))
    for mo in _LEVEL_RE.finditer(clause):
        if any(a <= mo.start() < b for a, b in taken):
            continue
        events.append((mo.start(), "level", mo.group(1).upper()))
    events.sort(key=lambda e: e[0])

    out: list[LanguageLevel] = []
    pending: list[tuple[str, int, bool, tuple[str, ...]]] = []  # name, pos, alt, alts
    segment_start = 0

    def flush(level: str | None, end: int) -> None:
        nonlocal segment_start
        # a desirability word after the level ("… tasemel B1 on eeliseks") marks all of them
        after = clause[end:]
        nxt = [p for p, kind, _ in events if p >= end]
        after = after[: (nxt[0] - end) if nxt else len(after)]
        # … up to the next conjunction: "tasemel C1 ning soovitavalt …" starts a new demand
        after = _CONJUNCTION.split(after, maxsplit=1)[0]
        desired_after = bool(_DESIRED.search(after)) and level is not None
        for name, pos, alt, alts in pending:
            before = clause[segment_start:pos]
            desired = desired_after or bool(_DESIRED.search(before))
            required = not (alt or in_parens(pos) or desired)
            out.append(LanguageLevel(name, level, required, desired, alts, clause.strip()))
        pending.clear()
        segment_start = end

    for pos, kind, payload in events:
        if kind == "lang":
            names, alt = payload  # type: ignore[misc]  # a 'lang' event carries (names, alt)
            for name in names:
                others = tuple(n for n in names if n != name) if alt else ()
                pending.append((name, pos, alt, others))
        elif pending:
            flush(payload, pos + 2)  # type: ignore[arg-type]  # other events carry their level
    if pending:
        flush(None, len(clause))
    return out


def required_levels(source: m.Document | str | None) -> dict[str, str]:
    """Language -> the highest level the wording requires of it (required mentions only)."""
    best: dict[str, str] = {}
    for lv in language_levels(source):
        if (
            lv.required
            and lv.level
            and lv.rank is not None
            and (lv.language not in best or lv.rank > (level_rank(best[lv.language]) or 0))
        ):
            best[lv.language] = lv.level
    return best


def language_named(name: str) -> str | None:
    """The language a name in a path means ("vene", "Vene keel", "voorkeel"), or None."""
    lang = _LANG_BY_FOLD.get(fold(name))
    if lang is None:
        lang = _LANG_BY_FOLD.get(fold(name).removesuffix(" keel"))
    return lang
