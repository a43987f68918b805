"""`capdiag analyze --plot`: the loss curves in the terminal, drawn with braille dots (2 x 4
per character), with the findings' places marked by letter under the chart. No dependency.

Each curve is first cut to min/max per bucket (`chart.envelope`), then every segment between
kept points is drawn, so a spike reaches its peak and a NaN shows as a red cross."""

from __future__ import annotations

import math

import numpy as np
from rich.text import Text

from capdiag.render.chart import Curve, Marker, Picture, loss_range
from capdiag.render.svg import Scale, log_ticks, nice_ticks

BRAILLE = 0x2800
DOT_BITS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))  # [row][col] in a cell
CURVE_STYLE = {"train_loss": "bright_blue", "eval_train_loss": "blue", "val_loss": "yellow"}
MARK_LETTER = {
    "best": "B",
    "plateau": "P",
    "spike": "S",
    "nan": "N",
    "divergence": "D",
    "low": "L",
    "resume": "R",
    "crash": "X",
    "chinchilla": "C",
}
MARK_STYLE = {"best": "green", "plateau": "dark_orange", "chinchilla": "magenta", "resume": "dim"}
Y_LABEL_WIDTH = 8
MAX_WIDTH = 120


def _short(value: float) -> str:
    for div, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(value) >= div:
            return f"{value / div:g}{suffix}"
    return f"{value:g}"


