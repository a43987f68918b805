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


def test_rolling_helpers_stay_in_bounded_memory_on_a_million_points() -> None:
    import tracemalloc

    values = np.log(np.arange(2, 1_000_002, dtype=np.float64))
    tracemalloc.start()
    smooth = running_median(values, 50_001)  # loss-rising's window for 1M points
    median, _ = trailing_band(values, 50)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 200 * 2**20  # the whole-matrix version needed 42 GiB
    assert np.isfinite(smooth).all() and np.isfinite(median[50:]).all()


def test_a_strided_running_median_matches_the_exact_one() -> None:
    rng = np.random.default_rng(0)
    values = np.linspace(3.0, 1.0, 20_000) + rng.normal(0, 0.05, 20_000)
    window = 501  # 20,000 x 501 values: over the budget, so evaluated on a stride
    exact = np.array([np.median(values[max(0, i - 250) : i + 251]) for i in range(values.size)])
    assert np.max(np.abs(running_median(values, window) - exact)) < 0.01
