"""`aj export FILE --to json|markdown|html`: a description in another format."""

from __future__ import annotations

ORDER = 60


def add(sub) -> None:
    p = sub.add_parser(
        "export",
        help="a description as JSON (lossless), Markdown or HTML",
        description="Write FILE as JSON (the whole model, comments included; `aj import-json` "
        "gives the file back, byte for byte when it is in canonical form), "
        "Markdown or a standalone HTML page (for reading; comments left out). "
        "The JSON Schema is ajtui/schema/aj.schema.json.",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--to", choices=["json", "markdown", "md", "html"], default="json")
    p.add_argument("-o", "--output", metavar="OUT", help="write here (atomically), not stdout")
    p.add_argument(
        "--force",
        action="store_true",
        help="with -o: overwrite OUT when it exists (never the input FILE)",
    )
    p.set_defaults(func=run)


def run(args) -> int:

    from ajtui.base.errors import AjError
    from ajtui.base.reading import read_text
    from ajtui.cli.common import emit, err
    from ajtui.format.parser import load
    from ajtui.format.writer import dumps
    from ajtui.ops.export import dumps_json, to_html, to_markdown

    try:
        doc = load(args.file)
    except AjError as e:
        err(e.one_line())
        return 1
    if args.to == "json":
        from ajtui.base.safetext import json_text

        out = json_text(dumps_json(doc))
        try:
            canonical = dumps(doc) == read_text(args.file)
        except Exception:
            canonical = False
        if not canonical:
            err(
                f"note: {args.file} is not in canonical form; `aj import-json` will give "
                "what `aj fmt` writes (same words and comments, canonical layout)"
            )
    elif args.to in ("markdown", "md"):
        out = to_markdown(doc)
    else:
        out = to_html(doc)
    return emit(args.output, out, force=args.force, sources=(args.file,))
