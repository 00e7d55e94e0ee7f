"""Issue 15, the rest: `jõustub` (entry into force) as a known, checked date field used by
the point-in-time commands; tag mismatches in the whole-repository log; `aj show --at`
rendering off a terminal."""

from __future__ import annotations

import json

import pytest

from ajtui.cli import _kept

from tests.helpers.history import Repo, cache_home, fixture, run_aj, with_approval  # noqa: F401 (an autouse fixture)

V95 = fixture("koordinaator-95.aj")


def entering(text: str, key: str, value: str) -> str:
    """The text with `key: value` (entry into force) after the approval date."""
    at = text.index("\n", text.index("  kuupäev: ")) + 1
    return text[:at] + f"  {key}: {value}\n" + text[at:]


# --- jõustub: a known field, checked as a date ----------------------------------------------


@pytest.mark.parametrize("key", ["jõustub", "joustub", "Jõustub"])
@pytest.mark.parametrize(
    "value, code",
    [
        ("01.03.2024", None),
        ("1. märtsi 2024", None),
        ("  01.03.2024", None),
        ("31.02.2024", "AJ131"),
        ("järgmisel päeval", "AJ131"),
        ("märtsi 2024", "AJ135"),
    ],
)
def test_check_reads_entry_into_force_as_a_date(tmp_path, capsys, monkeypatch, key, value, code):
    text = entering(V95, key, value.strip())
    (tmp_path / "a.aj").write_text(text, encoding="utf-8")
    line = next(n for n, ln in enumerate(text.splitlines(), 1) if ln.startswith(f"  {key}:"))
    rc, out, err = run_aj(capsys, monkeypatch, tmp_path, "check", "a.aj")
    found = [ln for ln in (out + err).splitlines() if "AJ13" in ln or "AJ142" in ln]
    if code is None:
        assert rc == 0 and not found, out + err
    else:
        assert len(found) == 1 and code in found[0], out + err
        assert (rc != 0) == (code == "AJ131")  # no day: a warning, as for `kuupäev`
        assert f"a.aj:{line}:" in found[0]


def test_entry_into_force_is_a_known_field_with_its_label(tmp_path, capsys, monkeypatch):
    from ajtui import loads
    from ajtui.format.model import printed_label
    from ajtui.format.vocabulary import canonical_key

    doc = loads(entering(V95, "joustub", "01.03.2024"))
    sec = doc.section("ametijuhend")
    assert canonical_key("ametijuhend", "joustub") == "jõustub"
    assert sec.value("jõustub") == "01.03.2024"
    assert sec.get("jõustub") not in sec.extra
    assert printed_label(sec.get("jõustub")) == "Jõustub"
    # a misspelling is caught as one
    (tmp_path / "a.aj").write_text(entering(V95, "jõustus", "01.03.2024"), encoding="utf-8")
    rc, out, err = run_aj(capsys, monkeypatch, tmp_path, "check", "a.aj")
    assert "AJ142" in out + err and "'jõustub'" in out + err


def test_a_new_entry_into_force_goes_after_the_date(tmp_path):
    from ajtui import loads

    doc = loads(V95)
    sec = doc.section("ametijuhend")
    sec.set("jõustub", "01.03.2024")
    keys = [f.key for f in sec.fields]
    assert keys.index("jõustub") == keys.index("kuupäev") + 1


@pytest.mark.parametrize("key, value", [("joustub", "01.03.2024"), ("jõustub", "1. märtsi 2024")])
def test_point_in_time_uses_entry_into_force_in_any_spelling(
    tmp_path, capsys, monkeypatch, key, value
):
    r = Repo(tmp_path / "repo")
    r.write("a.aj", V95)
    r.commit("nr 95")
    r.write(
        "a.aj",
        entering(with_approval(V95, "12", "02.02.2024"), key, value).replace(
            "ametinimetus: Koordinaator\n", "ametinimetus: Nõunik\n", 1
        ),
    )
    r.commit("nr 12")
    for day, want in (("29.02.2024", "95"), ("01.03.2024", "12")):
        rc, out, err = run_aj(capsys, monkeypatch, r.root, "show", "a.aj", "--at", day)
        assert rc == 0, err
        assert out.splitlines()[0].startswith(f"käskkiri nr {want} ("), out
        rc, out, err = run_aj(
            capsys, monkeypatch, r.root, "log", "--in-force", day, "--format", "json"
        )
        [row] = json.loads(out)["descriptions"]
        assert row["number"] == want
        if want == "12":
            assert row["in_force_from"] == "01.03.2024"


