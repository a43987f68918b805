"""What a rule reports: findings with evidence and fixes, or a reason it was skipped."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field


class Severity(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class Evidence(BaseModel):
    """One fact behind a finding, with the step it was seen at when there is one."""

    label: str
    value: Any
    step: int | None = None
    line: int | None = None


class Fix(BaseModel):
    """A config change: set `key` to `value`, because `reason`."""

    key: str
    value: Any
    reason: str
    current: Any = None


class Finding(BaseModel):
    rule: str
    code: str
    severity: Severity
    title: str
    message: str
    evidence: list[Evidence] = Field(default_factory=list)
    fixes: list[Fix] = Field(default_factory=list)
    impact: float = 0.0  # 0..1, orders findings of the same severity
    impact_note: str = ""
    restart_required: bool = False


class Skipped(BaseModel):
    rule: str
    reason: str


class SkipRule(Exception):
    """Raised by a rule that lacks the data it needs; the reason goes to the report."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
