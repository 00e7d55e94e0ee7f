"""The directive's draft (`aj directive N --draft`): the demo's directive 14 lists its three
annexes; Word, PDF and HTML; an invalid description refused; `aj directive N` lists."""

from __future__ import annotations

import subprocess

import pytest

from ajtui.documents.draft import draft, points
from ajtui.format.parser import loads

from tests.helpers import FIXTURES
from tests.helpers.history import run_aj
from tests.helpers.tui import GIT_ENV, demo_repo

SAMPLE = FIXTURES / "valid" / "sample.aj"
POINTS = [
    "1.1. Koordinaator (psühhosotsiaalse kriisiabi koordinaator), Ohvriabi osakond, "
    "psühhosotsiaalse toe talitus (ohvriabi põhja, lõuna, lääne ja ida piirkond) (lisa 1);",
    "1.2. Koordinaator, Ohvriabi osakond, ennetustalitus (KLAT ja abivajava lapse SRT tiim) "
    "(lisa 2);",
    "1.3. Hingehoiu nõustaja, Ohvriabi osakond, psühhosotsiaalse toe talitus, "
    "kaugnõustamistiim (lisa 3).",
]


@pytest.fixture
def repo(tmp_path, monkeypatch):
    for k, v in GIT_ENV.items():
        monkeypatch.setenv(k, v)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-home"))
    return demo_repo(tmp_path)


def test_the_draft_of_directive_14_lists_its_annexes_in_word(repo, capsys, monkeypatch):
    import docx

    out = repo.parent / "kaskkiri.docx"
    code, _, err = run_aj(capsys, monkeypatch, repo, "directive", "14", "--draft", "-o", str(out))
    assert code == 0, err
    text = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "SOTSIAALKINDLUSTUSAMETI PEADIREKTORI KÄSKKIRI" in text
    assert "15.01.2026 nr 14" in text
    assert "1. Kinnitan järgmiste ametikohtade ametijuhendid:" in text
    assert [t for t in text if t.startswith("1.") and "(lisa" in t] == POINTS
    assert [t for t in text if t.startswith("Lisa ")] == [
        "Lisa 1. Koordinaator (psühhosotsiaalse kriisiabi koordinaator) ametijuhend",
        "Lisa 2. Koordinaator ametijuhend",
        "Lisa 3. Hingehoiu nõustaja ametijuhend",
    ]


def test_pdf_and_html_and_the_listing(repo, capsys, monkeypatch):
    import pdfplumber

    out = repo.parent / "kaskkiri.pdf"
    code, _, err = run_aj(
        capsys, monkeypatch, repo, "directive", "nr 14", "--draft", "--to", "pdf", "-o", str(out)
    )
    assert code == 0, err
    with pdfplumber.open(str(out)) as pdf:
        text = " ".join((pdf.pages[0].extract_text() or "").split())
        sizes = {round(c["size"], 1) for c in pdf.pages[0].chars}
    assert "(lisa 1);" in text and "(lisa 3)." in text and "Kinnitan" in text
    assert " ".join(POINTS) in text
    assert min(sizes) >= 8  # the long points wrap, not set smaller (the footer is 8)
    code, _, err = run_aj(
        capsys, monkeypatch, repo, "directive", "14", "--draft", "--to", "pdf", "-o", str(out)
    )
    assert code == 2 and "exists; use --force" in err
    code, page, _ = run_aj(capsys, monkeypatch, repo, "directive", "14", "--draft", "--to", "html")
    assert code == 0 and f"<p>{POINTS[0]}</p>" in page
    code, listing, _ = run_aj(capsys, monkeypatch, repo, "directive", "14")
    assert code == 0
    assert listing.splitlines()[1:] == [
        "  lisa 1  ametijuhendid/koordinaator-psuhhosotsiaalse-kriisiabi-koordinaator.aj"
        "  Koordinaator (psühhosotsiaalse kriisiabi koordinaator)",
        "  lisa 2  ametijuhendid/koordinaator-klat.aj",
        "  lisa 3  ametijuhendid/hingehoiu-noustaja-kaugnoustamistiim.aj  Hingehoiu nõustaja",
    ]
    code, _, err = run_aj(capsys, monkeypatch, repo, "directive", "99")
    assert code == 2 and "no directive nr 99" in err


def test_an_invalid_description_writes_nothing(tmp_path, capsys, monkeypatch):
    import os

    for k, v in GIT_ENV.items():
        monkeypatch.setenv(k, v)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-home"))
    repo = tmp_path / "repo"
    repo.mkdir()
    text = SAMPLE.read_text(encoding="utf-8").replace("number: 95", "number: 7")
    # approved by directive 7, but without a position title (AJ111, an error)
    text = text.replace(
        "  ametinimetus: Koordinaator\n    (psühhosotsiaalse kriisiabi koordinaator)\n", ""
    )
    (repo / "a.aj").write_text(text, encoding="utf-8")
    env = {**os.environ}
    for args in (["init", "-q"], ["add", "a.aj"], ["commit", "-qm", "kinnitatud"]):
        subprocess.run(["git", *args], cwd=repo, env=env, check=True)
    code, listing, _ = run_aj(capsys, monkeypatch, repo, "directive", "7")
    assert code == 0 and "lisa 1  a.aj" in listing
    out = tmp_path / "k.docx"
    code, _, err = run_aj(capsys, monkeypatch, repo, "directive", "7", "--draft", "-o", str(out))
    assert code == 2
    assert "AJ111" in err and "nothing written" in err
    assert not out.exists()


def test_annex_numbers_own_or_order():
    doc = loads(SAMPLE.read_text(encoding="utf-8"))
    d = draft("5", "01.02.2026", [(doc, "a.aj", None), (None, "b.aj", "7")])
    assert [e.annex for e in d.entries] == ["1", "7"]
    assert points(d)[-1] == "1.2. b.aj (lisa 7)."
