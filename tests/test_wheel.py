"""The grammar ships inside the wheel and is loaded from the installed package."""

import os
import subprocess
import sys
import zipfile

import pytest

from tests.helpers import FIXTURES, ROOT


@pytest.mark.slow
def test_wheel_carries_the_grammar_and_parses_outside_the_checkout(tmp_path, wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "ajtui/grammar/aj.lark" in names
    assert "ajtui/format/grammar_tables.json" in names  # the parse tables: no grammar cache needed
    assert "ajtui/format/driver_tables.json" in names  # the fast driver: no Lark import
    packaged = zipfile.ZipFile(wheel).read("ajtui/grammar/aj.lark")
    assert packaged == (ROOT / "grammar" / "aj.lark").read_bytes()

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    py = venv / "bin" / "python"
    # lark is the only thing the format layer needs; take it from this environment's wheel
    # cache or the registry, and the project from the wheel.
    inst = subprocess.run(
        [str(py), "-m", "pip", "install", "-q", "--no-deps", str(wheel), "lark"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert inst.returncode == 0, inst.stderr
    script = (
        "import ajtui, ajtui.format.grammar, sys\n"
        "from pathlib import Path\n"
        "assert 'site-packages' in ajtui.__file__, ajtui.__file__\n"
        "doc = ajtui.loads(Path(sys.argv[1]).read_text(encoding='utf-8'))\n"
        "print(doc.approval.number, len(doc.duties))\n"
        "assert 'textual' not in sys.modules and 'git' not in sys.modules\n"
        "assert ajtui.format.grammar.load_tables() is not None\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    r = subprocess.run(
        [str(py), "-c", script, str(FIXTURES / "valid" / "sample.aj")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["95", "2"]
