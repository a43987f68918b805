"""Figures pinned to independent sources: a hand computation, a vendor's table, a real run.

Each test here fails under a mutation that survived the rest of the suite
(scripts/mutate_rules.py): the sqrt(2) in val-below-train's standard error, the TF32 peak for
a float32 nanoGPT run's MFU, throughput's 1.25x slowdown threshold, and the thresholds and
comparisons of divergence, overfitting, grad-norm, tokens-per-step and param-count-mismatch
named at each test. A real run is cut only at a line, as the log stood while it ran.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml
from conftest import DATA, ROOT, SEED_CONFIG, SEED_LOG
from typer.testing import CliRunner

from capdiag.cli import app
from capdiag.findings import Finding
from capdiag.load import load_run
from capdiag.rules.divergence import Divergence
from capdiag.rules.eval_noise import EvalNoise
from capdiag.rules.grad_norm import GradNorm
from capdiag.rules.throughput import Throughput
from capdiag.rules.val_below_train import ValBelowTrain
from capdiag.run import Config, Run, Series

CORPUS = ROOT / "bench" / "corpus"


def analyze(log: Path, *args: str) -> dict[str, Any]:
    """`capdiag analyze LOG ARGS -f json`, as a user runs it."""
    result = CliRunner().invoke(
        app, ["analyze", str(log), *args, "-f", "json", "--fail-on", "never"]
    )
    assert result.exit_code == 0, result.output
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def corpus_args(run_id: str) -> tuple[Path, list[str]]:
    """A corpus run's log and the arguments its label gives."""
    folder = CORPUS / run_id
    label = yaml.safe_load((folder / "label.yaml").read_text())
    args = ["--config", str(folder / label["config"])] if label.get("config") else []
    return folder / label["log"], args + [str(a) for a in label.get("args") or []]


def cut(log: Path, last: str, out: Path) -> Path:
    """The log up to and including the first line matching `last`: the log as it stood then."""
    lines = log.read_text().splitlines(keepends=True)
    end = next(i for i, line in enumerate(lines) if re.search(last, line))
    out.write_text("".join(lines[: end + 1]))
    return out


def rule_findings(report: dict[str, Any], rule: str) -> list[dict[str, Any]]:
    assert rule in report["coverage"]["rules_run"], f"{rule} did not run"
    return [f for f in report["findings"] if f["rule"] == rule]