# --- aj show --at: the rendering kept by blob id off a terminal ------------------------------


def two_directives(root) -> Repo:
    r = Repo(root)
    r.write("a.aj", V95)
    r.commit("nr 95")
    r.write(
        "a.aj",
        with_approval(V95, "12", "02.02.2024").replace(
            "ametinimetus: Koordinaator\n", "ametinimetus: Nõunik\n", 1
        ),
    )
    r.commit("nr 12")
    return r


@pytest.mark.parametrize("width", [None, "70", "130"])
def test_show_at_prints_the_same_from_the_cache_without_parsing(
    tmp_path, capsys, monkeypatch, width
):
    import ajtui.format.parser

    r = two_directives(tmp_path / "repo")
    extra = () if width is None else ("--width", width)
    first = {}
    for day in ("01.01.2024", "01.01.2025"):
        rc, out, err = run_aj(capsys, monkeypatch, r.root, "show", "a.aj", "--at", day, *extra)
        assert rc == 0, err
        first[day] = out
    assert first["01.01.2024"] != first["01.01.2025"]
    assert "Nõunik" in first["01.01.2025"] and "Nõunik" not in first["01.01.2024"]
    kept = list((tmp_path / "cache-home").rglob(f"{_kept.FOLDER}/*.txt"))
    assert len(kept) == 2

    def no_parse(*a, **k):
        raise AssertionError("parsed again")

    monkeypatch.setattr(ajtui.format.parser, "loads", no_parse)
    for day, want in first.items():
        rc, out, err = run_aj(capsys, monkeypatch, r.root, "show", "a.aj", "--at", day, *extra)
        assert (rc, out) == (0, want), err
    # another width is another text, rendered afresh
    monkeypatch.undo()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-home"))
    rc, out, _ = run_aj(
        capsys, monkeypatch, r.root, "show", "a.aj", "--at", "01.01.2025", "--width", "90"
    )
    assert (
        rc == 0
        and out != first["01.01.2025"]
        and out.split("\n")[0] == first["01.01.2025"].split("\n")[0]
    )


def test_show_at_keeps_nothing_when_styles_are_asked_for(tmp_path, capsys, monkeypatch):
    r = two_directives(tmp_path / "repo")
    monkeypatch.setenv("FORCE_COLOR", "1")
    rc, out, err = run_aj(capsys, monkeypatch, r.root, "show", "a.aj", "--at", "01.01.2025")
    assert rc == 0 and "\x1b[" in out
    assert not list((tmp_path / "cache-home").rglob(f"{_kept.FOLDER}/*.txt"))
    monkeypatch.delenv("FORCE_COLOR")
    rc, plain, err = run_aj(capsys, monkeypatch, r.root, "show", "a.aj", "--at", "01.01.2025")
    assert rc == 0 and "\x1b[" not in plain
    rc, again, err = run_aj(capsys, monkeypatch, r.root, "show", "a.aj", "--at", "01.01.2025")
    assert again == plain


def test_show_at_output_matches_plain_show_of_that_version(tmp_path, capsys, monkeypatch):
    r = two_directives(tmp_path / "repo")
    for _ in range(2):  # rendered, then from the cache
        rc, out, err = run_aj(
            capsys, monkeypatch, r.root, "show", "a.aj", "--at", "01.01.2025", "--width", "100"
        )
        heading, _, body = out.partition("\n")
        assert heading.startswith("käskkiri nr 12 (02.02.2024) — in force from 02.02.2024")
        rc, plain, err = run_aj(capsys, monkeypatch, r.root, "show", "a.aj", "--width", "100")
        assert body == plain


