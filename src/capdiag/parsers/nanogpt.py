"""nanoGPT's train.py output (karpathy/nanoGPT), line by line with its real semantics.

- ``step N: train loss X, val loss Y``: ``estimate_loss()`` under ``model.eval()`` for both
  splits (dropout off), the mean of ``eval_iters`` batches each.
- ``iter N: loss X, time Yms, mfu Z%``: the last micro-batch's loss in train mode (dropout
  on) times ``gradient_accumulation_steps``; ``time`` is the wall time since the previous
  iteration, so an iteration that ran an eval or saved a checkpoint includes that work and
  iteration 0 includes compilation; ``mfu`` is a running average (0.9 old + 0.1 new, updated
  on logged iterations from the 5th of the process on, ``-100.00%`` before that), relative to
  an A100's 312 TFLOPS.
"""

from __future__ import annotations

import math
import re
from array import array
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from capdiag.arithmetic.params import GPT2_SHAPES, GPT2_VOCAB_PADDED, ModelDims
from capdiag.config import (
    NANOGPT_DEFAULTS,
    ConfigError,
    ParsedConfig,
    build_config,
    parse_override_value,
    parse_python_config,
    read_config_file,
    read_config_text,
)
from capdiag.messages import make_event
from capdiag.parsers import LoadContext
from capdiag.parsers.fields import (
    ANSI_BYTES,
    MAX_LINE_CHARS,
    bounded_lines,
    to_count,
    to_float,
)
from capdiag.run import CRASH_KINDS, Config, Event, Reported, Run, Segment, Series, combine

NAME = "nanogpt"

# nanoGPT before its MFU estimate (early 2023) printed iter lines without ", mfu"
MAX_LINE_BYTES = MAX_LINE_CHARS
MAX_EVENTS = 20_000  # messages kept per log (warnings, errors, checkpoints, ...)
_ITER = re.compile(
    rb"^iter (\d{1,15}): loss ([^,\s]+)(?: BPC| bpc)?, time ([\d.]+) ?ms(?:, mfu (-?[\d.]+)%)?"
)
# forks that print "100 | loss 3.7712 | lr 3.0e-04 | 361.55ms | mfu 3.41%" (modded-llama2)
_ITER_PIPE = re.compile(
    rb"^(\d{1,15}) \| loss ([^\s|]+)(?: \| lr [^\s|]+)? \| ([\d.]+) ?ms(?: \| mfu (-?[\d.]+)%)?"
)
# a line cut off by a kill: the loss is still a measurement
_ITER_CUT = re.compile(rb"^iter (\d{1,15}): loss ([^,\s]+)(),?(?: time [\d.]*)?\s*$")
# forks that print bits per character: "train loss 1.21 BPC, val loss 1.32 BPC"
_STEP = re.compile(rb"^step (\d{1,15}): train loss ([^,\s]+)(?: BPC| bpc)?, val loss ([^,\s]+)")
# the same lines behind a prefix (timestamps, logger names, "[rank0]: ", colour codes)
_ITER_ANY = re.compile(
    rb"\biter (\d{1,15}): loss ([^,\s]+)(?: BPC| bpc)?, time ([\d.]+) ?ms(?:, mfu (-?[\d.]+)%)?"
)
_STEP_ANY = re.compile(
    rb"\bstep (\d{1,15}): train loss ([^,\s]+)(?: BPC| bpc)?, val loss ([^,\s]+)"
)
_OVERRIDE_FILE = re.compile(r"^Overriding config with (.+):$")
_OVERRIDE_KEY = re.compile(r"^Overriding: (\w+) = (.*)$")
_TOKENS = re.compile(r"^tokens per iteration will be: ([\d,]+)")
_VOCAB_FOUND = re.compile(r"^found vocab_size = (\d{1,15})(?: \(inside (.+)\))?")
_VOCAB_DEFAULT = re.compile(r"^defaulting to vocab_size of GPT-2 to (\d{1,15})")
_PARAMS = re.compile(r"^number of parameters: ([\d.]+)M")
# a custom script's exact count, every parameter: "model parameters: 801,664"
_PARAMS_EXACT = re.compile(
    r"^(?:model|total|number of|num) param(?:eter)?s(?: count)?\s*[:=]\s*"
    r"(?:\d{1,9} tensors, )?(\d{1,3}(?:,\d{3})+|\d{1,15})(?: parameters)?$",
    re.IGNORECASE,
)
# data/*/prepare.py of a char-level dataset prints its vocabulary
_VOCAB_PREPARE = re.compile(r"^vocab size: (\d{1,15})$")
# GPT.__init__ prints this in every DDP process: its copies before the first step count them
_PARAMS_ANY = "number of parameters: "
_FORCING = re.compile(r"^forcing vocab_size=(\d{1,15}), block_size=(\d{1,15}), bias=(True|False)")
_PRETRAINED = re.compile(
    r"^(?:Initializing from OpenAI GPT-2 weights|loading weights from pretrained gpt): ([\w-]+)"
)
_FUSED = re.compile(r"^using fused AdamW: (True|False)")
_RESUME = re.compile(r"^Resuming training from (.+)")
_SAVE = re.compile(r"^saving checkpoint to (.+)")
# configure_optimizers' two groups, which together hold every parameter: "num decayed
# parameter tensors: 50, with 124,354,560 parameters"; forks: "decayed params: 113 tensors,
# 925,009,920 parameters"
_PARAM_GROUP = re.compile(
    r"^(?:num )?(non-)?decayed param(?:eter)?s?(?: tensors)?: \d{1,9}(?: tensors)?, "
    r"(?:with )?(\d{1,3}(?:,\d{3})+|\d{1,15}) parameters"
)
_QUIET = re.compile(r"^overriding dropout rate")
_PROCESS_START = re.compile(
    r"^(Overriding config with |Overriding: |tokens per iteration will be|found vocab_size"
    r"|defaulting to vocab_size|Initializing |Resuming training from|number of parameters"
    r"|step \d+: |iter \d+: )"
)

