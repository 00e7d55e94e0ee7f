"""The history layer (ajtui.store.history) on throwaway repositories with fixed dates."""

from __future__ import annotations

import subprocess

import pytest

from ajtui.store.history import History, HistoryError, NotARepository
from ajtui.store.revisions import blob_id, group

from tests.helpers.history import Repo, fixture, scenario, with_approval

V95 = fixture("koordinaator-95.aj")
V12 = fixture("koordinaator-12.aj")
NEW = "ametijuhendid/kriisiabi-koordinaator.aj"
OLD = "ametijuhendid/koordinaator.aj"


@pytest.fixture(autouse=True)
def cache_home(tmp_path, monkeypatch):
    """Every test starts with an empty version cache of its own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-home"))
    return tmp_path / "cache-home"


@pytest.fixture
def scen(tmp_path):
    return scenario(tmp_path / "repo")


def test_revisions_grouped_by_directive_across_a_rename(scen):
    with History(scen.root) as h:
        revs = h.revisions(scen.root / NEW)
    assert [r.label for r in revs] == ["käskkiri nr 12 (02.02.2024)", "käskkiri nr 95 (11.06.2023)"]
    r12, r95 = revs
    assert [c.path for c in r12.commits] == [NEW, OLD]
    assert [c.status for c in r12.commits] == ["R", "M"]
    assert [c.author for c in r12.commits] == ["Jaan Tamm", "Jaan Tamm"]
    assert r12.commits[0].subject == "Faili nimi ametinimetuse järgi"
    assert (r12.number, r12.date_text, r12.annex, r12.approved) == ("12", "02.02.2024", "3", True)
    assert r95.head.status == "A" and r95.head.path == OLD and not r95.error
    assert r12.head.date.tzinfo is not None and r12.head.date.isoformat().startswith("2024-01")
    assert all(len(c.short) >= 7 and c.sha.startswith(c.short) for r in revs for c in r.commits)


def test_draft_on_top_only_when_the_working_copy_differs(scen):
    path = scen.root / NEW
    with History(scen.root) as h:
        assert not h.revisions(path)[0].is_draft
    path.write_text(with_approval(V12, "40", "01.03.2024"), encoding="utf-8")
    with History(scen.root) as h:
        revs = h.revisions(path)
        assert revs[0].is_draft and revs[0].label == "mustand" and revs[0].head is None
        assert revs[0].number == "40" and not revs[0].error
        assert h.draft_text(path).count("number: 40") == 1
        assert h.last_approved(path).number == "12"
    path.write_text(V12, encoding="utf-8")
    with History(scen.root) as h:
        assert not h.revisions(path)[0].is_draft


def test_text_at_every_commit_through_one_cat_file(scen):
    with History(scen.root) as h:
        revs = h.revisions(scen.root / NEW)
        texts = [h.text_at(scen.root / NEW, c.sha) for r in revs for c in r.commits]
        proc = h._cat.proc
        assert proc is not None
        # by old name or new, by short sha or revision expression
        assert h.text_at(scen.root / NEW, "HEAD~2") == V95
        assert h.text_at(scen.root / NEW, revs[1].head.short) == V95
        assert h._cat.proc is proc  # still the same process
    assert texts == [V12, V12, V95]
    assert h._closed and h._cat.proc is None and proc.returncode == 0


def test_unknown_revision_and_missing_file(scen):
    with History(scen.root) as h:
        with pytest.raises(HistoryError, match="unknown revision 'nope'"):
            h.text_at(scen.root / NEW, "nope")
        with pytest.raises(HistoryError, match="not in the repository's history"):
            h.revisions(scen.root / "ametijuhendid/puudub.aj")
        with pytest.raises(HistoryError, match="a folder, not a description file"):
            h.revisions(scen.root / "ametijuhendid")


def test_not_a_repository_names_the_folder(tmp_path):
    (tmp_path / "x.aj").write_text(V95, encoding="utf-8")
    with pytest.raises(NotARepository, match="not inside a git repository") as e:
        History(tmp_path / "x.aj")
    assert str(tmp_path / "x.aj") in str(e.value)


def test_unparseable_version_is_listed_and_marked_not_skipped(tmp_path):
    r = Repo(tmp_path / "r")
    r.write("a.aj", V95)
    r.commit("first")
    broken = V95.replace("  3.4. Enesehoiu", "   3.4. Enesehoiu")  # bad indentation
    r.write("a.aj", broken)
    r.commit("broken edit")
    r.write("a.aj", V95.replace("kui individuaalselt", "kui ka individuaalselt"))
    r.commit("fixed")
    with History(r.root) as h:
        revs = h.revisions(r.root / "a.aj")
    # the approval section still reads; the later versions change what nr 95 approved
    assert [r.label for r in revs] == ["kinnitamata", "käskkiri nr 95 (11.06.2023)"]
    commits = revs[0].commits + revs[1].commits
    assert [c.subject for c in commits] == ["fixed", "broken edit", "first"]
    assert commits[1].error is not None and "line" in commits[1].error
    assert commits[0].error is None and commits[2].error is None
    assert revs[0].error and not revs[1].error and not revs[0].approved


def test_version_without_readable_approval_is_its_own_revision(tmp_path):
    r = Repo(tmp_path / "r")
    r.write("a.aj", V95)
    r.commit("first")
    r.write("a.aj", V95.replace("  kinnitatud: käskkirjaga", "  kinnitatud käskkirjaga"))
    r.commit("approval broken")
    r.write("a.aj", V95)
    r.commit("repaired")
    with History(r.root) as h:
        revs = h.revisions(r.root / "a.aj")
    assert [x.label for x in revs] == [
        "käskkiri nr 95 (11.06.2023)",
        "vigane versioon",
        "käskkiri nr 95 (11.06.2023)",
    ]
    assert revs[1].error and revs[1].commits[0].approval_key is None
    assert "expected ':'" in revs[1].head.error


def test_binary_version_is_marked(tmp_path):
    r = Repo(tmp_path / "r")
    r.write("a.aj", V95)
    r.commit("text")
    (r.root / "a.aj").write_bytes(b"\x00\x01binary")
    r.commit("binary")
    with History(r.root) as h:
        revs = h.revisions(r.root / "a.aj")
        assert revs[0].label == "vigane versioon"
        assert "binary" in revs[0].head.error
        assert h.text_at(r.root / "a.aj", "HEAD").startswith("\x00")


def test_single_commit_untracked_and_empty_repository(tmp_path):
    r = Repo(tmp_path / "r")
    r.write("a.aj", V95)
    with History(r.root) as h:  # no commits yet: the working copy is the draft
        revs = h.revisions(r.root / "a.aj")
        assert [x.label for x in revs] == ["mustand"]
        assert h.last_approved(r.root / "a.aj") is None
        assert h.status() == {"a.aj": "untracked"}
    r.commit("only")
    with History(r.root) as h:
        revs = h.revisions(r.root / "a.aj")
        assert [len(x.commits) for x in revs] == [1]
        assert revs[0].head.parents == []


def test_detached_head(scen):
    scen.git("checkout", "-q", "--detach", "HEAD~1")
    with History(scen.root) as h:
        revs = h.revisions(scen.root / OLD)
    assert [x.label for x in revs] == ["käskkiri nr 12 (02.02.2024)", "käskkiri nr 95 (11.06.2023)"]
    assert len(revs[0].commits) == 1


def test_shallow_clone(scen, tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{scen.root}", str(clone)],
        check=True,
        capture_output=True,
    )
    with History(clone) as h:
        revs = h.revisions(clone / NEW)
        assert h.is_shallow
        assert [x.label for x in revs] == ["käskkiri nr 12 (02.02.2024)"]
        assert h.text_at(clone / NEW, "HEAD") == V12
    with History(scen.root) as h:
        assert not h.is_shallow


def test_merge_commits(tmp_path):
    r = Repo(tmp_path / "r")
    r.write("a.aj", V95)
    r.commit("base")
    r.git("checkout", "-q", "-b", "haru")
    r.write("a.aj", V95.replace("Piirkonna juht", "Piirkonna juhataja"))
    r.commit("on the branch")
    r.git("checkout", "-q", "main")
    r.write("a.aj", V95.replace("kui individuaalselt", "kui ka individuaalselt"))
    r.commit("on main")
    r.day += 1
    r.git("merge", "-q", "--no-edit", "haru")
    with History(r.root) as h:
        revs = h.revisions(r.root / "a.aj")
        commits = [c for x in revs for c in x.commits]
        merge = commits[0]
        assert merge.is_merge and merge.subject.startswith("Merge branch")
        assert {c.subject for c in commits} == {merge.subject, "on the branch", "on main", "base"}
        text = h.text_at(r.root / "a.aj", merge.sha)
        assert "Piirkonna juhataja" in text and "kui ka individuaalselt" in text


def test_deleted_and_restored(tmp_path):
    r = Repo(tmp_path / "r")
    r.write("a.aj", V95)
    r.commit("add")
    (r.root / "a.aj").unlink()
    r.commit("delete")
    r.write("a.aj", with_approval(V95, "12", "02.02.2024"))
    r.commit("restore under 12")
    with History(r.root) as h:
        revs = h.revisions(r.root / "a.aj")
        assert [x.label for x in revs] == [
            "käskkiri nr 12 (02.02.2024)",
            "kustutatud",
            "käskkiri nr 95 (11.06.2023)",
        ]
        assert revs[1].deleted and revs[1].head.deleted and not revs[1].approved
        with pytest.raises(HistoryError, match="deleted"):
            h.text_at(r.root / "a.aj", revs[1].head.sha)
        directives = {d.number: d for d in h.directives()}
        assert directives["12"].entries[0].previous.number == "95"
    (r.root / "a.aj").unlink()
    with History(r.root) as h:
        draft = h.revisions(r.root / "a.aj")[0]
        assert draft.is_draft and draft.deleted


def test_directives_with_several_annexes(tmp_path):
    r = Repo(tmp_path / "r")
    r.write("koordinaator.aj", V95)
    r.write("klat.aj", fixture("klat-koordinaator-23.aj"))
    r.commit("two descriptions")
    r.write("koordinaator.aj", with_approval(V12, "7", "01.03.2024"))
    two = with_approval(fixture("klat-koordinaator-23.aj"), "7", "01.03.2024")
    r.write("klat.aj", two.replace("  kuupäev: 01.03.2024", "  kuupäev: 01.03.2024\n  lisa: 1"))
    r.commit("directive 7 approves both")
    r.git("mv", "klat.aj", "klat-koordinaator.aj")
    r.commit("rename")
    with History(r.root) as h:
        ds = h.directives()
    assert [d.label for d in ds] == [
        "käskkiri nr 7 (01.03.2024)",
        "käskkiri nr 23 (12.02.2024)",
        "käskkiri nr 95 (11.06.2023)",
    ]
    d7 = ds[0]
    assert [(e.path, e.revision.annex) for e in d7.entries] == [
        ("klat-koordinaator.aj", "1"),
        ("koordinaator.aj", "3"),
    ]
    assert [e.previous.label for e in d7.entries] == [
        "käskkiri nr 23 (12.02.2024)",
        "käskkiri nr 95 (11.06.2023)",
    ]
    assert ds[2].entries[0].previous is None


def test_status_and_commit(tmp_path):
    r = Repo(tmp_path / "r")
    for name in ("a.aj", "b.aj", "c.aj", "d.aj"):
        r.write(name, V95)
    r.write("notes.txt", "x")
    r.commit("four")
    r.write("a.aj", V12)
    (r.root / "b.aj").unlink()
    r.write("new.aj", V95)
    r.write("staged.aj", V95)
    r.git("add", "staged.aj")
    with History(r.root) as h:
        assert h.status() == {
            "a.aj": "modified",
            "b.aj": "deleted",
            "c.aj": "clean",
            "d.aj": "clean",
            "new.aj": "untracked",
            "staged.aj": "added",
        }
        sha = h.commit([r.root / "a.aj", r.root / "b.aj", r.root / "new.aj"], "Käskkiri nr 12")
        assert len(sha) == 40
        st = h.status()
        assert st["a.aj"] == "clean" and "b.aj" not in st and st["new.aj"] == "clean"
        assert st["staged.aj"] == "added"  # staged but not named: not committed
        with pytest.raises(HistoryError):
            h.commit([r.root / "a.aj"], "  ")
    assert r.git("log", "-1", "--format=%s").strip() == "Käskkiri nr 12"


def test_group_is_consecutive(tmp_path):
    r = Repo(tmp_path / "r")
    for n, (num, date) in enumerate(
        [("95", "11.06.2023"), ("95", "11.06.2023"), ("12", "02.02.2024"), ("95", "11.06.2023")]
    ):
        r.write("a.aj", with_approval(V95, num, date) + f"# {n}\n")
        r.commit(f"c{n}")
    with History(r.root) as h:
        commits = h.commits(r.root / "a.aj")
    revs = group(commits)
    assert [(x.number, len(x.commits)) for x in revs] == [("95", 1), ("12", 1), ("95", 2)]


def test_blob_id_matches_git(tmp_path):
    r = Repo(tmp_path / "r")
    r.write("a.aj", V95)
    assert r.git("hash-object", "a.aj").strip() == blob_id(V95.encode())


def test_blob_stream_failure_falls_back_to_single_reads(scen, monkeypatch):
    """When the streamed cat-file reads fail, every version is still read (one by one)."""
    from ajtui.store import gitproc

    monkeypatch.setattr(gitproc.BlobStream, "request", lambda self, blobs: self._fail())
    with History(scen.root) as h:
        revs = h.revisions(scen.root / NEW)
        assert [len(r.commits) for r in revs] == [2, 1]
        assert not any(c.error for r in revs for c in r.commits)
        assert h.text_at(scen.root / NEW, revs[1].head.sha) == V95
