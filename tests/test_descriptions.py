"""The five sample descriptions in descriptions/: faithful to their source texts.

Each seed in tests/fixtures/seeds/ (text extracted from a signed PDF) has exactly one
description, named here explicitly. The descriptions are the project's sample data and
the reference the importer is compared with, so they are checked for what a reader of
the paper document would check: the words, the numbers, the approval, the duties.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest

import ajtui
from ajtui.format import model as m
from ajtui.format.validate import validate
from ajtui.format.vocabulary import DIRECTIVE

from tests.helpers import run_aj

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
DESCRIPTIONS = ROOT / "descriptions"

#: seed -> (source text, description, the slug's parts: title and qualifier)
SEED_TO_DESCRIPTION = {
    "000": (
        "000_565dca937d0d858a.txt",
        "koordinaator-psuhhosotsiaalse-kriisiabi-koordinaator.aj",
        ("Koordinaator", "psühhosotsiaalse kriisiabi koordinaator"),
    ),
    "001": (
        "001_1618ab1ab381611c.txt",
        "noustaja-kriisitoe-talitus.aj",
        ("Noustaja", "kriisitoe talitus"),
    ),
    "002": ("002_fedac296925412a5.txt", "koordinaator-klat.aj", ("Koordinaator", "KLAT")),
    "003": ("003_0473cc471da9172f.txt", "teenuse-juht-tttvt.aj", ("Teenuse juht", "TTTVT")),
    "004": (
        "004_cb204638117e2437.txt",
        "hingehoiu-noustaja-kaugnoustamistiim.aj",
        ("Hingehoiu nõustaja", "kaugnõustamistiim"),
    ),
}

#: The measured word coverage (%) of each seed, as a floor: the target is >= 99 for
#: every seed, and a description that loses words it used to keep fails here too.
#: 001 loses labels of its general table that became format keywords ('Teenistuskoht',
#: 'Teenistuja asendab', ...). The approver is kept in the genitive, as written.
COVERAGE_FLOOR = {"000": 100.0, "001": 99.1, "002": 100.0, "003": 100.0, "004": 100.0}
TARGET = 99.0

SEED_IDS = sorted(SEED_TO_DESCRIPTION)


def source_text(seed: str) -> str:
    return (SEEDS / SEED_TO_DESCRIPTION[seed][0]).read_text(encoding="utf-8")


def description_path(seed: str) -> Path:
    return DESCRIPTIONS / SEED_TO_DESCRIPTION[seed][1]


def doc_of(seed: str) -> m.Document:
    return ajtui.load(description_path(seed))


def words(text: str) -> Counter:
    """Letters only, case-folded, as a multiset."""
    return Counter(w.casefold() for w in re.findall(r"[^\W\d_]+", text))


@pytest.fixture(scope="module")
def shown() -> dict[str, str]:
    """`aj show --width 100` of each description, run as a user would."""
    out = {}
    for seed in SEED_IDS:
        res = run_aj("show", "--width", "100", str(description_path(seed)))
        assert res.returncode == 0, res.stderr
        out[seed] = res.stdout
    return out


def coverage(seed: str, shown_text: str, text: str | None = None) -> tuple[float, Counter]:
    """Share (%) of the source's words found in the description's text (the file unless
    given) or its `aj show` output, and the words missing."""
    if text is None:
        text = description_path(seed).read_text(encoding="utf-8")
    src = words(source_text(seed))
    missing = src - words(text + "\n" + shown_text)
    total = sum(src.values())
    return 100 * (total - sum(missing.values())) / total, missing


def render(text: str) -> str:
    from rich.console import Console

    from ajtui.present.render import render_document

    console = Console(width=100, record=True, color_system=None)
    console.print(render_document(ajtui.loads(text), 100))
    return console.export_text()


def flat(text: str) -> str:
    return " ".join(text.split("\n"))


# --- every description ------------------------------------------------------------------------


def test_each_seed_has_its_description_and_nothing_is_unmapped():
    assert sorted(p.name for p in SEEDS.glob("*.txt")) == sorted(
        v[0] for v in SEED_TO_DESCRIPTION.values()
    )
    for seed in SEED_IDS:
        assert description_path(seed).is_file(), seed
    mapped = {v[1] for v in SEED_TO_DESCRIPTION.values()}
    assert {p.name for p in DESCRIPTIONS.glob("*.aj")} == mapped


@pytest.mark.parametrize("seed", SEED_IDS)
def test_parses_round_trips_and_checks_without_errors(seed):
    path = description_path(seed)
    text = path.read_text(encoding="utf-8")
    doc = ajtui.loads(text, path=str(path))
    assert ajtui.dumps(doc) == text
    errors = [d.format() for d in validate(doc) if d.is_error]
    assert errors == []


@pytest.mark.parametrize("seed", SEED_IDS)
def test_file_name_is_the_slug_of_the_position(seed):
    title, qualifier = SEED_TO_DESCRIPTION[seed][2]
    assert flat(doc_of(seed).title).startswith(title)
    assert description_path(seed).stem == m.slug(title, qualifier)


def test_check_and_fmt_accept_the_folder():
    check = run_aj("check", str(DESCRIPTIONS))
    assert check.returncode == 0, check.stdout + check.stderr
    assert "5 files checked: 5 valid, 0 errors" in check.stdout + check.stderr
    fmt = run_aj("fmt", "--check", str(DESCRIPTIONS))
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr


def test_only_warning_is_the_duplicate_duty_number_of_seed_002():
    found = {seed: [(d.code, d.line) for d in validate(doc_of(seed))] for seed in SEED_IDS}
    assert found == {"000": [], "001": [], "002": [("AJ101", 116)], "003": [], "004": []}


# --- words -----------------------------------------------------------------------------------------


def test_word_coverage_of_every_seed(shown):
    figures = {seed: coverage(seed, shown[seed]) for seed in SEED_IDS}
    report = "; ".join(
        f"{seed}: {cov:.2f}% (missing {dict(missing)})" for seed, (cov, missing) in figures.items()
    )
    for seed, (cov, _missing) in figures.items():
        assert cov >= TARGET, report
        assert cov >= COVERAGE_FLOOR[seed], report


def test_coverage_measure_notices_a_lost_result(shown):
    """The measure is not vacuous: one result of seed 004 left out shows in the figure."""
    seed = "004"
    text = description_path(seed).read_text(encoding="utf-8")
    result = (
        "    - Kirjad, analüüsid ja dokumendid on\n      koostatud korrektselt, "
        "õigeaegselt ja\n      vastavalt kehtestatud nõuetele.\n"
    )
    assert result in text
    cut = text.replace(result, "")
    full, _ = coverage(seed, render(text), text)
    less, missing = coverage(seed, render(cut), cut)
    assert full == 100.0 == coverage(seed, shown[seed])[0]
    assert less < full and {"kirjad", "analüüsid"} <= set(missing)


def test_source_words_keep_their_order_in_the_duties():
    """Duty texts and results, read in order, are a subsequence of the source's words."""
    for seed in ("000", "002", "003"):
        src = [w.casefold() for w in re.findall(r"[^\W\d_]+", source_text(seed))]
        ours = [
            w.casefold()
            for d in doc_of(seed).duties
            for t in [d.text, *(r.text for r in d.results)]
            for w in re.findall(r"[^\W\d_]+", t)
        ]
        it = iter(src)
        assert all(w in it for w in ours), seed


