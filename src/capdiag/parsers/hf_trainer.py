"""Hugging Face ``Trainer`` output: ``trainer_state.json``, its stdout, or a run directory.

Semantics, from transformers' ``trainer.py`` (5.x):

- ``loss``: ``_maybe_log_save_evaluate`` divides the accumulated ``tr_loss`` by
  ``global_step - _globalstep_last_logged``; ``tr_loss`` sums ``training_step``'s return,
  which is each micro-batch's loss scaled by 1 / gradient_accumulation_steps. So ``loss`` is
  the mean per-optimizer-step training loss over the ``logging_steps`` window, in train mode
  (dropout on if the model has any).
- ``eval_loss``: the evaluation loop's mean loss over the eval set, under ``model.eval()``.
  With ``eval_dataset`` a dict of named sets there is none: each set logs
  ``eval_<name>_loss``, and the first set's is read as the validation loss (with a note).
- ``grad_norm``: the norm ``clip_grad_norm_`` returned (before clipping) on the last step of
  the window; ``learning_rate``: the scheduler's rate at the log.
- ``step`` is ``global_step`` after the update: the first optimizer step is step 1.
- ``num_input_tokens_seen``: a running count of input tokens (``include_num_input_tokens_seen``).
- Stdout: ``PrinterCallback``/``ProgressCallback`` print the same dict without ``step``; since
  transformers 5 every float is printed as a string with 4 significant digits
  (``f"{v:.4g}"``). The step is then estimated from ``epoch`` x steps per epoch.
- In a notebook, ``NotebookProgressCallback`` draws an HTML table instead (a saved cell's
  output, or its text pasted): a row per evaluation, ``Step`` (or ``Epoch`` when evaluating
  each epoch), ``Training Loss`` (the last logged ``loss``, repeated while no new one is
  logged, ``No log`` before the first), ``Validation Loss`` (``eval_loss``), then each metric
  with ``eval_`` dropped and its words capitalised (``Wer``, ``F1``), under a header
  ``[3838/3838 4:50:16, Epoch 1/2]`` whose total is ``state.max_steps``, as stdout's
  ``Total optimization steps = 3,838`` is: the run's stated ``max_steps``.
- A model card (``README.md``, written by ``Trainer.create_model_card``, Axolotl's too):
  ``### Training hyperparameters`` as ``- key: value`` lines (``train_batch_size`` is per
  device, ``num_devices`` the world size), then ``### Training results``, a markdown table
  of the same columns as the notebook's (``Training Loss``, ``Epoch``, ``Step``,
  ``Validation Loss``, metrics), a row per evaluation. Given as ``--config`` beside any
  Trainer log, its hyperparameters are read as the run's arguments.
- ``log_history`` text that is not a whole document (entries pasted in an issue, a file cut
  off, a dict in a script) gives its whole entries, each a flat object with a ``step``; a
  dump of the history under another key (``raw_log_history``, steps as ``5.0``) is read too.
- The arguments: ``training_args.json``, a script's (or a notebook's code cells')
  ``TrainingArguments(...)`` literals, parsed and never run; a notebook whose outputs are
  the log states them in its own cells.
"""

from __future__ import annotations

import ast
import json
import math
import re
import sys
import textwrap
from array import array
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import numpy as np

from capdiag.arithmetic.params import ModelDims
from capdiag.config import (
    ConfigError,
    ValueBudgetError,
    literal_value,
    parse_literal,
    parse_python,
    read_config_text,
)
from capdiag.hf_config import base_model_vocab, dims_from_hf_config, find_adapter
from capdiag.messages import make_event
from capdiag.parsers import LoadContext, ParseError
from capdiag.parsers.fields import (
    ANSI,
    ANSI_BYTES,
    FLAT_DICT,
    FLAT_ITEM,
    MAX_LINE_CHARS,
    to_count,
    to_float,
)
from capdiag.parsers.jsonl import as_number
from capdiag.parsers.pickled_args import read_training_args
from capdiag.run import Config, Event, Reported, Run, Segment, Series

NAME = "hf_trainer"

STATE_FILE = "trainer_state.json"
_CHECKPOINT = re.compile(r"^checkpoint-(\d+)$")
# a logged dict with a number as its first value ("2.1" or '2.1' in transformers 5), at the
# start of a line, after a progress bar's carriage return, or after a logger's
# "date - INFO - name -   " prefix, or after a bracketed prefix ("[rank0]: ", or the
# "[1757] " line numbers of a log viewer a log was pasted from), or after pdsh's "host: ",
# or after ideographic spaces (U+3000: a log pasted from a Chinese markdown page), or
# after a markdown quote's "> " (a log quoted in an issue)
_STDOUT_DICT = re.compile(
    rb"(?:^|\r| - \s*|^\[\w+\]:? ?|^[\w.-]{1,64}: |^(?:\xe3\x80\x80)+|^> ?)"
    rb"\{'(loss|eval_loss|train_runtime|grad_norm|learning_rate)': "
    rb"'?-?(?:[\d.]+(e-?\d+)?|nan|inf)'?[,}]",  # a NaN loss prints as a bare nan
    re.M,
)
_DICT = re.compile(r"\{'[^{}]*\}")
# pdsh (DeepSpeed's multi-node launcher) puts "host: " before every line of every node; a
# host name has a digit, a dot or a hyphen ("10.96.202.43", "gpu-07"), a logger's "INFO" not
_HOST = re.compile(r"^((?=[\w.-]*[\d.-])[\w.-]{1,64}): ")
# Trainer.log_metrics at the end of a run: "***** eval metrics *****", then "  key = value"
_BLOCK_HEAD = re.compile(r"^\*{5} (train|eval) metrics \*{5}\s*$")
_BLOCK_HEAD_BYTES = re.compile(rb"^\*{5} (?:train|eval) metrics \*{5}", re.M)
_BLOCK_ITEM = re.compile(r"^\s+(\w{1,100})\s+=\s+(\S{1,100})\s*$")
# NotebookProgressCallback's table, as its HTML is saved or pasted
_TABLE_START = re.compile(r'<table border="1" class="dataframe">')
_HEAD_CELL = re.compile(r"<th[^>]{0,200}>([^<]{0,100})</th>")
_ROW = re.compile(r"<tr[^>]{0,200}>(.*?)</tr>", re.S)
_DATA_CELL = re.compile(r"<td[^>]{0,200}>([^<]{0,100})</td>")
MAX_TABLE_LINES = 100_000
_TABLE_KEYS = {"Training Loss": "loss", "Validation Loss": "eval_loss"}  # else eval_<metric>
# a model card's markdown table: "| Training Loss | Epoch | Step | Validation Loss |"
_MD_CELLS = re.compile(r"\|([^|\n]{0,100})")
_MD_RULE = re.compile(r"^[\s:|-]+$")
# a model card's hyperparameters, "- learning_rate: 0.0002", by TrainingArguments' names
_CARD_ARGS = {
    "learning_rate": "learning_rate",
    "train_batch_size": "per_device_train_batch_size",
    "gradient_accumulation_steps": "gradient_accumulation_steps",
    "lr_scheduler_type": "lr_scheduler_type",
    "lr_scheduler_warmup_steps": "warmup_steps",
    "lr_scheduler_warmup_ratio": "warmup_ratio",
    "num_epochs": "num_train_epochs",
    "training_steps": "max_steps",
}
_CARD_ARG = re.compile(r"^- (\w{1,40}): (\S{1,60})\s*$")
_NON_FINITE = re.compile(r"(?<=: )(-?(?:nan|inf))(?=[,}])")
_BAR = re.compile(r"\|\s*(\d+)/(\d+) \[")
# a match starts only where a run of digits starts: linear on a line of digits, not quadratic
_AFTER_BAR = re.compile(r"(?<!\d)\d+/\d+ \[[^\]\n]*\]")
# a line that is only a progress bar (most of a Trainer's stdout), maybe after a short
# description ("Writing model shards: "): it can hold nothing but the bar's count
_PURE_BAR = re.compile(
    r"(?:[A-Za-z][A-Za-z ]{0,40}: ?)?\s*\d{1,3}%\|[^|\n]*\|\s*(\d{1,15})/(\d{1,15}) \[[^\]\n]*\]\s*"
)
# DeepSpeed ZeRO, once per rank: "Rank: 0 partition count [2] and sizes[...]"
_ZERO_PARTITIONS = re.compile(r"^Rank: \d+ partition count \[(\d{1,6})[\],]")
_TOTAL_STEPS = re.compile(r"Total optimization steps = ([\d,]+)")
# NotebookTrainingTracker's header over its table, out of state.max_steps:
# "[3838/3838 4:50:16, Epoch 1/2]", "[ 801/3838 1:02:03 < 3:57:00, Epoch 0.42/2]"
_NOTEBOOK_BAR = re.compile(
    r"^\s*\[\s*\d{1,15}/(\d{1,15}) [\d:]+(?: < [\d:]+)?, Epoch [\d.]+/[\d.]+\]"
)
# DeepSpeed's engine every steps_per_print: "[Rank 0] step=2000, skipped=1995, lr=[...]"
_DS_SKIPPED = re.compile(r"\bstep=(\d+), skipped=(\d+)")
_NUM_EPOCHS = re.compile(r"Num Epochs = ([\d,]+)")
# TrainingArguments as printed: "key=value," (its repr), or "key: value" behind a logger's
# "date - INFO - name -   " prefix
_ARG_NAMES = (
    "logging_steps",
    "eval_steps",
    "per_device_train_batch_size",
    "gradient_accumulation_steps",
    "learning_rate",
    "max_steps",
    "warmup_steps",
    "warmup_ratio",
    "weight_decay",
    "max_grad_norm",
    "num_train_epochs",
    "lr_scheduler_type",
)
_ARG_LINE = re.compile(
    rf"^(?:.* - (?:INFO|WARNING) - \S+ -\s+)?({'|'.join(_ARG_NAMES)})(?:=|: )([^,]+?),?\s*$"
)
_SAVE = re.compile(r"Saving model checkpoint to \S*checkpoint-(\d+)")

