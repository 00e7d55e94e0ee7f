"""`aj import-json FILE|-`: the .aj text of a JSON export (to stdout)."""

from __future__ import annotations

ORDER = 61


def add(sub) -> None:
    p = sub.add_parser(
        "import-json",
        help="turn `aj export --to json` output back into .aj text",
        description="Read JSON in the shape `aj export --to json` writes (from FILE, or stdin "
        "with '-') and print the description in canonical .aj form. The text is "
        "parsed again and must give the same description. Exit 1 on bad input.",
    )
    p.add_argument("file", metavar="FILE|-")
    p.add_argument("-o", "--output", metavar="OUT", help="write here (atomically), not stdout")
    p.add_argument(
        "--force",
        action="store_true",
        help="with -o: overwrite OUT when it exists (never the input FILE)",
    )
    p.set_defaults(func=run)


def run(args) -> int:
    import sys

    from ajtui.base.errors import AjError
    from ajtui.base.reading import MAX_FILE_BYTES, ReadError, read_bytes
    from ajtui.cli.common import emit, err
    from ajtui.format.parser import loads
    from ajtui.format.validate import invisible_character
    from ajtui.format.writer import UnwritableText, dumps
    from ajtui.ops.export import MAX_JSON_CHARS, JsonFormatError, check_json_size, loads_json

    name = "<stdin>" if args.file == "-" else args.file
    try:
        if args.file == "-":
            data = sys.stdin.buffer.read(MAX_JSON_CHARS + 1)  # check_json_size refuses more
        else:
            data = read_bytes(args.file, MAX_JSON_CHARS, what="a description as JSON")
        text = (
            data.decode("utf-8", "replace") if len(data) > MAX_JSON_CHARS else data.decode("utf-8")
        )  # too large: said below, not as a character cut in two
    except ReadError as e:
        err(f"{name}: error: {e.message}")
        return 1
    except UnicodeDecodeError as e:
        err(f"{name}: error: not UTF-8 text (byte 0x{e.object[e.start]:02x})")
        return 1
    except OSError as e:
        err(f"{name}: error: {e.strerror or e}")
        return 1
    try:
        check_json_size(len(data))
        doc = loads_json(text)
        invisible = invisible_character(doc)
        if invisible:  # `aj check` fails it (AJ155)
            raise UnwritableText(invisible)
        out = dumps(doc)
        size = len(out.encode("utf-8", "surrogatepass"))
        if size > MAX_FILE_BYTES:  # what `aj check` and every other command would refuse
            raise UnwritableText(
                f"the description would be {size / 2**20:.1f} MB; a .aj "
                f"file is read up to {MAX_FILE_BYTES // 2**20} MB"
            )
        if loads(out) != doc:
            raise UnwritableText("the text would not read back as the same description")
    except JsonFormatError as e:
        err(f"{name}: error: {e}")
        return 1
    except (UnwritableText, AjError) as e:
        why = e.one_line() if isinstance(e, AjError) else str(e)
        why = why if len(why) <= 300 else why[:300] + "…"  # it may quote a whole value
        err(f"{name}: error: cannot write as .aj: {why}")
        return 1
    sources = () if args.file == "-" else (args.file,)
    return emit(args.output, out, force=args.force, sources=sources)
