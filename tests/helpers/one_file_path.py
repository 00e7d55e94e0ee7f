"""The path of `aj show FILE`, `aj diff A B` and `aj git-diff` up to the layout, as a
script: `python tests/helpers/one_file_path.py show|diff|git-diff FILE [FILE]`. Arguments
(argparse, as `aj` parses them), the kept output looked up (ajtui.cli._kept), the files
read, parsed (and compared), the result kept and read back; then the names of the modules
loaded, one line. The layout (ajtui.present.blocks) is not in it.

Run as a file, not with `-m` (runpy imports importlib.util and contextlib): used by
tests/test_startup.py (what it loads).
"""

import sys


def main() -> None:
    from ajtui.base.errors import decode
    from ajtui.base.reading import read_bytes
    from ajtui.cli import _kept, _parser_for

    kind, *files = sys.argv[1:]
    if kind != "git-diff":
        _parser_for([kind, *files]).parse_args([kind, *files])
    sides = [read_bytes(f) for f in files]
    inputs = tuple(map(_kept.blob_id, sides))
    if _kept.lookup(kind, inputs, 100) is not None:
        sys.exit("kept already: run with an empty XDG_CACHE_HOME")
    texts = [decode(s, f) for s, f in zip(sides, files)]
    if kind == "show":
        from ajtui.format.parser import loads

        text = repr(loads(texts[0], path=files[0]))
    else:
        from ajtui.ops.diff import diff_texts

        diff = diff_texts(*texts, *files)
        text = diff.summary_line() + str(len(diff.rows)) + repr(diff.changes[:3])
    _kept.keep(kind, inputs, 100, {"out": text, "err": "", "code": 1})
    found = _kept.lookup(kind, inputs, 100)
    if found is None or found["out"] != text:
        sys.exit("not kept")
    print(" ".join(sorted(sys.modules)))


if __name__ == "__main__":
    main()
