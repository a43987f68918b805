"""Readers taught by held-out runs: OpenNMT-py, a plain log under a Trainer's warnings, a
Megatron dump cut short, a Megatron test case's YAML, a notebook's parameter cell."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
import yaml
from conftest import ROOT

from capdiag.analysis import analyze
from capdiag.findings import Severity
from capdiag.load import detect_format, load_run
from capdiag.messages import classify
from capdiag.parsers.hf_trainer import read_script, script_training_args
from capdiag.parsers.megatron import model_config_args
from capdiag.rules.lr_schedule import LrSchedule
from capdiag.run import DEIT_LOG, SPEECHBRAIN_LOG

CORPUS = ROOT / "bench" / "corpus"


def corpus_files(run_id: str) -> tuple[Path, Path | None]:
    label = yaml.safe_load((CORPUS / run_id / "label.yaml").read_text())
    config = CORPUS / run_id / label["config"] if label.get("config") else None
    return CORPUS / run_id / label["log"], config


def test_opennmt_step_lines_and_validation_perplexity() -> None:
    log, _ = corpus_files("vl-opennmt-transformer-poetry-lr-decayed-to-zero")
    run = load_run(log)
    train = run.series["train_loss"]
    # "Step 380000/1000000; acc: 42.02; ppl: 55.22; xent: 4.01; ..." (xent in nats)
    assert train.steps.tolist() == [380000, 509900, 509950, 510000]
    assert train.values.tolist() == [4.01, 4.02, 3.98, 3.96]
    # the oracle for "loss = ln(perplexity)" is the log itself: each step line prints both
    for line in log.read_text().splitlines():
        if "; ppl: " in line and "; xent: " in line:
            ppl = float(line.split("; ppl: ")[1].split(";")[0])
            xent = float(line.split("; xent: ")[1].split(";")[0])
            assert abs(math.log(ppl) - xent) < 0.006  # both rounded to two decimals
    # "Validation perplexity: 56.168" after step 380000 and after step 510000
    val = run.series["val_loss"]
    assert val.steps.tolist() == [380000, 510000]
    assert np.allclose(val.values, math.log(56.168))


def test_opennmt_epoch_lines_count_batches_since_the_start() -> None:
    log, _ = corpus_files("vl-opennmt-rnn-nmt-epoch1-ppl-explosion")
    train = load_run(log).series["train_loss"]
    # "Epoch  1, 12900/37527; ... xent:  10.47;": batch 12900 of the first epoch (the
    # pasted excerpt's first line lost its "E" and is no record)
    assert train.steps[0] == 12900 and train.values[0] == 10.47
    assert train.steps[-1] == 13400 and train.values[-1] == 9.95


def test_a_plain_log_under_a_trainers_warnings_is_read_as_text() -> None:
    log, _ = corpus_files("vl-hf-qwen3-1.7b-lora-adcampaign-sft-healthy")
    assert detect_format(log).NAME == "hf_trainer"  # its warnings look like the Trainer's
    run = load_run(log)
    assert run.format == "text"
    assert any("the Hugging Face Trainer reader found no loss" in n for n in run.notes)
    train = run.series["train_loss"]
    assert train.steps[0] == 10 and train.values[0] == 2.601831  # "step=10 | loss=2.601831"
    assert len(run.series["lr"]) == 61


def test_a_log_its_format_reads_is_not_read_again_as_text() -> None:
    log, _ = corpus_files("sa-hf-stdout-llamafactory-3753-llama3-lora-healthy")
    run = load_run(log)
    assert run.format == "hf_trainer" and len(run.series["train_loss"])
    assert not any("found no loss" in n for n in run.notes)


def test_a_qualified_step_key_and_a_named_network_loss() -> None:
    log, _ = corpus_files("vl-verse-spine-unet-fp16-nan-iter100")
    run = load_run(log)
    # "train iter: 100 loss_net: nan loss_scale: 785.4200 norm: nan ..."
    loss = run.series["train_loss"]
    assert loss.steps.tolist() == [0, 100, 200]
    assert loss.values[0] == 0.9443 and np.isnan(loss.values[1:]).all()
    found = {f.rule: f for f in analyze(run).findings}
    assert found["divergence"].severity is Severity.error
    assert "step 100" in found["divergence"].title


def test_a_megatron_argument_dump_cut_short_still_reads_the_iterations() -> None:
    log, _ = corpus_files("si-rocm-megablocks-gpt2-125m-mi300x-healthy")
    run = load_run(log)
    assert run.format == "megatron"
    assert run.series["train_loss"].values.tolist() == [7.64356, 5.360341, 4.640055]
    # at 1000, at 2000, and "at the end of training for val data" (after 2000)
    assert run.series["val_loss"].steps.tolist() == [1000, 2000, 2000]
    assert run.config.get("adam_beta2") == 0.999  # the dump's lines before the cut


def test_a_megatron_test_case_yaml_is_the_golden_values_config() -> None:
    run_id = "vi-megatron-gpt3-15b-8t-release-v080-first-2924it-rampup-never-ends-lr-horizon-100x"
    log, config = corpus_files(run_id)
    run = load_run(log, config)
    c = run.config
    assert c.number("learning_rate") == 0.00045
    assert c.origins["learning_rate"] == "model_config.yaml"
    assert c.source("learning_rate") == "config"
    assert c.native("learning_rate") == "--lr"
    assert c.number("n_layer") == 32 and c.native("n_layer") == "--num-layers"
    assert run.fine_tune is None  # --load: its own checkpoints or a base model, unsaid
    assert c.get("dtype") == "bfloat16"


def test_model_config_args_only_for_model_args() -> None:
    assert model_config_args({"MODEL_ARGS": {"--num-layers": 2, "--lr": 1e-4}}) == {
        "num_layers": 2,
        "lr": 1e-4,
    }
    assert model_config_args({"MODEL_ARGS.--seq-length": 4096, "TEST_TYPE": "release"}) == {
        "seq_length": 4096
    }
    assert model_config_args({"model": {"num_layers": 2}, "lr": 1e-4}) is None
    assert model_config_args({"MODEL_ARGS": "none", "--lr": 1e-4}) is None


def test_a_notebook_parameter_cell_is_read_for_the_trainer() -> None:
    log, config = corpus_files("vj-starcoder2-3b-qlora-sft-grad-clip-every-step")
    assert config is not None and config.suffix == ".py"
    run = load_run(log, config)
    assert run.config.number("grad_clip") == 0.3  # "max_grad_norm = 0.3"
    assert run.config.origins["grad_clip"] == f"{config.name} (TrainingArguments)"
    assert run.config.unread is None


def test_a_parameter_cell_needs_three_trainer_fields() -> None:
    cell = "max_grad_norm = 0.3\nlearning_rate = 2e-4\nlr_scheduler_type = 'cosine'\n"
    assert script_training_args(cell) == {
        "max_grad_norm": 0.3,
        "learning_rate": 2e-4,
        "lr_scheduler_type": "cosine",
    }
    assert script_training_args("learning_rate = 2e-4\nseed = 1\nbatch = 8\n") is None


def test_trainer_dicts_quoted_in_markdown() -> None:
    log, _ = corpus_files("vm-alignment-handbook-zephyr-sft-16gb-3857s-per-step")
    assert detect_format(log).NAME == "hf_trainer"
    run = load_run(log)
    # "> {'loss': 1.0238, 'learning_rate': 1.2462789068320016e-05, 'epoch': 0.42}"
    train = run.series["train_loss"]
    assert len(train) == 11 and train.values[0] == 1.0238 and train.values[-1] == 1.0106


def test_a_line_that_starts_with_its_step_of_the_planned_ones() -> None:
    log, _ = corpus_files("vq-paramgolf-loop-36m-50steps-timeout-kill")
    run = load_run(log)
    # "40/20000 train_loss: 5.3102 train_time: 9.6m tok/s: 54668 looping:False"
    train = run.series["train_loss"]
    assert train.steps.tolist() == [1, 2, 3, 4, 5, 20, 40]
    assert train.values[1] == 12.1515
    # "50/20000 val_loss: 5.1839 val_bpb: 2.0069"
    assert run.series["val_loss"].steps.tolist() == [0, 50]


def test_dllogger_training_iterations_and_step_loss() -> None:
    # NVIDIA DeepLearningExamples' DLLogger: "DLL <time> - Training Epoch: 1 Training
    # Iteration: 2872  step_loss : 0.6953...  learning_rate : 1.58e-05"
    log, _ = corpus_files("vt-dle-bert-large-squad-ft-epoch1-healthy")
    run = load_run(log)
    assert detect_format(log).NAME == "text"
    lines = [ln for ln in log.read_text().splitlines() if "step_loss" in ln]
    steps = [int(ln.split("Training Iteration: ")[1].split()[0]) for ln in lines]
    losses = [float(ln.split("step_loss : ")[1].split()[0]) for ln in lines]
    assert run.series["train_loss"].steps.tolist() == steps
    assert run.series["train_loss"].values.tolist() == losses
    assert steps[:2] == [2872, 2922] and len(steps) == 9


def test_epoch_and_batch_of_batches_count_updates_since_the_start() -> None:
    # "Epoch:  16 | Batch:   920/ 1330 | ...": batch 920 of 1330 in epoch 16, a step count
    # that goes on across epochs (it was read as 14 relaunches of the script)
    log, _ = corpus_files("vu-pytorch-transformer-iwslt14-train-val-gap-overfit")
    run = load_run(log)
    steps = run.series["train_loss"].steps
    assert run.runs_in_log == 1 and bool(np.all(np.diff(steps) > 0))
    assert int(steps[1] - steps[0]) == 10  # "Batch: 920/ 1330", then "Batch: 930/ 1330"
    # epoch 17's batch 0 comes 1330 - 920 batches after epoch 16's batch 920 (the first line)
    lines = [ln for ln in log.read_text().splitlines() if "| Batch:" in ln]
    assert lines[0].startswith("Epoch:  16 | Batch:   920/ 1330")
    at = next(i for i, ln in enumerate(lines) if ln.startswith("Epoch:  17 | Batch:     0/"))
    assert int(steps[at] - steps[0]) == 1330 - 920


def test_a_running_clock_is_read_as_its_rise_per_step() -> None:
    # "Time: 266.5s" counts from the epoch's start: the step time is its rise per batch
    log, _ = corpus_files("vu-pytorch-transformer-iwslt14-train-val-gap-overfit")
    run = load_run(log)
    times = run.series["step_time_ms"]
    lines = [ln for ln in log.read_text().splitlines() if "| Batch:" in ln]
    clock = [float(ln.split("Time:")[1].strip().rstrip("s")) for ln in lines[:3]]
    # batches 920, 930, 940 of epoch 16: 10 batches between lines
    expected = [(clock[1] - clock[0]) * 1000 / 10, (clock[2] - clock[1]) * 1000 / 10]
    assert np.allclose(times.values[:2], expected, rtol=1e-9)
    assert "running clock" in times.description
    # a step time printed per step is kept as printed (nanoGPT's "time 13.2ms")
    seed = load_run(ROOT / "examples/logs/seed_gpt2_fineweb_rtx4070.log")
    assert "running clock" not in seed.series["step_time_ms"].description


def test_detectron2_planned_iterations_from_its_eta() -> None:
    # metrics.json states the time left (eta_seconds) beside each record's iteration time
    log, _ = corpus_files("vw-detectron2-faster-rcnn-water-meters-warmup-until-first-step")
    records = [json.loads(line) for line in log.read_text().splitlines() if line.strip()]
    estimates = sorted(
        r["iteration"] + 1 + r["eta_seconds"] / r["time"]
        for r in records
        if "eta_seconds" in r and r.get("time")
    )
    run = load_run(log)
    assert run.config.values["max_iters"] == round(estimates[len(estimates) // 2])
    assert run.config.origins["max_iters"] == "log"
    # a finished run's last record has no time left: one past its last iteration, exactly
    log, _ = corpus_files("vw-detectron2-maskrcnn-fish-cpu-warmup-equals-maxiter")
    last = json.loads(log.read_text().splitlines()[-1])
    assert last["eta_seconds"] == 0
    assert load_run(log).config.values["max_iters"] == last["iteration"] + 1


def test_the_whole_run_in_warmup_on_detectron2_metrics() -> None:
    # WARMUP_ITERS = MAX_ITER = 1000: the rate rises to the last iteration of a finished run
    log, _ = corpus_files("vw-detectron2-maskrcnn-fish-cpu-warmup-equals-maxiter")
    [finding] = LrSchedule().check(load_run(log))
    assert finding.severity == Severity.warning and "whole run was warmup" in finding.title


def test_an_mlflow_params_folder_as_the_config() -> None:
    folder = CORPUS / "wa-mlflow-lightning-mnist-mlp-adam-5ep-healthy/mlruns/0"
    run_dir = next(p for p in folder.iterdir() if p.is_dir())
    run = load_run(run_dir, run_dir / "params")
    lr = float((run_dir / "params" / "lr").read_text())
    values, origins = run.config.values, run.config.origins
    assert values["learning_rate"] == lr and origins["learning_rate"] == "config"


def test_a_global_batch_counter_and_a_skipped_nan_update() -> None:
    # "Epoch 1, Global Batch 5, Training Loss: 33.1831, Validation Loss: 11.8694, ..."
    log, _ = corpus_files("vz-t5-large-winogrande-single-sample-val-noise-resume-skips-epoch4")
    run = load_run(log)
    first = next(ln for ln in log.read_text().splitlines() if "Global Batch" in ln)
    assert int(run.series["train_loss"].steps[0]) == 5 and "Global Batch 5," in first
    assert float(run.series["train_loss"].values[0]) == 33.1831
    # "NaN detected in gradients of shared.weight. Skipping update.": the script's guard
    # skipped that update, so no loss went NaN: not a divergence
    skipped = [e for e in run.events if e.code == "nan-update-skipped"]
    assert len(skipped) == 1 and not any(e.kind == "nan" for e in run.events)
    findings = analyze(run).findings
    assert not [f for f in findings if f.rule == "divergence"]


def test_torchvision_metric_logger_and_its_nonfinite_loss_exit() -> None:
    # "Epoch: [0]  [20/60]  eta: ...  loss: 2.6232 (2.4223) ...", then the references'
    # "Loss is inf, stopping training" and sys.exit(1): a divergence at step 20
    log, _ = corpus_files("wd-tv-maskrcnn-pennfudan-tutorial-loss-inf-iter20")
    run = load_run(log)
    assert run.series["train_loss"].steps.tolist() == [0, 10, 20]
    [stop] = [e for e in run.events if e.code == "nonfinite-loss-exit"]
    assert stop.kind == "nan" and stop.step == 20
    [finding] = [f for f in analyze(run).findings if f.rule == "divergence"]
    assert finding.severity == Severity.error
    # a healthy MetricLogger run (LLaMA2-Accessory) is read, and nothing diverges in it
    log, _ = corpus_files("rw-accessory-issue48-mm-sft-3ep-healthy")
    healthy = load_run(log)
    assert len(healthy.series["train_loss"]) > 10
    assert not [f for f in analyze(healthy).findings if f.rule == "divergence"]


def test_a_utf16_text_log_is_read() -> None:
    # PowerShell's `>` writes UTF-16 with a byte-order mark: read as text, line by line
    log, _ = corpus_files("wc-maskrcnn-r50-cells-21val-lr-frozen-slowdown")
    assert log.read_bytes()[:2] == b"\xff\xfe"
    run = load_run(log)
    text = log.read_text(encoding="utf-16")
    assert run.format == "text" and len(run.series["train_loss"]) > 100
    assert f"{run.series['train_loss'].values[0]:.4f}" in text


def test_tokens_per_step_and_rank_prefixes_stated_by_a_nanogpt_fork() -> None:
    # "[train] tokens/iter = 393,216 | ..." and "[rank0]:W0705" / "[rank1]:W0705" warnings
    log, config = corpus_files("wc-nanogpt-seis-120m-ctx4k-13ep-overfit")
    run = load_run(log, config)
    assert run.figures.tokens_per_iter == 393_216
    assert run.source_of("tokens_per_iter") == "log"
    assert (run.num_gpus, run.num_gpus_source) == (2, "log")
    # the config's per-rank product (4 x 12 x 4096) is not what ran
    assert run.figures.tokens_per_iter_config == 196_608


def test_other_wordings_of_tokens_per_step() -> None:
    for run_id, tokens in (
        ("rz-other-biomed-slm-250m-h100", 524_288),  # "Tokens/update: 524,288"
        ("rp-wordplay-shakespeare-char-100it-warmup-whole-run", 131_072),  # "Tokens per iteration"
    ):
        log, config = corpus_files(run_id)
        run = load_run(log, config)
        assert (run.figures.tokens_per_iter, run.source_of("tokens_per_iter")) == (tokens, "log")


def test_no_tokens_per_step_from_a_comment_or_code_and_no_world_from_one_rank(
    tmp_path: Path,
) -> None:
    log = tmp_path / "train.log"
    log.write_text(
        "# Same tokens/iter (393,216) as before\n"
        "    # tokens_per_iter = 8\n"
        "tokens_per_iter = batch_size * block_size\n"
        "[rank1]:W0705 11:05:58.071000 465378 utils.py:1137] a warning\n"
        + "".join(f"step {i}: loss {4 - i / 100:.3f}\n" for i in range(50))
    )
    run = load_run(log)
    assert run.reported.tokens_per_iter is None
    assert (run.num_gpus, run.num_gpus_source) == (1, "assumed")


def test_an_argparse_error_is_a_crash_before_training() -> None:
    log, _ = corpus_files("wf-nanochat-d20-base-train-bad-cli-arg-crash")
    [crash] = [f for f in analyze(load_run(log)).findings if f.rule == "crash"]
    assert crash.severity is Severity.error
    assert "rejected its command line" in crash.title
    assert "unrecognized arguments: --models base" in crash.message
    # prose that mentions such an error is no crash
    assert classify("I got error: unrecognized arguments when I ran it") is None


def test_a_crash_behind_a_progress_bar_or_a_process_tag_names_the_bars_iteration() -> None:
    for run_id, where, name in (
        # " 19%|█▉  | 3237/16700 [3:34:12<38:35:22, 10.32s/it]Traceback (most recent ..."
        ("wh-hf-deepspeed-llama2-7b-ft-oom-step3237-of-16700", "3237 of 16700", "exception"),
        # "(en-hi-spot, pid=18593)   0%|  | 4/1920 [46:58<...][E ProcessGroupNCCL.cpp:475]"
        ("wh-axolotl-qwen-moe-572s-per-it-nccl-timeout-step4", "4 of 1920", "NCCL error"),
    ):
        log, _ = corpus_files(run_id)
        assert detect_format(log).NAME == "text"
        [crash] = [f for f in analyze(load_run(log)).findings if f.rule == "crash"]
        assert f"at iteration {where} (its progress bar)" in crash.title
        assert name in crash.title


def test_trainer_dicts_whose_loss_is_nan_are_the_trainers() -> None:
    # "{'loss': nan, 'grad_norm': nan, 'learning_rate': 4e-05, 'epoch': 0.01}"
    log, _ = corpus_files("wh-unsloth-lora-fp8-rowwise-nan-from-first-log")
    assert detect_format(log).NAME == "hf_trainer"
    found = analyze(load_run(log)).findings
    assert [f.severity for f in found if f.rule == "divergence"] == [Severity.error]
    # its fixed sibling: finite losses, no divergence
    healthy, _ = corpus_files("wh-unsloth-lora-fp8-rowwise-eps-fix-healthy")
    assert detect_format(healthy).NAME == "hf_trainer"
    assert "divergence" not in {f.rule for f in analyze(load_run(healthy)).findings}


def test_a_nanogpt_fork_with_pipe_iter_lines_and_optimizer_groups() -> None:
    # "100 | loss 3.7712 | lr ... | 361.55ms | mfu 3.41%", "decayed params: 113 tensors,
    # 925,009,920 parameters", "non-decayed params: 33 tensors, 67,584 parameters" and
    # "breakdown: ... * ddp_world_size=8 * ..."
    log, _ = corpus_files("wh-camelid-llama-925m-8xa100-32k-tok-step-eval-stalls-mfu-misreported")
    run = load_run(log)
    assert run.format == "nanogpt"
    assert len(run.series["train_loss"]) == len(run.series["step_time_ms"]) > 800
    assert run.series["train_loss"].values[1] == 10.7359
    assert run.reported.n_params == 925_009_920 + 67_584
    assert (run.num_gpus, run.num_gpus_source) == (8, "log")


def test_the_model_a_training_script_loads_makes_a_fine_tune() -> None:
    # train_t5_model.py: "model = T5ForConditionalGeneration.from_pretrained('t5-small')"
    log, config = corpus_files("wg-hf-t5-small-conciseness-copy-labels-warmup-80pct")
    run = load_run(log, config)
    assert (run.fine_tune, run.base_model, run.vocab_size) == (True, "t5-small", 32128)
    # a tokenizer alone, a model built from a config, or a model name the script computes
    for script in (
        "tok = AutoTokenizer.from_pretrained('gpt2')\n",
        "m = AutoModelForCausalLM.from_pretrained('gpt2')\n"
        "m = AutoModelForCausalLM.from_config(AutoConfig.from_pretrained('gpt2'))\n",
        "m = AutoModelForCausalLM.from_pretrained(sys.argv[1])\n",
    ):
        assert read_script(script + "TrainingArguments(learning_rate=1e-4)\n")[1] is None
    assert read_script("NAME = 'gpt2'\nm = GPT2LMHeadModel.from_pretrained(NAME)\n") == (
        None,
        "gpt2",
    )


def test_torch7_char_rnn_lines_lead_with_their_step() -> None:
    # "1/21150 (epoch 0.002), train_loss =    nan, grad/param norm =    nan, time/batch = 2.80s"
    log, _ = corpus_files("wk-char-rnn-tinyshakespeare-cpu-nan-from-step1")
    run = load_run(log)
    assert run.series["train_loss"].steps.tolist() == [1, 2, 3, 4, 5, 6]
    assert [f.rule for f in analyze(run).findings if f.severity is Severity.error] == ["divergence"]


def test_a_grpo_loss_of_zero_is_no_hidden_nan() -> None:
    # TRL GRPO prints 'loss': -0.0 by design; its grad_norm is NaN on every step: the norm
    # is the fault, and no NaN loss is inferred from the zeros
    log, _ = corpus_files("wo-unsloth-grpo-qwen3-4b-lora-gradnorm-nan-every-step")
    run = load_run(log)
    assert run.series["train_loss"].inferred_nan_steps is None
    found = {f.rule: f.severity for f in analyze(run).findings}
    assert found.get("grad-norm") is Severity.error and "divergence" not in found


@pytest.mark.parametrize(
    ("run_id", "framework", "cause"),
    [
        # "epoch: 3, lr: 5.27e-04 - train loss: 71.98 - valid loss: 44.09"
        ("wh-speechbrain-asr-8gpu-ddp-fixed-steps-9ep-healthy", SPEECHBRAIN_LOG, "SpeechBrain"),
        ("un-speechbrain-voxlingua107-langid-13ep-contrib-ref-healthy", SPEECHBRAIN_LOG, "audio"),
        # its speaker-id template: "Epoch: 1, lr: 1.00e-03 - train loss: 1.73 - valid loss: ..."
        # (held-out batch 284: warned, val 0.0118 under train 0.0269 at its last epoch)
        (
            "oh-speechbrain-xvector-spkid-minilibri-28spk-35ep-noisy-val-healthy",
            SPEECHBRAIN_LOG,
            "SpeechBrain",
        ),
        # {"train_lr": ..., "train_loss": 3.29, "test_loss": 0.95, "test_acc1": 77.7, ...}
        ("wm-pvt-82m-imagenet-ep196-201-healthy", DEIT_LOG, "mixup"),
        ("wm-p2t-tiny-imagenet-deit-log-healthy", DEIT_LOG, "mixup"),
    ],
)
def test_frameworks_that_validate_below_training_by_design(
    run_id: str, framework: str, cause: str
) -> None:
    log, _ = corpus_files(run_id)
    run = load_run(log)
    assert run.framework == framework
    [below] = [f for f in analyze(run).findings if f.rule == "val-below-train"]
    assert below.severity is Severity.info and cause in below.message


def test_ultralytics_classify_and_yolov10_results_and_transferred_weights() -> None:
    # classify: "train/loss, ..., val/loss"; YOLOv10: "train/box_om, ..., train/dfl_oo"
    log, config = corpus_files("wn-yolo11n-cls-vehicle-64px-25ep-healthy")
    run = load_run(log, config)
    assert run.format == "ultralytics" and run.series["train_loss"].values[0] == 0.79779
    # model: yolo11n-cls.yaml with pretrained: yolo11n-cls.pt transfers the checkpoint
    assert (run.fine_tune, run.base_model) == (True, "yolo11n-cls.pt")
    log, _ = corpus_files("wn-yolov10s-rps-det-15ep-healthy")
    run = load_run(log)
    first = [1.4151, 2.4813, 1.5898, 1.3941, 5.207, 1.5542]
    assert math.isclose(run.series["train_loss"].values[0], sum(first))


def test_insightface_global_step_and_lightnings_checkpoint_line(tmp_path: Path) -> None:
    # "Speed 219.17 samples/sec   Loss 2.3655   Epoch: 0   Global Step: 14550   ..."
    log, _ = corpus_files("wm-arcface-r50-4gpu-loss-nan-step14750")
    run = load_run(log)
    assert run.series["train_loss"].steps[0] == 14550
    assert "divergence" in {f.rule for f in analyze(run).findings}
    # "Epoch 0, global step 782: 'val_accuracy' reached ...": a checkpoint message
    path = tmp_path / "train.log"
    path.write_text(
        "".join(f"step: {i}, loss: {3 - i / 1000:.3f}\n" for i in range(0, 1000, 50))
        + "Epoch 0, global step 782: 'val_accuracy' reached 0.81250 (best 0.81250), saving "
        "model to '/ckpt/epoch=0-step=782.ckpt' as top 1\n"
    )
    run = load_run(path)
    assert 782 not in run.series["train_loss"].steps.tolist()
    assert any(e.kind == "checkpoint" for e in run.events)


def test_a_megatron_run_that_loaded_a_checkpoint_at_iteration_0_trains_pretrained_weights() -> None:
    """Megatron-LM's `loading release checkpoint` then `successfully loaded checkpoint from
    DIR at iteration 0`, with `finetune False`: the released GPT-2 345M trained further on
    LAMBADA. Its first loss, 3.01, is a pretrained model's, not labels the model can see."""
    log, config = corpus_files("ww-megatron-gpt2-345m-lambada-microbatch-shrinks")
    run = load_run(log, config)
    assert run.fine_tune is True and run.base_model == "/home/gpt2_dataset/ckpt"
    assert "init-loss" not in {f.rule for f in analyze(run).findings}
    # a resume loads its checkpoint at the iteration it saved: no claim about the weights
    resumed, _ = corpus_files("sd-megatron-llama3-1b-gh200-56gpu-resume14000-dataexhaust")
    assert load_run(resumed).fine_tune is not True


def test_a_config_class_and_an_indented_excerpt_are_read_for_training_arguments() -> None:
    # a config module with no TrainingArguments(...) call: one class naming its fields
    one_class = (
        "class TrainingConfig:\n"
        "    learning_rate = 2e-4\n"
        "    max_grad_norm = 0.3\n"
        "    warmup_ratio: float = 0.03\n"
        "    lr_scheduler_type = 'constant'\n"
    )
    args, _ = read_script(one_class)
    assert args == {
        "learning_rate": 2e-4,
        "max_grad_norm": 0.3,
        "warmup_ratio": 0.03,
        "lr_scheduler_type": "constant",
    }
    # pre-training, SFT and DPO classes side by side: which one ran is not said
    two = one_class + one_class.replace("TrainingConfig", "DPOConfig").replace("2e-4", "1e-5")
    assert read_script(two)[0] is None
    # a function's body pasted alone, every line indented
    excerpt = (
        "    training_args = DPOConfig(\n"
        "        learning_rate=5e-5,\n"
        "        max_steps=200,\n"
        "    )\n"
    )
    assert read_script(excerpt)[0] == {"learning_rate": 5e-5, "max_steps": 200}
