"""val-below-train: validation loss below training loss beyond noise."""

from __future__ import annotations

import math
from typing import ClassVar

import numpy as np

from capdiag.curves import nearest_index, range_medians
from capdiag.findings import Evidence, Finding, Severity, SkipRule
from capdiag.rules.base import Rule
from capdiag.run import DEIT_LOG, SPEECHBRAIN_LOG, Run, Series
from capdiag.stats import batch_loss_sigma


class ValBelowTrain(Rule):
    """Validation loss sits below training loss by more than evaluation noise explains.

    What causes it depends on how each loss was measured. Dropout (and other train-only
    regularisation) lowers a loss measured in eval mode relative to one measured in train
    mode, so it explains the gap only when the training figure was taken with dropout on.
    nanoGPT's ``step N: train loss X, val loss Y`` lines come from ``estimate_loss()``,
    which runs both splits under ``model.eval()``: dropout is off for both, and cannot be
    the cause. Then the likely causes are a validation split that is easier than the
    training data (another shard, another source, shorter or more repetitive documents),
    overlap between the splits, or noise when ``eval_iters`` is small. capdiag estimates
    the noise from the run itself (the spread of single-batch losses divided by the square
    root of the batches averaged) and reports the gap only when it is well beyond it.

    **Anti-pattern**

    Reading ``step 14500: train loss 3.6415, val loss 3.5696`` as "dropout is making
    training harder" and changing dropout to close the gap.

    **Best practice**

    Check the split: where the validation data comes from and whether it overlaps the
    training data. Compare losses measured in the same mode.

    Where the log pairs no eval-mode training loss (the HF Trainer and its front ends log a
    train-mode window mean), the rule only asks whether the two are on the same scale: a
    training loss ``scale_ratio`` times the validation loss or more at every late evaluation
    (the median of the training losses logged since the evaluation before) is a warning,
    since cross-entropy on similar data does not differ that much (measured on a real QLoRA
    run whose logged train loss was 16x its eval loss: transformers 4.46 summed it over 16
    accumulation steps; and on a Whisper fine-tune whose evaluation split was easier, 3.3x).

    Where the scales agree, the rule compares each late evaluation with the training losses
    logged wholly after it (their windows start at or after the evaluation, so the model had
    trained further and a window mean's lag cannot lift them). A validation loss below their
    median at every such evaluation, beyond their noise, is information from ``later_ratio``
    (training 1.08x the validation loss, the median over evaluations) and a warning from
    ``warn_ratio`` (1.25x), which is more than train-mode dropout usually adds. Measured on the
    corpus: a healthy RoBERTa LoRA with dropout 0.1 sits at 1.10x; six labelled faults (an
    easier or overlapping split) at 1.26x to 2.3x, and two at 1.13x and 1.17x that stay
    information. A CTC fine-tune labelled silent reaches 3.1x: its loss is summed per batch.
    Evaluations between sparse training logs (a window that straddles the evaluation) are not
    compared: the lag can explain them. Nor are evaluations across which both losses rose:
    the model trained further is worse there, and the premise fails (measured: a wav2vec2
    CTC run collapsing at a constant rate, labelled silent here, had fired at 1.3x; a GAT
    whose losses climbed every epoch). An Ultralytics run is information at any ratio
    unless its ``mosaic`` is 0: it trains on augmented mosaics and validates on plain
    images by design (measured: a healthy YOLOv8n at 1.29x). So is a run that states its
    label smoothing (Marian's ``label-smoothing``): its training cost includes the smoothing
    term, validation does not (measured: three Marian NMT runs at 1.2x to 1.5x, labelled
    silent). So is a SpeechBrain run (its
    ``train_log.txt``): its recipes augment the training audio and its train loss is a
    train-mode epoch mean (measured: four real SpeechBrain logs, none with an easier split,
    at 1.53x to 2.66x). A DeiT-style ``log.txt`` (``train_lr``, ``train_loss``,
    ``test_acc1`` per epoch: DeiT, PVT and the classifiers built on its main.py) is
    information at any ratio, its scale check included: it trains on mixup and cutmix soft
    targets with label smoothing (measured: two healthy ImageNet runs at 3.2x to 3.8x).

    Before any update the model is the same for both splits, so a paired evaluation at the
    first step must give about the same loss twice. Where the two differ by a factor of
    ln 2 (to 1%), one is in bits and the other in nats: a warning, since every later
    comparison is off by that factor (measured: a real nanoGPT fork printed val in nats
    under a "BPC" label, 4.2823 against a train 6.1854 at step 0).

    Options: ``sigmas`` (how many standard errors make a gap real, default 3),
    ``min_gap`` (smallest gap worth reporting, nats, default 0.01), ``scale_ratio``
    (default 3), ``later_ratio`` (default 1.08), ``warn_ratio`` (default 1.25),
    ``later_evals`` (evaluations with training logged after them, default 2).
    """

    id = "val-below-train"
    code = "CD002"
    aliases: ClassVar[tuple[str, ...]] = ("val-lt-train",)
    severity = Severity.info
    config_keywords: ClassVar[dict[str, float]] = {
        "scale_ratio": 3.0,
        "sigmas": 3.0,
        "min_gap": 0.01,
        "later_ratio": 1.08,
        "warn_ratio": 1.25,
        "later_evals": 2,
    }

    def check(self, run: Run) -> list[Finding]:
        train, val = run.metric("eval_train_loss"), run.metric("val_loss")
        if train is None and val is not None:
            scale = self._scale_mismatch(run, val)
            if scale is not None:
                return [scale]
            logged = run.metric("train_loss")
            if logged is not None and len(val.finite()) >= 2 and len(logged.finite()):
                below = self._below_later_training(run, logged, val)
                return [below] if below is not None else []
        if train is None or val is None:
            raise SkipRule("the log has no paired train/val losses")
        if len(train) != len(val) or not np.array_equal(train.steps, val.steps):
            # evaluations logged apart (uneven keys): pair them by step
            _, ti, vi = np.intersect1d(train.steps, val.steps, return_indices=True)
            if ti.size == 0:
                raise SkipRule("the log has no paired train/val losses")
            train = train.model_copy(update={"steps": train.steps[ti], "values": train.values[ti]})
            val = val.model_copy(update={"steps": val.steps[vi], "values": val.values[vi]})
        units = self._unit_mismatch(run, train, val)
        if units is not None:
            return [units]
        gap = train.values - val.values
        later = train.steps >= 0.5 * train.steps.max()
        window = np.flatnonzero(later & np.isfinite(gap))[-5:]
        if window.size == 0:
            raise SkipRule("no finite paired losses")
        mean_gap = float(gap[window].mean())
        se = self._standard_error(run, gap, window)
        if math.isnan(se):
            raise SkipRule("no way to estimate evaluation noise (too few iter lines and evals)")
        if mean_gap < max(self.opt("min_gap"), self.opt("sigmas") * se):
            return []
        last = int(window[-1])
        step = int(train.steps[last])
        both_eval = train.mode == "eval" and val.mode == "eval"
        dropout = run.config.number("dropout") or 0.0
        if both_eval:
            cause = (
                "Both figures come from nanoGPT's estimate_loss() in eval mode (dropout off), so "
                f"dropout = {dropout:g} cannot explain the gap. More likely the validation split "
                "is easier than the training data (a different shard or source), or the splits "
                "overlap. Check how val.bin was made."
            )
        elif train.dropout_active:
            cause = (
                f"The training loss was measured in train mode with dropout = {dropout:g} on, "
                "and validation in eval mode; dropout can explain the gap."
            )
        else:
            cause = "The losses were measured in different modes; compare them in the same mode."
        message = (
            f"At step {step} the validation loss ({val.values[last]:.4f}) is "
            f"{mean_gap:.4f} below the training loss ({train.values[last]:.4f}), averaged over "
            f"the last {window.size} evaluations; evaluation noise is about {se:.4f} "
            f"(standard error of the gap). {cause}"
        )
        return [
            self.finding(
                "Validation loss is below training loss",
                message,
                evidence=[
                    Evidence(
                        label="train loss (eval mode)", value=float(train.values[last]), step=step
                    ),
                    Evidence(
                        label="val loss (eval mode)", value=float(val.values[last]), step=step
                    ),
                    Evidence(label="mean gap", value=round(mean_gap, 4)),
                    Evidence(label="standard error of the gap", value=round(se, 4)),
                ],
                impact=0.05,
                impact_note="a measurement question; it does not change the final loss",
            )
        ]

    def _unit_mismatch(self, run: Run, train: Series, val: Series) -> Finding | None:
        """Before any update both losses are the same number (about ln V); a ratio of ln 2
        between them there means one was printed in bits and the other in nats."""
        at = np.flatnonzero((train.steps == val.steps) & (train.steps <= run.init_step))
        if at.size == 0:
            return None
        i = int(at[0])
        t, v = float(train.values[i]), float(val.values[i])
        if not (np.isfinite(t) and np.isfinite(v)) or t <= 0 or v <= 0:
            return None
        ratio = v / t
        low = abs(ratio - math.log(2)) < 0.01 * math.log(2)
        high = abs(ratio - 1 / math.log(2)) < 0.01 / math.log(2)
        if not (low or high):
            return None
        smaller, larger = ("validation", "training") if low else ("training", "validation")
        return self.finding(
            f"Train and val losses are in different units (ratio {ratio:.4f} = "
            f"{'ln 2' if low else '1/ln 2'} before any update)",
            f"At step {int(train.steps[i])}, before any update, the model is the same for both "
            f"splits, so both losses should be about ln V; the {smaller} loss is "
            f"{min(ratio, 1 / ratio):.4f} times the {larger} loss, which is ln 2 = 0.6931 to "
            "within 1%. One of them is printed in bits and the other in nats (a log that "
            "converts one and not the other), so every comparison between them, validation "
            "below training included, is off by that factor. Print both in the same unit.",
            evidence=[
                Evidence(label="train loss", value=round(t, 4), step=int(train.steps[i])),
                Evidence(label="val loss", value=round(v, 4), step=int(val.steps[i])),
                Evidence(label="val / train", value=round(ratio, 4)),
            ],
            severity=Severity.warning,
            impact=0.3,
            impact_note="every train/val comparison in the log is off by a factor ln 2",
        )

    def _scale_mismatch(self, run: Run, val: Series) -> Finding | None:
        """A logged training loss several times the evaluation loss, at every evaluation:
        not the same quantity (a loss summed over accumulation steps, another normalisation)."""
        train = run.metric("train_loss")
        if train is None or len(val) < 2:
            return None
        val = val.finite()
        later = val.steps >= 0.5 * val.steps.max() if len(val) >= 4 else np.ones(len(val), bool)
        # each evaluation against the median training loss logged since the one before
        # (the nearest one when none was): one window mean is too noisy to compare alone
        train = train.finite()
        if not len(train) or not len(val):
            return None  # every training (or evaluation) loss is NaN: divergence's finding
        nearest_points = nearest_index(train.steps, val.steps)
        previous = np.concatenate(([-1], val.steps[:-1]))
        # the training losses logged since the evaluation before: a range of the steps in
        # order (a binary search per evaluation, not a pass over the series)
        order = np.argsort(train.steps, kind="stable")
        ordered = train.steps[order]
        starts = np.searchsorted(ordered, previous, side="right")[later]
        stops = np.searchsorted(ordered, val.steps, side="right")[later]
        logged = range_medians(train.values[order], starts, stops)
        empty = stops <= starts
        logged[empty] = train.values[nearest_points[later]][empty]
        values = val.values[later]
        ratios = (logged[values > 0] / values[values > 0]).tolist()
        if len(ratios) < 2 or min(ratios) < self.opt("scale_ratio"):
            return None
        ratio = float(np.median(ratios))
        if run.framework == DEIT_LOG:
            return self.finding(
                f"The logged training loss is {ratio:.1f}x the validation loss, by design",
                f"At each of the last {len(ratios)} evaluations the logged training loss is "
                f"{min(ratios):.1f}x to {max(ratios):.1f}x the validation loss. DeiT's main.py "
                "and the classifiers built on it train on mixup and cutmix soft targets with "
                "label smoothing (its defaults) and validate on plain images and hard labels, "
                "so the training loss sits far above validation; compare test_acc1 instead.",
                severity=Severity.info,
                evidence=[Evidence(label="train / val loss (median)", value=round(ratio, 2))],
            )
        accum = run.config.number("gradient_accumulation_steps")
        hint = (
            f" (gradient_accumulation_steps = {accum:.0f} is close to that factor)"
            if accum and abs(ratio / accum - 1) < 0.15
            else ""
        )
        return self.finding(
            f"The logged training loss is {ratio:.1f}x the validation loss",
            f"At each of the last {len(ratios)} evaluations the logged training loss is "
            f"{min(ratios):.1f}x to {max(ratios):.1f}x the validation loss. Cross-entropy on "
            "similar data does not differ that much: either the two are not the same quantity "
            "(a training loss summed over gradient-accumulation steps instead of averaged, as "
            "transformers 4.46 logged it, or another normalisation: per sequence vs per token)"
            f"{hint}, or the validation split is far easier than the training data (another "
            "source, shorter or cleaner examples). Check both before trusting either curve.",
            severity=Severity.warning,
            evidence=[
                Evidence(label="train / val loss (median)", value=round(ratio, 2)),
                Evidence(label="evaluations compared", value=len(ratios)),
            ],
            impact=0.3,
            impact_note="the two curves cannot be compared as they stand",
        )

    def _below_later_training(self, run: Run, train: Series, val: Series) -> Finding | None:
        """Validation below the training loss logged after it, at every late evaluation.

        A window mean lags: it averages a model that was still improving. A training loss
        whose window starts at or after an evaluation comes from a model that has trained
        further than the evaluated one, so on data like the validation split it should be at
        or below that evaluation's loss. A validation loss below the median of those, at every
        late evaluation and beyond their noise, is not the lag."""
        train, val = train.finite(), val.finite()
        order = np.argsort(train.steps, kind="stable")
        ordered = train.steps[order]
        # where each logged window starts: the step of the log before it
        window_start = np.concatenate(([-np.inf], ordered[:-1]))
        late = val.steps >= 0.5 * val.steps.max() if len(val) >= 4 else np.ones(len(val), bool)
        following = np.concatenate((val.steps[1:], [np.inf]))
        # the windows logged after each evaluation and before the next, wholly after it (a
        # window's start rises with its step, so those are the range's last ones)
        starts = np.maximum(
            np.searchsorted(ordered, val.steps, side="right"),
            np.searchsorted(window_start, val.steps, side="left"),
        )[late]
        stops = np.searchsorted(ordered, following, side="right")[late]
        compared = (stops > starts) & (val.values[late] > 0)
        if int(compared.sum()) < self.opt("later_evals"):
            return None
        values = val.values[late][compared]
        logged_after = range_medians(train.values[order], starts[compared], stops[compared])
        points = int((stops - starts)[compared].sum())
        gaps = logged_after - values
        if gaps.min() <= 0:
            return None  # one evaluation at or above the training loss logged after it
        if logged_after[-1] > logged_after[0] and values[-1] > values[0]:
            return None  # both rose: a model trained further is worse, not better
        sigma = batch_loss_sigma(train.values)
        noise = 3 * sigma / math.sqrt(points) if not math.isnan(sigma) else 0.0
        ratios = logged_after / values
        ratio = float(np.median(ratios))
        if float(gaps.mean()) < max(self.opt("min_gap"), noise) or ratio < self.opt("later_ratio"):
            return None
        step = int(val.steps[late][compared][-1])
        value, logged = float(values[-1]), float(logged_after[-1])
        mosaic = run.config.number("mosaic")
        augmented = run.format == "ultralytics" and (mosaic is None or mosaic > 0)
        speechbrain = run.framework == SPEECHBRAIN_LOG
        deit = run.framework == DEIT_LOG
        smoothing = run.config.number("label_smoothing")
        smoothed = bool(smoothing) and run.config.source("label_smoothing") not in (
            None,
            "assumed",
        )
        loud = ratio >= self.opt("warn_ratio") and not (
            augmented or speechbrain or deit or smoothed
        )
        if augmented:
            cause = (
                "Ultralytics trains with mosaic, colour and flip augmentation"
                + (f" (mosaic = {mosaic:g})" if mosaic is not None else ", on by default")
                + " and validates on plain images, so its training losses sit above "
                "validation by design."
            )
        elif speechbrain:
            cause = (
                "SpeechBrain's train loss is the epoch's mean in train mode, where its recipes "
                "augment the audio (speed perturbation, SpecAugment, added noise) and apply "
                "dropout; its valid loss is measured in eval mode on clean audio, so training "
                "sits above validation by design."
            )
        elif smoothed:
            cause = (
                f"The run trains with label smoothing ({run.config.native('label_smoothing')} "
                f"= {smoothing:g}): its training loss includes the smoothing term, which the "
                "validation loss does not, so training sits above validation by design."
            )
        elif loud:
            cause = (
                "That is more than dropout in the training forward pass usually adds: check "
                "whether the validation split is easier than the training data or overlaps "
                "it, and whether the two losses are the same quantity."
            )
        else:
            cause = (
                "Train-mode dropout, augmentation or label smoothing can add that much; if "
                "the model has none, check how the validation split was made."
            )
        return self.finding(
            "Validation loss is below the training loss logged after it",
            f"At each of the last {len(ratios)} evaluations the validation loss is below the "
            f"median training loss logged after it, which is {ratio:.2f}x the validation loss "
            f"(median; at step {step}: {logged:.4f} against {value:.4f}). Those training losses "
            "come from a model that had trained further, so the lag of a window mean does not "
            f"explain the gap. {cause} "
            "Measuring the training loss in eval mode on a training subset tells the two apart.",
            severity=Severity.warning if loud else Severity.info,
            evidence=[
                Evidence(label="val loss", value=round(value, 4), step=step),
                Evidence(label="training loss logged after it (median)", value=round(logged, 4)),
                Evidence(label="later training / val loss (median)", value=round(ratio, 3)),
                Evidence(label="evaluations compared", value=len(ratios)),
            ],
            impact=0.1 if loud else 0.03,
            impact_note="the validation curve may not measure generalisation",
        )

    def _standard_error(self, run: Run, gap: np.ndarray, window: np.ndarray) -> float:
        """Noise of the mean gap over `window`, from single-batch losses and eval_iters."""
        batch_losses = run.metric("train_loss")
        eval_iters = run.config.positive("eval_iters")
        if batch_losses is not None and eval_iters:
            sigma = batch_loss_sigma(batch_losses.values)
            if not math.isnan(sigma):
                return math.sqrt(2.0) * sigma / math.sqrt(eval_iters * window.size)
        finite = gap[np.isfinite(gap)]
        if finite.size >= 4:
            return float(np.std(np.diff(finite[-8:])) / math.sqrt(2.0 * window.size))
        return float("nan")
