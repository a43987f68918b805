"""The command line: the typer app, its commands registered from `capdiag.commands`, and the
small ones that only print (`explain`, `rules`, `gpus`, `schema`)."""

from __future__ import annotations

import copy
import gc
import os
import sys
from typing import Annotated

import typer

from capdiag.commands.analyze import analyze
from capdiag.commands.options import fail

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


app.command("analyze")(analyze)


@app.command()
def explain(rule: Annotated[str, typer.Argument(help="Rule id, code or alias.")]) -> None:
    """Show a rule's documentation."""
    from capdiag.rules import find_rule

    found = find_rule(rule)
    if found is None:
        fail(f"unknown rule {rule!r} (see `capdiag rules`)")
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
    from capdiag.commands.check import check
    from capdiag.commands.compare import compare
    from capdiag.commands.plan import plan
    from capdiag.commands.watch import watch

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


def _app_for(first: list[str]) -> typer.Typer:
    """The app with only the command asked for: typer builds every command's parameters
    on each start (a thirtieth of `analyze`'s). Any other first argument (--help, a typo,
    none) gets them all."""
    names = [c.name or getattr(c.callback, "__name__", None) for c in app.registered_commands]
    asked = [c for c, name in zip(app.registered_commands, names, strict=True) if [name] == first]
    if not asked:
        return app
    one = copy.copy(app)
    one.registered_commands = asked
    return one


def main() -> None:
    if sys.argv[1:] == ["--version"]:  # the one answer that needs no command line built
        from capdiag import __version__

        typer.echo(f"capdiag {__version__}")
        sys.exit(0)
    # start-up makes some 60,000 objects that live to the end (modules, models, schemas):
    # the cyclic collector, run every 700 new objects, spent 130 passes and about 30 ms on
    # them in `analyze`. Every 50,000: one pass, and garbage cycles still bounded.
    gc.set_threshold(50_000, 10, 10)
    try:
        code = _app_for(sys.argv[1:2])(standalone_mode=False)
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
