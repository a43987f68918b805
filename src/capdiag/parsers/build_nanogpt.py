"""karpathy/build-nanogpt output ("Let's reproduce GPT-2 (124M)"), with the semantics of the
code that prints it: ``train_gpt2.py`` at commit 6104ab1 (line numbers below are that file's).

stdout (the master process, except the samples):

- ``step {step:5d} | loss: X | lr X | norm: X | dt: Tms | tok/sec: K`` (L516): ``step`` is
  the 0-based index of the optimizer step (``range(max_steps)``, L376). ``loss`` is
  ``loss_accum``: the mean of the step's ``grad_accum_steps`` micro-batch losses (L498-499),
  averaged over ranks (L501-502), in train mode (L483; the model has no dropout layer).
  ``norm`` is ``clip_grad_norm_(..., 1.0)``'s return: the total norm before clipping (L503).
  ``lr`` is the rate the step used (L505-507). ``dt`` is the wall time of the whole loop
  iteration from its top (L377, L511-512), so the steps that evaluate (0, 250, ...) include
  the validation, HellaSwag and sampling work. ``tok/sec`` is ``B*T*grad_accum_steps*
  world_size / dt`` (L513-514): all ranks, so ``tok/sec x dt`` is the tokens per step.
- ``validation loss: X`` (L397): every 250 steps and at the last step (L381), before that
  step's update, so after ``step`` updates; the mean over 20 validation micro-batches in
  eval mode (L382-393), averaged over ranks (L394-395).
- ``HellaSwag accuracy: C/N=A`` (L442): a fraction, not a loss.
- ``rank R sample i: ...`` (L480): every rank prints its own samples, so the ranks seen are
  the world size.
- The header: ``total desired batch size: N`` (tokens per step) and ``=> calculated
  gradient accumulation steps: K`` (per rank, L324-331); ``num decayed parameter tensors:
  A, with P1 parameters`` and ``num non-decayed parameter tensors: B, with P2 parameters``
  (L194-195), so P1 + P2 is every parameter (the tied ``wte``/``lm_head`` once: 124,475,904
  for GPT-2 124M with vocab 50304); ``using fused AdamW`` (L200); ``found N shards for
  split S`` (L231); ``using device: D`` only without DDP (L313), i.e. one process;
  ``loading weights from pretrained gpt: M`` when GPT-2's weights are loaded (L135).

``log/log.txt`` (L399, L444, L518): ``{step} train {loss:.6f}``, ``{step} val {loss:.4f}``,
``{step} hella {acc:.4f}``, with the same semantics (forks' extra pairs on a line, as
``{step} train X hard Y``, are passed over; ``{step} valbin_ppl P valbin_loss X`` is a
validation loss); the checkpoints beside it,
``model_{step:05d}.pt`` (L402), are saved without a line in the log. A folder (the
script's ``log/``, or a SLURM job's) is read as one run: its stdout (else ``log.txt``) for
the metrics, and its stderr (the stdout's SLURM pair ``%x-%j.err``, else the folder's only
``.err``) for the errors that ended it.

The script's constants are what forks change and none is printed: max_lr 6e-4, min_lr
max_lr * 0.1, warmup 715 and 19,073 steps (L349-352), B 64, T 1024 (L325-326), vocab 50304
(L339), weight decay 0.1 (L367), clip 1.0 (L503). They are kept as defaults, i.e. assumed,
as nanoGPT's are when its config is not read. ``--config`` gives a fork's config file (YAML,
JSON, or the training script itself: parsed, never run) whose values and comments are what
the run states; ``--set`` states others.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from pathlib import Path

import numpy as np

from capdiag.messages import make_event
from capdiag.parsers import LoadContext
from capdiag.parsers.fields import layout, to_count, to_float
from capdiag.parsers.jsonl import config_file, generic_config
from capdiag.parsers.llmc import ACCUM, TOTAL_BATCH
from capdiag.parsers.nanogpt import latest_per_step, read_lines
from capdiag.run import UNTRAINED_NATS, Config, Event, Reported, Run, Segment, Series

NAME = "build_nanogpt"

# every line read by its fields as printed (capdiag.parsers.fields)
_STEP = layout(
    "step  {step:int} | loss: {loss} | lr {lr} | norm: {norm} | dt: {dt}ms | tok/sec: {tps}"
)
_FILE_LINE = layout("{step:int} {kind:word} {value}", whole_line=True)
# Python logging's "2024-06-14 18:45:08,384 train.py " before a line (read_lines has
# already taken a leading timestamp off): the logger's script name
_LOGGING_PREFIX = re.compile(
    rb"(?:20\d\d-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:[,.]\d{1,6})? )?[\w.-]{1,64}\.py "
)
_FILE_KINDS = (b"train", b"val", b"hella")
# forks that print more pairs on a log.txt line: "30950 train 3.275 hard 3.275",
# "39250 valbin_ppl 19.37 valbin_loss 2.9635" (a validation loss under its own name)
_FILE_PAIRS = re.compile(rb"^(\d{1,15})((?: [A-Za-z_]\w{0,40} [-+\d.eEnaif]{1,40}){2,8})\s*$")
_PAIR = re.compile(rb" ([A-Za-z_]\w*) (\S+)")
_VAL = layout("validation loss: {loss}")
_HELLA = layout("HellaSwag accuracy: {correct:int}/{total:int}={acc}")
_SAMPLE = layout("rank {rank:int} sample {index:int}: ")
_PARAMS = layout("num {kind} parameter tensors: {tensors:int}, with {params} parameters")
_FUSED = layout("using fused AdamW: {fused:word}")
_DEVICE = layout("using device: {device}")
_PRETRAINED = layout("loading weights from pretrained gpt: {model}")
_CHECKPOINT = re.compile(r"^model_(\d+)\.pt$")  # log_dir/model_{step:05d}.pt (L402)
_RESUME = re.compile(rb"^(?:Loaded|Loading|Resum\w*)\b.*\bcheckpoint", re.I)

SNIFF_STDOUT = re.compile(rb"\bstep\s+\d+ \| loss: \S+ \| lr \S+ \| norm: \S+ \| dt: ")
SNIFF_FILE = re.compile(
    rb"^\d+ (?:train|val|hella|val\w*_ppl|val\w*_loss) [-+\d.eEnaif]+(?: \w+ [-+\d.eEnaif]+)*\s*$",
    re.M,
)
SNIFF_HEADER = re.compile(rb"^total desired batch size: \d+\s*$", re.M)
SNIFF_EVAL = re.compile(rb"^(?:validation loss: |HellaSwag accuracy: \d+/\d+=)", re.M)

MAX_SAMPLE_LINES = 8  # a sample is 32 tokens: it spans a few lines at most
MAX_FOLDER_FILES = 256  # entries looked at in a folder
MAX_CANDIDATES = 16  # text files whose first bytes are read
HEAD_BYTES = 64 * 1024

# the script's constants (see the docstring), kept as defaults: assumed
DEFAULTS = {
    "learning_rate": 6e-4,
    "min_lr": 6e-5,
    "warmup_iters": 715,
    "max_iters": 19073,
    "lr_decay_iters": 19073,
    "block_size": 1024,
    "vocab_size": 50304,
    "weight_decay": 0.1,
    "grad_clip": 1.0,
}
NATIVE = {
    "learning_rate": "max_lr",
    "warmup_iters": "warmup_steps",
    "max_iters": "max_steps",
    "lr_decay_iters": "max_steps",
    "block_size": "T",
    "batch_size": "B",
    "gradient_accumulation_steps": "grad_accum_steps",
}


def _file_pair(raw: bytes) -> tuple[int, str, bytes] | None:
    """(step, train | val | hella, value) of a log.txt line, or None. A fork's extra pairs
    are passed over; a validation loss under another name (``valbin_loss``) is ``val``."""
    if (m := _FILE_LINE.match(raw)) and m["kind"] in _FILE_KINDS:
        return int(m["step"]), m["kind"].decode(), m["value"]
    if not (m := _FILE_PAIRS.match(raw)):
        return None
    pairs = _PAIR.findall(m.group(2))
    if pairs[0][0] in _FILE_KINDS:
        return int(m.group(1)), pairs[0][0].decode(), pairs[0][1]
    for key, value in pairs:
        if key.startswith(b"val") and key.endswith(b"_loss"):
            return int(m.group(1)), "val", value
    return None


def _form(head: bytes) -> str | None:
    """stdout, log.txt or None, from a file's first bytes."""
    if SNIFF_STDOUT.search(head):
        return "stdout"
    if SNIFF_HEADER.search(head) and SNIFF_EVAL.search(head):
        return "stdout"  # the header and a step-0 eval: a run that died before its first step
    # blank lines, and "..." where a log pasted into an issue or PR was elided, are no rows
    lines = [ln for ln in head.splitlines()[:200] if ln.strip() and ln.strip() != b"..."]
    hits = sum(bool(SNIFF_FILE.match(ln)) for ln in lines)
    if hits >= 3 and hits >= 0.9 * len(lines):
        return "log.txt"
    return None


