"""Any line-per-step text log, read by its ``key: value`` fields (the fallback format).

A log no other format claims is read here when its lines carry a step and a loss as
fields (see `capdiag.parsers.fields`): ``step=10 loss=2.31``, ``Epoch 3/10 - loss: 0.41 -
val_loss: 0.52``, ``| iter 100 | loss 2.31 |``, a line that is one JSON object, a flat
Python dict printed at the end of a line with no other field (codeparrot's ``{'steps': 99,
'loss/train': 9.17}`` after a progress bar), and OLMo's
``[step=N/M,epoch=E]`` line with indented ``key=value`` lines under it. Where the first step
key repeats and another moves on every line (litgpt's ``iter N step M``: micro-batches and
optimizer steps), the one that moves is the step. Where a line counts batches within its
epoch (PyTorch's word_language_model: ``| epoch 3 | 200/2983 batches | ... | loss 5.21``),
the step is the batches since the start, and ``end of epoch 3`` is its last batch's step
(MiniMind's ``Epoch:[1/2](100/44160)`` too). Swin-Transformer's logger (``Train: [3/50]``
closing an epoch, then ``* Train Acc .. Train Loss X`` and ``* Val Acc .. Val Loss Y``) gives
one point per epoch, its means. OpenNMT-py's ``Step N/M; ... xent: X`` (or ``Epoch E, N/M;``)
reads ``xent`` as the loss and ``Validation perplexity: P`` as a validation loss of ln P.
``--map step=KEY,loss=KEY`` names the keys when the common names are not used (keys as
the log prints them, lower-cased). The averaging of each number is unknown, so the series
carry no mode beyond train/eval, and rules that need it skip; except in PyTorch Lightning's
progress bar, whose postfix shows a step-level metric's latest value (``loss=0.93`` at an
epoch's end is its last batch's).

A config the script printed at start-up as an indented JSON object (``json.dumps(config,
indent=4)``) is the run's config, stated by the log, when no ``--config`` is given.

A log with no metric fields but a crash in it (a traceback, ``CUDA out of memory``,
``Killed``, a scheduler's cancel) is read for its events alone, so the crash is reported.
"""

from __future__ import annotations

import ast
import bisect
import itertools
import json
import math
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from capdiag.messages import BAR_POSITION, LINE_LEAD_BYTES, PROGRESS_BAR, classify, make_event
from capdiag.parsers import LoadContext
from capdiag.parsers.fields import (
    NUMBER,
    bounded_lines,
    only_fields,
    printed_dict_numbers,
    read_fields,
    to_count,
    to_float,
)
from capdiag.parsers.jsonl import (
    CONFIG_KEYS,
    FIRST_BATCH,
    config_file,
    dims_from_config,
    flatten,
    generic_config,
    loss_parts,
    series_from_records,
    starts_at_zero,
    steps_across_epochs,
)
from capdiag.run import CRASH_KINDS, DEIT_LOG, SPEECHBRAIN_LOG, Config, Event, Run

NAME = "text"

STEP_KEYS = (
    "step",
    "steps",
    "iter",
    "iteration",
    "train iter",  # "train iter: 100 loss_net: ..." (MedicalDataAugmentationTool)
    "train step",
    "training iteration",  # DLLogger (NVIDIA DeepLearningExamples): "Training Iteration: 2872"
    "global_step",
    "global step",  # insightface: "Loss 2.3655   Epoch: 0   Global Step: 14550"
    "global batch",  # "Epoch 1, Global Batch 5, Training Loss: 33.18, Validation Loss: ..."
    "num_updates",
    # min-decision-transformer: "num of updates: 1000" (the field reader drops "num of")
    "updates",
    # The Annotated Transformer: "Epoch Step: 41 | Accumulation Step: 5 | Loss: 7.37", the
    # batch within the epoch its "[Epoch 0] Training ====" header names
    "epoch step",
    "_step",  # W&B's own step, as its history export (CSV) names it
    "batch",
    "epoch",
)
_LOSS = re.compile(
    r"loss|trl\b|tel\b|^(?:avg ?|train[ _])?cost$|^xent$|^(?:val[ _]|train_)?nll$", re.I
)
_TRAIN_LOSS = re.compile(r"^(?!val|valid|eval|test|dev).*loss", re.I)
# a crash as the process printed it: at the start of a line (prose that mentions one is not);
# a traceback's whole header line may be indented (a log pasted into a markdown code block)
_CRASH = re.compile(
    rb"^[ \t]+Traceback \(most recent call last\):[ \t]*$"
    rb"|^(?:\[\w+\]:\s*)?" + LINE_LEAD_BYTES + rb"(?:\[\w+\]:\s*)?"
    rb"(?:(?:[\w.]*(?:Error|Exception)\s+)?Traceback \(most recent call last\)"
    rb"|torch\.(?:cuda\.)?OutOfMemoryError"
    rb"|RuntimeError: (?:CUDA|NCCL)|Killed\s*$|slurmstepd: error|\[CUDA ERROR\] at file "
    rb"|Loss is (?:nan|inf|-inf), stopping training"
    rb"|(?:[A-Za-z_]\w{0,60}\.){0,8}[A-Z]\w{0,60}(?:Error|Exception): \S"
    rb"|[\w.-]{1,100}: error: (?:unrecognized arguments|the following arguments are required)"
    rb"|\[E[^\]\n]*ProcessGroupNCCL\.cpp:\d+\] \[Rank \d+\] Watchdog caught collective"
    rb"|\S{1,200}: \S{1,200}:\d{1,9}: [^\n]{0,300}: Assertion `[^'\n]{0,500}' failed\.$)",
    re.M,
)
_AT_ITERATION = re.compile(r"\bat iteration=(\d{1,12})\b")
MAX_LINE = 8192  # longer lines are not metric lines (a DETR log.txt line is 4.3 KB)


# a validation loss's key, however it is qualified: "val_loss", "average val loss"
_VAL_KEY = re.compile(
    r"^(?:(?:average|avg|mean) )?(?:val|valid|validation|eval|test)(?![a-z])"
    r"|^loss/(?:val|valid|validation|eval)$",  # codeparrot's "loss/eval"
    re.I,
)
# a section's header naming its split and epoch: "Training epoch: 3", "Eval epoch: 3",
# "TRAIN EPOCH  0:" (the torchlight logger of ST-GCN and its descendants; r2c)
_SECTION_EPOCH = re.compile(
    r"^(?:(train|training)|eval|evaluation|val|valid|validate|validation|test) epoch$"
)
# ST-GCN's descendants (2s-AGCN, MS-G3D, CTR-GCN): "\tMean test loss of 52 batches: 2.21."
_MEAN_TEST_LOSS = re.compile(rf"\bMean test loss of \d+ batches: ({NUMBER})")
# Deeplearning4j's ScoreIterationListener: "... - Score at iteration 100 is 1.3935213258387884",
# the minibatch's loss plus any L1/L2 penalty (the model's score)
_DL4J_SCORE = re.compile(rf"\bScore at iteration (\d{{1,15}}) is ({NUMBER})$")
# a batch counted within an evaluation: PaddlePaddle's "epoch:[ 1/25 ] val step:0 loss: ..."
_EVAL_BATCH = re.compile(r"^(?:val|valid|validation|eval|test) (?:step|iter|batch)$")
# a held-out split's name, beside "train=": its value is that split's loss
_HELD_OUT = ("valid", "val", "validation", "dev", "heldout", "held_out")
# a line that names its split first: "Validation - loss=3.92e+00 ppl=50.36"
_SPLIT_LINE = re.compile(r"^\s*(?:validation|valid|val|eval|evaluation|dev)\s*[-:|]\s", re.I)
# a line that starts with its step and a colon: "120: Loss 3.41 | ...", "0: validation loss:",
# or with its step of the planned ones: "40/20000 train_loss: 5.3102 train_time: 9.6m",
# "1/21150 (epoch 0.002), train_loss = 4.19" (Torch7 char-rnn)
# "120: Loss 3.41", "40/20000 train_loss: 5.31", "[100/100000] batch loss : 2.9027" (MAML),
# "[007] train_loss: 0.447 | dev_loss: 0.728" (Att-BLSTM's epochs)
_LEADING_STEP = re.compile(
    r"^(?:(\d{1,12})(?:/\d{1,12})?:? |\[(\d{1,12})(?:/\d{1,12})?\] )(?=[A-Za-z]|\(epoch )"
)
# the next record glued to a line that starts with its counter ("[010] ... [011] train_loss:
# ..."): a script that ends a line only when it saves prints the epochs between on one line
_GLUED_COUNTER = re.compile(r" (?=\[\d{1,12}\] [A-Za-z])")
# a PyTorch scalar printed as a field's value, as the PEFT examples print their epochs
_TENSOR_VALUE = re.compile(r"tensor\((-?(?:\d[\d.]*(?:e[-+]?\d+)?|nan|inf))(?:, [^()]{0,80})?\)")
# a number as a script prints it, NaN and inf included (one capture group)
_PRINTED = r"(-?\d[\d.]*(?:e[-+]?\d+)?|nan|inf)"
# Karpathy's makemore notebooks: "      0/ 200000: 3.3167", the step, the planned steps and
# that step's minibatch loss (train mode), every 10,000 steps
_STEP_OF_STEPS = re.compile(rf"^\s*(\d{{1,12}})/\s*(\d{{1,12}}): {_PRINTED}\s*$")
# the PyTorch tutorials' progress lines, printed every print_every iterations: the name
# classifier's "5000 5% (0m 12s) 2.4177 Coelho / Portuguese ✓" (that example's loss), the
# name generator's "0m 38s (5000 5%) 3.1506" and the translator's "1m 47s (- 24m 53s)
# (5000 6%) 2.8524" (the mean since the last print)
_TUTORIAL_PROGRESS = re.compile(
    r"^\s*(?:(\d{1,12}) \d{1,3}% \(\d{1,6}m \d{1,2}s\) "
    r"|\d{1,6}m \d{1,2}s (?:\(- -?\d{1,6}m -?\d{1,2}s\) )?\((\d{1,12}) \d{1,3}%\) )"
    rf"{_PRINTED}(?=\s|$)"
)
# the PyTorch CIFAR-10 tutorial's "[1,  2000] loss: 2.192" (epoch, then mini-batches
# within it) and a copy's "Loss [1, 100](epoch, minibatch):  9.6596"
_EPOCH_BATCH_LOSS = re.compile(
    r"^\s*(?:loss\s*)?\[\s*(\d{1,6}),\s*(\d{1,9})\](?:\(epoch, ?minibatch\))?:?\s*"
    rf"(?:loss\s*:?\s*)?{_PRINTED}\s*$",
    re.I,
)
# NVIDIA's Tacotron 2 and WaveGlow train.py: "Train loss 64999 0.314525 Grad Norm 0.615372
# 4.37s/it" (the iteration, then the loss) and "Validation loss 64000:  0.323265"
_TACOTRON_TRAIN = re.compile(
    rf"^Train loss (\d{{1,12}}) {_PRINTED}(?: Grad Norm {_PRINTED})?(?: ([\d.]+)s/it)?\s*$"
)
_TACOTRON_VALID = re.compile(rf"^Validation loss (\d{{1,12}}):\s+{_PRINTED}\s*$")
# DeepSpeed's throughput timer: "epoch=0/micro_step=10/global_step=10, RunningAvgSamples..."
_DEEPSPEED_TIMER = re.compile(r"\bepoch=\d+/micro_step=\d+/global_step=\d+")
_FAIRSEQ_VALID = re.compile(r"\bvalid on '[^']+' subset\b")
# fairseq's progress line, "| epoch 001  1000 / 331737 loss=9.57 (10.94), ...": batch 1000
# of the epoch's 331737 (the 2017 code printed no num_updates; its loss in parentheses is
# the epoch's running mean)
_FAIRSEQ_BATCH = re.compile(r"\| epoch (\d{1,9}):?\s+(\d{1,12}) / (\d{1,12}) ")


def _step_key(fields: dict[str, float], wanted: str | None) -> str | None:
    if wanted is not None:
        return wanted.lower() if wanted.lower() in fields else None
    return next((k for k in STEP_KEYS if k in fields), None)


