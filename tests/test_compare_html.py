"""`capdiag compare --html`: the comparison page (valid SVG, one curve per run and series, the
runs' legend, escaping, nothing external), and the page in headless chromium."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest
from conftest import DATA, EXAMPLES, capdiag_process
from test_html_browser import browse, console_lines

from capdiag.analysis import analyze
from capdiag.compare import compare, curve_x, run_labels, smoothed
from capdiag.load import load_run
from capdiag.render.chart import MAX_BUCKETS
from capdiag.render.compare_html import overlay_chart, render_compare_html, run_css
from capdiag.render.html import render_html
from capdiag.run import Config, Run, Series

SVG = "{http://www.w3.org/2000/svg}"
HEALTHY = EXAMPLES / "logs/nanogpt_cpu_healthy.log"
LLMC = DATA / "llmc/cpu_train_gpt2_py_stdout.log"
JSONL = DATA / "jsonl/divergent_stdout.log"


def _page(*paths: Path) -> tuple[str, list[Run]]:
    runs = [load_run(p) for p in paths]
    comparison = compare([(run, analyze(run), None) for run in runs])
    return render_compare_html(comparison, runs), runs


def _charts(page: str) -> dict[str, ET.Element]:
    """The page's charts, each parsed as standalone XML, by clip path id."""
    found = {}
    for text in re.findall(r"<svg .*?</svg>", page, flags=re.S):
        root = ET.fromstring(text)  # raises on anything that is not well-formed XML
        clip = root.find(f"{SVG}clipPath")
        if clip is not None:  # the others are the legend's swatches
            found[clip.get("id", "")] = root
    return found


def _classes(element: ET.Element) -> list[str]:
    return (element.get("class") or "").split()


@pytest.fixture(scope="module")
def cross_format() -> tuple[str, list[Run]]:
    return _page(HEALTHY, LLMC)


def test_one_curve_per_run_and_series_in_valid_svg(cross_format: tuple[str, list[Run]]) -> None:
    page, _ = cross_format
    charts = _charts(page)
    assert set(charts) == {"clip-train", "clip-val"}
    for root in charts.values():
        lines = list(root.iter(f"{SVG}polyline"))
        # nanoGPT and llm.c: each run's curve is one line in its own colour
        assert sorted(_classes(p)[0] for p in lines) == ["run0", "run1"]
        titles = [t.text for t in root.iter(f"{SVG}text") if "chart-title" in _classes(t)]
        assert titles in (["train loss"], ["val loss"])


def test_curves_sit_on_tokens_seen_as_the_terminal_aligns_them(
    cross_format: tuple[str, list[Run]],
) -> None:
    page, runs = cross_format
    assert "tokens seen (log scale)" in page and "curves aligned on step" not in page
    labels = [f"{i}: {p.name}" for i, p in enumerate((HEALTHY, LLMC), start=1)]
    chart = overlay_chart("val loss", lambda r: r.metric("val_loss"), runs, labels, True)
    assert chart is not None and chart.x_log
    xs = [curve_x(run, run.series["val_loss"], True) for run in runs]
    positive = np.concatenate([x[x > 0] for x in xs])
    assert chart.x_lo == pytest.approx(positive.min() / 1.15)
    assert chart.x_hi == pytest.approx(positive.max() * 1.15)
    root = ET.fromstring(chart.svg("val"))
    for i, (run, x) in enumerate(zip(runs, xs, strict=True)):
        (line,) = [p for p in root.iter(f"{SVG}polyline") if run_css(i) in _classes(p)]
        points = [tuple(map(float, p.split(","))) for p in (line.get("points") or "").split()]
        keep = x > 0  # a log axis: the eval before the first update is left out
        assert len(points) == int(keep.sum())
        assert [px for px, _ in points] == pytest.approx(list(chart.x(x[keep])), abs=0.06)
        y = smoothed(run.series["val_loss"])[keep]
        assert [py for _, py in points] == pytest.approx(list(chart.y(y)), abs=0.06)