# --- facts a reader checks, per seed ------------------------------------------------------------

FACTS = {
    "000": dict(
        title="Koordinaator\n(psühhosotsiaalse kriisiabi koordinaator)",
        unit="Ohvriabi ja ennetusteenuste osakond,\npsühhosotsiaalse toe talitus\n"
        "(ohvriabi põhja, lõuna, lääne ja ida piirkond)",
        manager="Piirkonna juht",
        approval=("käskkirjaga", "95", dt.date(2023, 6, 11), None),
        duties=13,
        first=(
            "3.1.",
            "Kriisijuhtumijärgne ööpäevaringne",
            "Kriisijuhtumijärgselt on tagatud kriisiolukorra\nhindamine, koostöö kriisi "
            "juhtiva asutusega\nning abi on tagatud õigeaegselt ja\nproaktiivselt.",
            "Juhtumeid käsitlev teavitus ja\ndokumentatsioon on vormistatud õigeaegselt\n"
            "ja korrektselt.",
        ),
        last=(
            "3.13.",
            "Vahetu juhi ühekordsete ülesannete\nteostamine.",
            "Ülesanded on teostatud tähtaegselt ja\nkorrektselt.",
            "Ülesanded on teostatud tähtaegselt ja\nkorrektselt.",
        ),
    ),
    "001": dict(
        title="Noustaja",
        unit="Ohvriabi osakond, kriisitoe talitus",
        manager="Juhtivspetsialist (OA kriisitelefon)",
        approval=("käskkirjaga", "1", dt.date(2026, 1, 7), "11"),
        duties=12,
        first=(
            "2.1.",
            "Ohvriabi vaimse tervise videonbustamise",
            "NOustamisteenus on kvaliteetne ja\nkompetentne.",
            "Osutatud teenusega seonduv on fikseeritud,\ndokumentatsioon on "
            "nouetekohaselt\nvormistatud ja informatsioon edastatud.",
        ),
        last=(
            "2.12.",
            "Vahetu juhi antud muude Uhekordsete\nUlesannete taitmine.",
            "Ulesanded on taidetud nduetekohaselt ja\ntahtaegselt.",
            "Ulesanded on taidetud nduetekohaselt ja\ntahtaegselt.",
        ),
    ),
    "002": dict(
        title="Koordinaator",
        unit="Ohvriabi ja ennetusteenuste osakond,\n"
        "ennetustalitus (KLAT ja abivajava lapse SRT tiim)",
        manager="Tiimijuht",
        approval=("käskkirjaga", "23", dt.date(2024, 2, 12), None),
        duties=14,
        first=(
            "3.1",
            "KLAT-i suunamise ja hindamise",
            "Teenusele suunamine, hindamine ja\njätkutugi on vajaduspõhiselt ning "
            "ettenähtud\najaraamis korraldatud.",
            "Teenusele suunamine, hindamine ja\njätkutugi on vajaduspõhiselt ning "
            "ettenähtud\najaraamis korraldatud.",
        ),
        last=(
            "3.12",
            "Vahetu juhi antud muude ühekordsete\nülesannete täitmine.",
            "Ülesanded on täidetud nõuetekohaselt ja\ntähtaegselt.",
            "Ülesanded on täidetud nõuetekohaselt ja\ntähtaegselt.",
        ),
    ),
    "003": dict(
        title="Teenuse juht (TTTVT)",
        unit="Ohvriabi ja ennetusteenuste osakond,\narendustalitus (tugitiim)",
        manager="Tiimijuht",
        approval=("töölepingu lisana", None, None, None),
        duties=12,
        first=(
            "3.1.",
            "Teenuse arendamise ettevalmistamine ning",
            "Arendatavad teenused on käivitunud ning\narendustegevused tulemuslikult ellu\nviidud.",
            "Arendatavad teenused on käivitunud ning\narendustegevused tulemuslikult ellu\nviidud.",
        ),
        last=(
            "3.12.",
            "Vahetu juhi ühekordsete ülesannete\nteostamine.",
            "Ülesanded on teostatud tähtaegselt ja\nkorrektselt.",
            "Ülesanded on teostatud tähtaegselt ja\nkorrektselt.",
        ),
    ),
    "004": dict(
        title="Hingehoiu nõustaja",
        unit="Ohvriabi ja ennetusteenuste osakond,\npsühhosotsiaalse toe talitus,\n"
        "kaugnõustamistiim",
        manager="Kaugnõustamisteenuste juht",
        approval=None,
        duties=10,
        first=(
            "3.1",
            "Emotsionaalse toe ja hingehoiu",
            "Nõustamisteenus on kvaliteetne ja\nkompetentne.",
            "Osutatud teenusega seonduv on\nfikseeritud, dokumentatsioon on\n"
            "nõuetekohaselt vormistatud ja\ninformatsioon edastatud.",
        ),
        last=(
            "3.10",
            "Vahetu juhi antud muude\nühekordsete ülesannete täitmine.",
            "Ülesanded on täidetud nõuetekohaselt ja\ntähtaegselt.",
            "Ülesanded on täidetud nõuetekohaselt ja\ntähtaegselt.",
        ),
    ),
}


