"""git's object ids (SHA-1) and the cache's keys (BLAKE2b) without importing `hashlib`.

`hashlib` loads OpenSSL's `_hashlib` at import — a cost of every process that imports it, paid
by `aj show`, `aj diff A B` and git's `aj git-diff` for one id of one file. CPython's own
modules `_sha1` and `_blake2` give the same digests (hashlib's `blake2b` *is* `_blake2`'s)
and cost next to nothing; a Python built without one falls back to `hashlib`.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not `from typing import …`: typing costs start-up time
if TYPE_CHECKING:
    from hashlib import blake2b as _blake2b
    from hashlib import sha1 as _sha1
else:
    try:
        from _sha1 import sha1 as _sha1
    except ImportError:  # pragma: no cover - a Python built without its own SHA-1
        from hashlib import sha1 as _sha1
    try:
        from _blake2 import blake2b as _blake2b
    except ImportError:  # pragma: no cover - a Python built without its own BLAKE2
        from hashlib import blake2b as _blake2b


def blob_id(data: bytes) -> str:
    """git's object id of a blob with this content (`git hash-object`): no git needed."""
    return _sha1(b"blob %d\0%s" % (len(data), data)).hexdigest()


def blake2b(data: bytes = b"", *, digest_size: int = 64) -> _blake2b:
    """A BLAKE2b hash of `data` (more with `update`), as `hashlib.blake2b` makes it."""
    return _blake2b(data, digest_size=digest_size)