# a line nanoGPT's own code prints (cheap test on the first bytes)
SNIFF = re.compile(
    rb"^(iter \d+: loss \S+(?: BPC)?, time [\d.]+ ?ms|step \d+: train loss \S+(?: BPC)?, val loss)",
    re.M,
)
SNIFF_ANY = re.compile(
    rb"\b(iter \d+: loss \S+(?: BPC)?, time [\d.]+ ?ms|step \d+: train loss \S+(?: BPC)?, val loss)"
)


class ParsedLog(BaseModel):
    """What a log holds, before it is combined with a config into a `Run`."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    echoed_configs: list[tuple[str, str]] = Field(default_factory=list)
    overrides: dict[str, Any] = Field(default_factory=dict)
    tokens_per_iter: int | None = None
    vocab_size: int | None = None
    vocab_source: str | None = None
    n_params_text: str | None = None
    n_params_exact: int | None = None  # a custom script's exact count of every parameter
    param_groups: dict[str, int] = Field(default_factory=dict)  # decayed, non-decayed
    file_init_from: str | None = None  # init_from as the config file states it
    processes: int = 0  # copies of the per-process header before the first step
    pretrained: str | None = None  # the GPT-2 checkpoint a fine-tune loaded
    from_scratch: bool = False  # "Initializing a new model from scratch"
    forced: tuple[int, int, bool] | None = None  # vocab, block, bias nanoGPT forced
    bits: bool = False  # losses printed in bits (BPC), not nats
    iter_bits: bool = False  # the iter lines say BPC
    eval_bits: bool = False  # the step (evaluation) lines say BPC
    fused_adamw: bool | None = None
    compiled: bool = False
    checkpoint_steps: list[int] = Field(default_factory=list)
    iter_step: np.ndarray = Field(default_factory=lambda: np.zeros(0, np.int64))
    iter_loss: np.ndarray = Field(default_factory=lambda: np.zeros(0))
    iter_time_ms: np.ndarray = Field(default_factory=lambda: np.zeros(0))
    iter_mfu: np.ndarray = Field(default_factory=lambda: np.zeros(0))
    iter_segment: np.ndarray = Field(default_factory=lambda: np.zeros(0, np.int64))
    eval_step: np.ndarray = Field(default_factory=lambda: np.zeros(0, np.int64))
    eval_train: np.ndarray = Field(default_factory=lambda: np.zeros(0))
    eval_val: np.ndarray = Field(default_factory=lambda: np.zeros(0))
    eval_segment: np.ndarray = Field(default_factory=lambda: np.zeros(0, np.int64))
    events: list[Event] = Field(default_factory=list)
    events_dropped: int = 0  # messages past MAX_EVENTS, from the middle of the log
    segments: list[Segment] = Field(default_factory=list)
    lines: int = 0


def _printed_count(text: str | None) -> int | None:
    """ "40.56M" as a parameter count; None for 0, inf or a number past any model."""
    count = (
        to_count(round(to_float(text[:-1]) * 1e6)) if text and to_float(text[:-1]) < 1e9 else None
    )
    return count if count else None


def _float(raw: bytes | None) -> float:
    try:
        return float(raw) if raw is not None else float("nan")
    except ValueError:
        return float("nan")


class _Builder:
    """Accumulates one pass over the log."""

    def __init__(self) -> None:
        self.out = ParsedLog()
        # metric lines as compact arrays (8 bytes a number), converted to numpy by `finish`
        self.iter_step, self.iter_seg = array("q"), array("q")
        self.iter_loss, self.iter_time, self.iter_mfu = array("d"), array("d"), array("d")
        self.eval_step, self.eval_seg = array("q"), array("q")
        self.eval_train, self.eval_val = array("d"), array("d")
        # segments: (start line, resumed) per index; plain fields for the hot loop
        self.segment_heads: list[tuple[int, bool]] = [(1, False)]
        self.segment_index = 0
        self.segment_has_data = False
        self.last_step: int | None = None
        self.echo: tuple[str, list[str]] | None = None
        # the config the latest process replaced, until that process logs a step
        self.replaced: tuple[dict[str, Any], list[tuple[str, str]]] | None = None
        self.traceback: list[str] | None = None
        self.continued_line = 0

    def new_process(self, line_no: int) -> None:
        """Another run of train.py starts: its config and overrides replace the last one's
        (kept in `replaced` until it logs a step: sample.py after training logs none)."""
        if self.segment_has_data:
            self.new_segment(line_no)
            self.replaced = (self.out.overrides, self.out.echoed_configs)
            self.out.overrides = {}
            self.out.echoed_configs = []

    def new_segment(self, line_no: int, resumed: bool = False) -> None:
        self.segment_heads.append((line_no, resumed))
        self.segment_index += 1
        self.segment_has_data = False

    def see_step(self, step: int, line_no: int) -> None:
        if self.echo is not None:
            self.finish_echo()
        self.replaced = None
        if self.segment_has_data and self.last_step is not None and step < self.last_step:
            self.new_segment(line_no, resumed=True)  # numbering went back: a restart
        self.segment_has_data = True
        self.last_step = step

    def event(self, line_no: int, text: str, kind: str | None = None) -> None:
        event = make_event(line_no, text, self.last_step, kind)
        if event is not None:
            events = self.out.events
            events.append(event)
            if len(events) >= MAX_EVENTS + MAX_EVENTS // 2:
                # bounded memory: the first MAX_EVENTS / 2 and the latest are kept
                del events[MAX_EVENTS // 2 : MAX_EVENTS]
                self.out.events_dropped += MAX_EVENTS // 2
            if event.kind in CRASH_KINDS and self.last_step is None:
                # a launch that died before its first step: headers printed after this
                # belong to the next launch, not to more ranks of this one
                self.out.processes = 0

    def finish_echo(self) -> None:
        if self.echo is not None:
            self.out.echoed_configs.append((self.echo[0], "\n".join(self.echo[1])))
            self.echo = None

    def text_line(self, line_no: int, text: str) -> None:
        if text.startswith("```"):  # a log pasted in a markdown code fence, glued to it
            text = text[3:]
        last = self.out.events[-1] if self.out.events else None
        if (
            text.startswith((" ", "\t"))
            and last is not None
            and last.kind in ("warning", "error")
            and self.continued_line == line_no - 1
        ):
            self.continued_line = line_no  # the source line a Python warning quotes
            return
        self.continued_line = line_no
        if self.traceback is not None:
            if text.startswith((" ", "\t")) or not text.strip():
                self.traceback.append(text)
                return
            self.traceback = None
            self.event(line_no, text, kind=None)
            return
        if self.echo is not None:
            if not _PROCESS_START.match(text):
                self.echo[1].append(text)
                return
            self.finish_echo()
        if m := _OVERRIDE_FILE.match(text):
            self.new_process(line_no)
            self.echo = (m.group(1), [])
        elif m := _OVERRIDE_KEY.match(text):
            self.new_process(line_no)
            self.out.overrides[m.group(1)] = parse_override_value(m.group(2).strip())
        elif m := _TOKENS.match(text):
            self.new_process(line_no)
            self.out.tokens_per_iter = to_count(m.group(1).replace(",", ""))
        elif m := _VOCAB_FOUND.match(text):
            self.out.vocab_size = int(m.group(1))
            self.out.vocab_source = m.group(2) or f"log line {line_no}"
        elif m := _FORCING.match(text):
            self.out.forced = (int(m.group(1)), int(m.group(2)), m.group(3) == "True")
        elif m := _PRETRAINED.match(text):
            self.out.pretrained = m.group(1)
        elif text.startswith("Initializing a new model from scratch"):
            self.out.from_scratch = True
        elif m := _VOCAB_DEFAULT.match(text):
            self.out.vocab_size, self.out.vocab_source = int(m.group(1)), "GPT-2 default"
        elif m := _PARAMS.match(text):
            self.out.n_params_text = m.group(1) + "M"
            if self.last_step is None:
                self.out.processes += text.count(_PARAMS_ANY)
        elif (m := _PARAMS_EXACT.match(text)) and self.out.n_params_text is None:
            self.out.n_params_exact = to_count(m.group(1).replace(",", ""))
        elif m := _PARAM_GROUP.match(text):
            count = to_count(m.group(2).replace(",", ""))
            if count is not None:
                self.out.param_groups["non-decayed" if m.group(1) else "decayed"] = count
        elif (m := _VOCAB_PREPARE.match(text)) and self.out.vocab_size is None:
            self.out.vocab_size, self.out.vocab_source = int(m.group(1)), f"log line {line_no}"
        elif m := _FUSED.match(text):
            self.out.fused_adamw = m.group(1) == "True"
        elif text.startswith("compiling the model"):
            self.out.compiled = True
            self.event(line_no, text, kind="compile")
        elif m := _RESUME.match(text):
            if self.segment_has_data:
                self.new_segment(line_no, resumed=True)
            start, _ = self.segment_heads[-1]
            self.segment_heads[-1] = (start, True)
            self.event(line_no, text, kind="resume")
        elif _SAVE.match(text):
            if self.last_step is not None:
                self.out.checkpoint_steps.append(self.last_step)
            self.event(line_no, text, kind="checkpoint")
        elif text.startswith("Traceback (most recent call last)"):
            self.traceback = [text]
            self.event(line_no, text)
        elif _QUIET.match(text) or not text.strip():
            return
        else:
            self.event(line_no, text)

    def add_iter(self, groups: tuple[bytes | None, ...], line_no: int) -> None:
        """An iter line: step, loss, time (ms), mfu (%); a missing number is NaN."""
        step = int(groups[0] or b"")
        self.see_step(step, line_no)
        self.iter_step.append(step)
        self.iter_loss.append(_float(groups[1]))
        self.iter_time.append(_float(groups[2]))
        self.iter_mfu.append(_float(groups[3]))
        self.iter_seg.append(self.segment_index)

    def add_eval(self, groups: tuple[bytes | None, ...], line_no: int) -> None:
        """A step line: step, train loss, val loss."""
        step = int(groups[0] or b"")
        self.see_step(step, line_no)
        self.eval_step.append(step)
        self.eval_train.append(_float(groups[1]))
        self.eval_val.append(_float(groups[2]))
        self.eval_seg.append(self.segment_index)

    def finish(self, line_no: int, last: bool = False) -> ParsedLog:
        """What the log holds so far; the builder can go on reading lines after it, unless
        `last` (then the arrays are handed over, not copied)."""
        out = self.out.model_copy(
            update={
                "echoed_configs": list(self.out.echoed_configs),
                "overrides": dict(self.out.overrides),
                "events": list(self.out.events),
                "checkpoint_steps": list(self.out.checkpoint_steps),
                "segments": [],
                "lines": line_no,
            }
        )
        if self.echo is not None:  # a config echo still open at the end
            out.echoed_configs.append((self.echo[0], "\n".join(self.echo[1])))
        trailing = self.replaced is not None and not self.segment_has_data
        if trailing and self.replaced is not None:
            # the last process logged no step (sample.py after training): the run's config
            # stands, and that process is no segment
            out.overrides, out.echoed_configs = dict(self.replaced[0]), list(self.replaced[1])

        def numbers(column: array[Any], dtype: type) -> np.ndarray:
            return np.frombuffer(column, dtype=dtype) if last else np.array(column, dtype=dtype)

        if self.iter_step:
            out.iter_step = numbers(self.iter_step, np.int64)
            out.iter_loss = numbers(self.iter_loss, np.float64)
            out.iter_time_ms = numbers(self.iter_time, np.float64)
            out.iter_mfu = numbers(self.iter_mfu, np.float64)  # no mfu printed: NaN
            out.iter_mfu /= 100.0  # in place: the column is handed over or already a copy
            out.iter_segment = numbers(self.iter_seg, np.int64)
        if self.eval_step:
            out.eval_step = numbers(self.eval_step, np.int64)
            out.eval_train = numbers(self.eval_train, np.float64)
            out.eval_val = numbers(self.eval_val, np.float64)
            out.eval_segment = numbers(self.eval_seg, np.int64)
        heads = self.segment_heads[:-1] if trailing else self.segment_heads
        for index, (start, resumed) in enumerate(heads):
            iters = out.iter_step[_rows_of(out.iter_segment, index)]
            rows = _rows_of(out.eval_segment, index)
            evals, vals = out.eval_step[rows], out.eval_val[rows]
            in_seg = [part for part in (iters, evals) if part.size]
            out.segments.append(
                Segment(
                    index=index,
                    start_line=start,
                    resumed=resumed,
                    first_step=min(int(p.min()) for p in in_seg) if in_seg else None,
                    last_step=max(int(p.max()) for p in in_seg) if in_seg else None,
                    val_evals=list(zip(evals.tolist(), vals.tolist(), strict=True)),
                )
            )
        return out

    def consume(self, lines: Iterable[bytes], after: int = 0) -> int:
        """Read `lines`, numbered on from line `after`; metric lines go to rows, everything
        else to events. Returns the last line's number."""
        builder = self
        match_iter, match_step = _ITER.match, _STEP.match
        search_iter, search_step = _any_iter, _STEP_ANY.search
        line_no = after
        for line_no, raw in enumerate(lines, start=after + 1):
            head = raw[:5]
            if head == b"iter " and (m := match_iter(raw)):
                if not builder.out.iter_bits and b"BPC" in raw:
                    builder.out.bits = builder.out.iter_bits = True
                builder.add_iter(m.groups(), line_no)
            elif head == b"step " and (m := match_step(raw)):
                builder.add_eval(m.groups(), line_no)
                if b"BPC" in raw or b"bpc" in raw:
                    builder.out.bits = builder.out.eval_bits = True
            elif head == b"iter " and (m := _ITER_CUT.match(raw)):
                step, loss, _ = m.groups()
                builder.add_iter((step, loss, None, None), line_no)
            elif (m := search_iter(raw)) is not None:
                builder.add_iter(m.groups(), line_no)
            elif (m := search_step(raw)) is not None:
                builder.add_eval(m.groups(), line_no)
            else:
                builder.text_line(line_no, raw.decode("utf-8", errors="replace").rstrip("\r\n"))
        return line_no


