"""Robust helpers for the shape of a curve: rolling bands, smoothing, level shifts (numpy only).

Everything here uses medians and the median absolute deviation (MAD), not means and standard
deviations: one spike must not move the baseline it is judged against.
"""

from __future__ import annotations

import bisect
import math

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from capdiag.stats import MAD_TO_SIGMA

WINDOW_BUDGET = 2_000_000  # values running_median evaluates before it interpolates
BLOCK_VALUES = 1_000_000  # values the rolling helpers hold at once (8 MB of float64)


def _window_medians(windows: np.ndarray) -> np.ndarray:
    """Median of each row, ignoring nan; all-nan rows give nan (vectorised).

    Sorts the rows (several times faster than np.median on short rows) and reads the middle
    one or two, with np.median's arithmetic: the mean of the two middle values, (a + b) / 2.
    """
    ordered = np.sort(windows, axis=1)  # nan sorts last
    width = windows.shape[1]
    if np.isfinite(windows).all():
        low, high = ordered[:, (width - 1) // 2], ordered[:, width // 2]
        return low if width % 2 else (low + high) / 2
    count = width - np.isnan(windows).sum(axis=1)  # the values that are not nan
    rows = np.arange(windows.shape[0])
    low, high = ordered[rows, np.maximum(count - 1, 0) // 2], ordered[rows, count // 2]
    with np.errstate(all="ignore"):
        middle = np.where(count % 2 == 1, low, (low + high) / 2)
    result: np.ndarray = np.where(count > 0, middle, np.nan)
    return result


def trailing_band(
    values: np.ndarray,
    window: int,
    above: float | None = None,
    at: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Median and MAD-sigma of the `window` finite points before each point (not including it).

    Points with fewer than ``max(3, window // 2)`` finite predecessors get nan. With `above`,
    the sigma is only measured where the point is more than `above` over its median (nan
    elsewhere): a caller that looks for jumps needs no more, and most points are not. With
    `at` (ascending indices), past the first `window` points only those are measured.
    """
    return _trailing(values, window, with_sigma=True, above=above, at=at)


def trailing_median(values: np.ndarray, window: int, at: np.ndarray | None = None) -> np.ndarray:
    """`trailing_band`'s median alone (half the memory and time); with `at` (ascending
    indices), only at those points past the first `window` (nan at the others)."""
    return _trailing(values, window, with_sigma=False, at=at)[0]


def trailing_low(values: np.ndarray, window: int) -> np.ndarray:
    """The smallest of the `window` points before each point (nan for the first `window`,
    and where a nan is among them): a floor under `trailing_median`."""
    low = np.full(values.size, np.nan)
    if values.size > window:
        # the smallest of each span of `span` points, the span doubled while it fits the
        # window; a window is then covered by two (overlapping) spans
        smallest, span = values[:-1], 1
        while 2 * span <= window:
            smallest = np.minimum(smallest[:-span], smallest[span:])  # nan stays nan
            span *= 2
        count = values.size - window
        low[window:] = np.minimum(smallest[:count], smallest[window - span : window - span + count])
    return low


def _trailing(
    values: np.ndarray,
    window: int,
    with_sigma: bool,
    above: float | None = None,
    at: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    n = values.size
    median = np.full(n, np.nan)
    sigma = np.full(n if with_sigma else 0, np.nan)
    need = max(3, window // 2)
    for i in range(min(n, window)):  # the first points see a shorter past
        prev = values[:i]
        prev = prev[np.isfinite(prev)]
        if prev.size >= need:
            median[i] = float(np.median(prev))
            if with_sigma and (above is None or values[i] - median[i] > above):
                sigma[i] = MAD_TO_SIGMA * float(np.median(np.abs(prev - median[i])))
    if n > window:
        view = sliding_window_view(values[:-1], window)  # row j: the window before j + window
        rows = max(1, BLOCK_VALUES // window)  # bounded memory: a block of rows at a time
        for lo in range(0, view.shape[0], rows):
            windows = view[lo : lo + rows]
            # finite values in each window, from a running count over the block's span
            finite = np.concatenate([[0], np.cumsum(np.isfinite(values[lo : lo + rows + window]))])
            enough = finite[window : window + windows.shape[0]] - finite[: windows.shape[0]] >= need
            start, stop = window + lo, window + lo + windows.shape[0]
            if at is None:
                points = np.arange(start, stop)
            else:  # only the rows asked for
                first, last = np.searchsorted(at, [start, stop]).tolist()
                points = at[first:last]
                windows, enough = windows[points - start], enough[points - start]
            m = _window_medians(windows)
            median[points] = np.where(enough, m, np.nan)
            if with_sigma:
                some: slice | np.ndarray = slice(None)
                if above is not None:
                    with np.errstate(invalid="ignore"):
                        some = np.flatnonzero(values[points] - m > above)
                with np.errstate(invalid="ignore"):  # inf - inf
                    mad = _window_medians(np.abs(windows[some] - m[some, None]))
                sigma[points[some]] = np.where(enough[some], MAD_TO_SIGMA * mad, np.nan)
    return median, sigma


def nearest_index(steps: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """For each target, ``argmin(abs(steps - target))``: the index of the nearest step, the
    first in `steps` among equally near ones. O((n + m) log n), not one pass per target."""
    order = np.argsort(steps, kind="stable")  # equal steps keep their order: first is first
    ordered = steps[order]
    upper = np.clip(np.searchsorted(ordered, targets, side="left"), 0, steps.size - 1)
    lower = np.searchsorted(ordered, ordered[np.maximum(upper - 1, 0)], side="left")
    upper_first = np.searchsorted(ordered, ordered[upper], side="left")
    lo, hi = order[lower], order[upper_first]
    d_lo, d_hi = np.abs(steps[lo] - targets), np.abs(steps[hi] - targets)
    result: np.ndarray = np.where((d_lo < d_hi) | ((d_lo == d_hi) & (lo < hi)), lo, hi)
    return result


def range_medians(values: np.ndarray, starts: np.ndarray, stops: np.ndarray) -> np.ndarray:
    """``np.median(values[a:b])`` for each range ``[a, b)`` of `starts` and `stops`, in one
    sort of the ranges' values, not a call per range: NaN for an empty range, or one that
    holds a NaN. Ranges may overlap; what they hold in all is what it costs."""
    starts = np.asarray(starts, dtype=np.int64)
    lengths = np.maximum(np.asarray(stops, dtype=np.int64) - starts, 0)
    out = np.full(starts.size, np.nan)
    total = int(lengths.sum())
    if total == 0:
        return out
    first = np.cumsum(lengths) - lengths  # where each range starts among all ranges' values
    ranges = np.repeat(np.arange(starts.size), lengths)
    held = values[np.repeat(starts - first, lengths) + np.arange(total)]
    ordered = held[np.lexsort((held, ranges))]
    some = lengths > 0
    lo = (first + (lengths - 1) // 2)[some]
    hi = (first + lengths // 2)[some]
    with np.errstate(invalid="ignore", over="ignore"):  # inf + -inf, as np.median has it
        out[some] = np.where(lo == hi, ordered[lo], (ordered[lo] + ordered[hi]) / 2)
    has_nan = np.bincount(ranges, weights=np.isnan(held), minlength=starts.size) > 0
    out[has_nan] = np.nan
    return out


SHORT_MIN = 6  # a short excerpt with fewer points than this gets no band at all


def expanding_band(values: np.ndarray, min_points: int) -> tuple[np.ndarray, np.ndarray]:
    """Median and robust sigma of all the points before each one (NaN for the first few)."""
    median = np.full(values.size, np.nan)
    sigma = np.full(values.size, np.nan)
    for i in range(min_points, values.size):
        before = values[:i]
        median[i] = float(np.median(before))
        sigma[i] = MAD_TO_SIGMA * float(np.median(np.abs(before - median[i])))
    return median, sigma


def running_median(values: np.ndarray, window: int) -> np.ndarray:
    """Centred running median over `window` points (shrinking at the ends), ignoring nan.

    Wide windows over long series (more than `WINDOW_BUDGET` values in all) are evaluated
    at evenly spaced points and interpolated between them, so time and memory stay bounded.
    """
    n = values.size
    half = max(window // 2, 0)
    out = np.full(n, np.nan)
    width = 2 * half + 1
    stride = max(1, math.ceil(n * width / WINDOW_BUDGET))
    at = np.arange(0, n, stride)
    if n and at[-1] != n - 1:
        at = np.append(at, n - 1)
    inner = at[(at >= half) & (at < n - half)]
    for i in at[(at < half) | (at >= n - half)]:  # the ends: shrinking windows
        part = values[max(0, i - half) : i + half + 1]
        part = part[np.isfinite(part)]
        if part.size:
            out[i] = float(np.median(part))
    if inner.size:
        view = sliding_window_view(values, width)  # row j: centred on j + half
        rows = max(1, BLOCK_VALUES // width)
        for lo in range(0, inner.size, rows):
            centres = inner[lo : lo + rows]
            out[centres] = _window_medians(view[centres - half])
    if stride > 1:
        known = at[np.isfinite(out[at])]
        if known.size:
            known_values = out[known]
            for lo in range(0, n, BLOCK_VALUES):  # in place, a block at a time
                hi = min(n, lo + BLOCK_VALUES)
                out[lo:hi] = np.interp(np.arange(lo, hi), known, known_values)
    return out


EXHAUSTIVE_SPLITS = 3000  # series up to this long are searched split by split


def level_shift(
    values: np.ndarray, min_size: int, scratch: bool = False
) -> tuple[int, float, float, float]:
    """The single split that best separates the series into two levels.

    The split is where the two parts' total absolute deviation from their own medians is
    smallest (the robust change-point cost; maximising the z below instead would pull the
    split towards the middle of the series). Returns (index of the first point of the second
    part, median before, median after, robust z of the difference). The z divides the
    difference of medians by the pooled MAD-sigma times sqrt(1/n1 + 1/n2) (times 1.25, the
    efficiency loss of a median against a mean for normal data). Returns (-1, nan, nan, 0)
    when the series is too short. `scratch`: `values` is the caller's temporary, and may be
    overwritten (no copy of a long series is made).
    """
    finite = np.isfinite(values)
    if not finite.all():
        values, scratch = values[finite], True  # a copy of our own
    n = values.size
    if n < 2 * min_size:
        return -1, math.nan, math.nan, 0.0
    lo, hi = min_size, n - min_size
    if n <= EXHAUSTIVE_SPLITS:  # small enough to try every split
        before, after = _prefix_medians(values), _prefix_medians(values[::-1])
        k = min(range(lo, hi + 1), key=lambda k: _split_cost(values, k, before[k], after[n - k]))
        return _split_score(values, k, scratch)
    # longer series: find the split on medians of ~1,000 consecutive blocks, then score that
    # split on every point (the position is exact to one block, 0.1% of the series)
    size = math.ceil(n / 1000)
    usable = values[: n - n % size] if n % size else values
    rows = usable.reshape(-1, size)
    step = max(1, BLOCK_VALUES // size)  # np.median copies what it sorts: a block at a time
    blocks = np.concatenate(
        [np.median(rows[i : i + step], axis=1) for i in range(0, len(rows), step)]
    )
    k_block = level_shift(blocks, max(1, min_size // size))[0]
    return _split_score(values, min(max(k_block * size, lo), hi), scratch)


def _prefix_medians(values: np.ndarray) -> list[float]:
    """``np.median(values[:k])`` for every k (index k; nan at 0), keeping the prefix sorted:
    the middle value, or the mean of the two middle ones, (a + b) / 2, as np.median takes it."""
    ordered: list[float] = []
    out = [math.nan]
    for value in values.tolist():
        bisect.insort(ordered, value)
        half = len(ordered) // 2
        out.append(ordered[half] if len(ordered) % 2 else (ordered[half - 1] + ordered[half]) / 2)
    return out


def _split_cost(values: np.ndarray, k: int, median_a: float, median_b: float) -> float:
    a, b = values[:k], values[k:]
    return float(np.abs(a - median_a).sum() + np.abs(b - median_b).sum())


def _split_score(
    values: np.ndarray, k: int, scratch: bool = False
) -> tuple[int, float, float, float]:
    n = values.size
    # |a - ma| then |b - mb| in one array (`values` itself when it is scratch); medians are
    # taken in place: the order of the points does not change them
    resid = values if scratch else values.copy()
    a, b = resid[:k], resid[k:]
    ma = float(np.median(a, overwrite_input=True))
    mb = float(np.median(b, overwrite_input=True))
    np.subtract(a, ma, out=a)
    np.subtract(b, mb, out=b)
    np.abs(resid, out=resid)
    sigma = MAD_TO_SIGMA * float(np.median(resid, overwrite_input=True)) or 1e-12
    z = (mb - ma) / (1.25 * sigma * math.sqrt(1.0 / k + 1.0 / (n - k)))
    return k, ma, mb, z


BLOWUP_NATS = 1.0  # divergence's default ``blowup_nats``


def blew_up(start: float, floor: float, end: float, nats: float = BLOWUP_NATS) -> bool:
    """A loss that ended above its start blew up, rather than drifted up: it ended at least
    `nats` above the floor it had reached, or at twice its (positive) start. A fine-tune that
    drifts from 1.41 to 1.56 over two epochs is rising; one that goes from 1.6 to 10 diverged."""
    return end - floor >= nats or (start > 0 and end >= 2 * start)


def start_level(values: np.ndarray, steps: np.ndarray, init_step: int, window: int) -> float:
    """Where a loss started: its first point when that came before any update (every batch
    then gives the untrained loss), else the median of its first `window` points."""
    if int(steps[0]) <= init_step:
        return float(values[0])
    return float(np.median(values[:window]))


def warmup_steps(config_decay_lr: object, warmup_iters: float | None) -> float:
    """The warmup that actually ran. nanoGPT applies ``warmup_iters`` only inside
    ``get_lr``, which it calls only when ``decay_lr`` is True: with ``decay_lr = False`` the
    rate is the constant ``learning_rate`` from the first step and there is no warmup."""
    if config_decay_lr is False:
        return 0.0
    return float(warmup_iters or 0.0)
