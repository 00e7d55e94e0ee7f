"""The loader of the cases kept as data (tests/helpers/cases.py): blocks taken exactly,
markers for what a text file cannot show, and a malformed case file refused."""

import pytest

from tests.helpers import cases


def _read(tmp_path, monkeypatch, data: bytes) -> list[cases.Case]:
    (tmp_path / "t.txt").write_bytes(data)
    monkeypatch.setattr(cases, "CASES", tmp_path)
    return cases.read("t.txt")


def test_blocks_are_taken_exactly_with_markers(tmp_path, monkeypatch):
    got = _read(
        tmp_path,
        monkeypatch,
        "# a comment\n\nfirst\n.\na<TAB>b<CR>\n\nend<SP>\n.\nõ<ESC>\n.\n\n"
        "empty\n.\n.\n.\n".encode(),
    )
    assert [(c.name, c.input, c.expected, c.origin) for c in got] == [
        ("first", b"a\tb\r\n\nend \n", ("õ\x1b\n",), "t.txt:3"),
        ("empty", b"", ("",), "t.txt:12"),
    ]


def test_raw_bytes_stay_bytes(tmp_path, monkeypatch):
    (case,) = _read(tmp_path, monkeypatch, b"x\n.\n<xC3><xBC><BOM><NUL><ESC>\n.\n.\n")
    assert case.input == "ü\ufeff\x00\x1b\n".encode()


@pytest.mark.parametrize(
    "data",
    [
        b"x\n.\na\n",
        b"x\na\n.\n.\n",
        b"x\n.\na\n.\nb\n",
        b"x\n.\n.\n.\nx\n.\n.\n.\n",
        b"x\n.\n.\n<xFF>\n.\n",
    ],
    ids=["unclosed", "no dot", "no expected", "twice", "bytes expected"],
)
def test_a_malformed_case_file_is_refused(tmp_path, monkeypatch, data):
    with pytest.raises(ValueError):
        _read(tmp_path, monkeypatch, data)


def test_the_case_files_read():
    assert len(cases.read("syntax_errors.txt")) >= 18
    assert len(cases.read("canonical.txt")) >= 3
