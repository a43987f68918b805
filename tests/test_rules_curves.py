"""The curve rules (CD008-CD012) on real logs: each fires on a broken run, not on a healthy one.

Every log here was produced by real training code (see tests/data/nanogpt_rules/PROVENANCE.md
and tests/data/nanogpt/PROVENANCE.md); none is hand-written. The seed log in examples/ is the
one synthetic input, used only to check that the loss rules stay silent on it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA, ROOT, SEED_CONFIG, SEED_LOG

from capdiag.findings import Finding, Severity, SkipRule
from capdiag.load import load_run, steady_iterations
from capdiag.rules.base import Rule
from capdiag.rules.divergence import Divergence
from capdiag.rules.grad_norm import GradNorm
from capdiag.rules.loss_spike import LossSpike
from capdiag.rules.overfitting import Overfitting
from capdiag.rules.throughput import Throughput, _Pace
from capdiag.run import Run

RULES_DATA = DATA / "nanogpt_rules"
HEALTHY = DATA / "nanogpt" / "cpu_healthy.log"
OVERFIT = DATA / "nanogpt" / "cpu_overfit.log"
LR1_SPIKE = RULES_DATA / "cpu_lr1_spike.log"
LR3_DIVERGE = RULES_DATA / "cpu_lr3_diverge.log"
LR3_WARMUP_DIVERGE = RULES_DATA / "cpu_lr3warmup_diverge.log"
LR1_CONST_SPIKES = RULES_DATA / "cpu_lr1const_spikes.log"
CONTENTION = RULES_DATA / "cpu_contention.log"
LLMC_SPIKE = RULES_DATA / "llmc_siddanthemani_gpt2_124M_main_upto_s9000.log"
LLMC_CALM = DATA / "llmc" / "llmc_siddanthemani_gpt2_124M_main_cut.log"
HF_CLIPPED = RULES_DATA / "hf_jaong_cpt_large_trainer_stdout.log"
MODDED = DATA / "modded_nanogpt" / "2024-11-19_FlexAttention_8384493d.txt"


def _load(path: Path) -> Run:
    return load_run(path)


@pytest.fixture(scope="module")
def healthy() -> Run:
    return load_run(HEALTHY)


@pytest.fixture(scope="module")
def seed() -> Run:
    return load_run(SEED_LOG, SEED_CONFIG, gpu="RTX 4070")


@pytest.fixture(scope="module")
def overfit() -> Run:
    return _load(OVERFIT)


@pytest.fixture(scope="module")
def lr1_spike() -> Run:
    return load_run(LR1_SPIKE)


@pytest.fixture(scope="module")
def lr3_diverge() -> Run:
    return load_run(LR3_DIVERGE)


def findings(rule: type[Rule], run: Run) -> list[Finding]:
    """The rule's findings; a skip fails the test (silence must come from a rule that ran)."""
    try:
        return rule().check(run)
    except SkipRule as skip:
        raise AssertionError(f"{rule.id} did not run: {skip.reason}") from None


# ---------------------------------------------------------------- silent on healthy runs


# grad-norm's silence on a healthy run is test_grad_norm_silent_on_calm_llmc_log (nanoGPT
# logs no norm: the rule skips here, see test_grad_norm_skips_without_a_norm)
@pytest.mark.parametrize("rule", [Overfitting, Divergence, LossSpike])
def test_silent_on_healthy_cpu_run(rule: type[Rule], healthy: Run) -> None:
    assert findings(rule, healthy) == []


@pytest.mark.parametrize("rule", [Overfitting, Divergence, LossSpike, Throughput])
def test_silent_on_seed(rule: type[Rule], seed: Run) -> None:
    assert findings(rule, seed) == []


def test_grad_norm_skips_without_a_norm(healthy: Run) -> None:
    with pytest.raises(SkipRule, match="no gradient norm"):
        GradNorm().check(healthy)


# ---------------------------------------------------------------- overfitting (CD008)


