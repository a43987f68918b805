"""What the pictures draw (the HTML report, `--plot`, the sparkline): the run's curves on one
x axis, the places the findings point at, and downsampling that keeps spikes and NaN visible.

Every curve is cut to at most `MAX_BUCKETS` buckets along its drawn x axis, keeping the lowest
and the highest value of each bucket (in the order they happened) and one mark per bucket that
holds a NaN or an infinity: a 1M-point run draws at most 2 x `MAX_BUCKETS` points per curve.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from capdiag.arithmetic.scaling import CHINCHILLA_TOKENS_PER_PARAM
from capdiag.findings import Finding
from capdiag.report import Report
from capdiag.run import Run
from capdiag.units import human_count

MAX_BUCKETS = 800  # per curve: more than a chart's width in pixels


@dataclass
class Curve:
    """One series, downsampled: `x` in the chart's unit, `y` finite; `bad_x` where a NaN
    or an infinity was logged (one per bucket)."""

    name: str
    label: str
    x: np.ndarray
    y: np.ndarray
    bad_x: np.ndarray
    points: int  # before downsampling
    gap_x: np.ndarray = field(default_factory=lambda: np.zeros(0))  # nothing logged around

    @property
    def breaks(self) -> np.ndarray:
        """Where the line must not join its points: a NaN, or a gap in the logging."""
        return np.sort(np.concatenate([self.bad_x, self.gap_x]))


@dataclass
class Marker:
    """A place to draw: a vertical line at `x` (or a region from `x` to `x_end`)."""

    kind: str  # a findings.Mark, or chinchilla / checkpoint / compile / eval
    x: float
    label: str
    x_end: float | None = None
    y: float | None = None  # the value there, when the finding states one


@dataclass
class Axis:
    """How a step becomes an x value: tokens seen (log axis) when tokens per step is known,
    else the step itself (linear axis)."""

    tokens_per_step: int | None
    first_step: int  # 0 when step N is the N+1-th optimizer step, else 1

    @property
    def log(self) -> bool:
        return self.tokens_per_step is not None

    @property
    def label(self) -> str:
        if self.tokens_per_step is None:
            return "step"
        return f"tokens seen (log scale; {self.tokens_per_step:,} per step)"

    def of(self, steps: np.ndarray) -> np.ndarray:
        steps = np.asarray(steps, dtype=float)
        if self.tokens_per_step is None:
            return steps
        # tokens seen by the end of step N, as the rules count them (never 0 on a log axis)
        return (steps + 1 - self.first_step) * float(self.tokens_per_step)

    def at(self, step: float) -> float:
        return float(self.of(np.array([step]))[0])


@dataclass
class Picture:
    axis: Axis
    losses: list[Curve] = field(default_factory=list)
    step_time: Curve | None = None
    mfu: Curve | None = None
    loss_markers: list[Marker] = field(default_factory=list)
    speed_markers: list[Marker] = field(default_factory=list)


def envelope(
    x: np.ndarray, y: np.ndarray, lo: float, hi: float, log: bool, buckets: int = MAX_BUCKETS
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Min/max per bucket of the x range [lo, hi] (log-spaced buckets on a log axis).

    Returns the kept finite points (x, y), in their original order, and the x of one
    non-finite value per bucket that holds any. Vectorised: no Python loop over points."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if log:
        keep = x > 0
        x, y = x[keep], y[keep]
        pos = np.log10(x)
        lo, hi = math.log10(max(lo, 1e-300)), math.log10(max(hi, 1e-300))
    else:
        pos = x
    span = hi - lo or 1.0
    bucket = np.clip(((pos - lo) / span * buckets).astype(np.int64), 0, buckets - 1)
    finite = np.isfinite(y)
    bad_bucket = bucket[~finite]
    _, first_bad = np.unique(bad_bucket, return_index=True)
    bad_x = x[~finite][first_bad]
    xf, yf, bf = x[finite], y[finite], bucket[finite]
    if xf.size <= 2 * buckets:
        return xf, yf, bad_x
    if np.any(np.diff(xf) < 0):  # buckets must be contiguous: order the points by x
        order = np.argsort(xf, kind="stable")
        xf, yf, bf = xf[order], yf[order], bf[order]
    starts = np.flatnonzero(np.r_[True, bf[1:] != bf[:-1]])
    counts = np.diff(np.r_[starts, bf.size])
    kept: list[np.ndarray] = []
    for reduce in (np.minimum, np.maximum):
        extreme = np.repeat(reduce.reduceat(yf, starts), counts)
        hits = np.flatnonzero(yf == extreme)
        _, first = np.unique(bf[hits], return_index=True)
        kept.append(hits[first])
    index = np.unique(np.concatenate(kept))
    return xf[index], yf[index], bad_x


SERIES_LABELS = {
    "train_loss": "train loss",
    "eval_train_loss": "train loss (eval)",
    "val_loss": "val loss",
}


GAP_FACTOR = 20  # a step gap this many times the median gap is a hole in the log


def gaps(steps: np.ndarray) -> np.ndarray:
    """The middle of each hole in sorted steps (a log that skipped a stretch of training)."""
    d = np.diff(steps.astype(float))
    if d.size < 3:
        return np.zeros(0)
    big = d > GAP_FACTOR * max(float(np.median(d)), 1.0)
    middle: np.ndarray = (steps[:-1][big] + steps[1:][big]) / 2.0
    return middle


def _curve(
    run: Run, name: str, label: str, axis: Axis, x_range: tuple[float, float], log: bool
) -> Curve | None:
    series = run.metric(name)
    if series is None:
        return None
    order = np.argsort(series.steps, kind="stable")
    steps = series.steps[order]
    to_x = axis.of if log == axis.log else (lambda s: np.asarray(s, dtype=float))
    x_, y, bad = envelope(to_x(steps), series.values[order], *x_range, log=log)
    return Curve(name, label, x_, y, bad, len(series), to_x(gaps(steps)))


def _mfu_per_step(run: Run) -> tuple[np.ndarray, np.ndarray, str] | None:
    """MFU at each logged step: the recomputed figure scaled by that step's time (the FLOPs
    per step are the same), else the figure the log printed."""
    f = run.figures
    times = run.metric("step_time_ms")
    if times is not None and f.step_time_s and f.mfu is not None and run.gpu_name:
        with np.errstate(divide="ignore", invalid="ignore"):
            values = f.mfu * f.step_time_s * 1000.0 / times.values
        return times.steps, values, f"MFU on {run.gpu_name} (recomputed)"
    if times is not None and f.step_time_s and f.mfu_a100 is not None:
        with np.errstate(divide="ignore", invalid="ignore"):
            values = f.mfu_a100 * f.step_time_s * 1000.0 / times.values
        return times.steps, values, "MFU, A100 basis (recomputed)"
    printed = run.metric("mfu_reported")
    if printed is not None:
        keep = printed.values > -0.99  # nanoGPT prints -100% before it has a measurement
        return printed.steps[keep], printed.values[keep], "MFU as printed"
    return None


def _finding_markers(findings: list[Finding], axis: Axis) -> tuple[list[Marker], list[Marker]]:
    """The places the findings name (typed `Evidence.mark`), on the loss and speed charts."""
    loss: list[Marker] = []
    speed: list[Marker] = []
    for f in findings:
        starts = {e.mark: e for e in f.evidence if e.mark is not None and e.step is not None}
        for e in f.evidence:
            if e.mark is None or e.step is None or e.mark == "plateau-end":
                continue
            x = axis.at(e.step)
            y = float(e.value) if isinstance(e.value, int | float) else None
            if e.mark == "plateau-start":
                end = starts.get("plateau-end")
                x_end = axis.at(end.step) if end is not None and end.step is not None else None
                loss.append(Marker("plateau", x, f"plateau from step {e.step:,}", x_end, y))
            elif e.mark in ("slowdown", "stall"):
                what = "slower from" if e.mark == "slowdown" else "stall at"
                speed.append(Marker(e.mark, float(e.step), f"{what} step {e.step:,}"))
            else:
                text = {
                    "best": "best val",
                    "spike": "spike",
                    "divergence": "diverged from",
                    "nan": "NaN from",
                    "low": "lowest before rise",
                    "resume": "resumed at",
                    "crash": "crashed at",
                }[e.mark]
                loss.append(Marker(e.mark, x, f"{text} step {e.step:,}", None, y))
    return loss, speed


def loss_range(curves: list[Curve]) -> tuple[float, float]:
    """All of every eval-mode curve; the per-iteration loss up to its 99.5th percentile, so
    one spike does not flatten the rest (values above are drawn at the top edge)."""
    lows, highs = [], []
    for c in curves:
        if not c.y.size:
            continue
        lows.append(float(c.y.min()))
        highs.append(float(np.percentile(c.y, 99.5)) if c.y.size > 200 else float(c.y.max()))
    if not lows:
        return 0.0, 1.0
    lo, hi = min(lows), max(highs)
    pad = (hi - lo) * 0.04 or 0.5
    return lo - pad, hi + pad


def picture(run: Run, report: Report) -> Picture:
    """Everything the charts draw, from the run model and the report's findings."""
    tpi = run.figures.tokens_per_iter
    first = 0 if run.steps_start_at_zero else 1
    axis = Axis(tpi if tpi and tpi > 0 else None, first)
    pic = Picture(axis=axis)
    last = run.last_step or 0
    loss_range = (axis.at(first), axis.at(max(last, first + 1)))
    for name, label in SERIES_LABELS.items():
        curve = _curve(run, name, label, axis, loss_range, axis.log)
        if curve is not None and (curve.y.size or curve.bad_x.size):
            pic.losses.append(curve)
    speed_range = (float(first), float(max(last, first + 1)))
    times = run.metric("step_time_ms")
    if times is not None:
        pic.step_time = _curve(run, "step_time_ms", "step time (ms)", axis, speed_range, False)
    mfu = _mfu_per_step(run)
    if mfu is not None:
        steps, values, label = mfu
        order = np.argsort(steps, kind="stable")
        x, y, bad = envelope(steps[order].astype(float), values[order], *speed_range, log=False)
        pic.mfu = Curve("mfu", label, x, y, bad, int(steps.size), gaps(steps[order]))
    pic.loss_markers, pic.speed_markers = _finding_markers(report.findings, axis)
    known = {(m.kind, m.x) for m in pic.loss_markers}
    n_params = report.run.n_params
    if n_params and axis.log and not run.fine_tune:
        tokens = CHINCHILLA_TOKENS_PER_PARAM * n_params
        pic.loss_markers.append(
            Marker(
                "chinchilla",
                float(tokens),
                f"Chinchilla-optimal: {human_count(tokens)} tokens (20 per parameter)",
            )
        )
    for segment in run.segments[1:]:
        if segment.first_step is not None and ("resume", axis.at(segment.first_step)) not in known:
            pic.loss_markers.append(
                Marker(
                    "resume", axis.at(segment.first_step), f"resumed at step {segment.first_step:,}"
                )
            )
    for step in sorted(set(run.checkpoint_steps)):
        pic.speed_markers.append(Marker("checkpoint", float(step), f"checkpoint {step:,}"))
    val = run.metric("val_loss")
    if val is not None:
        for step in np.unique(val.steps)[:MAX_BUCKETS]:
            pic.speed_markers.append(Marker("eval", float(step), f"eval {int(step):,}"))
    start = int(times.steps.min()) if times is not None else first
    for event in run.events:
        if event.kind == "compile":
            # the first iteration after a compile pays for it
            at = event.step if event.step is not None else start
            pic.speed_markers.append(Marker("compile", float(at), f"compile (step {at:,})"))
    return pic
