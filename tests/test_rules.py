"""Each rule fires on a bad run and stays silent on a healthy one.

Bad: the seed run (examples/, rebuilt from the seed note's facts). Healthy: a real nanoGPT
run on CPU (tests/data/nanogpt/cpu_healthy.log).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA, ROOT, SEED_CONFIG, SEED_LOG

from capdiag.analysis import analyze
from capdiag.findings import Finding, Severity, SkipRule
from capdiag.load import load_run
from capdiag.rules import RULES, find_rule
from capdiag.run import Run

HEALTHY = DATA / "nanogpt" / "cpu_healthy.log"


@pytest.fixture(scope="module")
def seed() -> Run:
    return load_run(SEED_LOG, SEED_CONFIG, gpu="RTX 4070")


@pytest.fixture(scope="module")
def healthy() -> Run:
    return load_run(HEALTHY)


def check(rule_id: str, run: Run) -> list[Finding]:
    """The rule's findings; a skip fails the test (silence must come from a rule that ran)."""
    rule = find_rule(rule_id)
    assert rule is not None
    try:
        return rule().check(run)
    except SkipRule as skip:
        raise AssertionError(f"{rule_id} did not run: {skip.reason}") from None


def test_healthy_real_run_has_no_warning(healthy: Run) -> None:
    report = analyze(healthy)
    assert [f.rule for f in report.findings if f.severity != Severity.info] == []


SEED_RULES = [
    "param-count-mismatch",
    "val-below-train",
    "dropout-in-pretraining",
    "token-budget",
    "mfu",
    "loss-plateau",
    "benign-warning",
]


@pytest.mark.parametrize("rule_id", SEED_RULES)
def test_every_seed_check_fires_on_the_seed(rule_id: str, seed: Run) -> None:
    assert check(rule_id, seed), f"{rule_id} is silent on the seed run"


@pytest.mark.parametrize(
    "rule_id",
    [
        "param-count-mismatch",
        "val-below-train",
        "dropout-in-pretraining",
        "token-budget",
        "mfu",
        "loss-plateau",
    ],
)
def test_silent_on_healthy(rule_id: str, healthy: Run) -> None:
    run = healthy
    corpus = ROOT / "bench" / "corpus"
    if rule_id == "param-count-mismatch":
        # the CPU run claims no size; this public fine-tune's config claims "GPT-2 (124M)"
        folder = corpus / "ng-innerfirexy-gpt2-cepred-8gpu-resume"
        run = load_run(folder / "log_gpt2_20241021.txt", folder / "config/train_gpt2_cepred.py")
    elif rule_id == "mfu":
        # the CPU run has no GPU peak; a healthy public GPU run (labelled so)
        folder = corpus / "ng-yplarrywang-tinystories-50m"
        run = load_run(folder / "out-tinystories/train.log", folder / "config/train_tinystories.py")
    findings = check(rule_id, run)  # fails if the rule skipped
    if rule_id == "mfu":
        # without --gpu the rule explains what nanoGPT's printed figure is relative to
        assert [(f.severity, f.title) for f in findings] == [
            (Severity.info, "MFU is relative to an A100, not this run's GPU")
        ]
    else:
        assert findings == []


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.py"
    path.write_text(
        text + "n_layer = 4\nn_head = 4\nn_embd = 128\nblock_size = 64\nbatch_size = 12\n"
        "gradient_accumulation_steps = 1\neval_interval = 100\neval_iters = 20\n"
        "device = 'cpu'\ndtype = 'float32'\ncompile = False\ndataset = 'stdlib_char'\n"
    )
    return path


def test_param_claim_that_holds_is_silent(tmp_path: Path) -> None:
    run = load_run(HEALTHY, _config(tmp_path, "# model (~0.8M parameters)\n"))
    assert check("param-count-mismatch", run) == []


def test_param_claim_that_fails_names_the_dimension(tmp_path: Path) -> None:
    run = load_run(HEALTHY, _config(tmp_path, "# a 3.2M param model\n"))
    [finding] = check("param-count-mismatch", run)
    fix = {f.key: f.value for f in finding.fixes}
    assert fix["n_embd"] % 4 == 0 and fix["n_embd"] > 128
    assert finding.restart_required and finding.severity == Severity.error


