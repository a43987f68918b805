"""One report in any ``--format``, onto a rich console (a terminal, or a buffer for
``--output``). `analyze`, `check` and the many-runs summary all print through here."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from capdiag.report import Report

if TYPE_CHECKING:
    from capdiag.run import Run


def plain(console: Console, text: str, end: str = "\n") -> None:
    """Text exactly as given: no markup, emoji codes, highlighting or wrapping."""
    console.print(text, markup=False, emoji=False, highlight=False, soft_wrap=True, end=end)


def render_one(
    report: Report,
    output: str,
    verbose: bool,
    console: Console,
    run: Run | None = None,
    plot: bool = False,
) -> None:
    """`run`, when given, adds the loss sparkline to the text report's header (and the chart,
    with `plot`)."""
    if output in ("json", "jsonl"):
        from capdiag.render.json_out import render_json

        plain(console, render_json(report, compact=output == "jsonl"))
    elif output == "github":
        from capdiag.render.github import render_github

        text = render_github(report)
        if text:
            plain(console, text)
    elif output == "sarif":
        from capdiag.render.sarif import render_sarif

        plain(console, render_sarif([report]))
    elif output == "markdown":
        from capdiag.render.markdown import render_markdown

        plain(console, render_markdown(report), end="")
    elif output == "junit":
        from capdiag.render.junit import render_junit

        plain(console, render_junit([report]))
    else:
        from capdiag.render.terminal import render_terminal

        render_terminal(report, console, verbose=verbose, run=run, plot=plot)


def to_file(target: Path, draw: Callable[[Console], None]) -> None:
    """What `draw` prints, as plain text (no colour codes) in `target` (OSError as is)."""
    buffer = io.StringIO()
    draw(Console(file=buffer, no_color=True, width=100))
    target.write_text(buffer.getvalue(), encoding="utf-8")


def deliver(draw: Callable[[Console], None], destination: Path | None) -> str | None:
    """What `draw` prints, on the terminal or in `destination` (``--output``); the one-line
    error when the file cannot be written, else None."""
    if destination is None:
        draw(Console())
        return None
    try:
        to_file(destination, draw)
    except OSError as exc:
        return f"--output {destination}: {exc.strerror}"
    return None
