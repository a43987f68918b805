"""What the pictures cost on a long run: `--html` and `--plot` against the analysis itself.

    python bench/bench_html.py [--points 1000000]

Builds a run of N steps (train loss with noise, a spike and a NaN; val loss every 1,000
steps; step times), then times, in the same run:
  baseline  `analyze` with every rule
  html      `render_html` (the downsampling and the SVG)
  plot      the terminal chart
and prints each time, its ratio to the baseline, and the page's size. The page's size is
bounded by the downsampling (at most 2 x 800 points per curve), not by N.
"""

from __future__ import annotations

import argparse
import math
import time
from collections.abc import Callable
from typing import TypeVar

import numpy as np

from capdiag.analysis import analyze
from capdiag.render.chart import picture
from capdiag.render.html import render_html
from capdiag.render.plot import plot_lines
from capdiag.run import Config, Run, Series

T = TypeVar("T")


def long_run(n: int) -> Run:
    rng = np.random.default_rng(0)
    steps = np.arange(n)
    loss = 3 + 5 * np.exp(-steps / (n / 20)) + 0.1 * rng.standard_normal(n)
    loss[n // 3] += 20.0
    loss[n // 2] = math.nan
    every = max(n // 1000, 1)
    run = Run(
        source=f"synthetic-{n}",
        format="jsonl",
        framework="jsonl",
        config=Config(),
        series={
            "train_loss": Series(name="train_loss", steps=steps, values=loss, mode="train-batch"),
            "val_loss": Series(
                name="val_loss", steps=steps[::every], values=loss[::every], mode="eval"
            ),
            "step_time_ms": Series(name="step_time_ms", steps=steps, values=100 + rng.random(n)),
        },
    )
    run.figures.tokens_per_iter = 4096
    return run


def timed(fn: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=1_000_000)
    n = parser.parse_args().points
    run = long_run(n)
    base, report = timed(lambda: analyze(run))
    html_s, page = timed(lambda: render_html(report, run))
    plot_s, _ = timed(lambda: plot_lines(picture(run, report), 100))
    print(f"{n:,} points")
    print(f"baseline  analyze      {base:7.2f} s")
    print(f"html      render_html  {html_s:7.2f} s  ({html_s / base:.2f}x the analysis)")
    print(f"plot      plot_lines   {plot_s:7.2f} s  ({plot_s / base:.2f}x the analysis)")
    print(f"page      {len(page.encode()):,} bytes")


if __name__ == "__main__":
    main()
