"""The workspace as an organisation (`o` in the library): its units and positions as a tree,
each position's title, file and whom it reports to; the reporting lines; the references
that name no position or several, substitutions that are not mutual and management cycles
(the AJ2xx rules of `aj check DIR`); the files not read as descriptions. `enter` on a
position or a reference opens its description.

Built in a thread from the workspace's files, as `aj org` does, with each file's facts
cached by content beside the library's index (ajtui.store.organisation).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.widgets import Static, Tree
from textual.widgets.tree import TreeNode
from textual.worker import get_current_worker

from ajtui.tui.actions import bindings
from ajtui.tui.screens.base import AjScreen
from ajtui.tui.style import style
from ajtui.tui.widgets.footer import Footer
from ajtui.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from ajtui.ops.org import Organisation, UnitNode
    from ajtui.store.organisation import Loaded

#: Up to this many positions, every unit is unfolded at first; beyond, the outer two levels.
UNFOLD_ALL = 300

#: A node's data: the name of the description it opens (None: a heading or a unit).
Node = TreeNode["str | None"]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


class OrgScreen(AjScreen[None]):
    AUTO_FOCUS = "#org-tree"
    HELP_NOTES = [
        "Units are matched by their words whatever their case ending; a position's "
        "manager is the first name in its `vahetu juht` that names a position here.",
        "space folds or unfolds a unit; shift+up/down go to the previous/next one at the "
        "same level.",
        "Positions outside the workspace are listed in .ajtui.toml at its root: "
        '[workspace] external = ["…"].',
    ]
    DEFAULT_CSS = """
    OrgScreen #org-tree {
        height: 1fr;
        padding: 0;
        background: $background;
        scrollbar-size-vertical: 1;
    }
    OrgScreen #org-detail {
        height: auto;
        max-height: 6;
        padding: 0 1;
        background: $surface;
        border-top: hkey $panel-lighten-1;
    }
    """

    SCOPE = "org"
    BINDINGS = bindings(SCOPE)

    def __init__(self) -> None:
        super().__init__()
        self.loaded: Loaded | None = None
        #: the reporting lines' node, until it is first unfolded and filled
        self._lines: Node | None = None
        #: the AJ2xx findings, by file
        self.findings: dict[str, list] = {}

    def compose(self) -> ComposeResult:
        yield TitleBar("Organisation", "reading…", id="title")
        tree: Tree[str | None] = Tree(Text("Organisation"), id="org-tree")
        tree.show_root = False
        tree.guide_depth = 3
        yield tree
        yield Static(id="org-detail")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#org-detail").display = False
        self.load()

    @property
    def org_tree(self) -> Tree[str | None]:
        return self.query_one("#org-tree", Tree)

    # --- reading --------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="org", exit_on_error=False)
    def load(self) -> None:
        from ajtui.ops.org import unit_tree
        from ajtui.store import organisation

        ws = self.aj_app.workspace
        worker = get_current_worker()
        try:
            loaded = organisation.load(
                ws.root,
                ws.scan(),
                ws.name_of,
                folder=ws.cache_folder(),
                stop=lambda: worker.is_cancelled,
            )
            if loaded is None:
                return
            findings = loaded.org.diagnostics()
            units = unit_tree(loaded.org)
        except Exception as e:  # a bug, not a problem in the files: said, not hidden
            self.app.call_from_thread(self._failed, f"{type(e).__name__}: {e}")
            return
        self.app.call_from_thread(self._show, loaded, findings, units)

    def _failed(self, why: str) -> None:
        self.query_one("#title", TitleBar).right = "not read"
        self.aj_app.notify_error(why, "The organisation could not be read")

    def _show(self, loaded: Loaded, findings: dict[str, list], units: UnitNode) -> None:
        self.loaded, self.findings = loaded, findings
        org = loaded.org
        tree = self.org_tree
        keep = tree.cursor_line
        tree.clear()
        muted = style(self.app, "foreground-muted")
        count = len(org.positions)
        head = tree.root.add(Text(f"Units · {_plural(count, 'position')}", style="bold"))
        unfold = 99 if count <= UNFOLD_ALL else 2
        for child in units.children.values():
            self._add_unit(head, child, org, 1, unfold)
        head.expand()
        problems = sum(len(ds) for ds in findings.values())
        refs = tree.root.add(
            Text(f"Reference problems · {problems}", style="bold"), expand=bool(problems)
        )
        for f in sorted(findings):
            for d in findings[f]:
                line = Text(no_wrap=True, overflow="ellipsis")
                line.append(self._safe(f"{f}:{d.line}"), style=style(self.app, "accent"))
                line.append(f"  {d.code}  ", style=muted)
                line.append(self._safe(d.message))
                refs.add_leaf(line, data=f)
        if not problems:
            refs.add_leaf(Text("Every reference names one position.", style=muted))
        # made when first unfolded: as many nodes again as the units' tree
        self._lines = tree.root.add(Text("Reporting lines", style="bold"), allow_expand=True)
        if loaded.unread:
            left = tree.root.add(
                Text(f"Not read as descriptions · {len(loaded.unread)}", style="bold"),
                expand=True,
            )
            for name, why in sorted(loaded.unread.items()):
                line = Text(no_wrap=True, overflow="ellipsis")
                line.append(self._safe(name), style=style(self.app, "error"))
                line.append("  " + self._safe(why))
                left.add_leaf(line, data=name)
        if loaded.problem:
            self.aj_app.notify_error(
                loaded.problem + " (positions outside the workspace are not known)",
                "Project file not used",
            )
        said = [_plural(count, "position"), _plural(problems, "reference problem")]
        if loaded.unread:
            said.append(f"{len(loaded.unread)} not read")
        self.query_one("#title", TitleBar).right = " · ".join(said)
        tree.cursor_line = keep if 0 <= keep < tree.last_line + 1 else 0
        self._describe(tree.cursor_node)

    @staticmethod
    def _safe(text: str) -> str:
        from ajtui.base.safetext import safe_line

        return safe_line(text)

    def _add_unit(self, parent: Node, unit: UnitNode, org: Organisation, depth: int, unfold: int):
        node = parent.add(
            Text.assemble(
                (self._safe(unit.name), "bold"),
                (f"  {unit.count()}", style(self.app, "foreground-muted")),
            ),
            expand=depth <= unfold,
        )
        for f in unit.positions:
            node.add_leaf(self._position(f, org), data=f)
        for child in unit.children.values():
            self._add_unit(node, child, org, depth + 1, unfold)

    def _position(self, f: str, org: Organisation, *, manager: bool = True) -> Text:
        """A position's line: its title, its file, and whom it reports to."""
        p = org.positions[f]
        muted = style(self.app, "foreground-muted")
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(self._safe(p.title or "(no title)"))
        line.append(f"  {self._safe(f)}", style=muted)
        if not manager:
            return line
        boss = org.manager(f)
        if boss is not None:
            line.append("  → ", style=muted)
            line.append(self._safe(org.positions[boss].title or boss))
            line.append(f"  {self._safe(boss)}", style=muted)
            return line
        said = [link for link in org.links.get(f, ()) if link.ref.field == "vahetu juht"]
        if said:
            link = said[0]
            how = "outside" if link.external else "ambiguous" if link.candidates else "not found"
            line.append("  → ", style=muted)
            line.append(self._safe(link.name.text))
            line.append(
                f"  ({how})",
                style=muted if link.external else style(self.app, "warning"),
            )
        return line

    def _add_reporting_lines(self, parent: Node, org: Organisation) -> None:
        """Each position that reports to none here, and below it the positions that name it
        as vahetu juht, and theirs; then the positions in management cycles."""
        manager = {f: org.manager(f) for f in org.positions}
        below: dict[str, list[str]] = {}
        for f, m in sorted(manager.items()):
            if m is not None and m != f:
                below.setdefault(m, []).append(f)
        shown: set[str] = set()

        def walk(start: str, node: Node) -> None:
            stack = [(start, node)]
            while stack:
                f, at = stack.pop()
                if f in shown:
                    at.add_leaf(Text("↻ ") + self._position(f, org, manager=False), data=f)
                    continue
                shown.add(f)
                subs = below.get(f, [])
                label = self._position(f, org, manager=False)
                if subs:
                    label.append(f"  {len(subs)}", style=style(self.app, "foreground-muted"))
                    child = at.add(label, data=f)
                else:
                    child = at.add_leaf(label, data=f)
                stack.extend((s, child) for s in reversed(subs))

        for f in sorted(manager):
            if manager[f] is None:
                walk(f, parent)
        for loop in org.cycles():
            cycle = parent.add(
                Text("Management cycle: " + self._safe(" → ".join([*loop, loop[0]]))),
                expand=True,
            )
            for f in loop:
                if f not in shown:
                    walk(f, cycle)

    def on_tree_node_expanded(self, event: Tree.NodeExpanded) -> None:
        if event.node is self._lines and self.loaded is not None:
            self._lines = None
            self._add_reporting_lines(event.node, self.loaded.org)

    # --- the detail line ------------------------------------------------------------------

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        self._describe(event.node)

    def _describe(self, node: Node | None) -> None:
        """Under the tree: the highlighted position's unit, manager and substitutes."""
        detail = self.query_one("#org-detail", Static)
        loaded = self.loaded
        f = node.data if node is not None else None
        if loaded is None or f is None or f not in loaded.org.positions:
            detail.display = False
            return
        org = loaded.org
        p = org.positions[f]
        muted = style(self.app, "foreground-muted")
        text = Text()
        text.append(self._safe(p.title or "(no title)"), style="bold")
        text.append(f"  {self._safe(f)}", style=muted)
        text.append("\n" + self._safe(p.unit or "no unit"))

        def titles(files: list[str]) -> str:
            return ", ".join(
                self._safe(f"{org.positions[t].title or '(no title)'} ({t})") for t in files
            )

        boss = org.manager(f)
        said = [
            ("reports to", [boss] if boss is not None else []),
            ("substitutes", org.targets(f, "asendab")),
            ("substituted by", org.targets(f, "asendaja")),
            ("subordinates", org.targets(f, "alluvad")),
        ]
        first = True
        for label, files in said:
            if files:
                text.append("\n" if first else " · ")
                text.append(f"{label}: ", style=muted)
                text.append(titles(files))
                first = False
        detail.update(text)
        detail.display = True

    # --- actions --------------------------------------------------------------------------

    def _path(self) -> Path | None:
        """The description of the highlighted node, if it has one."""
        node = self.org_tree.cursor_node
        if node is None or node.data is None or self.loaded is None:
            return None
        return self.loaded.files.get(node.data)

    def action_open(self) -> None:
        path = self._path()
        if path is not None:
            from ajtui.tui.screens.document import DocumentScreen

            self.app.push_screen(DocumentScreen(path))
            return
        node = self.org_tree.cursor_node
        if node is not None and node.allow_expand:
            node.toggle()

    def action_edit(self) -> None:
        path = self._path()
        if path is None:
            self.notify("No description here: move to a position.", severity="warning")
            return
        from ajtui.tui.screens.editor import open_editor

        open_editor(self.aj_app, path)

    def action_reload(self) -> None:
        self.query_one("#title", TitleBar).right = "reading…"
        self.load()

    def action_back(self) -> None:
        self.dismiss()
