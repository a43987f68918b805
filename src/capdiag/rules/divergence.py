"""divergence: the loss became NaN/inf, or ended above where it started."""

from __future__ import annotations

import math
from typing import ClassVar

import numpy as np

from capdiag.curves import blew_up, running_median
from capdiag.findings import Evidence, Finding, Fix, Severity, SkipRule
from capdiag.rules.base import (
    Rule,
    early_blowup,
    grad_clip_fix,
    half_precision_fix,
    loss_start,
    lower_lr_fix,
    warmup_fixes,
)
from capdiag.run import UNTRAINED_NATS, Event, Run, Series
from capdiag.stats import median_se, robust_sigma, step_noise

# series whose NaN or inf means the same (a non-finite grad norm alone is grad-norm's)
_LOSSES = ("train_loss", "val_loss", "eval_train_loss")
ABSURD_LOSS = math.log(1 << 20)  # ln of a 2^20-token vocabulary: above any uniform guess
# with too few logs for medians, a loss this many times its first one (and 3 blow-up margins
# above it) blew up: on the corpus every run of 2-5 logged losses that rose 2 nats or more is
# a labelled divergence (11 runs), and none is healthy
FEW_POINTS_RATIO = 3.0
# Adam moves each weight by about the learning rate per step: at this or less, one update
# cannot take a pretrained model's loss up by nats
TINY_LR = 1e-5


