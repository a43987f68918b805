"""The pictures: the sparkline, the downsampling, the SVG charts, the HTML page, --plot."""

from __future__ import annotations

import io
import math
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest
from conftest import DATA, EXAMPLES, SEED_CONFIG, SEED_LOG, capdiag_process
from rich.console import Console

from capdiag.analysis import analyze
from capdiag.findings import Evidence
from capdiag.load import load_run
from capdiag.render.chart import MAX_BUCKETS, envelope, picture
from capdiag.render.html import render_html
from capdiag.render.plot import SPARK, SPARK_WIDTH, plot_lines, sparkline
from capdiag.render.svg import Chart
from capdiag.report import Report
from capdiag.run import Config, Run, Series

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def seed() -> tuple[Run, Report]:
    run = load_run(SEED_LOG, SEED_CONFIG, [], gpu="RTX 4070")
    return run, analyze(run)


@pytest.fixture(scope="module")
def overfit() -> tuple[Run, Report]:
    run = load_run(EXAMPLES / "logs" / "nanogpt_cpu_overfit.log")
    return run, analyze(run)


def _svgs(page: str) -> dict[str, ET.Element]:
    """Each chart of the page, parsed as standalone XML, by its clip path's name."""
    found = {}
    for text in re.findall(r"<svg .*?</svg>", page, flags=re.S):
        root = ET.fromstring(text)  # raises on anything that is not well-formed XML
        clip = root.find(f"{SVG}clipPath")
        assert clip is not None
        found[clip.get("id", "")] = root
    return found


def _by_class(root: ET.Element, tag: str, css: str) -> list[ET.Element]:
    return [e for e in root.iter(f"{SVG}{tag}") if css in (e.get("class") or "").split()]


# the sparkline


def test_sparkline_is_one_bounded_line_whose_buckets_keep_their_maximum() -> None:
    values = np.full(10_000, 3.0)
    values[5_000] = 9.0  # one spike in a bucket of ~312 points
    text = sparkline(values).plain
    assert len(text) == SPARK_WIDTH and "\n" not in text
    assert text.count(SPARK[-1]) == 1  # the spike survives the bucketing
    assert text.index(SPARK[-1]) == 5_000 * SPARK_WIDTH // 10_000
    assert set(text) - {SPARK[-1]} == {SPARK[0]}


def test_sparkline_shows_nan_and_inf_apart_from_values() -> None:
    values = np.linspace(10, 3, 20)
    values[4], values[12] = math.nan, math.inf
    text = sparkline(values).plain
    assert len(text) == 20  # fewer points than the width: one character each
    assert text[4] == "×" and text[12] == "↑"
    assert text[0] == SPARK[-1] and text[-1] == SPARK[0]


def test_seed_header_has_train_and_val_sparklines() -> None:
    result = capdiag_process(
        "analyze", SEED_LOG, "--config", SEED_CONFIG, "--gpu", "RTX 4070", "--fail-on", "never"
    )
    assert result.returncode == 0, result.stderr
    header = result.stdout.split("╰")[0]
    for label in ("train loss", "val loss"):
        line = next(x for x in header.splitlines() if label in x)
        assert re.search(f"[{SPARK}]{{20,}}", line), line
    assert "10.95 → 3.57" in header  # the val loss's first and last evaluation


# downsampling


def test_envelope_bounds_a_million_points_and_keeps_spikes_and_nan() -> None:
    rng = np.random.default_rng(0)
    x = np.arange(1, 1_000_001, dtype=float)
    y = 3 + 0.1 * rng.standard_normal(x.size)
    y[123_456] = 50.0
    y[654_321] = math.nan
    kx, ky, bad = envelope(x, y, 1.0, 1e6, log=True)
    assert kx.size <= 2 * MAX_BUCKETS
    assert 50.0 in ky and float(kx[np.argmax(ky)]) == 123_457.0
    assert bad.tolist() == [654_322.0]
    assert np.all(np.diff(kx) > 0)  # kept in the order they happened
    assert ky.min() == y[np.isfinite(y)].min()


def test_envelope_keeps_short_series_whole() -> None:
    x = np.arange(10, dtype=float)
    kx, ky, bad = envelope(x, x * 2, 0, 9, log=False)
    assert kx.tolist() == x.tolist() and ky.tolist() == (x * 2).tolist() and bad.size == 0


# the SVG chart


def test_chart_is_valid_xml_and_escapes_every_label() -> None:
    chart = Chart(400, 200, 1.0, 1000.0, 0.0, 10.0, x_log=True, x_label='a<b & "c"')
    chart.curve(np.array([1.0, 10.0, 100.0]), np.array([9.0, 5.0, 20.0]), "val", "<val>")
    chart.vline(10.0, "best", "</svg><script>alert(1)</script>")
    root = ET.fromstring(chart.svg("t"))
    texts = [t.text or "" for t in root.iter(f"{SVG}text")]
    assert 'a<b & "c"' in texts and "</svg><script>alert(1)</script>" in texts
    assert not list(root.iter(f"{SVG}script"))
    assert len(_by_class(root, "path", "offscale")) == 1  # 20 is above the axis: drawn at the top


