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
    assert time.perf_counter() - start < 5.0  # unbounded, each takes hours or gigabytes
    assert any("ignored" in note for note in parsed.notes)
    value = parsed.values.get(key)
    assert value is None or len(str(value)) < 10_000_000


def test_forty_thousand_comment_lines_take_linear_time() -> None:
    start = time.perf_counter()
    parse_python_config("# c\n" * 40_000 + "n_layer = 12\n", "comments.py")
    assert time.perf_counter() - start < 10.0  # quadratic, it took 124 s


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


# ---- the same budgets, end to end: the CLI in a limited process --------------------------

from limits import MARKER_CODE, assert_clean, nanogpt_log, run_capdiag  # noqa: E402

BOMBS = {
    "doubling": "x = [0]\n" + "x = [x, x]\n" * 40 + "dtype = x\n",
    "repeat": "x = [0] * 10**9\n",
    "concat": "x = [0]\n" + "x = x + x\n" * 40,
    "format": "x = '%2000000000d' % 1\n",
    "string": "a = 'a' * 10000\nx = a * 10000\n",
    "power": "x = 10**10**10\n",
    "tower": "x = 9**9**9**9\n",
    "shift": "x = 1 << 10**9\n",
    "nested": "x = " + "[" * 90 + "]" * 90 + "\n",  # Python's parser refuses 200 deep
    "digits": "x = 99 ** 64 ** 64\n",  # a 4,300+ digit literal is no Python: tested below
}


def _modded_log(assignment: str) -> str:
    script = (
        "import os\n"
        f"{assignment}"
        "class Hyperparameters:\n"
        "    batch_size : int = 8*64\n"
        "    device_batch_size : int = 64\n"
        "    sequence_length : int = 1024\n"
        "    num_iterations : int = 20\n"
        f"    {assignment.splitlines()[-1]}\n"
        "model = GPT(GPTConfig(vocab_size=50304, n_layer=12, n_head=6, n_embd=x))\n"
    )
    steps = ["step:0/20 val_loss:10.9 train_time:0ms step_avg:nanms"]
    steps += [
        f"step:{i}/20 train_loss:{10 - i * 0.2:.2f} train_time:{i * 100}ms step_avg:100.00ms"
        for i in range(1, 21)
    ]
    return script + "=" * 100 + "\n" + "\n".join(steps) + "\n"


@pytest.mark.parametrize("place", ["config", "echoed", "modded"])
def test_config_bombs_are_bounded_everywhere_a_config_is_read(tmp_path: Path, place: str) -> None:
    """Every bomb at once (each would hang or take gigabytes alone), then a real config."""
    marker = tmp_path / "executed"
    text = "".join(BOMBS.values()) + f"y = {MARKER_CODE.format(marker=marker)}\n"
    if place == "config":
        from conftest import SEED_CONFIG, SEED_LOG

        config = tmp_path / "config.py"
        config.write_text(text + SEED_CONFIG.read_text())
        args: list[str | Path] = [SEED_LOG, "--config", config]
    elif place == "echoed":
        log = tmp_path / "train.log"
        log.write_text(nanogpt_log(text + "n_layer = 2\nn_head = 2\nn_embd = 64\n"))
        args = [log]
    else:
        log = tmp_path / "record.txt"
        log.write_text(_modded_log(text))
        args = [log]
    result = run_capdiag("analyze", *args, "--fail-on", "never", "-v", cwd=tmp_path, wall=30)
    assert_clean(result, 0)
    assert result.seconds < 20
    assert not marker.exists()
    if place != "modded":  # the notes say which keys were skipped, and why
        for key in ("x", "y"):
            assert f"ignored {key} (" in result.stdout, key


def test_a_config_that_is_dev_zero_is_refused(tmp_path: Path) -> None:
    from conftest import SEED_LOG

    result = run_capdiag("analyze", SEED_LOG, "--config", "/dev/zero", cwd=tmp_path)
    assert_clean(result, 2)
    assert "not a regular file" in result.stderr


