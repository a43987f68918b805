"""The `[fast]` extra for JSONL logs: the records of one shape are read by polars in Rust.

Most metric logs write every record with the same keys in the same order. A *template* is
one such shape, learnt from a line Python parses: an anchored pattern with the keys as
literal text and a capture for each number or string. polars matches each block's lines
against the templates and converts the captures to arrays, and the reader's columns are
extended with them in file order, as `_Reader.consume` extends them a record at a time.

A template matches only text that `json.loads` reads to exactly its shape: keys and strings
of printable ASCII without escapes, JSON numbers (NaN and Infinity too), true, false, null,
nested objects, and flat lists of those (no number of the record: matched, not captured).
Every other line (banners, warnings, configs, nested lists, escapes, a step past range, a
shape past `MAX_TEMPLATES`) goes through `_Reader.consume` in its place, so the run is the
same, figure for figure, as the base path's.
"""

from __future__ import annotations

import json
import math
import re
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from capdiag.parsers import fast
from capdiag.parsers.fields import MAX_COUNT
from capdiag.parsers.jsonl import (
    _CONFIG_RECORD_KEYS,
    STEP_KEYS,
    _json_object,
    _Reader,
    as_number,
    flatten,
    pick_key,
)

MAX_TEMPLATES = 32  # shapes learnt per log; a line of any other shape is read by Python
LEARN_PER_BLOCK = 4  # lines a block may learn a shape from
MAX_SLOTS = 100  # captures in one template
MAX_DEPTH = 8  # nested objects in one template
MAX_PATTERN = 20_000  # characters of a template's pattern (polars' regex size is bounded)

_TEXT = r"[ !#-\[\]-~]*"  # printable ASCII but " and \: a JSON string's text, no escapes
_WS = r"[ \t\r]*"  # JSON's whitespace within a line
_EDGE = r"[ \t\r\x0b\x0c]*"  # and what bytes.strip() strips at the ends
# json.loads' numbers, spelled so that each character picks one branch
_NUMBER = r"-?(?:(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?|Infinity)|NaN"
_OPEN = rf"^{_EDGE}\{{"  # a line that may hold an object
# a list of numbers, strings, true, false and null (per-group rates, a tag list): no number
# of the record (as_number reads none from a list), matched whole and not captured
_ITEM = rf'(?:{_NUMBER}|"{_TEXT}"|null|true|false)'
_LIST = rf"\[{_WS}(?:{_ITEM}(?:{_WS},{_WS}{_ITEM})*{_WS})?\]"
# what float() may read in a string (more than it reads; the rest is no number)
_FLOAT_LIKE = r"(?i)^ *[-+]?(?:[0-9_.]+(?:e[-+]?[0-9_]+)?|nan|inf|infinity) *$"


@dataclass
class Template:
    """One record shape: its pattern, its flat keys, and a capture per number or string."""

    pattern: str
    names: list[str]  # the flat keys, in the order `flatten` gives them
    slots: list[tuple[str, str]]  # (flat key, "number" or "string"), one per capture
    has_step_key: bool  # whether a record of this shape names the log's step key
    hits: int = 0


@dataclass
class Matched:
    """The lines of one block a template matched, and their values as arrays."""

    template: Template
    rows: np.ndarray  # the lines' indices in the block, ascending
    numbers: dict[str, np.ndarray] = field(default_factory=dict)  # key -> float64
    has: dict[str, np.ndarray] = field(default_factory=dict)  # key -> whether a number
    strings: dict[str, Any] = field(default_factory=dict)  # key -> a string slot's text
    steps: dict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)


def _escape(text: str) -> str:
    return "".join(c if c.isalnum() else f"\\x{{{ord(c):02x}}}" for c in text)


