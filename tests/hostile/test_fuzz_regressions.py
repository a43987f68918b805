"""One small reproducer for each root cause the fuzzer (fuzz/run.py) found, run in-process
through the fuzzer's own check: the analysis and every output format, JSON against the
schema. Each crashed before its fix with an exception other than the input error."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA, ROOT, SEED_LOG

sys.path.insert(0, str(ROOT / "fuzz"))
from target import Rejected, check

DIGITS = "9" * 25  # past int64
Case = tuple[Path, dict[str, Any]]


def _replace_first(src: Path, dst: Path, old: str, new: str) -> Path:
    text = src.read_text(encoding="utf-8")
    assert old in text, old
    dst.write_text(text.replace(old, new, 1), encoding="utf-8")
    return dst


def _mlflow_run_copy(tmp: Path, run_id: str) -> Path:
    """A copy of one of the tests' MLflow file-store runs, to mutate."""
    run = next((DATA / "mlflow" / "mlruns").glob(f"*/{run_id}"))
    copy = tmp / run.name
    shutil.copytree(run, copy)
    return copy


def lightning_field_past_the_csv_limit(tmp: Path) -> Case:
    run = tmp / "version_0"
    shutil.copytree(DATA / "lightning" / "healthy" / "version_0", run)
    with (run / "metrics.csv").open("a") as out:
        out.write("x" * 200_000 + "\n")
    return run, {}


def ultralytics_field_past_the_csv_limit(tmp: Path) -> Case:
    run = tmp / "train"
    shutil.copytree(ROOT / "bench/corpus/ro-yolov8n-helmet-50ep-healthy/runs/detect/train", run)
    with (run / "results.csv").open("a") as out:
        out.write("51," + "x" * 200_000 + "\n")
    return run, {}


def json_line_with_an_int_past_float_range(tmp: Path) -> Case:
    log = tmp / "train.log"
    # JSON lines among plain ones (as a W&B output.log holds them): the text format's
    lines = [f'{{"epoch": {i}, "step": {5 * i}, "loss": {7.1 - i / 10}}}' for i in range(6)]
    lines.append('{"epoch": 6, "step": 30, "loss": ' + DIGITS * 16 + "}")  # 400 digits
    text = "".join(f"{line}\nmodel saved in checkpoint\nvalidating\n" for line in lines)
    log.write_text(text)
    return log, {}


def finite_evaluations_and_every_training_loss_nan(tmp: Path) -> Case:
    src = ROOT / "bench/corpus/rc-hector-llmc-gpt2-124m-nan-from-step0/gpt2_train.11679031.log"
    log = tmp / "gpt2_train.log"
    log.write_text(src.read_text().replace("val loss nan", "val loss 3.5"))
    return log, {}


def nanogpt_learning_rate_zero(tmp: Path) -> Case:
    src = ROOT / "bench/corpus/rf-nanogpt-issue210-gpt2-finetune-nan-iter1/train.log"
    log = _replace_first(src, tmp / "train.log", "learning_rate = 3e-5", "learning_rate = 0")
    return log, {}


def megatron_step_time_near_float_max(tmp: Path) -> Case:
    src = ROOT / "bench/corpus/mg-bloom176b-lm-loss-spike/tr11-176B-ml-chronicles-spike.log"
    old = "elapsed time per iteration (s): 106.40"
    log = _replace_first(src, tmp / "spike.log", old, "elapsed time per iteration (s): 1e308")
    return log, {}


def build_nanogpt_step_time_and_rate_near_float_max(tmp: Path) -> Case:
    src = ROOT / (
        "bench/corpus/rd-buildnanogpt-gpt2-124m-8xv100-fp16-gradaccum-unscaled/"
        "log/rec_202411011055_basically_works.txt"
    )
    old = "dt: 27239.95ms | tok/sec: 19247.02"
    log = _replace_first(src, tmp / "train.txt", old, "dt: 1e308ms | tok/sec: 1e308")
    return log, {}


def forced_folder_formats_on_an_empty_folder(tmp: Path) -> Case:
    return tmp, {"log_format": "lightning"}


def forced_tensorboard_on_an_empty_folder(tmp: Path) -> Case:
    return tmp, {"log_format": "tensorboard"}


def forced_hf_trainer_on_an_empty_folder(tmp: Path) -> Case:
    return tmp, {"log_format": "hf_trainer"}


