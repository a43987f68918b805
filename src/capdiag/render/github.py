"""GitHub Actions workflow commands: one annotation per finding.

Escaped as actions/toolkit's ``escapeData`` and ``escapeProperty`` do, so no text from a log,
a config or a file name can end a command or forge another one. A finding with a fix points
at the config line that sets the key; the others at the log.
"""

from __future__ import annotations

from capdiag.report import Report

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(report: Report) -> str:
    lines = []
    for f in report.findings:
        level = _LEVEL[f.severity.value]
        where = f"file={escape_property(report.run.source)}"
        located = next((x for x in f.fixes if x.line is not None), None)
        if located is not None and report.fix_plan.config_path:
            where = f"file={escape_property(report.fix_plan.config_path)},line={located.line}"
        title = escape_property(f"{f.code} {f.rule}: {f.title}")
        lines.append(f"::{level} {where},title={title}::{escape_data(f.message)}")
    return "\n".join(lines)
