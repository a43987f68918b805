"""The rule interface. One module per rule; the class docstring is its documentation."""

from __future__ import annotations

import inspect
import itertools
import math
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from capdiag.curves import start_level
from capdiag.findings import Evidence, Finding, Fix, Severity, SkipRule
from capdiag.run import HIGHER_IS_BETTER, LM_TRAINERS, LOWER_IS_BETTER, UNTRAINED_NATS, Run, Series
from capdiag.stats import slope_per_doubling


def grad_clip_fix(run: Run, reason: str) -> Fix | None:
    """``grad_clip = 1.0`` when the run clips at more than 1.0 or not at all (GPT-2/3, nanoGPT)."""
    clip = run.config.number("grad_clip")
    if clip is None or 0 < clip <= 1.0:
        return None
    return Fix(key=run.config.native("grad_clip"), value=1.0, current=clip, reason=reason)


# GPT-3's peak learning rates by size (Brown et al. 2020, Table 2.1), the reference recipe
# for models trained from scratch: (parameters, rate)
GPT3_LEARNING_RATES = (
    (125e6, 6.0e-4),
    (350e6, 3.0e-4),
    (760e6, 2.5e-4),
    (1.3e9, 2.0e-4),
    (2.7e9, 1.6e-4),
    (6.7e9, 1.2e-4),
    (13e9, 1.0e-4),
    (175e9, 0.6e-4),
)


def recipe_learning_rate(n_params: float) -> float:
    """GPT-3's table, interpolated in log-log between its sizes (flat beyond its ends)."""
    sizes = [math.log(n) for n, _ in GPT3_LEARNING_RATES]
    rates = [math.log(r) for _, r in GPT3_LEARNING_RATES]
    x = math.log(max(n_params, 1.0))
    if x <= sizes[0]:
        return GPT3_LEARNING_RATES[0][1]
    if x >= sizes[-1]:
        return GPT3_LEARNING_RATES[-1][1]
    for (x0, y0), (x1, y1) in itertools.pairwise(zip(sizes, rates, strict=True)):
        if x0 <= x <= x1:
            return math.exp(y0 + (y1 - y0) * (x - x0) / (x1 - x0))
    return GPT3_LEARNING_RATES[-1][1]


def lower_lr_fix(run: Run, factor: float, reason: str) -> Fix | None:
    """``learning_rate / factor``, unless the rate is already far below the published recipe
    for a from-scratch model of this size (then the rate is not the cause: no fix)."""
    c = run.config
    lr = c.number("learning_rate")
    if not lr or c.source("learning_rate") == "assumed":
        return None
    n_params = run.figures.n_params
    if run.fine_tune is not True and n_params and lr <= recipe_learning_rate(n_params) / 3:
        return None
    return Fix(
        key=c.native("learning_rate"),
        value=float(f"{lr / factor:.3g}"),
        current=lr,
        reason=reason,
    )


def half_precision_fix(run: Run, current: str, reason: str) -> Fix | None:
    """``dtype = 'bfloat16'`` where the GPU is known to have it; fp16 with a loss scaler on
    older GPUs (V100, T4, Turing) is left as it is."""
    from capdiag.arithmetic.gpus import find_gpu

    spec = find_gpu(run.gpu_name) if run.gpu_name else None
    if spec is None or not spec.peak_flops("bfloat16"):
        return None
    return Fix(key=run.config.native("dtype"), value="bfloat16", current=current, reason=reason)


