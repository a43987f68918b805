"""karpathy/llm.c output, in its two text forms, with the semantics of the code that prints them.

``main.log`` (``llmc/logger.h``; ``train_gpt2.py`` writes the same keys with ``%f``):

- ``s:N trl:X lr:X norm:X``: ``N`` is the 0-based index of the optimizer step (``s:0`` is
  the first update). ``trl`` is ``model.mean_loss``: the mean over all micro-batches of
  that one step and over all GPUs (one optimizer step's whole batch, not a running
  average). ``lr`` is the rate used for the step (``%.6f``, so tiny rates print 0.000000);
  ``norm`` is the global gradient norm before clipping (``%.2f``). ``train_gpt2.py``'s
  ``s:N trl:X`` lines carry only the loss.
- ``s:N tel:X``: validation loss, the mean over ``val_num_batches`` batches, computed at
  the top of loop iteration ``N``, i.e. after ``N`` updates.
- ``s:N eval:X``: HellaSwag accuracy (a fraction, not a loss).

``train_gpt2.py`` stdout (``train_gpt2.py``, the ``print0(f"step {step+1:4d}/...`` line):

- ``step N/M | train loss X | norm X | lr X | (T ms | K tok/s)``: ``N`` is 1-based (the
  N-th update). The loss is the mean over the step's grad-accumulation micro-batches,
  all-reduced (AVG) over ranks; ``norm`` is the return of ``clip_grad_norm_`` (the norm
  before clipping); ``T`` is wall time from the top of the loop iteration, so an iteration
  that ran a validation pass includes it; ``tok/s`` is that iteration's tokens / ``T``.
- ``val loss X``: printed before the update of the following ``step`` line, i.e. after
  the number of updates of the previous step line (0 for the first).

``train_gpt2.c`` stdout (the CPU reference, and the first CUDA versions; checked against
``train_gpt2.c`` of llm.c's 2024 tree, the training loop at its end):

- a ``[GPT-2]`` header of ``key: value`` lines (``max_seq_len``, ``vocab_size``,
  ``padded_vocab_size`` in later versions, ``num_layers``, ``num_heads``, ``channels``,
  ``num_parameters``);
- ``val loss X`` at the top of loop iteration ``step`` (every 10 steps), after ``step``
  updates;
- ``step N: train loss X (took T ms)``: ``N`` is 0-based, the loss is ``model.mean_loss``
  of that step's forward pass (before its update), ``T`` the batch's loading, forward,
  backward and update (the validation and sampling before it are not timed).

``train_gpt2.cu`` stdout: ``step N/M | loss X (Zz)| norm X (Zz)| lr X | T ms | P% bf16 MFU |
K tok/s``: ``N`` 1-based; ``T`` is CUDA-event time of the update only (forward, backward,
optimizer); ``tok/s`` is a bias-corrected EMA (0.95) from the second step on; MFU is
relative to the GPU's bf16 peak as llm.c knows it, ``-100.0%`` when it has no peak for the
GPU (kept as -1.0, the sentinel `compute_figures` skips). ``(Zz)`` are outlier z-scores.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

from capdiag.arithmetic.params import ModelDims
from capdiag.messages import make_event
from capdiag.parsers import LoadContext
from capdiag.parsers.fields import bounded_lines, layout, to_count, to_number
from capdiag.run import Config, Event, Reported, Run, Series

NAME = "llmc"

# every line read by its fields as printed (capdiag.parsers.fields)
_MAIN = layout("s:{step:int} {kind:word}:{value} lr:{lr} norm:{norm}", whole_line=True)
_MAIN_SHORT = layout("s:{step:int} {kind:word}:{value}", whole_line=True)
_MAIN_KINDS = {b"trl": "train_loss", b"tel": "val_loss", b"eval": "hellaswag_acc"}
_PY_STEP = layout(
    "step  {step:int}/{max:int} | train loss {loss} | norm {norm} | lr {lr} | "
    "({ms} ms | {tps} tok/s)"
)
# "loss %7.6f": a NaN prints as "loss     nan", padded to seven characters
_CU_STEP = layout(
    "step  {step:int}/{max:int} | loss  {loss} ({loss_z}z)| norm  {norm} ({norm_z}z)| "
    "lr {lr} | {ms} ms | {mfu}% bf16 MFU | {tps} tok/s"
)
_VAL = layout("val loss {loss}")
_C_STEP = layout("step {step:int}: train loss {loss} (took {ms} ms)")
# train_gpt2.c's header lines, under the names of train_gpt2.cu's table
_C_HEADER = layout("{key:word}: {value:int}", whole_line=True)
_C_KEYS = {
    b"max_seq_len": "max_sequence_length T",
    b"vocab_size": "vocab_size V",
    b"padded_vocab_size": "padded_vocab_size Vp",
    b"num_layers": "num_layers L",
    b"num_heads": "num_heads NH",
    b"channels": "channels C",
    b"num_parameters": "num_parameters",
}
# train_gpt2.cu's header table: "| num_layers L          | 12      |"
_TABLE_ROW = layout("| {key:text}  | {value:text}  |", whole_line=True)
# "total desired batch size" (llm.c, build-nanogpt), "Total desired ..." in forks that reword it
TOTAL_BATCH = re.compile(layout("total desired batch size: {tokens:int}").pattern, re.I)
ACCUM = layout("=> calculated gradient accumulation steps: {accum:int}")

SNIFF_MAIN = re.compile(rb"^s:\d+ (trl|tel):[\d.naif-]+", re.M)
# "loss %7.6f": a NaN prints as "loss     nan", padded to seven characters
SNIFF_STDOUT = re.compile(rb"^step\s+\d+/\d+ \| (train )?loss\s+\S+ (\(\S+\))?\| norm", re.M)
SNIFF_C = re.compile(rb"^step \d+: train loss \S+ \(took [\d.]+ ms\)", re.M)


# train_gpt2.cu's header table alone: a run that died before its first step
SNIFF_TABLE = re.compile(rb"^\| (?:train data pattern|micro batch size B) +\| ", re.M)


def sniff(path: Path, head: bytes) -> int:
    if SNIFF_STDOUT.search(head):
        return 90
    if SNIFF_MAIN.search(head) or SNIFF_C.search(head):
        return 90
    if SNIFF_TABLE.search(head):
        return 60
    return 0


def _series(
    name: str,
    column: tuple[array[int], array[float]],
    description: str,
    mode: str | None = None,
    last: bool = False,
) -> Series:
    """A column as a series: its arrays handed over when `last`, else copied (the reader
    goes on appending)."""
    steps, values = column
    take = np.frombuffer if last else np.array
    return Series(
        name=name,
        steps=take(steps, dtype=np.int64),
        values=take(values, dtype=np.float64),
        mode=mode,
        description=description,
    )


def _event(events: list[Event], line_no: int, text: str, step: int | None) -> None:
    event = make_event(line_no, text, step, plain="info")
    if event is not None:
        events.append(event)


class _Reader:
    """One pass over the log's lines; `consume` can be called again as the log grows."""

    def __init__(self) -> None:
        # metric points as compact arrays, name -> (steps, values): 16 bytes a point
        self.cols: dict[str, tuple[array[int], array[float]]] = {}
        self.events: list[Event] = []
        self.stdout_form = False
        self.c_form = False  # train_gpt2.c's 0-based "step N: train loss X (took T ms)"
        self.max_iters: int | None = None
        self.total_batch: int | None = None
        self.accum: int | None = None
        self.last_step: int | None = None
        self.header: dict[str, str] = {}

    def add(self, name: str, step: int, value: float) -> None:
        column = self.cols.get(name)
        if column is None:
            column = self.cols[name] = (array("q"), array("d"))
        column[0].append(step)
        column[1].append(value)

    def consume(self, lines: Iterable[bytes], after: int = 0) -> int:
        """Read `lines`, numbered on from line `after`; returns the last line's number."""
        add = self.add
        line_no = after
        for line_no, raw in enumerate(lines, start=after + 1):
            if raw.startswith(b"s:"):
                if m := _MAIN.match(raw):
                    step_text, kind, value, lr, norm = m.groups()
                    if kind == b"trl":
                        step = self.last_step = int(step_text)
                        add("train_loss", step, to_number(value))
                        add("lr", step, to_number(lr))
                        add("grad_norm", step, to_number(norm))
                        continue
                else:
                    m = _MAIN_SHORT.match(raw)
                    step_text, kind, value = m.groups() if m else (b"", b"", b"")
                if kind in _MAIN_KINDS:  # tel, eval, or trl alone (train_gpt2.py)
                    step = self.last_step = int(step_text)
                    add(_MAIN_KINDS[kind], step, to_number(value))
                    continue
            if raw.startswith(b"step"):
                m = _PY_STEP.match(raw) or _CU_STEP.match(raw)
                if m is not None:
                    self.stdout_form = True
                    step = int(m["step"])
                    self.last_step = step
                    self.max_iters = int(m["max"])
                    add("train_loss", step, to_number(m["loss"]))
                    add("grad_norm", step, to_number(m["norm"]))
                    add("lr", step, to_number(m["lr"]))
                    add("step_time_ms", step, to_number(m["ms"]))
                    if m.re is _CU_STEP:
                        add("mfu_reported", step, to_number(m["mfu"]) / 100.0)
                    add("tokens_per_sec", step, to_number(m["tps"]))
                    continue
                if m := _C_STEP.match(raw):
                    self.c_form = True
                    step = self.last_step = int(m["step"])
                    add("train_loss", step, to_number(m["loss"]))
                    add("step_time_ms", step, to_number(m["ms"]))
                    continue
            if m := _VAL.match(raw):
                self.stdout_form = True
                if self.c_form:  # after the updates of steps 0..last_step
                    at = 0 if self.last_step is None else self.last_step + 1
                else:
                    at = self.last_step or 0
                add("val_loss", at, to_number(m["loss"]))
                continue
            if (m := _C_HEADER.match(raw)) and (key := _C_KEYS.get(m["key"])):
                self.header[key] = m["value"].decode()
                continue
            if raw.startswith(b"| ") and (m := _TABLE_ROW.match(raw)):
                key = m["key"].decode(errors="replace")
                self.header[key] = m["value"].decode(errors="replace")
                continue
            if m := TOTAL_BATCH.match(raw):
                self.total_batch = int(m["tokens"])
                continue
            if m := ACCUM.match(raw):
                self.accum = int(m["accum"])
                continue
            text = raw.decode("utf-8", errors="replace").rstrip("\r\n")
            if text.strip():
                _event(self.events, line_no, text, self.last_step)
        return line_no


