"""Many runs: each run's report in the chosen format, then a summary table (text), or one
JSON line per run (jsonl). The exit code is the worst over the runs: 2 when one could not
be read, 1 when a finding reaches ``--fail-on``, else 0."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterable
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table

from capdiag.many import RunResult
from capdiag.render.json_out import _clean
from capdiag.report import Report
from capdiag.units import human_count

_THRESHOLD = {"error": 3, "warning": 2, "info": 1}


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


def _line(result: RunResult) -> str:
    data = _clean(result.model_dump(mode="json", exclude_none=True))
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


def emit_many(
    results: Iterable[RunResult],
    total: int,
    output: str,
    fail_on: str,
    verbose: bool,
    destination: Path | None,
    quiet: bool,
) -> int:
    """Render every run as it comes, then the summary; return the exit code."""
    from capdiag.render.github import render_github
    from capdiag.render.terminal import render_terminal

    buffer = io.StringIO()
    to_file = destination is not None
    console = Console(file=buffer, no_color=True, width=100) if to_file else Console()
    done: list[RunResult] = []
    with Progress(
        console=Console(stderr=True), transient=True, disable=not sys.stderr.isatty()
    ) as bar:
        task = bar.add_task("analysing runs", total=total)
        for result in results:
            done.append(result)
            bar.advance(task)
            if quiet:
                continue
            if output == "jsonl":
                console.print(_line(result), markup=False, highlight=False, soft_wrap=True)
            elif result.report is None:
                console.print(f"capdiag: {escape(result.error or '')}", highlight=False)
            elif output == "markdown":
                from capdiag.render.markdown import render_markdown

                console.print(
                    render_markdown(result.report), markup=False, highlight=False, soft_wrap=True
                )
            elif output == "github":
                text = render_github(result.report)
                if text:
                    console.print(text, markup=False, highlight=False, soft_wrap=True)
            elif output == "text":
                render_terminal(result.report, console, verbose=verbose)
    if not quiet:
        if output == "junit":
            from capdiag.render.junit import render_junit

            reports = [r.report for r in done if r.report is not None]
            console.print(render_junit(reports), markup=False, highlight=False, soft_wrap=True)
        elif output == "sarif":
            from capdiag.render.sarif import render_sarif

            reports = [r.report for r in done if r.report is not None]
            console.print(render_sarif(reports), markup=False, highlight=False, soft_wrap=True)
        elif output == "json":
            data = [_clean(r.model_dump(mode="json", exclude_none=True)) for r in done]
            console.print(
                json.dumps(data, indent=2, ensure_ascii=False),
                markup=False,
                highlight=False,
                soft_wrap=True,
            )
        elif output == "text":
            console.print(summary_table(done))
        elif output == "markdown":
            from capdiag.render.markdown import render_markdown_summary

            rows = [
                (r.path, r.report.run.format, _worst(r.report), _top(r.report))
                if r.report is not None
                else (r.path, "", "not read", r.error or "")
                for r in done
            ]
            console.print(
                render_markdown_summary(rows), markup=False, highlight=False, soft_wrap=True
            )
    if to_file and destination is not None:
        try:
            destination.write_text(buffer.getvalue(), encoding="utf-8")
        except OSError as exc:
            print(f"capdiag: error: --output {destination}: {exc.strerror}", file=sys.stderr)
            return 2
    if any(r.report is None for r in done):
        return 2
    if fail_on != "never" and any(
        f.severity.rank >= _THRESHOLD[fail_on] for r in done if r.report for f in r.report.findings
    ):
        return 1
    return 0