# canonical (nanoGPT) name <- TrainingArguments' name
ARGS_KEYS = {
    "batch_size": "per_device_train_batch_size",
    "gradient_accumulation_steps": "gradient_accumulation_steps",
    "learning_rate": "learning_rate",
    "max_iters": "max_steps",
    "warmup_iters": "warmup_steps",
    "weight_decay": "weight_decay",
    "grad_clip": "max_grad_norm",
}
# canonical name <- the names model configs use for it, first match wins
MODEL_KEYS = {
    "n_layer": ("n_layer", "num_hidden_layers", "num_layers"),
    "n_head": ("n_head", "num_attention_heads"),
    "n_embd": ("n_embd", "hidden_size", "d_model"),
    "vocab_size": ("vocab_size",),
    "dropout": ("resid_pdrop", "hidden_dropout_prob", "hidden_dropout", "dropout"),
}
# log keys that are bookkeeping, not metrics
_SKIP_KEYS = {"step", "epoch", "total_flos"}
_SUMMARY_KEYS = {
    "train_runtime",
    "train_loss",
    "train_samples_per_second",
    "train_steps_per_second",
}


def _state_file(directory: Path) -> Path | None:
    """The trainer_state.json of a run directory: its own, else the last checkpoint's."""
    own = directory / STATE_FILE
    if own.is_file():
        return own
    checkpoints = []
    for child in directory.iterdir() if directory.is_dir() else []:
        m = _CHECKPOINT.match(child.name)
        if m and (child / STATE_FILE).is_file():
            checkpoints.append((int(m.group(1)), child / STATE_FILE))
    return max(checkpoints)[1] if checkpoints else None


_STRAIGHT_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'"})


# trainer_state.json's log entries as it indents them: "step" and "epoch" each on a line
_INDENTED_STEP = re.compile(rb'\n[ \t]+"step": \d+(?:\.0)?,?\r?\n')
_INDENTED_EPOCH = re.compile(rb'\n[ \t]+"epoch": ')


def _pasted_entries_ahead(head: bytes) -> bool:
    """The file's first 64 KiB hold log entries as trainer_state.json indents them."""
    return len(_INDENTED_STEP.findall(head, 0, 1 << 16)) >= 2 and bool(_INDENTED_EPOCH.search(head))


def sniff(path: Path, head: bytes) -> int:
    if path.is_dir():
        return 95 if _state_file(path) is not None else 0
    if head.lstrip().startswith(b"{") and b'log_history"' in head:
        return 95  # trainer_state.json, or a dump of its log_history under another name
    if _pasted_entries_ahead(head):
        return 80  # log entries pasted from a trainer_state.json: not a whole document
    if "{\u2018".encode() in head:
        head = head.replace("\u2018".encode(), b"'").replace("\u2019".encode(), b"'")
    if b"\x1b" in head:  # a logger's colours (loguru, rich) around the dict
        head = ANSI_BYTES.sub(b"", head)
    if _STDOUT_DICT.search(head):
        return 85
    if b"***** Running training *****" in head or _BLOCK_HEAD_BYTES.search(head):
        return 60
    if b"<th>Training Loss</th>" in head and _TABLE_START.search(head.decode("utf-8", "replace")):
        return 60
    if b"\n| Training Loss |" in head and b"Validation Loss" in head:
        return 60  # a model card's table of results
    return 0


def _arg_value(raw: str, key: str = "") -> int | float | str | None:
    if key == "lr_scheduler_type":
        return raw.removeprefix("SchedulerType.").lower()
    try:
        return int(raw)
    except ValueError:
        return as_number(raw)


# a trainer_state.json that logs every step of a long run is tens of MB; json.loads holds
# about eight times the file in Python objects, so a bigger one is refused, not read
MAX_STATE_BYTES = 256 << 20


def _read_json(path: Path) -> dict[str, Any] | None:
    size = path.stat().st_size if path.is_file() else 0
    if size > MAX_STATE_BYTES:
        raise ParseError(
            f"{path}: {size >> 20} MiB, more than the {MAX_STATE_BYTES >> 20} MiB of JSON "
            "capdiag reads in one document"
        )
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    except MemoryError as exc:
        raise ParseError(f"{path}: too large to read into memory") from exc
    return data if isinstance(data, dict) else None


class _Parsed:
    def __init__(self) -> None:
        self.records: list[Any] = []  # dicts and _Entry, each with an int "step"
        self.summary: Mapping[str, Any] = {}  # the end-of-training entry
        self.state: dict[str, Any] = {}
        self.stdout_args: dict[str, Any] = {}
        self.events: list[Event] = []
        self.checkpoint_steps: list[int] = []
        self.skipped: list[tuple[int, int]] = []  # DeepSpeed's (step, updates skipped so far)
        self.step_estimated = False
        self.zero_partitions: int | None = None
        self.notes: list[str] = []
        self.last_metric_line = 0  # the stdout line of the last dict, 0 when not known


def _history(state: dict[str, Any]) -> list[Any] | None:
    """trainer_state.json's log_history, or a dump's list of the same entries under another
    name (`raw_log_history`)."""
    if "log_history" in state:
        return state["log_history"] or []
    named = [v for k, v in state.items() if k.endswith("log_history") and isinstance(v, list)]
    return named[0] if len(named) == 1 else None


