"""loss-plateau: the loss has stopped improving."""

from __future__ import annotations

from typing import ClassVar

from capdiag.findings import Evidence, Finding, Fix, Severity, SkipRule
from capdiag.rules.base import Rule
from capdiag.run import Run, Series
from capdiag.scaling import CHINCHILLA_TOKENS_PER_PARAM
from capdiag.stats import slope_per_doubling

ZERO_LOSS = 0.01  # nats: a loss this close to zero has memorised, not plateaued


class LossPlateau(Rule):
    """The loss has stopped improving over the last doubling of training.

    Language-model losses fall roughly linearly in the logarithm of tokens seen, so
    capdiag measures progress per doubling: it fits the loss against log2(step) over the
    second half of the run (the last doubling of tokens) and reports a plateau when even the
    optimistic end of the slope (two standard errors) improves less than ``min_gain`` nats
    per doubling. It prefers the evaluation loss (mean of many batches) and falls back to the
    per-iteration loss. A rising loss is not a plateau: a rising validation loss is
    overfitting, a rising training loss is loss-rising or divergence. A loss at zero has
    memorised its data and is left to overfitting. In a fine-tune a flattening loss is the
    expected end of training, so there it is info (measured on real LoRA and continued-
    pretraining runs whose labels call the flattening normal). The finding names the likely
    cause when another signal shows it: a model trained far past its compute-optimal token
    count, or a learning rate that never decays.

    **Anti-pattern**

    Training on for thousands more steps once the loss gains less than 0.02 nats per
    doubling of tokens.

    **Best practice**

    Stop, and spend the compute where the other findings point (usually a bigger model).

    Options: ``min_gain`` (nats per doubling, default 0.02), ``min_points`` (default 6).
    """

    id = "loss-plateau"
    code = "CD006"
    aliases: ClassVar[tuple[str, ...]] = ("plateau", "stalled-loss")
    severity = Severity.warning
    config_keywords: ClassVar[dict[str, float]] = {"min_gain": 0.02, "min_points": 6}

    def _series(self, run: Run) -> Series:
        val = run.metric("val_loss")
        if val is not None and len(val.finite()) >= self.opt("min_points") * 2:
            return val.finite()
        train = run.metric("train_loss")
        if train is not None and len(train.finite()) >= self.opt("min_points") * 4:
            return train.finite()
        raise SkipRule("too few loss points to judge a trend")

    def check(self, run: Run) -> list[Finding]:
        series = self._series(run)
        last = int(series.steps.max())
        if last < 100:
            raise SkipRule("run too short")
        tail = series.steps >= last / 2
        steps, values = series.steps[tail], series.values[tail]
        if steps.size < self.opt("min_points"):
            raise SkipRule("too few loss points in the last doubling of training")
        slope, se = slope_per_doubling(steps, values)
        if slope != slope:  # nan
            raise SkipRule("could not fit the loss trend")
        if slope > 2 * se:
            return []  # rising: overfitting, loss-rising or divergence, not a plateau
        if abs(float(values[-1])) < ZERO_LOSS:
            raise SkipRule("the loss is at zero: nothing left to learn (see overfitting)")
        best_case_gain = -slope + 2 * se
        if best_case_gain >= self.opt("min_gain"):
            return []
        causes = []
        fixes: list[Fix] = []
        tpp = run.figures.tokens_per_param
        if tpp and tpp > 4 * CHINCHILLA_TOKENS_PER_PARAM:
            causes.append(
                f"the model has seen {tpp:.0f} tokens per parameter, far past compute-optimal "
                "(see token-budget): its capacity is the limit, and a bigger model is the fix"
            )
        if run.config.get("decay_lr") is False:
            causes.append("the learning rate never decays")
            fixes.append(
                Fix(key="decay_lr", value=True, current=False, reason="annealing lowers the loss")
            )
        cause = (" Likely cause: " + "; ".join(causes) + ".") if causes else ""
        if run.fine_tune:
            # a fine-tune converges by design: flattening is the expected end, not a fault
            cause += (
                " In a fine-tune of a pretrained model a flattening loss is the expected end "
                "of training; what matters is the validation loss (see overfitting)."
            )
        which = "validation" if series.mode == "eval" else "training"
        message = (
            f"Over the last doubling of training (steps {int(steps[0])} to {last}) the {which} "
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
                severity=Severity.info if run.fine_tune else Severity.warning,
                fixes=[] if run.fine_tune else fixes,
                impact=0.4,
                impact_note="further steps are spent for little loss",
            )
        ]