def test_seed_param_fix_keeps_tokens_per_step_and_fits(seed: Run) -> None:
    [finding] = check("param-count-mismatch", seed)
    fix = {f.key: f.value for f in finding.fixes}
    assert fix["n_embd"] == 768
    assert fix["batch_size"] * fix["gradient_accumulation_steps"] * 1024 == 524_288
    assert "12.00 GiB" in next(f.reason for f in finding.fixes if f.key == "batch_size")


def test_param_fix_without_memory_budget_asks_for_one() -> None:
    run = load_run(SEED_LOG, SEED_CONFIG)  # no --gpu, no --vram
    [finding] = check("param-count-mismatch", run)
    keys = {f.key for f in finding.fixes}
    assert "n_embd" in keys and "batch_size" not in keys
    assert "--vram" in finding.message


def test_dropout_on_small_repeated_data_is_fine() -> None:
    run = load_run(HEALTHY, sets=["dropout=0.2", "dataset=shakespeare_char"])
    assert check("dropout-in-pretraining", run) == []


def test_dropout_on_a_large_unknown_corpus_is_information() -> None:
    # whether 10.5B tokens repeat an unknown corpus is not stated: no warning rests on it
    run = load_run(SEED_LOG, SEED_CONFIG, sets=["dataset=my_corpus"])
    [finding] = check("dropout-in-pretraining", run)
    assert finding.severity is Severity.info and not finding.fixes
    assert "unknown size" in finding.title and "(my_corpus)" in finding.message


def test_val_below_train_blames_dropout_only_in_train_mode(seed: Run) -> None:
    [finding] = check("val-below-train", seed)
    assert "cannot explain" in finding.message
    train = seed.series["eval_train_loss"].model_copy(
        update={"mode": "train-smoothed", "dropout_active": True}
    )
    trained = seed.model_copy(update={"series": {**seed.series, "eval_train_loss": train}})
    [finding] = check("val-below-train", trained)
    assert "dropout can explain" in finding.message


def test_token_budget_names_the_optimum(seed: Run) -> None:
    [finding] = check("token-budget", seed)
    values = {e.label: e.value for e in finding.evidence}
    assert values["tokens per parameter"] == pytest.approx(185.6, abs=0.1)
    assert 100e6 < values["compute-optimal parameters (Epoch 2024)"] < 120e6


def test_mfu_correction_for_the_seed_gpu(seed: Run) -> None:
    [finding] = check("mfu", seed)
    assert finding.severity == Severity.info
    assert seed.figures.mfu == pytest.approx(0.615, abs=0.002)
    assert "312" in finding.message


def test_mfu_low_on_a_big_gpu_is_a_warning_with_fixes() -> None:
    run = load_run(SEED_LOG, SEED_CONFIG, gpu="H100 SXM", sets=["compile=False"])
    [finding] = check("mfu", run)
    assert finding.severity == Severity.warning
    assert run.figures.mfu is not None and run.figures.mfu < 0.05
    assert "compile" in {f.key for f in finding.fixes}
    # a larger micro-batch that fits, with the accumulation cut to keep the tokens per step
    fixes = {f.key: f for f in finding.fixes}
    batch, accum = fixes["batch_size"], fixes["gradient_accumulation_steps"]
    assert batch.value > batch.current and accum.value < accum.current
    assert batch.value * accum.value == batch.current * accum.current


def test_mfu_without_gpu_explains_the_a100_basis() -> None:
    run = load_run(SEED_LOG, SEED_CONFIG)
    [finding] = check("mfu", run)
    assert "--gpu" in finding.message and run.figures.mfu is None


def test_benign_warning_is_info_and_names_the_sms(seed: Run, healthy: Run) -> None:
    [finding] = check("benign-warning", seed)
    assert finding.severity == Severity.info and "46 SMs" in finding.message
    assert [f.severity for f in check("benign-warning", healthy)] == [Severity.info]


def test_benign_warning_silent_without_warnings(tmp_path: Path) -> None:
    log = tmp_path / "clean.log"
    lines = [
        line for line in HEALTHY.read_text().splitlines(keepends=True) if "Warning" not in line
    ]
    log.write_text("".join(lines))
    assert check("benign-warning", load_run(log)) == []


def test_ranking_puts_the_error_first_and_says_why(seed: Run) -> None:
    report = analyze(seed)
    severities = [f.severity.rank for f in report.findings]
    assert severities == sorted(severities, reverse=True)
    assert report.findings[0].rule == "param-count-mismatch"
    assert "Ranked by severity" in report.ranking


