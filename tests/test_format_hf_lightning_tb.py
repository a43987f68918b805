"""Hugging Face Trainer, Lightning CSVLogger and TensorBoard parsers, on real files only.

The samples under tests/data/{hf_trainer,lightning,tensorboard} were written by the libraries
themselves (see each PROVENANCE.md); expected values are read from those same files.
"""

from __future__ import annotations

import ast
import csv
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from capdiag.analysis import analyze
from capdiag.findings import Severity
from capdiag.load import InputError, detect_format, load_run
from capdiag.parsers import LoadContext, hf_trainer, lightning

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
HF = DATA / "hf_trainer"
LT = DATA / "lightning"
TB = DATA / "tensorboard"
# shared/ sits beside the checkout (CI copies it there too); missing data fails, never skips
SHARED = ROOT.parent / "shared" / "data" / "real-logs"
SEED_LOG = ROOT / "examples" / "logs" / "seed_gpt2_fineweb_rtx4070.log"


def _history(path: Path) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = json.loads(path.read_text())["log_history"]
    return entries


def _csv(path: Path, column: str) -> tuple[list[int], list[float]]:
    rows = [r for r in csv.DictReader(path.open()) if r[column]]
    return [int(r["step"]) for r in rows], [float(r[column]) for r in rows]


# --- Hugging Face Trainer ---------------------------------------------------------------


@pytest.mark.parametrize("run", ["healthy", "diverge"])
def test_hf_state_values_equal_the_json(run: str) -> None:
    state_path = HF / run / "trainer_state.json"
    history = _history(state_path)
    loaded = hf_trainer.load(state_path, LoadContext())
    train = [e for e in history if "loss" in e]
    evals = [e for e in history if "eval_loss" in e]
    s = loaded.series["train_loss"]
    assert s.steps.tolist() == [e["step"] for e in train]
    assert s.values.tolist() == [e["loss"] for e in train]
    assert s.mode == "train-smoothed" and s.dropout_active is True  # GPT-2 resid_pdrop 0.1
    v = loaded.series["val_loss"]
    assert v.steps.tolist() == [e["step"] for e in evals]
    assert v.values.tolist() == [e["eval_loss"] for e in evals]
    assert v.mode == "eval" and v.dropout_active is False
    assert loaded.series["lr"].values.tolist() == [e["learning_rate"] for e in train]
    assert loaded.series["grad_norm"].values.tolist() == [e["grad_norm"] for e in train]
    state = json.loads(state_path.read_text())
    assert loaded.reported.tokens_seen == state["num_input_tokens_seen"]
    assert loaded.reported.total_flos == state["total_flos"]
    assert loaded.steps_start_at_zero is False
    # the end-of-training summary's train_loss (a whole-run mean) is not a train point
    assert state["log_history"][-1]["train_loss"] not in s.values.tolist()


def test_hf_run_directory_reads_config_and_args() -> None:
    run = load_run(HF / "healthy")
    args = json.loads((HF / "healthy" / "training_args.json").read_text())
    model = json.loads((HF / "healthy" / "config.json").read_text())
    c = run.config
    assert c.get("batch_size") == args["per_device_train_batch_size"]
    assert c.native("batch_size") == "per_device_train_batch_size"
    assert c.get("learning_rate") == args["learning_rate"]
    assert c.get("max_iters") == args["max_steps"] and c.native("max_iters") == "max_steps"
    assert c.get("grad_clip") == args["max_grad_norm"]
    assert c.get("dtype") == "float32"
    assert (c.get("n_layer"), c.get("n_head"), c.get("n_embd")) == (
        model["n_layer"],
        model["n_head"],
        model["n_embd"],
    )
    assert c.get("dropout") == model["resid_pdrop"]
    assert c.get("block_size") == 64  # derived from num_input_tokens_seen / (steps x batch)
    assert run.checkpoint_steps == [400]
    if run.dims is not None:  # capdiag.hf_config present
        assert (run.dims.n_layer, run.dims.n_embd, run.dims.vocab_size) == (2, 64, 96)
        assert run.figures.n_params == 110_336  # GPT2LMHeadModel(config).num_parameters()
    assert run.figures.iterations == 400
    assert run.figures.tokens_seen == run.reported.tokens_seen


