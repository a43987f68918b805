"""Hostile values in a log or a config: NaN everywhere, numbers past int64 or float range,
4,300+ digits, n_head = 0, dtypes the memory model does not know.

Each case is a run of its own; the runs of a test go through one `capdiag analyze RUN...
--format jsonl` process (the many-runs path, which lets an internal error through as one)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import DATA, SEED_CONFIG, SEED_LOG
from limits import Result, assert_clean, nanogpt_log, run_capdiag

AWKWARD = ["nan", "inf", "-inf", "1e400", "9" * 25, "9" * 5000, "-1", "0", "18446744073709551616"]
SHAPE = "n_layer = 2\nn_head = 2\nn_embd = 64\nblock_size = 64\n"


def _analyze_all(runs: list[Path], *args: str) -> list[dict[str, object]]:
    result: Result = run_capdiag(
        "analyze", *runs, "--format", "jsonl", "--fail-on", "never", *args, wall=120
    )
    assert_clean(result, 0)
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == len(runs)
    return lines


def _folder(tmp_path: Path, i: int) -> Path:
    folder = tmp_path / f"run{i}"
    folder.mkdir()
    return folder


def test_every_val_loss_nan(tmp_path: Path) -> None:
    lines = []
    for line in SEED_LOG.read_text().splitlines():
        if line.startswith("step ") and "val loss" in line:
            line = line.rsplit("val loss", 1)[0] + "val loss nan"
        lines.append(line)
    log = tmp_path / "train.log"
    log.write_text("\n".join(lines) + "\n")
    result = run_capdiag("analyze", log, "--config", SEED_CONFIG, "--fail-on", "never")
    assert_clean(result, 0)


def test_jsonl_with_uneven_eval_keys(tmp_path: Path) -> None:
    records = []
    for i in range(60):
        record: dict[str, object] = {"iter": i, "loss": 4.0 - i * 0.02}
        if i % 10 == 0:
            record["val_loss"] = 4.1 - i * 0.02
        if i % 15 == 0:
            record["eval_train_loss"] = 4.0 - i * 0.02
        records.append(record)
    log = tmp_path / "metrics.jsonl"
    log.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    result = run_capdiag("analyze", log, "--fail-on", "never", "-v")
    assert_clean(result, 0)


def test_dtypes_the_memory_model_does_not_know(tmp_path: Path) -> None:
    dtypes = ["fp16", "auto", "float64", "int8", "", "bf16"]
    runs = []
    for i, dtype in enumerate(dtypes):
        log = _folder(tmp_path, i) / "train.log"
        log.write_text(
            SEED_LOG.read_text().replace("dropout = 0.1", f"dropout = 0.1\ndtype = {dtype!r}")
        )
        runs.append(log)
    reports = _analyze_all(runs, "--gpu", "RTX 4070")
    assert all(r.get("report") for r in reports)
    for i, dtype in enumerate(dtypes):
        config = tmp_path / f"run{i}" / "config.py"
        config.write_text(SEED_CONFIG.read_text() + f"dtype = {dtype!r}\n")
        result = run_capdiag("check", config, "--gpu", "RTX 4070", "--fail-on", "never")
        assert_clean(result, 0)


def test_model_dimensions_that_are_no_dimensions(tmp_path: Path) -> None:
    runs = []
    for key in ("n_head", "n_layer", "n_embd", "block_size", "batch_size", "vocab_size"):
        for value in ("0", "-4", "10**15", "1e300", "0.5", "float('nan')"):
            log = _folder(tmp_path, len(runs)) / "train.log"
            log.write_text(nanogpt_log(SHAPE + f"{key} = {value}\n"))
            runs.append(log)
    reports = _analyze_all(runs, "-v")
    assert all(r.get("report") for r in reports)


def test_awkward_numbers_in_every_metric_of_a_nanogpt_log(tmp_path: Path) -> None:
    runs = []
    for value in AWKWARD:
        text = nanogpt_log(SHAPE, steps=40)
        text = text.replace("loss 3.5000", f"loss {value}").replace(
            "time 100.00ms", f"time {value}ms"
        )
        text = text.replace("mfu 10.00%", f"mfu {value}%", 3)
        text += f"iter {value}: loss {value}, time {value}ms, mfu {value}%\n"
        text += f"step {value}: train loss {value}, val loss {value}\n"
        text += f"tokens per iteration will be: {value}\nnumber of parameters: {value}M\n"
        log = _folder(tmp_path, len(runs)) / "train.log"
        log.write_text(text)
        runs.append(log)
    _analyze_all(runs, "-v")


def test_awkward_numbers_in_jsonl_and_its_config(tmp_path: Path) -> None:
    runs = []
    for value in AWKWARD:
        folder = _folder(tmp_path, len(runs))
        lines = (DATA / "jsonl" / "healthy" / "metrics.jsonl").read_text().splitlines()
        lines[5] = lines[5].replace('"iter": 5', f'"iter": {value}')
        lines[7] = lines[7].replace('"loss": ', f'"loss": {value}, "x": ')
        (folder / "metrics.jsonl").write_text("\n".join(lines) + "\n")
        text = (DATA / "jsonl" / "healthy" / "config.json").read_text()
        text = text.replace('"n_layer": 2', f'"n_layer": {value}')
        (folder / "config.json").write_text(
            text.replace('"max_iters": 400', f'"max_iters": {value}')
        )
        runs.append(folder / "metrics.jsonl")
    _analyze_all(runs, "-v")


def test_awkward_numbers_in_a_modded_nanogpt_record(tmp_path: Path) -> None:
    source = DATA / "modded_nanogpt" / "2024-10-10_Muon_eb5659d0_cut.txt"
    runs = []
    for value in AWKWARD:
        text = source.read_text()
        text = text.replace("step:2/6200 train_loss:8.6834", f"step:2/6200 train_loss:{value}")
        text = text.replace("step:3/6200", f"step:{value}/6200", 1)
        text = text.replace("num_iterations : int = 6200", f"num_iterations : int = {value}")
        log = _folder(tmp_path, len(runs)) / "record.txt"
        log.write_text(text)
        runs.append(log)
    _analyze_all(runs, "-v")


def test_awkward_numbers_in_a_lightning_csv(tmp_path: Path) -> None:
    runs = []
    for value in AWKWARD:
        run = _folder(tmp_path, len(runs)) / "version_0"
        shutil.copytree(DATA / "lightning" / "healthy" / "version_0", run)
        lines = (run / "metrics.csv").read_text().splitlines()
        width = len(lines[0].split(","))
        for row in (3, 4, len(lines) - 1):
            cells = lines[row].split(",")
            lines[row] = ",".join(value if cell else cell for cell in cells[:width])
        (run / "metrics.csv").write_text("\n".join(lines) + "\n")
        runs.append(run)
    _analyze_all(runs, "-v")


def test_awkward_numbers_on_the_command_line() -> None:
    sets = [arg for value in AWKWARD for arg in ("--set", f"n_head={value}")]
    result = run_capdiag("analyze", SEED_LOG, *sets[:2], "--set", "max_iters=1e400", "-v")
    assert_clean(result, 0, 1, 2)
    for i in range(0, len(sets), 2):
        result = run_capdiag("analyze", SEED_LOG, *sets[i : i + 2], "--fail-on", "never")
        assert_clean(result, 0, 2)
