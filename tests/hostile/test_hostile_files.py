"""Hostile files: alias bombs beside a log, truncated and corrupt stores, FIFOs, a broken
pyproject.toml, a run folder that is the whole filesystem. Each in a limited process."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import DATA, SEED_CONFIG, SEED_LOG
from limits import MARKER_CODE, assert_clean, run_capdiag

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)


def _wandb_run(tmp_path: Path) -> Path:
    src = DATA / "wandb" / "healthy"
    shutil.copytree(src, tmp_path / "wandb")
    return next((tmp_path / "wandb").glob("offline-run-*"))


def _yaml_beside_a_log(tmp_path: Path, place: str, text: str) -> Path:
    """A real run of the format `place` with `text` as the YAML read beside it."""
    if place == "lightning":
        run = tmp_path / "lightning"
        shutil.copytree(DATA / "lightning" / "healthy" / "version_0", run)
        (run / "hparams.yaml").write_text(text)
        return run
    if place == "wandb":
        run = _wandb_run(tmp_path)
        (run / "files" / "config.yaml").write_text(text)
        return run
    if place == "jsonl":
        shutil.copy(DATA / "jsonl" / "healthy" / "metrics.jsonl", tmp_path / "metrics.jsonl")
        (tmp_path / "config.yaml").write_text(text)
        return tmp_path / "metrics.jsonl"
    run = tmp_path / "tb"
    shutil.copytree(DATA / "tensorboard" / "lightning_healthy", run)
    (run / "hparams.yaml").write_text(text)
    return run


@pytest.mark.parametrize("place", ["config", "lightning", "wandb", "jsonl", "tensorboard"])
def test_a_yaml_alias_bomb_is_refused_wherever_yaml_is_read(tmp_path: Path, place: str) -> None:
    marker = tmp_path / "executed"
    bomb = BOMB + f"z: !!python/object/apply:os.system ['touch {marker}']\n"
    if place == "config":
        (tmp_path / "config.yaml").write_text(bomb)
        args: list[str | Path] = [SEED_LOG, "--config", tmp_path / "config.yaml"]
    else:
        args = [_yaml_beside_a_log(tmp_path, place, bomb)]
    result = run_capdiag("analyze", *args, "--fail-on", "never", "-v", wall=30)
    assert_clean(result, 0, 2)
    assert result.seconds < 20
    assert not marker.exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
@pytest.mark.parametrize("which", ["log", "config", "hparams"])
def test_a_fifo_is_never_opened(tmp_path: Path, which: str) -> None:
    if which == "log":
        os.mkfifo(tmp_path / "train.log")
        args: list[str | Path] = [tmp_path / "train.log"]
    elif which == "config":
        os.mkfifo(tmp_path / "config.py")
        args = [SEED_LOG, "--config", tmp_path / "config.py"]
    else:
        run = tmp_path / "lightning"
        shutil.copytree(DATA / "lightning" / "healthy" / "version_0", run)
        (run / "hparams.yaml").unlink()
        os.mkfifo(run / "hparams.yaml")
        args = [run]
    result = run_capdiag("analyze", *args, "--fail-on", "never", wall=30)
    assert_clean(result, 0, 2)
    if which != "hparams":
        assert result.returncode == 2 and "not a regular file" in result.stderr


def test_truncated_wandb_datastores_still_give_a_report(tmp_path: Path) -> None:
    runs = []
    for size in (0, 3, 7, 100, 5000, -1):  # empty, inside the header, mid-record, half
        run = _wandb_run(tmp_path / f"cut{size}")
        store = next(run.glob("run-*.wandb"))
        data = store.read_bytes()
        store.write_bytes(data[:size] if size >= 0 else data[: len(data) // 2])
        runs.append(run)
    result = run_capdiag("analyze", *runs, "--format", "jsonl", "--fail-on", "never")
    assert_clean(result, 0)
    assert result.stdout.count('"report"') == len(runs)  # output.log and the summary remain


def test_a_corrupt_wandb_record_is_skipped_with_a_note(tmp_path: Path) -> None:
    run = _wandb_run(tmp_path)
    store = next(run.glob("run-*.wandb"))
    data = bytearray(store.read_bytes())
    for i in range(200, len(data), 997):
        data[i] ^= 0xFF
    store.write_bytes(bytes(data))
    result = run_capdiag("analyze", run, "--fail-on", "never", "-v")
    assert_clean(result, 0, 2)


def test_a_corrupt_mlflow_database_is_an_input_error(tmp_path: Path) -> None:
    db = tmp_path / "mlflow.db"
    shutil.copy(DATA / "mlflow" / "mlflow.db", db)
    data = bytearray(db.read_bytes())
    data[4096:8192] = b"\xff" * 4096  # a page past the header: the schema still opens
    db.write_bytes(bytes(data))
    result = run_capdiag("analyze", db, "--fail-on", "never")
    assert_clean(result, 0, 2)
    if result.returncode == 2:
        assert "mlflow" in result.stderr.lower()


def test_mlflow_values_that_are_not_numbers(tmp_path: Path) -> None:
    db = tmp_path / "mlflow.db"
    shutil.copy(DATA / "mlflow" / "mlflow.db", db)
    with sqlite3.connect(db) as con:
        con.execute("UPDATE metrics SET value = 'oops' WHERE rowid % 3 = 0")
        con.execute("UPDATE runs SET start_time = 'yesterday'")
    result = run_capdiag("analyze", db, "--fail-on", "never")
    assert_clean(result, 0, 2)


def test_a_broken_toml_config(tmp_path: Path) -> None:
    toml = tmp_path / "llama3_8b.toml"
    toml.write_text((DATA / "torchtitan" / "llama3_8b.toml").read_text()[:300] + '\n[x\n= "')
    log = DATA / "torchtitan" / "pr1287_llama3_8b.log"
    result = run_capdiag("analyze", log, "--config", toml, "--fail-on", "never")
    assert_clean(result, 0, 2)


@pytest.mark.parametrize("content", [b"[tool.capdiag]\nselect = ['\xff\xfe']\n", b"\xff\xfe\x00["])
def test_a_broken_pyproject_in_a_parent_folder(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "pyproject.toml").write_bytes(content)
    run = tmp_path / "runs" / "a"
    run.mkdir(parents=True)
    shutil.copy(SEED_LOG, run / "train.log")
    result = run_capdiag("analyze", run / "train.log", "--fail-on", "never", cwd=run)
    assert_clean(result, 0, 2)
    if b"[tool.capdiag" not in content:
        assert result.returncode == 0  # a pyproject that is not ours stops nothing


def test_a_truncated_tensorboard_file_is_not_a_silent_pass(tmp_path: Path) -> None:
    run = tmp_path / "tb"
    shutil.copytree(DATA / "tensorboard" / "hf_healthy", run)
    events = next(run.glob("events.out.tfevents.*"))
    events.write_bytes(events.read_bytes()[:40])
    result = run_capdiag("analyze", run, "--fail-on", "info")
    assert_clean(result, 1, 2)
    if result.returncode == 2:
        assert "no training loss" in result.stderr


@pytest.mark.parametrize("fmt", ["jsonl", "megatron", "hf_trainer", "llmc", "torchtitan"])
def test_a_log_format_that_does_not_match_is_exit_2(fmt: str) -> None:
    result = run_capdiag("analyze", SEED_LOG, "--log-format", fmt, "--fail-on", "info")
    assert_clean(result, 2)


def test_a_folder_search_is_bounded_in_depth_and_skips_system_folders(tmp_path: Path) -> None:
    """`analyze /` walks no further than MAX_DEPTH levels and MAX_ENTRIES entries, and
    never into /proc, /sys, /dev or hidden folders (here: a tree like that, in small)."""
    from capdiag.many import MAX_DEPTH

    deep = tmp_path.joinpath(*[f"d{i}" for i in range(MAX_DEPTH + 2)])
    deep.mkdir(parents=True)
    shutil.copy(SEED_LOG, deep / "too_deep.log")
    for hidden in ("__pycache__", ".cache", "node_modules"):
        (tmp_path / hidden).mkdir()
        shutil.copy(SEED_LOG, tmp_path / hidden / "skipped.log")
    for i in range(2000):
        (tmp_path / "wide" / f"e{i}").mkdir(parents=True)
    shutil.copy(SEED_LOG, tmp_path / "found.log")
    result = run_capdiag("analyze", tmp_path, "--format", "jsonl", "--fail-on", "never", wall=120)
    assert_clean(result, 0)
    assert "found.log" in result.stdout  # the one run found, reported alone
    assert "too_deep" not in result.stdout and "skipped.log" not in result.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_inside_a_folder_of_runs_is_not_opened(tmp_path: Path) -> None:
    shutil.copy(SEED_LOG, tmp_path / "a.log")
    shutil.copy(SEED_LOG, tmp_path / "b.log")
    os.mkfifo(tmp_path / "c.log")
    result = run_capdiag("analyze", tmp_path, "--format", "jsonl", "--fail-on", "never", wall=60)
    assert_clean(result, 0)
    assert result.stdout.count('"path"') == 2


def test_a_config_named_like_code_is_data(tmp_path: Path) -> None:
    marker = tmp_path / "executed"
    config = tmp_path / "$(touch executed).py"
    config.write_text(SEED_CONFIG.read_text() + f"x = {MARKER_CODE.format(marker=marker)}\n")
    result = run_capdiag(
        "analyze", SEED_LOG, "--config", config, "--fail-on", "never", cwd=tmp_path
    )
    assert_clean(result, 0)
    assert not marker.exists()


@pytest.mark.parametrize("place", ["lightning", "wandb", "jsonl", "tensorboard"])
def test_a_huge_yaml_beside_the_log_is_not_parsed(tmp_path: Path, place: str) -> None:
    """The third 30-minute fuzz run's hang: a 72 MB hparams.yaml took 137 s of YAML parsing.
    A file read because it sits beside the log is read up to 1 MiB."""
    huge = "".join(f"key_{i}: {i}\n" for i in range(1_500_000))  # about 20 MB
    args = [_yaml_beside_a_log(tmp_path, place, huge)]
    result = run_capdiag("analyze", *args, "--fail-on", "never", wall=60)
    assert_clean(result, 0, 2)
    assert result.seconds < 15


def test_a_trainer_state_too_big_to_hold_is_refused(tmp_path: Path) -> None:
    """The third 30-minute fuzz run's crash: a 2 GB trainer_state.json ran json.loads out of
    memory (an internal error). Over 256 MiB it is refused with one line. (A sparse file:
    the size is what matters, not the bytes.)"""
    run = tmp_path / "checkpoint-1000"
    run.mkdir()
    state = run / "trainer_state.json"
    with state.open("wb") as handle:
        handle.write(b'{"log_history": [{"loss": 2.0, "step": 10}')
        handle.truncate(300 << 20)
    result = run_capdiag("analyze", run, wall=30)
    assert_clean(result, 2)
    assert "more than the 256 MiB of JSON" in result.stderr


@pytest.mark.parametrize(
    ("log", "extra"),
    [
        # a Trainer dict with a value Python's tokenizer warns about
        ("{'loss': 1if 1 else 2, 'epoch': 0.1}\n", ()),
        # a nanoGPT override on the command line, read by literal_eval
        ("", ("--set", "batch_size=0x1for")),
    ],
)
def test_literals_print_no_syntax_warning(tmp_path: Path, log: str, extra: tuple[str, ...]) -> None:
    path = tmp_path / "train.log"
    lines = "".join(f"{{'loss': {2 - i / 10}, 'epoch': {i / 2}}}\n" for i in range(1, 6))
    path.write_text(log + lines)
    result = run_capdiag("analyze", path, "--fail-on", "never", *extra)
    assert_clean(result, 0, 2)
    assert "SyntaxWarning" not in result.stderr