def test_hf_checkpoint_dir_reads_its_pickled_args_without_unpickling() -> None:
    # the generator's TrainingArguments (scripts/real_runs/hf_trainer_runs.py, healthy):
    # per-device batch 16, lr 1e-3, constant_with_warmup, 20 warmup steps, clip 1.0
    run = load_run(HF / "healthy" / "checkpoint-400")
    assert not any("not read" in note for note in run.notes)
    c = run.config
    assert (c.get("batch_size"), c.source("batch_size")) == (16, "config")
    assert (c.get("learning_rate"), c.get("grad_clip"), c.get("warmup_iters")) == (1e-3, 1.0, 20)
    assert c.get("lr_scheduler_type") == "constant_with_warmup"
    assert c.source("grad_clip") == "config"
    assert len(run.series["train_loss"]) == 40


def _stdout_dicts(path: Path) -> list[dict[str, Any]]:
    found = []
    for line in path.read_text().splitlines():
        start = line.find("{'")
        while start >= 0:
            end = line.find("}", start)
            found.append(ast.literal_eval(line[start : end + 1]))
            start = line.find("{'", end)
    return found


def test_hf_stdout_v5_strings_and_estimated_steps() -> None:
    path = HF / "healthy" / "stdout.log"
    assert detect_format(path).NAME == "hf_trainer"
    printed = [d for d in _stdout_dicts(path) if "loss" in d]
    assert all(isinstance(d["loss"], str) for d in printed)  # transformers 5 prints f"{v:.4g}"
    run = load_run(path)
    s = run.series["train_loss"]
    assert s.values.tolist() == [float(d["loss"]) for d in printed]
    assert s.mode == "train-smoothed"
    history = _history(HF / "healthy" / "trainer_state.json")
    assert s.steps.tolist() == [e["step"] for e in history if "loss" in e]
    assert run.series["val_loss"].steps.tolist() == [e["step"] for e in history if "eval_loss" in e]
    assert np.allclose(
        run.series["val_loss"].values,
        [e["eval_loss"] for e in history if "eval_loss" in e],
        rtol=1e-3,
    )
    assert (
        run.reported.tokens_seen
        == json.loads((HF / "healthy" / "trainer_state.json").read_text())["num_input_tokens_seen"]
    )


def test_hf_public_v4_stdout_matches_its_state() -> None:
    public = SHARED / "public"
    state = load_run(public / "hf_jaong_cpt_large_trainer_state.json")
    stdout = load_run(public / "hf_jaong_cpt_large_trainer_stdout.log")
    for name in ("train_loss", "val_loss"):
        assert stdout.series[name].steps.tolist() == state.series[name].steps.tolist()
        assert np.allclose(stdout.series[name].values, state.series[name].values)
    assert state.reported.tokens_seen is None  # the run logged num_input_tokens_seen = 0


# --- Lightning ----------------------------------------------------------------------------


@pytest.mark.parametrize("run", ["healthy", "overfit"])
def test_lightning_values_equal_the_csv(run: str) -> None:
    version = LT / run / "version_0"
    metrics = version / "metrics.csv"
    loaded = load_run(LT / run)  # the directory holding version_0
    for name, column, mode in (
        ("train_loss", "train_loss_step", "train-batch"),
        ("train_loss_epoch", "train_loss_epoch", "train-smoothed"),
        ("val_loss", "val_loss", "eval"),
        ("lr", "lr-AdamW", None),
    ):
        steps, values = _csv(metrics, column)
        s = loaded.series[name]
        assert s.steps.tolist() == steps and s.values.tolist() == values, name
        assert s.mode == mode
    assert loaded.series["train_loss"].dropout_active is False  # hparams dropout 0.0
    assert loaded.series["val_loss"].dropout_active is False
    c = loaded.config
    assert c.get("learning_rate") == 1e-3 and c.native("learning_rate") == "lr"
    assert (c.get("batch_size"), c.get("block_size"), c.get("n_layer")) == (16, 64, 2)
    assert loaded.dims is not None and loaded.figures.n_params == 110_336
    assert loaded.steps_start_at_zero is True


