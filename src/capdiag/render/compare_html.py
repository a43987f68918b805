"""`capdiag compare --html FILE`: the comparison as one self-contained page, from the single-run
report's pieces (`html.page`: no script, the same Content-Security-Policy; `svg.Chart`;
`chart.envelope`): the key figures side by side with their sources, the config differences,
the findings against the baseline, and the train and val curves of every run overlaid, one
colour per run. The curves sit where the terminal overlay puts them (`compare.curve_x`: tokens
seen on a log axis, or step when a run does not state its tokens per step). Every string from
a run is escaped."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from capdiag import __version__
from capdiag.compare import (
    FIGURE_LABELS,
    Comparison,
    curve_x,
    figure_text,
    run_labels,
    smoothed,
    train_curve,
)
from capdiag.render.chart import Curve, envelope, gaps, loss_range
from capdiag.render.html import WIDTH, _e, page
from capdiag.render.svg import Chart
from capdiag.run import Run, Series

PALETTE = ("#0969da", "#fb8500", "#1a7f37", "#8250df", "#cf222e", "#1b7c83", "#9a6700", "#bf3989")

STYLE = (
    "".join(f".run{i}{{stroke:{c}}}circle.run{i}{{fill:{c}}}" for i, c in enumerate(PALETTE))
    + ".dashed{stroke-dasharray:7 3}.dotted{stroke-dasharray:2 2}"
    + "ul.runs{list-style:none;padding:0;margin:0}ul.runs li{margin:2px 0;"
    "overflow-wrap:anywhere}ul.inline li{display:inline-block;margin-right:18px}"
    "svg.swatch{vertical-align:middle;margin-right:6px}"
    "table.side td,table.side th{padding-right:18px}"
    "table.side td.num{text-align:right;font-variant-numeric:tabular-nums}"
    "table.figures tr:first-child th{text-align:right}p.note{margin:4px 0}"
    "table.side td.code{white-space:nowrap}"
    ".src{color:#57606a;font-size:12px}.src.assumed{color:#9a6700}"
    ".resolved{color:#1a7f37}.new{color:#cf222e}.changed{color:#9a6700}"
    ".unchanged{color:#57606a}"
)


DASHES = ("", "dashed", "dotted")  # past the palette, the colours again, dashed then dotted


def run_css(index: int) -> str:
    """The classes that draw run `index` (0-based): 24 runs apart, then they repeat."""
    dash = DASHES[index // len(PALETTE) % len(DASHES)]
    return f"run{index % len(PALETTE)}" + (f" {dash}" if dash else "")


def _val(run: Run) -> Series | None:
    return run.metric("val_loss")


def _overlay_curve(
    run: Run, series: Series, label: str, on_tokens: bool, x_range: tuple[float, float]
) -> Curve:
    """One run's series as the overlay draws it: on the compared x, per-batch losses as their
    running median (a logged NaN stays NaN), min/max-bucketed like the single-run page."""
    order = np.argsort(series.steps, kind="stable")
    steps = series.steps[order]
    raw = series.values[order]
    y = np.where(np.isfinite(raw), smoothed(series)[order], raw)
    x = curve_x(run, series, on_tokens)[order]
    kept_x, kept_y, bad_x = envelope(x, y, *x_range, log=True)
    gap_x = np.interp(gaps(steps), steps.astype(float), x) if steps.size else np.zeros(0)
    return Curve(series.name, label, kept_x, kept_y, bad_x, len(series), gap_x)


def overlay_chart(
    title: str,
    pick: Callable[[Run], Series | None],
    runs: list[Run],
    labels: list[str],
    on_tokens: bool,
) -> Chart | None:
    """The series `pick` chooses, of every run that has it, on one log x axis (points at
    x <= 0, such as an evaluation before the first update, are left out, as in the terminal)."""
    chosen = [(i, run, pick(run)) for i, run in enumerate(runs)]
    picked = [(i, run, s) for i, run, s in chosen if s is not None]
    xs = [curve_x(run, s, on_tokens) for _, run, s in picked]
    positive = np.concatenate([x[x > 0] for x in xs] or [np.zeros(0)])
    if not positive.size:
        return None
    x_lo, x_hi = float(positive.min()), float(positive.max())
    curves = [
        (i, _overlay_curve(run, s, labels[i], on_tokens, (x_lo, x_hi))) for i, run, s in picked
    ]
    y_lo, y_hi = loss_range([c for _, c in curves])
    chart = Chart(
        WIDTH,
        380,
        x_lo / 1.15,
        x_hi * 1.15,
        y_lo,
        y_hi,
        x_log=True,
        x_label=("tokens seen" if on_tokens else "step") + " (log scale)",
        y_label="loss",
        x_format="count" if on_tokens else "number",
        title=title,
    )
    for i, c in curves:
        dots = c.name == "val_loss" and c.y.size <= 300
        chart.curve(c.x, c.y, run_css(i), f"{c.label} ({c.points:,} points)", c.breaks, dots=dots)
        if c.bad_x.size:
            chart.bad(c.bad_x, c.label)
    chart.legend.clear()  # the runs' legend is the page's, above the charts: names can be long
    return chart


def _swatch(index: int) -> str:
    """The run's line, as the charts draw it."""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" class="swatch" width="22" height="8">'
        f'<line class="{run_css(index)} key" x1="0" x2="22" y1="4" y2="4"/></svg>'
    )


