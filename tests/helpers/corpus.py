"""Realistic generated corpora for the benchmarks (never committed: generated into a temp folder).

Sources: the repository's `descriptions/*.aj` when they exist, else `tests/fixtures/valid/sample.aj`
and `tests/helpers/template.aj` (the koordinaator description written by hand from the first
seed). The generator parses the sources with ajtui, pools their parts (duties with their results,
rights, responsibilities, requirements, competencies) and recombines them with varied titles,
units, managers, approvals, duty selections and comments. Text is written by `ajtui.dumps`, so
every file is canonical `.aj`.

    python -m tests.helpers.corpus OUT --count 1000        # a workspace of 1,000 files
    python -m tests.helpers.corpus OUT --long               # the 2,000-line description
    python -m tests.helpers.corpus OUT --history            # 1,000 commits under 10 directives
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from ajtui.format import model as m
from ajtui.format.parser import loads
from ajtui.format.writer import dumps

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent

AGENCIES = ["Sotsiaalkindlustusamet"] * 6 + [
    "Transpordiamet",
    "Ravimiamet",
    "Politsei- ja Piirivalveamet",
    "Maksu- ja Tolliamet",
    "Keskkonnaamet",
    "Terviseamet",
    "Päästeamet",
    "Põllumajandus- ja Toiduamet",
]
TITLES = [
    "Koordinaator",
    "Peaspetsialist",
    "Juhtivspetsialist",
    "Ekspert",
    "Nõustaja",
    "Talituse juhataja",
    "Osakonna juhataja",
    "Teenuse juht",
    "Tiimijuht",
    "Analüütik",
    "Jurist",
    "Vanemjurist",
    "Inspektor",
    "Vaneminspektor",
    "Ohvriabitöötaja",
    "Lepitaja",
    "Kriisinõustaja",
    "Projektijuht",
    "Arendusjuht",
    "Andmeanalüütik",
    "Personalispetsialist",
    "Raamatupidaja",
    "Sekretär-asjaajaja",
    "Autojuht",
    "Infotehnoloog",
    "Kommunikatsioonispetsialist",
    "Hankespetsialist",
    "Koolitusjuht",
    "Klienditeenindaja",
    "Menetleja",
    "Järelevalve juhtivspetsialist",
    "Maanõunik",
]
SPECIALTIES = [
    "psühhosotsiaalse kriisiabi",
    "ohvriabi",
    "lepitusteenuse",
    "kriisitoe",
    "ennetustöö",
    "järelevalve",
    "rehabilitatsiooni",
    "puudega inimeste teenuste",
    "lastekaitse",
    "hoolekande",
    "andmekaitse",
    "teenuse arenduse",
    "eritranspordi",
    "meditsiiniseadmete",
    "välissuhtluse",
    "riigihangete",
]
DEPARTMENTS = [
    "Ohvriabi ja ennetusteenuste osakond",
    "Ohvriabi osakond",
    "Õiguse ja järelevalve osakond",
    "Lastekaitse osakond",
    "Puuetega inimeste osakond",
    "Hüvitiste ja pensionide osakond",
    "Teehoiuteenistus",
    "Meditsiiniseadmete osakond",
    "Logistikabüroo",
    "Arendusosakond",
    "Personaliosakond",
    "Finantsosakond",
    "Kommunikatsiooniosakond",
]
OFFICES = [
    "psühhosotsiaalse toe talitus",
    "kriisitoe talitus",
    "arendustalitus (tugitiim)",
    "järelevalve talitus",
    "ohvriabi põhja piirkond",
    "ohvriabi lõuna piirkond",
    "ohvriabi lääne piirkond",
    "ohvriabi ida piirkond",
    "liiklusjuhtimiskeskus",
    "Ida majandustalitus",
    "teenuste talitus",
    "klienditeeninduse talitus",
]
MANAGERS = [
    "Piirkonna juht",
    "Talituse juhataja",
    "Osakonna juhataja",
    "Tiimijuht",
    "Peadirektori asetäitja",
    "Teenuse juht",
    "Büroo juht",
]
SIGNERS = [
    ("Maret Maripuu", "peadirektor"),
    ("Kaia Tamm", "peadirektori asetäitja"),
    ("Priit Kask", "personalijuht"),
    ("Liisa Saar", "osakonna juhataja"),
]
LANGUAGES = ["A2", "B1", "B2", "C1", "C2"]
COMMENTS = [
    "# muudetud käskkirjaga nr {n}",
    "# TODO: üle vaadata koos juristiga",
    "# vt ka ohvriabi teenuse kirjeldus",
    "# sõnastus kooskõlastatud {d}",
    "# NB! tulemus mõõdetav kord kvartalis",
    "# lisatud personaliosakonna ettepanekul",
]
EXTRA_DUTIES = [
    (
        "Teenuse arendamise ettevalmistamine ning\narendustegevuste elluviimine.",
        ["Arendatavad teenused on käivitunud ning\narendustegevused tulemuslikult ellu\nviidud."],
    ),
    (
        "Analüüside läbiviimine arendusvajaduste\ntuvastamiseks.",
        ["Analüüsid on läbi viidud, tulemused\nesitatud."],
    ),
    (
        "Koolitus- ja teavitustegevuste korraldamine.",
        ["Teavitustegevused ja koolitusseminarid\non korraldatud, osalejate rahulolu on\nkõrge."],
    ),
    (
        "Teenustega seotud arvelduste, aruandluse\nja statistika haldamine ning nendeks vajalike\n"
        "protsesside loomine ja haldamine.",
        ["Teenuse arveldus ja aruandlus on\ntagatud."],
    ),
    (
        "Koostööpartnerite nõustamine ja läbirääkimiste\npidamine teenuste korraldamisega ja\n"
        "lepingutega seotud küsimustes.",
        ["Koostööpartnerid on teadlikud teenustest\nja nende osutamise põhimõtetest."],
    ),
    (
        "Õigusaktide eelnõude ettevalmistamises\nosalemine ja õigusaktidele muudatus-\n"
        "ettepanekute esitamine.",
        ["Ettepanekud on esitatud õigeaegselt ja\nläbi mõeldud."],
    ),
    (
        "Järelevalvemenetluste läbiviimine ja\nettekirjutuste koostamine.",
        [
            "Menetlused on läbi viidud seaduses\nsätestatud tähtaegadel.",
            "Ettekirjutused on põhjendatud ja\nvormistatud nõuetekohaselt.",
        ],
    ),
    (
        "Klientide nõustamine telefoni, e-posti\nja vastuvõtu kaudu.",
        [
            "Kliendid on saanud asjakohase ja\nõigeaegse vastuse.",
            "Pöördumised on registreeritud\ndokumendihaldussüsteemis.",
        ],
    ),
    (
        "Ohvriabi teenuse osutamine ja\nohvrite juhtumipõhine nõustamine.",
        [
            "Ohvrid on saanud vajaliku abi ja\ninfo edasiste võimaluste kohta.",
            "Juhtumid on dokumenteeritud.",
        ],
    ),
    (
        "Lepitusmenetluse läbiviimine\nprokuratuuri või kohtu suunamisel.",
        ["Lepitus on läbi viidud õigeaegselt\nja erapooletult."],
    ),
]


# --- pools harvested from the sources ----------------------------------------------------------


def sources() -> list[tuple[str, str]]:
    """(name, text) of the real descriptions when the repository has them, else the sample and
    the template."""
    found = sorted((ROOT / "descriptions").glob("*.aj"))
    if found:
        return [(p.name, p.read_text(encoding="utf-8")) for p in found]
    return [
        ("sample.aj", (ROOT / "tests/fixtures/valid/sample.aj").read_text(encoding="utf-8")),
        ("template.aj", (HERE / "template.aj").read_text(encoding="utf-8")),
    ]


@dataclass
class Pools:
    duties: list[m.Duty] = field(default_factory=list)
    purposes: list[str] = field(default_factory=list)
    rights: list[m.ProseSection] = field(default_factory=list)
    duties_of: list[m.ProseSection] = field(default_factory=list)
    tools: list[str] = field(default_factory=list)
    requirements: list[m.RequirementsSection] = field(default_factory=list)
    amendment: list[str] = field(default_factory=list)
    conditions: list[str] = field(default_factory=list)


def harvest(texts: list[str] | None = None) -> Pools:
    pools = Pools()
    for text in texts if texts is not None else [t for _, t in sources()]:
        doc = loads(text)
        for sec in doc.sections:
            if isinstance(sec, m.DutySection):
                pools.duties += [d for d in sec.duties if d.text and d.results]
            elif isinstance(sec, m.RequirementsSection):
                pools.requirements.append(sec)
            elif isinstance(sec, m.ProseSection):
                if sec.kind == "eesmärk" and sec.paragraphs:
                    pools.purposes.append(sec.paragraphs[0].text)
                elif sec.kind == "õigused" and sec.items:
                    pools.rights.append(sec)
                elif sec.kind == "vastutus" and sec.items:
                    pools.duties_of.append(sec)
                elif sec.kind == "töövahendid" and sec.paragraphs:
                    pools.tools.append(sec.paragraphs[0].text)
                elif sec.kind == "muutmine" and sec.paragraphs:
                    pools.amendment.append(sec.paragraphs[0].text)
            elif isinstance(sec, m.FieldSection) and sec.kind == "üldosa":
                cond = sec.value("eritingimused")
                if cond:
                    pools.conditions.append(cond)
    pools.duties += [
        m.Duty("0", text, [m.Item(r) for r in results]) for text, results in EXTRA_DUTIES
    ]
    if not pools.purposes:
        pools.purposes.append("Ametikoha eesmärk on teenuse korraldamine ja arendamine.")
    return pools


# --- one description ---------------------------------------------------------------------------


def _comment(rng: random.Random) -> str:
    return rng.choice(COMMENTS).format(
        n=rng.randint(1, 300), d=f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.2024"
    )


def _date(rng: random.Random, year: int | None = None) -> str:
    return f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{year or rng.randint(2019, 2025)}"


def _maybe_comment(node: m.Node, rng: random.Random, p: float) -> None:
    if rng.random() < p:
        node.comments.append(_comment(rng))


def description(
    i: int,
    pools: Pools,
    rng: random.Random,
    *,
    duties: int | None = None,
    approval: tuple[str, str, str] | None = None,
    comments: float = 0.08,
) -> m.Document:
    """Description number `i`: a varied recombination of the pooled parts."""
    agency = rng.choice(AGENCIES)
    title = rng.choice(TITLES)
    if rng.random() < 0.6:
        title += f"\n({rng.choice(SPECIALTIES)} {title.lower().split()[-1]})"
    unit = rng.choice(DEPARTMENTS) + (f",\n{rng.choice(OFFICES)}" if rng.random() < 0.7 else "")
    number, date, annex = approval or (
        str(rng.randint(1, 250)),
        _date(rng),
        str(rng.randint(1, 15)),
    )

    head = m.FieldSection("ametijuhend")
    if rng.random() < 0.85 or approval:
        head.fields = [
            m.Field("asutus", agency),
            m.Field("kinnitatud", "käskkirjaga"),
            m.Field("kinnitaja", f"{agency}i peadirektori"),
            m.Field("number", number),
            m.Field("kuupäev", date),
            m.Field("lisa", annex),
        ]
    else:
        head.fields = [m.Field("asutus", agency), m.Field("kinnitatud", "töölepingu lisana")]

    general = m.FieldSection("üldosa", "Üldosa", "1")
    general.fields = [
        m.Field("ametinimetus", title),
        m.Field("struktuuriüksus", unit),
        m.Field("vahetu juht", rng.choice(MANAGERS)),
    ]
    if rng.random() < 0.7:
        general.fields.append(m.Field("asendaja", rng.choice(TITLES)))
        general.fields.append(m.Field("asendab", rng.choice(TITLES)))
    if pools.conditions and rng.random() < 0.3:
        general.fields.append(m.Field("eritingimused", rng.choice(pools.conditions)))
    if rng.random() < 0.05:
        general.fields.append(m.Field("Ametisse nimetab", "peadirektor"))
    for f in general.fields:
        _maybe_comment(f, rng, comments / 2)

    purpose = m.ProseSection(
        "eesmärk", "Ametikoha eesmärk", "2", blocks=[m.Paragraph(rng.choice(pools.purposes))]
    )

    n = duties if duties is not None else rng.randint(6, 15)
    picked = (
        [copy.deepcopy(rng.choice(pools.duties)) for _ in range(n)]
        if n > len(pools.duties)
        else copy.deepcopy(rng.sample(pools.duties, n))
    )
    for k, d in enumerate(picked, 1):
        d.number = f"3.{k}."
        d.comments = []
        if rng.random() < 0.3:
            d.results = d.results[: rng.randint(1, len(d.results))]
        _maybe_comment(d, rng, comments)
    if len(picked) > 3 and rng.random() < 0.03:
        picked[-1].number = picked[-2].number  # as in one real sample: AJ101 warning
    tasks = m.DutySection("ülesanded", "Teenistuskohustused", "3", duties=picked)

    sections: list[m.AnySection] = [head, general, purpose, tasks]
    num = 4
    for kind, pool, title_ in (
        ("õigused", pools.rights, "Õigused"),
        ("vastutus", pools.duties_of, "Vastutus"),
    ):
        if pool:
            src = rng.choice(pool)
            blocks = [copy.deepcopy(b) for b in src.blocks]
            items = [b for b in blocks if isinstance(b, m.Item)]
            keep = set(map(id, rng.sample(items, max(1, len(items) - rng.randint(0, 2)))))
            blocks = [b for b in blocks if not isinstance(b, m.Item) or id(b) in keep]
            sections.append(m.ProseSection(kind, title_, str(num), blocks=blocks))
            num += 1
    if pools.tools:
        sections.append(
            m.ProseSection(
                "töövahendid",
                "Töövahendid",
                str(num),
                blocks=[m.Paragraph(rng.choice(pools.tools))],
            )
        )
        num += 1
    if pools.requirements:
        req = copy.deepcopy(rng.choice(pools.requirements))
        req.number, req.comments = str(num), []
        for e in req.entries:
            if isinstance(e, m.Field) and e.key == "keeleoskus":
                e.value = (
                    f"Eesti keele valdamine vähemalt tasemel {rng.choice(LANGUAGES[2:])}"
                    f" ja vene keele valdamine tasemel {rng.choice(LANGUAGES)}."
                )
        sections.append(req)
        num += 1
    if pools.amendment:
        sections.append(
            m.ProseSection(
                "muutmine",
                "Ametijuhendi muutmine",
                str(num),
                blocks=[m.Paragraph(rng.choice(pools.amendment))],
            )
        )
    name, role = rng.choice(SIGNERS)
    sections.append(
        m.FieldSection(
            "allkirjad",
            fields=[m.Field("allkirjastaja", f"(allkirjastatud digitaalselt)\n{name}\n{role}")],
        )
    )
    doc = m.Document(sections=sections)
    if rng.random() < comments:
        head.comments.append(f"# ametijuhend {i}")
    return doc


def break_text(text: str, rng: random.Random) -> str:
    """A realistic mistake: a misspelt section keyword (a syntax error)."""
    return text.replace("\n3. ülesanded:", "\n3. ülesaned:", 1)


# --- corpora ---------------------------------------------------------------------------------


def texts(count: int, *, seed: int = 7, pools: Pools | None = None) -> list[str]:
    pools = pools or harvest()
    rng = random.Random(seed)
    return [dumps(description(i, pools, rng)) for i in range(count)]


def texts_of_size(nbytes: int, *, seed: int = 11) -> list[str]:
    """Descriptions totalling at least `nbytes` of UTF-8."""
    pools, rng = harvest(), random.Random(seed)
    out, total, i = [], 0, 0
    while total < nbytes:
        t = dumps(description(i, pools, rng))
        out.append(t)
        total += len(t.encode())
        i += 1
    return out


def write_workspace(
    folder: str | Path, count: int, *, seed: int = 7, broken: float = 0.0
) -> list[Path]:
    """`count` descriptions as `folder/<slug>-<n>.aj`; `broken` of them with a syntax error."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    pools, rng = harvest(), random.Random(seed)
    paths = []
    for i in range(count):
        doc = description(i, pools, rng)
        text = dumps(doc)
        if broken and rng.random() < broken:
            text = break_text(text, rng)
        p = folder / f"{m.slug(doc.title)}-{i:05d}.aj"
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    return paths