def test_lightning_overfit_is_visible() -> None:
    run = load_run(LT / "overfit" / "version_0" / "metrics.csv")
    val, train = run.series["val_loss"], run.series["train_loss"]
    assert int(np.argmin(val.values)) < len(val) - 1  # val bottoms out before the end
    assert val.values[-1] > val.values.min()
    assert train.values[-1] < 0.5 * val.values[-1]


def test_lightning_public_sample_with_hparams() -> None:
    public = SHARED / "public"
    run = load_run(
        public / "lightning_0xero7_slm_v0_metrics.csv",
        config_path=public / "lightning_0xero7_slm_v0_hparams.yaml",
    )
    _steps, values = _csv(public / "lightning_0xero7_slm_v0_metrics.csv", "train_loss_step")
    assert run.series["train_loss"].values.tolist() == values
    assert len(run.series["val_loss"]) == 10
    assert run.series["train_loss_epoch"].mode == "train-smoothed"
    assert run.config.get("n_layer") == 12 and run.config.native("n_layer") == "num_layers"
    assert run.dims is None  # ff_hidden 2048 != 4 x 768: not GPT-2 shaped


# --- TensorBoard -----------------------------------------------------------------------


def test_tensorboard_hf_events_match_trainer_state() -> None:
    for run in ("healthy", "diverge"):
        loaded = load_run(TB / f"hf_{run}")
        assert loaded.format == "tensorboard"
        history = _history(HF / run / "trainer_state.json")
        s = loaded.series["train_loss"]
        assert s.steps.tolist() == [e["step"] for e in history if "loss" in e]
        # events store float32
        assert np.allclose(s.values, [e["loss"] for e in history if "loss" in e], rtol=1e-6)
        assert s.mode == "train-smoothed"
        assert loaded.series["val_loss"].mode == "eval"
        assert (
            loaded.reported.tokens_seen
            == json.loads((HF / run / "trainer_state.json").read_text())["num_input_tokens_seen"]
        )
        assert loaded.config.get("batch_size") == 16  # from the 'args' text summary
        assert loaded.config.get("n_layer") == 2  # from the 'model_config' text summary


def test_tensorboard_lightning_events_match_csv() -> None:
    for run in ("healthy", "overfit"):
        events = next((TB / f"lightning_{run}").glob("events.out.tfevents.*"))
        loaded = load_run(events)  # a single file
        metrics = LT / run / "version_0" / "metrics.csv"
        for name, column in (("train_loss", "train_loss_step"), ("val_loss", "val_loss")):
            steps, values = _csv(metrics, column)
            assert loaded.series[name].steps.tolist() == steps
            assert np.allclose(loaded.series[name].values, values, rtol=1e-6)
        assert loaded.series["train_loss"].mode == "train-batch"
        assert loaded.config.get("learning_rate") == 1e-3  # hparams.yaml beside the events


# --- detection and end to end ---------------------------------------------------------------

