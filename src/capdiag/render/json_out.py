"""JSON output: the Report model, serialised as documented in report.schema.json."""

from __future__ import annotations

import json
import math
from typing import Any

from capdiag.report import SCHEMA_VERSION, Report


def jsonable(value: Any) -> Any:
    """NaN and infinity are not JSON: they become null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    return value


def render_json(report: Report, compact: bool = False) -> str:
    """The report as JSON: indented, or on one line (``--format jsonl``)."""
    data = jsonable(report.model_dump(mode="json"))
    if compact:
        return json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    return json.dumps(data, indent=2, ensure_ascii=False)


def report_schema() -> dict[str, Any]:
    """The JSON schema of ``--format json``: every property is always written, so every one
    is required; ``$id`` names the schema version."""
    schema = Report.model_json_schema(mode="serialization")
    for part in [schema, *schema.get("$defs", {}).values()]:
        if "properties" in part:
            part["required"] = list(part["properties"])
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:capdiag:report:v{SCHEMA_VERSION}",
        **schema,
    }