def _any_iter(raw: bytes) -> re.Match[bytes] | None:
    """An iter line behind a prefix, or a fork's pipe-separated one."""
    if (m := _ITER_ANY.search(raw)) is not None:
        return m
    return _ITER_PIPE.match(raw) if b" | loss " in raw else None


def _rows_of(segments: np.ndarray, index: int) -> slice:
    """The rows of one segment: segment numbers only go up in log order, so one slice."""
    return slice(
        int(np.searchsorted(segments, index, "left")),
        int(np.searchsorted(segments, index, "right")),
    )


def parse_nanogpt_log(path: Path) -> ParsedLog:
    """Stream the log once; metric lines go to arrays, everything else to events."""
    from capdiag.parsers import fast

    builder = _Builder()
    if fast.wanted(path):
        first = _first_lines(path)
        if not _prefixed(path, first) and not _coloured(path, first):
            return builder.finish(_consume_fast(builder, path), last=True)
    return builder.finish(builder.consume(read_lines(path)), last=True)


def _fast_rules() -> list[Any]:
    from capdiag.parsers.fast import DIGITS, NOT_SPACE, Rule

    number = f"[^,{NOT_SPACE[2:-1]}]+"  # [^,\s]+
    return [
        Rule(
            "iter ",
            rf"^iter (?P<step>{DIGITS}{{1,15}}): loss (?P<loss>{number})(?: BPC| bpc)?, "
            r"time (?P<time>[0-9.]+) ?ms(?:, mfu (?P<mfu>-?[0-9.]+)%)?",
            ints=("step",),
            floats=("loss", "time", "mfu"),
            contains=("BPC",),
        ),
        Rule(
            "step ",
            rf"^step (?P<step>{DIGITS}{{1,15}}): train loss (?P<train>{number})(?: BPC| bpc)?, "
            rf"val loss (?P<val>{number})",
            ints=("step",),
            floats=("train", "val"),
            contains=("BPC", "bpc"),
        ),
    ]


