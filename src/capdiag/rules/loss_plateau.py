"""loss-plateau: the loss has stopped improving."""

from __future__ import annotations

import math
from typing import ClassVar

import numpy as np

from capdiag.arithmetic.scaling import CHINCHILLA_TOKENS_PER_PARAM
from capdiag.findings import Evidence, Finding, Fix, Severity, SkipRule
from capdiag.rules.base import Rule, metric_still_improving
from capdiag.run import Run, Series
from capdiag.stats import robust_sigma, slope_per_doubling, step_noise

ZERO_LOSS = 0.01  # nats: a loss this close to zero has memorised, not plateaued
FROZEN_STEPS = 10  # distinct steps with the very same loss: nothing is updating
FROZEN_STEPS_PRECISE = 5  # as many, for a loss printed to four or more significant digits
SAME_SHARE = 1e-6  # losses this close (relative) are the same loss
START_SHARE = 0.05  # a log whose first step is within this share of its last covers the start
CHANCE_CLASSES = range(2, 11)  # ln K of a uniform guess over this many classes
CHANCE_LEVEL = 0.005  # a median this close (relative) to ln K sits at it
CHANCE_SPREAD = 0.015  # and every log within this share of ln K of each other
CHANCE_POINTS = 5


def _still_warming_up(run: Run) -> bool:
    """The logged learning rate rose to its last log, from under half of it: the run
    never trained at its peak rate (a log of a run still in its warmup)."""
    lr = run.metric("lr")
    if lr is None:
        return False
    rates = lr.finite().values
    if rates.size < 3 or not rates[-1] > 0:
        return False
    return bool(rates[-1] >= 0.99 * rates.max() and rates[0] < 0.5 * rates[-1])


# a point this many robust sigmas off the fitted trend is a spike, not the trend's noise
SPIKE_SIGMAS = 4.0


def _fit_without_spikes(steps: np.ndarray, values: np.ndarray) -> tuple[float, float]:
    """The slope per doubling and its standard error, fitted again without the points far
    off the first fit (single-batch spikes): a few spikes widen the error of a flat curve
    until no plateau can be told from it."""
    slope, se = slope_per_doubling(steps, values)
    if slope != slope or steps.size < 8:
        return slope, se
    lx = np.log2(steps.astype(np.float64))
    residual = values - slope * lx
    sigma = robust_sigma(residual)
    keep = np.abs(residual - np.median(residual)) <= SPIKE_SIGMAS * sigma
    if not sigma > 0 or keep.all() or keep.sum() < 0.9 * keep.size:
        return slope, se
    return slope_per_doubling(steps[keep], values[keep])


