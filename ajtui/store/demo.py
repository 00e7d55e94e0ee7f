"""The demo workspace for `ajtui --demo`: a git repository of the sample descriptions
with a short, realistic history, created on first run under the user's data folder.

The history (every commit message says it is sample data):

1. the samples as approved — one commit per approval found in their headers, dated on
   the approval date;
2. the 2026 reorganisation, in three commits: a duty added to one description (the
   later duties renumbered) while its old approval is still in the header — not
   approved yet; the new directive in the headers, with the department "Ohvriabi ja
   ennetusteenuste osakond" renamed "Ohvriabi osakond"; and after it, a requirement
   changed in another description without a new approval (kinnitamata).

The samples come from inside the installed package (`ajtui/descriptions/`), or from the
source checkout's `descriptions/` folder.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

AUTHORS = (
    ("Mari Tamm (näidisandmed)", "mari.tamm@example.invalid"),
    ("Jüri Kask (näidisandmed)", "juri.kask@example.invalid"),
)
#: "Ohvriabi ja ennetusteenuste osakond" in any case form (osakonna, osakonnas …), also
#: across the author's line break; the first letter's case and the break are kept.
OLD_UNIT = re.compile(r"([Oo])hvriabi\s+ja\s+ennetusteenuste(\s+)osakon")
NEW_UNIT = r"\1hvriabi\2osakon"
NEW_DIRECTIVE = ("14", "15.01.2026")
APPROVER = "Sotsiaalkindlustusameti peadirektori"

NEW_DUTY = (
    "Osaleb ohvriabi osakonna ühtsete\ntöökordade ja juhendite väljatöötamises\n"
    "ning nende tutvustamises piirkondades."
)
NEW_RESULTS = (
    "Töökorrad ja juhendid on ühtlustatud\nja piirkondadele tutvustatud.",
    "Ettepanekud juhendite täiendamiseks\non esitatud õigeaegselt.",
)


class DemoError(Exception):
    """The demo could not be created; the message says why."""


def sample_dir() -> Path:
    """The shipped sample descriptions."""
    packaged = resources.files("ajtui") / "descriptions"
    if packaged.is_dir():
        return Path(str(packaged))
    source = Path(__file__).resolve().parent.parent.parent / "descriptions"
    if source.is_dir():
        return source
    raise DemoError("the sample descriptions are missing from this installation")


def demo_path() -> Path:
    env = os.environ.get("AJTUI_DEMO_DIR")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("ajtui", appauthor=False) / "demo"


def ensure_demo(path: Path | None = None) -> Path:
    """The demo repository, created when missing; an existing one is left as it is."""
    path = path or demo_path()
    if (path / ".git").exists():
        return path
    if path.exists() and any(path.iterdir()):
        raise DemoError(
            f"{path}: exists and is not the demo repository; move it away or set AJTUI_DEMO_DIR"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".demo-", dir=path.parent))
    try:
        build(tmp)
        if path.exists():
            path.rmdir()
        tmp.rename(path)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return path


# --- building --------------------------------------------------------------------------


@dataclass
class _Sample:
    name: str
    text: str
    number: str
    date: str
    sortable: str
    contract: bool


def _git(repo: Path, *args: str, date: str | None = None, author: int = 0) -> str:
    env = dict(os.environ)
    name, email = AUTHORS[author % len(AUTHORS)]
    env.update(
        GIT_AUTHOR_NAME=name,
        GIT_AUTHOR_EMAIL=email,
        GIT_COMMITTER_NAME=name,
        GIT_COMMITTER_EMAIL=email,
        GIT_CONFIG_NOSYSTEM="1",
    )
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    try:
        done = subprocess.run(
            ["git", "-c", "commit.gpgsign=false", *args],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    except FileNotFoundError:
        raise DemoError("git is not installed; the demo needs it") from None
    if done.returncode:
        raise DemoError(f"git {args[0]} failed: {done.stderr.strip() or done.stdout.strip()}")
    return done.stdout


def _samples(source: Path) -> list[_Sample]:
    from ajtui.format.parser import loads

    out = []
    for p in sorted(source.glob("*.aj")):
        text = p.read_text(encoding="utf-8")
        doc = loads(text, path=p.name)
        appr = doc.approval
        number = (appr.number or "").strip() if appr else ""
        date = (appr.date_text or "").strip() if appr else ""
        d = appr.date if appr else None
        out.append(
            _Sample(
                p.name,
                text,
                number,
                date,
                d.isoformat() if d else "",
                bool(appr and appr.is_contract_annex),
            )
        )
    if not out:
        raise DemoError(f"no sample descriptions in {source}")
    return out


def _rename_unit(doc) -> bool:
    """The department's new name everywhere in the text (every case form)."""
    from ajtui.format import model as m

    hit = False
    for node in m.walk(doc):
        attrs = {
            m.Field: ("value",),
            m.Item: ("text",),
            m.Paragraph: ("text",),
            m.Duty: ("text",),
            m.CompetencyGroup: ("name",),
        }.get(type(node), ("title",))
        for attr in attrs:
            value = getattr(node, attr, None)
            if isinstance(value, str) and OLD_UNIT.search(value):
                setattr(node, attr, OLD_UNIT.sub(NEW_UNIT, value))
                hit = True
    return hit