def load(path: Path, ctx: LoadContext) -> Run:
    from capdiag.parsers import fast

    reader = _Reader()
    if fast.wanted(path):
        _consume_fast(reader, path)
    else:
        with path.open("rb") as handle:
            reader.consume(bounded_lines(handle))
    run = _run(path, reader, last=True)
    if ctx.config_path is not None:
        _launch_script(run, ctx.config_path)
        ctx.config_read = True
    return run


def _launch_script(run: Run, path: Path) -> None:
    """The flags of the llm.c launch script that ran (`--config run.sh`), under what the log
    states; its comments for size claims. Never executed."""
    from capdiag.config import ConfigError, read_config_text
    from capdiag.parsers.llmc_launch import NATIVE, read_launch_script

    text = read_config_text(path)
    script = read_launch_script(text)
    if script is None:
        raise ConfigError(f"{path}: no train_gpt2cu command in it (an llm.c launch script)")
    c = run.config
    for key, value in script.values.items():
        if key not in c.values:
            c.values[key], c.origins[key] = value, "config"
            c.native_keys.setdefault(key, NATIVE.get(key, "-e"))
    c.lines.update(script.lines)
    c.comments = script.comments
    c.path, c.text = str(path), text  # no diff is made of it: only a .py config is patched
    c.notes.append(f"llm.c launch script {path.name}: its train_gpt2cu flags, read as text")
    if run.dims is None and script.dims is not None:
        run.dims, run.dims_source = script.dims, "config"
    if script.checkpoint is not None:
        run.fine_tune, run.base_model = True, script.checkpoint