# a log entry is a flat object: the Trainer logs numbers and strings, nothing nested
_FLAT_OBJECT = re.compile(r"\{[^{}]*\}")
_ENTRY_KEYS = ("loss", "eval_loss", "train_loss", "learning_rate", "grad_norm")


def _pasted_history(path: Path) -> list[dict[str, Any]]:
    """The whole log entries in a trainer_state.json that is not a whole document (a
    fragment pasted in an issue, a file cut off): each flat object with a step and a
    Trainer key, in file order; none for any other file (stdout is not scanned twice)."""
    with path.open("rb") as handle:
        if not _pasted_entries_ahead(handle.read(1 << 16)):
            return []
    if path.stat().st_size > MAX_STATE_BYTES:
        return []
    text = path.read_text(encoding="utf-8", errors="replace")
    entries = []
    for match in _FLAT_OBJECT.finditer(text):
        try:
            entry = json.loads(match.group())
        except ValueError:
            continue
        if isinstance(entry, dict) and "step" in entry and any(k in entry for k in _ENTRY_KEYS):
            entries.append(entry)
    return entries


def _split_state(state: dict[str, Any], out: _Parsed) -> None:
    out.state = state
    for entry in _history(state) or []:
        if not isinstance(entry, dict):
            continue
        step = entry.get("step")
        if isinstance(step, float) and step.is_integer():  # a dump's 5.0
            entry = {**entry, "step": int(step)}
        elif not isinstance(step, int) or isinstance(step, bool):
            continue
        if "train_runtime" in entry and "train_loss" in entry:
            out.summary = entry
        else:
            out.records.append(entry)


def _cut_dict(line: str) -> str | None:
    """The complete items of a dict the line ends inside ("{'loss': 2.08, 'grad_norm': nan,
    'global_st"), closed; None when the line's last dict is closed or has no whole item."""
    tail = line[line.rindex("{'") :]
    if "}" in tail or "{" in tail[1:]:
        return None
    end = tail.rfind(", '")
    return tail[:end] + "}" if end > 0 else None


def _literal_dict(raw: str) -> Any:
    """`ast.literal_eval(raw)` for a printed dict; raises as it does. A flat dict of quoted
    strings and plain numbers, as the Trainer prints it (`FLAT_DICT`), is read without
    literal_eval, which gives the same dict ten times slower."""
    if not FLAT_DICT.fullmatch(raw):
        return parse_literal(raw)
    entry: dict[str, Any] = {}
    for name, text, number, fraction, exponent in FLAT_ITEM.findall(raw):
        key = sys.intern(name)  # one copy of each key name for all the entries
        if number:
            entry[key] = float(number) if fraction or exponent else int(number)
        else:
            entry[key] = text
    return entry


_WANTED = ("loss", "eval_loss", "train_runtime", "epoch")  # a dict kept has one of them


def _flat_entry(raw: str, layouts: dict[tuple[str, ...], dict[str, int]]) -> _Entry | None:
    """`_Entry(_literal_dict(raw))` in one pass, for a flat dict of distinct keys whose
    values are plain numbers or quoted text (the Trainer's own print); None for any other
    (the caller reads it the general way)."""
    if not FLAT_DICT.fullmatch(raw):
        return None
    items = FLAT_ITEM.findall(raw)
    keys = tuple([sys.intern(item[0]) for item in items])
    if len(set(keys)) != len(keys):
        return None  # a repeated key: literal_eval keeps its last value
    numbers: list[float | None] = []
    for _, text, number, fraction, exponent in items:
        if number:
            if len(number) > 4000:
                return None  # past int()'s digit limit: the general reader says no
            numbers.append(float(number) if fraction or exponent else to_float(int(number)))
        else:
            try:
                numbers.append(float(text))
            except ValueError:
                numbers.append(None)
    entry = _Entry.__new__(_Entry)
    entry.fill(keys, numbers, items, layouts)
    return entry


class _Entry(Mapping[str, Any]):
    """A printed dict in 8 bytes a number, for a dict per logged step: its keys' positions
    shared with every dict of the same keys, its values as `as_number` reads them in one
    array, a value that is no number kept as printed; "step" (set at the end) an int."""

    __slots__ = ("numbers", "positions", "rest", "step")

    def __init__(self, entry: dict[str, Any], layouts: dict[tuple[str, ...], dict[str, int]]):
        keys = tuple(entry)
        numbers = [as_number(value) for value in entry.values()]
        self.fill(keys, numbers, [(k, v) for k, v in entry.items()], layouts)

    def fill(
        self,
        keys: tuple[str, ...],
        numbers: list[float | None],
        items: list[Any],
        layouts: dict[tuple[str, ...], dict[str, int]],
    ) -> None:
        """`numbers` as read from the values; a None keeps the printed value (each item's
        second field: the value, or the quoted text of `_flat_entry`'s match)."""
        positions = layouts.get(keys)
        if positions is None:
            positions = layouts[keys] = {k: i for i, k in enumerate(keys)}
        self.positions = positions
        self.rest: dict[str, Any] | None = None
        if None in numbers:
            self.rest = {
                k: item[1] for k, n, item in zip(keys, numbers, items, strict=True) if n is None
            }
        self.numbers = array("d", [math.nan if n is None else n for n in numbers])
        self.step: int | None = None

    def __getitem__(self, key: str) -> Any:
        if key == "step" and self.step is not None:
            return self.step
        if self.rest is not None and key in self.rest:
            return self.rest[key]
        return self.numbers[self.positions[key]]

    def __setitem__(self, key: str, value: int) -> None:
        if key != "step":
            raise KeyError(key)
        self.step = value

    def __contains__(self, key: object) -> bool:
        return key in self.positions or (key == "step" and self.step is not None)

    def __iter__(self) -> Iterator[str]:
        yield from self.positions
        if self.step is not None and "step" not in self.positions:
            yield "step"

    def __len__(self) -> int:
        return len(self.positions) + (self.step is not None and "step" not in self.positions)


def _block_value(text: str) -> float | str:
    """A metrics block's value: a number (nan and inf too), else its text ("2:05:47.06")."""
    number = to_float(text)
    return number if number == number or text.lower() == "nan" else text


def _text_lines(path: Path, block: int = 1 << 22) -> Iterator[str]:
    """The file's lines as `str.splitlines` splits the decoded text (a progress bar's carriage
    returns too), streamed: decoded a block of whole lines at a time (UTF-8 never carries a
    character across a newline byte, so this is the whole file's decoding)."""
    with path.open("rb") as handle:
        rest = b""
        while chunk := handle.read(block):
            chunk = rest + chunk
            cut = chunk.rfind(b"\n") + 1
            rest = chunk[cut:]
            yield from chunk[:cut].decode("utf-8", errors="replace").splitlines()
        yield from rest.decode("utf-8", errors="replace").splitlines()


def _parse_stdout(path: Path, out: _Parsed) -> None:
    """The dict lines a Trainer prints; their steps estimated from the epoch."""
    reader = _StdoutReader()
    reader.consume(_text_lines(path))
    reader.finish(out, last=True)


