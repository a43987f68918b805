"""Many runs: each run's report in the chosen format, then a summary table (text), or one
JSON line per run (jsonl). The exit code is the worst over the runs: 2 when one could not
be read, 1 when a finding reaches ``--fail-on``, else 0."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table

from capdiag.findings import reaches
from capdiag.many import RunResult
from capdiag.render.json_out import jsonable
from capdiag.render.output import deliver, plain, render_one
from capdiag.report import Report
from capdiag.units import human_count


def _worst(report: Report) -> str:
    if not report.findings:
        return "ok"
    return max(report.findings, key=lambda f: f.severity.rank).severity.value


def _top(report: Report) -> str:
    return report.findings[0].title if report.findings else ""


def _figures(report: Report) -> str:
    r = report.run
    parts = []
    if r.n_params:
        parts.append(f"{human_count(r.n_params)} params")
    if r.tokens_per_param:
        parts.append(f"{r.tokens_per_param:.1f} tok/param")
    if r.mfu is not None:
        parts.append(f"MFU {r.mfu:.0%}")
    return ", ".join(parts)


def summary_table(results: list[RunResult]) -> Table:
    table = Table(title=f"{len(results)} runs", title_justify="left")
    for column in ("run", "format", "worst", "top finding", "figures"):
        table.add_column(column, overflow="fold")
    for result in results:
        if result.report is None:
            table.add_row(escape(result.path), "", "not read", escape(result.error or ""), "")
            continue
        report = result.report
        top = report.findings[0].title if report.findings else ""
        table.add_row(
            escape(result.path),
            report.run.format,
            _worst(report),
            escape(top),
            _figures(report),
        )
    return table


def _entry(result: RunResult) -> dict[str, object]:
    """A run as JSON: its path and its report (every field, as `capdiag schema` says), or
    why it could not be read."""
    if result.report is None:
        return {"path": result.path, "error": result.error}
    return {"path": result.path, "report": jsonable(result.report.model_dump(mode="json"))}


def _line(result: RunResult) -> str:
    return json.dumps(_entry(result), separators=(",", ":"), ensure_ascii=False)


def _draw(done: list[RunResult], output: str, verbose: bool, console: Console) -> None:
    """Every run in `output`'s form, then what sums them up."""
    reports = reports_of(done)
    if output == "jsonl":
        for result in done:
            plain(console, _line(result))
    elif output == "json":
        data = [_entry(r) for r in done]
        plain(console, json.dumps(data, indent=2, ensure_ascii=False))
    elif output == "sarif":
        from capdiag.render.sarif import render_sarif

        plain(console, render_sarif(reports))
    elif output == "junit":
        from capdiag.render.junit import render_junit

        plain(console, render_junit(reports))
    else:  # text, github, markdown: a report each, then the table
        for report in reports:
            render_one(report, output, verbose, console)
        if output == "text":
            console.print(summary_table(done))
        elif output == "markdown":
            from capdiag.render.markdown import render_markdown_summary

            rows = [
                (r.path, r.report.run.format, _worst(r.report), _top(r.report))
                if r.report is not None
                else (r.path, "", "not read", r.error or "")
                for r in done
            ]
            plain(console, render_markdown_summary(rows), end="")


def emit_many(
    results: Iterable[RunResult],
    total: int,
    output: str,
    fail_on: str,
    verbose: bool,
    destination: Path | None,
    quiet: bool,
) -> int:
    """Analyse (with a progress bar on a terminal), render, and return the exit code."""
    done: list[RunResult] = []
    # jsonl to standard output streams: each run's line as soon as it (and those before it)
    # are done, so a pipe sees results while the rest are analysed
    stream = output == "jsonl" and destination is None and not quiet
    with Progress(
        console=Console(stderr=True), transient=True, disable=not sys.stderr.isatty()
    ) as bar:
        task = bar.add_task("analysing runs", total=total)
        for result in results:
            done.append(result)
            bar.advance(task)
            if result.error is not None:  # always said, whatever the format or --quiet
                print(f"capdiag: error: {result.error}", file=sys.stderr)
            if stream:
                print(_line(result), flush=True)
    if not quiet and not stream:

        def draw(console: Console) -> None:
            _draw(done, output, verbose, console)

        error = deliver(draw, destination)
        if error is not None:
            print(f"capdiag: error: {error}", file=sys.stderr)
            return 2
    if any(r.report is None for r in done):
        return 2
    return 1 if reaches((f for r in reports_of(done) for f in r.findings), fail_on) else 0


def reports_of(done: list[RunResult]) -> list[Report]:
    return [r.report for r in done if r.report is not None]
