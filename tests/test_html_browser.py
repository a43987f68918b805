"""The HTML report in a real headless browser (Debian's `chromium`; `.ci/run` installs it).

Chromium's console goes to stderr (`--enable-logging=stderr --v=0`): every console message,
an uncaught error or a fetch refused by the page's Content-Security-Policy, is a line with
`:CONSOLE`. The page has no script, so any such line is a fault. Without chromium the test
fails: it never passes without looking."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from conftest import SEED_CONFIG, SEED_LOG, capdiag_process

CONSOLE = re.compile(r":CONSOLE[:(]")


def chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    pytest.fail(
        "chromium is not installed: the HTML report is tested in a real browser "
        "(apt-get install chromium; .ci/run installs it)"
    )


def browse(page: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Chromium, headless, on a local file; its console on stderr."""
    return subprocess.run(
        [
            chromium(),
            "--headless",
            "--no-sandbox",  # CI runs as root
            "--disable-gpu",
            "--no-first-run",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
            *args,
            page.resolve().as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


def console_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if CONSOLE.search(line)]


@pytest.fixture(scope="module")
def seed_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html") / "seed.html"
    result = capdiag_process(
        "analyze",
        SEED_LOG,
        "--config",
        SEED_CONFIG,
        "--gpu",
        "RTX 4070",
        "--fail-on",
        "never",
        "--quiet",
        "--html",
        out,
    )
    assert result.returncode == 0, result.stderr
    return out


def test_the_console_check_sees_errors(tmp_path: Path) -> None:
    """The check below is not blind: a page that breaks the rules shows on the console."""
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="default-src \'none\'">'
        '<img src="https://example.invalid/x.png"><script>undefinedFunction()</script>'
    )
    result = browse(page, "--dump-dom")
    assert len(console_lines(result.stderr)) >= 2, result.stderr[-2000:]


def test_seed_report_renders_in_chromium_without_console_errors(seed_html: Path) -> None:
    result = browse(seed_html, "--dump-dom")
    assert result.returncode == 0, result.stderr[-2000:]
    assert console_lines(result.stderr) == []
    dom = result.stdout
    # the browser built the charts: the curves, the plateau region and the Chinchilla line
    assert dom.count("<svg") == 3
    assert '<rect class="region plateau"' in dom
    assert '<line class="mark chinchilla"' in dom
    assert dom.count('<polyline class="train"') >= 1 and 'class="val dot"' in dom
    assert "Findings, ranked" in dom


def test_seed_report_screenshot_shows_the_curves(seed_html: Path, tmp_path: Path) -> None:
    shot = tmp_path / "seed.png"
    result = browse(seed_html, f"--screenshot={shot}", "--window-size=1040,1100")
    assert result.returncode == 0 and shot.is_file(), result.stderr[-2000:]
    assert console_lines(result.stderr) == []
    from PIL import Image

    with Image.open(shot) as image:
        assert image.size == (1040, 1100)
        rgb = np.asarray(image.convert("RGB")).astype(int)
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    # the page is drawn, not blank: the curves' colours are in the image
    orange = int(np.sum((r > 230) & (g > 110) & (g < 160) & (b < 40)))  # val loss, #fb8500
    blue = int(np.sum((r < 110) & (g > 150) & (g < 200) & (b > 230)))  # train loss, #54aeff
    purple = int(np.sum((abs(r - 0x82) < 20) & (abs(g - 0x50) < 20) & (abs(b - 0xDF) < 20)))
    assert orange > 200 and blue > 200 and purple > 100, (orange, blue, purple)