def _segments(
    px: np.ndarray, py: np.ndarray, max_gap: float | None = None, cut: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Every dot on the straight segments between consecutive points (vectorised); points
    more than `max_gap` dots apart, or with a `cut` between them, are not joined."""
    if px.size < 2:
        return px.astype(int), py.astype(int)
    dx, dy = np.diff(px), np.diff(py)
    n = np.maximum(np.maximum(np.abs(dx), np.abs(dy)).astype(int), 1)
    if max_gap is not None:
        n[np.abs(dx) > max_gap] = 1  # only the segment's first point
    if cut is not None and cut.size:
        before = np.searchsorted(np.sort(cut), px)
        n[before[1:] != before[:-1]] = 1
    seg = np.repeat(np.arange(n.size), n)
    t = (np.arange(seg.size) - np.repeat(np.cumsum(n) - n, n)) / np.repeat(n, n)
    xs = np.rint(px[seg] + t * dx[seg]).astype(int)
    ys = np.rint(py[seg] + t * dy[seg]).astype(int)
    return np.r_[xs, round(float(px[-1]))], np.r_[ys, round(float(py[-1]))]


def plot_lines(pic: Picture, width: int = 100, height: int = 14) -> list[Text]:
    """The chart as lines of rich Text, at most `width` characters wide."""
    curves = [c for c in pic.losses if c.y.size]
    if not curves:
        return [Text("no finite loss to draw", "dim")]
    width = max(40, min(width, MAX_WIDTH))
    cols, rows = width - Y_LABEL_WIDTH - 1, height
    xs = np.concatenate([c.x for c in curves] + [c.bad_x for c in pic.losses])
    x_lo, x_hi = float(xs.min()), float(xs.max())
    for m in pic.loss_markers:
        if m.kind == "chinchilla" and x_lo / 10 <= m.x <= x_hi * 10:
            x_lo, x_hi = min(x_lo, m.x), max(x_hi, m.x)
    if x_hi <= x_lo:
        x_hi = x_lo + 1
    y_lo, y_hi = loss_range(curves)
    sx = Scale(x_lo, x_hi, 0, 2 * cols - 1, pic.axis.log)
    sy = Scale(y_lo, y_hi, 4 * rows - 1, 0)
    bits = np.zeros((len(curves), rows, cols), dtype=np.int64)
    for i, c in enumerate(curves):
        sparse = c.name != "train_loss" and c.y.size <= 300  # evaluations: joined when close
        gap = 12.0 if sparse else None
        dx, dy = _segments(sx(c.x), sy(np.clip(c.y, y_lo, y_hi)), gap, sx(c.breaks))
        keep = (dx >= 0) & (dx < 2 * cols) & (dy >= 0) & (dy < 4 * rows)
        dx, dy = dx[keep], dy[keep]
        cell = np.array(DOT_BITS)[dy % 4, dx % 2]
        np.bitwise_or.at(bits[i], (dy // 4, dx // 2), cell)
    cells: list[list[tuple[str, str]]] = [[(" ", "")] * cols for _ in range(rows)]
    for i, c in enumerate(curves):  # later curves (val) are drawn over earlier ones
        for r, col in zip(*np.nonzero(bits[i]), strict=True):
            merged = int(np.bitwise_or.reduce(bits[:, r, col]))
            cells[r][col] = (chr(BRAILLE + merged), CURVE_STYLE.get(c.name, ""))
    marks = _place_marks(pic.loss_markers, sx, cols)
    for col, kind in marks.items():
        if kind == "plateau":
            continue
        for r in range(rows):
            if cells[r][col][0] == " ":
                cells[r][col] = ("│" if kind != "chinchilla" else "┆", MARK_STYLE.get(kind, "red"))
    for c in pic.losses:  # NaN and infinity: a cross on the bottom row
        for col in np.unique((sx(c.bad_x) // 2).astype(int)):
            if 0 <= col < cols:
                cells[rows - 1][col] = ("×", "bold red")
    y_ticks = {0: y_hi, rows // 2: (y_lo + y_hi) / 2, rows - 1: y_lo}
    lines = []
    for r in range(rows):
        label = f"{y_ticks[r]:.2f}" if r in y_ticks else ""
        line = Text(f"{label:>{Y_LABEL_WIDTH}}┤" if label else " " * Y_LABEL_WIDTH + "│", "dim")
        for ch, style in cells[r]:
            line.append(ch, style)
        lines.append(line)
    lines.append(Text(" " * Y_LABEL_WIDTH + "└" + "─" * cols, "dim"))
    lines.append(_x_ticks(sx, x_lo, x_hi, pic.axis.log, cols))
    lines.append(_marks_row(pic.loss_markers, marks, sx, cols))
    lines.append(Text(f"{'':>{Y_LABEL_WIDTH}} x: {pic.axis.label}", "dim"))
    lines.extend(_key(curves, pic.loss_markers, x_lo, x_hi))
    return lines


def _place_marks(markers: list[Marker], sx: Scale, cols: int) -> dict[int, str]:
    out: dict[int, str] = {}
    for m in markers:
        col = int(sx.one(m.x) // 2)
        if 0 <= col < cols and m.kind in MARK_LETTER:
            out.setdefault(col, m.kind)
    return out


def _x_ticks(sx: Scale, lo: float, hi: float, log: bool, cols: int) -> Text:
    row = [" "] * cols
    ticks = log_ticks(lo, hi) if log else nice_ticks(lo, hi, 6)
    for t in ticks:
        text = _short(t) if log else f"{t:,.0f}"
        col = int(sx.one(t) // 2)
        start = min(max(col - len(text) // 2, 0), cols - len(text))
        if all(ch == " " for ch in row[max(start - 1, 0) : start + len(text) + 1]):
            row[start : start + len(text)] = list(text)
    return Text(" " * (Y_LABEL_WIDTH + 1) + "".join(row), "dim")


def _marks_row(markers: list[Marker], placed: dict[int, str], sx: Scale, cols: int) -> Text:
    row: list[tuple[str, str]] = [(" ", "")] * cols
    for m in markers:
        if m.kind == "plateau" and m.x_end is not None:
            a = max(int(sx.one(m.x) // 2), 0)
            b = min(int(sx.one(m.x_end) // 2), cols - 1)
            for col in range(a, b + 1):
                row[col] = ("━", MARK_STYLE["plateau"])
    for col, kind in placed.items():
        row[col] = (MARK_LETTER[kind], "bold " + MARK_STYLE.get(kind, "red"))
    text = Text(" " * (Y_LABEL_WIDTH + 1))
    for ch, style in row:
        text.append(ch, style)
    return text


def _key(curves: list[Curve], markers: list[Marker], x_lo: float, x_hi: float) -> list[Text]:
    key = Text(" " * (Y_LABEL_WIDTH + 1))
    for c in curves:
        key.append("⣿ ", CURVE_STYLE.get(c.name, ""))
        key.append(f"{c.label}   ")
    lines = [key]
    seen = set()
    for m in markers:
        if m.kind not in MARK_LETTER or (m.kind, m.label) in seen:
            continue
        seen.add((m.kind, m.label))
        line = Text(" " * (Y_LABEL_WIDTH + 1))
        line.append(MARK_LETTER[m.kind], "bold " + MARK_STYLE.get(m.kind, "red"))
        off = " (beyond the chart)" if not x_lo <= m.x <= x_hi else ""
        line.append(f" {m.label}{off}")
        lines.append(line)
    return lines


SPARK = "▁▂▃▄▅▆▇█"
SPARK_WIDTH = 32


def sparkline(values: np.ndarray, width: int = SPARK_WIDTH) -> Text:
    """One line of block characters: the highest value of each of `width` equal runs of
    points (so a spike is never averaged away); a run with a NaN shows "×", with an
    infinity "↑", both in red."""
    v = np.asarray(values, dtype=float)
    if v.size == 0:
        return Text("")
    k = min(width, v.size)
    starts = np.linspace(0, v.size, k + 1).astype(int)[:-1]
    finite = np.isfinite(v)
    has_nan = np.add.reduceat(np.isnan(v).astype(int), starts) > 0
    has_inf = np.add.reduceat(np.isinf(v).astype(int), starts) > 0
    top = np.maximum.reduceat(np.where(finite, v, -np.inf), starts)
    ok = np.isfinite(top)
    lo, hi = (float(top[ok].min()), float(top[ok].max())) if ok.any() else (0.0, 1.0)
    span = hi - lo
    text = Text()
    for i in range(k):
        if has_nan[i]:
            text.append("×", "bold red")
        elif has_inf[i] or not ok[i]:
            text.append("↑", "bold red")
        else:
            level = 0 if span <= 0 else math.floor((top[i] - lo) / span * (len(SPARK) - 1) + 0.5)
            text.append(SPARK[level])
    return text
