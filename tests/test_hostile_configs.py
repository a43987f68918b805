"""Hostile input: configs are parsed within a budget, never run; bad input is one line."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from capdiag.config import ConfigError, parse_mapping_config, parse_python_config, read_config_file


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("x = [0]\n" + "x = [x, x]\n" * 40 + "dtype = x\n", "x"),  # doubling: 2^40 elements
        ("x = [0] * 10**9\n", "x"),  # 7.7 GB if built
        ("x = [0]\n" + "x = x + x\n" * 40, "x"),
        ("x = '%2000000000d' % 1\n", "x"),  # a 2 GB string
        ("a = 'a' * 10000\nx = a * 10000\n", "x"),
        ("x = 10**10**10\n", "x"),
    ],
    ids=["doubling", "repeat", "concat", "format", "string", "power"],
)
def test_a_value_over_budget_is_skipped_with_a_note_quickly(text: str, key: str) -> None:
    start = time.perf_counter()
    parsed = parse_python_config(text, "hostile.py")
    assert time.perf_counter() - start < 1.0
    assert any("ignored" in note for note in parsed.notes)
    value = parsed.values.get(key)
    assert value is None or len(str(value)) < 10_000_000


def test_forty_thousand_comment_lines_take_linear_time() -> None:
    start = time.perf_counter()
    parse_python_config("# c\n" * 40_000 + "n_layer = 12\n", "comments.py")
    assert time.perf_counter() - start < 2.0


def test_a_yaml_alias_bomb_is_refused() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    start = time.perf_counter()
    with pytest.raises(ConfigError, match="alias"):
        parse_mapping_config(bomb, "bomb.yaml")
    assert time.perf_counter() - start < 1.0


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_is_refused_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "config.py"
    os.mkfifo(fifo)
    with pytest.raises(ConfigError, match="not a regular file"):
        read_config_file(fifo)
    log = tmp_path / "train.log"
    os.mkfifo(log)
    result = subprocess.run(
        [sys.executable, "-m", "capdiag", "analyze", str(log)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2 and "not a regular file" in result.stderr
    assert result.stderr.count("\n") == 1


def test_markup_in_a_config_is_printed_as_text(tmp_path: Path) -> None:
    from conftest import SEED_CONFIG, SEED_LOG

    config = tmp_path / "config.py"
    config.write_text(SEED_CONFIG.read_text() + "import os  # [red]INJECTED[/red]\n")
    argv = ["analyze", str(SEED_LOG), "--config", str(config), "-v", "--fail-on", "never"]
    result = subprocess.run(
        [sys.executable, "-m", "capdiag", *argv],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "COLUMNS": "200"},
    )
    assert "[red]INJECTED[/red]" in result.stdout  # shown, not interpreted
    assert "not a plain assignment" in result.stdout  # and never run