def _runs(comparison: Comparison, labels: list[str]) -> str:
    """Each run: its colour, its label, what was read (the page's legend)."""
    items = []
    for i, (label, r) in enumerate(zip(labels, comparison.runs, strict=True)):
        config = f" --config {r.config}" if r.config else ""
        items.append(
            f"<li>{_swatch(i)}<b>{_e(label)}</b> = {_e(r.path + config)} ({_e(r.framework)})</li>"
        )
    return f'<ul class="runs">{"".join(items)}</ul>'


def _key(labels: list[str]) -> str:
    items = "".join(f"<li>{_swatch(i)}{_e(label)}</li>" for i, label in enumerate(labels))
    return f'<ul class="runs inline">{items}</ul>'


def _figures(comparison: Comparison, labels: list[str]) -> str:
    head = "".join(f"<th>{_e(label)}</th>" for label in labels)
    rows = []
    for name, text in FIGURE_LABELS.items():
        cells = []
        for r in comparison.runs:
            f = r.figures[name]
            source = f' <span class="src {_e(f.source)}">{_e(f.source)}</span>' if f.source else ""
            cells.append(f'<td class="num">{_e(figure_text(name, f.value))}{source}</td>')
        rows.append(f"<tr><th>{_e(text)}</th>{''.join(cells)}</tr>")
    notes = ["final/best: per-batch train losses as a running median of 9 points"]
    if any(r.train_series == "eval_train_loss" for r in comparison.runs):
        notes.append("train loss: eval-mode where the run logs it")
    for label, r in zip(labels, comparison.runs, strict=True):
        if r.assumptions:
            notes.append(f"assumed ({label}): " + "; ".join(r.assumptions))
    return f'<table class="side figures"><tr><th></th>{head}</tr>{"".join(rows)}</table>' + "".join(
        f'<p class="note">{_e(n)}</p>' for n in notes
    )


