"""The change table (`aj diff … --to docx|html|pdf`): the demo's directive 14 row by row
against `aj diff --directive 14 --format json`, the words struck through and underlined in
Word, PDF and HTML, and bad input refused with nothing written."""

from __future__ import annotations

import io
import json

import pytest

from ajtui.documents.changetable import DELETED, INSERTED, from_diff, marked, part
from ajtui.ops.changes import Diff
from ajtui.ops.diff import diff_texts

from tests.helpers import FIXTURES
from tests.helpers.history import run_aj
from tests.helpers.tui import GIT_ENV, demo_repo

SAMPLE = FIXTURES / "valid" / "sample.aj"


@pytest.fixture
def repo(tmp_path, monkeypatch):
    for k, v in GIT_ENV.items():
        monkeypatch.setenv(k, v)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-home"))
    return demo_repo(tmp_path)


def _directive_json(capsys, monkeypatch, repo) -> dict:
    code, out, _ = run_aj(
        capsys, monkeypatch, repo, "diff", "--directive", "14", "--format", "json"
    )
    assert code == 1
    return json.loads(out)["directives"][0]


def _diff_of(desc: dict) -> Diff:
    from ajtui.ops.changes import Change

    changes = []
    for c in desc["diff"]["changes"]:
        changes.append(
            Change(
                c["kind"],
                c["path"],
                c["old"],
                c["new"],
                [tuple(w) for w in c["words"]],
                c["weight"],
                c["section"],
                c.get("old_path"),
                c["what"],
                c.get("children", []),
            )
        )
    return Diff(changes, [])


def test_directive_14_lists_exactly_its_changes(repo, capsys, monkeypatch):
    d = _directive_json(capsys, monkeypatch, repo)
    assert [e["annex"] for e in d["descriptions"]] == ["1", "2", "3"]
    for desc in d["descriptions"]:
        p = part(_diff_of(desc), desc["path"])
        changes = desc["diff"]["changes"]
        # every change in exactly one row or one compact line, nothing else
        assert sorted(p.covers) == list(range(len(changes)))
        assert [r.change.path for r in p.rows] == [
            c["path"] for c in changes if c["kind"] != "renumbered"
        ]
        for row in p.rows:
            c = row.change
            assert row.substantive == (c.weight == "substantive")
            if row.substantive:
                assert "ATS § 59 lg 1¹" in row.note
            old = "".join(t for t, _ in row.old)
            new = "".join(t for t, _ in row.new)
            if c.kind == "changed":
                assert old.split() == (c.old or "").split()
                assert new.split() == (c.new or "").split()
    first = part(_diff_of(d["descriptions"][0]), "x")
    # the nine renumbered duties on one line
    assert first.compact == ["3.5–3.13 → 3.6–3.14 (ainult numeratsioon)"]


def test_changed_words_are_marked():
    old = SAMPLE.read_text(encoding="utf-8")
    i = old.index("ülesanded")
    new = old[:i] + old[i:].replace(
        "Kriisijuhtumijärgne ööpäevaringne", "Kriisijuhtumijärgne pidev", 1
    )
    assert new != old
    diff = diff_texts(old, new, "a", "b")
    row = next(r for r in from_diff(diff).parts[0].rows if r.change.what == "duty")
    assert ("pidev", INSERTED) in row.new
    assert ("ööpäevaringne", DELETED) in row.old
    assert ("Kriisijuhtumijärgne ", "") in row.old and ("Kriisijuhtumijärgne ", "") in row.new
    o, n = marked(row.change)
    assert o == row.old and n == row.new


def _write(capsys, monkeypatch, repo, to: str, *more: str) -> tuple[int, str]:
    out = repo.parent / f"tabel.{to}"
    code, _, err = run_aj(
        capsys, monkeypatch, repo, "diff", "--directive", "14", "--to", to, "-o", str(out), *more
    )
    return code, err


def test_docx_strikes_and_underlines(repo, capsys, monkeypatch):
    import docx

    code, err = _write(capsys, monkeypatch, repo, "docx")
    assert code == 0, err
    d = docx.Document(str(repo.parent / "tabel.docx"))
    assert [c.text for c in d.tables[0].rows[0].cells] == [
        "Kehtiv sõnastus",
        "Uus sõnastus",
        "Muudatus",
    ]
    struck, underlined = [], []
    for t in d.tables:
        for row in t.rows[1:]:
            old, new, _ = row.cells
            struck += [r.text for p in old.paragraphs for r in p.runs if r.font.strike]
            underlined += [r.text for p in new.paragraphs for r in p.runs if r.underline]
    assert struck.count("ja ennetusteenuste") == 5  # the unit in three, purpose, a duty
    assert "Osaleb ohvriabi osakonna ühtsete" in underlined  # the new duty 3.5
    text = "\n".join(p.text for p in d.paragraphs)
    assert "3.5–3.13 → 3.6–3.14 (ainult numeratsioon)" in text


def test_pdf_text_and_the_lines_through_and_under(repo, capsys, monkeypatch):
    import pdfplumber

    code, err = _write(capsys, monkeypatch, repo, "pdf")
    assert code == 0, err
    with pdfplumber.open(str(repo.parent / "tabel.pdf")) as pdf:
        text = "\n".join(p.extract_text() or "" for p in pdf.pages)
        page = pdf.pages[0]
        words = page.extract_words()
        lines = [ln for ln in page.lines if abs(ln["top"] - ln["bottom"]) < 0.5]
    assert "Kehtiv sõnastus" in text and "Uus sõnastus" in text
    assert "ATS § 59 lg 1¹" in text
    assert "3.5–3.13 → 3.6–3.14 (ainult numeratsioon)" in text
    word = next(w for w in words if w["text"] == "ennetusteenuste")
    mid = (word["top"] + word["bottom"]) / 2
    through = [
        ln
        for ln in lines
        if ln["x0"] <= word["x0"] + 1
        and ln["x1"] >= word["x1"] - 1
        and word["top"] < ln["top"] < word["bottom"]
        and abs(ln["top"] - mid) < (word["bottom"] - word["top"]) / 2
    ]
    assert through, "the deleted word is struck through"
    new = next(w for w in words if w["text"] == "Osaleb")
    under = [
        ln
        for ln in lines
        if ln["x0"] <= new["x0"] + 1
        and ln["x1"] >= new["x1"] - 1
        and new["bottom"] - 2 < ln["top"] < new["bottom"] + 3
    ]
    assert under, "the inserted word is underlined"


