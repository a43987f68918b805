"""Figures pinned to independent sources: a hand computation, a vendor's table, a real run.

Each test here fails under a mutation an audit found surviving: the sqrt(2) in
val-below-train's standard error, the TF32 peak for a float32 nanoGPT run's MFU, and
throughput's 1.25x slowdown threshold.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from conftest import ROOT, SEED_CONFIG, SEED_LOG

from capdiag.load import load_run
from capdiag.rules.throughput import Throughput
from capdiag.rules.val_below_train import ValBelowTrain

CORPUS = ROOT / "bench" / "corpus"


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
