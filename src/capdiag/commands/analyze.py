"""`capdiag analyze`: ranked findings for one run or many, and the config change that fixes
each."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from capdiag.commands.options import (
    ConfigOption,
    DataDirOption,
    FailOnOption,
    FormatOption,
    GpuOption,
    IgnoreOption,
    NumGpusOption,
    OutputFormat,
    OutputOption,
    QuietOption,
    SelectOption,
    SetOption,
    VerboseOption,
    VramOption,
    emit,
    fail,
    resolve_rules,
    settings_fail_on,
    split_list,
)

if TYPE_CHECKING:
    from capdiag.report import Report
    from capdiag.run import Run


def analyze(
    logs: Annotated[
        list[Path],
        typer.Argument(
            help="Training logs or run folders (a folder of runs is searched); - reads stdin.",
            metavar="LOG...",
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
        str | None,
        typer.Option(help="Read the input as this format instead of detecting it."),
    ] = None,
    map_: Annotated[
        list[str] | None,
        typer.Option("--map", help="Name a metric's key in the log, e.g. --map loss=train/loss."),
    ] = None,
    peak_tflops: Annotated[
        float | None,
        typer.Option(
            help="The GPU's dense peak TFLOPS for the run's dtype: MFU on any device, "
            "e.g. one not in `capdiag gpus`."
        ),
    ] = None,
    output: FormatOption = OutputFormat.text,
    fail_on: FailOnOption = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    option: Annotated[
        list[str] | None,
        typer.Option(help="Rule threshold, e.g. --option token-budget.max_ratio=8."),
    ] = None,
    verbose: VerboseOption = False,
    output_file: OutputOption = None,
    quiet: QuietOption = False,
    write_config: Annotated[
        Path | None,
        typer.Option(
            help="Write the fixed config (the fix plan applied, comments kept) to this file."
        ),
    ] = None,
    html: Annotated[
        Path | None,
        typer.Option(
            "--html",
            help="Also write a self-contained HTML report (curves with the findings marked, "
            "speed, findings, fix plan) to this file.",
        ),
    ] = None,
    plot: Annotated[
        bool,
        typer.Option(
            "--plot", help="Draw the loss curves with the findings marked in the text report."
        ),
    ] = False,
) -> None:
    """Diagnose training runs: ranked findings and the config change that fixes each."""
    from capdiag.analysis import NothingRead
    from capdiag.analysis import analyze as run_analysis
    from capdiag.load import InputError, load_run
    from capdiag.many import expand

    if plot and output is not OutputFormat.text:
        fail("--plot draws on the text report: use it with --format text")
    log = logs[0]
    rules, options, settings = resolve_rules(select, ignore, option, log)
    fail_on = fail_on or settings_fail_on(settings)
    metric_map = {}
    for item in split_list(map_):
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            fail(f"--map expects metric=key, got {item!r}")
        metric_map[key.strip()] = value.strip()
    for path in logs:
        if str(path) != "-" and not path.exists():
            fail(f"{path}: no such file")
    runs = [log] if logs == [Path("-")] else expand(logs)
    if not runs:
        fail(f"no training runs found under {', '.join(map(str, logs))}")
    if len(logs) == 1 and len(runs) == 1:
        log = runs[0]  # one run: the path given, or the one run found under it
    if runs != [log]:
        one_run = (config, write_config, html)
        if any(x is not None for x in one_run) or set_ or plot or "-" in map(str, logs):
            fail("--config, --set, --write-config, --html, --plot and - take one run, not several")
        from capdiag.many import analyze_runs
        from capdiag.render.summary import emit_many

        load_options: dict[str, Any] = {
            "gpu": gpu or settings.gpu,
            "vram": vram or settings.vram,
            "num_gpus": num_gpus,
            "log_format": log_format,
            "metric_map": metric_map,
            "data_dir": data_dir,
            "peak_tflops": peak_tflops,
            "rules": rules,
            "rule_options": options,
        }
        results = analyze_runs(runs, None, **load_options)
        code = emit_many(
            results, len(runs), output.value, fail_on.value, verbose, output_file, quiet
        )
        raise typer.Exit(code)
    stdin_copy = _stdin_to_file() if str(log) == "-" else None
    try:
        run = load_run(
            stdin_copy or log,
            config,
            set_ or [],
            gpu=gpu or settings.gpu,
            vram=vram or settings.vram,
            num_gpus=num_gpus,
            log_format=log_format,
            metric_map=metric_map,
            data_dir=data_dir,
            peak_tflops=peak_tflops,
        )
        if stdin_copy is not None:
            run.source = "<stdin>"
        report = run_analysis(run, rules, options)
    except (InputError, NothingRead) as exc:
        fail(str(exc).replace(str(stdin_copy), "<stdin>") if stdin_copy else str(exc))
    finally:
        if stdin_copy is not None:
            stdin_copy.unlink(missing_ok=True)
    if write_config is not None:
        _write_config(run, report, write_config)
    if html is not None:
        _write_html(run, report, html)
    emit(report, run, output, fail_on, verbose, output_file, quiet, plot=plot)


def _stdin_to_file() -> Path:
    """`-`: standard input, streamed to a temporary file so every parser reads it as a log
    (in bounded memory: 1 MiB at a time); removed again if the copy is interrupted."""
    import shutil
    import tempfile

    if sys.stdin.isatty():
        fail("- reads the log from standard input, but it is a terminal (pipe a log in)")
    with tempfile.NamedTemporaryFile(prefix="capdiag-stdin-", suffix=".log", delete=False) as out:
        try:
            shutil.copyfileobj(sys.stdin.buffer, out, 1 << 20)
        except BaseException:
            Path(out.name).unlink(missing_ok=True)
            raise
    return Path(out.name)


def _write_config(run: Run, report: Report, target: Path) -> None:
    """The fixed config, as `ruff --fix` writes fixes: only where asked, comments kept."""
    from capdiag.config import defines_code
    from capdiag.fixplan import patch_config_text

    plan = report.fix_plan
    if not plan.fixes:
        typer.echo(f"capdiag: no fixes to apply: {target} not written", err=True)
        return
    if run.config.unread:
        fail(f"--write-config: {run.config.unread}")
    path = run.config.path
    if run.config.text is None or not (path or "").endswith(".py") or defines_code(run.config.text):
        fail(
            f"--write-config: {path} was read for its settings, but capdiag patches only a "
            "framework's own Python config"
            if path
            else "--write-config needs the run's Python config (pass it with --config)"
        )
    text = patch_config_text(run.config.text, run.config.lines, plan.fixes)
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        fail(f"--write-config {target}: {exc.strerror}")
    typer.echo(f"capdiag: wrote the fixed config to {target}", err=True)


def _write_html(run: Run, report: Report, target: Path) -> None:
    from capdiag.render.html import render_html

    try:
        target.write_text(render_html(report, run), encoding="utf-8")
    except OSError as exc:
        fail(f"--html {target}: {exc.strerror}")
    typer.echo(f"capdiag: wrote the HTML report to {target}", err=True)
