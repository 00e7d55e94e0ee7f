"""The words of the domain that more than one module prints or compares: the labels and
headings of the paper documents, the approval labels, the language levels and the folding
of Estonian letters. Plain data and small functions; imports nothing from ajtui."""

from __future__ import annotations

import re

# --- how the paper documents label things -----------------------------------------------------

#: How the paper documents label a known field when the file keeps no label of its own
#: (`Field.label` empty); any other key is printed as written (`model.printed_label`).
FIELD_LABELS: dict[str, str] = {
    "ametinimetus": "Ametinimetus",
    "struktuuriüksus": "Struktuuriüksus",
    "vahetu juht": "Vahetu juht",
    "asendaja": "Kes asendab",
    "asendab": "Keda asendab",
    "alluvad": "Alluvad",
    "eritingimused": "Eritingimused",
    "haridus": "Haridus",
    "töökogemus": "Töökogemus",
    "keeleoskus": "Keeleoskus",
    "arvutioskus": "Arvutikasutamise oskus",
    "teadmised": "Teadmised ja oskused",
    "isikuomadused": "Isikuomadused",
    "pealkiri": "Pealkiri",
    "number": "Number",
    "kuupäev": "Kuupäev",
    "jõustub": "Jõustub",
    "dokumendiregister": "Dokumendiregister",
    "viit": "Viit",
    "registreeritud": "Registreeritud",
    "liik": "Liik",
    "funktsioon": "Funktsioon",
    "sari": "Sari",
    "toimik": "Toimik",
    "juurdepääsupiirang": "Juurdepääsupiirang",
    "vastutaja": "Vastutaja",
}

#: Headings the paper documents use, for sections written without their own title.
DEFAULT_HEADINGS: dict[str, str] = {
    "üldosa": "Üldosa",
    "eesmärk": "Ametikoha eesmärk",
    "ülesanded": "Teenistusülesanded",
    "õigused": "Õigused",
    "vastutus": "Vastutus",
    "töövahendid": "Töövahendid",
    "nõuded": "Ametikohale esitatavad nõuded",
    "muutmine": "Ametijuhendi muutmine",
    "allkirjad": "Allkirjad",
    "käskkiri": "Käskkiri",
    "register": "Dokumendiregister",
}

# --- approvals ---------------------------------------------------------------------------------

#: Approval kinds (`kinnitatud:`): canonical value -> accepted spellings.
APPROVAL_KINDS: dict[str, tuple[str, ...]] = {
    "käskkirjaga": ("käskkirjaga", "kaskkirjaga"),
    "töölepingu lisana": ("töölepingu lisana", "toolepingu lisana"),
}
DIRECTIVE = "käskkirjaga"
CONTRACT_ANNEX = "töölepingu lisana"

#: A version committed but not approved (or changed after its approval).
UNAPPROVED_LABEL = "kinnitamata"
#: A description approved as an annex of the employment contract.
CONTRACT_ANNEX_LABEL = "töölepingu lisa"


def directive_label(number: str, date_text: str | None = None, annex: str | None = None) -> str:
    """'käskkiri nr 95', with the date and the annex when given:
    'käskkiri nr 95 (11.06.2023), lisa 11'."""
    label = f"käskkiri nr {number}"
    if date_text:
        label += f" ({date_text})"
    if annex:
        label += f", lisa {annex}"
    return label


# --- language levels ---------------------------------------------------------------------------

#: CEFR levels in order.
CEFR_LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")

# --- Estonian letters --------------------------------------------------------------------------

#: The Estonian letters with diacritics and their ASCII spellings (case kept).
_UNACCENT = str.maketrans("õäöüšžÕÄÖÜŠŽ", "oaouszOAOUSZ")


def unaccented(text: str) -> str:
    """`text` with õ ä ö ü š ž spelled as ASCII, case and length kept: 'Üldosa' -> 'Uldosa'."""
    return text.translate(_UNACCENT)


# --- section and field keywords ----------------------------------------------------------