def test_overfitting_fires_on_the_overfit_run(overfit: Run) -> None:
    [f] = Overfitting().check(overfit)
    ev = {e.label: e for e in f.evidence}
    # the real log: val minimum 1.7861 at step 800, then rising while train falls
    assert ev["best val loss"].step == 800
    assert ev["best val loss"].value == pytest.approx(1.7861)
    assert ev["rise since best (nats)"].value > 0.5
    assert ev["train loss now"].value < ev["train loss at best"].value
    assert 900 <= ev["val above best + noise since"].value <= 1100
    fixes = {x.key: x.value for x in f.fixes}
    assert fixes["max_iters"] == 800
    assert fixes["dropout"] == pytest.approx(0.1)
    assert "always_save_checkpoint" not in fixes  # already False in this config
    assert 0 < f.impact <= 1


def test_overfitting_silent_on_other_broken_runs(lr1_spike: Run, lr3_diverge: Run) -> None:
    # a recovered spike and a divergence are not overfitting
    assert findings(Overfitting, lr1_spike) == []
    assert findings(Overfitting, lr3_diverge) == []


def test_overfitting_reports_epochs_for_a_known_dataset() -> None:
    # the same numbers read as if the dataset were shakespeare_char (1,003,854 train tokens)
    run = load_run(DATA / "nanogpt" / "cpu_overfit.log", sets=["dataset=shakespeare_char"])
    [f] = Overfitting().check(run)
    ev = {e.label: e.value for e in f.evidence}
    assert ev["epochs at best step"] == pytest.approx(801 * 768 / 1_003_854, abs=0.01)


def test_overfitting_epochs_from_the_data_dir(tmp_path: Path) -> None:
    # the run's real corpus, gpl3_char, had 18,000 training tokens (PROVENANCE.md); a
    # train.bin of that size is all --data-dir reads (sizes, never contents)
    data = tmp_path / "gpl3_char"
    data.mkdir()
    (data / "train.bin").write_bytes(bytes(2 * 18_000))
    (data / "val.bin").write_bytes(bytes(2 * 2_000))
    run = load_run(DATA / "nanogpt" / "cpu_overfit.log", data_dir=data)
    assert run.dataset is not None and run.dataset.train_tokens == 18_000
    [f] = Overfitting().check(run)
    ev = {e.label: e.value for e in f.evidence}
    assert ev["epochs at best step"] == pytest.approx(801 * 768 / 18_000, abs=0.01)


# ---------------------------------------------------------------- divergence (CD009)


def test_divergence_fires_when_the_loss_blows_up(lr3_diverge: Run) -> None:
    [f] = Divergence().check(lr3_diverge)
    assert f.severity == Severity.error
    ev = {e.label: e for e in f.evidence}
    assert ev["loss at start (median)"].value == pytest.approx(4.4376)
    assert ev["loss at end (median)"].value > 20
    assert ev["onset"].value == 1  # the first update already blew it up
    fixes = {x.key: x.value for x in f.fixes}
    assert fixes["learning_rate"] == pytest.approx(0.3)
    assert fixes["grad_clip"] == 1.0
    # warmup_iters = 50 was configured, but decay_lr = False makes nanoGPT skip warmup
    assert fixes["decay_lr"] is True
    assert "init_from" not in fixes  # every checkpoint was saved after the onset
    assert "restart from scratch" in f.message


def test_divergence_onset_after_an_initial_fall() -> None:
    run = load_run(LR3_WARMUP_DIVERGE)
    [f] = Divergence().check(run)
    ev = {e.label: e.value for e in f.evidence}
    train = run.metric("train_loss")
    assert train is not None
    # the loss fell to ~3.1 during warmup, then climbed from about step 50: the onset is
    # where it left its floor, not the first update
    assert 30 <= ev["onset"] <= 55
    assert ev["loss at end (median)"] > 30
    # checkpoints every 25 steps (always_save_checkpoint = True): the one from step 25 is
    # good, but later saves overwrote nanoGPT's single ckpt.pt
    assert ev["last checkpoint before onset"] == 25
    assert "overwritten" in f.message
    assert "init_from" not in {x.key for x in f.fixes}


def test_divergence_silent_on_a_spike_that_recovered(lr1_spike: Run, overfit: Run) -> None:
    assert findings(Divergence, lr1_spike) == []
    assert findings(Divergence, overfit) == []


