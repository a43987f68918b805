"""Rules that read the config and the eval series: lr-schedule, eval-noise, tokens-per-step,
init-loss. Fire on real broken runs, silent on real healthy ones (tests/data/nanogpt)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA, ROOT, SEED_CONFIG, SEED_LOG

from capdiag.findings import Finding, Severity, SkipRule
from capdiag.load import load_run
from capdiag.rules import find_rule
from capdiag.rules.tokens_per_step import find_batch_claims
from capdiag.run import Run

NANOGPT = DATA / "nanogpt"
HEALTHY = NANOGPT / "cpu_healthy.log"
DIVERGENT = NANOGPT / "cpu_divergent.log"
OVERFIT = NANOGPT / "cpu_overfit.log"


def check(rule_id: str, run: Run) -> list[Finding]:
    """The rule's findings; a skip fails the test (silence must come from a rule that ran)."""
    rule = find_rule(rule_id)
    assert rule is not None
    try:
        return rule().check(run)
    except SkipRule as skip:
        raise AssertionError(f"{rule_id} did not run: {skip.reason}") from None


@pytest.fixture(scope="module")
def seed() -> Run:
    return load_run(SEED_LOG, SEED_CONFIG)


def test_lr_schedule_fires_on_no_warmup_with_high_lr() -> None:
    findings = check("lr-schedule", load_run(DIVERGENT))  # lr 0.1, warmup 0, real run stuck
    [warmup] = [f for f in findings if "warmup" in f.title.lower()]
    assert warmup.severity == Severity.warning
    # the log's max_iters = 300: 2% would be 6 steps, 100 would be a third of the run; the
    # fix ramps over the first tenth
    assert warmup.fixes[0].key == "warmup_iters" and warmup.fixes[0].value == 30


@pytest.mark.parametrize("log", [HEALTHY, OVERFIT])
def test_lr_schedule_silent_on_healthy_schedules(log: Path, seed: Run) -> None:
    assert check("lr-schedule", load_run(log)) == []
    assert check("lr-schedule", seed) == []


def test_lr_schedule_decay_horizon_and_floor() -> None:
    run = load_run(HEALTHY, sets=["lr_decay_iters=600000", "min_lr=5e-4"])
    titles = " | ".join(f.title for f in check("lr-schedule", run))
    assert "lr_decay_iters = 600000 but max_iters = 1500" in titles
    assert "min_lr = 0.0005 is 50% of the peak" in titles
    fixes = {f.key: f.value for finding in check("lr-schedule", run) for f in finding.fixes}
    assert fixes == {"lr_decay_iters": 1500, "min_lr": pytest.approx(1e-4)}


def test_lr_schedule_floor_three_times_chinchillas_is_shallow() -> None:
    # Chinchilla and nanoGPT decay 10x (min_lr = learning_rate / 10 = 1e-4 here); a floor at
    # 30% of the peak, three times that, leaves a shallow anneal (info)
    shallow = check("lr-schedule", load_run(HEALTHY, sets=["min_lr=3e-4"]))
    assert [(f.title, f.severity) for f in shallow] == [
        ("min_lr = 0.0003 is 30% of the peak", Severity.info)
    ]
    assert check("lr-schedule", load_run(HEALTHY, sets=["min_lr=1e-4"])) == []


def test_lr_at_matches_nanogpt_get_lr() -> None:
    from capdiag.rules.lr_schedule import LrSchedule

    run = load_run(HEALTHY)  # lr 1e-3, warmup 100, decay to 1e-4 at 1500 (max_iters override)
    rule = LrSchedule()
    assert rule._lr_at(run, 0) == pytest.approx(1e-3 * 1 / 101)
    assert rule._lr_at(run, 100) == pytest.approx(1e-3)
    assert rule._lr_at(run, 800) == pytest.approx(1e-4 + 0.5 * 9e-4)
    assert rule._lr_at(run, 1501) == pytest.approx(1e-4)


def test_eval_noise_fires_when_eval_iters_is_small() -> None:
    [finding] = check("eval-noise", load_run(HEALTHY))  # eval_iters = 20 on 768-token batches
    values = {e.label: e.value for e in finding.evidence}
    assert values["standard error of one evaluation"] > values["median change between evaluations"]
    assert finding.fixes[0].key == "eval_iters" and finding.fixes[0].value > 20
    assert finding.severity == Severity.info


def test_eval_noise_silent_when_evals_resolve_the_changes() -> None:
    assert check("eval-noise", load_run(OVERFIT)) == []


