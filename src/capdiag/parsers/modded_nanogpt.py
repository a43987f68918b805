"""KellerJordan/modded-nanogpt record logs: the training script's source, then its output.

Semantics, as ``train_gpt.py`` prints them (checked in the 2024-11-19 FlexAttention and the
2026-07-17 record scripts, which are the text at the top of each log):

- ``step:N/M train_loss:X train_time:Tms step_avg:Ams`` (records up to late 2024): ``N`` is
  ``step+1``, the N-th optimizer step. ``train_loss`` is the loss of the *last* micro-batch
  on rank 0 only (``train_loss = loss.detach()``; the all-reduce is commented out), so it is
  a noisy single-batch figure. Newer records print ``step:N/M train_time:... step_avg:...``
  without a loss.
- ``train_time`` is cumulative training time in ms; the clock stops during validation and
  checkpointing. Older scripts reset it to 0 at the start of step 10 (the first ten steps
  include compilation) and print ``step_avg:nanms`` until step 11; newer ones warm up before
  the clock starts. ``step_avg`` is ``train_time`` / timed steps.
- ``step:N/M val_loss:X ...``: the mean loss over ``val_tokens`` of validation data, all-
  reduced over ranks, after ``N`` updates (``step:0`` is before training).

The step time series is the difference of consecutive ``train_time`` values over the steps
between them (the value itself where the clock was reset). Config values come from the
script text read with ``ast`` (never executed): the ``Hyperparameters`` class, module-level
constants and the ``GPT(...)`` / ``GPTConfig(...)`` call. ``batch_size`` there is the global
batch in sequences; it is stored as ``global_batch_size`` and the canonical ``batch_size``
is the script's ``device_batch_size``, with ``gradient_accumulation_steps`` = global /
device batch (micro-batches per update summed over all GPUs, nanoGPT's convention). When the
script uses FlexAttention the attention span is not the sequence length, so no `ModelDims`
are set (their FLOP estimate would count attention over the whole 64K-token sequence).
"""

from __future__ import annotations

import ast
import operator
import re
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from capdiag.arithmetic.params import ModelDims
from capdiag.config import ValueBudgetError, binary_op
from capdiag.messages import make_event
from capdiag.parsers import LoadContext
from capdiag.parsers.fields import layout, to_float
from capdiag.run import Config, Event, Reported, Run, Series

NAME = "modded_nanogpt"

# the step line read by its fields as printed (capdiag.parsers.fields); train_time in ms
# (most records) or in seconds (track 3's train_gpt_simple.py)
_STEP = re.compile(
    layout("step:{step:int}/{max:int} {kind:word}:{loss}").pattern
    # a record's other losses after the first ("val_malbo_loss:10.83"): passed over
    + rb"(?: [A-Za-z_]\w{0,40}:\S{1,40}){0,8}"
    + layout(" train_time:{time} step_avg:{avg}ms", anywhere=True).pattern
)
_STEP_BARE = layout("step:{step:int}/{max:int} train_time:{time} step_avg:{avg}ms")
_LOSS_KINDS = (None, b"train_loss", b"val_loss")
_SEP = "=" * 100
# newer logs append further source files, each under a "----\n# name.py\n----" banner
_FILE_SECTION = re.compile(r"^-{20,}\n# \S+\.py\n-{20,}$", re.M)
_GPU_ROW = re.compile(r"^\|\s+\d+\s+(NVIDIA [^|]*?|Tesla [^|]*?)\s{2,}\S+\s+\|")
# train_time in ms (most records) or in seconds (track 3's train_gpt_simple.py)
SNIFF = re.compile(
    rb"^step:\d+/\d+ (?:(?:train|val)_loss:\S+ )?train_time:[\d.]+m?s step_avg:", re.M
)

_BINOPS: dict[type[ast.operator], Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Pow: operator.pow,
    ast.Mod: operator.mod,
}