def test_legend_names_each_run_in_its_colour(cross_format: tuple[str, list[Run]]) -> None:
    page, _ = cross_format
    for i, name in enumerate(("nanogpt_cpu_healthy.log", "cpu_train_gpt2_py_stdout.log")):
        swatch = f'<line class="{run_css(i)} key"'
        assert re.search(re.escape(swatch) + r"[^>]*/></svg>" + re.escape(f"{i + 1}: {name}"), page)
    assert 'class="runs inline"' in page  # the key above the charts


def test_more_runs_than_colours_stay_apart() -> None:
    assert len({run_css(i) for i in range(24)}) == 24
    assert run_css(8).split() == ["run0", "dashed"] and run_css(17).split() == ["run1", "dotted"]


def test_on_step_with_the_terminals_note() -> None:
    page, _ = _page(HEALTHY, JSONL)
    assert "step (log scale)" in page and "tokens seen" not in page
    assert f"curves aligned on step, not tokens: no tokens per step for {JSONL}" in page
    train = _charts(page)["clip-train"]
    # the JSONL run ends in NaN losses: its line stops before them and crosses mark them
    (line,) = [p for p in train.iter(f"{SVG}polyline") if "run1" in _classes(p)]
    last_x = float((line.get("points") or "").split()[-1].split(",")[0])
    crosses = [p for p in train.iter(f"{SVG}path") if "nan" in _classes(p)]
    cross_x = [float((p.get("d") or "")[1:].split(",")[0]) + 4 for p in crosses]
    assert crosses and last_x < min(cross_x) + 3  # crosses snap to 6 px
    assert all(p.findtext(f"{SVG}title") == "2: divergent_stdout.log not finite" for p in crosses)


def test_key_figures_config_and_findings_are_on_the_page(
    cross_format: tuple[str, list[Run]],
) -> None:
    page, runs = cross_format
    for part in ("Key figures", "true MFU", "tokens per parameter", "Config differences"):
        assert part in page
    assert "808.06K" in page and '<span class="src log">log</span>' in page
    assert "<td>1500</td>" in page and "<td>12</td>" in page  # max_iters, from each log
    reports = [analyze(run) for run in runs]
    before = {f.rule for f in reports[0].findings}
    after = {f.rule for f in reports[1].findings}
    for word, rules in (("new", after - before), ("resolved", before - after)):
        for rule in rules:  # in the row of its word
            row = f'<td class="{word}">{word}</td>(?:(?!</tr>).)*? {re.escape(rule)}</td>'
            assert re.search(row, page), rule
    n_resolved, n_new = len(before - after), len(after - before)
    assert f"{n_resolved} resolved, {n_new} new" in page


def test_long_curves_are_bucketed_like_the_single_run_page() -> None:
    steps = np.arange(200_000)
    loss = 3.0 + np.exp(-steps / 20_000.0) + 0.05 * np.sin(steps / 7.0)

    def run(name: str) -> Run:
        r = Run(
            source=name,
            format="jsonl",
            framework="jsonl",
            config=Config(),
            series={"train_loss": Series(name="train_loss", steps=steps, values=loss)},
        )
        r.figures.tokens_per_iter = 1024
        return r

    runs = [run("a.jsonl"), run("b.jsonl")]
    comparison = compare([(r, analyze(r, rules=[]), None) for r in runs])
    page = render_compare_html(comparison, runs)
    assert len(page.encode()) < 200_000
    chart = _charts(page)["clip-train"]
    y = smoothed(runs[0].series["train_loss"])
    drawn_chart = overlay_chart("t", lambda r: r.metric("train_loss"), runs, ["a", "b"], True)
    assert drawn_chart is not None
    extremes = np.clip([y.min(), y.max()], drawn_chart.y_lo, drawn_chart.y_hi)
    lo, hi = drawn_chart.y(extremes)
    for i in range(2):
        (line,) = [p for p in chart.iter(f"{SVG}polyline") if run_css(i) in _classes(p)]
        points = (line.get("points") or "").split()
        assert MAX_BUCKETS < len(points) <= 2 * MAX_BUCKETS
        drawn = [float(p.split(",")[1]) for p in points]
        assert min(drawn) == pytest.approx(hi, abs=0.06)  # the highest loss is kept
        assert max(drawn) == pytest.approx(lo, abs=0.06)  # and the lowest