def test_point_in_time_reads_entry_into_force_once(tmp_path, capsys, monkeypatch):
    """`jõustub` is kept by blob id with the history's cache: a second `aj show --at` or
    `aj log --in-force` parses no version (nor renders one)."""
    import ajtui.format.parser
    import ajtui.store.versions

    r = Repo(tmp_path / "repo")
    r.write("a.aj", V95)
    r.commit("nr 95")
    r.write(
        "a.aj",
        entering(with_approval(V95, "12", "02.02.2024"), "jõustub", "01.03.2024").replace(
            "ametinimetus: Koordinaator\n", "ametinimetus: Nõunik\n", 1
        ),
    )
    r.commit("nr 12")
    days = ("29.02.2024", "01.03.2024")
    first = {}
    for day in days:
        first[day] = run_aj(capsys, monkeypatch, r.root, "show", "a.aj", "--at", day)
        first["log " + day] = run_aj(capsys, monkeypatch, r.root, "log", "--in-force", day)
    assert first["01.03.2024"][1].startswith(
        "käskkiri nr 12 (02.02.2024) — in force from 01.03.2024"
    )

    def refuse(*a, **k):
        raise AssertionError("a version was read again")

    monkeypatch.setattr(ajtui.format.parser, "loads", refuse)
    monkeypatch.setattr(ajtui.store.versions.VersionChecker, "info", refuse)
    for day in days:
        assert run_aj(capsys, monkeypatch, r.root, "show", "a.aj", "--at", day) == first[day]
        assert run_aj(capsys, monkeypatch, r.root, "log", "--in-force", day) == first["log " + day]


# --- the whole repository's log says when an approved text differs from its tag --------------


def test_whole_log_names_tag_mismatches(tmp_path, capsys, monkeypatch):
    r = Repo(tmp_path / "repo")
    r.write("a.aj", V95)
    r.write("b.aj", V95.replace("ametinimetus: Koordinaator\n", "ametinimetus: Nõunik\n", 1))
    r.commit("algus")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    (tmp_path / "gitconfig").write_text(
        "[user]\n\tname = Mari Maasikas\n\temail = mari@example.ee\n", encoding="utf-8"
    )
    rc, _, err = run_aj(
        capsys,
        monkeypatch,
        r.root,
        "approve",
        "a.aj",
        "b.aj",
        "--number",
        "14",
        "--date",
        "15.01.2026",
    )
    assert rc == 0, err

    def whole() -> dict:
        rc, out, err = run_aj(capsys, monkeypatch, r.root, "log", "--format", "json")
        assert rc == 0, err
        [d] = [d for d in json.loads(out)["directives"] if d["number"] == "14"]
        return {e["path"]: e.get("tag_problem") for e in d["descriptions"]}

    assert whole() == {"a.aj": None, "b.aj": None}
    rc, out, _ = run_aj(capsys, monkeypatch, r.root, "log")
    assert "!" not in out
    # history rewritten: the approving commit now says something else for a.aj only
    text = (r.root / "a.aj").read_text(encoding="utf-8")
    assert "valmisolek kriisijuhtumitele" in text
    r.write(
        "a.aj",
        text.replace("valmisolek kriisijuhtumitele", "valmisolek kõigile kriisijuhtumitele", 1),
    )
    r.git("commit", "-q", "-a", "--amend", "--no-edit")
    assert whole() == {"a.aj": "the approved text differs from tag kaskkiri-14", "b.aj": None}
    rc, out, _ = run_aj(capsys, monkeypatch, r.root, "log")
    lines = out.splitlines()
    at = next(n for n, ln in enumerate(lines) if ln.startswith("  a.aj"))
    assert lines[at + 1] == "    ! the approved text differs from tag kaskkiri-14"
    assert sum("!" in ln for ln in lines) == 1
    # the same in the per-file log
    rc, out, _ = run_aj(capsys, monkeypatch, r.root, "log", "a.aj")
    assert "    ! the approved text differs from tag kaskkiri-14" in out