# canonical name <- the script's own name
_HYPER_MAP = {
    "batch_size": "device_batch_size",
    "block_size": "sequence_length",
    "max_iters": "num_iterations",
    "warmup_iters": "warmup_iters",
    "weight_decay": "weight_decay",
    "learning_rate": "learning_rate",
}
_MODEL_MAP = {
    "n_layer": ("n_layer", "num_layers"),
    "n_head": ("n_head", "num_heads"),
    "n_embd": ("n_embd", "model_dim"),
    "vocab_size": ("vocab_size",),
}


def sniff(path: Path, head: bytes) -> int:
    return 95 if SNIFF.search(head) else 0


class _Eval:
    """Evaluates literal arithmetic over known names; anything else is unknown (None)."""

    def __init__(self) -> None:
        self.names: dict[str, Any] = {}
        self.args: dict[str, Any] = {}

    def __call__(self, node: ast.expr) -> Any:
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float | str | bool):
            return node.value
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            value = self(node.operand)
            return -value if isinstance(value, int | float) else None
        if isinstance(node, ast.BinOp) and type(node.op) in _BINOPS:
            left, right = self(node.left), self(node.right)
            if isinstance(left, int | float) and isinstance(right, int | float):
                try:
                    return binary_op(node.op, left, right)  # config's value budget
                except ValueBudgetError:
                    return None
            return None
        if isinstance(node, ast.Name):
            return self.names.get(node.id)
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "args"
        ):
            return self.args.get(node.attr)
        return None


def _script_text(lines: list[str]) -> tuple[str | None, int]:
    """The source that heads the log (up to the first 100-'=' line after some code), and
    the index of the line after it."""
    start = 1 if lines and lines[0] == _SEP else 0
    for i in range(start, len(lines)):
        if lines[i] == _SEP:
            code = any(line.startswith(_CODE_STARTS) for line in lines[start : min(i, start + 50)])
            # a log without the echoed source opens on the environment block instead
            return ("\n".join(lines[start:i]), i + 1) if i > start and code else (None, 0)
    return None, 0


def record_script(text: str) -> str | None:
    """The script that heads a record (its source, a line of 100 '=', then its output)."""
    return _script_text(text.splitlines())[0]


_CODE_STARTS = ("import ", "from ", "def ", "class ", "os.environ", "with open(sys.argv")


def read_script(text: str) -> tuple[dict[str, Any], dict[str, Any], list[str]]:
    """Hyperparameters and model arguments the script states, without running it.

    Only the first file is read (later ones are kernels and helpers)."""
    notes: list[str] = []
    main_file = _FILE_SECTION.split(text, maxsplit=1)[0]
    try:
        with warnings.catch_warnings():  # e.g. invalid escapes in the record's own source
            warnings.simplefilter("ignore")
            module = ast.parse(main_file)
    except SyntaxError as exc:
        return {}, {}, [f"the script text in the log is not valid Python (line {exc.lineno})"]
    except (MemoryError, RecursionError):  # the parser's stack: nesting too deep
        return {}, {}, ["the script text in the log is nested too deeply to parse"]
    ev = _Eval()
    hyper: dict[str, Any] = {}
    model: dict[str, Any] = {}
    for stmt in module.body:
        if isinstance(stmt, ast.ClassDef) and stmt.name == "Hyperparameters":
            for item in stmt.body:
                target: ast.expr | None = None
                value: ast.expr | None = None
                if isinstance(item, ast.AnnAssign) and item.value is not None:
                    target, value = item.target, item.value
                elif isinstance(item, ast.Assign) and len(item.targets) == 1:
                    target, value = item.targets[0], item.value
                if isinstance(target, ast.Name) and value is not None:
                    result = ev(value)
                    if result is not None:
                        hyper[target.id] = result
                        ev.args[target.id] = result
        elif isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            name = stmt.targets[0]
            if isinstance(name, ast.Name):
                result = ev(stmt.value)
                if result is not None:
                    ev.names[name.id] = result
        for node in ast.walk(stmt):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("GPT", "GPTConfig")
                and node.keywords
            ):
                for kw in node.keywords:
                    if kw.arg is not None and not isinstance(kw.value, ast.Call):
                        result = ev(kw.value)
                        if result is not None:
                            model[kw.arg] = result
    model["_tied"] = any(_ties_head(node) for node in ast.walk(module))
    return hyper, model, notes