#: Section kinds in canonical spelling, with the ASCII spellings accepted on input.
SECTION_KEYWORDS: dict[str, str] = {
    "ametijuhend": "ametijuhend",
    "üldosa": "üldosa",
    "uldosa": "üldosa",
    "eesmärk": "eesmärk",
    "eesmark": "eesmärk",
    "ülesanded": "ülesanded",
    "ulesanded": "ülesanded",
    "õigused": "õigused",
    "oigused": "õigused",
    "vastutus": "vastutus",
    "töövahendid": "töövahendid",
    "toovahendid": "töövahendid",
    "nõuded": "nõuded",
    "nouded": "nõuded",
    "muutmine": "muutmine",
    "allkirjad": "allkirjad",
    "käskkiri": "käskkiri",
    "kaskkiri": "käskkiri",
    "register": "register",
    "osa": "osa",
}
#: Sections of `key: value` fields and `> ` statements (prose that may state a field).
FIELD_SECTIONS = ("register", "käskkiri", "ametijuhend", "üldosa", "allkirjad")
PROSE_SECTIONS = ("eesmärk", "õigused", "vastutus", "töövahendid", "muutmine", "osa")
#: The order sections take in the official documents (generic `osa` goes anywhere).
SECTION_ORDER = (
    "register",
    "käskkiri",
    "ametijuhend",
    "üldosa",
    "eesmärk",
    "ülesanded",
    "õigused",
    "vastutus",
    "töövahendid",
    "nõuded",
    "muutmine",
    "allkirjad",
)

#: Sections before the description itself (a register's metadata, the approving directive):
#: printed in place, never numbered with the description's own sections.
FRONT_MATTER = ("register", "käskkiri")

#: Known field keys per section: canonical key -> accepted spellings.
FIELD_KEYS: dict[str, dict[str, tuple[str, ...]]] = {
    "ametijuhend": {
        "asutus": ("asutus",),
        "kinnitatud": ("kinnitatud",),
        "kinnitaja": ("kinnitaja",),
        "number": ("number", "nr"),
        "kuupäev": ("kuupäev", "kuupaev"),
        # entry into force when it is not the approval date (history's point in time)
        "jõustub": ("jõustub", "joustub"),
        "lisa": ("lisa",),
    },
    "üldosa": {
        "ametinimetus": ("ametinimetus",),
        "struktuuriüksus": ("struktuuriüksus", "struktuuriuksus"),
        "vahetu juht": ("vahetu juht",),
        "asendaja": ("asendaja", "kes asendab"),
        "asendab": ("asendab", "keda asendab"),
        "alluvad": ("alluvad",),
        "eritingimused": ("eritingimused",),
    },
    "nõuded": {
        "haridus": ("haridus",),
        "töökogemus": ("töökogemus", "tookogemus"),
        "keeleoskus": ("keeleoskus",),
        "arvutioskus": ("arvutioskus", "arvutikasutamise oskus"),
        "teadmised": ("teadmised", "teadmised ja oskused"),
        "isikuomadused": ("isikuomadused",),
    },
    "allkirjad": {},
    # the directive that approves the description (or several, as annexes)
    "käskkiri": {
        "pealkiri": ("pealkiri",),
        "number": ("number", "nr"),
        "kuupäev": ("kuupäev", "kuupaev"),
    },
    # a document register's metadata (dokumendiregister)
    "register": {
        "dokumendiregister": ("dokumendiregister",),
        "viit": ("viit",),
        "registreeritud": ("registreeritud",),
        "liik": ("liik",),
        "funktsioon": ("funktsioon",),
        "sari": ("sari",),
        "toimik": ("toimik",),
        "juurdepääsupiirang": ("juurdepääsupiirang", "juurdepaasupiirang"),
        "vastutaja": ("vastutaja",),
    },
}


#: Fields whose value is a date, per section: `aj check` reads them (AJ131, AJ135).
DATE_FIELDS: dict[str, tuple[str, ...]] = {
    "ametijuhend": ("kuupäev", "jõustub"),
    "käskkiri": ("kuupäev",),
    "register": ("registreeritud",),
}


#: `keyword "Label"` before a field's colon: the keyword and the document's own label
#: (compiled by `re` on first use: few descriptions have one).
LABELLED_KEY = r'^(.*?[^\s"]) +"([^"]*)"$'


def labelled_key(key: str) -> re.Match[str] | None:
    """The match of `keyword "Label"` (groups: keyword, label), or None."""
    return re.match(LABELLED_KEY, key)


def canonical_key(section: str, key: str) -> str:
    """The canonical spelling of a known field key; any other key as written."""
    low = key.lower()
    for canon, spellings in FIELD_KEYS.get(section, {}).items():
        if low in spellings:
            return canon
    return key
