"""The README's table of rule examples says what capdiag really prints for each run."""

from __future__ import annotations

import json
import re
import shlex

import pytest
from conftest import ROOT
from typer.testing import CliRunner

from capdiag.cli import app
from capdiag.rules import RULES

ROW = re.compile(r"^\| `([a-z-]+)` \| `([^`]+)`[^|]*\| (error|warning|info): (.+) \|$", re.M)
ROWS = ROW.findall((ROOT / "README.md").read_text())


def test_every_rule_has_a_readme_example() -> None:
    assert sorted(r[0] for r in ROWS) == sorted(rule.id for rule in RULES)


@pytest.mark.parametrize(("rule", "args", "severity", "title"), ROWS, ids=[r[0] for r in ROWS])
def test_readme_example(
    rule: str, args: str, severity: str, title: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    argv = ["analyze", *shlex.split(args), "-f", "json", "--fail-on", "never", "--select", rule]
    result = CliRunner().invoke(app, argv)
    assert result.exit_code == 0, result.stderr
    findings = json.loads(result.stdout)["findings"]
    assert (severity, title) in [(f["severity"], f["title"]) for f in findings]