def two_thousand_restarts(tmp: Path) -> Case:
    block = "".join(
        f"iter {i}: loss {4 - i * 0.1:.3f}, time 10.00ms, mfu 1.00%\n" for i in range(11)
    )
    log = tmp / "train.log"
    log.write_text(block * 2000)
    return log, {}


def llmc_step_of_5000_digits(tmp: Path) -> Case:
    log = tmp / "main.log"
    lines = [f"s:{i} trl:{4 - i * 0.01:.4f}" for i in range(50)] + ["s:" + "9" * 5000 + " trl:3.0"]
    log.write_text("\n".join(lines) + "\n")
    return log, {}


def megatron_iteration_past_int64(tmp: Path) -> Case:
    src = DATA / "megatron" / "epfllm_issue11_a.log"
    return _replace_first(src, tmp / src.name, "iteration      123/", f"iteration {DIGITS}/"), {}


def torchtitan_step_past_int64(tmp: Path) -> Case:
    src = DATA / "torchtitan" / "pr1287_llama3_8b.log"
    return _replace_first(src, tmp / src.name, "step: 210 ", f"step: {DIGITS} "), {}


def nanochat_step_past_int64(tmp: Path) -> Case:
    src = (
        ROOT
        / "bench"
        / "corpus"
        / "lc-nanochat-rtx4070-d18-resume-20k"
        / "base-d18-resume_20k_2026-02-10_2126.txt"
    )
    return _replace_first(src, tmp / src.name, "step 05001/", f"step {DIGITS}/"), {}


def hf_trainer_step_past_float(tmp: Path) -> Case:
    state = json.loads((DATA / "hf_trainer" / "healthy" / "trainer_state.json").read_text())
    state["log_history"][1]["step"] = 10**400
    state["log_history"][2]["loss"] = 10**400
    (tmp / "trainer_state.json").write_text(json.dumps(state))
    return tmp / "trainer_state.json", {}


def jsonl_step_past_int64(tmp: Path) -> Case:
    src = DATA / "jsonl" / "healthy" / "metrics.jsonl"
    return _replace_first(src, tmp / src.name, '"iter": 3,', f'"iter": {DIGITS},'), {}


def dataset_name_too_long_for_a_path(tmp: Path) -> Case:
    text = SEED_LOG.read_text().replace("dataset = 'fineweb'", "dataset = '" + "x" * 5000 + "'")
    (tmp / "train.log").write_text(text)
    return tmp / "train.log", {}


def wandb_metadata_nested_past_recursion(tmp: Path) -> Case:
    shutil.copytree(DATA / "wandb" / "healthy", tmp / "wandb")
    run = next((tmp / "wandb").glob("offline-run-*"))
    (run / "files" / "wandb-metadata.json").write_text("[" * 100_000 + "]" * 100_000)
    return run, {}


def yaml_int_of_5000_digits(tmp: Path) -> Case:
    run = tmp / "version_0"
    shutil.copytree(DATA / "lightning" / "healthy" / "version_0", run)
    (run / "hparams.yaml").write_text("n_layer: " + "9" * 5000 + "\n")
    return run, {}


def config_value_past_float_range(tmp: Path) -> Case:
    config = tmp / "config.py"
    config.write_text(
        "n_layer = 10**300 * 10**300\nbatch_size = -8\n"
        "gradient_accumulation_steps = 1e400\nmax_iters = 1e999\nn_head = 0\n"
    )
    return SEED_LOG, {"config_path": config, "gpu": "RTX 4070"}


def unary_minus_on_a_list(tmp: Path) -> Case:
    config = tmp / "config.py"
    config.write_text("n_layer = -[]\ndropout = -'x'\n")
    return SEED_LOG, {"config_path": config}


def nanogpt_vocab_of_5000_digits(tmp: Path) -> Case:
    text = SEED_LOG.read_text() + "found vocab_size = " + "9" * 5000 + " (inside x)\n"
    (tmp / "train.log").write_text(text)
    return tmp / "train.log", {}


def half_a_head(tmp: Path) -> Case:
    config = tmp / "config.py"
    config.write_text("n_head = 0.5\nn_embd = 65\n")
    return SEED_LOG, {"config_path": config}


def text_log_with_an_infinite_step(tmp: Path) -> Case:
    lines = [f"step: {i} loss: {4 - i * 0.01:.3f}" for i in range(40)] + ["step: inf loss: 1.0"]
    (tmp / "train.log").write_text("\n".join(lines) + "\n")
    return tmp / "train.log", {"log_format": "text"}