def _shape(
    obj: dict[str, Any], prefix: str, names: list[str], slots: list[tuple[str, str]], depth: int = 0
) -> str | None:
    if depth > MAX_DEPTH:
        return None
    items = []
    for key, value in obj.items():
        if not re.fullmatch(_TEXT, key):
            return None
        name = prefix + key
        if isinstance(value, dict):
            text = _shape(value, name + "/", names, slots, depth + 1)
            if text is None:
                return None
        elif value is None or isinstance(value, bool):
            names.append(name)
            text = "null" if value is None else "true" if value else "false"
        elif isinstance(value, int | float):
            names.append(name)
            text = f"(?P<g{len(slots)}>{_NUMBER})"
            slots.append((name, "number"))
        elif isinstance(value, str) and re.fullmatch(_TEXT, value):
            names.append(name)
            text = f'"(?P<g{len(slots)}>{_TEXT})"'
            slots.append((name, "string"))
        elif isinstance(value, list) and all(map(_flat_item, value)):
            names.append(name)
            text = _LIST
        else:
            return None  # a nested list, or a string with escapes or other characters
        items.append(f'"{_escape(key)}"{_WS}:{_WS}{text}')
    return r"\{" + _WS + f"{_WS},{_WS}".join(items) + (_WS if items else "") + r"\}"


def _flat_item(value: Any) -> bool:
    """An item `_LIST` matches: a number, a plain string, true, false or null."""
    if isinstance(value, str):
        return re.fullmatch(_TEXT, value) is not None
    return value is None or isinstance(value, bool | int | float)


def learn(obj: dict[str, Any]) -> Template | None:
    """The template of `obj`'s shape, or None when Python must read such records."""
    if "log_history" in obj:
        return None
    if len(obj) <= 2 and any(isinstance(obj.get(k), dict) for k in _CONFIG_RECORD_KEYS):
        return None  # a config record
    names: list[str] = []
    slots: list[tuple[str, str]] = []
    shape = _shape(obj, "", names, slots)
    if shape is None or len(set(names)) < len(names) or len(slots) > MAX_SLOTS:
        return None
    if len(shape) > MAX_PATTERN:
        return None
    step_key = pick_key(names, STEP_KEYS)
    if step_key is not None and isinstance(flatten(obj).get(step_key), list):
        return None  # a step that is a list is no step: Python reads such records
    has_step_key = step_key is not None
    return Template(f"^{_EDGE}{shape}{_EDGE}$", names, slots, has_step_key)


def _json_number(raw: bytes) -> float:
    number = as_number(json.loads(raw))
    return math.nan if number is None else number


def _numbers(strings: Any) -> np.ndarray:
    """JSON numbers as `as_number(json.loads(text))` reads them. polars' float parsing is
    correctly rounded, as float()'s is; a text it reads as no finite number (NaN,
    Infinity, an overflow) is read again by Python, and so is -0, which json.loads makes
    an int (0.0 as a float)."""
    import polars as pl

    values: np.ndarray = strings.cast(pl.Float64, strict=False).to_numpy().astype(np.float64)
    odd = np.flatnonzero(~np.isfinite(values) | ((values == 0) & np.signbit(values)))
    if odd.size:
        values[odd] = [_json_number(text.encode()) for text in strings.gather(odd).to_list()]
    return values


def _string_numbers(strings: Any) -> tuple[np.ndarray, np.ndarray]:
    """Strings as `as_number` reads them: the numbers, and whether each is one."""
    import polars as pl

    plain = strings.str.contains(fast._PLAIN_NUMBER).to_numpy()
    values = strings.cast(pl.Float64, strict=False).to_numpy().astype(np.float64, copy=True)
    values[~plain] = math.nan
    has = plain.copy()
    odd = np.flatnonzero(strings.str.contains(_FLOAT_LIKE).to_numpy() & ~plain)
    for i, text in zip(odd.tolist(), strings.gather(odd).to_list(), strict=True):
        number = as_number(text)
        if number is not None:
            values[i], has[i] = number, True
    return values, has


