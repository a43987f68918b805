"""Run text in the output: file names and config text can forge nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import SEED_CONFIG, SEED_LOG
from limits import assert_clean, run_capdiag


def test_a_log_name_cannot_forge_github_commands(tmp_path: Path) -> None:
    log = tmp_path / "x\n::error file=evil.py,line=1::forged,title=t::y%0A.log"
    shutil.copy(SEED_LOG, log)
    result = run_capdiag(
        "analyze", log, "--config", SEED_CONFIG, "--format", "github", "--fail-on", "never"
    )
    assert_clean(result, 0)
    commands = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert commands  # the run's findings are annotations
    assert not any(line.startswith("::error file=evil.py") for line in commands)
    for line in commands:
        command, _, properties = line.split("::")[1].partition(" ")
        keys = [item.partition("=")[0] for item in properties.split(",")]
        assert command in ("error", "warning", "notice"), line
        assert set(keys) <= {"file", "line", "endLine", "col", "endColumn", "title"}, line
        assert len(keys) == len(set(keys)), line


def test_rich_markup_in_config_text_is_shown_not_rendered(tmp_path: Path) -> None:
    config = tmp_path / "config.py"
    text = SEED_CONFIG.read_text().replace(
        "# model (~125M parameters)",
        "# model (~125M parameters) [bold red]X[/bold red] [link=http://e]",
    )
    config.write_text(text + "import os  # [blink]INJECTED[/blink]\n")
    result = run_capdiag("analyze", SEED_LOG, "--config", config, "-v", "--fail-on", "never")
    assert_clean(result, 0)
    assert "[blink]INJECTED[/blink]" in result.stdout
    result = run_capdiag(
        "analyze", SEED_LOG, "--config", config, "--format", "markdown", "--fail-on", "never"
    )
    assert_clean(result, 0)
