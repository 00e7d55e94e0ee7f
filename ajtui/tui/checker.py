"""The editor's live check: the text parsed and validated after every change, in a thread.

One check runs at a time. A change while one runs asks for another: when the running check
ends, its result is dropped (it is stale: the text changed since) and the newest text is
checked at once. A result is shown only when no change came after the text it checked.

A check that takes no longer than a frame starts at the key, so diagnostics follow the key
within a frame or two. A file whose last check took longer than that is checked once typing
pauses (`pause`, which grows with the check's duration), so that a long file does not keep
a core and the GIL busy with checks that the next key makes stale.

Pure scheduling: what to check (`text`), how (`analyse`) and what to do with the result
(`show`) come from the screen.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from textual.timer import Timer
from textual.widget import Widget

#: A check that takes longer than a frame at 60 Hz waits for a pause in typing.
FRAME = 1 / 60
#: The pause for a slow check: this many times its duration, within the bounds below.
PAUSE_FACTOR = 3.0
MIN_PAUSE = 0.1
MAX_PAUSE = 0.3


@dataclass
class Checked:
    """The result of one check of the text as it was at `generation`."""

    generation: int
    doc: Any
    diagnostics: list = field(default_factory=list)
    seconds: float = 0.0
    #: An unexpected failure of the checker itself (not a problem in the text).
    error: BaseException | None = None


class Checker:
    def __init__(
        self,
        owner: Widget,
        text: Callable[[], str],
        analyse: Callable[[str], tuple[Any, list]],
        show: Callable[[Checked], None],
    ) -> None:
        self._owner = owner
        self._text = text
        self._analyse = analyse
        self._show = show
        #: Counts the changes: the text as it is now.
        self.generation = 0
        #: The generation of the result shown last (-1: none yet).
        self.shown = -1
        #: How long the last check took (seconds), stale or not.
        self.last_seconds = 0.0
        self.running = False
        self._again = False
        self._timer: Timer | None = None

    @property
    def current(self) -> bool:
        """Is the result shown the one for the text as it is now?"""
        return self.shown == self.generation

    @property
    def slow(self) -> bool:
        return self.last_seconds > FRAME

    @property
    def pause(self) -> float:
        """How long typing must pause before a slow file is checked (0: no pause)."""
        if not self.slow:
            return 0.0
        return min(max(self.last_seconds * PAUSE_FACTOR, MIN_PAUSE), MAX_PAUSE)

    def changed(self) -> None:
        """The text changed: check it now, or after the pause for a slow file."""
        self.generation += 1
        pause = self.pause
        if not pause:
            self._kick()
            return
        if self._timer is not None:
            self._timer.stop()
        self._timer = self._owner.set_timer(pause, self._paused)

    def now(self) -> None:
        """Check the text as it is now without waiting for a pause."""
        self._stop_timer()
        self._kick()

    def stop(self) -> None:
        self._stop_timer()
        self._again = False

    # --- inside ---------------------------------------------------------------------------

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _paused(self) -> None:
        self._timer = None
        self._kick()

    def _kick(self) -> None:
        if self.running:
            self._again = True  # checked as soon as the running (now stale) check ends
            return
        self.running = True
        self._again = False
        text, generation = self._text(), self.generation
        self._owner.run_worker(
            lambda: self._run(text, generation),
            thread=True,
            group="check",
            exit_on_error=False,
        )

    def _run(self, text: str, generation: int) -> None:
        """In the worker's thread."""
        started = time.perf_counter()
        try:
            doc, diagnostics = self._analyse(text)
            result = Checked(generation, doc, diagnostics)
        except Exception as e:  # a bug in the checker: said on screen, the editor goes on
            result = Checked(generation, None, error=e)
        result.seconds = time.perf_counter() - started
        try:
            self._owner.app.call_from_thread(self._done, result)
        except RuntimeError:  # the app is gone (quit while checking)
            pass

    def _done(self, result: Checked) -> None:
        self.running = False
        self.last_seconds = result.seconds
        if not self._owner.is_attached:
            return  # the screen was closed while checking
        if result.generation == self.generation:
            self.shown = result.generation
            self._show(result)
        if self._again:
            self._kick()
        elif result.generation != self.generation and self._timer is None:
            self._kick()  # stale, and nothing else would check the newest text