def _apply(template: Template, lines: Any, todo: np.ndarray) -> tuple[Matched | None, np.ndarray]:
    """The lines of `todo` the template matches, and the rest."""
    import polars as pl

    some = lines if todo.size == len(lines) else lines.gather(todo)
    if template.slots:
        groups = some.str.extract_groups(template.pattern).struct.unnest()
        hit = groups.get_column("g0").is_not_null().to_numpy()
    else:
        hit = some.str.contains(template.pattern).to_numpy()
    if not hit.any():
        return None, todo
    matched = Matched(template, todo[hit])
    template.hits += matched.rows.size
    if template.slots:
        groups = groups.filter(pl.Series(hit))
    for k, (name, kind) in enumerate(template.slots):
        strings = groups.get_column(f"g{k}")
        if kind == "number":
            matched.numbers[name] = _numbers(strings)
            matched.has[name] = np.ones(matched.rows.size, bool)
        else:
            matched.numbers[name], matched.has[name] = _string_numbers(strings)
            matched.strings[name] = strings
    return matched, todo[~hit]


def _match(lines: Any, data: bytes, starts: np.ndarray, templates: list[Template]) -> list[Matched]:
    """Each template's lines in the block; new shapes are learnt from unmatched lines."""
    from polars.exceptions import PolarsError

    todo = np.arange(len(lines))
    found = []
    templates.sort(key=lambda t: -t.hits)
    for template in templates:
        if not todo.size:
            break
        matched, todo = _apply(template, lines, todo)
        if matched is not None:
            found.append(matched)
    if todo.size and len(templates) < MAX_TEMPLATES:
        todo = todo[lines.gather(todo).str.contains(_OPEN).to_numpy()]
    for _ in range(LEARN_PER_BLOCK):
        if not todo.size or len(templates) >= MAX_TEMPLATES:
            break
        first = int(todo[0])
        obj = _json_object(data[starts[first] : starts[first + 1]])
        new = learn(obj) if obj is not None else None
        try:
            matched, rest = _apply(new, lines, todo) if new else (None, todo)
        except PolarsError:  # a pattern polars' regex engine refuses: Python reads these
            new, matched, rest = None, None, todo
        if new is None or matched is None or matched.rows[0] != first:
            todo = todo[1:]  # Python reads that line
            continue
        templates.append(new)
        found.append(matched)
        todo = rest
    return found


def _steps(matched: Matched, key: str) -> tuple[np.ndarray, np.ndarray]:
    """Each row's step under `key` as `step_number` reads it (NaN: none), and the rows
    whose step is past MAX_COUNT (Python reads those)."""
    if key not in matched.steps:
        n = matched.rows.size
        if key in matched.strings:  # ms-swift's "12/438"
            head = matched.strings[key].str.extract(r"^([^/]*)", 1)
            values, has = _string_numbers(head)
            steps = np.where(has, values, math.nan)
        elif key in matched.numbers:
            steps = matched.numbers[key]
        else:
            steps = np.full(n, math.nan)  # no step key, or true, false or null
        with np.errstate(invalid="ignore"):
            past = np.flatnonzero(np.abs(np.trunc(steps)) > MAX_COUNT)
        matched.steps[key] = (steps, past)
    return matched.steps[key]


def _rows(reader: _Reader, block: _Block, a: int, b: int) -> None:
    """Lines a..b-1 of the block, all matched, into the reader as `consume` reads them."""
    while a < b:
        parts = []
        stop = b  # the first line the arrays cannot take: Python reads it
        for matched in block.matched:
            lo, hi = np.searchsorted(matched.rows, [a, b]).tolist()
            if hi == lo:
                continue
            parts.append((matched, lo, hi))
            if reader.step_key is None:
                if matched.template.has_step_key:  # that line sets the step key
                    stop = min(stop, int(matched.rows[lo]))
            else:
                past = _steps(matched, reader.step_key)[1]
                at = np.searchsorted(past, lo)
                if at < past.size and past[at] < hi:
                    stop = min(stop, int(matched.rows[past[at]]))
        if not parts:
            return
        cut = [(m, lo, lo + int(np.searchsorted(m.rows[lo:hi], stop))) for m, lo, hi in parts]
        _add(reader, [(m, lo, hi) for m, lo, hi in cut if hi > lo])
        if stop < b:
            reader.consume([block.raw(stop)], block.before + stop)
        a = stop + 1


