"""`aj import` as a user runs it: batches with garbage, exit codes, --force, --report."""

from __future__ import annotations

import zipfile
from pathlib import Path

from tests.helpers import run_aj

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = FIXTURES / "seeds" / "000_565dca937d0d858a.txt"
SEED_STEM = "koordinaator-psuhhosotsiaalse-kriisiabi-koordinaator"
DIRECTIVE = FIXTURES / "extra" / "06_sotsiaalkindlustusamet_ohvriabi-kriisitoe-talitus-kaskkiri.txt"

MULTI = """KÄSKKIRI
07.01.2026 nr 1
Ametijuhendite kinnitamine
1. Kinnitan kriisitoe talituse ametijuhendid vastavalt lisadele 1-2 järgmiselt:
1.1. nõustaja (lisa 1); 1.2. nõustaja (lisa 2).
(allkirjastatud digitaalselt)
Maret Maripuu
peadirektor

KINNITATUD
Sotsiaalkindlustusameti peadirektori
07.01.2026 käskkirjaga nr 1
Lisa {a}
AMETIJUHEND
1. ÜLDOSA
Ametinimetus Nõustaja
2. AMETIKOHA EESMÄRK
Nõustamine.
3. TEENISTUSÜLESANDED
3.1. Nõustamine.
• Klient on nõustatud.
"""


def _garbage(folder: Path) -> list[Path]:
    from tests.helpers.pdf import PdfPage, make_pdf

    scan = folder / "scan.pdf"
    page = PdfPage()
    page.image()
    make_pdf(scan, [page], image=True)
    fake = folder / "archive.docx"
    with zipfile.ZipFile(fake, "w") as z:
        z.writestr("data.csv", "a,b\n1,2\n")
    noise = folder / "noise.txt"
    noise.write_bytes(bytes((i * 37 + 11) % 256 for i in range(4000)))
    empty = folder / "empty.txt"
    empty.write_bytes(b"")
    return [scan, fake, noise, empty]


def test_garbage_in_a_batch_gets_one_line_each_and_the_rest_is_imported(tmp_path):
    bad = _garbage(tmp_path)
    out = tmp_path / "out"
    res = run_aj("import", str(bad[0]), str(SEED), *map(str, bad[1:]), "-o", str(out))
    assert res.returncode == 1
    assert "Traceback" not in res.stderr
    for path in bad:
        lines = [x for x in res.stderr.splitlines() if x.startswith(f"{path}: error: ")]
        assert len(lines) == 1, (path, res.stderr)
    assert f"{tmp_path}/scan.pdf: error: no text in the PDF" in res.stderr
    assert f"{tmp_path}/archive.docx: error: not a Word .docx file" in res.stderr
    assert f"{tmp_path}/noise.txt: error: binary data" in res.stderr
    assert f"{tmp_path}/empty.txt: error: empty file" in res.stderr
    assert (out / f"{SEED_STEM}.aj").exists()
    assert sorted(p.name for p in out.iterdir()) == [f"{SEED_STEM}.aj"]  # no temp files
    summary = res.stderr.strip().splitlines()[-1]
    assert summary.startswith("imported 1 description; ") and "; 4 failed:" in summary
    assert run_aj("check", str(out)).returncode == 0


def test_seeds_are_placed_and_their_guesses_need_a_person(tmp_path):
    """Every word of the seeds is placed, but side-by-side grid values are paired by a
    guess: exit 3 and the files named, never a clean 0."""
    res = run_aj("import", str(FIXTURES / "seeds"), "-o", str(tmp_path))
    assert res.returncode == 3, res.stderr
    names = sorted(p.name for p in tmp_path.glob("*.aj"))
    assert len(names) == 5 and f"{SEED_STEM}.aj" in names
    summary = res.stderr.strip().splitlines()[-1]
    assert summary.startswith(
        "imported 5 descriptions; 5 with decisions to check ('# aj import: kontrolli'): "
    )
    assert res.stdout.count(" <- ") == 5
    check = run_aj("check", str(tmp_path))
    assert check.returncode == 0 and "5 valid, 0 errors" in check.stderr


def test_everything_placed_for_certain_exits_0(tmp_path):
    src = tmp_path / "lisa.txt"
    src.write_text(MULTI.format(a=1), encoding="utf-8")
    res = run_aj("import", str(src), "-o", str(tmp_path / "out"), "--report")
    assert res.returncode == 0, res.stderr
    assert res.stderr.strip().splitlines()[-1] == "imported 1 description"
    assert "(100.0%), 0 unplaced, 0 lost; every decision certain" in res.stdout
    assert "kontrolli" not in (tmp_path / "out" / "noustaja.aj").read_text(encoding="utf-8")


def test_existing_file_is_not_overwritten_without_force(tmp_path):
    target = tmp_path / f"{SEED_STEM}.aj"
    target.write_text("# mine\n", encoding="utf-8")
    res = run_aj("import", str(SEED), "-o", str(tmp_path))
    assert res.returncode == 1
    assert f"{target}: error: exists; use --force to overwrite" in res.stderr
    assert target.read_text(encoding="utf-8") == "# mine\n"
    res = run_aj("import", str(SEED), "-o", str(tmp_path), "--force")
    assert res.returncode == 3, res.stderr
    assert target.read_text(encoding="utf-8").startswith("# KINNITATUD\n")


