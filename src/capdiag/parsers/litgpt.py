"""Lightning-AI/litgpt console output, with the semantics of the code that prints it
(``litgpt/finetune/lora.py`` and its siblings, ``litgpt/pretrain.py``; 0.5.x):

- ``Epoch E | iter I step S | loss train: X, val: V | iter time: T ms (step)``: ``I`` counts
  micro-batches, ``S`` optimizer steps done. ``X`` is a ``RunningMean`` over the last
  ``gradient_accumulation_iters`` micro-batch losses, in train mode: on a line that ends an
  optimizer step (`` (step)``) it is the mean of that step's micro-batches. ``V`` is the
  last validation loss, repeated until the next one (``n/a`` before the first). ``T`` is
  the micro-batch's time. The pretraining script adds ``remaining time: ...``.
- ``iter I: val loss X, val time: T ms``: the validation after ``S`` optimizer steps,
  averaged over the validation batches and ranks, in eval mode.
- The first lit-gpt scripts print ``iter I step S: loss X, iter time: Tms
  (optimizer.step)``: ``X`` is that micro-batch's own loss; their validation line is
  ``step I: val loss X, val time: Tms``.

capdiag's training loss is, per optimizer step, the loss of the line that ends it (in the
first scripts, the mean of its micro-batches' lines); the last line, when it ends no step,
is the step under way (where a run that blew up mid-step shows it). Its validation loss is
the validation lines', else the ``val:`` field where it changes.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from capdiag.messages import make_event
from capdiag.parsers import LoadContext
from capdiag.parsers.fields import bounded_lines, to_float
from capdiag.parsers.jsonl import generic_config
from capdiag.run import Event, Run, Segment, Series

NAME = "litgpt"

_NUMBER = r"-?(?:\d[\d.]*(?:e[-+]?\d+)?|nan|inf)"
_STEP = re.compile(
    rf"^Epoch (\d{{1,9}}) \| iter (\d{{1,15}}) step (\d{{1,15}}) \| loss train: ({_NUMBER}), "
    rf"val: (n/a|{_NUMBER}) \| iter time: ([\d.]+) ms( \(step\))?"
)
_OLD_STEP = re.compile(
    rf"^iter (\d{{1,15}}) step (\d{{1,15}}): loss ({_NUMBER}), iter time: ([\d.]+) ?ms"
    r"( \(optimizer\.step\))?"
)
_VAL = re.compile(rf"^(?:iter|step) (\d{{1,15}}): val loss ({_NUMBER}), val time: ")
SNIFF = re.compile(
    rb"^(?:Epoch \d+ \| iter \d+ step \d+ \| loss train: "
    rb"|iter \d+ step \d+: loss \S+, iter time: )",
    re.M,
)


def sniff(path: Path, head: bytes) -> int:
    return 90 if SNIFF.search(head) else 0


class _Reader:
    def __init__(self) -> None:
        self.all_lines: list[tuple[int, float]] = []  # (step, loss) of every loss line
        self.step_lines: list[tuple[int, float]] = []  # of the lines that end a step
        self.times: list[tuple[int, float]] = []  # (step, ms) of the lines that end a step
        self.val_lines: list[tuple[int, float]] = []  # "iter I: val loss X"
        self.val_field: list[tuple[int, float]] = []  # "val: V" where it changed
        self.every_line_a_step = True
        self.old_form = False
        self.step = 0
        self.events: list[Event] = []

    def line(self, line_no: int, text: str) -> None:
        if m := _STEP.match(text):
            self.step = int(m.group(3))
            loss, ends = to_float(m.group(4)), m.group(7) is not None
            self._loss(loss, ends, float(m.group(6)))
            if m.group(5) != "n/a":
                value = to_float(m.group(5))
                if not self.val_field or self.val_field[-1][1] != value:
                    self.val_field.append((self.step, value))
            return
        if m := _OLD_STEP.match(text):
            self.old_form = True
            self.step = int(m.group(2))
            self._loss(to_float(m.group(3)), m.group(5) is not None, float(m.group(4)))
            return
        if m := _VAL.match(text):
            self.val_lines.append((self.step, to_float(m.group(2))))
            return
        event = make_event(line_no, text, self.step if self.all_lines else None, plain=None)
        if event is not None:
            self.events.append(event)

    def _loss(self, loss: float, ends: bool, ms: float) -> None:
        # a line that ends no step belongs to the step under way, the next one
        self.all_lines.append((self.step if ends else self.step + 1, loss))
        self.every_line_a_step = self.every_line_a_step and ends
        if ends:
            self.step_lines.append((self.step, loss))
            self.times.append((self.step, ms))

    def train_points(self) -> list[tuple[int, float]]:
        """The training loss per optimizer step (see the module's docstring)."""
        if self.old_form:  # each line is its micro-batch's own loss: their mean per step
            by_step: dict[int, list[float]] = {}
            for step, loss in self.all_lines:
                by_step.setdefault(step, []).append(loss)
            return [(step, float(np.mean(losses))) for step, losses in by_step.items()]
        points = list(self.step_lines)
        if self.all_lines and (not points or self.all_lines[-1][0] > points[-1][0]):
            points.append(self.all_lines[-1])  # the step under way when the log ends
        return points


def _series(name: str, points: list[tuple[int, float]], mode: str | None, what: str) -> Series:
    steps = np.array([s for s, _ in points], dtype=np.int64)
    values = np.array([v for _, v in points], dtype=np.float64)
    return Series(name=name, steps=steps, values=values, mode=mode, description=what)


def load(path: Path, ctx: LoadContext) -> Run:
    reader = _Reader()
    with path.open("rb") as handle:
        for line_no, raw in enumerate(bounded_lines(handle), start=1):
            reader.line(line_no, raw.decode("utf-8", errors="replace").rstrip("\r\n"))
    run = Run(
        source=str(path),
        format=NAME,
        framework="LitGPT",
        config=generic_config([], ctx.sets, None, None),
    )
    run.steps_start_at_zero = False
    run.events = reader.events
    run.messages_read = True
    if reader.step_lines or reader.old_form:
        run.series["train_loss"] = _series(
            "train_loss",
            reader.train_points(),
            "train-batch",
            "the mean of the step's micro-batch losses, train mode",
        )
    elif reader.all_lines:
        # no line ends a step: the running mean at each logged micro-batch, by its step
        run.series["train_loss"] = _series(
            "train_loss",
            reader.all_lines,
            "train-smoothed",
            "running mean of the last micro-batches' losses, train mode",
        )
    if reader.every_line_a_step and reader.times:
        # no accumulation: each line's time is its whole step's
        run.series["step_time_ms"] = _series("step_time_ms", reader.times, None, "iter time")
    if reader.val_lines or reader.val_field:
        run.series["val_loss"] = _series(
            "val_loss",
            reader.val_lines or reader.val_field,
            "eval",
            "validation loss, eval mode, after that many optimizer steps",
        )
    last = run.last_step
    run.segments = [Segment(index=0, start_line=1, first_step=1 if last else None, last_step=last)]
    return run
