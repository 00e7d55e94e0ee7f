"""The organisation a workspace describes: positions, who reports to whom, who substitutes
whom, resolved from the general parts (`üldosa`) of its descriptions; and the reference rules
AJ2xx that `aj check` runs on a folder. No file IO: the facts of each file come in (`facts`,
cached by `aj check` beside its diagnostics), positions and diagnostics go out.

How a name in a value finds its position: ajtui.ops.references (stems, qualifiers). When a
name fits several positions, the one in the referring position's own unit wins, then the one
in the nearest enclosing unit ("Tiimijuht" from a team member is the team's lead); for
`alluvad`, every fitting position in the unit or below it. Anything else that fits more than
one is ambiguous, and said so — never a guess.
"""

from __future__ import annotations

from collections.abc import Sequence

from ajtui.format.validate import Diagnostic
from ajtui.ops.references import Namable, Name, Plain, names, unit_path

#: The general part's fields that name positions, in the order the reports go.
REFERENCE_FIELDS = ("vahetu juht", "asendaja", "asendab", "alluvad")

WARNING = "warning"
#: An ambiguous name's message lists at most this many of the positions it could be.
SHOWN_CANDIDATES = 5
RULES: dict[str, tuple[str, str]] = {
    "AJ201": (WARNING, "names no position in the workspace (nor one listed as outside)"),
    "AJ202": (WARNING, "names a title that several positions have: the unit decides"),
    "AJ203": (WARNING, "substitution not mutual (asendaja here, no asendab there)"),
    "AJ204": (WARNING, "management cycle (vahetu juht leads back here)"),
}


def facts(doc) -> dict:
    """What the reference rules need from one parsed description, as JSON data (cached
    with its diagnostics): title, unit, and each reference field with its place."""
    from ajtui.format import model as m

    section = doc.section("üldosa")
    title = unit = ""
    refs: list[list] = []
    if isinstance(section, m.FieldSection):
        for f in section.fields:
            if f.key == "ametinimetus" and not title:
                title = f.value
            elif f.key == "struktuuriüksus" and not unit:
                unit = f.value
            elif f.key in REFERENCE_FIELDS:
                refs.append([f.key, f.value, f.line or 1, f.column or 1])
    return {"title": title, "unit": unit, "refs": refs}


def valid_facts(fact) -> bool:
    """Facts as `facts` makes them (a cache file is data from disk: checked before use)."""
    if not isinstance(fact, dict):
        return False
    refs = fact.get("refs")
    return (
        isinstance(fact.get("title"), str)
        and isinstance(fact.get("unit"), str)
        and isinstance(refs, list)
        and all(
            isinstance(r, list)
            and len(r) == 4
            and isinstance(r[0], str)
            and isinstance(r[1], str)
            and type(r[2]) is int
            and type(r[3]) is int
            for r in refs
        )
    )


class Ref(Plain):
    """One reference field as written, and where."""

    __slots__ = ("field", "value", "line", "column")

    def __init__(self, field: str, value: str, line: int, column: int) -> None:
        self.field, self.value, self.line, self.column = field, value, line, column


class Position(Plain):
    """A description as a position: title, unit, its reference fields; `namable` is what
    names are compared with, `path` its unit's parts."""

    __slots__ = ("file", "title", "unit", "refs", "namable", "path", "units", "unit_id")

    def __init__(
        self,
        file: str,
        title: str,
        unit: str,
        refs: list[Ref],
        namable: Namable,
        path: tuple[tuple[str, ...], ...],
    ) -> None:
        self.file, self.title, self.unit, self.refs = file, title, unit, refs
        self.namable, self.path = namable, path
        #: Numbers for the unit and the units around it, outermost first (Organisation).
        self.units: tuple[int, ...] = ()
        self.unit_id = -1  # the unit's own number; -1: none

    @classmethod
    def of(cls, file: str, data: dict) -> Position:
        title = " ".join(str(data.get("title") or "").split())
        unit = " ".join(str(data.get("unit") or "").split())
        refs = [Ref(k, v, ln, col) for k, v, ln, col in data.get("refs", ())]
        return cls(file, title, unit, refs, Namable.of(title, unit), unit_path(unit))


