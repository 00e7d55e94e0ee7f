"""Small modal dialogs: confirm, choose, ask for text, approve, jump to a section.

Every dialog answers to the keyboard alone (the keys are shown on its buttons) and
`escape` cancels. Text that came from a file is passed as `Text`, never as markup.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ajtui.tui.actions import bindings


def _text(value: str | Text) -> Text:
    return value if isinstance(value, Text) else Text(value)


class _Dialog(ModalScreen[Any]):
    BINDINGS = bindings("dialog")

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(_Dialog):
    """Yes or no. `y`/`enter` say yes, `n`/`escape` say no."""

    BINDINGS = bindings("confirm")

    def __init__(
        self,
        title: str,
        body: str | Text = "",
        *,
        yes: str = "Yes",
        no: str = "No",
        danger: bool = False,
    ) -> None:
        super().__init__()
        self.title_text, self.body = title, body
        self.yes, self.no, self.danger = yes, no, danger

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.title_text, style="bold"), classes="dialog-title")
            if self.body:
                yield Static(_text(self.body), classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button(
                    Text(f"{self.yes} [y]"), id="yes", variant="error" if self.danger else "primary"
                )
                yield Button(Text(f"{self.no} [n]"), id="no")

    def on_mount(self) -> None:
        self.query_one("#no" if self.danger else "#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class ChoiceDialog(_Dialog):
    """One of a few choices, each with its own key; `escape` chooses nothing (None)."""

    def __init__(
        self, title: str, body: str | Text, choices: Sequence[tuple[str, str, Any]]
    ) -> None:
        super().__init__()
        self.title_text, self.body = title, body
        self.choices = list(choices)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.title_text, style="bold"), classes="dialog-title")
            yield Static(_text(self.body), classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                for i, (key, label, _value) in enumerate(self.choices):
                    yield Button(
                        Text(f"{label} [{key}]"),
                        id=f"choice-{i}",
                        variant="primary" if i == 0 else "default",
                    )

    def on_mount(self) -> None:
        self.query_one("#choice-0", Button).focus()

    def on_key(self, event) -> None:
        for key, _label, value in self.choices:
            if event.key == key:
                event.stop()
                self.dismiss(value)
                return

    def on_button_pressed(self, event: Button.Pressed) -> None:
        index = int(str(event.button.id).split("-")[1])
        self.dismiss(self.choices[index][2])


class InputDialog(_Dialog):
    """A line of text (a commit message); `enter` accepts, `escape` cancels."""

    def __init__(
        self, title: str, prompt: str | Text, value: str = "", placeholder: str = ""
    ) -> None:
        super().__init__()
        self.title_text, self.prompt, self.value = title, prompt, value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.title_text, style="bold"), classes="dialog-title")
            yield Static(_text(self.prompt), classes="dialog-body")
            yield Input(self.value, placeholder=self.placeholder, id="value", select_on_focus=False)
            yield Static(Text("enter: OK   escape: cancel", style="dim"), classes="dialog-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if value:
            self.dismiss(value)
        else:
            self.notify("Write something first, or press escape.", severity="warning")


class ApproveDialog(_Dialog):
    """A new directive: number, date, annex. Answers (number, date_text, annex). `changes`:
    what is approved (the files and their change summaries); below the fields, the
    directive as it will be written, or what is wrong with the date, as you type."""

    def __init__(
        self,
        title: str,
        number: str = "",
        date: str = "",
        annex: str = "",
        changes: str | Text = "",
    ) -> None:
        super().__init__()
        self.title_text = title
        self.number = number
        self.date = date or _dt.date.today().strftime("%d.%m.%Y")
        self.annex = annex
        self.changes = changes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text("Approve under a new directive", style="bold"), classes="dialog-title")
            yield Static(Text(self.title_text), classes="dialog-body")
            if self.changes:
                yield Static(_text(self.changes), id="changes", classes="dialog-body")
            yield Label("Directive number (number)")
            yield Input(self.number, placeholder="e.g. 14 or 1-1/26/14", id="number")
            yield Label("Date (kuupäev, dd.mm.yyyy)")
            yield Input(self.date, id="date")
            yield Static(id="will")
            yield Label("Annex (lisa), optional")
            yield Input(self.annex, id="annex")
            yield Static(
                Text("tab: next field   enter: approve and commit   escape: cancel", style="dim"),
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self.query_one("#number", Input).focus()
        self._show_will()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._show_will()

    def _fields(self) -> tuple[str, str, str]:
        return (
            self.query_one("#number", Input).value.strip(),
            self.query_one("#date", Input).value.strip(),
            self.query_one("#annex", Input).value.strip(),
        )

    def _show_will(self) -> None:
        """The directive as it will be written, or why it cannot be."""
        from ajtui.format.vocabulary import directive_label

        number, date, annex = self._fields()
        problem = _date_problem(date)
        if problem:
            line = Text(problem, style="bold")
        elif not number:
            line = Text("The directive needs a number.", style="dim")
        else:
            line = Text("Will write: ") + Text(directive_label(number, date, annex), style="bold")
        self.query_one("#will", Static).update(line)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        from ajtui.base.dates import parse_date

        number, date, annex = self._fields()
        if not number:
            self.notify("The directive needs a number.", severity="warning")
            self.query_one("#number", Input).focus()
            return
        problem = _date_problem(date) if parse_date(date) is None else None
        if problem:
            self.notify(problem, severity="warning", markup=False)
            self.query_one("#date", Input).focus()
            return
        self.dismiss((number, date, annex))


def _date_problem(date: str) -> str | None:
    """Why `date` cannot be a directive's date; None when it can ('16. septembri 2025'
    is read as well as dd.mm.yyyy)."""
    from ajtui.base.dates import dotted_date_problem, parse_date

    if parse_date(date) is not None:
        return None
    return dotted_date_problem(date) or f"{date}: write the date as dd.mm.yyyy."


class SectionDialog(_Dialog):
    """Pick a section to jump to; answers its index."""

    def __init__(self, headings: Sequence[str]) -> None:
        super().__init__()
        self.headings = list(headings)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text("Jump to section", style="bold"), classes="dialog-title")
            yield OptionList(
                *[Option(Text(h), id=str(i)) for i, h in enumerate(self.headings)], id="sections"
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))
