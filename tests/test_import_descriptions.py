"""Importing a seed reproduces its hand-made file in descriptions/, except for the
differences listed here — each deliberate, each named.

The comparison is structural: sections (kind and number), fields (key and value), duties
(number, text, results), paragraphs, items, competency groups, signatures, and the file
name. Comments are not compared: the importer keeps the source's approval stamp and the
labels it spelled as format keys as comments; the hand-made files have their own notes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import ajtui
from ajtui.format import model as m
from ajtui.importer import import_file

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
DESCRIPTIONS = ROOT / "descriptions"

SEED_FILES = {
    "000_565dca937d0d858a.txt": "koordinaator-psuhhosotsiaalse-kriisiabi-koordinaator.aj",
    "001_1618ab1ab381611c.txt": "noustaja-kriisitoe-talitus.aj",
    "002_fedac296925412a5.txt": "koordinaator-klat.aj",
    "003_0473cc471da9172f.txt": "teenuse-juht-tttvt.aj",
    "004_cb204638117e2437.txt": "hingehoiu-noustaja-kaugnoustamistiim.aj",
}

# --- the deliberate differences ------------------------------------------------------------
#
# 1. Section titles keep the source's capitals ("ÜLDOSA", "TEENISTUSKOHUSTUSED"); the
#    hand-made files write them in sentence case ("Üldosa"). Titles are compared ignoring
#    case.
# 2. The title line "AMETIJUHEND" is kept as the `ametijuhend` section's title; the
#    hand-made files leave that title empty.
# 3. Seed 001 is OCR text whose table columns ran into each other. The hand-made file
#    moves stray fragments back where they belong ("kvaliteetne ja" into the first result
#    of 2.1 and 2.2, "sailivad," into 2.8's last result, "isikute" into the purpose, "vm"
#    into the education) and reads 2.8's first two results as one. The importer never
#    moves words by meaning: it keeps them where the extraction put them.
TITLES_IGNORE_CASE = True
AMETIJUHEND_TITLE = "AMETIJUHEND"
KNOWN = {
    "001_1618ab1ab381611c.txt": {
        # path -> (hand-made, imported)
        ("eesmärk", "paragraph", 0): (
            "Odpaevaringne ndéustamine, et sailitada voi taastada kuriteo,\nvagivalla voi "
            "kriisijuhtumi téttu kahjustatud flusiliste isikute\ntoimetulekuvdime ja turvatunne.",
            "Odpaevaringne ndéustamine, et sailitada voi taastada kuriteo,\nvagivalla voi\n"
            "kriisijuhtumi téttu kahjustatud flusiliste\ntoimetulekuvdime ja turvatunne.\n"
            "isikute",
        ),
        ("duty", "2.1.", "results"): (
            [
                "NOustamisteenus on kvaliteetne ja\nkompetentne.",
                "Noustamisteenust on osutatud vastavalt\ntoojuhisele.",
                "Osutatud teenusega seonduv on fikseeritud,\ndokumentatsioon on nouetekohaselt\n"
                "vormistatud ja informatsioon edastatud.",
            ],
            [
                "NOustamisteenus on\nkompetentne.",
                "Noustamisteenust on osutatud vastavalt\ntoojuhisele.",
                "Osutatud teenusega seonduv on fikseeritud,\ndokumentatsioon on nouetekohaselt\n"
                "vormistatud ja informatsioon edastatud.\nkvaliteetne ja",
            ],
        ),
        ("duty", "2.2.", "results"): (
            [
                "Ndustamisteenus  on kvaliteetne ja\nkompetentne.",
                "Noustamisteenust on osutatud vastavalt\ngraafikule ja toojuhisele.",
                "Osutatud teenusega seonduv on fikseeritud,\ndokumentatsioon on nouetekohaselt\n"
                "vormistatud ja informatsioon edastatud.",
            ],
            [
                "Ndustamisteenus  on\nkompetentne.",
                "Noustamisteenust on osutatud vastavalt\ngraafikule ja toojuhisele.",
                "Osutatud teenusega seonduv on fikseeritud,\ndokumentatsioon on nouetekohaselt\n"
                "vormistatud ja informatsioon edastatud.\nkvaliteetne ja",
            ],
        ),
        ("duty", "2.8.", "results"): (
            [
                "Regulaarne osalemine ameti pakutud\nsupervisioonides ja/voi kovisioonides.\n"
                "Jarjepidev enesehoiuga tegelemine ja\nvajadusel sisuliste ettepanekute tegemine\n"
                "t66onne arendamiseks organisatsioonis ja\nmeeskonnas.",
                "To6jdudlus ja  -motivatsioon sailivad,\nenesehoid on tagatud.",
            ],
            [
                "Regulaarne osalemine ameti pakutud\nsupervisioonides ja/voi kovisioonides.",
                "Jarjepidev enesehoiuga tegelemine ja\nvajadusel sisuliste ettepanekute tegemine\n"
                "t66onne arendamiseks organisatsioonis ja\nmeeskonnas.",
                "To6jdudlus ja  -motivatsioon\nenesehoid on tagatud.\nsailivad,",
            ],
        ),
        ("field", "nõuded", "haridus"): (
            "Kdrgharidus, soovitavalt  sotsiaaltoo, psuhholoogia vm\npsuhhosotsiaalset tuge "
            "pakkuvate elukutsete valdkonnas.",
            "Kdrgharidus, soovitavalt  sotsiaaltoo, psuhholoogia\npsuhhosotsiaalset tuge "
            "pakkuvate elukutsete valdkonnas.\nvm",
        ),
    }
}


def structure(doc: m.Document) -> dict:
    """path -> value, for everything compared."""
    out: dict = {}
    counts: dict = {}
    for sec in doc.sections:
        title = sec.title
        if sec.kind == "ametijuhend" and title == AMETIJUHEND_TITLE:
            title = ""
        out[("section", sec.kind, sec.number)] = title.casefold() if TITLES_IGNORE_CASE else title
        if isinstance(sec, (m.FieldSection, m.RequirementsSection)):
            entries = sec.fields if isinstance(sec, m.FieldSection) else sec.entries
            for e in entries:
                if isinstance(e, m.Field):
                    out[("field", sec.kind, e.key)] = e.value
                elif isinstance(e, m.Competencies):
                    out[("competencies", e.title)] = [
                        (g.name, [i.text for i in g.items]) for g in e.groups
                    ]
                elif isinstance(e, m.AdditionalCompetencies):
                    out[("additional", e.title)] = [i.text for i in e.items]
        elif isinstance(sec, m.DutySection):
            out[("duties", sec.kind)] = [d.number for d in sec.duties]
            for d in sec.duties:
                out[("duty", d.number, "text")] = d.text
                out[("duty", d.number, "results")] = [r.text for r in d.results]
        elif isinstance(sec, m.ProseSection):
            for b in sec.blocks:
                kind = "item" if isinstance(b, m.Item) else "paragraph"
                k = counts.setdefault((sec.kind, sec.title, kind), 0)
                counts[(sec.kind, sec.title, kind)] += 1
                out[(sec.kind, kind, k)] = b.text
    return out


@pytest.mark.parametrize("seed", sorted(SEED_FILES))
def test_import_reproduces_the_hand_made_description(seed):
    path = DESCRIPTIONS / SEED_FILES[seed]
    if not path.exists():
        pytest.skip(f"{path} is not in this checkout")
    result = import_file(str(SEEDS / seed))
    imported = result.descriptions[0]
    assert f"{imported.slug}.aj" == SEED_FILES[seed]
    want = structure(ajtui.load(path))
    got = structure(imported.doc)
    known = KNOWN.get(seed, {})
    for key, (hand, ours) in known.items():
        assert want.get(key) == hand, f"the hand-made file changed at {key}"
        assert got.get(key) == ours, f"the import changed at {key}"
        want.pop(key)
        got.pop(key)
    assert sorted(set(got) - set(want), key=str) == []
    assert sorted(set(want) - set(got), key=str) == []
    diff = {k: (want[k], got[k]) for k in want if want[k] != got[k]}
    assert diff == {}


def test_duplicate_number_is_compared_too():
    """002 numbers two duties 3.12: both must match, so the comparison may not key duties
    by number alone."""
    path = DESCRIPTIONS / SEED_FILES["002_fedac296925412a5.txt"]
    if not path.exists():
        pytest.skip("descriptions/ not in this checkout")
    hand = ajtui.load(path)
    ours = import_file(str(SEEDS / "002_fedac296925412a5.txt")).descriptions[0].doc
    assert [(d.number, d.text, [r.text for r in d.results]) for d in hand.duties] == [
        (d.number, d.text, [r.text for r in d.results]) for d in ours.duties
    ]