def test_unplaced_text_is_written_reported_and_exits_3(tmp_path):
    src = tmp_path / "lisa.txt"
    src.write_text(
        MULTI.format(a=2).replace(
            "3.1. Nõustamine.",
            "Üks selgitav lause enne tabelit, mida ei saa paigutada.\n3.1. Nõustamine.",
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    res = run_aj("import", str(src), "-o", str(out), "--report")
    assert res.returncode == 3, res.stderr
    written = out / "noustaja.aj"
    text = written.read_text(encoding="utf-8")
    assert (
        "osa: Paigutamata tekst\n  Üks selgitav lause enne tabelit, mida ei saa paigutada." in text
    )
    assert "# aj import: text the importer could not place" in text
    assert f"; 1 with unplaced text: {written}" in res.stderr
    report = [x for x in res.stdout.splitlines() if x.startswith(f"{src}: ")]
    assert report and "9 unplaced, 0 lost" in report[0] and f"-> {written}" in report[0]
    assert run_aj("check", str(written)).returncode == 0


def test_directive_without_descriptions_is_reported_exit_3(tmp_path):
    res = run_aj("import", str(DIRECTIVE), "-o", str(tmp_path), "--report")
    assert res.returncode == 3
    assert (
        "a directive (käskkiri nr 1, 07.01.2026) approving 11 descriptions as annexes "
        "(lisa 1–11), but none of the descriptions themselves: nothing imported" in res.stderr
    )
    assert "1 source without a description" in res.stderr
    assert "0 placed (0.0%), 160 unplaced, 0 lost" in res.stdout
    assert list(tmp_path.glob("*.aj")) == []


def test_directive_with_annexes_becomes_several_files(tmp_path):
    src = tmp_path / "kaskkiri.txt"
    body = MULTI.format(a=1)
    second = MULTI.format(a=2).split("KINNITATUD", 1)[1]
    src.write_text(body + "\nKINNITATUD" + second, encoding="utf-8")
    res = run_aj("import", str(src), "-o", str(tmp_path / "out"))
    assert res.returncode == 0, res.stderr
    files = sorted(p.name for p in (tmp_path / "out").glob("*.aj"))
    # two annexes with the same title: the second is told apart by its annex number
    assert files == ["noustaja-lisa-2.aj", "noustaja.aj"]
    import ajtui

    first = ajtui.load(tmp_path / "out" / "noustaja.aj")
    other = ajtui.load(tmp_path / "out" / "noustaja-lisa-2.aj")
    assert (first.approval.annex, other.approval.annex) == ("1", "2")
    assert first.approval.number == other.approval.number == "1"
    assert other.section("käskkiri").title == "KÄSKKIRI"


def test_usage_errors_exit_2(tmp_path):
    a_file = tmp_path / "f"
    a_file.write_text("x", encoding="utf-8")
    res = run_aj("import", str(SEED), "-o", str(a_file))
    assert res.returncode == 2 and "not a folder" in res.stderr
    res = run_aj("import", str(tmp_path / "nothing-here"), "-o", str(tmp_path / "o"))
    assert res.returncode == 1 and "no such file" in res.stderr
    empty_dir = tmp_path / "d"
    empty_dir.mkdir()
    res = run_aj("import", str(empty_dir))
    assert res.returncode == 2 and "no sources found" in res.stderr


def test_text_from_a_file_is_data(tmp_path):
    src = tmp_path / "x.txt"
    src.write_text(
        "AMETIJUHEND\n1. ÜLDOSA\nAmetinimetus [bold]Nõustaja[/bold] [@click=app.quit]\n"
        "2. AMETIKOHA EESMÄRK\nNõustamine \x1b[31m punane.\n",
        encoding="utf-8",
    )
    res = run_aj("import", str(src), "-o", str(tmp_path), "--report")
    assert res.returncode == 0, res.stderr
    written = next(tmp_path.glob("*.aj"))
    text = written.read_text(encoding="utf-8")
    assert "ametinimetus: [bold]Nõustaja[/bold] [@click=app.quit]" in text
    assert "\x1b" not in text  # a control character is not text
    assert "\x1b" not in res.stdout + res.stderr


def test_bad_text_is_refused_with_one_line_and_nothing_written(tmp_path):
    latin = tmp_path / "latin.txt"
    latin.write_bytes("AMETIJUHEND\n1. ÜLDOSA\nAmetinimetus Nõunik\n".encode("cp1257"))
    big = tmp_path / "big.txt"
    line = "3.1. Nõustab kliente ja koostab vastused pöördumistele õigel ajal.\n"
    from ajtui.base.reading import MAX_FILE_BYTES

    big.write_text(MULTI.format(a=1) + line * (MAX_FILE_BYTES // len(line) + 10), encoding="utf-8")
    out = tmp_path / "out"
    res = run_aj("import", str(latin), str(big), "-o", str(out))
    assert res.returncode == 1 and "Traceback" not in res.stderr
    assert f"{latin}: error: not UTF-8 text (byte 0xdc on line 2)" in res.stderr
    assert f"{big}: error: too large for a description" in res.stderr
    assert "aj check accepts at most 4 MB" in res.stderr
    assert not out.exists() or list(out.iterdir()) == []
