"""The terminal report, drawn with rich."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import numpy as np
from rich.console import Console, Group
from rich.panel import Panel
from rich.style import Style
from rich.table import Table
from rich.text import Text

from capdiag.report import PlanTotals, Report
from capdiag.units import human_bytes, human_count, pct

if TYPE_CHECKING:
    from capdiag.run import Run

_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}


def _value(value: Any) -> str:
    if isinstance(value, float):
        if abs(value) >= 1e6:
            return f"{value:.3g}"
        return f"{value:.6g}"
    if isinstance(value, int) and abs(value) >= 100_000:
        return f"{value:,}"
    return str(value)


# a unified diff's colours, as rich's Syntax(diff, "diff", theme="ansi_dark") draws them,
# without importing pygments for it (a fifth of the report's start-up)
_SPACE = Style(color="bright_black")
_DELETED = Style(color="bright_red")
_INSERTED = Style(color="bright_green")
_HUNK = Style(color="bright_magenta", bold=True)
_HEADING = Style(bold=True)
_NORMAL_EDIT = re.compile(r"\d(?:,\d+)?[acd]\d+(?:,\d+)?")  # `diff` without -u: 3c3


def _diff_line(line: str) -> list[tuple[str, Style | None]]:
    if line.startswith(" "):
        return [(" ", _SPACE), (line[1:], None)]
    if line.startswith("!") or line == "---":
        return [(line, None)]
    if line.startswith(("< ", "-")):
        return [(line, _DELETED)]
    if line.startswith(("> ", "+")):
        return [(line, _INSERTED)]
    if line.startswith("@") or _NORMAL_EDIT.fullmatch(line):
        return [(line, _HUNK)]
    if line.startswith(("Index", "index", "diff", "=")):
        return [(line, _HEADING)]
    return [(line, None)]


def diff_text(diff: str) -> Text:
    """`diff` coloured by line, drawn as rich's Syntax draws it: tabs at 4, no wrapping."""
    code = diff if diff.endswith("\n") else diff + "\n"
    code = code.expandtabs(4).removeprefix("\ufeff")
    code = code.replace("\r\n", "\n").replace("\r", "\n")
    text = Text(justify="default", style=Style(bgcolor="default"), tab_size=4, no_wrap=True)
    text.append_tokens(
        (piece, style)
        for line in code.split("\n")[:-1]
        for piece, style in [*_diff_line(line), ("\n", _SPACE)]
        if piece
    )
    text.stylize("on default")
    if not diff.endswith("\n"):
        text.remove_suffix("\n")
    return text


def _sparklines(run: Run) -> list[tuple[str, Text]]:
    """Train and val loss as one line each (max per bucket; see render/plot.py)."""
    from capdiag.render.plot import sparkline

    rows = []
    train = run.metric("train_loss") or run.metric("eval_train_loss")
    for label, series in (("train loss", train), ("val loss", run.metric("val_loss"))):
        if series is None:
            continue
        values = series.values[np.argsort(series.steps, kind="stable")]
        line = sparkline(values)
        finite = values[np.isfinite(values)]
        if finite.size:
            line.append(f" {finite[0]:.4g} → {finite[-1]:.4g}, min {finite.min():.4g}", "dim")
        bad = values.size - finite.size
        if bad:
            line.append(f", {bad:,} NaN/inf", "red")
        rows.append((label, line))
    return rows


def _summary(report: Report, run: Run | None = None) -> Table:
    r = report.run
    table = Table.grid(padding=(0, 2))
    table.add_column(style="dim")
    table.add_column()

    def row(label: str, value: str | None) -> None:
        if value is not None:
            table.add_row(label, Text(value))  # paths and names from the run: never markup

    if r.format == "config":
        row("config", f"{r.source} ({r.framework}, checked before it runs)")
    else:
        segments = f"{r.segments} segment{'s' * (r.segments != 1)}"
        if r.runs_in_log > 1:
            segments += f"; the last of {r.runs_in_log} runs in the log"
        row("log", f"{r.source} ({r.framework}, {segments})")
    if r.n_params is not None and r.n_params_non_embedding is not None:
        printed = f", log printed {human_count(r.n_params_reported)}" if r.n_params_reported else ""
        row(
            "parameters",
            f"{human_count(r.n_params_non_embedding)} nanoGPT count, "
            f"{human_count(r.n_params)} total{printed}",
        )
    if r.tokens_per_iter:
        row("tokens per step", f"{r.tokens_per_iter:,}")
    if r.tokens_seen and r.iterations is not None:
        tpp = f", {r.tokens_per_param:.1f} per parameter" if r.tokens_per_param else ""
        row("tokens seen", f"{human_count(r.tokens_seen)} in {r.iterations:,} steps{tpp}")
    if r.last_val_loss is not None and r.last_train_loss is not None:
        row("last eval", f"train {r.last_train_loss:.4f}, val {r.last_val_loss:.4f}")
    if r.mfu_a100 is not None:
        printed = f"printed {pct(r.mfu_reported)} / " if r.mfu_reported is not None else ""
        true = f"; {pct(r.mfu)} of {r.gpu}" if r.mfu is not None else ""
        row("MFU", f"{printed}recomputed {pct(r.mfu_a100)} (A100 basis){true}")
    if r.gpu:
        vram = f", {human_bytes(r.vram_bytes)}" if r.vram_bytes else ""
        row("GPU", f"{r.gpu}{vram} (from {r.gpu_source})")
    for label, line in _sparklines(run) if run is not None else []:
        table.add_row(label, line)
    return table


