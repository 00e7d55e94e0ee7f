"""Plain records: what `@dataclass` gives the model, without importing `dataclasses`.

`dataclasses` imports `inspect` (and with it `ast`, `dis`, `tokenize`) and compiles each
class's methods when the class is made: for the model's classes, more start-up time than
parsing a description. A `Record` subclass writes its `__init__` by hand and names its
attributes in `__slots__`; this base adds the rest as `@dataclass` made it: `__eq__` (same
class, the compared attributes equal), `__repr__` (`Field(comments=[], key='x', …)`),
unhashable; `Frozen` adds frozen and hashable. `replace` and `compared_fields` stand for
`dataclasses.replace` and `dataclasses.fields(…)` with `compare=True`.
"""

from __future__ import annotations

from operator import attrgetter

TYPE_CHECKING = False  # not `from typing import …`: typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, TypeVar

    _R = TypeVar("_R", bound="Record")


class Record:
    """A record whose attributes are its `__slots__`, in the order of its `__init__`'s
    parameters (a subclass's after its base's). Those named in `_UNCOMPARED` (positions,
    where a document came from) are neither compared nor shown, as `field(compare=False,
    repr=False)` made them. A subclass without `__slots__` of its own has its base's."""

    __slots__ = ()
    #: attributes of this class (and of its subclasses) that equality ignores and repr hides
    _UNCOMPARED: tuple[str, ...] = ()
    #: every attribute, in the order of __init__'s parameters (replace passes them all)
    _INIT: tuple[str, ...] = ()
    #: the attributes equality compares and repr shows, in order
    _FIELDS: tuple[str, ...] = ()
    __hash__ = None  # type: ignore[assignment]  # mutable: unhashable, as a dataclass with eq

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        own = cls.__dict__.get("__slots__", ())
        if isinstance(own, str):
            own = (own,)
        cls._INIT = (*cls._INIT, *own)
        compared = tuple(n for n in own if n not in cls._UNCOMPARED)
        cls._FIELDS = (*cls._FIELDS, *compared)
        if compared and "_key" not in cls.__dict__:
            cls._key = _key_of(cls._FIELDS)  # type: ignore[method-assign, assignment]  # see _key

    def _key(self) -> Any:
        """What equality compares: the `_FIELDS` (a class with many records to compare
        writes it out: attribute reads in its own code are faster than attrgetter's)."""
        return ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._key() == other._key()
        return NotImplemented

    def __deepcopy__(self, memo: dict) -> Any:
        # as copy.deepcopy's generic way does, three times faster: strings, numbers and
        # None are not copied, slots are set directly
        from copy import deepcopy

        cls = self.__class__
        new = cls.__new__(cls)
        memo[id(self)] = new
        for name in cls._INIT:
            value = getattr(self, name)
            if value.__class__ not in _ATOMIC:
                value = deepcopy(value, memo)
            object.__setattr__(new, name, value)
        if hasattr(self, "__dict__"):  # a subclass without __slots__ of its own
            new.__dict__.update(deepcopy(self.__dict__, memo))
        return new

    def __repr__(self) -> str:
        inner = ", ".join(f"{n}={getattr(self, n)!r}" for n in self._FIELDS)
        return f"{type(self).__qualname__}({inner})"


class Frozen(Record):
    """A record that cannot change once made, hashable by its compared attributes (as
    `@dataclass(frozen=True)`). Its `__init__` takes its attributes in order, by position
    or name, and sets them with `_set`."""

    __slots__ = ()

    def _set(self, **values: Any) -> None:
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: a {type(self).__name__} is frozen")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: a {type(self).__name__} is frozen")

    def __hash__(self) -> int:  # type: ignore[override]  # Record's is None: this one is frozen
        return hash(self._key())

    def __reduce__(self) -> tuple:
        # copy and pickle make it again through __init__ (setting its slots one by one is
        # refused); its attributes are __init__'s parameters in order
        return type(self), tuple(getattr(self, n) for n in self._INIT)


_ATOMIC = frozenset({str, int, bool, float, type(None)})


def _key_of(names: tuple[str, ...]) -> Callable[[Any], Any]:
    get = attrgetter(*names)

    def _key(self: Any) -> Any:
        return get(self)

    return _key


def replace(record: _R, **changes: Any) -> _R:
    """A new record of the same class with the same attributes but `changes` (as
    `dataclasses.replace`: through `__init__`, which makes its conversions again; lists
    are shared, not copied)."""
    cls = type(record)
    unknown = [name for name in changes if name not in cls._INIT]
    if unknown:
        raise TypeError(f"{cls.__name__} has no field {unknown[0]!r}")
    return cls(**{n: changes[n] if n in changes else getattr(record, n) for n in cls._INIT})


def compared_fields(cls: type) -> tuple[str, ...] | None:
    """The attributes equality compares for records of `cls`, in order (the fields of
    `dataclasses.fields(cls)` with `compare=True`); None when `cls` is not a Record."""
    return cls._FIELDS if isinstance(cls, type) and issubclass(cls, Record) else None