def _renumber_from(duties, index: int) -> None:
    """Duties from `index` on get the numbers of their position (3.4 → 3.5 …)."""
    for i in range(index, len(duties)):
        d = duties[i]
        parts = d.number.rstrip(".").split(".")
        dot = "." if d.number.endswith(".") else ""
        d.number = ".".join(parts[:-1] + [str(i + 1)]) + dot


def _add_duty(doc) -> bool:
    from ajtui.format import model as m

    duties = doc.duty_section.duties if doc.duty_section else []
    if len(duties) < 3:
        return False
    at = min(4, len(duties) - 1)
    template = duties[at].number
    new = m.Duty(template, NEW_DUTY, [m.Item(r) for r in NEW_RESULTS])
    duties.insert(at, new)
    _renumber_from(duties, at)
    return True


#: A foreign language's level raised from B1 to B2 ("Inglise keele oskus vähemalt tasemel B1").
FOREIGN_B1 = re.compile(r"((?:[Ii]nglise|[Vv]ene|[Ss]oome|[Ss]aksa) keele[^.]*?tasemel\s+)B1")


def _change_requirement(doc) -> bool:
    """A requirement changed (a substantive change): a foreign language at B2 instead of
    B1, or else the required experience."""
    from ajtui.format import model as m

    req = doc.section("nõuded")
    if not isinstance(req, m.RequirementsSection):
        return False
    for e in req.entries:
        if isinstance(e, m.Field) and e.key == "keeleoskus" and FOREIGN_B1.search(e.value):
            e.value = FOREIGN_B1.sub(r"\1B2", e.value, count=1)
            return True
    for e in req.entries:
        if isinstance(e, m.Field) and e.key == "töökogemus":
            e.value = "Vähemalt kaheaastane töökogemus sotsiaal- või ohvriabi valdkonnas."
            return True
    return False


def _prefer(names: list[str], part: str) -> list[str]:
    """Names containing `part` first (the demo's story picks familiar samples)."""
    return sorted(names, key=lambda n: part not in n)


def _approve(doc, annex: int) -> None:
    from ajtui.format import model as m
    from ajtui.format.vocabulary import DIRECTIVE

    sec = doc.ensure("ametijuhend")
    appr = m.Approval(sec)
    appr.kind = DIRECTIVE
    if not appr.approver:
        appr.approver = APPROVER
    appr.number, appr.date = NEW_DIRECTIVE
    appr.annex = str(annex)


