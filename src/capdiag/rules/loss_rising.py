"""loss-rising: the loss climbs steadily over the later part of training."""

from __future__ import annotations

import math
from typing import ClassVar

import numpy as np

from capdiag.curves import blew_up, running_median, start_level
from capdiag.findings import Evidence, Finding, Severity, SkipRule
from capdiag.rules.base import Rule
from capdiag.run import Run, Series
from capdiag.stats import MAD_TO_SIGMA, median_se, slope_per_doubling

_VALUE_LOSS = (
    " This is a reinforcement-learning run: its loss is a value (TD) loss, regressed on "
    "targets that grow with the values themselves. A steady rise while the returns do not "
    "improve is the values drifting (over-estimated, or chasing their own targets): update "
    "the target network less often, lower the learning rate, or use a Huber loss."
)


class LossRising(Rule):
    """The training loss rises steadily after its best point, without blowing up.

    A loss that climbs for hundreds of steps is not a plateau: the model is getting worse.
    Common causes are a learning rate that is too high for the later phase (a schedule that
    re-warms or never decays), a resume that restored the weights but not the optimizer or
    the schedule, data whose order or mix changed (a new, harder shard), and a slow
    numerical blow-up. capdiag takes the training loss (the evaluation loss when no training
    loss is logged), smooths it with a running median, finds its lowest point, and fires
    when everything after it rose: the end sits above the lowest point by more than
    ``min_rise`` nats and ``sigmas`` standard errors of the run's own scatter (plus the
    sqrt(2 ln m) errors by which the least of m independent medians falls below the level by
    chance: measured, three false alarms on noisy single-batch losses gone for one labelled
    rise missed), the rise lasts at least ``min_fraction`` of the run, and the slope against
    log(step) since the low point is positive beyond two standard errors. A loss that blew
    up past where it started (``curves.blew_up``: a nat above its floor, or twice its start)
    is divergence and is left to that rule; a smaller drift above the start is a rise. A
    validation loss that rises while training falls is overfitting; one whose every
    evaluation after its best is higher by ``val_rise`` of the best (and ``min_rise`` nats),
    while the training loss did not fall over the same steps, is this rule's too: the model
    got worse on both (measured: Whisper fine-tunes warmed up to 1e-4 and 3e-3, eval loss
    0.22 to 0.40 and 2.55 to 3.42). A rise inside one later epoch of a run that repeats its
    data (the epoch is logged) is information: the training loss drops each time the
    examples come round again and can drift up within the epoch (measured: a healthy
    three-epoch Alpaca fine-tune rises 0.05 nats inside its third epoch). So is a training
    loss that rises while the validation loss falls over the same steps: the batches got
    harder (the data's mix changed), the model did not get worse.

    **Anti-pattern**

    A run resumed at step 20,000 whose loss climbs from 2.9 to 3.3 by step 30,000 while
    the log shows no NaN and no spike: it is left running.

    **Best practice**

    Stop at the low point, check what changed there (learning rate, data, optimizer state),
    and resume from the checkpoint saved before the rise.

    Options: ``min_rise`` (nats, default 0.05), ``sigmas`` (default 3), ``min_fraction`` (of
    the logged steps, default 0.2), ``min_points`` (training losses needed, default 8; a
    log with fewer follows the evaluation loss), ``val_rise`` (default 0.1 of the best
    evaluation loss: on the corpus every run whose evaluations all stayed that far above
    their best is labelled broken).
    """

    id = "loss-rising"
    code = "CD019"
    aliases: ClassVar[tuple[str, ...]] = ("rising-loss",)
    severity = Severity.warning
    config_keywords: ClassVar[dict[str, float]] = {
        "min_rise": 0.05,
        "sigmas": 3.0,
        "min_fraction": 0.2,
        "min_points": 8,
        "val_rise": 0.1,
    }

    def _series(self, run: Run) -> Series:
        train = run.metric("train_loss")
        if train is not None and len(train.finite()) >= self.opt("min_points"):
            return train.finite()
        for name in ("eval_train_loss", "val_loss"):
            series = run.metric(name)
            if series is not None and len(series.finite()) >= 6:
                if name == "val_loss" and run.metric("train_loss") is not None:
                    break  # val alone rising while train falls is overfitting
                return series.finite()
        raise SkipRule("too few loss points to follow a trend")

    @staticmethod
    def _later_epoch(run: Run, low_step: int, last: int) -> int | None:
        """The epoch (0-based) both steps fall in, when it is the second or a later one."""
        epochs = run.metric("epoch")
        if epochs is None or len(epochs) < 2:
            return None
        at = np.interp([low_step, last], epochs.steps, epochs.values)
        first, end = math.floor(at[0]), math.floor(at[1] - 1e-6)
        return first if first >= 1 and first == end else None

    @staticmethod
    def _val_falls(run: Run, series: Series, low_step: int) -> str:
        """The validation loss fell over the stretch where the training loss rose (beyond
        twice the spread of its late steps, with five of them or more): the training
        batches got harder (a change in the data mix), the model did not get worse."""
        val = run.metric("val_loss")
        if series.name == "val_loss" or val is None:
            return ""
        val = val.finite()
        after = val.steps >= low_step
        if int(after.sum()) < 3:
            return ""
        before = val.values[~after]
        start = float(before[-1]) if before.size else float(val.values[after][0])
        end = float(val.values[after][-1])
        # beyond the evaluations' noise (a difference of two of them spreads like their
        # steps over the second half of the run), where there are enough of them to tell
        late = val.values[val.steps >= val.steps.max() / 2]
        steps = np.abs(np.diff(late))
        noise = MAD_TO_SIGMA * float(np.median(steps)) if steps.size >= 5 else 0.0
        if start - end <= 2 * noise:
            return ""
        return (
            f" Over the same steps the validation loss fell, from {start:.4f} to {end:.4f}: "
            "the model is not getting worse; the training batches got harder (a change in "
            "the data's mix or order)."
        )

    def check(self, run: Run) -> list[Finding]:
        try:
            series = self._series(run)
        except SkipRule:
            if (both := self._val_and_train_rise(run)) is not None:
                return [both]
            raise
        found = self._rise(run, series)
        if not found and (both := self._val_and_train_rise(run)) is not None:
            return [both]
        return found

    def _val_and_train_rise(self, run: Run) -> Finding | None:
        """The validation loss rose past its best and never came back, while the training
        loss did not fall over the same steps: the model got worse on both (overfitting is
        the case where training keeps falling)."""
        val, train = run.metric("val_loss"), run.metric("train_loss")
        if val is None or train is None:
            return None
        val, train = val.finite(), train.finite()
        if val.values.size < 4 or train.values.size < 3:
            return None
        best = int(np.argmin(val.values))
        after = val.values[best + 1 :]
        if after.size < 2:
            return None
        best_value, lowest_after = float(val.values[best]), float(after.min())
        rise = lowest_after - best_value
        if rise < max(self.opt("min_rise"), self.opt("val_rise") * abs(best_value)):
            return None
        best_step = int(val.steps[best])
        upto = train.values[train.steps <= best_step]
        # a training loss first logged after the best evaluation starts from its first value
        train_then = float(np.median(upto[-3:])) if upto.size else float(train.values[0])
        later = train.values[train.steps > best_step]
        if later.size < 2 or not np.isfinite(train_then):
            return None
        train_end = float(np.median(later[-3:]))
        if train_end < train_then:
            return None  # training kept falling: overfitting
        if blew_up(train_then, float(later.min()), train_end):
            return None  # the training loss blew up: divergence
        last = int(val.steps[-1])
        return self.finding(
            f"Loss rising: validation loss up {rise:.3f} nats since step {best_step}, "
            "training loss not falling",
            f"The validation loss was lowest at step {best_step} ({best_value:.4f}) and every "
            f"one of the {after.size} evaluations since is higher, the lowest {lowest_after:.4f} "
            f"and the last {float(after[-1]):.4f} (step {last}); the training loss did not "
            f"fall over the same steps ({train_then:.4f} then, {train_end:.4f} at the end). The "
            "model got worse on both, which overfitting does not explain: the updates are "
            "too large (a learning rate still warming up or too high for a fine-tune), or the "
            "data changed. Keep the checkpoint from the best evaluation and lower the "
            "learning rate.",
            evidence=[
                Evidence(label="best validation loss", value=round(best_value, 4), step=best_step),
                Evidence(label="lowest validation loss since", value=round(lowest_after, 4)),
                Evidence(label="last validation loss", value=round(float(after[-1]), 4), step=last),
                Evidence(label="training loss at the best", value=round(train_then, 4)),
                Evidence(label="training loss at the end", value=round(train_end, 4)),
            ],
            impact=min(1.0, 0.3 + rise),
            impact_note=f"every evaluation after step {best_step} is worse than the best",
        )

    def _rise(self, run: Run, series: Series) -> list[Finding]:
        if not np.isfinite(run.metric(series.name).values).all():  # type: ignore[union-attr]
            raise SkipRule("the loss has NaN or inf values (see divergence)")
        values, steps = series.values, series.steps
        window = max(5, values.size // 20) | 1
        smooth = running_median(values, window)
        low = int(np.nanargmin(smooth))
        n = values.size
        if n - 1 - low < max(3, self.opt("min_fraction") * n):
            return []
        start = start_level(values, steps, run.init_step, window)
        end = float(np.median(values[-window:]))
        bottom = float(smooth[low])
        if end > start and blew_up(start, bottom, end) and not run.reinforcement:
            return []  # blew up past its start: divergence reports it
        se = median_se(values, smooth, window)
        rise = end - bottom
        # the low point is the least of about n / window independent medians, so it sits
        # below the true level by about sqrt(2 ln m) of their errors (the expected minimum
        # of m normal draws): the rise has to clear that as well as the noise of two medians
        chosen_from = max(2.0, n / window)
        selection = math.sqrt(2.0 * math.log(chosen_from))
        needed = (self.opt("sigmas") * math.sqrt(2.0) + selection) * se
        if rise <= max(self.opt("min_rise"), needed):
            return []
        tail = slice(low, None)
        slope, slope_se = slope_per_doubling(steps[tail].astype(np.float64) + 1, values[tail])
        if not (slope > 2 * slope_se):
            return []
        low_step, last = int(steps[low]), int(steps[-1])
        which = series.name.replace("_", " ")
        checkpoints = [s for s in run.checkpoint_steps if s <= low_step]
        resume = (
            f" The last checkpoint before the rise was saved at step {checkpoints[-1]}."
            if checkpoints
            else ""
        )
        segment = next((s for s in run.segments if s.resumed and s.first_step is not None), None)
        after_resume = (
            f" The log resumed at step {segment.first_step}: check that the optimizer state "
            "and the learning-rate schedule were restored with the weights."
            if segment is not None
            and segment.first_step is not None
            and segment.first_step <= low_step + (last - low_step) // 2
            else ""
        )
        epoch = self._later_epoch(run, low_step, last)
        held_out = self._val_falls(run, series, low_step)
        repeat = (
            f" The rise lies inside epoch {epoch + 1} of a run that repeats its data, after the "
            "drop at that epoch's start: the loss falls each time the examples come round "
            "again and can drift up within the epoch. That is the staircase of multi-epoch "
            "training, not a model getting worse; judge it on the validation loss."
            if epoch is not None
            else ""
        )
        unit, value_loss = (" nats", "") if not run.reinforcement else ("", _VALUE_LOSS)
        return [
            self.finding(
                f"Loss rising: {which} up {rise:.3f}{unit} since step {low_step}",
                f"The {which} reached its lowest running median, {bottom:.4f}, at step "
                f"{low_step} and has risen since, to {end:.4f} (median of the last {window} "
                f"points) at step {last}: {rise:.3f}{unit}, against a noise of about "
                f"{se:.4f} per median. Every step since has made the model worse. Look at "
                "what changed at that step: the learning rate, the data, the optimizer state."
                f"{after_resume}{resume}{repeat}{held_out}{value_loss}",
                severity=Severity.info if epoch is not None or held_out else Severity.warning,
                evidence=[
                    Evidence(
                        label="lowest running median",
                        value=round(bottom, 4),
                        step=low_step,
                        mark="low",
                    ),
                    Evidence(label="loss now (median)", value=round(end, 4), step=last),
                    Evidence(label="rise (nats)", value=round(rise, 4)),
                    Evidence(label="slope per doubling since the low point", value=round(slope, 4)),
                ],
                impact=min(1.0, 0.3 + rise),
                impact_note=f"the model got {rise:.3f} nats worse over {last - low_step} steps",
            )
        ]
