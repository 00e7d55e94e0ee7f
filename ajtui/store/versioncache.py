"""What the history needs of each version of a file, kept between runs, by git blob id.

A blob id names its content for ever, so what a version says — its approval fields, its
parse error as one line, its title — can be kept across processes: a second `aj log` reads
git's log and this cache, and parses nothing (it does not even import the parser).

One JSON file per (repository, file) under the user's cache folder (`history/`), so that
`aj log FILE` reads only the entries of that file's versions. Each file records the
fingerprint of the code that made its entries (ajtui's version, the grammar, the format
layer, ajtui.store.versions and ajtui.store.history): another fingerprint, an unreadable file or a
wrong shape reads as empty. Writes are atomic (a temporary file renamed over the old one),
merged with what another process wrote meanwhile; a file keeps at most `ENTRIES` entries
and the folder at most `FOLDER_BYTES` (the least recently written files go first). A
cache folder that cannot be written is not an error.

A record is a list: [has approval section, kind, number, date as written, annex, error]
and, once it has been read, the title (ametinimetus) as a seventh item. Beside it, under
"=" and the blob id, the digest of what the version says (ajtui.store.versions.content), read
only for versions that share an approval with an earlier one.
"""

from __future__ import annotations

import os

#: Entries per file (a version is ≈ 150 bytes).
ENTRIES = 50_000
#: The whole history cache folder.
FOLDER_BYTES = 64 << 20
#: What the records depend on besides the blob's content.
SOURCES = ("store/versions.py", "store/history.py", "store/versioncache.py")


_TEXT = {str, type(None)}


def valid(record) -> bool:
    """The shape of a record (anything else in a file is ignored)."""
    return (type(record) is list and 6 <= len(record) <= 7 and type(record[0]) is bool
            and _TEXT.issuperset(map(type, record[1:])))


class VersionCache:
    """Records by blob id, in one file per scope (a file's path in the repository at
    `root`); the blob id alone makes a record valid, the scope only keeps together what is
    read together."""

    def __init__(self, folder: str | None, fingerprint: str, root: str = "") -> None:
        self.folder, self.fingerprint, self.root = folder, fingerprint, root
        self._names: dict[str, str] = {}  # scope -> file name
        self._files: dict[str, dict] = {}  # file name -> entries
        self._dirty: dict[str, dict] = {}  # file name -> entries added in this process

    @classmethod
    def open(cls, root: str, enabled: bool = True) -> VersionCache:
        """The user's cache for the repository at `root` (never raises: without a usable
        folder, nothing is kept)."""
        if not enabled:
            return cls(None, "", root)
        try:
            from ajtui.store.cache import FORMAT_SOURCES, fingerprint, private_dir

            return cls(private_dir("history"), fingerprint(*FORMAT_SOURCES, *SOURCES), root)
        except Exception:  # noqa: BLE001 - no cache is never an error
            return cls(None, "", root)

    def _name(self, scope: str) -> str:
        """The file for a scope (a file's path in the repository)."""
        name = self._names.get(scope)
        if name is None:
            from ajtui.store.cache import blake2b

            key = f"{self.root}\0{scope}".encode("utf-8", "surrogateescape")
            name = self._names[scope] = blake2b(key, digest_size=12).hexdigest()
        return name

    def _path(self, name: str) -> str:
        return os.path.join(self.folder or "", name + ".json")

    def _read(self, name: str) -> dict:
        if self.folder is None:
            return {}
        import json

        from ajtui.store.cache import read_cache_file

        data = read_cache_file(self._path(name))
        if data is None:
            return {}
        try:
            stored = json.loads(data)
        except (ValueError, UnicodeDecodeError, RecursionError):
            return {}
        if (isinstance(stored, dict) and stored.get("fingerprint") == self.fingerprint
                and isinstance(stored.get("entries"), dict)):
            return stored["entries"]
        return {}

    def entries(self, scope: str) -> dict:
        name = self._name(scope)
        found = self._files.get(name)
        if found is None:
            found = self._files[name] = self._read(name)
        return found

    def get(self, scope: str, blob: str) -> list | None:
        record = self.entries(scope).get(blob)
        return record if valid(record) else None

    def put(self, scope: str, blob: str, record: list) -> None:
        self.entries(scope)[blob] = record
        self._dirty.setdefault(self._name(scope), {})[blob] = record

    def get_content(self, scope: str, blob: str) -> str | None:
        """The digest of what the version says ("" when it does not parse), or None when
        not known. Kept beside the records, under "=" and the blob id."""
        found = self.entries(scope).get("=" + blob)
        return found if type(found) is str else None

    def put_content(self, scope: str, blob: str, digest: str) -> None:
        self.put(scope, "=" + blob, digest)  # type: ignore[arg-type]

    def get_in_force(self, scope: str, blob: str) -> str | None:
        """A version's `jõustub:` (entry into force) as written ("" when it has none), or
        None when not known. Kept under "jõustub:" and the blob id."""
        found = self.entries(scope).get("jõustub:" + blob)
        return found if type(found) is str else None

    def put_in_force(self, scope: str, blob: str, text: str) -> None:
        self.put(scope, "jõustub:" + blob, text)  # type: ignore[arg-type]

    def get_blame(self, scope: str, key: str) -> list | None:
        """A blame answer kept under "blame:" and the key of the versions it read:
        [[path, line, revision index], …] (anything else reads as not known)."""
        found = self.entries(scope).get("blame:" + key)
        if type(found) is list and all(
                type(r) is list and len(r) == 3 and type(r[0]) is str
                and type(r[1]) is int and type(r[2]) is int for r in found):
            return found
        return None

    def put_blame(self, scope: str, key: str, rows: list) -> None:
        self.put(scope, "blame:" + key, rows)

    def save(self) -> None:
        """Write what this process added (merged with the file as it is now)."""
        if self.folder is None or not self._dirty:
            return
        dirty, self._dirty = self._dirty, {}
        try:
            import json

            from ajtui.base.writing import write_atomic

            os.makedirs(self.folder, mode=0o700, exist_ok=True)
            for name, added in dirty.items():
                entries = {**self._read(name), **self._files.get(name, {}), **added}
                if len(entries) > ENTRIES:  # the oldest go first (dicts keep order)
                    keys = list(entries)[-ENTRIES:]
                    entries = {k: entries[k] for k in keys}
                self._files[name] = entries
                write_atomic(self._path(name),
                             json.dumps({"fingerprint": self.fingerprint,
                                         "entries": entries},
                                        ensure_ascii=False, separators=(",", ":")))
            self._prune(set(dirty))
        except OSError:
            pass

    def _prune(self, keep: set[str]) -> None:
        """Remove the least recently written files while the folder is too big."""
        assert self.folder is not None
        files = []
        with os.scandir(self.folder) as found:
            for entry in found:
                if entry.name.endswith(".json") and entry.is_file():
                    st = entry.stat()
                    files.append((st.st_mtime, st.st_size, entry.path, entry.name[:-5]))
        total = sum(size for _, size, _, _ in files)
        for _mtime, size, path, name in sorted(files):
            if total <= FOLDER_BYTES:
                break
            if name in keep:
                continue
            try:
                os.unlink(path)
            except OSError:
                continue
            total -= size
