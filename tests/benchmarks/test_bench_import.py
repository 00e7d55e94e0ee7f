"""`aj import` of Word and PDF files, against the floor: the library's own text on the same
files (pdfplumber's `extract_text` on every page; python-docx's paragraph walk). The import
reads tables as tables, drops page furniture, recognises and writes the description, and
checks that it reads back; the target is at most 2× the floor.

The files are the generated layouts of tests/import_layouts.py (a three-page PDF with a
duty table over page breaks, a one-page PDF with ruled tables; Word files with split and
merged tables and a prose general part), copied to make 100 of each kind
(`BENCH_IMPORT_COUNT` for fewer).
"""

from __future__ import annotations

import os
import shutil

import pytest

from ajtui.importer import import_file

from tests.benchmarks.harness import measure, record
from tests.helpers.import_layouts import LAYOUTS

COUNT = int(os.environ.get("BENCH_IMPORT_COUNT", "100"))


@pytest.fixture(scope="module")
def sources(bench_dir) -> dict[str, list[str]]:
    folder = bench_dir / "import-sources"
    folder.mkdir(exist_ok=True)
    made = {}
    for name, make in LAYOUTS.items():
        path = folder / name
        make(path)
        made[name] = path
    out: dict[str, list[str]] = {"pdf": [], "docx": []}
    for kind in out:
        kinds = [p for n, p in made.items() if n.endswith("." + kind)]
        for k in range(COUNT):
            src = kinds[k % len(kinds)]
            dst = folder / f"{k:03d}-{src.name}"
            shutil.copyfile(src, dst)
            out[kind].append(str(dst))
    return out


def _import_all(paths: list[str]) -> None:
    for p in paths:
        result = import_file(p)
        assert result.error is None and result.descriptions, (p, result.error)


def _pdf_text(paths: list[str]) -> None:
    import pdfplumber

    for p in paths:
        with pdfplumber.open(p) as pdf:
            for page in pdf.pages:
                page.extract_text()


def _docx_paragraphs(paths: list[str]) -> None:
    import docx

    for p in paths:
        [para.text for para in docx.Document(p).paragraphs]


def test_import_pdf(sources):
    files = sources["pdf"]
    t = measure(
        {"aj": lambda: _import_all(files), "floor": lambda: _pdf_text(files)}, rounds=3, cpu=True
    )
    record(
        "import",
        f"aj import, {len(files)} PDF files",
        t["aj"],
        "pdfplumber extract_text on every page",
        t["floor"],
        target=2.0,
        note="tables found and read cell by cell, furniture dropped, description "
        "recognised, written and read back",
    )


def test_import_docx(sources):
    files = sources["docx"]
    t = measure(
        {"aj": lambda: _import_all(files), "floor": lambda: _docx_paragraphs(files)},
        rounds=3,
        cpu=True,
    )
    record(
        "import",
        f"aj import, {len(files)} Word files",
        t["aj"],
        "python-docx paragraph walk",
        t["floor"],
        target=2.0,
        note="the body in document order with the tables' cells (the floor reads the "
        "paragraphs outside tables only)",
    )
