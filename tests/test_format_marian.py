"""Marian NMT's training log: "Ep. E : Up. U : ... : Cost X : ..." and "[valid]" lines."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from conftest import ROOT
from typer.testing import CliRunner

from capdiag.cli import app
from capdiag.load import load_run

CORPUS = ROOT / "bench" / "corpus"
# an RNN on 4 GPUs, early-stopped 75,000 updates after its best validation (batch 168)
OVERFIT = CORPUS / "xv-marian-encs-4gpu-overfit" / "train_trans.4gpu.cosmas.log"
# a transformer with --mini-batch 70 that ran out of GPU memory at update 205,000
OOM = CORPUS / "xv-marian-encs-batch70-oom" / "train_trans_batch70.log"


def _analyze(path: Path) -> dict[str, Any]:
    result = CliRunner().invoke(app, ["analyze", str(path), "-f", "json", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def _rules(report: dict[str, Any]) -> dict[str, str]:
    return {f["rule"]: f["severity"] for f in report["findings"]}


def test_a_real_log_is_read_with_its_options_and_devices() -> None:
    run = load_run(OVERFIT)
    assert run.framework == "Marian"
    loss, val, lr = run.metric("train_loss"), run.metric("val_loss"), run.metric("lr")
    assert loss is not None and val is not None and lr is not None
    assert (len(loss), len(val)) == (210, 21)
    assert loss.steps[0] == 500 and loss.values[0] == 294.70495605
    # cost-type ce-mean: the validation's cross-entropy, per sentence as the cost is
    assert val.steps[0] == 5000 and val.values[0] == 143.444
    # the oracle is the log's own perplexity, per word: "[valid] Ep. 6 : Up. 5000 :
    # perplexity : 102.905": 143.444 nats over ln(102.905) per word is a 31-word sentence,
    # so the cross-entropy is a sentence's sum, not a word's mean
    assert 20 < val.values[0] / math.log(102.905) < 60
    assert "per sentence (ce-mean)" in val.description
    assert lr.values[0] == 9.3750e-06
    assert (run.num_gpus, run.num_gpus_source) == (4, "log")  # "[config] devices:" 0-3
    assert run.config.get("learning_rate") == 0.0003
    assert run.config.source("learning_rate") == "log"
    assert run.config.get("label_smoothing") == 0.1


def test_overfitting_and_a_crash_named_on_real_runs() -> None:
    report = _analyze(OVERFIT)
    rules = _rules(report)
    assert rules["overfitting"] == "warning"
    # label smoothing puts the training cost above validation by design: information
    assert rules["val-below-train"] == "info"
    assert "crash" not in rules  # it stopped early, as configured
    keys = {fix["key"] for fix in report["fix_plan"]["fixes"]}
    assert keys == {"after-batches", "transformer-dropout"}  # Marian's own options
    oom = _rules(_analyze(OOM))
    assert oom["crash"] == "error" and oom["val-below-train"] == "info"
    assert "overfitting" not in oom  # its validation was best near its end


def test_per_label_costs_gradient_norms_and_perplexity(tmp_path: Path) -> None:
    # Marian 1.8 and later: "Cost X * N @ B after T" is per target label, with gNorm
    log = tmp_path / "train.log"
    log.write_text(
        "[2022-05-01 14:54:07] [config] devices:\n"
        "[2022-05-01 14:54:07] [config]   - 0\n"
        "[2022-05-01 14:54:07] [config]   - 1\n"
        "[2022-05-01 14:54:07] [config] learn-rate: 0.0003\n"
        "[2022-05-01 14:54:07] [config] lr-warmup: 8000u\n"
        + "".join(
            f"[2022-05-01 14:5{i}:07] Ep. 1 : Up. {1000 * (i + 1)} : Sen. 1,000 : Cost "
            f"{5.0 - i * 0.5:.8f} * 1,000,000 @ 2,000 after 9,000,000 : Time 20.00s : "
            f"50000.00 words/s : gNorm 0.{i + 3}000 : L.r. 3.0000e-04\n"
            for i in range(6)
        )
        + "[2022-05-01 15:00:00] [valid] Ep. 1 : Up. 6000 : perplexity : 20.0855 : new best\n"
    )
    run = load_run(log)
    loss, norm, val = run.metric("train_loss"), run.metric("grad_norm"), run.metric("val_loss")
    assert loss is not None and norm is not None and val is not None
    assert loss.steps.tolist() == [1000, 2000, 3000, 4000, 5000, 6000]
    assert norm.values[0] == 0.3 and len(norm) == 6
    assert val.steps.tolist() == [6000] and math.isclose(val.values[0], 3.0, rel_tol=1e-5)
    step_time = run.metric("step_time_ms")
    assert step_time is not None and step_time.values[0] == 20.0  # 20 s over 1,000 updates
    assert run.num_gpus == 2 and run.config.get("warmup_iters") == 8000
