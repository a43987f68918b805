"""grad-norm: gradient-norm explosions, and a clip that cuts every step."""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from capdiag.curves import SHORT_MIN, expanding_band, trailing_band, warmup_steps
from capdiag.findings import Evidence, Finding, Fix, Severity, SkipRule
from capdiag.rules.base import Rule, lower_lr_fix
from capdiag.run import Run, Series
from capdiag.stats import robust_sigma

# the most updates a dynamic loss scaler skips at the start while it halves from 2^32
SCALE_SEARCH = 32
# the logs' counts of skipped updates: DeepSpeed's running total, Megatron's per interval
SKIP_COUNTS = ("skipped_total", "skipped_iterations")


class GradNorm(Rule):
    """The global gradient norm explodes, or sits above ``grad_clip`` on most steps.

    Only formats that log the gradient norm can show this (llm.c's ``norm``, the HF
    Trainer's ``grad_norm``; nanoGPT prints none, and the rule is skipped). Both frameworks
    log the norm before clipping.

    *Explosions*: a logged norm more than ``ratio`` times the median of the ``window`` norms
    before it, and more than ``mads`` MAD-sigmas above it. The ratio guards against the
    tiny MAD of a smooth norm curve; the MAD guard against a noisy one. A norm of exactly 0
    (a step whose loss reached nothing trainable) is no scale, and is left out of the median
    (measured: a ChatGLM3 LoRA with a zero norm on 168 of 300 logs had its median pulled to
    0.015, and its ordinary norms called 700x explosions). Each explosion is
    reported with the loss at that step, and whether the next logged norm is back near the
    median (an isolated event) or not. With clipping on, every update is bounded: recurring
    explosions are a warning only when the loss jumped with one of them (more than
    ``felt_mads`` MAD-sigmas of the losses before it, and 0.1 nats), otherwise information
    (measured: a healthy Gemma-4 26B SFT run clipped at 1.0 has norms of 85x their median
    that the loss never shows). So are they where the run states no clip: a warning would
    rest on the assumption that nothing bounded them (the HF Trainer clips at 1.0 unless
    told otherwise), and the loss shows no harm (measured on the corpus: 8 fewer false
    alarms, one of them on a healthy BioBERT NER run, for 4 labelled explosions now named
    at information only). A short excerpt (fewer than ``2 * window`` norms, at
    least 6, as pasted into an issue) compares each norm with all the norms before it.

    *Non-finite norms*: a NaN or inf norm on most logged steps is an error (no update is
    finite); on some steps a warning; a few in a float16 run are the loss scaler at work, and
    so are a few followed by a finite training loss on every later logged step (at least
    ``window`` of them): a NaN written into the weights would have made the loss NaN.
    Where the log printed a non-finite loss at the same steps, the norm follows it: a warning
    that points to divergence, which has the cause (measured: labellers name the NaN norm as
    a fault of its own on every such run in the corpus but one; a NaN loss capdiag inferred,
    such as the HF Trainer's filtered 0.0, leaves the norm as the log's own evidence, at the
    severity above).

    *Clipping saturation* (info): with clipping at ``grad_clip``, a gradient is scaled by
    ``grad_clip / norm`` whenever the norm is larger. When the median norm after the early
    phase is more than ``saturation_ratio`` times the clip, most steps are clipped. With SGD
    that is a hidden learning-rate cut; with Adam, which divides by the gradients' running
    RMS, a clip that scales every step alike leaves the update size unchanged, so it is
    reported as information, not as a fault (measured: real fine-tunes clipped on nearly
    every step train normally). A median norm ``far_ratio`` times the clip or more is a
    warning: on the corpus the healthy runs' medians are at most 7.5x their clip (Gemma-4
    SFT), the broken fine-tunes' 17x (a QLoRA that starts at ln V) and 176x (a Qwen2.5-7B
    checkpoint that did not load). Where the run states no clip (or capdiag assumes the
    framework's default), a median norm of ``absurd_norm`` or more is a warning on its own:
    measured, every healthy run of the corpus has a median norm below 20, and the runs whose
    median is above 1,000 (up to 5.6e7) are all broken.

    *Skipped updates*: a float16 loss scaler skips an update whose gradients overflowed.
    When the log counts them (DeepSpeed's ``step=N, skipped=M``, Megatron's ``number of
    skipped iterations``) and ``skipped_share`` of the updates or more were skipped beyond
    the 32 a scaler may take at the start (halving from 2^32 until the gradients fit), it is
    a warning, an error from nine in ten (measured: the healthy DeepSpeed runs of the corpus
    skip at most 1.9%; the broken ones 63% to 100%; a Megatron run killed during its
    start-up search, 4 of 4 skipped, is not a fault).

    **Anti-pattern**

    Gradient norms that jump tenfold for several steps and keep doing so, while the loss
    jumps with them.

    **Best practice**

    Investigate recurring explosions (lower learning rate, longer warmup, bad batches), and
    clip at about 1.0 (GPT-2/3, llm.c, nanoGPT) so a single bad batch cannot move every
    weight.

    Options: ``window`` (default 50 logged points), ``ratio`` (default 10: measured on the
    two real llm.c GPT-2 124M runs, where the norm's ratio to its trailing median exceeds 5
    only twice in each (its 99.9th percentile is 1.8-1.9), at most 15.1 at s:8715 of the
    SiddanthEmani run and 7.5 at s:9025 of the modded-nanogpt llm.c baseline; an order of
    magnitude is an explosion), ``mads`` (default 6), ``felt_mads`` (default 4),
    ``saturation_ratio`` (default 1.5: the clip then cuts the median update by a third or
    more), ``far_ratio`` (default 10), ``absurd_norm`` (default 1000), ``early_fraction``
    (steps ignored for saturation, default 0.1, or the warmup if longer), ``skipped_share``
    (default 0.1).
    """

    id = "grad-norm"
    code = "CD011"
    aliases: ClassVar[tuple[str, ...]] = ("gradient-norm", "grad-clip")
    severity = Severity.warning
    config_keywords: ClassVar[dict[str, float]] = {
        "window": 50,
        "ratio": 10.0,
        "mads": 6.0,
        "felt_mads": 4.0,
        "saturation_ratio": 1.5,
        "far_ratio": 10.0,
        "early_fraction": 0.1,
        "absurd_norm": 1000.0,
        "skipped_share": 0.1,
    }

    def check(self, run: Run) -> list[Finding]:
        counted = any(run.metric(name) is not None for name in SKIP_COUNTS)
        skipped = self._skipped_updates(run) if counted else None
        norms = run.metric("grad_norm")
        if norms is None:
            if counted:
                return [skipped] if skipped is not None else []  # the skip count was judged
            raise SkipRule("the log has no gradient norm")
        findings: list[Finding] = [skipped] if skipped is not None else []
        non_finite = self._non_finite(run, norms)
        if non_finite is not None:
            findings.append(non_finite)
        norms = norms.finite()
        explosions = self._explosions(run, norms)
        if explosions is not None:
            findings.append(explosions)
        saturation = self._saturation(run, norms)
        if saturation is not None:
            findings.append(saturation)
        return findings

    def _skipped_updates(self, run: Run) -> Finding | None:
        """A float16 loss scaler that skipped `skipped_share` of the updates or more, as the
        log counts them: DeepSpeed's running ``skipped=``, or Megatron's skipped iterations
        per logging interval."""
        total = run.metric("skipped_total")
        total = total.finite() if total is not None else None
        interval = run.metric("skipped_iterations")
        if total is not None and len(total) and total.steps[-1] > 0:
            step, skipped = int(total.steps[-1]), int(total.values[-1])
            where = f"DeepSpeed's 'step={step}, skipped={skipped}'"
        elif interval is not None and len(interval.finite()) >= 2:
            counts = interval.finite()
            every = max(1, int(np.median(np.diff(counts.steps))))
            skipped = int(counts.values.sum())
            step = int(counts.steps[-1] - counts.steps[0]) + every
            where = f"Megatron's 'number of skipped iterations' over {len(counts)} logs"
        else:
            return None
        # a dynamic scaler starts high and halves on each overflow until the gradients fit:
        # up to 32 skips from 2^32 (Megatron's initial scale; DeepSpeed's is 2^16)
        if step <= 0:
            return None  # steps that do not move forward: no share to take
        share = (skipped - min(skipped, SCALE_SEARCH)) / step
        if share < self.opt("skipped_share"):
            return None
        most = share >= 0.9
        return self.finding(
            f"The fp16 loss scaler skipped {skipped:,} of {step:,} updates",
            f"{where}: beyond the {SCALE_SEARCH} skips a scaler may take to find its scale, "
            f"{share:.0%} of the steps overflowed (inf or NaN gradients in float16), and their "
            "updates were dropped while the loss scale was lowered. "
            + ("The model hardly trained at all. " if most else "Those steps trained nothing. ")
            + "A few skips while the scaler finds its scale are normal (the healthy DeepSpeed "
            "runs of capdiag's corpus skip at most 2%); this many mean the gradients do not fit "
            "in float16: train in bfloat16 (no loss scaler), or find what overflows (a too "
            "high learning rate, a model pretrained in bfloat16 run in float16).",
            evidence=[
                Evidence(label="updates skipped", value=skipped, step=step),
                Evidence(label="share skipped past the start-up search", value=round(share, 3)),
            ],
            severity=Severity.error if most else Severity.warning,
            impact=min(1.0, share),
            impact_note="skipped updates do not train",
        )

    def _non_finite(self, run: Run, norms: Series) -> Finding | None:
        bad = ~np.isfinite(norms.values)
        if not bad.any():
            return None
        loss = run.metric("train_loss")
        follows = False
        if loss is not None:
            # where the log printed a non-finite loss, the norm follows it and divergence has
            # the cause; a NaN loss capdiag inferred from this norm leaves the norm as the evidence
            printed = ~np.isfinite(loss.values)
            if loss.inferred_nan_steps is not None:
                printed &= ~np.isin(loss.steps, loss.inferred_nan_steps)
            follows = bool(np.isin(norms.steps[bad], loss.steps[printed]).all())
        count, total = int(bad.sum()), norms.values.size
        first = int(norms.steps[np.flatnonzero(bad)[0]])
        kind = "inf" if np.isinf(norms.values[bad]).all() else "NaN"
        share = count / total
        fp16 = str(run.config.get("dtype", "")) in ("float16", "fp16")
        if follows:
            severity = Severity.warning
            what = (
                f"The gradient norm is {kind} on {count} of {total} logged steps, from step "
                f"{first}, at steps where the printed training loss is not finite either (see "
                "divergence, which has the cause): those updates carry no usable gradient, so "
                "the weights do not learn there. Fix the loss first; the norm follows it."
            )
        elif share > 0.5:
            severity = Severity.error
            what = (
                f"The gradient norm is {kind} on {count} of {total} logged steps, from step "
                f"{first}: no update is finite, so clipping scales them to nothing (or NaN) and "
                "the weights cannot learn. Look for the first non-finite gradient: float16 "
                "overflow (use bfloat16), a NaN in the data, a log or division by zero in the "
                "loss, or a broken parameter (e.g. an uninitialised or tied weight)."
            )
        elif fp16 and count <= 3:
            severity = Severity.info
            what = (
                f"The gradient norm was {kind} on {count} step(s), from step {first}: in a "
                "float16 run the loss scaler skips such steps and lowers its scale; a few are "
                "normal."
            )
        elif count <= 3 and self._loss_finite_after(run, int(norms.steps[bad][-1])):
            severity = Severity.info
            what = (
                f"The gradient norm was {kind} on {count} step(s), from step {first}, and the "
                "training loss stayed finite on every logged step after: those updates were "
                "skipped (a loss scaler at work), not written into the weights. A few are "
                "normal."
            )
        else:
            severity = Severity.warning
            what = (
                f"The gradient norm was {kind} on {count} of {total} logged steps, first at "
                f"step {first}. Each such step either skipped its update or wrote NaN into the "
                "weights; find the batch or the operation that overflows."
            )
        return self.finding(
            f"Gradient norm is {kind} on {count} of {total} steps (from step {first})",
            what,
            severity=severity,
            evidence=[
                Evidence(label="non-finite grad norms", value=count),
                Evidence(label="logged grad norms", value=total),
                Evidence(label="first non-finite", value=kind, step=first),
            ],
            impact=min(1.0, 0.5 + share),
            impact_note="steps with a non-finite gradient do not train the model",
        )

    def _loss_finite_after(self, run: Run, step: int) -> bool:
        """The training loss is finite on every logged step after `step`, and on enough of
        them (`window`) to show the weights were not corrupted."""
        loss = run.metric("train_loss")
        if loss is None:
            return False
        after = loss.values[loss.steps > step]
        return after.size >= self.opt("window") and bool(np.isfinite(after).all())

    def _explosions(self, run: Run, norms: Series) -> Finding | None:
        window = int(self.opt("window"))
        steps, values = norms.steps, norms.values
        # a norm of exactly 0 is a step with no gradient (nothing trainable reached), not a
        # scale: the band is measured on the others
        scaled = np.where(values == 0, np.nan, values) if (values == 0).any() else values
        if len(norms) >= 2 * window:
            median, sigma = trailing_band(scaled, window)
        elif len(norms) >= SHORT_MIN:
            # a short excerpt (an issue paste): the band of every norm before each one
            median, sigma = expanding_band(scaled, 3)
        else:
            return None
        ok = np.isfinite(median) & (median > 0)
        with np.errstate(over="ignore", invalid="ignore"):  # norms near float max: inf, fine
            ratio = np.where(ok, values / np.where(ok, median, 1.0), 0.0)
            spread = np.where(sigma > 0, sigma, 1.0)
            robust = np.where(ok & (sigma > 0), (values - median) / spread, 0)
        hits = np.flatnonzero((ratio > self.opt("ratio")) & (robust > self.opt("mads")))
        if hits.size == 0:
            return None
        loss = run.metric("train_loss")
        evidence: list[Evidence] = []
        lines = []
        isolated = 0
        felt = 0  # explosions the loss jumped with
        for i in hits[np.argsort(-ratio[hits])][:5]:
            step = int(steps[i])
            back = i + 1 < values.size and values[i + 1] < 2 * median[i]
            isolated += int(back)
            loss_text = ""
            if loss is not None:
                at = np.flatnonzero(loss.steps == step)
                before = loss.values[(loss.steps < step) & (loss.steps >= step - window)]
                before = before[np.isfinite(before)]
                if at.size and before.size:
                    jump = float(loss.values[at[0]] - np.median(before))
                    noise = robust_sigma(before) if before.size >= 3 else 0.0
                    felt += int(jump > max(self.opt("felt_mads") * noise, 0.1))
                    loss_text = f", loss {float(loss.values[at[0]]):.4f} ({jump:+.3f} nats)"
                    evidence.append(
                        Evidence(label="loss", value=float(loss.values[at[0]]), step=step)
                    )
            lines.append(
                f"step {step}: norm {values[i]:.3g} = {ratio[i]:.1f}x the median "
                f"{median[i]:.3g}{loss_text}; "
                + ("back to normal the next step" if back else "still high the next step")
            )
            evidence.append(Evidence(label="grad norm", value=float(values[i]), step=step))
            evidence.append(
                Evidence(label="trailing median grad norm", value=round(float(median[i]), 4))
            )
        # one or two explosions in a long run are events, not a pattern (the same rate
        # loss-spike uses: more than 1 per 1,000 steps, or three or more)
        span = max(float(steps[-1] - steps[0]), 1.0)
        rare = hits.size <= 2 and hits.size / span * 1000 <= 1.0
        all_isolated = rare or (isolated == min(hits.size, 5) and hits.size <= 3)
        c = run.config
        fixes: list[Fix] = []
        clip = c.number("grad_clip")
        # explosions the loss never felt are noise in the norm, not a disturbance of the
        # weights, where a clip bounds each update or none is stated (a warning would rest
        # on the assumption that nothing bounded them)
        unfelt = (clip is None or clip > 0) and felt == 0
        if clip is not None and clip <= 0:
            fixes.append(
                Fix(
                    key=c.native("grad_clip"),
                    value=1.0,
                    current=clip,
                    reason="without clipping one exploding gradient moves every weight",
                )
            )
        if not all_isolated and not unfelt:
            lower = lower_lr_fix(run, 2, "recurring explosions mark the edge of stability")
            if lower is not None:
                fixes.append(lower)
        message = (
            f"The gradient norm exploded {hits.size} time(s) (more than "
            f"{self.opt('ratio'):g}x its trailing median and {self.opt('mads'):g} MADs above "
            "it): " + "; ".join(lines) + "."
        )
        if unfelt and not all_isolated:
            message += " The loss did not jump with them (or is not logged at those steps)"
            message += (
                f", and clipping at {clip:g} bounds every update, so they did not reach the "
                "weights."
                if clip is not None
                else "; the log does not state a clip (a framework's default may apply: the "
                "HF Trainer clips at 1.0 unless told otherwise)."
            )
        if all_isolated:
            message += (
                " Each was a single step and the norm came straight back: usually one unusual "
                "batch, and with gradient clipping on it costs little."
            )
        return self.finding(
            f"Gradient norm exploded {hits.size} time(s), up to {float(ratio[hits].max()):.0f}x",
            message,
            severity=Severity.info if all_isolated or unfelt else Severity.warning,
            evidence=evidence,
            fixes=fixes,
            impact=0.05 if all_isolated or unfelt else min(1.0, 0.1 * hits.size),
            impact_note=(
                "isolated steps; the loss recovers at once"
                if all_isolated
                else "updates the loss did not feel"
                if unfelt
                else "repeated large updates disturb training and can end in divergence"
            ),
        )

    def _saturation(self, run: Run, norms: Series) -> Finding | None:
        c = run.config
        if not len(norms):
            return None  # no finite norm left to judge
        last = float(norms.steps.max())
        warmup = warmup_steps(c.get("decay_lr"), c.number("warmup_iters"))
        early = max(warmup, self.opt("early_fraction") * last)
        keep = norms.steps >= early
        values, steps = norms.values[keep], norms.steps[keep]
        if values.size < 5:
            return None
        median = float(np.median(values))
        clip = c.number("grad_clip")
        stated = clip is not None and c.source("grad_clip") != "assumed"
        if median >= self.opt("absurd_norm") and not stated:
            return self._absurd(values, steps, median)
        if clip is None or clip <= 0:
            return None  # no clipping
        if median <= self.opt("saturation_ratio") * clip:
            return None
        above = float(np.mean(values > clip))
        scale = clip / median
        p90 = float(np.percentile(values, 90))
        message = (
            f"From step {int(steps[0])} on, {above:.0%} of the {values.size} logged gradient "
            f"norms are above the clip {c.native('grad_clip')} = {clip:g} (median "
            f"{median:.3g}, 90th percentile {p90:.3g}), so clipping rescales most updates (by "
            f"{scale:.2f} at the median). With Adam-type optimizers that costs little: Adam "
            "divides each update by the running RMS of the gradients, so a clip that scales "
            "every step alike leaves the update size unchanged; it only shifts weight toward "
            "the steps with smaller norms. With SGD it would be a hidden learning-rate cut."
        )
        far = median >= self.opt("far_ratio") * clip
        if far:
            message += (
                f" But a median norm {median / clip:.0f}x the clip is a symptom: the model is "
                "far from where training expects it (a start that is not the pretrained "
                "model, a loss summed instead of averaged, a learning rate too high for the "
                "size). Find why the gradients are that large."
            )
        return self.finding(
            f"Gradient norm is {median / clip:.0f}x the clip on the median step"
            if far
            else f"Gradient clipping is active on {above:.0%} of steps",
            message,
            evidence=[
                Evidence(label="grad clip", value=clip),
                Evidence(label="median grad norm", value=round(median, 4)),
                Evidence(label="share of steps above the clip", value=round(above, 3)),
                Evidence(
                    label="largest grad norm",
                    value=float(values.max()),
                    step=int(steps[int(np.argmax(values))]),
                ),
            ],
            severity=Severity.warning if far else Severity.info,
            impact=0.4 if far else round(min(1.0, 1.0 - scale) * 0.2, 3),
            impact_note=(
                "gradients an order of magnitude above the clip: something upstream is wrong"
                if far
                else "steps are reweighted by their gradient norm"
            ),
            rests_on=["config:grad_clip"],
        )

    def _absurd(self, values: np.ndarray, steps: np.ndarray, median: float) -> Finding:
        """A median norm orders of magnitude above any healthy run's, whatever the clip."""
        share = float(np.mean(values >= self.opt("absurd_norm")))
        where = "every step" if share == 1 else f"{share:.0%} of the logged steps"
        return self.finding(
            f"Gradient norm is {median:.3g} on the median step",
            f"From step {int(steps[0])} on, the median of the {values.size} logged gradient "
            f"norms is {median:.3g} (smallest {float(values.min()):.3g}). Healthy training "
            "keeps its global gradient norm between about 0.1 and 10; a norm this many orders "
            f"of magnitude above it on {where} means the loss or the model is broken, not "
            "noisy: a loss summed instead of averaged, a missing normalisation, a gradient "
            "scaled by a loss scaler and logged before unscaling, or weights far from any "
            "trained state. Find the cause before trusting any update; a clip only hides it.",
            evidence=[
                Evidence(label="median grad norm", value=round(median, 4)),
                Evidence(label="smallest grad norm", value=float(values.min())),
                Evidence(
                    label="largest grad norm",
                    value=float(values.max()),
                    step=int(steps[int(np.argmax(values))]),
                ),
            ],
            impact=0.5,
            impact_note="every update comes from a broken gradient",
        )