def _ties_head(node: ast.AST) -> bool:
    """``a.lm_head.weight = b.wte.weight`` (either way round): the head shares the embedding."""
    if not (isinstance(node, ast.Assign) and len(node.targets) == 1):
        return False
    left, right = node.targets[0], node.value
    if not (isinstance(left, ast.Attribute) and isinstance(right, ast.Attribute)):
        return False
    if left.attr != "weight" or right.attr != "weight":
        return False
    names = {ast.unparse(left.value), ast.unparse(right.value)}
    return any("lm_head" in n for n in names) and any("wte" in n or "embed" in n for n in names)


def load(path: Path, ctx: LoadContext) -> Run:
    raw_bytes = path.read_bytes()
    lines = raw_bytes.decode("utf-8", errors="replace").split("\n")
    script, body_start = _script_text(lines)
    train: list[tuple[int, float, float]] = []
    val: list[tuple[int, float]] = []
    events: list[Event] = []
    max_iters: int | None = None
    gpus: list[str] = []
    last_step: int | None = None
    for idx in range(body_start, len(lines)):
        text, line_no = lines[idx].rstrip("\r"), idx + 1
        raw = text.encode("utf-8", errors="replace")
        m = (_STEP.match(raw) or _STEP_BARE.match(raw)) if raw.startswith(b"step:") else None
        if m and m.groupdict().get("kind") in _LOSS_KINDS and m["time"].endswith(b"s"):
            step = int(m["step"])
            max_iters = int(m["max"])
            last_step = step
            kind = m.groupdict().get("kind")
            if kind == b"val_loss":
                val.append((step, to_float(m["loss"])))
            else:
                value = to_float(m["loss"]) if kind == b"train_loss" else float("nan")
                time = m["time"]
                seconds = not time.endswith(b"ms")
                train_time = to_float(time[: -1 if seconds else -2])
                train.append((step, value, train_time * (1000.0 if seconds else 1.0)))
            continue
        if g := _GPU_ROW.match(text):
            gpus.append(g.group(1).strip())
            if len(gpus) == 1:
                events.append(Event(line=line_no, kind="info", text=text.strip()[:500]))
            continue
        if not text.strip() or text.startswith(("|", "+", "=")):
            continue
        event = make_event(line_no, text, last_step, plain="info")
        if event is not None:
            events.append(event)

    run = Run(source=str(path), format=NAME, framework="modded-nanogpt", config=Config())
    run.messages_read = True
    run.steps_start_at_zero = False
    run.events = events
    _config(run, script, max_iters)
    if gpus:
        run.num_gpus, run.num_gpus_source = len(gpus), "log"  # nvidia-smi's table
    if train:
        steps = np.array([t[0] for t in train], dtype=np.int64)
        loss = np.array([t[1] for t in train], dtype=np.float64)
        clock = np.array([t[2] for t in train], dtype=np.float64)
        diff = np.diff(clock, prepend=0.0)
        gap = np.maximum(np.diff(steps, prepend=0), 1)  # steps between logs (500 in some)
        # the clock was reset (step 10 in older scripts, which log every step)
        dt = np.where(diff < 0, clock, diff / gap)
        if np.isfinite(loss).any():
            run.series["train_loss"] = Series(
                name="train_loss",
                steps=steps,
                values=loss,
                mode="train-batch",
                dropout_active=False,
                description="train_loss: last micro-batch's loss on rank 0 (not all-reduced)",
            )
        run.series["step_time_ms"] = Series(
            name="step_time_ms",
            steps=steps,
            values=dt,
            description="difference of consecutive train_time values (val time excluded)",
        )
        run.series["train_time_ms"] = Series(
            name="train_time_ms",
            steps=steps,
            values=clock,
            description="train_time as printed: cumulative training ms (reset at step 10 "
            "in older scripts)",
        )
    if val:
        run.series["val_loss"] = Series(
            name="val_loss",
            steps=np.array([v[0] for v in val], dtype=np.int64),
            values=np.array([v[1] for v in val], dtype=np.float64),
            mode="eval",
            dropout_active=False,
            description="val_loss: mean over val_tokens of validation data, all ranks",
        )
    return run


