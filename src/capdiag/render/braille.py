"""Curves drawn in the terminal with Unicode braille cells (2 x 4 dots each), numpy only.

Each curve is binned on the x axis (one bin per dot column, the mean of its finite points),
drawn as dots, and consecutive columns are joined by a vertical run of dots, so a steep drop
stays one line. Several curves share the chart, each in its own colour.
"""

from __future__ import annotations

import math

import numpy as np
from rich.text import Text

# bit of each dot in a braille cell, by (row 0..3, column 0..1)
_DOTS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))
COLOURS = ("cyan", "magenta", "yellow", "green", "blue", "red")


def _columns(x: np.ndarray, y: np.ndarray, lo: float, hi: float, width: int) -> np.ndarray:
    """The mean y of each of `width` dot columns over [lo, hi] (nan where a column is empty)."""
    keep = np.isfinite(x) & np.isfinite(y)
    x, y = x[keep], y[keep]
    out = np.full(width, np.nan)
    if not x.size:
        return out
    span = hi - lo if hi > lo else 1.0
    col = np.clip(((x - lo) / span * (width - 1)).round().astype(np.int64), 0, width - 1)
    sums = np.bincount(col, weights=y, minlength=width)
    counts = np.bincount(col, minlength=width)
    filled = np.flatnonzero(counts)
    means = sums[filled] / counts[filled]
    # columns between two points are joined: the line runs on, not as scattered dots
    span_cols = np.arange(filled[0], filled[-1] + 1)
    out[span_cols] = np.interp(span_cols, filled, means)
    return out


def chart(
    curves: list[tuple[str, np.ndarray, np.ndarray]],
    width: int = 64,
    height: int = 12,
    log_x: bool = False,
    x_label: str = "",
) -> list[Text]:
    """Lines of a chart of `curves` (label, x, y): a y scale on the left, the x range below,
    and a legend. Points outside the y range (a divergence's blow-up) are clipped to its edge;
    with `log_x`, points at x <= 0 are left out."""
    prepared = []
    for label, x, y in curves:
        x = np.asarray(x, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        if log_x:
            with np.errstate(all="ignore"):
                x = np.where(x > 0, np.log10(np.where(x > 0, x, 1.0)), np.nan)
        prepared.append((label, x, y))
    xs = np.concatenate([x[np.isfinite(x) & np.isfinite(y)] for _, x, y in prepared] or [[]])
    ys = np.concatenate([y[np.isfinite(x) & np.isfinite(y)] for _, x, y in prepared] or [[]])
    if not xs.size:
        return [Text("(no finite points to draw)", "dim")]
    x_lo, x_hi = float(xs.min()), float(xs.max())
    # the top is the 98th percentile: one blow-up must not flatten every other curve
    y_lo, y_hi = float(ys.min()), float(np.percentile(ys, 98))
    if y_hi <= y_lo:
        y_hi = y_lo + 1.0
    dots_w, dots_h = width * 2, height * 4
    cells = np.zeros((height, width), dtype=np.int64)
    owner = np.full((height, width), -1, dtype=np.int64)
    for index, (_, x, y) in enumerate(prepared):
        column_y = _columns(x, y, x_lo, x_hi, dots_w)
        rows = (y_hi - np.clip(column_y, y_lo, y_hi)) / (y_hi - y_lo) * (dots_h - 1)
        previous: int | None = None
        for dot_x in range(dots_w):
            if not math.isfinite(rows[dot_x]):
                continue
            row = int(np.rint(rows[dot_x]))
            start, stop = (row, row) if previous is None else sorted((previous, row))
            for dot_y in range(start, stop + 1):
                cy, cx = dot_y // 4, dot_x // 2
                cells[cy, cx] |= _DOTS[dot_y % 4][dot_x % 2]
                owner[cy, cx] = index
            previous = row
    label_w = max(len(f"{y_hi:.3g}"), len(f"{y_lo:.3g}"))
    lines = []
    for r in range(height):
        if r == 0:
            scale = f"{y_hi:.3g}"
        elif r == height - 1:
            scale = f"{y_lo:.3g}"
        else:
            scale = ""
        line = Text(f"{scale:>{label_w}} ┤", "dim")
        for c in range(width):
            if cells[r, c]:
                line.append(chr(0x2800 + int(cells[r, c])), COLOURS[owner[r, c] % len(COLOURS)])
            else:
                line.append(" ")
        lines.append(line)

    def x_text(value: float) -> str:
        value = 10**value if log_x else value
        return _short(value)

    left, right = x_text(x_lo), x_text(x_hi)
    axis = " " * (label_w + 2) + left + " " * max(1, width - len(left) - len(right)) + right
    lines.append(Text(axis, "dim"))
    if x_label:
        lines.append(Text(" " * (label_w + 2) + x_label + (" (log scale)" if log_x else ""), "dim"))
    legend = Text(" " * (label_w + 2))
    for index, (label, _, _) in enumerate(prepared):
        legend.append("⣿ ", COLOURS[index % len(COLOURS)])
        legend.append(label + "   ")
    lines.append(legend)
    return lines


def _short(value: float) -> str:
    for div, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(value) >= div:
            return f"{value / div:.3g}{suffix}"
    return f"{value:.3g}"
