"""Any line-per-step text log, read by its ``key: value`` fields (the fallback format).

A log no other format claims is read here when its lines carry a step and a loss as
fields (see `capdiag.parsers.fields`): ``step=10 loss=2.31``, ``Epoch 3/10 - loss: 0.41 -
val_loss: 0.52``, ``| iter 100 | loss 2.31 |``. ``--map step=KEY,loss=KEY`` names the keys
when the common names are not used (keys as the log prints them, lower-cased). The
averaging of each number is unknown, so the series carry no mode beyond train/eval, and
rules that need it skip.

A log with no metric fields but a crash in it (a traceback, ``CUDA out of memory``,
``Killed``, a scheduler's cancel) is read for its events alone, so the crash is reported.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

from capdiag.messages import make_event
from capdiag.parsers import LoadContext
from capdiag.parsers.fields import read_fields
from capdiag.parsers.jsonl import generic_config, series_from_records, starts_at_zero
from capdiag.run import Config, Event, Run

NAME = "text"

STEP_KEYS = ("step", "iter", "iteration", "global_step", "epoch")
_LOSS = re.compile(r"loss|trl\b|tel\b", re.I)
# a crash as the process printed it: at the start of a line (prose that mentions one is not)
_CRASH = re.compile(
    rb"^(?:\[\w+\]:\s*)?(?:Traceback \(most recent call last\)|torch\.(?:cuda\.)?OutOfMemoryError"
    rb"|RuntimeError: (?:CUDA|NCCL)|Killed\s*$|slurmstepd: error)",
    re.M,
)
MAX_LINE = 4096  # longer lines are not metric lines


def _step_key(fields: dict[str, float], wanted: str | None) -> str | None:
    if wanted is not None:
        return wanted.lower() if wanted.lower() in fields else None
    return next((k for k in STEP_KEYS if k in fields), None)


def sniff(path: Path, head: bytes) -> int:
    """Low: the fallback. Lines with a step and a loss field, or a crash and nothing else."""
    if path.is_dir() or not head or b"\x00" in head[:4096]:
        return 0
    lines = [ln for ln in head.decode("utf-8", errors="replace").splitlines()[:400] if ln.strip()]
    steps: list[float] = []
    for line in lines:
        if len(line) > MAX_LINE:
            continue
        fields = read_fields(line)
        key = _step_key(fields, None)
        if key and any(_LOSS.search(k) for k in fields):
            steps.append(fields[key])
    # a log: metric lines are a fair share of the text, and their steps move forward
    forward = sum(b > a for a, b in itertools.pairwise(steps))
    if len(steps) >= 3 and len(steps) >= 0.2 * len(lines) and forward >= len(steps) // 2:
        return 10
    return 5 if _CRASH.search(head) else 0


def load(path: Path, ctx: LoadContext) -> Run:
    wanted_step = ctx.metric_map.get("step")
    metric_map = {
        ("train_loss" if k == "loss" else k): v.lower() for k, v in ctx.metric_map.items()
    }
    records: list[tuple[int, dict[str, Any]]] = []
    events: list[Event] = []
    last_step: int | None = None
    with path.open("rb") as handle:
        for line_no, raw in enumerate(handle, start=1):
            text = raw.decode("utf-8", errors="replace").rstrip("\r\n")
            fields = read_fields(text) if len(text) <= MAX_LINE else {}
            key = _step_key(fields, wanted_step)
            if key is not None and len(fields) > 1:
                step = int(fields.pop(key))
                last_step = step
                records.append((step, dict(fields)))
                continue
            event = make_event(line_no, text, last_step, plain=None)
            if event is not None:
                events.append(event)
    series, notes = series_from_records(records, metric_map, "text")
    for s in series.values():
        s.description += "; the log's averaging is unknown"
        if s.mode == "train-batch":
            s.mode = None
    config: Config = generic_config([], ctx.sets, None, None)
    run = Run(
        source=str(path), format=NAME, framework="text log (key: value fields)", config=config
    )
    run.series = series
    run.events = events
    run.notes = notes
    run.steps_start_at_zero = starts_at_zero(series)
    if not records:
        run.notes.append(
            "no metric lines: read for its errors only (name the keys with --map step=KEY,loss=KEY)"
        )
    return run
