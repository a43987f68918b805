"""What the commands share: output formats, the options analyze, check and watch read the same
way, and the helpers that fail with one line, pick the rules and print a report."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

if TYPE_CHECKING:
    from capdiag.report import Report
    from capdiag.rules.base import Rule
    from capdiag.run import Run
    from capdiag.settings import Settings


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


def split_list(values: list[str] | None) -> list[str]:
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
            fail(f"--option expects rule.keyword=number, got {item!r}")
        from capdiag.rules import find_rule

        found = find_rule(rule)
        if found is None:
            fail(f"--option: unknown rule {rule!r}")
        if key not in found.config_keywords:
            known = ", ".join(found.config_keywords) or "none"
            fail(f"--option: {found.id} has no keyword {key!r} (keywords: {known})")
        options.setdefault(found.id, {})[key] = value
    return options


def resolve_rules(
    select: list[str] | None, ignore: list[str] | None, option: list[str] | None, near: Path
) -> tuple[list[type[Rule]], dict[str, dict[str, float]], Settings]:
    """The rules to run and their options: `[tool.capdiag]`, then the command line."""
    from capdiag.analysis import select_rules
    from capdiag.settings import SettingsError, load_settings

    try:
        settings = load_settings(near if near.is_dir() else near.parent)
    except SettingsError as exc:
        fail(str(exc))
    try:
        rules = select_rules(
            split_list(select) or settings.select, [*settings.ignore, *split_list(ignore)]
        )
    except ValueError as exc:
        fail(f"{exc}" + (f" (in {settings.source})" if settings.source else ""))
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
        fail(
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
            fail(error)
    if reaches(report.findings, fail_on.value):
        raise typer.Exit(1)