def _tags(page: str) -> list[tuple[str, list[str]]]:
    """Every tag of the page, with its attributes' names, as a browser's parser reads them."""
    found: list[tuple[str, list[str]]] = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.append((tag, [name for name, _ in attrs]))

    Tags().feed(page)
    return found


HOSTILE = "<img src=x onerror=alert(1)>&\"'.log"


def test_hostile_run_names_are_escaped_and_nothing_is_external(tmp_path: Path) -> None:
    log = tmp_path / HOSTILE
    shutil.copy(HEALTHY, log)
    out = tmp_path / "compare.html"
    result = capdiag_process("compare", log, LLMC, "--html", out)
    assert result.returncode == 0, result.stderr
    page = out.read_text()
    assert "<img" not in page and HOSTILE not in page
    assert "1: &lt;img src=x onerror=alert(1)&gt;&amp;&quot;&#x27;.log" in page
    val = _charts(page)["clip-val"]  # well-formed XML with the name in its tooltips
    tips = [t.text or "" for t in val.iter(f"{SVG}title")]
    assert any(t.startswith(f"1: {HOSTILE} (") for t in tips)
    tags = _tags(page)
    assert "script" not in {tag for tag, _ in tags} and "img" not in {tag for tag, _ in tags}
    assert not [a for _, attrs in tags for a in attrs if a in ("src", "href", "xlink:href")]
    assert re.findall(r"url\(([^)]*)\)", page) == ["#clip-train", "#clip-val"]
    # the same head as the single-run page: the CSP refuses any fetch
    run = load_run(HEALTHY)
    single = render_html(analyze(run), run)
    csp = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>')
    assert csp.findall(page) == csp.findall(single) != []
    assert "capdiag: wrote the HTML comparison" in result.stderr


def test_html_to_an_unwritable_path_exits_2_with_one_line(tmp_path: Path) -> None:
    result = capdiag_process("compare", HEALTHY, LLMC, "--html", tmp_path / "no/such/dir.html")
    assert result.returncode == 2
    assert "--html" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_labels_are_the_terminals(cross_format: tuple[str, list[Run]]) -> None:
    page, runs = cross_format
    comparison = compare([(run, analyze(run), None) for run in runs])
    for label in run_labels(comparison):
        assert f"<th>{label}</th>" in page


def test_cross_format_comparison_renders_in_chromium(tmp_path: Path) -> None:
    """nanoGPT against llm.c, in a real browser: no console message, both curves drawn in
    both charts, each run's colour on the screen."""
    out = tmp_path / "compare.html"
    result = capdiag_process("compare", HEALTHY, LLMC, "--html", out)
    assert result.returncode == 0, result.stderr
    shown = browse(out, "--dump-dom")
    assert shown.returncode == 0, shown.stderr[-2000:]
    assert console_lines(shown.stderr) == []
    dom = shown.stdout
    assert dom.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart') == 2
    assert dom.count('<polyline class="run0"') == 2 and dom.count('<polyline class="run1"') == 2
    assert "Findings against the baseline" in dom and "Config differences" in dom
    shot = tmp_path / "compare.png"
    taken = browse(out, f"--screenshot={shot}", "--window-size=1040,1400")
    assert taken.returncode == 0 and shot.is_file(), taken.stderr[-2000:]
    assert console_lines(taken.stderr) == []
    from PIL import Image

    with Image.open(shot) as image:
        rgb = np.asarray(image.convert("RGB")).astype(int)
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    blue = int(np.sum((abs(r - 0x09) < 25) & (abs(g - 0x69) < 25) & (abs(b - 0xDA) < 25)))
    orange = int(np.sum((r > 230) & (g > 110) & (g < 160) & (b < 40)))  # run 2, #fb8500
    assert blue > 200 and orange > 200, (blue, orange)


def test_the_smoothing_note_only_when_a_drawn_train_loss_is_per_batch(
    cross_format: tuple[str, list[Run]],
) -> None:
    note = "per-batch train losses drawn as a running median of 9 points"
    assert note in cross_format[0]  # llm.c logs its per-batch loss
    page, runs = _page(HEALTHY, EXAMPLES / "logs/nanogpt_cpu_overfit.log")
    assert all(run.series["eval_train_loss"].mode == "eval" for run in runs)
    assert note not in page  # nanoGPT's eval-mode train loss is drawn as logged
