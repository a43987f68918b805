"""The `[fast]` extra: polars runs a format's metric-line regex over a big log in Rust.

`scan` reads the file in blocks, splits lines with numpy (on ``\\n`` only, as the base
path's `bounded_lines` does), and lets polars match one anchored pattern per line prefix.
A line polars matches becomes a row of numbers; every other line comes back as its raw
bytes, with its line number, for the format's own Python reader. Patterns spell ``\\d``
and ``\\s`` out as ASCII classes, so Rust's regex matches what Python's bytes regex does;
a number polars would not read exactly as `float()` does goes through the format's own
converter. bench/bench_engines.py measured polars against pyarrow and duckdb.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from capdiag.parsers.fields import MAX_LINE_CHARS, UTF16_BOMS

FAST_MIN_BYTES = 8 << 20  # smaller logs parse in well under a second on the base path
# bounds the memory of a block (polars' columns of it are a few times this); measured at
# 30 MB: 1 MB blocks peak 7-16 MB lower than 2 MB ones on nanoGPT, llm.c and JSONL logs, in
# the same time (bench/run.py)
BLOCK_BYTES = 1 << 20
# a number Python's float() and polars' parser both read, to the same double
_PLAIN_NUMBER = r"^[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]{1,3})?$"
DIGITS = "[0-9]"
SPACE = "[ \\t\\n\\r\\f\\v]"  # Python's \s on bytes
NOT_SPACE = "[^ \\t\\n\\r\\f\\v]"


@functools.cache
def available() -> bool:
    """Whether polars imports (asked only for a big log: the import costs 0.1 s)."""
    try:
        import polars  # noqa: F401
    except ImportError:
        return False
    return True


def wanted(path: Path) -> bool:
    """Whether `path` is a plain file big enough for the fast path, and polars is there."""
    try:
        if path.stat().st_size < FAST_MIN_BYTES or not available():
            return False
        with path.open("rb") as handle:
            return handle.read(2) not in UTF16_BOMS  # UTF-16: the base path
    except OSError:
        return False


@dataclass
class Rule:
    """One kind of metric line: the lines that start with `prefix` and match `pattern`."""

    prefix: str
    pattern: str  # named groups; ASCII classes only
    ints: tuple[str, ...] = ()  # groups read as int (1-15 digits)
    floats: tuple[str, ...] = ()  # groups read as float: polars, else `convert`
    codes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # group -> its values
    present: tuple[str, ...] = ()  # optional groups: whether each line has them
    contains: tuple[str, ...] = ()  # literal substrings: whether each line holds them


@dataclass
class Rows:
    """The lines of one block one rule matched: line numbers and one array per group."""

    line_no: np.ndarray
    numbers: dict[str, np.ndarray] = field(default_factory=dict)  # ints, floats, codes
    present: dict[str, np.ndarray] = field(default_factory=dict)
    contains: dict[str, bool] = field(default_factory=dict)  # any matched line holds it


@dataclass
class Block:
    lines: int  # lines read up to the end of this block
    rows: list[Rows]  # one per rule, in the rules' order
    others: list[tuple[int, bytes]]  # every line no rule matched, for the Python reader


def _lines(path: Path, whole: bool = False) -> Iterator[tuple[int, bytes, np.ndarray]]:
    """Blocks of whole lines: (lines before the block, its bytes, line starts + end). Past
    MAX_LINE_CHARS a line is only read past, as `bounded_lines` does, unless `whole`."""
    before, carry = 0, b""
    with path.open("rb") as handle:
        while True:
            chunk = handle.read(max(BLOCK_BYTES, len(carry)))  # a long line: reads double
            if chunk:
                data = carry + chunk
                cut = data.rfind(b"\n") + 1
                if not cut:  # one line, longer than the block: its head is enough
                    carry = data if whole else data[: MAX_LINE_CHARS + 1]
                    continue
                data, carry = data[:cut], data[cut:]
            else:
                data, carry = carry, b""  # the last line, without a newline
                if not data:
                    return
            ends = np.flatnonzero(np.frombuffer(data, np.uint8) == 10) + 1
            if not ends.size or ends[-1] != len(data):
                ends = np.append(ends, len(data))
            starts = np.empty(ends.size + 1, np.int64)
            starts[0], starts[1:] = 0, ends
            yield before, data, starts
            before += ends.size


def _column(strings: Any, convert: Callable[[bytes], float]) -> np.ndarray:
    """A group's strings as float64: polars reads plain decimals, `convert` the rest."""
    import polars as pl

    odd = np.flatnonzero(strings.str.contains(_PLAIN_NUMBER).not_().fill_null(False).to_numpy())
    # a group that did not match is null: NaN, as the Python readers make of None
    numbers = strings.cast(pl.Float64, strict=False).to_numpy()
    values: np.ndarray = numbers.astype(np.float64, copy=True)
    if odd.size:
        values[odd] = [convert(s.encode()) for s in strings.gather(odd).to_list()]
    return values


def _strings(data: bytes, lines: int) -> Any:
    """The block's lines as a polars column, newlines dropped. Bytes that are not UTF-8
    become U+FFFD: never a space, comma or digit, so a pattern of ASCII classes matches the
    same spans as on the raw bytes, and a number holding one is no number either way."""
    import polars as pl

    text = data.decode("utf-8", errors="replace")
    return pl.Series([text]).str.split("\n").explode().head(lines)


def scan(path: Path, rules: list[Rule], convert: Callable[[bytes], float]) -> Iterator[Block]:
    """The log's lines block by block: each rule's matches as arrays, the rest raw."""
    import polars as pl

    for before, data, starts in _lines(path):
        n = starts.size - 1
        lines = _strings(data, n)
        # a line past MAX_LINE_CHARS is the Python reader's: it cuts it
        short = pl.Series(np.diff(starts) <= MAX_LINE_CHARS)
        claimed = np.zeros(n, bool)
        block_rows = []
        for rule in rules:
            index = np.flatnonzero((lines.str.starts_with(rule.prefix) & short).to_numpy())
            groups = lines.gather(index).str.extract_groups(rule.pattern).struct.unnest()
            hit = groups[groups.columns[0]].is_not_null()
            index, groups = index[hit.to_numpy()], groups.filter(hit)
            claimed[index] = True
            rows = Rows(line_no=index + before + 1)
            for name in rule.ints:
                rows.numbers[name] = groups[name].cast(pl.Int64).to_numpy()
            for name in rule.floats:
                rows.numbers[name] = _column(groups[name], convert)
            for name, values in rule.codes.items():
                code = np.full(index.size, -1, np.int8)  # the value's index in `values`
                for i, value in enumerate(values):
                    code[(groups[name] == value).fill_null(False).to_numpy()] = i
                rows.numbers[name] = code
            for name in rule.present:
                rows.present[name] = groups[name].is_not_null().to_numpy()
            matched = lines.gather(index)
            for text in rule.contains:
                rows.contains[text] = bool(matched.str.contains(text, literal=True).any())
            block_rows.append(rows)
        others = [
            (int(i) + before + 1, data[starts[i] : starts[i + 1]][:MAX_LINE_CHARS])
            for i in np.flatnonzero(~claimed)
        ]
        yield Block(before + n, block_rows, others)
