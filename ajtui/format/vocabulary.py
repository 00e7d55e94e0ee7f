"""The words of the domain that more than one module prints or compares: the labels and
headings of the paper documents, the approval labels, the language levels and the folding
of Estonian letters. Plain data and small functions; imports nothing from ajtui."""

from __future__ import annotations

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
