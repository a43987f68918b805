"""Compare runs: key figures side by side, config differences, and which findings a later run
resolved, kept or added, against the first run (the baseline).

Each run is loaded and analysed exactly as ``capdiag analyze`` does (`load.load_run`,
`analysis.analyze`); this module only lines the results up.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel, Field

from capdiag.curves import running_median
from capdiag.findings import Finding, Severity
from capdiag.report import Report
from capdiag.run import Run, Series
from capdiag.units import human_count, pct

SMOOTH_POINTS = 9  # train-mode losses are per batch: final and best are of a running median


class Figure(BaseModel):
    """A number and where it comes from (log, config, flag, derived or assumed)."""

    value: float | None = None
    source: str | None = None


class ComparedRun(BaseModel):
    path: str
    config: str | None = Field(None, description="the config file given for this run")
    format: str
    framework: str
    figures: dict[str, Figure] = Field(
        default_factory=dict,
        description="n_params, tokens_per_param, final/best train/val loss, mfu, step_time_s",
    )
    train_series: str | None = Field(
        None, description="the series the train-loss figures come from"
    )
    assumptions: list[str] = Field(default_factory=list)
    findings: dict[str, str] = Field(
        default_factory=dict, description="rule id -> its worst severity in this run"
    )


class FindingChange(BaseModel):
    rule: str
    code: str
    title: str = Field(description="the later run's title (the baseline's when resolved)")
    baseline: str | None = Field(None, description="severity in the baseline, None: absent")
    later: str | None = Field(None, description="severity in the later run, None: absent")


class FindingsDiff(BaseModel):
    """One later run against the baseline, by rule id."""

    run: str
    resolved: list[FindingChange] = Field(default_factory=list)
    new: list[FindingChange] = Field(default_factory=list)
    changed: list[FindingChange] = Field(
        default_factory=list, description="in both, at a different severity"
    )
    unchanged: list[FindingChange] = Field(default_factory=list)


class ConfigDifference(BaseModel):
    key: str
    values: list[Any] = Field(description="per run; null where the run does not have the key")
    origins: list[str | None] = Field(
        description="per run: where the value comes from (default: the framework's default)"
    )
    only_in_some: bool = Field(False, description="some runs do not have the key at all")


class Comparison(BaseModel):
    """`capdiag compare --format json`."""

    runs: list[ComparedRun]
    config_differences: list[ConfigDifference] = Field(default_factory=list)
    config_differences_left_off: int = 0
    findings: list[FindingsDiff] = Field(default_factory=list)
    x_axis: str = Field(description="tokens or step: what the curves are aligned on")
    x_axis_note: str = ""


FIGURE_LABELS = {
    "n_params": "parameters",
    "tokens_per_param": "tokens per parameter",
    "final_train_loss": "final train loss",
    "best_train_loss": "best train loss",
    "final_val_loss": "final val loss",
    "best_val_loss": "best val loss",
    "mfu": "true MFU",
    "step_time_s": "step time (s)",
}


def run_labels(comparison: Comparison) -> list[str]:
    """Short names for the columns: the file or folder name, with its parent when two
    runs share a name."""
    paths = [Path(r.path) for r in comparison.runs]
    names = [p.name or str(p) for p in paths]
    if len(set(names)) < len(names):
        names = [str(Path(p.parent.name) / p.name) for p in paths]
    return [f"{i}: {n}" for i, n in enumerate(names, start=1)]


def figure_text(name: str, value: float | None) -> str:
    """A key figure as the comparison prints it."""
    if value is None:
        return "—"
    if name == "n_params":
        return human_count(value)
    if name == "mfu":
        return pct(value)
    if name == "tokens_per_param":
        return f"{value:.1f}"
    if name == "step_time_s":
        return f"{value:.3g}"
    return f"{value:.4f}"


def train_curve(run: Run) -> Series | None:
    """The train loss to compare: eval-mode train loss when the run logs it, else the
    logged train loss."""
    return run.metric("eval_train_loss") or run.metric("train_loss")


def smoothed(series: Series) -> np.ndarray:
    """Values as compared: a running median for per-batch (train-mode) losses."""
    if series.mode == "eval":
        return series.values
    return running_median(series.values, SMOOTH_POINTS)


def _final_best(series: Series | None) -> tuple[Figure, Figure]:
    if series is None:
        return Figure(), Figure()
    values = smoothed(series)
    finite = values[np.isfinite(values)]
    if not finite.size:
        return Figure(), Figure()
    last = values[-1]  # a run that ends in NaN ends in NaN: its final loss is not finite
    final = Figure(value=float(last) if np.isfinite(last) else None, source="log")
    return final, Figure(value=float(finite.min()), source="log")


def compared_run(run: Run, report: Report, config: str | None) -> ComparedRun:
    r = report.run
    src = r.sources
    train = train_curve(run)
    final_train, best_train = _final_best(train)
    final_val, best_val = _final_best(run.metric("val_loss"))

    def figure(name: str) -> Figure:
        value = getattr(r, name)
        return Figure(value=value, source=src.get(name, "assumed") if value is not None else None)

    worst: dict[str, str] = {}
    for finding in report.findings:
        old = worst.get(finding.rule)
        if old is None or Severity(old).rank < finding.severity.rank:
            worst[finding.rule] = finding.severity.value
    return ComparedRun(
        path=r.source,
        config=config,
        format=r.format,
        framework=r.framework,
        figures={
            "n_params": figure("n_params"),
            "tokens_per_param": figure("tokens_per_param"),
            "final_train_loss": final_train,
            "best_train_loss": best_train,
            "final_val_loss": final_val,
            "best_val_loss": best_val,
            "mfu": figure("mfu"),
            "step_time_s": figure("step_time_s"),
        },
        train_series=train.name if train is not None else None,
        assumptions=r.assumptions,
        findings=worst,
    )


def _first_by_rule(findings: list[Finding]) -> dict[str, Finding]:
    out: dict[str, Finding] = {}
    for f in findings:  # ranked: the worst of a rule comes first
        out.setdefault(f.rule, f)
    return out


def findings_diff(baseline: Report, later: Report) -> FindingsDiff:
    before, after = _first_by_rule(baseline.findings), _first_by_rule(later.findings)
    diff = FindingsDiff(run=later.run.source)
    for rule, f in before.items():
        if rule not in after:
            diff.resolved.append(
                FindingChange(rule=rule, code=f.code, title=f.title, baseline=f.severity.value)
            )
    for rule, f in after.items():
        old = before.get(rule)
        change = FindingChange(
            rule=rule,
            code=f.code,
            title=f.title,
            baseline=old.severity.value if old else None,
            later=f.severity.value,
        )
        if old is None:
            diff.new.append(change)
        elif old.severity is not f.severity:
            diff.changed.append(change)
        else:
            diff.unchanged.append(change)
    return diff


def new_at_or_above(diff: FindingsDiff, severity: str) -> list[FindingChange]:
    """Findings new in the later run, or whose severity rose, that reach `severity`."""
    if severity == "never":
        return []
    bar = Severity(severity).rank
    found = [c for c in diff.new if c.later and Severity(c.later).rank >= bar]
    for c in diff.changed:
        assert c.later is not None and c.baseline is not None
        if Severity(c.later).rank >= bar > Severity(c.baseline).rank:
            found.append(c)
    return found


MAX_CONFIG_ROWS = 500
_NOT_STATED = ("default", "framework-default")


def config_differences(runs: list[Run]) -> tuple[list[ConfigDifference], int]:
    """Keys whose values differ between the runs, then keys only some runs have, leaving out
    keys that every run only has as a default; at most MAX_CONFIG_ROWS, the rest counted."""
    keys: list[str] = []
    seen: set[str] = set()
    for run in runs:
        for key in run.config.values:
            if key not in seen:
                seen.add(key)
                keys.append(key)
    shared: list[ConfigDifference] = []
    partial: list[ConfigDifference] = []
    for key in keys:
        present = [key in run.config.values for run in runs]
        origins = [
            run.config.origins.get(key, "") if p else None
            for run, p in zip(runs, present, strict=True)
        ]
        if all(o is None or o in _NOT_STATED for o in origins):
            continue
        values = [run.config.values.get(key) for run in runs]
        if all(present) and all(_same(values[0], v) for v in values[1:]):
            continue
        row = ConfigDifference(
            key=key,
            values=[_plain(v) for v in values],
            origins=origins,
            only_in_some=not all(present),
        )
        (partial if row.only_in_some else shared).append(row)
    rows = shared + partial
    return rows[:MAX_CONFIG_ROWS], max(0, len(rows) - MAX_CONFIG_ROWS)


def _same(a: Any, b: Any) -> bool:
    """Equal as config values: 1 and 1.0 are, True and 1 are not."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return float(a) == float(b)
    return bool(a == b)


