"""The Python examples given for the README, run on a copy of descriptions/."""

import glob
import os
import shutil
import subprocess

import pytest

import ajtui

from tests.helpers import ROOT


@pytest.fixture
def here(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "descriptions", tmp_path / "descriptions")
    monkeypatch.chdir(tmp_path)
    subprocess.run(["git", "init", "-q"], check=True)
    subprocess.run(["git", "add", "."], check=True)
    subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "x"],
        check=True,
        env={
            **os.environ,
            "GIT_AUTHOR_DATE": "2024-01-01T00:00:00Z",
            "GIT_COMMITTER_DATE": "2024-01-01T00:00:00Z",
        },
    )
    return tmp_path


def test_department_rename_across_every_file(here):
    for path in glob.glob("descriptions/*.aj"):
        with ajtui.edit_file(path) as ed:
            ed.replace("Ohvriabi ja ennetusteenuste osakond", "Ohvriabi osakond")
    stat = subprocess.run(["git", "diff", "--shortstat"], capture_output=True, text=True).stdout
    assert stat.strip() == "4 files changed, 4 insertions(+), 4 deletions(-)"


def test_find_insert_remove(here):
    with ajtui.edit_file("descriptions/koordinaator-klat.aj") as ed:
        doc = ed.doc
        duty = doc.duty("3.5")  # find a duty by its number
        assert duty.text.startswith("Juhendite ja muude materjalide")
        duties = doc.duty_section.duties  # insert a duty after 3.5
        duties.insert(
            duties.index(duty) + 1,
            ajtui.Duty("3.6", "Uue teenuse juurutamine.", ["Teenus on juurutatud."]),
        )
        changes = ed.renumber()  # 3.6 … → 3.7 …
        del doc.duty("3.2").results[1]  # remove a result
    assert changes[0] == ("3.6", "3.7") and changes[-1] == ("3.12", "3.15")
    numstat = subprocess.run(
        ["git", "diff", "--numstat"], capture_output=True, text=True
    ).stdout.split()
    # 2 lines for the new duty and 9 renumbered duty lines; 1 result line removed
    assert numstat[:2] == ["11", "10"]
    doc = ajtui.load("descriptions/koordinaator-klat.aj")
    assert [d.number for d in doc.duties][4:7] == ["3.5", "3.6", "3.7"]
    assert doc.duty("3.6").results[0].text == "Teenus on juurutatud."


def test_read_the_language_levels():
    doc = ajtui.load(ROOT / "descriptions" / "teenuse-juht-tttvt.aj")
    got = [
        (lv.language, lv.level, lv.required, lv.alternatives) for lv in ajtui.language_levels(doc)
    ]
    assert got == [
        ("eesti", "C1", True, ()),
        ("võõrkeel", "B1", True, ()),
        ("inglise", "B1", False, ("vene",)),
        ("vene", "B1", False, ("inglise",)),
    ]
    assert ajtui.required_levels(doc) == {"eesti": "C1", "võõrkeel": "B1"}


def test_query_and_select_from_python():
    q = ajtui.compile_query("keeleoskus.vene >= B2")
    found = [
        os.path.basename(p)
        for p in sorted(glob.glob(str(ROOT / "descriptions/*.aj")))
        if q(ajtui.load(p))
    ]
    assert found == [
        "koordinaator-psuhhosotsiaalse-kriisiabi-koordinaator.aj",
        "noustaja-kriisitoe-talitus.aj",
    ]
    doc = ajtui.load(ROOT / "descriptions" / "koordinaator-klat.aj")
    (t,) = ajtui.select(doc, "ülesanded[3.2].tulemused[2]")
    assert t.line == 37 and t.node is doc.duty("3.2").results[1]
