"""`aj import SRC… [-o DIR] [--force] [--report]`: PDF text, PDF and DOCX -> .aj files.

Exit codes: 0 every source imported and every word placed; 1 a source failed (unreadable,
not a description, or its .aj exists and --force was not given); 3 everything readable was
imported but needs a person: some text could not be placed (it is in `osa: Paigutamata
tekst`), a source held no description (a directive without its annexes), or a written file
has `aj check` errors; 2 usage. 1 wins over 3.
"""

from __future__ import annotations

ORDER = 40
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_UNPLACED = 0, 1, 2, 3


def add(sub) -> None:
    p = sub.add_parser(
        "import", help="turn PDF text, PDF and DOCX job descriptions into .aj files",
        description="Import job descriptions: .txt (text extracted from a PDF), .pdf and "
                    ".docx. One .aj per description, named by the position's slug. Text is "
                    "kept verbatim; what cannot be placed goes to a final section "
                    "'osa: Paigutamata tekst' and is reported. Exit 0 when everything was "
                    "placed, 3 when some text was not, 1 when a source failed, 2 on usage.")
    p.add_argument("sources", nargs="+", metavar="SRC",
                   help="files, or folders (searched for *.txt, *.pdf, *.docx)")
    p.add_argument("-o", "--output", metavar="DIR", default=".",
                   help="where to write the .aj files (default: the current folder)")
    p.add_argument("--force", action="store_true", help="overwrite existing .aj files")
    p.add_argument("--report", action="store_true",
                   help="print each source's coverage: source words vs placed words")
    p.set_defaults(func=run)


def _sources(paths: list[str]) -> list[str]:
    import os
    from pathlib import Path

    from ..importer import SUFFIXES

    out: list[str] = []
    for p in paths:
        path = Path(p)
        if os.path.isdir(p):  # not Path.is_dir: it raises on a name too long
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if f.lower().endswith(SUFFIXES) and not f.startswith("."):
                        out.append(os.path.join(root, f))
        else:
            out.append(p)
    return out


def _name(slug: str, annex: str | None, taken: set[str]) -> str:
    if slug not in taken:
        return slug
    if annex and f"{slug}-lisa-{annex}" not in taken:
        return f"{slug}-lisa-{annex}"
    n = 2
    while f"{slug}-{n}" in taken:
        n += 1
    return f"{slug}-{n}"


def _list(names: list[str], limit: int = 8) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f", … ({len(names) - limit} more)" if len(names) > limit else "")


def run(args) -> int:
    from pathlib import Path

    from ..importer import import_file
    from ..writer import write_atomic
    from .common import err

    import os

    out = Path(args.output)
    if os.path.exists(out) and not os.path.isdir(out):  # False, not OSError, on odd names
        err(f"aj import: {out}: not a folder")
        return EXIT_USAGE
    sources = _sources(args.sources)
    if not sources:
        err("aj import: no sources found (.txt, .pdf, .docx)")
        return EXIT_USAGE
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        err(f"aj import: {out}: cannot create the folder ({e.strerror or e})")
        return EXIT_USAGE

    taken: set[str] = set()
    written = 0
    failed: list[str] = []
    unplaced: list[str] = []
    empty: list[str] = []
    invalid: list[str] = []
    for src in sources:
        result = import_file(src)
        if result.error:
            err(f"{src}: error: {result.error}")
            failed.append(src)
            continue
        if result.remark:
            err(f"{src}: {result.remark}")
            empty.append(src)
        targets = []
        for d in result.descriptions:
            name = _name(d.slug, d.annex, taken)
            target = out / f"{name}.aj"
            if target.exists() and not args.force:
                err(f"{target}: error: exists; use --force to overwrite (imported from {src})")
                failed.append(src)
                continue
            try:
                write_atomic(target, d.text)
            except OSError as e:
                err(f"{target}: error: cannot write ({e.strerror or e})")
                failed.append(src)
                continue
            taken.add(name)
            targets.append(str(target))
            written += 1
            print(f"{target}  <- {src}", flush=True)
            for diag in d.errors:
                diag.path = str(target)
                err(diag.format())
            if d.has_unplaced:
                unplaced.append(str(target))
            if d.errors:
                invalid.append(str(target))
        if args.report and result.coverage is not None:
            print(_report_line(src, result.coverage, targets), flush=True)

    parts = [f"imported {written} description{'s' if written != 1 else ''}"]
    if unplaced:
        parts.append(f"{len(unplaced)} with unplaced text: {_list(unplaced)}")
    if invalid:
        parts.append(f"{len(invalid)} with check errors: {_list(invalid)}")
    if empty:
        parts.append(f"{len(empty)} source{'s' if len(empty) != 1 else ''} without a "
                     f"description: {_list(empty)}")
    if failed:
        uniq = list(dict.fromkeys(failed))
        parts.append(f"{len(uniq)} failed: {_list(uniq)}")
    err("; ".join(parts))
    if failed:
        return EXIT_FAILED
    if unplaced or empty or invalid:
        return EXIT_UNPLACED
    return EXIT_OK


def _report_line(src: str, cov, targets: list[str]) -> str:
    line = (f"{src}: {cov.source} words, {cov.placed} placed ({cov.percent:.1f}%), "
            f"{cov.unplaced} unplaced, {cov.lost_count} lost")
    if cov.lost:
        line += " (" + ", ".join(w for w, _ in cov.lost.most_common(8)) + ")"
    if targets:
        line += " -> " + ", ".join(targets)
    return line
