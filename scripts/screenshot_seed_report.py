"""Rebuild docs/seed_report.png: the seed example's HTML report, as headless Chromium draws it.

The seed example is rebuilt from a diagnosis (scripts/make_seed_example.py), not a real log.
Needs Debian's chromium and Pillow (in the dev extra); the PNG is cut to a 256-colour palette
to stay small.

    python scripts/screenshot_seed_report.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "seed_report.png"
WINDOW = (1040, 1045)


def main() -> None:
    from PIL import Image

    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        sys.exit("chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as tmp:
        page, shot = Path(tmp) / "seed.html", Path(tmp) / "seed.png"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "capdiag",
                "analyze",
                "examples/logs/seed_gpt2_fineweb_rtx4070.log",
                "--config",
                "examples/configs/seed_gpt2_fineweb_rtx4070.py",
                "--gpu",
                "RTX 4070",
                "--fail-on",
                "never",
                "--quiet",
                "--html",
                str(page),
            ],
            check=True,
            cwd=ROOT,
        )
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                f"--window-size={WINDOW[0]},{WINDOW[1]}",
                f"--screenshot={shot}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
        )
        with Image.open(shot) as image:
            image.convert("RGB").quantize(256).save(OUT, optimize=True)
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