def long_text(lines: int = 2000, *, seed: int = 5) -> str:
    """One description of about `lines` lines (many duties): the editor's worst case."""
    pools, rng = harvest(), random.Random(seed)
    doc = description(0, pools, rng, duties=0)
    tasks = doc.duty_section
    k = 0
    while dumps(doc).count("\n") < lines:
        k += 1
        d = copy.deepcopy(rng.choice(pools.duties))
        d.number, d.comments = f"3.{k}.", []
        tasks.duties.append(d)
    return dumps(doc)


# --- TOML with the same content ----------------------------------------------------------------


def _toml_str(s: str) -> str:
    if "\n" in s:
        return '"""\n' + s.replace("\\", "\\\\").replace('"""', '""\\"') + '"""'
    return json.dumps(s, ensure_ascii=False)


def to_toml(doc: m.Document) -> str:
    """The description as idiomatic TOML (arrays of tables, multi-line strings, comments)."""
    out: list[str] = []

    def comments(node: m.Node) -> None:
        out.extend(c if c.startswith("#") else "# " + c for c in node.comments)

    def kv(key: str, value) -> None:
        k = (
            key
            if key.replace("-", "").replace("_", "").isascii() and key.isidentifier()
            else json.dumps(key, ensure_ascii=False)
        )
        if isinstance(value, list):
            out.append(f"{k} = [\n" + "".join(f"  {_toml_str(v)},\n" for v in value) + "]")
        else:
            out.append(f"{k} = {_toml_str(value)}")

    for sec in doc.sections:
        out.append("")
        comments(sec)
        out.append("[[section]]")
        kv("kind", sec.kind)
        if sec.number:
            kv("number", sec.number)
        if sec.title:
            kv("title", sec.title)
        if isinstance(sec, m.FieldSection):
            out.append("[section.fields]")
            for f in sec.fields:
                comments(f)
                kv(f.key, f.value)
        elif isinstance(sec, m.ProseSection):
            for b in sec.blocks:
                out.append("[[section.blocks]]")
                comments(b)
                kv("paragraph" if isinstance(b, m.Paragraph) else "item", b.text)
        elif isinstance(sec, m.DutySection):
            for d in sec.duties:
                out.append("[[section.duties]]")
                comments(d)
                kv("number", d.number)
                kv("text", d.text)
                kv("results", [r.text for r in d.results])
        elif isinstance(sec, m.RequirementsSection):
            fields = [e for e in sec.entries if isinstance(e, m.Field)]
            out.append("[section.fields]")
            for f in fields:
                kv(f.key, f.value)
            for e in sec.entries:
                if isinstance(e, m.Competencies):
                    out.append("[section.competencies]")
                    kv("title", e.title)
                    for g in e.groups:
                        out.append(
                            f"[section.competencies.groups.{json.dumps(g.name, ensure_ascii=False)}]"
                        )
                        kv("items", [i.text for i in g.items])
                elif isinstance(e, m.AdditionalCompetencies):
                    out.append("[section.additional]")
                    kv("title", e.title)
                    kv("items", [i.text for i in e.items])
    return "\n".join(out).lstrip("\n") + "\n"


