"""Chinchilla optimum against the closed form's published consequences."""

from __future__ import annotations

import pytest

from capdiag.arithmetic.scaling import EPOCH_2024, HOFFMANN_2022


@pytest.mark.parametrize(
    ("compute", "epoch_ratio", "hoffmann_ratio"),
    # D*/N* at each budget, derived in shared/docs/anchors.md from the same constants
    [(1e18, 25.7, 25.7), (1e20, 22.9, 40.1), (1e22, 20.4, 62.6), (1e24, 18.1, 97.7)],
)
def test_tokens_per_param_at_optimum(
    compute: float, epoch_ratio: float, hoffmann_ratio: float
) -> None:
    n, d = EPOCH_2024.optimum(compute)
    assert d / n == pytest.approx(epoch_ratio, abs=0.05)
    assert 6 * n * d == pytest.approx(compute)
    n, d = HOFFMANN_2022.optimum(compute)
    assert d / n == pytest.approx(hoffmann_ratio, abs=0.05)


def test_optimum_minimises_loss_at_fixed_compute() -> None:
    compute = 1.87e18
    n_opt, d_opt = EPOCH_2024.optimum(compute)
    best = EPOCH_2024.loss(n_opt, d_opt)
    for factor in (0.5, 0.8, 1.25, 2.0):
        n = n_opt * factor
        assert EPOCH_2024.loss(n, compute / 6 / n) > best


def test_chinchilla_70b_is_near_optimal_under_the_epoch_refit() -> None:
    # Chinchilla itself: 70B parameters on 1.4T tokens (Hoffmann et al. 2022). The refit
    # puts it near the optimum; the rounded published constants do not (Besiroglu et al.).
    n, _ = EPOCH_2024.optimum(6 * 70e9 * 1.4e12)
    assert 60e9 < n < 80e9
    n, _ = HOFFMANN_2022.optimum(6 * 70e9 * 1.4e12)
    assert n < 40e9
