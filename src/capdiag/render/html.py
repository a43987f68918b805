"""`capdiag analyze --html FILE`: one self-contained page (inline SVG and CSS, no script, no
external reference; a Content-Security-Policy forbids any fetch) with the curves and the
findings drawn where they happen, the speed panel, the ranked findings and the fix plan.
Every string from the run is HTML-escaped."""

from __future__ import annotations

from html import escape
from typing import Any

import numpy as np

from capdiag import __version__
from capdiag.render.chart import Curve, Marker, Picture, loss_range, picture
from capdiag.render.svg import Chart
from capdiag.report import Report
from capdiag.run import Run
from capdiag.units import human_bytes, human_count, pct

WIDTH = 980
LOSS_CSS = {"train_loss": "train", "eval_train_loss": "train-eval", "val_loss": "val"}

STYLE = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;
margin:0;background:#f6f8fa}
main{max-width:1010px;margin:0 auto;padding:18px 14px 40px}
h1{font-size:21px;margin:4px 0 2px}h2{font-size:17px;margin:26px 0 8px}
.sub{color:#57606a;margin:0 0 12px;word-break:break-all}
section.card{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:10px 12px;
margin:12px 0}
table{border-collapse:collapse}td,th{padding:2px 12px 2px 0;text-align:left;vertical-align:top}
th{color:#57606a;font-weight:500}
dl.summary{display:grid;grid-template-columns:max-content 1fr max-content 1fr;gap:3px 14px;
margin:0}dl.summary dt{color:#57606a}dl.summary dd{margin:0 10px 0 0;overflow-wrap:anywhere}
svg.chart{display:block;max-width:100%;height:auto;font-family:system-ui,sans-serif}
.frame{fill:none;stroke:#8c959f}.grid{stroke:#eaeef2}
.axis{font-size:11px;fill:#57606a}.axis-label{font-size:12px;fill:#24292f}
.legend{font-size:12px;fill:#24292f}.chart-title{font-size:13px;font-weight:600;fill:#24292f}
polyline,.key{fill:none;stroke-width:1.6;stroke-linejoin:round}
.train{stroke:#54aeff}.train-eval{stroke:#0550ae;stroke-dasharray:5 3}
.val{stroke:#fb8500;stroke-width:2.4}.dot{stroke:#fff;stroke-width:.8}
circle.val{fill:#fb8500}circle.train-eval{fill:#0550ae;stroke-dasharray:none}
circle.train{fill:#54aeff}.time{stroke:#6e7781}.mfu{stroke:#1a7f37}
.mark{stroke-width:1.6}
.best{stroke:#1a7f37;fill:#1a7f37;stroke-dasharray:6 3}
.chinchilla{stroke:#8250df;fill:#8250df;stroke-dasharray:7 4}
.divergence,.nan,.crash,.spike,.slowdown,.stall{stroke:#cf222e;fill:#cf222e}
.low{stroke:#bc4c00;fill:#bc4c00;stroke-dasharray:4 3}
.resume{stroke:#57606a;fill:#57606a;stroke-dasharray:2 3}
.compile{stroke:#8250df;fill:#8250df}
.region.plateau{fill:#d4a72c;fill-opacity:.24;stroke:none}text.plateau{fill:#7d4e00}
path.nan{fill:none;stroke-width:2}.offscale{fill:#cf222e;stroke:none}
.speed .offscale{fill:#8c959f}
text.label{font-size:11.5px;font-weight:600;paint-order:stroke;stroke:#fff;
stroke-width:4px;stroke-linejoin:round;stroke-dasharray:none}
.tick{stroke-width:1.4}.tick.eval{stroke:#0969da}.tick.checkpoint{stroke:#6e7781}
.marks{color:#57606a;font-size:13px;margin:4px 2px 0}
.sev{display:inline-block;min-width:64px;font-weight:700;font-size:12px}
.error{color:#cf222e}.warning{color:#9a6700}.info{color:#0969da}
ol.findings{padding-left:22px}ol.findings li{margin:0 0 14px}
.code{color:#57606a;font-family:ui-monospace,monospace;font-size:12.5px}
.title{font-weight:600}.note{color:#57606a;font-style:italic}
.ev{font-size:13px;margin:4px 0}.ev td{padding-right:16px}
.fix{font-family:ui-monospace,monospace;font-size:13px;color:#1a7f37}
pre.diff{background:#f6f8fa;border:1px solid #d0d7de;padding:8px;overflow-x:auto;
font-size:12.5px}
.add{color:#116329;background:#dafbe1;display:block}
.del{color:#82071e;background:#ffebe9;display:block}.hunk{color:#8250df;display:block}
footer{color:#57606a;font-size:12.5px;margin-top:24px}
"""


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _value(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4g}" if abs(value) < 1e6 else f"{value:.3g}"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10_000:
        return f"{value:,}"
    return str(value)


def _loss_chart(pic: Picture) -> Chart | None:
    axis = pic.axis
    xs = [c.x for c in pic.losses if c.x.size] + [c.bad_x for c in pic.losses if c.bad_x.size]
    if not xs:
        return None
    x_all = np.concatenate(xs)
    x_lo, x_hi = float(x_all.min()), float(x_all.max())
    for m in pic.loss_markers:  # keep the Chinchilla marker in view when it is near
        if m.kind == "chinchilla" and x_lo / 10 <= m.x <= x_hi * 10:
            x_lo, x_hi = min(x_lo, m.x), max(x_hi, m.x)
    if axis.log:
        x_lo, x_hi = x_lo / 1.15, x_hi * 1.15
    elif x_hi == x_lo:
        x_hi = x_lo + 1
    y_lo, y_hi = loss_range(pic.losses)
    chart = Chart(
        WIDTH,
        420,
        x_lo,
        x_hi,
        y_lo,
        y_hi,
        x_log=axis.log,
        x_label=axis.label,
        y_label="loss",
        x_format="count" if axis.log else "number",
        title="loss",
    )
    for m in pic.loss_markers:
        if m.kind == "plateau" and m.x_end is not None:
            chart.region(m.x, m.x_end, "plateau", m.label)
    for c in pic.losses:
        sparse = c.name != "train_loss" and c.y.size <= 300
        # evaluations far apart on a log axis: dots, joined only where they are close
        gap = 70.0 if sparse else None
        chart.curve(c.x, c.y, LOSS_CSS[c.name], _legend_text(c), c.breaks, dots=sparse, max_gap=gap)
        if c.bad_x.size:
            chart.bad(c.bad_x, c.label)
    labelled: set[str] = set()
    for m in pic.loss_markers:
        if m.kind == "plateau":
            continue
        label = m.label if m.kind not in labelled or m.kind != "spike" else None
        labelled.add(m.kind)
        chart.vline(m.x, m.kind, label, m.label)
    return chart


def _legend_text(c: Curve) -> str:
    return f"{c.label} ({c.points:,} points)"


def _speed_chart(pic: Picture, curve: Curve, css: str, y_label: str, y_format: str) -> Chart:
    axis_steps = [m.x for m in pic.speed_markers]
    x_lo = min([float(curve.x.min()) if curve.x.size else 0.0, *axis_steps])
    x_hi = max([float(curve.x.max()) if curve.x.size else 1.0, *axis_steps])
    x_hi = x_hi if x_hi > x_lo else x_lo + 1
    y = curve.y * (100.0 if css == "mfu" else 1.0)
    # the top fits the steady iterations: the compile, eval and checkpoint ones (far slower)
    # are drawn at the edge, with their value in a tooltip
    special = np.array([m.x for m in pic.speed_markers], dtype=float)
    steady = y[~np.isin(curve.x, special) & (curve.x > (curve.x.min() if curve.x.size else 0))]
    top = float(steady.max()) if steady.size else float(y.max(initial=1.0))
    hi = top * (1.25 if css == "time" else 1.1)
    chart = Chart(
        WIDTH,
        230,
        x_lo,
        x_hi,
        0.0,
        hi or 1.0,
        x_label="step",
        y_label=y_label,
        x_format="number",
        y_format=y_format,
        margin=(30, 18, 42, 62),
    )
    chart.curve(curve.x, y, css, _legend_text(curve), curve.breaks)
    return chart


def _speed_marks(chart: Chart, markers: list[Marker], ticks: bool) -> None:
    """Compile and slowdowns as lines; evaluations and checkpoints as ticks (`ticks`: on the
    first of the charts that share the x axis)."""
    seen: set[str] = set()
    for m in markers:
        if m.kind in ("eval", "checkpoint"):
            if ticks:
                chart.tick(m.x, m.kind, 0 if m.kind == "eval" else 1, m.label)
        else:
            chart.vline(m.x, m.kind, m.label if m.kind not in seen else None, m.label)
            seen.add(m.kind)


def _marker_notes(markers: list[Marker], chart: Chart) -> str:
    if not markers:
        return ""
    items = []
    for m in markers:
        off = ""
        if m.x > chart.x_hi:
            off = " (beyond the end of the chart)"
        elif m.x < chart.x_lo:
            off = " (before the start of the chart)"
        items.append(f"{_e(m.label)}{off}")
    return '<p class="marks">Marked: ' + "; ".join(dict.fromkeys(items)) + ".</p>"


def _summary(report: Report) -> str:
    r = report.run
    segments = f"{r.segments} segment{'s' * (r.segments != 1)}"
    if r.runs_in_log > 1:
        segments += f"; the last of {r.runs_in_log} runs in the log"
    rows: list[tuple[str, str]] = [("log", f"{r.source} ({r.framework}, {segments})")]
    if r.n_params:
        printed = f", log printed {human_count(r.n_params_reported)}" if r.n_params_reported else ""
        rows.append(("parameters", f"{human_count(r.n_params)} total{printed}"))
    if r.tokens_per_iter:
        rows.append(("tokens per step", f"{r.tokens_per_iter:,}"))
    if r.tokens_seen and r.iterations is not None:
        tpp = f", {r.tokens_per_param:.1f} per parameter" if r.tokens_per_param else ""
        rows.append(("tokens seen", f"{human_count(r.tokens_seen)} in {r.iterations:,} steps{tpp}"))
    if r.last_train_loss is not None:
        val = f", val {r.last_val_loss:.4f}" if r.last_val_loss is not None else ""
        rows.append(("last loss", f"train {r.last_train_loss:.4f}{val}"))
    if r.mfu is not None and r.gpu:
        rows.append(("MFU", f"{pct(r.mfu)} of {r.gpu}"))
    elif r.mfu_a100 is not None:
        rows.append(("MFU", f"{pct(r.mfu_a100)} (A100 basis)"))
    if r.step_time_s is not None:
        rows.append(("step time", f"{r.step_time_s:.3g} s (median of steady steps)"))
    if r.gpu:
        rows.append(("GPU", f"{r.gpu} (from {r.gpu_source})"))
    if r.assumptions:
        rows.append(("assumed", "; ".join(r.assumptions)))
    body = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in rows)
    return f'<dl class="summary">{body}</dl>'


def _findings(report: Report) -> str:
    if not report.findings:
        ran = len(report.coverage.rules_run)
        return f"<p>No findings from the {ran} rules that ran.</p>"
    items = []
    for f in report.findings:
        sev = f.severity.value
        parts = [
            f'<span class="sev {sev}">{sev.upper()}</span> '
            f'<span class="code">{_e(f.code)} {_e(f.rule)}</span> '
            f'<span class="title">{_e(f.title)}</span>'
        ]
        if f.impact_note and sev != "info":
            parts.append(f'<div class="note">ranked here: {_e(f.impact_note)}</div>')
        parts.append(f"<div>{_e(f.message)}</div>")
        if f.evidence:
            rows = []
            for ev in f.evidence:
                where = f"step {ev.step:,}" if ev.step is not None else ""
                where += (", " if where else "") + f"line {ev.line}" if ev.line is not None else ""
                rows.append(
                    f"<tr><td>{_e(ev.label)}</td><td>{_e(_value(ev.value))}</td>"
                    f"<td>{_e(where)}</td></tr>"
                )
            parts.append(f'<table class="ev">{"".join(rows)}</table>')
        for fix in f.fixes:
            current = f"{fix.current!r} → " if fix.current is not None else ""
            parts.append(
                f'<div class="fix">fix: {_e(fix.key)} = {_e(current)}{_e(repr(fix.value))} '
                f'<span class="note">({_e(fix.reason)})</span></div>'
            )
        items.append(f"<li>{''.join(parts)}</li>")
    return f'<ol class="findings">{"".join(items)}</ol>'


def _diff(text: str) -> str:
    lines = []
    for line in text.splitlines():
        css = ""
        if line.startswith("@@"):
            css = "hunk"
        elif line.startswith("+") and not line.startswith("+++"):
            css = "add"
        elif line.startswith("-") and not line.startswith("---"):
            css = "del"
        lines.append(f'<span class="{css}">{_e(line)}</span>' if css else _e(line))
    return '<pre class="diff">' + "\n".join(lines) + "</pre>"


def _plan(report: Report) -> str:
    plan = report.fix_plan
    if not plan.fixes:
        return "<p>No warning or error has a fix: the config stays as it is.</p>"
    parts = []
    if plan.restart_required:
        parts.append(
            f"<p><b>Restart from iteration 0:</b> {_e('; '.join(plan.restart_reasons))}</p>"
        )
    else:
        parts.append("<p>Resume from the last checkpoint: nothing here needs a restart.</p>")
    if plan.diff:
        parts.append(_diff(plan.diff))
    else:
        fixes = "".join(f"<li>{_e(f.key)} = {_e(repr(f.value))}</li>" for f in plan.fixes)
        parts.append(f"<ul>{fixes}</ul>")
    rows: list[tuple[str, str]] = []
    t = plan.totals
    if t is not None:
        if t.n_params:
            rows.append(("parameters", human_count(t.n_params)))
        if t.max_iters and t.tokens_per_iter:
            rows.append(("steps", f"{t.max_iters:,} x {t.tokens_per_iter:,} tokens"))
        if t.tokens:
            rows.append(("tokens", human_count(t.tokens)))
        if t.tokens_per_param:
            rows.append(("tokens per parameter", f"{t.tokens_per_param:.1f}"))
        if t.epochs is not None:
            rows.append(("epochs of the dataset", f"{t.epochs:.2f}"))
        if t.step_time_s is not None:
            rows.append(("step time", f"{t.step_time_s:.3g} s at the measured MFU"))
        if t.hours is not None:
            rows.append(("time", f"about {t.hours:.1f} h"))
    if plan.memory is not None:
        m = plan.memory
        device = m.components.get("device_total", m.total_bytes)
        of = f" of {human_bytes(m.vram_bytes)}" if m.vram_bytes else ""
        rows.append(("memory", f"{human_bytes(device)}{of} on the card"))
    if rows:
        body = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in rows)
        parts.append(f"<h3>The planned run</h3><table>{body}</table>")
    if plan.defects:
        items = "".join(f"<li>{_e(d)}</li>" for d in plan.defects)
        parts.append(f"<p>capdiag's own checks still find on the fixed config:</p><ul>{items}</ul>")
    else:
        parts.append("<p>capdiag check passes on the fixed config.</p>")
    for d in plan.dropped:
        parts.append(f'<p class="note">not applied: {_e(d)}</p>')
    return "".join(parts)


def _coverage(report: Report) -> str:
    c = report.coverage
    read = ", ".join(f"{name} {count:,}" for name, count in c.series.items()) or "nothing"
    skipped = "; ".join(f"{s.rule}: {s.reason}" for s in report.skipped)
    text = (
        f"read: {read}. config: {c.config}. Checked {len(c.rules_run)} of "
        f"{c.rules_selected} rules" + (f"; could not run: {skipped}" if skipped else "") + "."
    )
    return f"<p>{_e(text)}</p>"


def render_html(report: Report, run: Run) -> str:
    """The whole page, as one string."""
    pic = picture(run, report)
    charts = []
    loss = _loss_chart(pic)
    if loss is not None:
        charts.append(
            '<section class="card">'
            + loss.svg("loss")
            + _marker_notes(pic.loss_markers, loss)
            + "</section>"
        )
    speed = []
    if pic.step_time is not None and pic.step_time.y.size:
        chart = _speed_chart(pic, pic.step_time, "time", "step time (ms)", "{:,.0f}")
        _speed_marks(chart, pic.speed_markers, ticks=True)
        speed.append(chart.svg("time", "speed"))
    if pic.mfu is not None and pic.mfu.y.size:
        chart = _speed_chart(pic, pic.mfu, "mfu", "MFU (%)", "{:.0f}")
        _speed_marks(chart, pic.speed_markers, ticks=not speed)
        speed.append(chart.svg("mfu", "speed"))
    if speed:
        kinds = {m.kind for m in pic.speed_markers}
        key = []
        if "eval" in kinds:
            key.append('<span class="info">blue ticks</span>: evaluations')
        if "checkpoint" in kinds:
            key.append("grey ticks: checkpoints")
        if "compile" in kinds:
            key.append('<span style="color:#8250df">purple line</span>: compilation')
        note = f'<p class="marks">{"; ".join(key)}.</p>' if key else ""
        charts.append(
            '<section class="card"><h2 style="margin-top:0">Speed</h2>'
            + note
            + "".join(speed)
            + "</section>"
        )
    source = report.run.source
    return page(
        f"capdiag: {source}",
        f'<h1>capdiag report</h1><p class="sub">{_e(source)}</p>'
        f'<section class="card">{_summary(report)}</section>'
        + "".join(charts)
        + f"<h2>Findings, ranked</h2>{_findings(report)}"
        + f"<h2>Fix plan</h2>{_plan(report)}"
        + f"<footer>{_coverage(report)}<p>{_e(report.ranking)}</p>"
        f"<p>capdiag {_e(__version__)}</p></footer>",
    )


def page(title: str, body: str, style: str = "") -> str:
    """A whole page around `body` (HTML, already escaped): no script, and a
    Content-Security-Policy that refuses any fetch. `title` is plain text."""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{STYLE}{style}</style></head><body><main>"
        + body
        + "</main></body></html>\n"
    )
