"""The command line: `capdiag analyze`, `capdiag explain`, `capdiag rules`, `capdiag gpus`."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

if TYPE_CHECKING:
    from capdiag.report import Report
    from capdiag.rules.base import Rule
    from capdiag.run import Run
    from capdiag.settings import Settings

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Diagnose deep-learning training runs from their logs and configs.",
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        from capdiag import __version__

        typer.echo(f"capdiag {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Diagnose deep-learning training runs from their logs and configs."""


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    github = "github"
    sarif = "sarif"
    markdown = "markdown"
    junit = "junit"


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


# options that analyze and check share, so their help reads the same
SetOption = Annotated[
    list[str] | None, typer.Option("--set", help="Override a config value, e.g. --set n_embd=768.")
]
GpuOption = Annotated[
    str | None, typer.Option(help='GPU that ran the job, e.g. "RTX 4070" or "H100 SXM".')
]
VramOption = Annotated[
    str | None, typer.Option(help="GPU memory for the fix plan, e.g. 12GB (GB = GiB).")
]
NumGpusOption = Annotated[
    int | None,
    typer.Option(min=1, help="GPUs in the data-parallel run (default: from the log, else 1)."),
]
DataDirOption = Annotated[
    Path | None,
    typer.Option(help="nanoGPT data directory: train.bin's size gives the corpus size."),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", "-c", help="The run's config file (.py, .yaml or .json)."),
]
FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--format",
        "-f",
        help="Output: text, json, jsonl (a line per run), github, sarif, markdown or junit.",
    ),
]
FailOnOption = Annotated[
    FailOn | None,
    typer.Option(help="Exit 1 when a finding reaches this severity (default: error)."),
]
SelectOption = Annotated[
    list[str] | None, typer.Option(help="Only these rules (ids or codes, comma-separated).")
]
IgnoreOption = Annotated[
    list[str] | None, typer.Option(help="Skip these rules (ids or codes, comma-separated).")
]
VerboseOption = Annotated[
    bool, typer.Option("--verbose", "-v", help="Show skipped rules, notes, assumptions.")
]
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write the report to this file instead of stdout."),
]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="Print no report: the exit code says it all.")
]


def fail(message: str) -> NoReturn:
    """Bad input or usage: one line on stderr, exit 2."""
    typer.echo(f"capdiag: error: {message}", err=True)
    raise typer.Exit(2)


_fail = fail


def _split(values: list[str] | None) -> list[str]:
    return [v.strip() for item in values or [] for v in item.split(",") if v.strip()]


def _rule_options(items: list[str] | None) -> dict[str, dict[str, float]]:
    options: dict[str, dict[str, float]] = {}
    for item in items or []:
        name, sep, raw = item.partition("=")
        rule, dot, key = name.partition(".")
        try:
            value = float(raw)
        except ValueError:
            value = float("nan")
        if not sep or not dot or value != value:
            _fail(f"--option expects rule.keyword=number, got {item!r}")
        from capdiag.rules import find_rule

        found = find_rule(rule)
        if found is None:
            _fail(f"--option: unknown rule {rule!r}")
        if key not in found.config_keywords:
            known = ", ".join(found.config_keywords) or "none"
            _fail(f"--option: {found.id} has no keyword {key!r} (keywords: {known})")
        options.setdefault(found.id, {})[key] = value
    return options


@app.command()
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
        _fail("--plot draws on the text report: use it with --format text")
    log = logs[0]
    rules, options, settings = resolve_rules(select, ignore, option, log)
    fail_on = fail_on or settings_fail_on(settings)
    metric_map = {}
    for item in _split(map_):
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            _fail(f"--map expects metric=key, got {item!r}")
        metric_map[key.strip()] = value.strip()
    for path in logs:
        if str(path) != "-" and not path.exists():
            _fail(f"{path}: no such file")
    runs = [log] if logs == [Path("-")] else expand(logs)
    if not runs:
        _fail(f"no training runs found under {', '.join(map(str, logs))}")
    if len(logs) == 1 and len(runs) == 1:
        log = runs[0]  # one run: the path given, or the one run found under it
    if runs != [log]:
        one_run = (config, write_config, html)
        if any(x is not None for x in one_run) or set_ or plot or "-" in map(str, logs):
            _fail("--config, --set, --write-config, --html, --plot and - take one run, not several")
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
        _fail(str(exc).replace(str(stdin_copy), "<stdin>") if stdin_copy else str(exc))
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
        _fail("- reads the log from standard input, but it is a terminal (pipe a log in)")
    with tempfile.NamedTemporaryFile(prefix="capdiag-stdin-", suffix=".log", delete=False) as out:
        try:
            shutil.copyfileobj(sys.stdin.buffer, out, 1 << 20)
        except BaseException:
            Path(out.name).unlink(missing_ok=True)
            raise
    return Path(out.name)


def resolve_rules(
    select: list[str] | None, ignore: list[str] | None, option: list[str] | None, near: Path
) -> tuple[list[type[Rule]], dict[str, dict[str, float]], Settings]:
    """The rules to run and their options: `[tool.capdiag]`, then the command line."""
    from capdiag.analysis import select_rules
    from capdiag.settings import SettingsError, load_settings

    try:
        settings = load_settings(near if near.is_dir() else near.parent)
    except SettingsError as exc:
        _fail(str(exc))
    try:
        rules = select_rules(_split(select) or settings.select, [*settings.ignore, *_split(ignore)])
    except ValueError as exc:
        _fail(f"{exc}" + (f" (in {settings.source})" if settings.source else ""))
    options = _rule_options(
        [f"{r}.{k}={v}" for r, kws in settings.options.items() for k, v in kws.items()]
    )
    for rule_id, values in _rule_options(option).items():
        options.setdefault(rule_id, {}).update(values)
    return rules, options, settings


