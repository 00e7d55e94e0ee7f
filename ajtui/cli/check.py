"""`aj check PATH…`: parse and validate; exit 0 clean, 1 on errors, 2 on usage."""

from __future__ import annotations

import json
import sys

ORDER = 10


def add(sub) -> None:
    p = sub.add_parser("check", help="parse and validate descriptions",
                       description="Parse and validate .aj files; folders are searched for "
                                   "*.aj. Exit 0 when no errors, 1 when any, 2 on usage.")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--strict", action="store_true", help="warnings fail too")
    p.add_argument("-q", "--quiet", action="store_true", help="errors only, no summary")
    p.set_defaults(func=run)


def check_file(path: str) -> list:
    """Diagnostics for one file; a file that cannot be read is one AJ000 error."""
    from ..parser import AjError, AjSyntaxError, load
    from ..validate import Diagnostic, validate

    try:
        doc = load(path)
    except AjSyntaxError as e:
        return [Diagnostic("AJ001", e.message, e.line, e.column, severity="error", hint=e.hint,
                           path=path, source_line=e.source_line)]
    except AjError as e:
        return [Diagnostic("AJ001", e.message, 0, 0, severity="error", path=path)]
    return validate(doc)


def run(args) -> int:
    from .common import expand

    files = list(expand(args.paths))
    if not files:
        print("aj check: no .aj files found", file=sys.stderr)
        return 2
    results = {f: check_file(f) for f in files}
    errors = sum(d.is_error for ds in results.values() for d in ds)
    warnings = sum(not d.is_error for ds in results.values() for d in ds)
    if args.format == "json":
        json.dump({"files": len(files), "errors": errors, "warnings": warnings,
                   "diagnostics": [d.as_dict() for ds in results.values() for d in ds]},
                  sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        for ds in results.values():
            for d in ds:
                if args.quiet and not d.is_error:
                    continue
                print(render(d), file=sys.stderr)
        if not args.quiet:
            clean = sum(1 for ds in results.values() if not any(d.is_error for d in ds))
            print(f"{len(files)} file{'s' if len(files) != 1 else ''} checked: {clean} valid, "
                  f"{errors} error{'s' if errors != 1 else ''}, "
                  f"{warnings} warning{'s' if warnings != 1 else ''}", file=sys.stderr)
    if errors or (args.strict and warnings):
        return 1
    return 0


def render(d) -> str:
    """`path:line:col: AJxxx severity: message`, the line with a caret, and a hint."""
    from ..parser import _printable

    where = f"{d.path}:{d.line}:{d.column}" if d.line else f"{d.path}"
    out = [f"{where}: {d.code} {d.severity}: {d.message}"]
    if d.source_line:
        out.append("  " + _printable(d.source_line))
        out.append("  " + " " * len(_printable(d.source_line[: max(0, d.column - 1)])) + "^")
    if d.hint:
        out.append(f"  hint: {d.hint}")
    return "\n".join(out)