def sniff(path: Path, head: bytes, contained: bool = False) -> int:
    """Low: the fallback. Lines with a step and a loss field, or a crash and nothing else.
    `contained`: the text is a known training run's stdout (a W&B run's output.log), so its
    metric lines need not be a tenth of it (progress bars can be most of it)."""
    if path.is_dir() or not head:
        return 0
    # a log emptied while its writer kept writing at its offset starts with a hole of NULs
    head = head.lstrip(b"\x00")
    if b"\x00" in head[:4096]:
        return 0
    limit = 20_000 if contained else 400  # a stdout's few metric lines may come late
    text = head.decode("utf-8", errors="replace")
    lines = [ln for ln in text.splitlines()[:limit] if ln.strip()]
    if _metric_lines(lines, contained) or _logged_json_records(lines):
        return 10
    if not contained:
        # a long preamble (a config dump, warnings) before the first metric line: judge the
        # 400 lines from the first line that names a loss
        later = [ln for ln in text.splitlines()[:20_000] if ln.strip()]
        start = next((i for i, ln in enumerate(later) if _LOSS_WORD.search(ln)), None)
        if start and _metric_lines(later[start : start + limit]):
            return 10
        if "%|" in text:
            # progress bars redrawn hundreds of times an epoch: judge the lines between them
            plain = [ln for ln in later if not _REDRAW.search(ln)]
            if len(plain) < len(later) and _metric_lines(plain[:limit]):
                return 10
        if _regular_records(later):
            return 10
        if _tsl_log(later):
            return 10
    return 5 if _CRASH.search(head) else 0


def _tsl_log(lines: list[str]) -> bool:
    """Time-Series-Library's exp_main (and the LTSF-Linear, Autoformer and PatchTST code
    built on it): an experiment's start line, then its epochs' "Epoch: 1, Steps: 1074 |
    Train Loss: ..." lines, however much of the file the model's printed cost takes."""
    started = any("start training : " in ln[:30] and _TSL_START.match(ln) for ln in lines)
    epochs = sum(1 for ln in lines if "Steps: " in ln and _TSL_EPOCH.match(ln))
    return started and epochs >= 2


def _logged_json_records(lines: list[str]) -> bool:
    """Three or more JSON records with a loss after a logger's prefix (fairseq's), however
    many lines the model's printout and config dump take around them."""
    found = 0
    for text in lines:
        if text[-1:] == "}" and (m := _LOGGED_JSON.match(text)):
            found += any(_LOSS.search(k) for k in _json_fields(text[m.end() :]))
    return found >= 3


REGULAR_RECORDS = 8

# the OpenAI logger's tables: "------------------------" edges around "| loss | 13.1 |"
# rows (a second space before the key: a row of the section above it, as SB3 indents)
_BOX_EDGE = re.compile(r"^-{3,}\s*$")
_BOX_ROW = re.compile(r"^\|( {2,})?\s?([^|\s][^|]{0,80}?)\s*\|\s*([^|\s]{0,40})\s*\|\s*$")
MAX_BOX_ROWS = 200
_NOT_FINITE = frozenset({"nan", "inf", "-inf"})  # as the logger prints them ("%-8.3g")


def _regular_records(lines: list[str]) -> bool:
    """At least `REGULAR_RECORDS` records with a loss, all with the same keys, their steps
    a constant interval apart: a log whose metric lines are few among many others (a
    script that prints its losses every 100 iterations and a timing line at each)."""
    reader = _passes(lambda r: _scan(lines, r), None)
    records = [(step, fields) for step, fields in reader.records if any(map(_LOSS.search, fields))]
    if len(records) < REGULAR_RECORDS:
        return False
    steps = np.array([step for step, _ in records], dtype=np.float64)
    gaps = np.diff(steps)
    keys = {frozenset(fields) for _, fields in records}
    return len(keys) == 1 and bool(gaps[0] > 0) and bool((gaps == gaps[0]).all())


# an indented Python statement: "        val_loss = 0", "    x += model(...)"
_CODE_ASSIGNMENT = re.compile(r"^\s+[A-Za-z_][\w.\[\]]*\s[-+*/]?=\s")
_LOSS_WORD = re.compile(r"loss\W{0,3}\s*[:=]?\s*-?\d", re.I)


def _passes(
    read: Callable[[_Reader], _Reader],
    wanted_step: str | None,
    losses: frozenset[str] = frozenset(),
) -> _Reader:
    """The reading of a log: again with a finer step key where the log counts one, and again
    from its progress bars where its lines give no loss curve (the losses are in the bars)."""
    reader = read(_Reader(wanted_step, losses))
    if (finer := reader.finer_key()) is not None:
        reader = read(_Reader(finer, losses))
    if reader.saw_bars and reader.loss_steps() <= 1:
        reader = read(_Reader(wanted_step, losses, bars=True))
    return reader


def _scan(lines: list[str], reader: _Reader) -> _Reader:
    for number, line in enumerate(lines, 1):
        if len(line) <= MAX_LINE:
            reader.line(number, line)
    reader.finish()
    return reader


def _metric_lines(lines: list[str], contained: bool = False) -> bool:
    """Lines with a step and a loss field that are a fair share of `lines` and move forward."""
    # the reader itself: key-value lines, Keras epochs with their metrics on the next line,
    # tables and CSV files with a header row
    reader = _passes(lambda r: _scan(lines, r), None)
    steps = [step for step, fields in reader.records if any(_LOSS.search(k) for k in fields)]
    # a log: metric records are a fair share of the text, and their steps move forward (a
    # validation record may share its step with the training record before it)
    forward = sum(b >= a for a, b in itertools.pairwise(steps))
    share = len(steps) + reader.carried_lines  # lines that are metrics
    distinct = len(steps) >= 3 and len(set(steps)) >= 2
    return distinct and (contained or share >= 0.1 * len(lines)) and forward >= len(steps) // 2


# a bar's label, which reads as a field of its percentage: "steps:   5%|"
_BAR_LABEL = re.compile(r"([A-Za-z][\w ]{0,30}):\s*(\d{1,3})%\|")
# a progress bar redrawn ("  5%|▌   | 9/171 [00:01<00:25, ...]") or a cursor moved up ("[A")
_REDRAW = re.compile(
    PROGRESS_BAR + r"\s*[\d.]{1,12}/\d{1,12} \["  # a bar redrawn (Keras via tqdm: "1.00/171")
    r"|\[A\s*$"  # the cursor moved up a line
    r"|^[^A-Za-z]*(?:INFO|DEBUG)\W*$"  # a logger's prefix alone (its cursor code removed)
)
# a finished bar with a logger's metric line glued on (tqdm ended without a newline):
# "Validation: 100%|██| 56/56 [00:00<00:00, 61.01it/s]2025-09-16 ... - Val Loss: 0.9706"
_BAR_GLUED = re.compile(r"^[^|\n]{0,40}" + PROGRESS_BAR + r"[^\[\n]{0,40}\[[^\]\n]{0,80}\](?=\S)")

_TABLE_SPLIT = re.compile(r"\t|,|;")  # CSVLogger(separator=";") writes semicolons
_IDENTIFIER = re.compile(r"^[A-Za-z_][\w./+-]*$")  # "FER+val": a name may hold a plus
# a PyTorch scalar tensor written into a CSV cell as it prints: "tensor(2.4930)", maybe
# with its device ("tensor(2.49, device='cuda:0')"; the CSV split cuts at the comma)
_TENSOR_CELL = re.compile(r"^tensor\((-?(?:\d[\d.]*(?:e[-+]?\d+)?|nan|inf))\)?$")
# a CSV header's column name may hold spaces and a unit ("Training Loss", "Time (s)"), but
# no digit: "Epoch 1, Loss 3.78" is a record, not a header
_COLUMN_NAME = re.compile(r"^[A-Za-z_][A-Za-z_ ./()%-]{0,40}$")


# words joined by a hyphen in a column's name, each capitalised: PointMLP's "Train-Loss",
# "Valid-Loss" (read as "train loss"); Lightning's "lr-AdamW" is no such pair
_HYPHENATED = re.compile(r"^([A-Z][a-z]{1,20})-([A-Z][a-z.]{1,20})$")


# a column named with its time unit: "dt (s)", "Time (ms)"
_TIMED_COLUMN = re.compile(r"^(.{1,40}?)\s*\((s|sec|ms)\)$")


def _column(name: str) -> tuple[str, float]:
    """A column's key and the factor its cells are read with: a time column is read in
    milliseconds, named as the field reader names them ("dt (s)": "dt_ms", x 1000)."""
    if m := _TIMED_COLUMN.match(name):
        return f"{m.group(1)}_ms", 1.0 if m.group(2) == "ms" else 1000.0
    return name, 1.0


def _ends_the_run(text: str) -> bool:
    """A known message that ends the process (an exception, a stop on a NaN loss)."""
    known = classify(text)
    return known is not None and known.kind in ("crash", "oom", "nan")


# Chainer's PrintReport (ESPnet1, Chainer's examples): names padded to fixed columns,
# "epoch       iteration   main/loss   validation/main/loss  elapsed_time", and rows whose
# cells sit under their names, blank where the entry was not reported (validation between
# evaluations)
_ALIGNED_FIRST = ("epoch", "iteration", "step", "iter")
_WORD_SPAN = re.compile(r"\S+")


def _aligned_header(text: str) -> list[tuple[str, int]] | None:
    """The names of a header padded to fixed columns and where each starts; None if the
    line is not one (its first name a step, one a loss, two spaces or more between)."""
    spans = [(m.group().lower(), m.start(), m.end()) for m in _WORD_SPAN.finditer(text)]
    if not 3 <= len(spans) <= 40 or spans[0][0] not in _ALIGNED_FIRST:
        return None
    if not all(_IDENTIFIER.match(name) for name, _, _ in spans):
        return None
    if not any(_LOSS.search(name) for name, _, _ in spans):
        return None
    if any(b[1] - a[2] < 2 for a, b in itertools.pairwise(spans)):
        return None
    return [(name, start) for name, start, _ in spans]


def _aligned_cells(text: str, starts: list[int]) -> list[str] | None:
    """The row's cells under columns starting at `starts`; None when a value crosses a
    column's edge (the row is not aligned to that header)."""
    edges = [*starts[1:], 1 << 30]
    cells = [""] * len(starts)
    column = 0
    for m in _WORD_SPAN.finditer(text):
        while column < len(starts) and m.start() >= edges[column]:
            column += 1
        if column == len(starts) or m.start() < starts[column] - 2 or m.end() > edges[column]:
            return None
        if cells[column]:
            return None  # two values in one column
        cells[column] = m.group()
    return cells


# a perplexity's key: "ppl", "PPL", "train_perplexity", "valid ppl", "dev. ppl"; held-out
# when its first word names the split
_PERPLEXITY_KEY = re.compile(
    r"^(?:(val|valid|validation|dev|eval|test)\.?[ _/-])?(?:train[ _/-]|avg\.? )?"
    r"(?:ppl|perplexity)$"
)


def _loss_from_perplexity(fields: dict[str, float]) -> bool:
    """A record that prints perplexities and no loss (seq2seq-attn's "PPL 8226.52", bilm-tf's
    "train_perplexity=24.7", CS224n's "dev. ppl 2395499"): each perplexity's log as its
    loss, in nats (a perplexity is e to the mean cross-entropy). True if one was."""
    derived = False
    for key, value in list(fields.items()):
        if (m := _PERPLEXITY_KEY.match(key)) is None:
            continue
        name = "val_loss" if m.group(1) else "loss"
        if name not in fields:
            fields[name] = math.log(value) if value > 0 else math.nan
            derived = True
    return derived


def _training_perplexity(fields: dict[str, float]) -> float | None:
    """The record's training perplexity (a `_PERPLEXITY_KEY` that names no held-out split)."""
    return next(
        (v for k, v in fields.items() if (m := _PERPLEXITY_KEY.match(k)) and not m.group(1)),
        None,
    )


def _per_token(loss: float, ppl: float) -> bool:
    """`loss` is the mean token cross-entropy `ppl` is e (or 2) to the power of."""
    if not (ppl > 0 and math.isfinite(loss) and math.isfinite(ppl)):
        return True  # nothing to tell them apart by
    tolerance = 0.02 + 0.01 * abs(loss)
    return abs(loss - math.log(ppl)) <= tolerance or abs(loss - math.log2(ppl)) <= tolerance


def _summed_loss(fields: dict[str, float]) -> bool:
    """A training loss beside a perplexity it is not the log of, and over twice that log:
    a sum over each example's tokens (CS224n's "avg. loss 242.03, avg. ppl 3444716.46").
    The perplexity's log, the mean over tokens (the unit of the validation perplexity and
    of ln V), replaces it. True if it did."""
    ppl = _training_perplexity(fields)
    losses = [k for k in fields if _TRAIN_LOSS.match(k)]
    if ppl is None or len(losses) != 1 or _per_token(fields[losses[0]], ppl):
        return False
    if not ppl > 1 or not fields[losses[0]] > 2 * math.log(ppl):
        return False  # not a sum over tokens (a weighted objective beside its LM part)
    del fields[losses[0]]
    fields["loss"] = math.log(ppl)
    return True


def _cell_fields(name: str, cell: str) -> dict[str, float]:
    """A spaced table's cell as its column's field, its unit read as every text field's
    ("17.8%" keeps its number, "40.9s" is milliseconds under ``<name>_ms``); {} for words."""
    return read_fields(f"{name}: {cell}")


def _spaced_header(text: str) -> bool:
    """Column names split by spaces, one of them a loss: "epoch train_loss val_loss"."""
    names = text.split()
    return (
        2 <= len(names) <= 40
        and all(_IDENTIFIER.match(n) for n in names)
        and any(_LOSS.search(n) for n in names)
    )


