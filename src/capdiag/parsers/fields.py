"""One reader of the ``key: value`` fields that text logs print.

Training scripts print metrics in a handful of shapes, often mixed on one line:

- ``key: value`` and ``key=value`` (``loss: 2.31``, ``lr=6e-4``, ``grad norm: 0.93``);
- ``|``-separated fields (``| lm loss: 2.31 | grad norm: 0.93 |``);
- ``key value`` inside ``|`` fields (``| loss 2.31 |``), as llm.c and nanochat print them.

Keys are one to three words (letters, digits, ``_ . / -``); values are numbers, ``nan`` or
``inf``, with thousands separators, a trailing unit (``ms``, ``s``, ``%``, ``GiB``) or a
``N/M`` counter (the first number is kept). Nothing here runs a regex per key: one compiled
pattern finds every field of a line.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterator
from typing import IO

# a printed number, thousands separators and nan/inf included (drop the commas to convert)
NUMBER = r"[-+]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|[-+]?(?:nan|inf)"
# up to three words; a rate's words may stand around a spaced slash ("Tokens / Sec")
_KEY = r"[A-Za-z][\w./-]*(?:(?: | / )[A-Za-z][\w./-]*){0,2}"
# a key may carry its unit in brackets, as torchtitan names its metrics: "mfu(%)=1.33",
# "end_to_end(s)=18.6"
# a value may be a one-element list, as a scheduler's get_last_lr() prints: "lr [3.75e-08]",
# or, after a colon, a count of the planned ones in brackets: PaddlePaddle's "epoch:[ 1/25 ]"
# (without one, "Epoch [1/10], Step [100/600]" is a position the text reader places itself)
# a clock ("time elapsed: 0:01:20") is no number: its hours are not the field's value
# an ellipsis may end a value: "Epoch 1/50... Batch 1... Training Loss: 1.5847..." (a
# Udacity project's print)
# a key may follow a backtick (a typo's "|`G Loss: 0.7868 | D Loss: 1.2623"), asterisks
# ("********Train Epoch 16:"), a banner's "==" or a closing bracket ("[02:17:22,390]iter:20")
_FIELD = re.compile(
    rf"(?:^|(?<=[\s|,;(\[\]{{`*])|(?<===))(?P<key>{_KEY})(?:\((?P<key_unit>%|ms|s)\))?"
    rf"\s*(?:[:=]\s*|\s+(?=[-+.\d\[]|nan\b|inf\b))"
    rf"(?:(?P<value>{NUMBER})(?:/\d+)?(?P<unit>%|ms|s|GiB|GB|MiB)?(?!\w|\.(?!\.\.(?:\s|$))[\w.]|:\d)"
    rf"|\[\s*(?P<listed>{NUMBER})(?P<of>/\d+)?\s*\](?![\w\[]))",
    re.I,
)
# terminal colour and cursor codes (torchtitan, rich): never content
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
ANSI_BYTES = re.compile(ANSI.pattern.encode())
# words that make a multi-word "key" a sentence
_PROSE = {
    "from",
    "to",
    "than",
    "improved",
    "improve",
    "did",
    "not",
    "is",
    "was",
    "at",
    "by",
    "of",
    # a sentence before its fields: "Finished step 1 of 5004 in epoch 0, loss=130.3"
    # (an ALCF TensorFlow script), "Epoch[1] done. Loss: 0.000" (TransReID)
    "finished",
    "completed",
    "done.",
}


# a logging level before the first field, which the key's words would take in ("error" is
# left alone: "Error Rate: 0.05" is a metric)
_LEVELS = frozenset({"info", "debug", "warning", "warn"})


# a flat Python dict of quoted strings and plain numbers, as print(dict) shows it
_ITEM = r"'([^'\\\n]*)': (?:'([^'\\\n]*)'|(-?(?:0|[1-9]\d*)(\.\d*)?(e[+-]?\d+)?))"
FLAT_DICT = re.compile(rf"\{{(?:{_ITEM}, )*{_ITEM}\}}")
FLAT_ITEM = re.compile(_ITEM)


def printed_dict_numbers(line: str) -> dict[str, float]:
    """The numbers of a flat Python dict printed at the end of a line (alone, or after a
    progress bar): ``{'steps': 99, 'loss/train': 9.17}``, keys lower-cased; else nothing."""
    end = line.rstrip()
    if not end.endswith("}") or "{'" not in end:
        return {}
    start = end.rfind("{'")
    if not FLAT_DICT.fullmatch(end, start):
        return {}
    return {
        name.lower(): float(number)
        for name, _, number, _, _ in FLAT_ITEM.findall(end, start)
        if number
    }


def only_fields(line: str) -> bool:
    """The line holds ``key: value`` fields and no other words (an indented ``key=value``
    block, not a paragraph of prose that quotes numbers)."""
    return not any(c.isalpha() for c in _FIELD.sub("", ANSI.sub("", line)))


# a token rate printed number first, as a field of its own: "| 427 tok/s |"
_TOKEN_RATE = re.compile(r"(?<![\w.,])(\d[\d,]*(?:\.\d+)?) ?(?:tok|tokens)/s(?:ec)?(?![\w/])")


def read_fields(line: str) -> dict[str, float]:
    """Every ``key: value`` field of a line, keys lower-cased, values as floats.

    Times in ``ms`` keep their number; ``s`` becomes milliseconds under ``<key>_ms``;
    percentages keep their number (a caller that knows the key divides by 100), except a
    utilisation's, which is unambiguous only with its sign: ``mfu: 0.80%`` is the fraction
    0.008 under ``mfu_fraction``. A unit may follow the key in brackets (``mfu(%)=1.33``).
    """
    found: dict[str, float] = {}
    text = ANSI.sub("", line)
    for m in _FIELD.finditer(text):
        if m.group("of") and not set(text[m.end("key") : m.start("listed")]) & {":", "="}:
            continue
        key = m.group("key").strip().lower().replace(" / ", "/")
        if " " in key and key.split(" ", 1)[0] in _LEVELS:
            # a logger's level glued to the first key: "2025-02-15 08:19:42,270 INFO Iter : 27200"
            key = key.split(" ", 1)[1]
        if _PROSE.intersection(key.split()):
            # prose around a number: "end of epoch 3" names the epoch; "val_loss improved
            # from 344.1" names nothing
            key = key.split()[-1]
            if key in _PROSE:
                continue
        raw = (m.group("value") or m.group("listed")).replace(",", "")
        try:
            value = float(raw)
        except ValueError:
            continue
        unit = (m.group("key_unit") or m.group("unit") or "").lower()
        if unit == "s" and not key.endswith("_ms"):
            found[f"{key}_ms"] = value * 1000.0
            continue
        if unit == "%" and key.endswith("mfu"):
            found.setdefault(f"{key}_fraction", value / 100.0)
            continue
        found.setdefault(key, value)
    if "/s" in text:
        for m in _TOKEN_RATE.finditer(text):
            found.setdefault("tok/s", float(m.group(1).replace(",", "")))
    return found


# "lm loss 2.31" inside a |-field: the old Megatron form, with no colon after the key
_PIPE_NO_COLON = re.compile(
    r"^\s*([A-Za-z][\w ()/-]*?)\s+([-+]?(?:[\d.]+(?:[eE][-+]?\d+)?|nan|inf))\s*$"
)


def pipe_fields(text: str) -> list[tuple[str, str]]:
    """The ``key: value`` (or ``key value``) fields of a ``|``-separated record, in order,
    keys as printed (stripped), values as text: keys there may hold spaces and units
    (``elapsed time per iteration (ms): 105.2``)."""
    found = []
    for field in text.split("|"):
        key, sep, value = field.partition(":")
        if not sep and (m := _PIPE_NO_COLON.match(field)):
            key, sep, value = m.group(1), ":", m.group(2)
        key = key.strip()
        if sep and key:
            found.append((key, value.strip()))
    return found


# what a layout's placeholder stands for: a value (any token: its number is read by the
# caller's converter, so "nan", "-inf" or "1,234" reach it as printed), a count, a word,
# a cell of text
_SLOTS = {
    "": rb"\S+",
    "int": rb"\d{1,15}",
    "count": rb"\d[\d,]*",  # thousands separators allowed: 1,234,567
    "word": rb"[A-Za-z_]\w*",
    "text": rb"\S[^|]*?",
}
_SLOT = re.compile(r"\{(\w+)(?::(\w*))?\}")


def layout(template: str, whole_line: bool = False, anywhere: bool = False) -> re.Pattern[bytes]:
    """The reader of a metric line whose fields a format prints in a fixed order, written
    as the log prints it with ``{name}`` for each value: ``layout("s:{step:int}
    trl:{loss}")`` reads ``s:12 trl:3.41`` into groups ``step`` and ``loss``.

    The fast path for known lines (one compiled match a line, as a hand-written pattern);
    `read_fields` is the reader of lines whose layout is unknown. One space is one space;
    two stand for padding, any run of blanks (``step  {step:int}`` reads ``step    1``),
    or none after ``:`` or ``=``. ``{name:int}`` is a count of up to 15 digits,
    ``{name:count}`` one with thousands separators, ``{name:word}`` a key, ``{name:text}``
    a table cell; ``{name}`` any token, for the caller's converter (`to_float`,
    `to_number`). The pattern is anchored at the line's start, or with `whole_line` at
    both ends (trailing blanks allowed); `anywhere` leaves the start free, for a
    ``search`` of lines behind a prefix (timestamps, logger names).
    """
    parts, at = [], 0
    for m in _SLOT.finditer(template):
        parts.append(_literal(template[at : m.start()]))
        parts.append(rb"(?P<%s>%s)" % (m.group(1).encode(), _SLOTS[m.group(2) or ""]))
        at = m.end()
    parts.append(_literal(template[at:]))
    pattern = (b"" if anywhere else rb"^") + b"".join(parts) + (rb"\s*$" if whole_line else b"")
    return re.compile(pattern)


def _literal(text: str) -> bytes:
    out, previous = [], ""
    for word in re.split(r"( +)", text):
        if word == " ":
            out.append(b" ")
        elif word.startswith(" "):  # padding: any run of blanks (none after ":" or "=")
            out.append(rb"\s*" if previous.endswith((":", "=")) else rb"\s+")
        elif word:
            out.append(re.escape(word.encode()))
        previous = word
    return b"".join(out)


def to_number(raw: str | bytes | None) -> float:
    """A printed number as a float, thousands separators allowed (``1,234``); unreadable
    text (or None) is NaN. Fast on the common case: one ``float()``."""
    try:
        return float(raw)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        if isinstance(raw, bytes):
            return to_float(raw.replace(b",", b""))
        return to_float(raw.replace(",", "")) if isinstance(raw, str) else math.nan


MAX_COUNT = 10**15  # past any step, token or parameter count a run prints
MAX_LINE_CHARS = 1 << 13  # a log line is read this far: no metric line is longer


def to_float(raw: str | bytes | float | None) -> float:
    """Any number from any input as a float, never raising: unreadable text is NaN, an
    integer too large for a float is +-inf (so NaN and inf losses stay what they are)."""
    if raw is None or isinstance(raw, bool):
        return math.nan
    try:
        return float(raw)
    except OverflowError:
        return (math.inf if raw > 0 else -math.inf) if isinstance(raw, int) else math.nan
    except (TypeError, ValueError):
        return math.nan


def to_count(raw: str | bytes | float | None) -> int | None:
    """A step or a count from any input, never raising: None unless finite and within
    +-MAX_COUNT (fractions are cut, as int() does)."""
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw if abs(raw) <= MAX_COUNT else None
    if isinstance(raw, str | bytes) and len(raw) > 40:
        return None  # past MAX_COUNT in any spelling, and int() of 4,300 digits raises
    value = to_float(raw)
    return int(value) if math.isfinite(value) and abs(value) <= MAX_COUNT else None


UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def bounded_lines(handle: IO[bytes], limit: int = MAX_LINE_CHARS) -> Iterator[bytes]:
    """A binary file's lines, each cut at `limit` bytes (the rest of a longer line is read
    past, never held): a file of one 2 GB line costs `limit` bytes of memory. A UTF-16 file
    (what PowerShell's `>` writes on Windows) is read as UTF-8, streamed."""
    if handle.seekable() and handle.tell() == 0:
        bom = handle.read(2)
        handle.seek(0)
        if bom in UTF16_BOMS:
            yield from _utf16_lines(handle, limit)
            return
    while line := handle.readline(limit):
        if not line.endswith(b"\n"):
            while (rest := handle.readline(limit)) and not rest.endswith(b"\n"):
                pass
        yield line


def _utf16_lines(handle: IO[bytes], limit: int) -> Iterator[bytes]:
    """`bounded_lines` of a UTF-16 file: each line as UTF-8, cut at `limit` characters."""
    text = io.TextIOWrapper(handle, encoding="utf-16", errors="replace", newline="")
    try:
        while line := text.readline(limit):
            if not line.endswith("\n"):
                while (rest := text.readline(limit)) and not rest.endswith("\n"):
                    pass
            yield line.encode("utf-8")
    finally:
        text.detach()  # the caller's handle stays open
