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
    "Document": "model", "Section": "model", "FieldSection": "model", "ProseSection": "model",
    "DutySection": "model", "RequirementsSection": "model", "Field": "model", "Item": "model",
    "Paragraph": "model", "Duty": "model", "CompetencyGroup": "model", "Competencies": "model",
    "AdditionalCompetencies": "model", "Approval": "model", "General": "model",
    "Requirements": "model", "Signature": "model", "Node": "model",
    # parser and writer
    "loads": "parser", "load": "parser", "AjError": "parser", "AjSyntaxError": "parser",
    "AjFileError": "parser", "dumps": "writer", "dump": "writer",
    "UnwritableText": "writer",
    # validator
    "Diagnostic": "validate",
    # paths, queries, language levels
    "select": "query", "compile_query": "query", "Query": "query", "Target": "query",
    "QueryError": "query", "PathError": "query", "language_levels": "query",
    "required_levels": "query", "LanguageLevel": "query",
    # edits that keep every untouched byte
    "Editor": "edit", "edit_file": "edit", "EditError": "edit", "set_value": "edit",
    "replace_text": "edit", "renumber": "edit",
    # JSON, Markdown, HTML
    "to_json": "export", "from_json": "export", "dumps_json": "export",
    "loads_json": "export", "to_markdown": "export", "to_html": "export",
    "JsonFormatError": "export",
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
    from .parser import AjSyntaxError, loads
    from .validate import Diagnostic, validate

    if isinstance(source, str):
        try:
            source = loads(source, path=path)
        except AjSyntaxError as e:
            return [Diagnostic("AJ001", e.message, e.line, e.column, hint=e.hint, path=path,
                               source_line=e.source_line)]
    return validate(source)


if TYPE_CHECKING:  # pragma: no cover
    from typing import Any

    from .model import *  # noqa: F401,F403
    from .parser import AjError, AjFileError, AjSyntaxError, load, loads  # noqa: F401
    from .validate import Diagnostic, validate  # noqa: F401
    from .writer import UnwritableText, dump, dumps  # noqa: F401
    from .edit import EditError, Editor, edit_file, renumber, replace_text, set_value  # noqa: F401
    from .export import (JsonFormatError, dumps_json, from_json, loads_json,  # noqa: F401
                         to_html, to_json, to_markdown)
    from .query import (LanguageLevel, PathError, Query, QueryError, Target,  # noqa: F401
                        compile_query, language_levels, required_levels, select)
