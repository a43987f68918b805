"""The fast paths give exactly what the plain way gives.

The rolling bands and the spike search against their straightforward definitions, one point
at a time (slow, obvious), on random series (with nan and inf mixed in) and on real logs'
series; the HF stdout dict reader against ast.literal_eval on every dict of the real logs.
"""

from __future__ import annotations

import ast
import math
import warnings
from pathlib import Path

import numpy as np
import pytest
from conftest import DATA

from capdiag.curves import (
    expanding_band,
    level_shift,
    nearest_index,
    range_medians,
    running_median,
    trailing_band,
    trailing_low,
    trailing_median,
)
from capdiag.load import load_run
from capdiag.parsers.hf_trainer import _DICT, _literal_dict, _text_lines
from capdiag.rules import throughput
from capdiag.rules.loss_spike import LossSpike, Spike, _first_at_or_below
from capdiag.run import Config, Run, Series
from capdiag.stats import MAD_TO_SIGMA

REAL_LOGS = [
    DATA / "nanogpt_rules" / "cpu_lr1_spike.log",
    DATA / "nanogpt_rules" / "cpu_lr1const_spikes.log",
    DATA / "nanogpt_rules" / "cpu_contention.log",
    DATA / "nanogpt_rules" / "llmc_siddanthemani_gpt2_124M_main_upto_s9000.log",
    DATA / "nanogpt_rules" / "hf_jaong_cpt_large_trainer_stdout.log",
    DATA / "modded_nanogpt" / "2024-11-19_FlexAttention_8384493d.txt",
    DATA / "llmc" / "mnanogpt_r02_adamw_gpt2_124M.log",
]


def _nanmedian(values: np.ndarray) -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return float(np.nanmedian(values))


