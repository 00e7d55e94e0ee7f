"""The workspace as an organisation in the app (`o` in the library: ajtui.tui.screens.org,
from ajtui.store.organisation) and "used in N descriptions" (`w` on a description:
ajtui.tui.screens.whereused), on the generated organisation of tests/helpers/org.py, on
the demo repository and on small workspaces."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import ROOT
from tests.helpers.org import write_org
from tests.helpers.tui import MARKUP_TITLE, demo_repo, make_app, markup_text, settle, workspace

TEMPLATE = (ROOT / "tests" / "helpers" / "template.aj").read_text(encoding="utf-8")
DUTY_32 = "kriisijuhtumi ohvrite abistamisel"


@pytest.fixture(scope="module")
def org_1k(tmp_path_factory):
    folder = tmp_path_factory.mktemp("org") / "org1k"
    faults = write_org(folder, faults=True)
    return folder, faults


def _labels(node) -> list[str]:
    """The plain labels of a tree node's children."""
    return [child.label.plain for child in node.children]


def _top(screen, heading: str):
    """The tree's top node whose label starts with `heading`."""
    tree = screen.org_tree
    return next(n for n in tree.root.children if n.label.plain.startswith(heading))


def _walk(node):
    yield node
    for child in node.children:
        yield from _walk(child)


def _find(screen, heading: str, data: str):
    """The node under the top node `heading` that opens the description `data`."""
    return next(n for n in _walk(_top(screen, heading)) if n.data == data)


async def _reveal(pilot, screen, node) -> None:
    """Unfold the node's ancestors and put the cursor on it."""
    parent = node.parent
    while parent is not None:
        parent.expand()
        parent = parent.parent
    await pilot.pause()  # the tree's lines are laid out again
    screen.org_tree.move_cursor(node)
    await pilot.pause()
    assert screen.org_tree.cursor_node is node


async def _open_org(pilot):
    from ajtui.tui.screens.org import OrgScreen

    await settle(pilot)
    await pilot.press("o")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, OrgScreen)
    assert screen.loaded is not None
    return screen


# --- the generated organisation --------------------------------------------------------------