def test_early_blowup_that_recovered_is_a_spike_warning_not_a_divergence() -> None:
    # lr 1.0 with decay_lr = False (so no warmup): 4.44 at init, 59.5 by iter 4, back to
    # ~4.5 by iter 39; it recovered, so no error, but the early blow-up is reported
    run = load_run(LR1_CONST_SPIKES)
    assert not [f for f in Divergence().check(run) if "blew up early" in f.title]
    [f] = [f for f in LossSpike().check(run) if f.title.startswith("Loss blew up early")]
    assert f.severity == "warning"
    peak = {e.label: e.value for e in f.evidence}["early peak (running median)"]
    assert 40 < peak < 60
    assert [(x.key, x.value) for x in f.fixes] == [("decay_lr", True)]


def test_a_run_stuck_at_a_high_loss_after_an_early_blowup_is_a_spike() -> None:
    # lr 0.1, no warmup: 4.21 at init, 7.34 at iter 5, then it stalls near 3.1 below its
    # start: no divergence error, but an early blow-up of about 3 nats, back to its start
    # by step 20 of 300 (within recovered_share, 10%, of the run): information
    run = _load(DATA / "nanogpt" / "cpu_divergent.log")
    assert Divergence().check(run) == []
    [f] = [f for f in LossSpike().check(run) if f.title.startswith("Loss blew up early")]
    assert f.severity == "info"
    evidence = {e.label: e.value for e in f.evidence}
    assert 2.5 < evidence["early peak (running median)"] - 4.32 < 3.5
    assert evidence["back to its start"] == 20
    slow = LossSpike(recovered_share=0.05).check(_load(DATA / "nanogpt" / "cpu_divergent.log"))
    assert [f.severity for f in slow if "blew up early" in f.title] == [Severity.warning]


def test_divergence_on_nan_losses() -> None:
    # learning_rate = 1e6 overflows float32 on the first update: "iter 1: loss nan"
    run = load_run(RULES_DATA / "cpu_nan.log")
    [f] = Divergence().check(run)
    assert "non-finite" in f.title
    assert f.evidence[0].label == "onset" and f.evidence[0].value == 1
    assert f.impact == 1.0
    # checkpoints were saved at steps 20, 40, 60, all after the NaN: none can be resumed
    assert "restart from scratch" in f.message
    assert "init_from" not in {x.key for x in f.fixes}


# ---------------------------------------------------------------- loss spikes (CD010)


def test_loss_spike_fires_on_the_lr1_run(lr1_spike: Run) -> None:
    [f] = LossSpike().check(lr1_spike)
    spikes = LossSpike().spikes(lr1_spike)
    assert len(spikes) == 1
    [s] = spikes
    assert 70 <= s.start <= 85  # lr 1.0 reached during warmup (100 iters)
    assert s.early
    assert s.size > 20 and s.mads > 50
    assert s.recovered_at is not None and s.recovered_at > s.start
    # recovery took a third of the run: a warning although the spike is early
    assert f.severity == Severity.warning
    fixes = {x.key: x.value for x in f.fixes}
    assert fixes["grad_clip"] == 1.0
    assert fixes["warmup_iters"] == 200


def test_loss_spike_late_spikes_that_recover() -> None:
    # lr 1.0 from step 0 (decay_lr = False: no warmup in nanoGPT), then spikes at 75, 117, 127
    run = load_run(LR1_CONST_SPIKES)
    spikes = LossSpike().spikes(run)
    assert sorted(s.peak_step for s in spikes) == [75, 117, 127]
    assert not any(s.early for s in spikes)  # warmup_iters = 100 is ignored by nanoGPT here
    assert all(s.recovered_at is not None and s.recovered_at - s.start <= 6 for s in spikes)
    # the early blow-up (59.5 by iter 4, back by 39) and the three late spikes
    early, late = LossSpike().check(run)
    assert early.title.startswith("Loss blew up early") and late.title.startswith("3 loss")
    assert late.severity == Severity.warning


def test_loss_spike_late_and_unrecovered(lr3_diverge: Run) -> None:
    spikes = LossSpike().spikes(lr3_diverge)
    assert spikes and not any(s.early for s in spikes)
    assert any(s.recovered_at is None for s in spikes)


@pytest.mark.parametrize("path", [OVERFIT, LLMC_CALM])
def test_loss_spike_silent_on_noisy_healthy_losses(path: Path) -> None:
    assert findings(LossSpike, _load(path)) == []


# ---------------------------------------------------------------- gradient norm (CD011)


