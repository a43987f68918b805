"""divergence: the loss became NaN/inf, or ended above where it started."""

from __future__ import annotations

import math
from typing import ClassVar

import numpy as np

from capdiag.curves import running_median
from capdiag.findings import Evidence, Finding, Fix, Severity, SkipRule
from capdiag.rules.base import Rule, grad_clip_fix
from capdiag.run import Event, Run, Series

_LOSSES = ("train_loss", "val_loss", "eval_train_loss")


class Divergence(Rule):
    """Training diverged: a loss became NaN or infinite, or the loss ends above its start.

    A loss that is not finite, or a ``nan`` event, means the weights or the optimizer state
    are corrupt from that step on. A loss that ends above where it began is the slower form:
    the updates are too large for the curvature (too high a learning rate, too short a
    warmup, no clipping) and the model unlearns. capdiag judges this robustly: the start is
    the loss at initialisation (the first logged loss when the log starts at the first
    step, before any update, when every batch gives about ln(vocab); else the median of the
    first ``window`` points), the end the median of the last ``window`` logged losses, and
    the run diverged when the end is above the start by more than ``min_rise`` nats. The
    onset is the first non-finite step, or the last step where the running median
    (``window`` points) was within ``min_rise`` of its minimum before it rose above the start
    for good (the first update, when it never came back below the start). A run that only
    stalls at a high loss is a plateau (loss-plateau), not this.

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
    standard error near 0.08).
    """

    id = "divergence"
    code = "CD009"
    aliases: ClassVar[tuple[str, ...]] = ("diverged", "nan-loss")
    severity = Severity.error
    config_keywords: ClassVar[dict[str, float]] = {"window": 5, "min_rise": 0.1}

    def check(self, run: Run) -> list[Finding]:
        losses = [s for name in _LOSSES if (s := run.metric(name)) is not None]
        nan_events = [e for e in run.events if e.kind == "nan"]
        if not losses and not nan_events:
            raise SkipRule("the log has no loss")
        onset, what = self._non_finite(losses, nan_events)
        if onset is not None:
            return [self._report(run, onset, what, None, nan=True)]
        train = run.metric("train_loss")
        series = train if train is not None else run.metric("val_loss")
        if series is None:
            raise SkipRule("no loss series to follow")
        window = int(self.opt("window"))
        if len(series) < 3 * window:
            raise SkipRule("too few loss points to compare start and end")
        smooth = running_median(series.values, window)
        first = int(series.steps[0])
        at_init = first <= (0 if run.steps_start_at_zero else 1)
        # the loss before any update is ~ln(vocab) on every batch: one point is enough
        start = float(series.values[0]) if at_init else float(np.median(series.values[:window]))
        start_text = (
            f"at step {first}, before any update"
            if at_init
            else f"median of the first {window} points"
        )
        if not at_init and run.dims is not None and start > math.log(run.dims.vocab_size):
            # the first logged values came after updates (e.g. means over a logging window)
            # and are already above an untrained model's loss: start from that, ln(V)
            start = math.log(run.dims.vocab_size)
            start_text = (
                f"ln({run.dims.vocab_size}), the untrained model's loss; the first logged "
                "values, after updates, were already higher"
            )
        end = float(np.median(series.values[-window:]))
        if end - start <= self.opt("min_rise"):
            return []
        below = np.flatnonzero(smooth <= start + self.opt("min_rise"))
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
        return [self._report(run, onset_step, what, (series, start, end), nan=False)]

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
        evidence = [Evidence(label="onset", value=onset, step=onset)]
        if rise is not None:
            _, start, end = rise
            evidence += [
                Evidence(label="loss at start (median)", value=round(start, 4)),
                Evidence(label="loss at end (median)", value=round(end, 4), step=last),
            ]
        fixes: list[Fix] = []
        lr = c.number("learning_rate")
        if lr:
            fixes.append(
                Fix(
                    key=c.native("learning_rate"),
                    value=float(f"{lr / 10:.3g}"),
                    current=lr,
                    reason="the updates are too large for the loss surface; a tenth is a "
                    "safe starting point, then sweep up in steps of 3x",
                )
            )
        warmup = c.number("warmup_iters")
        if warmup is not None and warmup < 100:
            fixes.append(
                Fix(
                    key=c.native("warmup_iters"),
                    value=max(100, int(0.02 * (c.number("max_iters") or 0))),
                    current=int(warmup),
                    reason="ramp the learning rate up while Adam's second-moment estimates "
                    "are still poor",
                )
            )
        if warmup is not None and c.get("decay_lr") is False:
            fixes.append(
                Fix(
                    key=c.native("decay_lr"),
                    value=True,
                    current=False,
                    reason="nanoGPT applies warmup_iters only inside get_lr(), which it calls "
                    "only when decay_lr is on: with decay_lr = False there is no warmup",
                )
            )
        if (clip_fix := grad_clip_fix(run, "bounds the size of any single update")) is not None:
            fixes.append(clip_fix)
        if str(c.get("dtype", "")) == "float16":
            fixes.append(
                Fix(
                    key=c.native("dtype"),
                    value="bfloat16",
                    current="float16",
                    reason="bfloat16 has float32's range: no overflow, no GradScaler",
                )
            )
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
        message = (
            f"Training diverged: {what}. Everything after step {onset} is wasted.{resume} "
            "Lower the learning rate, warm up, clip gradients at 1.0, and prefer bfloat16 "
            "to float16."
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