class _StdoutReader:
    """Trainer stdout, line by line; `consume` can be called again as the log grows."""

    def __init__(self) -> None:
        self.dicts: list[Any] = []  # each a dict, or a flat one as an _Entry
        self.layouts: dict[tuple[str, ...], dict[str, int]] = {}  # _Entry's shared keys
        self.total_steps: int | None = None
        self.num_epochs: float | None = None
        self.bar_total = 0
        self.bar_step: int | None = None  # the training progress bar's last count
        self.stdout_args: dict[str, Any] = {}
        self.checkpoint_steps: list[int] = []
        self.skipped: list[tuple[int, int]] = []
        self.cut_dicts = 0  # dicts cut short at the end of their line, read to their last item
        self.events: list[Event] = []
        self.zero_partitions: int | None = None  # DeepSpeed ZeRO's data-parallel ranks
        self.block: dict[str, Any] | None = None  # a "***** eval metrics *****" block
        self.host: str | None = None  # the first node a pdsh-prefixed dict came from
        self.table: list[str] | None = None  # the lines of a notebook's HTML table
        self.table_steps = False  # a notebook table gave the dicts their steps
        self.card_table: list[str] | None = None  # a model card's table: its column names
        self.card_devices: int | None = None  # a model card's num_devices
        self.last_table_train: float | None = None
        self.last_metric_line = 0  # the line that gave the last dict
        self.dicts_seen = 0  # dicts read when `last_metric_line` was set

    def consume(self, lines: Iterable[str], after: int = 0) -> int:
        """Read `lines`, numbered on from line `after`; returns the last line's number."""
        line_no = after
        for line_no, full_line in enumerate(lines, start=after + 1):
            if len(self.dicts) != self.dicts_seen:  # the line before gave a dict
                self.dicts_seen, self.last_metric_line = len(self.dicts), line_no - 1
            line = full_line[:MAX_LINE_CHARS]  # every regex below stays cheap
            if "\x1b" in line:
                line = ANSI.sub("", line)
            if self.block is None and self.card_table is None and self.table is None:
                # most lines: a blank, or a progress bar, with nothing else to look for
                if not line or line.isspace():
                    continue
                if "%|" in line and (m := _PURE_BAR.fullmatch(line)):
                    self._bar(m.group(1), m.group(2))
                    continue
            if self.block is not None:
                if m := _BLOCK_ITEM.match(line):
                    self.block[m.group(1)] = _block_value(m.group(2))
                    continue
                self._end_block()
            if line.startswith("*****") and (m := _BLOCK_HEAD.match(line)):
                self.block = {"__kind": m.group(1)}
                continue
            if self.card_table is not None:
                if line.startswith("|"):
                    if not _MD_RULE.match(line):
                        cells = [c.strip() for c in _MD_CELLS.findall(line)][:-1]
                        self._table_row(self.card_table, cells)
                    continue
                self.card_table = None
            if line.startswith("| Training Loss |"):
                self.card_table = [c.strip() for c in _MD_CELLS.findall(line)][:-1]
                self.last_table_train = None
                continue
            if (card := card_arg(line)) is not None:
                if (arg := card_training_arg(card)) is not None:
                    self.stdout_args.setdefault(*arg)
                elif card[0] == "num_devices":
                    self.card_devices = to_count(card[1])
                continue
            if self.table is not None:
                self.table.append(line)
                if "</table>" in line or len(self.table) > MAX_TABLE_LINES:
                    self._end_table()
                continue
            if "<table" in line and _TABLE_START.search(line):
                self.table = [line[line.index("<table") :]]
                if "</table>" in line:
                    self._end_table()
                continue
            if not line or line.isspace():
                continue
            if "%|" in line and (m := _PURE_BAR.fullmatch(line)):
                self._bar(m.group(1), m.group(2))  # after a block or table it ended
                continue
            if "{\u2018" in line:  # pasted through a word processor: curly quotes
                line = line.translate(_STRAIGHT_QUOTES)
            # each search behind a plain test of the text it needs (most lines are bars)
            if "/" in line:
                for bar in _BAR.finditer(line):
                    self._bar(bar.group(1), bar.group(2))
            if line.startswith("Rank: ") and (m := _ZERO_PARTITIONS.match(line)):
                self.zero_partitions = to_count(m.group(1))
            if "Total optimization steps" in line and (m := _TOTAL_STEPS.search(line)):
                self.total_steps = to_count(m.group(1).replace(",", ""))
            if ", Epoch " in line and (m := _NOTEBOOK_BAR.match(line)):
                self.total_steps = to_count(m.group(1))
            if "Num Epochs" in line and (m := _NUM_EPOCHS.search(line)):
                self.num_epochs = float(m.group(1).replace(",", ""))
            if (line.startswith(_ARG_NAMES) or " - " in line) and (
                m := _ARG_LINE.match(line.rstrip())
            ):
                value = _arg_value(m.group(2).strip(), m.group(1))
                if value is not None:
                    self.stdout_args[m.group(1)] = value
            if (
                "Saving model checkpoint" in line
                and (m := _SAVE.search(line))
                and (saved := to_count(m.group(1))) is not None
            ):
                self.checkpoint_steps.append(saved)
            if "skipped=" in line and (m := _DS_SKIPPED.search(line)):
                step, skipped = to_count(m.group(1)), to_count(m.group(2))
                if step is not None and skipped is not None:  # None past int64
                    self.skipped.append((step, skipped))
            found = False
            if "{'" in line and (m := _HOST.match(line)):
                # each node prints the same dicts: keep the first node's, as rank 0's
                self.host = self.host or m.group(1)
                if m.group(1) != self.host:
                    continue
            raws: list[str] = []
            if "{'" in line:
                raws = _DICT.findall(line)
                if (cut := _cut_dict(line)) is not None:
                    raws.append(cut)  # a line cut short mid-dict: its complete items
                    self.cut_dicts += 1
            for raw in raws:
                if "nan" in raw or "inf" in raw:
                    # a non-finite float prints as a bare nan/inf, which is not a literal
                    raw = _NON_FINITE.sub(r"'\1'", raw)
                quick = _flat_entry(raw, self.layouts)
                if quick is not None:
                    if any(key in quick.positions for key in _WANTED):
                        self.dicts.append(quick)
                        found = True
                    continue
                try:
                    entry = _literal_dict(raw)
                except (ValueError, SyntaxError, MemoryError, RecursionError):
                    continue
                if isinstance(entry, dict) and (
                    {"loss", "eval_loss", "train_runtime"} & entry.keys() or "epoch" in entry
                ):
                    flat = all(type(k) is str for k in entry)
                    self.dicts.append(_Entry(entry, self.layouts) if flat else entry)
                    found = True
            # a message can follow a progress bar on its line (an NCCL error glued to tqdm)
            text = _AFTER_BAR.split(line)[-1] if "%|" in line else line
            if not found and _BAR.sub("", _DICT.sub("", text)).strip():
                # dicts get their steps only at the end; an event the training bar's count
                event = make_event(line_no, text, self.bar_step, plain=None)
                if event is not None:
                    self.events.append(event)
        if len(self.dicts) != self.dicts_seen:
            self.dicts_seen, self.last_metric_line = len(self.dicts), line_no
        return line_no

    def _end_table(self) -> None:
        """A NotebookProgressCallback HTML table, row by row (see `_table_row`)."""
        text, self.table = "\n".join(self.table or []), None
        head, _, body = text.partition("</thead>")
        names = [n.strip() for n in _HEAD_CELL.findall(head)]
        self.last_table_train = None
        for row in _ROW.findall(body):
            self._table_row(names, [c.strip() for c in _DATA_CELL.findall(row)])

    def _table_row(self, names: list[str], cells: list[str]) -> None:
        """A row of the Trainer's table of evaluations (a notebook's, a model card's): its
        training loss where it changed (a row repeats the last one logged), and its
        evaluation. A table without a step or epoch and a training loss is not the
        Trainer's."""
        if "Training Loss" not in names or len(cells) != len(names):
            return
        position = "Step" if "Step" in names else "Epoch" if "Epoch" in names else None
        if position is None or (at := to_count(cells[names.index(position)])) is None:
            return
        values: dict[str, Any] = {}  # "No log" (no loss logged yet) is None
        for name, cell in zip(names, cells, strict=True):
            if name not in ("Step", "Epoch"):
                key = _TABLE_KEYS.get(name) or "eval_" + "_".join(name.lower().split())
                values[key] = as_number(cell)
        train = values.pop("loss")
        where = {position.lower(): at}
        if train is not None and train != self.last_table_train:
            self.dicts.append({"loss": train, **where})
            self.last_table_train = train
        evaluation = {k: v for k, v in values.items() if v is not None}
        if evaluation:
            self.dicts.append({**evaluation, **where})
        self.table_steps = self.table_steps or position == "Step"

    def _bar(self, done: str, total_text: str) -> None:
        """A progress bar's count: the training bar's (an evaluation bar counts batches)."""
        # up to 15 digits is within MAX_COUNT: int() as to_count reads it, without its checks
        total = int(total_text) if len(total_text) <= 15 else to_count(total_text) or 0
        if total > self.bar_total:
            self.bar_total = total
        if total == (self.total_steps or self.bar_total):
            self.bar_step = int(done) if len(done) <= 15 else to_count(done)

    def _end_block(self) -> None:
        """A metrics block as the dict the Trainer would have printed: the final evaluation
        (which it logs after the progress bar is gone, so only the block shows it), or the
        run's summary."""
        block, self.block = self.block or {}, None
        kind = block.pop("__kind", None)
        if kind == "eval" and "eval_loss" in block:
            self.dicts.append(block)
        elif kind == "train" and "train_loss" in block:
            if any("train_runtime" in d for d in self.dicts):
                return  # the printed summary dict has the same figures, as numbers
            block.setdefault("train_runtime", "")
            self.dicts.append(block)

    def finish(self, out: _Parsed, last: bool = False) -> None:
        """Steps for the dicts read so far (from the epoch), into `out`; when `last`, the
        dicts themselves get their step (no copy: the reader reads no more)."""
        if last and self.block is not None:
            self._end_block()
        if last and self.table is not None:
            self._end_table()
        out.stdout_args.update(self.stdout_args)
        max_steps = out.stdout_args.get("max_steps")
        if self.total_steps and not (isinstance(max_steps, int | float) and max_steps > 0):
            out.stdout_args["max_steps"] = self.total_steps  # the Trainer's state.max_steps
        out.checkpoint_steps.extend(self.checkpoint_steps)
        out.skipped.extend(self.skipped)
        out.last_metric_line = max(out.last_metric_line, self.last_metric_line)
        if last and self.cut_dicts:
            out.notes.append(
                f"{self.cut_dicts} logged dict(s) cut short at the end of their line (a killed "
                "process, a pasted excerpt): read up to their last complete item"
            )
        out.events.extend(self.events)
        # the world size the log states: ZeRO's partitions, else a model card's num_devices
        out.zero_partitions = self.zero_partitions or self.card_devices
        dicts, total_steps, num_epochs = self.dicts, self.total_steps, self.num_epochs
        bar_total = self.bar_total
        summary = [d for d in dicts if "train_runtime" in d and "train_loss" in d]
        final_epoch = as_number(summary[-1].get("epoch")) if summary else None
        total = total_steps or bar_total or None
        epochs = final_epoch or num_epochs
        per_epoch = total / epochs if total and epochs else None
        logging_steps = to_count(out.stdout_args.get("logging_steps"))  # None past int64
        out.step_estimated = not self.table_steps
        for index, entry in enumerate(dicts, start=1):
            if self.table_steps and "step" in entry:
                out.records.append(entry)  # a notebook table's row: its step is stated
                continue
            epoch = as_number(entry.get("epoch"))
            estimate = epoch * per_epoch if per_epoch is not None and epoch is not None else None
            if estimate is not None and abs(estimate) < 1e15:  # not NaN, inf or past int64
                step = max(1, round(estimate))
            else:
                step = index
            if not last:
                entry = dict(entry)
            entry["step"] = step
            if "train_runtime" in entry and "train_loss" in entry:
                if total:
                    entry["step"] = total
                out.summary = entry
            else:
                out.records.append(entry)
        train = [r for r in out.records if "loss" in r]
        if logging_steps is None and train and train[0]["step"] > 0:
            logging_steps = int(train[0]["step"])
        if logging_steps and logging_steps >= 1:
            grid = int(logging_steps)
            snapped = [round(r["step"] / grid) * grid for r in train]
            if all(
                abs(s - r["step"]) <= max(2, 0.05 * grid)
                for s, r in zip(snapped, train, strict=True)
            ):
                for s, r in zip(snapped, train, strict=True):
                    r["step"] = s
        if per_epoch is None:
            out.notes.append(
                "the stdout gives no step counts or steps per epoch: points are numbered in order"
            )
        else:
            out.notes.append(
                "the stdout dicts carry no step: steps estimated as epoch x "
                f"{per_epoch:g} steps per epoch (train logs snapped to the logging_steps grid)"
            )