def test_an_oversized_config_is_refused(tmp_path: Path) -> None:
    from conftest import SEED_LOG

    config = tmp_path / "config.py"
    config.write_text("# padding\n" * 600_000)
    result = run_capdiag("analyze", SEED_LOG, "--config", config, cwd=tmp_path)
    assert_clean(result, 2)
    assert "larger than" in result.stderr


def test_forty_thousand_comment_lines_in_the_cli(tmp_path: Path) -> None:
    from conftest import SEED_LOG

    config = tmp_path / "config.py"
    config.write_text("# c\n" * 40_000 + "n_layer = 12\n")
    result = run_capdiag("analyze", SEED_LOG, "--config", config, "--fail-on", "never")
    assert_clean(result, 0)
    assert result.seconds < 20


def test_code_in_a_config_is_never_run(tmp_path: Path) -> None:
    """Every way a config could run code, in a --config file and in an echoed block."""
    from conftest import SEED_LOG

    marker = tmp_path / "executed"
    touch = MARKER_CODE.format(marker=marker)
    text = (
        f"import os; os.system('touch {marker}')\n"
        f"exec(\"open('{marker}', 'w')\")\n"
        f"n_layer = {touch}\n"
        f"n_head = (lambda: {touch})()\n"
        f"dtype = [c for c in [{touch}]]\n"
        f'n_embd = f"{{{touch}}}"\n'
        f"with open('{marker}', 'w'): pass\n"
        "class A:\n"
        f"    x = {touch}\n"
    )
    config = tmp_path / "config.py"
    config.write_text(text)
    result = run_capdiag("analyze", SEED_LOG, "--config", config, "-v", "--fail-on", "never")
    assert_clean(result, 0)
    log = tmp_path / "train.log"
    log.write_text(nanogpt_log(text))
    result = run_capdiag("analyze", log, "-v", "--fail-on", "never", cwd=tmp_path)
    assert_clean(result, 0, 1, 2)
    yaml_config = tmp_path / "config.yaml"
    yaml_config.write_text(f"n_layer: !!python/object/apply:os.system ['touch {marker}']\n")
    result = run_capdiag("analyze", SEED_LOG, "--config", yaml_config, "--fail-on", "never")
    assert_clean(result, 0, 2)
    assert not marker.exists()


def test_a_config_nested_past_pythons_parser_is_one_line(tmp_path: Path) -> None:
    from conftest import SEED_LOG

    config = tmp_path / "config.py"
    config.write_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    result = run_capdiag("analyze", SEED_LOG, "--config", config)
    assert_clean(result, 2)
    assert "not valid Python" in result.stderr


def test_an_echoed_config_that_is_no_python_is_a_note(tmp_path: Path) -> None:
    log = tmp_path / "train.log"
    log.write_text(nanogpt_log("x = " + "9" * 5000 + "\nn_layer = 2\n"))
    result = run_capdiag("analyze", log, "-v", "--fail-on", "never")
    assert_clean(result, 0)
    assert "the config the log echoes was not read" in result.stdout


def test_a_config_nested_past_the_parsers_stack_is_one_line(tmp_path: Path) -> None:
    # 100,000 unary minus signs: CPython's parser runs out of stack and raises MemoryError
    # (the fuzzer found it in a mutated DETR main.py); a config error, one line, exit 2
    with pytest.raises(ConfigError, match="nested too deeply"):
        parse_python_config("x = " + "-" * 100_000 + "1\n", "deep.py")
    config = tmp_path / "deep.py"
    config.write_text("n_layer = " + "-" * 100_000 + "1\n", encoding="utf-8")
    log = Path(__file__).resolve().parents[2] / "examples/logs/seed_gpt2_fineweb_rtx4070.log"
    done = subprocess.run(
        [sys.executable, "-m", "capdiag", "analyze", str(log), "--config", str(config)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"capdiag: error: {config.name}: nested too deeply to parse"
    ]