def _folder_files(folder: Path) -> tuple[Path | None, list[Path]]:
    """The folder's metrics file (its stdout, else log.txt) and its stderr files; no
    metrics file when the folder holds several runs' logs (each is then a run of its own)."""
    found: dict[str, list[Path]] = {"stdout": [], "log.txt": []}
    try:
        entries = sorted(itertools.islice(folder.iterdir(), MAX_FOLDER_FILES))
    except OSError:
        return None, []
    candidates = [e for e in entries if e.suffix in (".out", ".log", ".txt") and e.is_file()]
    for entry in candidates[:MAX_CANDIDATES]:
        try:
            with entry.open("rb") as handle:
                form = _form(handle.read(HEAD_BYTES))
        except OSError:
            continue
        if form is not None:
            found[form].append(entry)
    if len(found["stdout"]) > 1 or len(found["log.txt"]) > 1:
        return None, []
    logs = found["stdout"] or found["log.txt"]
    if not logs:
        return None, []
    chosen = logs[0]
    # the job's stderr: SLURM's pair of the stdout (%x-%j.out, %x-%j.err), else the only one
    errs = [e for e in entries if e.suffix == ".err" and e.is_file()]
    paired = [e for e in errs if e.stem == chosen.stem]
    return chosen, paired or (errs if len(errs) == 1 else [])