def test_a_marker_sits_at_its_value_on_a_log_axis() -> None:
    chart = Chart(500, 200, 1.0, 1e4, 0.0, 1.0, x_log=True)
    chart.vline(100.0, "best", "best")
    root = ET.fromstring(chart.svg())
    ticks = {t.text: float(t.get("x", "nan")) for t in root.iter(f"{SVG}text")}
    line = _by_class(root, "line", "best")[0]
    assert float(line.get("x1", "nan")) == pytest.approx(ticks["100"])
    assert ticks["10"] - ticks["1"] == pytest.approx(ticks["1K"] - ticks["100"], abs=0.2)


# the HTML page


def test_seed_html_marks_the_plateau_and_chinchilla_where_they_are(
    seed: tuple[Run, Report],
) -> None:
    page = render_html(seed[1], seed[0])
    loss = _svgs(page)["clip-loss"]
    ticks = {t.text: float(t.get("x", "nan")) for t in loss.iter(f"{SVG}text")}
    # Chinchilla: 20 x 40,953,216 parameters = 819M tokens, between the 100M and 1B ticks
    line = _by_class(loss, "line", "chinchilla")[0]
    fraction = math.log10(20 * 40_953_216) - 8
    expected = ticks["100M"] + fraction * (ticks["1B"] - ticks["100M"])
    assert float(line.get("x1", "nan")) == pytest.approx(expected, abs=0.2)
    # the plateau starts at the evaluation of step 7,500 (val loss 3.5785)
    region = _by_class(loss, "rect", "plateau")[0]
    dots = _by_class(loss, "circle", "val")
    at_7500 = [d for d in dots if (d.findtext(f"{SVG}title") or "").endswith(": 3.5785")]
    assert len(at_7500) == 1
    assert float(region.get("x", "nan")) == pytest.approx(float(at_7500[0].get("cx", "nan")))
    assert float(region.get("width", "0")) > 20
    labels = [t.text for t in loss.iter(f"{SVG}text") if "label" in (t.get("class") or "")]
    assert "plateau from step 7,500" in labels
    assert any(x and x.startswith("Chinchilla-optimal: 819.06M tokens") for x in labels)
    assert "tokens seen (log scale; 524,288 per step)" in [t.text for t in loss.iter(f"{SVG}text")]
    for part in ("Findings, ranked", "param-count-mismatch", "+n_embd = 768", "The planned run"):
        assert part in page
    assert "2.50B" in page  # the planned run's tokens


def test_overfitting_best_step_is_drawn_at_the_lowest_val_point(
    overfit: tuple[Run, Report],
) -> None:
    loss = _svgs(render_html(overfit[1], overfit[0]))["clip-loss"]
    best = _by_class(loss, "line", "best")[0]
    dots = _by_class(loss, "circle", "val")
    lowest = max(dots, key=lambda d: float(d.get("cy", "0")))  # SVG y grows downwards
    assert float(best.get("x1", "nan")) == pytest.approx(float(lowest.get("cx", "nan")))


def test_speed_panel_marks_compile_and_evaluations(seed: tuple[Run, Report]) -> None:
    charts = _svgs(render_html(seed[1], seed[0]))
    time = charts["clip-time"]
    assert len(_by_class(time, "line", "eval")) == 30  # nanoGPT evaluated every 500 steps
    assert len(_by_class(time, "line", "checkpoint")) == 29
    assert _by_class(time, "line", "compile")
    assert "clip-mfu" in charts


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_html_escapes_every_string_from_the_run(seed: tuple[Run, Report]) -> None:
    run, report = seed
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    finding = report.findings[0].model_copy(
        update={
            "title": hostile,
            "message": hostile,
            "evidence": [Evidence(label=hostile, value=hostile, step=10, mark="spike")],
        }
    )
    report = report.model_copy(
        update={"findings": [finding], "run": report.run.model_copy(update={"source": hostile})}
    )
    page = render_html(report, run)
    parser = _Tags()
    parser.feed(page)
    names = {tag for tag, _ in parser.tags}
    assert "script" not in names and "img" not in names
    assert "&lt;script&gt;" in page
    _svgs(page)  # the charts are still well-formed


def test_html_is_self_contained(seed: tuple[Run, Report]) -> None:
    page = render_html(seed[1], seed[0])
    parser = _Tags()
    parser.feed(page)
    for tag, attrs in parser.tags:
        assert tag not in ("script", "link", "iframe", "img", "object")
        for name in ("src", "href"):
            assert not (attrs.get(name) or "").startswith(("http:", "https:", "//")), tag
    assert not re.search(r"url\((?!#)", page)  # only the charts' own clip paths
    assert "default-src 'none'" in page  # the browser refuses any fetch