@pytest.mark.parametrize("seed", SEED_IDS)
def test_title_unit_and_manager(seed):
    doc, facts = doc_of(seed), FACTS[seed]
    assert doc.general.title == facts["title"]
    assert doc.general.unit == facts["unit"]
    assert doc.general.manager == facts["manager"]


@pytest.mark.parametrize("seed", SEED_IDS)
def test_approval(seed):
    doc, facts = doc_of(seed), FACTS[seed]
    if facts["approval"] is None:
        assert doc.approval is None
        return
    kind, number, date, annex = facts["approval"]
    appr = doc.approval
    assert (appr.kind, appr.number, appr.date, appr.annex) == (kind, number, date, annex)
    if kind == DIRECTIVE:
        assert appr.agency == "Sotsiaalkindlustusamet"
        assert appr.approver == "Sotsiaalkindlustusameti peadirektori"
    else:
        assert appr.is_contract_annex


@pytest.mark.parametrize("seed", SEED_IDS)
def test_duties_first_and_last(seed):
    doc, facts = doc_of(seed), FACTS[seed]
    assert len(doc.duties) == facts["duties"]
    for duty, (number, text, first, last) in (
        (doc.duties[0], facts["first"]),
        (doc.duties[-1], facts["last"]),
    ):
        assert duty.number == number
        if "\n" in text:
            assert duty.text == text
        else:
            assert duty.text.split("\n")[0] == text
        assert duty.results[0].text == first
        assert duty.results[-1].text == last
    assert all(d.results for d in doc.duties)


