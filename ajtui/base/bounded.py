"""The one bounded in-memory map: every cache held in memory (history's blobs and
approvals, versions' verdicts, the diff's flowed texts) is one of these."""

from __future__ import annotations

from collections import OrderedDict

TYPE_CHECKING = False  # not `from typing import …`: typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any


class BoundedDict(OrderedDict):
    """A dict that holds at most `limit` (items, or with `weigh(key, value)` their total
    weight): adding beyond it drops the oldest additions first. Reads are the dict's own
    (no bookkeeping on a hit: these sit in the hot loops of the history)."""

    def __init__(self, limit: int, weigh: Callable[[Any, Any], int] | None = None) -> None:
        super().__init__()
        self.limit, self.weigh, self.weight = limit, weigh, 0

    def __setitem__(self, key, value) -> None:
        if key in self:
            self.pop(key)
        super().__setitem__(key, value)
        self.weight += self.weigh(key, value) if self.weigh is not None else 1
        while self.weight > self.limit and len(self) > 1:
            self.popitem(last=False)

    def pop(self, key, *default):
        if key in self:
            value = super().pop(key)
            self.weight -= self.weigh(key, value) if self.weigh is not None else 1
            return value
        return super().pop(key, *default)

    def popitem(self, last: bool = True):
        key, value = super().popitem(last)
        self.weight -= self.weigh(key, value) if self.weigh is not None else 1
        return key, value

    def __delitem__(self, key) -> None:
        self.pop(key)

    def clear(self) -> None:
        super().clear()
        self.weight = 0
