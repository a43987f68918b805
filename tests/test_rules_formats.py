"""The broken runs of other formats are named as an expert would name them."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import DATA, ROOT

from capdiag.analysis import analyze
from capdiag.findings import Severity
from capdiag.load import load_run


def problems(path: Path, *sets: str) -> dict[str, str]:
    report = analyze(load_run(path, sets=list(sets)))
    return {f.rule: f.title for f in report.findings if f.severity.value != "info"}


def test_hf_divergence_without_a_step_zero_loss() -> None:
    # lr 1.0: the first logged mean (step 10) is already 68; the run ends at eval 7.0, above
    # the untrained model's ln(96) = 4.56
    found = problems(DATA / "hf_trainer" / "diverge")
    assert "divergence" in found and "overfitting" not in found


def test_lightning_memorising_without_a_clear_rise() -> None:
    # 4,000 characters for 100 epochs: val flat near 1.9 while train falls to ~0.2
    found = problems(DATA / "lightning" / "overfit")
    assert found.keys() == {"overfitting"}
    assert "val flat since step 299" in found["overfitting"]


def test_nan_divergence_is_not_called_overfitting() -> None:
    found = problems(DATA / "jsonl" / "divergent_stdout.log")
    assert "divergence" in found and "overfitting" not in found


@pytest.mark.parametrize(
    ("path", "sets", "rule"),
    [
        (DATA / "wandb" / "overfit", (), "overfitting"),
        (DATA / "mlflow" / "mlruns", (), "divergence"),  # the newest run: lr 3.0, NaN
        (DATA / "mlflow" / "mlflow.db", (), "divergence"),
    ],
)
def test_broken_runs_of_other_formats(path: Path, sets: tuple[str, ...], rule: str) -> None:
    assert rule in problems(path, *sets)


def test_a_global_batch_that_shrinks_mid_run_is_a_warning_and_a_ramp_up_is_not() -> None:
    """Megatron logs `global batch size` per iteration. Held-out run: 32 up to iteration
    200, then 8 after the in-loop LAMBADA evaluation. BigScience tr8-104B grows it by its
    --rampup-batch-size (176 to 192 at 9026): by design, silent."""
    shrinks = ROOT / "bench/corpus/ww-megatron-gpt2-345m-lambada-microbatch-shrinks/finetune.log"
    [found] = [f for f in analyze(load_run(shrinks)).findings if f.rule == "tokens-per-step"]
    assert found.severity is Severity.warning
    assert found.title == "The global batch shrank from 32 to 8 at step 201"
    folder = ROOT / "bench/corpus/si-bigsci-tr8-104b-exp12-spike-diverge"
    ramp = folder / yaml.safe_load((folder / "label.yaml").read_text())["log"]
    run = load_run(ramp)
    assert sorted(set(run.series["global_batch_size"].values.tolist())) == [176, 192]
    assert not [f for f in analyze(run).findings if f.rule == "tokens-per-step"]
