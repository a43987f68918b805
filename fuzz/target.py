"""What one fuzz case runs: capdiag's in-process API on a path, then every output format.

`check(path, options)` returns quietly, raises `Rejected` for input capdiag refused with its
own input error (the expected answer to garbage), or raises anything else: a crash.
"""

from __future__ import annotations

import io
import json
import warnings
from functools import cache
from pathlib import Path
from typing import Any

FORMATS = ("text", "json", "github", "sarif", "markdown", "junit")
SCHEMA = Path(__file__).resolve().parent.parent / "docs" / "report.schema.json"


class Rejected(Exception):
    """capdiag's own input error: exit 2 with one line, the right answer to bad input."""


class InvalidOutput(AssertionError):
    """The report rendered, but its JSON breaks the schema."""


@cache
def _validator() -> Any:
    import jsonschema

    schema = json.loads(SCHEMA.read_text())
    return jsonschema.Draft202012Validator(schema)


def check(path: Path, options: dict[str, Any]) -> None:
    from rich.console import Console

    from capdiag.analysis import NothingRead
    from capdiag.load import InputError
    from capdiag.many import analyze_path
    from capdiag.render.output import render_one

    try:
        with warnings.catch_warnings():
            # a warning printed on the user's terminal (a SyntaxWarning from parsing their
            # text) is output capdiag did not mean to give: a crash here
            warnings.simplefilter("error", SyntaxWarning)
            warnings.simplefilter("error", RuntimeWarning)
            report = analyze_path(path, **options)
    except (InputError, NothingRead) as exc:
        raise Rejected(str(exc)) from exc
    for output in FORMATS:
        buffer = io.StringIO()
        render_one(report, output, True, Console(file=buffer, width=100))
        if output == "json":
            errors = list(_validator().iter_errors(json.loads(buffer.getvalue())))
            if errors:
                raise InvalidOutput(f"report breaks the schema: {errors[0].message[:300]}")
