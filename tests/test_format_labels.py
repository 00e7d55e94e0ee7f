"""The format keeps the document's wording: its own field labels (`key "Label": value`),
a general part written as prose (`> ` statements stating `{key: value}`), the approving
directive and register metadata as sections, and dates as the documents write them."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest

from ajtui.base.dates import date_parts, parse_date
from ajtui.format import model as m
from ajtui.format import parser, validate, writer
from ajtui.ops import diff as diffmod
from ajtui.ops import export, paths

from tests.helpers import run_aj

LABELS = """\
üldosa
  ametinimetus "Teenistuskoht": Nõunik
  vahetu juht "Kellele allub": Osakonna juhataja
  asendaja "Ametnikku asendab": Peaspetsialist
  asendab "Teenistuja asendab": Peaspetsialisti
  Ametisse nimetab: peadirektor

nõuded
  töökogemus "Erialane töökogemus": Vähemalt kaks aastat
"""

PROSE = """\
1. üldosa: Üldsätted
  > 1.1. Teenistuskoha nimetus on {ametinimetus: nõunik}.
  > 1.2. Teenistuskoht asub {struktuuriüksus: Sotsiaalkindlustusameti ohvriabi
    osakonna kriisitoe talituses}.
  > 1.3. Teenistuja allub vahetult {vahetu juht: osakonna juhatajale} (edaspidi juhataja).
  > 1.4. Teenistuskohal on ametnik.
  > {asendab: Nõunikku} asendab vajadusel ka juhataja määratud isik.
  Ametisse nimetab: peadirektor
"""

FRONT = """\
register: Dokumendiregister
  dokumendiregister: Sotsiaalkindlustusamet
  viit: 1
  registreeritud: 07.01.2026
  juurdepääsupiirang: Avalik
  Sünkroonitud: 27.01.2026

käskkiri: KÄSKKIRI
  kuupäev: 07.01.2026
  number: 1
  pealkiri: Ametijuhendite kinnitamine
  > Avaliku teenistuse seaduse § 52 lõigete 1 ja 2 alusel
  > 1. Kinnitan ohvriabi osakonna kriisitoe talituse ametijuhendid vastavalt lisadele 1-11
    järgmiselt:
  allkirjastaja: (allkirjastatud digitaalselt)
    Maret Maripuu
    peadirektor

ametijuhend
  kinnitatud: käskkirjaga
  kinnitaja: Sotsiaalkindlustusameti peadirektori
  number: 1
  kuupäev: 16. septembri 2025
  lisa: 1