# --- the history repository ----------------------------------------------------------------------

GIT_ENV = {"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull, "LC_ALL": "C"}


def git(repo: str | Path, *args: str, input: bytes | None = None) -> bytes:
    env = {**os.environ, **GIT_ENV}
    return subprocess.run(
        [
            "git",
            "-C",
            str(repo),
            "-c",
            "user.name=Bench",
            "-c",
            "user.email=bench@example.invalid",
            *args,
        ],
        input=input,
        env=env,
        check=True,
        capture_output=True,
    ).stdout


@dataclass
class History:
    repo: Path
    path: str  # the file's current path (renamed once, halfway)
    old_path: str
    commits: int
    directives: list[tuple[str, str]]


def history_repo(
    folder: str | Path,
    *,
    commits: int = 1000,
    directives: int = 10,
    others: int = 30,
    seed: int = 3,
) -> History:
    """A repository where one description changes in `commits` commits, approved by
    `directives` directives in turn (each directive's commits consecutive); the file is renamed
    once halfway, so `--follow` matters. Built with one `git fast-import`."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    git(folder, "init", "-q", "-b", "main")
    pools, rng = harvest(), random.Random(seed)
    dirs = [
        (f"1.1-{rng.randint(1, 9)}/{rng.randint(10, 300)}", _date(rng, 2016 + k))
        for k in range(directives)
    ]
    old_path, new_path = "descriptions/koordinaator.aj", "descriptions/kriisiabi-koordinaator.aj"
    doc = description(0, pools, rng, duties=12, approval=(*dirs[0], "11"), comments=0)
    doc.general.title = "Koordinaator\n(psühhosotsiaalse kriisiabi koordinaator)"
    stream: list[bytes] = []

    def data(b: bytes) -> None:
        stream.append(b"data %d\n" % len(b))
        stream.append(b)
        stream.append(b"\n")

    import datetime as dt

    per = commits // directives
    previous = ""
    for c in range(commits):
        k = min(c // per, directives - 1)
        num, date = dirs[k]
        ap = doc.approval
        ap.number, ap.date_text = num, date
        _mutate(doc, pools, rng, c)
        while dumps(doc) == previous:  # every commit changes the file
            _mutate(doc, pools, rng, c)
        previous = dumps(doc)
        path = old_path if c < commits // 2 else new_path
        stream.append(b"commit refs/heads/main\n")
        stream.append(b"mark :%d\n" % (c + 1))
        day = dt.datetime.strptime(date, "%d.%m.%Y").replace(tzinfo=dt.UTC)
        when = int(day.timestamp()) - 30 * 86400 + (c % per) * 3600  # drafts, then approval
        who = b"Bench <bench@example.invalid> %d +0200\n" % when
        stream.append(b"author " + who + b"committer " + who)
        data(f"Koordinaator: muudatus {c + 1} (käskkiri nr {num})".encode())
        if c:
            stream.append(b"from :%d\n" % c)
        if c == 0:
            orng = random.Random(seed + 1)
            for j in range(others):
                other = dumps(description(j + 1, pools, orng))
                stream.append(f"M 100644 inline descriptions/muu-{j:03d}.aj\n".encode())
                data(other.encode())
        if c == commits // 2:
            stream.append(f"R {old_path} {new_path}\n".encode())
        stream.append(f"M 100644 inline {path}\n".encode())
        data(previous.encode())
    git(folder, "fast-import", "--quiet", input=b"".join(stream))
    git(folder, "repack", "-a", "-d", "-f", "-q")  # deltas as `git gc` leaves them
    git(folder, "reset", "-q", "--hard", "main")
    return History(folder, new_path, old_path, commits, dirs)


def _mutate(doc: m.Document, pools: Pools, rng: random.Random, c: int) -> None:
    """One realistic edit: reword a duty or result, add or drop a duty, change a field."""
    tasks = doc.duty_section
    r = rng.random()
    if r < 0.45 and tasks.duties:
        d = rng.choice(tasks.duties)
        words = d.text.split(" ")
        words[rng.randrange(len(words))] = rng.choice(
            ["korraldamine", "tagamine", "koordineerimine", "arendamine"]
        )
        d.text = " ".join(words)
    elif r < 0.65 and tasks.duties:
        d = rng.choice(tasks.duties)
        d.results.append(m.Item(f"Tulemus {c} on saavutatud ja dokumenteeritud."))
        if len(d.results) > 6:
            d.results.pop(0)
    elif r < 0.8 and len(tasks.duties) < 25:
        new = copy.deepcopy(rng.choice(pools.duties))
        new.comments = []
        tasks.duties.insert(rng.randrange(len(tasks.duties) + 1), new)
    elif r < 0.9 and len(tasks.duties) > 6:
        tasks.duties.pop(rng.randrange(len(tasks.duties)))
    else:
        doc.general.manager = rng.choice(MANAGERS)
    for k, d in enumerate(tasks.duties, 1):
        d.number = f"3.{k}."


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out")
    ap.add_argument("--count", type=int, default=0)
    ap.add_argument("--long", action="store_true")
    ap.add_argument("--history", action="store_true")
    a = ap.parse_args(argv)
    if a.count:
        write_workspace(a.out, a.count)
    if a.long:
        Path(a.out).mkdir(parents=True, exist_ok=True)
        (Path(a.out) / "long.aj").write_text(long_text(), encoding="utf-8")
    if a.history:
        h = history_repo(Path(a.out) / "history")
        print(h.repo / h.path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
