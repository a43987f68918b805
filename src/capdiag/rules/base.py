"""The rule interface. One module per rule; the class docstring is its documentation."""

from __future__ import annotations

import inspect
import itertools
import math
from typing import Any, ClassVar

from capdiag.findings import Evidence, Finding, Fix, Severity
from capdiag.run import Run


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
