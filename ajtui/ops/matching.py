"""The SequenceMatcher every comparison of the diff uses, behind one function.

Two implementations give the same answers: the standard library's `difflib` and
`cydifflib` (difflib's own code compiled to C, about 0.7 of its time). Importing cydifflib
costs more than a one-file diff spends comparing, so a process compares with difflib until
the tokens it has handed to matchers pass `FAST_AFTER`, then with cydifflib. The figures:
tests/benchmarks/README.md ("Ninth round").
"""

from __future__ import annotations

from difflib import SequenceMatcher as _Standard

#: Tokens compared (both sides, summed over the process) after which cydifflib is loaded.
FAST_AFTER = 10_000

_use: list = [_Standard]
_seen = [0]
_tried = [False]


def sequence_matcher(a=(), b=(), autojunk: bool = False) -> _Standard:
    """A matcher over the sequences `a` and `b` (no junk function)."""
    note(len(a) + len(b))
    return _use[0](None, a, b, autojunk=autojunk)


def note(tokens: int) -> None:
    """Count tokens given to a matcher by `set_seq1`/`set_seq2`."""
    _seen[0] += tokens
    if _seen[0] > FAST_AFTER and not _tried[0]:
        _tried[0] = True  # once: without cydifflib, no import is tried per matcher
        _use[0] = _fast()


def _fast() -> type:
    try:
        from cydifflib import SequenceMatcher
    except ImportError:  # a platform without its wheel: the same answers, slower
        return _Standard
    return SequenceMatcher


def use(name: str) -> None:
    """Compare with "difflib" or "cydifflib" from now on (the tests and the benchmark
    compare the two)."""
    if name not in ("difflib", "cydifflib"):
        raise ValueError(f"unknown matcher {name!r}: difflib or cydifflib")
    _use[0] = _Standard if name == "difflib" else _fast()


def implementation() -> str:
    """The module the matchers come from now (for the tests and the benchmark)."""
    return "difflib" if _use[0] is _Standard else "cydifflib"
