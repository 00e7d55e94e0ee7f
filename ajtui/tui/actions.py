"""Every action of the app, once: its key(s), what it does, and where it applies.

The screens' `BINDINGS` are made from this table (`bindings(scope)`), the help screen lists
it, the palette and the help screen describe a key by it, and `[keymap]` in config.toml
remaps an action by its id (`keymap()`). The order within a scope is the footer's order.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType

#: Where an action applies: the screens (and dialogs) by scope, "app" everywhere.
SCOPES = (
    "app",
    "library",
    "document",
    "editor",
    "history",
    "diff",
    "directives",
    "blame",
    "conflicts",
    "org",
    "whereused",
    "help",
    "dialog",
    "confirm",
)

#: The screens whose keys the help screen lists, in its order: (heading, scope).
HELP_SCREENS = (
    ("Library", "library"),
    ("Document", "document"),
    ("Editor", "editor"),
    ("History", "history"),
    ("Diff", "diff"),
    ("Directives", "directives"),
    ("Merge conflicts", "conflicts"),
    ("Organisation", "org"),
    ("Where used", "whereused"),
)


@dataclass(frozen=True)
class Action:
    scope: str
    #: Textual key names, comma-separated ("enter,d").
    keys: str
    #: The action run, as Textual names it: "save" calls `action_save`, "app.help" the app's.
    action: str
    description: str = ""
    tooltip: str = ""
    #: Its name in `[keymap]` ("library.filter"); "" for keys that cannot be remapped.
    id: str = ""
    #: Shown in the footer.
    show: bool = True
    #: Taken before the focused widget sees the key.
    priority: bool = False

    def binding(self) -> Binding:
        return Binding(
            self.keys,
            self.action,
            self.description,
            show=self.show,
            priority=self.priority,
            tooltip=self.tooltip,
            id=self.id or None,
        )


_DIFF_TOOLTIP = "Working copy or last revision against the previous approved one"

ACTIONS: tuple[Action, ...] = (
    # --- everywhere -----------------------------------------------------------------------
    Action(
        "app",
        "q",
        "quit",
        "Quit",
        "Quit ajtui (offers to save what is unsaved)",
        id="app.quit",
    ),
    Action("app", "question_mark", "help", "Keys", "Every key of this screen", id="app.help"),
    Action("app", "f1", "help", "Keys", id="app.help_f1", show=False),
    Action(
        "app",
        "ctrl+p",
        "command_palette",
        "Commands",
        "Every action of this screen, by name",
        id="app.palette",
        show=False,
        priority=True,
    ),
    Action(
        "app",
        "ctrl+q",
        "quit",
        "Quit",
        "Quit, also from the editor (offers to save what is unsaved)",
        id="app.quit_anywhere",
        show=False,
        priority=True,
    ),
    # --- the library ----------------------------------------------------------------------
    Action(
        "library",
        "slash",
        "filter",
        "Filter",
        "Filter by title, unit, file name or text (duties, results; from 3 letters) as you "
        "type; enter opens the highlighted row and leaves the filter on, escape clears it",
        id="library.filter",
    ),
    Action(
        "library",
        "enter",
        "open",
        "Open",
        "Read the selected description",
        id="library.open",
        priority=True,
    ),
    Action("library", "e", "edit", "Edit", id="library.edit"),
    Action("library", "d", "diff", "Diff", _DIFF_TOOLTIP, id="library.diff"),
    Action("library", "h", "history", "History", id="library.history"),
    Action(
        "library",
        "k",
        "directives",
        "Directives",
        "Every directive (käskkiri) and what it approved",
        id="library.directives",
    ),
    Action(
        "library",
        "s",
        "sort",
        "Sort",
        "By unit (grouped), title, directive or status",
        id="library.sort",
    ),
    Action(
        "library",
        "c",
        "commit",
        "Commit",
        "Commit the selected file with a message",
        id="library.commit",
    ),
    Action(
        "library",
        "a",
        "approve",
        "Approve",
        "Set a new directive number and date, and commit",
        id="library.approve",
    ),
    Action(
        "library",
        "o",
        "org",
        "Organisation",
        "The units and positions the descriptions describe, who reports to whom, and the "
        "references that name no position",
        id="library.org",
        show=False,
    ),
    Action(
        "library", "r", "rescan", "Rescan", "Read the folder again", id="library.rescan", show=False
    ),
    Action(
        "library",
        "f",
        "fetch",
        "Fetch",
        "git fetch: what the remote has (the title bar shows ↑ ahead ↓ behind)",
        id="library.fetch",
        show=False,
    ),
    Action(
        "library",
        "p",
        "pull",
        "Pull",
        "git pull: merge the remote's changes (.aj files by duties and fields)",
        id="library.pull",
        show=False,
    ),
    Action(
        "library",
        "P",
        "push",
        "Push",
        "git push: send your commits to the remote",
        id="library.push",
        show=False,
    ),
    Action(
        "library",
        "escape",
        "clear_filter",
        "Clear filter",
        "Clear the filter and close its box (also from inside the box)",
        id="library.escape",
        show=False,
    ),
    # --- a description --------------------------------------------------------------------
    Action("document", "escape", "back", "Back", id="document.back"),
    Action("document", "e", "edit", "Edit", id="document.edit"),
    Action("document", "d", "diff", "Diff", _DIFF_TOOLTIP, id="document.diff"),
    Action("document", "h", "history", "History", id="document.history"),
    Action(
        "document",
        "b",
        "blame",
        "Provenance",
        "Which directive introduced each wording",
        id="document.blame",
        show=False,
    ),
    Action("document", "j", "jump", "Sections", "Jump to a section", id="document.jump"),
    Action(
        "document",
        "slash",
        "search",
        "Search",
        "Find text; then n/N go to the next/previous match, escape closes",
        id="document.search",
    ),
    Action("document", "n", "next_match", "Next match", id="document.next_match", show=False),
    Action(
        "document",
        "N",
        "previous_match",
        "Previous match",
        id="document.previous_match",
        show=False,
    ),
    Action(
        "document",
        "x",
        "export",
        "Export",
        "Write the description as PDF, Word, HTML, Markdown or JSON",
        id="document.export",
        show=False,
    ),
    Action(
        "document",
        "w",
        "where_used",
        "Used in",
        "The same or nearly the same wording in other descriptions, for each duty, result "
        "and competency of this one",
        id="document.where_used",
        show=False,
    ),
    Action("document", "c", "commit", "Commit", id="document.commit", show=False),
    Action("document", "a", "approve", "Approve", id="document.approve", show=False),
    *(Action("document", str(n), f"section({n})", show=False) for n in range(1, 10)),
    # --- the editor -----------------------------------------------------------------------
    Action(
        "editor",
        "ctrl+s",
        "save",
        "Save",
        "Save atomically; refuses if the file changed on disk",
        id="editor.save",
        priority=True,
    ),
    Action("editor", "f8,ctrl+n", "next_problem", "Next problem", id="editor.next_problem"),
    Action(
        "editor",
        "shift+f8",
        "previous_problem",
        "Previous problem",
        id="editor.previous_problem",
        show=False,
    ),
    Action(
        "editor",
        "ctrl+e",
        "external",
        "$EDITOR",
        "Open the file in your own editor; read it again after",
        id="editor.external",
        priority=True,
    ),
    Action(
        "editor",
        "ctrl+o",
        "insert_duty",
        "Add duty",
        "Insert a duty after the one at the cursor",
        id="editor.insert_duty",
    ),
    Action(
        "editor",
        "ctrl+r",
        "renumber",
        "Renumber",
        "Number the duties of each section 1, 2, 3 … in order",
        id="editor.renumber",
        show=False,
    ),
    Action(
        "editor",
        "ctrl+l",
        "goto_line",
        "Go to line",
        "Jump to a line, or line:column",
        id="editor.goto_line",
        show=False,
    ),
    Action("editor", "ctrl+z", "undo", "Undo", id="editor.undo", show=False),
    Action("editor", "ctrl+y", "redo", "Redo", id="editor.redo", show=False),
    Action(
        "editor",
        "ctrl+g",
        "commit",
        "Commit",
        "Commit the saved file with a message",
        id="editor.commit",
        show=False,
    ),
    Action("editor", "escape", "back", "Back", id="editor.back"),
    Action(
        "editor",
        "f1",
        "app.help",
        "Keys",
        "Every key of the editor (? and q type themselves here)",
        id="editor.help",
    ),
    # --- history --------------------------------------------------------------------------
    Action("history", "escape", "back", "Back", id="history.back"),
    Action(
        "history",
        "enter,d",
        "compare",
        "Diff",
        "With the revision before it, or with the marked row",
        id="history.compare",
        priority=True,
    ),
    Action(
        "history",
        "space",
        "mark",
        "Mark",
        "Mark a row to compare two chosen versions",
        id="history.mark",
        priority=True,
    ),
    Action(
        "history",
        "t",
        "in_force",
        "In force",
        "Which revision was in force on a day",
        id="history.in_force",
    ),
    # --- a diff ---------------------------------------------------------------------------
    Action("diff", "escape", "back", "Back", id="diff.back"),
    Action("diff", "n", "next_change", "Next change", id="diff.next"),
    Action("diff", "p", "previous_change", "Previous change", id="diff.previous"),
    Action(
        "diff",
        "u",
        "toggle_layout",
        "Layout",
        "Switch between side by side and unified",
        id="diff.layout",
    ),
    Action(
        "diff",
        "m",
        "toggle_markers",
        "Markers",
        "Mark changed words [-old-] {+new+} (on by itself without colour)",
        id="diff.markers",
        show=False,
    ),
    Action(
        "diff",
        "slash",
        "search",
        "Search",
        "Find text; then n/N go to the next/previous match, escape closes",
        id="diff.search",
    ),
    Action(
        "diff",
        "N",
        "previous_match",
        "Previous match",
        "While searching; else the previous change",
        id="diff.previous_match",
        show=False,
    ),
    Action(
        "diff",
        "x",
        "export",
        "Export",
        "Write the change table (old | new | change) as PDF, Word or HTML",
        id="diff.export",
        show=False,
    ),
    # --- directives, provenance -----------------------------------------------------------
    Action("directives", "escape", "back", "Back", id="directives.back"),
    Action(
        "directives",
        "enter,d",
        "compare",
        "Diff",
        "The description's changes, or all of the directive's",
        id="directives.compare",
        priority=True,
    ),
    Action("blame", "escape", "back", "Back", id="blame.back"),
    # --- merge conflicts (enter or e in the library on a conflicted file) -----------------
    Action(
        "conflicts",
        "o",
        "take_ours",
        "Take ours",
        "This conflict: the current branch's side",
        id="conflicts.ours",
    ),
    Action(
        "conflicts",
        "t",
        "take_theirs",
        "Take theirs",
        "This conflict: the merged branch's side",
        id="conflicts.theirs",
    ),
    Action(
        "conflicts",
        "e",
        "edit",
        "Edit",
        "Open the file in the editor at this conflict",
        id="conflicts.edit",
    ),
    Action("conflicts", "n", "next_conflict", "Next", id="conflicts.next"),
    Action("conflicts", "p", "previous_conflict", "Previous", id="conflicts.previous"),
    Action(
        "conflicts",
        "escape",
        "back",
        "Back",
        "Leave without writing (the sides taken are forgotten)",
        id="conflicts.back",
    ),
    # --- the organisation, where a wording is used ----------------------------------------
    Action("org", "escape", "back", "Back", id="org.back"),
    Action(
        "org",
        "enter",
        "open",
        "Open",
        "Read the description of the position (or the one that holds the reference); on a "
        "unit, fold or unfold it",
        id="org.open",
        priority=True,
    ),
    Action("org", "e", "edit", "Edit", "Edit the description of the position", id="org.edit"),
    Action("org", "r", "reload", "Read again", "Read the descriptions again", id="org.reload"),
    Action(
        "whereused",
        "escape",
        "back",
        "Back",
        "From the places to the parts, from the parts to the description",
        id="whereused.back",
    ),
    Action(
        "whereused",
        "enter",
        "open",
        "Open",
        "On a part: to its places; on a place: read that description",
        id="whereused.open",
        priority=True,
    ),
    # --- help and dialogs -----------------------------------------------------------------
    Action("help", "escape,question_mark,f1", "close", "Close", id="help.close"),
    Action("dialog", "escape", "cancel", "Cancel", id="dialog.cancel"),
    Action("confirm", "y", "answer(True)", "Yes", id="confirm.yes"),
    Action("confirm", "n", "answer(False)", "No", id="confirm.no"),
    Action("confirm", "escape", "answer(False)", "No", id="confirm.escape", show=False),
)

BY_ID: dict[str, Action] = {a.id: a for a in ACTIONS if a.id}


def actions(scope: str) -> list[Action]:
    """The actions of one scope, in the footer's order."""
    return [a for a in ACTIONS if a.scope == scope]