def reference_trailing_band(values: np.ndarray, window: int) -> tuple[np.ndarray, np.ndarray]:
    """Median and MAD-sigma of the `window` points before each point, one point at a time."""
    n, need = values.size, max(3, window // 2)
    median, sigma = np.full(n, np.nan), np.full(n, np.nan)
    for i in range(n):
        if i < window:  # a shorter past: its finite points
            prev = values[:i][np.isfinite(values[:i])]
            if prev.size >= need:
                median[i] = float(np.median(prev))
                sigma[i] = MAD_TO_SIGMA * float(np.median(np.abs(prev - median[i])))
            continue
        prev = values[i - window : i]
        if np.isfinite(prev).sum() >= need:
            median[i] = _nanmedian(prev)
            with np.errstate(invalid="ignore"):
                sigma[i] = MAD_TO_SIGMA * _nanmedian(np.abs(prev - median[i]))
    return median, sigma


def reference_expanding_band(values: np.ndarray, min_points: int) -> tuple[np.ndarray, np.ndarray]:
    median, sigma = np.full(values.size, np.nan), np.full(values.size, np.nan)
    for i in range(min_points, values.size):
        median[i] = float(np.median(values[:i]))
        sigma[i] = MAD_TO_SIGMA * float(np.median(np.abs(values[:i] - median[i])))
    return median, sigma


def reference_spikes(rule: LossSpike, run: Run) -> list[Spike]:
    """loss-spike's search as a walk over every point."""
    series = run.series["train_loss"].finite()
    steps, values = series.steps, series.values
    window = int(rule.opt("window"))
    if len(series) >= 2 * window:
        median, sigma = reference_trailing_band(values, window)
    else:
        median, sigma = reference_expanding_band(values, 3)
    early_until = rule.opt("early_fraction") * float(steps.max())
    out: list[Spike] = []
    i, n = 0, values.size
    while i < n:
        m, s = median[i], sigma[i]
        jump = values[i] - m
        if not (math.isfinite(m) and math.isfinite(s)) or not (
            jump > rule.opt("mads") * s and jump > rule.opt("min_jump")
        ):
            i += 1
            continue
        limit = m + max(rule.opt("recover_mads") * s, 0.5 * rule.opt("min_jump"))
        j = i
        # back when a point is within the band and so is the median of it and the next 4
        while j < n and (values[j] > limit or np.median(values[j : j + 5]) > limit):
            j += 1
        if series.mode == "train-batch" and j == i + 1 and j < n:
            i = j
            continue
        peak = i + int(np.argmax(values[i:j]))
        out.append(
            Spike(
                start=int(steps[i]),
                peak_step=int(steps[peak]),
                peak=float(values[peak]),
                baseline=float(m),
                sigma=float(s),
                recovered_at=int(steps[j]) if j < n else None,
                early=bool(steps[i] < early_until),
            )
        )
        i = j + 1
    return out


def _random_series(seed: int, n: int, holes: bool) -> np.ndarray:
    rng = np.random.default_rng(seed)
    values = 3.0 - np.linspace(0, 1, n) + rng.normal(0, 0.1, n)
    for at in rng.integers(0, n, size=max(1, n // 200)):  # spikes of every length
        values[at : at + int(rng.integers(1, 300))] += rng.uniform(0.3, 8.0)
    values[-30:] += 5.0 * (seed % 2)  # half of them end in a spike that never recovers
    if holes:
        values[rng.integers(0, n, size=n // 50)] = np.nan
        values[rng.integers(0, n, size=n // 500)] = np.inf
        values[100:140] = np.nan  # a whole window without a finite value
    return values


def _real_series() -> list[np.ndarray]:
    out = []
    for path in REAL_LOGS:
        run = load_run(path)
        for name in ("train_loss", "grad_norm", "step_time_ms"):
            if name in run.series:
                out.append(run.series[name].values)
    return out


@pytest.mark.parametrize("window", [3, 20, 51])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_trailing_band_matches_the_reference_on_random_series(seed: int, window: int) -> None:
    for holes in (False, True):
        values = _random_series(seed, 3000 + 7 * seed, holes)
        for got, want in zip(
            trailing_band(values, window), reference_trailing_band(values, window), strict=True
        ):
            np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("above", [0.0, 0.5])
def test_band_with_above_measures_sigma_where_points_jump(above: float) -> None:
    for seed, holes in ((0, False), (1, True)):
        values = _random_series(seed, 3000, holes)
        median, sigma = trailing_band(values, 20, above=above)
        want_median, want_sigma = reference_trailing_band(values, 20)
        np.testing.assert_array_equal(median, want_median)
        with np.errstate(invalid="ignore"):
            jumps = values - want_median > above
        assert 0 < jumps.sum() < values.size
        np.testing.assert_array_equal(sigma[jumps], want_sigma[jumps])
        assert np.isnan(sigma[~jumps]).all()


def test_trailing_median_at_some_points_is_the_full_median_there() -> None:
    for seed, holes in ((0, False), (1, True)):
        values = _random_series(seed, 3000, holes)
        want = reference_trailing_band(values, 20)[0]
        at = np.flatnonzero(np.random.default_rng(seed).random(values.size) < 0.1)
        got = trailing_median(values, 20, at=at)
        asked = np.zeros(values.size, bool)
        asked[at], asked[:20] = True, True  # the first window is always measured
        np.testing.assert_array_equal(got[asked], want[asked])
        assert np.isnan(got[~asked]).all()


def test_band_at_some_points_is_the_full_band_there() -> None:
    values = _random_series(2, 3000, holes=True)
    want_median, want_sigma = reference_trailing_band(values, 20)
    at = np.flatnonzero(np.random.default_rng(2).random(values.size) < 0.2)
    median, sigma = trailing_band(values, 20, at=at)
    asked = np.zeros(values.size, bool)
    asked[at], asked[:20] = True, True
    np.testing.assert_array_equal(median[asked], want_median[asked])
    np.testing.assert_array_equal(sigma[asked], want_sigma[asked])
    assert np.isnan(median[~asked]).all() and np.isnan(sigma[~asked]).all()


@pytest.mark.parametrize("window", [1, 7, 8, 20])
def test_trailing_low_is_the_smallest_of_the_window_before(window: int) -> None:
    values = _random_series(1, 500, holes=True)
    want = np.array(
        [
            np.nan if i < window else float(np.min(values[i - window : i]))
            for i in range(values.size)
        ]
    )
    low = trailing_low(values, window)
    np.testing.assert_array_equal(low, want)
    median = reference_trailing_band(values, window)[0]
    assert (low <= median)[np.isfinite(low + median)].all()


def test_stall_search_with_the_floor_is_the_full_search(monkeypatch: pytest.MonkeyPatch) -> None:
    """Throughput's stalls, medians taken only above the floor vs at every point."""
    corpus = DATA.parent.parent / "bench" / "corpus"
    runs = [
        load_run(corpus / "rd-buildnanogpt-gpt2-124m-2xh100-epoch1" / "log"),
        load_run(
            corpus / "lc-modded-soap-124m-8xh100" / "5bdc3988-496c-4232-b4ef-53764cb81c92.txt"
        ),
    ]
    found = 0
    for run in runs:
        with monkeypatch.context() as patch:
            patch.setattr(throughput, "trailing_low", lambda v, w: np.full(v.size, np.nan))
            want = throughput.Throughput().check(run)
        assert throughput.Throughput().check(run) == want
        found += sum("Periodic stalls" in f.title for f in want)
    assert found == 2


def test_bands_match_the_reference_on_real_series() -> None:
    series = _real_series()
    assert len(series) >= 10
    for values in series:
        for got, want in zip(
            trailing_band(values, 20), reference_trailing_band(values, 20), strict=True
        ):
            np.testing.assert_array_equal(got, want)
        short = values[:39][np.isfinite(values[:39])]
        for got, want in zip(
            expanding_band(short, 3), reference_expanding_band(short, 3), strict=True
        ):
            np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("window", [4, 5, 31])
def test_running_median_matches_the_reference(window: int) -> None:
    values = _random_series(3, 4000, holes=True)
    half = window // 2
    want = np.array(
        [
            _nanmedian(part) if np.isfinite(part).any() else np.nan
            for part in (values[max(0, i - half) : i + half + 1] for i in range(values.size))
        ]
    )
    np.testing.assert_array_equal(running_median(values, window), want)


def _run_with_loss(values: np.ndarray, mode: str) -> Run:
    run = Run(source="test", format="test", framework="test", config=Config())
    steps = np.arange(values.size, dtype=np.int64) * 10
    run.series["train_loss"] = Series(name="train_loss", steps=steps, values=values, mode=mode)  # type: ignore[arg-type]
    return run


@pytest.mark.parametrize("mode", ["train-batch", "train-smoothed"])
def test_spike_search_matches_the_reference(mode: str) -> None:
    cases = [_random_series(seed, 5000, holes=seed == 2) for seed in range(4)]
    cases += [_random_series(5, 30, holes=False)]  # a short excerpt: the expanding band
    cases += [values[np.isfinite(values)] for values in _real_series()]
    found = 0
    for values in cases:
        run = _run_with_loss(values, mode)
        want = reference_spikes(LossSpike(), run)
        assert LossSpike().spikes(run) == want
        found += len(want)
    assert found > 50  # the cases do have spikes, long and short


@pytest.mark.parametrize("seed", range(4))
def test_range_medians_are_the_median_of_each_range(seed: int) -> None:
    # one sort for all ranges (val-below-train's evaluations): empty, overlapping and
    # repeated ranges, ties, nan and inf, as np.median gives them one range at a time
    rng = np.random.default_rng(seed)
    for _ in range(500):
        n = int(rng.integers(0, 40))
        values = np.round(rng.normal(size=n) * 10.0 ** int(rng.integers(-3, 5)), 2)
        for special in (np.nan, np.inf, -np.inf):
            if n and rng.random() < 0.15:
                values[rng.integers(0, n)] = special
        starts, stops = rng.integers(0, n + 1, size=(2, int(rng.integers(0, 12))))
        got = range_medians(values, starts, stops)
        for start, stop, median in zip(starts, stops, got, strict=True):
            part = values[start:stop]
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                want = np.median(part) if part.size else np.nan
            assert (math.isnan(want) and math.isnan(median)) or want == median


def test_real_logs_are_there() -> None:
    missing = [str(p) for p in REAL_LOGS if not Path(p).is_file()]
    assert not missing


def _hf_stdout_files() -> list[Path]:
    roots = [DATA, Path(__file__).resolve().parent.parent / "bench" / "corpus"]
    return sorted(
        path
        for root in roots
        for path in root.rglob("*.log")
        if "{'loss'" in path.read_text(encoding="utf-8", errors="replace")
    )


def _same_as_literal_eval(raw: str) -> None:
    try:
        want = repr(ast.literal_eval(raw))  # repr: 1 vs 1.0 and -0.0 vs 0.0 differ
    except (ValueError, SyntaxError) as exc:
        with pytest.raises(type(exc)):
            _literal_dict(raw)
        return
    assert repr(_literal_dict(raw)) == want


def test_hf_dict_reader_matches_literal_eval() -> None:
    files = _hf_stdout_files()
    assert len(files) >= 6
    dicts = [
        raw
        for path in files
        for raw in _DICT.findall(path.read_text(encoding="utf-8", errors="replace"))
    ]
    assert len(dicts) > 500
    tricky = [
        "{'a': 007}",
        "{'a': 007.5}",
        "{'a': -0.0, 'b': -0}",
        "{'a': 1e5, 'b': 1.5e400, 'c': 2.}",
        "{'a': '1', 'a': 2}",
        "{'a': .5}",
        "{'a': True, 'b': None}",
        "{'a': 'x\\'y'}",
        "{'loss': '3.2', 'epoch': 1,}",
        "{'loss': 1_000}",
    ]
    for raw in dicts + tricky:
        _same_as_literal_eval(raw)


def test_nearest_index_is_argmin_of_the_distance() -> None:
    rng = np.random.default_rng(4)
    for size, span in ((1, 5), (7, 5), (200, 50), (1000, 100_000)):
        steps = rng.integers(0, span, size=size)  # unsorted, with repeats
        targets = rng.integers(-10, span + 10, size=300)
        want = [int(np.argmin(np.abs(steps - t))) for t in targets]
        assert nearest_index(steps, targets).tolist() == want
        steps = np.sort(steps)
        want = [int(np.argmin(np.abs(steps - t))) for t in targets]
        assert nearest_index(steps, targets).tolist() == want


def test_level_shift_split_is_the_plain_search() -> None:
    rng = np.random.default_rng(5)
    for n, min_size in ((10, 3), (401, 20), (2000, 50)):
        values = rng.normal(0, 1, n).round(2)  # rounded: many equal values and tied costs
        values[n // 3 :] += 0.5
        values[rng.integers(0, n, 5)] = np.nan

        finite = values[np.isfinite(values)]

        def cost(k: int, v: np.ndarray = finite) -> float:
            a, b = v[:k], v[k:]
            return float(np.abs(a - np.median(a)).sum() + np.abs(b - np.median(b)).sum())

        m = finite.size
        want = min(range(min_size, m - min_size + 1), key=cost)
        assert level_shift(values, min_size)[0] == want


def test_hf_stdout_lines_are_the_whole_files_lines(tmp_path: Path) -> None:
    odd = tmp_path / "odd.log"
    odd.write_bytes(b"a\r\nb\rc\n\xe2\x82\nd\xff\r\n\x85e\x0cf\n\n\rlast")
    files = [*_hf_stdout_files(), odd]
    for path in files:
        want = path.read_bytes().decode("utf-8", errors="replace").splitlines()
        for block in (1, 7, 4096, 1 << 22):
            assert list(_text_lines(path, block)) == want


def _first_back_reference(values: np.ndarray, i: int, limit: float, stay: int = 5) -> int:
    """The recovery search point by point: at or below `limit`, and so is the median of the
    point and the next `stay - 1`."""
    for j in range(i, values.size):
        if not values[j] > limit and not np.median(values[j : j + stay]) > limit:
            return j
    return int(values.size)


@pytest.mark.parametrize("seed", range(4))
def test_recovery_search_matches_the_point_by_point_reference(seed: int) -> None:
    rng = np.random.default_rng(seed)
    for _ in range(500):
        n = int(rng.integers(1, 400))
        values = rng.normal(0.0, 1.0, n)
        values[rng.random(n) < 0.05] = np.nan
        start, limit = int(rng.integers(0, n)), float(rng.normal(0.5, 0.5))
        assert _first_at_or_below(values, start, limit) == _first_back_reference(
            values, start, limit
        )
