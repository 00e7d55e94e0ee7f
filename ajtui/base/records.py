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
    from typing import Any, ClassVar, TypeVar

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
    #: what equality compares: the `_FIELDS` of a record, as one value (set for each class)
    _key: ClassVar[Callable[..., Any]] = attrgetter("__class__")

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        own = cls.__dict__.get("__slots__", ())
        if isinstance(own, str):
            own = (own,)
        cls._INIT = (*cls._INIT, *own)
        cls._FIELDS = (*cls._FIELDS, *(n for n in own if n not in cls._UNCOMPARED))
        # (attrgetter is no descriptor: `self._key(other)` is other's fields)
        cls._key = attrgetter(*cls._FIELDS) if cls._FIELDS else attrgetter("__class__")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._key(self) == self._key(other)
        return NotImplemented

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
        return hash(self._key(self))

    def __reduce__(self) -> tuple:
        # copy, deepcopy and pickle make it again through __init__ (setting its slots
        # one by one is refused); its attributes are __init__'s parameters in order
        return type(self), tuple(getattr(self, n) for n in self._INIT)


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
