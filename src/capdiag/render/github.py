"""GitHub Actions workflow commands: one annotation per finding."""

from __future__ import annotations

from capdiag.report import Report

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def render_github(report: Report) -> str:
    lines = []
    for f in report.findings:
        level = _LEVEL[f.severity.value]
        title = _escape(f"{f.code} {f.rule}: {f.title}").replace(",", "%2C").replace("::", "%3A%3A")
        lines.append(f"::{level} file={report.run.source},title={title}::{_escape(f.message)}")
    return "\n".join(lines)