def _consume_fast(builder: _Builder, path: Path) -> int:
    """`builder.consume` over the whole file, with polars reading the plain iter and step
    lines (the `[fast]` extra); every other line goes through `consume` in its place."""
    from capdiag.parsers import fast

    lines = 0
    for block in fast.scan(path, _fast_rules(), _float):
        _FastBlock(builder, block).consume()
        lines = block.lines
    return lines


class _FastBlock:
    """One block's metric rows merged, in log order, with the lines Python reads.

    Rows change the builder's state (last step, segment) when the next Python-read line
    needs it; they reach the arrays at the end, or before a Python-read line that could be a
    metric line itself (a cut or prefixed iter line), so the arrays stay in log order."""

    def __init__(self, builder: _Builder, block: Any) -> None:
        self.builder = builder
        self.others = block.others
        iters, evals = block.rows
        if iters.contains["BPC"]:
            builder.out.bits = builder.out.iter_bits = True
        if evals.contains["BPC"] or evals.contains["bpc"]:
            builder.out.bits = builder.out.eval_bits = True
        line_no = np.concatenate([iters.line_no, evals.line_no])
        order = np.argsort(line_no, kind="stable")
        self.line_no = line_no[order]
        self.steps = np.concatenate([iters.numbers["step"], evals.numbers["step"]])[order]
        kinds = [np.zeros(iters.line_no.size, bool), np.ones(evals.line_no.size, bool)]
        self.is_eval = np.concatenate(kinds)[order]
        self.iter_values = [iters.numbers[k] for k in ("loss", "time", "mfu")]
        self.eval_values = [evals.numbers[k] for k in ("train", "val")]
        # rows whose step is lower than the row before: a restart, unless a line between
        # them started a segment already
        self.drops = (np.flatnonzero(self.steps[1:] < self.steps[:-1]) + 1).tolist()
        self.segment = np.empty(self.steps.size, np.int64)
        self.applied = self.appended = 0  # rows seen by the state / written to the arrays
        self.appended_iter = self.appended_eval = 0

    def consume(self) -> None:
        builder = self.builder
        where = np.searchsorted(self.line_no, [line for line, _ in self.others]).tolist()
        for (line_no, raw), upto in zip(self.others, where, strict=True):
            self.apply(upto)
            if b"iter" in raw or b"step" in raw or b" | loss " in raw:
                self.append()
            builder.consume([raw], line_no - 1)
        self.apply(self.steps.size)
        self.append()

    def apply(self, upto: int) -> None:
        """`see_step` for rows up to `upto`: segments, the last step, a finished echo."""
        start, builder = self.applied, self.builder
        if upto <= start:
            return
        if builder.echo is not None:
            builder.finish_echo()
        first = int(self.steps[start])
        if builder.segment_has_data and builder.last_step is not None and first < builder.last_step:
            builder.new_segment(int(self.line_no[start]), resumed=True)
        cuts = [start]
        while self.drops and self.drops[0] < upto:
            row = self.drops.pop(0)
            if row > start:
                builder.new_segment(int(self.line_no[row]), resumed=True)
                cuts.append(row)
        cuts.append(upto)
        first_segment = builder.segment_index - (len(cuts) - 2)
        for k in range(len(cuts) - 1):
            self.segment[cuts[k] : cuts[k + 1]] = first_segment + k
        builder.segment_has_data, builder.last_step = True, int(self.steps[upto - 1])
        self.applied = upto

    def append(self) -> None:
        """Rows applied so far, into the builder's arrays."""
        part = slice(self.appended, self.applied)
        if part.start >= part.stop:
            return
        b, evals = self.builder, self.is_eval[part]
        n_eval = int(evals.sum())
        n_iter = part.stop - part.start - n_eval
        steps, segment = self.steps[part], self.segment[part]
        b.iter_step.frombytes(steps[~evals].tobytes())
        b.iter_seg.frombytes(segment[~evals].tobytes())
        i = slice(self.appended_iter, self.appended_iter + n_iter)
        for column, values in zip(
            (b.iter_loss, b.iter_time, b.iter_mfu), self.iter_values, strict=True
        ):
            column.frombytes(values[i].tobytes())
        b.eval_step.frombytes(steps[evals].tobytes())
        b.eval_seg.frombytes(segment[evals].tobytes())
        e = slice(self.appended_eval, self.appended_eval + n_eval)
        for column, values in zip((b.eval_train, b.eval_val), self.eval_values, strict=True):
            column.frombytes(values[e].tobytes())
        self.appended, self.appended_iter, self.appended_eval = part.stop, i.stop, e.stop