def _config(comparison: Comparison, labels: list[str]) -> str:
    diffs = comparison.config_differences
    partial = [d for d in diffs if d.only_in_some]
    mixed = len({r.format for r in comparison.runs}) > 1
    if mixed:  # frameworks name their settings differently: only shared keys
        diffs = [d for d in diffs if not d.only_in_some]
    if not diffs:
        return "<p>No differences between the runs' stated values.</p>"
    head = "".join(f"<th>{_e(label)}</th>" for label in labels)
    rows = []
    for d in diffs:
        cells = []
        for value, origin in zip(d.values, d.origins, strict=True):
            if origin is None:
                cells.append('<td class="note">(not set)</td>')
                continue
            text = repr(value) if isinstance(value, str) else str(value)
            default = ' <span class="src">default</span>' if origin in _DEFAULTS else ""
            cells.append(f"<td>{_e(text)}{default}</td>")
        rows.append(f'<tr><td class="code">{_e(d.key)}</td>{"".join(cells)}</tr>')
    notes = []
    if mixed and partial:
        notes.append(
            f"{len(partial)} keys only some runs have are not listed (the runs' frameworks "
            "name their settings differently); --format json lists them"
        )
    if comparison.config_differences_left_off:
        notes.append(f"... and {comparison.config_differences_left_off} more keys")
    return f'<table class="side"><tr><th>key</th>{head}</tr>{"".join(rows)}</table>' + "".join(
        f'<p class="note">{_e(n)}</p>' for n in notes
    )


_DEFAULTS = ("default", "framework-default")


def _findings(comparison: Comparison, labels: list[str]) -> str:
    parts = []
    for label, diff in zip(labels[1:], comparison.findings, strict=True):
        parts.append(
            f"<h3>{_e(label)} against {_e(labels[0])}: {len(diff.resolved)} resolved, "
            f"{len(diff.new)} new, {len(diff.changed)} changed, "
            f"{len(diff.unchanged)} unchanged</h3>"
        )
        rows = []
        groups = (
            ("resolved", diff.resolved),
            ("new", diff.new),
            ("changed", diff.changed),
            ("unchanged", diff.unchanged),
        )
        for word, changes in groups:
            for c in changes:
                severity = c.later or c.baseline or ""
                text = f"{c.baseline} → {c.later}" if word == "changed" else severity
                rows.append(
                    f'<tr><td class="{word}">{word}</td>'
                    f'<td><span class="sev {_e(severity)}">{_e(text.upper())}</span></td>'
                    f'<td class="code">{_e(c.code)} {_e(c.rule)}</td><td>{_e(c.title)}</td></tr>'
                )
        if rows:
            parts.append(f'<table class="side">{"".join(rows)}</table>')
    return "".join(parts)


def render_compare_html(comparison: Comparison, runs: list[Run]) -> str:
    """The whole page, as one string; `runs` in the comparison's order."""
    labels = run_labels(comparison)
    on_tokens = comparison.x_axis == "tokens"
    charts = []
    for ident, title, pick in (("train", "train loss", train_curve), ("val", "val loss", _val)):
        chart = overlay_chart(title, pick, runs, labels, on_tokens)
        if chart is not None:
            charts.append(chart.svg(ident))
    note = f'<p class="warning">{_e(comparison.x_axis_note)}</p>' if comparison.x_axis_note else ""
    train = [train_curve(run) for run in runs]
    if any(s is not None and s.mode != "eval" for s in train):
        note += '<p class="note">per-batch train losses drawn as a running median of 9 points</p>'
    curves = (
        '<section class="card"><h2 style="margin-top:0">Loss curves</h2>'
        + _key(labels)
        + note
        + ("".join(charts) or "<p>No run has a loss curve to draw.</p>")
        + "</section>"
    )
    return page(
        "capdiag compare: " + ", ".join(labels),
        '<h1>capdiag compare</h1><p class="sub">each run against the first, the baseline</p>'
        + f'<section class="card">{_runs(comparison, labels)}</section>'
        + f'<h2>Key figures</h2><section class="card">{_figures(comparison, labels)}</section>'
        + curves
        + f'<h2>Config differences</h2><section class="card">{_config(comparison, labels)}'
        "</section>"
        + f"<h2>Findings against the baseline</h2>{_findings(comparison, labels)}"
        + f"<footer><p>capdiag {_e(__version__)}</p></footer>",
        STYLE,
    )