def _event(out: _Parsed, line_no: int, text: str) -> None:
    last = max((r["step"] for r in out.records), default=None) if out.records else None
    event = make_event(line_no, text, last, plain=None)
    if event is not None:
        out.events.append(event)


def _columns(out: _Parsed) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Every logged key's (steps, values) in one pass over the records: a record's value
    that is no number (or a step past range) gives no point. 16 bytes a point."""
    columns: dict[str, tuple[array[int], array[float]]] = {}

    def column(key: str) -> tuple[array[int], array[float]]:
        found = columns.get(key)
        if found is None:
            found = columns[key] = (array("q"), array("d"))
        return found

    for record in out.records:
        step = to_count(record["step"])
        if step is None:
            continue
        if type(record) is _Entry:
            # its numbers as read: a value that was no number (in `rest`) is none here either
            rest, numbers = record.rest, record.numbers
            for key, position in record.positions.items():
                if key != "step" and (rest is None or key not in rest):
                    steps, values = column(key)
                    steps.append(step)
                    values.append(numbers[position])
            continue
        for key, raw in record.items():
            if key != "step" and (value := as_number(raw)) is not None:
                steps, values = column(key)
                steps.append(step)
                values.append(value)
    return {
        key: (np.array(steps, dtype=np.int64), np.array(values, dtype=np.float64))
        for key, (steps, values) in columns.items()
    }


def load(path: Path, ctx: LoadContext) -> Run:
    out = _Parsed()
    stdout_path: Path | None = None
    if path.is_dir():
        state_path = _state_file(path)
        if state_path is None:
            raise ParseError(f"{path}: no {STATE_FILE} in this directory or its checkpoints")
        if state_path.parent != path:
            out.notes.append(f"read {state_path.relative_to(path)} (the last checkpoint)")
    else:
        state_path = path
    state = _read_json(state_path) if state_path.suffix == ".json" else None
    pasted = _pasted_history(state_path) if state is None and not path.is_dir() else []
    if state is not None and _history(state) is not None:
        _split_state(state, out)
    elif len(pasted) >= 2:
        _split_state({"log_history": pasted}, out)
        out.notes.append(
            f"read {len(pasted)} log entries from trainer_state.json text that is not a whole "
            "document"
        )
    else:
        stdout_path = path
        _parse_stdout(path, out)
    return _run(path, ctx, out, state_path, stdout_path)


class Incremental:
    """Trainer stdout read as it grows (`capdiag watch`): `feed` new lines, `run` the run so
    far. trainer_state.json is rewritten whole at each checkpoint: it is not incremental
    (ValueError), and is re-read instead."""

    def __init__(self, path: Path, ctx: LoadContext) -> None:
        if path.is_dir() or path.suffix == ".json":
            raise ValueError(f"{path}: trainer_state.json is re-read, not followed")
        self.path, self.ctx = path, ctx
        self.reader = _StdoutReader()
        self.line_no = 0

    def feed(self, lines: list[bytes]) -> None:
        text = (line.decode("utf-8", errors="replace").rstrip("\r\n") for line in lines)
        self.line_no = self.reader.consume(text, self.line_no)

    def run(self) -> Run:
        out = _Parsed()
        self.reader.finish(out)
        return _run(self.path, self.ctx, out, self.path, self.path)


def _run(
    path: Path, ctx: LoadContext, out: _Parsed, state_path: Path, stdout_path: Path | None
) -> Run:
    base = path if path.is_dir() else path.parent
    run = Run(source=str(path), format=NAME, framework="Hugging Face Trainer", config=Config())
    run.messages_read = stdout_path is not None
    run.steps_start_at_zero = False
    run.steps_estimated = out.step_estimated
    if out.zero_partitions:
        run.num_gpus, run.num_gpus_source = out.zero_partitions, "log"
    run.config = _config(out, base, state_path.parent, ctx, run.notes)
    _fill_series(run, out)
    run.events = out.events
    run.last_metric_line = out.last_metric_line or None
    run.checkpoint_steps = sorted(set(out.checkpoint_steps + _checkpoint_dirs(base)))
    last = run.last_step
    run.segments = [Segment(index=0, start_line=1, first_step=1 if last else None, last_step=last)]
    run.reported = _reported(out)
    derive_block_size(run)
    run.dims = _dims(run, base, state_path.parent)
    starting_point(run, state_path.parent)
    if run.fine_tune is None and _preference_trainer(out.records):
        # TRL's DPO, ORPO, KTO and GRPO log rewards/* and logps/*: they tune a trained policy
        run.fine_tune = True
        run.notes.append("a fine-tune: the history logs rewards/ keys (a TRL preference or RL run)")
    run.notes.extend(out.notes)
    if stdout_path is None and out.summary:
        loss = as_number(out.summary.get("train_loss"))
        if loss is not None:
            run.notes.append(f"the Trainer's train_loss over the whole run: {loss:.4f}")
    return run


def _preference_trainer(dicts: list[dict[str, Any]]) -> bool:
    """The history of a TRL preference or RL trainer (rewards/chosen, logps/rejected, ...)."""
    return any(str(k).startswith(("rewards/", "logps/")) for d in dicts[:50] for k in d)


def starting_point(run: Run, folder: Path) -> None:
    """A PEFT adapter beside the run, or the model its training script loads with
    ``from_pretrained``, makes it a fine-tune of that model; the base model's vocabulary,
    when no config.json gives the shape, comes from its name."""
    base_model = find_adapter(folder)
    if base_model is None and run.config.pretrained:
        base_model = run.config.pretrained
        run.notes.append(f"a fine-tune: the script loads {base_model} with from_pretrained")
    if base_model is None:
        return
    run.fine_tune, run.base_model = True, base_model
    if run.dims is None and not run.reported.vocab_size:
        vocab = base_model_vocab(base_model)
        if vocab is not None:
            run.reported.vocab_size, run.vocab_source = vocab, "derived"
            run.reported.vocab_source = f"the vocabulary of {base_model}"


def _checkpoint_dirs(base: Path) -> list[int]:
    steps = []
    for child in base.iterdir():
        m = _CHECKPOINT.match(child.name)
        if m and child.is_dir():
            steps.append(int(m.group(1)))
    return steps


# an eval set's loss when eval_dataset is a dict of named sets: "eval_g0_loss"
_NAMED_EVAL_LOSS = re.compile(r"^eval_(\w+?)_loss$")


def _fill_series(run: Run, out: _Parsed) -> None:
    dropout = run.config.number("dropout")
    how = " (step estimated from the epoch; stdout carries none)" if out.step_estimated else ""
    specs: list[tuple[str, str, str | None, str]] = [
        (
            "loss",
            "train_loss",
            "train-smoothed",
            "Trainer 'loss': mean training loss per optimizer step over the logging_steps window "
            "since the previous log, train mode",
        ),
        (
            "eval_loss",
            "val_loss",
            "eval",
            "Trainer 'eval_loss': mean loss over the eval set, model.eval()",
        ),
        ("learning_rate", "lr", None, "Trainer 'learning_rate' at the log"),
        (
            "grad_norm",
            "grad_norm",
            None,
            "Trainer 'grad_norm': total gradient norm before clipping, last step of the window",
        ),
        (
            "train_tokens_per_second",
            "tokens_per_sec",
            None,
            "Trainer 'train_tokens_per_second': tokens since the process started / wall time "
            "since then (a running average, evals included)",
        ),
    ]
    columns = _columns(out)
    named_evals = [
        (key, m.group(1))
        for key in columns
        if (m := _NAMED_EVAL_LOSS.match(key)) and not m.group(1).startswith("train")
    ]
    if "eval_loss" not in columns and named_evals:
        # eval_dataset given as a dict: each set's metrics carry its name; the first is read
        key, set_name = named_evals[0]
        specs[1] = (
            key,
            "val_loss",
            "eval",
            f"Trainer {key!r}: mean loss over the eval set {set_name!r} (the first of "
            f"{len(named_evals)} named eval sets), model.eval()",
        )
        if len(named_evals) > 1:
            run.notes.append(
                f"validation loss: {key}, the first of {len(named_evals)} eval sets "
                f"({', '.join(name for _, name in named_evals)})"
            )
    used = set(_SKIP_KEYS)
    for key, name, mode, description in specs:
        used.add(key)
        if key not in columns:
            continue
        steps, values = columns[key]
        series = Series(name=name, steps=steps, values=values, description=description + how)
        if mode == "train-smoothed":
            # logged at every optimizer step (steps 1 apart, not estimated): each point is one
            # step's loss, a window of one
            every_step = (
                not out.step_estimated and steps.size >= 2 and bool(np.all(np.diff(steps) == 1))
            )
            series.mode = "train-batch" if every_step else "train-smoothed"
            series.dropout_active = dropout > 0 if dropout is not None else None
        elif mode == "eval":
            series.mode = "eval"
            series.dropout_active = False
        run.series[name] = series
    for key in sorted(columns.keys() - used - _SUMMARY_KEYS):
        if key in run.series:
            continue
        steps, values = columns[key]
        if steps.size:
            run.series[key] = Series(
                name=key,
                steps=steps,
                values=values,
                description=f"Trainer log key {key!r}{how}",
            )
    steps, values = columns.get("epoch", (np.array([], np.int64), np.array([])))
    if steps.size:
        run.series["epoch"] = Series(
            name="epoch",
            steps=steps,
            values=values,
            description="Trainer 'epoch' (fractional) at the log",
        )
    if out.skipped:
        counts = np.array(out.skipped, dtype=np.int64)
        run.series["skipped_total"] = Series(
            name="skipped_total",
            steps=counts[:, 0],
            values=counts[:, 1].astype(np.float64),
            description="DeepSpeed 'skipped=': updates its fp16 loss scaler skipped so far",
        )
    unhide_nan_losses(run)


def unhide_nan_losses(run: Run) -> None:
    """The Trainer's ``logging_nan_inf_filter`` (on by default) leaves NaN and inf step losses
    out of the logged mean; a window where every step was NaN logs ``loss: 0.0``. With a
    non-finite grad norm at the same step, that 0.0 is a NaN. Not in a TRL preference or RL
    run (it logs rewards/): a policy-gradient loss of 0.0 is what GRPO prints by design."""
    loss, norm = run.series.get("train_loss"), run.series.get("grad_norm")
    if loss is None or norm is None or any(name.startswith("rewards/") for name in run.series):
        return
    bad_steps = norm.steps[~np.isfinite(norm.values)]
    hidden = (loss.values == 0.0) & np.isin(loss.steps, bad_steps)
    if hidden.any():
        loss.values = np.where(hidden, np.nan, loss.values)
        loss.inferred_nan_steps = loss.steps[hidden]
        run.notes.append(
            f"{int(hidden.sum())} logged loss(es) of 0.0 came with a NaN/inf grad norm: the "
            "Trainer's logging_nan_inf_filter hides NaN steps, so they are read as NaN"
        )


def _reported(out: _Parsed) -> Reported:
    reported = Reported()
    tokens = [
        as_number(r.get("num_input_tokens_seen"))
        for r in [*out.records, out.summary, out.state]
        if r.get("num_input_tokens_seen") is not None
    ]
    best = max((t for t in tokens if t is not None), default=None)
    if best:
        reported.tokens_seen = to_count(best)  # None past int64 or infinite
    flos = as_number(out.state.get("total_flos")) or as_number(out.summary.get("total_flos"))
    if flos:
        reported.total_flos = flos
    return reported


def set_value(config: Config, key: str, value: Any, origin: str, native: str | None = None) -> None:
    config.values[key] = value
    config.origins[key] = origin
    if native is not None and native != key:
        config.native_keys[key] = native


def _config(
    out: _Parsed, base: Path, state_dir: Path, ctx: LoadContext, notes: list[str]
) -> Config:
    config = Config()
    state = out.state
    for key in ("logging_steps", "eval_steps", "save_steps", "num_train_epochs"):
        if isinstance(state.get(key), int | float):
            set_value(config, key, state[key], "trainer_state.json")
    if isinstance(state.get("max_steps"), int) and state["max_steps"] > 0:
        set_value(config, "max_iters", state["max_steps"], "trainer_state.json", "max_steps")
    if isinstance(state.get("train_batch_size"), int):
        # Trainer._train_batch_size: per-device batch x n_gpu of one process
        set_value(
            config,
            "batch_size",
            state["train_batch_size"],
            "trainer_state.json",
            "per_device_train_batch_size",
        )
    for key, value in out.stdout_args.items():
        if key == "max_steps" and isinstance(value, int | float) and value <= 0:
            continue
        canonical = next((c for c, n in ARGS_KEYS.items() if n == key), key)
        set_value(config, canonical, value, "stdout", key)
    args_path = next(
        (p for p in (state_dir / "training_args.json", base / "training_args.json") if p.is_file()),
        None,
    )
    model_path = next(
        (p for p in (state_dir / "config.json", base / "config.json") if p.is_file()), None
    )
    script_args = None
    script, document = ctx.config_path, None
    if script is None and ctx.notebook is not None:
        script, document = ctx.notebook  # the notebook whose outputs are the log
    if script is not None and script.suffix in (".py", ".ipynb"):
        script_args, config.pretrained = _script_args(script, notes, document)
        if script == ctx.config_path:
            ctx.config_read = script_args is not None
        if script_args is not None:
            config.path = str(script)
    elif script is not None and script.suffix == ".md":
        script_args = _card_args(script, notes)
        ctx.config_read = script_args is not None
        if script_args is not None:
            config.path = str(script)
    elif ctx.config_path is not None:
        given = _read_json(ctx.config_path)
        ctx.config_read = given is not None
        if given is None:
            notes.append(f"{ctx.config_path}: not a JSON object; ignored")
        elif "per_device_train_batch_size" in given:
            args_path = ctx.config_path
        else:
            model_path = ctx.config_path
    if args_path is not None and (args := _read_json(args_path)) is not None:
        config.path = str(args_path)
        apply_training_args(config, args, args_path.name)
    elif script_args is not None and script is not None:
        kind = "model card" if script.suffix == ".md" else "TrainingArguments"
        apply_training_args(config, script_args, f"{script.name} ({kind})")
    elif (
        pickled := next(
            (
                p
                for p in (state_dir / "training_args.bin", base / "training_args.bin")
                if p.is_file()
            ),
            None,
        )
    ) is not None:
        args = read_training_args(pickled)
        if args is None:
            notes.append(
                f"{pickled.name} was not read: not a TrainingArguments pickle capdiag can "
                "decode without running it (save TrainingArguments.to_json_string() as "
                "training_args.json)"
            )
        else:
            config.path = str(pickled)
            apply_training_args(config, args, f"{pickled.name} (decoded, not unpickled)")
    if model_path is not None and (model := _read_json(model_path)) is not None:
        for canonical, names in MODEL_KEYS.items():
            for name in names:
                value = model.get(name)
                if isinstance(value, int | float) and not isinstance(value, bool):
                    set_value(config, canonical, value, model_path.name, name)
                    break
        if isinstance(model.get("model_type"), str):
            set_value(config, "model_type", model["model_type"], model_path.name)
    for key, value in ctx.sets.items():
        set_value(config, key, value, "--set")
    return config


# the arguments classes of the Trainer and its TRL subclasses, as a script builds them
_ARGS_CALLS = frozenset(
    {
        "TrainingArguments",
        "Seq2SeqTrainingArguments",
        "SFTConfig",
        "DPOConfig",
        "ORPOConfig",
        "KTOConfig",
        "CPOConfig",
        "GRPOConfig",
        "RewardConfig",
    }
)


def script_training_args(text: str) -> dict[str, Any] | None:
    """The keywords of the ``TrainingArguments(...)`` a script (or a notebook's cells, as
    text) builds, where they are literals or the script's top-level constants; parsed,
    never run. Keys where several such calls disagree are left out; None without one."""
    return read_script(text)[0]


# a model class whose from_pretrained loads trained weights: AutoModelForCausalLM,
# T5ForConditionalGeneration, BertModel (never a tokenizer, a config or a processor)
_MODEL_CLASS = re.compile(r"^(?:AutoModel\w*|\w+For[A-Z]\w*|\w+Model)$")


def read_script(text: str) -> tuple[dict[str, Any] | None, str | None]:
    """A script's TrainingArguments (`script_training_args`) and the one pretrained model it
    loads (`_loaded_model`)."""
    try:
        module = parse_python(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        try:  # an excerpt cut from a function's body: every line indented alike
            module = parse_python(textwrap.dedent(text))
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return None, None
    names = _constants(module.body)  # "LR = 2e-5" at the top level
    calls = [node for node in ast.walk(module) if isinstance(node, ast.Call)]
    model_name = _loaded_model(calls, names)
    arguments = _arguments_calls(calls, names)
    if not arguments:
        return _parameter_cell(names) or _config_class(module), model_name
    agreed: dict[str, Any] = {}
    for key in dict.fromkeys(k for call in arguments for k in call):
        values = [call[key] for call in arguments if key in call]
        if all(v == values[0] for v in values):
            agreed[key] = values[0]
    return agreed, model_name


def _constants(body: list[ast.stmt]) -> dict[str, Any]:
    """The literal values a block of statements assigns to names (``LR = 2e-5``, and a
    dataclass field's ``learning_rate: float = 2e-5``), each resolved against those before."""
    names: dict[str, Any] = {}
    for node in body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        else:
            continue
        if isinstance(target, ast.Name):
            try:
                names[target.id] = literal_value(value, names)
            except (ValueBudgetError, ValueError, RecursionError):
                names.pop(target.id, None)
    return names


def _config_class(module: ast.Module) -> dict[str, Any] | None:
    """With no ``TrainingArguments(...)`` call: the one class of the file whose body names 3
    or more of its fields (``class TrainingConfig: max_grad_norm = 0.3``). A file of several
    such classes (pre-training, SFT, DPO) does not say which one the run used."""
    found = [
        cell
        for node in module.body
        if isinstance(node, ast.ClassDef)
        and (cell := _parameter_cell(_constants(node.body))) is not None
    ]
    return found[0] if len(found) == 1 else None


def _loaded_model(calls: list[ast.Call], names: dict[str, Any]) -> str | None:
    """The one model loaded with ``<ModelClass>.from_pretrained("name")``: None when the
    script loads none, several, or also builds a model from a config (its start is unknown)."""
    pretrained: set[str] = set()
    for call in calls:
        func = call.func
        if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)):
            continue
        if func.attr not in ("from_pretrained", "from_config") or not _MODEL_CLASS.match(
            func.value.id
        ):
            continue
        if func.attr == "from_config":
            return None
        model = _literal_or_none(call.args[0], names) if call.args else None
        pretrained.add(model if isinstance(model, str) else "")
    return (next(iter(pretrained)) or None) if len(pretrained) == 1 else None


