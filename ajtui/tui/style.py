"""Rich styles from the current Textual theme, for text built as `Text` objects (cells,
diagnostics) where `.tcss` cannot reach."""

from __future__ import annotations

from rich.style import Style

#: Library status -> theme variable and emphasis.
STATUS = {
    "invalid": ("error", True),
    "conflict": ("error", True),
    "modified": ("warning", False),
    "untracked": ("accent", False),
    "added": ("success", False),
    "deleted": ("error", False),
    "unapproved": ("warning", True),
}


def color(app, name: str, default: str = "") -> str:
    value = app.theme_variables.get(name) or default
    # Variables like "#E0E0E099" carry alpha, which Rich does not take.
    if value.startswith("#") and len(value) == 9:
        value = value[:7]
    return value if value.startswith("#") else default


def style(app, name: str, *, bold: bool = False, dim: bool = False, **kw) -> Style:
    c = color(app, name)
    return Style(color=c or None, bold=bold or None, dim=dim or None, **kw)


def status_style(app, status: str) -> Style:
    found = STATUS.get(status)
    if found is None:
        return Style(dim=True)
    name, bold = found
    return style(app, name, bold=bold)