# PyTorch's word_language_model: "| epoch 3 | 200/2983 batches | ... | loss 5.21 |", and
# "| end of epoch 3 | ... | valid loss 5.33 |" after the epoch's last batch
_EPOCH_BATCHES = re.compile(
    r"\bepoch\s+(\d{1,9})\s*\|\s*(\d{1,12})\s*/\s*(\d{1,12})\s+batches\b", re.I
)
# "Epoch:  16 | Batch:   920/ 1330 | LR: ... |Loss: 4.6069": the batch within its epoch
_EPOCH_BATCH_OF = re.compile(
    r"\bEpoch:?\s*(\d{1,9})\s*[|,]?\s*Batch:?\s*(\d{1,12})\s*/\s*(\d{1,12})\b", re.I
)
# Dassl (CoOp and the prompt-learning repos built on it): "epoch [3/100][20/50]\ttime ...";
# the ASL-style logger: "[07/03 00:00:54.724]: Epoch: [12/40][1000/2052]  L_an ...  Loss ..."
_DASSL_EPOCH = re.compile(r"\b[Ee]poch:? \[(\d{1,9})/\d{1,9}\]\[(\d{1,12})/(\d{1,12})\](?=\s)")
# torchvision's MetricLogger (its detection and classification references, DETR, DeiT, MAE):
# "Epoch: [0]  [ 20/60]  eta: 0:00:43  lr: 0.007132  loss: 2.6232 (2.4223)  ...", and the
# copy in LAVIS (BLIP-2, MiniGPT-4): "Train: data epoch: [0]  [3950/5000]  eta: ..."
_METRIC_LOGGER = re.compile(r"\b[Ee]poch: \[(\d{1,9})\]\s*\[\s*(\d{1,12})/(\d{1,12})\]")
# PaddleClas: "[Train][Epoch 1/2][Iter: 10/237]lr(PiecewiseDecay): ...": batch 10 of 237
_PADDLECLAS_ITER = re.compile(r"\[Epoch (\d{1,9})/\d{1,9}\]\[Iter: (\d{1,12})/(\d{1,12})\]")
# its evaluation: "[Eval][Epoch 1][Iter: 10/25]..." one batch's, "[Eval][Epoch 1][Avg]..." the mean
_PADDLECLAS_EVAL = re.compile(r"\[Eval\]\[Epoch \d{1,9}\]\[(?:(Avg)|Iter: )")
# YOLOX: "epoch: 300/300, iter: 50/76, mem: 16022Mb, ...": the iteration within its epoch
_EPOCH_ITER_OF = re.compile(r"\bepoch: (\d{1,9})/\d{1,9}, iter: (\d{1,12})/(\d{1,12})\b")
# the epoch a header line ("[Epoch 0] Training ====") gave the records under it, not a metric
_HEADER_EPOCH = "\x00header epoch"
# the MNIST example's evaluation: "Test set: Average loss: 0.0519, Accuracy: 9835/10000 (98%)"
_EVAL_SET = ("Test set: ", "Validation set: ", "Val set: ")
# Python logging's default format, "INFO:tensorflow:loss = 1.02, step = 0": the logger's
# name glued to the first key
_LOGGING_PREFIX = re.compile(r"^(?:INFO|DEBUG):[\w.-]{1,80}:")
# glog's and absl's prefix, "I0912 11:40:27.956218 139735407601536 model_lib_v2.py:652] ":
# its date, time, thread and source line are no fields
_GLOG_PREFIX = re.compile(r"^[IWEF]\d{4} \d\d:\d\d:\d\d\.\d{6}\s+\d{1,20} [\w.-]{1,80}:\d{1,7}\] ")
# TensorFlow Estimator's evaluation, "Saving dict for global step 5468: eval_loss = 0.72,
# ..., loss = 0.72" (its "loss" is the evaluation's), and BERT's "***** Eval results *****"
# banner before the same values one per line
_ESTIMATOR_EVAL = re.compile(r"^Saving dict for global step (\d{1,12}): ")
_EVAL_RESULTS = re.compile(r"^\*{3,} ?Eval results ?\*{3,}\s*$")
_RESULT_LINE = re.compile(r"^\s+\w[\w/.-]{0,60} = \S+\s*$")
# MXNet's Module.fit: "Epoch[0] Batch [50]\tSpeed: 1137.70 samples/sec\tTrain-Perplexity=4498.7"
# (the Speedometer, behind Python's or log4j's prefix), "Epoch[0] Validation-accuracy=0.71"
# (TransReID's "Epoch[1] done. Loss: 0.000" is no such line)
_MXNET_EPOCH = re.compile(
    r"\bEpoch\[(\d{1,9})\](?:\s+Batch\s*\[(\d{1,12})\]\s|\s+(?=Train-|Validation-|Time cost=))"
)
# PointNet's train.py: "---- EPOCH 000 EVALUATION ----" before the epoch's evaluation
_POINTNET_EVAL = re.compile(r"^---- EPOCH \d{1,9} EVALUATION ----\s*$")
# NGCF, KGAT and LightGCN's "Epoch 9 [60.6s]: train==[40.85046=39.90646 + 0.94400]": the
# epoch's loss, then the terms it sums
_NGCF_TRAIN = re.compile(r"train==\[([-+.\deE]{1,30}|nan|inf)=")
# a logger's "Epoch-66\tloss:13.02845" (STgram-MFN's utils logger): the epoch, hyphenated
_EPOCH_HYPHEN = re.compile(r"(?:^|[:\s])Epoch-(\d{1,9})\s")
# JoeyNMT's "Validation result (greedy) at epoch  26, step     4000: bleu: 0.75, loss:
# 38782.6602, ppl:  22.9588, duration: 11.6068s": its loss is summed over the validation
# set's tokens, its perplexity e to their mean
_JOEYNMT_VALID = re.compile(r"\bValidation result (?:\(\w+\) )?at epoch\s+\d+, step\s+\d+: ")
# Time-Series-Library and the forecasting repositories built on it (Informer, Autoformer,
# PatchTST, DLinear): "Epoch: 3, Steps: 493 | Train Loss: 0.309 Vali Loss: 0.387 Test Loss:
# 0.477", where Steps is the epoch's batch count, and a batch's "\titers: 100, epoch: 3 |
# loss: 0.4389812" every 100 batches
_TSL_EPOCH = re.compile(r"^Epoch: (\d{1,9}), Steps: (\d{1,12}) \|")
_TSL_ITERS = re.compile(r"^\s*iters: (\d{1,12}), epoch: (\d{1,9}) \| loss: ")
# its next experiment (an --itr repeat, another setting): ">>>>>>>start training : ETTh1_96_96_
# Autoformer_iter1>>>>>>>>", LTSF-Linear's without the arrows
_TSL_START = re.compile(r"^>*start training : \S")
# its adjust_learning_rate() after each epoch: "Updating learning rate to 4.59e-06", the rate
# from the next step on
_TSL_LR = re.compile(r"^Updating learning rate to (\d[\d.]{0,30}(?:[eE][-+]?\d{1,3})?)\s*$")
# a line that names its split after its epoch: "Epoch 12 Validation - Loss: 60.5768, ..."
_EPOCH_SPLIT = re.compile(
    r"\bEpoch \d{1,9}:? (Validation|Valid|Val|Evaluation|Eval|Test)\b\s*[-:|]", re.I
)
# FuxiCTR's "************ Epoch=1 end ************" (an epoch's first line says "start")
_FUXICTR_EPOCH = re.compile(r"\*{3,} Epoch=(\d{1,9}) (start|end) \*{3,}")
# its epoch's mean training loss: "Train loss: 0.39", or "Train loss @epoch 1: 1.37" (2.x)
_FUXICTR_TRAIN = re.compile(r"Train loss(?: @epoch \d{1,9})?: (\S+)")
# PointNet's "----3-----": the training file an epoch's next lines are the mean loss of
_POINTNET_FILE = re.compile(r"^----(\d{1,6})-----\s*$")
# a segment of a "|"-separated line opened by its split: "Training: loss = 1.69, acc = 0.46"
_SPLIT_SEGMENT = re.compile(
    r"(?:^|\|)\s*(Training|Train|Validation|Valid|Val|Test)\s*:\s*([^|]*)", re.IGNORECASE
)
_SPLIT_PREFIX = {
    "training": "train",
    "train": "train",
    "validation": "val",
    "valid": "val",
    "val": "val",
    "test": "test",
}
# Caffe's solver (after glog's prefix): "Iteration 10700 (1.53 iter/s, 65.39s/100 iters),
# loss = 3.347" (the loss smoothed over its display window), "Iteration 10700, lr = 0.001",
# "Iteration 8000, Testing net (#0)" then "    Test net output #1: loss = 2.46 (* 1 = 2.46
# loss)"; "Train net output #k" is one batch's raw output, and "Test score #k" (old Caffe)
# names no output
_CAFFE_ITERATION = re.compile(
    rf"^Iteration (\d{{1,12}})(?: \(({NUMBER}) iter/s, ({NUMBER})s/(\d{{1,9}}) iters?\))?, "
    rf"(loss|lr) = ({NUMBER})\s*$"
)
# DeepXDE's Model.train: a header "Step  Train loss  Test loss  Test metric", then rows of
# "15000     [5.93e-04, 2.51e-06, 5.36e-04]    [5.93e-04, 2.51e-06, 5.36e-04]    []": the
# loss terms (the equation's residual, each condition) on the training and the test points,
# whose sums are the losses; "Best model at step N:" and its indented lines repeat a row
_DEEPXDE_HEADER = re.compile(r"^Step\s+Train loss\s+Test loss\s+Test metric\s*$")
# DARTS (and its many NAS forks) through Python logging ("05/31 02:32:57 PM " before each):
# "epoch 3 lr 2.4e-02" opens an epoch; "train 050 2.102168e+00 20.37 72.85" is the batch,
# the running mean of the epoch's loss, top-1 and top-5 (utils.AvgrageMeter); "valid 050 ..."
# the same over the validation batches so far
_DARTS_PREFIX = r"^(?:\d\d/\d\d \d\d:\d\d:\d\d [AP]M )?"
_DARTS_EPOCH = re.compile(_DARTS_PREFIX + r"epoch (\d{1,9}) lr (" + NUMBER + r")\s*$")
_DARTS_LINE = re.compile(
    _DARTS_PREFIX + r"(train|valid) (\d{3,9}) (" + NUMBER + r") \d+(?:\.\d+)? \d+(?:\.\d+)?\s*$"
)
_DEEPXDE_ROW = re.compile(r"^(\d{1,12})\s+\[([^\]]{1,2000})\]\s+\[([^\]]{1,2000})\]\s+\[")
_DEEPXDE_BEST = re.compile(r"^(?:Best model at step \d|\s+(?:train loss|test loss|test metric):)")
_CAFFE_TESTING = re.compile(r"^Iteration (\d{1,12}), Testing net\b")
_CAFFE_OUTPUT = re.compile(rf"^\s*(Test|Train) net output #\d+: (\w[\w/.-]{{0,60}}) = ({NUMBER})")
_CAFFE_SCORE = re.compile(r"^\s*Test score #\d+: ")
# PyTorch's MNIST example and its many copies: "Train Epoch: 1 [640/60000 (1%)]\tLoss: 0.30"
# (the position in samples or in batches: either counts forward within the epoch)
_TRAIN_EPOCH_AT = re.compile(r"\bTrain Epoch: (\d{1,9}) \[\s*(\d{1,12})/(\d{1,12})")
# Lightning's bar: "Epoch 0:  10%|█         | 67/704 [00:30<04:50,  2.20it/s, v_num=11, ...]"
_LIGHTNING_BAR_AT = re.compile(r"^Epoch (\d{1,9}):\s+" + BAR_POSITION.pattern)
_END_OF_EPOCH = re.compile(r"\bend of epoch\s+(\d{1,9})\b", re.I)
# MiniMind: "Epoch:[1/2](100/44160) loss:6.438 lr:..." (the epoch counted from 0 or 1)
_EPOCH_BRACKETS = re.compile(r"\bEpoch:\s*\[(\d{1,9})/\d{1,9}\]\s*\((\d{1,12})/(\d{1,12})\)")
# Keras' epoch line: "599/599 - 15s - 25ms/step - loss: 0.9952 - val_loss: 0.8605"
_KERAS_STEP_TIME = re.compile(r"\s(\d{1,9}(?:\.\d{1,6})?)(ms|s|us|µs)/step\b")
_TO_MS = {"s": 1000.0, "ms": 1.0, "us": 0.001, "µs": 0.001}
# the PyTorch tutorials' loop: "Epoch [2/5], Step [100/600], Loss: 2.3066"; Fast-SCNN's and
# awesome-semantic-segmentation-pytorch's "Epoch: [ 0/200] Iter [  10/1487] || ..."
_EPOCH_STEP = re.compile(
    r"\bEpoch:? \[\s*(\d{1,9})/\d{1,9}\],? (?:Step|Iter) \[\s*(\d{1,12})/(\d{1,12})\]"
)
# an epoch's summary: "Epoch [001/30] TrainLoss=1.8695 ... | ValLoss=1.3028 ..."
_EPOCH_OF = re.compile(r"\bEpoch \[(\d{1,9})/\d{1,9}\](?!,? ?Step)")