def _config(run: Run, script: str | None, max_iters: int | None) -> None:
    c = run.config
    c.values["dropout"], c.origins["dropout"] = 0.0, "modded-nanogpt (no dropout)"
    if script is None:
        run.notes.append("no training-script text at the top of the log: config unknown")
    hyper, model, notes = read_script(script) if script else ({}, {}, [])
    run.notes.extend(notes)
    for key, value in hyper.items():
        if key == "batch_size":
            c.values["global_batch_size"], c.origins["global_batch_size"] = value, "log-script"
            continue
        c.values[key], c.origins[key] = value, "log-script"
    for canon, native in _HYPER_MAP.items():
        if native in hyper:
            c.values[canon], c.origins[canon] = hyper[native], "log-script"
            c.native_keys[canon] = native
    if max_iters is not None and "max_iters" not in c.values:
        c.values["max_iters"], c.origins["max_iters"] = max_iters, "log"
        c.native_keys["max_iters"] = "num_iterations"
    global_batch, device_batch = hyper.get("batch_size"), hyper.get("device_batch_size")
    if isinstance(global_batch, int) and isinstance(device_batch, int) and device_batch:
        c.values["gradient_accumulation_steps"] = global_batch // device_batch
        c.origins["gradient_accumulation_steps"] = "log-script"
        c.native_keys["gradient_accumulation_steps"] = "batch_size // device_batch_size"
        seq = hyper.get("sequence_length")
        if isinstance(seq, int):
            run.reported.tokens_per_iter = global_batch * seq
    for canon, natives in _MODEL_MAP.items():
        for native in natives:
            if isinstance(model.get(native), int):
                c.values[canon], c.origins[canon] = model[native], "log-script"
                c.native_keys[canon] = native
                break
    run.reported = Reported(
        tokens_per_iter=run.reported.tokens_per_iter,
        vocab_size=c.values.get("vocab_size"),
        vocab_source="training script in the log" if "vocab_size" in c.values else None,
    )
    if script is not None and "flex_attention" in script:
        run.notes.append(
            "the script uses FlexAttention (sliding windows / document masks): the attention "
            "span is not the sequence length, so model dims, FLOPs and MFU are not computed"
        )
        return
    try:
        run.dims = ModelDims(
            n_layer=int(c.values["n_layer"]),
            n_head=int(c.values["n_head"]),
            n_embd=int(c.values["n_embd"]),
            block_size=int(c.values["block_size"]),
            vocab_size=int(c.values["vocab_size"]),
            bias=False,
            tied_head=bool(model.get("_tied")),
            # the records' norms are functional (F.rms_norm / a bare rmsnorm), without weights
            norm="rmsnorm"
            if script and re.search(r"nn\.(RMSNorm|LayerNorm)\(", script)
            else "none",
            learned_pos=False,
        )
        run.notes.append(
            "model dims read from the script; modded-nanogpt's extra parts (value "
            "embeddings, gates, ReLU^2 MLP details) are not counted"
        )
    except (KeyError, TypeError, ValueError):
        run.notes.append("model dimensions could not all be read from the script text")