def build_nanogpt_step_past_int64(tmp: Path) -> Case:
    src = ROOT / "bench" / "corpus" / "rc-agndm-buildnanogpt-124m-3epoch-timelimit"
    log = src / "log_2.5_epoch_full" / "log.txt"
    first = log.read_text().splitlines()[1]
    return _replace_first(log, tmp / "log.txt", first, DIGITS + " train 3.0"), {}


def trainer_stdout_epoch_nan(tmp: Path) -> Case:
    src = DATA / "hf_trainer" / "badinit" / "stdout.log"
    return _replace_first(src, tmp / "stdout.log", "'epoch': '0.002558'", "'epoch': 'nan'"), {}


def build_nanogpt_parameter_count_of_5000_digits(tmp: Path) -> Case:
    src = ROOT / "bench" / "corpus" / "rd-buildnanogpt-gpt2-124m-2xh100-epoch1" / "log"
    log = src / "train-2x-h100-epoch-1.log"
    return _replace_first(
        log, tmp / log.name, "with 124,354,560 parameters", "with " + "9" * 5000 + " parameters"
    ), {}


def grad_norms_none_finite(tmp: Path) -> Case:
    """The fuzzer's own reproducer (a mutated public Trainer log), kept as it was saved."""
    return Path(__file__).parent / "data" / "grad_norm_all_nan_record.log", {}


def mlflow_negative_eval_iters(tmp: Path) -> Case:
    """eval_iters = -1 in a run's params: every rule's evaluation noise took its square root."""
    copy = _mlflow_run_copy(tmp, "bdd1dfd9eab94cd9b71d32ad9c3f8c5d")
    (copy / "params" / "eval_iters").write_text("-1")
    return copy, {"gpu": "A100 SXM 80GB"}


def nanochat_header_numbers_that_are_not_numbers(tmp: Path) -> Case:
    """'Estimated FLOPs per token: -', 'Tokens : Scaling params ratio: .' and
    'Validation bpb: -' in a real log."""
    log = next(
        (ROOT / "bench" / "corpus" / "rd-nanochat-h200-d12-dense-sweep-baseline").glob("*.log")
    )
    text = log.read_text(encoding="utf-8")
    text = text.replace(
        "Estimated FLOPs per token (total):  7.384666e+08",
        "Estimated FLOPs per token (total):  -",
        1,
    )
    text = text.replace(
        "Tokens : Scaling params ratio: 10.50", "Tokens : Scaling params ratio: .", 1
    )
    text = text.replace("| Validation bpb: 0.860696 ", "| Validation bpb: - ", 1)
    out = tmp / log.name
    out.write_text(text, encoding="utf-8")
    return out, {}


def trainer_state_infinite_tokens_seen(tmp: Path) -> Case:
    """'num_input_tokens_seen': Infinity in a real trainer_state.json (found by CI's fuzz)."""
    state = next((DATA / "hf_trainer").rglob("trainer_state.json"))
    data = json.loads(state.read_text(encoding="utf-8"))
    data["log_history"][0]["num_input_tokens_seen"] = float("inf")
    out = tmp / "trainer_state.json"
    out.write_text(json.dumps(data), encoding="utf-8")
    return out, {}