def _arguments_calls(calls: list[ast.Call], names: dict[str, Any]) -> list[dict[str, Any]]:
    """The literal keyword arguments of each TrainingArguments-like call."""
    found: list[dict[str, Any]] = []
    for call in calls:
        func = call.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name not in _ARGS_CALLS:
            continue
        args: dict[str, Any] = {}
        for keyword in call.keywords:
            if keyword.arg is not None:
                try:
                    args[keyword.arg] = literal_value(keyword.value, names)
                except (ValueBudgetError, ValueError, RecursionError):
                    continue
        found.append(args)
    return found


def _literal_or_none(node: ast.expr, names: dict[str, Any]) -> Any:
    try:
        return literal_value(node, names)
    except (ValueBudgetError, ValueError, RecursionError):
        return None


# TrainingArguments fields as a notebook's parameter cell names its variables before a
# later cell passes them on ("max_grad_norm = 0.3", "lr_scheduler_type = 'cosine'")
_ARGS_FIELDS = frozenset(
    {
        *ARGS_KEYS.values(),
        "num_train_epochs",
        "lr_scheduler_type",
        "warmup_ratio",
        "optim",
        "fp16",
        "bf16",
        "logging_steps",
        "save_steps",
        "eval_steps",
        "max_seq_length",
        "per_device_eval_batch_size",
    }
)


