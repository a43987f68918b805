"""Robust helpers for the shape of a curve: rolling bands, smoothing, level shifts (numpy only).

Everything here uses medians and the median absolute deviation (MAD), not means and standard
deviations: one spike must not move the baseline it is judged against.
"""

from __future__ import annotations

import math

import numpy as np

from capdiag.stats import MAD_TO_SIGMA


def trailing_band(values: np.ndarray, window: int) -> tuple[np.ndarray, np.ndarray]:
    """Median and MAD-sigma of the `window` finite points before each point (not including it).

    Points with fewer than ``window // 2`` finite predecessors get nan.
    """
    n = values.size
    median = np.full(n, np.nan)
    sigma = np.full(n, np.nan)
    for i in range(n):
        prev = values[max(0, i - window) : i]
        prev = prev[np.isfinite(prev)]
        if prev.size < max(3, window // 2):
            continue
        m = float(np.median(prev))
        median[i] = m
        sigma[i] = MAD_TO_SIGMA * float(np.median(np.abs(prev - m)))
    return median, sigma


def running_median(values: np.ndarray, window: int) -> np.ndarray:
    """Centred running median over `window` points (shrinking at the ends), ignoring nan."""
    n = values.size
    half = max(window // 2, 0)
    out = np.full(n, np.nan)
    for i in range(n):
        part = values[max(0, i - half) : i + half + 1]
        part = part[np.isfinite(part)]
        if part.size:
            out[i] = float(np.median(part))
    return out


def level_shift(values: np.ndarray, min_size: int) -> tuple[int, float, float, float]:
    """The single split that best separates the series into two levels.

    Returns (index of the first point of the second part, median before, median after,
    robust z of the difference). The z divides the difference of medians by the pooled
    MAD-sigma times sqrt(1/n1 + 1/n2) (times 1.25, the efficiency loss of a median against
    a mean for normal data). Returns (-1, nan, nan, 0) when the series is too short.
    """
    values = values[np.isfinite(values)]
    n = values.size
    if n < 2 * min_size:
        return -1, math.nan, math.nan, 0.0
    best = (-1, math.nan, math.nan, 0.0)
    for k in range(min_size, n - min_size + 1):
        a, b = values[:k], values[k:]
        ma, mb = float(np.median(a)), float(np.median(b))
        resid = np.concatenate([a - ma, b - mb])
        sigma = MAD_TO_SIGMA * float(np.median(np.abs(resid)))
        if sigma <= 0:
            sigma = 1e-12
        z = (mb - ma) / (1.25 * sigma * math.sqrt(1.0 / k + 1.0 / (n - k)))
        if abs(z) > abs(best[3]):
            best = (k, ma, mb, z)
    return best


def nearest_index(steps: np.ndarray, step: float) -> int:
    """Index of the entry of `steps` closest to `step`."""
    return int(np.argmin(np.abs(steps.astype(np.float64) - step)))


def warmup_steps(config_decay_lr: object, warmup_iters: float | None) -> float:
    """The warmup that actually ran. nanoGPT applies ``warmup_iters`` only inside
    ``get_lr``, which it calls only when ``decay_lr`` is True: with ``decay_lr = False`` the
    rate is the constant ``learning_rate`` from the first step and there is no warmup."""
    if config_decay_lr is False:
        return 0.0
    return float(warmup_iters or 0.0)
