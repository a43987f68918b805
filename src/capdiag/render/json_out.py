"""JSON output: the Report model, serialised as documented in report.schema.json."""

from __future__ import annotations

import json
import math
from typing import Any

from capdiag.report import Report


def _clean(value: Any) -> Any:
    """NaN and infinity are not JSON: they become null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def render_json(report: Report) -> str:
    return json.dumps(_clean(report.model_dump(mode="json")), indent=2, ensure_ascii=False)


def report_schema() -> dict[str, Any]:
    return Report.model_json_schema()