# what tools put before each line: `ts`/logger timestamps, torchrun's "[default0]:" or
# "[rank0]:", a level name
_PREFIX = re.compile(
    rb"^(?:\[[^\]\n]{1,48}\]:?[ \t]?"
    rb"|\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?[ \t]"
    rb"(?:(?:INFO|WARNING|ERROR|DEBUG)[ \t]*[:-]?[ \t]*)?)"
)


def _first_lines(path: Path) -> list[bytes]:
    """The first 200 lines, read once: what the per-line forms are judged on."""
    return [line for _, line in zip(range(200), _raw_lines(path), strict=False)]


def _prefixed(path: Path, first: list[bytes] | None = None) -> bool:
    """Whether most of the first 64 lines that hold text carry a tool's prefix (then every
    line is stripped)."""
    head = (_first_lines(path) if first is None else first)[:64]
    lines = [line for line in head if line.strip()]
    return bool(lines) and sum(bool(_PREFIX.match(line)) for line in lines) > 0.8 * len(lines)


def _coloured(path: Path, first: list[bytes] | None = None) -> bool:
    """Whether the first lines carry terminal colour codes (a notebook's saved output:
    "step \x1b[1;36m0\x1b[0m: train loss ...")."""
    return any(b"\x1b[" in line for line in (_first_lines(path) if first is None else first))


