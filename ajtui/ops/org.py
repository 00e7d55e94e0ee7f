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
from dataclasses import dataclass, field

from ajtui.format.validate import Diagnostic
from ajtui.ops.references import Namable, Name, names, unit_path

#: The general part's fields that name positions, in the order the reports go.
REFERENCE_FIELDS = ("vahetu juht", "asendaja", "asendab", "alluvad")

WARNING = "warning"
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


@dataclass(frozen=True)
class Ref:
    field: str
    value: str
    line: int
    column: int


@dataclass
class Position:
    file: str
    title: str
    unit: str
    refs: list[Ref]
    namable: Namable
    path: tuple[tuple[str, ...], ...]

    @classmethod
    def of(cls, file: str, data: dict) -> Position:
        title = " ".join(str(data.get("title") or "").split())
        unit = " ".join(str(data.get("unit") or "").split())
        refs = [Ref(str(k), str(v), int(ln), int(col)) for k, v, ln, col in data.get("refs", [])]
        return cls(file, title, unit, refs, Namable.of(title, unit), unit_path(unit))


@dataclass(frozen=True)
class Link:
    """One name in one reference field, and what it came to: `targets` (one position, or for
    `alluvad` several), `external` (listed as outside), else `candidates` when ambiguous;
    nothing at all: unresolved."""

    ref: Ref
    name: Name
    targets: tuple[str, ...] = ()
    external: bool = False
    candidates: tuple[str, ...] = ()

    @property
    def resolved(self) -> bool:
        return bool(self.targets) or self.external


def _within(inner: tuple, outer: tuple) -> bool:
    return bool(outer) and len(outer) <= len(inner) and inner[: len(outer)] == outer


@dataclass
class Organisation:
    positions: dict[str, Position]
    external: list[Namable]
    links: dict[str, list[Link]] = field(default_factory=dict)

    @classmethod
    def build(
        cls, facts_by_file: dict[str, dict | None], external: Sequence[str] = ()
    ) -> Organisation:
        positions = {f: Position.of(f, d) for f, d in facts_by_file.items() if d is not None}
        org = cls(positions, [Namable.of(e) for e in external])
        by_last: dict[str, list[Position]] = {}
        for p in positions.values():
            if p.namable.main:
                by_last.setdefault(p.namable.main[-1], []).append(p)
        for p in positions.values():
            org.links[p.file] = [
                org._link(p, ref, name, by_last) for ref in p.refs for name in names(ref.value)
            ]
        return org

    def _link(self, p: Position, ref: Ref, name: Name, by_last: dict) -> Link:
        fits = [c for c in by_last.get(name.main[-1], ()) if c.namable.named_by(name)]
        if len(fits) == 1:
            return Link(ref, name, (fits[0].file,))
        if not fits:
            if any(e.covers(name) for e in self.external):
                return Link(ref, name, external=True)
            return Link(ref, name)
        if ref.field == "alluvad":  # subordinates: all in this unit or below it
            below = [c.file for c in fits if _within(c.path, p.path)]
            if below:
                return Link(ref, name, tuple(below))
        else:  # the own unit, then the nearest enclosing one
            around = [c for c in fits if _within(p.path, c.path)]
            if around:
                deepest = max(len(c.path) for c in around)
                best = [c.file for c in around if len(c.path) == deepest]
                if len(best) == 1:
                    return Link(ref, name, (best[0],))
        return Link(ref, name, candidates=tuple(sorted(c.file for c in fits)))

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

        for f in sorted(self.links):
            for link in self.links[f]:
                label, what = link.ref.field, link.name.text
                if link.candidates:
                    shown = ", ".join(
                        f"{c} ({self.positions[c].unit or 'no unit'})" for c in link.candidates
                    )
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
            self._mutual(f, add)
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

    def _mutual(self, f: str, add) -> None:
        """A `asendaja` B needs B `asendab` A, and the other way round; said once, where the
        claim is (a name there that could be this position, ambiguous, counts as saying so)."""
        opposite = {"asendaja": "asendab", "asendab": "asendaja"}
        for link in self.links[f]:
            back = opposite.get(link.ref.field)
            if back is None:
                continue
            for t in link.targets:
                if t == f:
                    continue
                said = [x for x in self.links.get(t, ()) if x.ref.field == back]
                if any(f in x.targets or f in x.candidates for x in said):
                    continue
                other = self.positions[t]
                add(
                    f,
                    link.ref,
                    "AJ203",
                    f"{link.ref.field}: '{link.name.text}' is {t}, whose {back} "
                    f"{'does not name' if said else 'is missing, so it does not name'} "
                    f"this position",
                    f"add this position's title to {back} in {t} ({other.title}), or "
                    f"remove it here",
                )