def test_grad_norm_explosion_on_real_llmc_log() -> None:
    run = load_run(LLMC_SPIKE)
    [f] = GradNorm().check(run)
    norm = [e for e in f.evidence if e.label == "grad norm"]
    assert [e.step for e in norm] == [8715]
    assert norm[0].value == pytest.approx(4.29)
    # a single step, straight back to normal, loss barely moved: information only
    assert f.severity == Severity.info
    assert "back to normal the next step" in f.message


def test_grad_norm_silent_on_calm_llmc_log() -> None:
    assert GradNorm().check(load_run(LLMC_CALM)) == []


CORPUS = ROOT / "bench" / "corpus"


def test_unfelt_explosions_with_no_stated_clip_are_information() -> None:
    """A healthy BioBERT NER fine-tune (trainer_state.json only, so no max_grad_norm): norms
    of 64x their median at 30 steps, its loss never more than 0.02 nats up. A warning would
    rest on the assumption that nothing clipped them."""
    run = load_run(CORPUS / "wy-biobert-ade-ner-3ep-7500steps-healthy/trainer_state.json")
    assert run.config.number("grad_clip") is None
    [f] = GradNorm().check(run)
    assert f.severity == Severity.info
    assert "the log does not state a clip" in f.message
    # explosions the loss jumped with stay a warning (BLOOM-176B, its lm loss spiking)
    bloom = CORPUS / "mg-bloom176b-lm-loss-spike/tr11-176B-ml-chronicles-spike.log"
    [g] = GradNorm().check(load_run(bloom))
    assert g.severity == Severity.warning


def test_grad_clip_saturation_on_real_hf_log() -> None:
    run = load_run(HF_CLIPPED)
    assert run.config.number("grad_clip") == 1.0  # max_grad_norm=1.0 in the printed args
    [f] = GradNorm().check(run)
    # with AdamW a clip that scales every step alike leaves the update size unchanged: info,
    # and no fix that would raise the clip or cut the learning rate
    assert f.severity == Severity.info and f.fixes == []
    ev = {e.label: e.value for e in f.evidence}
    assert ev["share of steps above the clip"] == 1.0
    assert ev["median grad norm"] == pytest.approx(2.538, abs=0.01)
    assert "Adam" in f.message


def test_grad_clip_not_saturated_when_the_clip_is_above_the_norms() -> None:
    run = load_run(LLMC_SPIKE).model_copy(deep=True)
    # the log does not state the clip; with a clip of 1.0 (GPT-2/3 practice) the norms, near
    # 0.3, are far below it
    run.config.values["grad_clip"] = 1.0
    assert [f.title for f in GradNorm().check(run) if "clipping" in f.title] == []


# ---------------------------------------------------------------- throughput (CD012)


def test_throughput_regression_when_another_job_started() -> None:
    # cpu_healthy_contended.log really slowed down near its end (51 -> 197 ms per steady
    # iteration from step ~1360): other jobs on the shared 2-core machine; its losses equal
    # the quiet cpu_healthy.log's (same seed)
    [f] = Throughput().check(load_run(DATA / "nanogpt" / "cpu_healthy_contended.log"))
    ev = {e.label: e for e in f.evidence}
    assert ev["median step time after (ms)"].step is not None
    assert 1300 <= ev["median step time after (ms)"].step <= 1400
    assert ev["slowdown"].value > 2.0


def test_throughput_regression_on_the_contention_run() -> None:
    # four CPU-bound busy loops were started on the 2-core machine once iter 80 was logged
    run = load_run(CONTENTION)
    [f] = Throughput().check(run)
    ev = {e.label: e for e in f.evidence}
    onset = ev["median step time after (ms)"].step
    assert onset is not None and 80 <= onset <= 110
    assert ev["slowdown"].value > 2.0
    assert ev["median step time before (ms)"].value < 60


@pytest.mark.parametrize(
    "path",
    [
        DATA / "nanogpt" / "cpu_divergent.log",
        DATA / "nanogpt" / "cpu_healthy.log",
        LR1_SPIKE,
        RULES_DATA / "cpu_contention_attempt1.log",
    ],
)
def test_throughput_silent_without_a_lasting_slowdown(path: Path) -> None:
    # noisy CPU step times (other jobs came and went) but no lasting slowdown; in the first
    # contention attempt other jobs ended as the busy loops started, and steps got faster
    run = _load(path)
    assert [f for f in findings(Throughput, run) if "Step time" in f.title] == []