def _fast_rule() -> Any:
    from capdiag.parsers.fast import DIGITS, NOT_SPACE, SPACE, Rule

    # _MAIN, with its end `( lr:X norm:Y)?\s*$` spelled so that each character picks one
    # branch (the regex engine then captures in one pass, twice as fast): the same lines
    return Rule(
        "s:",
        rf"^s:(?P<step>{DIGITS}{{1,15}}) (?P<kind>trl|tel|eval):(?P<value>{NOT_SPACE}+)"
        rf"(?:[ ](?:lr:(?P<lr>{NOT_SPACE}+) norm:(?P<norm>{NOT_SPACE}+){SPACE}*|{SPACE}*)"
        rf"|[\t\n\r\f\v]{SPACE}*)?$",
        ints=("step",),
        floats=("value", "lr", "norm"),
        codes={"kind": ("trl", "tel", "eval")},
        present=("lr",),
    )


def _consume_fast(reader: _Reader, path: Path) -> None:
    """`reader.consume` over the whole file, with polars reading the main.log lines (the
    `[fast]` extra); every other line goes through `consume` in its place."""
    from capdiag.parsers import fast

    for block in fast.scan(path, [_fast_rule()], to_number):
        (rows,) = block.rows
        where = np.searchsorted(rows.line_no, [line for line, _ in block.others]).tolist()
        done = 0
        for (line_no, raw), upto in zip(block.others, where, strict=True):
            _add_rows(reader, rows, done, upto)
            done = max(done, upto)
            reader.consume([raw], line_no - 1)
        _add_rows(reader, rows, done, rows.line_no.size)