class Link(Plain):
    """One name in one reference field, and what it came to: `targets` (one position, or for
    `alluvad` several), `external` (listed as outside), else `candidates` when ambiguous;
    nothing at all: unresolved."""

    __slots__ = ("ref", "name", "targets", "external", "candidates")

    def __init__(
        self,
        ref: Ref,
        name: Name,
        targets: tuple[str, ...] = (),
        external: bool = False,
        candidates: tuple[str, ...] = (),
    ) -> None:
        self.ref, self.name, self.targets = ref, name, targets
        self.external, self.candidates = external, candidates

    @property
    def resolved(self) -> bool:
        return bool(self.targets) or self.external


class Organisation:
    """The positions of a workspace and what each of their reference fields names."""

    def __init__(self, positions: dict[str, Position], external: list[Namable]) -> None:
        self.positions, self.external = positions, external
        self.links: dict[str, list[Link]] = {}
        # title stems → positions; (title, unit) → positions in that unit; (title, unit
        # prefix) → positions in that unit or below: so that a name is resolved without
        # comparing it with every position of its title
        self._by_title: dict[tuple, list[Position]] = {}
        self._by_unit: dict[tuple, list[Position]] = {}
        self._by_prefix: dict[tuple, list[Position]] = {}

    @classmethod
    def build(
        cls, facts_by_file: dict[str, dict | None], external: Sequence[str] = ()
    ) -> Organisation:
        positions = {f: Position.of(f, d) for f, d in facts_by_file.items() if d is not None}
        org = cls(positions, [Namable.of(e) for e in external])
        ids: dict[tuple, int] = {}
        units_of: dict[tuple, tuple[int, ...]] = {}
        for p in positions.values():
            units = units_of.get(p.path)
            if units is None:
                units = units_of[p.path] = tuple(
                    ids.setdefault(p.path[:k], len(ids)) for k in range(1, len(p.path) + 1)
                )
            p.units = units
            p.unit_id = units[-1] if units else -1
            title = p.namable.main
            if not title:
                continue
            org._by_title.setdefault(title, []).append(p)
            org._by_unit.setdefault((title, p.unit_id), []).append(p)
            for u in p.units:
                org._by_prefix.setdefault((title, u), []).append(p)
        seen: dict[tuple, tuple] = {}  # (name, unit, field) → what it resolved to
        for p in positions.values():
            links: list[Link] = []
            org.links[p.file] = links
            for ref in p.refs:
                for name in names(ref.value):
                    key = (name.main, name.qualifiers, p.unit_id, ref.field == "alluvad")
                    found = seen.get(key)
                    if found is None:
                        found = seen[key] = org._resolve(p, ref, name)
                    links.append(Link(ref, name, *found))
        return org

    def _fits(self, name: Name) -> list[tuple[tuple, list[Position] | None]]:
        """The titles the name ends with that some position has, each with the positions
        that fit, or None when all of that title fit (the name says nothing more)."""
        out: list[tuple[tuple, list[Position] | None]] = []
        for j in range(len(name.main)):
            title = name.main[j:]
            group = self._by_title.get(title)
            if group:
                if j or name.qualifiers:
                    out.append((title, [c for c in group if c.namable.named_by(name)]))
                else:
                    out.append((title, None))
        return out

    def _resolve(self, p: Position, ref: Ref, name: Name) -> tuple:
        """(targets, external, candidates) for a name in a reference field of `p`: they
        depend on the name, `p`'s unit and whether the field is `alluvad`."""
        fits = self._fits(name)
        if len(fits) == 1 and fits[0][1] is None:  # the common case: a title, nothing more
            t = fits[0][0]
            group = self._by_title[t]
            if len(group) == 1:
                return (group[0].file,), False, ()
            if ref.field == "alluvad":
                inside = self._by_prefix.get((t, p.unit_id)) if p.units else None
                if inside:
                    return tuple(c.file for c in inside), False, ()
            else:
                for unit in reversed(p.units):
                    there = self._by_unit.get((t, unit))
                    if there:
                        if len(there) == 1:
                            return (there[0].file,), False, ()
                        break
            return (), False, tuple(sorted(c.file for c in group))
        total = sum(len(self._by_title[t]) if lst is None else len(lst) for t, lst in fits)
        if total == 0:
            if any(e.covers(name) for e in self.external):
                return (), True, ()
            return (), False, ()
        if total == 1:
            t, lst = next((t, lst) for t, lst in fits if lst is None or lst)
            return ((lst or self._by_title[t])[0].file,), False, ()
        if ref.field == "alluvad":  # subordinates: all in this unit or below it
            below = [
                c.file
                for t, lst in fits
                for c in (
                    self._by_prefix.get((t, p.unit_id), [])
                    if lst is None
                    else [c for c in lst if p.unit_id in c.units]
                )
                if p.units
            ]
            if below:
                return tuple(below), False, ()
        else:  # the own unit, then the nearest enclosing one
            for unit in reversed(p.units):
                here = [
                    c
                    for t, lst in fits
                    for c in (
                        self._by_unit.get((t, unit), [])
                        if lst is None
                        else [c for c in lst if c.unit_id == unit]
                    )
                ]
                if len(here) == 1:
                    return (here[0].file,), False, ()
                if here:
                    break
        every = [c for t, lst in fits for c in (self._by_title[t] if lst is None else lst)]
        return (), False, tuple(sorted(c.file for c in every))

    # --- the organisation, derived ---------------------------------------------------------

    def targets(self, file: str, key: str) -> list[str]:
        out: list[str] = []
        for link in self.links.get(file, ()):
            if link.ref.field == key:
                out.extend(t for t in link.targets if t not in out)
        return out

    def manager(self, file: str) -> str | None:
        """The position this one reports to: the first name in `vahetu juht` that resolves to
        a position of the workspace."""
        found = self.targets(file, "vahetu juht")
        return found[0] if found else None

    def as_json(self) -> dict:
        return {
            "positions": [
                {
                    "file": f,
                    "title": p.title,
                    "unit": p.unit,
                    "manager": self.manager(f),
                    "substitutes": self.targets(f, "asendab"),
                    "substituted_by": self.targets(f, "asendaja"),
                }
                for f, p in sorted(self.positions.items())
            ],
            "unresolved": [
                {"file": f, "field": link.ref.field, "value": link.name.text}
                for f in sorted(self.links)
                for link in self.links[f]
                if not link.resolved
            ],
        }

    def cycles(self) -> list[list[str]]:
        """Each management cycle once, starting at its first file in sort order."""
        manager = {f: self.manager(f) for f in self.positions}
        state: dict[str, int] = {}  # 1: on the current walk, 2: done
        out: list[list[str]] = []
        for start in sorted(manager):
            walk: list[str] = []
            f: str | None = start
            while f is not None and f not in state:
                state[f] = 1
                walk.append(f)
                f = manager.get(f)
            if f is not None and state.get(f) == 1:
                loop = walk[walk.index(f) :]
                first = loop.index(min(loop))
                out.append(loop[first:] + loop[:first])
            for w in walk:
                state[w] = 2
        return out

    # --- the reference rules ---------------------------------------------------------------

    def diagnostics(self) -> dict[str, list[Diagnostic]]:
        """AJ2xx findings by file (files without findings left out), each in line order."""
        out: dict[str, list[Diagnostic]] = {}

        def add(file: str, ref: Ref, code: str, message: str, hint: str | None = None) -> None:
            out.setdefault(file, []).append(
                Diagnostic(code, message, ref.line, ref.column, WARNING, hint, file)
            )

        said = self._said()
        for f in sorted(self.links):
            for link in self.links[f]:
                label, what = link.ref.field, link.name.text
                if link.candidates:
                    shown = ", ".join(
                        f"{c} ({self.positions[c].unit or 'no unit'})"
                        for c in link.candidates[:SHOWN_CANDIDATES]
                    )
                    if len(link.candidates) > SHOWN_CANDIDATES:
                        shown += f" and {len(link.candidates) - SHOWN_CANDIDATES} more"
                    add(
                        f,
                        link.ref,
                        "AJ202",
                        f"{label}: '{what}' could be any of {len(link.candidates)} "
                        f"positions: {shown}",
                        "name the unit too, e.g. 'Tiimijuht (Finantsosakond)'",
                    )
                elif not link.resolved:
                    add(
                        f,
                        link.ref,
                        "AJ201",
                        f"{label}: '{what}' names no position in the workspace",
                        "add its description, or list it in .ajtui.toml at the "
                        'workspace root: [workspace] external = ["…"]',
                    )
            self._mutual(f, said, add)
        for loop in self.cycles():
            head = loop[0]
            ref = next(
                link.ref
                for link in self.links[head]
                if link.ref.field == "vahetu juht" and loop[1 % len(loop)] in link.targets
            )
            add(
                head,
                ref,
                "AJ204",
                "management cycle: " + " → ".join([*loop, head]),
                "one of these positions names the wrong vahetu juht",
            )
        for diags in out.values():
            diags.sort(key=lambda d: (d.line, d.column))
        return out

    def _said(self) -> dict[str, dict[str, set[str]]]:
        """For each file, each reference field it has and the positions it names there,
        resolved or among the candidates of an ambiguous name."""
        out: dict[str, dict[str, set[str]]] = {}
        for f, links in self.links.items():
            fields: dict[str, set[str]] = {}
            for link in links:
                named = fields.setdefault(link.ref.field, set())
                named.update(link.targets)
                named.update(link.candidates)
            for ref in self.positions[f].refs:  # a field that names nobody is there too
                fields.setdefault(ref.field, set())
            out[f] = fields
        return out

    def _mutual(self, f: str, said: dict[str, dict[str, set[str]]], add) -> None:
        """A `asendaja` B needs B `asendab` A, and the other way round; said once, where the
        claim is (a name there that could be this position, ambiguous, counts as saying so)."""
        for link in self.links[f]:
            back = _OPPOSITE.get(link.ref.field)
            if back is None:
                continue
            for t in link.targets:
                there = said[t].get(back)
                if t == f or (there is not None and f in there):
                    continue
                other = self.positions[t]
                add(
                    f,
                    link.ref,
                    "AJ203",
                    f"{link.ref.field}: '{link.name.text}' is {t}, whose {back} "
                    f"{'does not name' if there is not None else 'is missing, so it does not name'} "
                    f"this position",
                    f"add this position's title to {back} in {t} ({other.title}), or "
                    f"remove it here",
                )