def test_rules_have_docs_codes_and_unique_ids() -> None:
    assert len({r.id for r in RULES}) == len({r.code for r in RULES}) == len(RULES)
    for rule in RULES:
        docs = rule.docs()
        assert "**Anti-pattern**" in docs and "**Best practice**" in docs
        for keyword in rule.config_keywords:
            assert keyword in docs, f"{rule.id}: option {keyword} undocumented"


def _sparse_data_dir(folder: Path, train_tokens: int) -> Path:
    """A nanoGPT data directory whose train.bin has the size of `train_tokens` uint16 ids
    (a sparse file: capdiag reads sizes only)."""
    folder.mkdir(parents=True)
    for name, tokens in (("train.bin", train_tokens), ("val.bin", 1000)):
        with (folder / name).open("wb") as handle:
            handle.truncate(2 * tokens)
    return folder


def test_dropout_uses_the_measured_corpus(tmp_path: Path) -> None:
    # the seed run is set (max_iters = 20,000 x 524,288) to see 10.49B tokens
    big = _sparse_data_dir(tmp_path / "big", 20_000_000_000)  # 0.52 epochs: fires
    [f] = check("dropout-in-pretraining", load_run(SEED_LOG, SEED_CONFIG, data_dir=big))
    assert f.title.endswith("never repeats its data")
    few = _sparse_data_dir(tmp_path / "few", 5_000_000_000)  # 2.1 epochs: still fires
    [f] = check("dropout-in-pretraining", load_run(SEED_LOG, SEED_CONFIG, data_dir=few))
    assert f.title.endswith("repeats its data only a few times")
    small = _sparse_data_dir(tmp_path / "small", 2_000_000_000)  # 5.2 epochs: silent
    assert check("dropout-in-pretraining", load_run(SEED_LOG, SEED_CONFIG, data_dir=small)) == []


def test_data_dir_is_found_beside_the_log(tmp_path: Path) -> None:
    # nanoGPT's layout: data/<dataset>/train.bin next to where train.py ran
    _sparse_data_dir(tmp_path / "data" / "fineweb", 3_000_000_000)
    log = tmp_path / "train.log"
    log.write_bytes(SEED_LOG.read_bytes())
    run = load_run(log, SEED_CONFIG)
    assert run.dataset is not None and run.dataset.train_tokens == 3_000_000_000
    assert "train.bin" in run.dataset.source


def test_data_dir_without_train_bin_is_bad_input(tmp_path: Path) -> None:
    from capdiag.load import InputError

    with pytest.raises(InputError, match=r"no train\.bin"):
        load_run(SEED_LOG, SEED_CONFIG, data_dir=tmp_path)


def test_hfu_counts_the_recomputed_forward() -> None:
    # With activation recomputation each step runs the forward twice: 8 FLOPs per parameter
    # per token of hardware work against the 6 the model needs (PaLM, Chowdhery et al. 2022,
    # appendix B), so HFU = MFU x 8/6. Without recomputation there is no HFU figure.
    plain = load_run(SEED_LOG, SEED_CONFIG, gpu="RTX 4070")
    assert plain.figures.hfu is None
    recomputed = load_run(SEED_LOG, SEED_CONFIG, ["gradient_checkpointing=True"], gpu="RTX 4070")
    assert recomputed.figures.mfu == plain.figures.mfu
    assert recomputed.figures.hfu == pytest.approx(plain.figures.mfu * 8 / 6)


def test_a_rule_is_worked_out_once_per_run_and_afresh_on_a_copy(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from capdiag.rules.overfitting import Overfitting

    calls: list[int] = []
    check_overfitting = Overfitting.check

    def counted(self: Overfitting, run: Run) -> list[Finding]:
        calls.append(id(run))
        return check_overfitting(self, run)

    monkeypatch.setattr(Overfitting, "check", counted)
    run = load_run(SEED_LOG, SEED_CONFIG, gpu="RTX 4070")
    report = analyze(run)
    # dropout-in-pretraining asks for overfitting's verdict; the analysis reuses it (the
    # fix plan's own check works on another run, a copy)
    assert "dropout-in-pretraining" in {f.rule for f in report.findings}
    assert calls.count(id(run)) == 1
    copy = run.model_copy(update={"series": {}})
    with pytest.raises(SkipRule):
        Overfitting().outcome(copy)
    assert calls.count(id(copy)) == 1