"""


# --- the text reads back byte for byte, both parsers agree ------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        LABELS,
        PROSE,
        FRONT,
        FRONT + "\n" + PROSE + "\n" + LABELS,
        "nõuded\n  > Nõutav on {haridus: kõrgharidus}.\n",
        "allkirjad\n  > Olen juhendiga tutvunud\n  töötaja: Mari\n",
        "üldosa\n  >\n  > {ametinimetus:}\n",
    ],
    ids=["labels", "prose", "front", "all", "requirements", "signatures", "empty"],
)
def test_canonical_text_reads_back_byte_for_byte(text):
    doc = parser.loads(text)
    assert writer.dumps(doc) == text
    # the fast LALR driver builds what Lark's own parse builds
    assert parser.parse(text, driver="fast") == parser.parse(text, driver="lark") == doc.sections


def test_a_label_is_kept_and_the_keyword_is_the_key():
    doc = parser.loads(LABELS)
    g = doc.general
    assert (g.title, g.manager, g.substitute, g.substitutes_for) == (
        "Nõunik",
        "Osakonna juhataja",
        "Peaspetsialist",
        "Peaspetsialisti",
    )
    labels = {f.key: f.label for f in doc.section("üldosa").fields}
    assert labels == {
        "ametinimetus": "Teenistuskoht",
        "vahetu juht": "Kellele allub",
        "asendaja": "Ametnikku asendab",
        "asendab": "Teenistuja asendab",
        "Ametisse nimetab": "",
    }
    assert doc.requirements.experience == "Vähemalt kaks aastat"
    assert doc.requirements.entries[0].label == "Erialane töökogemus"


@pytest.mark.parametrize(
    "line,key,label",
    [
        ('kes asendab "Asendaja (d)": X', "asendaja", "Asendaja (d)"),  # a spelling, canonical
        ('ASENDAB "Keda asendab": X', "asendab", "Keda asendab"),
        ('vahetu juht  "Kellele allub": X', "vahetu juht", "Kellele allub"),
        ('Teenistuja "tüüp" allub: X', 'Teenistuja "tüüp" allub', ""),  # a quote inside the key
        ('"Kellele allub": X', '"Kellele allub"', ""),  # no keyword before it
        ('a "b" "c": X', 'a "b" "c"', ""),  # two quoted parts
        ('Allub"x": X', 'Allub"x"', ""),  # no space before it
        ('Allub "": X', "Allub", ""),  # an empty label
    ],
)
def test_what_is_a_label_and_what_is_not(line, key, label):
    doc = parser.loads("üldosa\n  " + line + "\n")
    f = doc.section("üldosa").fields[0]
    assert (f.key, f.label, f.value) == (key, label, "X")
    assert parser.loads(writer.dumps(doc)) == doc


@pytest.mark.parametrize(
    "bad", ['Kellele "allub', "Kellele: allub", "Kellele\nallub", " Kellele allub"]
)
def test_a_label_the_syntax_cannot_hold_is_refused(bad):
    doc = m.Document([m.FieldSection("üldosa", fields=[m.Field("vahetu juht", "X", label=bad)])])
    with pytest.raises(writer.UnwritableText):
        writer.dumps(doc)


def test_a_key_that_would_read_back_as_a_label_is_refused():
    doc = m.Document([m.FieldSection("üldosa", fields=[m.Field('vahetu juht "X"', "Y")])])
    with pytest.raises(writer.UnwritableText):
        writer.dumps(doc)


# --- prose general part ---------------------------------------------------------------------


def test_prose_general_part_yields_the_general_fields():
    doc = parser.loads(PROSE)
    g = doc.general
    assert g.title == "nõunik"
    assert g.unit == "Sotsiaalkindlustusameti ohvriabi\nosakonna kriisitoe talituses"
    assert g.manager == "osakonna juhatajale"
    assert g.substitutes_for == "Nõunikku"
    fields = doc.section("üldosa").fields
    assert [f.sentence for f in fields[:5]] == [
        "1.1. Teenistuskoha nimetus on nõunik.",
        "1.2. Teenistuskoht asub Sotsiaalkindlustusameti ohvriabi\nosakonna kriisitoe talituses.",
        "1.3. Teenistuja allub vahetult osakonna juhatajale (edaspidi juhataja).",
        "1.4. Teenistuskohal on ametnik.",
        "Nõunikku asendab vajadusel ka juhataja määratud isik.",
    ]
    assert (fields[3].key, fields[3].value) == ("", "1.4. Teenistuskohal on ametnik.")
    assert validate.validate(doc) and not [
        d for d in validate.validate(doc) if d.code in ("AJ111", "AJ141", "AJ143")
    ]


def test_editing_a_stated_field_keeps_the_sentence_around_it():
    doc = parser.loads(PROSE)
    doc.general.title = "vanemnõunik"
    text = writer.dumps(doc)
    assert "  > 1.1. Teenistuskoha nimetus on {ametinimetus: vanemnõunik}.\n" in text
    assert parser.loads(text).general.title == "vanemnõunik"


@pytest.mark.parametrize(
    "text,key,value,before,after",
    [
        ("Nimetus on {kes asendab: X}.", "asendaja", "X", "Nimetus on ", "."),
        ("{ ametinimetus :  nõunik }", "ametinimetus", "nõunik", "", ""),
        ("a {b} {c: d} {e: f}", "c", "d", "a {b} ", " {e: f}"),  # the first marker only
        ("sulud {: x} jäävad", "", "sulud {: x} jäävad", "", ""),  # no key: text
        ("Allub: {vahetu juht: juhile}", "vahetu juht", "juhile", "Allub: ", ""),
    ],
)
def test_the_first_key_value_in_braces_is_the_stated_field(text, key, value, before, after):
    f = parser.loads(f"üldosa\n  > {text}\n").section("üldosa").fields[0]
    assert (f.key, f.value, f.before, f.after, f.in_prose) == (key, value, before, after, True)


@pytest.mark.parametrize(
    "field",
    [
        m.Field("ametinimetus", "x", in_prose=True, before="a {b: c} "),  # would read as {b: c}
        m.Field("ametinimetus", "x}", in_prose=True),
        m.Field("ametinimetus", " x", in_prose=True),
        m.Field("", "x", in_prose=True, before="a "),
        m.Field("", "{b: c}", in_prose=True),
        m.Field("ametinimetus", "x", in_prose=True, label="L"),
    ],
)
def test_a_statement_that_would_not_read_back_is_refused(field):
    doc = m.Document([m.FieldSection("üldosa", fields=[field])])
    with pytest.raises(writer.UnwritableText):
        writer.dumps(doc)


def test_a_forgotten_colon_is_still_an_error_not_prose():
    with pytest.raises(parser.AjSyntaxError) as e:
        parser.loads("üldosa\n  vahetu juht Piirkonna juht\n")
    assert "expected ':'" in e.value.message


def test_query_finds_fields_stated_in_prose_and_words_around_them(tmp_path):
    doc = parser.loads(PROSE)
    assert [t.value for t in paths.select(doc, "üldosa.ametinimetus")] == ["nõunik"]
    assert [t.value for t in paths.select(doc, 'üldosa."vahetu juht"')] == ["osakonna juhatajale"]
    path = tmp_path / "a.aj"
    path.write_text(PROSE, encoding="utf-8")
    out = run_aj("query", "üldosa.ametinimetus", str(path), "--format", "json")
    assert out.returncode == 0, out.stderr
    assert "nõunik" in out.stdout


def test_bulk_replace_reaches_the_words_of_a_statement():
    from ajtui.ops import edit

    doc = parser.loads(PROSE)
    assert edit.replace_text(doc, "Teenistuskohal", "Ametikohal") == 1
    assert edit.replace_text(doc, "kriisitoe talituses", "kriisiabi talituses") == 1
    text = writer.dumps(doc)
    assert "> 1.4. Ametikohal on ametnik." in text
    assert "osakonna kriisiabi talituses}." in text


def test_the_diff_shows_a_changed_word_around_a_stated_field_and_a_changed_label():
    old = parser.loads(PROSE + "\n" + LABELS.replace("üldosa", "osa: X", 1).split("\n\n")[1])
    new_text = (
        writer.dumps(old)
        .replace("ametnik.", "töötaja.")
        .replace('"Erialane töökogemus"', '"Töökogemus erialal"')
    )
    d = diffmod.diff_documents(old, parser.loads(new_text))
    changed = {c.path for c in d.changes}
    assert any(p.startswith("üldosa") for p in changed), changed
    assert any("töökogemus" in p for p in changed), changed


# --- aj show and the exports print the document's wording -------------------------------------


def _show(tmp_path, text):
    path = tmp_path / "a.aj"
    path.write_text(text, encoding="utf-8")
    out = run_aj("show", str(path))
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_show_prints_the_documents_labels_not_the_keywords(tmp_path):
    out = _show(tmp_path, LABELS)
    for label in (
        "Teenistuskoht",
        "Kellele allub",
        "Ametnikku asendab",
        "Teenistuja asendab",
        "Erialane töökogemus",
    ):
        assert label in out
    for keyword in ("Ametinimetus", "Vahetu juht", "Kes asendab", "Keda asendab"):
        assert keyword not in out


def test_show_prints_prose_general_part_words_in_order(tmp_path):
    out = " ".join(_show(tmp_path, PROSE).split())
    expected = (
        "1.1. Teenistuskoha nimetus on nõunik. 1.2. Teenistuskoht asub "
        "Sotsiaalkindlustusameti ohvriabi osakonna kriisitoe talituses. 1.3. Teenistuja "
        "allub vahetult osakonna juhatajale (edaspidi juhataja). 1.4. Teenistuskohal on "
        "ametnik. Nõunikku asendab vajadusel ka juhataja määratud isik."
    )
    assert expected in out
    assert "{" not in out and "ametinimetus" not in out


def test_show_prints_the_directive_and_register_in_order_unnumbered(tmp_path):
    out = _show(tmp_path, FRONT + "\nüldosa\n  ametinimetus: Nõunik\n")
    order = [
        "DOKUMENDIREGISTER",
        "Viit",
        "Sünkroonitud",
        "KÄSKKIRI",
        "Ametijuhendite kinnitamine",
        "§ 52 lõigete 1 ja 2 alusel",
        "1. Kinnitan",
        "Maret Maripuu",
        "KINNITATUD",
        "AMETIJUHEND",
        "1. ÜLDOSA",
        "Nõunik",
    ]
    at = [out.find(x) for x in order]
    assert -1 not in at and at == sorted(at), dict(zip(order, at))
    assert "1. DOKUMENDIREGISTER" not in out and "2. KÄSKKIRI" not in out


def test_markdown_and_html_print_labels_and_statements():
    doc = parser.loads(FRONT + "\n" + PROSE + "\n" + LABELS)
    md = export.to_markdown(doc)
    html = export.to_html(doc)
    for out in (md, html):
        assert "Kellele allub" in out and "Erialane töökogemus" in out
        assert "Teenistuskoha nimetus on nõunik." in out
        assert "Ametijuhendite kinnitamine" in out and "07.01.2026" in out.replace("\\", "")
        assert "{" not in out.split("<body>")[-1]
    assert "<dt>Kellele allub</dt>" in html and "<p>1.4. Teenistuskohal on ametnik.</p>" in html


def test_json_export_keeps_labels_and_prose_and_reads_back():
    doc = parser.loads(FRONT + "\n" + PROSE + "\n" + LABELS)
    data = export.to_json(doc)
    jsonschema.Draft202012Validator(export.schema()).validate(data)
    general = [s for s in data["sections"] if s["kind"] == "üldosa"][0]["fields"]
    assert general[0] == {
        "key": "ametinimetus",
        "value": "nõunik",
        "prose": {"before": "1.1. Teenistuskoha nimetus on ", "after": "."},
    }
    assert general[3] == {
        "key": "",
        "value": "1.4. Teenistuskohal on ametnik.",
        "prose": {"before": "", "after": ""},
    }
    labelled = [s for s in data["sections"] if s["kind"] == "üldosa"][1]["fields"]
    assert labelled[1] == {
        "key": "vahetu juht",
        "value": "Osakonna juhataja",
        "label": "Kellele allub",
    }
    assert export.from_json(json.loads(json.dumps(data))) == doc


@pytest.mark.parametrize(
    "bad,where",
    [
        ({"key": "", "value": "x"}, "key"),
        ({"key": "a", "value": "x", "prose": {"before": ""}}, "prose"),
        ({"key": "a", "value": "x", "label": 3}, "label"),
    ],
)
def test_json_with_a_wrong_label_or_prose_is_refused_with_its_place(bad, where):
    data = {"sections": [{"kind": "üldosa", "fields": [bad]}]}
    with pytest.raises(export.JsonFormatError) as e:
        export.from_json(data)
    assert f"sections[0].fields[0].{where}" in str(e.value) or "fields[0]" in str(e.value)


# --- dates ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,parts,date",
    [
        ("11.06.2023", (2023, 6, 11), dt.date(2023, 6, 11)),
        ("1.6.2023", (2023, 6, 1), dt.date(2023, 6, 1)),
        ("02.01. 2002. a.", (2002, 1, 2), dt.date(2002, 1, 2)),
        ("16. septembri 2025", (2025, 9, 16), dt.date(2025, 9, 16)),
        ("2. oktoobril 2023", (2023, 10, 2), dt.date(2023, 10, 2)),
        ("16. september 2025", (2025, 9, 16), dt.date(2025, 9, 16)),
        ("1. märtsil 2024. a", (2024, 3, 1), dt.date(2024, 3, 1)),
        ("5. MAIL 2024", (2024, 5, 5), dt.date(2024, 5, 5)),
        ("5. marts 2024", (2024, 3, 5), dt.date(2024, 3, 5)),
        ("septembri 2025", (2025, 9, None), None),
        ("märtsis 2024", (2024, 3, None), None),
        ("31. veebruari 2024", (2024, 2, 31), None),
        ("31.02.2024", (2024, 2, 31), None),
    ],
)
def test_dates_as_the_documents_write_them(text, parts, date):
    assert date_parts(text) == parts
    assert parse_date(text) == date
    appr = m.Approval(kind="käskkirjaga", number="1", date=text)
    assert appr.date == date and appr.date_text == text


def _codes(text):
    return [
        (d.code, d.message)
        for d in validate.validate(parser.loads(text))
        if d.code in ("AJ131", "AJ134", "AJ135")
    ]


@pytest.mark.parametrize(
    "value",
    [
        "Sotsiaalkindlustusameti peadirektori",
        "2023",
        "16. septembri",
        "16 septembri 2025",
        "16. septembrikuu 2025",
        "16. foo 2025",
        "11-06-2023",
        "11.06.23",
        "täna",
    ],
)
def test_a_kuupaev_that_is_not_a_date_is_an_error_with_the_forms_in_the_hint(value):
    doc = parser.loads(f"ametijuhend\n  kuupäev: {value}\n")
    found = [d for d in validate.validate(doc) if d.code == "AJ131"]
    assert len(found) == 1 and found[0].is_error and found[0].line == 2
    assert "not a date" in found[0].message
    assert "dd.mm.yyyy" in found[0].hint and "16. septembri 2025" in found[0].hint


@pytest.mark.parametrize("section,key", [("käskkiri", "kuupäev"), ("register", "registreeritud")])
def test_other_date_fields_are_checked_too(section, key):
    assert _codes(f"{section}\n  {key}: eile\n")[0][0] == "AJ131"
    assert _codes(f"{section}\n  {key}: 2. oktoobril 2023\n") == []


@pytest.mark.parametrize("value", ["31.02.2024", "31. veebruari 2024", "0. mai 2024"])
def test_an_impossible_date_is_an_error(value):
    assert _codes(f"ametijuhend\n  kuupäev: {value}\n") == [("AJ131", f"impossible date '{value}'")]


@pytest.mark.parametrize("value", ["veebruari 2025", "märtsis 2024", "oktoobril 2023. a"])
def test_a_month_without_a_day_is_a_warning(value):
    found = [
        d
        for d in validate.validate(parser.loads(f"ametijuhend\n  kuupäev: {value}\n"))
        if d.code in ("AJ131", "AJ135")
    ]
    assert [(d.code, d.severity) for d in found] == [("AJ135", "warning")]


@pytest.mark.parametrize("value", ["11.06.2023", "16. septembri 2025", "2. oktoobril 2023"])
def test_a_date_in_a_known_form_passes(value, tmp_path):
    path = tmp_path / "a.aj"
    path.write_text(
        f"ametijuhend\n  kuupäev: {value}\n\nüldosa\n  ametinimetus: X\n", encoding="utf-8"
    )
    out = run_aj("check", str(path))
    said = out.stdout + out.stderr
    assert "AJ131" not in said and "AJ135" not in said and "1 valid" in said
    assert out.returncode == 0, said


def test_check_reports_aj131_on_the_command_line(tmp_path):
    path = tmp_path / "a.aj"
    path.write_text(
        "ametijuhend\n  kuupäev: Sotsiaalkindlustusameti\n\nüldosa\n  ametinimetus: X\n",
        encoding="utf-8",
    )
    out = run_aj("check", str(path))
    assert out.returncode != 0
    said = out.stdout + out.stderr
    assert "AJ131" in said and "16. septembri 2025" in said


# --- edits through the API touch only the edited line -------------------------------------------

ODD_PROSE = """\
# yldosa
uldosa:   Üldsätted
  >   1.1. Teenistuskoha nimetus on {ametinimetus:   nõunik}.
  vahetu juht  "Kellele allub":  Osakonna juhataja
  > 1.4. Teenistuskohal
      on ametnik.