SAMPLES = [
    (HF / "healthy", "hf_trainer"),
    (HF / "healthy" / "trainer_state.json", "hf_trainer"),
    (HF / "healthy" / "checkpoint-400", "hf_trainer"),
    (HF / "diverge" / "stdout.log", "hf_trainer"),
    (LT / "healthy", "lightning"),
    (LT / "overfit" / "version_0", "lightning"),
    (LT / "overfit" / "version_0" / "metrics.csv", "lightning"),
    (TB / "hf_healthy", "tensorboard"),
    (TB / "lightning_overfit", "tensorboard"),
    (next((TB / "hf_diverge").glob("events.out.tfevents.*")), "tensorboard"),
    (SEED_LOG, "nanogpt"),
]
SHARED_SAMPLES = [
    ("hf-trainer-gpt2-tiny", "hf_trainer"),
    ("hf-trainer-gpt2-tiny/stdout.log", "hf_trainer"),
    ("public/hf_jaong_cpt_large_trainer_state.json", "hf_trainer"),
    ("public/hf_jaong_cpt_large_trainer_stdout.log", "hf_trainer"),
    ("public/hf_dheena731_tinyllama_lora_trainer_state.json", "hf_trainer"),
    ("lightning-nanogpt-tiny/tiny_gpt/version_0", "lightning"),
    ("lightning-nanogpt-tiny/tiny_gpt/version_0/metrics.csv", "lightning"),
    ("public/lightning_0xero7_slm_v0_metrics.csv", "lightning"),
    ("lightning-nanogpt-tiny/tiny_gpt_tb/version_0", "tensorboard"),
    ("hf-trainer-gpt2-tiny/runs", "tensorboard"),
]


@pytest.mark.parametrize(("path", "name"), SAMPLES, ids=lambda x: str(x)[-40:])
def test_detection(path: Path, name: str) -> None:
    found = detect_format(path).NAME
    assert found == name


@pytest.mark.parametrize(("rel", "name"), SHARED_SAMPLES)
def test_detection_shared(rel: str, name: str) -> None:
    found = detect_format(SHARED / rel).NAME
    assert found == name


def test_other_files_are_not_claimed() -> None:
    head = SEED_LOG.read_bytes()[: 1 << 20]
    from capdiag.parsers import tensorboard

    for module in (hf_trainer, lightning, tensorboard):
        assert module.sniff(SEED_LOG, head) == 0
    hparams = LT / "healthy" / "version_0" / "hparams.yaml"
    assert lightning.sniff(hparams, hparams.read_bytes()) == 0
    state = HF / "healthy" / "trainer_state.json"
    assert lightning.sniff(state, state.read_bytes()[: 1 << 20]) == 0
    assert tensorboard.sniff(state, state.read_bytes()[: 1 << 20]) == 0


HEALTHY = [HF / "healthy", HF / "healthy" / "stdout.log", LT / "healthy", TB / "hf_healthy"]


@pytest.mark.parametrize("path", HEALTHY, ids=lambda p: str(p)[-30:])
def test_healthy_runs_have_no_warnings(path: Path) -> None:
    report = analyze(load_run(path))
    bad = [f for f in report.findings if f.severity in (Severity.warning, Severity.error)]
    assert bad == []
    assert report.run.format == detect_format(path).NAME


def test_tensorboard_lightning_healthy_end_to_end() -> None:
    report = analyze(load_run(TB / "lightning_healthy"))
    assert [f for f in report.findings if f.severity != Severity.info] == []


@pytest.mark.parametrize("path", [HF / "diverge", LT / "overfit"], ids=["diverge", "overfit"])
def test_broken_runs_load_end_to_end(path: Path) -> None:
    run = load_run(path)
    report = analyze(run)
    assert report.run.iterations == 400
    val = run.series["val_loss"].values
    assert val.min() < val[-1] or val[0] > 10  # overfit turns up; divergence sits far above ln 96


def test_a_compact_trainer_dict_reads_as_the_dict_it_came_from() -> None:
    # the stdout reader keeps each flat dict as an _Entry (8 bytes a number): every reader
    # of it sees what `as_number` made of the printed dict, and its step once set
    import math

    from capdiag.parsers.hf_trainer import _Entry
    from capdiag.parsers.jsonl import as_number

    printed = [
        {"loss": "4.337", "grad_norm": 1.5, "epoch": 0.02, "num_input_tokens_seen": 10240},
        {"loss": "nan", "learning_rate": "x", "flag": True, "none": None, "big": 10**400},
        {"step": 7, "eval_loss": "2.5", "nested": {"a": 1}},
        {},
    ]
    layouts: dict[tuple[str, ...], dict[str, int]] = {}
    for entry in printed:
        compact = _Entry(entry, layouts)
        assert list(compact) == list(entry) and len(compact) == len(entry)
        for key, value in entry.items():
            assert key in compact
            number = as_number(value)
            got = compact[key]
            if number is None:
                assert got is value
            else:
                assert got == number or (math.isnan(got) and math.isnan(number))
            assert as_number(compact.get(key)) == number or math.isnan(number or 0.0)
        assert "missing" not in compact and compact.get("missing") is None
        compact["step"] = 12
        assert compact["step"] == 12 and "step" in compact and dict(compact)["step"] == 12
        assert len(compact) == len(entry) + ("step" not in entry)
    assert len(layouts) == len(printed)


