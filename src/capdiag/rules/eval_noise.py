"""eval-noise: evaluations too noisy for the differences the run is judged on."""

from __future__ import annotations

import math
from typing import ClassVar

import numpy as np

from capdiag.findings import Evidence, Finding, Fix, Severity, SkipRule
from capdiag.rules.base import Rule
from capdiag.run import Run
from capdiag.stats import batch_loss_sigma

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

    Options: ``ratio`` (standard error over median change that fires, default 1.0),
    ``min_se`` (smallest standard error worth reporting, nats, default 0.01), ``warn_se``
    (standard error in nats that makes it a warning, default 0.05).
    """

    id = "eval-noise"
    code = "CD015"
    severity = Severity.info
    config_keywords: ClassVar[dict[str, float]] = {"ratio": 1.0, "min_se": 0.01, "warn_se": 0.05}

    def check(self, run: Run) -> list[Finding]:
        batch = run.metric("train_loss")
        val = run.metric("val_loss")
        eval_iters = run.config.positive("eval_iters")
        if batch is None or batch.mode != "train-batch" or val is None or not eval_iters:
            raise SkipRule("needs single-batch losses, evaluations and eval_iters")
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
