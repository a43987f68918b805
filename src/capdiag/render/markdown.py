"""Markdown output (``--format markdown``): for ``$GITHUB_STEP_SUMMARY`` and PR comments.

A section per run: what was read, a table of the findings, and the fix plan as a diff.
Text from the run is escaped so it cannot open tables, links or HTML.
"""

from __future__ import annotations

import re

from capdiag.report import Report

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")  # inline markup, links, HTML, table cells
_ICON = {"error": "🔴 error", "warning": "🟠 warning", "info": "🔵 info"}


def escape(text: str) -> str:
    """Markdown-inert text on one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def render_markdown(report: Report) -> str:
    run = report.run
    lines = [f"### capdiag: {escape(run.source)}", ""]
    read = ", ".join(f"{k} {v:,}" for k, v in report.coverage.series.items())
    checked = f"checked {len(report.coverage.rules_run)} of {report.coverage.rules_selected} rules"
    lines.append(f"{escape(run.framework)}; read: {escape(read) or 'nothing'}; {checked}.")
    lines.append("")
    if report.findings:
        lines += ["| severity | rule | finding |", "|---|---|---|"]
        for f in report.findings:
            rule = f"{f.code} {escape(f.rule)}"
            lines.append(f"| {_ICON[f.severity.value]} | {rule} | {escape(f.title)} |")
    else:
        lines.append("No findings from the rules that ran.")
    plan = report.fix_plan
    if plan.diff:
        fence = "````" if "```" in plan.diff else "```"
        lines += ["", "Fix plan:", "", f"{fence}diff", plan.diff.rstrip("\n"), fence]
    return "\n".join(lines) + "\n"


def render_markdown_summary(rows: list[tuple[str, str, str, str]]) -> str:
    """The many-runs table: (run, format, worst severity, top finding) per run."""
    lines = [
        "### capdiag: summary",
        "",
        "| run | format | worst | top finding |",
        "|---|---|---|---|",
    ]
    for path, fmt, worst, top in rows:
        lines.append(f"| {escape(path)} | {escape(fmt)} | {escape(worst)} | {escape(top)} |")
    return "\n".join(lines) + "\n"
