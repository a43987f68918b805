"""Marian NMT's training log (``marian --log train.log``, or its stderr), with the semantics
of ``src/training/scheduler.h`` that prints it:

- ``[config] key: value`` lines (a list value on the ``  - item`` lines after its key): the
  options the run used, read as the run's config (``learn-rate``, ``lr-warmup``,
  ``clip-norm``, ``label-smoothing``, ``transformer-dropout``, ``after-batches``,
  ``cost-type``); ``devices`` lists the GPUs of this process.
- ``Ep. E : Up. U : Sen. S : Cost X : Time Ts : W words/s : L.r. R [: gNorm G]``: at every
  ``disp-freq`` updates, the mean cost since the last display, the display window's time
  (over the updates since the display before: the step time), target words per second
  (not read: the step time says it), the learning rate. From Marian 1.8 the cost reads
  ``Cost X * N @ B after T``: ``X`` is then the cost per target label (``N`` labels).
  Before, ``X`` is the mean per sentence of the ``cost-type``: per target word for
  ``ce-mean-words``, the sum over a sentence's words for ``ce-mean`` (Marian's default).
  Training costs include label smoothing.
- ``[valid] Ep. E : Up. U : <metric> : V : new best|stalled N times``: the validation
  after ``U`` updates. capdiag's validation loss is the one in the training cost's unit:
  ``ce-mean-words``, else ``ln(perplexity)`` (per word), for a per-label cost; the
  ``cross-entropy`` metric (the training ``cost-type``, without smoothing) for a
  per-sentence one.

The vocabulary is not read: a per-sentence cost is not comparable with ln V.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from capdiag.messages import make_event
from capdiag.parsers import LoadContext
from capdiag.parsers.fields import bounded_lines, to_float
from capdiag.parsers.jsonl import generic_config
from capdiag.run import Event, Run, Segment, Series

NAME = "marian"

_NUMBER = r"-?(?:\d[\d.]*(?:e[-+]?\d+)?|nan|inf)"
_STAMP = r"^(?:\S+ \S+ )?\[[\d-]+ [\d:]+(?: [^\]]*)?\] "
_TRAIN = re.compile(
    _STAMP + rf"Ep\. [\d.]+ : Up\. (\d{{1,15}}) : Sen\. [\d,]+ : Cost ({_NUMBER})"
    rf"( \* [\d,]+)?.*? : Time ([\d.]+)s : ({_NUMBER}) words/s"
    rf"(?: : gNorm ({_NUMBER}))?(?: : L\.r\. ({_NUMBER}))?(?: : gNorm ({_NUMBER}))?",
    re.I,
)
_VALID = re.compile(
    _STAMP + rf"\[valid\] Ep\. [\d.]+ : Up\. (\d{{1,15}}) : ([\w-]+) : ({_NUMBER}) : ", re.I
)
_CONFIG = re.compile(_STAMP + r"\[config\] ([\w-]+):(?: (.*))?$")
_LIST_ITEM = re.compile(_STAMP + r"\[config\]\s+- (.*)$")
SNIFF = re.compile(rb"\] Ep\. [\d.]+ : Up\. \d+ : Sen\. [\d,]+ : Cost ", re.M)

# Marian's options under the names capdiag's rules read
_KEYS = {
    "learn-rate": "learning_rate",
    "clip-norm": "grad_clip",
    "label-smoothing": "label_smoothing",
    "transformer-dropout": "dropout",
    "after-batches": "max_iters",
    "lr-warmup": "warmup_iters",
    "disp-freq": "log_interval",
    "valid-freq": "eval_interval",
}


def sniff(path: Path, head: bytes) -> int:
    return 95 if SNIFF.search(head) else 0


class _Display(NamedTuple):
    """One ``Ep. : Up. : ...`` line."""

    update: int
    cost: float
    seconds: float  # the display window's time
    lr: float
    grad_norm: float


class _Reader:
    def __init__(self) -> None:
        self.train: list[_Display] = []
        self.valid: dict[str, list[tuple[int, float]]] = {}
        self.options: dict[str, Any] = {}
        self.devices: list[str] = []
        self.in_devices = False
        self.per_label = False
        self.events: list[Event] = []

    def line(self, line_no: int, text: str) -> None:
        if "Up. " in text and (m := _TRAIN.match(text)):
            self.in_devices = False
            norm = m.group(6) or m.group(8)
            self.train.append(
                _Display(
                    update=int(m.group(1)),
                    cost=to_float(m.group(2)),
                    seconds=float(m.group(4)),
                    lr=to_float(m.group(7)) if m.group(7) else math.nan,
                    grad_norm=to_float(norm) if norm else math.nan,
                )
            )
            self.per_label = self.per_label or m.group(3) is not None
            return
        if "[valid]" in text and (m := _VALID.match(text)):
            self.valid.setdefault(m.group(2).lower(), []).append(
                (int(m.group(1)), to_float(m.group(3)))
            )
            return
        if "[config]" in text:
            if (m := _LIST_ITEM.match(text)) is not None:
                if self.in_devices:
                    self.devices.append(m.group(1).strip())
                return
            if (m := _CONFIG.match(text)) is not None:
                key, value = m.group(1), (m.group(2) or "").strip()
                self.in_devices = key == "devices"
                if key == "devices" and value:
                    self.devices = value.split()
                self.options.setdefault(key, value)
                return
        self.in_devices = False
        event = make_event(line_no, text, self.train[-1][0] if self.train else None, plain=None)
        if event is not None:
            self.events.append(event)


def _number(value: str) -> float | int | None:
    """A Marian option's number; ``16000u`` counts updates (``e`` epochs and ``t`` labels
    are not steps)."""
    text = value[:-1] if value.endswith("u") else value
    try:
        number = float(text)
    except ValueError:
        return None
    return int(number) if number.is_integer() else number


def _config(options: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, name in _KEYS.items():
        value = options.get(key)
        number = _number(value) if isinstance(value, str) else None
        if number is None or (name in ("max_iters", "warmup_iters") and number <= 0):
            continue
        values[name] = number
    for key in ("cost-type", "type", "optimizer", "lr-decay-inv-sqrt", "mini-batch"):
        if options.get(key):
            values[key.replace("-", "_")] = options[key]
    return values


def load(path: Path, ctx: LoadContext) -> Run:
    reader = _Reader()
    with path.open("rb") as handle:
        for line_no, raw in enumerate(bounded_lines(handle), start=1):
            reader.line(line_no, raw.decode("utf-8", errors="replace").rstrip("\r\n"))
    cost_type = reader.options.get("cost-type", "ce-mean")
    per_word = reader.per_label or cost_type in ("ce-mean-words", "perplexity")
    config = generic_config([("log-config", _config(reader.options))], ctx.sets, None, None)
    for key, name in _KEYS.items():
        config.native_keys[name] = key  # fixes name Marian's own options
    run = Run(source=str(path), format=NAME, framework="Marian", config=config)
    run.steps_start_at_zero = False
    run.events = reader.events
    run.messages_read = True
    if reader.devices:
        run.num_gpus, run.num_gpus_source = len(reader.devices), "log"
    unit = "per target word" if per_word else f"per sentence ({cost_type})"
    if reader.train:
        rows = np.array([tuple(t) for t in reader.train], dtype=np.float64)
        steps = rows[:, 0].astype(np.int64)
        run.series["train_loss"] = Series(
            name="train_loss",
            steps=steps,
            values=rows[:, 1],
            mode="train-smoothed",
            description=f"mean cost over the display window, {unit}, train mode with label "
            "smoothing",
        )
        # each window's time over the updates since the display before it
        updates = np.maximum(np.diff(steps, prepend=0), 1)
        run.series["step_time_ms"] = Series(
            name="step_time_ms",
            steps=steps,
            values=rows[:, 2] * 1000.0 / updates,
            description="the display window's time over its updates",
        )
        for column, name in ((3, "lr"), (4, "grad_norm")):
            if not np.isnan(rows[:, column]).all():
                run.series[name] = Series(
                    name=name, steps=steps, values=rows[:, column], description=f"Marian's {name}"
                )
    val = _validation(reader.valid, per_word)
    if val is not None:
        run.series["val_loss"] = Series(
            name="val_loss",
            steps=np.array(val[0], dtype=np.int64),
            values=np.array(val[1], dtype=np.float64),
            mode="eval",
            description=f"validation, {unit}",
        )
    last = run.last_step
    run.segments = [Segment(index=0, start_line=1, first_step=1 if last else None, last_step=last)]
    return run


def _validation(
    valid: dict[str, list[tuple[int, float]]], per_word: bool
) -> tuple[list[int], list[float]] | None:
    """The validation losses in the training cost's unit (see the module's docstring)."""
    if per_word and valid.get("ce-mean-words"):
        points = valid["ce-mean-words"]
    elif per_word and valid.get("perplexity"):
        points = [(s, math.log(v) if v > 0 else math.nan) for s, v in valid["perplexity"]]
    elif not per_word and valid.get("cross-entropy"):
        points = valid["cross-entropy"]
    else:
        return None
    return [s for s, _ in points], [v for _, v in points]