def test_val_below_train_standard_error_by_hand() -> None:
    # The gap is train - val, two evaluations of eval_iters single-batch losses each:
    # SE = sqrt(sigma^2/n + sigma^2/n) / sqrt(k) over the k evaluations averaged, where sigma
    # is one batch loss's spread, here the MAD of consecutive iter-loss differences (second
    # half of the run) / sqrt(2), times 1.4826.
    run = load_run(SEED_LOG, SEED_CONFIG)
    text = SEED_LOG.read_text()
    losses = np.array([float(x) for x in re.findall(r"^iter \d+: loss ([\d.]+)", text, re.M)])
    tail = np.diff(losses[losses.size // 2 :])
    sigma = 1.4826 * np.median(np.abs(tail - np.median(tail))) / math.sqrt(2)
    n, k = 200, 5  # the config's eval_iters; the last five evaluations
    by_hand = math.sqrt(2 * sigma**2 / n) / math.sqrt(k)
    [f] = ValBelowTrain().check(run)
    stated = {e.label: e.value for e in f.evidence}["standard error of the gap"]
    assert stated == pytest.approx(by_hand, abs=1e-4)
    assert stated != pytest.approx(by_hand / math.sqrt(2), abs=1e-4)


def test_float32_nanogpt_mfu_is_against_the_tf32_peak() -> None:
    # nanoGPT turns TF32 matmuls on; an A100 runs TF32 at 156 TFLOPS dense (NVIDIA A100
    # datasheet), FP32 at 19.5: a float32 run's MFU is against 156.
    run = load_run(SEED_LOG, SEED_CONFIG, sets=["dtype=float32"], gpu="A100")
    f = run.figures
    assert f.gpu_peak_flops == 156e12
    assert f.mfu == pytest.approx(f.flops_per_iter / f.step_time_s / 156e12, rel=1e-9)


def test_throughput_fires_on_a_real_1_3x_slowdown() -> None:
    # a public M4 CPU run whose iterations got about 30% slower after the first eval: between
    # the 1.25x threshold and any looser one
    folder = CORPUS / "ng-akash-shakespeare-char-m4-cpu"
    run = load_run(folder / "shakespeare-char.log", folder / "config" / "train_shakespeare_char.py")
    [f] = Throughput().check(run)
    slowdown = {e.label: e.value for e in f.evidence}["slowdown"]
    assert 1.25 < slowdown < 1.5
    assert f.severity == "warning"


# ---- divergence


def test_a_rise_with_fourteen_points_past_its_turn_is_an_error(tmp_path: Path) -> None:
    # divergence.min_after (10): a rise with fewer logged points after its onset is a warning
    # (a spike may still recover), with more an error. BigScience's 52B run bottoms out at
    # iteration 31 and its loss climbs on every iteration after: cut at iteration 46 the log
    # has 14-15 points past the turn (between 10 and a doubled 20); cut at 38, 6-7.
    log = CORPUS / "mg-bigsci-megds-52b-fp16-diverge" / "meg_ds_3d_gpt2_perf_n16-ds-off.out"
    pattern = r"iteration\s+(\d+)/.*?lm loss: ([\d.E+-]+)"
    loss = {int(i): float(v) for i, v in re.findall(pattern, log.read_text())}
    assert min(loss, key=loss.__getitem__) == 31
    assert all(loss[i + 1] > loss[i] for i in range(31, 62))
    late = analyze(cut(log, r"iteration\s+46/", tmp_path / "46.out"), "--select", "divergence")
    [f] = rule_findings(late, "divergence")
    assert f["severity"] == "error" and "ended above its start" in f["title"]
    early = analyze(cut(log, r"iteration\s+38/", tmp_path / "38.out"), "--select", "divergence")
    [g] = rule_findings(early, "divergence")
    assert g["severity"] == "warning" and "had not come back" in g["title"]


def _megatron_fp16_run(loss_scale: np.ndarray, nan_counted_at: int | None) -> Run:
    """A hand-made Megatron-style fp16 run of 30 iterations (steps from 1): the lm loss falls
    from 10 to 6 and is NaN from iteration 21; `nan_counted_at` is where Megatron's "number of
    nan iterations" first counts one (the loss it averages over the others stays finite)."""
    steps = np.arange(1, 31)
    loss = np.linspace(10.0, 6.0, 30)
    loss[steps >= 21] = np.nan
    counted = np.zeros(30)
    if nan_counted_at is not None:
        counted[steps == nan_counted_at] = 1
    run = Run(source="hand", format="megatron", framework="Megatron-LM", config=Config())
    run.steps_start_at_zero = False
    run.series["train_loss"] = Series(name="train_loss", steps=steps, values=loss)
    run.series["nan_iterations"] = Series(name="nan_iterations", steps=steps, values=counted)
    run.series["loss_scale"] = Series(name="loss_scale", steps=steps, values=loss_scale)
    return run


def test_a_counted_nan_iteration_dates_the_divergence() -> None:
    # the first NaN the log records is the onset, whichever way: a counted NaN iteration at 13
    # comes before the first NaN loss at 21
    steady = np.full(30, 65536.0)
    [f] = Divergence().check(_megatron_fp16_run(steady, nan_counted_at=13))
    assert f.title.endswith("(from step 13)")
    assert "counts NaN iterations from step 13" in f.message
    [g] = Divergence().check(_megatron_fp16_run(steady, nan_counted_at=25))
    assert g.title.endswith("(from step 21)")


def test_an_fp16_loss_scale_below_one_is_a_collapse() -> None:
    # a dynamic loss scaler halves its scale at each overflow: 65536 halved 17 times is 0.5,
    # below 1, where even unscaled gradients overflow. Halved 4 times (4096) it is still
    # above 1, the scaler's everyday backing off, not a collapse.
    halvings = np.concatenate([np.zeros(12), np.arange(1, 19)])  # from step 13 on
    collapsed = 65536.0 / 2 ** np.minimum(halvings, 17)
    [f] = Divergence().check(_megatron_fp16_run(collapsed, nan_counted_at=None))
    assert "loss scale collapsed from 65536 to 0.5" in f.message
    backed_off = 65536.0 / 2 ** np.minimum(halvings, 4)
    [g] = Divergence().check(_megatron_fp16_run(backed_off, nan_counted_at=None))
    assert "loss scale" not in g.message


# ---- overfitting


def test_overfitting_three_evaluations_after_the_best(tmp_path: Path) -> None:
    # overfitting.min_evals_after (2): the last 2 evaluations sit above the best by more than
    # noise. The stock shakespeare_char run of innerfirexy/nanoGPT, cut at step 2500: val
    # bottoms at 1.4720 (step 1750), and the last two of the 3 evaluations since are 0.026 and
    # 0.035 nats above it, far past the 0.01 floor and one evaluation's noise (200 batches).
    log, args = corpus_args("ng-innerfirexy-shakespeare-char-overfit")
    log = cut(log, r"^step 2500:", tmp_path / "log.txt")
    pattern = r"^step (\d+): train loss [\d.]+, val loss ([\d.]+)"
    evals = [(int(s), float(v)) for s, v in re.findall(pattern, log.read_text(), re.M)]
    best = min(range(len(evals)), key=lambda i: evals[i][1])
    assert evals[best] == (1750, 1.4720) and len(evals) - 1 - best == 3
    assert all(v - 1.4720 > 0.02 for _, v in evals[-2:])
    [f] = rule_findings(analyze(log, *args, "--select", "overfitting"), "overfitting")
    assert f["severity"] == "warning" and "1750" in f["message"]


def test_one_evaluation_four_times_the_training_loss_is_memorising(tmp_path: Path) -> None:
    # overfitting.single_ratio (3) and single_gap_nats (1.0): nanoGPT issue 97's gpt2-xl
    # fine-tune as its log stood after its first evaluation, "step 800: train loss 0.9795, val
    # loss 3.7535": 2.77 nats and 3.83x above, past 3x and short of a doubled 6x
    log, args = corpus_args("ng-issue97-gpt2xl-shakespeare-finetune-overfit")
    log = cut(log, r"^step 800:", tmp_path / "issue97.log")
    found = re.search(r"step 800: train loss ([\d.]+), val loss ([\d.]+)", log.read_text())
    assert found is not None
    train, val = float(found[1]), float(found[2])
    assert val - train > 1.0 and 3 < val / train < 6
    report = analyze(log, *args, "--select", "overfitting")
    assert report["coverage"]["series"]["val_loss"] == 1
    [f] = rule_findings(report, "overfitting")
    assert f["severity"] == "warning" and "only evaluation" in f["title"]


# ---- grad-norm


def _clipped_run(jump: float) -> Run:
    """A hand-made run of 300 steps clipped at 1.0: grad norms alternate 0.9/1.1 with four
    single-step explosions to 20 (steps 100, 160, 220, 280, no two in one 50-step window);
    losses alternate 1.95/2.05 and are 2.0 + `jump` at each explosion."""
    steps = np.arange(300)
    norms = np.where(steps % 2, 1.1, 0.9)
    loss = np.where(steps % 2, 2.05, 1.95)
    at = np.array([100, 160, 220, 280])
    norms[at] = 20.0
    loss[at] = 2.0 + jump
    config = Config(values={"grad_clip": 1.0}, origins={"grad_clip": "config"})
    run = Run(source="hand", format="test", framework="test", config=config)
    run.series["grad_norm"] = Series(name="grad_norm", steps=steps, values=norms)
    run.series["train_loss"] = Series(
        name="train_loss", steps=steps, values=loss, mode="train-batch"
    )
    return run


def _explosion(run: Run) -> Finding:
    [f] = [f for f in GradNorm().check(run) if "exploded" in f.title]
    return f


def test_clipped_explosions_the_loss_did_not_feel_by_hand() -> None:
    # grad-norm.felt_mads (4): before each explosion the 50 losses are 1.95/2.05 half and half,
    # median 2.0, MAD 0.05, so 4 MAD-sigmas = 4 x 1.4826 x 0.05 = 0.297 nats. A 0.2-nat jump is
    # above the 0.1 floor and inside that band: not felt, and with clipping on it is information.
    # A 0.5-nat jump is felt: a warning.
    unfelt = _explosion(_clipped_run(jump=0.2))
    assert unfelt.severity == "info" and "did not jump" in unfelt.message
    felt = _explosion(_clipped_run(jump=0.5))
    assert felt.severity == "warning"


@pytest.mark.parametrize(
    "run_id", ["mg-titan-llama3-150m-c4-20k", "lt-qiu023-titan-llama3-c4-baseline-tb"]
)
def test_one_grad_norm_explosion_in_thousands_of_steps_is_information(run_id: str) -> None:
    # one or two explosions in a long run are events, not a pattern (at most one per 1,000
    # steps): healthy torchtitan runs of 2,500 and 20,000 steps, labelled silent for grad-norm
    # before capdiag ran, with a pre-clip norm that briefly jumps once
    label = yaml.safe_load((CORPUS / run_id / "label.yaml").read_text())
    assert label["healthy"] and "grad-norm" in label["silent"]
    log, args = corpus_args(run_id)
    found = rule_findings(analyze(log, *args, "--select", "grad-norm"), "grad-norm")
    assert [f["severity"] for f in found if f["severity"] != "info"] == []


# ---- tokens-per-step and param-count-mismatch


def test_a_tiny_batch_on_a_real_206b_run() -> None:
    # BigScience's 206B probe: --global-batch-size 4 --seq-length 1024 (its slurm file and the
    # echoed command), 4,096 tokens per step for a 206B model
    log, args = corpus_args("rd-megatron-gpt-206b-v100-pp64-dp1-bubble")
    text = log.read_text()
    assert "--global-batch-size 4" in text and "--seq-length 1024" in text
    found = rule_findings(analyze(log, *args, "--select", "tokens-per-step"), "tokens-per-step")
    [f] = found
    assert f["severity"] == "info" and f["title"].startswith("Tiny batch: 4,096 tokens per step")


def test_a_75m_model_is_large_for_the_tiny_batch_check() -> None:
    # tokens-per-step.large_model (5e7): torchtitan prints "size: 75,516,672 total parameters"
    # for this Llama-3 run, above 5e7 and below a doubled 1e8. Its 32,768 tokens per step sit
    # exactly at tiny_tokens, not below, so the bar is raised to 65,536 to ask the question.
    log, args = corpus_args("mg-titan-llama3-150m-c4-20k")
    assert "size: 75,516,672 total parameters" in log.read_text()
    option = ["--option", "tokens-per-step.tiny_tokens=65536", "--select", "tokens-per-step"]
    [f] = rule_findings(analyze(log, *args, *option), "tokens-per-step")
    assert f["title"] == "Tiny batch: 32,768 tokens per step for 75.52M parameters"


@pytest.mark.parametrize(("claim", "words"), [("3.2M", "4.0x smaller"), ("0.2M", "4.0x larger")])
def test_a_size_claim_says_which_way_the_model_is_off(
    tmp_path: Path, claim: str, words: str
) -> None:
    # the real CPU run prints "number of parameters: 0.80M": a claim of 3.2M is 4x above it,
    # one of 0.2M 4x below
    log = DATA / "nanogpt" / "cpu_healthy.log"
    assert "number of parameters: 0.80M" in log.read_text()
    config = tmp_path / "config.py"
    config.write_text(
        f"# model (~{claim} parameters)\n"
        + (DATA / "nanogpt" / "cpu_healthy_config.py").read_text()
    )
    [f] = rule_findings(analyze(log, "--config", str(config)), "param-count-mismatch")
    assert words in f["message"]


# ---- throughput's periodic stalls


@pytest.mark.parametrize(
    ("run_id", "period"),
    [
        # build-nanogpt's fineweb.py writes shards of 1e8 tokens: at 524,288 tokens per step a
        # new shard loads every 1e8 / 524,288 = 190.7 steps (its label: "~3 s dt every ~190
        # steps is a data-shard load")
        ("rd-buildnanogpt-gpt2-124m-2xh100-epoch1", 1e8 / 524_288),
        # SOAP updates its preconditioner every precondition_frequency=10 steps (the record's
        # echoed source: "SOAP(..., precondition_frequency=10)")
        ("lc-modded-soap-124m-8xh100", 10),
    ],
)
def test_periodic_stalls_at_a_period_known_from_the_code(run_id: str, period: float) -> None:
    log, args = corpus_args(run_id)
    [f] = rule_findings(analyze(log, *args, "--select", "throughput"), "throughput")
    found = re.fullmatch(r"Periodic stalls every ~(\d+) steps", f["title"])
    assert found is not None and f["severity"] == "info"
    assert abs(float(found[1]) - period) <= 1


def test_a_run_that_clips_at_1_is_not_told_to_clip_at_1() -> None:
    # grad_clip_fix: "grad_clip = 1.0 when the run clips at more than 1.0 or not at all". This
    # public nanoGPT run states 'grad_clip': 1.0 (its W&B debug.log) and diverged.
    folder = (
        CORPUS / "ng-chongwei730-owt-linesearch-diverge" / "wandb" / "run-20260329_183846-tjdtzygf"
    )
    assert "'grad_clip': 1.0" in (folder / "logs" / "debug.log").read_text()
    run = load_run(folder / "files" / "output.log", num_gpus=4)
    assert run.config.number("grad_clip") == 1.0
    [f] = Divergence().check(run)
    assert "grad_clip" not in {fix.key for fix in f.fixes}


# ---- hand-made runs for thresholds no real run falls between


def _paired_evals(gap: float) -> Run:
    """Hand-made nanoGPT-style run: 202 iteration losses alternating 2.1/1.9 and 5 paired
    evaluations (eval_iters = 200) with val `gap` below train."""
    steps = np.arange(202)
    run = Run(
        source="hand",
        format="nanogpt",
        framework="nanoGPT",
        config=Config(values={"eval_iters": 200}, origins={"eval_iters": "config"}),
    )
    batch = np.where(steps % 2, 1.9, 2.1)
    run.series["train_loss"] = Series(
        name="train_loss", steps=steps, values=batch, mode="train-batch"
    )
    at = np.array([120, 140, 160, 180, 200])
    run.series["eval_train_loss"] = Series(
        name="eval_train_loss", steps=at, values=np.full(5, 2.0), mode="eval"
    )
    run.series["val_loss"] = Series(
        name="val_loss", steps=at, values=np.full(5, 2.0 - gap), mode="eval"
    )
    return run


def test_val_below_train_at_four_and_a_half_standard_errors_by_hand() -> None:
    # val-below-train.sigmas (3). The second half's 100 consecutive differences are +-0.2, so
    # one batch's sigma is 1.4826 x 0.2 / sqrt(2) = 0.2097; the gap of 5 evaluations of 200
    # batches each has SE sqrt(2) x 0.2097 / sqrt(1000) = 0.00938. A 0.042 gap is 4.5 SE.
    se = math.sqrt(2) * (1.4826 * 0.2 / math.sqrt(2)) / math.sqrt(200 * 5)
    gap = 4.5 * se
    [f] = ValBelowTrain().check(_paired_evals(gap))
    stated = {e.label: e.value for e in f.evidence}
    assert stated["standard error of the gap"] == pytest.approx(se, abs=1e-4)
    assert ValBelowTrain().check(_paired_evals(2.5 * se)) == []


@pytest.mark.parametrize(
    ("eval_iters", "change", "severity"), [(8, 0.03, "warning"), (200, 0.01, "info")]
)
def test_eval_noise_by_hand(eval_iters: int, change: float, severity: str) -> None:
    # the batch sigma above, 0.2097, over sqrt(eval_iters): 8 batches give 0.0741 nats, past
    # warn_se (0.05), against changes of 0.03; 200 give 0.0148, past min_se (0.01) and under
    # 0.05, against changes of 0.01. Half the change needs eval_iters x (SE / (change/2))^2
    # batches (8 x (0.0741 / 0.015)^2 = 195.4: 196).
    steps = np.arange(202)
    config = Config(values={"eval_iters": eval_iters}, origins={"eval_iters": "config"})
    run = Run(source="hand", format="nanogpt", framework="nanoGPT", config=config)
    batch = np.where(steps % 2, 1.9, 2.1)
    run.series["train_loss"] = Series(
        name="train_loss", steps=steps, values=batch, mode="train-batch"
    )
    at = np.arange(0, 201, 20)
    run.series["val_loss"] = Series(
        name="val_loss", steps=at, values=3.0 - change * np.arange(at.size), mode="eval"
    )
    [f] = EvalNoise().check(run)
    se = 1.4826 * 0.2 / math.sqrt(2) / math.sqrt(eval_iters)
    stated = {e.label: e.value for e in f.evidence}
    assert stated["standard error of one evaluation"] == pytest.approx(se, abs=1e-4)
    assert f.severity == severity
    needed = math.ceil(eval_iters * (se / (change / 2)) ** 2)
    assert [(x.key, x.value) for x in f.fixes] == [("eval_iters", needed)]


def test_a_wrong_batch_claim_18_percent_off_is_reported(tmp_path: Path) -> None:
    # tokens-per-step.tolerance (0.1): a public nanoGPT fork prints "tokens per iteration will
    # be: 491,520" under the stock "~0.5M" comment (1.7% off: holds). The same comment saying
    # "~0.6M" is 1 - 491,520 / 600,000 = 18% off: past 10%, inside a doubled 20%.
    log, _ = corpus_args("ng-innerfirexy-gpt2-cepred-4gpu-plateau")
    assert "tokens per iteration will be: 491,520" in log.read_text()
    stock = CORPUS / "ng-innerfirexy-gpt2-cepred-4gpu-plateau" / "config" / "train_gpt2_cepred.py"
    claim = "# these make the total batch size be ~0.5M"
    assert claim in stock.read_text()
    config = tmp_path / "train_gpt2_cepred.py"
    config.write_text(stock.read_text().replace(claim, claim.replace("~0.5M", "~0.6M")))
    holds = analyze(log, "--config", str(stock), "--select", "tokens-per-step")
    assert rule_findings(holds, "tokens-per-step") == []
    wrong = analyze(log, "--config", str(config), "--select", "tokens-per-step")
    [f] = rule_findings(wrong, "tokens-per-step")
    assert f["title"] == "491,520 tokens per step, not the ~0.6M the config claims"


def test_a_spikes_size_in_mads_by_hand() -> None:
    # loss-spike states each spike's size in MAD-sigmas of the points before it. BLOOM-176B's
    # pasted lines: before the 5.098 peak (iteration 31219) come five losses; their median and
    # MAD give sigma = 1.4826 x MAD, and (5.098 - median) / sigma MADs
    log = CORPUS / "mg-bloom176b-lm-loss-spike" / "tr11-176B-ml-chronicles-spike.log"
    losses = np.array([float(x) for x in re.findall(r"lm loss: ([\d.E+-]+)", log.read_text())])
    before = losses[:5]
    median = float(np.median(before))
    sigma = 1.4826 * float(np.median(np.abs(before - median)))
    assert losses[5] == losses.max()
    [f] = rule_findings(analyze(log, "--select", "loss-spike"), "loss-spike")
    assert f"= {(losses[5] - median) / sigma:.0f} MADs" in f["message"]


def test_a_grad_norm_explosions_size_against_the_50_norms_before_it_by_hand() -> None:
    # grad-norm.window (50 logged points): the explosion's size is the norm over the median of
    # the 50 logged norms before it, computed here from the log's own "grad_norm:" figures
    log, args = corpus_args("mg-titan-llama3-150m-c4-20k")
    norms = np.array(
        [float(x) for x in re.findall(r"step:\s*\d+\s.*?grad_norm:\s*([\d.]+)", log.read_text())]
    )
    ratios = [norms[i] / np.median(norms[i - 50 : i]) for i in range(50, norms.size)]
    [f] = rule_findings(analyze(log, *args, "--select", "grad-norm"), "grad-norm")
    assert f["title"] == f"Gradient norm exploded 1 time(s), up to {max(ratios):.0f}x"


def test_a_positive_printed_mfu_is_not_called_a_minus_100_sentinel() -> None:
    # nanoGPT prints mfu -100% only while it has no estimate; this public run printed ~22%
    log, args = corpus_args("sp-innerfirexy-shakechar-cepred-truncated-tail")
    assert re.search(r"mfu 2\d\.\d\d%", log.read_text())
    [f] = rule_findings(analyze(log, *args, "--select", "mfu"), "mfu")
    assert "-100%" not in f["message"]
