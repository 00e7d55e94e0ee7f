"""`aj export FILE --to json|markdown|html`: a description in another format;
`aj export FILES|DIR --to docx|pdf -o OUT`: the official document the agency signs."""

from __future__ import annotations

ORDER = 60

_BINARY = ("docx", "pdf")


def add(sub) -> None:
    p = sub.add_parser(
        "export",
        help="a description as JSON (lossless), Markdown, HTML, Word or PDF",
        description="Write FILE as JSON (the whole model, comments included; `aj import-json` "
        "gives the file back, byte for byte when it is in canonical form), "
        "Markdown or a standalone HTML page (for reading; comments left out). "
        "The JSON Schema is ajtui/schema/aj.schema.json. "
        "--to docx|pdf writes the official document (approval block, title, numbered "
        "sections, the duty | results table, signatures, page numbers); several FILES or a "
        "folder go into one file, each description from a new page with its 'Lisa N' (its "
        "place in the order given, folders sorted; a description's own `lisa:` wins). "
        "`aj import` reads the file back.",
    )
    p.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="a .aj file; for docx/pdf also more files or folders",
    )
    p.add_argument(
        "--to", choices=["json", "markdown", "md", "html", "docx", "pdf"], default="json"
    )
    p.add_argument("-o", "--output", metavar="OUT", help="write here (atomically), not stdout")
    p.add_argument(
        "--force",
        action="store_true",
        help="with -o: overwrite OUT when it exists (never an input FILE)",
    )
    p.add_argument(
        "--template",
        metavar="DOCX",
        help="with --to docx: the agency's Word file whose styles, header, footer and logo "
        "to use (styles needed: Normal, Title, Heading 1, Heading 2, List Bullet, Table Grid)",
    )
    p.set_defaults(func=run)


def run(args) -> int:
    from ajtui.cli.common import err

    if args.to in _BINARY:
        return _run_document(args)
    if args.template:
        err("aj export: error: --template is for --to docx")
        return 2
    if len(args.files) != 1:
        err(f"aj export: error: --to {args.to} takes one FILE (docx and pdf take several)")
        return 2
    return _run_text(args, args.files[0])


def _run_text(args, path: str) -> int:
    from ajtui.base.errors import AjError
    from ajtui.base.reading import read_text
    from ajtui.cli.common import emit, err
    from ajtui.format.parser import load
    from ajtui.format.writer import dumps
    from ajtui.ops.export import dumps_json, to_html, to_markdown

    try:
        doc = load(path)
    except AjError as e:
        err(e.one_line())
        return 1
    if args.to == "json":
        from ajtui.base.safetext import json_text

        out = json_text(dumps_json(doc))
        try:
            canonical = dumps(doc) == read_text(path)
        except Exception:
            canonical = False
        if not canonical:
            err(
                f"note: {path} is not in canonical form; `aj import-json` will give "
                "what `aj fmt` writes (same words and comments, canonical layout)"
            )
    elif args.to in ("markdown", "md"):
        out = to_markdown(doc)
    else:
        out = to_html(doc)
    return emit(args.output, out, force=args.force, sources=(path,))


def _run_document(args) -> int:
    """Check every input, render them into one document, write it: nothing is written
    unless every description is valid."""
    import os
    import sys

    from ajtui.base.errors import AjError
    from ajtui.cli.check import check_file, render
    from ajtui.cli.common import err, expand
    from ajtui.format.parser import load

    if args.template and args.to != "docx":
        err("aj export: error: --template is for --to docx")
        return 2
    out = args.output
    if not out and sys.stdout.isatty():
        err(f"aj export: error: a {args.to} file is not for the terminal; use -o OUT.{args.to}")
        return 2
    files = list(expand(args.files))
    if not files:
        err("aj export: error: no .aj files found")
        return 1
    failed = False
    for f in files:
        diags = [d for d in check_file(f) if d.is_error]
        for d in diags:
            err(render(d))
        failed = failed or bool(diags)
    if failed:
        err("aj export: nothing written: fix the errors `aj check` reports")
        return 1
    if out:
        for src in [*files, *([args.template] if args.template else [])]:
            try:
                same = os.path.samefile(src, out)
            except OSError:
                continue
            if same:
                err(
                    f"{out}: error: is the input file {src}; not overwritten (write to another file)"
                )
                return 1
        if not args.force and os.path.lexists(out):
            err(f"{out}: error: exists; use --force to overwrite it")
            return 1
    try:
        docs = [load(f) for f in files]
    except AjError as e:  # changed since it was checked
        err(e.one_line())
        return 1
    from ajtui.documents import render as render_document
    from ajtui.documents.docx import TemplateError

    try:
        data = render_document(docs, args.to, template=args.template)
    except TemplateError as e:
        err(f"{args.template}: error: {e}")
        return 1
    if not out:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    from ajtui.base.writing import write_bytes

    try:
        write_bytes(out, data)
    except OSError as e:
        err(f"{out}: error: cannot write: {e.strerror or e}")
        return 1
    return 0
