"""The structural diff (ajtui.ops.diff) on models: alignment, finest-level changes, words."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ajtui.base.errors import AjSyntaxError
from ajtui.format import model as m
from ajtui.format.parser import loads
from ajtui.ops.align import align
from ajtui.ops.changes import Diff
from ajtui.ops.diff import diff_documents, diff_lines, diff_texts
from ajtui.ops.outline import outline
from ajtui.ops.words import flow, word_diff

from tests.helpers.history import fixture

V95 = fixture("koordinaator-95.aj")
V12 = fixture("koordinaator-12.aj")
SEED2 = fixture("klat-koordinaator-23.aj")


def kinds(diff: Diff, kind: str, what: str | None = None) -> list:
    return [c for c in diff.changes if c.kind == kind and (what is None or c.what == what)]


@pytest.fixture(scope="module")
def scenario_diff() -> Diff:
    return diff_texts(V95, V12)


# --- the scenario ---------------------------------------------------------------------


def test_inserted_duty_is_one_added_and_nine_renumbered(scenario_diff):
    d = scenario_diff
    added = kinds(d, "added", "duty")
    assert [c.path for c in added] == ["ülesanded/3.5"]
    assert added[0].new.startswith("Kriisiabi vabatahtlike väljaõppe")
    assert added[0].children == ["Vabatahtlikud on koolitatud ja nende\nteadmised on ajakohased."]
    ren = kinds(d, "renumbered", "duty")
    assert [(c.old, c.new) for c in ren] == [(f"3.{n}.", f"3.{n + 1}.") for n in range(5, 14)]
    assert [c.path for c in ren] == [f"ülesanded/3.{n + 1}" for n in range(5, 14)]
    assert [c.old_path for c in ren] == [f"ülesanded/3.{n}" for n in range(5, 14)]
    assert not kinds(d, "moved")


def test_removed_result_is_one_removed_not_a_changed_duty(scenario_diff):
    removed = kinds(scenario_diff, "removed")
    assert [(c.path, c.what) for c in removed] == [("ülesanded/3.1/tulemused/2", "result")]
    assert removed[0].old.startswith("Kriisijuhtumi ohvrid on välja selgitatud")
    assert not [c for c in scenario_diff.changes if c.path == "ülesanded/3.1"]


def test_one_word_change_in_duty_2(scenario_diff):
    changed = [c for c in kinds(scenario_diff, "changed", "duty")]
    assert [c.path for c in changed] == ["ülesanded/3.2"]
    ops = [w for w in changed[0].words if w[0] != "equal"]
    assert ops == [("replace", "juhendamine", "nõustamine")]


def test_renamed_unit(scenario_diff):
    unit = [c for c in scenario_diff.changes if c.path == "üldosa/struktuuriüksus"]
    assert len(unit) == 1 and unit[0].kind == "changed"
    assert [w for w in unit[0].words if w[0] != "equal"] == [("delete", "ja ennetusteenuste", "")]


def test_summary_line_and_counts(scenario_diff):
    d = scenario_diff
    assert d.summary_line() == (
        "1 duty added, 9 renumbered, 1 changed; 1 result removed; "
        "struktuuriüksus changed; approval changed; "
        "purpose and requirements unchanged"
    )
    assert d.summary["renumbered"] == 9 and d.summary["removed"] == 1
    assert d.summary["total"] == len(d.changes) and not d.identical


def test_legal_weight(scenario_diff):
    weight = {c.path: c.weight for c in scenario_diff.changes}
    assert weight["ülesanded/3.5"] == "substantive"  # a duty added
    assert weight["ülesanded/3.2"] == "substantive"  # a duty's words
    assert weight["ülesanded/3.1/tulemused/2"] == "substantive"
    assert weight["ülesanded/3.6"] == "editorial"  # renumbering only
    assert weight["üldosa/struktuuriüksus"] == "editorial"
    assert weight["ametijuhend/number"] == "editorial"


def test_json_shape(scenario_diff):
    j = scenario_diff.to_json()
    assert set(j) >= {"summary", "changes", "identical", "old", "new", "summary_line"}
    change = next(c for c in j["changes"] if c["path"] == "ülesanded/3.2")
    assert change["kind"] == "changed" and change["weight"] == "substantive"
    assert ["replace", "juhendamine", "nõustamine"] in change["words"]
    assert all(set(c) >= {"kind", "path", "old", "new", "words"} for c in j["changes"])
    import json

    json.dumps(j, ensure_ascii=False)  # serialisable


def test_rows_align_both_sides(scenario_diff):
    rows = scenario_diff.rows
    # every change has at least one row, and rows point at real changes
    referenced = {r.change for r in rows if r.change is not None}
    assert referenced == set(range(len(scenario_diff.changes)))
    ren = [r for r in rows if r.kind == "renumbered"]
    assert ren[0].left.startswith("3.5. Vabatahtlike") and ren[0].right.startswith(
        "3.6. Vabatahtlike"
    )
    added = [r for r in rows if r.kind == "added" and r.path.startswith("ülesanded/3.5")]
    assert [r.left for r in added] == [None, None] and added[0].right.startswith("3.5. ")
    # the row order follows the documents: 3.4 before the new 3.5 before the old 3.5
    paths = [r.path for r in rows if r.depth == 1 and r.path.startswith("ülesanded/")]
    assert (
        paths.index("ülesanded/3.4") < paths.index("ülesanded/3.5") < paths.index("ülesanded/3.6")
    )
    # words describe exactly the row texts after their labels
    for r in rows:
        if r.kind == "changed" and r.change is not None:
            words = scenario_diff.changes[r.change].words
            if len(words) > 1:
                assert "".join(w[1] for w in words) == r.left[r.lead[0] :]
                assert "".join(w[2] for w in words) == r.right[r.lead[1] :]


# --- alignment ----------------------------------------------------------------------------------


def _doc(duties: list[tuple[str, str, list[str]]]) -> m.Document:
    return m.Document(
        [
            m.DutySection(
                "ülesanded", duties=[m.Duty(num, text, results) for num, text, results in duties]
            )
        ]
    )


DUTIES = [
    ("Kriisijuhtumitele reageerimine ja olukorra hindamine.", ["Abi on tagatud."]),
    ("Võrgustikuliikmete toetamine ja juhendamine.", ["Võrgustik on toetatud."]),
    ("Ennetus- ja teavitustegevuste korraldamine.", ["Koolitused on korraldatud."]),
    ("Vabatahtlike kaasamine oma piirkonnas.", ["Vabatahtlikud on kaasatud."]),
    ("Dokumentatsiooni täitmine ja haldamine.", ["Dokumentatsioon on korras."]),
]


def _numbered(items):
    return [(f"3.{n}.", t, r) for n, (t, r) in enumerate(items, 1)]


def test_moved_duty():
    old = _doc(_numbered(DUTIES))
    new_order = [DUTIES[4]] + DUTIES[:4]
    d = diff_documents(old, _doc(_numbered(new_order)))
    moved = kinds(d, "moved")
    assert [(c.path, c.old_path, c.old, c.new) for c in moved] == [
        ("ülesanded/3.1", "ülesanded/3.5", "3.5.", "3.1.")
    ]
    assert len(kinds(d, "renumbered")) == 4
    assert not kinds(d, "changed") and not kinds(d, "added") and not kinds(d, "removed")
    assert all(c.weight == "editorial" for c in d.changes)


def test_swapped_duties_keep_their_numbers_is_a_move_and_a_change_of_nothing_else():
    old = _doc(_numbered(DUTIES))
    swapped = [DUTIES[0], DUTIES[2], DUTIES[1]] + DUTIES[3:]
    d = diff_documents(old, _doc(_numbered(swapped)))
    assert len(kinds(d, "moved")) == 1 and len(kinds(d, "renumbered")) == 1
    assert d.summary["total"] == 2


def test_changed_and_shifted_duty_is_changed_with_its_old_place():
    old = _doc(_numbered(DUTIES))
    edited = list(DUTIES)
    edited[3] = ("Vabatahtlike kaasamine ja juhendamine oma piirkonnas.", edited[3][1])
    new = [("Uus ülesanne, mida varem polnud üldse.", ["Uus tulemus."])] + edited
    d = diff_documents(old, _doc(_numbered(new)))
    changed = kinds(d, "changed", "duty")
    assert [(c.path, c.old_path) for c in changed] == [("ülesanded/3.5", "ülesanded/3.4")]
    assert [w for w in changed[0].words if w[0] != "equal"] == [("insert", "", "ja juhendamine")]
    assert len(kinds(d, "renumbered")) == 4 and len(kinds(d, "added")) == 1


def test_results_aligned_inside_a_duty():
    old = _doc(
        [
            (
                "3.1.",
                "Ülesanne.",
                [
                    "Esimene tulemus on saavutatud.",
                    "Teine tulemus on saavutatud.",
                    "Kolmas tulemus on saavutatud.",
                ],
            )
        ]
    )
    new = _doc(
        [
            (
                "3.1.",
                "Ülesanne.",
                [
                    "Esimene tulemus on saavutatud.",
                    "Täiesti uus ja teistsugune nõue.",
                    "Teine tulemus on saavutatud.",
                    "Kolmas tulemus on täielikult saavutatud.",
                ],
            )
        ]
    )
    d = diff_documents(old, new)
    assert [(c.kind, c.path) for c in d.changes] == [
        ("added", "ülesanded/3.1/tulemused/2"),
        ("changed", "ülesanded/3.1/tulemused/4"),
    ]
    assert d.changes[1].old_path == "ülesanded/3.1/tulemused/3"


def test_unrelated_duties_are_removed_and_added_not_changed():
    old = _doc([("3.1.", "Kriisijuhtumitele reageerimine ööpäevaringselt.", [])])
    new = _doc([("3.1.", "Raamatupidamise aruannete koostamine kord kuus.", [])])
    d = diff_documents(old, new)
    assert sorted(c.kind for c in d.changes) == ["added", "removed"]


def test_line_breaks_and_comments_are_not_changes():
    rewrapped = V95.replace(
        "  3.3. Ennetus- ja teavitustegevuste\n    korraldamine.",
        "  # a comment\n  3.3. Ennetus- ja\n    teavitustegevuste korraldamine.",
    )
    assert rewrapped != V95
    d = diff_texts(V95, rewrapped)
    assert d.identical and d.summary_line() == "no changes"


def test_fields_matched_by_name_and_sections_by_kind():
    old = loads(
        "üldosa\n  ametinimetus: Koordinaator\n  vahetu juht: Juht\n\ntöövahendid\n  Arvuti.\n"
    )
    new = loads(
        "üldosa\n  vahetu juht: Juht\n  ametinimetus: Koordinaator\n"
        "  alluvad: Puuduvad\n\nvastutus\n  - oma töö eest.\n"
    )
    d = diff_documents(old, new)
    assert sorted((c.kind, c.path) for c in d.changes) == [
        ("added", "vastutus"),
        ("added", "üldosa/alluvad"),
        ("removed", "töövahendid"),
    ]
    assert next(c for c in d.changes if c.path == "vastutus").what == "section"


def test_section_renumbered_and_retitled():
    d = diff_texts(
        "3. ülesanded: Teenistuskohustused\n  3.1. Üks.\n",
        "4. ülesanded: Teenistusülesanded\n  3.1. Üks.\n",
    )
    assert sorted((c.kind, c.path) for c in d.changes) == [
        ("changed", "ülesanded/pealkiri"),
        ("renumbered", "ülesanded/number"),
    ]
    assert all(c.weight == "editorial" for c in d.changes)


def test_purpose_and_requirements_are_substantive():
    d = diff_texts(
        "eesmärk\n  Abi korraldamine.\n\nnõuded\n  haridus: Kõrgharidus\n",
        "eesmärk\n  Abi korraldamine üle Eesti.\n\nnõuded\n  haridus: Rakenduslik kõrgharidus\n",
    )
    assert {c.path: c.weight for c in d.changes} == {
        "eesmärk/1": "substantive",
        "nõuded/haridus": "substantive",
    }


def test_seed_000_against_seed_002_competencies_word_by_word():
    """Two different descriptions sharing boilerplate: the competency groups (the same
    sentences broken into lines differently) are unchanged; the additional competencies
    show exactly the sentences one of them lacks, as deleted words."""
    d = diff_texts(V95, SEED2)
    comp = [c for c in d.changes if c.path.startswith("nõuded/kompetentsid")]
    assert comp == []
    extra = [c for c in d.changes if c.path.startswith("nõuded/lisakompetentsid")]
    names = [c.new.split(":")[0] for c in extra]
    assert names == [
        "Suhtlemis- ja mõjutamisoskus, sh selge ja veenev eneseväljendusoskus",
        "Empaatiavõime",
        "Pingetaluvus (tasakaalukus)",
        "Abivalmidus",
        "Suhete loomise oskus",
    ]
    assert all(c.kind == "changed" for c in extra)
    deleted = {c.new.split(":")[0]: [w[1] for w in c.words if w[0] != "equal"] for c in extra}
    assert all({w[0] for w in c.words} == {"equal", "delete"} for c in extra)
    assert deleted["Empaatiavõime"] == [
        "On tähelepanelik teiste vajaduste, murede ja tunnete suhtes, tajub ja mõistab neid."
    ]
    assert deleted["Abivalmidus"] == [
        "Märkab abivajajat ja pakub ise abi. On kättesaadav erinevates küsimustes."
    ]
    # everything else in the requirements is a real difference in wording, not layout
    others = {c.path for c in d.changes if c.section == "nõuded"} - {c.path for c in extra}
    assert others == {
        "nõuded/töökogemus",
        "nõuded/keeleoskus",
        "nõuded/arvutioskus",
        "nõuded/number",
    }


def test_seed_diff_unrelated_field_shown_whole():
    d = diff_texts(V95, SEED2)
    exp = next(c for c in d.changes if c.path == "nõuded/töökogemus")
    assert exp.words == [("replace", flow(exp.old), flow(exp.new))]


# --- words ----------------------------------------------------------------------------------------


def test_word_diff_keeps_punctuation_and_estonian_words():
    w = word_diff("Tere, kallis maailm! See on õige.", "Tere kallis ilus maailm. See oli õige.")
    assert "".join(x[1] for x in w) == "Tere, kallis maailm! See on õige."
    assert "".join(x[2] for x in w) == "Tere kallis ilus maailm. See oli õige."
    changes = [x for x in w if x[0] != "equal"]
    assert ("delete", ",", "") in changes and ("insert", "", "ilus") in changes
    assert ("replace", "on", "oli") in changes and ("replace", "!", ".") in changes


def test_word_diff_unrelated_is_whole():
    assert word_diff("Kõrgharidus", "Vähemalt kaheaastane töökogemus") == [
        ("replace", "Kõrgharidus", "Vähemalt kaheaastane töökogemus")
    ]


words = st.lists(
    st.sampled_from(
        [
            "ja",
            "on",
            "töö",
            "õigus",
            "ülesanne",
            ",",
            ".",
            "(B2)",
            "3.5",
            "kõrg-",
            "haridus",
            "–",
            "„tsitaat“",
        ]
    ),
    min_size=0,
    max_size=25,
)


@settings(max_examples=150, deadline=None)
@given(words, words, st.lists(st.sampled_from([" ", "\n", "  "]), min_size=30, max_size=30))
def test_word_diff_sides_concatenate_to_the_texts(a, b, seps):
    ta = "".join(w + seps[k % len(seps)] for k, w in enumerate(a)).strip()
    tb = "".join(w + seps[(k + 3) % len(seps)] for k, w in enumerate(b)).strip()
    w = word_diff(ta, tb)
    assert "".join(x[1] for x in w) == flow(ta)
    assert "".join(x[2] for x in w) == flow(tb)
    for op, old, new in w:
        assert op in ("equal", "insert", "delete", "replace")
        if op == "equal":
            assert old.strip() == new.strip()
        elif op == "insert":
            assert not old and new
        elif op == "delete":
            assert old and not new
        else:
            assert old and new


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(0, 6), max_size=12), st.lists(st.integers(0, 6), max_size=12))
def test_align_pairs_each_item_once_in_new_order(a, b):
    old = [f"tekst number {x} ja veel sõnu" for x in a]
    new = [f"tekst number {x} ja veel sõnu" for x in b]
    out = align(old, new)
    assert [j for _, j, _ in out if j is not None] == list(range(len(new)))
    assert sorted(i for i, _, _ in out if i is not None) == list(range(len(old)))
    # equal texts are never reported as removed and added
    removed = {old[i] for i, j, _ in out if j is None}
    added = {new[j] for i, j, _ in out if i is None}
    assert not removed & added


# --- fallbacks and edges -------------------------------------------------------------------------


def test_unparseable_side_falls_back_to_a_line_diff():
    broken = V12.replace("3. ülesanded: Teenistuskohustused", "3. ülesandeD Teenistus")
    broken = broken.replace("  3.1. Kriisi", "   3.1. Kriisi")
    d = diff_texts(V95, broken, "a.aj", "b.aj")
    assert not d.structural and d.errors and d.errors[0].startswith("b.aj:")
    assert {c.what for c in d.changes} == {"line"}
    assert {c.weight for c in d.changes} == {"substantive"}  # unknown: look at it
    assert "line" in d.summary_line()
    with pytest.raises(AjSyntaxError):
        diff_texts(V95, broken, fallback=False)


def test_diff_lines_directly():
    d = diff_lines("a\nb\nc\n", "a\nB\nc\nd\n")
    assert [(c.kind, c.path) for c in d.changes] == [
        ("removed", "rida/2"),
        ("added", "rida/2"),
        ("added", "rida/4"),
    ]


def test_empty_side_is_an_empty_description():
    d = diff_texts("", V95)
    assert {c.kind for c in d.changes} == {"added"}
    assert {c.what for c in d.changes} == {"section"}
    assert diff_texts(V95, V95).identical


def test_outline_flows_text_one_node_per_line():
    lines = outline(loads(V95))
    assert (
        "  3.2. Võrgustikuliikmete toetamine, juhendamine pädevusvaldkonnaga seotud "
        "küsimustes ja koostöö kriisijuhtumi ohvrite abistamisel hilisemas faasis." in lines
    )
    assert "    - Aruanded on kontrollitud ja õiged." in lines


def test_diff_module_imports_no_git_rich_or_textual():
    code = (
        "import sys, ajtui.ops.diff, ajtui.store.versions; "
        "bad = [m for m in ('git', 'rich', 'textual') if m in sys.modules]; "
        "print(','.join(bad))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == ""


def test_aligner_and_word_spans_know_nothing_of_descriptions():
    """ajtui.ops.align and ajtui.ops.words are generic: they import no part of the format."""
    code = (
        "import sys, ajtui.ops.align, ajtui.ops.words; "
        "print(','.join(m for m in sys.modules if m.startswith('ajtui.format')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == ""


def test_align_generic_sequences():
    """The aligner on plain texts: equal ones anchor, a reworded one pairs, a moved one is
    marked, what is new or gone stands alone."""
    old = ["alpha beta gamma", "one two three four", "moved item here", "gone for good"]
    new = ["moved item here", "alpha beta gamma", "one two three five", "brand new"]
    out = align(old, new)
    assert (0, 1, False) in out and (1, 2, False) in out
    assert (2, 0, True) in out
    assert (3, None, False) in out and (None, 3, False) in out


def test_hand_made_descriptions_seed_000_against_002():
    """The same on the repository's own descriptions/ (seed 000 and seed 002)."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "descriptions"
    old = (root / "koordinaator-psuhhosotsiaalse-kriisiabi-koordinaator.aj").read_text(
        encoding="utf-8"
    )
    new = (root / "koordinaator-klat.aj").read_text(encoding="utf-8")
    d = diff_texts(old, new)
    assert d.structural
    assert not [c for c in d.changes if c.path.startswith("nõuded/kompetentsid")]
    extra = [c for c in d.changes if c.path.startswith("nõuded/lisakompetentsid")]
    assert len(extra) == 5
    assert all({w[0] for w in c.words} == {"equal", "delete"} for c in extra)
    assert [w[1] for c in extra for w in c.words if w[0] == "delete"][1] == (
        "On tähelepanelik teiste vajaduste, murede ja tunnete suhtes, tajub ja mõistab neid."
    )