def read_lines(path: Path) -> Iterator[bytes]:
    """The log's lines as UTF-8 bytes, without a per-line prefix a tool added or terminal
    colour codes; a line past MAX_LINE_BYTES is cut there (no metric line is that long, and
    every regex stays cheap)."""
    first = _first_lines(path)
    lines = _raw_lines(path)
    if _coloured(path, first):
        lines = (ANSI_BYTES.sub(b"", line) if b"\x1b" in line else line for line in lines)
    if _prefixed(path, first):
        strip = _PREFIX.sub
        lines = (strip(b"", line, count=1) for line in lines)
    for line in lines:
        yield line if len(line) <= MAX_LINE_BYTES else line[:MAX_LINE_BYTES]


def _raw_lines(path: Path) -> Iterator[bytes]:
    """The file's lines as UTF-8 bytes, streamed (`bounded_lines`: a UTF-16 file, what
    PowerShell's `>` writes on Windows, is transcoded on the way)."""
    with path.open("rb") as handle:
        yield from bounded_lines(handle)


def sniff(path: Path, head: bytes) -> int:
    if b"\x1b[" in head:
        head = ANSI_BYTES.sub(b"", head)
    if SNIFF.search(head) or b"tokens per iteration will be:" in head:
        return 90
    if SNIFF_ANY.search(head):
        return 70
    if b"Overriding config with" in head:
        return 60
    return 0


def load(path: Path, ctx: LoadContext) -> Run:
    return run_from_log(path, parse_nanogpt_log(path), ctx)


class Incremental:
    """The log read as it grows (`capdiag watch`): `feed` new lines, `run` the run so far.
    Each line is parsed once; `run` converts only the rows read since its last call."""

    def __init__(self, path: Path, ctx: LoadContext) -> None:
        self.path, self.ctx = path, ctx
        self.builder = _Builder()
        self.line_no = 0
        self.prefixed: bool | None = None  # decided on the first lines that hold text

    def feed(self, lines: list[bytes]) -> None:
        if self.prefixed is None:
            text = [line for line in lines[:64] if line.strip()]
            if text:
                self.prefixed = sum(bool(_PREFIX.match(line)) for line in text) > 0.8 * len(text)
        if self.prefixed:
            lines = [_PREFIX.sub(b"", line, count=1) for line in lines]
        self.line_no = self.builder.consume(lines, self.line_no)

    def run(self) -> Run:
        return run_from_log(self.path, self.builder.finish(self.line_no), self.ctx)


def run_from_log(path: Path, parsed: ParsedLog, ctx: LoadContext) -> Run:
    """The run a parsed log describes, with the config it names or `ctx` gives."""
    run = Run(
        source=str(path),
        format=NAME,
        framework="nanoGPT",
        config=_config(parsed, ctx.config_path, ctx.sets, path.name),  # reads, or raises
    )
    ctx.config_read = ctx.config_path is not None
    _fill_series(run, parsed)
    run.events = parsed.events
    run.messages_read = True
    if parsed.events_dropped:
        run.notes.append(
            f"{parsed.events_dropped:,} messages from the middle of the log not kept "
            f"(the first {MAX_EVENTS // 2:,} and the latest are)"
        )
    run.segments = parsed.segments
    run.checkpoint_steps = parsed.checkpoint_steps
    run.checkpoints_logged = True  # "saving checkpoint to ..."
    exact = parsed.n_params_exact if parsed.n_params_text is None else None
    groups = parsed.param_groups
    if exact is None and parsed.n_params_text is None and len(groups) == 2:
        exact = sum(groups.values())  # the optimizer's two groups: every parameter
        run.notes.append(
            f"parameters: {exact:,}, the optimizer's decayed and non-decayed groups as printed"
        )
    run.reported = Reported(
        n_params=exact or _printed_count(parsed.n_params_text),
        n_params_text=f"{exact:,}" if exact else parsed.n_params_text,
        n_params_is_total=exact is not None,
        tokens_per_iter=parsed.tokens_per_iter,
        vocab_size=parsed.vocab_size,
        vocab_source=parsed.vocab_source,
        fused_adamw=parsed.fused_adamw,
        compiled=parsed.compiled,
    )
    if parsed.processes > 1:
        run.num_gpus, run.num_gpus_source = parsed.processes, "log"
        run.notes.append(
            f"{parsed.processes} processes: every DDP rank printed its 'number of parameters' line"
        )
    _starting_point(run, parsed)
    run.dims = _dims(run, parsed)
    return run


def run_from_config(config_path: Path, sets: dict[str, Any]) -> Run:
    """A nanoGPT config before it runs (`capdiag check`): the run it describes, no metrics."""
    parsed = ParsedLog()
    run = Run(
        source=str(config_path),
        format="config",
        framework="nanoGPT",
        config=_config(parsed, config_path, sets),
        planned=True,
    )
    _starting_point(run, parsed)
    run.dims = _dims(run, parsed)
    return run


def _starting_point(run: Run, parsed: ParsedLog) -> None:
    """From scratch, a fine-tune of a GPT-2 checkpoint, or a resume: the log says which."""
    init_from = str(run.config.get("init_from", "scratch"))
    if parsed.pretrained or parsed.forced:
        init_from = parsed.pretrained or (init_from if init_from.startswith("gpt2") else "gpt2")
        if run.config.get("init_from") != init_from:
            run.config.values["init_from"] = init_from
            run.config.origins["init_from"] = "log"
    elif parsed.from_scratch:
        run.config.origins["init_from"] = "log"
    if init_from == "resume" and (parsed.file_init_from or "").startswith("gpt2"):
        init_from = str(parsed.file_init_from)  # a resumed fine-tune: still a fine-tune
    if init_from.startswith("gpt2"):
        run.fine_tune, run.base_model = True, init_from
    elif init_from == "scratch" and run.config.source("init_from") != "assumed":
        run.fine_tune = False