def _stdout_logs() -> list[Path]:
    """Every HF Trainer stdout in tests/data and the corpus (not trainer_state.json)."""
    corpus = ROOT / "bench" / "corpus"
    paths = sorted(DATA.rglob("*.log")) + sorted(corpus.rglob("*.log"))
    paths += sorted(corpus.rglob("*.txt")) + sorted(corpus.rglob("*.out"))
    found = []
    for path in paths:
        try:
            if path.stat().st_size < 4_000_000 and detect_format(path) is hf_trainer:
                found.append(path)
        except InputError:  # not a training log at all
            continue
    return found


def test_the_pure_bar_shortcut_reads_every_stdout_as_the_full_line_reader_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a line that is only a progress bar skips every other search; with the shortcut off
    # (a pattern that never matches) each real stdout gives the same dicts, bar counts,
    # arguments, checkpoints and events
    import re

    def state(path: Path) -> tuple[Any, ...]:
        reader = hf_trainer._StdoutReader()
        reader.consume(hf_trainer._text_lines(path))
        dicts = [dict(d) for d in reader.dicts]
        events = [(e.line, e.step, e.kind, e.text) for e in reader.events]
        return (
            dicts,
            reader.bar_total,
            reader.bar_step,
            reader.stdout_args,
            reader.checkpoint_steps,
            events,
            reader.total_steps,
        )

    logs = _stdout_logs()
    assert len(logs) >= 10
    fast = [state(p) for p in logs]
    monkeypatch.setattr(hf_trainer, "_PURE_BAR", re.compile(r"(?!)"))
    # compared as text: a NaN value equals itself there
    assert repr([state(p) for p in logs]) == repr(fast)


def test_a_description_bar_does_not_move_the_training_bars_count(tmp_path: Path) -> None:
    # tqdm bars as the Trainer prints them: the training bar (400 steps), a shard-writing
    # bar of 2 with a description, ANSI cursor moves, blank lines, then an OOM message
    log = tmp_path / "stdout.log"
    log.write_text(
        "  2%|▎         | 10/400 [00:01<00:48,  8.08it/s]\n"
        "\n"
        "Writing model shards:  50%|█████     | 1/2 [00:00<00:00,  2.01it/s]\x1b[A\n"
        "  3%|▎         | 12/400 [00:01<00:40,  9.52it/s]\x1b[A\n"
        "   \n"
        "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB\n",
        encoding="utf-8",
    )
    reader = hf_trainer._StdoutReader()
    reader.consume(hf_trainer._text_lines(log))
    assert (reader.bar_total, reader.bar_step) == (400, 12)
    [event] = reader.events
    assert event.step == 12 and event.line == 6


def test_a_lightning_csv_whose_loss_has_its_own_name() -> None:
    # CSVLogger: "epoch,lr-Adam,step,train/nll_loss,val/rmse_loss" (a real run). Not an
    # Ultralytics results.csv (which has no step column); the one training loss under its
    # own name is the training loss; the validation RMSE is another metric, not its twin
    import csv

    from capdiag.load import load_run

    path = (
        ROOT
        / "bench"
        / "corpus"
        / "tq-lightning-opal-delta-mf-onecycle-10ep-healthy"
        / "lightning_logs"
        / "version_1"
        / "metrics.csv"
    )
    rows = [r for r in csv.DictReader(path.open()) if r["train/nll_loss"]]
    run = load_run(path)
    assert run.format == "lightning"
    assert run.series["train_loss"].steps.tolist() == [int(r["step"]) for r in rows]
    assert run.series["train_loss"].values.tolist() == [float(r["train/nll_loss"]) for r in rows]
    assert "val_loss" not in run.series


