"""SARIF 2.1.0 output (``--format sarif``): one SARIF run per analysed training run.

Results sit at the config file's line when a fix names one (GitHub code scanning shows them
on the config), else at the log line the evidence points to, else at the log. Rule metadata
comes from each rule's docstring, as ``capdiag explain`` prints it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from capdiag import __version__
from capdiag.findings import Finding, Severity
from capdiag.report import Report
from capdiag.rules import RULES

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.error: "error", Severity.warning: "warning", Severity.info: "note"}


def _uri(path: str) -> str:
    p = Path(path)
    return p.resolve().as_uri() if p.is_absolute() else p.as_posix()


def _rules() -> list[dict[str, Any]]:
    return [
        {
            "id": rule.code,
            "name": rule.id,
            "shortDescription": {"text": rule.summary()},
            "fullDescription": {"text": rule.docs()},
            "help": {"text": f"capdiag explain {rule.id}"},
            "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        }
        for rule in RULES
    ]


def _location(report: Report, finding: Finding) -> dict[str, Any]:
    config = report.fix_plan.config_path
    fixed = next((fix for fix in finding.fixes if fix.line is not None), None)
    if fixed is not None and config:
        uri, line = _uri(config), fixed.line
    else:
        line = next((e.line for e in finding.evidence if e.line is not None), None)
        uri = _uri(report.run.source)
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri}}
    if line is not None and line >= 1:
        physical["region"] = {"startLine": line}
    return {"physicalLocation": physical}


def sarif_log(reports: list[Report]) -> dict[str, Any]:
    index = {rule.code: i for i, rule in enumerate(RULES)}
    rules = _rules()
    runs = []
    for report in reports:
        results = [
            {
                "ruleId": f.code,
                "ruleIndex": index[f.code],
                "level": _LEVEL[f.severity],
                "message": {"text": f"{f.title}. {f.message}"},
                "locations": [_location(report, f)],
            }
            for f in report.findings
            if f.code in index
        ]
        runs.append(
            {
                "tool": {
                    "driver": {
                        "name": "capdiag",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "results": results,
            }
        )
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": runs}


def render_sarif(reports: list[Report]) -> str:
    return json.dumps(sarif_log(reports), indent=2, ensure_ascii=False)