def _checkpoint_steps(folder: Path) -> list[int]:
    """The steps of the checkpoints the script wrote beside its log.txt (it prints none)."""
    try:
        names = [p.name for p in itertools.islice(folder.iterdir(), MAX_FOLDER_FILES)]
    except OSError:
        return []
    return sorted(int(m.group(1)) for name in names if (m := _CHECKPOINT.match(name)))


def sniff(path: Path, head: bytes) -> int:
    if path.is_dir():
        return 85 if _folder_files(path)[0] is not None else 0
    form = _form(head)
    if form == "stdout":
        return 90 if SNIFF_STDOUT.search(head) else 60
    return 85 if form == "log.txt" else 0


class _Reader:
    """One pass over the lines: metric rows, header figures, segments and events."""

    def __init__(self) -> None:
        self.steps: list[int] = []  # one per step line, with its segment and fields
        self.step_segment: list[int] = []
        self.fields: list[tuple[bytes, ...]] = []  # loss, lr, norm, dt, tok/sec
        self.evals: dict[str, list[tuple[int, float, int]]] = {"val": [], "hella": []}
        self.pending: list[tuple[str, float]] = []  # evals printed before their step's line
        self.events: list[Event] = []
        self.heads: list[tuple[int, bool]] = [(1, False)]  # (start line, resumed) per segment
        self.has_data = False
        self.last_step: int | None = None
        self.tokens: int | None = None
        self.accum: int | None = None
        self.params: dict[str, int] = {}
        self.fused: bool | None = None
        self.pretrained: str | None = None  # GPT.from_pretrained's model (L135)
        self.ranks: set[int] = set()
        self.devices: list[str] = []  # "using device" lines before the first step
        self.sample_lines = 0  # lines of a model sample still to skip
        self.in_traceback = False
        self.in_stderr = False  # reading the stderr file: its lines start no segment

    @property
    def segment(self) -> int:
        return len(self.heads) - 1

    def step(self, step: int, line_no: int) -> None:
        if self.has_data and self.last_step is not None and step < self.last_step:
            self.heads.append((line_no, True))  # numbering went back: a restart
        self.has_data = True
        self.last_step = step
        self.steps.append(step)
        self.step_segment.append(self.segment)
        self.flush(step)

    def flush(self, step: int) -> None:
        for kind, value in self.pending:
            self.evals[kind].append((step, value, self.segment))
        self.pending = []

    def line(self, line_no: int, raw: bytes) -> None:
        if not raw.startswith(b"step") and (prefix := _LOGGING_PREFIX.match(raw)):
            raw = raw[prefix.end() :]  # the script's lines, behind Python logging's prefix
        if raw.startswith(b"step") and (m := _STEP.match(raw)):
            self.step(int(m["step"]), line_no)
            self.fields.append(_short(m.group("loss", "lr", "norm", "dt", "tps")))
            self.sample_lines = 0
        elif (pair := _file_pair(raw)) is not None:
            step, kind, value = pair
            if kind == "train":
                self.step(step, line_no)
                self.fields.append(_short((value, b"nan", b"nan", b"nan", b"nan")))
            else:
                if self.has_data and self.last_step is not None and step < self.last_step:
                    self.heads.append((line_no, True))  # a restart's first eval
                    self.has_data = False
                self.evals[kind].append((step, to_float(value), self.segment))
        elif m := _VAL.match(raw):
            self.pending.append(("val", to_float(m["loss"])))
        elif m := _HELLA.match(raw):
            self.pending.append(("hella", to_float(m["acc"])))
            self.sample_lines = 0
        elif m := _SAMPLE.match(raw):
            self.ranks.add(int(m["rank"]))
            self.sample_lines = MAX_SAMPLE_LINES
        elif m := TOTAL_BATCH.match(raw):
            if self.has_data:  # another launch in the same file
                self.heads.append((line_no, False))
                self.has_data = False
            self.tokens = int(m["tokens"])
        elif m := ACCUM.match(raw):
            self.accum = int(m["accum"])
        elif (m := _PARAMS.match(raw)) and m["kind"] in (b"decayed", b"non-decayed"):
            count = to_count(m["params"].replace(b",", b""))
            if count is not None:  # not 4,300+ digits
                self.params[m["kind"].decode()] = count
        elif (m := _FUSED.match(raw)) and m["fused"] in (b"True", b"False"):
            self.fused = m["fused"] == b"True"
        elif m := _PRETRAINED.match(raw):
            self.pretrained = m["model"].decode(errors="replace")
        elif m := _DEVICE.match(raw):
            if self.last_step is None:
                self.devices.append(m["device"].decode(errors="replace"))
        else:
            self.text(line_no, raw.decode("utf-8", errors="replace").rstrip("\r\n"))

    def text(self, line_no: int, text: str) -> None:
        """Any other line: an event, unless it is a sample's text or a traceback's body."""
        if not text.strip():
            return
        if self.sample_lines > 0 and not text.startswith("Traceback"):
            self.sample_lines -= 1  # what the model wrote, not a message
            return
        self.sample_lines = 0
        if self.in_traceback and text.startswith((" ", "\t")):
            return
        self.in_traceback = text.startswith("Traceback (most recent call last)")
        kind = "resume" if _RESUME.match(text.encode()) else None
        if kind == "resume" and not self.in_stderr:
            start, _ = self.heads[-1]
            if self.has_data:
                self.heads.append((line_no, True))
                self.has_data = False
            else:
                self.heads[-1] = (start, True)
        event = make_event(line_no, text, self.last_step, kind, plain="info")
        if event is not None:
            self.events.append(event)

    def finish(self) -> None:
        if self.pending:  # evals after the last step line: the run stopped after them
            self.flush(self.last_step + 1 if self.last_step is not None else 0)