def bindings(scope: str) -> list[BindingType]:
    """A screen's `BINDINGS`."""
    return [a.binding() for a in actions(scope)]


def keymap(overrides: dict[str, str]) -> dict[str, str]:
    """`[keymap]` from config.toml as Textual takes it: the entries that name an action.
    (Textual ignores other ids, and lets an entry take a key another action has.)"""
    return {id_: keys for id_, keys in overrides.items() if id_ in BY_ID}


def _keys(keys: str) -> list[str]:
    return [k.strip() for k in keys.split(",") if k.strip()]


def keymap_problems(overrides: dict[str, str]) -> list[str]:
    """What `[keymap]` does that the user may not expect, one sentence each: an id that
    names no action (ignored), and a key an entry takes from another action. The entry
    wins within its screen (Textual drops the other binding of that key there); a
    screen's key wins over the same key of an "app" action (everywhere) on that screen."""
    problems: list[str] = []
    for id_ in overrides:
        if id_ not in BY_ID:
            from difflib import get_close_matches

            near = get_close_matches(id_, list(BY_ID), n=2)
            hint = f" (did you mean {' or '.join(near)}?)" if near else " (`?` lists the ids)"
            problems.append(f"keymap: {id_!r} is not an action id: ignored{hint}")
    valid = {i: k for i, k in overrides.items() if i in BY_ID}
    effective = {a.id: _keys(valid.get(a.id, a.keys)) for a in ACTIONS if a.id}
    for id_, keys in valid.items():
        mine = BY_ID[id_]
        for key in _keys(keys):
            for other in ACTIONS:
                if not other.id or other.id == id_ or key not in effective[other.id]:
                    continue
                if other.scope == mine.scope:
                    left = [k for k in effective[other.id] if k != key]
                    problems.append(
                        f"keymap: {id_} = {keys!r} takes {key} from {other.id} "
                        f"({other.description or other.action}), which "
                        + (f"keeps {', '.join(left)}" if left else "now has no key")
                    )
                elif "app" in (other.scope, mine.scope):
                    screen, app_action = (mine, other) if other.scope == "app" else (other, mine)
                    problems.append(
                        f"keymap: {id_} = {keys!r}: on the {screen.scope} screen, {key} runs "
                        f"{screen.id} ({screen.description or screen.action}), not "
                        f"{app_action.id} ({app_action.description or app_action.action})"
                    )
    return problems