def _add(reader: _Reader, parts: list[tuple[Matched, int, int]]) -> None:
    """Rows lo:hi of each part, interleaved by line, as records of the reader."""
    if not parts:
        return
    total = sum(hi - lo for _, lo, hi in parts)
    by_index = reader.step_key is None
    columns = reader.by_index if by_index else reader.stepped
    if by_index:  # a record's step is its index
        lines = np.concatenate([m.rows[lo:hi] for m, lo, hi in parts])
        rank = np.empty(total, np.int64)
        rank[lines.argsort(kind="stable")] = np.arange(total)
        counts = np.cumsum([0] + [hi - lo for _, lo, hi in parts])
        steps = [
            (np.ones(hi - lo, bool), reader.records + rank[counts[k] : counts[k + 1]])
            for k, (_, lo, hi) in enumerate(parts)
        ]
    else:
        key, steps = reader.step_key, []
        assert key is not None
        for m, lo, hi in parts:
            values = _steps(m, key)[0][lo:hi]
            valid = np.isfinite(values)
            steps.append((valid, np.trunc(values[valid]).astype(np.int64)))
    reader.records += total
    valid_rows = [
        m.rows[lo:hi][valid] for (m, lo, hi), (valid, _) in zip(parts, steps, strict=True)
    ]
    columns.records += sum(rows.size for rows in valid_rows)
    if not by_index:
        last = max(((rows[-1], k) for k, rows in enumerate(valid_rows) if rows.size), default=None)
        if last is not None:
            reader.last_step = int(steps[last[1]][1][-1])
    # keys in the order records bring them, then each key's numbers in file order
    firsts = sorted((int(rows[0]), k) for k, rows in enumerate(valid_rows) if rows.size)
    for _, k in firsts:
        for name in parts[k][0].template.names:
            columns.keys.setdefault(name)
    pieces: dict[str, list[tuple[int, np.ndarray, np.ndarray, np.ndarray]]] = {}
    for (m, lo, hi), (valid, step), rows in zip(parts, steps, valid_rows, strict=True):
        for order, (name, _) in enumerate(m.template.slots):
            keep = m.has[name][lo:hi][valid]
            if keep.any():
                values = m.numbers[name][lo:hi][valid][keep]
                pieces.setdefault(name, []).append((order, rows[keep], step[keep], values))
    first = {name: min((int(p[1][0]), p[0]) for p in got) for name, got in pieces.items()}
    for name in sorted(pieces, key=first.__getitem__):
        got = pieces[name]
        step, values = got[0][2], got[0][3]
        if len(got) > 1:
            by_line = np.concatenate([p[1] for p in got]).argsort(kind="stable")
            step = np.concatenate([p[2] for p in got])[by_line]
            values = np.concatenate([p[3] for p in got])[by_line]
        column = columns.columns.get(name)
        if column is None:
            column = columns.columns[name] = (array("q"), array("d"))
        column[0].frombytes(np.ascontiguousarray(step, np.int64).tobytes())
        column[1].frombytes(np.ascontiguousarray(values, np.float64).tobytes())


@dataclass
class _Block:
    before: int  # lines before the block
    data: bytes
    starts: np.ndarray
    matched: list[Matched]

    def raw(self, i: int) -> bytes:
        return self.data[self.starts[i] : self.starts[i + 1]]


def consume(reader: _Reader, path: Path) -> None:
    """`reader.consume` over the whole file, with polars reading the records of the
    shapes it learns; every other line goes through `consume` in its place."""
    templates: list[Template] = []
    for before, data, starts in fast._lines(path, whole=True):
        n = starts.size - 1
        lines = fast._strings(data, n)
        block = _Block(before, data, starts, _match(lines, data, starts, templates))
        taken = np.zeros(n, bool)
        for matched in block.matched:
            taken[matched.rows] = True
        a = 0
        for i in np.flatnonzero(~taken).tolist():
            _rows(reader, block, a, i)
            reader.consume([block.raw(i)], before + i)
            a = i + 1
        _rows(reader, block, a, n)
