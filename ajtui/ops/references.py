"""How a field value names positions: "Koordinaatorit, tiimijuhti" names two, "Juhtivspetsialist
(OA kriisitelefon)" one with its unit. No file IO here: text in, names out.

A value is cut into names at commas and semicolons and at "või", "ja", "ning", "ehk" outside
parentheses; a parenthesis stays with its name as a qualifier (a unit, a specialisation),
unless it is a remark ("(edaspidi juhataja)", "(ülesannete ulatuses, mis …)", "(3)": more
than four words, only numbers, or a remark word). "-", "puuduvad", "Vastavalt
asendusskeemile", "tema määratud asendaja" name nobody; "Teine nõustaja" names "Nõustaja".

A name is compared by the stems of its words (`stem`): lower case, õ ä ö ü š ž folded to
ASCII, one case ending taken off, then every stem-final -t -d -i -e -a -u, a doubled final
consonant made single ("osakonna" and "osakond" → "osakon"), -ne read as -se
("psühhosotsiaalne" as "psühhosotsiaalse"). It is a small, explicit stemmer for the endings
that occur in these fields, not a morphological analyser: EstNLTK, the maintained one, is a
71 MB wheel that needs pandas, matplotlib, NLTK and IPython. Every form of a title must
reduce to the stem of its nominative; `tests/test_org_references.py` checks that on every
reference value of the real descriptions and lists the failures (OCR damage, a compound
against two words, two titles run together).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ajtui.format.vocabulary import unaccented

#: Case endings, longest first; one is taken off when at least three letters stay.
#: Plural allative, ablative, comitative, translative, essive, terminative, abessive;
#: the singular ones; genitive plural (-de, -te) and partitive plural (-id).
CASE_ENDINGS = (
    "dele",
    "tele",
    "delt",
    "telt",
    "dega",
    "tega",
    "deks",
    "teks",
    "dena",
    "tena",
    "deni",
    "teni",
    "deta",
    "teta",
    "le",
    "lt",
    "ga",
    "ks",
    "na",
    "ni",
    "ta",
    "de",
    "te",
    "id",
)
#: Then all of these at the end: partitive -t/-d, the genitive's and the stem's final vowel
#: ("juhti" → "juh", as "juht" and "juhi"; "ameti" → "am", as "amet").
FINAL_LETTERS = frozenset("tdieau")
_VOWELS = frozenset("aeiou")
#: Words that join names or qualifiers, never part of what has to match.
STOP_WORDS = frozenset({"ja", "ning", "voi", "ehk", "ka", "sh"}) | frozenset(
    # "Teine nõustaja", "Teist nõustajat": another holder of the same title
    {"teine", "teise", "teist", "teised", "teisi", "muu", "muud"}
)
#: A parenthesis with one of these words, or of more than `REMARK_WORDS_MIN - 1` words, is a
#: remark about the name, not a part of it.
REMARK_WORDS = frozenset({"edaspidi", "ulatuses", "ulatuse", "va", "nt", "naiteks"})
REMARK_WORDS_MIN = 5
#: Values that name nobody ("alluvad: -", "puuduvad"), and first words of values that do not
#: name a position ("Vastavalt asendusskeemile": "as the substitution plan says").
NOBODY = frozenset({"", "-", "–", "—", "puudub", "puuduvad", "ei ole", "pole", "ei"})
NOT_A_POSITION_START = frozenset({"vastavalt", "tema"})
#: Nor does a name with one of these words: "talituse juhataja määratud ametnik" (an
#: official appointed by the head) is whoever the head appoints.
NOT_A_POSITION_WORDS = frozenset({"maaratud"})

_MEMO: dict[str, str] = {}


def fold(text: str) -> str:
    """Lower case with the Estonian letters spelled as ASCII: "Nõustajat" → "noustajat"."""
    return unaccented(text.lower())


def stem(word: str) -> str:
    """The comparable stem of one folded word: "tiimijuhile", "tiimijuhti", "tiimijuhi" and
    "tiimijuht" all give "tiimijuh"."""
    hit = _MEMO.get(word)
    if hit is not None:
        return hit
    w = word
    if len(w) > 3 and w.isalpha():
        if w.endswith("ne") and len(w) > 5:  # -ne words: "psühhosotsiaalne", "…aalse", "…aalset"
            w = w[:-2] + "se"
        for ending in CASE_ENDINGS:
            if w.endswith(ending) and len(w) - len(ending) >= 3:
                w = w[: -len(ending)]
                break
        while len(w) > 3 and w[-1] in FINAL_LETTERS:
            w = w[:-1]
        if len(w) > 3 and w[-1] == w[-2] and w[-1] not in _VOWELS:
            w = w[:-1]
    if len(_MEMO) < 100_000:
        _MEMO[word] = w
    return w


_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def words(text: str) -> list[str]:
    """The folded words of `text`; an abbreviation's inflection is dropped ("KLAT-i" → "klat"),
    a hyphenated compound gives its parts ("aednik-majahoidja")."""
    out: list[str] = []
    for token in _WORD.findall(fold(text)):
        if "-" in token:
            parts = token.split("-")
            out.append(parts[0])
            out.extend(p for p in parts[1:] if len(p) > 3)
        else:
            out.append(token)
    return out


def stems(text: str) -> tuple[str, ...]:
    """The stems of the words of `text` that matter (joining words left out)."""
    return tuple(stem(w) for w in words(text) if w not in STOP_WORDS)


class Plain:
    """A record with `__slots__`, compared and shown by them: a dataclass costs a
    millisecond and a half to define, and `aj check` imports these on every run."""

    __slots__: tuple[str, ...] = ()

    def _values(self) -> tuple:
        return tuple(getattr(self, k) for k in self.__slots__)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other._values() == self._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={getattr(self, k)!r}" for k in self.__slots__)
        return f"{type(self).__name__}({inner})"


class Name(Plain):
    """One position named in a value: its words outside parentheses (`main`, in order) and
    the words of its qualifying parentheses (`qualifiers`), both as stems."""

    __slots__ = ("text", "main", "qualifiers")

    def __init__(self, text: str, main: tuple[str, ...], qualifiers: tuple[str, ...] = ()):
        self.text, self.main, self.qualifiers = text, main, qualifiers


_SPLIT = re.compile(r"[,;]|\s(?:või|voi|ja|ning|ehk)\s", re.IGNORECASE)
_MARK = re.compile(r"\x00(\d+)\x00")


def _is_remark(inner: str) -> bool:
    ws = words(inner)
    return (
        len(ws) >= REMARK_WORDS_MIN
        or all(w.isdigit() for w in ws)  # "Laborandid (3)": how many
        or any(w in REMARK_WORDS for w in ws)
    )


def _outside(value: str) -> tuple[str, list[str]]:
    """`value` with each top-level parenthesis replaced by a marker, and their texts."""
    if "(" not in value:
        return value, []
    main: list[str] = []
    inner: list[str] = []
    parens: list[str] = []
    depth = 0
    for ch in value:
        if ch == "(":
            depth += 1
            if depth == 1:
                inner = []
                continue
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0:
                main.append(f" \x00{len(parens)}\x00 ")
                parens.append("".join(inner))
                continue
        (inner if depth else main).append(ch)
    if depth:  # an unclosed parenthesis runs to the end
        main.append(f" \x00{len(parens)}\x00 ")
        parens.append("".join(inner))
    return "".join(main), parens


@lru_cache(maxsize=4096)
def names(value: str) -> tuple[Name, ...]:
    """The positions a field value names, in order; none for "-", "puuduvad" and the like.
    (Remembered: a workspace says "Tiimijuht" hundreds of times.)"""
    text = " ".join(value.split())
    if fold(text) in NOBODY:
        return ()
    main, parens = _outside(text)
    out: list[Name] = []
    for piece in _SPLIT.split(main):
        quals: list[str] = []
        shown = piece
        for m in _MARK.finditer(piece):
            inner = parens[int(m.group(1))]
            if _is_remark(inner):
                shown = shown.replace(m.group(0), "")
            else:
                quals.extend(stems(inner))
                shown = shown.replace(m.group(0), f"({inner})")
        bare = _MARK.sub(" ", piece)
        ws = words(bare)
        if (
            not ws
            or fold(bare.strip()) in NOBODY
            or ws[0] in NOT_A_POSITION_START
            or any(w in NOT_A_POSITION_WORDS for w in ws)
        ):
            continue
        out.append(Name(" ".join(shown.split()), stems(bare), tuple(quals)))
    return tuple(out)


@lru_cache(maxsize=4096)
def unit_path(unit: str) -> tuple[tuple[str, ...], ...]:
    """A unit as its parts from the outermost ("Ohvriabi osakond, kriisitoe talitus" → the
    department's stems, then the office's); parentheses stay with their part."""
    main, parens = _outside(" ".join(unit.split()))
    parts = []
    for piece in main.split(","):
        text = _MARK.sub(lambda m: " " + parens[int(m.group(1))] + " ", piece)
        s = stems(text)
        if s:
            parts.append(s)
    return tuple(parts)


class Namable(Plain):
    """What a name is compared with: a position's title (outside parentheses) and the stems
    that may qualify it (its unit's and its title's parenthesis)."""

    __slots__ = ("main", "context")

    def __init__(self, main: tuple[str, ...], context: frozenset[str]) -> None:
        self.main, self.context = main, context

    @classmethod
    def of(cls, title: str, unit: str = "") -> Namable:
        main, quals = _title(title)
        return cls(main, frozenset((*quals, *_unit_stems(unit))))

    def named_by(self, name: Name) -> bool:
        """The name ends with this title and everything else it says is in the context:
        "Järelevalve talituse juhataja" names "Juhataja" of "Järelevalve talitus"."""
        n = len(self.main)
        if not n or len(name.main) < n or name.main[-n:] != self.main:
            return False
        return all(s in self.context for s in name.main[:-n]) and all(
            s in self.context for s in name.qualifiers
        )

    def covers(self, name: Name) -> bool:
        """As an entry of a list of positions outside the workspace: the name ends with this
        title and says at least what the entry's parenthesis and unit say ("Peaspetsialist"
        covers every peaspetsialist, "Juhtivspetsialist (OA kriisitelefon)" only that one)."""
        n = len(self.main)
        if not n or len(name.main) < n or name.main[-n:] != self.main:
            return False
        said = {*name.main[:-n], *name.qualifiers}
        return all(s in said for s in self.context)


@lru_cache(maxsize=4096)
def _title(title: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A title's stems outside parentheses, and inside them."""
    main, parens = _outside(" ".join(title.split()))
    return stems(_MARK.sub(" ", main)), tuple(s for p in parens for s in stems(p))


@lru_cache(maxsize=4096)
def _unit_stems(unit: str) -> tuple[str, ...]:
    return stems(unit)
