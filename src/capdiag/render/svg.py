"""A small SVG line chart: axes with ticks, curves, vertical markers, shaded regions and
labels that do not overlap. Every string that goes in is escaped; the output is standalone
XML (no scripts, no external references)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from html import escape

import numpy as np


def _num(value: float) -> str:
    return f"{value:.1f}"


def nice_ticks(lo: float, hi: float, count: int = 6) -> list[float]:
    """Round tick values (1, 2 or 5 x 10^k apart) covering [lo, hi]."""
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo:
        return [lo]
    raw = (hi - lo) / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.ceil(lo / step) * step
    return [first + i * step for i in range(int((hi - first) / step + 1e-9) + 1)]


def log_ticks(lo: float, hi: float) -> list[float]:
    """Powers of ten in [lo, hi]; with 2 and 5 between them when the range is short."""
    if lo <= 0 or hi <= lo:
        return [lo]
    decades = range(math.floor(math.log10(lo)), math.ceil(math.log10(hi)) + 1)
    mults = (1,) if len(decades) > 3 else (1, 2, 5)
    ticks = [m * 10.0**d for d in decades for m in mults]
    return [t for t in ticks if lo <= t * (1 + 1e-9) and t <= hi * (1 + 1e-9)]


@dataclass
class Scale:
    """Values onto pixels, linear or log10."""

    lo: float
    hi: float
    start: float  # pixel of lo
    end: float  # pixel of hi
    log: bool = False

    def __call__(self, values: np.ndarray) -> np.ndarray:
        v = np.asarray(values, dtype=float)
        lo, hi = self.lo, self.hi
        if self.log:
            v, lo, hi = np.log10(np.maximum(v, 1e-300)), math.log10(lo), math.log10(hi)
        span = hi - lo or 1.0
        return self.start + (v - lo) / span * (self.end - self.start)

    def one(self, value: float) -> float:
        return float(self(np.array([value]))[0])


@dataclass
class Chart:
    """One plot area. Add curves and markers, then `svg()`."""

    width: int
    height: int
    x_lo: float
    x_hi: float
    y_lo: float
    y_hi: float
    x_log: bool = False
    x_label: str = ""
    y_label: str = ""
    x_format: str = "count"  # count: 1.2M; number: 1,200
    y_format: str = "{:.2f}"
    title: str = ""
    margin: tuple[int, int, int, int] = (34, 18, 46, 62)  # top, right, bottom, left
    body: list[str] = field(default_factory=list)
    legend: list[tuple[str, str]] = field(default_factory=list)  # (css class, text)
    labels: list[tuple[float, str, str]] = field(default_factory=list)  # (x px, text, class)
    _ticks: set[tuple[int, int]] = field(default_factory=set)

    def __post_init__(self) -> None:
        top, right, bottom, left = self.margin
        self.x = Scale(self.x_lo, self.x_hi, left, self.width - right, self.x_log)
        self.y = Scale(self.y_lo, self.y_hi, self.height - bottom, top)

    @property
    def top(self) -> float:
        return float(self.margin[0])

    @property
    def bottom(self) -> float:
        return float(self.height - self.margin[2])

    def curve(
        self,
        x: np.ndarray,
        y: np.ndarray,
        css: str,
        label: str,
        breaks: np.ndarray | None = None,
        dots: bool = False,
        max_gap: float | None = None,
    ) -> None:
        """A line through (x, y), broken before each x in `breaks` (a NaN was logged there)
        and where two points are more than `max_gap` pixels apart; values beyond the y range
        are drawn at its edge with a triangle."""
        if x.size == 0:
            self.legend.append((css, label))
            return
        px, py = self.x(x), self.y(np.clip(y, self.y_lo, self.y_hi))
        cut = np.zeros(x.size, dtype=bool)
        if breaks is not None and breaks.size:
            # a new piece starts at each point with a NaN between it and the one before
            before = np.searchsorted(np.sort(breaks), x)
            cut[1:] = before[1:] != before[:-1]
        if max_gap is not None:
            cut[1:] |= np.diff(px) > max_gap
        pieces = np.split(np.arange(x.size), np.flatnonzero(cut))
        for piece in pieces:
            if piece.size == 1 and not dots:
                self.body.append(
                    f'<circle class="{css}" cx="{_num(px[piece[0]])}" '
                    f'cy="{_num(py[piece[0]])}" r="1.5"/>'
                )
                continue
            pts = " ".join(
                f"{_num(a)},{_num(b)}" for a, b in zip(px[piece], py[piece], strict=True)
            )
            self.body.append(f'<polyline class="{css}" points="{pts}"/>')
        if dots:
            for a, b, v in zip(px, py, y, strict=True):
                self.body.append(
                    f'<circle class="{css} dot" cx="{_num(a)}" cy="{_num(b)}" r="2.6">'
                    f"<title>{escape(label)}: {v:.5g}</title></circle>"
                )
        off = np.flatnonzero(y > self.y_hi)
        for i in off[:200]:
            self.body.append(
                f'<path class="offscale" d="M{_num(px[i] - 4)},{_num(self.top + 7)} '
                f'l4,-7 l4,7 z"><title>{escape(label)}: {y[i]:.4g} (above the axis)</title></path>'
            )
        self.legend.append((css, label))

    def bad(self, x: np.ndarray, label: str) -> None:
        """Crosses on the x axis where the curve was NaN or infinite."""
        px_all = self.x(x)
        for px in np.unique(np.round(px_all / 6.0)) * 6.0:  # one cross per 6 pixels
            b = self.bottom
            self.body.append(
                f'<path class="nan" d="M{_num(px - 4)},{_num(b - 10)} l8,8 m0,-8 l-8,8">'
                f"<title>{escape(label)} not finite</title></path>"
            )

    def vline(self, x: float, css: str, label: str | None, tooltip: str = "") -> None:
        if not self.x_lo <= x <= self.x_hi:
            return
        px = self.x.one(x)
        tip = f"<title>{escape(tooltip or label or '')}</title>" if tooltip or label else ""
        self.body.append(
            f'<line class="mark {css}" x1="{_num(px)}" x2="{_num(px)}" '
            f'y1="{_num(self.top)}" y2="{_num(self.bottom)}">{tip}</line>'
        )
        if label:
            self.labels.append((px, label, css))

    def tick(self, x: float, css: str, row: int, tooltip: str) -> None:
        """A short mark above the x axis (row 0 lowest), for frequent events."""
        if not self.x_lo <= x <= self.x_hi:
            return
        px, y = self.x.one(x), self.bottom - 2 - 9 * row
        if (row, round(px / 6)) in self._ticks:
            return  # one tick per 6 pixels: a run with thousands of evaluations stays small
        self._ticks.add((row, round(px / 6)))
        self.body.append(
            f'<line class="tick {css}" x1="{_num(px)}" x2="{_num(px)}" y1="{_num(y)}" '
            f'y2="{_num(y - 7)}"><title>{escape(tooltip)}</title></line>'
        )

    def region(self, x0: float, x1: float, css: str, label: str) -> None:
        a, b = self.x.one(max(x0, self.x_lo)), self.x.one(min(x1, self.x_hi))
        self.body.insert(
            0,
            f'<rect class="region {css}" x="{_num(a)}" y="{_num(self.top)}" '
            f'width="{_num(max(b - a, 2.0))}" height="{_num(self.bottom - self.top)}">'
            f"<title>{escape(label)}</title></rect>",
        )
        self.labels.append((a, label, css))

    def _axes(self) -> list[str]:
        top, right, bottom, left = self.margin
        out = [
            f'<rect class="frame" x="{left}" y="{top}" width="{self.width - left - right}" '
            f'height="{self.height - top - bottom}"/>'
        ]
        xs = log_ticks(self.x_lo, self.x_hi) if self.x_log else nice_ticks(self.x_lo, self.x_hi)
        for t in xs:
            px = self.x.one(t)
            text = _count(t) if self.x_format == "count" else f"{t:,.0f}"
            anchor = "end" if px + 3.5 * len(text) > self.width else "middle"
            out.append(
                f'<line class="grid" x1="{_num(px)}" x2="{_num(px)}" y1="{top}" '
                f'y2="{self.height - bottom}"/>'
                f'<text class="axis" x="{_num(px)}" y="{self.height - bottom + 15}" '
                f'text-anchor="{anchor}">{escape(text)}</text>'
            )
        for t in nice_ticks(self.y_lo, self.y_hi, 5):
            py = self.y.one(t)
            out.append(
                f'<line class="grid" x1="{left}" x2="{self.width - right}" y1="{_num(py)}" '
                f'y2="{_num(py)}"/>'
                f'<text class="axis" x="{left - 6}" y="{_num(py + 4)}" '
                f'text-anchor="end">{escape(self.y_format.format(t))}</text>'
            )
        out.append(
            f'<text class="axis-label" x="{(left + self.width - right) / 2:.0f}" '
            f'y="{self.height - 8}" text-anchor="middle">{escape(self.x_label)}</text>'
            f'<text class="axis-label" transform="translate(14,{(top + self.bottom) / 2:.0f}) '
            f'rotate(-90)" text-anchor="middle">{escape(self.y_label)}</text>'
        )
        return out

    def _legend(self) -> list[str]:
        out, x = [], float(self.margin[3])
        for css, text in self.legend:
            out.append(
                f'<line class="{css} key" x1="{x:.0f}" x2="{x + 18:.0f}" y1="14" y2="14"/>'
                f'<text class="legend" x="{x + 23:.0f}" y="18">{escape(text)}</text>'
            )
            x += 32 + 6.6 * len(text)
        if self.title:
            out.append(
                f'<text class="chart-title" x="{self.width - self.margin[1]}" y="18" '
                f'text-anchor="end">{escape(self.title)}</text>'
            )
        return out

    def _labels(self) -> list[str]:
        """Marker labels along the top of the plot, in rows so that none overlap."""
        rows: list[float] = []  # right edge of the last label in each row
        out = []
        right = self.width - self.margin[1]
        for px, text, css in sorted(self.labels):
            width = 6.4 * len(text) + 8
            start_at = px + 4 if px + 4 + width <= right else px - 4 - width
            row = next((i for i, edge in enumerate(rows) if start_at > edge), len(rows))
            if row == len(rows):
                rows.append(0.0)
            rows[row] = start_at + width
            anchor = "start" if start_at > px else "end"
            tx = px + 4 if anchor == "start" else px - 4
            ty = self.top + 14 + 15 * row
            out.append(
                f'<text class="label {css}" x="{_num(tx)}" y="{_num(ty)}" '
                f'text-anchor="{anchor}">{escape(text)}</text>'
            )
        return out

    def svg(self, ident: str = "chart", css: str = "") -> str:
        """The chart as one <svg> element; `ident` names its clip path (unique per page)."""
        top, right, bottom, left = self.margin
        clip = f"clip-{escape(ident)}"
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {escape(css)}" '
            f'viewBox="0 0 {self.width} {self.height}" width="{self.width}" '
            f'height="{self.height}" role="img">'
            f'<clipPath id="{clip}"><rect x="{left}" y="{top - 8}" '
            f'width="{self.width - left - right}" height="{self.height - top - bottom + 8}"/>'
            f"</clipPath>"
            + "".join(self._axes())
            + f'<g clip-path="url(#{clip})">'
            + "".join(self.body)
            + "</g>"
            + "".join(self._labels())
            + "".join(self._legend())
            + "</svg>"
        )


def _count(value: float) -> str:
    for div, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(value) >= div:
            return f"{value / div:g}{suffix}"
    return f"{value:g}"
