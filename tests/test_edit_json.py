"""`aj export` / `aj import-json`: the JSON round trip loses nothing (comments included), the
exports validate against the schema in the repository; Markdown and HTML show text as data."""

import json

import jsonschema
import pytest

import ajtui
from ajtui.cli import main
from ajtui.format import model as m
from ajtui.ops.export import (
    JsonFormatError,
    from_json,
    loads_json,
    schema,
    to_html,
    to_json,
    to_markdown,
)

from tests.helpers import FIXTURES, ROOT, run_aj

DESCRIPTIONS = sorted((ROOT / "descriptions").glob("*.aj"))
CANONICAL = DESCRIPTIONS + [FIXTURES / "valid" / "sample.aj", FIXTURES / "valid" / "wording.aj"]
VALIDATOR = jsonschema.Draft202012Validator(schema())


def aj(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_schema_is_a_valid_schema_and_ships_in_the_package():
    jsonschema.Draft202012Validator.check_schema(schema())
    assert (ROOT / "ajtui" / "schema" / "aj.schema.json").is_file()


@pytest.mark.parametrize("path", CANONICAL, ids=lambda p: p.name)
def test_round_trip_byte_for_byte(path, capsys, tmp_path):
    text = path.read_text(encoding="utf-8")
    code, out, err = aj(capsys, "export", str(path), "--to", "json")
    assert code == 0 and err == ""  # canonical: no note
    data = json.loads(out)
    VALIDATOR.validate(data)
    (tmp_path / "x.json").write_text(out, encoding="utf-8")
    code, back, err = aj(capsys, "import-json", str(tmp_path / "x.json"))
    assert code == 0 and err == ""
    assert back.encode() == path.read_bytes()
    assert from_json(data) == ajtui.loads(text)


def test_comments_are_in_the_json():
    data = to_json(ajtui.load(FIXTURES / "valid" / "sample.aj"))
    assert data["sections"][0]["comments"] == ["# Sample"]
    assert data["sections"][3]["duties"][0]["comments"] == ["# first duty"]
    assert data["trailing_comments"] == ["# end"]


def test_the_shape_for_scripts():
    data = to_json(ajtui.load(FIXTURES / "valid" / "sample.aj"))
    assert data["format"] == "ajtui" and data["version"] == 1
    kinds = [(s["kind"], s["number"]) for s in data["sections"]]
    assert kinds == [
        ("ametijuhend", ""),
        ("üldosa", "1"),
        ("eesmärk", "2"),
        ("ülesanded", "3"),
        ("õigused", "4"),
        ("nõuded", "7"),
        ("allkirjad", ""),
    ]
    duty = data["sections"][3]["duties"][0]
    assert duty["number"] == "3.1." and duty["text"].startswith(
        "Kriisijuhtumijärgne ööpäevaringne\nvalmisolek"
    )
    assert [e["type"] for e in data["sections"][5]["entries"]] == [
        "field",
        "field",
        "competencies",
        "additional",
    ]


def test_non_canonical_input_comes_back_canonical_with_every_word(capsys, tmp_path):
    odd = FIXTURES / "edit" / "odd.aj"
    code, out, err = aj(capsys, "export", str(odd))
    assert code == 0 and "not in canonical form" in err
    VALIDATOR.validate(json.loads(out))
    (tmp_path / "o.json").write_text(out, encoding="utf-8")
    code, back, _ = aj(capsys, "import-json", str(tmp_path / "o.json"))
    assert back == ajtui.dumps(ajtui.load(odd))
    assert ajtui.loads(back) == ajtui.load(odd)


def test_import_from_stdin_and_to_a_file(tmp_path):
    path = DESCRIPTIONS[0]
    exported = run_aj("export", str(path)).stdout
    r = run_aj("import-json", "-", "-o", str(tmp_path / "out.aj"), input=exported)
    assert r.returncode == 0 and r.stdout == ""
    assert (tmp_path / "out.aj").read_bytes() == path.read_bytes()


@pytest.mark.parametrize(
    "text, words",
    [
        ("{", "not JSON"),
        ("[]", "(top): expected an object"),
        ('{"sections": [{"kind": "üldosa"}]}', "sections[0]: missing 'fields'"),
        ('{"sections": [{"kind": "pealkiri", "fields": []}]}', "unknown section keyword"),
        ('{"sections": [{"kind": "uldosa", "fields": []}]}', "write the keyword as 'üldosa'"),
        (
            '{"sections": [{"kind": "üldosa", "fields": [{"key": "a", "value": 1}]}]}',
            "sections[0].fields[0].value: expected a string",
        ),
        (
            '{"sections": [{"kind": "ülesanded", "duties": [{"number": "3.1", "text": "x", '
            '"results": [{"text": "y", "extra": 1}]}]}]}',
            "duties[0].results[0]: unknown key 'extra'",
        ),
        (
            '{"sections": [{"kind": "nõuded", "entries": [{"type": "x"}]}]}',
            "entries[0].type: expected 'field', 'competencies' or 'additional'",
        ),
        ('{"version": 2, "sections": []}', "this ajtui reads version 1"),
    ],
)
def test_bad_json_is_refused_with_the_place(text, words, capsys, tmp_path):
    with pytest.raises(
        JsonFormatError, match=words.replace("[", r"\[").replace("(", r"\(").replace(")", r"\)")
    ):
        loads_json(text)
    (tmp_path / "bad.json").write_text(text, encoding="utf-8")
    code, out, err = aj(capsys, "import-json", str(tmp_path / "bad.json"))
    assert code == 1 and out == "" and len(err.strip().splitlines()) == 1
    assert err.startswith(f"{tmp_path / 'bad.json'}: error:")


def test_json_the_format_cannot_hold_is_refused(capsys, tmp_path):
    data = {
        "sections": [
            {
                "kind": "ülesanded",
                "duties": [{"number": "3.1", "text": "rida\n- tulemus?", "results": []}],
            }
        ]
    }
    (tmp_path / "x.json").write_text(json.dumps(data), encoding="utf-8")
    code, out, err = aj(capsys, "import-json", str(tmp_path / "x.json"))
    assert code == 1 and out == "" and "cannot write as .aj" in err


def test_missing_and_undecodable_input(capsys, tmp_path):
    code, _, err = aj(capsys, "import-json", str(tmp_path / "none.json"))
    assert code == 1 and "no such file" in err
    (tmp_path / "latin.json").write_bytes(b'{"sections": [\xff]}')
    code, _, err = aj(capsys, "import-json", str(tmp_path / "latin.json"))
    assert code == 1 and "not UTF-8" in err


HOSTILE = m.Document(
    [
        m.FieldSection(
            "üldosa", fields=[m.Field("ametinimetus", '<script>alert(1)</script> & "x" [bold]')]
        ),
        m.ProseSection(
            "eesmärk",
            blocks=[
                m.Paragraph("# not a heading *not bold* `code` \x1b[31m"),
                m.Item("- not a nested list | a|b"),
            ],
        ),
        m.DutySection(
            "ülesanded",
            duties=[m.Duty("3.1", "1. not a list\n<b>x</b>", [m.Item("[@click=app.quit]")])],
        ),
    ]
)


def test_html_escapes_everything():
    page = to_html(HOSTILE)
    assert (
        "<script>" not in page
        and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot; [bold]" in page
    )
    assert "\x1b" not in page and "\\x1b[31m" in page
    assert "&lt;b&gt;x&lt;/b&gt;" in page and "[@click=app.quit]" in page
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page


def test_markdown_shows_text_as_written():
    md = to_markdown(HOSTILE)
    assert '\\<script\\>alert(1)\\</script\\> \\& "x" \\[bold\\]' in md
    # the escape character shows as \x1b, its backslash escaped for Markdown
    assert "\n\\# not a heading \\*not bold\\* \\`code\\` \\\\x1b\\[31m" in md
    assert "\n- \\- not a nested list \\| a\\|b" in md
    assert "**3.1** 1. not a list \\<b\\>x\\</b\\>" in md
    assert "\x1b" not in md


@pytest.mark.parametrize("to", ["markdown", "html"])
def test_export_commands(to, capsys):
    code, out, err = aj(capsys, "export", str(DESCRIPTIONS[1]), "--to", to)
    assert code == 0 and err == ""
    assert "Teenistusülesanded" in out and "3.12" in out


def test_export_of_a_bad_file(capsys, tmp_path):
    (tmp_path / "x.aj").write_text("üldosa\n  ametinimetus X\n", encoding="utf-8")
    code, out, err = aj(capsys, "export", str(tmp_path / "x.aj"))
    assert code == 1 and out == "" and err.startswith(f"{tmp_path / 'x.aj'}:")