def test_html_of_a_million_point_run_stays_small() -> None:
    n = 1_000_000
    rng = np.random.default_rng(1)
    steps = np.arange(n)
    loss = 3 + 5 * np.exp(-steps / 5e4) + 0.1 * rng.standard_normal(n)
    loss[500_000] = math.nan
    times = 100 + rng.random(n)
    run = Run(
        source="big.jsonl",
        format="jsonl",
        framework="jsonl",
        config=Config(),
        series={
            "train_loss": Series(name="train_loss", steps=steps, values=loss),
            "step_time_ms": Series(name="step_time_ms", steps=steps, values=times),
        },
    )
    run.figures.tokens_per_iter = 4096
    page = render_html(analyze(run, rules=[]), run)
    assert len(page.encode()) < 200_000, len(page)
    loss_svg = _svgs(page)["clip-loss"]
    assert _by_class(loss_svg, "path", "nan")  # the NaN is still shown


# the terminal chart


def test_plot_marks_the_seed_plateau_and_chinchilla(seed: tuple[Run, Report]) -> None:
    lines = [t.plain for t in plot_lines(picture(*seed), width=100)]
    assert max(len(x) for x in lines) <= 100
    marks = lines[lines.index(next(x for x in lines if "└" in x)) + 2]
    assert "C" in marks and "P━" in marks and marks.index("C") < marks.index("P")
    assert any("P plateau from step 7,500" in x for x in lines)
    assert any("C Chinchilla-optimal: 819.06M tokens" in x for x in lines)
    assert any("x: tokens seen (log scale" in x for x in lines)


def test_plot_of_a_nan_run_crosses_the_nan_steps() -> None:
    run = load_run(DATA / "nanogpt_rules" / "cpu_nan.log")
    lines = [t.plain for t in plot_lines(picture(run, analyze(run)), width=80)]
    assert lines[13].count("×") >= 10  # the bottom row of the 14-row chart
    assert any("N NaN from step 1" in x for x in lines)


def test_plot_and_html_from_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    args = ("analyze", SEED_LOG, "--config", SEED_CONFIG, "--gpu", "RTX 4070", "--fail-on", "never")
    result = capdiag_process(*args, "--plot", "--html", out)
    assert result.returncode == 0, result.stderr
    assert "P plateau from step 7,500" in result.stdout
    assert f"wrote the HTML report to {out}" in result.stderr
    assert out.read_text().startswith("<!DOCTYPE html>")
    bad = capdiag_process(*args, "--plot", "--format", "json")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "--plot" in bad.stderr
    nowhere = capdiag_process(*args, "--html", tmp_path / "missing" / "r.html")
    assert nowhere.returncode == 2 and nowhere.stderr.startswith("capdiag: error: --html")
    assert "Traceback" not in nowhere.stderr
    many = capdiag_process("analyze", DATA / "nanogpt_rules", "--html", out)
    assert many.returncode == 2 and "take one run" in many.stderr


def test_help_lists_html_and_plot() -> None:
    text = capdiag_process("analyze", "--help").stdout
    assert "--html" in text and "--plot" in text


def test_plot_fits_a_narrow_console(seed: tuple[Run, Report]) -> None:
    console = Console(width=50, record=True, file=io.StringIO())
    for line in plot_lines(picture(*seed), width=console.width):
        console.print(line)
    assert max(len(x) for x in console.export_text().splitlines()) <= 50


def test_a_hole_in_the_log_breaks_the_line() -> None:
    steps = np.r_[np.arange(0, 1000, 10), np.arange(50_000, 51_000, 10)]
    loss = np.linspace(6, 3, steps.size)
    run = Run(
        source="holes.jsonl",
        format="jsonl",
        framework="jsonl",
        config=Config(),
        series={"train_loss": Series(name="train_loss", steps=steps, values=loss)},
    )
    run.figures.tokens_per_iter = 1000
    loss_svg = _svgs(render_html(analyze(run, rules=[]), run))["clip-loss"]
    pieces = _by_class(loss_svg, "polyline", "train")
    assert len(pieces) == 2
    assert [len((p.get("points") or "").split()) for p in pieces] == [100, 100]
    lines = [t.plain for t in plot_lines(picture(run, analyze(run, rules=[])), width=80)]
    # in the terminal too: no dots on the rows between the two pieces' columns
    assert all(set(x[60:75]) <= {" "} for x in lines[6:13]), lines


def test_a_resume_is_drawn_at_the_step_it_resumed_from() -> None:
    run = load_run(DATA / "nanogpt" / "cpu_crash_resumed.log")  # relaunched at step 100
    loss = _svgs(render_html(analyze(run), run))["clip-loss"]
    line = _by_class(loss, "line", "resume")[0]
    train = _by_class(loss, "polyline", "train")[0]
    xs = [float(p.split(",")[0]) for p in (train.get("points") or "").split()]
    steps = np.sort(run.series["train_loss"].steps)
    at_100 = xs[int(np.flatnonzero(steps == 100)[0])]
    assert float(line.get("x1", "nan")) == pytest.approx(at_100)
    labels = [t.text for t in loss.iter(f"{SVG}text") if "label" in (t.get("class") or "")]
    assert "resumed at step 100" in labels