# the logger of Swin-Transformer's main.py and its descendants: "Train: [3/50]\tlr ... loss
# 1.92 (2.25)" ends an epoch (a batch's loss, and the running mean in parentheses), then
# " * Train Acc 31.3 Train Loss 1.758" and " * Val Acc 43.6 Val Loss 1.477" give its means;
# "Validate: ..." lines are one evaluation batch's
_SWIN_EPOCH = re.compile(r"\bTrain: \[(\d{1,9})/\d{1,9}\](?!\[)")
# Pointcept's trainer: "Train: [1/100][101/510] Data 0.002 (0.949) Batch 0.236 (3.178)
# Remain 44:55:39 loss: 1.0784": batch 101 of 510 in epoch 1, its data wait and whole time
_POINTCEPT = re.compile(r"\bTrain: \[(\d{1,9})/\d{1,9}\]\[(\d{1,12})/(\d{1,12})\] ")
_POINTCEPT_BATCH = re.compile(r" Batch (\d{1,9}\.\d{1,9}) \(")
_SWIN_MEAN = re.compile(r"\* (Train|Val) Acc \S+ (?:Train|Val) Loss (\S+)\s*$")
_SWIN_EVAL_BATCH = re.compile(r"\bValidate: ")

# PyTorch Lightning's progress bar: its postfix shows each metric's latest logged value
_LIGHTNING_BAR = re.compile(r"^Epoch \d+: .*\|.*\bv_num=")
# Lightning's ModelCheckpoint: "Epoch 0, global step 782: 'val_accuracy' reached 0.81 ..."
_LIGHTNING_CHECKPOINT = re.compile(r"Epoch \d+, global step \d+: '")
# SpeechBrain's train_log.txt: "epoch: 3, lr: 5.27e-04 - train loss: 71.98 - valid loss: 44.09"
# (its templates name the epoch "Epoch": stats_meta={"Epoch": epoch, "lr": old_lr})
_SPEECHBRAIN_LINE = re.compile(r"^[eE]poch: \d+, lr: \S+.* - train loss: \S+ - valid loss: ")


# OpenMMLab's mmengine (mmdetection, mmsegmentation, mmpretrain, XTuner): "Iter(train)
# [ 510/2046]  lr: ...  loss: 0.69" counts iterations; "Epoch(train)  [3][ 50/1000]" counts
# batches within epoch 3
_MMENGINE = re.compile(
    r"\b(Iter|Epoch)\(train\)\s*(?:\[(\d{1,9})\])?\s*\[\s*(\d{1,12})/(\d{1,12})\]"
)
# its predecessor mmcv 1.x behind its logger's prefix: "mmdet - INFO - Epoch [6][50/4015]\t"
# (batch 50 of epoch 6), "mmseg - INFO - Iter [50/320000]\t" (iteration 50)
_MMCV = re.compile(r" - INFO - (Iter|Epoch) (?:\[(\d{1,9})\])?\[\s*(\d{1,12})/(\d{1,12})\]\s")


# OpenNMT-py's training line before 0.4: "Epoch  1, 12850/37527; acc: 3.99; ppl: 12792.57;
# xent: 9.46; ..." (batch N of M in the epoch; xent is the cross-entropy in nats, ppl its
# exp); later versions print "Step 380000/1000000; ..." and, after each validation,
# "Validation perplexity: 56.168" (exp of the validation cross-entropy)
_OPENNMT_EPOCH = re.compile(r"^\s*Epoch\s+(\d{1,9}),\s+(\d{1,12})/(\d{1,12});")
_OPENNMT_VALID = re.compile(r"\bValidation perplexity: (\d[\d.]*(?:e[-+]?\d+)?|nan|inf)\s*$")


def _bracketed_epoch(text: str) -> float | None:
    """The epoch of MiniMind's "Epoch:[1/2](100/44160)" (anywhere: behind a logger's
    prefix, as baby-llama2-chinese prints it), the PyTorch tutorials' "Epoch [2/5], Step
    [100/600]" (after a logger's prefix too), an epoch's summary "Epoch [001/30] TrainLoss=..."
    (anywhere) or torchvision's MetricLogger "Epoch: [0]  [ 20/60]"."""
    if "Epoch:[" in text and (m := _EPOCH_BRACKETS.search(text)):
        return float(m.group(1))
    if "Epoch [" in text and (m := _EPOCH_STEP.search(text)):
        return float(m.group(1))
    if "Epoch [" in text and (m := _EPOCH_OF.search(text)):
        return float(m.group(1))
    if "poch: [" in text and (m := _METRIC_LOGGER.search(text)):
        return float(m.group(1))  # torchvision's MetricLogger: "Epoch: [0]  [ 20/60]"
    if "poch" in text and (m := _DASSL_EPOCH.search(text)):
        return float(m.group(1))  # Dassl: "epoch [3/100][20/50]"
    return None


_NUMBER = re.compile(r"-?\d{1,20}(?:\.\d{1,20})?(?:[eE][-+]?\d{1,3})?")


# a logger's prefix before a JSON record: Hydra's "[2022-04-08 18:48:05,372][train_inner]
# [INFO] - {...}" (fairseq-hydra) and fairseq's "2021-03-01 10:00:00 | INFO | train_inner |
# {...}"; the logger's name says what the record is
_LOGGED_JSON = re.compile(
    r"^(?:\[[^\]\n]{1,40}\]\[(?P<hydra>[\w.]{1,40})\]\[[A-Z]{3,8}\] - "
    r"|\d{4}-\d\d-\d\d [\d:,.]{8,15} \| [A-Z]{3,8} \| (?P<plain>[\w.]{1,40}) \| )(?=\{)"
)


def _json_fields(text: str) -> dict[str, float]:
    """The numbers of a line that is one JSON object (``{"epoch": 0, "step": 5, "loss":
    240.2}``, as scripts print ``json.dumps(stats)``), keys lower-cased; else nothing."""
    line = text.strip()
    if not (line.startswith("{") and line.endswith("}")) or len(line) > MAX_LINE:
        return {}
    try:
        data = json.loads(line)
    except (ValueError, RecursionError):
        return {}
    if not isinstance(data, dict):
        return {}
    # the checked converter: an int past float range is +-inf, never an OverflowError;
    # fairseq's json log writes most numbers as strings ("loss": "3.097")
    return {
        str(k).lower(): to_float(v) if not isinstance(v, str) else float(v)
        for k, v in data.items()
        if (isinstance(v, int | float) and not isinstance(v, bool))
        or (isinstance(v, str) and _NUMBER.fullmatch(v))
    }


