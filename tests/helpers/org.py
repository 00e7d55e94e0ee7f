"""A generated organisation of 1,000 descriptions whose general parts name each other the way
real ones do: inflected ("tiimijuhile", "Koordinaatorit", "nõustajad"), several names in a
value ("Nõustaja, tiimijuht"), a unit in parentheses where a title alone would be ambiguous
("Talituse juhataja (kriisitoe talitus)"), and the head of the organisation outside it
(`.ajtui.toml`: external = ["Peadirektor"]).

    8 departments (osakond) × 4 offices (talitus) × 4 teams (tiim, numbered) = 128 teams;
    each team a lead (Tiimijuht) and 6 or 7 members of distinct titles: 832 members,
    128 leads, 32 office heads, 8 department heads = 1,000 descriptions.

Reporting: member → "Tiimijuht" (the team's, by its unit), lead → "Talituse juhataja",
office head → "Osakonna juhataja", department head → "Peadirektor" (outside). Substitution
is mutual: in a team each member substitutes the next one (asendab, partitive) and is
substituted by the previous one (asendaja); office heads of a department in a ring, named
with their office. The body of every file is tests/helpers/template.aj's.

`faults=True` injects three, each to be reported exactly once (`Faults` says where): a
manager that names no position, a one-sided substitution, a management cycle.

    python -m tests.helpers.org OUT [--faults]
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path

from ajtui.format.vocabulary import unaccented

HERE = Path(__file__).resolve().parent

#: title: (nominative, genitive, partitive, allative, nominative plural), lower case.
FORMS = {
    "Koordinaator": ("koordinaator", "koordinaatori", "koordinaatorit", "koordinaatorile", "koordinaatorid"),
    "Nõustaja": ("nõustaja", "nõustaja", "nõustajat", "nõustajale", "nõustajad"),
    "Peaspetsialist": ("peaspetsialist", "peaspetsialisti", "peaspetsialisti", "peaspetsialistile", "peaspetsialistid"),
    "Juhtivspetsialist": ("juhtivspetsialist", "juhtivspetsialisti", "juhtivspetsialisti", "juhtivspetsialistile", "juhtivspetsialistid"),
    "Analüütik": ("analüütik", "analüütiku", "analüütikut", "analüütikule", "analüütikud"),
    "Jurist": ("jurist", "juristi", "juristi", "juristile", "juristid"),
    "Inspektor": ("inspektor", "inspektori", "inspektorit", "inspektorile", "inspektorid"),
    "Ekspert": ("ekspert", "eksperdi", "eksperti", "eksperdile", "eksperdid"),
    "Nõunik": ("nõunik", "nõuniku", "nõunikku", "nõunikule", "nõunikud"),
    "Lepitaja": ("lepitaja", "lepitaja", "lepitajat", "lepitajale", "lepitajad"),
    "Tiimijuht": ("tiimijuht", "tiimijuhi", "tiimijuhti", "tiimijuhile", "tiimijuhid"),
    "Talituse juhataja": ("talituse juhataja", "talituse juhataja", "talituse juhatajat", "talituse juhatajale", "talituse juhatajad"),
    "Osakonna juhataja": ("osakonna juhataja", "osakonna juhataja", "osakonna juhatajat", "osakonna juhatajale", "osakonna juhatajad"),
}  # fmt: skip
MEMBER_TITLES = [
    t for t in FORMS if t not in ("Tiimijuht", "Talituse juhataja", "Osakonna juhataja")
]
DEPARTMENTS = [
    "Ohvriabi osakond",
    "Õigusosakond",
    "Finantsosakond",
    "Arendusosakond",
    "Teenuste osakond",
    "Järelevalve osakond",
    "Personaliosakond",
    "Kommunikatsiooniosakond",
]
#: 32 offices, each name once (a department head names them in parentheses).
OFFICES = [
    f"{w} talitus"
    for w in [
        "kriisitoe",
        "arvestuse",
        "analüüsi",
        "nõustamise",
        "ennetuse",
        "arenduse",
        "hindamise",
        "toetuste",
        "pensioni",
        "hüvitiste",
        "lepituse",
        "rehabilitatsiooni",
        "hoolekande",
        "klienditoe",
        "kvaliteedi",
        "menetluse",
        "personali",
        "hanke",
        "andmete",
        "meedia",
        "koolituse",
        "partnerluse",
        "poliitika",
        "riskihalduse",
        "sisekontrolli",
        "statistika",
        "dokumendihalduse",
        "taotluste",
        "maksete",
        "infotehnoloogia",
        "haldus",
        "turvalisuse",
    ]
]
HEADER = "ametijuhend\n  asutus: Näidisamet\n  kinnitatud: käskkirjaga\n  number: 1\n  kuupäev: 02.01.2025\n\n"


@dataclass
class Faults:
    """Where each injected fault is to be reported: (file name, line, code)."""

    missing_manager: tuple[str, int, str] = ("", 0, "AJ201")
    one_sided: tuple[str, int, str] = ("", 0, "AJ203")
    cycle: tuple[str, int, str] = ("", 0, "AJ204")

    def expected(self) -> set[tuple[str, int, str]]:
        return {self.missing_manager, self.one_sided, self.cycle}


@dataclass
class _Pos:
    name: str
    title: str
    unit: str
    fields: dict[str, str] = field(default_factory=dict)


def _body() -> str:
    text = (HERE / "template.aj").read_text(encoding="utf-8")
    return text[text.index("2. eesmärk") :]


def _general(p: _Pos) -> str:
    lines = ["1. üldosa: Üldosa", f"  ametinimetus: {p.title}", f"  struktuuriüksus: {p.unit}"]
    for key in ("vahetu juht", "asendaja", "asendab", "alluvad"):
        if key in p.fields:
            lines.append(f"  {key}: {p.fields[key]}")
    return "\n".join(lines) + "\n\n"


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def organisation() -> list[_Pos]:
    """The positions, clean: every reference resolves, every substitution is mutual."""
    out: list[_Pos] = []
    team_no = 0
    for d, dept in enumerate(DEPARTMENTS):
        head = _Pos(f"d{d}-osakonna-juhataja", "Osakonna juhataja", dept)
        head.fields["vahetu juht"] = "Peadirektorile" if d % 2 else "Peadirektor"
        out.append(head)
        offices = OFFICES[d * 4 : d * 4 + 4]
        heads = []
        for o, office in enumerate(offices):
            unit = f"{dept}, {office}"
            oh = _Pos(f"d{d}-o{o}-talituse-juhataja", "Talituse juhataja", unit)
            oh.fields["vahetu juht"] = "Osakonna juhatajale" if o % 2 else "Osakonna juhataja"
            nxt, prv = offices[(o + 1) % 4], offices[(o - 1) % 4]
            oh.fields["asendaja"] = f"Talituse juhataja ({nxt})"
            oh.fields["asendab"] = f"Talituse juhatajat ({prv})"
            heads.append(oh)
            out.append(oh)
            for _t in range(4):
                team_no += 1
                tunit = f"{unit}, tiim {team_no}"
                size = 6 if team_no % 2 else 7
                titles = [MEMBER_TITLES[(team_no + k) % len(MEMBER_TITLES)] for k in range(size)]
                lead = _Pos(f"t{team_no:03d}-tiimijuht", "Tiimijuht", tunit)
                lead.fields["vahetu juht"] = (
                    "Talituse juhatajale" if team_no % 3 == 0 else "Talituse juhataja"
                )
                lead.fields["alluvad"] = _cap(", ".join(FORMS[t][4] for t in titles))
                members = [
                    _Pos(f"t{team_no:03d}-{k}-{unaccented(FORMS[t][0])}", t, tunit)
                    for k, t in enumerate(titles)
                ]
                # the lead is substituted by the first member, substitutes the last one
                lead.fields["asendaja"] = _cap(FORMS[titles[0]][0])
                lead.fields["asendab"] = _cap(FORMS[titles[-1]][2])
                out.append(lead)
                for k, mem in enumerate(members):
                    nxt_t, prv_t = titles[(k + 1) % size], titles[(k - 1) % size]
                    mem.fields["vahetu juht"] = "Tiimijuhile" if k % 2 else "Tiimijuht"
                    by = [_cap(FORMS[prv_t][0])]  # the previous member substitutes this one
                    of = [_cap(FORMS[nxt_t][2])]  # this one substitutes the next
                    if k == 0:  # the lead's asendaja
                        of.append("tiimijuhti")
                    if k == size - 1:  # the lead's asendab
                        by.append("tiimijuht")
                    mem.fields["asendaja"] = ", ".join(by) if k % 2 else " või ".join(by)
                    mem.fields["asendab"] = ", ".join(of)
                    out.append(mem)
    return out


def write_org(folder: str | Path, *, faults: bool = False) -> Faults:
    """The organisation in `folder` (and its `.ajtui.toml`); with `faults`, where each
    injected fault is to be reported."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ".ajtui.toml").write_text(
        '[workspace]\nexternal = ["Peadirektor"]\n', encoding="utf-8"
    )
    positions = organisation()
    found = Faults()
    if faults:
        by_name = {p.name: p for p in positions}
        # 1. a manager that names no position
        p = next(q for q in positions if q.name.startswith("t010-2-"))
        p.fields["vahetu juht"] = "Grupijuhile"
        found.missing_manager = (p.name, 0, "AJ201")
        # 2. one-sided: member 3 of team 20 no longer says it substitutes member 4, whose
        # asendaja still names member 3
        team = [q for q in positions if q.name.startswith("t020-") and q.title != "Tiimijuht"]
        team[3].fields["asendab"] = "Tiimijuhti"
        found.one_sided = (team[4].name, 0, "AJ203")
        # the lead of team 20 is now substituted by member 3 too: say so on both sides
        lead20 = by_name["t020-tiimijuht"]
        lead20.fields["asendaja"] += ", " + FORMS[team[3].title][0]
        # 3. a cycle: an office head reports to a lead of its own office
        oh = by_name["d5-o2-talituse-juhataja"]
        team_of = [q for q in positions if q.title == "Tiimijuht" and q.unit.startswith(oh.unit)]
        number = team_of[0].unit.rsplit("tiim ", 1)[1]
        oh.fields["vahetu juht"] = f"Tiimijuhile (tiim {number})"
        found.cycle = (min(oh.name, team_of[0].name), 0, "AJ204")
    body = _body()
    texts: dict[str, str] = {}
    for p in positions:
        text = HEADER + _general(p) + body
        (folder / f"{p.name}.aj").write_text(text, encoding="utf-8")
        texts[p.name] = text
    for attr, key in (
        ("missing_manager", "vahetu juht"),
        ("one_sided", "asendaja"),
        ("cycle", "vahetu juht"),
    ):
        name, _, code = getattr(found, attr)
        if name:
            text = texts[name]
            line = text[: text.index(f"\n  {key}: ")].count("\n") + 2
            setattr(found, attr, (f"{name}.aj", line, code))
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out")
    ap.add_argument("--faults", action="store_true")
    args = ap.parse_args()
    print(write_org(args.out, faults=args.faults))


if __name__ == "__main__":
    main()