def _coverage(report: Report) -> list[Text]:
    """What was read and which rules could run: always shown, so silence is never mistaken
    for health."""
    c = report.coverage
    read = ", ".join(f"{name} {count:,}" for name, count in c.series.items()) or "nothing"
    lines = [] if report.run.format == "config" else [Text.assemble(("read: ", "dim"), read)]
    lines.append(Text.assemble(("config: ", "dim"), c.config))
    if report.run.assumptions:
        lines.append(Text.assemble(("assumed: ", "dim"), "; ".join(report.run.assumptions)))
    ran = len(c.rules_run)
    could_not = ", ".join(s.rule for s in report.skipped)
    checked = f"checked {ran} of {c.rules_selected} rules"
    if report.skipped:
        checked += f"; {len(report.skipped)} could not run ({could_not}; -v says why)"
    lines.append(Text(checked, "dim"))
    for extra in c.missing_extras:
        lines.append(
            Text(f"not installed: the {extra} extra (pip install 'capdiag[{extra}]')", "yellow")
        )
    return lines


def _totals_text(t: PlanTotals) -> str:
    parts = [f"Planned run: {human_count(t.tokens or 0)} tokens"]
    if t.max_iters and t.tokens_per_iter:
        parts[0] += f" ({t.max_iters:,} steps x {t.tokens_per_iter:,})"
    if t.tokens_per_param:
        parts.append(f"{t.tokens_per_param:.1f} tokens per parameter")
    if t.epochs is not None:
        parts.append(f"{t.epochs:.2f} epochs of the dataset")
    if t.hours is not None:
        parts.append(f"about {t.hours:.1f} h at the measured MFU")
    return ", ".join(parts)


def render_terminal(
    report: Report,
    console: Console,
    verbose: bool = False,
    run: Run | None = None,
    plot: bool = False,
) -> None:
    """The report; `run` adds loss sparklines to the header, `plot` the loss chart."""
    summary = _summary(report, run)
    console.print(Panel(summary, title="capdiag", title_align="left", expand=False))
    if plot and run is not None:
        from capdiag.render.chart import picture
        from capdiag.render.plot import plot_lines

        for line in plot_lines(picture(run, report), width=console.width):
            console.print(line)  # the chart fits the width; long key lines wrap
    for line in _coverage(report):
        console.print(line)
    console.print()
    if not report.findings:
        ran = len(report.coverage.rules_run)
        console.print(f"[bold green]No findings[/] from the {ran} rules that ran.")
    for i, f in enumerate(report.findings, start=1):
        head = Text.assemble(
            (f"{i}. {f.severity.value.upper():<7} ", _STYLE[f.severity.value]),
            (f"{f.code} {f.rule}  ", "dim"),
            (f.title, "bold"),
        )
        console.print(head)
        if f.impact_note and f.severity.value != "info":
            console.print(Text(f"   ranked here: {f.impact_note}", "dim italic"))
        console.print(Text(f.message), style="default", soft_wrap=False)
        if f.evidence:
            ev = Table(show_header=False, box=None, padding=(0, 1), pad_edge=False)
            ev.add_column(style="dim")
            ev.add_column()
            for e in f.evidence:
                where = f" (step {e.step})" if e.step is not None else ""
                where += f" (line {e.line})" if e.line is not None else ""
                ev.add_row(Text(f"  {e.label}{where}"), Text(_value(e.value)))
            console.print(ev)
        for fix in f.fixes:
            current = f"{fix.current!r} → " if fix.current is not None else ""
            console.print(
                Text.assemble(
                    ("  fix: ", "green"),
                    (f"{fix.key} = {current}{fix.value!r}", "bold green"),
                    (f"  ({fix.reason})", "dim"),
                )
            )
        console.print()
    plan = report.fix_plan
    if plan.fixes:
        parts: list[Any] = []
        if plan.restart_required:
            parts.append(
                Text("Restart from iteration 0: " + "; ".join(plan.restart_reasons), "bold")
            )
        else:
            parts.append(Text("Resume from the last checkpoint: nothing here needs a restart."))
        if plan.diff:
            parts.append(diff_text(plan.diff))
        else:
            for fix in plan.fixes:
                parts.append(Text(f"{fix.key} = {fix.value!r}"))
        if plan.memory:
            m = plan.memory
            device = m.components.get("device_total", m.total_bytes)
            of = f" of {human_bytes(m.vram_bytes)}" if m.vram_bytes else ""
            parts.append(
                Text(
                    f"Estimated memory: {human_bytes(device)}{of} on the card "
                    f"(peak allocated {human_bytes(m.total_bytes)})",
                    "bold",
                )
            )
            totals = {"allocated_total", "device_total"}
            parts.append(
                Text(
                    ", ".join(
                        f"{k} {human_bytes(v)}" for k, v in m.components.items() if k not in totals
                    ),
                    "dim",
                )
            )
            parts.append(Text("Assumptions:", "dim"))
            parts.extend(Text(f"- {a}", "dim") for a in m.assumptions)
        if plan.totals is not None and plan.totals.tokens:
            parts.append(Text(_totals_text(plan.totals), "bold"))
        if plan.defects:
            parts.append(Text("capdiag's own checks still find on the fixed config:", "yellow"))
            parts.extend(Text(f"- {d}", "yellow") for d in plan.defects)
        else:
            parts.append(Text("capdiag check passes on the fixed config.", "green"))
        for d in plan.dropped:
            parts.append(Text(f"not applied: {d}", "dim"))
        console.print(Panel(Group(*parts), title="fix plan", title_align="left"))
    if verbose:
        for s in report.skipped:
            console.print(Text(f"skipped {s.rule}: {s.reason}", "dim"))
        for note in report.run.notes:
            console.print(Text(f"note: {note}", "dim"))  # text from the run: never markup
        console.print(Text(report.ranking, "dim"))