def _plain(value: Any) -> Any:
    """A config value as JSON can hold it (anything else as its repr, cut to 200 chars)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    text = repr(value)
    return text if len(text) <= 200 else text[:197] + "..."


def tokens_axis(runs: list[Run]) -> tuple[bool, str]:
    """Whether every run states its tokens per step, so curves align on tokens seen."""
    missing = [run.source for run in runs if not run.figures.tokens_per_iter]
    if not missing:
        return True, ""
    return False, (
        "curves aligned on step, not tokens: no tokens per step for "
        + ", ".join(missing)
        + " (pass --config with batch and sequence sizes)"
    )


def curve_x(run: Run, series: Series, on_tokens: bool) -> np.ndarray:
    """Where each point sits: tokens seen after it (optimizer steps x tokens per step), or
    its step. An eval at step N (nanoGPT, llm.c, HF) comes after N updates; a train loss at a
    0-based step N (nanoGPT) is the (N+1)-th update's."""
    steps = series.steps.astype(np.float64)
    if not on_tokens:
        return steps
    tokens_per_step = float(run.figures.tokens_per_iter or 0)
    updates = steps + (1 if series.mode != "eval" and run.steps_start_at_zero else 0)
    x: np.ndarray = updates * tokens_per_step
    return x


def compare(items: list[tuple[Run, Report, str | None]]) -> Comparison:
    runs = [run for run, _, _ in items]
    reports = [report for _, report, _ in items]
    differences, left_off = config_differences(runs)
    on_tokens, note = tokens_axis(runs)
    return Comparison(
        runs=[compared_run(run, report, config) for run, report, config in items],
        config_differences=differences,
        config_differences_left_off=left_off,
        findings=[findings_diff(reports[0], later) for later in reports[1:]],
        x_axis="tokens" if on_tokens else "step",
        x_axis_note=note,
    )
