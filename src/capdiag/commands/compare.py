"""`capdiag compare RUN RUN...`: did the fix work? Key figures side by side, the config
differences, the findings resolved, new and unchanged against the first run, and the loss
curves overlaid on tokens seen.

Registered in :mod:`capdiag.cli` as ``app.command("compare")(compare)``.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from capdiag.commands.options import (
    GpuOption,
    IgnoreOption,
    NumGpusOption,
    SelectOption,
    fail,
    resolve_rules,
)

if TYPE_CHECKING:
    from rich.console import Console

    from capdiag.compare import Comparison
    from capdiag.report import Report
    from capdiag.run import Run

CONFIG_SEPARATOR = "::"


class CompareFormat(StrEnum):
    text = "text"
    json = "json"


class FailOnNew(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


def split_run(text: str) -> tuple[Path, Path | None]:
    """``LOG`` or ``LOG::CONFIG``."""
    log, sep, config = text.partition(CONFIG_SEPARATOR)
    if sep and not (log and config):
        fail(f"{text!r}: expected LOG or LOG{CONFIG_SEPARATOR}CONFIG")
    return Path(log), Path(config) if sep else None


def compare(
    runs: Annotated[
        list[str],
        typer.Argument(
            help="Two or more runs (logs or run folders), the baseline first; LOG::CONFIG "
            "gives a run its config file.",
            metavar="RUN...",
            show_default=False,
        ),
    ],
    config: Annotated[
        list[Path] | None,
        typer.Option(
            "--config",
            "-c",
            help="Config files, one per run in the runs' order (instead of LOG::CONFIG).",
        ),
    ] = None,
    gpu: GpuOption = None,
    num_gpus: NumGpusOption = None,
    peak_tflops: Annotated[
        float | None, typer.Option(help="The GPU's dense peak TFLOPS, for MFU on any device.")
    ] = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    output: Annotated[
        CompareFormat, typer.Option("--format", "-f", help="Output: text or json.")
    ] = CompareFormat.text,
    fail_on_new: Annotated[
        FailOnNew,
        typer.Option(
            help="Exit 1 when a later run has a finding the baseline does not (or one whose "
            "severity rose) at this severity or above."
        ),
    ] = FailOnNew.never,
    width: Annotated[int, typer.Option(min=20, max=400, help="Chart width in columns.")] = 64,
    html: Annotated[
        Path | None,
        typer.Option(
            "--html",
            help="Also write the comparison as a self-contained HTML page (figures, config "
            "differences, findings, curves overlaid) to this file.",
        ),
    ] = None,
) -> None:
    """Compare runs against the first: figures, config differences, findings, curves."""
    from capdiag.analysis import NothingRead, analyze
    from capdiag.compare import compare as build
    from capdiag.compare import new_at_or_above
    from capdiag.load import InputError, load_run

    if len(runs) < 2:
        fail("compare takes two or more runs (the baseline first)")
    pairs = [split_run(text) for text in runs]
    if config:
        if any(c is not None for _, c in pairs):
            fail(f"give configs either with --config or as LOG{CONFIG_SEPARATOR}CONFIG, not both")
        if len(config) != len(pairs):
            fail(f"--config given {len(config)} times for {len(pairs)} runs: give one per run")
        pairs = [(log, c) for (log, _), c in zip(pairs, config, strict=True)]
    for log, cfg in pairs:
        for path in (log, cfg):
            if path is not None and not path.exists():
                fail(f"{path}: no such file")
    rules, options, settings = resolve_rules(select, ignore, None, pairs[0][0])
    loaded: list[tuple[Run, Report, str | None]] = []
    for log, cfg in pairs:
        try:
            run = load_run(
                log,
                cfg,
                gpu=gpu or settings.gpu,
                vram=settings.vram,
                num_gpus=num_gpus,
                peak_tflops=peak_tflops,
            )
            loaded.append((run, analyze(run, rules, options), str(cfg) if cfg else None))
        except (InputError, NothingRead) as exc:
            fail(str(exc))
    comparison = build(loaded)
    if html is not None:
        _write_html(comparison, [run for run, _, _ in loaded], html)
    if output is CompareFormat.json:
        import json

        from capdiag.render.json_out import jsonable

        typer.echo(json.dumps(jsonable(comparison.model_dump(mode="json")), indent=2))
    else:
        from rich.console import Console

        render_comparison(comparison, [run for run, _, _ in loaded], Console(), width)
    failing = [c for d in comparison.findings for c in new_at_or_above(d, fail_on_new.value)]
    if failing:
        raise typer.Exit(1)


def _write_html(comparison: Comparison, runs: list[Run], target: Path) -> None:
    from capdiag.render.compare_html import render_compare_html

    try:
        target.write_text(render_compare_html(comparison, runs), encoding="utf-8")
    except OSError as exc:
        fail(f"--html {target}: {exc.strerror}")
    typer.echo(f"capdiag: wrote the HTML comparison to {target}", err=True)


_SOURCE_STYLE = {"assumed": "yellow", "log": "dim", "config": "dim", "flag": "dim"}


def render_comparison(
    comparison: Comparison, runs: list[Run], console: Console, width: int
) -> None:
    from rich.table import Table
    from rich.text import Text

    from capdiag.compare import FIGURE_LABELS, figure_text, run_labels

    labels = run_labels(comparison)
    for label, r in zip(labels, comparison.runs, strict=True):
        config = f" --config {r.config}" if r.config else ""
        console.print(Text(f"{label} = {r.path}{config} ({r.framework})"))
    console.print()
    table = Table(title="key figures", title_justify="left")
    table.add_column("")
    for label in labels:
        table.add_column(label, justify="right", overflow="fold")
    for name, text in FIGURE_LABELS.items():
        cells = []
        for r in comparison.runs:
            f = r.figures[name]
            cell = Text(figure_text(name, f.value))
            if f.source:
                cell.append(f" {f.source}", _SOURCE_STYLE.get(f.source, "dim"))
            cells.append(cell)
        table.add_row(text, *cells)
    console.print(table)
    series = {r.train_series for r in comparison.runs} - {None}
    note = "train loss: eval-mode where the run logs it" if "eval_train_loss" in series else ""
    console.print(
        Text(
            "final/best: per-batch train losses as a running median of 9 points"
            + (f"; {note}" if note else ""),
            "dim",
        )
    )
    for label, r in zip(labels, comparison.runs, strict=True):
        if r.assumptions:
            console.print(Text(f"assumed ({label}): " + "; ".join(r.assumptions), "yellow"))
    console.print()
    _render_config(comparison, labels, console)
    _render_findings(comparison, labels, console)
    _render_curves(comparison, runs, labels, console, width)


def _render_config(comparison: Comparison, labels: list[str], console: Console) -> None:
    from rich.table import Table
    from rich.text import Text

    diffs = comparison.config_differences
    partial = [d for d in diffs if d.only_in_some]
    formats = {r.format for r in comparison.runs}
    if len(formats) > 1:  # frameworks name their settings differently: only shared keys
        diffs = [d for d in diffs if not d.only_in_some]
    if not diffs:
        console.print(Text("config: no differences between the runs' stated values", "dim"))
        console.print()
        return
    table = Table(title="config differences", title_justify="left")
    table.add_column("key")
    for label in labels:
        table.add_column(label, overflow="fold")
    for d in diffs:
        cells = []
        for value, origin in zip(d.values, d.origins, strict=True):
            if origin is None:
                cells.append(Text("(not set)", "dim"))
                continue
            text = Text(repr(value) if isinstance(value, str) else str(value))
            if origin in ("default", "framework-default"):
                text.append(" default", "dim")
            cells.append(text)
        table.add_row(Text(d.key), *cells)
    console.print(table)
    if len(formats) > 1 and partial:
        console.print(
            Text(
                f"{len(partial)} keys only some runs have are not listed (the runs' frameworks "
                "name their settings differently); --format json lists them",
                "dim",
            )
        )
    if comparison.config_differences_left_off:
        console.print(Text(f"... and {comparison.config_differences_left_off} more keys", "dim"))
    console.print()


_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}


def _render_findings(comparison: Comparison, labels: list[str], console: Console) -> None:
    from rich.text import Text

    for label, diff in zip(labels[1:], comparison.findings, strict=True):
        console.print(
            Text(
                f"findings of {label} against {labels[0]}: {len(diff.resolved)} resolved, "
                f"{len(diff.new)} new, {len(diff.changed)} changed, "
                f"{len(diff.unchanged)} unchanged",
                "bold",
            )
        )
        groups = (
            ("resolved", diff.resolved, "green"),
            ("new", diff.new, "red"),
            ("changed", diff.changed, "yellow"),
            ("unchanged", diff.unchanged, "dim"),
        )
        for word, changes, style in groups:
            for c in changes:
                severity = c.later or c.baseline or ""
                if word == "changed":
                    severity = f"{c.baseline} → {c.later}"
                console.print(
                    Text.assemble(
                        (f"  {word:<10}", style),
                        (f"{severity.upper():<9}", _STYLE.get(severity, "")),
                        (f"{c.code} {c.rule}  ", "dim"),
                        c.title,
                    )
                )
        console.print()


def _render_curves(
    comparison: Comparison, runs: list[Run], labels: list[str], console: Console, width: int
) -> None:
    from rich.text import Text

    from capdiag.compare import curve_x, smoothed, train_curve
    from capdiag.render.braille import chart

    on_tokens = comparison.x_axis == "tokens"
    if comparison.x_axis_note:
        console.print(Text(comparison.x_axis_note, "yellow"))
    for title, pick in (("train loss", train_curve), ("val loss", lambda r: r.metric("val_loss"))):
        curves = []
        for label, run in zip(labels, runs, strict=True):
            series = pick(run)
            if series is not None:
                curves.append((label, curve_x(run, series, on_tokens), smoothed(series)))
        if not curves:
            continue
        console.print(Text(title, "bold"))
        x_label = "tokens seen" if on_tokens else "step"
        for line in chart(curves, width=width, height=10, log_x=True, x_label=x_label):
            console.print(line, soft_wrap=True)
        console.print()