def _parameter_cell(names: dict[str, Any]) -> dict[str, Any] | None:
    """With no ``TrainingArguments(...)`` call: the top-level constants named as its fields,
    when there are 3 or more (a parameter cell whose call is in another cell)."""
    found = {k: v for k, v in names.items() if k in _ARGS_FIELDS}
    return found if len(found) >= 3 else None


def _script_args(
    path: Path, notes: list[str], document: Any = None
) -> tuple[dict[str, Any] | None, str | None]:
    """The TrainingArguments a Python file (or a notebook's code cells, from its `document`
    when already parsed) builds and the pretrained model it loads (see `read_script`)."""
    from capdiag.parsers.notebook import code_text, read_code

    try:
        if document is not None:
            text = code_text(document)
        else:
            text = read_code(path) if path.suffix == ".ipynb" else read_config_text(path)
    except ConfigError as exc:
        notes.append(str(exc))
        return None, None
    args, pretrained = read_script(text)
    where = f"{path.name}'s code cells" if path.suffix == ".ipynb" else path.name
    if args is None:
        notes.append(f"{where}: no TrainingArguments(...) capdiag can read")
    else:
        notes.append(
            f"{where}: read for the literal arguments of its TrainingArguments(...), never run"
        )
    return args, pretrained


def card_arg(line: str) -> tuple[str, str] | None:
    """A model card's hyperparameter line, "- learning_rate: 0.0002": the card's name and
    its value, or None."""
    m = _CARD_ARG.match(line) if line.startswith("- ") else None
    return (m.group(1), m.group(2)) if m else None