def adapter_config_nested_past_recursion(tmp: Path) -> Case:
    """An adapter_config.json nested past Python's recursion limit beside a real
    trainer_state.json: json.loads raised RecursionError (the final 30-minute fuzz run)."""
    run = ROOT / "bench" / "corpus" / "rf-hf-mistral7b-medical-lora-unsloth-1ep"
    out = tmp / "run"
    shutil.copytree(run, out)
    (out / "adapter_config.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    return out, {}


def trainer_stdout_logging_steps_of_400_digits(tmp: Path) -> Case:
    """An argument dump's logging_steps past float range: the step grid's tolerance overflowed
    (found by the extreme-values sweep, tests/hostile/test_extreme_values.py's idea)."""
    log = ROOT / "bench/corpus/hf-llama7b-alpaca-lora-constant-lr/log/record.log"
    return _replace_first(
        log, tmp / log.name, "logging_steps: 10", "logging_steps: " + "9" * 400
    ), {}


def nanochat_scaling_ratio_below_the_smallest_float(tmp: Path) -> Case:
    """'Tokens : Scaling params ratio: 1e-320': planned tokens over it are inf, and round()
    of inf raised OverflowError."""
    log = next((ROOT / "bench/corpus/lc-nanochat-rtx4070-cpu-fallback-probe").glob("*.log"))
    old = "Tokens : Scaling params ratio: 0.00"
    return _replace_first(log, tmp / log.name, old, "Tokens : Scaling params ratio: 1e-320"), {}


def out_of_memory_size_of_400_digits(tmp: Path) -> Case:
    """'Tried to allocate 999...9 MiB': the size parser's int() of inf raised OverflowError."""
    src = ROOT / "bench/corpus/lt-jackokeefe-enwikchar-oom-wandb/wandb"
    log = next(src.rglob("output.log"))
    old = "Tried to allocate 48.00 MiB"
    return _replace_first(log, tmp / log.name, old, f"Tried to allocate {'9' * 400} MiB"), {}


def out_of_memory_size_with_two_points(tmp: Path) -> Case:
    """'Tried to allocate 1.2.3 GiB': float() of it raised ValueError inside the crash rule."""
    src = ROOT / "bench/corpus/lt-jackokeefe-enwikchar-oom-wandb/wandb"
    log = next(src.rglob("output.log"))
    old = "Tried to allocate 48.00 MiB"
    return _replace_first(log, tmp / log.name, old, "Tried to allocate 1.2.3 GiB"), {}


def lightning_devices_past_float_range(tmp: Path) -> Case:
    """hparams.yaml with a 400-digit `devices`: float() of it raised OverflowError while the
    world size was read (found by fuzz/extremes.py over the corpus)."""
    src = ROOT / "bench/corpus/lt-bvoja-gpttt-shakechar-lightning/lightning_logs/version_0"
    run = tmp / "version_0"
    shutil.copytree(src, run)
    _replace_first(
        run / "hparams.yaml", run / "hparams.yaml", "devices: 2", "devices: " + "9" * 400
    )
    return run, {}


def world_size_of_5000_digits(tmp: Path) -> Case:
    """'world_size:' and 5,000 digits in a log's launcher lines: int() raised ValueError
    (found by the first 30-minute fuzz run of this stop)."""
    log = ROOT / "bench/corpus/rr-paramgolf-27m-8gpu-wallclock-cap/aggressive_seed1337.log"
    return _replace_first(log, tmp / log.name, "world_size:8 ", f"world_size:{'9' * 5000} "), {}


def mlflow_eval_iters_below_the_smallest_float(tmp: Path) -> Case:
    """eval_iters = 1e-320 in a run's params: eval-noise's suggested eval_iters overflowed
    (found by the first 30-minute fuzz run of this stop)."""
    copy = _mlflow_run_copy(tmp, "b64a59f74e1f4313a57cec837163e1d9")
    (copy / "params" / "eval_iters").write_text("1e-320")
    return copy, {}


def mlflow_start_time_past_float_range(tmp: Path) -> Case:
    """meta.yaml's start_time: 1.7e308 (a string to YAML 1.1): int() raised ValueError (found
    by the extreme-values sweep, when a new MLflow run became its format's smallest)."""
    copy = _mlflow_run_copy(tmp, "bdd1dfd9eab94cd9b71d32ad9c3f8c5d")
    meta = copy / "meta.yaml"
    text = meta.read_text()
    start = next(line for line in text.splitlines() if line.startswith("start_time:"))
    meta.write_text(text.replace(start, "start_time: 1.7e308"))
    return copy, {}


def mlflow_db_with_a_damaged_schema(tmp: Path) -> Case:
    """Six bytes that are not UTF-8 inside a table's schema in mlflow.db: reading
    sqlite_master raised UnicodeDecodeError (found by the final 30-minute fuzz run)."""
    data = (DATA / "mlflow" / "mlflow.db").read_bytes()
    cut = data.index(b"FOREIGN KEY(experiment", 899_000) + 2
    out = tmp / "mlflow.db"
    out.write_bytes(data[:cut] + b"\xb6\x0e\xcf\xd3|P" + data[cut:])
    return out, {}


def wandb_trainer_dicts_with_every_learning_rate_nan(tmp: Path) -> Case:
    """A W&B run whose output.log Trainer dicts all print learning_rate nan, beside a config
    with a cosine schedule: lr-schedule took the max of no finite rate (found by the final
    30-minute fuzz run, which replaced every number at once)."""
    import re

    src = ROOT / "bench/corpus/rp-wandb-indicbert-bengali-cls-40ep-gradnorm-1e6/wandb"
    run = next(src.iterdir())
    copy = tmp / run.name
    shutil.copytree(run, copy)
    log = copy / "files" / "output.log"
    text = log.read_text(encoding="utf-8")
    log.write_text(re.sub(r"'learning_rate': [^,}]+", "'learning_rate': nan", text))
    return copy, {}


def mlflow_eval_interval_below_the_smallest_float(tmp: Path) -> Case:
    """eval_interval = 1e-320: throughput's stall period over it was inf, and round() of it
    raised OverflowError (found by the last 30-minute fuzz run of this stop)."""
    copy = _mlflow_run_copy(tmp, "bdd1dfd9eab94cd9b71d32ad9c3f8c5d")
    (copy / "params" / "eval_interval").write_text("1e-320")
    return copy, {}


def tokens_per_step_claim_with_a_subnormal_batch(tmp: Path) -> Case:
    """batch_size = block_size = 1e-320 beside a tokens-per-step comment: the fix divided the
    claim by their product, which underflows to 0 (found by the last 30-minute fuzz run)."""
    config = tmp / "config.py"
    src = (ROOT / "examples" / "configs" / "seed_gpt2_fineweb_rtx4070_fixed.py").read_text()
    lines = [
        line.split("=")[0] + "= 1e-320"
        if line.startswith(("batch_size =", "block_size ="))
        else line
        for line in src.splitlines()
    ]
    claim = next(line for line in lines if line.startswith("# ~0.5M tokens per step"))
    text = "\n".join(lines).replace(claim, "# 2,000,000 tokens per step")
    config.write_text(text + "\n")
    return SEED_LOG, {"config_path": config, "gpu": "A100 SXM 80GB"}


CASES: list[Callable[[Path], Case]] = [
    tokens_per_step_claim_with_a_subnormal_batch,
    mlflow_eval_interval_below_the_smallest_float,
    wandb_trainer_dicts_with_every_learning_rate_nan,
    mlflow_db_with_a_damaged_schema,
    mlflow_start_time_past_float_range,
    mlflow_eval_iters_below_the_smallest_float,
    world_size_of_5000_digits,
    lightning_devices_past_float_range,
    trainer_stdout_logging_steps_of_400_digits,
    nanochat_scaling_ratio_below_the_smallest_float,
    out_of_memory_size_of_400_digits,
    out_of_memory_size_with_two_points,
    ultralytics_field_past_the_csv_limit,
    json_line_with_an_int_past_float_range,
    finite_evaluations_and_every_training_loss_nan,
    nanogpt_learning_rate_zero,
    megatron_step_time_near_float_max,
    build_nanogpt_step_time_and_rate_near_float_max,
    lightning_field_past_the_csv_limit,
    forced_folder_formats_on_an_empty_folder,
    forced_tensorboard_on_an_empty_folder,
    forced_hf_trainer_on_an_empty_folder,
    llmc_step_of_5000_digits,
    megatron_iteration_past_int64,
    torchtitan_step_past_int64,
    nanochat_step_past_int64,
    hf_trainer_step_past_float,
    jsonl_step_past_int64,
    dataset_name_too_long_for_a_path,
    wandb_metadata_nested_past_recursion,
    yaml_int_of_5000_digits,
    config_value_past_float_range,
    unary_minus_on_a_list,
    nanogpt_vocab_of_5000_digits,
    half_a_head,
    text_log_with_an_infinite_step,
    build_nanogpt_step_past_int64,
    trainer_stdout_epoch_nan,
    build_nanogpt_parameter_count_of_5000_digits,
    grad_norms_none_finite,
    mlflow_negative_eval_iters,
    nanochat_header_numbers_that_are_not_numbers,
    trainer_state_infinite_tokens_seen,
    adapter_config_nested_past_recursion,
]


@pytest.mark.parametrize("make", CASES, ids=[c.__name__ for c in CASES])
def test_a_root_cause_the_fuzzer_found(tmp_path: Path, make: Callable[[Path], Case]) -> None:
    path, options = make(tmp_path)
    try:
        check(path, options)
    except Rejected:
        assert make.__name__.startswith(
            ("forced_", "lightning_field", "ultralytics_field", "mlflow_db")
        )  # input errors


def test_two_thousand_restarts_give_at_most_ten_findings(tmp_path: Path) -> None:
    from capdiag.many import analyze_path

    log, _ = two_thousand_restarts(tmp_path)
    report = analyze_path(log)
    assert 0 < sum(f.rule == "resume" for f in report.findings) <= 10
    assert any("more findings like these" in note for note in report.run.notes)