# --- aj approve with a real signing key --------------------------------------------------------


def test_approve_signs_with_a_real_gpg_key(tmp_path, capsys, monkeypatch):
    """The tag is signed with the user's configured key and verifies with git (a real gpg,
    a throwaway key without a passphrase)."""
    import shutil
    import subprocess

    gpg = shutil.which("gpg")
    if gpg is None:
        pytest.skip("gpg is not installed")
    home = tmp_path / "gnupg"
    home.mkdir(mode=0o700)
    monkeypatch.setenv("GNUPGHOME", str(home))
    made = subprocess.run(
        [
            gpg,
            "--batch",
            "--pinentry-mode",
            "loopback",
            "--passphrase",
            "",
            "--quick-gen-key",
            "Mari Maasikas <mari@example.ee>",
            "ed25519",
            "sign",
            "never",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    if made.returncode:
        pytest.skip(f"gpg cannot make a key here: {made.stderr.strip()[:200]}")
    listed = subprocess.run(
        [gpg, "--batch", "--with-colons", "--list-secret-keys"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    fpr = next(ln.split(":")[9] for ln in listed.splitlines() if ln.startswith("fpr:"))
    r = Repo(tmp_path / "repo")
    r.write("a.aj", V95)
    r.commit("algus")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    (tmp_path / "gitconfig").write_text(
        f"[user]\n\tname = Mari Maasikas\n\temail = mari@example.ee\n\tsigningkey = {fpr}\n",
        encoding="utf-8",
    )
    rc, out, err = run_aj(
        capsys, monkeypatch, r.root, "approve", "a.aj", "--number", "7", "--date", "01.02.2026"
    )
    assert rc == 0, err
    env = {**r.env(), "GNUPGHOME": str(home), "GIT_CONFIG_GLOBAL": str(tmp_path / "gitconfig")}
    verified = subprocess.run(
        ["git", "tag", "-v", "kaskkiri-7"], cwd=r.root, env=env, capture_output=True, text=True
    )
    assert verified.returncode == 0, verified.stderr
    assert "Good signature" in verified.stderr and "käskkiri nr 7 (01.02.2026)" in verified.stdout
    # the commit the tag names is the approving commit `aj log` reports
    head = r.git("rev-parse", "HEAD").strip()
    rc, out, err = run_aj(capsys, monkeypatch, r.root, "log", "a.aj", "--format", "json")
    assert json.loads(out)["revisions"][0]["approving_commit"] == head
    assert "tag_problem" not in json.loads(out)["revisions"][0]


# --- invisible characters: the app's directive diff shows them -------------------------------


@pytest.mark.parametrize("size", [(120, 60), (90, 60)])  # side by side, and unified
async def test_the_app_shows_invisible_characters_in_a_directive_diff(tmp_path, monkeypatch, size):
    from tests.helpers.tui import GIT_ENV, make_app, screen_text, settle

    for k, v in GIT_ENV.items():
        monkeypatch.setenv(k, v)
    r = Repo(tmp_path / "repo")
    r.write("a.aj", V95)
    r.commit("nr 95")
    text = with_approval(V95, "14", "15.01.2026")
    assert "valmisolek kriisijuhtumitele" in text and "vahetu juht: Piirkonna juht" in text
    r.write(
        "a.aj",
        text.replace(
            "valmisolek kriisijuhtumitele", "valmisolek\u200b kriisijuhtumitele", 1
        ).replace("vahetu juht: Piirkonna juht", "vahetu juht: Piirkonna\u202e juht", 1),
    )
    r.commit("nr 14")
    app = make_app(r.root, tmp_path)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("k")
        await settle(pilot)
        await pilot.press("enter")  # directive 14, the newest
        await settle(pilot, 4)
        assert type(app.screen).__name__ == "DiffScreen"
        shown = screen_text(app)
        assert "⟨U+200B⟩" in shown and "⟨U+202E⟩" in shown, shown
        assert "\u200b" not in shown and "\u202e" not in shown