class _Reader:
    """One pass over the lines: metric records (step, fields) and events."""

    def __init__(
        self, wanted_step: str | None, loss_keys: frozenset[str] = frozenset(), bars: bool = False
    ) -> None:
        self.wanted_step = wanted_step
        # a second pass over a log with no loss curve in its lines: a bar's postfix loss counts
        self.bars = bars
        self.saw_bars = False  # a progress bar was drawn
        self.from_perplexity = False  # a loss was the log of a printed perplexity
        self.summed_losses = False  # a loss was not the log of the perplexity beside it
        self.epoch_ends: dict[float, int] = {}  # epoch -> the finer step its records reached
        self.epoch_only: list[int] = []  # records placed by their epoch alone
        self.unplaced = 0  # of those, dropped: the log counts steps in a finer key
        self.unnumbered: list[dict[str, float]] = []  # metric lines with no step, in order
        # events after such lines, with how many came before each
        self.after_unnumbered: list[tuple[Event, int]] = []
        self.step_keys: Counter[str] = Counter()  # the key each record's step came from
        self.carried_key: str | None = None  # the key of the step carried records follow
        self.carried_epoch: float | None = None  # the header's epoch of that step, if any
        self.numbered_by_order = False
        self.table_rows = 0  # rows of a table with a header read as records
        self.loss_keys = loss_keys  # keys --map names as losses ("train", "val")
        self.records: list[tuple[int, dict[str, Any]]] = []
        self.events: list[Event] = []
        self.last_step: int | None = None
        self.carried: dict[str, float] | None = None  # fields of the step a marker opened
        self.header: list[str] | None = None  # a table's column names ("step\tloss")
        self.spaced = False  # the table's columns are split by spaces ("# epoch loss")
        self.scales: list[float] = []  # each column's factor (a time in seconds: 1000)
        self.indexed = False  # the table's first column is pandas' unnamed index
        self.aligned: list[int] | None = None  # where each column starts (PrintReport)
        self.lightning_bar = False  # "Epoch 3: 100%|...| 782/782 [...] v_num=4, loss=..."
        self.speechbrain_lines = 0
        self.boxed: dict[str, str] | None = None  # the rows of an OpenAI logger's table
        self.box_section = ""  # its section ("train/"), for the indented rows under it
        self.inner_records = False  # fairseq logged its train_inner windows
        # per step key on metric lines: its last value, and how often it moved forward
        self.key_last: dict[str, float] = {}
        self.key_forward: dict[str, int] = {}
        self.metric_lines = 0
        self.carried_lines = 0  # lines whose fields joined the step a marker opened
        # (line, record index) where each run appended to the log starts
        self.run_starts: list[tuple[int, int]] = [(1, 0)]
        # the line after the run before the last one printed its last record: the last
        # launch's start-up lines (its warnings) come after it
        self.last_run_gap = 1
        self.last_record_line = 0
        # "epoch E | N/M batches": batches per epoch and the first epoch's number
        self.per_epoch: int | None = None
        self.first_epoch = 0
        self.section_eval = False  # under an "Eval epoch: N" header: its losses are validation
        self.section_test = False  # ... a "Test epoch: N" header: the test split's
        self.section_fresh = False  # a section's header was the last line read with a field
        self.epoch_counted = False  # steps counted within each epoch, placed end to end
        self.header_epoch: float | None = None  # the epoch an "Epoch 3/10" line opened
        self.eval_results = False  # under BERT's "***** Eval results *****" banner
        self.paddle_eval = False  # between PaddlePaddle's "Eval begin..." and "Eval samples:"
        self.caffe_test_step: int | None = None  # the iteration Caffe is testing at
        self.deepxde = False  # inside DeepXDE's training table
        self.darts_epoch: int | None = None  # the epoch a DARTS log's last "epoch N lr" opened
        self.caffe_rate: tuple[int, float] | None = None  # a rate printed before its loss
        # MXNet's Speedometer logged batches: its epoch-end training metrics repeat them
        self.mxnet_batches = False
        # FuxiCTR: the epoch being trained (None outside training), its last evaluation
        self.fuxictr_epoch: int | None = None
        self.fuxictr_eval: dict[str, float] = {}
        # PointNet's header epoch and the last of its training files read in it
        self.pointnet_file: tuple[float, int] | None = None

    def line(self, line_no: int, text: str) -> None:
        if text[:1] == "[" and "] " in text[1:14] and _LEADING_STEP.match(text):
            records = _GLUED_COUNTER.split(text)
            if len(records) > 1:
                for record in records:
                    self.line(line_no, record)
                return
        if (text[:5] in ("INFO:", "DEBUG") and (prefix := _LOGGING_PREFIX.match(text))) or (
            text[:1] in "IWEF" and (prefix := _GLOG_PREFIX.match(text))
        ):
            text = text[prefix.end() :]
        if self.paddle_eval or "Eval begin..." in text[:20]:
            # PaddlePaddle's Model.fit: the evaluation's "step 10/88 - loss: ..." lines print
            # one batch's loss each (its own note says so), counted from 1 again
            self.paddle_eval = not text.lstrip().startswith("Eval samples:")
            return
        if self.eval_results or text[:3] == "***":
            if _RESULT_LINE.match(text) and self.eval_results:
                return  # the evaluation's values again, one per line, without their step
            self.eval_results = _EVAL_RESULTS.match(text) is not None
            if self.eval_results:
                return
        if (self.boxed is not None or text[:3] == "---") and self._boxed_table(line_no, text):
            return
        if (
            "Iteration " in text[:10] or "net output #" in text[:30] or "Test score #" in text[:20]
        ) and self._caffe(text):
            return
        if (self.deepxde or text[:4] == "Step") and self._deepxde(text):
            return
        if (" lr " in text or self.darts_epoch is not None) and self._darts(text):
            return
        if ("Epoch=" in text or self.fuxictr_epoch is not None) and self._fuxictr(line_no, text):
            return
        # lines read here become a JSON record, and go on as any record does
        if "Epoch[" in text and (m := _MXNET_EPOCH.search(text)):
            record = self._mxnet(text, m)
            if record is None:
                return
            text = json.dumps(record)
        elif "---- E" in text[:6] and self.last_step is not None and _POINTNET_EVAL.match(text):
            # PointNet's "---- EPOCH 000 EVALUATION ----": the epoch's evaluation goes with
            # its last step (its batches, " ---- batch: 050 ----", count within the epoch)
            text = json.dumps({"step": self.last_step})
        elif (
            text[:4] == "----"
            and self.header_epoch is not None
            and (found := _POINTNET_FILE.match(text))
        ):
            # PointNet's files count within the header's epoch (placed across epochs by
            # `rebase_epoch_steps`); its evaluation numbers its files from 0 again, and its
            # mean loss goes with the epoch's last training file
            index, last = int(found.group(1)), self.pointnet_file
            if last is not None and last[0] == self.header_epoch and index <= last[1]:
                return
            self.pointnet_file = (self.header_epoch, index)
            text = json.dumps({"step": index})
        elif "| " in text and (splits := _split_segments(text)):
            text = json.dumps(splits)
        if text[:1] == ">" and text[1:2] != ">":
            # a log pasted into an issue as a Markdown quote: "> steps 100, ..., loss: 8.43"
            text = text[2:] if text[1:2] == " " else text[1:]
        if "%|" in text and (glued := _BAR_GLUED.match(text)):
            rest = text[glued.end() :]
            if classify(rest) is None:  # a crash keeps its bar: it names the iteration
                text = rest
        if "start training : " in text[:30] and _TSL_START.match(text):
            self.flush()
            if len(self.records) > self.run_starts[-1][1]:
                self._new_run(line_no, len(self.records))
            return
        before = len(self.records)
        self._line(line_no, text)
        if len(self.records) > before:
            if before:
                self._restarted(line_no, before)
            self.last_record_line = line_no

    def _new_run(self, line_no: int, index: int) -> None:
        self.run_starts.append((line_no, index))
        self.last_run_gap = self.last_record_line + 1

    def _boxed_table(self, line_no: int, text: str) -> bool:
        """The OpenAI logger's table, one a log step (guided and improved diffusion,
        baselines): "| loss | 13.1 |" rows between dashed lines; a row with no value
        names the section of the indented rows under it ("| train/ |  |"). True when the
        line was the table's."""
        if _BOX_EDGE.match(text):
            if self.boxed:  # the closing edge: the table is one record
                numbers = {
                    k: to_float(v)
                    for k, v in self.boxed.items()
                    if _NUMBER.fullmatch(v) or v.lower() in _NOT_FINITE
                }
                self.carried_lines += len(self.boxed) + 1
                self.boxed = None
                self._line(line_no, json.dumps(numbers))
            else:
                self.boxed = {}
                self.box_section = ""
            return True
        boxed = self.boxed
        row = _BOX_ROW.match(text) if boxed is not None else None
        if boxed is None or row is None:
            self.boxed = None  # not a table after all: the line is read as any other
            return False
        key, value = row.group(2), row.group(3)
        if not value:
            self.box_section = key if key.endswith("/") else ""
        elif len(boxed) < MAX_BOX_ROWS:
            boxed[(self.box_section if row.group(1) else "") + key] = value
        return True

    def _fuxictr(self, line_no: int, text: str) -> bool:
        """FuxiCTR's epochs: "[Metrics] AUC: 0.93 - logloss: 0.29" evaluates the epoch on
        the validation set (its log loss is the validation loss), then "Train loss: 0.39"
        gives the epoch's mean training loss ("Train loss @epoch 1: 1.37" from 2.x), then
        "Epoch=1 end". The evaluations after "Training finished." (the best model's, the
        test set's) are no point of the curve. True when the line was FuxiCTR's."""
        if "Epoch=" in text and (m := _FUXICTR_EPOCH.search(text)):
            self.fuxictr_epoch = int(m.group(1)) + (m.group(2) == "end")
            return True
        if self.fuxictr_epoch is None:
            return False
        if "[Metrics]" in text:
            fields = read_fields(text[text.index("[Metrics]") + 9 :])
            self.fuxictr_eval = {
                ("val_loss" if k == "logloss" else f"val_{k}"): v for k, v in fields.items()
            }
            return True
        if "Train loss" in text and (m := _FUXICTR_TRAIN.search(text)):
            fields = {"train loss": to_float(m.group(1))}
            record = {"epoch": float(self.fuxictr_epoch), **fields, **self.fuxictr_eval}
            self.fuxictr_eval = {}
            self._line(line_no, json.dumps(record))
            return True
        if "Early stopping at epoch=" in text:
            return True  # the epoch it stops in: not a header
        if "Training finished." in text:
            self.fuxictr_epoch = None
        return False

    def _mxnet(self, text: str, m: re.Match[str]) -> dict[str, float] | None:
        """MXNet's Speedometer and fit loop: batch N of epoch E (placed across epochs by
        `rebase_epoch_steps`: no batch count is printed), and the epoch's end, whose
        validation metrics go with its last batch. The epoch's training metrics at its end
        cover only the batches since the last report: skipped where batches were logged.
        None for a line with nothing to keep (its "Time cost")."""
        epoch = float(m.group(1))
        fields = read_fields(text[m.end() :])
        if m.group(2) is not None:
            self.mxnet_batches = True
            return {**fields, "epoch": epoch, "step": float(m.group(2))}
        if "time cost" in fields:
            return None
        if not self.mxnet_batches:
            return {**fields, "epoch": epoch}  # an epoch a record: training and validation
        fields = {k: v for k, v in fields.items() if k.startswith("validation-")}
        if not fields or self.last_step is None:
            return None
        return {**fields, "epoch": epoch, "step": float(self.last_step)}

    def _caffe(self, text: str) -> bool:
        """A Caffe solver line: the training loss and step time at an iteration, its learning
        rate, and the named outputs of the test net at the iteration it tests (one record
        per iteration, whatever order the lines come in). True when the line was Caffe's."""
        if m := _CAFFE_ITERATION.match(text):
            step, value = int(m.group(1)), to_float(m.group(6))
            if m.group(5) == "lr" and not (self.records and self.records[-1][0] == step):
                self.caffe_rate = (step, value)  # old Caffe: the rate comes before the loss
                return True
            fields = {m.group(5): value}
            if m.group(3) is not None and int(m.group(4)) > 0:
                fields["step_time_ms"] = float(m.group(3)) * 1000 / int(m.group(4))
            if m.group(5) == "loss" and self.caffe_rate is not None and self.caffe_rate[0] == step:
                fields["lr"] = self.caffe_rate[1]
            self._record_at(step, fields)
            return True
        if m := _CAFFE_TESTING.match(text):
            self.caffe_test_step = int(m.group(1))
            return True
        if m := _CAFFE_OUTPUT.match(text):
            if m.group(1) == "Test" and self.caffe_test_step is not None:
                name = m.group(2)
                key = "val_loss" if _TRAIN_LOSS.match(name) else f"val_{name}"
                self._record_at(self.caffe_test_step, {key: to_float(m.group(3))})
            return True
        return _CAFFE_SCORE.match(text) is not None

    def _deepxde(self, text: str) -> bool:
        """A line of DeepXDE's training table (see `_DEEPXDE_ROW`): True when taken here."""
        if _DEEPXDE_HEADER.match(text):
            self.deepxde = True
            return True
        if not self.deepxde:
            return False
        if m := _DEEPXDE_ROW.match(text):
            train, test = (_summed_terms(m.group(k)) for k in (2, 3))
            if train is None:
                return False
            fields = {"loss": train} if test is None else {"loss": train, "test_loss": test}
            self._record_at(int(m.group(1)), fields)
            return True
        return _DEEPXDE_BEST.match(text) is not None

    def _darts(self, text: str) -> bool:
        """A DARTS line (see `_DARTS_LINE`): one record per epoch, at the epochs done, with
        the epoch's last running means, of training (its average loss) and of validation.
        True when taken here."""
        if m := _DARTS_EPOCH.match(text):
            self.darts_epoch = int(m.group(1))
            self._record_at(self.darts_epoch + 1, {"lr": to_float(m.group(2))})
            return True
        if self.darts_epoch is None or not (m := _DARTS_LINE.match(text)):
            return False
        key = "avg_loss" if m.group(1) == "train" else "val_loss"
        self._record_at(self.darts_epoch + 1, {})
        self.records[-1][1][key] = to_float(m.group(3))  # the epoch's mean so far
        self.carried_lines += 1
        return True

    def _record_at(self, step: int, fields: dict[str, float]) -> None:
        """`fields` at `step` (a Caffe iteration, a DeepXDE row): into its record when that is
        the last one."""
        if self.records and self.records[-1][0] == step:
            self._into_last(fields)
            return
        self.flush()
        self.last_step = step
        self.step_keys["iteration"] += 1
        self.records.append((step, fields))

    def _into_last(self, fields: dict[str, float]) -> None:
        """`fields` into the last record, where it has none of that name."""
        record = self.records[-1][1]
        for name, value in fields.items():
            record.setdefault(name, value)

    def _restarted(self, line_no: int, index: int) -> None:
        """A record whose step is back at (or before) the current run's first step, and whose
        training loss is back at that run's starting level: another run from scratch appended
        to the same log (a re-run, another seed), not a resume nor a per-epoch counter."""
        step, fields = self.records[index]
        start_index = self.run_starts[-1][1]
        start_step, start = self.records[start_index]
        key = next((k for k in fields if _TRAIN_LOSS.search(k) and k in start), None)
        if key is None or step > start_step:
            return  # no loss to compare, or not back at the start
        # the run's last record of that loss (other records, an epoch's summary, between)
        previous_step, previous = next(
            (
                r
                for r in reversed(self.records[max(start_index, index - 50) : index])
                if key in r[1]
            ),
            (step, fields),
        )
        if step >= previous_step:
            return  # not back at all (a step's second line)
        epoch = fields.get("epoch", fields.get(_HEADER_EPOCH))
        epoch_before = previous.get("epoch", previous.get(_HEADER_EPOCH))
        if epoch is not None and epoch_before is not None and epoch > epoch_before:
            return  # a step counted within each epoch (its own, or its "Epoch 2/10" header's)
        now, first, before = fields[key], start[key], previous[key]
        learned = before < first - 0.1 * abs(first)  # the run before it had learned
        if learned and now > before and now >= first - 0.1 * abs(first):
            self._new_run(line_no, index)

    def _swin(self, text: str) -> bool:
        """A line of Swin's logger (see `_SWIN_EPOCH`): True when it was taken here."""
        if m := _SWIN_EPOCH.search(text):
            self.flush()
            self.last_step = int(m.group(1))
            lr = read_fields(text).get("lr")
            self.carried = {} if lr is None else {"lr": lr}  # the epoch's means follow
            return True
        if self.carried is not None and (m := _SWIN_MEAN.search(text)):
            self.carried_lines += 1
            key = "train_loss" if m.group(1) == "Train" else "val_loss"
            self.carried[key] = to_float(m.group(2))
            return True
        return self.carried is not None and bool(_SWIN_EVAL_BATCH.search(text))

    def _line(self, line_no: int, text: str) -> None:
        if text[-1:] == "}" and (logged := _LOGGED_JSON.match(text)):
            name = logged.group("hydra") or logged.group("plain")
            if name == "train" and self.inner_records:
                return  # fairseq's epoch mean of the train_inner windows already read
            self.inner_records |= name == "train_inner"
            text = text[logged.end() :]
        if text[:1] in " \t" and " = " in text and _CODE_ASSIGNMENT.match(text):
            return  # a training script's source printed with its log (modded-nanogpt)
        if "micro_step=" in text and _DEEPSPEED_TIMER.search(text):
            return  # its counters repeat the step DeepSpeed's "step=N, skipped=" line gave
        if text[:7] == "wandb: ":
            # W&B's own lines: its run summary repeats the last values under no step
            event = make_event(line_no, text, self.last_step, plain=None)
            if event is not None:
                self.events.append(event)
            return
        if "Error: " in text[:130] and _ends_the_run(text):
            # "FloatingPointError: Loss became infinite or NaN at iteration=2!": an
            # exception, whatever fields its message holds
            at = _AT_ITERATION.search(text)  # detectron2 names the iteration it stopped at
            step = int(at.group(1)) if at else self.last_step
            event = make_event(line_no, text, step, plain=None)
            if event is not None:
                self.events.append(event)
            return
        if "global step" in text and (m := _LIGHTNING_CHECKPOINT.search(text)):
            # a step after the fact, alone or after its epoch's last bar: a message, not a
            # record; the bar before it is read as any line
            event = make_event(line_no, text[m.start() :], self.last_step, kind="checkpoint")
            if event is not None:
                self.events.append(event)
            text = text[: m.start()]
            if not text.strip():
                return
        if ("Train: [" in text or "Loss" in text or "Validate: " in text) and self._swin(text):
            return
        if not self.lightning_bar and _LIGHTNING_BAR.search(text):
            self.lightning_bar = True
        if text[1:7] == "poch: " and _SPEECHBRAIN_LINE.match(text):
            self.speechbrain_lines += 1
        if self._table_row(text):
            return
        if text[:9] == "Updating " and self.records and (m := _TSL_LR.match(text)):
            self.records[-1][1].setdefault("lr", to_float(m.group(1)))
            return
        if "tensor(" in text:
            text = _TENSOR_VALUE.sub(r"\1", text)  # "loss=tensor(2.49, device='cuda:0')"
        if "/" in text and (m := _STEP_OF_STEPS.match(text)):
            fields = {"step": float(m.group(1)), "loss": to_float(m.group(3))}
        elif text[:6] == "Train " and (m := _TACOTRON_TRAIN.match(text)):
            fields = {"step": float(m.group(1)), "loss": to_float(m.group(2))}
            if m.group(3) is not None:
                fields["grad_norm"] = to_float(m.group(3))
            if m.group(4) is not None:
                fields["step_time_ms"] = float(m.group(4)) * 1000
        elif text[:11] == "Validation " and (m := _TACOTRON_VALID.match(text)):
            fields = {"step": float(m.group(1)), "val_loss": to_float(m.group(2))}
        elif "]" in text and (m := _EPOCH_BATCH_LOSS.match(text)):
            fields = {"epoch": float(m.group(1)), "step": float(m.group(2))}
            fields["loss"] = to_float(m.group(3))
        elif "%" in text and (m := _TUTORIAL_PROGRESS.match(text)):
            fields = {"step": float(m.group(1) or m.group(2)), "loss": to_float(m.group(3))}
        else:
            fields = _json_fields(text) or (
                (read_fields(text) or printed_dict_numbers(text)) if len(text) <= MAX_LINE else {}
            )
            for split in ("valid_num_updates", "train_num_updates"):
                if split in fields and "num_updates" not in fields:
                    fields["num_updates"] = fields.pop(split)  # fairseq's split summaries
            if "ep" in fields and "epoch" not in fields:
                fields["epoch"] = fields.pop("ep")  # "Ep  10 | loss: 46.31" (VQGraph)
            if "pass" in fields and "epoch" not in fields:
                # PaddlePaddle's models: "[Pass 0, train batch 10]  loss 21.68535, ..."
                fields["epoch"] = fields.pop("pass")
                if "train batch" in fields:
                    fields["batch"] = fields.pop("train batch")
            if "[Eval][" in text and (m := _PADDLECLAS_EVAL.search(text)):
                if m.group(1) is None:
                    return  # one evaluation batch's
                fields = _as_validation({k: v for k, v in fields.items() if _LOSS.search(k)})
            if "Train: [" in text and (m := _POINTCEPT.search(text)):
                fields = {k: v for k, v in fields.items() if k in ("data", "loss", "lr")}
                fields["epoch"] = float(m.group(1))
                self._epoch_batch(int(m.group(1)), int(m.group(2)), int(m.group(3)), fields)
                if batch := _POINTCEPT_BATCH.search(text):
                    fields["batch_time"] = float(batch.group(1))
            if fields and text.endswith("}") and not any(_LOSS.search(k) for k in fields):
                # "Epoch 3: {'loss': 9.51}": the line names the step, its dict the loss
                for name, value in printed_dict_numbers(text).items():
                    fields.setdefault(name, value)
        if text[:16] == "Saving dict for " and (m := _ESTIMATOR_EVAL.match(text)):
            fields.pop("for global step", None)
            if any(k.startswith("eval_") and _LOSS.search(k) for k in fields):
                fields.pop("loss", None)  # the evaluation's loss again
            fields = _as_validation(fields)
            fields["global_step"] = float(m.group(1))
        if "batches: " in text and (m := _MEAN_TEST_LOSS.search(text)):
            fields = {"val_loss": to_float(m.group(1).replace(",", ""))}
        if "Score at iteration " in text and (m := _DL4J_SCORE.search(text.rstrip())):
            fields = {"iteration": float(m.group(1)), "loss": to_float(m.group(2))}
        if any(_EVAL_BATCH.match(key) for key in fields):
            return  # one batch of an evaluation (its mean comes on a line of its own)
        if "Steps: " in text and (m := _TSL_EPOCH.match(text)):
            fields.pop("steps", None)  # the epoch's batch count: its end is that batch
            self._epoch_batch(int(m.group(1)), int(m.group(2)), int(m.group(2)), fields)
        elif "iters: " in text and (m := _TSL_ITERS.match(text)):
            in_epoch, of_epoch = int(m.group(1)), int(m.group(2))
            fields.pop("iters", None)
            if self.per_epoch:
                self._epoch_batch(of_epoch, in_epoch, self.per_epoch, fields)
            elif of_epoch == 1:  # the first epoch, before its batch count is printed
                fields["step"] = float(in_epoch)
        if "Validation result" in text and "ppl" in fields and _JOEYNMT_VALID.search(text):
            ppl = fields.pop("ppl")
            fields.pop("loss", None)
            fields["val_loss"] = math.log(ppl) if ppl > 0 else math.nan
        own_split = None
        if fields and ("poch" in text or "POCH" in text):
            own_split = self._section(fields)
        elif fields:
            self.section_fresh = False
        if self.section_eval and _step_key(fields, self.wanted_step) not in (None, "epoch"):
            self.section_eval = False  # a line with its own step: the section is over
        if own_split is None and "poch" in text and (m := _EPOCH_SPLIT.search(text)):
            own_split = "test" if m.group(1).lower() == "test" else "val"
        if own_split is not None:
            fields = _as_validation(fields, own_split)
        elif fields and (self.section_eval or text.startswith(_EVAL_SET)):
            # a test section's loss beside a validation section's is the test split's
            fields = _as_validation(fields, "test" if self.section_test else "val")
        if "/step" in text and fields and (m := _KERAS_STEP_TIME.search(text)):
            fields["step_time_ms"] = float(m.group(1)) * _TO_MS[m.group(2)]
        if (
            "train" in fields
            and (held := next((k for k in _HELD_OUT if k in fields), None))
            and not self._has_loss(fields)
        ):
            # Demucs: "Epoch 003: train=0.149 valid=0.216 best=0.216": the splits' losses
            fields["train_loss"] = fields.pop("train")
            fields["val_loss"] = fields.pop(held)
        if "train==[" in text and (m := _NGCF_TRAIN.search(text)):
            fields["loss"] = to_float(m.group(1))
        if "Epoch-" in text and "epoch" not in fields and (m := _EPOCH_HYPHEN.search(text)):
            fields["epoch"] = float(m.group(1))
        if "le" in fields and "eit" in fields:
            # VSE++ and the image-text matchers built on it (SCAN, GSMN): "Eit 12400  lr
            # 0.0002  Le 25.6", the iteration and the loss of the embedding
            fields["loss"], fields["iteration"] = fields.pop("le"), fields.pop("eit")
        if fields and "step" not in fields and (m := _LEADING_STEP.match(text)):
            fields["step"] = float(m.group(1) or m.group(2))  # "120: Loss 3.41 | ..."
        if "valid on '" in text and _FAIRSEQ_VALID.search(text):
            # fairseq's plain log: "| epoch 047 | valid on 'valid' subset | loss 12.413 |"
            fields = {
                (f"val_{k}" if ("loss" in k or k == "ppl") and not k.startswith("val") else k): v
                for k, v in fields.items()
            }
        if "Epoch" in text and "step" not in fields and (m := _OPENNMT_EPOCH.match(text)):
            self._epoch_batch(int(m.group(1)), int(m.group(2)), int(m.group(3)), fields)
            fields.pop("epoch", None)
        if (
            fields
            and not self._has_loss(fields)
            and any(k in fields for k in STEP_KEYS)  # its own record, not a block's line
            and _loss_from_perplexity(fields)
        ):
            self.from_perplexity = True
        elif fields and ("pl" in text or "PL" in text):  # a ppl, PPL or perplexity
            self.summed_losses |= _summed_loss(fields)
        if "Validation perplexity" in text and (m := _OPENNMT_VALID.search(text)):
            ppl = to_float(m.group(1))
            fields = {"val_loss": math.log(ppl) if ppl > 0 else math.nan}
        if "step" not in fields and (
            ("(train)" in text and (m := _MMENGINE.search(text)))
            or (" - INFO - " in text and (m := _MMCV.search(text)))
        ):
            if m.group(1) == "Iter":
                fields["step"] = float(m.group(3))
            elif m.group(2) is not None:
                self._epoch_batch(int(m.group(2)), int(m.group(3)), int(m.group(4)), fields)
        if (
            text.startswith("| epoch ")
            and "step" not in fields
            and "num_updates" not in fields  # fairseq before num_updates: batch N of M
            and (m := _FAIRSEQ_BATCH.match(text))
        ):
            self._epoch_batch(int(m.group(1)), int(m.group(2)), int(m.group(3)), fields)
        if "iter" in fields and "epoch" in fields and (m := _EPOCH_ITER_OF.search(text)):
            fields.pop("iter")
            self._epoch_batch(int(m.group(1)), int(m.group(2)), int(m.group(3)), fields)
        if self.wanted_step is None and "step" not in fields and self._has_loss(fields):
            if "epoch" not in fields and (epoch := _bracketed_epoch(text)) is not None:
                fields["epoch"] = epoch
            if "epoch" in fields:
                self._batch_step(text, fields)
        if self.wanted_step is None and self._has_loss(fields):
            self._count_keys(fields)
        if "%|" in text and (bar := BAR_POSITION.search(text)) is not None:
            self.saw_bars = True
            self._bar_fields(text, bar, fields)
        key = _step_key(fields, self.wanted_step)
        if self.header_epoch is not None and key not in (None, "epoch") and "epoch" not in fields:
            fields[_HEADER_EPOCH] = self.header_epoch  # its step may count within the epoch
        if key is not None and to_count(fields[key]) is None:
            key = None  # a step of inf, or past int64, is no step
        if key == "epoch" and fields["epoch"] in self.epoch_ends:
            # fairseq's json log: the validation record names only its epoch, whose training
            # record gave the update count it ended at
            fields["step"], key = float(self.epoch_ends[fields["epoch"]]), "step"
        elif key is not None and key != "epoch" and "epoch" in fields and self._has_loss(fields):
            self.epoch_ends[fields["epoch"]] = int(fields[key])
        if key is not None:
            step = int(fields.pop(key))
            if (
                self.carried is not None
                and step == self.last_step
                # an epoch's header after a step counted within the epoch before (PointNet's
                # "----4-----", then "**** EPOCH 004 ****") opens the next one
                and not (key == "epoch" and self.carried_epoch is not None)
            ):
                self._carry(fields)  # "Epoch 3: val_loss improved ..." inside epoch 3
                return
            if (
                step == self.last_step
                and self.records
                and self.records[-1][0] == step
                and any(k.startswith("eval_") for k in fields)
                and not self._has_loss(fields)
            ):
                # "Step 15 eval_acc: 0.278" after "Step 15 loss: 56.6": that step's evaluation
                self._into_last(fields)
                return
            if step == self.last_step and self.records and self.records[-1] == (step, fields):
                return  # the same record twice: TensorFlow logs to Python's logging and absl
            self.flush()
            self.last_step = step
            if self._has_loss(fields):
                if key == "epoch":
                    self.epoch_only.append(len(self.records))
                self.step_keys[key] += 1
                self.records.append((step, dict(fields)))
            else:
                self.carried = {}  # "Epoch 3/10" alone: the step of the lines that follow
                self.carried_key = key
                # a step counted within its header's epoch (PointNet's " ---- batch: 050 ----"
                # under "**** EPOCH 000 ****"): the records it carries keep that epoch
                self.carried_epoch = fields.get(_HEADER_EPOCH)
                if key == "epoch":
                    self.header_epoch = float(step)
            return
        if (
            self.carried is not None
            and (self._has_loss(fields) or (fields and text[:1] in " \t" and only_fields(text)))
            and not ("%|" in text and self.carried and _REDRAW.search(text))
        ):
            # Keras: the step's metrics come on later lines; OLMo: indented key=value lines
            # under its "[step=N/M,epoch=E]" line
            self._carry(fields)
            return
        if fields and "step" not in fields and _SPLIT_LINE.match(text):
            # simple-nmt: "Validation - loss=3.92e+00 ppl=50.36 best_loss=4.17e+00 ...": the
            # line's loss is the validation's (its running best is not a measurement);
            # MiniLLM: "dev | avg_loss: 2.17 | {'exact_match': 2.6, ...}"
            loss = next((k for k in ("loss", "avg_loss", "mean_loss") if k in fields), None)
            if loss is not None:
                fields = {
                    "val_loss" if k == loss else f"val_{k}": v
                    for k, v in fields.items()
                    if k in (loss, "ppl", "perplexity")
                }
        if fields and self.records and self.records[-1][0] == self.last_step:
            record = self.records[-1][1]
            losses = [k for k in fields if _LOSS.search(k)]
            if losses and all(_VAL_KEY.match(k) for k in losses) and not set(losses) & set(record):
                # "Average Val Loss: 2.99, ..." under its epoch's line; its other fields where
                # the line before has none of that name
                for name, value in fields.items():
                    record.setdefault(name, value)
                return
        if (
            self.last_step is None
            and self.wanted_step is None
            and sum(bool(_LOSS.search(k)) for k in fields) >= 2
        ):
            # "train_loss: 4.398,val_loss: 4.263, val_perplexity: 71.04": an evaluation's
            # record (two losses) with no step on the line
            self.unnumbered.append(dict(fields))
            return
        event = make_event(line_no, text, self.last_step, plain=None)
        if event is not None:
            self.events.append(event)
            if self.last_step is None and self.unnumbered:
                self.after_unnumbered.append((event, len(self.unnumbered)))

    def loss_steps(self) -> int:
        """How many steps a loss was read at."""
        return len({step for step, fields in self.records if self._has_loss(fields)})

    def _bar_fields(self, text: str, bar: re.Match[str], fields: dict[str, float]) -> None:
        """A progress bar's label reads as a field of its percentage ("steps:   5%|▊  |"): not a
        value. In the pass over a log whose losses are only in its bars' postfix, the bar's
        position is the step: "steps:   5%|▊  | 100/2000 [00:57<18:14, avr_loss=0.0725]" is
        step 100 (at 0 the postfix is the bar's initial state, before any step; a redraw at
        the last step's position updates that step: tqdm sets the postfix after the step)."""
        if label := _BAR_LABEL.search(text, max(0, bar.start() - 40), bar.start() + 5):
            key = label.group(1).lower()
            if fields.get(key) == float(label.group(2)):
                del fields[key]
        if not self.bars or self.wanted_step is not None or "epoch" in fields:
            return
        position = int(bar.group(1))
        if position == 0 or not self._has_loss(read_fields(text[bar.end() :])):
            return
        if self.records and self.records[-1][0] == position == self.last_step:
            self.records[-1][1].update(fields)  # redrawn after the step: its updated postfix
            fields.clear()
            return
        fields["step"] = float(position)

    def _section(self, fields: dict[str, float]) -> str | None:
        """A section header's epoch ("Eval epoch: 3") is the step of the lines under it, and
        its split names their losses; an epoch line of its own ends an evaluation's section.
        A header with its own loss ("Evaluation Epoch 0 - Average Loss: 3.91") is a record,
        not a section: the split it names (val, test) is returned for that line alone."""
        for key in fields:
            if m := _SECTION_EPOCH.match(key):
                fields["epoch"] = fields.pop(key)
                if self._has_loss(fields):
                    self.section_eval = self.section_fresh = False
                    return None if m.group(1) else "test" if key.startswith("test") else "val"
                self.section_eval = m.group(1) is None
                self.section_test = key.startswith("test")
                self.section_fresh = True
                return None
        if "epoch" in fields and not self.section_fresh:
            self.section_eval = False
        # the first line under the header may name its own epoch ("=== validate epoch 1
        # ===" then "Epoch 0 | avg_loss = 0.355"): it is the section's line, the next is not
        self.section_fresh = False
        return None

    def _batch_step(self, text: str, fields: dict[str, float]) -> None:
        """A step counted in batches where the log prints the batch within its epoch: batch
        N of epoch E is step (E - first epoch) x M + N, M batches an epoch; the end of epoch
        E (its validation) is the step of its last batch."""
        if m := (
            _EPOCH_BATCHES.search(text)
            or _EPOCH_BRACKETS.search(text)
            or _EPOCH_STEP.search(text)
            or _EPOCH_BATCH_OF.search(text)
            or _DASSL_EPOCH.search(text)
            or _METRIC_LOGGER.search(text)
            or _TRAIN_EPOCH_AT.search(text)
            or _PADDLECLAS_ITER.search(text)
            # the bar's batch, unless the bar states the trainer's own step (NeMo's global_step)
            or ("global_step" not in fields and _LIGHTNING_BAR_AT.search(text))
        ):
            epoch, batch, per_epoch = (int(g) for g in m.groups())
            self._epoch_batch(epoch, batch, per_epoch, fields)
        elif self.per_epoch and (m := _END_OF_EPOCH.search(text)):
            fields["step"] = float((int(m.group(1)) - self.first_epoch + 1) * self.per_epoch)

    def _epoch_batch(
        self, epoch: int, batch: int, per_epoch: int, fields: dict[str, float]
    ) -> None:
        """Batch N of M in epoch E: step (E - the first epoch) x M + N."""
        if self.per_epoch is None:
            self.first_epoch = min(epoch, 1)
        if per_epoch > 0 and batch <= per_epoch:
            self.per_epoch = per_epoch
            fields["step"] = float((epoch - self.first_epoch) * per_epoch + batch)
            if batch <= 1:
                fields[FIRST_BATCH] = 1.0

    def _count_keys(self, fields: dict[str, float]) -> None:
        self.metric_lines += 1
        for k in STEP_KEYS:
            if k in fields:
                if fields[k] > self.key_last.get(k, math.inf):
                    self.key_forward[k] = self.key_forward.get(k, 0) + 1
                self.key_last[k] = fields[k]

    def finer_key(self) -> str | None:
        """A step key that moves forward on every metric line where the first one found
        repeats: litgpt's ``iter 1152 step 144: loss ...`` counts micro-batches in ``iter``
        and optimizer steps in ``step``, and each micro-batch's loss is its own point."""
        keys = [k for k in STEP_KEYS if k in self.key_last]
        if len(keys) < 2 or self.metric_lines < 3:
            return None
        moves = self.metric_lines - 1
        first = self.key_forward.get(keys[0], 0)
        return next(
            (k for k in keys[1:] if self.key_forward.get(k, 0) == moves and first < moves),
            None,
        )

    def _has_loss(self, fields: dict[str, float]) -> bool:
        return any(_LOSS.search(k) or k in self.loss_keys for k in fields)

    def _table_row(self, text: str) -> bool:
        """A header of column names, then rows of numbers: a printed table or TSV, or
        numpy.savetxt's columns split by spaces under a "# epoch train_loss" header."""
        if self.header is not None and not text.strip():
            return True  # a blank line between rows (a CSV written "\r\r\n" on Windows)
        if text[:1] == "#" and _spaced_header(text[1:]):
            self.header, self.spaced = text[1:].lower().split(), True
            self.scales, self.aligned = [1.0] * len(self.header), None
            return True
        if text[:1] in "eEiIsS" and (aligned := _aligned_header(text)) is not None:
            self.header = [name for name, _ in aligned]
            self.aligned, self.spaced = [start for _, start in aligned], False
            self.scales = [1.0] * len(self.header)
            return True
        if (
            text[:1] in "eEiIsS"
            and self.header is None
            and not _TABLE_SPLIT.search(text)  # a tab, comma or semicolon: split by those
            and _spaced_header(text)
            and text.split()[0].lower() in _ALIGNED_FIRST
        ):
            # a printed table's header, its names right-aligned over their columns (so
            # one space apart): "epoch train_loss train_acc  val_loss ..."
            self.header, self.spaced = text.lower().split(), True
            self.scales, self.aligned = [1.0] * len(self.header), None
            return True
        if self.aligned is not None:
            row = _aligned_cells(text, self.aligned)
            if row is None:
                return False  # a warning between rows: the table goes on under its header
            cells = row
        elif self.spaced:
            cells = text.split()
            if self.header is not None and len(cells) > len(self.header):
                extra = cells[len(self.header) :]
                if not any(_cell_fields("note", c) for c in extra):
                    cells = cells[: len(self.header)]  # a note after the row: "* saved"
            if not all(_cell_fields("cell", c) for c in cells):
                return False  # words under the table ("Best validation accuracy: 64.9% ...")
        else:
            cells = [c.strip() for c in _TABLE_SPLIT.split(text)]
        if len(cells) > 2 and not cells[-1] and self.aligned is None:
            cells.pop()  # "step; loss;": a separator at the end of each line
        if len(cells) < 2:
            self.header = None
            return False
        # a DataFrame written with its index (pandas' to_csv default): a header cell with no
        # name, then the row's number in that column; the rows are numbered by order instead
        indexed = len(cells) > 2 and not cells[0] and "," in text
        names = cells[1:] if indexed else cells
        if (
            all(_IDENTIFIER.match(c) for c in names)
            or (
                ("," in text or ";" in text or "\t" in text)
                and all(_COLUMN_NAME.match(c) for c in names)
            )
        ) and classify(text) is None:  # "Loss is inf, stopping training" is no header
            columns = [_column(_HYPHENATED.sub(r"\1 \2", c).lower()) for c in names]
            self.header, self.scales = [key for key, _ in columns], [f for _, f in columns]
            self.spaced, self.indexed, self.aligned = False, indexed, None
            return True
        if self.indexed:
            cells = cells[1:]
        if self.header is None or len(cells) != len(self.header):
            return False
        fields: dict[str, float] = {}
        for name, scale, cell in zip(self.header, self.scales, cells, strict=True):
            if cell.startswith("tensor(") and (m := _TENSOR_CELL.match(cell)):
                cell = m.group(1)  # a tensor written as it prints: "tensor(2.4930)"
            try:
                fields[name] = float(cell) * scale
            except ValueError:
                if self.spaced:
                    fields.update(_cell_fields(name, cell))  # a number with its unit
                continue  # a text cell (the model's name) or an empty one: not a metric
        if len(fields) < 2:
            return False
        key = _step_key(fields, self.wanted_step)
        if key is None and self._unnumbered_table(fields):
            # Keras' history saved with pandas (`to_csv(index=False)`): a row per epoch, no
            # column for it; the k-th row is epoch k
            fields["epoch"], key = float(self.table_rows + 1), "epoch"
            self.numbered_by_order = True
        if key is None or to_count(fields[key]) is None:
            return False  # no step, or one of NaN, inf or past int64
        self.table_rows += 1
        step = int(fields.pop(key))
        self.last_step = step
        self.step_keys[key] += 1
        self.records.append((step, fields))
        return True

    def _unnumbered_table(self, fields: dict[str, float]) -> bool:
        """A table whose header names a loss and no step column at all (nor --map's)."""
        return (
            self.wanted_step is None
            and self.table_rows == len(self.records)  # every record so far is such a row
            and self._has_loss(fields)
            and not any(_step_key({k: 0.0}, None) for k in fields)
        )

    def _carry(self, fields: dict[str, float]) -> None:
        assert self.carried is not None
        self.carried_lines += 1
        has_val = any(k.startswith(("val", "valid")) for k in self.carried)
        if has_val and not any(k.startswith(("val", "valid")) for k in fields):
            return  # the step's full line is in; a bare loss after it is an evaluate() line
        self.carried.update(fields)

    def flush(self) -> None:
        if self.carried and self.last_step is not None:
            if self.carried_epoch is not None:
                self.carried.setdefault(_HEADER_EPOCH, self.carried_epoch)
            self.records.append((self.last_step, self.carried))
            if self.carried_key is not None:
                self.step_keys[self.carried_key] += 1
        self.carried = None
        self.carried_key = None
        self.carried_epoch = None

    def rebase_epoch_steps(self) -> None:
        """A step counted within each epoch ("epoch: 2 step: 41 loss: ..."): it goes back
        only where the epoch moves on, every time. Each epoch's first log is placed one
        logging interval after the last log of the epoch before (the epoch's length is not
        printed, so the axis is off by less than an interval per epoch); read as they are,
        every epoch looked like a relaunch of the run. Only the last run of the log is
        placed (the one analysed): an earlier launch's epochs start over before it."""
        epochs = np.fromiter(
            (f.get("epoch", f.pop(_HEADER_EPOCH, math.nan)) for _, f in self.records),
            float,
            len(self.records),
        )
        start = self.run_starts[-1][1]
        last = self.records[start:]
        steps = np.fromiter((s for s, _ in last), float, len(last))
        placed = steps_across_epochs(steps, epochs[start:])
        if placed is None:
            return
        self.records[start:] = [
            (int(step), fields) for step, (_, fields) in zip(placed.tolist(), last, strict=True)
        ]
        for (within, fields), epoch in zip(last, epochs[start:].tolist(), strict=True):
            if math.isfinite(epoch):
                fields.setdefault("epoch", epoch)  # a header's epoch: the axis fixes count in
            if within <= 1:
                fields[FIRST_BATCH] = 1.0  # the count within its epoch: its first batch
        self.epoch_counted = True

    def number_by_order(self) -> None:
        """A log whose evaluation lines (a training and a validation loss each) never name a
        step: the k-th line is point k (its interval is unknown), when no line names one
        and there are at least three."""
        if not self.records and len(self.unnumbered) >= 3:
            self.records = [(k, fields) for k, fields in enumerate(self.unnumbered, start=1)]
            self.numbered_by_order = True
            for event, seen in self.after_unnumbered:
                event.step = seen  # an error after the k-th line came at point k

    def finish(self) -> None:
        self.flush()
        self.number_by_order()
        self.rebase_epoch_steps()
        if self.epoch_ends and self.epoch_only:
            # an epoch number is not a step where other records count updates: a record
            # with only its epoch, before any epoch's update count was seen, has no place
            drop = set(self.epoch_only)
            self.records = [r for i, r in enumerate(self.records) if i not in drop]
            self.unplaced = len(drop)


