"""The editor's live check: the text parsed and validated after every change, in a thread.

One check runs at a time. A change while one runs asks for another: when the running check
ends, its result is dropped (it is stale: the text changed since) and the newest text is
checked at once. A result is shown only when no change came after the text it checked.

A check that takes no longer than a frame starts at the key, so diagnostics follow the key
within a frame or two. A file either of whose last two checks took longer than that is
checked at the first key after a pause in typing, and while typing goes on, once it pauses
again (`pause`, which grows with the check's duration), so that a long file does not keep a
core and the GIL busy with checks that the next key makes stale. A
check's duration is its CPU time, not the time it also waited for the GIL while a frame was
drawn, nor a collection of the whole heap that happened to fall in it.

Pure scheduling: what to check (`text`), how (`analyse`) and what to do with the result
(`show`) come from the screen.
"""

from __future__ import annotations

import gc
import threading
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


class _Collections(threading.local):
    """The CPU time each thread has spent in the garbage collector (its collections run in
    the thread whose allocation set them off)."""

    seconds = 0.0
    started = 0.0


_collections = _Collections()


def _count_collection(phase: str, info: dict) -> None:
    if phase == "start":
        _collections.started = time.thread_time()
    else:
        _collections.seconds += time.thread_time() - _collections.started


def watch_collections() -> None:
    """Count each thread's time in the garbage collector (once per process)."""
    if _count_collection not in gc.callbacks:
        gc.callbacks.append(_count_collection)


def _own_cpu() -> float:
    """This thread's CPU time outside the garbage collector."""
    return time.thread_time() - _collections.seconds


@dataclass
class Checked:
    """The result of one check of the text as it was at `generation`."""

    generation: int
    doc: Any
    diagnostics: list = field(default_factory=list)
    #: The check's CPU time in its thread (not the time it waited for the GIL, nor the
    #: garbage collector's).
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
        watch_collections()
        self._owner = owner
        self._text = text
        self._analyse = analyse
        self._show = show
        #: Counts the changes: the text as it is now.
        self.generation = 0
        #: The generation of the result shown last (-1: none yet).
        self.shown = -1
        #: How long the last two checks took (CPU seconds), stale or not.
        self.recent: list[float] = []
        self.running = False
        self._again = False
        self._timer: Timer | None = None
        #: When the text changed last (`clock`'s seconds).
        self.clock: Callable[[], float] = time.monotonic
        self._changed_at = -float("inf")

    @property
    def current(self) -> bool:
        """Is the result shown the one for the text as it is now?"""
        return self.shown == self.generation

    @property
    def last_seconds(self) -> float:
        return self.recent[-1] if self.recent else 0.0

    @property
    def typical(self) -> float:
        """What a check of this file costs: the longer of the last two checks' times. A
        syntax error near the top ends the parse early, so the check of a long file that
        has one is quick; the next key's check, of the mended text, is not."""
        return max(self.recent) if self.recent else 0.0

    @property
    def slow(self) -> bool:
        return self.typical > FRAME

    @property
    def pause(self) -> float:
        """How long typing must pause before a slow file is checked (0: no pause)."""
        if not self.slow:
            return 0.0
        return min(max(self.typical * PAUSE_FACTOR, MIN_PAUSE), MAX_PAUSE)

    def changed(self) -> None:
        """The text changed: check it now; a slow file while typing goes on (the change
        before this one came less than the pause ago), once typing pauses."""
        self.generation += 1
        now = self.clock()
        since, self._changed_at = now - self._changed_at, now
        pause = self.pause
        if not pause or since >= pause:
            self._stop_timer()
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
        # the check's own CPU time: its wall time also counts the waits for the GIL while
        # the app draws a frame, and a full collection of the app's heap (30 ms) may fall
        # in any check: either made a short file look slow (and wait for a pause)
        started = _own_cpu()
        try:
            doc, diagnostics = self._analyse(text)
            result = Checked(generation, doc, diagnostics)
        except Exception as e:  # a bug in the checker: said on screen, the editor goes on
            result = Checked(generation, None, error=e)
        result.seconds = _own_cpu() - started
        try:
            self._owner.app.call_from_thread(self._done, result)
        except RuntimeError:  # the app is gone (quit while checking)
            pass

    def _done(self, result: Checked) -> None:
        self.running = False
        self.recent = [*self.recent[-1:], result.seconds]
        if not self._owner.is_attached:
            return  # the screen was closed while checking
        if result.generation == self.generation:
            self.shown = result.generation
            self._show(result)
        if self._again:
            self._kick()
        elif result.generation != self.generation and self._timer is None:
            self._kick()  # stale, and nothing else would check the newest text