MAX_NUMBER_BYTES = 32  # a float's longest text is 24: a longer field is read here, once


def _short(fields: tuple[bytes, ...]) -> tuple[bytes, ...]:
    """The fields, each at most MAX_NUMBER_BYTES long: the table of them is as wide as its
    widest cell (an 8,000-digit field made a 13,000-row table 522 MiB)."""
    if all(len(f) <= MAX_NUMBER_BYTES for f in fields):
        return fields
    return tuple(f if len(f) <= MAX_NUMBER_BYTES else repr(to_float(f)).encode() for f in fields)


def _floats(column: np.ndarray) -> np.ndarray:
    """Byte strings to float64 at once; a column with an unreadable number, one by one."""
    try:
        values: np.ndarray = column.astype(np.float64)
    except ValueError:
        values = np.array([to_float(v) for v in column], dtype=np.float64)
    return values


def load(path: Path, ctx: LoadContext) -> Run:
    errs: list[Path] = []
    log = path
    if path.is_dir():
        chosen, errs = _folder_files(path)
        if chosen is None:
            raise OSError("no build-nanogpt log in the folder")
        log = chosen
    reader = _Reader()
    for line_no, raw in enumerate(read_lines(log), start=1):
        reader.line(line_no, raw)
    reader.finish()
    reader.in_stderr = True
    for err in errs:  # stderr: what ended the run, after the last step the log shows
        reader.sample_lines, reader.in_traceback = 0, False
        for line_no, raw in enumerate(read_lines(err), start=1):
            reader.text(line_no, raw.decode("utf-8", errors="replace").rstrip("\r\n"))
    run = Run(source=str(path), format=NAME, framework="build-nanogpt", config=_config(ctx))
    run.events = reader.events
    with log.open("rb") as handle:  # log.txt holds metric rows only; a stdout, messages
        run.messages_read = bool(errs) or _form(handle.read(HEAD_BYTES)) == "stdout"
    run.checkpoint_steps = _checkpoint_steps(path if path.is_dir() else path.parent)
    _fill_series(run, reader)
    _fill_segments(run, reader)
    _fill_reported(run, reader)
    if path.is_dir():
        names = ", ".join(p.name for p in [log, *errs])
        run.notes.append(f"read from the folder: {names}")
    if ctx.config_path is not None and not ctx.config_read and ctx.config_problem is None:
        run.notes.append(
            f"build-nanogpt has no config file: {ctx.config_path.name} is not read "
            "(state values with --set)"
        )
    return run


