"""nanoGPT log parser on logs nanoGPT's train.py really printed (tests/data/nanogpt)."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from conftest import DATA, SEED_LOG

from capdiag.load import load_run, steady_iterations
from capdiag.parsers.nanogpt import parse_nanogpt_log

HEALTHY = DATA / "nanogpt" / "cpu_healthy.log"


def _grep(path: Path, pattern: str) -> list[str]:
    rx = re.compile(pattern)
    return [line for line in path.read_text().splitlines() if rx.match(line)]


def test_every_metric_line_is_parsed() -> None:
    parsed = parse_nanogpt_log(HEALTHY)
    iters = _grep(HEALTHY, r"^iter \d+: loss")
    steps = _grep(HEALTHY, r"^step \d+: train loss")
    assert parsed.iter_step.size == len(iters) > 100
    assert parsed.eval_step.size == len(steps) > 10
    first = re.match(r"iter (\d+): loss ([\d.]+), time ([\d.]+)ms, mfu (-?[\d.]+)%", iters[-1])
    assert first is not None
    assert parsed.iter_step[-1] == int(first.group(1))
    assert parsed.iter_loss[-1] == float(first.group(2))
    assert parsed.iter_time_ms[-1] == float(first.group(3))
    last_eval = re.match(r"step (\d+): train loss ([\d.]+), val loss ([\d.]+)", steps[-1])
    assert last_eval is not None
    assert parsed.eval_val[-1] == float(last_eval.group(3))


def test_header_lines() -> None:
    parsed = parse_nanogpt_log(HEALTHY)
    assert parsed.tokens_per_iter == 768
    assert parsed.vocab_size == 96 and parsed.vocab_source is not None
    assert parsed.n_params_text == "0.80M"
    assert parsed.overrides == {"max_iters": 1500}
    assert parsed.echoed_configs and "batch_size = 12" in parsed.echoed_configs[0][1]
    assert len(parsed.segments) == 1


def test_mfu_sentinel_and_checkpoints() -> None:
    parsed = parse_nanogpt_log(HEALTHY)
    assert parsed.iter_mfu[0] == -1.0  # printed as -100.00% before the 5th local iteration
    assert (parsed.iter_mfu[1:] >= 0).all()
    saves = _grep(HEALTHY, r"^saving checkpoint")
    assert len(parsed.checkpoint_steps) == len(saves)
    assert set(parsed.checkpoint_steps) <= set(parsed.eval_step.tolist())


def test_warnings_become_events_with_codes() -> None:
    parsed = parse_nanogpt_log(HEALTHY)
    codes = [e.code for e in parsed.events if e.code]
    assert "gradscaler-deprecated" in codes
    # the source line Python's warnings module quotes is not an event of its own
    assert not any(e.text.startswith("scaler = ") for e in parsed.events)


def test_config_resolution_from_the_echo() -> None:
    run = load_run(HEALTHY)
    cfg = run.config
    assert cfg.get("batch_size") == 12 and cfg.origins["batch_size"].startswith("log-echo")
    assert cfg.get("max_iters") == 1500 and cfg.origins["max_iters"] == "log-override"
    # the echoed config leaves beta1 unset: train.py's default runs, the framework's own word
    assert cfg.origins["beta1"] == "framework-default" and cfg.source("beta1") == "derived"
    assert run.dims is not None and run.dims.vocab_size == 96
    assert run.figures.n_params_non_embedding == 799_872  # nanoGPT's oracle for this config
    assert run.figures.tokens_per_iter == 768
    last = int(parse_nanogpt_log(HEALTHY).iter_step[-1])
    assert run.figures.iterations == last + 1
    assert run.figures.tokens_seen == (last + 1) * 768


def test_set_overrides_win_and_given_config_wins_over_echo(tmp_path: Path) -> None:
    config = tmp_path / "c.py"
    config.write_text("batch_size = 24\nn_layer = 4\nn_head = 4\nn_embd = 128\nblock_size = 64\n")
    run = load_run(HEALTHY, config, ["batch_size=6"])
    assert run.config.get("batch_size") == 6 and run.config.origins["batch_size"] == "--set"
    assert run.config.get("max_iters") == 1500  # the log's command-line override still applies


def test_steady_iterations_leave_out_warmup_and_eval() -> None:
    run = load_run(HEALTHY)
    mask = steady_iterations(run)
    times = run.series["step_time_ms"]
    kept = times.steps[mask]
    assert 0 not in kept
    assert not np.any(kept % 100 == 0)  # eval_interval = 100: those iterations ran an eval
    assert mask.sum() == np.sum((times.steps % 100 != 0) & (times.steps >= 5))


def test_killed_run_mid_line(tmp_path: Path) -> None:
    data = HEALTHY.read_bytes()
    cut = tmp_path / "killed.log"
    cut.write_bytes(data[: len(data) // 2 + 7])
    parsed = parse_nanogpt_log(cut)
    full = parse_nanogpt_log(HEALTHY)
    assert 0 < parsed.iter_step.size < full.iter_step.size
    run = load_run(cut)
    assert run.figures.iterations is not None


def test_restart_in_one_file_makes_segments(tmp_path: Path) -> None:
    twice = tmp_path / "twice.log"
    twice.write_bytes(HEALTHY.read_bytes() * 2)
    parsed = parse_nanogpt_log(twice)
    assert len(parsed.segments) == 2
    assert parsed.segments[1].first_step == 0
    assert set(parsed.iter_segment.tolist()) == {0, 1}


def test_seed_example_parses() -> None:
    parsed = parse_nanogpt_log(SEED_LOG)
    assert parsed.n_params_text == "40.56M"
    assert parsed.tokens_per_iter == 524_288
    assert parsed.eval_step[-1] == 14500
    assert (parsed.eval_train[-1], parsed.eval_val[-1]) == (3.6415, 3.5696)
    assert any(e.code == "inductor-not-enough-sms" for e in parsed.events)


@pytest.mark.parametrize("text", ["", "hello\nworld\n"])
def test_unknown_text_is_kept_as_events(tmp_path: Path, text: str) -> None:
    log = tmp_path / "x.log"
    log.write_text(text + "iter 0: loss 4.2, time 10.00ms, mfu -100.00%\n")
    parsed = parse_nanogpt_log(log)
    assert [e.kind for e in parsed.events] == ["unknown"] * len(text.split())


def test_resume_overlap_keeps_the_later_process(tmp_path: Path) -> None:
    # a real log cut at iteration 1200, then the same real log again from its start:
    # steps 0..1200 appear twice and the second process's values must win
    lines = HEALTHY.read_text().splitlines(keepends=True)
    cut = next(i for i, line in enumerate(lines) if line.startswith("iter 1200:"))
    log = tmp_path / "resumed.log"
    log.write_text("".join(lines[: cut + 1]) + "".join(lines))
    run = load_run(log)
    full = load_run(HEALTHY)
    assert len(run.segments) == 2
    for name in ("train_loss", "val_loss", "step_time_ms"):
        assert np.array_equal(run.series[name].steps, full.series[name].steps)
        assert np.array_equal(run.series[name].values, full.series[name].values)
    assert set(run.series["segment"].values.tolist()) == {1.0}


def test_old_nanogpt_lines_without_mfu() -> None:
    # real lines pasted in karpathy/nanoGPT#94 (early 2023: no ", mfu X%" yet)
    log = DATA / "nanogpt" / "public" / "issue94_mps_no_mfu.log"
    parsed = parse_nanogpt_log(log)
    assert parsed.iter_step.tolist() == list(range(23, 35))
    assert parsed.iter_loss[0] == 10.7863 and parsed.iter_time_ms[-1] == 304.29
    assert np.isnan(parsed.iter_mfu).all()
    run = load_run(log)
    assert run.figures.mfu_reported is None


def test_timestamp_prefixed_log() -> None:
    # a real run piped through moreutils `ts`: every line starts with "[date time] "
    log = DATA / "nanogpt" / "cpu_ts_prefixed.log"
    parsed = parse_nanogpt_log(log)
    assert parsed.tokens_per_iter == 768 and parsed.n_params_text == "0.80M"
    assert parsed.overrides == {"max_iters": 200, "eval_interval": 50}
    assert parsed.eval_step.tolist() == [0, 50, 100, 150, 200]
    assert parsed.iter_step.size == len(_grep(log, r"^\[[^\]]+\] iter \d+: loss"))
    run = load_run(log)
    assert run.config.get("batch_size") == 12  # the echoed config, read through the prefix


def test_utf16_log_as_powershell_writes_it(tmp_path: Path) -> None:
    log = tmp_path / "utf16.log"
    log.write_text(HEALTHY.read_text(), encoding="utf-16")  # PowerShell's `>` on Windows
    parsed = parse_nanogpt_log(log)
    full = parse_nanogpt_log(HEALTHY)
    assert np.array_equal(parsed.iter_loss, full.iter_loss)
    assert parsed.tokens_per_iter == full.tokens_per_iter
    assert load_run(log).format == "nanogpt"


def test_a_launch_that_died_before_step_0_is_not_another_rank(tmp_path: Path) -> None:
    # a real log, with a crashed launch (its header and a traceback) spliced in front
    text = HEALTHY.read_text(encoding="utf-8")
    header = text[: text.index("step 0:")]
    crashed = header + "Traceback (most recent call last):\nRuntimeError: CUDA error: boom\n"
    relaunched = tmp_path / "relaunched.log"
    relaunched.write_text(crashed + text, encoding="utf-8")
    assert header.count("number of parameters") == 1
    assert load_run(relaunched).num_gpus_source == "assumed"  # not "2 GPUs, from the log"
    ranks = tmp_path / "two_ranks.log"  # two DDP ranks print the header twice, no crash
    ranks.write_text(header + text, encoding="utf-8")
    run = load_run(ranks)
    assert (run.num_gpus, run.num_gpus_source) == (2, "log")


def test_the_default_dataset_is_not_a_fact_about_the_run(tmp_path: Path) -> None:
    # only the iteration lines of a real log: no config echo, no dataset, no vocab line.
    # train.py's default dataset (openwebtext) must not become a "derived" vocabulary
    lines = _grep(HEALTHY, r"^(iter|step) \d+")
    log = tmp_path / "train.log"
    log.write_text("\n".join(lines) + "\n")
    run = load_run(log)
    assert run.dataset is None
    assert run.source_of("vocab_size") == "assumed"
