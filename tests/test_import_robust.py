"""The importer on damaged input: never an exception, never an unreadable file, never a
lost word without a report."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from ajtui.format.parser import loads
from ajtui.importer import import_file, import_text

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SOURCES = sorted((FIXTURES / "seeds").glob("*.txt")) + sorted((FIXTURES / "extra").glob("*.txt"))
INSERTS = [
    "#",
    "- ",
    "-",
    "3.1 ",
    "1. ÜLDOSA",
    ":",
    "KINNITATUD",
    "•",
    "\t",
    "(",
    "  ",
    "Lisa 3",
    "AMETIJUHEND",
    "\x0c",
    "\u00a0",
    "[bold]",
    "Tööandja: Töötaja:",
]


def _mutate(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    op = rng.randrange(5)
    if op == 0:
        lines = lines[: rng.randrange(len(lines) + 1)]
    elif op == 1:
        for _ in range(rng.randrange(1, 20)):
            if lines:
                del lines[rng.randrange(len(lines))]
    elif op == 2:
        rng.shuffle(lines)
    elif op == 3:
        for _ in range(rng.randrange(1, 20)):
            j = rng.randrange(len(lines))
            k = rng.randrange(len(lines[j]) + 1)
            lines[j] = lines[j][:k] + rng.choice(INSERTS) + lines[j][k:]
    else:
        k = rng.randrange(len(lines))
        lines = lines[k:] + lines[:k]
    return "\n".join(lines)


@pytest.mark.parametrize("seed", range(4))
def test_mutated_sources_import_cleanly(seed):
    """Truncated, shuffled, cut and spliced sources: each import gives a clean error or
    descriptions that read back as written and pass `aj check`; the words add up."""
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in SOURCES]
    for _ in range(30):
        text = _mutate(rng.choice(texts), rng)
        result = import_text(text)
        if result.error:
            assert "internal" not in result.error, result.error
            continue
        for d in result.descriptions:
            assert loads(d.text) == d.doc
            assert not d.errors, [x.format() for x in d.errors]
        cov = result.coverage
        assert cov.placed + cov.unplaced + cov.lost_count == cov.source


def test_random_text_is_no_description():
    rng = random.Random(5)
    words = ["kala", "maja", "Tere", "1.", "ja", "3.2", "•", "AMETIJUHEND", "nr", "ÜLDOSA:"]
    for _ in range(20):
        text = "\n".join(
            " ".join(rng.choice(words) for _ in range(rng.randrange(1, 9)))
            for _ in range(rng.randrange(1, 30))
        )
        result = import_text(text)
        assert result.error is None or "internal" not in result.error
        for d in result.descriptions:
            assert loads(d.text) == d.doc


@pytest.mark.parametrize("transform", ["crlf", "bom", "tabs", "formfeed", "utf16"])
def test_encodings_and_line_endings(tmp_path, transform):
    text = (FIXTURES / "seeds" / "002_fedac296925412a5.txt").read_text(encoding="utf-8")
    path = tmp_path / "x.txt"
    if transform == "crlf":
        path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    elif transform == "bom":
        path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    elif transform == "tabs":
        path.write_bytes(text.replace("  ", "\t").encode("utf-8"))
    elif transform == "formfeed":
        path.write_bytes(text.replace("\n3.10", "\n\f3.10").encode("utf-8"))
    else:
        path.write_bytes(text.encode("utf-16"))
    result = import_file(str(path))
    assert result.error is None, result.error
    doc = result.descriptions[0].doc
    assert len(doc.duties) == 14
    assert result.coverage.lost_count == 0


def test_a_large_source_is_refused_before_reading(tmp_path, monkeypatch):
    from ajtui.importer import sources

    monkeypatch.setattr(sources, "MAX_SOURCE_BYTES", 1000)
    big = tmp_path / "big.txt"
    big.write_text("x" * 2000, encoding="utf-8")
    assert "too large" in import_file(str(big)).error


def test_unsupported_and_missing_files(tmp_path):
    old = tmp_path / "vana.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0 old word")
    assert "save it as .docx or PDF" in import_file(str(old)).error
    assert import_file(str(tmp_path / "missing.txt")).error == "no such file"
    latin = tmp_path / "latin.txt"
    latin.write_bytes("AMETIJUHEND\n1. ÜLDOSA\n".encode("cp1257"))
    assert "not UTF-8 text" in import_file(str(latin)).error


def test_a_text_source_larger_than_check_accepts_is_refused_unread(tmp_path, monkeypatch):
    """One home for the size rule: the importer refuses it before reading the bytes."""
    from ajtui.importer import sources

    def never(*a, **k):
        raise AssertionError("read")

    monkeypatch.setattr(sources, "MAX_FILE_BYTES", 1000)
    monkeypatch.setattr(sources, "read_bytes", never)
    big = tmp_path / "big.txt"
    big.write_text("x" * 2000, encoding="utf-8")
    assert "aj check accepts at most" in import_file(str(big)).error