"""


@pytest.mark.parametrize(
    "change,line,want",
    [
        (
            lambda d: setattr(d.general, "manager", "Juhataja"),
            4,
            '  vahetu juht  "Kellele allub":  Juhataja',
        ),
        (
            lambda d: setattr(d.general, "title", "vanemnõunik"),
            3,
            "  > 1.1. Teenistuskoha nimetus on {ametinimetus: vanemnõunik}.",
        ),
        (
            lambda d: setattr(d.section("üldosa").fields[1], "label", "Allub"),
            4,
            '  vahetu juht "Allub": Osakonna juhataja',
        ),
        (
            lambda d: setattr(d.section("üldosa").fields[1], "label", ""),
            4,
            "  vahetu juht: Osakonna juhataja",
        ),
        (
            lambda d: setattr(
                d.section("üldosa").fields[2], "value", "1.4. Ametikohal\non ametnik."
            ),
            5,
            "  > 1.4. Ametikohal",
        ),
    ],
)
def test_an_edit_rewrites_only_its_own_line(change, line, want):
    from ajtui.ops.edit import Editor

    ed = Editor(ODD_PROSE)
    change(ed.doc)
    new = ed.text()
    assert parser.loads(new) == ed.doc
    old_lines, new_lines = ODD_PROSE.split("\n"), new.split("\n")
    assert new_lines[line - 1] == want
    assert [x for i, x in enumerate(new_lines) if i != line - 1] == [
        x for i, x in enumerate(old_lines) if i != line - 1
    ]


UNNUMBERED = """\
{front}ametijuhend
  asutus: X