class Divergence(Rule):
    """Training diverged: a loss became NaN or infinite, or the loss ends above its start.

    A loss that is not finite, or a ``nan`` event, means the weights or the optimizer state
    are corrupt from that step on (a NaN before any update, in a run that then logged no
    training step, is init-loss's: nothing was trained, so nothing diverged). A loss that
    ends above where it began is the slower form:
    the updates are too large for the curvature (too high a learning rate, too short a
    warmup, no clipping) and the model unlearns. capdiag judges this robustly: the start is
    the loss at initialisation (the first logged loss when the log starts at the first
    step, before any update, when every batch gives about ln(vocab); else the median of the
    first ``window`` points), the end the median of the last ``window`` logged losses, and
    the run diverged when the end is above the start by more than ``min_rise`` nats and the
    rise is a blow-up: the end at least ``blowup_nats`` above the lowest running median, or
    twice the start. A smaller drift above the start is a rising loss (loss-rising): a
    fine-tune that creeps from 1.41 to 1.56 over two epochs got worse, it did not blow up
    (measured on the corpus: every labelled divergence that ends above its start ends 3.7
    nats or more above its floor; the four labelled rising losses at most 0.65). The
    onset is the first non-finite step, or the last step where the running median
    (``window`` points) was within ``min_rise`` of its minimum before it rose above the start
    for good (the first update, when it never came back below the start). A run that only
    stalls at a high loss is a plateau (loss-plateau), not this. With fewer than six logged
    points there is no median to trust: a loss that ends above where the log began and more
    than ``3 * blowup_nats`` above ln(V) (worse than the uniform guess any untrained model
    makes) is a divergence; so is one that ends three times where the log began and
    ``3 * blowup_nats`` above it, whatever the vocabulary (measured: every corpus run of 2 to
    5 logged losses that rose 2 nats or more is a labelled divergence, 11 runs, and none is
    healthy; a CodeLlama fine-tune went from 1.70 to 11.24 in one step); and one more than 10
    nats above ln of a 2^20-token vocabulary.
    A training loss that falls from an ordinary level (``zero_from`` nats or more) to exactly
    0.0 and stays there to the end of the log has not converged: no model predicts real
    text perfectly, and a loss printed to four decimals reads 0.0 only below 5e-5. The
    numbers broke (a half-precision loss scaler skipping every step, a NaN reported as 0,
    every label masked); an error from two such points on, a warning for one.
    An early blow-up is measured from the first loss when it came before any update. An
    untrained model gives about ln V on every batch, but a pretrained model's batches differ:
    where that first loss is below 7 nats, its own noise (three sigmas of the run's scatter)
    is added to the margin (measured: a GPT-2 LoRA whose first batch read 2.10 against
    2.75 +- 0.16 after it was called a blow-up to 3.28).
    A pretrained model's loss (below 7 nats before any update) that blows up within its
    first two logged steps while the logged learning rate is 1e-5 or less was not blown up
    by the update: Adam moves each weight by about the learning rate per step. The advice is
    then to check how the checkpoint was loaded, not to lower the rate (measured: a GPT-NeoX
    continued pre-training of LLaMA, 1.93 to 11.42 after one update at 1.4e-7).
    An evaluation loss that is NaN while the training loss stays finite for ``min_after``
    logged points past it is not a divergence: the evaluation is broken (info). Where the log
    ends at that NaN with every training loss finite, the last checkpoint may be broken or
    the evaluation may be: a warning. A validation loss 100 times its best while training
    did not rise is an evaluation that blew up (a warning; measured: a YOLOv5 run's val
    loss went from 250 to 5.6e8 in one epoch at a training loss of 0.20). A loss that ends
    above only its first print, fell from the second point on and ends below an untrained
    model's loss is a warning: the first print may be on another scale (measured: a loss
    divided by the accumulation steps before any were summed). An Ultralytics training loss
    that rises from the last epoch with mosaic augmentation (``close_mosaic``) is measured on
    other images from there: information, not divergence. A first logged loss that is NaN
    with every later one finite (three or more) is no broken forward pass, which stays NaN:
    it is a placeholder printed before the first batch, information (measured: a TF1
    tutorial's "AvgCost: nan" at epoch 0, then 4.22 down to 0.05). In a reinforcement-learning
    run (its loss lines count episodes and returns) the loss is a value (TD) loss regressed on
    targets that move with the policy's returns: only a loss that is not finite is judged
    here, and a finite rise is loss-rising's (measured: a DQN whose TD loss went from 258 to
    1,319 over 2,000 episodes, labelled a rising loss).

    **Anti-pattern**

    Adam warmed up to ``learning_rate = 3.0`` with ``grad_clip = 0.0``: the loss falls to
    about 3.1 while the rate is small, then from step ~50 climbs past its initial 4.44 to
    about 70, and the run keeps spending compute on a broken model.

    **Best practice**

    Lower the learning rate (the stable range ends within an order of magnitude of the
    divergence point), warm up over the first hundreds of steps, clip the global gradient
    norm at 1.0 (GPT-2/3, Chinchilla, llm.c and nanoGPT's default), use bfloat16 rather than
    float16 (float16 needs a loss scaler and overflows), and restart from the last checkpoint
    saved before the onset.

    Options: ``window`` (logged points in the start/end medians and the running median,
    default 5: the median of five single-batch losses already ignores two outliers),
    ``min_rise`` (nats the end must exceed the start by, default 0.1: on the real healthy
    CPU run single-batch losses spread by about 0.15 nats, so a median of five has a
    standard error near 0.08), ``sigmas`` (the rise must also exceed this many standard
    errors of the start and end medians, from the run's own scatter around its running
    median, default 3: a noisy run of few points cannot "diverge" by chance), and
    ``blowup_nats`` (default 1.0: an early peak of the running median this far above the
    start, and above ln(V) when the vocabulary is stated, is an early blow-up; one the loss
    came back from is a spike, which loss-spike reports), ``min_after`` (default 10: a rise
    with fewer logged points after its onset is a warning, since a spike still in progress
    looks the same),
    ``zero_from`` (default 0.5 nats: the median loss before a collapse to 0.0; measured, the
    real runs that end at exactly 0.0 came from 1.2 to 6.3 nats, a LoRA that memorised its
    data and rounds to 0.0 from 0.03).
    """

    id = "divergence"
    code = "CD009"
    aliases: ClassVar[tuple[str, ...]] = ("diverged", "nan-loss")
    severity = Severity.error
    config_keywords: ClassVar[dict[str, float]] = {
        "window": 5,
        "min_rise": 0.1,
        "sigmas": 3.0,
        "blowup_nats": 1.0,
        "min_after": 10,
        "zero_from": 0.5,
    }

    def check(self, run: Run) -> list[Finding]:
        losses = [s for name in _LOSSES if (s := run.metric(name)) is not None]
        nan_events = [e for e in run.events if e.kind == "nan"]
        if not losses and not nan_events:
            raise SkipRule("the log has no loss")
        onset, what = self._non_finite(losses, nan_events)
        counted = run.metric("nan_iterations")
        if counted is not None and np.nansum(counted.values) > 0:
            hit = int(counted.steps[np.flatnonzero(counted.values > 0)[0]])
            if onset is None or hit < onset:
                onset, what = hit, f"the log counts NaN iterations from step {hit}"
        collapse = self._scale_collapse(run)
        eval_broken = self._eval_only_nan(run, onset, nan_events, counted)
        if onset is not None and not eval_broken:
            if self._broken_forward(run, losses, onset):
                if run.metric("train_loss") is None and not nan_events and counted is None:
                    return []  # no step was trained: nothing diverged (init-loss reports it)
                if (lone := self._lone_first_nan(losses, nan_events, counted)) is not None:
                    return [lone]
                return [self._forward(run, onset, what)]
            return [self._report(run, onset, what + collapse, None, nan=True)]
        zero = self._collapsed_to_zero(run)
        if zero is not None and not eval_broken:
            return [zero]
        return eval_broken + self._eval_exploded(run) + self._rise(run)

    def _eval_nan_at_end(self, train: Series, onset: int) -> list[Finding]:
        """A non-finite evaluation loss too near the end to see training go on, while every
        training loss, the one logged at that step included, is finite: a warning, not the
        error of a run that diverged (the weights may be fine; the log cannot tell)."""
        at = np.flatnonzero(train.steps >= onset)
        if not at.size:
            return []
        level = float(train.values[at[0]])
        return [
            self.finding(
                f"Evaluation loss is NaN at step {onset}, where the log ends",
                f"The evaluation loss is not finite from step {onset}, while every training "
                f"loss is finite, {level:.4g} at step {int(train.steps[at[0]])}. Too few "
                "steps follow to tell a broken evaluation (batches without labels, an "
                "overflow in a half-precision evaluation) from weights that just blew up: "
                "evaluate the last checkpoint again before trusting it.",
                evidence=[Evidence(label="first non-finite evaluation", value=onset, step=onset)],
                severity=Severity.warning,
                impact=0.5,
                impact_note="the last checkpoint may be broken",
            )
        ]

    def _eval_exploded(self, run: Run) -> list[Finding]:
        """A finite validation loss that grew by orders of magnitude (`EXPLODED` times its
        best) while the training loss did not rise: the model the evaluation runs is broken."""
        from capdiag.rules.overfitting import EXPLODED

        val, train = run.metric("val_loss"), run.metric("train_loss")
        if val is None or train is None:
            return []
        val, train = val.finite(), train.finite()
        if len(val) < 2 or len(train) < 2:
            return []
        best = int(np.argmin(val.values))
        low, last = float(val.values[best]), float(val.values[-1])
        if not (low > 0 and last > EXPLODED * low) or train.values[-1] > train.values[0]:
            return []
        step = int(val.steps[best + 1 + int(np.argmax(val.values[best + 1 :] > EXPLODED * low))])
        return [
            self.finding(
                f"Validation loss exploded {last / low:.3g}x while training did not rise",
                f"The validation loss went from {low:.4g} (step {int(val.steps[best])}) to "
                f"{last:.4g} (step {int(val.steps[-1])}), while the training loss went from "
                f"{float(train.values[0]):.4g} to {float(train.values[-1]):.4g}. No model "
                "memorises that way: the model the evaluation runs gives numbers that blew up "
                "(eval-mode statistics such as BatchNorm's running averages, an overflow in a "
                "half-precision evaluation, or a broken evaluation set). The checkpoint you "
                "would ship is evaluated the same way: check the evaluation before training on.",
                evidence=[
                    Evidence(label="best validation loss", value=low, step=int(val.steps[best])),
                    Evidence(label="first exploded evaluation", value=step, step=step),
                    Evidence(label="last validation loss", value=last, step=int(val.steps[-1])),
                ],
                severity=Severity.warning,
                impact=0.8,
                impact_note="the evaluated model is broken",
            )
        ]

    def _collapsed_to_zero(self, run: Run) -> Finding | None:
        """A training loss that ends at exactly 0.0, from an ordinary level before it."""
        train = run.metric("train_loss")
        if train is None or len(train) < 2 or train.values[-1] != 0.0:
            return None
        nonzero = np.flatnonzero(train.values != 0.0)
        if nonzero.size == 0:
            return None  # zero from the start: not a collapse (label conflicts, see docs)
        first_zero = int(nonzero[-1]) + 1
        if train.steps[first_zero] <= train.steps[first_zero - 1]:
            return None  # zero from the start of a new process: not a collapse of this one
        before = train.values[max(0, first_zero - int(self.opt("window"))) : first_zero]
        level = float(np.median(before[np.isfinite(before)])) if np.isfinite(before).any() else 0
        if not level >= self.opt("zero_from"):
            return None
        step, zeros = int(train.steps[first_zero]), train.values.size - first_zero
        return self.finding(
            f"Loss collapsed from {level:.3g} to exactly 0.0 at step {step}",
            f"The training loss was about {level:.4g} (median of the logged points before) "
            f"and is exactly 0.0 from step {step} to the end of the log ({zeros} logged "
            "point(s)). A cross-entropy of 0 would mean predicting every token of real data "
            "with certainty; a loss that drops there in one log interval is broken numbers, "
            "not learning: a half-precision loss scaler skipping every step (it reports 0), "
            "a NaN or overflow reported as 0, or batches whose labels are all masked. "
            "Restart from a checkpoint saved before the collapse, and check the loss scale "
            "and the labels; bfloat16 needs no loss scaler.",
            severity=Severity.error if zeros >= 2 else Severity.warning,
            evidence=[
                Evidence(label="loss before the collapse", value=round(level, 4)),
                Evidence(
                    label="first loss of exactly 0.0", value=0.0, step=step, mark="divergence"
                ),
                Evidence(label="logged points at 0.0", value=zeros),
            ],
            impact=1.0,
            impact_note="the steps since the collapse did not train",
        )

    def _eval_only_nan(
        self, run: Run, onset: int | None, nan_events: list[Event], counted: Series | None
    ) -> list[Finding]:
        """A non-finite evaluation loss while the training loss stays finite well past it:
        the evaluation is broken, the training is not (info)."""
        train = run.metric("train_loss")
        if onset is None or train is None or nan_events or counted is not None:
            return []
        if not np.isfinite(train.values).all():
            return []
        after = int(np.sum(train.steps > onset))
        if after < self.opt("min_after"):
            return self._eval_nan_at_end(train, onset)
        message = (
            f"The evaluation loss is not finite from step {onset}, but the training loss stays "
            f"finite for the {after} logged points after it: the weights did not blow up. "
            "The evaluation itself is broken: batches without labels (every target masked "
            "or missing), an empty evaluation set, or an overflow in a half-precision "
            "evaluation."
        )
        return [
            self.finding(
                "Evaluation loss is NaN while training stays finite",
                message,
                evidence=[Evidence(label="first non-finite evaluation", value=onset, step=onset)],
                severity=Severity.info,
                impact=0.3,
                impact_note="no validation signal: overfitting cannot be seen",
            )
        ]

    def _rise(self, run: Run) -> list[Finding]:
        """The training loss ends above its start, or blew up early."""
        train = run.metric("train_loss")
        series = train if train is not None else run.metric("val_loss")
        if series is None:
            raise SkipRule("no loss series to follow")
        if run.reinforcement:
            return []  # a value loss's targets move with the returns: loss-rising judges it
        # short logs (a few logged windows) get shorter medians, down to 2 points
        window = max(2, min(int(self.opt("window")), len(series) // 3))
        if len(series) < 6:
            return self._few_points(run, series)
        smooth = running_median(series.values, window)
        at_init = int(series.steps[0]) <= run.init_step
        found = loss_start(run, series, window, self.opt("blowup_nats"))
        if found is None:
            return []  # below 0: no likelihood of discrete data (a DPO margin), no level
        start, start_text = found
        end = float(np.median(series.values[-window:]))
        # the run's own noise, as the standard error of a median of `window` points
        sigma = robust_sigma(series.values - smooth, scratch=True)
        se = median_se(series.values, smooth, window)
        # a running median of few points follows part of the noise: the scatter of one
        # logged loss to the next (the trend removed by differencing) is the other measure
        step_sigma = step_noise(series.values)
        if math.isfinite(step_sigma):
            se = max(se, 1.2533 * step_sigma / math.sqrt(window))
        needed = max(self.opt("min_rise"), self.opt("sigmas") * se * (1.0 if at_init else 1.414))
        floor = float(np.nanmin(smooth))
        if end - start <= needed or not blew_up(start, floor, end, self.opt("blowup_nats")):
            # below its start, or a drift above it that loss-rising reports
            return self._early_blowup(run, series, smooth, start, sigma)
        below = np.flatnonzero(smooth <= start + needed)
        if below.size:
            # the last point near the floor reached before the loss rose past its start for
            # good: the running median's minimum, plus min_rise of noise
            head = smooth[: below[-1] + 1]
            floor = float(np.nanmin(head))
            low = int(np.flatnonzero(head <= floor + self.opt("min_rise"))[-1])
            onset_step = int(series.steps[low])
            path = (
                f"fell to a running median of {floor:.4f}, left that floor at step "
                f"{onset_step} and rose for good"
            )
        else:
            onset_step = int(series.steps[1])
            path = "never came back to it after the first update"
        what = (
            f"the {series.name.replace('_', ' ')} started at {start:.4f} ({start_text}), "
            f"{path}, and ended at {end:.4f} (median of the last {window})"
        )
        if series is train and (closed := _mosaic_closed(run, onset_step)) is not None:
            return [
                self.finding(
                    f"Training loss rose when mosaic augmentation closed (epoch {closed + 1})",
                    f"The {what[4:]}. Ultralytics trains the last close_mosaic = "
                    f"{run.config.number('close_mosaic'):.0f} epochs without mosaic "
                    f"augmentation, from epoch {closed + 1}: the training loss is measured on "
                    "other images from there, so its level may change. That is a change of "
                    "data, not divergence; judge the run by its validation loss and metrics.",
                    severity=Severity.info,
                    evidence=[Evidence(label="last epoch with mosaic", value=closed, step=closed)],
                    rests_on=["config:close_mosaic", "config:max_iters"],
                )
            ]
        finding = self._report(run, onset_step, what, (series, start, end), nan=False)
        values = series.values
        if at_init and values.size > 2 and np.nanmin(values[1:]) > start + needed:
            second = float(values[1])
            if end < 0.7 * second and end < UNTRAINED_NATS:
                # above only its first print, falling since the second, and below any
                # untrained model's loss: the first print may be on another scale (a loss
                # divided before it was summed), so not an error
                finding = finding.model_copy(
                    update={
                        "severity": Severity.warning,
                        "message": finding.message
                        + f" Only the first logged loss ({start:.4g}) is below the end: the "
                        f"loss fell from {second:.4g} (the next point) to {end:.4g} since, so "
                        "check that the first print measures what the others do.",
                    }
                )
        after = int(np.sum(series.steps > onset_step))
        if after < self.opt("min_after"):
            # too few points past the onset to tell a divergence from a spike still in
            # progress when the log ends: a warning, with the fixes kept as advice
            finding = finding.model_copy(
                update={
                    "severity": Severity.warning,
                    "title": f"Loss jumped from step {onset_step} and had not come back when "
                    f"the log ends ({after} logged points later)",
                    "message": finding.message
                    + f" Only {after} logged points follow the jump: it may still be a spike "
                    "that recovers.",
                }
            )
        return [finding]

    def _few_points(self, run: Run, series: Series) -> list[Finding]:
        """Too few points for medians: only a loss far beyond any uniform guess (ln of a
        2^20-token vocabulary, plus 10 nats) and far above the start counts."""
        if len(series) < 2:
            raise SkipRule("too few loss points to compare start and end")
        start, end = float(series.values[0]), float(series.values[-1])
        vocab = run.dims.vocab_size if run.dims is not None else None
        uniform = math.log(vocab) if vocab else None
        reference = f"ln({vocab}), the loss of a uniform guess"
        if uniform is None and run.fine_tune is not True and series.steps[0] <= run.init_step:
            # no vocabulary, but a loss before any update: the untrained model's, about ln(V)
            uniform = start
            reference = (
                "the loss before any update, an untrained model's"
                if start >= UNTRAINED_NATS
                else "the loss before any update"
            )
        if uniform is not None and end > start and end > uniform + self.opt("blowup_nats") * 3:
            # worse than a uniform guess, which any untrained model already makes, and
            # worse than where the log began: however few the points, the model blew up
            what = (
                f"the {series.name.replace('_', ' ')} went from {start:.4f} to {end:.4f} at "
                f"step {int(series.steps[-1])}, {end - uniform:.2f} nats above {reference}"
            )
            above = (series.values > start) & (
                series.values > uniform + 3 * self.opt("blowup_nats")
            )
            onset = int(series.steps[int(np.argmax(above))])
            finding = self._report(run, onset, what, None, nan=False)
            if vocab is None:
                return [finding]
            return [finding.model_copy(update={"rests_on": ["vocab_size"]})]
        # a loss that multiplied and rose by nats within a few logs blew up, whatever the
        # vocabulary (a pretrained model's 1.70 to 11.24 one micro-batch later)
        rise = 3 * self.opt("blowup_nats")
        jumped = (series.values >= start + rise) & (series.values >= FEW_POINTS_RATIO * start)
        if start > 0 and jumped[-1]:
            what = (
                f"the {series.name.replace('_', ' ')} went from {start:.4f} to {end:.4f} at "
                f"step {int(series.steps[-1])}, {end / start:.1f} times where the log began"
            )
            onset = int(series.steps[int(np.argmax(jumped))])
            return [self._report(run, onset, what, None, nan=False)]
        if end <= max(start, ABSURD_LOSS) + 10.0:
            return []
        what = (
            f"the {series.name.replace('_', ' ')} went from {start:.4f} to {end:.4f} at step "
            f"{int(series.steps[-1])}, beyond any model's loss at initialisation"
        )
        return [self._report(run, int(series.steps[-1]), what, None, nan=False)]

    @staticmethod
    def _broken_forward(run: Run, losses: list[Series], onset: int) -> bool:
        """NaN on the very first loss, before any update: the forward pass itself is broken."""
        first_step = 0 if run.steps_start_at_zero else 1
        if run.segments and run.segments[0].resumed:
            return False
        firsts = [s for s in losses if int(s.steps[0]) <= first_step]
        return onset <= first_step and any(not np.isfinite(s.values[0]) for s in firsts)

    def _lone_first_nan(
        self, losses: list[Series], events: list[Event], counted: Series | None
    ) -> Finding | None:
        """The first logged loss is not finite and every later one is (three or more): a
        broken forward pass stays NaN, so this is a placeholder printed before the first
        batch (a mean over no batches), or a first batch that overflowed."""
        if events or (counted is not None and np.nansum(counted.values) > 0):
            return None
        firsts = []
        for s in losses:
            finite = np.isfinite(s.values)
            if not finite[0]:
                if s.values.size < 4 or not finite[1:].all():
                    return None
                firsts.append(s)
        if not firsts:
            return None
        s = firsts[0]
        step = int(s.steps[0])
        return self.finding(
            f"The first {s.name.replace('_', ' ')} is {s.values[0]}, every later one finite",
            f"The {s.name.replace('_', ' ')} is {s.values[0]} at step {step}, its first "
            f"logged point, and finite at all {s.values.size - 1} points after it "
            f"({s.values[1]:.4g} at step {int(s.steps[1])} to {s.values[-1]:.4g}). A broken "
            "forward pass stays NaN, and a blow-up does not come back by itself: this first "
            "value is a placeholder the loop printed before any batch (a mean over no "
            "batches, an initial NaN), or a first batch that overflowed and was skipped. "
            "Check how the first value is computed before trusting the log's start.",
            evidence=[Evidence(label=f"first {s.name}", value=str(s.values[0]), step=step)],
            severity=Severity.info,  # the run trained; only its first print is not a loss
            impact=0.2,
            impact_note="the log's first point is not a measurement",
        )

    def _forward(self, run: Run, onset: int, what: str) -> Finding:
        message = (
            f"The loss is not finite before any update ({what}), so no learning-rate, warmup "
            "or clipping change can help: the forward pass itself produces NaN or inf. Check "
            "the inputs for NaN/inf and out-of-range token ids (>= vocab_size), a mask that "
            "blocks every position (softmax over all -inf), a log or division of zero in a "
            "custom loss, and float16 overflow in the forward pass (try float32 or bfloat16 "
            "once to rule it out)."
        )
        return self.finding(
            f"Loss is NaN from the first step: the forward pass is broken (step {onset})",
            message,
            evidence=[Evidence(label="first non-finite loss", value=what, step=onset)],
            impact=1.0,
            impact_note="nothing was learned; every step was wasted",
        )

    def _scale_collapse(self, run: Run) -> str:
        """An fp16 loss scale that fell far: overflow on step after step."""
        scale = run.metric("loss_scale")
        if scale is None:
            return ""
        values = scale.values[np.isfinite(scale.values)]
        if values.size < 2 or values.min() >= 1.0 or values.max() < 8 * values.min():
            return ""
        low = int(scale.steps[int(np.argmin(scale.values))])
        return (
            f"; the fp16 loss scale collapsed from {values.max():g} to {values.min():g} "
            f"(step {low}): the gradients overflowed on step after step"
        )

    def _early_blowup(
        self, run: Run, series: Series, smooth: np.ndarray, start: float, sigma: float
    ) -> list[Finding]:
        """A loss that shoots far above its start (and ln V) early on and has not come back
        by the end of the log (one that came back is a spike: loss-spike reports it)."""
        blowup = early_blowup(run, series, smooth, start, sigma, self.opt("blowup_nats"))
        if blowup is None or blowup.recovered is not None:
            return []
        return [
            self.finding(
                f"Loss blew up early: {blowup.peak:.2f} at step {blowup.step}, "
                f"{blowup.peak - blowup.ref:.2f} nats above its start",
                f"The {series.name.replace('_', ' ')} climbed to a running median of "
                f"{blowup.peak:.4f} at step {blowup.step}, {blowup.peak - blowup.ref:.2f} nats "
                f"above where it started ({blowup.ref:.4f}), and has not come back to its start "
                "by the end of the log. The first updates were too large: warm the learning "
                "rate up over a few hundred steps.",
                severity=Severity.warning,
                evidence=blowup.evidence(),
                fixes=warmup_fixes(run),
                impact=0.4,
                impact_note="early steps wasted; an early blow-up can leave the model worse off",
            )
        ]

    def _non_finite(self, losses: list[Series], events: list[Event]) -> tuple[int | None, str]:
        first: int | None = None
        what = ""
        for s in losses:
            bad = np.flatnonzero(~np.isfinite(s.values))
            if bad.size:
                step = int(s.steps[bad[0]])
                if first is None or step < first:
                    first = step
                    what = f"the {s.name.replace('_', ' ')} is {s.values[bad[0]]} at step {step}"
        for e in events:
            if e.step is not None and (first is None or e.step < first):
                first = int(e.step)
                what = f"the log reports a NaN at step {e.step} (line {e.line})"
        return first, what

    def _not_the_update(self, run: Run, onset: int) -> str | None:
        """A pretrained model's loss that blows up within its first updates at a tiny
        learning rate: the update cannot have done it, so the weights that ran were not the
        ones that gave the first loss."""
        train, lr = run.metric("train_loss"), run.metric("lr")
        if train is None or lr is None or not len(train) or not len(lr):
            return None
        first = float(train.values[0])
        if not (np.isfinite(first) and first < UNTRAINED_NATS):
            return None
        if int(np.searchsorted(train.steps, onset)) > 2:
            return None  # not within the first updates
        upto = lr.values[lr.steps <= onset]
        if not upto.size or not np.all(np.isfinite(upto)) or float(upto.max()) > TINY_LR:
            return None
        rate = float(upto.max())
        return (
            f"The logged learning rate up to then was at most {rate:.3g}: Adam moves each "
            "weight by about the learning rate per step, so an update that small cannot take a "
            f"pretrained model's loss ({first:.4f} before it) up by nats. The weights that "
            "trained are not the ones that gave the first loss: check how the checkpoint was "
            "loaded or converted (a dtype or layout mismatch, parameters left uninitialised, "
            "an optimizer state from another model)."
        )

    def _report(
        self,
        run: Run,
        onset: int,
        what: str,
        rise: tuple[Series, float, float] | None,
        *,
        nan: bool,
    ) -> Finding:
        c = run.config
        last = run.last_step or onset
        evidence = [
            Evidence(label="onset", value=onset, step=onset, mark="nan" if nan else "divergence")
        ]
        if rise is not None:
            _, start, end = rise
            evidence += [
                Evidence(label="loss at start (median)", value=round(start, 4)),
                Evidence(label="loss at end (median)", value=round(end, 4), step=last),
            ]
        fixes: list[Fix] = []
        not_the_update = self._not_the_update(run, onset)
        lower = (
            None
            if not_the_update
            else lower_lr_fix(
                run,
                10,
                "the updates are too large for the loss surface; a tenth is a safe starting "
                "point, then sweep up in steps of 3x",
            )
        )
        if lower is not None:
            fixes.append(lower)
        fixes.extend(warmup_fixes(run))
        if (clip_fix := grad_clip_fix(run, "bounds the size of any single update")) is not None:
            fixes.append(clip_fix)
        if str(c.get("dtype", "")) == "float16":
            bf16 = half_precision_fix(
                run, "float16", "bfloat16 has float32's range: no overflow, no GradScaler"
            )
            if bf16 is not None:
                fixes.append(bf16)
        # a checkpoint at step N holds the weights after N updates, before step N's loss
        good = [s for s in run.checkpoint_steps if s <= onset]
        after = [s for s in run.checkpoint_steps if s > onset]
        if good:
            evidence.append(Evidence(label="last checkpoint before onset", value=good[-1]))
        resume = ""
        if good and not after:
            resume = f" Resume from the checkpoint saved at step {good[-1]}, before the onset."
            fixes.append(
                Fix(
                    key=c.native("init_from"),
                    value="resume",
                    current=c.get("init_from"),
                    reason=f"the checkpoint from step {good[-1]} predates the divergence",
                )
            )
        elif good and after:
            resume = (
                f" The last checkpoint before the onset was saved at step {good[-1]}, but "
                f"checkpoints were saved again at step {after[0]} and later; nanoGPT keeps one "
                "ckpt.pt, so that good state was overwritten unless it was copied."
            )
        elif after:
            resume = " No checkpoint was saved before the onset: restart from scratch."
        wasted = (last - onset) / max(last, 1)
        kind = "became non-finite" if nan else "ended above its start"
        advice = not_the_update or (
            "Lower the learning rate, warm up, clip gradients at 1.0, and prefer bfloat16 "
            "to float16."
        )
        message = (
            f"Training diverged: {what}. Everything after step {onset} is wasted.{resume} {advice}"
        )
        return self.finding(
            f"Training diverged: loss {kind} (from step {onset})",
            message,
            evidence=evidence,
            fixes=fixes,
            impact=1.0 if nan else min(1.0, 0.5 + 0.5 * wasted),
            impact_note=(
                f"the final model is unusable; {wasted:.0%} of the steps came after the onset"
                if nan or math.isfinite(wasted)
                else "the final model is unusable"
            ),
            restart_required=True,
        )


def _mosaic_closed(run: Run, onset: int) -> int | None:
    """The last mosaic epoch of an Ultralytics run whose loss rose from there: its last
    ``close_mosaic`` epochs train without mosaic augmentation, on other images."""
    closes, epochs = run.config.number("close_mosaic"), run.config.number("max_iters")
    if run.format != "ultralytics" or not closes or not epochs:
        return None
    if any(run.config.source(k) == "assumed" for k in ("close_mosaic", "max_iters")):
        return None
    last_mosaic = int(epochs - closes)
    return last_mosaic if abs(onset - last_mosaic) <= 1 else None
