"""The demo workspace: built from the samples shipped in the package, with a history of
several directives, labelled as sample data."""

from __future__ import annotations

import subprocess

import pytest

from tests.helpers.tui import DESCRIPTIONS, GIT_ENV

KRIISIABI = "ametijuhendid/koordinaator-psuhhosotsiaalse-kriisiabi-koordinaator.aj"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    import os

    from ajtui.store.demo import ensure_demo

    saved = {k: os.environ.get(k) for k in GIT_ENV}
    os.environ.update(GIT_ENV)
    try:
        path = ensure_demo(tmp_path_factory.mktemp("data") / "demo")
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return path


def _git(repo, *args) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, check=True
    ).stdout


def test_every_commit_says_it_is_sample_data(demo):
    log = _git(demo, "log", "--format=%s%n%b%x00").split("\0")
    commits = [c.strip() for c in log if c.strip()]
    assert len(commits) >= 6
    for c in commits:
        assert c.startswith("Näidisandmed:") and "ajtui --demo" in c


def test_the_samples_as_approved_then_the_2026_reorganisation(demo):
    from ajtui.format.parser import load

    files = sorted(p.name for p in (demo / "ametijuhendid").glob("*.aj"))
    assert files == sorted(p.name for p in DESCRIPTIONS.glob("*.aj"))
    first = _git(
        demo,
        "show",
        "--format=",
        "--name-only",
        _git(demo, "log", "--format=%H", "--", KRIISIABI).split()[-1],
    ).split()
    assert KRIISIABI in first
    old = _git(demo, "show", f"HEAD~3:{KRIISIABI}")
    assert "Ohvriabi ja ennetusteenuste osakond" in old and "number: 95" in old
    doc = load(demo / KRIISIABI)
    assert doc.general.unit.startswith("Ohvriabi osakond")
    assert (doc.approval.number, doc.approval.date_text) == ("14", "15.01.2026")
    text = (demo / KRIISIABI).read_text(encoding="utf-8")
    assert "ennetusteenuste" not in text.lower()


def test_the_reorganisation_adds_a_duty_and_changes_a_requirement(demo):
    from ajtui.ops.diff import diff_texts

    old = _git(demo, "show", f"HEAD~3:{KRIISIABI}")
    new = (demo / KRIISIABI).read_text(encoding="utf-8")
    summary = diff_texts(old, new).summary_line()
    assert summary.startswith("1 duty added, ") and "renumbered" in summary
    klat = "ametijuhendid/koordinaator-klat.aj"
    req = diff_texts(_git(demo, "show", f"HEAD~1:{klat}"), (demo / klat).read_text())
    assert [c.path for c in req.changes] == ["nõuded/keeleoskus"]


def test_the_contract_annex_keeps_its_text(demo):
    name = "ametijuhendid/teenuse-juht-tttvt.aj"
    assert (demo / name).read_text(encoding="utf-8") == (
        DESCRIPTIONS / "teenuse-juht-tttvt.aj"
    ).read_text(encoding="utf-8")


def test_ensure_demo_leaves_an_existing_demo_alone(demo):
    from ajtui.store.demo import ensure_demo

    head = _git(demo, "rev-parse", "HEAD")
    (demo / "mine.aj").write_text("üldosa\n  ametinimetus: Minu\n")
    assert ensure_demo(demo) == demo
    assert _git(demo, "rev-parse", "HEAD") == head and (demo / "mine.aj").exists()
    (demo / "mine.aj").unlink()


@pytest.mark.slow
def test_the_wheel_carries_the_samples(wheel):
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    shipped = sorted(n.split("/")[-1] for n in names if n.startswith("ajtui/descriptions/"))
    # the samples and their project file (the positions outside them, for `aj check DIR`)
    assert shipped == sorted([*(p.name for p in DESCRIPTIONS.glob("*.aj")), ".ajtui.toml"])
    assert "ajtui/tui/app.tcss" in names


def test_every_description_still_opens_with_its_source_note(demo):
    # the approval added by the 2026 directive goes below the note, not above it
    for path in sorted((demo / "ametijuhendid").glob("*.aj")):
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        assert first.startswith("# Allikas:"), (path.name, first)