def _config(ctx: LoadContext) -> Config:
    # a fork's own config file (YAML, JSON, Python), read, never run; the script's constants
    # for what it does not state
    config = config_file(ctx) or generic_config([], ctx.sets, None, None)
    for key, value in DEFAULTS.items():
        if key not in config.values:
            config.values[key], config.origins[key] = value, "default"
    for key, native in NATIVE.items():
        config.native_keys.setdefault(key, native)
    if "dropout" not in config.values:
        config.values["dropout"] = 0.0
        config.origins["dropout"] = "build-nanogpt (no dropout)"
    return config


def _fill_series(run: Run, reader: _Reader) -> None:
    if reader.steps:
        steps_all = np.array(reader.steps, dtype=np.int64)
        keep = latest_per_step(steps_all)
        steps = steps_all[keep]
        columns = {
            "train_loss": "mean loss of the step's micro-batches and ranks, train mode",
            "lr": "learning rate the step used",
            "grad_norm": "clip_grad_norm_'s return: the total norm before clipping",
            "step_time_ms": "wall time of the loop iteration (includes the evals every 250)",
            "tokens_per_sec": "tokens of the step (all ranks) / its wall time",
        }
        table = np.array(reader.fields)[keep]  # byte strings, one column per field
        for column, (name, description) in enumerate(columns.items()):
            values = _floats(table[:, column])
            if name == "train_loss" or np.isfinite(values).any():  # a NaN loss is a finding
                run.series[name] = Series(
                    name=name,
                    steps=steps,
                    values=values,
                    mode="train-batch" if name == "train_loss" else None,
                    dropout_active=False if name == "train_loss" else None,
                    description=description,
                )
        segments = np.array(reader.step_segment, dtype=np.float64)
        run.series["segment"] = Series(name="segment", steps=steps, values=segments[keep])
    for kind, name, description in (
        ("val", "val_loss", "validation loss: mean of 20 batches in eval mode, after N updates"),
        ("hella", "hellaswag_acc", "HellaSwag accuracy (a fraction, not a loss)"),
    ):
        if not reader.evals[kind]:
            continue
        eval_steps = np.array([r[0] for r in reader.evals[kind]], dtype=np.int64)
        keep = latest_per_step(eval_steps)
        run.series[name] = Series(
            name=name,
            steps=eval_steps[keep],
            values=np.array([r[1] for r in reader.evals[kind]], dtype=np.float64)[keep],
            mode="eval" if kind == "val" else None,
            dropout_active=False if kind == "val" else None,
            description=description,
        )
    val = run.series.get("val_loss")
    if val is not None and len(val) >= 3:
        # the interval the evals ran at (250 in the script), as the log shows it
        gaps = Counter(np.diff(val.steps).tolist()).most_common(1)
        if gaps and gaps[0][0] > 0:
            run.config.values["eval_interval"] = int(gaps[0][0])
            run.config.origins["eval_interval"] = "log (validation steps)"


