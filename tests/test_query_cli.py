"""`aj query` as a user runs it: table, JSON, CSV, file names; exit 0/1/2; bad files."""

import csv
import io
import json
import shutil

from ajtui.cli import main

from tests.helpers import ROOT, run_aj

DESC = str(ROOT / "descriptions")


def aj(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_table_names_files_paths_and_values(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "160")
    code, out, err = aj(capsys, "query", 'vahetu juht = "Tiimijuht"', DESC)
    assert code == 0 and err == ""
    assert "koordinaator-klat.aj" in out and "teenuse-juht-tttvt.aj" in out
    assert "üldosa.vahetu juht" in out and "Tiimijuht" in out
    assert "hingehoiu" not in out


def test_json_output(capsys):
    code, out, _ = aj(capsys, "query", "keeleoskus.vene >= B2", DESC, "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert [d["file"].rsplit("/", 1)[1] for d in data] == [
        "koordinaator-psuhhosotsiaalse-kriisiabi-koordinaator.aj",
        "noustaja-kriisitoe-talitus.aj",
    ]
    assert data[1]["matches"] == [
        {
            "path": "nõuded.keeleoskus.vene",
            "line": 158,
            "value": "B2",
            "wording": "Vene ja inglise keele oskus tasemel B2.",
        }
    ]


def test_csv_output(capsys):
    code, out, _ = aj(capsys, "query", 'ülesanded ~ "supervisioon"', DESC, "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0 and rows[0] == ["file", "path", "line", "value"]
    assert [r[1] for r in rows[1:]] == [
        "ülesanded[3.8].tekst",
        "ülesanded[3.8].tulemused[1]",
        "ülesanded[3.4].tulemused[1]",
        "ülesanded[2.8].tulemused[1]",
    ]
    # values are whole, line breaks flowed
    assert all("\n" not in r[3] for r in rows)


def test_files_only(capsys):
    code, out, _ = aj(capsys, "query", "-l", "not keeleoskus.vene", DESC)
    assert code == 0
    assert [x.rsplit("/", 1)[1] for x in out.split()] == [
        "hingehoiu-noustaja-kaugnoustamistiim.aj",
        "koordinaator-klat.aj",
        "teenuse-juht-tttvt.aj",
    ]


def test_nothing_matched_exits_1_and_typos_get_a_note(capsys):
    code, out, err = aj(capsys, "query", 'vahetu juh = "Tiimijuht"', DESC)
    assert code == 1 and out == ""
    assert "note: 'vahetu juh' named nothing in any file (did you mean 'vahetu juht'?)" in err


def test_bad_expression_exits_2_with_the_column(capsys):
    code, out, err = aj(capsys, "query", "keeleoskus.vene >= suur", DESC)
    assert code == 2 and out == ""
    assert "column 20:" in err and err.splitlines()[-1].strip() == "^"


def test_a_file_that_does_not_parse_is_reported_and_the_others_go_on(tmp_path, capsys):
    shutil.copy(ROOT / "descriptions" / "koordinaator-klat.aj", tmp_path / "a.aj")
    (tmp_path / "b.aj").write_text("üldosa\n  ametinimetus X\n", encoding="utf-8")
    code, out, err = aj(capsys, "query", 'vahetu juht = "Tiimijuht"', str(tmp_path), "-l")
    assert code == 2
    assert out.strip().endswith("a.aj")
    (line,) = err.strip().splitlines()
    assert line.startswith(str(tmp_path / "b.aj") + ":2:") and "error" in line


def test_file_text_is_data_not_markup(tmp_path, capsys):
    (tmp_path / "x.aj").write_text(
        "üldosa\n  ametinimetus: [bold]X[/bold] \x1b[31m\n", encoding="utf-8"
    )
    code, out, _ = aj(capsys, "query", "ametinimetus ~ bold", str(tmp_path))
    assert code == 0 and "[bold]X[/bold]" in out and "\\x1b[31m" in out and "\x1b" not in out


def test_real_command(tmp_path):
    r = run_aj("query", "keeleoskus.vene >= B2", DESC, "--format", "csv")
    assert r.returncode == 0 and r.stdout.count("nõuded.keeleoskus.vene") == 2
    r = run_aj("query", "keeleoskus.vene > C2", DESC)
    assert r.returncode == 1 and r.stdout == ""