def _split_segments(text: str) -> dict[str, float] | None:
    """A line of ``|``-separated segments, each opened by its split: GAT's "Training: loss =
    1.69535, acc = 0.45714 | Val: loss = 1.94518, acc = 0.32400 | Time: 16.73" is a training
    and a validation loss ("train_loss", "val_loss"), not one "loss"; None unless two or
    more segments name a split."""
    found: dict[str, float] = {}
    splits = 0
    for m in _SPLIT_SEGMENT.finditer(text):
        prefix = _SPLIT_PREFIX[m.group(1).lower()]
        fields = read_fields(m.group(2))
        splits += bool(fields)
        found.update({f"{prefix}_{k}": v for k, v in fields.items()})
    return found if splits >= 2 else None


_TERM = re.compile(r"[-+]?(?:\d{1,20}(?:\.\d{0,20})?(?:[eE][-+]?\d{1,3})?|nan|inf)")


def _summed_terms(listed: str) -> float | None:
    """The sum of "5.93e-04, 2.51e-06, 5.36e-04": None unless each term is a number."""
    terms = [term.strip() for term in listed.split(",")]
    if not all(_TERM.fullmatch(term) for term in terms):
        return None
    values = [to_float(term) for term in terms]
    return math.nan if any(map(math.isnan, values)) else sum(values)


