"""The README's promises: its example parses and is canonical, it lists every rule, and it
has exactly the two set-up commands that CI runs."""

import re

import ajtui
from ajtui.format.validate import RULES
from ajtui.ops.org import RULES as WORKSPACE_RULES

from tests.helpers import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_format_example_is_canonical_and_valid():
    section = README.split("## The `.aj` format", 1)[1]
    example = re.search(r"```\n(.*?)```", section, re.S).group(1)
    doc = ajtui.loads(example)
    assert ajtui.dumps(doc) == example
    assert not [d for d in ajtui.check(doc) if d.is_error]


def test_every_rule_is_documented():
    for code in [*RULES, *WORKSPACE_RULES]:
        assert f"| {code} |" in README, code


def test_two_setup_commands_and_ci_runs_the_test_one():
    setup = README.split("## Set up", 1)[1].split("##", 1)[0]
    commands = re.findall(r"^(make \w+)", setup, re.M)
    assert commands == ["make run", "make test"]
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in ci
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^run:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
