"""loss-spike: sudden jumps of the training loss, judged by robust statistics."""

from __future__ import annotations

import math
from typing import ClassVar

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from pydantic import BaseModel

from capdiag.curves import (
    BLOCK_VALUES,
    SHORT_MIN,
    blew_up,
    expanding_band,
    running_median,
    start_level,
    trailing_band,
    trailing_low,
    warmup_steps,
)
from capdiag.findings import Evidence, Finding, Fix, Severity, SkipRule
from capdiag.rules.base import (
    Rule,
    early_blowup,
    grad_clip_fix,
    loss_start,
    lower_lr_fix,
    warmup_fixes,
)
from capdiag.run import Run
from capdiag.stats import robust_sigma


class Spike(BaseModel):
    start: int  # step of the first point above the band
    peak_step: int
    peak: float
    baseline: float  # trailing median at the start
    sigma: float  # trailing MAD-sigma at the start
    recovered_at: int | None  # first step back within the band
    early: bool

    @property
    def size(self) -> float:
        return self.peak - self.baseline

    @property
    def mads(self) -> float:
        return self.size / self.sigma if self.sigma > 0 else math.inf


def _spike_starts(
    values: np.ndarray, median: np.ndarray, sigma: np.ndarray, mads: float, min_jump: float
) -> np.ndarray:
    """Where a point jumps more than `mads` sigma and `min_jump` above its band, a block of
    points at a time (the temporaries stay small)."""
    found = []
    for lo in range(0, values.size, BLOCK_VALUES):
        part = slice(lo, lo + BLOCK_VALUES)
        m, s = median[part], sigma[part]
        with np.errstate(invalid="ignore"):
            jump = values[part] - m
            hit = np.isfinite(m) & np.isfinite(s) & (jump > mads * s) & (jump > min_jump)
        found.append(np.flatnonzero(hit) + lo)
    return np.concatenate(found) if found else np.zeros(0, np.int64)


def _first_at_or_below(values: np.ndarray, i: int, limit: float, stay: int = 5) -> int:
    """The first index from `i` on whose value is not above `limit` and where the median of
    it and the next `stay - 1` points is not either (len(values) if none): one low point
    inside a loss that stayed up is no recovery. Searched in growing chunks, so a long
    spike costs no Python loop per point."""
    size = 64
    while i < values.size:
        chunk = values[i : i + size]
        below = ~(chunk > limit)
        if below.any():
            # the median of each point and the next stay - 1 (fewer at the end of the series)
            ahead = values[i : i + chunk.size + stay - 1]
            full = max(0, min(chunk.size, ahead.size - stay + 1))
            medians = np.empty(chunk.size)
            if full:
                medians[:full] = np.median(sliding_window_view(ahead, stay)[:full], axis=1)
            for k in range(full, chunk.size):  # at most stay - 1 of them
                medians[k] = np.median(ahead[k:])
            back = np.flatnonzero(below & ~(medians > limit))
            if back.size:
                return i + int(back[0])
        i += chunk.size
        size *= 2
    return int(values.size)