def _as_validation(fields: dict[str, float], split: str = "val") -> dict[str, float]:
    """The fields of a line in an evaluation's section: its loss is the split's loss (the
    validation loss, or the test loss that stands in for it where no validation is read)."""
    losses = [k for k in fields if _TRAIN_LOSS.match(k)]
    if not losses:
        return fields
    name = {losses[0]: f"{split}_loss"} if len(losses) == 1 else {k: f"{split}_{k}" for k in losses}
    return {name.get(k, k): v for k, v in fields.items()}


_RETURN_KEYS = ("return", "reward", "episode_reward", "episode_return", "ep_reward", "ep_return")


def _reinforcement(records: list[tuple[int, dict[str, Any]]]) -> bool:
    """Most loss records (of the first thousand) count an episode and its return or reward:
    an RL agent's log."""
    with_loss = (f for _, f in records if any(_LOSS.search(k) for k in f))
    losses = list(itertools.islice(with_loss, 1000))
    counted = sum(1 for f in losses if "episode" in f and any(k in f for k in _RETURN_KEYS))
    return bool(losses) and counted * 2 > len(losses)


def _loss_unit(records: list[tuple[int, dict[str, Any]]]) -> str | None:
    """bits or nats, when the log prints a perplexity beside its loss: ppl = 2^loss is bits
    (fairseq), e^loss is nats."""
    ratios = []
    for _, fields in records:
        for prefix in ("", "valid_", "val_"):
            loss = fields.get(f"{prefix}nll_loss", fields.get(f"{prefix}loss"))
            ppl = fields.get(f"{prefix}ppl")
            if isinstance(loss, float) and isinstance(ppl, float) and loss > 0.1 and ppl > 1:
                ratios.append(math.log(ppl) / loss)
    if not ratios:
        return None
    middle = sorted(ratios)[len(ratios) // 2]
    if abs(middle - math.log(2)) < 0.005:
        return "bits"
    if abs(middle - 1.0) < 0.005:
        return "nats"
    return None


PRINTED_CONFIG_HEAD = 1 << 18  # a config printed at start-up is in the log's first 256 KiB
PRINTED_CONFIG_LINES = 2000
PRINTED_CONFIG_TRIES = 16  # objects parsed at most: the search stays linear in the head
# the first line of a JSON object printed across lines: "{" at its end, after a log prefix
_OBJECT_OPENS = re.compile(r"(?:^|\s-\s|\]\s|\sINFO\s)\{\s*$")


def _printed_config(path: Path) -> tuple[dict[str, Any], int] | None:
    """A run's config that the script printed at start-up as an indented JSON object
    (``json.dumps(config, indent=4)``, wordplay's nested train/model/optimizer dump): its
    values flattened, and the line it starts at. Only an object that names two or more of
    the keys capdiag knows (max_iters, learning_rate, ...) is a config."""
    with path.open("rb") as handle:
        head = handle.read(PRINTED_CONFIG_HEAD).decode("utf-8", errors="replace")
    lines = head.splitlines()
    logged = _logged_config(lines)
    if logged is not None:
        return logged
    closes = [i for i, line in enumerate(lines) if line.rstrip() == "}"]
    known = {alias for aliases in CONFIG_KEYS.values() for alias in aliases}
    tries = 0
    for start, line in enumerate(lines):
        if not line.endswith("{") or not _OBJECT_OPENS.search(line):
            continue
        at = bisect.bisect_right(closes, start)  # the first "}" line after the opening
        if at == len(closes):
            return None  # no object opened from here on closes
        end = closes[at]
        if end - start >= PRINTED_CONFIG_LINES:
            continue
        tries += 1
        if tries > PRINTED_CONFIG_TRIES:
            return None
        try:
            data = json.loads("\n".join(["{", *lines[start + 1 : end + 1]]))
        except (ValueError, RecursionError):
            continue
        if not isinstance(data, dict):
            continue
        values = flatten(data)
        if sum(re.split(r"[./]", key)[-1] in known for key in values) >= 2:
            if all(isinstance(v, str) for v in values.values()):
                values = {k: _unquoted(v) for k, v in values.items()}
            return values, start + 1
    return None


def _unquoted(value: str) -> Any:
    """A value of a config dumped with every value a string (FuxiCTR's "learning_rate":
    "0.001"): its number or truth value, else the string."""
    if _NUMBER.fullmatch(value):
        return int(value) if value.lstrip("-").isdigit() else float(value)
    return {"True": True, "False": False}.get(value, value)


def _logged_config(lines: list[str]) -> tuple[dict[str, Any], int] | None:
    """fairseq's config, logged at start-up as one Python dict after the logger's prefix
    ("[...][fairseq_cli.train][INFO] - {'_name': None, 'common': {...}, ...}"): read as a
    literal, never run; its values flattened, one-element lists (``'lr': [3e-05]``) as
    their element, and the line it is on."""
    for number, line in enumerate(lines[:PRINTED_CONFIG_LINES], 1):
        if not line.endswith("}") or "{'_name'" not in line[:200]:
            continue
        logged = _LOGGED_JSON.match(line)
        if logged is None:
            continue
        try:
            data = ast.literal_eval(line[logged.end() :])
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            return None
        if not isinstance(data, dict):
            return None
        values = {
            key: value[0] if isinstance(value, list) and len(value) == 1 else value
            for key, value in flatten(data, sep=".").items()
        }
        if values.get("optimization.max_update") == 0:
            del values["optimization.max_update"]  # no limit: max_epoch ends the run
        return values, number
    return None


def _skip_hole(handle: BinaryIO) -> None:
    """Past the NUL bytes a log emptied under a writer that kept its offset starts with (no
    newline among them: the first line goes on after them)."""
    start = 0
    while (chunk := handle.read(1 << 16)) and not chunk.lstrip(b"\x00"):
        start += len(chunk)
    handle.seek(start + len(chunk) - len(chunk.lstrip(b"\x00")))


def _read(path: Path, reader: _Reader) -> _Reader:
    with path.open("rb") as handle:
        _skip_hole(handle)
        for line_no, raw in enumerate(bounded_lines(handle), start=1):
            # progress bars redraw with carriage returns: each redraw is a line
            for text in raw.decode("utf-8", errors="replace").rstrip("\r\n").split("\r"):
                reader.line(line_no, text)
    reader.finish()
    return reader


def load(path: Path, ctx: LoadContext) -> Run:
    return load_with_records(path, ctx)[0]


def load_with_records(path: Path, ctx: LoadContext) -> tuple[Run, list[tuple[int, dict[str, Any]]]]:
    """The run, and the (step, fields) records it was built from (for a format that reads
    more from them: OLMo)."""
    metric_map = {
        ("train_loss" if k == "loss" else k): v.lower() for k, v in ctx.metric_map.items()
    }
    losses = frozenset(v.lower() for k, v in ctx.metric_map.items() if "loss" in k)
    reader = _passes(lambda r: _read(path, r), ctx.metric_map.get("step"), losses)
    records = reader.records
    runs = len(reader.run_starts)
    if runs > 1:
        line, index = reader.run_starts[-1]
        records = records[index:]
        # the events after the run before it ended (its last record, and the error it
        # stopped on, if any) belong to this run: its start-up warnings
        gap = reader.last_run_gap
        start = max(
            (e.line + 1 for e in reader.events if gap <= e.line < line and e.kind in CRASH_KINDS),
            default=gap,
        )
        reader.events = [e for e in reader.events if e.line >= start]
    series, notes = series_from_records(records, metric_map, "text")
    if runs > 1:
        lines = ", ".join(str(start) for start, _ in reader.run_starts[1:])
        notes.insert(
            0,
            f"the log holds {runs} runs (the steps and the loss start over at line {lines}): "
            f"the last, from line {line}, is analysed",
        )
    unit = _loss_unit(records)
    for s in series.values():
        if reader.lightning_bar and s.mode == "train-batch" and "_epoch'" not in s.description:
            # a step-level metric in Lightning's bar: the last batch's value of each epoch
            s.description += "; Lightning's progress bar: the epoch's last batch"
        else:
            s.description += "; the log's averaging is unknown"
            if s.mode == "train-batch":
                s.mode = None
    config: Config | None = config_file(ctx)
    if config is None:
        printed = _printed_config(path) if records else None
        layers = [("log", printed[0])] if printed is not None else []
        config = generic_config(layers, ctx.sets, None, None)
        if printed is not None:
            notes.append(f"config: the object the script printed at line {printed[1]}")
    # SpeechBrain's own summary lines, one per epoch, are most of its metric lines
    speechbrain = reader.speechbrain_lines >= max(2, len(records) // 2)
    framework = SPEECHBRAIN_LOG if speechbrain else "text log (key: value fields)"
    if any("train_lr" in fields and "test_acc1" in fields for _, fields in records[:100]):
        framework = DEIT_LOG  # {"train_lr": ..., "train_loss": ..., "test_acc1": ...}
    run = Run(source=str(path), format=NAME, framework=framework, config=config)
    run.messages_read = True
    run.series = series
    run.loss_parts = loss_parts((k for _, fields in records for k in fields), series)
    run.events = reader.events
    run.notes = notes
    run.runs_in_log = runs
    run.dims = dims_from_config(config)
    run.steps_start_at_zero = starts_at_zero(series)
    run.reinforcement = _reinforcement(records)
    if run.reinforcement:
        run.notes.append(
            "its loss lines count episodes and returns: a reinforcement-learning run, whose "
            "loss is a value (TD) loss"
        )
    counted = reader.step_keys.most_common(1)
    if counted and counted[0][0] == "epoch" and not reader.unplaced:
        # the log counts epochs: a fix to the run's length is a number of epochs
        config.native_keys.setdefault("max_iters", "epochs")
    if reader.epoch_counted:
        run.steps_estimated = True
        run.notes.append(
            "the step counts within each epoch: each epoch's first log is placed one logging "
            "interval after the last of the epoch before (its length is not printed)"
        )
    if reader.numbered_by_order:
        run.notes.append(
            "no metric line names a step: the k-th line is read as step k (the real interval "
            "is unknown: pass --map step=KEY if a field holds it)"
        )
    if reader.unplaced:
        run.notes.append(
            f"{reader.unplaced} record(s) name only their epoch, where the others count "
            "updates: not placed on the step axis"
        )
    if reader.from_perplexity:
        run.notes.append(
            "lines that print a perplexity and no loss: the loss is its natural log (in nats)"
        )
    if reader.summed_losses:
        run.notes.append(
            "a printed training loss is not the log of the perplexity beside it (a sum over "
            "each example's tokens): the loss read is the perplexity's natural log, the mean "
            "over tokens"
        )
    if unit == "bits":
        run.loss_unit = "bits"
        run.notes.append("the printed perplexity is 2^loss: losses are in bits, converted to nats")
    if not records:
        run.notes.append(
            "no metric lines: read for its errors only (name the keys with --map step=KEY,loss=KEY)"
        )
    return run, records
