"""`capdiag watch LOG`: follow a training log as it is written, report each finding once when
it appears, and stop a doomed run's supervisor early with ``--fail-fast``.

Registered in :mod:`capdiag.cli` as ``app.command("watch")(watch)``.
"""

from __future__ import annotations

import json
import signal
import sys
import time
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from capdiag.commands.options import (
    ConfigOption,
    DataDirOption,
    FailOnOption,
    GpuOption,
    IgnoreOption,
    NumGpusOption,
    SelectOption,
    SetOption,
    VramOption,
    fail,
    resolve_rules,
    settings_fail_on,
)

if TYPE_CHECKING:
    from capdiag.findings import Finding


class Severity(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"


class WatchFormat(StrEnum):
    text = "text"
    jsonl = "jsonl"


def _seconds(value: float | None, option: str) -> float | None:
    if value is not None and not 0 < value <= 1e7:
        fail(f"{option} {value:g}: expected seconds > 0")
    return value


def watch(
    log: Annotated[
        Path,
        typer.Argument(
            help="The training log being written (or a TensorBoard / W&B run folder).",
            metavar="LOG",
            show_default=False,
        ),
    ],
    config: ConfigOption = None,
    set_: SetOption = None,
    gpu: GpuOption = None,
    vram: VramOption = None,
    num_gpus: NumGpusOption = None,
    data_dir: DataDirOption = None,
    log_format: Annotated[
        str | None, typer.Option(help="Read the log as this format instead of detecting it.")
    ] = None,
    map_: Annotated[
        list[str] | None,
        typer.Option("--map", help="Name a metric's key in the log, e.g. --map loss=train/loss."),
    ] = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    option: Annotated[
        list[str] | None,
        typer.Option(help="Rule threshold, e.g. --option token-budget.max_ratio=8."),
    ] = None,
    fail_fast: Annotated[
        Severity | None,
        typer.Option(
            help="Exit 1 at the first finding of this severity or above (a supervisor can "
            "then stop the run)."
        ),
    ] = None,
    fail_on: FailOnOption = None,
    interval: Annotated[
        float, typer.Option(help="Seconds between looks at the log (polling, no inotify).")
    ] = 0.2,
    rules_every: Annotated[
        float,
        typer.Option(help="Re-run the rules at most this often, in seconds, when the run grew."),
    ] = 0.25,
    timeout: Annotated[
        float | None, typer.Option(help="Stop after this many seconds (for scripts).")
    ] = None,
    idle: Annotated[
        float | None,
        typer.Option(help="Stop when the log has not grown for this many seconds."),
    ] = None,
    output: Annotated[
        WatchFormat,
        typer.Option("--format", "-f", help="Output: text, or jsonl (a JSON line per finding)."),
    ] = WatchFormat.text,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Print each finding's explanation too.")
    ] = False,
) -> None:
    """Follow a growing log (like tail -f) and report each finding once, as it appears."""
    from capdiag.findings import Severity as FindingSeverity
    from capdiag.findings import reaches
    from capdiag.load import InputError, parse_sets
    from capdiag.parsers import LoadContext
    from capdiag.watch import Watcher, follow

    if str(log) == "-":
        fail("watch follows a file: write the log with `| tee train.log` and watch train.log")
    if not log.parent.is_dir():
        fail(f"{log}: no such folder {log.parent}")
    if config is not None and not config.is_file():
        fail(f"{config}: no such file")
    _seconds(timeout, "--timeout")
    _seconds(idle, "--idle")
    _seconds(interval, "--interval")
    if not 0 <= rules_every <= 3600:
        fail(f"--rules-every {rules_every:g}: expected seconds between 0 and 3600")
    rules, options, settings = resolve_rules(select, ignore, option, log)
    fail_on = fail_on or settings_fail_on(settings)
    metric_map = {}
    for item in [v.strip() for raw in map_ or [] for v in raw.split(",") if v.strip()]:
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            fail(f"--map expects metric=key, got {item!r}")
        metric_map[key.strip()] = value.strip()
    try:
        ctx = LoadContext(config_path=config, sets=parse_sets(set_ or []), metric_map=metric_map)
    except InputError as exc:
        fail(str(exc))
    finish: dict[str, Any] = {
        "num_gpus": num_gpus,
        "gpu": gpu or settings.gpu,
        "vram": vram or settings.vram,
        "data_dir": data_dir,
    }
    watcher = Watcher(log, ctx, rules, options, log_format, finish, min_gap=rules_every)
    bar = FindingSeverity(fail_fast.value).rank if fail_fast is not None else None

    def show(finding: Finding) -> bool:
        if output is WatchFormat.jsonl:
            from capdiag.render.json_out import jsonable

            data = jsonable(finding.model_dump(mode="json"))
            typer.echo(json.dumps({"time": time.time(), "finding": data}, ensure_ascii=False))
        else:
            stamp = time.strftime("%H:%M:%S")
            where = _where(finding)
            typer.echo(
                f"{stamp} {finding.severity.value.upper():<7} {finding.code} {finding.rule}  "
                f"{finding.title}{where}"
            )
            if verbose:
                typer.echo(f"    {finding.message}")
        sys.stdout.flush()
        return bar is not None and finding.severity.rank >= bar

    def notice(text: str) -> None:
        typer.echo(f"capdiag: watch: {text}", err=True)

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt  # a supervisor's SIGTERM ends the watch as Ctrl-C does

    if sys.platform != "win32":
        signal.signal(signal.SIGTERM, stop)
    try:
        if not log.exists():
            notice(f"waiting for {log} to appear")
        why = follow(watcher, show, notice, interval, timeout, idle)
        if why == "finding":
            notice(f"stopping: a finding reached --fail-fast {fail_fast}")
            raise typer.Exit(1)
        for finding in watcher.close():
            if show(finding):
                notice(f"stopping: a finding reached --fail-fast {fail_fast}")
                raise typer.Exit(1)
        notice(f"stopped ({why}): {_tally(watcher.findings)}; read as {watcher.mode}")
    except KeyboardInterrupt:
        notice(f"interrupted: {_tally(watcher.findings)}")
    except InputError as exc:
        fail(str(exc))
    raise typer.Exit(1 if reaches(watcher.findings, fail_on.value) else 0)


def _where(finding: Finding) -> str:
    for evidence in finding.evidence[:1]:
        if evidence.line is not None:
            return f"  (line {evidence.line})"
        if evidence.step is not None:
            return f"  (step {evidence.step})"
    return ""


def _tally(findings: list[Finding]) -> str:
    if not findings:
        return "no findings"
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.severity.value] = counts.get(f.severity.value, 0) + 1
    return ", ".join(f"{n} {severity}" for severity, n in counts.items())
