"""overfitting: validation loss turns up while training loss keeps falling."""

from __future__ import annotations

import math
from typing import ClassVar

import numpy as np

from capdiag.findings import Evidence, Finding, Fix, Severity, SkipRule
from capdiag.rules.base import Rule, metric_still_improving
from capdiag.run import Run, Series
from capdiag.stats import batch_loss_sigma, robust_sigma

# a validation loss this many times its best has blown up: no model memorises that way
EXPLODED = 100.0


class Overfitting(Rule):
    """Validation loss has risen past its best while the training loss kept falling.

    The model is memorising its training data: every step after the best evaluation makes
    the model you would ship worse. capdiag finds the evaluation with the lowest validation
    loss, then asks whether the last ``min_evals_after`` evaluations all sit above it by more
    than evaluation noise, while the training loss (the eval-mode figure when the log pairs
    them, else the per-iteration loss) is lower than it was at the best step by a hundredth
    of itself at least (measured: an unnormalised MSE of 3.3e7 that moved 0.3% while its
    validation drifted up 0.45%, and a healthy char LM at a constant rate, were not
    memorising; no labelled overfitting run changes; a log with one training loss is judged
    on its validation alone, as below). The noise of
    one evaluation is the spread of a single-batch loss divided by the square root of
    ``eval_iters`` (the batches it averages), measured from the run's own per-iteration
    losses; the difference of two evaluations has sqrt(2) times that. Without per-iteration
    losses the spread of consecutive validation differences is used: the larger of its value
    over the run and near the best evaluation, since evaluations that turn noisy late make
    their lowest one a low draw (measured: a build-nanogpt run resumed without resetting its
    validation loader, 0.003 over the run and ten times that near its best). An evaluation at
    step 0 is left out of that spread: it is taken before any update (or, in a log that counts
    epochs from 0, after the first), on the curve's steep start, where a second difference
    measures the bend and not the noise (measured: a 6M GPT evaluated at 11.0, 6.1, 5.6, 5.4,
    5.35, then 5.50 while its training loss fell to 2.3: the bend made one evaluation's noise
    0.09 nats and hid the rise; a Keras BiLSTM whose validation rose at each of 5 epochs after
    its first; no other run of the corpus changes). When the dataset is
    a known one, the finding says how many epochs of it the best step and the last step saw.

    A rise can stay inside the noise while the model plainly memorises: validation stops
    improving, and the training loss falls far below it. When the best evaluation is not
    among the last ``min_evals_after``, training kept falling since (by ``memorise_fall`` of
    its level at the best, and beyond noise), and validation now sits more than ``gap_nats``
    above training, the rule fires too, as long as validation stayed flat (its last
    evaluation within ``gap_nats`` of the best, or within the evaluations' noise: a DETR
    whose summed loss near 18 ends 0.56 above its best, one evaluation's noise 0.4, was
    read as blowing up) (measured: a real Lightning run over 4,000
    characters for 100 epochs ends at train 0.19, val 1.94; healthy runs end within 0.1
    nats. The labelled memorising runs' training fell 18% to 34% after their best; a
    healthy ConvNeXt fine-tune whose class-weighted validation loss sat 0.5 above its
    training loss all along fell 5%).

    A log with a single training loss (a logging interval as long as the run) shows no
    training trend; a validation loss that rose past its best, as above, and ends more than
    ``gap_nats`` above that training loss is memorising all the same (measured: a LegalBERT
    classifier with one example per class, eval loss 4.07 to 5.45 against a training loss
    of 2.41; a healthy Megatron run with one training loss beside five falling evaluations
    stays silent).

    With too few evaluations to measure their noise, a validation loss that ends as far
    above training as a single evaluation's bar asks (``single_gap_nats`` and
    ``single_ratio``), not improved since its best while training fell, is memorising too
    (measured: a LipNet whose six epochs end at val 6.26 against train 0.012; no healthy run
    of the corpus changes). Otherwise (under five evaluations, as a Trainer run of a few
    epochs logs them), a rise counts when every evaluation since the best sits above it, the
    last by ``few_rise`` of the best, and training fell by a tenth meanwhile (and by a
    hundredth of itself, at any scale); with only one or two evaluations after the best,
    the train/val gap must also have doubled (measured on the corpus: with these conditions
    no healthy run fires at any rise from 1% up; from 10%
    down to 2% two more labelled runs are named, an SFT whose third epoch's evaluation rose
    2.7% and a DistilBERT whose second rose 4.7% while training fell by half). A single
    evaluation after the best counts only from ``few_rise`` too, whatever the gap (measured:
    a mid-train's two replay checks 0.9% apart, which its label does not call overfitting;
    every labelled run with one evaluation after its best rose 2.7% or more). Training
    must have fallen by more than ``min_rise`` since the best: a converged fairseq run whose
    last two evaluations drift up 0.3% while its training loss moves 0.002 nats is noise. An
    evaluation repeated at the same step counts once.

    **Anti-pattern**

    Training a 2.7M-parameter model for 1,600 steps of 768 tokens on 18,000 training tokens
    (68 epochs) and keeping the last checkpoint, whose validation loss is 0.59 nats above the
    best one (step 800).

    **Best practice**

    Keep the best checkpoint (nanoGPT: ``always_save_checkpoint = False`` saves only when
    the validation loss improves) and stop near the best step. For a better model, add data
    (a larger corpus or fewer epochs over it), regularise (``dropout`` 0.1-0.2 for small
    data), or shrink the model. Where the log's steps are placed by estimate (PointNet's
    files and MXNet's batches count within epochs whose length is not printed), the fix
    counts the epochs the log names.

    A validation curve can also stall without a clear best: with ``stall_min_evals`` or more
    evaluations, the median of the last quarter is no lower than the median of the second
    quarter (within ``min_rise``), the training loss fell ``stall_train_fall`` nats or more over
    the same stretch, and validation ends ``stall_gap_nats`` above training, each also a
    hundredth of the loss at least (an MSE near 15,000 that jitters by a few hundred neither
    fell nor opened a gap) (measured on the corpus: the healthy runs whose validation stalled
    end within 0.04 nats of training; the stalled runs labelled overfitting end 0.23-0.76 nats
    apart). At any scale (an MSE of 0.003, a LoRA at 0.04 nats), from ``stall_scaled_evals``
    evaluations: training fell by more than a tenth, validation ends more than
    ``stall_gap_share`` of its level above training, the gap is ``stall_gap_growth`` times what
    it was mid-run, and no evaluation metric the run logs (WER, accuracy, a DPO reward margin)
    kept improving (measured: 4 more labelled runs named, none healthy; a Whisper fine-tune
    whose WER kept falling and a DPO run whose eval margin kept growing stay silent). A
    validation loss with the very same value at every evaluation from its first quarter on is no
    stall: an evaluation that never changes measures no model (a held-out SELD run, the same
    2.2169 at 44 evaluations while its F-score sat at 0, is a plateau, not memorisation).

    Options: ``sigmas`` (how many standard errors of the difference make a rise real,
    default 3: a one-sided false-alarm rate of about 0.1% per comparison for normal noise),
    ``min_rise`` (smallest rise worth reporting, nats, default 0.01, the same floor as
    val-below-train), ``min_evals_after`` (evaluations after the best that must all be above
    it, default 2, so one noisy evaluation cannot trigger it), ``gap_nats`` (validation
    above training that counts as memorising once validation stopped improving, default 0.5),
    ``memorise_fall`` (share of the training loss at the best that it must fall by since,
    default 0.1), ``few_rise`` (with few evaluations, the rise over the best as a share of
    it, default 0.02), ``stall_min_evals``, ``stall_train_fall`` and ``stall_gap_nats`` (a stall
    in nats: defaults 8, 0.05 and 0.2), ``stall_scaled_evals``, ``stall_gap_share`` and
    ``stall_gap_growth`` (a stall at any scale: defaults 5, 0.3 and 2),
    ``single_gap_nats`` and ``single_ratio`` (a log with one evaluation: validation at least
    this many nats, and this many times, above training; defaults 1.0 and 3. Measured on the
    corpus: healthy runs end within 0.13 nats and 2x; two Megatron GPT-2 345M runs that
    memorised 50 documents end at train 0.002-0.08, val 11.7-12.3).
    """

    id = "overfitting"
    code = "CD008"
    aliases: ClassVar[tuple[str, ...]] = ("val-rising", "overfit")
    severity = Severity.warning
    config_keywords: ClassVar[dict[str, float]] = {
        "sigmas": 3.0,
        "min_rise": 0.01,
        "min_evals_after": 2,
        "gap_nats": 0.5,
        "single_gap_nats": 1.0,
        "single_ratio": 3.0,
        "stall_min_evals": 8,
        "stall_train_fall": 0.05,
        "stall_gap_nats": 0.2,
        "stall_scaled_evals": 5,
        "stall_gap_share": 0.3,
        "stall_gap_growth": 2.0,
        "memorise_fall": 0.1,
        "few_rise": 0.02,
    }

    def _eval_noise(self, run: Run, val: Series, best: int) -> float:
        """Standard error of one evaluation's mean loss: from the batch noise and
        eval_iters, else from the evaluations themselves, the larger of their spread over
        the run and near the end (from as far before the best as the end is after it)."""
        batch = run.metric("train_loss")
        eval_iters = run.config.positive("eval_iters")
        if batch is not None and batch.mode == "train-batch" and eval_iters:
            sigma = batch_loss_sigma(batch.values)
            if not math.isnan(sigma):
                return sigma / math.sqrt(eval_iters)
        if val.steps.size and val.steps[0] == 0:
            # step 0 is the curve's steep start, where a second difference is its bend
            val = val.model_copy(update={"steps": val.steps[1:], "values": val.values[1:]})
            best -= 1
        if val.values.size >= 6:
            # second differences remove the curve's local trend (first ones mistake it for
            # noise); for white noise their variance is 6 sigma^2
            whole = robust_sigma(np.diff(val.values, n=2)) / math.sqrt(6.0)
            # evaluations that get noisier late (a validation loader no longer reset)
            # make their best a low draw: measure the spread where the best is
            near = val.values[max(0, 2 * best - (val.values.size - 1)) :]
            if near.size >= 6:
                return max(whole, robust_sigma(np.diff(near, n=2)) / math.sqrt(6.0))
            return whole
        return math.nan

    def _train_at(self, run: Run, step: int) -> tuple[Series, float] | None:
        """The training loss near `step`: eval-mode when paired, else a median of iter losses."""
        paired = run.metric("eval_train_loss")
        if paired is not None:
            paired = paired.finite()
            hit = np.flatnonzero(paired.steps == step)
            if hit.size:
                return paired, float(paired.values[hit[0]])
        batch = run.metric("train_loss")
        if batch is None:
            return None
        batch = batch.finite()
        # a window mean is already smoothed: take the nearest; single batches: a median of
        # up to 9 neighbours, never so many that the two ends of the run blur together
        k = 1 if batch.mode != "train-batch" else min(9, max(1, len(batch) // 5))
        order = np.argsort(np.abs(batch.steps - step))[:k]
        if order.size == 0:
            return None
        return batch, float(np.median(batch.values[order]))

    def _stalled(self, run: Run, val: Series, train_last: float) -> bool:
        """Validation no lower in its last quarter than in its second, while training fell
        and ended far below it: by ``stall_gap_nats``, or (at any scale) by
        ``stall_gap_share`` of the validation loss, a gap ``stall_gap_growth`` times what it
        was, with training down a tenth and no evaluation metric still improving."""
        n = val.values.size
        if n < self.opt("stall_scaled_evals"):
            return False
        if bool(np.all(val.values[n // 4 :] == val.values[-1])):
            return False  # the same value at every evaluation: it measures no model at all
        second = float(np.median(val.values[n // 4 : n // 2]))
        last = float(np.median(val.values[-(n // 4) :]))
        change = last - second
        if change < -self.opt("min_rise"):
            return False  # still improving
        mid_step = int(val.steps[(n // 4 + n // 2) // 2])
        found = self._train_at(run, mid_step)
        if found is None:
            return False
        train_mid, gap = found[1], last - train_last
        fell = train_mid - train_last
        # in nats, and a hundredth of the loss at least: an MSE near 15,000 whose training
        # jitters by 150 neither fell nor opened a gap
        if (
            n >= self.opt("stall_min_evals")
            and fell >= max(self.opt("stall_train_fall"), 0.01 * abs(train_mid))
            and gap > max(self.opt("stall_gap_nats"), 0.01 * abs(last))
        ):
            return True
        scaled = (
            change >= -0.01 * abs(second)  # at a small scale, min_rise is no floor
            and fell > 0.1 * abs(train_mid)
            and gap > self.opt("stall_gap_share") * abs(last)
            and gap >= self.opt("stall_gap_growth") * max(second - train_mid, 0.0)
        )
        return scaled and not metric_still_improving(run, int(val.steps[n // 2]))

    def _few_rose(
        self, val: Series, best: int, threshold: float, train_best: float, train_last: float
    ) -> bool:
        """Few evaluations: every one since the best above it, the last by ``few_rise`` of
        the best, and training down a tenth since; with one or two evaluations after the
        best, the train/val gap must also have doubled."""
        best_val, last_val = float(val.values[best]), float(val.values[-1])
        after = val.values.size - 1 - best
        stayed_up = bool(np.all(val.values[best + 1 :] - best_val > threshold))
        rise = max(threshold, self.opt("few_rise") * abs(best_val))
        if not (stayed_up and last_val - best_val > rise and train_last < 0.9 * train_best):
            return False
        gap_at_best, gap = best_val - train_best, last_val - train_last
        return after >= 3 or gap >= 2 * max(gap_at_best, threshold)

    def _single_eval(self, run: Run, val: Series) -> list[Finding]:
        """One evaluation: only a gap far beyond any healthy run's says memorised."""
        step, value = int(val.steps[0]), float(val.values[0])
        train = self._train_at(run, step)
        if train is None:
            raise SkipRule("one validation evaluation and no training loss to compare with")
        gap = value - train[1]
        if gap < self.opt("single_gap_nats") or value < self.opt("single_ratio") * train[1]:
            return []
        return [
            self.finding(
                f"Memorised: val loss {value:.4g} against train loss {train[1]:.4g} at the "
                "only evaluation",
                f"The one validation evaluation (step {step}) is {gap:.2f} nats and "
                f"{value / max(train[1], 1e-12):.0f}x above the training loss there. A model "
                "that generalises keeps them close (the healthy runs of capdiag's corpus end "
                "within 0.13 nats); this one has memorised its training data, and the "
                "training loss says nothing about held-out text. Use more data (or fewer "
                "epochs over it), regularise, or shrink the model; evaluate during training "
                "to find where validation was best.",
                evidence=[
                    Evidence(label="val loss", value=round(value, 4), step=step),
                    Evidence(label="train loss", value=round(train[1], 4), step=step),
                    Evidence(label="gap (nats)", value=round(gap, 4)),
                ],
                impact=0.8,
                impact_note="the model does not generalise",
            )
        ]

    def check(self, run: Run) -> list[Finding]:
        val = run.metric("val_loss")
        if val is None:
            raise SkipRule("the log has no validation loss")
        val = val.finite()
        if len(val) == 0:
            raise SkipRule("no validation loss is finite (see divergence)")
        # an evaluation repeated at the same step (the Trainer's evaluate() after training) is
        # the same model measured twice, not a second point of the curve
        again = np.append(val.steps[1:] == val.steps[:-1], False)
        if again.any():
            val = val.model_copy(update={"steps": val.steps[~again], "values": val.values[~again]})
        n_after = int(self.opt("min_evals_after"))
        if len(val) == 1:
            return self._single_eval(run, val)
        best = int(np.argmin(val.values))
        after = val.values.size - 1 - best
        if after == 0:
            return []  # the last evaluation is the best
        se = self._eval_noise(run, val, best)
        best_step, best_val = int(val.steps[best]), float(val.values[best])
        last_step, last_val = int(val.steps[-1]), float(val.values[-1])
        train_best = self._train_at(run, best_step)
        train_last = self._train_at(run, last_step)
        if train_best is None or train_last is None:
            raise SkipRule("no training loss to compare with")
        gap = last_val - train_last[1]
        # one training loss in the whole log (a logging interval as long as the run): no
        # trend to see, but validation rising far above it is memorising all the same
        one_train = len(train_last[0].finite()) == 1 and gap > self.opt("gap_nats")
        if train_last[1] >= train_best[1] and not one_train:
            return []  # both rose: that is divergence, not overfitting
        if best_val > 0 and last_val > EXPLODED * best_val:
            return []  # orders of magnitude: a blown-up evaluation (divergence), not memorising
        gap_at_best = best_val - train_best[1]
        # memorising needs training that kept falling since the best, by a hundredth of
        # itself at least (a loss that moved 0.3% is flat, whatever its scale), or logged once
        fell = train_best[1] - train_last[1]
        training_fell = one_train or fell > 0.01 * abs(train_best[1])
        if not math.isnan(se) and len(val) >= n_after + 3:
            threshold = max(self.opt("min_rise"), self.opt("sigmas") * math.sqrt(2.0) * se)
            if after < n_after:
                return []  # the best evaluation is among the last ones: no lasting rise
            rising = training_fell and bool(np.all(val.values[-n_after:] - best_val > threshold))
            # val stopped improving while train fell far below it: memorising, even if the
            # rise itself is still within the evaluations' noise
            memorising = (
                gap > self.opt("gap_nats")
                and train_last[1]
                < train_best[1] - max(threshold, self.opt("memorise_fall") * train_best[1])
                # flat, not blowing up: within gap_nats of the best, or within the noise
                and last_val - best_val <= max(self.opt("gap_nats"), threshold)
            )
        else:
            # few evaluations, or no noise estimate: a rise at every evaluation since the best
            # (chance alone gives that with odds 1/(k+1)! for k of them), or one rise that
            # opens a train/val gap wider than gap_nats
            threshold = self.opt("min_rise")
            steady = bool(np.all(np.diff(val.values[best:]) > 0))
            # or two or more evaluations since, each a tenth above the best (loss-rising's
            # bar): stayed up, even if the last one is a hair below the one before
            held = after >= 2 and bool(
                np.all(val.values[best + 1 :] - best_val > max(threshold, 0.1 * abs(best_val)))
            )
            # a single evaluation after the best: its rise must clear few_rise of the best
            # too, as _few_rose asks (a 0.9% rise at one evaluation is no lasting rise)
            one_rise = last_val - best_val > max(threshold, self.opt("few_rise") * abs(best_val))
            rising = (
                (steady or held)
                and last_val - best_val > threshold
                and (
                    after >= n_after
                    or (one_rise and gap > self.opt("gap_nats") and gap > gap_at_best)
                )
            ) or self._few_rose(val, best, threshold, train_best[1], train_last[1])
            # and beyond the rise's floor: a converged run whose last evaluations drift up
            # while its training loss is flat is noise, not this
            rising = rising and training_fell and fell > threshold
            # validation far above training, as a single evaluation's bar asks, and not
            # improved since its best while training fell: memorised, however few the points
            memorising = (
                gap >= self.opt("single_gap_nats")
                and last_val >= self.opt("single_ratio") * max(train_last[1], 0.0)
                and train_last[1] < train_best[1]
            )
            if math.isnan(se):
                se = 0.0
        stalled = not (rising or memorising) and self._stalled(run, val, train_last[1])
        if not (rising or memorising or stalled):
            return []
        rise = last_val - best_val
        # the first evaluation after the best that stayed above the band for good
        above = val.values - best_val > threshold
        onset = best + 1
        for i in range(val.values.size - 1, best, -1):
            if not above[i]:
                onset = i + 1
                break
        onset_step = int(val.steps[min(onset, val.values.size - 1)])
        evidence = [
            Evidence(label="best val loss", value=round(best_val, 4), step=best_step, mark="best"),
            Evidence(label="val loss now", value=round(last_val, 4), step=last_step),
            Evidence(label="rise since best (nats)", value=round(rise, 4)),
            Evidence(label="noise of one evaluation (nats)", value=round(se, 4)),
            Evidence(label="train loss at best", value=round(train_best[1], 4), step=best_step),
            Evidence(label="train loss now", value=round(train_last[1], 4), step=last_step),
            Evidence(label="val above best + noise since", value=onset_step, step=onset_step),
        ]
        epochs_text = ""
        info = run.dataset
        tpi = run.figures.tokens_per_iter
        if info is not None and tpi:
            first = 0 if run.steps_start_at_zero else 1
            at_best = (best_step + 1 - first) * tpi / info.train_tokens
            at_last = (last_step + 1 - first) * tpi / info.train_tokens
            evidence.append(Evidence(label="epochs at best step", value=round(at_best, 2)))
            evidence.append(Evidence(label="epochs at last step", value=round(at_last, 2)))
            epochs_text = (
                f" The best step had seen {at_best:.1f} epochs of {info.name} "
                f"({info.train_tokens:,} training tokens), the last {at_last:.1f}."
            )
        key = run.config.native("max_iters")
        # a log that counts epochs from 0 (Keras) has trained best + 1 of them at its best
        by_epoch = key == "epochs"
        stop = best_step + 1 if by_epoch and run.steps_start_at_zero else best_step
        where, current = (
            f"{'epoch' if by_epoch else 'step'} {best_step}",
            run.config.get("max_iters"),
        )
        if (epoch := run.whole_epoch_at(best_step)) is not None:
            # steps placed by estimate (their epoch's length is not printed): the fix counts
            # the epochs the log names, from 0 or from 1
            key, current = "epochs", None
            stop = epoch[1]
            where = f"epoch {epoch[0]}"
        fixes = [
            Fix(
                key=key,
                value=stop,
                current=current,
                reason=f"validation loss was lowest at {where}",
            )
        ]
        if run.config.get("always_save_checkpoint") is True:
            fixes.append(
                Fix(
                    key=run.config.native("always_save_checkpoint"),
                    value=False,
                    current=True,
                    reason="save only when the validation loss improves: keeps the best model",
                )
            )
        dropout = run.config.number("dropout")
        if dropout is not None and dropout < 0.2:
            fixes.append(
                Fix(
                    key=run.config.native("dropout"),
                    value=round(dropout + 0.1, 2),
                    current=dropout,
                    reason="regularise: the model memorises a small training set",
                )
            )
        wasted = (last_step - best_step) / max(last_step, 1)
        if rising:
            trend = (
                f"Validation loss was lowest at step {best_step} ({best_val:.4f}) and has since "
                f"risen to {last_val:.4f} at step {last_step} (+{rise:.4f} nats"
                + (
                    f"; one evaluation's noise is about {se:.4f}, so anything above "
                    f"+{threshold:.4f} is real)"
                    if se
                    else f", at each of the {after} evaluations since; the gap to the training "
                    f"loss is now {gap:.2f} nats)"
                )
            )
            title = f"Overfitting: val loss up {rise:.3f} since step {best_step}"
        else:
            evidence.append(Evidence(label="val minus train now (nats)", value=round(gap, 4)))
            trend = (
                f"Validation loss has not improved since step {best_step} ({best_val:.4f}; "
                f"{last_val:.4f} at step {last_step}) and is now {gap:.2f} nats above the "
                "training loss"
            )
            title = f"Overfitting: val flat since step {best_step}, {gap:.2f} nats above train"
        message = (
            f"{trend}, while the training loss fell from {train_best[1]:.4f} to "
            f"{train_last[1]:.4f}. The model is "
            f"memorising the training set.{epochs_text} Keep the checkpoint from {where}; "
            "for a better model use more data, more regularisation (dropout) "
            "or a smaller model."
        )
        return [
            self.finding(
                title,
                message,
                evidence=evidence,
                fixes=fixes,
                impact=min(1.0, 0.5 * wasted + rise / max(best_val, 1e-9)),
                impact_note=(
                    f"the last model is {rise:.3f} nats worse than the best; "
                    f"{wasted:.0%} of the steps came after the best evaluation"
                ),
            )
        ]
