"""Regular expressions a user typed (`aj replace --regex`, `aj query '… ~ "…"'`): compiled
once with the syntax and messages of Python's `re`, run with a time budget.

Python's `re` cannot be interrupted: `(a+)+$` on a 41-character value or `a+b` on a long
line runs for minutes. The `regex` module takes a `timeout` and is compatible with `re`
in its default (VERSION0) mode, so a pattern is checked by `re` (the syntax users know,
errors with their position) and run by `regex`. `regex` is imported only when a pattern
is compiled: it costs start-up time that `aj check` should not pay.
"""

from __future__ import annotations

import re
import time
import warnings
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "PatternError",
    "PatternTimeout",
    "Budget",
    "UserPattern",
    "compile_user",
    "check_template",
    "TIME_BUDGET",
    "GIVE_UP_AFTER",
    "gives_up",
]

#: Seconds one pattern may run over one description before it is given up.
TIME_BUDGET = 2.0
#: A command over many files stops once a pattern has run out of time on this many: it
#: would on most of the rest too (200 files, 400 s), and the user has to change it anyway.
GIVE_UP_AFTER = 3

_timeouts: dict[str, int] = {}  # pattern source -> descriptions it ran out of time on


class PatternError(ValueError):
    """A pattern or a replacement that cannot be used; `position` is 0-based or None.
    `message` names the pattern; str() adds where in it the problem is."""

    def __init__(self, message: str, source: str, position: int | None = None) -> None:
        super().__init__(message)
        self.message, self.source, self.position = message, source, position

    def __str__(self) -> str:
        if self.position is None:
            return self.message
        return f"{self.message} (at character {self.position + 1})"


class PatternTimeout(Exception):
    """A pattern ran out of its time budget on one description."""

    def __init__(self, source: str, seconds: float) -> None:
        super().__init__(
            f"regular expression {_shown(source)} took longer than {seconds:g} s "
            "and was stopped (nested repeats such as '(a|aa)+' and long "
            "lines make it slow)"
        )
        self.source, self.seconds = source, seconds
        _timeouts[source] = self.times = _timeouts.get(source, 0) + 1
        #: the pattern has now run out of time on GIVE_UP_AFTER descriptions: a batch stops
        self.give_up = self.times >= GIVE_UP_AFTER


def gives_up(e: BaseException | None) -> PatternTimeout | None:
    """The PatternTimeout behind `e` (an EditError or QueryError raised from one) when it
    says a batch should stop, else None."""
    while e is not None:
        if isinstance(e, PatternTimeout):
            return e if e.give_up else None
        e = e.__cause__
    return None


def stopped_message(e: PatternTimeout, left: int) -> str:
    """The line a batch ends with when it stops for a slow pattern."""
    return (
        f"stopped: regular expression {_shown(e.source)} ran out of time on {e.times} "
        f"descriptions; {left} file{'s' if left != 1 else ''} not searched (make the "
        "pattern simpler, e.g. without nested repeats)"
    )


class Budget:
    """Time left for the patterns run over one description."""

    def __init__(self, seconds: float | None = None) -> None:
        self.seconds = TIME_BUDGET if seconds is None else seconds
        self._end = time.monotonic() + self.seconds

    def left(self, source: str) -> float:
        left = self._end - time.monotonic()
        if left <= 0:
            raise PatternTimeout(source, self.seconds)
        return left


def _shown(text: str) -> str:
    """A pattern in a message as typed (backslashes not doubled), controls made visible,
    a long one cut."""
    from ajtui.base.safetext import safe

    return f"'{safe(text)}'" if len(text) <= 60 else f"'{safe(text[:60])}…'"


def _describe(e: re.error) -> str:
    # re's message without its own "at position N" (the caller shows where)
    return e.msg if getattr(e, "msg", None) else str(e)


@dataclass
class UserPattern:
    """A user's pattern, ready to run. Every method takes the Budget of the description
    being searched and raises PatternTimeout when it runs out."""

    source: str
    _rx: Any = field(repr=False)  # the regex module's compiled pattern
    _checked: Any = field(repr=False)  # re's: the groups a replacement may name

    def search(self, text: str, budget: Budget) -> bool:
        try:
            return self._rx.search(text, timeout=budget.left(self.source)) is not None
        except TimeoutError:
            raise PatternTimeout(self.source, budget.seconds) from None

    def finditer(self, text: str, budget: Budget) -> list:
        """Every match (a list: the time budget covers finding them all)."""
        try:
            return list(self._rx.finditer(text, timeout=budget.left(self.source)))
        except TimeoutError:
            raise PatternTimeout(self.source, budget.seconds) from None

    def expand(self, match, template: str) -> str:
        """`template` (\\1, \\g<1>, \\g<name>) filled in from `match`."""
        try:
            return match.expand(template)
        except (IndexError, re.error) as e:
            raise PatternError(f"bad replacement {_shown(template)}: {e}", template) from None
        except Exception as e:  # the regex module's own error class
            if type(e).__name__ == "error":
                raise PatternError(f"bad replacement {_shown(template)}: {e}", template) from None
            raise


def compile_user(source: str, *, ignore_case: bool = False) -> UserPattern:
    """Check `source` with `re` (PatternError with the position on a mistake) and compile
    it for running with a time budget."""
    flags = re.IGNORECASE if ignore_case else 0
    with warnings.catch_warnings():
        # "possible nested set" and the like: advice about a future Python, not an error
        warnings.simplefilter("ignore")
        try:
            checked = re.compile(source, flags)
        except re.error as e:
            raise PatternError(
                f"bad regular expression {_shown(source)}: {_describe(e)}", source, e.pos
            ) from None
        except (OverflowError, RecursionError, MemoryError, ValueError) as e:
            raise PatternError(f"bad regular expression {_shown(source)}: {e}", source) from None
        import regex

        try:
            rx = regex.compile(source, (regex.IGNORECASE if ignore_case else 0) | regex.VERSION0)
        except Exception as e:  # a pattern re accepts and regex does not
            raise PatternError(
                f"unsupported regular expression {_shown(source)}: {e}", source
            ) from None
    return UserPattern(source, rx, checked)


def check_template(pattern: UserPattern, template: str) -> None:
    """Raise PatternError when `template` refers to a group `pattern` does not have, or
    has a bad escape — before any file is touched (re only says so at the first match)."""
    try:
        from re import _parser

        parse_template = _parser.parse_template
    except (ImportError, AttributeError):  # a Python without it: checked at the match
        return
    try:
        parse_template(template, pattern._checked)
    except re.error as e:
        raise PatternError(
            f"bad replacement {_shown(template)}: {_describe(e)}", template, e.pos
        ) from None
    except (IndexError, ValueError, OverflowError) as e:
        raise PatternError(f"bad replacement {_shown(template)}: {e}", template) from None