def test_html_marks_with_del_and_ins_and_escapes(repo, capsys, monkeypatch):
    code, err = _write(capsys, monkeypatch, repo, "html")
    assert code == 0, err
    page = (repo.parent / "tabel.html").read_text(encoding="utf-8")
    assert "<del>ja ennetusteenuste</del>" in page
    assert "<ins>Osaleb ohvriabi osakonna ühtsete" in page
    assert page.count("<h2>") == 3
    # row by row as `aj diff --directive 14 --format json`: every change not only
    # renumbered is a row, in order, under its description
    d = _directive_json(capsys, monkeypatch, repo)
    parts = page.split("<h2>")[1:]
    for desc, shown in zip(d["descriptions"], parts):
        assert desc["path"] in shown
        rows = [c for c in desc["diff"]["changes"] if c["kind"] != "renumbered"]
        assert shown.count("<tr>") - 1 == len(rows)
    assert "<h2>Lisa 2: Koordinaator (ametijuhendid/koordinaator-klat.aj)</h2>" in page


def test_two_files_and_bad_input(tmp_path, capsys, monkeypatch):
    old = SAMPLE.read_text(encoding="utf-8")
    (tmp_path / "old.aj").write_text(old, encoding="utf-8")
    (tmp_path / "new.aj").write_text(
        old.replace("Kriisijuhtumijärgne ööpäevaringne", "Kriisijuhtumijärgne pidev", 1),
        encoding="utf-8",
    )
    out = tmp_path / "t.docx"
    code, _, err = run_aj(
        capsys, monkeypatch, tmp_path, "diff", "old.aj", "new.aj", "--to", "docx", "-o", "t.docx"
    )
    assert code == 0, err
    assert out.read_bytes()[:2] == b"PK"
    # existing output needs --force
    code, _, err = run_aj(
        capsys, monkeypatch, tmp_path, "diff", "old.aj", "new.aj", "--to", "docx", "-o", "t.docx"
    )
    assert code == 2 and "exists; use --force" in err
    # the output may not be an input
    code, _, err = run_aj(
        capsys,
        monkeypatch,
        tmp_path,
        "diff",
        "old.aj",
        "new.aj",
        "--to",
        "html",
        "-o",
        "new.aj",
        "--force",
    )
    assert code == 2 and "is the input file" in err
    assert (tmp_path / "new.aj").read_text(encoding="utf-8").startswith(old[:20])
    # an invalid description: aj check's message, nothing written
    (tmp_path / "bad.aj").write_text("ametijuhend\n  kinnitatud käskkirjaga\n!!!\n", "utf-8")
    code, _, err = run_aj(
        capsys, monkeypatch, tmp_path, "diff", "old.aj", "bad.aj", "--to", "pdf", "-o", "b.pdf"
    )
    assert code == 2
    assert "bad.aj:" in err and "AJ" in err and "nothing written" in err
    assert not (tmp_path / "b.pdf").exists()
    # unwritable destination: one line
    code, _, err = run_aj(
        capsys,
        monkeypatch,
        tmp_path,
        "diff",
        "old.aj",
        "new.aj",
        "--to",
        "pdf",
        "-o",
        str(tmp_path / "no" / "such" / "t.pdf"),
    )
    assert code == 2 and err.count("\n") == 1 and "cannot write" in err
    # -o without --to
    code, _, err = run_aj(capsys, monkeypatch, tmp_path, "diff", "old.aj", "new.aj", "-o", "x")
    assert code == 2 and "--to" in err


def test_binary_to_a_terminal_is_refused(tmp_path, capsys, monkeypatch):
    import sys

    old = SAMPLE.read_text(encoding="utf-8")
    (tmp_path / "old.aj").write_text(old, encoding="utf-8")
    (tmp_path / "new.aj").write_text(
        old.replace("Kriisijuhtumijärgne ööpäevaringne", "Kriisijuhtumijärgne pidev", 1), "utf-8"
    )

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdout", Tty())
    from ajtui.cli import main

    monkeypatch.chdir(tmp_path)
    code = main(["diff", "old.aj", "new.aj", "--to", "pdf"])
    assert code == 2
    assert "not for the terminal" in capsys.readouterr().err


def test_a_row_taller_than_a_page_goes_on_over_pages():
    import pdfplumber

    from ajtui.documents.changewriters import to_pdf
    from ajtui.ops.changes import Change

    big = "\n".join(f"3.{i}. Ülesanne {i}, mille tekst täidab rea" for i in range(300))
    diff = Diff(
        [Change("added", "ülesanded", None, big, [], "substantive", "ülesanded", None, "section")],
        [],
    )
    with pdfplumber.open(io.BytesIO(to_pdf(from_diff(diff)))) as pdf:
        assert len(pdf.pages) > 2
        text = "\n".join(p.extract_text() or "" for p in pdf.pages)
    assert "3.0. Ülesanne 0" in text and "3.299. Ülesanne 299" in text
