"""eval-noise: evaluations too noisy for the differences the run is judged on."""

from __future__ import annotations

import math
from typing import ClassVar

import numpy as np

from capdiag.findings import Evidence, Finding, Fix, Severity, SkipRule
from capdiag.rules.base import Rule
from capdiag.run import Run
from capdiag.stats import MAD_TO_SIGMA, batch_loss_sigma

MAX_EVAL_ITERS = 1e6  # batches per evaluation past any real eval budget


class EvalNoise(Rule):
    """Each evaluation is noisier than the changes between evaluations.

    An evaluation averages ``eval_iters`` batches, so its standard error is the spread of a
    single-batch loss divided by the square root of ``eval_iters``. capdiag measures that
    spread from the run's own per-iteration losses (differences of consecutive logged
    losses, median absolute deviation) and compares the standard error with the median
    change between consecutive evaluations over the second half of the run. When the noise
    is larger, "best validation loss", the checkpoint nanoGPT keeps, and any comparison
    between nearby evaluations are decided by noise. More ``eval_iters`` shrinks the error
    with its square root, at the cost of eval time.

    **Anti-pattern**

    ``eval_iters = 20`` on 768-token batches: a standard error of 0.029 nats while
    consecutive evaluations differ by 0.021 (measured on a real nanoGPT CPU run).

    **Best practice**

    ``eval_iters`` large enough that the standard error is about half the differences you
    act on (nanoGPT's default is 200).

    A standard error under ``min_se`` (0.01 nats, about 0.3% of a typical language-model
    loss) is left alone: differences that small are rarely acted on, and on a plateau every
    change between evaluations is that small.

    Where the run logs no single-batch losses or no ``eval_iters`` (the HF Trainer, Keras,
    Lightning, most scripts), the evaluations' own zig-zag is the measure: over the second
    half of the evaluations (at least the last four), the noise of one evaluation is the
    spread of the changes between consecutive ones (MAD-sigma over sqrt 2). When it is
    ``zigzag_share`` of the loss's level or more, at least ``warn_se`` nats, and the
    changes reverse direction at ``zigzag_reversals`` of the evaluations or more, the
    curve goes up and down by a third of its height from one evaluation to the next: a
    small or unrepresentative validation set, or a model that flips between states
    (measured: a ViT and an XLM-R classifier on validation sets of about 200 examples, a
    GPT-2 spam classifier; the largest share on a healthy run of the corpus with at least
    half its changes reversing is under 0.25, and far under ``warn_se``).

    Options: ``ratio`` (standard error over median change that fires, default 1.0),
    ``min_se`` (smallest standard error worth reporting, nats, default 0.01), ``warn_se``
    (standard error in nats that makes it a warning, default 0.05), ``zigzag_share``
    (default 0.3) and ``zigzag_reversals`` (default 0.5).
    """

    id = "eval-noise"
    code = "CD015"
    severity = Severity.info
    config_keywords: ClassVar[dict[str, float]] = {
        "ratio": 1.0,
        "min_se": 0.01,
        "warn_se": 0.05,
        "zigzag_share": 0.3,
        "zigzag_reversals": 0.5,
    }

    def _zigzag(self, run: Run) -> list[Finding]:
        """Evaluations whose changes swing by a large share of their level, back and forth."""
        val = run.metric("val_loss")
        if val is None or len(val.finite()) < 5:
            raise SkipRule("needs at least five evaluations")
        val = val.finite()
        # the second half of the evaluations, and at least the last four
        first = min(int(np.argmax(val.steps >= val.steps.max() / 2)), len(val) - 4)
        values, steps = val.values[first:], val.steps[first:]
        changes = np.diff(values)
        noise = MAD_TO_SIGMA * float(np.median(np.abs(changes))) / math.sqrt(2)
        level = float(np.median(np.abs(values)))
        reversals = float(np.mean(np.sign(changes[1:]) != np.sign(changes[:-1])))
        if (
            level <= 0
            or noise < self.opt("zigzag_share") * level
            or noise < self.opt("warn_se")
            or reversals < self.opt("zigzag_reversals")
        ):
            return []
        shown = ", ".join(f"{v:.4g}" for v in values[:8])
        return [
            self.finding(
                f"Evaluations swing by {noise / level:.0%} of their level from one to the next",
                f"Over the last {values.size} evaluations (steps {int(steps[0])} to "
                f"{int(steps[-1])}: {shown}{', ...' if values.size > 8 else ''}) the "
                f"validation loss changes by about ±{noise:.3g} from one evaluation to the "
                f"next, {noise / level:.0%} of its level {level:.3g}, and reverses direction "
                f"at {reversals:.0%} of them. The best evaluation, and the checkpoint or early "
                "stop chosen on it, is decided by noise. Evaluate on a larger validation set "
                "(a few thousand examples), or average over more batches.",
                severity=Severity.warning,
                evidence=[
                    Evidence(label="noise of one evaluation", value=round(noise, 4)),
                    Evidence(label="level of the validation loss", value=round(level, 4)),
                    Evidence(label="share of changes that reverse", value=round(reversals, 3)),
                ],
                impact=0.1,
                impact_note="decisions taken on noise; no direct effect on the loss",
            )
        ]

    def check(self, run: Run) -> list[Finding]:
        batch = run.metric("train_loss")
        val = run.metric("val_loss")
        eval_iters = run.config.positive("eval_iters")
        if batch is None or batch.mode != "train-batch" or val is None or not eval_iters:
            return self._zigzag(run)
        sigma = batch_loss_sigma(batch.values)
        late = val.finite()
        late_values = late.values[late.steps >= late.steps.max() / 2] if len(late) else late.values
        if math.isnan(sigma) or late_values.size < 4:
            raise SkipRule("too few losses to estimate the noise")
        se = sigma / math.sqrt(eval_iters)
        change = float(np.median(np.abs(np.diff(late_values))))
        if change <= 0 or se <= self.opt("ratio") * change or se < self.opt("min_se"):
            return []
        ratio = se / (change / 2)
        needed_iters = eval_iters * ratio * ratio  # inf past float range, never an error
        if not needed_iters <= MAX_EVAL_ITERS:
            return []  # no eval_iters resolves changes this small: nothing to tune
        needed = math.ceil(needed_iters)
        return [
            self.finding(
                f"Evaluations are noisier ({se:.3f}) than their changes ({change:.3f})",
                f"With eval_iters = {eval_iters:.0f} each evaluation has a standard error of "
                f"about {se:.4f} nats (single-batch spread {sigma:.4f} / sqrt({eval_iters:.0f})), "
                f"but over the second half of the run consecutive evaluations differ by a "
                f"median {change:.4f}. Which evaluation is 'best', and the checkpoint kept for "
                f"it, is decided by noise. eval_iters = {needed} brings the error to half the "
                "typical change (eval time grows in proportion).",
                severity=Severity.warning if se >= self.opt("warn_se") else Severity.info,
                evidence=[
                    Evidence(label="eval_iters", value=int(eval_iters)),
                    Evidence(label="single-batch loss spread", value=round(sigma, 4)),
                    Evidence(label="standard error of one evaluation", value=round(se, 4)),
                    Evidence(label="median change between evaluations", value=round(change, 4)),
                ],
                fixes=[
                    Fix(
                        key=run.config.native("eval_iters"),
                        value=needed,
                        current=int(eval_iters),
                        reason="standard error at half the change between evaluations",
                    )
                ],
                impact=0.1,
                impact_note="decisions taken on noise; no direct effect on the loss",
            )
        ]
