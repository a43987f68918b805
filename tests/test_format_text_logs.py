"""Parsers for llm.c, modded-nanogpt, Megatron-LM and torchtitan, on real logs only."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import numpy as np
import pytest
from conftest import ROOT

from capdiag.analysis import NothingRead, analyze
from capdiag.findings import Severity
from capdiag.load import detect_format, load_run
from capdiag.parsers import LoadContext, llmc, megatron, modded_nanogpt, torchtitan
from capdiag.parsers.fields import read_fields

DATA = Path(__file__).resolve().parent / "data"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "logs"

LLMC = DATA / "llmc"
MODDED = DATA / "modded_nanogpt"
MEGATRON = DATA / "megatron"
TITAN = DATA / "torchtitan"

SAMPLES = {
    "llmc": sorted(LLMC.glob("*.log")),
    "modded_nanogpt": sorted(MODDED.glob("*.txt")),
    "megatron": sorted(MEGATRON.glob("*.log")),
    "torchtitan": sorted(TITAN.glob("*.log")),
    "nanogpt": sorted(EXAMPLES.glob("*.log")) + sorted((DATA / "nanogpt").glob("*.log")),
}


CORPUS = ROOT / "bench" / "corpus"


def grep_c(path: Path, pattern: str) -> int:
    rx = re.compile(pattern)
    text = path.read_text(encoding="utf-8", errors="replace")
    return sum(1 for line in text.split("\n") if rx.search(line))


@pytest.mark.parametrize(
    ("fmt", "path"), [(fmt, p) for fmt, paths in SAMPLES.items() for p in paths]
)
def test_every_sample_is_detected_as_its_own_format(fmt: str, path: Path) -> None:
    assert fmt == detect_format(path).NAME


def test_samples_exist() -> None:
    for fmt, paths in SAMPLES.items():
        assert paths, fmt


# --- llm.c ----------------------------------------------------------------------------


def test_llmc_main_log_with_lr_norm_and_hellaswag() -> None:
    path = LLMC / "llmc_siddanthemani_gpt2_124M_main_cut.log"
    run = llmc.load(path, LoadContext())
    train, val = run.series["train_loss"], run.series["val_loss"]
    assert len(train) == grep_c(path, r"^s:\d+ trl:") == 4363
    assert len(val) == grep_c(path, r"^s:\d+ tel:")
    assert len(run.series["hellaswag_acc"]) == grep_c(path, r"^s:\d+ eval:")
    assert len(run.series["lr"]) == len(run.series["grad_norm"]) == len(train)
    assert train.mode == "train-batch"
    assert val.mode == "eval"
    assert train.steps[0] == 0 and train.values[0] == pytest.approx(11.0116)
    assert train.steps[-1] == 19551 and train.values[-1] == pytest.approx(3.2813)
    assert val.steps[-1] == 19552 and val.values[-1] == pytest.approx(3.2731)
    # HellaSwag accuracy is kept apart from the losses
    assert run.series["hellaswag_acc"].values[-1] == pytest.approx(0.3054)
    assert run.series["hellaswag_acc"].mode is None
    assert run.steps_start_at_zero is True
    assert run.framework == "llm.c"


def test_llmc_main_log_first_line() -> None:
    path = LLMC / "llmc_siddanthemani_gpt2_124M_main_cut.log"
    first = path.read_text().split("\n", 1)[0]
    run = llmc.load(path, LoadContext())
    m = re.match(r"s:(\d+) (\w+):(\S+)", first)
    assert m is not None
    series = {"trl": "train_loss", "tel": "val_loss"}[m.group(2)]
    assert run.series[series].values[0] == float(m.group(3))


def test_llmc_python_main_log_loss_only() -> None:
    path = LLMC / "mnanogpt_r02_adamw_gpt2_124M.log"
    run = llmc.load(path, LoadContext())
    train, val = run.series["train_loss"], run.series["val_loss"]
    assert len(train) == grep_c(path, r"^s:\d+ trl:") == 9536
    assert len(val) == grep_c(path, r"^s:\d+ tel:") == 76
    assert "lr" not in run.series and "grad_norm" not in run.series
    assert train.values[0] == pytest.approx(10.965596)
    assert val.values[-1] == pytest.approx(3.275959)


def test_llmc_val_only_log_notes_missing_train() -> None:
    path = LLMC / "mnanogpt_t2_llmc_gpt2_350M_val.log"
    run = llmc.load(path, LoadContext())
    assert "train_loss" not in run.series
    assert len(run.series["val_loss"]) == grep_c(path, r"^s:\d+ tel:") == 241
    assert run.series["val_loss"].steps[-1] == 60000
    assert run.series["val_loss"].values[-1] == pytest.approx(2.9282)
    assert any("no train-loss" in n for n in run.notes)


def test_llmc_cuda_stdout() -> None:
    path = LLMC / "llmc_issue796_train_gpt2cu_stdout.log"
    run = llmc.load(path, LoadContext())
    train = run.series["train_loss"]
    assert len(train) == grep_c(path, r"^step\s+\d+/\d+ \| loss ") == 11
    assert (train.steps[0], train.values[0]) == (61, 3.208939)
    assert (train.steps[-1], train.values[-1]) == (71, 3.597191)
    assert run.steps_start_at_zero is False
    assert run.config.values["max_iters"] == 74
    assert run.series["step_time_ms"].values[0] == 44.57
    assert run.series["tokens_per_sec"].values[-1] == 91886
    assert run.series["grad_norm"].values[0] == 1.48
    # -100.0% is llm.c's "unknown GPU" sentinel, not a figure
    assert np.all(run.series["mfu_reported"].values == -1.0)
    assert load_run(path).figures.mfu_reported is None


STDOUT = LLMC / "cpu_train_gpt2_py_stdout.log"


def test_llmc_python_stdout() -> None:
    run = llmc.load(STDOUT, LoadContext())
    pattern = r"^step\s+\d+/\d+ \| train loss "
    train = run.series["train_loss"]
    assert len(train) == grep_c(STDOUT, pattern)
    assert len(run.series["val_loss"]) == grep_c(STDOUT, r"^val loss ")
    assert run.steps_start_at_zero is False
    assert train.steps[0] == 1
    assert run.series["step_time_ms"].values.size == len(train)
    assert run.series["tokens_per_sec"].values.size == len(train)
    assert run.series["val_loss"].steps[0] == 0
    assert run.reported.tokens_per_iter == 512
    assert run.config.values["gradient_accumulation_steps"] == 2
    first = next(line for line in STDOUT.read_text().splitlines() if re.match(pattern, line))
    assert train.values[0] == float(first.split("train loss ")[1].split(" ")[0])


def test_llmc_stdout_and_main_log_of_one_run_agree() -> None:
    """stdout's "step N" is main.log's "s:N-1": the same update, 1-based vs 0-based."""
    out = llmc.load(STDOUT, LoadContext())
    main = llmc.load(LLMC / "cpu_train_gpt2_py_main.log", LoadContext())
    assert main.steps_start_at_zero is True
    assert len(main.series["train_loss"]) == grep_c(
        LLMC / "cpu_train_gpt2_py_main.log", r"^s:\d+ trl:"
    )
    np.testing.assert_array_equal(
        out.series["train_loss"].steps - 1, main.series["train_loss"].steps
    )
    np.testing.assert_allclose(
        out.series["train_loss"].values, main.series["train_loss"].values, atol=1e-6
    )
    # val lines: same step numbering (updates done) in both files
    np.testing.assert_array_equal(out.series["val_loss"].steps, main.series["val_loss"].steps)
    np.testing.assert_allclose(
        out.series["val_loss"].values, main.series["val_loss"].values, atol=1e-6
    )


# --- modded-nanogpt -------------------------------------------------------------------


def test_modded_old_format_with_train_loss_and_script() -> None:
    path = MODDED / "2024-11-19_FlexAttention_8384493d.txt"
    run = modded_nanogpt.load(path, LoadContext())
    train, val = run.series["train_loss"], run.series["val_loss"]
    assert len(train) == grep_c(path, r"^step:\d+/\d+ train_loss:") == 1875
    assert len(val) == grep_c(path, r"^step:\d+/\d+ val_loss:") == 16
    assert train.mode == "train-batch" and val.mode == "eval"
    assert (train.steps[0], train.values[0]) == (1, pytest.approx(10.8258))
    assert (train.steps[-1], train.values[-1]) == (1875, pytest.approx(3.3139))
    assert (val.steps[0], val.steps[-1]) == (0, 1875)
    assert val.values[-1] == pytest.approx(3.2783)
    assert run.steps_start_at_zero is False
    # the clock reset at step 10: step 11's time is its own value, never negative
    times = run.series["step_time_ms"]
    assert np.all(times.values >= 0)
    assert times.values[times.steps == 11][0] == 117
    assert times.values[times.steps == 12][0] == 280 - 117
    # what the script states (read with ast, not executed)
    c = run.config.values
    assert c["global_batch_size"] == 8 and c["batch_size"] == 1
    assert c["block_size"] == 64 * 1024 and c["max_iters"] == 1875
    assert c["gradient_accumulation_steps"] == 8
    assert run.config.native_keys["batch_size"] == "device_batch_size"
    assert run.reported.tokens_per_iter == 8 * 64 * 1024
    assert (c["n_layer"], c["n_head"], c["n_embd"], c["vocab_size"]) == (12, 6, 768, 50304)
    # FlexAttention: the 64K sequence is not the attention span, so no dims (no FLOPs/MFU)
    assert run.dims is None
    assert any("FlexAttention" in n for n in run.notes)
    assert run.num_gpus == 8


def test_modded_script_gives_dims_and_tied_head() -> None:
    path = MODDED / "2024-10-10_Muon_eb5659d0_cut.txt"
    run = modded_nanogpt.load(path, LoadContext())
    assert len(run.series["train_loss"]) == grep_c(path, r"^step:\d+/\d+ train_loss:") == 907
    assert len(run.series["val_loss"]) == grep_c(path, r"^step:\d+/\d+ val_loss:") == 8
    assert run.series["val_loss"].values[-1] == pytest.approx(3.2785)
    assert run.dims is not None
    assert (run.dims.n_layer, run.dims.n_head, run.dims.n_embd) == (12, 12, 768)
    assert (run.dims.block_size, run.dims.vocab_size) == (1024, 50257)
    assert run.dims.tied_head is True  # self.transformer.wte.weight = self.lm_head.weight
    assert run.config.values["gradient_accumulation_steps"] == 512 // 64
    assert run.reported.tokens_per_iter == 524288
    full = load_run(path, num_gpus=8)
    assert full.figures.tokens_per_iter_config == 524288
    assert full.figures.iterations == 6200


def test_modded_new_format_without_train_loss() -> None:
    path = MODDED / "2026-07-17_FP8DownProjection_9769490d.txt"
    run = modded_nanogpt.load(path, LoadContext())
    assert "train_loss" not in run.series
    times = run.series["step_time_ms"]
    assert len(times) == grep_c(path, r"^step:\d+/\d+ train_time:") == 1390
    assert len(run.series["val_loss"]) == grep_c(path, r"^step:\d+/\d+ val_loss:") == 7
    assert run.series["val_loss"].values[-1] == pytest.approx(3.2783)
    assert run.series["train_time_ms"].values[-1] == 79728
    c = run.config.values
    assert (c["n_layer"], c["n_head"], c["n_embd"], c["vocab_size"]) == (11, 6, 768, 50257)
    assert c["max_iters"] == 1390
    assert run.dims is None  # the sequence length varies by stage: not one block_size


def test_modded_script_is_never_executed(tmp_path: Path) -> None:
    src = (MODDED / "2024-11-19_FlexAttention_8384493d.txt").read_text()
    hyper, model, _ = modded_nanogpt.read_script(src.split("=" * 100)[1])
    assert hyper["num_iterations"] == 1875
    assert model["n_layer"] == 12


# --- Megatron-LM ----------------------------------------------------------------------


def test_megatron_iteration_lines_mixtral() -> None:
    path = MEGATRON / "megatron_lm_issue756_mixtral.log"
    run = megatron.load(path, LoadContext())
    train = run.series["train_loss"]
    assert len(train) == grep_c(path, r"iteration\s+\d+/\s*\d+ \|") == 3
    assert list(train.steps) == [43, 44, 45]
    assert train.values[0] == pytest.approx(1.825991) and train.values[-1] == 1.834162
    assert train.mode == "train-batch"  # log interval 1
    assert run.series["load_balancing_loss"].values[0] == pytest.approx(1.019746)
    assert run.series["step_time_ms"].values[-1] == 5718.6
    assert run.series["tflops_per_gpu"].values[0] == 239.8
    assert run.series["lr"].values[0] == pytest.approx(8.6e-6)
    assert run.series["grad_norm"].values[-1] == 1.611
    assert run.series["global_batch_size"].values[0] == 128
    assert run.config.values["max_iters"] == 100
    assert run.steps_start_at_zero is False
    assert run.framework == "Megatron-LM"


def test_megatron_no_timestamp_lines() -> None:
    for name, first, last in (
        ("epfllm_issue11_a.log", (122, 2.504220), (125, 2.477393)),
        ("epfllm_issue11_b.log", (201, 2.373574), (204, 2.425973)),
    ):
        path = MEGATRON / name
        run = megatron.load(path, LoadContext())
        train = run.series["train_loss"]
        assert len(train) == grep_c(path, r"^ iteration\s+\d+/") == 4
        assert (int(train.steps[0]), float(train.values[0])) == first
        assert (int(train.steps[-1]), float(train.values[-1])) == last
        assert run.series["consumed_samples"].values[-1] > 0


def test_megatron_skipped_iterations_have_no_loss() -> None:
    path = MEGATRON / "nccl_issue743_bert.log"
    run = megatron.load(path, LoadContext())
    assert "train_loss" not in run.series
    assert run.series["skipped_iterations"].values[0] == 10
    assert run.series["loss_scale"].values[0] == 8388608.0
    assert any("training ..." in e.text for e in run.events)


def test_megatron_record_without_its_loss_is_nan() -> None:
    """training_log prints a loss only when its mean is above 0: a Falcon-40B fine-tune's
    record at iteration 3385 has no 'lm loss' (the issue: losses turned NaN there)."""
    path = CORPUS / "rq-megatron-llm-issue33-falcon40b-nan-3385" / "train.log"
    run = load_run(path)
    train = run.series["train_loss"]
    assert list(train.steps) == [3383, 3384, 3385]
    assert train.values[1] == pytest.approx(0.7072597) and math.isnan(train.values[2])
    assert any("print no 'lm loss'" in note for note in run.notes)
    found = [f for f in analyze(run).findings if f.rule == "divergence"]
    assert found and found[0].severity is Severity.error


def test_megatron_skipped_records_after_losses_are_not_nan(tmp_path: Path) -> None:
    """A record whose every iteration the fp16 loss scaler skipped has no loss either (its
    sum stayed 0): not NaN. The real skipped record, after a real record with a loss."""
    with_loss = (CORPUS / "rj-megatron-issue449-gpt600m-64xv100-slow" / "train.log").open()
    first = with_loss.readline().replace("iteration      100/  500000", "iteration 1/ 1000000")
    skipped = (MEGATRON / "nccl_issue743_bert.log").read_text().splitlines()[10]
    assert "number of skipped iterations:  10" in skipped and "lm loss" not in skipped
    log = tmp_path / "train.log"
    log.write_text(first + skipped + "\n")
    run = megatron.load(log, LoadContext())
    train = run.series["train_loss"]
    assert list(train.steps) == [1]
    assert not any("lm loss" in note for note in run.notes)
    healthy = load_run(CORPUS / "rj-megatron-issue449-gpt600m-64xv100-slow" / "train.log")
    assert np.isfinite(healthy.series["train_loss"].values).all()


# --- torchtitan -----------------------------------------------------------------------


def test_torchtitan_old_format_without_grad_norm() -> None:
    path = TITAN / "pr1287_llama3_8b.log"
    run = torchtitan.load(path, LoadContext())
    train = run.series["train_loss"]
    assert len(train) == grep_c(path, r" step: \d+ +loss:") == 6
    assert list(train.steps) == [200, 210, 220, 230, 240, 250]
    assert train.values[0] == 6.1384 and train.values[-1] == 5.8383
    assert train.mode == "train-batch"
    assert "grad_norm" not in run.series
    assert run.series["tokens_per_sec"].values[0] == 5856
    assert run.series["mfu_reported"].values[0] == pytest.approx(0.3429)
    assert run.series["memory_reserved_gib"].values[0] == 49.66
    assert run.steps_start_at_zero is False
    assert any("[GC]" in e.text for e in run.events)


def test_torchtitan_grad_norm_format() -> None:
    path = TITAN / "pr3393_debug.log"
    run = torchtitan.load(path, LoadContext())
    assert len(run.series["train_loss"]) == grep_c(path, r" step: \d+ +loss:") == 8
    assert run.series["grad_norm"].values[0] == 0.8319
    assert run.series["train_loss"].values[-1] == 3.00867


def test_torchtitan_one_value_per_step_when_every_rank_prints() -> None:
    path = TITAN / "pr2389_moe_allranks.log"
    run = torchtitan.load(path, LoadContext())
    assert grep_c(path, r" step: +\d+ +loss:") == 8
    assert list(run.series["train_loss"].steps) == [4, 5]
    assert run.series["tokens_per_sec"].values[0] == 10050  # the first line for step 4


def test_torchtitan_toml_config() -> None:
    ctx = LoadContext(config_path=TITAN / "llama3_8b.toml")
    run = torchtitan.load(TITAN / "pr1287_llama3_8b.log", ctx)
    c = run.config
    assert c.values["batch_size"] == 1 and c.native("batch_size") == "training.local_batch_size"
    assert c.values["block_size"] == 8192
    assert c.values["max_iters"] == 1000
    assert c.values["learning_rate"] == 3e-4
    assert c.values["warmup_iters"] == 200
    assert c.values["grad_clip"] == 1.0
    assert c.values["model.flavor"] == "8B"


# --- end to end -----------------------------------------------------------------------

HEALTHY = [
    LLMC / "cpu_train_gpt2_py_stdout.log",
    LLMC / "llmc_siddanthemani_gpt2_124M_main_cut.log",
    LLMC / "mnanogpt_r02_adamw_gpt2_124M.log",
    MODDED / "2024-11-19_FlexAttention_8384493d.txt",
    MODDED / "2024-10-10_Muon_eb5659d0_cut.txt",
    MODDED / "2026-07-17_FP8DownProjection_9769490d.txt",
    MEGATRON / "megatron_lm_issue756_mixtral.log",
    MEGATRON / "epfllm_issue11_a.log",
    TITAN / "pr1287_llama3_8b.log",
    TITAN / "pr3393_debug.log",
]


@pytest.mark.parametrize("path", HEALTHY, ids=lambda p: p.name)
def test_end_to_end_healthy_run_has_no_warning(path: Path) -> None:
    run = load_run(path)
    report = analyze(run)
    bad = [f for f in report.findings if f.severity.rank >= Severity.warning.rank]
    assert bad == []
    for series in run.series.values():
        assert series.steps.dtype == np.int64 and series.values.dtype == np.float64
        assert series.description
    train = run.metric("train_loss")
    if train is not None:
        assert math.isfinite(float(np.nanmin(train.values)))


def test_litgpt_micro_batch_lines_are_averaged_per_optimizer_step() -> None:
    # "iter 1151 step 144: loss 1.7019 ... (optimizer.step)", then the micro-batches of step
    # 145 (11.4630, 11.7545, ...) until the log ends: the first lit-gpt scripts print each
    # micro-batch's own loss, so a step's loss is their mean
    run = load_run(CORPUS / "rj-litgpt-issue628-codellama7b-fullft-collapse" / "finetune.log")
    assert run.format == "litgpt"
    loss = run.series["train_loss"]
    assert list(loss.steps) == [144, 145]
    assert loss.values[0] == 1.7019 and loss.values[1] > 11
    # two micro-batches a step: 23 lines, 12 steps (the last one under way), all at ln V
    frozen = load_run(next((CORPUS / "rc-litgpt-issue689-loss-frozen-at-lnv").glob("*.log")))
    assert len(frozen.series["train_loss"]) == 12
    assert set(frozen.series["train_loss"].values.tolist()) == {10.8259}


def test_runs_from_scratch_appended_to_one_log_are_split_and_the_last_analysed() -> None:
    # a Keras CSVLogger file of four runs: "epoch" starts over at 0 and the loss is back at
    # its untrained level (11.5) each time; the last run, its 20 rows, is the one analysed
    import csv

    from capdiag.load import load_run

    corpus = ROOT / "bench" / "corpus"
    path = corpus / "sj-flickr8k-caption-vgg-lstm-4runs" / "training_log.csv"
    rows = list(csv.DictReader(path.open()))
    starts = [i for i, r in enumerate(rows) if r["epoch"] == "0"]
    assert len(starts) == 4
    run = load_run(path)
    assert run.runs_in_log == 4
    last = rows[starts[-1] :]
    assert run.series["train_loss"].values.tolist() == [float(r["loss"]) for r in last]
    assert any("the log holds 4 runs" in n for n in run.notes)
    # loguru lines of two runs of one script, each with its epoch summaries between the
    # step lines: split at the second run's "Step 100"
    folder = corpus / "rr-loguru-gpt-from-zero-919k-12k-tokens-two-runs"
    run = load_run(next((folder / "logs").iterdir()))
    assert run.runs_in_log == 2 and run.series["train_loss"].values[0] == 6.2742
    # a resume whose counter restarted (gatenet: iteration 50000, then 1) at a loss no
    # higher than its log's start is one run; so is an epoch-stepped log whose lines
    # share their step (word_language_model read with --map step=epoch)
    gatenet = corpus / "rq-gatenet-issue5-resume-iter-and-lr-reset" / "train.log"
    assert load_run(gatenet, log_format="text").runs_in_log == 1
    rnn = next((corpus / "tx-nlpia2-wt2-rnntanh-lr20-diverge").glob("*.md"))
    mapped = load_run(rnn, log_format="text", metric_map={"step": "epoch", "loss": "loss"})
    assert mapped.runs_in_log == 1


def test_the_last_run_keeps_its_start_up_lines_but_not_the_error_before_it(
    tmp_path: Path,
) -> None:
    # the lines between two runs appended to a log: the run before ended in an error (its
    # own), and what follows it is the next launch's start-up (its warnings)
    from capdiag.load import load_run

    log = tmp_path / "train.log"
    first = [f"step {i}: loss {v}" for i, v in enumerate((4.0, 3.0, 2.0, 1.5), 1)]
    second = [f"step {i}: loss {v}" for i, v in enumerate((4.1, 3.1, 2.1, 1.6, 1.4), 1)]
    log.write_text(
        "\n".join(
            [
                *first,
                "Traceback (most recent call last):",
                '  File "train.py", line 10, in <module>',
                "RuntimeError: CUDA error: an illegal memory access was encountered",
                "UserWarning: The given NumPy array is not writable",
                *second,
            ]
        )
        + "\n"
    )
    run = load_run(log)
    assert run.runs_in_log == 2
    assert [e.line for e in run.events] == [8]
    assert not [e for e in run.events if e.kind == "crash"]


def test_minimind_counts_its_steps_in_batches_within_each_epoch() -> None:
    # MiniMind prints "Epoch:[E/N](S/T) loss:X lr:Y": batch S of T in epoch E (0- or
    # 1-based by version); the step is the batches since the first epoch began
    import re

    from capdiag.load import load_run

    corpus = ROOT / "bench" / "corpus"
    for run_id, log in (
        ("rw-minimind-issue26-pretrain-ep0-2k-healthy", "train.log"),
        ("rr-minimind-30m-pretrain-1epoch", "pretrain.log"),
    ):
        path = corpus / run_id / log
        lines = re.findall(
            r"Epoch:\[(\d+)/\d+\]\((\d+)/(\d+)\),? loss: ?([\d.]+)", path.read_text()
        )
        first = min(int(lines[0][0]), 1)
        by_hand = [(int(e) - first) * int(t) + int(s) for e, s, t, _ in lines]
        run = load_run(path)
        assert run.series["train_loss"].steps.tolist() == by_hand
        assert run.series["train_loss"].values.tolist() == [float(x[3]) for x in lines]


def test_demucs_epoch_lines_name_their_losses_by_split() -> None:
    # Demucs: "Epoch 003: train=0.14943420 valid=0.21598954 best=0.2160 ...": the train and
    # valid values are the splits' losses (no key says "loss")
    import re

    from capdiag.load import load_run

    path = ROOT / "bench" / "corpus" / "ri-demucs-issue198-13ep-still-improving" / "train.log"
    rows = re.findall(r"Epoch (\d+): train=([\d.]+) valid=([\d.]+)", path.read_text())
    run = load_run(path)
    assert run.series["train_loss"].steps.tolist() == [int(e) for e, _, _ in rows]
    assert run.series["train_loss"].values.tolist() == [float(t) for _, t, _ in rows]
    assert run.series["val_loss"].values.tolist() == [float(v) for _, _, v in rows]


def test_minimind_lines_behind_a_logging_prefix_are_read() -> None:
    # baby-llama2-chinese logs MiniMind's line through Python logging: "[2023-08-30
    # 16:04:47,404][pretrain.py][INFO] Epoch:[0/2](1000/293491) loss:6.268 lr:..."; its loss
    # is nan from batch 7000 on (a real issue thread), which divergence names, and the
    # healthy MiniMind run stays silent
    import math
    import re

    from test_real_runs import analyze, findings, ran

    from capdiag.load import load_run

    run_id = "tl-babyllama2-zh-issue17-pretrain-nan-at-7000"
    path = ROOT / "bench" / "corpus" / run_id / "issue17.log"
    lines = re.findall(r"Epoch:\[0/2\]\((\d+)/293491\) loss:(\S+)", path.read_text())
    run = load_run(path)
    assert run.series["train_loss"].steps.tolist() == [int(s) for s, _ in lines]
    read = run.series["train_loss"].values.tolist()
    assert [math.isnan(v) for v in read] == [v == "nan" for _, v in lines]
    [diverged] = findings(analyze(run_id), "divergence")
    assert diverged["severity"] == "error" and "7000" in diverged["title"]
    healthy = analyze("rw-minimind-issue26-pretrain-ep0-2k-healthy")
    assert ran(healthy, "divergence") and not findings(healthy, "divergence")


def test_a_table_with_no_step_column_counts_its_rows_as_epochs() -> None:
    # Keras' history saved with pandas: "accuracy,loss,val_accuracy,val_loss", a row per
    # epoch (a real run); the k-th row is epoch k
    import csv

    from capdiag.load import load_run

    path = (
        ROOT / "bench" / "corpus" / "tn-keras-history-csv-drowsiness-cnn-lr5e-5-stuck-near-chance"
    )
    rows = list(csv.DictReader((path / "training_log.csv").open()))
    run = load_run(path / "training_log.csv")
    assert run.series["train_loss"].steps.tolist() == list(range(1, len(rows) + 1))
    assert run.series["train_loss"].values.tolist() == [float(r["loss"]) for r in rows]
    assert run.series["val_loss"].values.tolist() == [float(r["val_loss"]) for r in rows]
    assert any("read as step k" in note for note in run.notes)


def test_steps_per_second_is_the_step_time_inverted() -> None:
    # mlx-lm: "Iter 10: Train loss 2.453, It/sec 2.397, Tokens/sec 209.030" (a real run)
    import re

    from capdiag.load import load_run

    path = ROOT / "bench" / "corpus" / "tp-mlx-mistral7b-lora-swap-throughput-drop" / "train.log"
    rows = re.findall(
        r"Iter (\d+): Train loss \S+, It/sec ([\d.]+), Tokens/sec ([\d.]+)", path.read_text()
    )
    run = load_run(path)
    times = run.series["step_time_ms"]
    assert times.steps.tolist() == [int(s) for s, _, _ in rows]
    assert times.values.tolist() == [1000.0 / float(r) for _, r, _ in rows]
    assert run.series["tokens_per_sec"].values.tolist() == [float(t) for _, _, t in rows]


def test_a_nanochat_fork_that_prints_its_epoch_before_the_step() -> None:
    # "E00 step 000010/130350 (0.0%) | loss: 6.8699 | ppl: 962.8 | lr: ..." (a real fork's
    # stdout, three launches appended): each launch's step lines are read
    import re

    from capdiag.load import load_run

    path = ROOT / "bench/corpus/to-nanochat-tct-k8s-50m-drop02-relaunched-killed/train.log"
    steps = [int(s) for s in re.findall(r"^E\d+ step (\d+)/\d+ ", path.read_text(), re.M)]
    run = load_run(path)
    assert run.format == "nanochat"
    assert sorted(set(run.series["train_loss"].steps.tolist())) <= sorted(set(steps))
    assert len(run.series["train_loss"]) >= 0.9 * len(set(steps))


def test_modded_nanogpt_validation_lines_with_a_second_loss() -> None:
    # "step:1775/1775 val_loss:4.0477 val_malbo_loss:4.0477 train_time:920698ms
    # step_avg:518.70ms" (a real 1x4090 run of a fork): the first loss is read, the
    # others passed over; the run is read, not refused
    import re

    from capdiag.load import load_run

    path = (
        ROOT
        / "bench/corpus/tv-modded-nanogpt-1x4090-bs-div16-undertrained-val4p05"
        / "without_malbo.4090.log.txt"
    )
    rows = re.findall(r"^step:(\d+)/1775 val_loss:([\d.]+) val_malbo_loss", path.read_text(), re.M)
    run = load_run(path)
    assert run.format == "modded_nanogpt"
    assert run.series["val_loss"].steps.tolist() == [int(s) for s, _ in rows]
    assert run.series["val_loss"].values.tolist() == [float(v) for _, v in rows]


def test_a_csv_with_a_text_column_and_spaced_column_names() -> None:
    # real hand-written epoch CSVs: "model,epoch,train_loss,val_loss,..." whose first cell
    # is the model's name, and "Epoch,Train Loss,Val Loss,Val Spearman,Learning Rate"
    import csv

    from capdiag.load import load_run

    corpus = ROOT / "bench" / "corpus"
    named = corpus / "uc-csv-pytorch-betel-quantum-hybrid-effnet-2phase-healthy"
    rows = list(csv.DictReader((named / "training_log_qah.csv").open()))
    run = load_run(named / "training_log_qah.csv")
    assert run.series["train_loss"].steps.tolist() == [int(r["epoch"]) for r in rows]
    assert run.series["val_loss"].values.tolist() == [float(r["val_loss"]) for r in rows]
    spaced = corpus / "uc-csv-pytorch-hevisum-spot-expression-stepdecay-earlystop-healthy"
    rows = list(csv.DictReader((spaced / "training_log.csv").open()))
    run = load_run(spaced / "training_log.csv")
    assert run.series["train_loss"].values.tolist() == [float(r["Train Loss"]) for r in rows]
    assert run.series["lr"].values.tolist() == [float(r["Learning Rate"]) for r in rows]
    # "Epoch 1, Loss 3.7888, Time 2.95s" is a record with numbers, never a header (its
    # log appends four sessions: the last is the run)
    run = load_run(corpus / "rz-other-omos-llm-zero-loss-sessions" / "train_log.txt")
    assert run.runs_in_log == 1 and len(run.series["train_loss"]) >= 3


def test_a_loss_key_qualified_by_its_unit() -> None:
    # a real byte-level model's metrics.jsonl: "train_loss_nats_per_byte" and
    # "validation_loss_nats_per_byte" (beside "train_bpb_estimate", in bits: not taken)
    import json

    from capdiag.load import load_run

    path = ROOT / "bench/corpus/tz-neurozip-byte-gru-3m-wikitext103-2000st-kaggle-healthy"
    rows = [json.loads(line) for line in (path / "metrics.jsonl").read_text().splitlines()]
    run = load_run(path / "metrics.jsonl")
    assert run.series["train_loss"].values.tolist() == [r["train_loss_nats_per_byte"] for r in rows]
    assert run.series["val_loss"].values.tolist() == [
        r["validation_loss_nats_per_byte"] for r in rows
    ]


def test_csv_cells_that_are_printed_tensors() -> None:
    # a real sweep script wrote its losses as PyTorch prints them: "250,tensor(2.4930),
    # tensor(2.5063)"; the number inside is the value
    import re

    from capdiag.load import load_run

    path = (
        ROOT
        / "bench/corpus/ua-nanogpt-shakespeare-char-cpu-sweep-csv-lr-horizon-5000-vs-2000"
        / "training_log.csv"
    )
    rows = re.findall(r"^(\d+),tensor\(([\d.]+)\),tensor\(([\d.]+)\)", path.read_text(), re.M)
    run = load_run(path)
    assert run.series["train_loss"].steps.tolist() == [int(s) for s, _, _ in rows]
    assert run.series["train_loss"].values.tolist() == [float(t) for _, t, _ in rows]
    assert run.series["val_loss"].values.tolist() == [float(v) for _, _, v in rows]


def test_codeparrot_dicts_after_progress_bars_are_read() -> None:
    # transformers' codeparrot training script logs {'steps': 99, 'loss/train': 9.17}, here
    # printed after a tqdm bar on the same line, and {'loss/eval': 5.89, 'perplexity': ...}
    # on a line of its own: the training and the evaluation losses
    import ast

    [path] = (CORPUS / "up-accelerate-gpt2-124m-babylm10m-concat-8ep-lr3e-5-too-low").glob("*.txt")
    dicts = [
        ast.literal_eval(line[line.rindex("{'") :])
        for line in path.read_text().splitlines()
        if line.rstrip().endswith("}") and "{'" in line
    ]
    train = [d for d in dicts if "loss/train" in d]
    run = load_run(path)
    assert run.series["train_loss"].steps.tolist() == [d["steps"] for d in train]
    assert run.series["train_loss"].values.tolist() == [d["loss/train"] for d in train]
    assert run.series["val_loss"].values.tolist() == [
        d["loss/eval"] for d in dicts if "loss/eval" in d
    ]


def test_fields_before_a_printed_dict_are_kept() -> None:
    # MiniLLM: "dev | avg_loss: 2.50592041015625 | {'exact_match': 0.0, 'rougeL': 7.2973}":
    # the line's own fields are the record; the dict after them does not replace them
    path = (
        CORPUS / "vh-minillm-gpt2-large-sft-deepspeed-dev-loss-rises-after-ep0" / "issue48_log.txt"
    )
    printed = [float(m) for m in re.findall(r"dev \| avg_loss: ([\d.]+) \|", path.read_text())]
    # the first evaluation comes before any training line: it has no step to sit at
    assert load_run(path).series["val_loss"].values.tolist() == printed[1:]


def test_chainer_print_report_columns_with_blank_cells() -> None:
    # a real ESPnet1 (Chainer) train.log pasted into an issue: PrintReport pads each name
    # to a column, and a row leaves blank the entries not reported (validation between
    # evaluations); a negative value one character wider shifts its row's later cells
    log = CORPUS / "yb-espnet1-aishell-conformer-transducer-negative-loss" / "issue4092.log"
    lines = log.read_text().splitlines()
    run = load_run(log)
    loss = run.series["train_loss"]
    assert loss.steps.tolist() == [100 * k for k in range(1, 10)]
    expected = [float(line.split()[2]) for line in lines[1:10]]
    assert loss.values.tolist() == expected  # main/loss, not main/loss_trans or the time
    assert loss.values[1] == -0.00548435
    assert "val_loss" not in run.series  # every validation cell is blank


def test_chainer_print_report_with_validation_and_misaligned_rows() -> None:
    from capdiag.parsers import text

    header = "epoch       iteration   main/loss   validation/main/loss  main/accuracy  lr"
    rows = [
        "1           600         0.515395    0.193552              0.854901       0.01",
        "2           1200        0.195267                          0.942567       0.01",
        "3           1800        0.139023    0.0955012             0.95875        0.01",
        # not under the header's columns: a value across two of them is no row
        "4   2400    0.12   0.09   0.96   0.01",
        "/usr/lib/python3/warnings.py:12: UserWarning: a warning between the rows",
        "5           3000        0.120000    0.0900000             0.96000        0.01",
    ]
    reader = text._scan([header, *rows], text._Reader(None))
    assert [step for step, _ in reader.records] == [600, 1200, 1800, 3000]
    assert reader.records[0][1]["validation/main/loss"] == 0.193552
    assert "validation/main/loss" not in reader.records[1][1]  # blank: not reported
    # prose that starts with a step word is no header
    assert text._aligned_header("step 3 loss went up") is None
    assert text._aligned_header("epoch\titeration\tmain/loss") is None  # a TSV's own path


def test_the_pytorch_tutorials_progress_lines() -> None:
    from capdiag.parsers import text

    # a real run of the char-RNN name classifier (pytorch/tutorials#847): its loss goes NaN
    log = CORPUS / "xy-tutorials847-charrnn-cls-nan" / "train.log"
    run = load_run(log)
    loss = run.series["train_loss"]
    assert loss.steps.tolist() == list(range(5000, 50001, 5000))
    assert loss.values[:3].tolist() == [2.4177, 2.5862, 1.1451]
    assert np.isnan(loss.values[6:]).all()  # "35000 35% (1m 4s) nan Nam / Russian ✗"
    report = analyze(run)
    assert any(f.rule == "divergence" and f.severity == Severity.error for f in report.findings)
    # the name generator's and the translator's shapes
    lines = ["0m 38s (5000 5%) 3.1506", "1m 47s (- 24m 53s) (10000 6%) 2.8524"]
    reader = text._scan(lines, text._Reader(None))
    assert reader.records == [(5000, {"loss": 3.1506}), (10000, {"loss": 2.8524})]
    # prose with a percentage is not a progress line
    assert text._TUTORIAL_PROGRESS.match("50 50% (of the data) 2.0") is None


def test_a_step_named_by_the_line_and_its_loss_by_a_printed_dict() -> None:
    # a real Titans toy LM logged through Python's logging module: "Epoch 43: {'loss':
    # 1.286}" (batch 175): the line names the step, the dict after it the loss
    log = CORPUS / "yc-titans-mac-small-1seq-loss-spikes" / "train.log"
    run = load_run(log)
    loss = run.series["train_loss"]
    printed = re.findall(r"Epoch (\d+): \{'loss': ([\d.]+)\}", log.read_text())
    assert loss.steps.tolist() == [int(step) for step, _ in printed]
    assert loss.values.tolist() == [float(value) for _, value in printed]
    report = analyze(run)
    assert any(f.rule == "loss-spike" and f.severity == Severity.warning for f in report.findings)


def test_a_log_whose_few_metric_lines_are_regular_is_detected() -> None:
    from capdiag.parsers import text

    # a real GPT-2 run (batch 175): "iter N: train loss X, val loss Y" every 100
    # iterations, 200 lines apart among "Iteration: N" and "Total iter time" lines
    log = CORPUS / "yc-gibberishgpt-gpt2s-wt103-const-lr" / "train.log"
    assert detect_format(log).NAME == "text"
    run = load_run(log)
    assert run.series["train_loss"].steps.tolist()[:3] == [0, 100, 200]
    assert run.series["val_loss"].values[:2].tolist() == [10.9826, 8.9126]
    # irregular steps, or records of different keys, are not enough
    lines = [f"iter {s}: train loss 2.0, val loss 2.1" for s in (0, 100, 300, 400, 500, 600)]
    lines += [f"iter {s}: train loss 2.0, val loss 2.1" for s in (700, 800)]
    assert not text._regular_records(lines)
    assert text._regular_records([f"iter {s}: loss 2.0" for s in range(0, 800, 100)])


def test_perplexities_without_a_loss_are_read_as_its_log() -> None:
    # real logs that print perplexities only: bilm-tf's "Batch 142200,
    # train_perplexity=24.746037", and seq2seq-attn's "... ; PPL 8226.52 ;" with
    # "Validation perplexity: 493.00677811967"
    bilm = CORPUS / "yb-bilm-tf-elmo-lm1b-4xk80-ppl25-healthy" / "issue77.log"
    printed = re.findall(r"Batch (\d+), train_perplexity=([\d.]+)", bilm.read_text())
    run = load_run(bilm)
    loss = run.series["train_loss"]
    assert loss.steps.tolist() == [int(step) for step, _ in printed]
    assert np.allclose(loss.values, [math.log(float(p)) for _, p in printed])
    assert any("natural log" in note for note in run.notes)
    seq2seq = CORPUS / "yf-data2text-issue9-rerun-ppl-healthy-3ep" / "train.log"
    run = load_run(seq2seq)
    assert math.isclose(run.series["train_loss"].values[0], math.log(8226.52))
    assert math.isclose(run.series["val_loss"].values[0], math.log(493.00677811967))


def test_a_summed_loss_gives_way_to_the_perplexity_beside_it() -> None:
    # CS224n's NMT (batch 177): "avg. loss 242.03, avg. ppl 3444716.46" is a sum over each
    # sentence's words; the perplexity, per word, is the unit of "dev. ppl"
    log = CORPUS / "ye-sl-translator-p3d-stuck" / "log.txt"
    text = log.read_text()
    run = load_run(log)
    ppl = [float(p) for p in re.findall(r"avg\. ppl ([\d.]+)", text)]
    dev = [float(p) for p in re.findall(r"dev\. ppl ([\d.]+)", text)]
    assert np.allclose(run.series["train_loss"].values, np.log(ppl))
    assert np.allclose(run.series["val_loss"].values, np.log(dev))
    assert any("sum over" in note for note in run.notes)
    # a loss that is the log of its perplexity keeps its own value: GluonNLP's word LM,
    # "[Epoch 326 Batch 200/372] current loss 6.21, ppl 499.30", batch 200 of 372
    gluon = CORPUS / "yf-gluonnlp-issue580-awdlstm1150-wt2-ppl500-flat" / "train.log"
    run = load_run(gluon)
    loss = run.series["train_loss"]
    assert loss.values[0] == 6.21
    assert loss.steps[1] - loss.steps[0] == 372  # the same batch of the next epoch


def test_a_perplexity_line_inside_a_block_is_not_a_loss() -> None:
    # OLMo prints each metric on its own indented line under its step: the perplexity
    # "1.000" beside CrossEntropyLoss=1.787e-06 must not become a loss of exactly 0
    log = CORPUS / "sr-olmo-issue692-loss-collapses-to-zero" / "train.log"
    loss = load_run(log).series["train_loss"]
    assert 1.7872662283480167e-06 in loss.values.tolist()


def test_dassl_epoch_lines() -> None:
    # KgCoOp on Dassl (batch 178): "epoch [1/100][1/1]\ttime 1.927 (1.927)\t... loss 2.7969
    # (2.7969)\tacc 48.7500 (48.7500)\tlr 2.000000e-03", one batch an epoch
    log = CORPUS / "yf-kgcoop-issue2-eurosat-base-ep1-10-healthy" / "train.log"
    printed = re.findall(r"^epoch \[(\d+)/100\]\[1/1\].*\tloss ([\d.]+) ", log.read_text(), re.M)
    loss = load_run(log).series["train_loss"]
    assert loss.values.tolist() == [float(v) for _, v in printed]
    assert np.all(np.diff(loss.steps) == 1)


def test_avg_validation_loss_pairs_with_avg_train_loss() -> None:
    # a 4-fold SETI classifier (batch 179): "Epoch: 1, \tavg train loss: 0.1887, \tavg
    # validation loss: 0.0829"; with augmentation on training only, validation sits at half
    # the training loss; without it, validation rises after epoch 3 while training falls
    folder = CORPUS / "yg-seti-effnetv2-aug"
    aug = analyze(load_run(folder / "train_with_augmentations.log"))
    assert {f.rule: f.severity for f in aug.findings}["val-below-train"] == Severity.warning
    plain = analyze(load_run(CORPUS / "yg-seti-effnetv2-noaug" / "train.log"))
    rules = {f.rule: f.severity for f in plain.findings}
    assert rules["overfitting"] == Severity.warning
    assert "val-below-train" not in rules


def test_a_tab_separated_table_whose_column_names_hold_spaces() -> None:
    # pytorch-pose's Logger (batch 180): "Epoch\tLR\tTrain Loss\tVal Loss\tTrain Acc\t...",
    # each line ended by a tab
    log = CORPUS / "yh-synthanimals-horse-syn-val-spike" / "log.txt"
    rows = [line.split("\t") for line in log.read_text().splitlines()[1:] if line.strip()]
    run = load_run(log)
    assert run.series["train_loss"].steps.tolist() == [int(float(r[0])) for r in rows]
    assert run.series["val_loss"].values.tolist() == [float(r[3]) for r in rows]


def test_fairseq_hydra_json_records_after_the_logger_prefix() -> None:
    # fairseq-hydra's wav2vec 2.0 pre-training (batch 181): a 5 KB config dict on line 1,
    # the model's printout, then "[ts][train_inner][INFO] - {json}" every 200 updates,
    # "[valid][INFO] - {valid_loss, valid_num_updates}" and "[train][INFO]" epoch means
    log = CORPUS / "yi-fairseq-wav2vec2-base-aishell2-8xv100-first10ep-healthy" / "hydra_train.log"
    assert detect_format(log).NAME == "text"
    records = [
        (kind, json.loads(line.split(" - ", 1)[1]))
        for line in log.read_text().splitlines()
        if (kind := re.search(r"\]\[(train_inner|valid|train)\]\[INFO\] - \{", line))
    ]
    inner = [r for k, r in records if k.group(1) == "train_inner"]
    valid = [r for k, r in records if k.group(1) == "valid"]
    run = load_run(log)
    loss = run.series["train_loss"]
    # the windows, not the epoch means of the [train] lines
    assert loss.steps.tolist() == [int(r["num_updates"]) for r in inner]
    assert loss.values.tolist() == [float(r["loss"]) for r in inner]
    val = run.series["val_loss"]
    assert val.steps.tolist() == [int(r["valid_num_updates"]) for r in valid]
    assert val.values.tolist() == [float(r["valid_loss"]) for r in valid]
    # the config fairseq logged, read as a literal: one-element lists as their element
    c = run.config
    assert (c.get("learning_rate"), c.get("max_iters"), c.get("warmup_iters")) == (
        0.0005,
        400000,
        32000,
    )
    assert (c.get("grad_clip"), c.get("gradient_accumulation_steps")) == (0.0, 8)
    assert c.source("learning_rate") == "log"


def test_fairseq_plain_logger_prefix_and_a_hostile_config_line(tmp_path: Path) -> None:
    # fairseq without hydra: "2021-03-08 12:31:36 | INFO | train_inner | {json}"
    lines = [
        "2021-03-08 12:30:00 | INFO | fairseq_cli.train | {'_name': None, "
        "'optimization': {'lr': [2e-05], 'max_update': 0, 'clip_norm': 1.0}}",
        *(
            f'2021-03-08 12:{31 + i}:36 | INFO | train_inner | {{"epoch": 1, "update": 0.0, '
            f'"loss": "{16.475 - i:.3f}", "num_updates": "{100 * i + 1}", "lr": "2e-05"}}'
            for i in range(4)
        ),
    ]
    log = tmp_path / "train.log"
    log.write_text("\n".join(lines) + "\n")
    run = load_run(log)
    assert run.series["train_loss"].steps.tolist() == [1, 101, 201, 301]
    assert run.config.get("grad_clip") == 1.0
    assert run.config.get("max_iters") is None  # fairseq's 0: no limit
    # a config line nested past the parser's depth is not read, and nothing fails
    deep = "[x][fairseq_cli.train][INFO] - {'_name': " + "[" * 5000 + "]" * 5000 + "}"
    log.write_text("\n".join([deep, *lines[1:]]) + "\n")
    assert load_run(log).config.get("grad_clip") is None


def test_the_openai_loggers_tables() -> None:
    # improved-diffusion (batch 183): "| loss | 13.1 |" rows between dashed edges, one table
    # a log step, sampling messages between tables
    log = CORPUS / "yk-improved-diffusion-kernel-prior-T10000-kl-plateau-after-12k" / "log.txt"
    tables = re.findall(
        r"\| loss +\| (\S+) +\|\n(?:\|.*\n)*?\| step +\| (\S+) +\|", log.read_text()
    )
    run = load_run(log)
    loss = run.series["train_loss"]
    assert loss.steps.tolist() == [int(float(step)) for _, step in tables]
    assert loss.values.tolist() == [float(value) for value, _ in tables]
    assert run.series["lr"].values[0] == 0.0001
    # guided-diffusion's classifier (batch 181): train_loss and its quartiles, a grad norm
    log = CORPUS / "yi-guided-diffusion-brats-classifier-single-class-acc1-step1" / "log.txt"
    run = load_run(log)
    assert run.series["train_loss"].values[:2].tolist() == [0.815, 0.145]
    assert run.series["grad_norm"].values[:2].tolist() == [158.0, 5.87]


def test_an_unclosed_or_ragged_box_is_read_as_lines(tmp_path: Path) -> None:
    # a dashed line that opens no table leaves the lines after it to the other readers; a
    # section row names the indented rows under it (Stable-Baselines3's tables)
    log = tmp_path / "train.log"
    lines = ["-" * 20, "step 1 loss 2.5"]
    lines += [f"step {i} loss {2.5 - 0.1 * i:.2f}" for i in range(2, 9)]
    lines += [
        "-" * 30,
        "| train/     |       |",
        "|    loss    | 0.5   |",
        "| step | 9 |",
        "-" * 30,
        "-" * 30,
        "| loss | nan |",
        "| step | 10 |",
        "-" * 30,
    ]
    log.write_text("\n".join(lines) + "\n")
    run = load_run(log)
    assert run.series["train_loss"].steps.tolist() == [*range(1, 9), 10]  # a NaN is kept
    from capdiag.parsers import text

    reader = text._scan(lines, text._Reader(None))
    assert reader.records[-2] == (9, {"train/loss": 0.5})
    assert reader.records[-1][0] == 10 and math.isnan(reader.records[-1][1]["loss"])


def test_llama_adapter_closs_is_the_loss() -> None:
    # LLaMA-Adapter's log.txt (batch 182): {"train_lr": ..., "train_closs": 1.07, "epoch": 0,
    # "val_lr": ..., "val_closs": 1.06}
    log = CORPUS / "yj-llama-adapter-issue84-7b-alpaca-4gpu-valnoise" / "log.txt"
    rows = [json.loads(line) for line in log.read_text().splitlines() if line.strip()]
    run = load_run(log)
    assert run.series["train_loss"].values.tolist() == [r["train_closs"] for r in rows]
    assert run.series["val_loss"].values.tolist() == [r["val_closs"] for r in rows]


def test_the_cifar_tutorials_epoch_and_minibatch_lines() -> None:
    # "[1,    20] loss: 2.298619" (an All-CNN-C ReadMe) and "Loss [1, 100](epoch,
    # minibatch):  9.6596" (a ResNet-50 issue, batch 182): mini-batches counted within each
    # epoch, epochs placed end to end
    readme = CORPUS / "vu-pytorch-allcnnc-cifar10-350ep-multistep-healthy" / "ReadMe.txt"
    printed = re.findall(r"^\[\s*(\d+),\s*(\d+)\] loss: ([\d.]+)$", readme.read_text(), re.M)
    loss = load_run(readme).series["train_loss"]
    assert loss.values.tolist() == [float(v) for _, _, v in printed]
    assert np.all(np.diff(loss.steps) > 0)
    log = CORPUS / "yj-resnet50-cifar100-issue2-init-loss-9p7" / "train.log"
    loss = load_run(log).series["train_loss"]
    assert loss.values[:2].tolist() == [9.65963740825653, 5.152797379493713]
    assert loss.steps[:4].tolist() == [100, 200, 300, 400]  # epoch 2 after epoch 1's 300


def test_a_gans_two_losses_are_not_one_training_loss() -> None:
    # a DCGAN (batch 187) prints "Epoch 00001 |`G Loss: 0.7868 | D Loss: 1.2623 | Time:
    # 22.87s": a backtick glued to "G Loss" had cut the key to "loss", and the generator's
    # rising loss was judged as a training loss that diverged (an error)
    log = CORPUS / "yo-gan-project-celeba-dcgan" / "train_log.txt"
    line = next(ln for ln in log.read_text().splitlines() if "G Loss" in ln)
    assert {"g loss", "d loss"} <= set(read_fields(line))
    assert "train_loss" not in load_run(log).series


def test_train_val_and_test_epoch_sections_after_asterisks() -> None:
    # PM-DMNet's logger (batch 186): "********Train Epoch 16: averaged Loss: 1.537617, ...",
    # "***********Val Epoch 16: average Loss: 1.705569", "**********test Epoch 16: ...":
    # the asterisks had hidden each line's split, and val and test losses shared one series
    log = CORPUS / "yn-pmdmnet-issue5-pemsbay-val-stalls-train-falls" / "train.log"
    text = log.read_text()

    def printed(split: str) -> list[float]:
        return [float(v) for v in re.findall(rf"\*{split} Epoch \d+: \w+ Loss: ([\d.]+)", text)]

    run = load_run(log)
    assert run.series["train_loss"].values.tolist() == printed("Train")
    assert run.series["val_loss"].values.tolist() == printed("Val")
    assert printed("test") and printed("test") != printed("Val")


def test_banner_sections_split_train_and_validation_epochs() -> None:
    # a 1D-CNN's log (batch 189): "=====training epoch 1=====" then "Epoch 0 | avg_loss =
    # 0.540", "=====validate epoch 1=====" then "Epoch 0 | avg_loss = 0.355"; the banners'
    # words had been lost to the "=" around them, and both losses read as training
    log = CORPUS / "yq-1dcnn-softmax-ce-floor-plateau" / "log.txt"
    text = log.read_text()

    def under(banner: str) -> list[float]:
        found = re.findall(rf"={banner} epoch \d+=+\nEpoch \d+ \| avg_loss = ([\d.]+)", text)
        return [float(v) for v in found]

    run = load_run(log)
    assert run.series["train_loss"].values.tolist() == under("training")
    assert run.series["val_loss"].values.tolist() == under("validate")
    assert len(under("validate")) == 50


def test_a_section_ends_at_an_epoch_line_after_its_own_lines() -> None:
    from capdiag.parsers import text

    lines = [
        "Eval epoch: 3",
        "loss: 2.10",  # the evaluation's line
        "Epoch 4 loss 1.90",  # a training line of the next epoch
        "=== validate epoch 5 ===",
        "Epoch 5 | avg_loss = 1.80",  # the first line under the banner names its epoch
        "Epoch 6 | avg_loss = 1.70",  # training again
    ]
    reader = text._scan(lines, text._Reader(None))
    assert [(s, sorted(f)) for s, f in reader.records] == [
        (3, ["val_loss"]),
        (4, ["loss"]),
        (5, ["val_loss"]),
        (6, ["avg_loss"]),
    ]


def test_nvidia_tacotron2_iteration_then_loss() -> None:
    # NVIDIA's Tacotron 2 (batch 198): "Train loss 64999 0.314525 Grad Norm 0.615372
    # 4.37s/it" and "Validation loss 64000:  0.323265"; the iteration had been read as the
    # loss (0 to 64,999: an error-level divergence on a healthy run)
    log = CORPUS / "yz-tacotron2-issue368-ljspeech-3gpu-65k-healthy" / "train.log"
    text = log.read_text()
    train = re.findall(r"^Train loss (\d+) ([\d.]+) Grad Norm ([\d.]+)", text, re.M)
    valid = re.findall(r"^Validation loss (\d+):\s+([\d.]+)", text, re.M)
    run = load_run(log)
    assert run.series["train_loss"].steps.tolist() == [int(s) for s, _, _ in train]
    assert run.series["train_loss"].values.tolist() == [float(v) for _, v, _ in train]
    assert run.series["grad_norm"].values.tolist() == [float(g) for _, _, g in train]
    assert run.series["val_loss"].values.tolist() == [float(v) for _, v in valid]
    assert not [f for f in analyze(run).findings if f.severity >= Severity.warning]


def test_a_key_glued_to_a_bracket_and_a_bracketed_step() -> None:
    # a GCN's logger (batch 200): "[2022-06-27 02:17:22,390]iter:0020 loss_train: 0.6635"
    log = CORPUS / "za-gcn-pointcloud-resume-lr-reset-loss-rising" / "train.log"
    line = next(ln for ln in log.read_text().splitlines() if "]iter:" in ln)
    assert read_fields(line)["iter"] == 20
    printed = [float(v) for v in re.findall(r"\]iter:\d+ loss_train: ([\d.]+)", log.read_text())]
    run = load_run(log)
    # the iteration counts within each "Epoch: 0002" header: one run, its epochs end to end
    assert run.runs_in_log == 1
    assert run.series["train_loss"].values.tolist() == printed
    # MAML (batch 200): "[100/100000] batch loss : 2.9027 | time : 4.45s"
    log = CORPUS / "za-maml-sinusoid-100k-single-batch-test" / "train_log.txt"
    printed = re.findall(r"^\[(\d+)/100000\] batch loss : ([\d.]+)", log.read_text(), re.M)
    loss = load_run(log).series["train_loss"]
    assert loss.steps.tolist() == [int(s) for s, _ in printed]
    assert loss.values.tolist() == [float(v) for _, v in printed]


@pytest.mark.parametrize(
    ("log", "printed"),
    [
        # FairMOT-X's reference log (batch 188): "epoch: 1 |tot_loss 1.275687 | iou_loss ..."
        (
            "yp-fairmotx-issue7-yoloxl-reference-log/train_log.txt",
            r"epoch: \d+ \|tot_loss ([\d.]+) ",
        ),
        # an acoustic-word-embedding run (batch 196): "Epoch: 1, Avg_loss: 0.734, ..."
        (
            "yx-hindi-awe-multiview-lstm-contrastive-collapse/training.log",
            r"Epoch: \d+, Avg_loss: ([\d.]+),",
        ),
    ],
)
def test_a_training_loss_under_its_own_name(log: str, printed: str) -> None:
    text = (CORPUS / log).read_text()
    loss = load_run(CORPUS / log).series["train_loss"]
    assert loss.values.tolist() == [float(v) for v in re.findall(printed, text)]


def test_tensorflow_estimator_lines_after_the_logging_prefix() -> None:
    # BERT's run_classifier through TF Estimator (batch 202): "INFO:tensorflow:loss =
    # 0.5186956, step = 100 (162.563 sec)", Python logging's default prefix glued to the key;
    # the evaluation's "Saving dict for global step 5468: ..., eval_loss = 0.72, ..., loss =
    # 0.72" is one validation point, and the "***** Eval results *****" lines repeat it
    log = CORPUS / "zc-bert-atec-similarity" / "train.log"
    text = log.read_text()
    train = re.findall(r"^INFO:tensorflow:loss = ([\d.]+), step = (\d+)", text, re.M)
    (evaluation,) = re.findall(r"global step (\d+): .*eval_loss = ([\d.]+)", text)
    run = load_run(log)
    assert run.series["train_loss"].steps.tolist() == [int(s) for _, s in train]
    assert run.series["train_loss"].values.tolist() == [float(v) for v, _ in train]
    assert run.series["val_loss"].steps.tolist() == [int(evaluation[0])]
    assert run.series["val_loss"].values.tolist() == [float(evaluation[1])]
    assert run.series["eval_auc"].values.size == 1


def test_logging_prefix_is_not_a_key(tmp_path: Path) -> None:
    # logging.basicConfig's "LEVEL:logger:message": the logger's name is no part of a key
    log = tmp_path / "train.log"
    lines = [
        f"INFO:{name}:loss: {loss}, step: {step}"
        for step, (name, loss) in enumerate(
            [("root", 2.5), ("__main__", 2.25), ("trainer.loop", 2.0), ("root", 1.9)], 1
        )
    ]
    log.write_text("\n".join(lines) + "\n")
    run = load_run(log)
    assert run.series["train_loss"].values.tolist() == [2.5, 2.25, 2.0, 1.9]
    assert run.series["train_loss"].steps.tolist() == [1, 2, 3, 4]


def test_glog_prefix_and_a_record_logged_twice() -> None:
    # the TF Object Detection API (batch 183): each "Step 200 per-step time 0.831s
    # loss=1.192" is logged twice, through Python's logging ("INFO:tensorflow:") and absl
    # ("I0912 11:41:51.976096 139735407601536 model_lib_v2.py:652] "): one point per step,
    # and the absl prefix's date, thread and source line are no fields
    log = CORPUS / "yj-tfod-ssd-mobilenetv2-issue6-loss-rising" / "train.log"
    text = log.read_text()
    absl = re.findall(r"^I\d{4} .*\] Step (\d+) .*loss=([\d.]+)", text, re.M)
    python = re.findall(r"^INFO:tensorflow:Step (\d+) .*loss=([\d.]+)", text, re.M)
    assert len(absl) == len(python) == 8 and absl[1:] == python[:-1]  # the paste cuts each end
    printed = absl + python[-1:]
    run = load_run(log)
    assert run.series["train_loss"].steps.tolist() == [int(s) for s, _ in printed]
    assert run.series["train_loss"].values.tolist() == [float(v) for _, v in printed]
    assert set(run.series) <= {"train_loss", "step_time_ms", "per-step time_ms"}


def test_a_split_header_with_its_own_loss_is_one_record() -> None:
    # CSTA (batch 204): "INFO:root:Epoch 0 - Average Loss: 3.9184, ..." then "INFO:root:
    # Evaluation Epoch 0 - Average Loss: 3.9088, ...": the evaluation's line is a validation
    # record, not a header over the next epoch's training line
    log = CORPUS / "ze-csta-double-softmax" / "train.log"
    text = log.read_text()
    train = re.findall(r"^INFO:root:Epoch (\d+) - Average Loss: ([\d.]+)", text, re.M)
    val = re.findall(r"^INFO:root:Evaluation Epoch (\d+) - Average Loss: ([\d.]+)", text, re.M)
    assert len(train) >= 40 and len(val) >= 40
    run = load_run(log)
    assert run.series["train_loss"].steps.tolist() == [int(e) for e, _ in train]
    assert run.series["train_loss"].values.tolist() == [float(v) for _, v in train]
    assert run.series["val_loss"].steps.tolist() == [int(e) for e, _ in val]
    assert run.series["val_loss"].values.tolist() == [float(v) for _, v in val]


def test_caffe_solver_lines() -> None:
    # Caffe through glog (batches 203, 206): "Iteration N (x iter/s, Ys/100 iters), loss = X"
    # (smoothed), "Iteration N, lr = Z" after or (old Caffe) before it, "Iteration N, Testing
    # net (#0)" then "Test net output #1: loss = 2.46 (* 1 = 2.46 loss)": the test net's loss
    # is the validation loss at N; "Train net output #k" is one batch's raw output
    log = CORPUS / "zh-cbp-issue24-caffe-loss-plateau-3p3-10k-55k" / "train.log"
    text = log.read_text()
    losses = re.findall(
        r"\] Iteration (\d+) \(\S+ iter/s, ([\d.]+)s/100 iters\), loss = ([\d.]+)", text
    )
    rates = re.findall(r"\] Iteration (\d+), lr = ([\d.e-]+)", text)
    run = load_run(log)
    assert run.series["train_loss"].steps.tolist() == [int(s) for s, _, _ in losses]
    assert run.series["train_loss"].values.tolist() == [float(v) for _, _, v in losses]
    assert run.series["step_time_ms"].values == pytest.approx([float(t) * 10 for _, t, _ in losses])
    stepped = {int(s) for s, _, _ in losses}
    # a rate is kept at an iteration whose loss is read (the paste begins with the rate of
    # an iteration whose loss it cut off)
    assert run.series["lr"].steps.tolist() == [int(s) for s, _ in rates if int(s) in stepped]
    assert len(run.series["lr"]) == len(rates) - 1
    log = CORPUS / "zf-yjxiong-caffe-issue2-train-loss-rises-2to7-test-2p46" / "train.log"
    (test,) = re.findall(r"Test net output #\d+: loss = ([\d.]+)", log.read_text())
    run = load_run(log)
    assert run.series["val_loss"].steps.tolist() == [8000]
    assert run.series["val_loss"].values.tolist() == [float(test)]
    assert 7.0 < run.series["train_loss"].values[run.series["train_loss"].steps == 8000][0] < 7.2
    # old Caffe: the rate before the loss; "Test score #k" names no output
    log = CORPUS / "zh-caffe-issue5127-kth-train-1e-7-test-loss-20" / "train.log"
    rates = re.findall(r"\] Iteration (\d+), lr = ([\d.e-]+)", log.read_text())
    run = load_run(log)
    assert run.series["lr"].values.tolist() == [float(v) for _, v in rates]
    assert "val_loss" not in run.series


def test_one_loss_named_by_its_task_is_the_training_loss(tmp_path: Path) -> None:
    # a TF1 NER template (batch 207): "iteration:1 step:100/533, NER loss: 5.138565"; a
    # Faster R-CNN's "EPOCH loss: 0.5358"; no other loss on their lines
    log = CORPUS / "zi-bilstm-crf-music-ner-memorize-devf1-peak-ep13" / "train.log"
    printed = [float(v) for v in re.findall(r"NER loss: ?([\d.]+)", log.read_text())]
    assert len(printed) >= 100
    assert load_run(log).series["train_loss"].values.tolist() == printed
    log = CORPUS / "xd-fasterrcnn-voc2007-sgd-stopped-ep11-of-30" / "train.log"
    printed = [float(v) for v in re.findall(r"EPOCH loss: ([\d.]+)", log.read_text())]
    assert load_run(log).series["train_loss"].values.tolist() == printed
    # two such losses are parts (a GAN's generator and discriminator): neither is it
    gan = tmp_path / "gan.log"
    gan.write_text(
        "".join(f"step {s}, G loss: {2 + s / 10}, D loss: {1 - s / 20}\n" for s in range(9))
    )
    assert "train_loss" not in load_run(gan).series
    # nor is a held-out split's loss alone
    from capdiag.parsers.jsonl import resolve_metric_keys

    for key in ("test_loss", "dev loss", "valid_loss", "eval_loss"):
        assert resolve_metric_keys([key, "step"], {}).get("train_loss") is None
    assert resolve_metric_keys(["ner loss", "step"], {})["train_loss"] == "ner loss"


def test_losses_the_sum_of_a_detection_models_losses() -> None:
    # a Mask R-CNN script (batch 206): "iteration : 6, losses : 1436176.25", then NaN
    log = CORPUS / "zh-maskrcnn-issue1347-coco-lr00025-nan-iter7" / "train.log"
    printed = re.findall(r"^iteration : (\d+), losses : (\S+)$", log.read_text(), re.M)
    run = load_run(log)
    loss = run.series["train_loss"]
    assert loss.steps.tolist() == [int(s) for s, _ in printed]
    assert [str(v) for v in loss.values[:6]] == [v for _, v in printed[:6]]
    assert np.isnan(loss.values[6:]).all() and len(printed) > 6
    assert any(f.rule == "divergence" for f in analyze(run).findings)
    # an I3D detector (batch 209): "Train step:100/617600,Loc Loss: 0.68,Cls Loss: 0.71,Tot
    # Loss: 0.69": the total, not a part
    log = CORPUS / "zk-i3d-vidor-action" / "train.log"
    printed = re.findall(r"Train step:(\d+)/\d+,.*Tot Loss: ([\d.]+)", log.read_text())
    loss = load_run(log).series["train_loss"]
    assert loss.steps.tolist() == [int(s) for s, _ in printed]
    assert loss.values.tolist() == [float(v) for _, v in printed]


def test_paddle_model_fit_epochs_are_one_run() -> None:
    # PaddlePaddle's Model.fit (batch 185): "Epoch 2/10", then "step  10/614 - loss: 0.1444
    # - ...", the step counted within the epoch; "Eval begin..." to "Eval samples: 11219"
    # prints one evaluation batch's loss per line. The epochs had been read as 8 runs
    # appended to one log (the evaluation's steps, and each epoch's, going back to 10).
    log = CORPUS / "ym-paddle-chexnet-densenet121" / "train.log"
    text = log.read_text()
    train = re.findall(r"^\s*step +(\d+)/614 - loss: ([\d.]+)", text, re.M)
    assert len(re.findall(r"^\s*Epoch \d+/10$", text, re.M)) == 10 and len(train) == 616
    run = load_run(log)
    loss = run.series["train_loss"]
    assert run.runs_in_log == 1
    assert loss.values.tolist() == [float(v) for _, v in train]
    assert loss.steps[-1] == 10 * 614 and bool((np.diff(loss.steps) > 0).all())
    assert "val_loss" not in run.series


def test_epoch_of_epochs_then_batch_of_batches() -> None:
    # an ASL-style logger (batch 210): "[07/03 00:00:54.724]: Epoch: [12/40][1000/2052]  L_an
    # nan (  nan)  ...  Loss   nan (  nan)": batch 1000 of 2052 in epoch 12 of 40. Its lines
    # had no step (Dassl's form was read only lower-case, at a line's start), and the NaN
    # run was not read at all.
    log = CORPUS / "zl-spmllac-issue4-epoch12-all-nan" / "train.log"
    printed = re.findall(r"Epoch: \[(\d+)/40\]\[(\d+)/2052\]", log.read_text())
    run = load_run(log)
    loss = run.series["train_loss"]
    assert loss.steps.tolist() == [(int(e) - 1) * 2052 + int(b) for e, b in printed]
    assert np.isnan(loss.values).all() and len(printed) == 10
    found = {f.rule: f.severity for f in analyze(run).findings}
    assert found["divergence"] == Severity.error
    # the same logger's healthy run: finite losses, read from the same kind of line
    healthy = CORPUS / "zl-spmllac-issue4-author-ref-epoch3-healthy" / "train.log"
    printed = re.findall(r"Epoch: \[3/40\]\[(\d+)/2052\].*Loss ([\d.]+) \(", healthy.read_text())
    loss = load_run(healthy).series["train_loss"]
    assert loss.steps.tolist() == [2 * 2052 + int(b) for b, _ in printed]
    assert loss.values.tolist() == [float(v) for _, v in printed]


def test_pointnet_log_string_epochs() -> None:
    # PointNet's train.py and its forks (batch 211): "**** EPOCH 000 ****", then "mean loss:
    # 0.905937" and "eval mean loss: 0.312124", an epoch's training and evaluation means
    log = CORPUS / "zm-tf1-mnist-teacher-T20-eval-runs-train-op" / "log_train.txt"
    text = log.read_text()
    train = re.findall(r"^mean loss: ([\d.]+)$", text, re.M)
    val = re.findall(r"^eval mean loss: ([\d.]+)$", text, re.M)
    run = load_run(log)
    assert len(train) == len(val) == 100
    assert run.series["train_loss"].values.tolist() == [float(v) for v in train]
    assert run.series["val_loss"].values.tolist() == [float(v) for v in val]
    assert run.series["val_loss"].steps.tolist() == list(range(100))


def test_mxnet_speedometer_perplexity() -> None:
    # MXNet's Speedometer (batch 212), behind Python's logging or the Scala package's log4j
    # prefix: "Epoch[0] Batch [800]\tSpeed: 98.63 samples/sec\tTrain-perplexity=424.124054":
    # the perplexity's log is the loss, at batch 800 of the first epoch
    for folder in (
        "zn-mxnet-pr7716-scala-bucketing-ptb-ppl-healthy",
        "zn-mxnet-issue3533-rnn-cell-demo-ptb-ppl-healthy",
    ):
        log = CORPUS / folder / "train.log"
        printed = re.findall(
            r"Epoch\[0\] Batch \[(\d+)\].*-[Pp]erplexity=([\d.]+)", log.read_text()
        )
        loss = load_run(log).series["train_loss"]
        assert loss.steps.tolist() == [int(b) for b, _ in printed] and len(printed) >= 5
        assert np.allclose(loss.values, [math.log(float(p)) for _, p in printed])


def test_mxnet_epochs_follow_one_another(tmp_path: Path) -> None:
    # plumbing: the Speedometer prints no batch count, so each epoch's first log goes one
    # interval after the last of the epoch before; the epoch's validation goes with its last
    # batch, and its training metric at the end (the batches since the last report) is not a
    # second point
    lines = []
    for epoch in range(3):
        for batch in (50, 100, 150):
            lines.append(
                f"INFO:root:Epoch[{epoch}] Batch [{batch}]\tSpeed: 99.1 samples/sec\t"
                f"Train-Perplexity={200 - 40 * epoch - batch / 10}"
            )
        lines += [
            f"INFO:root:Epoch[{epoch}] Train-Perplexity={180 - 40 * epoch}",
            f"INFO:root:Epoch[{epoch}] Time cost=30.512",
            f"INFO:root:Epoch[{epoch}] Validation-Perplexity={190 - 40 * epoch}",
        ]
    log = tmp_path / "train.log"
    log.write_text("\n".join(lines) + "\n")
    run = load_run(log)
    assert run.series["train_loss"].steps.tolist() == [50, 100, 150, 200, 250, 300, 350, 400, 450]
    assert run.series["val_loss"].steps.tolist() == [150, 300, 450]
    assert np.allclose(np.exp(run.series["val_loss"].values), [190, 150, 110])


def test_pointnet_files_within_epochs() -> None:
    # PointNet's train.py (batch 222): "----0-----" ... "----4-----" open the epoch's training
    # files, each followed by its "mean loss"; its evaluation numbers its files from 0 again.
    # Read as one point an epoch (the last file's), the run's spike to 1.91 in epoch 30's
    # first file was lost
    log = CORPUS / "zw-pointnet-modelnet40-250ep-spikes-evalloss-rise" / "log_train.txt"
    text = log.read_text()
    train = [float(v) for v in re.findall(r"^mean loss: ([\d.]+)$", text, re.M)]
    val = [float(v) for v in re.findall(r"^eval mean loss: ([\d.]+)$", text, re.M)]
    run = load_run(log)
    loss = run.series["train_loss"]
    assert len(train) == 5 * 250 and loss.values.tolist() == train
    assert bool((np.diff(loss.steps) > 0).all()) and run.steps_estimated
    assert run.series["val_loss"].values.tolist() == val
    # each evaluation goes with its epoch's last training file
    assert set(run.series["val_loss"].steps.tolist()) <= set(loss.steps.tolist())
    spike = analyze(run).findings
    assert any(f.rule == "loss-spike" and "1.909" in f.message for f in spike)
    # a fix to the run's length counts its epochs, not the placed steps
    fix = next(f for f in spike if f.rule == "overfitting").fixes[0]
    assert (fix.key, fix.value) == ("epochs", 71)
    # one file an epoch: its count stays at 0 where the epoch moves on
    log = CORPUS / "zs-pointnet-banana-2class-eval-noise" / "log_train.txt"
    assert load_run(log).series["train_loss"].steps.tolist() == list(range(20))
    # a PointNet log all NaN, several files an epoch: read, and its divergence named
    log = CORPUS / "zu-cluster-pointnet-slicepool-nan" / "log_train.txt"
    assert any(f.rule == "divergence" for f in analyze(load_run(log)).findings)


def test_fuxictr_epochs() -> None:
    # FuxiCTR (batch 221): "[Metrics] AUC: 0.933560 - logloss: 0.294246" evaluates the
    # epoch on the validation set, then "Train loss: 0.398314" and "Epoch=1 end". The
    # validation's log loss was not read, and each training loss went to the epoch before
    folder = CORPUS / "zx-bars-afnplus-movielens-overfit-after-lr-drop"
    log = next(folder.glob("*.log"))
    text = log.read_text()
    finished = text.index("Training finished.")
    train = [float(v) for v in re.findall(r"INFO Train loss: ([\d.]+)$", text, re.M)]
    val = [float(v) for v in re.findall(r"logloss: ([\d.]+)$", text[:finished], re.M)]
    run = load_run(log)
    assert len(train) == len(val) == 22
    assert run.series["train_loss"].values.tolist() == train
    assert run.series["val_loss"].values.tolist() == val
    assert run.series["val_loss"].steps.tolist() == list(range(1, 23))
    assert run.config.number("learning_rate") == 0.001  # the params it printed at start
    # its validation loss rose from epoch 14 while training fell: named; two healthy
    # FuxiCTR runs that converged and stopped early stay silent
    assert any(f.rule == "overfitting" for f in analyze(run).findings)
    for healthy in ("zx-bars-lorentzfm-kkbox-healthy", "zx-bars-lr-avazux4-converged-healthy"):
        run = load_run(next((CORPUS / healthy).glob("*.log")))
        assert len(run.series["val_loss"]) >= 20
        assert not [f for f in analyze(run).findings if f.severity is not Severity.info]


def test_fuxictr_2_vse_and_a_train_validation_pair() -> None:
    # batches 223-224, three logs no parser read. FuxiCTR 2.x: "Train loss @epoch 1:
    # 1.365760" (a FinalNet whose loss sums three terms, healthy: it stays so)
    log = next((CORPUS / "zy-reczoo-finalnet2b-criteo-summed-loss-healthy").glob("*.log"))
    printed = re.findall(r"Train loss @epoch (\d+): ([\d.]+)$", log.read_text(), re.M)
    run = load_run(log)
    loss = run.series["train_loss"]
    assert len(printed) == 31
    assert loss.steps.tolist() == [int(e) for e, _ in printed]
    assert loss.values.tolist() == [float(v) for _, v in printed]
    assert not [f for f in analyze(run).findings if f.severity is not Severity.info]
    # VSE++ and its image-text matchers: "Epoch: [5][1069/2266]\tEit 12400  lr 0.0002  Le
    # 25.600017547607422", the iteration and the embedding's loss
    log = CORPUS / "zz-gsmn-issue10-f30k-hinge-loss-frozen-at-25.6" / "train.log"
    printed = re.findall(r"Eit (\d+) .* Le ([\d.]+)\t", log.read_text())
    loss = load_run(log).series["train_loss"]
    assert len(printed) == 8 and loss.values.tolist() == [float(v) for _, v in printed]
    # "Epoch 1 [16.7 s]  train=0.3162, validation=0.4117 [6.6 s]": the splits' figures
    log = CORPUS / "zz-afm-issue18-rmse-19ep-healthy" / "train.log"
    printed = re.findall(
        r"^Epoch (\d+) .*train=([\d.]+), validation=([\d.]+)", log.read_text(), re.M
    )
    run = load_run(log)
    assert len(printed) == 19
    assert run.series["train_loss"].values.tolist() == [float(t) for _, t, _ in printed]
    assert run.series["val_loss"].values.tolist() == [float(v) for _, _, v in printed]
    assert not [f for f in analyze(run).findings if f.severity is not Severity.info]


def test_an_abbreviated_training_split() -> None:
    # a Kaggle history CSV (batch 223): "epoch,trn_loss,val_loss,trn_logloss,val_logloss,lr".
    # trn_loss was not read, so the validation loss had nothing to be compared with; its
    # training (MixUp, CutMix, label smoothing) sits 1.7x above it
    log = CORPUS / "zy-catsdogs-convnext-l-mixup-val-below-train" / "history.csv"
    rows = [line.split(",") for line in log.read_text().splitlines()[1:]]
    run = load_run(log)
    assert run.series["train_loss"].values.tolist() == [float(r[1]) for r in rows]
    assert len(rows) == 15
    assert any(f.rule == "val-below-train" for f in analyze(run).findings)


def test_ngcf_epochs_and_a_hyphenated_epoch() -> None:
    # NGCF, KGAT and LightGCN (batch 226): "Epoch 9 [60.6s + 86.3s]: train==[40.85046=
    # 39.90646 + 0.94400], recall=[...]", the epoch's loss before the terms it sums
    log = CORPUS / "qb-ngcf-lightgcnpt-issue19-gowalla-ep0-17-healthy" / "train.log"
    printed = re.findall(r"^Epoch (\d+) \[.*train==\[([\d.]+)=", log.read_text(), re.M)
    run = load_run(log)
    assert len(printed) == 18
    assert run.series["train_loss"].steps.tolist() == [int(e) for e, _ in printed]
    assert run.series["train_loss"].values.tolist() == [float(v) for _, v in printed]
    assert not [f for f in analyze(run).findings if f.severity is not Severity.info]
    # STgram-MFN's logger: "INFO:utils:Epoch-66\tloss:13.02845", the epoch hyphenated
    log = CORPUS / "qb-stgram-mfn-issue19-dcase-arcface-plateau-auc-chance" / "train.log"
    printed = re.findall(r"Epoch-(\d+)\tloss:([\d.]+)$", log.read_text(), re.M)
    loss = load_run(log).series["train_loss"]
    assert len(printed) == 20
    assert loss.steps.tolist() == [int(e) for e, _ in printed]
    assert loss.values.tolist() == [float(v) for _, v in printed]


def test_a_csv_with_blank_lines_between_rows() -> None:
    # Keras' CSVLogger written "\r\r\n" on Windows (batch 227): a blank line after each
    # row had ended the table at its header, so nothing was read. Its six epochs end at val
    # 6.26 against train 0.012: memorised, with too few evaluations for their noise
    log = CORPUS / "qd-lipnet-issue1-keras-history-overfit" / "history.csv"
    rows = [line.split(",") for line in log.read_text().splitlines()[1:] if line]
    run = load_run(log)
    assert len(rows) == 6
    assert run.series["train_loss"].values.tolist() == [float(r[2]) for r in rows]
    assert run.series["val_loss"].values.tolist() == [float(r[4]) for r in rows]
    assert any(f.rule == "overfitting" for f in analyze(run).findings)
    # a healthy Keras run of five epochs, validation falling beside training: silent
    log = CORPUS / "zz-attention-sampling-issue5-mnist-small-5ep-healthy" / "train.log"
    run = load_run(log)
    assert len(run.series["val_loss"]) == 4  # the excerpt starts after epoch 1's header
    assert not [f for f in analyze(run).findings if f.rule == "overfitting"]


def test_a_split_named_after_its_epoch() -> None:
    # "Epoch 12 Validation - Loss: 60.5768, Mod Acc: 0.0000, ..." (batch 229): the split
    # follows the epoch. Its loss was read as a training loss, 58 nats among 0.003s: a spike
    # and a plateau were reported, and the validation loss that rose 18 to 58 was not seen
    log = CORPUS / "qe-rfml-multitask-cnn-val-one-class-overfit" / "training.log"
    printed = re.findall(r"Epoch (\d+) Validation - Loss: ([\d.]+),", log.read_text())
    run = load_run(log)
    assert len(printed) == 15
    assert run.series["val_loss"].values.tolist() == [float(v) for _, v in printed]
    assert float(run.series["train_loss"].values.max()) < 3
    rules = {f.rule for f in analyze(run).findings if f.severity is not Severity.info}
    assert "overfitting" in rules and not rules & {"loss-spike", "loss-plateau"}


def test_pointnet2_batches_within_epochs() -> None:
    # PointNet++'s train.py (batch 213): " ---- batch: 050 ----" then "mean loss: ..." under
    # "**** EPOCH 000 ****", and "---- EPOCH 000 EVALUATION ----" then "eval mean loss:". The
    # batch counts from 50 again each epoch: read as it was, every epoch was a relaunch
    # (102 resume notes) and the evaluations sat on an axis of epochs
    log = CORPUS / "zo-pointnet2-pedestrian-resumed-zero-loss-plateau" / "log_train.txt"
    text = log.read_text()
    batches = [int(b) for b in re.findall(r"^ ?---- batch: (\d+) ----$", text, re.M)]
    epochs = len(re.findall(r"^\*\*\*\* EPOCH \d+ \*\*\*\*$", text, re.M))
    per_epoch = max(batches)
    run = load_run(log)
    loss, val = run.series["train_loss"], run.series["val_loss"]
    assert len(loss) == len(batches) and epochs == len(val) == 102
    assert bool((np.diff(loss.steps) > 0).all())
    assert val.steps.tolist() == [per_epoch * (e + 1) for e in range(epochs)]
    assert not any(f.rule == "resume" for f in analyze(run).findings)


def test_imagenet_example_epoch_and_batch() -> None:
    # the PyTorch ImageNet example's AverageMeter lines, as re-ID repositories print them
    # (batch 215): "Epoch: [1][10/404]\tTime 0.214 (0.470)\tData ...\tLoss 6.7883 (6.7093)",
    # the two brackets side by side. They had no step: detection did not take the log
    log = CORPUS / "zq-reid-resnet50-softmax-market1501-10ep-healthy" / "log_train.txt"
    printed = re.findall(
        r"^Epoch: \[(\d+)\]\[(\d+)/404\]\t.*\tLoss ([\d.]+) \(", log.read_text(), re.M
    )
    loss = load_run(log).series["train_loss"]
    assert len(printed) == 400
    assert loss.steps.tolist() == [(int(e) - 1) * 404 + int(b) for e, b, _ in printed]
    assert loss.values.tolist() == [float(v) for _, _, v in printed]
    # a Kaggle DeBERTa notebook's "Epoch: [1][100/782] Elapsed 1m 1s (remain 6m 56s) Loss:
    # 0.2331(0.3235)": 49 points of the first fold on one axis, not 24 numbered by order
    log = CORPUS / "tg-deberta-v3-large-fb3-5fold-cosine-tmax50-wandb" / "output.log"
    loss = load_run(log).series["train_loss"]
    assert loss.steps[:4].tolist() == [0, 100, 200, 300] and loss.steps[-1] == 4 * 782 + 781


def test_segments_opened_by_their_split() -> None:
    # GAT's execute_cora.py (batch 216): "Training: loss = 1.69535, acc = 0.45714 | Val: loss
    # = 1.94518, acc = 0.32400 | Time: 16.73458 (graph/s)": one line, two splits' losses
    log = CORPUS / "zr-gat-sparse-cora-loss-rising" / "issue1.log"
    printed = re.findall(r"Training: loss = ([\d.]+), .*\| Val: loss = ([\d.]+),", log.read_text())
    run = load_run(log)
    assert len(printed) == 13
    assert run.series["train_loss"].values.tolist() == [float(t) for t, _ in printed]
    assert run.series["val_loss"].values.tolist() == [float(v) for _, v in printed]
    assert {f.rule: f.severity for f in analyze(run).findings}["divergence"] == Severity.error


def test_a_logging_level_before_the_first_key() -> None:
    # HTR-VT's logger (batch 218): "2025-02-15 08:19:42,270 INFO Iter : 27200 \t LR : 0.00083
    # \t training loss : 7.01527": the level is no part of the key ("info iter" had no step)
    assert read_fields("2025-02-15 08:19:42,270 INFO Iter : 27200 \t LR : 0.00083")["iter"] == 27200
    assert "error rate" in read_fields("Error Rate: 0.05")  # a metric, not a level
    log = CORPUS / "zt-htrvt-lam-iter27k" / "issue8.log"
    printed = re.findall(
        r"Iter : (\d+) \t LR : [\d.]+ \t training loss : ([\d.]+)", log.read_text()
    )
    loss = load_run(log).series["train_loss"]
    assert loss.steps.tolist() == [int(s) for s, _ in printed] and len(printed) >= 10
    assert loss.values.tolist() == [float(v) for _, v in printed]
    # VQGraph (batch 218): "Ep  10 | max_memory_allocated: 8.4788Gb | loss: 46.3140 | ..."
    log = CORPUS / "zt-vqgraph-arxiv-loss-rising" / "issue10.log"
    printed = re.findall(r"Ep +(\d+) \|.*\| loss: ([\d.]+) \|", log.read_text())
    loss = load_run(log).series["train_loss"]
    assert loss.steps.tolist() == [int(e) for e, _ in printed] and len(printed) == 7
    assert loss.values.tolist() == [float(v) for _, v in printed]


def test_hyphenated_column_names() -> None:
    # PointMLP's log (batch 220): "Epoch-Num\tLearning-Rate\tTrain-Loss\t...\tValid-Loss\t...":
    # "Train-Loss" is the training loss as "Train Loss" is (it had read nothing)
    log = CORPUS / "zv-pointmlp-scanobjectnn-ep0-15-healthy" / "issue52_log.txt"
    rows = [line.split("\t") for line in log.read_text().splitlines()[1:] if line.strip()]
    run = load_run(log)
    assert run.series["train_loss"].values.tolist() == [float(r[2]) for r in rows]
    assert run.series["val_loss"].values.tolist() == [float(r[5]) for r in rows]
    assert len(rows) == 16


def test_mxnet_relaunch_is_another_run(tmp_path: Path) -> None:
    # plumbing: a second launch appended to an MXNet log (epoch 0 again, its loss back at the
    # start) is a relaunch, and the last launch's batches are still placed across its two
    # epochs (placing the whole log failed where the epoch went back: 3 points, not 6)
    lines = [
        f"INFO:root:Epoch[{epoch}] Batch [{batch}]\tSpeed: 99.1 samples/sec\t"
        f"Train-Perplexity={400 / (1 + 2 * epoch + batch / 50)}"
        for _ in range(2)
        for epoch in range(2)
        for batch in (50, 100, 150)
    ]
    log = tmp_path / "train.log"
    log.write_text("\n".join(lines) + "\n")
    loss = load_run(log).series["train_loss"]
    assert loss.steps.tolist() == [50, 100, 150, 200, 250, 300]


def test_loss_parts_with_no_total_are_named_and_one_can_be_mapped() -> None:
    # Elastic Decision Mamba (batch 247): min-decision-transformer's blocks, "num of
    # updates: 1000" then "ret loss:", "action loss:", "state loss:", "exp loss:" on lines of
    # their own; no total. The log was not recognised at all; now its records are read,
    # and with no training loss among them analyze names the parts and how to judge one
    log = CORPUS / "qw-edm-hopper-mr-wandb" / "output.log"
    text = log.read_text()
    run = load_run(log)
    assert run.loss_parts == ["ret loss", "action loss", "state loss", "exp loss"]
    with pytest.raises(NothingRead, match=r"4 losses .*'ret loss'.* --map 'loss=ret loss'"):
        analyze(run)
    mapped = load_run(log, metric_map={"loss": "ret loss"}).series["train_loss"]
    updates = [int(v) for v in re.findall(r"^num of updates: (\d+)$", text, re.M)]
    printed = [float(v) for v in re.findall(r"^ret loss: ([\d.]+)$", text, re.M)]
    assert mapped.steps.tolist() == updates[: len(printed)]
    assert mapped.values.tolist() == printed
    # "time elapsed: 0:01:20" is a clock: its hours are no value of the field
    assert read_fields(next(ln for ln in text.splitlines() if "time elapsed" in ln)) == {}


def test_a_printed_tables_column_name_may_hold_a_plus() -> None:
    # an emotion model's epoch table (batch 255), "epoch train_loss ... FER+val  RAFval":
    # the "+" had made the header no header, and the log was not read
    log = CORPUS / "pe-emotiondetecter-edv10-kd-resnet-60ep" / "train_log.txt"
    rows = [ln.split() for ln in log.read_text().splitlines() if re.match(r"\s+\d+\s+\d", ln)]
    run = load_run(log)
    assert run.series["train_loss"].values.tolist() == [float(r[1]) for r in rows]
    assert run.series["val_loss"].values.tolist() == [float(r[3]) for r in rows]
    assert run.series["train_loss"].steps.tolist() == [int(r[0]) for r in rows]
    # a healthy distillation run: validation fell at each epoch; nothing above info
    assert not [f for f in analyze(run).findings if f.severity != Severity.info]


def test_a_bracketed_epoch_counter_and_the_epochs_glued_after_it() -> None:
    # Att-BLSTM (a held-out run, UTF-16): "[007] train_loss: 0.447 | dev_loss: 0.728 | ...";
    # the script ends a line only when it saves, so the epochs between share one line.
    # The counter was no step: the config dump's "epoch = 50" carried every record to one
    # step, and the run read as one point of each loss
    log = CORPUS / "zu-attention-bilstm-semeval-overfit" / "train.log"
    text = log.read_bytes().decode("utf-16")
    printed = re.findall(r"\[(\d+)\] train_loss: ([\d.]+) \| dev_loss: ([\d.]+)", text)
    run = load_run(log)
    assert len(printed) == 50
    assert run.series["train_loss"].steps.tolist() == [int(s) for s, _, _ in printed]
    assert run.series["train_loss"].values.tolist() == [float(t) for _, t, _ in printed]
    assert run.series["val_loss"].values.tolist() == [float(v) for _, _, v in printed]
    # its dev loss is lowest at epoch 7 (0.728) and ends at 1.333 while training falls to
    # 0.001: named
    found = [f for f in analyze(run).findings if f.rule == "overfitting"]
    assert found and "step 7" in found[0].title