def test_002_keeps_both_duties_numbered_3_12():
    numbers = [d.number for d in doc_of("002").duties]
    assert numbers == [f"3.{n}" for n in range(1, 14)] + ["3.12"]


def test_003_and_004_signatures_of_both_parties():
    assert [(s.role, s.lines) for s in doc_of("003").signatures] == [
        ("tööandja", ["(allkirjastatud digitaalselt)", "Maret Maripuu"]),
        ("töötaja", ["(allkirjastatud digitaalselt)", "Tuuli Truupõld"]),
    ]
    assert [(s.role, s.lines) for s in doc_of("004").signatures] == [
        (
            "tööandja",
            [
                "(allkirjastatud digitaalselt)",
                "Kaire Tamm",
                "Talitusejuhataja",
                "Osakonnajuhataja ülesannetes",
            ],
        ),
        ("töötaja", ["(allkirjastatud digitaalselt)", "Algur Kaerma"]),
    ]
    for seed in ("003", "004"):
        assert doc_of(seed).section("allkirjad").title == "Poolte allkirjad"
    for seed in ("000", "002"):
        [sig] = doc_of(seed).signatures
        assert sig.lines == ["(allkirjastatud digitaalselt)", "Maret Maripuu", "peadirektor"]


def test_004_blocks_put_back_in_reading_order():
    doc = doc_of("004")
    assert doc.sections[0].kind == "üldosa"
    assert doc.general.substitute == "Hingehoiu nõustaja või\nkaugnõustamisteenuste juht"
    assert doc.general.substitutes_for == "Hingehoiu nõustajat või\nkaugnõustamisteenuste juhti"
    d33 = doc.duty("3.3")
    assert "suunatud emotsionaalse toe ja\nhingehoiu teenuste ja vajalike kontaktide" in d33.text
    assert d33.text.endswith("partnerite protsessi kaasamine.")
    assert [flat(r.text) for r in d33.results] == [
        "Informatsioon on koondatud, uuendatud ja analüüsitud ning see on piisav, arusaadav "
        "ja partneritele ning abisaajatele kättesaadav.",
        "Koostöösuhted on loodud ja olulised partnerid on protsessi kaasatud.",
    ]


def test_001_is_marked_ocr_damaged_and_its_fragments_are_back_in_their_sentences():
    doc = doc_of("001")
    assert any("OCR" in c for c in doc.comments[:3])
    assert doc.sections[0].kind == "ametijuhend"
    assert doc.section("üldosa").title == "Uldosa"
    assert doc.general.get("Ametikoha grupp") == "Tootaja"
    assert doc.general.substitutes_for.startswith("Noéustaja (llesannete ulatuses")
    assert doc.general.substitute == (
        "Noustaja, juhtivspetsialist (OA kriisitelefon), "
        "peaspetsialist\n(kriisitugi), teenuseomanik (ohvriabi "
        "kriisitelefon)"
    )
    assert doc.section("eesmärk").title == "Teenistuskoha eesmark"
    assert "kahjustatud flusiliste isikute\ntoimetulekuvdime" in doc.purpose
    assert doc.duty("2.2").results[0].text == "Ndustamisteenus  on kvaliteetne ja\nkompetentne."
    assert doc.duty("2.8").results[-1].text == (
        "To6jdudlus ja  -motivatsioon sailivad,\nenesehoid on tagatud."
    )
    assert doc.duty("2.8").text.endswith("\n-motivatsioon.")
    assert doc.requirements.education.startswith(
        "Kdrgharidus, soovitavalt  sotsiaaltoo, psuhholoogia vm\n"
    )
    assert doc.amendment.startswith("Ametijuhend vaadatakse Ule kord aastas")
    assert doc.rights.title == "Oigused ja vastutus"
    assert len(doc.rights.items) == 6 and len(doc.responsibilities.items) == 6


@pytest.mark.parametrize("seed", SEED_IDS)
def test_requirements_competencies_and_rights(seed):
    doc = doc_of(seed)
    req = doc.requirements
    assert req.education and req.languages
    if seed == "001":
        assert req.competencies == [] and req.knowledge and req.personal_qualities
        return
    assert [g.name for g in req.competencies] == [
        "Kliendikesksus",
        "Asjatundlikkus",
        "Koostöövõime",
        "Efektiivsus",
    ]
    # items after a page break stay in the group before it
    assert [len(g.items) for g in req.competencies] == [3, 4, 4, 5]
    names = [name for name, _ in req.additional]
    assert names[0] == "Suhtlemis- ja mõjutamisoskus, sh selge ja veenev eneseväljendusoskus"
    assert names[-1 if seed != "003" else -3] == "Suhete loomise oskus"
    assert doc.rights.items and doc.responsibilities.items
