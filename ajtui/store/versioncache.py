"""What the history needs of each version of a file, kept between runs, by git blob id.

A blob id names its content for ever, so what a version says — its approval fields, its
parse error as one line, its title — can be kept across processes: a second `aj log` reads
git's log and this cache, and parses nothing (it does not even import the parser).

One JSON file per (repository, file) under the user's cache folder (`history/`), so that
`aj log FILE` reads only the entries of that file's versions. Each file records the
fingerprint of the code that made its entries (ajtui's version, the grammar, the format
layer and `SOURCES`); each is an ajtui.store.cache.CacheFile: another fingerprint, an
unreadable file or a wrong shape reads as empty, writes are atomic and merged with what
another process wrote meanwhile. A file keeps at most `ENTRIES` entries and the folder at
most `FOLDER_BYTES` (the least recently written files go first).

A record is ajtui.store.revisions.VersionRecord, kept as a list: [has approval section,
kind, number, date as written, annex, error] and, once it has been read, the title
(ametinimetus) as a seventh item. Beside it, under
"=" and the blob id, the digest of what the version says (ajtui.store.versions.content), read
only for versions that share an approval with an earlier one.
"""

from __future__ import annotations

import os

from ajtui.store.cache import CacheFile, name_key, prune
from ajtui.store.revisions import VersionRecord

#: Entries per file (a version is ≈ 150 bytes).
ENTRIES = 50_000
#: The whole history cache folder.
FOLDER_BYTES = 64 << 20
#: What the records depend on besides the blob's content.
SOURCES = ("store/versions.py", "store/revisions.py", "store/versioncache.py")


_TEXT = {str, type(None)}


def valid(record) -> bool:
    """The shape of a record (anything else in a file is ignored)."""
    return (
        type(record) is list
        and 6 <= len(record) <= 7
        and type(record[0]) is bool
        and _TEXT.issuperset(map(type, record[1:]))
    )


class VersionCache:
    """Records by blob id, in one file per scope (a file's path in the repository at
    `root`); the blob id alone makes a record valid, the scope only keeps together what is
    read together."""

    def __init__(self, folder: str | None, fingerprint: str, root: str = "") -> None:
        self.folder, self.fingerprint, self.root = folder, fingerprint, root
        self._files: dict[str, CacheFile] = {}  # scope -> its file

    @classmethod
    def open(cls, root: str, enabled: bool = True) -> VersionCache:
        """The user's cache for the repository at `root` (never raises: without a usable
        folder, nothing is kept)."""
        if not enabled:
            return cls(None, "", root)
        try:
            from ajtui.store.cache import FORMAT_SOURCES, fingerprint, private_dir

            return cls(private_dir("history"), fingerprint(*FORMAT_SOURCES, *SOURCES), root)
        except Exception:  # no cache is never an error
            return cls(None, "", root)

    def _name(self, scope: str) -> str:
        """The file for a scope (a file's path in the repository)."""
        return name_key(f"{self.root}\0{scope}")

    def _file(self, scope: str) -> CacheFile:
        found = self._files.get(scope)
        if found is None:
            path = (
                None
                if self.folder is None
                else os.path.join(self.folder, self._name(scope) + ".json")
            )
            found = self._files[scope] = CacheFile(path, self.fingerprint, limit=ENTRIES)
        return found

    def entries(self, scope: str) -> dict:
        return self._file(scope).entries

    def get(self, scope: str, blob: str) -> VersionRecord | None:
        record = self._file(scope).get(blob)
        return VersionRecord.from_json(record) if valid(record) else None

    def put(self, scope: str, blob: str, record: VersionRecord) -> None:
        self._file(scope).put(blob, record.to_json())

    def get_content(self, scope: str, blob: str) -> str | None:
        """The digest of what the version says ("" when it does not parse), or None when
        not known. Kept beside the records, under "=" and the blob id."""
        found = self._file(scope).get("=" + blob)
        return found if type(found) is str else None

    def put_content(self, scope: str, blob: str, digest: str) -> None:
        self._file(scope).put("=" + blob, digest)

    def get_in_force(self, scope: str, blob: str) -> str | None:
        """A version's `jõustub:` (entry into force) as written ("" when it has none), or
        None when not known. Kept under "jõustub:" and the blob id."""
        found = self._file(scope).get("jõustub:" + blob)
        return found if type(found) is str else None

    def put_in_force(self, scope: str, blob: str, text: str) -> None:
        self._file(scope).put("jõustub:" + blob, text)

    def get_blame(self, scope: str, key: str) -> list | None:
        """A blame answer kept under "blame:" and the key of the versions it read:
        [[path, line, revision index], …] (anything else reads as not known)."""
        found = self._file(scope).get("blame:" + key)
        if type(found) is list and all(
            type(r) is list
            and len(r) == 3
            and type(r[0]) is str
            and type(r[1]) is int
            and type(r[2]) is int
            for r in found
        ):
            return found
        return None

    def put_blame(self, scope: str, key: str, rows: list) -> None:
        self._file(scope).put("blame:" + key, rows)

    def save(self) -> None:
        """Write what this process added (merged with the file as it is now), then keep
        the folder within `FOLDER_BYTES`."""
        written = []
        for file in self._files.values():
            if file.dirty and file.path is not None:
                file.limit = ENTRIES
                file.save()
                written.append(file.path)
        if written and self.folder is not None:
            prune(self.folder, ".json", max_bytes=FOLDER_BYTES, keep=written)