def build(repo: Path, source: Path | None = None) -> None:
    """Write the demo repository into the empty folder `repo` from the samples in
    `source` (default: the shipped ones)."""
    from ajtui.format.parser import loads
    from ajtui.format.writer import dumps

    samples = _samples(source or sample_dir())
    _git(repo, "init", "-q")
    _git(repo, "symbolic-ref", "HEAD", "refs/heads/main")
    folder = repo / "ametijuhendid"
    folder.mkdir()
    (repo / "README.txt").write_text(
        "Näidisandmed / sample data for `ajtui --demo`.\n\n"
        "Sotsiaalkindlustusameti ohvriabi ametijuhendid with a made-up history: the\n"
        "descriptions as approved, then the 2026 reorganisation under directive nr 14.\n"
        "Delete this folder to get a fresh demo on the next `ajtui --demo`.\n",
        encoding="utf-8",
    )

    # 1. the samples as approved, one commit per approval, oldest first
    groups: dict[tuple[str, str, str, bool], list[_Sample]] = {}
    for s in samples:
        groups.setdefault((s.sortable, s.number, s.date, s.contract), []).append(s)
    first = True
    for n, ((sortable, number, date, contract), group) in enumerate(sorted(groups.items())):
        for s in group:
            (folder / s.name).write_text(s.text, encoding="utf-8")
        if first:
            _git(repo, "add", "README.txt")
            first = False
        _git(repo, "add", "ametijuhendid")
        if contract:
            what = "töölepingu lisana kinnitatud ametijuhend"
        elif number or date:
            what = "kinnitatud " + " ".join(
                x for x in (number and f"käskkirjaga nr {number}", date and f"({date})") if x
            )
        else:
            what = "ametijuhendid"
        names = ", ".join(s.name for s in group)
        when = f"{sortable or '2023-01-02'}T10:00:00+02:00"
        _git(
            repo,
            "commit",
            "-q",
            "-m",
            f"Näidisandmed: {what}\n\n{names}\n\n"
            "Sample data for ajtui --demo: the descriptions as approved.",
            date=when,
            author=n,
        )

    # 2. the 2026 reorganisation under directive nr 14 (a description that is an annex of
    # an employment contract is not approved by directive: it keeps its old text here)
    docs = {s.name: loads(s.text, path=s.name) for s in samples if not s.contract}
    renamed = [name for name, doc in docs.items() if _rename_unit(doc)]
    if not renamed:
        renamed = list(docs)[:3]
    # Annex 1 is a description approved before (its diff is between two directives, the
    # first one a reviewer sees), the psychosocial crisis coordinator when it is there.
    approved_before = {s.name for s in samples if s.number}
    renamed.sort(key=lambda n: (n not in approved_before, "kriisiabi" not in n, n))
    # the new duty is drafted first (a commit under the old approval: not approved yet),
    # then approved with the rest by the directive
    with_duty = next((n for n in _prefer(renamed, "kriisiabi") if _add_duty(docs[n])), None)
    if with_duty:
        (folder / with_duty).write_text(dumps(docs[with_duty]), encoding="utf-8")
        _git(
            repo,
            "commit",
            "-q",
            "-a",
            "-m",
            f"Näidisandmed: uus ülesanne ({with_duty})\n\n"
            "A duty added; the later duties renumbered. Sample data for ajtui --demo.",
            date="2026-01-06T14:05:00+02:00",
            author=1,
        )
    for annex, name in enumerate(renamed, 1):
        _approve(docs[name], annex)
        (folder / name).write_text(dumps(docs[name]), encoding="utf-8")
    number, date = NEW_DIRECTIVE
    _git(repo, "add", "ametijuhendid")
    _git(
        repo,
        "commit",
        "-q",
        "-m",
        f"Näidisandmed: käskkiri nr {number} ({date}), 2026. aasta ümberkorraldus\n\n"
        "Ohvriabi ja ennetusteenuste osakond is renamed Ohvriabi osakond.\n\n"
        "Sample data for ajtui --demo.",
        date="2026-01-08T09:30:00+02:00",
        author=0,
    )

    changed = next(
        (n for n in _prefer(renamed, "klat") if n != with_duty and _change_requirement(docs[n])),
        None,
    )
    if changed:
        (folder / changed).write_text(dumps(docs[changed]), encoding="utf-8")
        _git(
            repo,
            "commit",
            "-q",
            "-a",
            "-m",
            f"Näidisandmed: muudetud nõue ({changed}), kinnitamata\n\n"
            "A requirement changed after the directive: not approved. Sample data for "
            "ajtui --demo.",
            date="2026-01-14T11:20:00+02:00",
            author=0,
        )

    # Commits the user makes in the demo need an identity; give one only when git has none.
    probe = subprocess.run(
        ["git", "config", "user.email"], cwd=repo, capture_output=True, text=True, check=False
    )
    if not probe.stdout.strip():
        _git(repo, "config", "user.name", "Demo User")
        _git(repo, "config", "user.email", "demo@example.invalid")