def _fill_segments(run: Run, reader: _Reader) -> None:
    train_steps = np.array(reader.steps, dtype=np.int64)
    train_seg = np.array(reader.step_segment, dtype=np.int64)
    val_evals: dict[int, list[tuple[int, float]]] = {}
    for step, value, segment in reader.evals["val"]:
        val_evals.setdefault(segment, []).append((step, value))
    for index, (start, resumed) in enumerate(reader.heads):
        in_seg = train_steps[train_seg == index]
        first = int(in_seg.min()) if in_seg.size else None
        run.segments.append(
            Segment(
                index=index,
                start_line=start,
                first_step=first,
                last_step=int(in_seg.max()) if in_seg.size else None,
                # the script always starts at step 0: a launch that starts later loaded one
                resumed=resumed or bool(first),
                val_evals=val_evals.get(index, []),
            )
        )
    if any(s.resumed for s in run.segments):
        firsts = [s.first_step for s in run.segments if s.resumed and s.first_step]
        if firsts:
            run.notes.append(f"the log resumes from step {firsts[0]}")
    # from scratch (a resume continues such a run), unless GPT-2's weights were loaded
    run.fine_tune = reader.pretrained is not None
    run.base_model = reader.pretrained
    found = None if run.segments and run.segments[0].resumed else run.loss_before_any_update()
    before = found[1] if found else None
    if not run.fine_tune and before is not None and before < UNTRAINED_NATS:
        # a fork that loads its own checkpoint prints no "loading weights" line; the loss
        # before its first update says the weights were trained
        run.fine_tune = True
        run.notes.append(
            f"the loss before any update, {before:.4f}, is a trained model's (an untrained "
            f"one gives about ln V, 7 nats or more for GPT-2's tokenizer): a fine-tune"
        )


def _fill_reported(run: Run, reader: _Reader) -> None:
    reported = Reported(tokens_per_iter=reader.tokens, fused_adamw=reader.fused)
    if len(reader.params) == 2:
        total = reader.params["decayed"] + reader.params["non-decayed"]
        reported.n_params, reported.n_params_is_total = total, True
        reported.n_params_text = f"{total:,}"
    if reader.tokens is None:
        times, rates = run.metric("step_time_ms"), run.metric("tokens_per_sec")
        if times is not None and rates is not None:
            # tok/sec is the step's tokens over dt (L513-514): their product is the step's tokens
            with np.errstate(over="ignore", invalid="ignore"):  # inf and NaN are dropped next
                product = times.values * rates.values / 1000.0
            product = product[np.isfinite(product) & (product > 0)]
            if product.size:
                reported.tokens_per_iter = round(float(np.median(product)))
                reported.tokens_per_iter_derived = True
                run.notes.append(
                    f"{reported.tokens_per_iter:,} tokens per step from tok/sec x dt "
                    "(the log prints no batch size)"
                )
    run.reported = reported
    c = run.config
    if reader.accum is not None:
        c.values["gradient_accumulation_steps"] = reader.accum
        c.origins["gradient_accumulation_steps"] = "log"
    if reader.ranks:
        run.num_gpus, run.num_gpus_source = max(reader.ranks) + 1, "log"
        run.notes.append(
            f"world size {run.num_gpus} from the ranks that printed samples (each prints its own)"
        )
    elif len(reader.devices) > 1:
        run.num_gpus, run.num_gpus_source = len(reader.devices), "log"
        run.notes.append(f"world size {run.num_gpus}: as many processes printed their device")
    elif reader.devices and ":" not in reader.devices[0]:
        run.num_gpus, run.num_gpus_source = 1, "log"  # printed only without DDP (L313)
    elif reader.tokens and reader.accum and c.number("batch_size") and c.number("block_size"):
        keys = ("batch_size", "block_size")
        per_rank = (
            reader.accum * int(c.number("batch_size") or 1) * int(c.number("block_size") or 1)
        )
        if all(c.source(k) != "assumed" for k in keys) and reader.tokens % per_rank == 0:
            run.num_gpus, run.num_gpus_source = reader.tokens // per_rank, "derived"
            run.notes.append(
                f"world size {run.num_gpus} = tokens per step / (accumulation x B x T)"
            )
