"""Curve helpers stay correct on long series (the long path is an approximation)."""

from __future__ import annotations

import numpy as np

from capdiag.curves import EXHAUSTIVE_SPLITS, level_shift, running_median, trailing_band


def test_level_shift_finds_a_planted_shift_in_a_long_series() -> None:
    rng = np.random.default_rng(7)
    n = 50 * EXHAUSTIVE_SPLITS
    values = rng.normal(100.0, 2.0, size=n)
    values[123_456:] += 40.0  # a 1.4x slowdown from step 123,456 on
    k, before, after, z = level_shift(values, 20)
    assert abs(k - 123_456) <= n / 1000  # exact to one block
    assert before < 101 < 139 < after and z > 50


def test_level_shift_short_series_is_exhaustive() -> None:
    values = np.array([1.0] * 30 + [2.0] * 30)
    assert level_shift(values, 5)[0] == 30


def test_window_helpers_handle_nan_and_short_inputs() -> None:
    values = np.array([1.0, np.nan, 3.0, 2.0, 10.0, 2.0, 3.0, 1.0])
    median, sigma = trailing_band(values, 4)
    assert np.isnan(median[:3]).all()  # fewer than 3 finite points before them
    assert median[4] == 2.0 and np.isfinite(sigma[4])
    assert running_median(values, 3)[4] == 2.0
    assert running_median(np.array([]), 5).size == 0