üldosa
  ametinimetus: X

eesmärk
  E.

ülesanded
  {number}.1. T
    - R
"""


@pytest.mark.parametrize(
    "front", ["", "käskkiri\n  number: 1\n\n", "register\n  viit: 1\n\nkäskkiri\n  number: 1\n\n"]
)
def test_unnumbered_sections_are_counted_as_the_paper_counts_them(front, tmp_path):
    # the header and the front matter are not sections of the description: duties of its
    # third section are 3.x in `aj show`, in `aj check` and for `aj renumber`
    from ajtui.ops.edit import renumber

    doc = parser.loads(UNNUMBERED.format(front=front, number=3))
    assert not [d for d in validate.validate(doc) if d.code == "AJ103"]
    assert "3. TEENISTUSÜLESANDED" in _show(tmp_path, UNNUMBERED.format(front=front, number=3))
    wrong = parser.loads(UNNUMBERED.format(front=front, number=4))
    assert [d.code for d in validate.validate(wrong) if d.code == "AJ103"] == ["AJ103"]
    assert renumber(wrong) == [("4.1.", "3.1.")]


def test_the_editor_highlights_a_statement_and_the_key_it_states():
    from ajtui.tui.widgets.aj_text_area import scan

    spans = scan(
        [
            "käskkiri: KÄSKKIRI",
            "  > 1.1. Nimetus on {ametinimetus: x}.",
            "  > {kes asendab:}",
            '  vahetu juht "Kellele allub": X',
        ]
    )
    assert (0, 8, "aj.keyword") in spans[0]
    assert spans[1] == [(2, 3, "aj.marker"), (21, 33, "aj.key")]
    assert spans[2] == [(2, 3, "aj.marker"), (5, 16, "aj.key")]
    assert (2, 29, "aj.key") in spans[3]


def test_the_calendar_check_is_datetimes():
    # dates.exists answers as datetime.date does, without importing datetime (aj check)
    import datetime

    from ajtui.base.dates import exists

    years = [*range(0, 30), *range(1895, 2105), 2400, 9999, 10000]
    for y in years:
        for mo in range(0, 14):
            for d in range(0, 33):
                try:
                    datetime.date(y, mo, d)
                    real = True
                except ValueError:
                    real = False
                assert exists(y, mo, d) is real, (y, mo, d)