class LossPlateau(Rule):
    """The loss has stopped improving over the last doubling of training.

    Language-model losses fall roughly linearly in the logarithm of tokens seen, so capdiag
    measures progress per doubling: it fits the loss against log2(step) over the second half of
    the run (the last doubling of tokens) and reports a plateau when even the optimistic end of
    the slope (two standard errors) improves less than ``min_gain`` nats per doubling, and less
    than ``rel_gain`` of the current loss (a classifier at 0.03 nats that still sheds 0.005 per
    doubling improves 15% each time). Points four robust sigmas off the fitted trend (a
    single-batch spike) are left out of a second fit, when they are under a tenth of the points:
    one spike of 1.09 among twenty losses at 0.69 had widened the error so much that no plateau
    could be told (measured: one labelled run named, no run changes otherwise). It prefers the
    evaluation loss (mean of many batches) and falls back to the per-iteration loss. A rising
    loss is not a plateau: a rising validation loss is overfitting, a rising training loss is
    loss-rising or divergence. A loss at zero has memorised its data and is left to overfitting.
    In a fine-tune a flattening loss is the expected end of training, so there it is info
    (measured on real LoRA and continued-pretraining runs whose labels call the flattening
    normal), unless the loss has been flat for the last ``long_doublings`` doublings (no gain
    beyond the noise): then seven eighths of the fine-tune's steps bought nothing. That longer
    window is also tested on every run: it measures the slope with more leverage than the last
    doubling alone, so a noisy loss that has not moved for a long stretch is a plateau too. An
    evaluation metric the run logs beside its loss (``eval_wer``, ``eval_accuracy``, ...) that
    kept improving over the flat stretch by 2% or more of its level makes it info: the run is
    judged on that metric (measured: a Whisper fine-tune's eval loss flat for 13,000 steps while
    its WER fell from 12 to 9.6). A run that early stopping ended (Keras' "early stopping",
    Lightning's "did not improve in the last N records", Time-Series-Library's "Early
    stopping") stopped on its plateau within its patience: info too, unless the loss was flat
    for the last ``long_doublings`` doublings (measured: two healthy forecasting runs whose
    validation flattened before the stop). The finding names the likely cause when another
    signal shows it: a model trained far past its compute-optimal token count, or a learning
    rate that never decays.

    A validation loss that stalled while the training loss kept falling over the same steps
    (beyond ``min_gain`` per doubling, two standard errors sure) is information with no fix:
    the model is memorising, which is overfitting's finding, and a plateau's advice (a
    bigger model) would contradict it (measured: a t5-small summariser, eval loss flat at
    1.38-1.44 while the training loss fell 1.23 to 0.95).

    A training loss printed with the same value (to more than two decimals, and within a
    millionth of itself) at ``frozen_steps`` or more steps in a row, at the end of the log, is
    frozen: each step sees a different batch, so an unchanged loss means nothing is being
    updated (a zero learning rate, frozen parameters, or a model that outputs a constant).
    That is reported however short the run. A loss printed to four significant digits or more
    needs only five such steps: five means of different batches agreeing to four digits is
    no chance (measured: three labelled frozen runs of five to eight logs; the closest two
    consecutive logs of a short healthy run differ by 2e-4 of the loss).

    A loss (validation first, then training) whose median over at least 5 logs is within
    0.5% of ln K for K from 2 to 10 classes, every log within 1.5% of ln K of the others,
    sits at a uniform guess over K classes: the classifier has learned nothing, fine-tune or
    not (measured: 7 labelled runs, among them 4-way multiple choice at 1.3863 and a binary
    RNN at 0.693; the nearest healthy run, a LoRA SFT whose five evaluations sit 0.5% from
    ln 4, is left out by the first bound).

    A training loss logged from the start of the run (its first step within the first 5%
    of the last) that never improved is reported however noisy it is: its trend over the
    whole run is not significantly down or up (two standard errors), and no stretch of a
    fifth of the logs has a median below the first fifth's beyond noise (three standard
    errors of a difference of medians). The model is not learning (measured: a POS probe,
    a LoRA and a GPT-2 fine-tune whose noisy losses wander at their first level for the
    whole run). Unless an evaluation metric it logs kept improving meanwhile, as above: then
    the logged loss does not measure the learning, and the finding is information
    (measured: an SFT whose loss is summed over each micro-batch's tokens, 22 to 242 by
    response length, while its evaluation accuracy rose from 0.28 to 0.55).

    Besides a frozen loss, nothing here is judged while the logged learning rate is still
    rising to its last log: the run has not trained at its rate yet (measured: a healthy
    DPO run logged 202 steps into its warmup).

    **Anti-pattern**

    Training on for thousands more steps once the loss gains less than 0.02 nats per
    doubling of tokens.

    **Best practice**

    Stop, and spend the compute where the other findings point (usually a bigger model).

    Options: ``min_gain`` (nats per doubling, default 0.02), ``rel_gain`` (share of the
    current loss per doubling, default 0.1: measured, it takes back two false alarms on
    classifiers whose validation loss ends below 0.1 nats, and no labelled plateau ends with
    a gain that large), ``min_points`` (default 6), ``long_doublings`` (default 3),
    ``frozen_steps`` (default 10).
    """

    id = "loss-plateau"
    code = "CD006"
    aliases: ClassVar[tuple[str, ...]] = ("plateau", "stalled-loss")
    severity = Severity.warning
    config_keywords: ClassVar[dict[str, float]] = {
        "min_gain": 0.02,
        "rel_gain": 0.1,
        "min_points": 6,
        "long_doublings": 3,
        "frozen_steps": FROZEN_STEPS,
    }

    def _series(self, run: Run) -> Series:
        val = run.metric("val_loss")
        if val is not None and len(val.finite()) >= self.opt("min_points") * 2:
            return val.finite()
        train = run.metric("train_loss")
        if train is not None and len(train.finite()) >= self.opt("min_points") * 4:
            return train.finite()
        raise SkipRule("too few loss points to judge a trend")

    def _frozen(self, run: Run) -> list[Finding]:
        train = run.metric("train_loss")
        if train is None:
            return []
        train = train.finite()
        values, steps = train.values, train.steps
        if values.size == 0:
            return []
        final = float(values[-1])
        if final == 0 or round(final, 2) == final:
            return []  # memorised, or printed too coarsely to tell
        if abs(final) < ZERO_LOSS and _significant_digits(final) < 3:
            return []  # near zero and printed with a digit or two: "0.0012" may be rounding
        # the same to a millionth of itself: beyond what two batches' means share by chance
        same = np.abs(values - final) <= SAME_SHARE * abs(final)
        first = values.size - int(np.argmin(same[::-1])) if not same.all() else 0
        frozen_steps = np.unique(steps[first:])
        needed = self.opt("frozen_steps")
        if _significant_digits(final) >= 4:  # five means equal to four digits: no chance
            needed = min(needed, FROZEN_STEPS_PRECISE)
        if frozen_steps.size < needed:
            return []
        how = "exactly" if (values[first:] == final).all() else "within a millionth of"
        vocab = run.vocab_size
        uniform = ""
        stated = run.source_of("vocab_size") != "assumed" or run.reported.vocab_size
        if vocab and stated and abs(final - math.log(vocab)) < 0.01:
            uniform = f" It equals ln({vocab}): the model predicts a uniform distribution."
        message = (
            f"The training loss is {how} {final:g} at each of the last {frozen_steps.size} "
            f"steps ({int(frozen_steps[0])} to {int(frozen_steps[-1])}): no update changes "
            "the model. A learning rate of zero, parameters frozen or not handed to the "
            "optimizer, a model whose output does not depend on its input, or, where every "
            "step sees the whole data, an optimizer that stopped moving (L-BFGS once its line "
            f"search fails or its tolerance is met).{uniform}"
        )
        return [
            self.finding(
                f"Loss is frozen at {final:g}",
                message,
                evidence=[
                    Evidence(label="training loss", value=final, step=int(frozen_steps[0])),
                    Evidence(label="steps with that exact loss", value=int(frozen_steps.size)),
                ],
                impact=0.8,
                impact_note="no step of training changes the model",
            )
        ]

    def _long_flat(self, series: Series) -> bool:
        """Flat for the last `long_doublings` doublings: no window from the last doubling to
        the last `long_doublings` shows a gain beyond its noise or a rise of `min_gain` per
        doubling, and over the longest the best case gains less than `min_gain` per
        doubling. The last doubling needs `min_points` points, each earlier one two of its
        own (else the log has a gap there). The longer window measures the slope with more
        leverage than the last doubling alone."""
        last = int(series.steps.max())
        cap = self.opt("min_gain")
        doublings = int(self.opt("long_doublings"))
        count = 0
        for k in range(1, doublings + 1):
            keep = series.steps >= last / 2**k
            needed = self.opt("min_points") if k == 1 else 2
            if int(keep.sum()) - count < needed:
                return False  # a doubling the log does not cover (a gap, or trimmed)
            count = int(keep.sum())
            slope, se = slope_per_doubling(series.steps[keep], series.values[keep])
            if not -slope <= 2 * se or slope - 2 * se >= cap:
                return False
        return -slope + 2 * se < cap

    def _at_chance(self, run: Run) -> Finding | None:
        """A loss that sits at ln K, a uniform guess over K classes, at every log."""
        if run.loss_unit == "bits":
            return None
        for name in ("val_loss", "train_loss"):
            series = run.metric(name)
            if series is None:
                continue
            series = series.finite()
            values = series.values
            if values.size < CHANCE_POINTS:
                continue
            median = float(np.median(values))
            spread = float(values.max() - values.min())
            for classes in CHANCE_CLASSES:
                level = math.log(classes)
                if abs(median / level - 1) <= CHANCE_LEVEL and spread <= CHANCE_SPREAD * level:
                    return self._chance_finding(series, classes, median, spread)
        return None

    def _chance_finding(
        self, series: Series, classes: int, median: float, spread: float
    ) -> Finding:
        """`series`: the finite logs that sit at ln `classes`."""
        which = "validation" if series.mode == "eval" else "training"
        steps = series.steps
        return self.finding(
            f"Loss sits at ln {classes} = {math.log(classes):.4f}: a uniform guess over "
            f"{classes} classes",
            f"At all {steps.size} logs (steps {int(steps[0])} to {int(steps[-1])}) the {which} "
            f"loss stays within {spread:.4f} of {median:.4f}, the cross-entropy of predicting "
            f"each of {classes} classes with probability 1/{classes}. The model has learned "
            "nothing from its inputs: look for a learning rate too low for what is trained "
            "(a LoRA or a new head at a full fine-tune's rate), a head or adapter that is not "
            "trained, or labels that do not match the inputs.",
            evidence=[
                Evidence(label=f"median {which} loss", value=round(median, 5)),
                Evidence(label=f"ln {classes}", value=round(math.log(classes), 5)),
                Evidence(label="range of the logged losses", value=round(spread, 5)),
                Evidence(label="logs", value=int(steps.size)),
            ],
            impact=0.8,
            impact_note="no step of training improved the model",
        )

    def _never_learned(self, run: Run) -> Finding | None:
        """A training loss logged from the start of the run that never fell: its trend over
        the whole run is not significantly down (nor up), and no fifth of the run has a
        median below the first fifth's beyond noise."""
        train = run.metric("train_loss")
        if train is None:
            return None
        train = train.finite()
        steps, values = train.steps, train.values
        n = values.size
        if n < 4 * self.opt("min_points") or steps[-1] <= 0:
            return None
        if steps[0] > START_SHARE * steps[-1] or abs(float(values[-1])) < ZERO_LOSS:
            return None  # the log starts late (a resume, a trimmed log), or memorised
        slope, se = slope_per_doubling(steps + 1, values)
        if not abs(slope) <= 2 * se:
            return None  # learning (or rising: loss-rising and divergence say so)
        k = max(5, n // 5)
        noise = step_noise(values)  # per point, trend removed
        window_se = 1.2533 * noise * math.sqrt(2 / k)  # a difference of two medians of k
        first, last = float(np.median(values[:k])), float(np.median(values[-k:]))
        windows = np.lib.stride_tricks.sliding_window_view(values, k)[:: max(1, k // 2)]
        best = float(np.median(windows, axis=1).min())
        if not (best >= first - 3 * window_se and last <= first + 2 * window_se):
            return None
        metric = metric_still_improving(run, int(steps[0]))
        return self.finding(
            f"Loss never improved: {first:.3f} at the start, {last:.3f} at the end",
            f"Over the whole run (steps {int(steps[0])} to {int(steps[-1])}) the training "
            f"loss never fell below where it started beyond its noise: the median of the "
            f"first {k} logged losses is {first:.4f}, the best of any {k} in a row "
            f"{best:.4f}, the last {k} {last:.4f} (noise ±{window_se:.3f}); its trend is "
            f"{slope:+.4f} ± {se:.4f} nats per doubling of steps. "
            + (
                f"{metric} Check what the logged loss measures (a sum over tokens, a "
                "different objective): it does not follow what the model learns."
                if metric
                else "The model is not learning: look for a learning rate that is too low or "
                "never applied, parameters that are frozen or not given to the optimizer, "
                "labels that do not match the inputs, or a task the model cannot do from its "
                "inputs."
            ),
            evidence=[
                Evidence(label="median of the first losses", value=round(first, 4)),
                Evidence(label="best median of as many in a row", value=round(best, 4)),
                Evidence(
                    label="median of the last losses", value=round(last, 4), step=int(steps[-1])
                ),
                Evidence(label="slope per doubling (nats)", value=round(slope, 5)),
                Evidence(label="standard error", value=round(se, 5)),
            ],
            severity=Severity.info if metric else Severity.warning,
            impact=0.8,
            impact_note="no step of training improved the model",
        )

    def _training_fell(self, run: Run, since: int) -> bool:
        """The training loss fell by more than ``min_gain`` per doubling (two standard errors
        sure) over the steps where validation stalled."""
        train = run.metric("train_loss")
        if train is None:
            return False
        train = train.finite()
        tail = train.steps >= since
        if int(tail.sum()) < self.opt("min_points"):
            return False
        slope, se = slope_per_doubling(train.steps[tail], train.values[tail])
        return bool(slope + 2 * se < -self.opt("min_gain"))

    def check(self, run: Run) -> list[Finding]:
        frozen = self._frozen(run)
        if frozen:
            return frozen
        if _still_warming_up(run):
            raise SkipRule("the logged learning rate is still warming up: too early to judge")
        chance = self._at_chance(run)
        if chance is not None:
            return [chance]
        never = self._never_learned(run)
        if never is not None:
            return [never]
        series = self._series(run)
        last = int(series.steps.max())
        if last < 100:
            raise SkipRule("run too short")
        tail = series.steps >= last / 2
        steps, values = series.steps[tail], series.values[tail]
        if steps.size < self.opt("min_points"):
            raise SkipRule("too few loss points in the last doubling of training")
        slope, se = _fit_without_spikes(steps, values)
        if slope != slope:  # nan
            raise SkipRule("could not fit the loss trend")
        if slope > 2 * se:
            return []  # rising: overfitting, loss-rising or divergence, not a plateau
        long_flat = self._long_flat(series)
        if abs(float(values[-1])) < ZERO_LOSS:
            raise SkipRule("the loss is at zero: nothing left to learn (see overfitting)")
        gain = -slope + 2 * se
        relative = self.opt("rel_gain") * abs(float(values[-1]))
        if (gain >= self.opt("min_gain") or gain >= relative) and not long_flat:
            return []
        span = "the last doubling of training"
        if long_flat:
            doublings = int(self.opt("long_doublings"))
            tail = series.steps >= last / 2**doublings
            steps, values = series.steps[tail], series.values[tail]
            slope, se = slope_per_doubling(steps, values)
            span = f"the last {doublings} doublings of training"
        # validation stalled while training kept falling: memorising is overfitting's
        # finding, and a plateau's causes (a bigger model) would contradict it
        memorising = series.name == "val_loss" and self._training_fell(run, int(steps[0]))
        metric = metric_still_improving(run, int(steps[0]))
        # the run stopped itself on that plateau (a patience of a few evaluations): no fault
        stopped_early = not long_flat and any(e.code == "early-stopping" for e in run.events)
        causes = []
        fixes: list[Fix] = []
        tpp = run.figures.tokens_per_param
        if not memorising and tpp and tpp > 4 * CHINCHILLA_TOKENS_PER_PARAM:
            causes.append(
                f"the model has seen {tpp:.0f} tokens per parameter, far past compute-optimal "
                "(see token-budget): its capacity is the limit, and a bigger model is the fix"
            )
        if run.config.get("decay_lr") is False and not memorising:
            causes.append("the learning rate never decays")
            fixes.append(
                Fix(key="decay_lr", value=True, current=False, reason="annealing lowers the loss")
            )
        cause = (" Likely cause: " + "; ".join(causes) + ".") if causes else ""
        if metric:
            cause += f" {metric}"
        elif memorising:
            cause += (
                " The training loss kept falling over the same steps: what stalled is what the "
                "model generalises, not what it fits (see overfitting), so more capacity is not "
                "the fix."
            )
        elif long_flat:
            share = 1 / 2 ** self.opt("long_doublings")
            cause += (
                f" The loss has been flat since about step {last * share:.0f}: {1 - share:.0%} "
                "of the run's steps bought nothing. Stop earlier, or change what limits it "
                "(the learning rate, or what is trained)."
            )
        elif stopped_early:
            cause += (
                " Early stopping ended the run when its validation stopped improving: the "
                "plateau is what it stopped on, and no steps past it were spent."
            )
        elif run.fine_tune:
            # a fine-tune converges by design: flattening is the expected end, not a fault
            cause += (
                " In a fine-tune of a pretrained model a flattening loss is the expected end "
                "of training; what matters is the validation loss (see overfitting)."
            )
        which = "validation" if series.mode == "eval" else "training"
        message = (
            f"Over {span} (steps {int(steps[0])} to {last}) the {which} "
            f"loss changed by {slope:+.4f} ± {se:.4f} nats per doubling of tokens, now "
            f"{values[-1]:.4f}; more steps buy less than {self.opt('min_gain'):g} nats per "
            f"doubling.{cause}"
        )
        return [
            self.finding(
                f"Loss has plateaued at {values[-1]:.3f}",
                message,
                evidence=[
                    Evidence(
                        label=f"{which} loss",
                        value=float(values[0]),
                        step=int(steps[0]),
                        mark="plateau-start",
                    ),
                    Evidence(
                        label=f"{which} loss",
                        value=float(values[-1]),
                        step=last,
                        mark="plateau-end",
                    ),
                    Evidence(label="slope per doubling (nats)", value=round(slope, 5)),
                    Evidence(label="standard error", value=round(se, 5)),
                ],
                severity=Severity.info
                if (run.fine_tune and not long_flat) or metric or memorising or stopped_early
                else Severity.warning,
                fixes=[] if run.fine_tune or memorising or stopped_early else fixes,
                impact=0.4,
                impact_note="further steps are spent for little loss",
            )
        ]


def _significant_digits(value: float) -> int:
    """Significant digits of `value` as printed to 15: 5 for 0.00113151, 2 for 0.0012."""
    mantissa = f"{abs(value):.15g}".split("e")[0].replace(".", "")
    return len(mantissa.lstrip("0"))
