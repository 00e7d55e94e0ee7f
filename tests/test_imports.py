"""The layout (layers one way, no cycles, small modules), and lazy imports proved in a fresh
interpreter: `import ajtui`, the format API, a bulk-edit script, `aj --help` and `aj check`
never load Textual, and the format layer never loads git. (Textual alone costs ≈ 180 ms of start-up, GitPython ≈ 100 ms.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests/fixtures/valid/sample.aj"

HEAVY = ("textual", "git", "gitdb")


def loaded(code: str, tmp_path: Path, *argv: str, full: bool = False) -> set[str]:
    """Top-level names (`full`: the whole names) of the modules loaded after running `code`
    in a fresh interpreter."""
    out = tmp_path / "modules.json"
    wrapper = textwrap.dedent("""
        import json, sys
        try:
            exec(compile(sys.argv[1], "<test>", "exec"), {"__name__": "__test__"})
        except SystemExit:
            pass
        finally:
            with open(sys.argv[2], "w") as fh:
                json.dump(sorted(sys.modules), fh)
    """)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-c", wrapper, code, str(out), *argv],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    names = json.loads(out.read_text())
    return set(names) if full else {name.split(".")[0] for name in names}


def heavy(mods: set[str], also: tuple[str, ...] = ()) -> set[str]:
    return mods & {*HEAVY, *also}


def test_import_ajtui_loads_nothing_heavy(tmp_path):
    mods = loaded("import ajtui", tmp_path)
    assert "ajtui" in mods
    assert not heavy(mods, ("lark", "rich", "platformdirs", "tomlkit"))


def test_format_api_never_loads_textual_or_git(tmp_path):
    mods = loaded(
        textwrap.dedent(f"""
        import ajtui
        text = open({str(SAMPLE)!r}, encoding="utf-8").read()
        doc = ajtui.loads(text)
        assert ajtui.dumps(doc)
        assert isinstance(ajtui.check(text), list)
        assert isinstance(ajtui.check(doc), list)
    """),
        tmp_path,
        full=True,
    )
    assert "ajtui.format.parser" in mods  # it did parse: valid text, so without Lark
    assert not heavy({name.split(".")[0] for name in mods}, ("lark",))


def test_format_layer_modules_never_load_git(tmp_path):
    mods = loaded(
        "import ajtui.format.model, ajtui.format.grammar, ajtui.format.parser, ajtui.format.writer, "
        "ajtui.format.validate",
        tmp_path,
    )
    assert not heavy(mods)


def test_bulk_edit_script_never_loads_textual_or_git(tmp_path):
    target = tmp_path / "koordinaator.aj"
    target.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    mods = loaded(
        textwrap.dedent(f"""
        import ajtui
        doc = ajtui.load({str(target)!r})
        doc.general.unit = "Ohvriabi osakond"
        ajtui.dump(doc, {str(target)!r})
    """),
        tmp_path,
    )
    assert "Ohvriabi osakond" in target.read_text(encoding="utf-8")
    assert not heavy(mods)


def test_aj_help_loads_only_the_argument_parser(tmp_path):
    mods = loaded("import sys; from ajtui.cli import main; main(['--help'])", tmp_path)
    assert "argparse" in mods
    assert not heavy(mods, ("lark", "rich", "tomlkit", "platformdirs"))


@pytest.mark.parametrize("argv", [[], ["--no-cache"], ["--format", "json"]])
def test_aj_check_never_loads_textual_or_git(tmp_path, argv):
    mods = loaded(
        f"from ajtui.cli import main; main(['check', *{argv!r}, {str(SAMPLE)!r}])", tmp_path
    )
    assert not heavy(mods, ("rich",))


def test_cached_aj_check_does_not_even_load_lark(tmp_path):
    code = f"from ajtui.cli import main; main(['check', {str(SAMPLE)!r}])"
    loaded(code, tmp_path)  # fills the cache
    mods = loaded(code, tmp_path)
    assert not heavy(mods, ("lark", "rich"))


def test_cached_aj_log_loads_neither_git_nor_the_parser_nor_rich(tmp_path):
    """The second `aj log FILE` reads git's log and the version cache: nothing parsed, no
    GitPython, and its plain text needs no Rich."""
    git = [
        "git",
        "-c",
        "user.name=Mari",
        "-c",
        "user.email=mari@example.ee",
        "-c",
        "commit.gpgsign=false",
    ]
    repo = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    text = SAMPLE.read_text(encoding="utf-8")
    for n in range(3):
        (repo / "a.aj").write_text(
            text.replace("Koordinaator", f"Koordinaator {n}", 1), encoding="utf-8"
        )
        subprocess.run([*git, "add", "a.aj"], cwd=repo, check=True)
        subprocess.run([*git, "commit", "-q", "-m", f"v{n}"], cwd=repo, check=True)
    code = f"from ajtui.cli import main; main(['log', {str(repo / 'a.aj')!r}])"
    first = loaded(code, tmp_path, full=True)  # fills the cache
    assert "ajtui.format.parser" in first
    mods = loaded(code, tmp_path, full=True)
    assert "ajtui.format.parser" not in mods
    assert not heavy({n.split(".")[0] for n in mods}, ("lark", "rich", "gitdb", "platformdirs"))
    directives = f"import os; os.chdir({str(repo)!r}); from ajtui.cli import main; main(['log'])"
    loaded(directives, tmp_path)
    assert not heavy(loaded(directives, tmp_path), ("lark", "rich", "gitdb", "platformdirs"))


# --- the layout: layers one way, no cycles, small modules ------------------------------------

PACKAGE = ROOT / "ajtui"
MAX_MODULE_LINES = 800


def test_layers_point_one_way_and_nothing_imports_in_a_circle():
    """import-linter's contracts in pyproject.toml: base ← format ← ops ← store ← present ←
    importer ← cli, tui, and no cycle among the modules of any package — imports inside
    functions included, `if TYPE_CHECKING:` imports excluded."""
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run(
        [str(lint), "--config", str(ROOT / "pyproject.toml")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "2 kept, 0 broken" in done.stdout


def test_the_contracts_are_the_ones_the_architecture_names():
    """The contracts cannot quietly go: both are in pyproject.toml, with every layer."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = {c["type"]: c for c in config["tool"]["importlinter"]["contracts"]}
    assert contracts["layers"]["layers"] == [
        "ajtui.cli | ajtui.tui",
        "ajtui.importer | ajtui.documents",
        "ajtui.present",
        "ajtui.store",
        "ajtui.ops",
        "ajtui.format",
        "ajtui.base",
    ]
    assert contracts["acyclic_siblings"]["ancestors"] == ["ajtui"]
    packages = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())
    assert packages == [
        "base",
        "cli",
        "documents",
        "format",
        "importer",
        "ops",
        "present",
        "store",
        "tui",
    ]


def test_no_module_is_over_800_lines():
    long = {
        str(p.relative_to(ROOT)): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert not long, long


def test_every_type_ignore_says_why():
    """mypy runs in `make test`; a silenced error names its code and gives its reason on
    the line, so the next reader can tell whether it still holds."""
    import re

    bare = []
    for p in PACKAGE.rglob("*.py"):
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
            if "type: ignore" in line and not re.search(
                r"type: ignore\[[\w-]+(, *[\w-]+)*\] +# \S", line
            ):
                bare.append(f"{p.relative_to(ROOT)}:{n}")
    assert not bare, bare