def _add_rows(reader: _Reader, rows: Any, start: int, stop: int) -> None:
    """Rows `start:stop` of a block, as `consume` adds them one line at a time: a column
    is created where its first point is, so the columns keep the base path's order."""
    if stop <= start:
        return
    part = slice(start, stop)
    step, kind, lr = rows.numbers["step"][part], rows.numbers["kind"][part], rows.present["lr"]
    value, lr_value, norm = (rows.numbers[k][part] for k in ("value", "lr", "norm"))
    train, with_lr = kind == 0, (kind == 0) & lr[part]
    columns = [
        ("train_loss", train, value, 0),
        ("lr", with_lr, lr_value, 1),
        ("grad_norm", with_lr, norm, 2),
        ("val_loss", kind == 1, value, 0),
        ("hellaswag_acc", kind == 2, value, 0),
    ]
    found = []
    for name, mask, values, order in columns:
        at = np.flatnonzero(mask)
        if at.size:
            found.append((int(at[0]), order, name, at, values))
    for _, _, name, at, values in sorted(found, key=lambda f: (f[0], f[1])):
        column = reader.cols.get(name)
        if column is None:
            column = reader.cols[name] = (array("q"), array("d"))
        column[0].frombytes(step[at].tobytes())
        column[1].frombytes(values[at].tobytes())
    reader.last_step = int(step[-1])


class Incremental:
    """The log read as it grows (`capdiag watch`): `feed` new lines, `run` the run so far."""

    def __init__(self, path: Path, ctx: LoadContext) -> None:
        self.path = path
        self.reader = _Reader()
        self.line_no = 0

    def feed(self, lines: list[bytes]) -> None:
        self.line_no = self.reader.consume(lines, self.line_no)

    def run(self) -> Run:
        return _run(self.path, self.reader)


