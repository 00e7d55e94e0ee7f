"""`aj org [DIR]`: the organisation the descriptions in a folder describe — units, positions,
who reports to whom, who substitutes whom — as a text tree, JSON or Graphviz (dot)."""

from __future__ import annotations

ORDER = 12


def add(sub) -> None:
    p = sub.add_parser(
        "org",
        help="the organisation the descriptions describe (units, managers, substitutes)",
        description="Derive the organisation from the general parts of the descriptions in "
        "DIR (default: the current folder): who reports to whom (vahetu juht) and who "
        "substitutes whom (asendaja, asendab), names matched by title and unit whatever "
        "their case ending. Positions outside the workspace are listed in DIR's "
        ".ajtui.toml ([workspace] external = [...]). `aj check DIR` reports the names "
        "that resolve to no position, or to several.",
    )
    p.add_argument("dir", nargs="?", default=".", metavar="DIR")
    p.add_argument("--format", choices=["text", "json", "dot"], default="text")
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    p.set_defaults(func=run)


def run(args) -> int:
    import os

    from ajtui.cli.check import check_files_facts
    from ajtui.cli.common import data, dump_json, err, expand
    from ajtui.ops.org import Organisation
    from ajtui.store.project import ProjectError, load

    if not os.path.isdir(args.dir):
        err(f"{args.dir}: error: not a folder")
        return 1
    try:
        project = load(args.dir)
    except ProjectError as e:
        err(f"{e}".replace(": ", ": error: ", 1))
        return 1
    files = list(expand([args.dir]))
    if not files:
        err(f"{args.dir}: error: no .aj files found")
        return 1
    diags, known = check_files_facts(files, cache=not args.no_cache)
    for f, fact in known.items():
        if fact is None:
            first = next((d for d in diags[f] if d.is_error), None)
            why = f": {first.message}" if first is not None else ""
            err(f"{f}: warning: not read as a description, left out{why}")
    org = Organisation.build(known, project.external)
    if args.format == "json":
        dump_json(org.as_json(), indent=2)
    elif args.format == "dot":
        data(to_dot(org))
    else:
        data(to_text(org))
    return 0


# --- text --------------------------------------------------------------------------------


def to_text(org) -> str:
    """Two trees: the units with their positions, and the reporting lines (each manager
    with the positions that name it as vahetu juht). Every position appears once in each."""
    from ajtui.ops.org import NO_UNIT, unit_parts
    from ajtui.ops.references import stems

    lines = ["Units"]
    tree: dict = {}
    for f, p in sorted(org.positions.items()):
        node = tree
        for part in unit_parts(p.unit) or [NO_UNIT]:
            key = stems(part) or (part,)
            node = node.setdefault(key, {"name": part, "children": {}, "positions": []})
            node, holder = node["children"], node
        holder["positions"].append((p.title or "(no title)", f))

    def units(node: dict, depth: int) -> None:
        for child in node.values():
            lines.append("  " * depth + f"{child['name']}")
            for title, f in child["positions"]:
                lines.append("  " * (depth + 1) + f"· {title}  [{f}]")
            units(child["children"], depth + 1)

    units(tree, 1)
    lines += ["", "Reporting lines"]
    subordinates: dict[str, list[str]] = {}
    manager = {f: org.manager(f) for f in org.positions}
    for f, m in sorted(manager.items()):
        if m is not None:
            subordinates.setdefault(m, []).append(f)
    shown: set[str] = set()

    def outside(f: str) -> str:
        said = [
            link
            for link in org.links.get(f, ())
            if link.ref.field == "vahetu juht" and not link.targets
        ]
        if not said:
            return ""
        link = said[0]
        how = "outside" if link.external else "ambiguous" if link.candidates else "not found"
        return f"  (vahetu juht: {link.name.text}, {how})"

    def walk(f: str, depth: int, note: str = "") -> None:
        p = org.positions[f]
        if f in shown:
            lines.append("  " * depth + f"↻ {p.title}  [{f}]")
            return
        shown.add(f)
        unit = f" — {p.unit}" if p.unit else ""
        lines.append("  " * depth + f"{p.title or '(no title)'}{unit}  [{f}]{note}")
        for s in subordinates.get(f, ()):
            if s != f:
                walk(s, depth + 1)

    for f in sorted(org.positions):
        if manager[f] is None:
            walk(f, 1, outside(f))
    cycles = org.cycles()
    if cycles:
        lines += ["", "Management cycles"]
        for loop in cycles:
            for f in loop:
                if f not in shown:
                    walk(f, 1)
            lines.append("  " + " → ".join([*loop, loop[0]]))
    return "\n".join(lines) + "\n"


# --- dot ---------------------------------------------------------------------------------


def _quoted(text: str) -> str:
    """A DOT string: quotes and backslashes escaped, a line break as DOT's `\\n`, other
    control characters as spaces (names come from files)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return '"' + "".join(" " if ord(ch) < 32 or ord(ch) == 127 else ch for ch in escaped) + '"'


def to_dot(org) -> str:
    """Graphviz: a cluster per unit, a node per position (title and file), solid edges from
    each manager to the positions reporting to it, dashed ones from a substitute to the
    position it substitutes."""
    out = ["digraph org {", "  rankdir=TB;", '  node [shape=box, fontname="sans-serif"];']
    ids = {f: f"p{i}" for i, f in enumerate(sorted(org.positions))}
    by_unit: dict[str, list[str]] = {}
    for f, p in sorted(org.positions.items()):
        by_unit.setdefault(p.unit, []).append(f)
    for n, (unit, files) in enumerate(sorted(by_unit.items())):
        indent = "  "
        if unit:
            out.append(f"  subgraph cluster_{n} {{")
            out.append(f"    label={_quoted(unit)};")
            indent = "    "
        for f in files:
            label = f"{org.positions[f].title}\n{f}"
            out.append(f"{indent}{ids[f]} [label={_quoted(label)}];")
        if unit:
            out.append("  }")
    for f in sorted(org.positions):
        m = org.manager(f)
        if m is not None:
            out.append(f"  {ids[m]} -> {ids[f]};")
    for f in sorted(org.positions):
        for t in org.targets(f, "asendab"):
            out.append(f'  {ids[f]} -> {ids[t]} [style=dashed, label="asendab"];')
    out.append("}")
    return "\n".join(out) + "\n"