async def test_the_org_view_shows_units_positions_and_whom_each_reports_to(org_1k, tmp_path):
    folder, _faults = org_1k
    app = make_app(folder, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open_org(pilot)
        assert len(screen.loaded.org.positions) == 1000
        units = _top(screen, "Units")
        assert units.label.plain == "Units · 1000 positions"
        departments = _labels(units)
        assert len(departments) == 8
        assert departments[0] == "Ohvriabi osakond  125"  # 1 head, 4 offices of 31
        dept = units.children[0]
        assert (
            _labels(dept)[0]
            == "Osakonna juhataja  d0-osakonna-juhataja.aj  → Peadirektor  (outside)"
        )
        offices = [n for n in dept.children if n.children]
        assert [n.label.plain for n in offices][0] == "kriisitoe talitus  31"
        teams = [n for n in offices[0].children if n.children]
        assert [n.label.plain for n in teams] == [
            "tiim 1  7",
            "tiim 2  8",
            "tiim 3  7",
            "tiim 4  8",
        ]
        # a member reports to its own team's lead (named "Tiimijuhile"), the lead to its
        # office's head
        team = _labels(teams[1])
        assert team[1] == (
            "Juhtivspetsialist  t002-1-juhtivspetsialist.aj  → Tiimijuht  t002-tiimijuht.aj"
        )
        assert team[-1] == (
            "Tiimijuht  t002-tiimijuht.aj  → Talituse juhataja  d0-o0-talituse-juhataja.aj"
        )
        assert "1000 positions · 3 reference problems" in pilot.app.screen.query_one("#title").right
        # the reporting lines: the department heads at the top (they report outside)
        lines = _top(screen, "Reporting lines")
        assert not lines.children  # made when unfolded
        lines.expand()
        await pilot.pause()
        heads = [n.label.plain for n in lines.children if n.data]
        assert heads[0].startswith("Osakonna juhataja  d0-osakonna-juhataja.aj")
        assert len(heads) == 8 + 1  # and the position whose manager names no position
        assert any("Management cycle" in label for label in _labels(lines))


async def test_the_reference_problems_are_listed_with_file_line_and_field(org_1k, tmp_path):
    folder, faults = org_1k
    app = make_app(folder, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open_org(pilot)
        problems = _top(screen, "Reference problems")
        assert problems.label.plain == "Reference problems · 3"
        listed = {
            (n.data, n.label.plain.split("  ")[0].rsplit(":", 1)[1], n.label.plain.split("  ")[1])
            for n in problems.children
        }
        assert listed == {(f, str(line), code) for f, line, code in faults.expected()}
        missing = next(n.label.plain for n in problems.children if "AJ201" in n.label.plain)
        assert "vahetu juht: 'Grupijuhile' names no position" in missing
        # and on the position's own line
        name = faults.missing_manager[0]
        line = _find(screen, "Units", name).label.plain
        assert line.endswith("→ Grupijuhile  (not found)")


async def test_enter_on_a_position_opens_its_description(org_1k, tmp_path):
    from ajtui.tui.screens.document import DocumentScreen
    from ajtui.tui.screens.org import OrgScreen

    folder, faults = org_1k
    app = make_app(folder, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open_org(pilot)
        name = next(f for f in sorted(screen.loaded.org.positions) if f.startswith("t077-3-"))
        node = _find(screen, "Units", name)  # in a folded team
        assert not node.parent.is_expanded
        await _reveal(pilot, screen, node)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, DocumentScreen)
        assert pilot.app.screen.path == folder / name
        await pilot.press("escape")
        await settle(pilot)
        assert pilot.app.screen is screen
        # a reference problem opens the description that holds the reference
        cycle = faults.cycle[0]
        node = next(n for n in _top(screen, "Reference problems").children if n.data == cycle)
        await _reveal(pilot, screen, node)
        await pilot.press("enter")
        await settle(pilot)
        assert pilot.app.screen.path == folder / cycle
        await pilot.press("escape")
        await settle(pilot)
        # enter on a unit folds it, and opens nothing
        unit = _top(screen, "Units").children[1]
        await _reveal(pilot, screen, unit)
        await pilot.pause()
        assert unit.is_expanded
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, OrgScreen)
        assert not unit.is_expanded


# --- the demo ----------------------------------------------------------------------------------


async def test_the_demo_as_an_organisation(tmp_path):
    from ajtui.tui.screens.document import DocumentScreen

    repo = demo_repo(tmp_path)
    app = make_app(repo, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_org(pilot)
        units = _top(screen, "Units")
        assert _labels(units) == ["Ohvriabi osakond  4", "Ohvriabi ja ennetusteenuste osakond  1"]
        name = "ametijuhendid/noustaja-kriisitoe-talitus.aj"
        node = _find(screen, "Units", name)
        assert node.label.plain == (
            f"Noustaja  {name}  → Juhtivspetsialist (OA kriisitelefon)  (not found)"
        )
        problems = [n.label.plain for n in _top(screen, "Reference problems").children]
        assert (
            f"{name}:15  AJ201  vahetu juht: 'Juhtivspetsialist (OA kriisitelefon)' names no position in the workspace"
            in problems
        )
        await _reveal(pilot, screen, node)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, DocumentScreen)
        assert pilot.app.screen.path == repo / name


async def test_text_from_the_files_is_never_markup(tmp_path):
    ws = workspace(tmp_path, {"a.aj": markup_text()})
    app = make_app(ws, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_org(pilot)
        node = _find(screen, "Units", "a.aj")
        assert node.label.plain.startswith(f"{MARKUP_TITLE} (psühhosotsiaalse")
        assert "  a.aj  → Piirkonna juht  (not found)" in node.label.plain
        assert app.is_running  # the [@click=app.quit] in the title did nothing


async def test_a_file_that_does_not_parse_is_listed_not_lost(tmp_path):
    ws = workspace(tmp_path, {"a.aj": markup_text(), "broken.aj": "ametijuhend\n  ::: nonsense\n"})
    app = make_app(ws, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_org(pilot)
        left = _top(screen, "Not read as descriptions")
        assert left.label.plain == "Not read as descriptions · 1"
        (line,) = _labels(left)
        assert line.startswith("broken.aj  2:")
        assert "1 not read" in screen.query_one("#title").right


# --- the organisation's facts, cached ------------------------------------------------------------


def test_the_facts_are_aj_orgs_and_parsed_once(tmp_path):
    """The organisation is the one `aj org` derives; a second load parses nothing, a changed
    file is parsed again, a damaged cache entry is not believed."""
    from ajtui.cli.check import check_files_facts
    from ajtui.ops.org import Organisation
    from ajtui.store import organisation
    from ajtui.store.project import load as load_project
    from ajtui.store.workspace import Workspace

    repo = demo_repo(tmp_path)
    ws = Workspace(repo)
    paths = ws.scan()
    files = [str(p) for p in paths]
    _diags, known = check_files_facts(files, cache=False)
    cli = Organisation.build(known, load_project(repo).external).as_json()
    cache = tmp_path / "cache"
    first = organisation.load(repo, paths, str, folder=cache)
    assert first is not None
    assert first.org.as_json() == cli
    assert first.parsed == len(paths)
    again = organisation.load(repo, paths, str, folder=cache)
    assert again is not None and again.parsed == 0
    assert again.org.as_json() == cli
    # one file changed: only it is parsed
    changed = paths[0]
    text = changed.read_text(encoding="utf-8")
    changed.write_text(
        text.replace("vahetu juht: Kaugnõustamisteenuste juht", "vahetu juht: Noustaja"),
        encoding="utf-8",
    )
    third = organisation.load(repo, paths, str, folder=cache)
    assert third is not None and third.parsed == 1
    assert third.org.manager(str(changed)) == str(
        repo / "ametijuhendid/noustaja-kriisitoe-talitus.aj"
    )
    # a cache entry of another shape is parsed again, not used
    (store,) = (cache / "library").glob("*.org.json")
    data = json.loads(store.read_text(encoding="utf-8"))
    for key in data["entries"]:
        data["entries"][key] = [{"title": 1}, ""]
    store.write_text(json.dumps(data), encoding="utf-8")
    fourth = organisation.load(repo, paths, str, folder=cache)
    assert fourth is not None and fourth.parsed == len(paths)
    assert fourth.org.as_json() == third.org.as_json()


def test_units_are_one_whatever_their_case_ending():
    from ajtui.ops.org import NO_UNIT, Organisation, unit_parts, unit_tree

    assert unit_parts("Ohvriabi osakond, kriisitoe talitus (piirkond A, B)") == [
        "Ohvriabi osakond",
        "kriisitoe talitus (piirkond A, B)",
    ]
    org = Organisation.build(
        {
            "a.aj": {"title": "Jurist", "unit": "Õigusosakond, menetluse talitus", "refs": []},
            "b.aj": {"title": "Nõunik", "unit": "Õigusosakonna, menetluse talituse", "refs": []},
            "c.aj": {"title": "Juhataja", "unit": "Õigusosakond", "refs": []},
            "d.aj": {"title": "Peadirektor", "unit": "", "refs": []},
        }
    )
    root = unit_tree(org)
    assert [u.name for u in root.children.values()] == ["Õigusosakond", NO_UNIT]
    dept = next(iter(root.children.values()))
    assert dept.positions == ["c.aj"] and dept.count() == 3
    (office,) = dept.children.values()
    assert office.name == "menetluse talitus" and office.positions == ["a.aj", "b.aj"]


# --- used in N descriptions ----------------------------------------------------------------------


def _used_workspace(tmp_path) -> Path:
    """Duty 3.2 of the template word for word in noustaja.aj, nearly in jurist.aj, not in
    the fixture sample."""
    from tests.helpers.tui import SAMPLE

    assert DUTY_32 in TEMPLATE
    return workspace(
        tmp_path,
        {
            "koordinaator.aj": TEMPLATE,
            "noustaja.aj": TEMPLATE.replace("ametinimetus: Koordinaator", "ametinimetus: Nõustaja"),
            "jurist.aj": TEMPLATE.replace(DUTY_32, "kriisijuhtumi ohvrite aitamisel"),
            "sample.aj": SAMPLE.read_text(encoding="utf-8"),
        },
    )


async def _where_used(pilot, path: Path):
    from ajtui.tui.screens.document import DocumentScreen
    from ajtui.tui.screens.whereused import WhereUsedScreen

    await settle(pilot)
    await pilot.app.push_screen(DocumentScreen(path))
    await settle(pilot)
    await pilot.press("w")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, WhereUsedScreen)
    assert screen.parts
    return screen


def _part(screen, path: str) -> int:
    return next(i for i, (u, _places) in enumerate(screen.parts) if u.path == path)


async def test_used_in_lists_the_places_and_opens_one(tmp_path):
    from ajtui.tui.screens.document import DocumentScreen
    from ajtui.tui.screens.whereused import WhereUsedScreen

    ws = _used_workspace(tmp_path)
    app = make_app(ws, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _where_used(pilot, ws / "koordinaator.aj")
        parts = screen.query_one("#wu-parts")
        i = _part(screen, "ülesanded[3.2].tekst")
        assert parts.get_option_at_index(i).prompt.plain.startswith(
            "    2 others ülesanded[3.2].tekst"
        )
        parts.highlighted = i
        await settle(pilot)
        places = screen.query_one("#wu-places")
        shown = [places.get_option_at_index(k).prompt.plain for k in range(places.option_count)]
        assert shown[0].startswith("1.00  noustaja.aj:")
        assert shown[1].startswith("0.9") and "jurist.aj:" in shown[1]
        assert "aitamisel" in shown[1]  # a different wording shows its text
        assert len(shown) == 2  # not the sample, and not the part itself
        assert "Used in 2 other descriptions" in str(screen.query_one("#wu-wording").render())
        await pilot.press("enter")  # to the places
        await pilot.pause()
        assert places.has_focus
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, DocumentScreen)
        assert pilot.app.screen.path == ws / "jurist.aj"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, WhereUsedScreen)
        await pilot.press("escape")  # from the places to the parts
        assert parts.has_focus
        await pilot.press("escape")  # back to the description
        await settle(pilot)
        assert isinstance(pilot.app.screen, DocumentScreen)
        assert pilot.app.screen.path == ws / "koordinaator.aj"


async def test_used_in_on_the_demo(tmp_path):
    from ajtui.tui.screens.document import DocumentScreen

    repo = demo_repo(tmp_path)
    name = repo / "ametijuhendid/teenuse-juht-tttvt.aj"
    app = make_app(repo, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _where_used(pilot, name)
        assert not any(u.path.endswith(".pealkiri") for u, _ in screen.parts)  # headings left out
        i = _part(screen, "ülesanded[3.3].tekst")
        _unit, places = screen.parts[i]
        others = sorted({p.file for p in places} - {str(name)})
        assert len(others) == 2
        screen.query_one("#wu-parts").highlighted = i
        await settle(pilot)
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, DocumentScreen)
        assert str(pilot.app.screen.path) == screen.places[0].file
        assert str(pilot.app.screen.path) in others


async def test_used_in_a_description_that_does_not_parse_says_why(tmp_path):
    ws = workspace(tmp_path, {"broken.aj": "ametijuhend\n  ::: nonsense\n"})
    app = make_app(ws, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        from ajtui.tui.screens.document import DocumentScreen

        await settle(pilot)
        await pilot.app.push_screen(DocumentScreen(ws / "broken.aj"))
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        parts = pilot.app.screen.query_one("#wu-parts")
        assert parts.get_option_at_index(0).prompt.plain.startswith("broken.aj:2:")
        assert pilot.app.screen.query_one("#title").right == "not read"


async def test_long_lists_of_places_wait_for_a_pause_but_not_for_enter(tmp_path, monkeypatch):
    from ajtui.tui.screens import whereused

    monkeypatch.setattr(whereused, "QUICK_PLACES", 1)  # two places are "long" here
    monkeypatch.setattr(whereused, "PLACES_PAUSE", 60.0)  # never within the test
    ws = _used_workspace(tmp_path)
    app = make_app(ws, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _where_used(pilot, ws / "koordinaator.aj")
        i = _part(screen, "ülesanded[3.2].tekst")
        screen.query_one("#wu-parts").highlighted = i
        await settle(pilot)
        assert screen._pending is not None
        assert not any("jurist.aj" in p.file for p in screen.places)  # not yet
        await pilot.press("enter")
        await pilot.pause()
        assert screen._pending is None
        assert [Path(p.file).name for p in screen.places] == ["noustaja.aj", "jurist.aj"]
        assert screen.query_one("#wu-places").has_focus


async def test_a_broken_project_file_is_said_and_the_organisation_still_shown(tmp_path):
    ws = workspace(tmp_path, {"a.aj": markup_text()})
    (ws / ".ajtui.toml").write_text("[workspace\nexternal = 3\n", encoding="utf-8")
    app = make_app(ws, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_org(pilot)
        assert "a.aj" in screen.loaded.org.positions
        said = [(n.title, str(n.message)) for n in app._notifications]
        assert any(
            title == "Project file not used" and ".ajtui.toml" in message for title, message in said
        ), said