_OPPOSITE = {"asendaja": "asendab", "asendab": "asendaja"}


# --- the units as a tree -------------------------------------------------------------------

#: The unit of positions whose description names none.
NO_UNIT = "(no unit)"


def unit_parts(unit: str) -> list[str]:
    """A unit's parts as written, outermost first: cut at commas outside parentheses
    ("Ohvriabi osakond, kriisitoe talitus (piirkond A, B)" → two parts)."""
    parts: list[str] = []
    cur: list[str] = []
    depth = 0
    for ch in " ".join(unit.split()):
        if ch == "(":
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
        if ch == "," and depth == 0:
            parts.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur).strip())
    return [p for p in parts if p]


class UnitNode:
    """A unit in the tree of units: its name as the first of its positions (in file order)
    writes it, the files of the positions in it (not below it), and the units inside it
    by their stems, so that "Finantsosakond" and "finantsosakonna" are one unit."""

    __slots__ = ("name", "positions", "children")

    def __init__(self, name: str) -> None:
        self.name = name
        self.positions: list[str] = []
        self.children: dict[tuple[str, ...], UnitNode] = {}

    def count(self) -> int:
        """The positions in this unit and the units inside it."""
        return len(self.positions) + sum(c.count() for c in self.children.values())


def unit_tree(org: Organisation) -> UnitNode:
    """The units of the organisation's positions as a tree (the root has no name); a
    position without a unit is in `NO_UNIT` at the top."""
    from ajtui.ops.references import stems

    root = UnitNode("")
    for f, p in sorted(org.positions.items()):
        node = root
        for part in unit_parts(p.unit) or [NO_UNIT]:
            key = stems(part) or (part,)
            child = node.children.get(key)
            if child is None:
                child = node.children[key] = UnitNode(part)
            node = child
        node.positions.append(f)
    return root