def settings_fail_on(settings: Settings) -> FailOn:
    try:
        return FailOn(settings.fail_on or "error")
    except ValueError:
        _fail(
            f"{settings.source}: [tool.capdiag] fail-on: {settings.fail_on!r} is not one "
            "of error, warning, info, never"
        )


def emit(
    report: Report,
    run: Run,
    output: OutputFormat,
    fail_on: FailOn,
    verbose: bool,
    destination: Path | None = None,
    quiet: bool = False,
    plot: bool = False,
) -> None:
    """Render the report in the chosen format (to stdout, or to `destination`; nothing when
    `quiet`), then exit 1 when a finding reaches fail_on."""
    from capdiag.findings import reaches

    if not quiet:
        from rich.console import Console

        from capdiag.render.output import deliver, render_one

        def draw(console: Console) -> None:
            render_one(report, output.value, verbose, console, run=run, plot=plot)

        error = deliver(draw, destination)
        if error is not None:
            _fail(error)
    if reaches(report.findings, fail_on.value):
        raise typer.Exit(1)


def _write_config(run: Run, report: Report, target: Path) -> None:
    """The fixed config, as `ruff --fix` writes fixes: only where asked, comments kept."""
    from capdiag.fixplan import patch_config_text

    plan = report.fix_plan
    if not plan.fixes:
        typer.echo(f"capdiag: no fixes to apply: {target} not written", err=True)
        return
    if run.config.text is None or not (run.config.path or "").endswith(".py"):
        _fail("--write-config needs the run's Python config (pass it with --config)")
    text = patch_config_text(run.config.text, run.config.lines, plan.fixes)
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        _fail(f"--write-config {target}: {exc.strerror}")
    typer.echo(f"capdiag: wrote the fixed config to {target}", err=True)


def _write_html(run: Run, report: Report, target: Path) -> None:
    from capdiag.render.html import render_html

    try:
        target.write_text(render_html(report, run), encoding="utf-8")
    except OSError as exc:
        _fail(f"--html {target}: {exc.strerror}")
    typer.echo(f"capdiag: wrote the HTML report to {target}", err=True)


@app.command()
def explain(rule: Annotated[str, typer.Argument(help="Rule id, code or alias.")]) -> None:
    """Show a rule's documentation."""
    from capdiag.rules import find_rule

    found = find_rule(rule)
    if found is None:
        _fail(f"unknown rule {rule!r} (see `capdiag rules`)")
    aliases = f" (aliases: {', '.join(found.aliases)})" if found.aliases else ""
    typer.echo(f"{found.code} {found.id}{aliases}, default severity: {found.severity.value}")
    if found.config_keywords:
        typer.echo("options: " + ", ".join(f"{k}={v:g}" for k, v in found.config_keywords.items()))
    typer.echo("")
    typer.echo(found.docs())


@app.command("rules")
def list_rules() -> None:
    """List every rule with its code and default severity."""
    from capdiag.rules import RULES

    for rule in RULES:
        typer.echo(f"{rule.code}  {rule.id:<24} {rule.severity.value:<8} {rule.summary()}")


@app.command()
def gpus() -> None:
    """List the GPUs capdiag knows, with dense bf16 peak and memory."""
    from capdiag.arithmetic.gpus import all_gpus

    for spec in all_gpus():
        peak = spec.peak_flops("bfloat16") or spec.peak_flops("float16")
        peak_text = f"{peak / 1e12:7.1f} TFLOPS" if peak else "      n/a"
        mem = f"{spec.mem_gb:g} GB" if spec.mem_gb else ""
        typer.echo(f"{spec.name:<24} {peak_text}  {mem}")


def _register_commands() -> None:
    from capdiag.check_cli import check
    from capdiag.compare_cli import compare
    from capdiag.plan_cli import plan
    from capdiag.watch_cli import watch

    app.command("plan")(plan)
    app.command("check")(check)
    app.command("compare")(compare)
    app.command("watch")(watch)


_register_commands()


@app.command()
def schema() -> None:
    """Print the JSON schema of `analyze --format json`."""
    import json

    from capdiag.render.json_out import report_schema

    typer.echo(json.dumps(report_schema(), indent=2))


def main() -> None:
    if sys.argv[1:] == ["--version"]:  # the one answer that needs no command line built
        from capdiag import __version__

        typer.echo(f"capdiag {__version__}")
        sys.exit(0)
    try:
        code = app(standalone_mode=False)
    except KeyboardInterrupt:
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as exc:  # never a traceback for the user
        if type(exc).__name__ == "NoArgsIsHelpError":
            sys.exit(2)  # the help is printed; no command is a usage error
        exit_code = getattr(exc, "exit_code", None)
        if hasattr(exc, "format_message") and isinstance(exit_code, int):
            # the CLI library's usage errors: one line, like every other input error
            typer.echo(f"capdiag: error: {exc.format_message()}", err=True)
            sys.exit(exit_code)
        if os.environ.get("CAPDIAG_DEBUG"):
            raise
        typer.echo(
            f"capdiag: internal error: {type(exc).__name__}: {exc} "
            "(set CAPDIAG_DEBUG=1 for the traceback)",
            err=True,
        )
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)