def _config(
    parsed: ParsedLog, config_path: Path | None, sets: dict[str, Any], log_name: str = ""
) -> Config:
    layers: list[tuple[str, ParsedConfig]] = []
    patch_target: tuple[str, str] | None = None
    unread: list[str] = []
    launched: list[str] = []
    launch_sets: dict[str, Any] = {}
    if config_path is not None:
        try:
            file_config, text = read_config_file(config_path)
        except ConfigError:
            launch = _launch_layers(parsed, config_path, log_name)
            if launch is None:
                raise
            layers, patch_target, launched, launch_sets = launch
        else:
            layers.append(("config", file_config))
            patch_target = (str(config_path), text)
    else:
        for name, text in parsed.echoed_configs:
            try:
                layers.append((f"log-echo:{name}", parse_python_config(text, name)))
            except ConfigError as exc:
                unread.append(f"the config the log echoes was not read: {exc}")
                continue
            patch_target = (name, text)
    for _, layer in layers:
        if isinstance(layer.values.get("init_from"), str):
            parsed.file_init_from = layer.values["init_from"]
    overrides = [
        ("config:launch", launch_sets),
        ("log-override", parsed.overrides),
        ("--set", sets),
    ]
    config = build_config(NANOGPT_DEFAULTS, layers, overrides, patch_target)
    config.notes.extend(launched + unread)
    keys = {key for _, layer in layers for key in layer.values}
    # a log of evaluation lines and no "iter N:" line may be the lecture script's, which
    # shares some of train.py's settings and none of its other defaults
    lecture_like = parsed.eval_step.size > 0 and parsed.iter_step.size == 0
    shared = LECTURE_KEYS if lecture_like else frozenset()
    sets_a_key = any(key in NANOGPT_DEFAULTS and key not in shared for key in keys)
    if layers and not sets_a_key:
        config.notes.append(
            "the config sets none of nanoGPT's train.py keys"
            + (
                " beyond those the 'Let's build GPT' lecture script shares with it"
                if keys & shared
                else ""
            )
            + ": train.py's defaults stay assumed, and its comments are no claims about "
            "the run"
        )
        config.comments = []  # a size claim there describes that file's model, not this run's
    if sets_a_key:
        # the run's config was read: a key it leaves unset runs with train.py's default,
        # which is nanoGPT's own semantics, not an assumption
        for key, origin in config.origins.items():
            if origin == "default":
                config.origins[key] = "framework-default"
    return config


def _launch_layers(
    parsed: ParsedLog, path: Path, log_name: str
) -> (
    tuple[list[tuple[str, ParsedConfig]], tuple[str, str] | None, list[str], dict[str, Any]] | None
):
    """A launch script or notebook cell given as the config: the config files its train
    command names (as the log echoes them, or beside the script), then its overrides and
    world size. None when the text runs no train command."""
    from capdiag.parsers.launch import the_run, train_commands

    commands = train_commands(read_config_text(path))
    if not commands:
        return None
    command, chosen = the_run(commands, log_name)
    layers: list[tuple[str, ParsedConfig]] = []
    patch_target: tuple[str, str] | None = None
    notes = [f"{path.name} is a launch command, read as text: {chosen}"]
    echoed = {Path(name).name: (name, text) for name, text in parsed.echoed_configs}
    for named in command.configs:
        beside = path.parent / named
        if Path(named).name in echoed:
            name, text = echoed[Path(named).name]
            layers.append((f"log-echo:{name}", parse_python_config(text, name)))
        elif beside.is_file():
            file_config, text = read_config_file(beside)
            layers.append(("config", file_config))
            name = str(beside)
        else:
            notes.append(f"{named}, which it runs, is neither echoed by the log nor beside it")
            continue
        patch_target = (name, text)
    stated = dict(command.overrides)
    if command.world_size is not None:
        stated["world_size"] = command.world_size
    return layers, patch_target, notes, stated


# the settings Karpathy's "Let's build GPT" lecture script (gpt.py) shares with nanoGPT's
# train.py, which grew from it: a config that sets only these may be that script's, whose
# loop prints nanoGPT's "step N: train loss X, val loss Y" but has none of train.py's other
# settings (gradient accumulation, a dataset, a schedule)
LECTURE_KEYS = frozenset(
    (
        "batch_size",
        "block_size",
        "max_iters",
        "eval_interval",
        "learning_rate",
        "device",
        "eval_iters",
        "n_embd",
        "n_head",
        "n_layer",
        "dropout",
    )
)


def latest_per_step(steps: np.ndarray) -> np.ndarray:
    """Indices that keep each step's last occurrence in log order, sorted by step.

    A resumed run repeats the steps between its checkpoint and where the earlier process
    stopped; the later process's values are the ones the run continued from.
    """
    _, first_in_reversed = np.unique(steps[::-1], return_index=True)
    keep: np.ndarray = steps.size - 1 - first_in_reversed
    return keep


def _latest(steps: np.ndarray) -> slice | np.ndarray:
    """`latest_per_step` as an index; a slice of everything (no copy) when the steps only
    go up, as in a run that was never resumed."""
    if bool(np.all(steps[1:] > steps[:-1])):
        return slice(None)
    return latest_per_step(steps)


