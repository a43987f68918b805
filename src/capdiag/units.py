"""Parsing and formatting of sizes and counts."""

from __future__ import annotations

import re

_SIZE = re.compile(r"^\s*([\d.]+)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib|t|tb|tib)?\s*$", re.I)
_POWERS = {"": 0, "b": 0, "k": 1, "m": 2, "g": 3, "t": 4}
MAX_BYTES = 1e18  # an exabyte: past any device or host


def parse_size(text: str) -> int:
    """'12GB', '12 GiB', '24g', '12288MB' -> bytes. GPU memory is binary, so GB means GiB."""
    m = _SIZE.match(text)
    if not m:
        raise ValueError(f"not a memory size: {text!r} (try 12GB)")
    unit = (m.group(2) or "gb").lower()
    try:
        size = float(m.group(1)) * 1024 ** _POWERS[unit[0] if unit != "b" else "b"]
    except ValueError:
        raise ValueError(f"not a memory size: {text!r} (try 12GB)") from None
    if not size < MAX_BYTES:  # inf and NaN too
        raise ValueError(f"not a memory size: {text!r} (past {MAX_BYTES:.0e} bytes)")
    return int(size)


def human_count(n: float) -> str:
    """40_560_000 -> '40.56M', 7.6e9 -> '7.60B'."""
    for div, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(n) >= div:
            return f"{n / div:.2f}{suffix}"
    return f"{n:.0f}"


def human_bytes(n: float) -> str:
    return f"{n / 1024**3:.2f} GiB"


def pct(fraction: float) -> str:
    return f"{fraction * 100:.1f}%"
