"""Reads that cannot hang, exhaust memory or run code: regular files only, sizes checked
before reading, caches only where the user alone can write, and no pickle anywhere."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests/fixtures/valid/sample.aj"


def aj(*args: str, cwd=None, env: dict | None = None, timeout: float = 60,
       input: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ajtui.cli", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=timeout, input=input,
                          env={**os.environ, "COLUMNS": "100", "NO_COLOR": "1", **(env or {})})


# --- the grammar: no pickle from anywhere -------------------------------------------------


class _Marker:
    """Unpickling this creates a file: proof that a planted pickle ran."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self):
        return (os.system, (f"touch {self.path}",))


def _hostile_cache(path: Path, marker: Path) -> None:
    # Lark's cache: a hash line, then pickles (unpickled before the hash is compared)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"0" * 64 + b"\n" + pickle.dumps(_Marker(str(marker))))


def _planted_names() -> list[str]:
    from ajtui.grammar import grammar_text

    digest = hashlib.sha256(grammar_text().encode()).hexdigest()[:16]
    return [f"aj-grammar-{digest}.lark.cache"]


#: `aj ARGS` with the cache folder reported as not writable (as it is to a user without
#: rights on it; root may write anywhere, so os.access is told).
_UNWRITABLE = """
import os, sys
real = os.access
cache = os.path.join(os.environ["XDG_CACHE_HOME"], "ajtui")
os.access = lambda p, mode, **kw: False if str(p).startswith(cache) else real(p, mode, **kw)
from ajtui.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("where", ["shared temp folder", "cache folder"])
def test_a_planted_grammar_pickle_never_runs(tmp_path, where):
    marker = tmp_path / "ran"
    temp = tmp_path / "tmp"
    temp.mkdir()
    home = tmp_path / "cache-home"
    folder = home / "ajtui" if where == "cache folder" else temp
    for name in _planted_names():
        _hostile_cache(folder / name, marker)
    doc = tmp_path / "x.aj"
    doc.write_bytes(SAMPLE.read_bytes())
    env = {**os.environ, "XDG_CACHE_HOME": str(home), "TMPDIR": str(temp)}
    if where == "cache folder":
        argv = [sys.executable, "-m", "ajtui.cli"]
    else:
        (home / "ajtui").mkdir(parents=True)
        argv = [sys.executable, "-c", _UNWRITABLE]
    done = subprocess.run([*argv, "show", str(doc)], capture_output=True, text=True, env=env,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert not marker.exists(), f"a pickle planted in the {where} ran"


def test_the_shipped_parse_tables_match_the_grammar():
    from ajtui import grammar

    stored = grammar.load_tables()
    assert stored is not None, ("ajtui/grammar_tables.json is missing or was written for "
                                "another grammar: run `python -m ajtui.grammar`")
    fresh = json.loads(grammar.serialize_tables(), object_hook=grammar._decode)
    assert grammar.canonical(stored) == grammar.canonical(fresh), (
        "the parse tables differ from the grammar's: run `python -m ajtui.grammar`")
    assert grammar.canonical(stored)["unreached"] == 0


def test_the_tables_parse_as_the_grammar_does():
    from lark import Lark

    from ajtui import grammar, parser

    assert grammar.TABLES.is_file()
    assert grammar.load_tables() is not None
    built = Lark(grammar.grammar_text(), postlex=grammar.AjIndenter(), cache=False,
                 transformer=parser._BUILDER, **grammar._options())
    shipped = grammar.parser(parser._BUILDER)
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "descriptions").glob("*.aj"))]
    texts += [p.read_text(encoding="utf-8")
              for p in sorted((ROOT / "tests/fixtures/valid").glob("*.aj"))]
    for text in texts:
        assert shipped.parse(text) == built.parse(text)


def test_a_grammar_edited_after_the_tables_still_parses(monkeypatch):
    from ajtui import grammar, parser

    edited = grammar.grammar_text() + "\n// an edit the tables do not know\n"
    monkeypatch.setattr(grammar, "grammar_text", lambda: edited)
    assert grammar.load_tables() is None
    monkeypatch.setattr(grammar, "_parsers", {})
    monkeypatch.setattr(grammar, "_fast", {})
    text = SAMPLE.read_text(encoding="utf-8")
    assert grammar.parser(parser._BUILDER).parse(text) is not None
