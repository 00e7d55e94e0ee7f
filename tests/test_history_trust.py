"""Issue 15: revisions a lawyer can rely on — the log parser no message can fool, versions
that are not UTF-8, paths with line separators, approvals bound to the approving commit,
copies that do not inherit history, one answer in the app and on the command line."""

from __future__ import annotations

import json

import pytest

from ajtui.cli import main
from ajtui.store.history import History

from tests.helpers.history import Repo, cache_home, fixture, run_aj, with_approval  # noqa: F401 (an autouse fixture)

V95 = fixture("koordinaator-95.aj")
V12 = fixture("koordinaator-12.aj")


def log_json(capsys, monkeypatch, root, file) -> dict:
    code, out, err = run_aj(capsys, monkeypatch, root, "log", file, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def retitled(text: str, title: str) -> str:
    return text.replace("ametinimetus: Koordinaator\n", f"ametinimetus: {title}\n", 1)


# --- 1. a log parser no message can fool -----------------------------------------------------

FORGERIES = [
    # the old separators: a record separator and a forged record after it
    "päris\x1e" + "f" * 40 + "\x1f" + "f" * 7 + "\x1f\x1f2020-01-01T00:00:00+00:00\x1f"
    "Võltsija\x1fx@y\x1fvõltsitud\x1f\x1f\0\n:100644 100644 "
    + "0" * 40
    + " "
    + "1" * 40
    + " M\0a.aj\0",
    # a field separator: the message would end early and the raw entries would be read
    # from the message
    "kaks\x1f\x1f\n:100644 100644 " + "0" * 40 + " " + "0" * 40 + " D\0a.aj\0",
    # what the new format's entries look like, in a message
    ":100644 100644 " + "2" * 40 + " " + "3" * 40 + " M\nb.aj\n" + "e" * 40,
    "\x1e\x1f\x1e",
]


@pytest.mark.parametrize("message", FORGERIES)
def test_a_message_cannot_hide_or_forge_a_commit(tmp_path, capsys, monkeypatch, message):
    r = Repo(tmp_path / "repo")
    r.write("a.aj", V95)
    first = r.commit("esimene")
    r.write("a.aj", retitled(V95, "Nõunik"))
    second = r.commit(message.replace("\0", "␀"), author="Jaan\x1fTamm")
    r.write("a.aj", retitled(V95, "Juht"))
    third = r.commit("kolmas " + message.replace("\0", ""))
    log = log_json(capsys, monkeypatch, r.root, "a.aj")
    commits = [c for rev in log["revisions"] for c in rev["commits"]]
    assert [c["sha"] for c in commits] == [third, second, first]
    assert commits[1]["author"] == "Jaan\x1fTamm"
    assert commits[1]["message"] == message.replace("\0", "␀").strip("\n")
    code, out, _ = run_aj(capsys, monkeypatch, r.root, "log", "a.aj")
    assert code == 0 and "3 commits" in out
    assert [
        ln.split()[0]
        for ln in out.splitlines()
        if ln.startswith("    ") and ln.split()[0] in (third[:7], second[:7], first[:7])
    ] == [third[:7], second[:7], first[:7]]
    # the whole-repository log too
    code, out, _ = run_aj(capsys, monkeypatch, r.root, "log", "--format", "json")
    assert code == 0
    [d] = json.loads(out)["directives"]
    assert [c["sha"] for c in d["descriptions"][0]["revision"]["commits"]] == [first]


def test_a_version_that_is_not_utf8_is_listed_and_marked(tmp_path, capsys, monkeypatch):
    r = Repo(tmp_path / "repo")
    r.write("a.aj", V95)
    r.commit("esimene")
    for k, bad in enumerate((b"Koordinaator \xff", b"Koordinaator \xc3", b"\xe4ra")):
        (r.root / "a.aj").write_bytes(V95.encode().replace(b"Koordinaator\n", bad + b"\n", 1))
        r.commit(f"vigane {k}")
        r.write("a.aj", retitled(V95, f"Nõunik {k}"))
        r.commit(f"parandatud {k}")
    log = log_json(capsys, monkeypatch, r.root, "a.aj")
    commits = [c for rev in log["revisions"] for c in rev["commits"]]
    assert len(commits) == 7
    bad = [c for c in commits if c["error"]]
    assert [c["message"] for c in bad] == ["vigane 2", "vigane 1", "vigane 0"]
    assert all("UTF-8" in c["error"] for c in bad)
    code, out, _ = run_aj(capsys, monkeypatch, r.root, "log", "a.aj")
    assert code == 0 and out.count("  ! ") == 3
    code, out, err = run_aj(capsys, monkeypatch, r.root, "diff", "--directive", "95")
    assert code in (0, 1) and "Traceback" not in err
    with History(r.root) as h:
        assert sum(rev.error for rev in h.revisions(r.root / "a.aj")) == 3


@pytest.mark.parametrize("sep", ["\n", "\u2028", "\x1c", "\x85"])
def test_a_repository_path_with_a_line_separator(tmp_path, capsys, monkeypatch, sep):
    r = Repo(tmp_path / f"ameti{sep}juhendid")
    r.write(f"osa{sep}kond/a.aj", V95)
    r.commit("esimene")
    r.write(f"osa{sep}kond/a.aj", with_approval(V95, "12", "02.02.2024"))
    r.commit("teine")
    log = log_json(capsys, monkeypatch, r.root, f"osa{sep}kond/a.aj")
    assert [rev["number"] for rev in log["revisions"]] == ["12", "95"]
    code, out, err = run_aj(capsys, monkeypatch, r.root, "log", "--format", "json")
    assert code == 0, err
    assert [d["number"] for d in json.loads(out)["directives"]] == ["12", "95"]
    code, out, err = run_aj(capsys, monkeypatch, r.root, "diff", "--directive", "12", "-q")
    assert code == 1, err


# --- 2. the approved text is the text of the approving commit --------------------------------

DUTY = "  3.1. Kriisijuhtumijärgne ööpäevaringne\n"
#: substantive edits made after an approval, in other wordings (a duty, a field, a result)
EDITS = {
    "duty": lambda t: t.replace(DUTY, DUTY.rstrip("\n") + " ning järelevalve\n", 1),
    "field": lambda t: t.replace(
        "  vahetu juht: Piirkonna juht", "  vahetu juht: Piirkonna juht ning järelevalve", 1
    ),
    "removed line": lambda t: t.replace("    valmisolek kriisijuhtumitele\n", "", 1),
}
#: layout-only edits: comments, blank lines, line breaks inside a paragraph
LAYOUT = {
    "comment": lambda t: t.replace(DUTY, "  # märkus: ning järelevalve\n" + DUTY, 1),
    "trailing comment": lambda t: t + "# ning järelevalve\n",
    "line break": lambda t: t.replace(
        "ööpäevaringne\n    valmisolek", "ööpäevaringne valmisolek", 1
    ),
    "more line breaks": lambda t: t.replace(
        "valmisolek kriisijuhtumitele\n", "valmisolek\n    kriisijuhtumitele\n", 1
    ),
}


def approved_14(root) -> tuple[Repo, str]:
    r = Repo(root)
    r.write("a.aj", V95)
    r.commit("nr 95")
    r.write("a.aj", with_approval(V95, "14", "15.01.2026"))
    return r, r.commit("Kinnitatud: käskkiri nr 14")


@pytest.mark.parametrize("edit", EDITS)
def test_a_change_after_an_approval_is_not_approved(tmp_path, capsys, monkeypatch, edit):
    r, approving = approved_14(tmp_path / "repo")
    approved = (r.root / "a.aj").read_text(encoding="utf-8")
    r.write("a.aj", EDITS[edit](approved))
    changed = r.commit("parandus")  # committed, not approved
    assert (r.root / "a.aj").read_text(encoding="utf-8") != approved
    log = log_json(capsys, monkeypatch, r.root, "a.aj")
    revs = log["revisions"]
    assert [(x["label"], x["approved"]) for x in revs] == [
        ("kinnitamata", False),
        ("käskkiri nr 14 (15.01.2026)", True),
        ("käskkiri nr 95 (11.06.2023)", True),
    ]
    assert revs[0]["changed_after"] == "käskkiri nr 14 (15.01.2026)"
    assert [c["sha"] for c in revs[0]["commits"]] == [changed]
    assert revs[0]["commits"][0]["unapproved"] is True
    assert revs[1]["approving_commit"] == approving
    code, out, _ = run_aj(capsys, monkeypatch, r.root, "log", "a.aj")
    assert "● kinnitamata  changed after käskkiri nr 14 (15.01.2026), not approved" in out
    # what nr 14 approved is the approving commit's text: the later change is not in it
    code, out, _ = run_aj(
        capsys, monkeypatch, r.root, "diff", "--directive", "14", "--format", "json"
    )
    [d] = json.loads(out)["directives"]
    [desc] = d["descriptions"]
    assert desc["commit"] == approving and desc["revision"] == "käskkiri nr 14 (15.01.2026)"
    changes = json.dumps(desc["diff"]["changes"], ensure_ascii=False)
    assert "järelevalve" not in changes and "valmisolek" not in changes
    assert [c["path"] for c in desc["diff"]["changes"]] == [
        "ametijuhend/number",
        "ametijuhend/kuupäev",
    ]
    with History(r.root) as h:
        assert h.last_approved(r.root / "a.aj").approving.sha == approving
        assert h.revision_text(h.last_approved(r.root / "a.aj")) == approved


@pytest.mark.parametrize("layout", LAYOUT)
def test_a_layout_change_after_an_approval_stays_approved(tmp_path, capsys, monkeypatch, layout):
    r, approving = approved_14(tmp_path / "repo")
    approved = (r.root / "a.aj").read_text(encoding="utf-8")
    r.write("a.aj", LAYOUT[layout](approved))
    assert (r.root / "a.aj").read_text(encoding="utf-8") != approved
    later = r.commit("vormistus")
    revs = log_json(capsys, monkeypatch, r.root, "a.aj")["revisions"]
    assert [(x["label"], x["approved"]) for x in revs] == [
        ("käskkiri nr 14 (15.01.2026)", True),
        ("käskkiri nr 95 (11.06.2023)", True),
    ]
    assert [c["sha"] for c in revs[0]["commits"]] == [later, approving]
    assert revs[0]["approving_commit"] == approving
    # and then a real change on top of the layout change
    r.write("a.aj", EDITS["field"](LAYOUT[layout](approved)))
    r.commit("parandus")
    revs = log_json(capsys, monkeypatch, r.root, "a.aj")["revisions"]
    assert [x["approved"] for x in revs] == [False, True, True]


def test_the_approved_text_back_again_is_approved_and_the_cache_agrees(
    tmp_path, capsys, monkeypatch
):
    r, approving = approved_14(tmp_path / "repo")
    approved = (r.root / "a.aj").read_text(encoding="utf-8")
    r.write("a.aj", EDITS["field"](approved))
    r.commit("parandus")
    r.write("a.aj", approved)
    r.commit("tagasi")
    first = log_json(capsys, monkeypatch, r.root, "a.aj")
    assert [(x["label"], x["approved"]) for x in first["revisions"]] == [
        ("käskkiri nr 14 (15.01.2026)", True),
        ("kinnitamata", False),
        ("käskkiri nr 14 (15.01.2026)", True),
        ("käskkiri nr 95 (11.06.2023)", True),
    ]
    assert log_json(capsys, monkeypatch, r.root, "a.aj") == first  # from the cache
    code, out, _ = run_aj(capsys, monkeypatch, r.root, "log", "--format", "json")
    [d14, _d95] = json.loads(out)["directives"]
    [desc] = d14["descriptions"]
    assert desc["revision"]["approving_commit"] == approving


# --- 3. history starts where the file starts -------------------------------------------------


def test_a_copy_of_a_template_starts_its_own_history(tmp_path, capsys, monkeypatch):
    r = Repo(tmp_path / "repo")
    r.write("mallid/mall.aj", V95)
    r.commit("mall")
    template = with_approval(V95, "1", "01.01.2024")
    r.write("mallid/mall.aj", template)
    r.commit("mall kinnitatud")
    r.write("uus.aj", retitled(template, "Uus ametikoht"))  # copied, title changed
    copy = r.commit("uus ametijuhend mallist")
    r.write("uus.aj", with_approval(retitled(template, "Uus ametikoht"), "99", "01.02.2024"))
    approving = r.commit("Kinnitatud: käskkiri nr 99")
    revs = log_json(capsys, monkeypatch, r.root, "uus.aj")["revisions"]
    assert [(x["label"], x["approved"]) for x in revs] == [
        ("käskkiri nr 99 (01.02.2024)", True),
        ("kinnitamata", False),
    ]
    assert revs[1]["copied_from"] == "mallid/mall.aj"
    assert [c["sha"] for c in revs[1]["commits"]] == [copy]
    code, out, _ = run_aj(capsys, monkeypatch, r.root, "log", "uus.aj")
    parent = r.git("rev-parse", f"{copy}~1").strip()
    assert f"(created from mallid/mall.aj at {parent[:7]}" in out
    assert "käskkiri nr 1 " not in out
    code, out, _ = run_aj(
        capsys, monkeypatch, r.root, "diff", "--directive", "99", "--format", "json"
    )
    [desc] = json.loads(out)["directives"][0]["descriptions"]
    assert (desc["commit"], desc["previous"], desc["base_commit"]) == (approving, None, copy)
    assert [c["path"] for c in desc["diff"]["changes"]] == [
        "ametijuhend/number",
        "ametijuhend/kuupäev",
    ]
    # directive 1 approved the template only
    code, out, _ = run_aj(
        capsys, monkeypatch, r.root, "diff", "--directive", "1", "--format", "json"
    )
    assert [x["path"] for x in json.loads(out)["directives"][0]["descriptions"]] == [
        "mallid/mall.aj"
    ]
    # a rename is still followed
    r.git("mv", "uus.aj", "uus-koht.aj")
    r.commit("nimi")
    revs = log_json(capsys, monkeypatch, r.root, "uus-koht.aj")["revisions"]
    assert [x["label"] for x in revs] == ["käskkiri nr 99 (01.02.2024)", "kinnitamata"]
    assert revs[1]["copied_from"] == "mallid/mall.aj"


# --- 4. one source of truth: the app and the command line ------------------------------------


def generated(root) -> Repo:
    """Every case at once: approvals, a change after one, a layout change, a copy, a file
    first committed unapproved and approved later, a rename."""
    r = Repo(root)
    r.write("a.aj", V95)
    r.write("mall.aj", with_approval(V12, "1", "01.01.2024"))
    r.commit("algus")
    r.write("a.aj", with_approval(V95, "14", "15.01.2026"))
    r.write("b.aj", retitled(V95, "Nõunik").replace("  kinnitatud: käskkirjaga\n", "", 1))
    r.commit("nr 14; b kavand")
    r.write("a.aj", EDITS["duty"](with_approval(V95, "14", "15.01.2026")))
    r.write("c.aj", retitled(with_approval(V12, "1", "01.01.2024"), "Koopia"))
    r.commit("a parandus, c mallist")
    r.write("b.aj", with_approval(retitled(V95, "Nõunik"), "14", "15.01.2026"))
    r.write("c.aj", retitled(with_approval(V12, "14", "15.01.2026"), "Koopia"))
    r.write("mall.aj", LAYOUT["comment"](with_approval(V12, "1", "01.01.2024")))
    r.commit("nr 14 veel kaks")
    r.git("mv", "b.aj", "noustaja.aj")
    r.commit("nimi")
    # a version that is not UTF-8, under a message with the old separators
    (r.root / "mall.aj").write_bytes(
        with_approval(V12, "1", "01.01.2024")
        .encode()
        .replace(b"Koordinaator\n", b"Koordinaator \xff\n", 1)
    )
    r.commit(FORGERIES[0].replace("\0", ""))
    r.write("mall.aj", with_approval(V12, "15", "01.02.2026"))
    r.commit("nr 15")
    return r


@pytest.mark.parametrize("which", ["demo", "generated"])
async def test_the_app_and_the_command_line_give_the_same_answers(tmp_path, monkeypatch, which):
    from textual.widgets import OptionList

    from tests.helpers.tui import GIT_ENV, demo_repo, make_app, settle

    for k, v in GIT_ENV.items():
        monkeypatch.setenv(k, v)
    root = demo_repo(tmp_path) if which == "demo" else generated(tmp_path / "repo").root
    monkeypatch.chdir(root)
    import io
    from contextlib import redirect_stdout

    def cli(*args) -> dict:
        buf = io.StringIO()
        with redirect_stdout(buf):
            main(list(args))
        return json.loads(buf.getvalue())

    directives = cli("log", "--format", "json")["directives"]
    assert directives
    want = []
    with History(root) as h:
        for d in directives:
            got = cli("diff", "--directive", d["number"], "--format", "json")["directives"]
            for dd in got:
                if dd["date"] != d["date"]:
                    continue
                for desc in dd["descriptions"]:
                    base = (
                        h.text_at(root / desc["path"], desc["base_commit"])
                        if desc["base_commit"]
                        else ""
                    )
                    want.append(
                        (
                            desc["path"],
                            desc["base"] or "no earlier version",
                            base,
                            desc["revision"],
                            h.text_at(root / desc["path"], desc["commit"]),
                        )
                    )
        logs = {
            path: cli("log", path, "--format", "json")["revisions"]
            for path in sorted({w[0] for w in want})
        }
    app = make_app(root, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("k")
        await settle(pilot)
        screen = app.screen
        seen = []
        for i, row in enumerate(screen.rows):
            if row[0] != "entry":
                continue
            screen.query_one("#directives", OptionList).highlighted = i
            await pilot.press("enter")
            await settle(pilot)
            [item] = app.screen.items
            seen.append(
                (
                    app.workspace.name_of(item.path),
                    item.old_label,
                    item.old_text or "",
                    item.new_label,
                    item.new_text,
                )
            )
            await pilot.press("escape")
            await settle(pilot)
        assert seen == want
        # the history screen: the same revisions as `aj log FILE`
        for path, revs in logs.items():
            from ajtui.tui.screens.history import HistoryScreen

            app.push_screen(HistoryScreen(root / path))
            await settle(pilot)
            shown = [
                (r.label, r.approved, [c.sha for c in r.commits]) for r in app.screen.revisions
            ]
            assert shown == [
                (r["label"], r["approved"], [c["sha"] for c in r["commits"]]) for r in revs
            ]
            app.pop_screen()
            await settle(pilot)


async def test_the_library_marks_an_unapproved_change_and_a_commit_says_so(tmp_path, monkeypatch):
    from tests.helpers.tui import GIT_ENV, demo_repo, make_app, settle

    for k, v in GIT_ENV.items():
        monkeypatch.setenv(k, v)
    root = demo_repo(tmp_path)
    kriisiabi = "ametijuhendid/koordinaator-psuhhosotsiaalse-kriisiabi-koordinaator.aj"
    klat = "ametijuhendid/koordinaator-klat.aj"
    app = make_app(root, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, 4)
        entries = {app.workspace.name_of(p): e for p, e in app.screen.entries.items()}
        # the demo's requirement changed after nr 14; the crisis coordinator is approved
        assert entries[klat].status == "unapproved"
        assert entries[kriisiabi].status == "clean"
        path = root / kriisiabi
        text = path.read_text(encoding="utf-8")
        line = next(ln for ln in text.splitlines() if ln.startswith("  3.1. "))
        path.write_text(text.replace(line, line + " ning järelevalve", 1), encoding="utf-8")
        paths = [app.workspace.name_of(p) for p in app.screen._shown]
        from ajtui.tui.widgets.library_list import LibraryList

        app.screen.query_one("#table", LibraryList).move_cursor(row=paths.index(kriisiabi))
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*"järelevalve", "enter")
        await settle(pilot, 4)
        said = [n.message for n in app._notifications]
        assert any("changes what käskkiri nr 14 (15.01.2026) approved" in m for m in said)
        entries = {app.workspace.name_of(p): e for p, e in app.screen.entries.items()}
        assert entries[kriisiabi].status == "unapproved"


# --- 8. invisible and direction characters ---------------------------------------------------


@pytest.mark.parametrize(
    "ch",
    [
        "\u200b",
        "\u200d",
        "\u00ad",
        "\u202a",
        "\u202e",
        "\u2066",
        "\u2069",
        "\ufeff",
        "\u2060",
        "\U000e0041",
    ],
)
@pytest.mark.parametrize("where", ["duty", "field", "title"])
def test_check_names_an_invisible_character_and_its_place(tmp_path, capsys, monkeypatch, ch, where):
    text = {
        "duty": lambda t: t.replace(
            "valmisolek kriisijuhtumitele", f"valmisolek{ch} kriisijuhtumitele", 1
        ),
        "field": lambda t: t.replace(
            "vahetu juht: Piirkonna juht", f"vahetu juht: Piirkonna{ch} juht", 1
        ),
        "title": lambda t: t.replace(
            "ametinimetus: Koordinaator", f"ametinimetus: Koordinaator{ch}", 1
        ),
    }[where](V95)
    assert ch in text
    (tmp_path / "a.aj").write_text(text, encoding="utf-8")
    line = next(n for n, ln in enumerate(text.splitlines(), 1) if ch in ln)
    code, out, err = run_aj(capsys, monkeypatch, tmp_path, "check", "a.aj")
    assert code != 0
    found = [ln for ln in (out + err).splitlines() if "AJ155" in ln]
    assert len(found) == 1, out + err
    assert f"U+{ord(ch):04X}" in found[0] and f"a.aj:{line}:" in found[0]
    assert ch not in out + err  # named, never printed
    (tmp_path / "a.aj").write_text(V95, encoding="utf-8")
    code, out, err = run_aj(capsys, monkeypatch, tmp_path, "check", "a.aj")
    assert "AJ155" not in out + err


# --- 5. approval bound to a hash: aj approve and its tag -------------------------------------


def test_approve_writes_commits_and_tags(tmp_path, capsys, monkeypatch):
    r = Repo(tmp_path / "repo")
    r.write("a.aj", V12)  # has an annex (lisa: 3) of directive 12
    r.write("b.aj", V95)
    r.write("katki.aj", "see ei ole ametijuhend\n")
    r.commit("algus")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    (tmp_path / "gitconfig").write_text(
        "[user]\n\tname = Mari Maasikas\n\temail = mari@example.ee\n", encoding="utf-8"
    )
    code, out, err = run_aj(
        capsys,
        monkeypatch,
        r.root,
        "approve",
        "a.aj",
        "katki.aj",
        "b.aj",
        "puudub.aj",
        "--number",
        "1-2/34",
        "--date",
        "15.01.2026",
    )
    assert code == 1 and "katki.aj" in err and "puudub.aj" in err
    assert "2 descriptions approved" in out and "tag kaskkiri-1-2-34" in out
    for name in ("a.aj", "b.aj"):
        text = (r.root / name).read_text(encoding="utf-8")
        assert "  kinnitatud: käskkirjaga\n" in text
        assert "  number: 1-2/34\n" in text and "  kuupäev: 15.01.2026\n" in text
        assert "  lisa:" not in text  # directive 12's annex is not this one's
    head = r.git("rev-parse", "HEAD").strip()
    assert r.git("cat-file", "-t", "kaskkiri-1-2-34").strip() == "tag"  # annotated
    assert "PGP SIGNATURE" not in r.git("cat-file", "-p", "kaskkiri-1-2-34")  # no key
    assert r.git("rev-parse", "kaskkiri-1-2-34^{commit}").strip() == head
    assert r.git("show", "--name-only", "--format=", "HEAD").split() == ["a.aj", "b.aj"]
    assert r.git("status", "--porcelain", "--", "a.aj", "b.aj").strip() == ""
    revs = log_json(capsys, monkeypatch, r.root, "a.aj")["revisions"]
    assert revs[0]["approving_commit"] == head and "tag_problem" not in revs[0]
    # an annex, and the same directive again on another commit: a second tag
    code, out, err = run_aj(
        capsys,
        monkeypatch,
        r.root,
        "approve",
        "b.aj",
        "--number",
        "1-2/34",
        "--date",
        "15.01.2026",
        "--annex",
        "2",
    )
    assert code == 0, err
    assert "  lisa: 2\n" in (r.root / "b.aj").read_text(encoding="utf-8")
    assert "tag kaskkiri-1-2-34.2" in out
    # bad arguments: exit 2, nothing written
    before = (r.root / "a.aj").read_bytes()
    for bad in (["--date", "31.02.2026"], ["--date", "2026-01-15"]):
        code, out, err = run_aj(
            capsys, monkeypatch, r.root, "approve", "a.aj", "--number", "5", *bad
        )
        assert code == 2 and "--date" in err
    assert (r.root / "a.aj").read_bytes() == before


def test_log_says_when_the_approved_text_differs_from_the_tag(tmp_path, capsys, monkeypatch):
    r = Repo(tmp_path / "repo")
    r.write("a.aj", V95)
    r.commit("algus")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    (tmp_path / "gitconfig").write_text(
        "[user]\n\tname = Mari Maasikas\n\temail = mari@example.ee\n", encoding="utf-8"
    )
    code, _, err = run_aj(
        capsys, monkeypatch, r.root, "approve", "a.aj", "--number", "14", "--date", "15.01.2026"
    )
    assert code == 0, err
    # a layout-only rewrite of the approving commit is still the approved text
    r.write("a.aj", LAYOUT["comment"]((r.root / "a.aj").read_text(encoding="utf-8")))
    r.git("commit", "-q", "-a", "--amend", "--no-edit")
    revs = log_json(capsys, monkeypatch, r.root, "a.aj")["revisions"]
    assert revs[0]["label"] == "käskkiri nr 14 (15.01.2026)" and "tag_problem" not in revs[0]
    # history rewritten: the approving commit now says something else
    r.write("a.aj", EDITS["duty"]((r.root / "a.aj").read_text(encoding="utf-8")))
    r.git("commit", "-q", "-a", "--amend", "--no-edit")
    revs = log_json(capsys, monkeypatch, r.root, "a.aj")["revisions"]
    assert revs[0]["label"] == "käskkiri nr 14 (15.01.2026)"
    assert revs[0]["tag_problem"] == "the approved text differs from tag kaskkiri-14"
    code, out, _ = run_aj(capsys, monkeypatch, r.root, "log", "a.aj")
    assert "    ! the approved text differs from tag kaskkiri-14" in out


# --- 6. point in time ------------------------------------------------------------------------


def dated(root) -> Repo:
    """nr 95 (11.06.2023); nr 12 (02.02.2024) in force from 01.03.2024 (jõustub); a change
    after it, never approved; b.aj approved only from 14 (15.01.2026)."""
    r = Repo(root)
    r.write("a.aj", V95)
    r.commit("nr 95")
    v12 = with_approval(V95, "12", "02.02.2024").replace(
        "  kuupäev: 02.02.2024\n", "  kuupäev: 02.02.2024\n  jõustub: 01.03.2024\n", 1
    )
    r.write("a.aj", EDITS["field"](v12))
    r.commit("nr 12")
    r.write("a.aj", EDITS["duty"](EDITS["field"](v12)))
    r.commit("kinnitamata muudatus")
    r.write("b.aj", retitled(V95, "Nõunik").replace("  kinnitatud: käskkirjaga\n", "", 1))
    r.commit("b kavand")
    r.write("b.aj", with_approval(retitled(V95, "Nõunik"), "14", "15.01.2026"))
    r.commit("nr 14")
    return r


@pytest.mark.parametrize(
    "day, want",
    [
        ("10.06.2023", None),
        ("11.06.2023", "95"),
        ("01.02.2024", "95"),
        ("02.02.2024", "95"),
        ("29.02.2024", "95"),
        ("01.03.2024", "12"),
        ("31.12.2030", "12"),
    ],
)
def test_show_at_prints_the_text_in_force(tmp_path, capsys, monkeypatch, day, want):
    r = dated(tmp_path / "repo")
    code, out, err = run_aj(
        capsys, monkeypatch, r.root, "show", "a.aj", "--at", day, "--width", "100"
    )
    if want is None:
        assert code == 1 and "nothing was in force" in err
        return
    assert code == 0, err
    first = out.splitlines()[0]
    assert first.startswith(f"käskkiri nr {want} (")
    # the unapproved change is never in force; nr 12's own change is, from 01.03.2024
    words = " ".join(out.split())
    assert "ööpäevaringne ning järelevalve" not in words
    assert ("Piirkonna juht ning järelevalve" in words) == (want == "12")
    code, out2, _ = run_aj(
        capsys, monkeypatch, r.root, "log", "--in-force", day, "--format", "json"
    )
    rows = {x["path"]: x for x in json.loads(out2)["descriptions"]}
    assert rows["a.aj"]["number"] == want
    if want == "12":
        assert rows["a.aj"]["in_force_from"] == "01.03.2024"


def test_log_in_force_lists_every_description(tmp_path, capsys, monkeypatch):
    r = dated(tmp_path / "repo")
    code, out, _ = run_aj(
        capsys, monkeypatch, r.root, "log", "--in-force", "01.01.2026", "--format", "json"
    )
    rows = {x["path"]: (x["revision"], x["in_force_from"]) for x in json.loads(out)["descriptions"]}
    assert rows == {"a.aj": ("käskkiri nr 12 (02.02.2024)", "01.03.2024"), "b.aj": (None, None)}
    code, out, _ = run_aj(capsys, monkeypatch, r.root, "log", "--in-force", "15.01.2026")
    assert "b.aj  käskkiri nr 14 (15.01.2026)  from 15.01.2026" in out
    code, out, err = run_aj(capsys, monkeypatch, r.root, "log", "--in-force", "32.01.2026")
    assert code == 2 and "not a date" in err


async def test_the_history_screen_finds_the_revision_in_force(tmp_path, monkeypatch):
    from textual.widgets import OptionList

    from tests.helpers.tui import GIT_ENV, make_app, settle

    for k, v in GIT_ENV.items():
        monkeypatch.setenv(k, v)
    r = dated(tmp_path / "repo")
    app = make_app(r.root, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        from ajtui.tui.screens.history import HistoryScreen

        app.push_screen(HistoryScreen(r.root / "a.aj"))
        await settle(pilot)
        screen = app.screen
        for day, want in (
            ("15.02.2024", "käskkiri nr 95 (11.06.2023)"),
            ("15.03.2024", "käskkiri nr 12 (02.02.2024)"),
        ):
            await pilot.press("t")
            await pilot.pause()
            await pilot.press(*day, "enter")
            await settle(pilot)
            i = screen.query_one("#revisions", OptionList).highlighted
            assert screen.rows[i][0] == "rev" and screen.rows[i][1].label == want
            assert any(f"In force on {day}: {want}" in n.message for n in app._notifications)


# --- 7. provenance of each wording -----------------------------------------------------------


def test_blame_names_the_revision_that_introduced_each_wording(tmp_path, capsys, monkeypatch):
    r = Repo(tmp_path / "repo")
    r.write("a.aj", V95)
    first = r.commit("nr 95")
    v23 = EDITS["field"](with_approval(V95, "23", "12.02.2024"))
    r.write("a.aj", v23)
    nr23 = r.commit("nr 23")
    r.write("a.aj", LAYOUT["comment"](v23))  # layout: no new wording
    r.commit("märkus")
    r.write("a.aj", EDITS["duty"](LAYOUT["comment"](v23)))
    later = r.commit("kinnitamata")
    code, out, err = run_aj(capsys, monkeypatch, r.root, "blame", "a.aj", "--format", "json")
    assert code == 0, err
    rows = {x["path"]: x for x in json.loads(out)}
    assert rows["üldosa.vahetu juht"]["sha"] == nr23
    assert rows["üldosa.vahetu juht"]["approval"] == "käskkiri nr 23 (12.02.2024)"
    assert (rows["üldosa.vahetu juht"]["number"], rows["üldosa.vahetu juht"]["date"]) == (
        "23",
        "12.02.2024",
    )
    assert rows["ülesanded[3.1]"]["sha"] == later
    assert rows["ülesanded[3.1]"]["approval"] == "kinnitamata"
    assert rows["ülesanded[3.2]"]["sha"] == first
    assert rows["ametijuhend.number"]["sha"] == nr23
    assert rows["üldosa.ametinimetus"]["approval"] == "käskkiri nr 95 (11.06.2023)"
    text = (r.root / "a.aj").read_text(encoding="utf-8").splitlines()
    assert text[rows["üldosa.vahetu juht"]["line"] - 1].startswith("  vahetu juht:")
    assert any(p.startswith("ülesanded[3.1].tulemused[") for p in rows)
    # an uncommitted change is the draft's (mustand); renumbering keeps the wording
    r.write(
        "a.aj",
        (r.root / "a.aj")
        .read_text(encoding="utf-8")
        .replace(
            "  vahetu juht: Piirkonna juht ning järelevalve", "  vahetu juht: Osakonnajuhataja"
        ),
    )
    code, out, _ = run_aj(capsys, monkeypatch, r.root, "blame", "a.aj", "--format", "json")
    rows = {x["path"]: x for x in json.loads(out)}
    assert rows["üldosa.vahetu juht"]["approval"] == "mustand"
    assert rows["üldosa.vahetu juht"]["sha"] is None
    code, out, _ = run_aj(capsys, monkeypatch, r.root, "blame", "a.aj")
    assert code == 0 and "käskkiri nr 23 (12.02.2024)  üldosa" not in out.split("\n")[0]
    assert any(
        ln.split()[-1] == "ülesanded[3.1]" and "kinnitamata" in ln for ln in out.splitlines()
    )


async def test_the_blame_view_from_the_document_screen(tmp_path, monkeypatch, capsys):
    from tests.helpers.tui import GIT_ENV, demo_repo, make_app, settle

    for k, v in GIT_ENV.items():
        monkeypatch.setenv(k, v)
    root = demo_repo(tmp_path)
    klat = "ametijuhendid/koordinaator-klat.aj"
    code, out, _ = run_aj(capsys, monkeypatch, root, "blame", klat, "--format", "json")
    want = [(x["path"], x["approval"], x["sha"]) for x in json.loads(out)]
    assert any(a == "kinnitamata" for _p, a, _s in want)  # the demo's requirement
    app = make_app(root, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        from ajtui.tui.screens.document import DocumentScreen

        app.push_screen(DocumentScreen(root / klat))
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        screen = app.screen
        assert type(screen).__name__ == "BlameScreen"
        assert [
            (b.path, b.revision.label, b.commit.sha if b.commit else None) for b in screen.lines
        ] == want


def test_approve_signs_the_tag_when_a_signing_key_is_configured(tmp_path, capsys, monkeypatch):
    r = Repo(tmp_path / "repo")
    r.write("a.aj", V95)
    r.commit("algus")
    gpg = tmp_path / "gpg"  # stands in for gpg: git calls it to sign, as it would gpg
    gpg.write_text(
        "#!/bin/sh\ncat > /dev/null\n"
        "echo '[GNUPG:] SIG_CREATED D 1 8 00 1 ABC' >&2\n"
        "printf -- '-----BEGIN PGP SIGNATURE-----\\n\\nAA==\\n"
        "-----END PGP SIGNATURE-----\\n'\n",
        encoding="utf-8",
    )
    gpg.chmod(0o755)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    (tmp_path / "gitconfig").write_text(
        "[user]\n\tname = Mari Maasikas\n\temail = mari@example.ee\n"
        f"\tsigningkey = TESTKEY\n[gpg]\n\tprogram = {gpg}\n",
        encoding="utf-8",
    )
    code, out, err = run_aj(
        capsys, monkeypatch, r.root, "approve", "a.aj", "--number", "7", "--date", "01.02.2026"
    )
    assert code == 0, err
    tag = r.git("cat-file", "-p", "kaskkiri-7")
    assert "-----BEGIN PGP SIGNATURE-----" in tag and "käskkiri nr 7 (01.02.2026)" in tag
