"""Small robust statistics on metric series (numpy only)."""

from __future__ import annotations

import math

import numpy as np

MAD_TO_SIGMA = 1.4826  # MAD of a normal distribution times this is its standard deviation


def quiet_floats() -> np.errstate:
    """numpy without floating-point warnings: a parsed value near float max overflows to inf
    (and inf - inf is NaN), which every parser, figure and rule drops or reports as such, so
    numpy's warning about it is not output for the user."""
    return np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore")


def robust_sigma(values: np.ndarray, scratch: bool = False) -> float:
    """MAD-sigma of the finite values; `scratch`: `values` is the caller's temporary, and
    may be reordered and overwritten (no copy of a long series is made)."""
    finite = np.isfinite(values)
    if not (scratch and finite.all()):
        values = values[finite]  # a copy: worked on in place from here
    if values.size < 2:
        return float("nan")
    centre = np.median(values, overwrite_input=True)
    deviations = np.abs(np.subtract(values, centre, out=values), out=values)
    return float(MAD_TO_SIGMA * np.median(deviations, overwrite_input=True))


def median_se(values: np.ndarray, smooth: np.ndarray, window: int) -> float:
    """Standard error of a median of `window` points, from the scatter of `values` around
    their running median `smooth` (a median has about 1.25 sigma / sqrt(n)); 0 when the
    scatter cannot be measured."""
    sigma = robust_sigma(values - smooth, scratch=True)
    return 1.2533 * sigma / math.sqrt(window) if math.isfinite(sigma) else 0.0


def step_noise(values: np.ndarray) -> float:
    """Noise of one logged value, from differences of consecutive ones: differencing removes
    the slow trend, and the difference of two independent draws has sqrt(2) times the
    spread of one."""
    return robust_sigma(np.diff(values)) / math.sqrt(2.0)


def batch_loss_sigma(losses: np.ndarray) -> float:
    """Noise of a single-batch loss (`step_noise`) over the second half of the run, where
    the curve is flat."""
    tail = losses[losses.size // 2 :]
    tail = tail[np.isfinite(tail)]
    if tail.size < 8:
        return float("nan")
    return step_noise(tail)


def slope_per_doubling(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Least-squares slope of y against log2(x) and its standard error."""
    keep = np.isfinite(y) & (x > 0)
    every = bool(keep.all())  # the common case: no copy of the series to select it
    lx = (x if every else x[keep]).astype(np.float64)
    np.log2(lx, out=lx)
    ly = y if every else y[keep]
    n = lx.size
    if n < 3 or np.ptp(lx) == 0:
        return float("nan"), float("nan")
    lx_c = np.subtract(lx, lx.mean(), out=lx)
    with np.errstate(over="ignore", invalid="ignore"):  # losses near float max: inf, no warning
        ly_c = ly - ly.mean()
        slope = float(np.dot(lx_c, ly_c) / np.dot(lx_c, lx_c))
        residual = np.subtract(ly_c, slope * lx_c, out=ly_c)
        spread = float(np.dot(residual, residual)) / (n - 2) / float(np.dot(lx_c, lx_c))
    se = math.sqrt(spread) if spread >= 0 else float("nan")
    return slope, se


def detrended_correlation(x: np.ndarray, a: np.ndarray, b: np.ndarray) -> float:
    """Pearson correlation of two series sampled at the same `x`, once a quadratic trend in
    log(x + 1) is removed from each: what is left is their point-to-point ups and downs."""
    t = np.log1p(np.maximum(x.astype(np.float64), 0.0))
    design = np.vander(t - t.mean(), 3)
    residuals = []
    with np.errstate(over="ignore", invalid="ignore"):  # losses near float max: no signal
        for y in (a, b):
            coef, *_ = np.linalg.lstsq(design, y, rcond=None)
            residuals.append(y - design @ coef)
        ra, rb = residuals
        denom = float(np.sqrt(np.dot(ra, ra) * np.dot(rb, rb)))
        ratio = float(np.dot(ra, rb) / denom) if denom > 0 else 0.0
    return ratio if math.isfinite(ratio) and denom < math.inf else 0.0
