"""`capdiag check CONFIG`: every rule that needs only the config, before a GPU hour is spent.

Registered in :mod:`capdiag.cli` as ``app.command("check")(check)``; it shares `analyze`'s
formats, `--fail-on` and exit codes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from capdiag.cli import (
    DataDirOption,
    FailOn,
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
)


def check(
    config: Annotated[Path, typer.Argument(help="The config to check (a nanoGPT .py config).")],
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
    """Check a config before it runs: size claim, token budget, dropout, schedule, memory."""
    from capdiag.analysis import analyze
    from capdiag.config import ConfigError
    from capdiag.load import InputError, finalize, parse_sets
    from capdiag.parsers.nanogpt import run_from_config
    from capdiag.rules import CONFIG_RULES

    rules, options, settings = resolve_rules(select, ignore, None, config)
    rules = [r for r in rules if r in CONFIG_RULES]
    if not config.is_file():
        fail(f"{config}: no such file")
    if config.suffix != ".py":
        fail(f"{config}: `capdiag check` reads nanoGPT-style Python configs")
    try:
        run = run_from_config(config, parse_sets(set_ or []))
        if num_gpus is not None:
            run.num_gpus, run.num_gpus_source = num_gpus, "flag"
        run = finalize(run, gpu or settings.gpu, vram or settings.vram, data_dir)
    except (InputError, ConfigError) as exc:
        fail(str(exc))
    report = analyze(run, rules, options)
    fail_on = fail_on or FailOn(settings.fail_on or "error")
    emit(report, run, output, fail_on, verbose, output_file, quiet)