def test_eval_noise_ran_and_is_silent_on_a_real_healthy_run() -> None:
    # a public GPT-2 124M OpenWebText run on 4 A40s (healthy by its label): eval_iters = 200
    # of 12 x 1024-token batches over 101 evaluations; check() fails if the rule was skipped
    files = ROOT / "bench" / "corpus" / "ng-chongwei730-owt-gpt2-4xa40-cosine" / "wandb"
    files = files / "run-20260329_183416-ws3jpbyp" / "files"
    run = load_run(files / "output.log", files / "config.yaml", num_gpus=4)
    assert run.config.number("eval_iters") == 200 and run.config.source("eval_iters") == "config"
    assert check("eval-noise", run) == []


def test_tokens_per_step_claims() -> None:
    claims = find_batch_claims(
        [
            (1, "these make the total batch size be ~0.5M"),
            (2, "12 batch size * 1024 block size * 5 gradaccum * 8 GPUs = 491,520"),
            (3, "model (~125M parameters)"),
            (4, "train for 300M tokens"),
        ]
    )
    assert claims == [(1, 500_000.0, "~0.5M"), (2, 491_520.0, "491,520")]


def test_tokens_per_step_silent_when_the_claim_holds(seed: Run) -> None:
    assert check("tokens-per-step", seed) == []  # "~0.5M ... = 524,288" and 524,288 ran
    assert check("tokens-per-step", load_run(HEALTHY)) == []


def test_tokens_per_step_fires_on_a_wrong_claim(tmp_path: Path) -> None:
    # the rebuilt seed log (not a real log) with a config whose comment promises 4x the batch
    config = tmp_path / "c.py"
    config.write_text(
        SEED_CONFIG.read_text().replace(
            "# ~0.5M tokens per step: 16 batch * 1024 block * 32 grad accum = 524,288",
            "# ~2M tokens per step",
        )
    )
    [finding] = check("tokens-per-step", load_run(SEED_LOG, config))
    assert "~2M" in finding.title
    assert {f.key: f.value for f in finding.fixes} == {"gradient_accumulation_steps": 122}


def test_tokens_per_step_ddp_divisibility() -> None:
    run = load_run(SEED_LOG, SEED_CONFIG, num_gpus=3)
    assert [f.severity for f in check("tokens-per-step", run)] == [Severity.error]
    assert check("tokens-per-step", load_run(SEED_LOG, SEED_CONFIG, num_gpus=8)) == []


@pytest.mark.parametrize("log", [HEALTHY, OVERFIT, DIVERGENT, SEED_LOG])
def test_init_loss_silent_on_fresh_nanogpt_runs(log: Path) -> None:
    assert check("init-loss", load_run(log)) == []


def test_init_loss_skips_runs_from_existing_weights() -> None:
    run = load_run(HEALTHY, sets=["init_from='resume'"])
    with pytest.raises(SkipRule):
        find_rule("init-loss")().check(run)  # type: ignore[misc]


def test_init_loss_fires_on_a_real_bad_init() -> None:
    # HF Trainer, GPT-2 with initializer_range=2.0, first loss logged at step 1
    run = load_run(DATA / "hf_trainer" / "badinit")
    [finding] = check("init-loss", run)
    assert finding.severity == Severity.warning
    assert finding.evidence[0].value == pytest.approx(42.124, abs=1e-3)
    assert "ln(V) = 4.56" in finding.title


def test_init_loss_silent_on_a_healthy_run_and_never_reads_a_window_mean() -> None:
    # a public char-level run: step 0 eval 4.28 against ln(65) = 4.17; the rule ran
    folder = ROOT / "bench" / "corpus" / "ng-wilcoooo-shakespeare-char-tiny"
    assert check("init-loss", load_run(folder / "train_shakespeare_char.log")) == []
    # HF logs a window mean: never an init loss, so the rule skips
    with pytest.raises(SkipRule, match="no loss measured before the first update"):
        find_rule("init-loss")().check(load_run(DATA / "hf_trainer" / "healthy"))  # type: ignore[misc]
    # the diverged run logs every 10 steps: its first loss is a mean over updated steps
    with pytest.raises(SkipRule):
        find_rule("init-loss")().check(load_run(DATA / "hf_trainer" / "diverge"))  # type: ignore[misc]


def test_resume_reports_discarded_steps_on_a_real_restart() -> None:
    run = load_run(NANOGPT / "cpu_crash_resumed.log")
    assert [(s.first_step, s.last_step, s.resumed) for s in run.segments] == [
        (0, 170, False),
        (100, 300, True),
    ]
    discarded, replay = check("resume", run)
    assert "discarded 70 steps" in discarded.title
    assert "always_save_checkpoint = False" in discarded.message
    # nanoGPT seeds its sampler the same way at every start: the resumed process draws the
    # first process's batches again
    assert "replay" in replay.title and "1337 + seed_offset" in replay.message


