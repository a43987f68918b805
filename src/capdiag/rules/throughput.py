"""throughput: step-time regressions, compiles that fell back to eager, periodic stalls,
input-bound steps."""

from __future__ import annotations

import math
from typing import Any, ClassVar

import numpy as np

from capdiag.curves import BLOCK_VALUES, level_shift, trailing_low, trailing_median
from capdiag.findings import Evidence, Finding, Fix, Severity, SkipRule
from capdiag.load import steady_iterations
from capdiag.rules.base import Rule
from capdiag.run import GPU_UNUSED_CODES, Run, Series

# frameworks whose step cost changes during a run by design (batch-size and
# attention-window schedules), so a later, slower level is not a regression
_SCHEDULED_STEP_COST = {"modded-nanogpt"}
MIN_STEADY = 8  # steady iterations to judge at all
MIN_SIDE = 4  # steady iterations each side of a regression's split, at the least
MIN_LOADER_POINTS = 5  # logged steps with a data wait and a step time, to judge the loader


class Throughput(Rule):
    """Training got slower, ran on the CPU, fell back to eager mode, stalls periodically, or
    waits for its data.

    Only steady iterations are judged (``steady_iterations``: not the first five of each
    process, which include compilation, nor iterations whose wall time includes an eval or
    a checkpoint), and at least ``MIN_STEADY`` (8) of them. A log with no step times but a
    token rate (torchtitan's ``tps``, "427 tok/s") is judged on the rate's inverse, the time
    per token, which slows as a step time does; a log with neither, the time it prints
    beside a data wait (detectron2's ``time``, Paddle's ``batch_cost``). Five checks, each
    using only evidence in the log:

    *The GPU was not used*: torch's "CUDA initialization: Unexpected error from
    cudaGetDeviceCount()" or "Found no NVIDIA driver", Lightning's "GPU available: True,
    used: False", a script's own fallback (torch7's "Falling back on CPU mode", torchreid's
    "Currently using CPU (GPU is highly recommended)"): a GPU run that trains on the CPU.
    Read even when no step was logged.

    *Regression*: the best single split of the log step times into an earlier and a later
    level (medians, robust z of their difference). It is reported when the later level is at
    least ``min_slowdown`` times the earlier one, the z is above ``z``, the later level holds
    for at least ``min_fraction`` of the steady iterations, and its last half is still as
    slow (a lasting shift, not a blip). The slowdown starts at the first slow iteration
    after the split: each side keeps ``min_fraction`` of the points and at least
    ``MIN_SIDE`` (4), so in a short log the split can fall before it. Causes are outside
    the log: another process on the machine, thermal throttling, a slower filesystem,
    memory fragmentation.

    *Input-bound*: where the log prints each step's wait for its batch beside the step's
    whole time (detectron2's and mmcv's ``data_time`` and ``time``, Paddle's ``reader_cost``
    and ``batch_cost``, torchvision's ImageNet example's ``Data`` and ``Time``, Pointcept's
    ``Data`` and ``Batch``), the waits summed over the logged steps are at least
    ``input_share`` of the steps' time. An epoch's first batch is not judged (the loader
    starts its workers then), nor, where the log does not place its batches in their epoch,
    a launch's first logged step (mmcv's "[100/5005]" is the mean of a window that holds
    the first fill). The GPU idles while the loader reads, decodes and augments.

    *Compile fell back to eager*: a torch._dynamo message that errors were suppressed and
    the model falls back to eager execution (event code ``dynamo-suppressed-error``).

    *Periodic stalls* (info): steady iterations more than ``stall_ratio`` times their
    trailing median that recur with a regular period which is not the eval interval:
    typically a data loader that refills a buffer, or a periodic host-side job; also an
    optimizer's periodic step by design (the one real case in the corpus: SOAP's
    preconditioner every 10 steps), hence info.

    **Anti-pattern**

    A run that trains at 51 ms per iteration and, from step 1,360 on, at 197 ms, because
    another job took the CPU, and nobody notices until the run takes four times as long.

    **Best practice**

    Watch the step time as closely as the loss. Pin the job to dedicated resources; fix
    compile errors instead of suppressing them; prefetch data (``num_workers``,
    ``pin_memory``, pre-tokenised memory-mapped shards as nanoGPT uses).

    Options: ``min_slowdown`` (default 1.25: measured, on two real modded-nanogpt H100 logs,
    the r04 Muon record and the 1.5B scale-up, the best split's levels differ by less than
    1% at a robust z of 20-75, so z alone would fire; on this project's CPU runs four busy
    loops made steps 3.8x slower), ``z`` (default 5), ``min_fraction`` (default 0.05),
    ``stall_ratio`` (default 2.0), ``min_stalls`` (default 4), ``input_share`` (default 0.5:
    on the labelled corpus the seven input-bound runs wait 55-100% of their step time and
    the healthy runs that print both times at most 22%). modded-nanogpt is not judged
    for regressions: it changes its batch size and attention windows during a run by design
    (its FP8 record goes from 34 to 80 ms per step at step 523).
    """

    id = "throughput"
    code = "CD012"
    aliases: ClassVar[tuple[str, ...]] = ("step-time", "slowdown")
    severity = Severity.warning
    config_keywords: ClassVar[dict[str, float]] = {
        "min_slowdown": 1.25,
        "z": 5.0,
        "min_fraction": 0.05,
        "stall_ratio": 2.0,
        "min_stalls": 4,
        "input_share": 0.5,
    }

    def check(self, run: Run) -> list[Finding]:
        findings: list[Finding] = []
        loader = _loader_wait(run)
        for fallback in (
            self._gpu_unused(run),
            self._compile_fallback(run),
            None if loader is None else self._input_bound(loader),
        ):
            if fallback is not None:
                findings.append(fallback)
        pace = _Pace.of(run)
        judged = findings or loader is not None  # the loader was judged
        if pace is None:
            if judged:
                return findings
            raise SkipRule("the log has no step times or token rates")
        mask = steady_iterations(run, pace.name)
        values = pace.series.values[mask]
        if values.size < MIN_STEADY:
            if judged:
                return findings
            raise SkipRule(f"too few steady iterations to judge the {pace.what}")
        if pace.rate:
            values = 1.0 / values  # seconds per token: slower is larger, as a step time
        steps = _SteadySteps(pace.series.steps, mask)
        if run.framework not in _SCHEDULED_STEP_COST:
            regression = self._regression(run, steps, values, pace)
            if regression is not None:
                findings.append(regression)
        stalls = self._stalls(run, steps, values, pace)
        if stalls is not None:
            findings.append(stalls)
        return findings

    def _gpu_unused(self, run: Run) -> Finding | None:
        events = [e for e in run.events if e.code in GPU_UNUSED_CODES]
        if not events:
            return None
        first = events[0]
        if first.code == "gpu-unused":
            why = (
                "Lightning found a GPU, and the Trainer was not told to use it: pass "
                "accelerator='gpu' (or 'auto') and devices."
            )
        elif first.code == "gpu-fallback":
            why = (
                "The script looked for a GPU, found none it could use (no CUDA build, no "
                "driver, or the device hidden) and carried on with the CPU. Check nvidia-smi "
                "and torch.cuda.is_available() before a run, and make the script fail instead "
                "of falling back."
            )
        else:
            why = (
                "CUDA failed to initialise (a driver or container problem, or a CUDA call "
                "before the devices were counted), so torch saw no GPU and the script carried "
                "on with the CPU. Check nvidia-smi and torch.cuda.is_available() before a "
                "run, and make the script fail instead of falling back."
            )
        return self.finding(
            "The GPU was not used: the run trains on the CPU",
            f"Line {first.line}: {first.text.strip()[:200]!r}. {why} A GPU trains a model "
            "like this one tens to hundreds of times faster than a CPU.",
            evidence=[
                Evidence(label="message", value=e.text.strip()[:200], line=e.line, step=e.step)
                for e in events[:3]
            ],
            impact=0.9,
            impact_note="every step runs on the CPU",
        )

    def _input_bound(self, loader: _LoaderWait) -> Finding | None:
        wait, step, steps, data = loader
        share = float(wait.sum() / step.sum())
        if share < self.opt("input_share"):
            return None
        waiting = wait / step >= 0.5
        worst = int(np.argmax(wait))
        return self.finding(
            f"Input-bound: {share:.0%} of the step time is spent waiting for data",
            (
                f"Over {step.size} logged steps the data wait adds up to {share:.0%} of the "
                f"step time ({_seconds(float(wait.sum()))} of {_seconds(float(step.sum()))}); "
                f"{int(waiting.sum())} of them waited for their batch at least half the step, "
                f"the longest {_seconds(float(wait[worst]))} at step {int(steps[worst])}. The "
                "GPU idles while the loader reads, decodes and augments: more loader workers, "
                "pinned memory and persistent workers, data on local fast storage or "
                "pre-decoded, lighter augmentation on the CPU. "
                f"Read from {data.description.split(':')[0]}."
            ),
            evidence=[
                Evidence(label="data wait share", value=round(share, 3)),
                Evidence(label="median data wait (s)", value=_rounded_s(wait)),
                Evidence(label="median step time (s)", value=_rounded_s(step)),
                Evidence(label="steps judged", value=int(step.size)),
                Evidence(
                    label="longest wait (s)",
                    value=round(float(wait[worst]) / 1000, 3),
                    step=int(steps[worst]),
                ),
            ],
            impact=min(0.9, share),
            impact_note="the GPU waits for data this share of the time",
        )

    def _compile_fallback(self, run: Run) -> Finding | None:
        events = [e for e in run.events if e.code == "dynamo-suppressed-error"]
        if not events:
            return None
        first = events[0]
        fixes = []
        if run.config.get("compile") is True:
            fixes.append(
                Fix(
                    key=run.config.native("compile"),
                    value=True,
                    current=True,
                    reason="keep it, but fix the error the log shows: it silently runs eager",
                )
            )
        return self.finding(
            "torch.compile failed and the model runs eagerly",
            (
                f"Line {first.line}: {first.text.strip()[:200]!r}. Dynamo suppressed a "
                "compilation error and fell back to eager execution: the run is slower than "
                "a compiled one and nothing else in the log says so. Run once with "
                "torch._dynamo.config.suppress_errors = False to see the error."
            ),
            evidence=[
                Evidence(label="message", value=e.text.strip()[:200], line=e.line, step=e.step)
                for e in events[:3]
            ],
            fixes=fixes,
            impact=0.3,
            impact_note="compiled GPT training is typically faster; the difference is lost",
        )

    def _regression(
        self, run: Run, steps: _SteadySteps, values: np.ndarray, pace: _Pace
    ) -> Finding | None:
        n = values.size
        min_size = max(MIN_SIDE, math.ceil(self.opt("min_fraction") * n))
        k, before_log, after_log, z = level_shift(np.log(values), min_size, scratch=True)
        if k < 0 or z < self.opt("z"):
            return None
        before, after = math.exp(before_log), math.exp(after_log)
        ratio = after / before
        if ratio < self.opt("min_slowdown"):
            return None
        tail = values[k:]
        if float(np.median(tail[tail.size // 2 :])) < self.opt("min_slowdown") * before:
            return None  # it came back: a blip, not a lasting shift
        # the split keeps min_size points a side: the slowdown starts at its first slow one
        k += int(np.argmax(tail >= self.opt("min_slowdown") * before))
        tail = values[k:]
        after = float(np.median(tail))
        ratio = after / before
        start = int(steps[k])
        last = int(steps[-1])
        # extra wall time: the slow iterations' excess over the earlier level
        first_step, log_every = int(steps[0]), steps.log_every
        iters_after = (last - start) / log_every + 1
        iters_total = (last - first_step) / log_every + 1
        extra = (after - before) * iters_after
        total = before * (iters_total - iters_after) + after * iters_after
        wasted = extra / total
        if pace.rate:
            title = f"Token throughput fell {ratio:.1f}x from step {start}"
            levels = (
                f"Steady iterations ran at a median {1 / before:,.0f} tokens/s before step "
                f"{start} and {1 / after:,.0f} tokens/s from then on"
            )
            shown = (1 / before, 1 / after)
        else:
            title = f"Step time rose {ratio:.1f}x from step {start}"
            levels = (
                f"Steady iterations took a median {before:.1f} ms before step {start} and "
                f"{after:.1f} ms from then on"
            )
            shown = (before, after)
        return self.finding(
            title,
            (
                f"{levels} ({ratio:.2f}x, robust z = {z:.0f}, "
                f"{tail.size} of {n} steady iterations logged), and the slowdown lasted to "
                f"step {last}. Evals, checkpoints and warm-up iterations are excluded, so the "
                "cause is outside the training code's own work: another process on the "
                "machine, throttling, slower data or I/O. Check what else ran from step "
                f"{start}."
            ),
            evidence=[
                Evidence(label=pace.median.format("before"), value=round(shown[0], 2)),
                Evidence(
                    label=pace.median.format("after"),
                    value=round(shown[1], 2),
                    step=start,
                    mark="slowdown",
                ),
                Evidence(label="slowdown", value=round(ratio, 3)),
                Evidence(label="robust z", value=round(z, 1)),
            ],
            impact=round(min(1.0, wasted), 3),
            impact_note=f"about {wasted:.0%} of the steady training time was spent on the slowdown",
        )

    def _stalls(
        self, run: Run, steps: _SteadySteps, values: np.ndarray, pace: _Pace
    ) -> Finding | None:
        ratio, found = self.opt("stall_ratio"), []
        # a point at most `ratio` times the smallest of its window is no stall (the median
        # is no smaller): the median is taken only at the others
        with np.errstate(invalid="ignore"):
            maybe = np.flatnonzero(~(values <= ratio * trailing_low(values, 20)))
        median = trailing_median(values, 20, at=maybe if ratio >= 0 else None)
        for lo in range(0, values.size, BLOCK_VALUES):  # a block at a time: small temporaries
            m = median[lo : lo + BLOCK_VALUES]
            ok = np.isfinite(m)
            found.append(
                np.flatnonzero(ok & (values[lo : lo + m.size] > ratio * np.where(ok, m, 0))) + lo
            )
        slow = np.concatenate(found)
        if slow.size < self.opt("min_stalls"):
            return None
        at = steps[slow]
        slow_steps = at.tolist()
        gaps = np.diff(at)
        period = float(np.median(gaps))
        log_every = steps.log_every
        tolerance = max(log_every, 0.1 * period)
        regular = float(np.mean(np.abs(gaps - period) <= tolerance))
        # stalls are isolated slow steps; slow steps next to each other are a slow phase
        adjacent = float(np.mean(np.diff(slow) == 1))
        if regular < 0.75 or period < 4 * log_every or adjacent > 0.25:
            return None
        eval_interval = run.config.number("eval_interval")
        evals = period / eval_interval if eval_interval else math.nan  # inf for 1e-320
        if math.isfinite(evals) and abs(evals - round(evals)) < 0.05:
            return None  # the eval cadence, not the data loader
        excess = float(np.sum(values[slow] - median[slow]))
        share = excess / float(np.sum(values))
        return self.finding(
            f"Periodic stalls every ~{period:.0f} steps",
            (
                f"{slow.size} steady iterations took more than {self.opt('stall_ratio'):g}x "
                f"their recent median, at a regular period of about {period:.0f} steps "
                f"({regular:.0%} of the gaps), which is not the eval interval "
                f"({eval_interval or 'unknown'}). A data loader refilling a buffer, or a "
                "periodic host-side job, is the usual cause; an optimizer's own periodic step "
                "(SOAP or Shampoo updating its preconditioner) makes the same pattern by design."
            ),
            # info: the only periodic pattern in the real-run corpus was by design (SOAP)
            severity=Severity.info,
            evidence=[
                Evidence(
                    label=f"stall ({pace.label})",
                    value=round(1 / float(values[i]) if pace.rate else float(values[i]), 2),
                    step=step,
                    mark="stall",
                )
                for i, step in zip(slow[:6], slow_steps, strict=False)
            ],
            impact=round(min(1.0, share), 3),
            impact_note=f"about {share:.0%} of the logged step time went to the stalls",
        )


class _Pace:
    """The per-step speed the log gives: its step times, or else its token rate (a rate
    is judged as its inverse, time per token, which slows as a step time does)."""

    def __init__(self, name: str, series: Series) -> None:
        self.name, self.series = name, series
        self.rate = name == "tokens_per_sec"
        self.what = "token rate" if self.rate else "step time"
        self.label = "tokens/s" if self.rate else "step time (ms)"
        self.median = "median tokens/s {}" if self.rate else "median step time {} (ms)"

    @classmethod
    def of(cls, run: Run) -> _Pace | None:
        for name in ("step_time_ms", "tokens_per_sec", "batch_time_ms"):
            if (series := run.metric(name)) is not None:
                return cls(name, series)
        return None


class _SteadySteps:
    """The steps of the steady iterations, looked up by position: no copy of the series is
    held while the rule works on the step times."""

    def __init__(self, steps: np.ndarray, mask: np.ndarray) -> None:
        self.steps, self.mask = steps, mask
        gaps = steps[mask]  # then the gaps between them, in place, from the end back
        for hi in range(gaps.size - 1, 0, -BLOCK_VALUES):
            lo = max(hi - BLOCK_VALUES, 0)
            gaps[lo + 1 : hi + 1] -= gaps[lo:hi]  # numpy buffers the overlap (one block)
        self.log_every = max(1.0, float(np.median(gaps[1:], overwrite_input=True)))

    def __getitem__(self, index: Any) -> Any:
        return self.steps[np.flatnonzero(self.mask)[index]]


# each judged step's data wait and whole time (ms), its step, and the wait's series
_LoaderWait = tuple[np.ndarray, np.ndarray, np.ndarray, Series]


def _loader_wait(run: Run) -> _LoaderWait | None:
    """Each logged step's data wait and whole time (ms, the wait capped at the whole) and its
    step (a loader's start is not read: see `loader_times`); None when fewer than
    `MIN_LOADER_POINTS`."""
    data, whole = run.metric("data_time_ms"), run.metric("batch_time_ms")
    if data is None or whole is None or len(data) != len(whole):
        return None
    wait, step = data.values, whole.values
    ok = np.isfinite(wait) & np.isfinite(step) & (wait >= 0) & (step > 0)
    if int(ok.sum()) < MIN_LOADER_POINTS:
        return None
    return np.minimum(wait[ok], step[ok]), step[ok], whole.steps[ok], data


def _rounded_s(ms: np.ndarray) -> float:
    return round(float(np.median(ms)) / 1000, 4)


def _seconds(ms: float) -> str:
    return f"{ms / 1000:,.0f} s" if ms >= 100_000 else f"{ms / 1000:.3g} s"
