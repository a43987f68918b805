"""`capdiag check CONFIG...`: every rule that needs only the config, before a GPU hour is spent.

Registered in :mod:`capdiag.cli` as ``app.command("check")(check)``; it shares `analyze`'s
formats, `--fail-on` and exit codes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from capdiag.report import Report
    from capdiag.run import Run

from capdiag.commands.options import (
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
)


def check(
    configs: Annotated[
        list[Path],
        typer.Argument(
            help="The configs to check (nanoGPT .py configs).",
            metavar="CONFIG...",
            show_default=False,
        ),
    ],
    set_: SetOption = None,
    gpu: GpuOption = None,
    vram: VramOption = None,
    num_gpus: NumGpusOption = None,
    data_dir: DataDirOption = None,
    output: FormatOption = OutputFormat.text,
    fail_on: FailOnOption = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    verbose: VerboseOption = False,
    output_file: OutputOption = None,
    quiet: QuietOption = False,
) -> None:
    """Check configs before they run: size claim, token budget, dropout, schedule, memory."""
    from capdiag.analysis import analyze
    from capdiag.config import ConfigError
    from capdiag.load import InputError, finalize, parse_sets
    from capdiag.parsers.nanogpt import run_from_config
    from capdiag.rules import CONFIG_RULES

    rules, options, settings = resolve_rules(select, ignore, None, configs[0])
    rules = [r for r in rules if r in CONFIG_RULES]
    fail_on = fail_on or settings_fail_on(settings)

    def one(config: Path) -> tuple[Report, Run]:
        if not config.is_file():
            raise InputError(f"{config}: no such file")
        if config.suffix != ".py":
            raise InputError(f"{config}: `capdiag check` reads nanoGPT-style Python configs")
        try:
            run = run_from_config(config, parse_sets(set_ or []))
        except ConfigError as exc:
            raise InputError(str(exc)) from exc
        if num_gpus is not None:
            run.num_gpus, run.num_gpus_source = num_gpus, "flag"
        run = finalize(run, gpu or settings.gpu, vram or settings.vram, data_dir)
        return analyze(run, rules, options), run

    if len(configs) == 1:
        try:
            report, run = one(configs[0])
        except InputError as exc:
            fail(str(exc))
        emit(report, run, output, fail_on, verbose, output_file, quiet)
        return
    # several configs (a pre-commit hook passes every changed one): a report each
    from capdiag.many import RunResult
    from capdiag.render.summary import emit_many

    results = []
    for config in configs:
        try:
            results.append(RunResult(path=str(config), report=one(config)[0]))
        except InputError as exc:
            results.append(RunResult(path=str(config), error=str(exc)))
    code = emit_many(
        results, len(results), output.value, fail_on.value, verbose, output_file, quiet
    )
    raise typer.Exit(code)