def test_ultralytics_tensorboard_scalars_sum_their_loss_components() -> None:
    # Ultralytics' TensorBoard callback writes results.csv's columns, an epoch a point
    # ("train/box_loss", "train/cls_loss", "train/dfl_loss", "val/...", "metrics/mAP50(B)"):
    # each split's loss is the sum of its components, as results.csv is read (a real run)
    pytest.importorskip("tensorboard")
    from capdiag.load import load_run
    from capdiag.parsers.tensorboard import _read

    folder = ROOT / "bench/corpus/tw-yolov8n-vehicles-adam-10ep-tensorboard-healthy/tb"
    run = load_run(folder)
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    scalars, _ = _read(folder, EventAccumulator)
    for split, name in (("train", "train_loss"), ("val", "val_loss")):
        parts = [scalars[f"{split}/{c}_loss"][1] for c in ("box", "cls", "dfl")]
        assert run.series[name].values.tolist() == pytest.approx(sum(parts).tolist())


CORPUS = Path(__file__).resolve().parent.parent / "bench" / "corpus"


def _entries_in_text(path: Path) -> list[dict[str, Any]]:
    """The oracle: the whole log entries of a pasted trainer_state.json, found by a
    bracket count (not the parser's pattern), each parsed by json."""
    text, entries, depth, start = path.read_text(), [], 0, 0
    for i, char in enumerate(text):
        if char == "{":
            depth, start = depth + 1, i
        elif char == "}" and depth:
            depth -= 1
            try:
                entry = json.loads(text[start : i + 1])
            except ValueError:
                continue
            if isinstance(entry, dict) and "step" in entry:
                entries.append(entry)
    return entries


def test_pasted_trainer_state_fragment_is_read_and_its_nan_named() -> None:
    # an issue's paste of trainer_state.json, cut off after the step-1500 eval: eval_loss
    # NaN at every eval and the train loss 0.0 from step 1000 (labelled divergence)
    path = CORPUS / "up-issue-tencent-w2v2-zh-ft-ctc-evalnan-loss0-wer1"
    log = path / "issue22_trainer_state_excerpt.txt"
    assert detect_format(log) is hf_trainer
    run = load_run(log)
    entries = _entries_in_text(log)
    losses = [(e["step"], e["loss"]) for e in entries if "loss" in e]
    train = run.metric("train_loss")
    assert train is not None and list(zip(train.steps, train.values, strict=True)) == losses
    assert any("not a whole document" in note for note in run.notes)
    assert "divergence" in {f.rule for f in analyze(run).findings}


def test_log_history_dump_under_another_name_is_read_and_silent() -> None:
    # a healthy QLoRA SFT whose repo dumped the Trainer's history as raw_log_history (steps
    # as 5.0), with per-metric lists beside it
    path = CORPUS / "wu-qwen25-1p5b-qlora-json-extract-sft-3ep-healthy"
    log = path / "sft-full-colab_sft_history.json"
    assert detect_format(log) is hf_trainer
    run = load_run(log, path / "sft-full-colab_sft_summary.json")
    raw = json.loads(log.read_text())["raw_log_history"]
    losses = [(int(e["step"]), e["loss"]) for e in raw if "loss" in e]
    train = run.metric("train_loss")
    assert train is not None and list(zip(train.steps, train.values, strict=True)) == losses
    findings = analyze(run).findings
    assert not [f for f in findings if f.severity is not Severity.info], findings


def test_text_with_json_lines_is_not_a_pasted_trainer_state() -> None:
    # one object per line (JSONL) has no indented "step" lines: not claimed as a fragment
    head = b'{"epoch": 0.1, "loss": 2.0, "step": 10}\n{"epoch": 0.2, "loss": 1.9, "step": 20}\n'
    assert hf_trainer.sniff(Path("log.jsonl"), head) == 0
