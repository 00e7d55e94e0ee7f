"""The words job descriptions use for their headings and labels, and fuzzy matching.

Matching is done on folded text (lower case, no diacritics) with difflib's ratio, so that
OCR damage ("Uldosa", "Noustaja", "Teenistuskoha eesmark", "teenistusiilesanded") is still
recognised. difflib is in the standard library and fast enough for a few hundred short
comparisons per document; it keeps the importer free of a native dependency.

The vocabulary recognises; it never rewrites. The words of a heading or label stay as the
source wrote them (as a section title, or as the key of a field the format has no name for).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

from ajtui.importer.blocks import fold

# --- section headings ---------------------------------------------------------------------

#: Heading phrases -> section kind. "õigused+vastutus" is the combined section.
HEADINGS: dict[str, str] = {}
for _kind, _phrases in {
    "üldosa": ["üldosa", "üldsätted", "üldandmed", "üldinfo", "üldandmed ja alluvus"],
    "eesmärk": [
        "eesmärk",
        "ametikoha eesmärk",
        "teenistuskoha eesmärk",
        "töökoha eesmärk",
        "ametikoha põhieesmärk",
        "teenistuskoha põhieesmärk",
        "töö eesmärk",
        "ametikoha eesmärgid",
        "eesmärgid",
        "töö eesmärgid",
        "põhieesmärk",
        "teenistuskoha eesmärgid",
        "töökoha eesmärgid",
    ],
    "ülesanded": [
        "ülesanded",
        "teenistuskohustused",
        "teenistusülesanded",
        "tööülesanded",
        "ametiülesanded",
        "põhikohustused",
        "põhiülesanded",
        "kohustused",
        "töö- või teenistusülesanded",
        "teenistuskoha ülesanded",
        "teenistuskoha ülesanded ja tulemused",
        "peamised teenistusülesanded",
        "peamised tööülesanded",
        "ametikoha ülesanded",
        "töökohustused",
        "kohustused ja ülesanded",
        "ülesanded ja kohustused",
        "tööülesanded ja kohustused",
        "ülesanded ja tulemused",
        "teenistusülesanded ja tulemused",
        "ametiülesanded ja tulemused",
        "põhiülesanded ja tulemused",
        "tööülesanded ja tulemused",
        "ülesanded ja oodatavad tulemused",
    ],
    "õigused": ["õigused", "ametniku õigused", "töötaja õigused", "teenistuja õigused"],
    "vastutus": ["vastutus", "ametniku vastutus", "töötaja vastutus", "teenistuja vastutus"],
    "õigused+vastutus": ["õigused ja vastutus", "õigused ja kohustused ning vastutus"],
    "töövahendid": ["töövahendid", "töövahendid ja -tingimused"],
    "nõuded": [
        "nõuded",
        "ametikohale esitatavad nõuded",
        "teenistuskohale esitatavad nõuded",
        "töökohale esitatavad nõuded",
        "teenistuskoha täitjale esitatavad nõuded",
        "kvalifikatsiooninõuded",
        "nõuded ametikohale",
        "kvalifikatsioon",
        "nõuded teenistuskohale",
        "ametikoha nõuded",
    ],
    "muutmine": ["ametijuhendi muutmine", "ametijuhendi muutmise kord", "muutmine", "lõppsätted"],
    "allkirjad": ["allkirjad", "poolte allkirjad"],
}.items():
    for _p in _phrases:
        HEADINGS[fold(_p)] = _kind

#: Stems for headings the phrase list does not know ("Põhieesmärgist tulenevad konkreetsed
#: tööülesanded"): the last word carrying a stem decides, Estonian heads come last.
_STEMS = [
    ("ulesanded", "ülesanded"),
    ("kohustused", "ülesanded"),
    ("eesmark", "eesmärk"),
    ("eesmargid", "eesmärk"),
    ("nouded", "nõuded"),
    ("oigused", "õigused"),
    ("vastutus", "vastutus"),
    ("toovahendid", "töövahendid"),
    ("muutmine", "muutmine"),
    ("uldosa", "üldosa"),
    ("uldsatted", "üldosa"),
    ("allkirjad", "allkirjad"),
]

# --- labels ---------------------------------------------------------------------------------

#: Label phrases of the general part -> canonical key ("" = keep the label as the key,
#: "@eesmärk" = the value is the purpose).
GENERAL_LABELS: dict[str, str] = {}
for _key, _phrases in {
    "ametinimetus": [
        "ametinimetus",
        "ametikoht",
        "ametikoha nimetus",
        "teenistuskoht",
        "teenistuskoha nimetus",
        "töökoha nimetus",
        "ametikoha nimi",
        "ameti nimetus",
        "ametinimi",
    ],
    "struktuuriüksus": [
        "struktuuriüksus",
        "struktuuriüksuse nimetus",
        "struktuuriüksused",
        "allüksus",
    ],
    "vahetu juht": [
        "vahetu juht",
        "kellele allub",
        "allub",
        "vahetu ülem",
        "otsene juht",
        "otsene ülem",
        "vahetu juhi ametikoht",
        "vahetu juhi ametinimetus",
    ],
    # who substitutes this official: "Ametnikku asendab" (partitive object), "Kes asendab"
    "asendaja": [
        "kes asendab",
        "asendaja",
        "teenistuja asendaja",
        "töötaja asendaja",
        "ametniku asendaja",
        "ametnikku asendab",
        "teenistujat asendab",
        "töötajat asendab",
        "teda asendab",
        "asendajad",
        "esimene asendaja",
        "teine asendaja",
        "kolmas asendaja",
        "asendaja puudumisel",
    ],
    # whom this official substitutes: "Asendab", "Keda asendab", "Teenistuja asendab"
    "asendab": [
        "keda asendab",
        "asendab",
        "teenistuja asendab",
        "töötaja asendab",
        "ametnik asendab",
    ],
    "alluvad": ["alluvad", "otsesed alluvad", "vahetud alluvad"],
    "eritingimused": [
        "eritingimused",
        "teenistustingimuste erisused",
        "töötingimuste erisused",
        "erisused",
        "teenistuskoha eritingimused",
    ],
    "@eesmärk": [
        "ametikoha eesmärk",
        "teenistuskoha eesmärk",
        "töökoha eesmärk",
        "eesmärk",
        "põhieesmärk",
        "ametikoha põhieesmärk",
        "teenistuskoha põhieesmärk",
    ],
    "": [
        "ametisse nimetab",
        "teenistuskoha asukoht",
        "töökoha asukoht",
        "ametikoha asukoht",
        "ametikoha grupp",
        "alluvus",
        "asendamine",
        "palgaaste",
        "palgarühm",
        "ametikoha kood",
        "teenistuskoha kood",
        "tööaeg",
        "töö- ja puhkeaeg",
        "ametisse nimetamine",
        "teenistusse võtab",
        "tööle võtab",
        "ametikoha liik",
        "teenistuskoha liik",
    ],
}.items():
    for _p in _phrases:
        GENERAL_LABELS[fold(_p)] = _key

#: Label phrases of the requirements -> canonical key ("@kompetentsid", "@lisakompetentsid").
REQUIREMENT_LABELS: dict[str, str] = {}
for _key, _phrases in {
    "haridus": ["haridus", "hariduse nõue", "nõutav haridus"],
    "töökogemus": ["töökogemus", "erialane töökogemus", "kogemus", "teenistuskogemus"],
    "keeleoskus": ["keeleoskus", "keelteoskus", "keelte oskus", "keeleoskuse nõue"],
    "arvutioskus": [
        "arvutioskus",
        "arvutikasutamise oskus",
        "arvuti kasutamise oskus",
        "arvutioskused",
        "infotehnoloogilised oskused",
    ],
    "teadmised": [
        "teadmised",
        "teadmised ja oskused",
        "oskused ja teadmised",
        "oskused",
        "erialased teadmised",
    ],
    "isikuomadused": ["isikuomadused", "isiksuseomadused", "isikuomadused ja oskused"],
    "@kompetentsid": [
        "tööks vajalikud kompetentsid",
        "kompetentsid",
        "üldkompetentsid",
        "vajalikud kompetentsid",
        "kompetentsinõuded",
    ],
    "@lisakompetentsid": [
        "täiendavad kompetentsid, isikuomadused ja teadmised",
        "täiendavad kompetentsid",
        "lisakompetentsid",
        "täiendavad kompetentsid ja isikuomadused",
    ],
    "": [
        "juhtimiskompetentsid",
        "muud nõuded",
        "lisanõuded",
        "tervislik seisund",
        "juhiload",
        "juhtimisoskus",
    ],
}.items():
    for _p in _phrases:
        REQUIREMENT_LABELS[fold(_p)] = _key

# --- matching -------------------------------------------------------------------------------


def ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


_EDGE = " :.,;–-"


@dataclass
class Match:
    value: str  # what the phrase maps to
    words: int  # how many of the text's words the match took
    score: float
    label: str  # the source's words for it, as written


@lru_cache(maxsize=4096)
def _match_cached(text: str, table_id: int, cutoff: float, whole: bool) -> Match | None:
    table = _TABLES[table_id]
    words = text.split()
    if not words:
        return None
    maxw = max(len(p.split()) for p in table)
    counts = [len(words)] if whole else range(min(maxw, len(words)), 0, -1)
    for n in counts:
        cand = fold(" ".join(words[:n])).strip(_EDGE)
        if not cand:
            continue
        best: Match | None = None
        for phrase, value in table.items():
            if len(phrase.split()) != n or abs(len(phrase) - len(cand)) > max(3, len(phrase) // 3):
                continue
            r = 1.0 if cand == phrase else ratio(cand, phrase)
            if r >= cutoff and (best is None or r > best.score):
                best = Match(value, n, r, " ".join(words[:n]).rstrip(" :"))
        if best:
            return best
    return None


_TABLES = [HEADINGS, GENERAL_LABELS, REQUIREMENT_LABELS]
HEADING_TABLE, GENERAL_TABLE, REQUIREMENT_TABLE = 0, 1, 2


def match(text: str, table: int, *, cutoff: float = 0.86, whole: bool = False) -> Match | None:
    """The longest phrase of `table` that the text starts with (or, `whole`, that the whole
    text is), fuzzily."""
    return _match_cached(text.strip(), table, cutoff, whole)


def _stem_hit(word: str, stem: str) -> bool:
    if word == stem or word.endswith(stem):
        return True
    if len(word) < len(stem) - 1:
        return False
    return ratio(word[-len(stem) :], stem) >= 0.85 or ratio(word, stem) >= 0.85


def heading_kind_by_stem(text: str) -> str | None:
    """A section kind from the words of a heading no phrase matched."""
    words = [w.strip(_EDGE + "()") for w in fold(text).split()]
    words = [w for w in words if w]
    has = {kind: any(_stem_hit(w, stem) for w in words) for stem, kind in _STEMS}
    if has.get("õigused") and has.get("vastutus"):
        return "õigused+vastutus"
    for w in reversed(words):
        for stem, kind in _STEMS:
            if _stem_hit(w, stem):
                return kind
    return None


# --- other recognisers ----------------------------------------------------------------------

_UPPER_WORD = re.compile(r"^[^\W\d_]")


def is_upper_text(text: str) -> bool:
    """All letters upper case (and at least two of them)."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def starts_upper(text: str) -> bool:
    for c in text:
        if c.isalpha():
            return c.isupper()
        if c.isdigit() or c in "(\"„«'":
            return False
    return False


def starts_lower(text: str) -> bool:
    for c in text:
        if c.isalpha():
            return c.islower()
        if c.isdigit():
            return False
    return False


TERMINATORS = ".;:!?"


def terminated(text: str) -> bool:
    """Ends a sentence or a list entry."""
    t = text.rstrip(" )»\"“”'")
    return bool(t) and t[-1] in TERMINATORS


def collapse_letterspacing(text: str) -> str:
    """'a m e t i j u h e n d' -> 'ametijuhend' (only runs of four or more single letters)."""
    return re.sub(r"\b(?:[^\W\d_] ){3,}[^\W\d_]\b", lambda m: m.group(0).replace(" ", ""), text)


def word_is(word: str, target: str, cutoff: float = 0.86) -> bool:
    w = fold(word).strip(_EDGE + "()")
    return w == target or (len(w) > 3 and ratio(w, target) >= cutoff)
