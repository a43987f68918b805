"""[tool.capdiag] in pyproject.toml: per-project select, ignore, fail-on and options."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SEED_CONFIG, SEED_LOG
from typer.testing import CliRunner

from capdiag.cli import app


def run_in(folder: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(
        app, ["analyze", str(SEED_LOG), "--config", str(SEED_CONFIG), *args]
    )
    return result.exit_code, result.stdout, result.stderr


def rules_of(stdout: str) -> list[str]:
    return [f["rule"] for f in json.loads(stdout)["findings"]]


def test_ignore_and_fail_on_from_pyproject(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.capdiag]\nignore = ["CD001", "benign-warning"]\nfail-on = "never"\n'
    )
    code, out, _ = run_in(tmp_path, monkeypatch, "-f", "json")
    assert code == 0
    assert "param-count-mismatch" not in rules_of(out)
    assert "benign-warning" not in rules_of(out)
    code, _, _ = run_in(tmp_path, monkeypatch, "-f", "json", "--fail-on", "warning")
    assert code == 1  # the command line wins


def test_options_and_select_from_pyproject(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.capdiag]\nselect = ["token-budget", "mfu"]\ngpu = "RTX 4070"\n'
        "[tool.capdiag.options]\ntoken-budget = { max_ratio = 20 }\n"
    )
    nested = tmp_path / "sub" / "dir"
    nested.mkdir(parents=True)
    code, out, _ = run_in(nested, monkeypatch, "-f", "json")  # found from a subfolder
    assert code == 0
    assert rules_of(out) == ["mfu"]  # token-budget relaxed to 20x: the 9.3x run passes
    assert json.loads(out)["run"]["gpu"] == "RTX 4070"
    _, out, _ = run_in(nested, monkeypatch, "-f", "json", "--option", "token-budget.max_ratio=4")
    assert "token-budget" in rules_of(out)


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[tool.capdiag]\nselect = ["nope"]\n', "unknown rule"),
        ("[tool.capdiag]\ncolour = 1\n", "colour"),
        ('[tool.capdiag]\nfail-on = "sometimes"\n', "fail-on"),
        ("[tool.capdiag.options]\nmfu = { nope = 1 }\n", "no keyword"),
        ("[tool.capdiag\n", "cannot read"),
    ],
)
def test_bad_settings_are_one_line_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, toml: str, message: str
) -> None:
    (tmp_path / "pyproject.toml").write_text(toml)
    code, _, err = run_in(tmp_path, monkeypatch)
    assert code == 2 and message in err
    assert len(err.strip().splitlines()) == 1