def card_training_arg(card: tuple[str, str]) -> tuple[str, int | float | str] | None:
    """A card's hyperparameter as a TrainingArguments name and value, or None."""
    name = _CARD_ARGS.get(card[0])
    value = _arg_value(card[1], name) if name is not None else None
    return (name, value) if name is not None and value is not None else None


def _card_args(path: Path, notes: list[str]) -> dict[str, Any] | None:
    """The hyperparameters a model card (README.md, as ``Trainer.create_model_card`` writes
    it) lists, by TrainingArguments' names; None when it lists none."""
    try:
        text = read_config_text(path)
    except ConfigError as exc:
        notes.append(str(exc))
        return None
    args: dict[str, Any] = {}
    for line in text.splitlines():
        card = card_arg(line.strip())
        if card is not None and (arg := card_training_arg(card)) is not None:
            args.setdefault(*arg)
    if not args:
        notes.append(f"{path.name}: lists no training hyperparameters (a model card's)")
        return None
    notes.append(f"{path.name}: read for the training hyperparameters its model card lists")
    return args


def apply_training_args(config: Config, args: dict[str, Any], origin: str) -> None:
    canonical_of = {native: canonical for canonical, native in ARGS_KEYS.items()}
    for key, value in args.items():
        if isinstance(value, dict | list):
            continue
        if key == "max_steps" and isinstance(value, int) and value <= 0:
            continue  # -1: train for num_train_epochs instead
        canonical = canonical_of.get(key, key)
        set_value(config, canonical, value, origin, key)
    if args.get("bf16"):
        set_value(config, "dtype", "bfloat16", origin, "bf16")
    elif args.get("fp16"):
        set_value(config, "dtype", "float16", origin, "fp16")
    elif "bf16" in args or "fp16" in args:
        set_value(config, "dtype", "float32", origin, "bf16")


def derive_block_size(run: Run) -> None:
    """Mean tokens per sequence from the token count, when the run logged one."""
    c = run.config
    tokens, last = run.reported.tokens_seen, run.last_step
    batch, accum = c.number("batch_size"), c.number("gradient_accumulation_steps") or 1.0
    if c.get("block_size") is not None or not tokens or not last or not batch:
        return
    per_seq = tokens / (last * batch * accum)
    if per_seq < 1:
        return
    set_value(c, "block_size", round(per_seq), "derived")
    run.notes.append(
        f"block_size {round(per_seq)} derived from num_input_tokens_seen: {tokens:,} tokens / "
        f"({last} steps x {batch:g} x {accum:g}) = {per_seq:.2f} tokens per sequence "
        "(one process; padding counts unless include_num_input_tokens_seen='non_padding')"
    )


def _dims(run: Run, base: Path, state_dir: Path) -> ModelDims | None:
    model_path = next(
        (p for p in (state_dir / "config.json", base / "config.json") if p.is_file()), None
    )
    if model_path is None:
        return None
    model = _read_json(model_path)
    if model is None:
        return None
    dims = hf_model_dims(run, model, model_path.name)
    vocab = model.get("vocab_size")
    if dims is None and isinstance(vocab, int) and vocab > 1:
        run.reported.vocab_size, run.vocab_source = vocab, "config"
        run.reported.vocab_source = model_path.name
    return dims


def hf_model_dims(run: Run, model: dict[str, Any], where: str) -> ModelDims | None:
    """The shape a Hugging Face model config gives, at the run's sequence length; a note
    (not an error) when its family is one capdiag cannot count."""
    quantized = model.get("quantization_config")
    if isinstance(quantized, dict) and run.fine_tune is None:
        # weights quantized on load (QLoRA's 4-bit, GPTQ, AWQ) come from a pretrained model:
        # nobody trains a quantized model from scratch
        run.fine_tune = True
        name = model.get("_name_or_path")
        run.base_model = name if isinstance(name, str) and name else None
        run.notes.append(f"a fine-tune: {where} loads quantized pretrained weights")
    block = run.config.number("block_size")
    try:
        return dims_from_hf_config(model, int(block) if block else None)
    except (ValueError, TypeError, KeyError) as exc:
        run.notes.append(f"model dimensions not read from {where}: {exc}")
        return None