def test_throughput_threshold_on_steady_h100_times() -> None:
    # a real H100 record: step times barely move; the split statistic alone would be large
    run = _load(MODDED)
    times = run.metric("step_time_ms")
    assert times is not None
    mask = steady_iterations(run)
    rule = Throughput()
    pace = _Pace("step_time_ms", times)
    assert rule._regression(run, times.steps[mask], times.values[mask], pace) is None


def test_throughput_judges_a_token_rate_when_no_step_time_is_logged() -> None:
    # held-out batch 158: a small LM's log prints tokens/s and no step time; the rate falls
    # from ~500 to ~300 tokens/s over the second half with nothing else changed
    run = load_run(CORPUS / "xl-neuroslm-small-chat-tokps-decline" / "training.log")
    assert run.metric("step_time_ms") is None
    [f] = Throughput().check(run)
    ev = {e.label: e for e in f.evidence}
    assert f.title.startswith("Token throughput fell")
    assert ev["median tokens/s before"].value > 450 > 400 > ev["median tokens/s after"].value
    assert ev["slowdown"].value >= 1.25


@pytest.mark.parametrize(
    "run_id, log",
    [
        ("mg-titan-kimi436m-12k5-val", "train_original_12500.log"),
        ("mg-titan-llama3-150m-c4-20k", "train.log"),
        ("mg-titan-vlm447m-resume-6k5", "train.log"),
    ],
)
def test_throughput_silent_on_healthy_token_rates(run_id: str, log: str) -> None:
    # healthy torchtitan runs, whose lines give tps and no step time: judged, and silent
    run = load_run(CORPUS / run_id / log)
    assert run.metric("tokens_per_sec") is not None and run.metric("step_time_ms") is None
    assert Throughput().check(run) == []


def test_throughput_skips_without_times() -> None:
    with pytest.raises(SkipRule):
        Throughput().check(load_run(LLMC_CALM))


def test_divergence_weighs_a_short_windows_noise_from_point_to_point(lr3_diverge: Run) -> None:
    """DeepLab-LFOV's 30 logged steps from the middle of a run (batch 208), single-batch
    losses of 0.41 to 1.82: the median of the last five (0.92) is twice that of the first
    five (0.43), a rise its noise explains (0.28 from one step to the next; the residuals
    around a running median of five put it at 0.16). Its labelled fault is one spike."""
    run = load_run(CORPUS / "zj-deeplab-lfov-issue5-spike-5p1-at-ckpt-step13000/train.log")
    assert Divergence().check(run) == []
    # a real blow-up still is one
    assert Divergence().check(lr3_diverge)


def test_a_reinforcement_learning_value_loss_that_rises_is_rising_not_diverged() -> None:
    """A DQN's TD loss (batch 207): 258 to 1,319 over 2,000 episodes. Its targets move with
    the values it learns, so the rise is loss-rising's (the label), in the loss's own units,
    not a divergence at error; W&B's closing summary is no record of its own."""
    from capdiag.rules.loss_rising import LossRising

    log = CORPUS / "zi-rldoom-dqn-deadly-corridor-tdloss-rising/train_dqn_seed0.log"
    run = load_run(log)
    assert run.reinforcement
    assert run.series["train_loss"].steps[-1] == 2000  # not the summary's global_step 57523
    assert Divergence().check(run) == []
    [rising] = LossRising().check(run)
    assert rising.severity == Severity.warning and "nats" not in rising.title
    assert "value (TD) loss" in rising.message
    # a supervised run is no RL run
    assert not load_run(SEED_LOG).reinforcement


def test_step_noise_is_the_spread_of_one_point_whatever_the_trend() -> None:
    # white noise of sigma 0.2 on a falling line: the trend is removed by differencing, and
    # the measure comes back near 0.2 (numpy's standard deviation of the noise is the oracle)
    import numpy as np

    from capdiag.stats import batch_loss_sigma, step_noise

    rng = np.random.default_rng(7)
    noise = rng.normal(0.0, 0.2, 4000)
    values = np.linspace(5.0, 2.0, 4000) + noise
    assert step_noise(values) == pytest.approx(float(np.std(noise)), rel=0.05)
    assert batch_loss_sigma(values) == pytest.approx(step_noise(values[2000:]))
    assert step_noise(np.linspace(5.0, 2.0, 100)) == pytest.approx(0.0, abs=1e-12)