def test_resume_on_a_clean_restart_and_single_runs() -> None:
    # cpu_resumed: stopped at its checkpoint (step 200) and resumed there: nothing discarded
    # and no jump, but the same seed draws the same batches again
    run = load_run(NANOGPT / "cpu_resumed.log")
    assert len(run.segments) == 2
    [replay] = check("resume", run)
    assert replay.title.startswith("Resumed launches replay")
    with pytest.raises(SkipRule, match="one process"):
        find_rule("resume")().check(load_run(HEALTHY))  # type: ignore[misc]


def test_resume_flags_a_different_model_after_restart(tmp_path: Path) -> None:
    # the real crash log, with the resumed process's step-100 evaluation changed by 1 nat:
    # the same weights cannot evaluate that differently
    text = (NANOGPT / "cpu_crash_resumed.log").read_text()
    lines = text.splitlines(keepends=True)
    second = [i for i, line in enumerate(lines) if line.startswith("step 100:")][1]
    lines[second] = "step 100: train loss 3.5730, val loss 3.5871\n"
    log = tmp_path / "jump.log"
    log.write_text("".join(lines))
    titles = [f.title for f in check("resume", load_run(log))]
    assert any("jumped from 2.5946 to 3.5871" in t for t in titles)


NANOGPT_WANDB = DATA / "wandb" / "nanogpt_lr"


def test_logged_lr_matches_the_schedule_of_the_config_that_ran() -> None:
    # nanoGPT itself logged lr to W&B; its own config reproduces every value
    run = load_run(NANOGPT_WANDB)
    assert len(run.series["lr"]) == 13
    titles = [f.title for f in check("lr-schedule", run)]
    assert titles == ["lr_decay_iters = 1500 but max_iters = 300"]  # the run's real mistake


def test_logged_lr_exposes_a_config_that_did_not_run() -> None:
    run = load_run(NANOGPT_WANDB, sets=["learning_rate=6e-4"])
    [finding] = check("lr-schedule", run)
    assert finding.title == "The logged learning rate does not follow the config's schedule"
    values = {e.label: e.value for e in finding.evidence}
    assert values["logged lr"] == pytest.approx(1e-3 / 101)  # step 0 of nanoGPT's warmup
    assert values["config's schedule"] == pytest.approx(6e-4 / 101)


@pytest.mark.parametrize(("train_tokens", "severity"), [(100_000, "info"), (10_000_000, "warning")])
def test_a_replay_costs_little_when_the_first_launch_already_repeated_its_data(
    tmp_path: Path, train_tokens: int, severity: str
) -> None:
    # the first launch ran 200 steps of 768 tokens: 1.5 epochs of 100k tokens (the data was
    # already repeating, so seeing it again costs little), 0.015 of 10M (a real loss)
    data = tmp_path / "data"
    data.mkdir()
    for name, tokens in (("train.bin", train_tokens), ("val.bin", 1000)):
        with (data / name).open("wb") as handle:
            handle.truncate(2 * tokens)  # uint16 tokens: only the size is read
    run = load_run(NANOGPT / "cpu_resumed.log", data_dir=data)
    [replay] = check("resume", run)
    assert replay.severity.value == severity
    assert ("already saw its data 1.5 times" in replay.message) == (severity == "info")


def test_the_plateau_names_its_cause_when_the_token_budget_shows_it() -> None:
    # the seed example (a rebuilt run): 186 tokens per parameter, over 4x the ~20 of
    # Chinchilla, so the plateau's likely cause is the model's capacity
    run = load_run(SEED_LOG, SEED_CONFIG, gpu="RTX 4070")
    [plateau] = check("loss-plateau", run)
    assert "186 tokens per parameter, far past compute-optimal" in plateau.message
    # the healthy CPU run is far from that budget: no such cause is named
    healthy = load_run(NANOGPT / "cpu_healthy.log", NANOGPT / "cpu_healthy_config.py")
    assert all("far past compute-optimal" not in f.message for f in check("loss-plateau", healthy))


def test_a_typo_is_two_edits_at_most() -> None:
    from capdiag.rules.config_coherence import _edits, _is_typo

    # by hand: one swap, one deletion, one replacement and one insertion, seven insertions
    assert [_edits(*p) for p in [("n_emdb", "n_embd"), ("lerning_rate", "learning_rate")]] == [
        1,
        1,
    ]
    assert _edits("batch_sise", "batch_size") == 1 and _edits("max_iter", "max_iters") == 1
    assert _edits("matrix_learning_rate", "learning_rate") == 7
    assert _edits("dropuot", "dropout") == 1 and _edits("abc", "") == 3
    assert _is_typo("n_emdb", "n_embd") and not _is_typo("matrix_weight_decay", "weight_decay")
