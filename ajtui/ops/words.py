"""Texts as word tokens: the flowed text, how alike two texts are, and word-level spans.

Generic: nothing here knows descriptions. Words are compared with difflib's SequenceMatcher
(through ajtui.ops.matching).
"""

from __future__ import annotations

import re

from ajtui.base.bounded import BoundedDict
from ajtui.ops.matching import sequence_matcher

#: How alike two paired texts must be for word highlights; below it they are shown whole.
WORDS_THRESHOLD = 0.4

#: A word, or one punctuation mark.
TOKEN = re.compile(r"\w+|[^\w\s]")
_FLOWED: BoundedDict = BoundedDict(50_000)


def flow(text: str | None) -> str:
    """Whitespace runs (the author's line breaks) as single spaces."""
    if not text:
        return ""
    found = _FLOWED.get(text)
    if found is None:
        found = _FLOWED[text] = " ".join(text.split())
    return found


def forget_flowed() -> None:
    """Empty the memory of flowed texts (what a fresh process starts with)."""
    _FLOWED.clear()


def tokens(text: str) -> list[str]:
    """Word and punctuation tokens (for similarity): TOKEN.findall(text), made faster.

    A token never holds whitespace, and a piece between whitespace made of letters and
    digits only (str.isalnum, the regex's \\w less "_") is one token; only the other
    pieces go through the regex, which is slow on non-ASCII text."""
    out: list[str] = []
    add, more, find = out.append, out.extend, TOKEN.findall
    for piece in text.split():
        if piece.isalnum():
            add(piece)
        else:
            more(find(piece))
    return out


def token_starts(text: str) -> tuple[list[str], list[int]]:
    """The tokens of flowed text (as `tokens`) and where each starts. In flowed text one
    space separates pieces and a piece's tokens follow one another without a gap."""
    toks: list[str] = []
    starts: list[int] = []
    pos = 0
    find = TOKEN.findall
    for piece in text.split(" "):
        if piece.isalnum():
            toks.append(piece)
            starts.append(pos)
        else:
            at = pos
            for t in find(piece):
                toks.append(t)
                starts.append(at)
                at += len(t)
            if at != pos + len(piece):  # a gap: whitespace flow() kept (never, so far)
                found = list(TOKEN.finditer(text))
                return [mo.group() for mo in found], [mo.start() for mo in found]
        pos += len(piece) + 1
    return toks, starts


def matcher(a: list[str], b: list[str]):
    """A SequenceMatcher over two token lists."""
    # autojunk would treat common words ("ja", ",") as junk in long texts and hurt the
    # alignment; texts here are short, so it is on only for very long ones.
    return sequence_matcher(a, b, autojunk=len(b) > 2000)


def similarity(a: str | None, b: str | None) -> float:
    """Share of equal word tokens (0..1) between two texts; line breaks do not count."""
    ta, tb = tokens(flow(a)), tokens(flow(b))
    if not ta and not tb:
        return 1.0
    return matcher(ta, tb).ratio()


def word_diff(old: str | None, new: str | None) -> list[tuple[str, str, str]]:
    """Word-level spans between two texts (flowed), delta-style: when the texts are not
    similar enough, one `replace` of the whole texts.

    Each span is (op, old part, new part), op in equal|insert|delete|replace; the old
    parts joined give the old text flowed, the new parts likewise."""
    a, b = flow(old), flow(new)
    if a == b:
        return [("equal", a, b)] if a else []
    if not a:
        return [("insert", "", b)]
    if not b:
        return [("delete", a, "")]
    ta, sa = token_starts(a)
    tb, sb = token_starts(b)
    sm = matcher(ta, tb)
    if sm.real_quick_ratio() < WORDS_THRESHOLD or sm.ratio() < WORDS_THRESHOLD:
        return [("replace", a, b)]
    return _tidy(_segments(sm.get_opcodes(), a, ta, sa, b, tb, sb))


def _segments(
    codes: list[tuple[str, int, int, int, int]],
    a: str,
    ta: list[str],
    sa: list[int],
    b: str,
    tb: list[str],
    sb: list[int],
) -> list[list[str]]:
    """The opcodes' parts as text, each side's parts concatenating to exactly its text.
    A part runs from its first token's start to its last token's end; the one space
    that may stand before it goes to an unchanged neighbour when there is one, so that
    highlights neither start nor end with a space."""
    segs = [[code[0], "", ""] for code in codes]
    for side, text, toks, starts in ((1, a, ta, sa), (2, b, tb, sb)):
        prev: list[str] | None = None
        for seg, (_op, i1, i2, j1, j2) in zip(segs, codes):
            lo, hi = (i1, i2) if side == 1 else (j1, j2)
            if hi <= lo:
                continue
            start = starts[lo]
            part = text[start : starts[hi - 1] + len(toks[hi - 1])]
            if start and text[start - 1] == " ":
                if prev is not None and (prev[0] == "equal" or seg[0] != "equal"):
                    prev[side] += " "
                else:
                    part = " " + part
            seg[side] = part
            prev = seg
    return segs


def _tidy(segs: list[list[str]]) -> list[tuple[str, str, str]]:
    """Fold tiny equal islands (a comma, a one-letter word) between two changes into one
    replace, so highlights are not chopped into pieces; merge neighbouring changes."""
    out = [s for s in segs if s[1] or s[2]]
    k = 1
    while k < len(out) - 1:
        mid = out[k]
        if (
            mid[0] == "equal"
            and out[k - 1][0] != "equal"
            and out[k + 1][0] != "equal"
            and len(mid[1].strip()) <= 2
        ):
            out[k - 1 : k + 2] = [
                [
                    "replace",
                    out[k - 1][1] + mid[1] + out[k + 1][1],
                    out[k - 1][2] + mid[2] + out[k + 1][2],
                ]
            ]
            k = max(1, k - 1)
            continue
        k += 1
    merged: list[list[str]] = []
    for seg in out:
        if merged and merged[-1][0] != "equal" and seg[0] != "equal":
            merged[-1][1] += seg[1]
            merged[-1][2] += seg[2]
        else:
            merged.append(list(seg))
    for seg in merged:
        if seg[0] != "equal":
            seg[0] = "replace" if seg[1] and seg[2] else ("delete" if seg[1] else "insert")
    return [(s[0], s[1], s[2]) for s in merged]