def _run(path: Path, reader: _Reader, last: bool = False) -> Run:
    cols, events, stdout_form = reader.cols, list(reader.events), reader.stdout_form
    max_iters, total_batch, accum = reader.max_iters, reader.total_batch, reader.accum
    header = reader.header
    config = Config(values={}, origins={})
    if max_iters is not None:
        config.values["max_iters"], config.origins["max_iters"] = max_iters, "log"
        config.native_keys["max_iters"] = "num_iterations"
    if accum is not None:
        config.values["gradient_accumulation_steps"] = accum
        config.origins["gradient_accumulation_steps"] = "log"
        config.native_keys["gradient_accumulation_steps"] = "grad_accum_steps"
    config.values["dropout"], config.origins["dropout"] = 0.0, "llm.c (no dropout)"

    run = Run(source=str(path), format=NAME, framework="llm.c", config=config)
    run.messages_read = stdout_form  # main.log holds metric lines only
    run.steps_start_at_zero = not stdout_form or reader.c_form
    run.events = events
    run.reported = Reported(tokens_per_iter=total_batch)
    where = (
        "train_gpt2.c stdout"
        if reader.c_form
        else "stdout step lines"
        if stdout_form
        else "main.log"
    )
    desc = {
        "train_loss": f"{where}: mean loss over one optimizer step's micro-batches and ranks",
        "val_loss": f"{where}: validation loss, mean over val batches, after N updates",
        "lr": f"{where}: learning rate used for the step",
        "grad_norm": f"{where}: global grad norm before clipping",
        "step_time_ms": "stdout: time of the step (train_gpt2.py's includes val; train_gpt2.c's "
        "is forward, backward and update)",
        "tokens_per_sec": "stdout: tokens of the step / its time (llm.c CUDA: EMA)",
        "mfu_reported": "train_gpt2.cu: MFU vs the GPU's bf16 peak, fraction",
        "hellaswag_acc": "main.log eval: HellaSwag accuracy (fraction), not a loss",
    }
    steps_seen: list[np.ndarray] = []  # columns logged on the same steps share one array
    for name, column in cols.items():
        mode = {"train_loss": "train-batch", "val_loss": "eval"}.get(name)
        if name == "train_loss" and reader.c_form:
            desc[name] = "train_gpt2.c stdout: the step's forward loss, before its update"
        series = run.series[name] = _series(name, column, desc[name], mode, last)
        same = (s for s in steps_seen if s.size == len(series) and np.array_equal(s, series.steps))
        if (shared := next(same, None)) is not None:
            series.steps = shared
        else:
            steps_seen.append(series.steps)
        if name in ("train_loss", "val_loss"):
            run.series[name].dropout_active = False
    if "train_loss" not in cols and "val_loss" in cols:
        run.notes.append("the log has no train-loss lines: train vs val cannot be compared")
    if header:
        _from_header(run, header)
    return run


def _dims(**shape: Any) -> ModelDims | None:
    try:
        return ModelDims(**shape)
    except ValueError:  # a shape that is no model (past 1e8 in a dimension)
        return None


def _header_int(header: dict[str, str], key: str) -> int | None:
    return to_count(header[key].replace(",", "")) if key in header else None


def _from_header(run: Run, header: dict[str, str]) -> None:
    """What train_gpt2.cu's parameter table states: the shape, the count, the batch, the GPU."""
    total = _header_int(header, "num_parameters")
    if total:
        run.reported.n_params, run.reported.n_params_is_total = total, True
        run.reported.n_params_text = f"{total / 1e6:.2f}M"
    batch = _header_int(header, "total batch size")
    if batch:
        run.reported.tokens_per_iter = batch
    processes = _header_int(header, "num_processes")
    if processes:
        run.num_gpus, run.num_gpus_source = processes, "log"
    device = header.get("device", "").strip()
    if device and device.lower() != "cpu":
        run.gpu_name, run.gpu_source = device, "log"
    if header.get("precision", "").upper() in ("BF16", "FP16", "FP32"):
        dtype = {"BF16": "bfloat16", "FP16": "float16", "FP32": "float32"}
        run.config.values["dtype"] = dtype[header["precision"].upper()]
        run.config.origins["dtype"] = "log"
    shape = [
        _header_int(header, k)
        for k in ("num_layers L", "num_heads NH", "channels C", "max_sequence_length T")
    ]
    vocab = _header_int(header, "padded_vocab_size Vp") or _header_int(header, "vocab_size V")
    if all(shape) and vocab:
        n_layer, n_head, n_embd, block = (int(v) for v in shape if v)
        run.dims = _dims(
            n_layer=n_layer,
            n_head=n_head,
            n_embd=n_embd,
            block_size=block,
            vocab_size=vocab,
            bias=True,
        )
        run.dims_source = "log" if run.dims is not None else run.dims_source
        run.reported.vocab_size, run.reported.vocab_source = vocab, "padded_vocab_size Vp"