class Rule:
    """Base class: subclasses set the class attributes and implement `check`."""

    id: ClassVar[str]
    code: ClassVar[str]
    aliases: ClassVar[tuple[str, ...]] = ()
    severity: ClassVar[Severity]
    # a rule whose findings only explain (at info, never louder): info is how it names a fault
    info_only: ClassVar[bool] = False
    # configurable thresholds and their defaults, e.g. {"tolerance": 0.1}
    config_keywords: ClassVar[dict[str, float]] = {}

    def __init__(self, **options: float) -> None:
        unknown = set(options) - set(self.config_keywords)
        if unknown:
            raise ValueError(f"{self.id}: unknown option(s) {', '.join(sorted(unknown))}")
        self.options = {**self.config_keywords, **options}

    def opt(self, name: str) -> float:
        return self.options[name]

    def check(self, run: Run) -> list[Finding]:
        raise NotImplementedError

    def outcome(self, run: Run) -> list[Finding]:
        """`check`, worked out once per run and options: the analysis and any rule that needs
        this rule's verdict share it. Raises the rule's `SkipRule` each time."""
        key = (self.id, tuple(sorted(self.options.items())))
        if key not in run._rule_outcomes:
            try:
                run._rule_outcomes[key] = self.check(run)
            except SkipRule as skip:
                run._rule_outcomes[key] = skip
        result = run._rule_outcomes[key]
        if isinstance(result, SkipRule):
            raise result
        return list(result)

    @classmethod
    def docs(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        return cls.docs().splitlines()[0] if cls.__doc__ else ""

    def finding(
        self,
        title: str,
        message: str,
        *,
        severity: Severity | None = None,
        evidence: list[Evidence] | None = None,
        fixes: list[Fix] | None = None,
        impact: float = 0.0,
        impact_note: str = "",
        restart_required: bool = False,
        rests_on: list[str] | None = None,
        **_: Any,
    ) -> Finding:
        """A finding; `rests_on` names the figures (or ``config:KEY``) it depends on."""
        return Finding(
            rule=self.id,
            code=self.code,
            severity=severity or self.severity,
            title=title,
            message=message,
            evidence=evidence or [],
            fixes=fixes or [],
            impact=impact,
            impact_note=impact_note,
            restart_required=restart_required,
            rests_on=rests_on or [],
        )


def loss_start(
    run: Run, series: Series, window: int, blowup_nats: float
) -> tuple[float, str] | None:
    """Where a loss series starts, and how that was measured: its first point when the log
    starts before any update (an untrained model's loss is about ln V on every batch), else
    the median of its first `window` points; ln V, when the run states its vocabulary, if
    a run from scratch (or one that ends worse than uniform) first logged above it after
    updates (an assumed vocabulary moves no start). None when the start is below 0
    (no likelihood of discrete data: a policy-gradient surrogate, a DPO margin)."""
    first = int(series.steps[0])
    at_init = first <= run.init_step
    start = start_level(series.values, series.steps, run.init_step, window)
    if start < 0:
        return None
    text = (
        f"at step {first}, before any update" if at_init else f"median of the first {window} points"
    )
    from_scratch = run.fine_tune is False or (run.fine_tune is None and run.format in LM_TRAINERS)
    stated = run.dims is not None and run.source_of("vocab_size") != "assumed"
    worse_than_uniform = (
        stated
        and run.dims is not None
        and float(np.median(series.values[-window:])) > math.log(run.dims.vocab_size) + blowup_nats
    )
    if (
        not at_init
        and (from_scratch or worse_than_uniform)
        and stated
        and run.dims is not None
        and start > math.log(run.dims.vocab_size)
    ):
        start = math.log(run.dims.vocab_size)
        text = (
            f"ln({run.dims.vocab_size}), the untrained model's loss; the first logged "
            "values, after updates, were already higher"
        )
    return start, text


@dataclass
class EarlyBlowup:
    """An early peak of a loss's running median far above where it started."""

    step: int
    peak: float
    ref: float  # the start it rose above
    first: int  # the series' first and last steps
    last: int
    recovered: int | None  # the step where its running median was back at the start

    def evidence(self) -> list[Evidence]:
        out = [
            Evidence(label="start", value=round(self.ref, 4)),
            Evidence(
                label="early peak (running median)", value=round(self.peak, 4), step=self.step
            ),
        ]
        if self.recovered is not None:
            out.append(
                Evidence(label="back to its start", value=self.recovered, step=self.recovered)
            )
        return out

    def share_to_recover(self) -> float:
        """The share of the run's steps spent going up and back down (1 if it never did)."""
        if self.recovered is None:
            return 1.0
        return (self.recovered - self.first) / max(self.last - self.first, 1)


def early_blowup(
    run: Run, series: Series, smooth: np.ndarray, start: float, sigma: float, blowup_nats: float
) -> EarlyBlowup | None:
    """The running median's peak in the first third of the series, when it is more than
    `blowup_nats` (and three sigmas of the run's scatter) above the start: the first
    logged loss, or ln V when the vocabulary is stated, if higher. A pretrained model's first
    batch (below UNTRAINED_NATS) varies as any batch does: its noise widens the margin.
    It came back where its running median is at its start again, and no more than
    `blowup_nats` above ln V: a first log already far above it (after updates) is no start
    to come back to."""
    n = smooth.size
    head = smooth[: max(3, n // 3)]
    if not np.isfinite(head).any():
        return None
    ref = max(start, float(series.values[0]))
    back_to = ref  # where the loss must come back to: its start, and no worse than uniform
    if run.dims is not None and run.source_of("vocab_size") != "assumed":
        uniform = math.log(run.dims.vocab_size)
        ref = max(ref, uniform)
        back_to = min(ref, uniform + blowup_nats)
    peak_i = int(np.nanargmax(head))
    peak = float(head[peak_i])
    noise = 3 * sigma if math.isfinite(sigma) else 0.0
    margin = max(blowup_nats, noise)
    if ref == float(series.values[0]) and ref < UNTRAINED_NATS:
        margin += noise
    if peak - ref <= margin:
        return None
    step = int(series.steps[peak_i])
    steps = series.steps
    back = np.flatnonzero((steps > step) & (smooth <= back_to))
    return EarlyBlowup(
        step=step,
        peak=peak,
        ref=ref,
        first=int(steps[0]),
        last=int(steps[-1]),
        recovered=int(steps[back[0]]) if back.size else None,
    )


def warmup_fixes(run: Run) -> list[Fix]:
    """A warmup where the stated config has none: nanoGPT's decay_lr = False skips it."""
    c = run.config
    warmup = c.number("warmup_iters")
    if warmup and c.get("decay_lr") is False and c.source("decay_lr") != "assumed":
        return [
            Fix(
                key=c.native("decay_lr"),
                value=True,
                current=False,
                reason="nanoGPT warms up only inside get_lr(), which runs only when decay_lr "
                "is on: with decay_lr = False there is no warmup",
            )
        ]
    if warmup is not None and warmup < 100 and c.source("warmup_iters") != "assumed":
        return [
            Fix(
                key=c.native("warmup_iters"),
                value=max(100, int(0.02 * (c.number("max_iters") or 0))),
                current=int(warmup),
                reason="ramp the learning rate up while Adam's second-moment estimates are "
                "still poor",
            )
        ]
    return []


def metric_still_improving(run: Run, since: int) -> str:
    """An evaluation metric (WER, accuracy, a reward margin, ...) that kept improving from
    step `since`, by at least 2% of its level: the loss is not what the run is judged on.
    The sentence that says so, or "" when none did."""
    for name, series in run.series.items():
        low = name.lower()
        if not low.startswith("eval_") or "loss" in low:
            continue
        sign = (
            -1.0
            if any(k in low for k in LOWER_IS_BETTER)
            else 1.0
            if any(k in low for k in HIGHER_IS_BETTER)
            else 0.0
        )
        finite = series.finite()
        keep = finite.steps >= since
        if sign == 0.0 or int(keep.sum()) < 4:
            continue
        x, y = finite.steps[keep], finite.values[keep]
        slope, se = slope_per_doubling(x, y)
        span = float(np.log2(x.max() / max(x.min(), 1)))
        level = float(np.abs(y).mean())
        if not (sign * slope > 2 * se) or level == 0 or abs(slope) * span < 0.02 * level:
            continue
        return (
            f"But {name} kept improving over those steps ({y[0]:.4g} to {y[-1]:.4g}): "
            "the loss is flat, the task metric the run is judged on is not."
        )
    return ""