class LossSpike(Rule):
    """The training loss jumps far above its recent level, then (maybe) comes back.

    Each logged loss is compared with the median and the MAD of the ``window`` points before
    it (not the mean and standard deviation, which a spike would inflate). A point is part
    of a spike when it is more than ``mads`` MAD-sigmas and more than ``min_jump`` nats above
    that median; consecutive points form one spike. Where each point is a single batch's
    loss (or the log does not say what it averages: whatever a point averaged, the next one
    did not feel the jump), a jump that is back in the band at the very next point is an
    unusual batch, not a disturbance of the weights, and is not counted (modded-nanogpt's
    record logs have several). A spike's size is its peak above the median, in MAD-sigmas
    and nats; its recovery time is the number of steps until the loss is back within
    ``recover_mads`` MAD-sigmas of the median it left, and stays there (the median of that
    point and the next four is back too: one low point inside a loss that stayed up is no
    recovery; measured on a real transformer whose loss jumped 0.06 to 2.3 for the last
    tenth of its run, with one logged point at 0.38). A short excerpt (fewer than
    ``2 * window`` points, at least 6, as pasted into an issue) compares each point with all
    the points before it.

    Spikes inside warmup (or the first ``early_fraction`` of the run, whichever is longer)
    are reported apart from late ones: early spikes are common while Adam's moment estimates
    settle. The finding is a warning when a spike never recovers, when recovering takes
    ``costly_fraction`` of the run, when a late spike lasts ``sustained_steps`` updates or
    more (the weights were disturbed, not one or two batches), or when late spikes are
    frequent (two or more, above ``late_per_1k``); brief, rare spikes are information. So
    are many brief ones in a log of single-batch losses: ``tail_count`` spikes or more, each
    back in the band, half of them within ``tail_points`` logged points, are the heavy tail
    of the batch loss (hard or mislabelled batches), not updates that disturbed the weights
    (measured: healthy runs with 21 to 55 such spikes, a gaze GRU, a Fast-SCNN and a caption
    model, whose labels call the training sound; a labelled run of 18 spikes, half of them
    over in 3 points, stays a warning: recovering from them took a quarter of the run).
    A spike that never came back, in a run whose loss ended blown up past its start
    (``curves.blew_up``), is the divergence and is left to that rule.
    An early blow-up that came back is a spike too: the running median (of ``blowup_window``
    points) peaks in the first third of the run more than ``blowup_nats`` above the start
    (the first loss, or ln(V) when the vocabulary is stated, if higher) and returns to it.
    It is a warning, information when the loss was back within ``recovered_share`` of the
    run's steps (measured: the real runs that blew up early and were healthy or had another
    fault came back within 2-6% of their steps; of the 10 corpus runs that took longer, 8
    are labelled loss spikes. One that never came back is divergence's).
    Single-batch losses are noisy (the healthy CPU run has a MAD-sigma of 0.1-0.15 nats);
    the band is measured on that noise, so no threshold is needed per model size.

    **Anti-pattern**

    Adam warmed up to ``learning_rate = 1.0`` without clipping: at step 77 the loss jumps
    from about 3.5 to 9.7, peaks at 49.4 at step 97, and needs 62 steps (a third of the run)
    to come back.

    **Best practice**

    Clip gradients (``grad_clip = 1.0``), warm up longer, lower the peak learning rate; in
    large runs, restart from a checkpoint before a spike that does not recover and skip the
    batches around it (PaLM, Chowdhery et al. 2022, section 5.1).

    Options: ``window`` (trailing points for the band, default 20), ``mads`` (default 6:
    measured, the largest excursion on the real healthy nanoGPT CPU run is 3.6 MAD-sigmas,
    on the seed run 4.3), ``min_jump`` (nats, default 0.5: the largest one-step excursions
    in the two real llm.c GPT-2 124M runs are 0.34 nats, at 12 MAD-sigmas, from
    batch-to-batch variation that recovers the next step), ``recover_mads`` (default 3),
    ``early_fraction`` (default 0.1), ``costly_fraction`` (spikes whose recovery takes this
    share of the run or more are a warning, not information; default 0.05), ``late_per_1k``
    (late spikes that recover are a warning only above this many per 1,000 steps; default 1:
    measured, the real modded-nanogpt records have at most 0.6 brief spikes per 1,000 steps,
    a real nanoGPT CPU run at a constant learning rate of 1.0 has 22), ``sustained_steps``
    (default 10: measured, the brief spikes of the real modded-nanogpt records are over in 2
    steps; BLOOM-176B's chronicled spike at iteration 31219 took 31), ``blowup_window``
    (default 5), ``blowup_nats`` (default 1.0), ``recovered_share`` (default 0.1),
    ``tail_count`` (default 10), ``tail_points`` (default 3).
    """

    id = "loss-spike"
    code = "CD010"
    aliases: ClassVar[tuple[str, ...]] = ("spike", "loss-spikes")
    severity = Severity.warning
    config_keywords: ClassVar[dict[str, float]] = {
        "window": 20,
        "mads": 6.0,
        "min_jump": 0.5,
        "recover_mads": 3.0,
        "blowup_window": 5,
        "blowup_nats": 1.0,
        "recovered_share": 0.1,
        "early_fraction": 0.1,
        "costly_fraction": 0.05,
        "late_per_1k": 1.0,
        "sustained_steps": 10,
        "tail_count": 10,
        "tail_points": 3,
    }

    def spikes(self, run: Run) -> list[Spike]:
        series = run.metric("train_loss")
        if series is None:
            raise SkipRule("the log has no per-iteration training loss")
        series = series.finite()
        window = int(self.opt("window"))
        steps, values = series.steps, series.values
        single_batch = series.mode in ("train-batch", None)
        if len(series) >= 2 * window:
            # the band only where a spike can start, more than min_jump over the median:
            # not where the point is at most min_jump over the window's smallest value
            min_jump = self.opt("min_jump")
            with np.errstate(invalid="ignore"):
                maybe = np.flatnonzero(~(values - trailing_low(values, window) <= min_jump))
            median, sigma = trailing_band(values, window, above=min_jump, at=maybe)
        elif len(series) >= SHORT_MIN:
            # a short excerpt (an issue paste): the band of every point before each one
            median, sigma = expanding_band(values, 3)
        else:
            raise SkipRule("too few training-loss points for a band")
        warmup = warmup_steps(run.config.get("decay_lr"), run.config.number("warmup_iters"))
        last = float(steps.max())
        early_until = max(warmup, self.opt("early_fraction") * last)
        mads, min_jump = self.opt("mads"), self.opt("min_jump")
        recover_mads, half_jump = self.opt("recover_mads"), 0.5 * min_jump
        # the points that start a spike (a mask, not a loop over every point)
        starts = _spike_starts(values, median, sigma, mads, min_jump)
        out: list[Spike] = []
        n, resume = values.size, 0
        for i in starts.tolist():
            if i < resume:
                continue  # inside the previous spike, or its recovery point
            m, s = median[i], sigma[i]
            limit = m + max(recover_mads * s, half_jump)  # back within the band
            j = _first_at_or_below(values, i, limit)
            if single_batch and j == i + 1 and j < n:
                # one batch's loss, back in the band at the next point: an unusual batch,
                # not a disturbance of the weights (the next batch's loss did not feel it)
                resume = j + 1
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
            resume = j + 1
        return out

    @staticmethod
    def _blew_up(run: Run) -> bool:
        """The training loss ended blown up past its start: divergence's finding, measured
        as divergence measures it (the first point when it is before any update)."""
        series = run.metric("train_loss")
        if series is None or len(series.finite()) < 6:
            return False
        finite = series.finite()
        values = finite.values
        start = start_level(values, finite.steps, run.init_step, 5)
        end = float(np.median(values[-5:]))
        return end > start and blew_up(start, float(values.min()), end)

    def _early_blowup(self, run: Run) -> tuple[Finding, int] | None:
        """The loss shot far above its start early on, and came back (divergence reports
        one that did not): the finding, and the step where it was back."""
        train = run.metric("train_loss")
        series = train if train is not None else run.metric("val_loss")
        series = series.finite() if series is not None else None
        if series is None or len(series) < SHORT_MIN:
            return None
        window = max(2, min(int(self.opt("blowup_window")), len(series) // 3))
        smooth = running_median(series.values, window)
        found = loss_start(run, series, window, self.opt("blowup_nats"))
        if found is None:
            return None
        sigma = robust_sigma(series.values - smooth, scratch=True)
        blowup = early_blowup(run, series, smooth, found[0], sigma, self.opt("blowup_nats"))
        if blowup is None or blowup.recovered is None:
            return None
        share = blowup.share_to_recover()
        brief = share <= self.opt("recovered_share")
        rise = blowup.peak - blowup.ref
        finding = self.finding(
            f"Loss blew up early and came back: {blowup.peak:.2f} at step {blowup.step}, "
            f"{rise:.2f} nats above its start",
            f"The {series.name.replace('_', ' ')} climbed to a running median of "
            f"{blowup.peak:.4f} at step {blowup.step}, {rise:.2f} nats above where it started "
            f"({blowup.ref:.4f}), and was back to its start by step {blowup.recovered}, "
            f"{share:.1%} of the run. The first updates were too large: warm the learning "
            "rate up over a few hundred steps. Those steps were spent undoing damage"
            + (
                ", a small cost."
                if brief
                else ", and an early blow-up can leave the model worse off."
            ),
            severity=Severity.info if brief else Severity.warning,
            evidence=blowup.evidence(),
            fixes=warmup_fixes(run),
            impact=0.1 if brief else 0.4,
            impact_note="a few early steps wasted" if brief else "early steps wasted",
        )
        return finding, blowup.recovered

    def _outlier_batches(self, run: Run, spikes: list[Spike]) -> bool:
        """`tail_count` spikes or more in a log of single-batch losses, every one back in
        the band and half of them within `tail_points` logged points."""
        series = run.metric("train_loss")
        if series is None or series.mode not in ("train-batch", None):
            return False
        if len(spikes) < self.opt("tail_count"):
            return False
        backs_at = [s.recovered_at for s in spikes if s.recovered_at is not None]
        if len(backs_at) < len(spikes):
            return False
        steps = series.finite().steps
        starts = np.searchsorted(steps, [s.start for s in spikes])
        backs = np.searchsorted(steps, backs_at)
        return float(np.median(backs - starts)) <= self.opt("tail_points")

    def check(self, run: Run) -> list[Finding]:
        blowup = self._early_blowup(run)
        try:
            spikes = self.spikes(run)
        except SkipRule:
            if blowup is None:
                raise
            spikes = []
        if blowup is not None:
            # the band's spikes up to its recovery are the same event
            spikes = [s for s in spikes if s.start > blowup[1]]
        if spikes and self._blew_up(run):
            # a jump that never came back in a run that ended blown up is the divergence
            spikes = [s for s in spikes if s.recovered_at is not None]
        found = [blowup[0]] if blowup is not None else []
        if not spikes:
            return found
        early = [s for s in spikes if s.early]
        late = [s for s in spikes if not s.early]
        unrecovered = [s for s in spikes if s.recovered_at is None]
        evidence: list[Evidence] = []
        lines = []
        for s in sorted(spikes, key=lambda s: -s.size)[:5]:
            rec = (
                f"back within the band at step {s.recovered_at} ({s.recovered_at - s.start} steps)"
                if s.recovered_at is not None
                else "never back within the band"
            )
            phase = "early" if s.early else "late"
            lines.append(
                f"step {s.start} ({phase}): {s.baseline:.3f} -> {s.peak:.3f} at step "
                f"{s.peak_step}, +{s.size:.3f} nats = {s.mads:.0f} MADs; {rec}"
            )
            evidence.append(
                Evidence(label=f"{phase} spike peak", value=s.peak, step=s.peak_step, mark="spike")
            )
            evidence.append(
                Evidence(
                    label="baseline (rolling median)", value=round(s.baseline, 4), step=s.start
                )
            )
            evidence.append(
                Evidence(
                    label="recovered at",
                    value=s.recovered_at if s.recovered_at is not None else "never",
                    step=s.recovered_at,
                )
            )
        fixes: list[Fix] = []
        c = run.config
        if (
            clip_fix := grad_clip_fix(run, "bounds each update; spikes start with a large gradient")
        ) is not None:
            fixes.append(clip_fix)
        lower = lower_lr_fix(run, 2, "spikes mark the edge of stability; halve the peak rate")
        if lower is not None:
            fixes.append(lower)
        warmup = c.number("warmup_iters")
        if early and warmup is not None:
            fixes.append(
                Fix(
                    key=c.native("warmup_iters"),
                    value=int(max(2 * warmup, 100)),
                    current=int(warmup),
                    reason="the spikes come early: ramp the rate up more slowly",
                )
            )
            if c.get("decay_lr") is False:
                fixes.append(
                    Fix(
                        key=c.native("decay_lr"),
                        value=True,
                        current=False,
                        reason="nanoGPT only warms up inside get_lr(), used when decay_lr is on",
                    )
                )
        recovery = [s.recovered_at - s.start for s in spikes if s.recovered_at is not None]
        total_recovery = float(sum(recovery))
        last = float(run.last_step or 1)
        costly = total_recovery / max(last, 1.0) >= self.opt("costly_fraction")
        # brief late spikes are common in healthy large runs; many of them are not
        late_span = max(last * (1.0 - self.opt("early_fraction")), 1.0)
        # one spike is never "frequent", however short the run
        frequent = len(late) >= 2 and len(late) / late_span * 1000 > self.opt("late_per_1k")
        # a late spike the loss took many updates to leave disturbed the weights themselves
        sustained = [
            s
            for s in late
            if s.recovered_at is not None
            and s.recovered_at - s.start >= self.opt("sustained_steps")
        ]
        # many brief excursions of single-batch losses are the tail of the batch loss
        # (hard or mislabelled batches), not updates that disturbed the weights
        outliers = self._outlier_batches(run, spikes)
        loud = unrecovered or costly or (not outliers and (frequent or sustained))
        severity = Severity.warning if loud else Severity.info
        message = (
            f"{len(spikes)} loss spike(s) ({len(early)} early, {len(late)} late; "
            f"{len(unrecovered)} not recovered by the end of the log), each more than "
            f"{self.opt('mads'):g} MADs and {self.opt('min_jump'):g} nats above the median of "
            f"the previous {int(self.opt('window'))} points: " + "; ".join(lines) + "."
        )
        impact = min(1.0, total_recovery / max(last, 1.0) + (0.5 if unrecovered else 0.0))
        return [
            *found,
            self.finding(
                f"{len(spikes)} loss spike(s), largest +{max(s.size for s in spikes):.2f} nats",
                message,
                severity=severity,
                evidence=evidence,
                fixes=fixes,
                impact=impact,
                impact_note=(
                    f"about {total_recovery:.0f} steps ({total_recovery / last:.0%} of the run) "
                    "were spent recovering"
                    + ("; the loss had not recovered at the end" if unrecovered else "")
                ),
            ),
        ]
