"""ajtui: Estonian job descriptions (ametijuhend) as plain text.

    import ajtui
    doc = ajtui.load("descriptions/koordinaator.aj")
    doc.general.unit = "Ohvriabi osakond"
    ajtui.dump(doc, "descriptions/koordinaator.aj")

Names are re-exported lazily so that `import ajtui` costs almost nothing; the format
layer never imports Textual or git.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not `from typing import …`: typing costs start-up time

__version__ = "0.1.0"

_EXPORTS = {
    # model
    "Document": "format.model",
    "Section": "format.model",
    "FieldSection": "format.model",
    "ProseSection": "format.model",
    "DutySection": "format.model",
    "RequirementsSection": "format.model",
    "Field": "format.model",
    "Item": "format.model",
    "Paragraph": "format.model",
    "Duty": "format.model",
    "CompetencyGroup": "format.model",
    "Competencies": "format.model",
    "AdditionalCompetencies": "format.model",
    "Approval": "format.model",
    "General": "format.model",
    "Requirements": "format.model",
    "Signature": "format.model",
    "Node": "format.model",
    # parser and writer
    "loads": "format.parser",
    "load": "format.parser",
    "AjError": "base.errors",
    "AjSyntaxError": "base.errors",
    "AjFileError": "base.errors",
    "dumps": "format.writer",
    "dump": "format.writer",
    "UnwritableText": "format.writer",
    # validator
    "Diagnostic": "format.validate",
    # paths, queries, language levels
    "select": "ops.paths",
    "compile_query": "ops.query",
    "Query": "ops.query",
    "Target": "ops.paths",
    "QueryError": "ops.paths",
    "PathError": "ops.paths",
    "language_levels": "ops.levels",
    "required_levels": "ops.levels",
    "LanguageLevel": "ops.levels",
    # edits that keep every untouched byte
    "Editor": "ops.edit",
    "edit_file": "ops.edit",
    "EditError": "ops.edit",
    "set_value": "ops.edit",
    "replace_text": "ops.edit",
    "renumber": "ops.edit",
    # JSON, Markdown, HTML
    "to_json": "ops.export",
    "from_json": "ops.export",
    "dumps_json": "ops.export",
    "loads_json": "ops.export",
    "to_markdown": "ops.export",
    "to_html": "ops.export",
    "JsonFormatError": "ops.export",
}

__all__ = sorted([*_EXPORTS, "check"])


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'ajtui' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"ajtui.{module}"), name)
    globals()[name] = value
    return value


def check(source: Any, path: str | None = None) -> list:
    """Diagnostics for a Document, or for .aj text (a syntax error is one AJ001 error)."""
    from ajtui.base.errors import AjSyntaxError
    from ajtui.format.parser import loads
    from ajtui.format.validate import Diagnostic, validate

    if isinstance(source, str):
        try:
            source = loads(source, path=path)
        except AjSyntaxError as e:
            return [
                Diagnostic(
                    "AJ001",
                    e.message,
                    e.line,
                    e.column,
                    hint=e.hint,
                    path=path,
                    source_line=e.source_line,
                )
            ]
    return validate(source)


if TYPE_CHECKING:  # pragma: no cover
    from typing import Any

    from ajtui.base.errors import AjError, AjFileError, AjSyntaxError  # noqa: F401
    from ajtui.format.model import *  # noqa: F403
    from ajtui.format.parser import load, loads  # noqa: F401
    from ajtui.format.validate import Diagnostic, validate  # noqa: F401
    from ajtui.format.writer import UnwritableText, dump, dumps  # noqa: F401
    from ajtui.ops.edit import EditError, Editor, edit_file, renumber, replace_text, set_value  # noqa: F401
    from ajtui.ops.export import (  # noqa: F401
        JsonFormatError,
        dumps_json,
        from_json,
        loads_json,
        to_html,
        to_json,
        to_markdown,
    )
    from ajtui.ops.levels import LanguageLevel, language_levels, required_levels  # noqa: F401
    from ajtui.ops.paths import PathError, QueryError, Target, select  # noqa: F401
    from ajtui.ops.query import Query, compile_query  # noqa: F401
