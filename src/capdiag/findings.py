"""What a rule reports: findings with evidence and fixes, or a reason it was skipped."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, Field


class Severity(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


def reaches(findings: Iterable[Finding], fail_on: str) -> bool:
    """A finding at or above `fail_on` (error, warning, info; never: none does)."""
    return fail_on != "never" and any(f.severity.rank >= Severity(fail_on).rank for f in findings)


# what a chart draws at an evidence's step (render/chart.py): a typed place, never parsed text
Mark = Literal[
    "best",  # overfitting: the lowest validation loss
    "plateau-start",
    "plateau-end",
    "spike",  # a loss spike's peak
    "divergence",  # the onset of a loss that ended above its start
    "nan",  # the first non-finite loss
    "low",  # loss-rising: the lowest point before the climb
    "resume",
    "crash",
    "slowdown",  # throughput: a lasting step-time regression starts
    "stall",
]


class Evidence(BaseModel):
    """One fact behind a finding, with the step it was seen at when there is one."""

    label: str = Field(description="what the value is")
    value: bool | int | float | str | None = Field(
        description="a number (fractions for ratios, integers for counts) or text"
    )
    step: int | None = Field(None, description="the training step it was seen at")
    line: int | None = Field(None, description="the line of the log or config it comes from")
    mark: Mark | None = Field(None, exclude=True)  # for charts, not part of the JSON report


class Fix(BaseModel):
    """A config change: set `key` to `value`, because `reason`."""

    key: str = Field(description="the config key, as the run's framework names it")
    value: Any = Field(description="the value to set")
    reason: str = Field(description="why this value")
    current: Any = Field(None, description="the value the run used")
    line: int | None = Field(None, description="the config file's line that sets the key")


class Finding(BaseModel):
    rule: str = Field(description="the rule id, e.g. param-count-mismatch")
    code: str = Field(description="the rule's stable code, e.g. CD001")
    severity: Severity
    title: str = Field(description="one line")
    message: str = Field(description="the explanation, with figures")
    evidence: list[Evidence] = Field(default_factory=list)
    fixes: list[Fix] = Field(default_factory=list)
    impact: float = Field(0.0, description="0..1: orders findings of the same severity")
    impact_note: str = Field("", description="what the impact is measured in, and why")
    restart_required: bool = Field(False, description="the fixes need a restart from step 0")
    assumptions: list[str] = Field(
        default_factory=list,
        description="assumed figures the finding rests on; such a finding is at most info",
    )
    rests_on: list[str] = Field(default_factory=list, exclude=True)


class Skipped(BaseModel):
    rule: str = Field(description="the rule id")
    reason: str = Field(description="the data the rule needed and did not find")


class SkipRule(Exception):
    """Raised by a rule that lacks the data it needs; the reason goes to the report."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