def _fill_series(run: Run, parsed: ParsedLog) -> None:
    dropout = run.config.number("dropout") or 0.0
    if parsed.iter_step.size:
        keep = _latest(parsed.iter_step)
        steps = parsed.iter_step[keep]
        run.series["train_loss"] = Series(
            name="train_loss",
            steps=steps,
            values=parsed.iter_loss[keep],
            mode="train-batch",
            dropout_active=dropout > 0,
            description="iter lines: last micro-batch's loss x grad-accum, train mode",
        )
        run.series["step_time_ms"] = Series(
            name="step_time_ms",
            steps=steps,
            values=parsed.iter_time_ms[keep],
            description="wall time since the previous iteration (includes eval/checkpoint work)",
        )
        run.series["mfu_reported"] = Series(
            name="mfu_reported",
            steps=steps,
            values=parsed.iter_mfu[keep],
            description="nanoGPT's running MFU vs A100 312 TFLOPS; -1.0 is the warm-up sentinel",
        )
        run.series["segment"] = Series(
            name="segment", steps=steps, values=parsed.iter_segment[keep].astype(np.float64)
        )
    # a fork may print BPC on one kind of line and nats, unlabelled, on the other: then
    # only the lines that say BPC are in bits
    both = parsed.iter_step.size and parsed.eval_step.size
    mixed = both and parsed.iter_bits != parsed.eval_bits
    if parsed.bits and not mixed:
        run.loss_unit = "bits"  # load.finalize converts every loss series to nats
        run.notes.append("the log prints losses in bits (BPC); capdiag converts them to nats")
    elif mixed:
        kind = "iter" if parsed.iter_bits else "step (evaluation)"
        other = "step (evaluation)" if parsed.iter_bits else "iter"
        run.notes.append(
            f"the {kind} lines print bits (BPC), the {other} lines nats with no unit: "
            f"capdiag converts the {kind} lines' losses to nats"
        )
        if parsed.iter_bits:
            run.series["train_loss"].values = run.series["train_loss"].values * math.log(2)
    eval_scale = math.log(2) if mixed and parsed.eval_bits else 1.0
    if parsed.eval_step.size:
        keep = _latest(parsed.eval_step)
        for name, values in (("eval_train_loss", parsed.eval_train), ("val_loss", parsed.eval_val)):
            run.series[name] = Series(
                name=name,
                steps=parsed.eval_step[keep],
                values=values[keep] * eval_scale,
                mode="eval",
                dropout_active=False,
                description="step lines: estimate_loss() in eval mode over eval_iters batches",
            )


SHAPE_KEYS = ("n_layer", "n_head", "n_embd", "block_size", "bias")


def vocab_from_dataset(run: Run) -> None:
    """train.py's vocabulary when the log does not print it: a GPT-2-tokenized dataset has no
    meta.pkl, so nanoGPT uses GPT-2's vocabulary padded to 50304; a known char dataset's
    meta.pkl holds its own (shakespeare_char: 65). Derived, not assumed."""
    c = run.config
    if run.dims is None or run.reported.vocab_size or c.source("vocab_size") != "assumed":
        return
    if run.dataset is None or run.base_model:
        return
    if run.dataset.tokenizer == "gpt2":
        vocab, why = GPT2_VOCAB_PADDED, f"{run.dataset.name} is GPT-2 tokenized: no meta.pkl"
    elif run.dataset.vocab_size:
        vocab, why = run.dataset.vocab_size, f"{run.dataset.name}'s meta.pkl vocabulary"
    else:
        return
    run.dims = run.dims.model_copy(update={"vocab_size": vocab})
    run.reported.vocab_size, run.vocab_source = vocab, "derived"
    run.reported.vocab_source = why
    run.dims_source = combine(*(c.source(k) for k in SHAPE_KEYS), "derived")
    run.notes = [n for n in run.notes if not n.startswith("vocab size not in the log")]


def _dims(run: Run, parsed: ParsedLog) -> ModelDims | None:
    c = run.config
    if run.base_model in GPT2_SHAPES:
        # nanoGPT's from_pretrained: the checkpoint's shape, GPT-2's vocab, bias on; the
        # config's block_size can only crop the 1024 positions
        n_layer, n_head, n_embd = GPT2_SHAPES[run.base_model]
        block = min(int(c.number("block_size") or 1024), 1024)
        run.dims_source = "log" if parsed.pretrained or parsed.forced else "config"
        run.reported.vocab_size = 50257
        run.reported.vocab_source = "GPT-2 checkpoint"
        return ModelDims(
            n_layer=n_layer,
            n_head=n_head,
            n_embd=n_embd,
            block_size=block,
            vocab_size=50257,
            bias=True,
        )
    vocab_source = "log" if run.reported.vocab_size else c.source("vocab_size")
    run.dims_source = combine(*(c.source(k) for k in SHAPE_KEYS), vocab_source)
    try:
        vocab = run.reported.vocab_size or int(c.get("vocab_size") or GPT2_VOCAB_PADDED)
        dims = ModelDims(
            n_layer=int(c.get("n_layer")),
            n_head=int(c.get("n_head")),
            n_embd=int(c.get("n_embd")),
            block_size=int(c.get("block_size")),
            vocab_size=vocab,
            bias=bool(c.get("bias")),
        )
    except (TypeError, ValueError, OverflowError):
        run.notes.append("model dimensions could not be read from the config")
        return None
    if run.reported.vocab_size is None and c.get("vocab_size") is None:
        run.notes.append(
            f"vocab size not in the log; assumed nanoGPT's default {GPT2_VOCAB_PADDED}"
        )
    return dims
