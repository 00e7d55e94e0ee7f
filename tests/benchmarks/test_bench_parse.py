"""Parse + build the model, against the floor (Lark with a one-rule line grammar on the same bytes)
and the peers (tomllib, tomlkit on the same content written as TOML)."""

from __future__ import annotations

import tomllib

import tomlkit
from lark import Lark

from ajtui.format.parser import loads

from tests.benchmarks.harness import measure, record
from tests.helpers import corpus

#: The floor for any Lark parser: one rule, one terminal per line, a tree of line tokens.
LINE_GRAMMAR = r"""
start: LINE*
LINE: /[^\n]*\n/
"""


def line_parser() -> Lark:
    return Lark(LINE_GRAMMAR, parser="lalr")


def _mb(texts: list[str]) -> float:
    return sum(len(t.encode()) for t in texts) / 1e6


def test_parse_1mb(texts_1mb):
    texts = texts_1mb
    tomls = [corpus.to_toml(loads(t)) for t in texts]
    assert [tomllib.loads(t) for t in tomls[:3]]
    lines = line_parser()
    t = measure(
        {
            "aj": lambda: [loads(x) for x in texts],
            "lark-line": lambda: [lines.parse(x) for x in texts],
            "tomllib": lambda: [tomllib.loads(x) for x in tomls],
        },
        cpu=True,
    )
    mb, tmb = _mb(texts), _mb(tomls)
    speed = (
        f"CPU time; {len(texts)} descriptions, {mb:.2f} MB as .aj ({mb / t['aj']:.2f} MB/s), "
        f"{tmb:.2f} MB as TOML (tomllib {tmb / t['tomllib']:.2f} MB/s)"
    )
    record(
        "parse",
        "loads 1 MB of descriptions",
        t["aj"],
        "tomllib, same content",
        t["tomllib"],
        target=1.0,
        note=speed + "; the target is parse + model in no more time than "
        "tomllib takes for the same content",
    )
    record(
        "parse",
        "loads 1 MB (vs the Lark floor)",
        t["aj"],
        "Lark one-rule line grammar",
        t["lark-line"],
        note="how far above the cheapest possible Lark parse of the bytes",
    )
    k = measure(
        {
            "aj": lambda: [loads(x) for x in texts],
            "tomlkit": lambda: [tomlkit.loads(x) for x in tomls],
        },
        rounds=3,
        warmup=0,
        cpu=True,
    )
    record(
        "parse",
        "loads 1 MB (vs tomlkit)",
        k["aj"],
        "tomlkit, same content",
        k["tomlkit"],
        note=f"tomlkit {tmb / k['tomlkit']:.2f} MB/s; the target above means ≈ "
        f"{k['tomlkit'] / k['aj']:.1f}× tomlkit here",
    )


def test_parse_long(long_text):
    lines = line_parser()
    t = measure(
        {"aj": lambda: loads(long_text), "lark-line": lambda: lines.parse(long_text)},
        rounds=15,
        cpu=True,
    )
    record(
        "parse",
        f"loads the {long_text.count(chr(10))}-line description",
        t["aj"],
        "Lark one-rule line grammar",
        t["lark-line"],
        note=f"{len(long_text.encode()) / 1e3:.0f} kB; the editor re-parses this on a keystroke",
    )


def test_parse_fast_driver(texts_1mb):
    """What lalr.FastLALR buys: loads as it is against loads through Lark's own parse loop
    (the path that reports errors), on the same valid descriptions."""

    def standard():
        return [loads(x, driver="lark") for x in texts_1mb]

    t = measure(
        {"aj": lambda: [loads(x) for x in texts_1mb], "standard": standard}, rounds=3, cpu=True
    )
    record(
        "parse",
        "loads 1 MB (vs Lark's own loop)",
        t["aj"],
        "loads through Lark's parse loop",
        t["standard"],
        note="the fused driver against the standard path, which loads takes only to "
        "report an error",
    )
