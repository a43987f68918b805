"""The rule interface. One module per rule; the class docstring is its documentation."""

from __future__ import annotations

import inspect
from typing import Any, ClassVar

from capdiag.findings import Evidence, Finding, Fix, Severity
from capdiag.run import Run


def grad_clip_fix(run: Run, reason: str) -> Fix | None:
    """``grad_clip = 1.0`` when the run clips at more than 1.0 or not at all (GPT-2/3, nanoGPT)."""
    clip = run.config.number("grad_clip")
    if clip is None or 0 < clip <= 1.0:
        return None
    return Fix(key=run.config.native("grad_clip"), value=1.0, current=clip, reason=reason)


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
