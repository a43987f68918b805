"""From files on disk to one `Run`: detect the format, parse, then compute shared figures."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

from capdiag.arithmetic import flops
from capdiag.arithmetic.gpus import canonical_dtype, find_gpu, find_gpu_in_text, suggest_gpu
from capdiag.arithmetic.params import count_params
from capdiag.config import ConfigError, parse_override_value
from capdiag.datasets import (
    LARGE_CORPUS_TOKENS,
    DataDirError,
    DatasetInfo,
    find_dataset,
    sizes_from_data_dir,
)
from capdiag.messages import make_event
from capdiag.parsers import (
    FORMAT_MODULES,
    SNIFF_MAX,
    LoadContext,
    ParseError,
    format_module,
    format_modules,
    may_sniff,
)
from capdiag.parsers.fields import ANSI, ANSI_BYTES, UTF16_BOMS, bounded_lines, to_count
from capdiag.run import CRASH_KINDS, LOSS_SERIES, Event, Figures, Run, Segment, combine
from capdiag.stats import quiet_floats
from capdiag.units import parse_size


class InputError(ValueError):
    """Unreadable or unrecognised input: one line for the user, exit code 2."""


def parse_sets(sets: list[str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for item in sets:
        key, sep, raw = item.partition("=")
        key = key.strip().lstrip("-")
        if not sep or not key:
            raise InputError(f"--set expects key=value, got {item!r}")
        values[key] = parse_override_value(raw.strip())
    return values


def _head(path: Path) -> bytes:
    if path.is_dir():
        return b""
    try:
        with path.open("rb") as handle:
            head = handle.read(1 << 20)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from exc
    if head[:2] in UTF16_BOMS:  # UTF-16 (PowerShell's `>`): sniff as UTF-8
        head = head[: len(head) & ~1].decode("utf-16", errors="replace").encode("utf-8")
    return ANSI_BYTES.sub(b"", head)  # colour codes (torchtitan, rich) are not content


def detect_format(path: Path, forced: str | None = None, head: bytes | None = None) -> Any:
    """The parser module for `path`: the one that is surest (the first of equals), or the
    one `forced` names."""
    if forced is not None:
        modules = format_modules()
        for module in modules:
            if forced == module.NAME:
                return module
        names = ", ".join(m.NAME for m in modules)
        raise InputError(f"--log-format {forced!r}: unknown format (known: {names})")
    head = _head(path) if head is None else head
    best: ModuleType | None = None
    score = 0
    for name in FORMAT_MODULES:
        if SNIFF_MAX.get(name, 100) <= score or not may_sniff(name, head):
            continue  # it cannot beat the best so far
        candidate = format_module(name)
        sure = candidate.sniff(path, head) if candidate is not None else 0
        if sure > score:
            best, score = candidate, sure
    if best is None:
        names = ", ".join(m.NAME for m in format_modules())
        near = closest_format(head)
        hint = f"; closest is {near[0]}, whose lines read `{near[1]}`" if near else ""
        raise InputError(
            f"{path}: not a recognised training log (capdiag reads: {names}){hint}; for "
            f"another line-per-step log try --log-format text --map {suggest_map(head)}"
        )
    return best


# one real line of each line-per-step format, to show the shape capdiag expects
FORMAT_SHAPES = {
    "nanogpt": "iter 0: loss 4.2120, time 730.72ms, mfu -100.00%",
    "llmc": "step   61/74 | loss 3.208939 (+nanz)| norm 1.4800 (+nanz)| lr 3.00e-04 | 44.57 ms "
    "| -100.0% bf16 MFU | 91886 tok/s",
    "modded_nanogpt": "step:1/1875 train_loss:10.8258 train_time:44119ms step_avg:nanms",
    "torchtitan": "step: 200  loss:  6.1384  memory: 49.66GiB(52.28%)  tps: 5,856  "
    "tflops: 339.16  mfu: 34.29%",
    "megatron": "iteration       43/     100 | consumed samples:         5504 | elapsed time "
    "per iteration (ms): 5444.9 | learning rate: 8.600000E-06 | lm loss: 1.825991E+00 |",
    "nanochat": "step 05000/20000 (25.00%) | loss: 3.452029 | lrm: 0.50 | dt: 30836.76ms | "
    "tok/sec: 531 | mfu: 0.00 | total time: 360.79m",
    "hf_trainer": "{'loss': 4.337, 'grad_norm': 1.863, 'learning_rate': 0.00045, 'epoch': 0.03}",
    "build_nanogpt": "step    10 | loss: 9.875681 | lr 9.2308e-06 | norm: 3.8962 | dt: 414.52ms | "
    "tok/sec: 1264821.23",
}
_WORD = re.compile(r"[a-z][a-z/_]+")


def closest_format(head: bytes, max_lines: int = 200) -> tuple[str, str] | None:
    """The format whose line shape shares the most words with the log's first lines, and
    one of its lines; None when no format shares a third of its words, and two."""
    text = head[: 64 * 1024].decode("utf-8", errors="replace").lower()
    seen = set(_WORD.findall("\n".join(text.splitlines()[:max_lines])))
    best: tuple[float, str] | None = None
    for name, line in FORMAT_SHAPES.items():
        words = set(_WORD.findall(line.lower()))
        shared = len(words & seen)
        share = len(words & seen) / len(words) if shared >= 2 else 0.0
        if best is None or share > best[0]:
            best = (share, name)
    if best is None or best[0] < 1 / 3:
        return None
    return best[1], FORMAT_SHAPES[best[1]]


def suggest_map(head: bytes, max_lines: int = 2000) -> str:
    """A ``--map`` for the fields the log's first lines carry: the commonest step-like key
    and loss key, or the placeholders when none is seen."""
    from collections import Counter

    from capdiag.parsers.fields import read_fields
    from capdiag.parsers.text import STEP_KEYS

    steps: Counter[str] = Counter()
    losses: Counter[str] = Counter()
    bare: Counter[str] = Counter()  # "train 2.66  val 2.36": losses named by their split
    for line in head.decode("utf-8", errors="replace").splitlines()[:max_lines]:
        keys = read_fields(line[:4096])
        steps.update(k for k in keys if k in STEP_KEYS)
        losses.update(k for k in keys if "loss" in k and not k.startswith(("val", "eval")))
        bare.update(k for k in keys if k in ("train", "val", "valid", "validation"))
    step = steps.most_common(1)[0][0] if steps else "KEY"
    loss = losses.most_common(1)[0][0] if losses else "train" if "train" in bare else "KEY"
    mapping = f"step={step},loss={loss}"
    split = next((k for k in ("val", "valid", "validation") if k in bare), None)
    if loss == "train" and split:
        mapping += f",val_loss={split}"
    return f"'{mapping}'" if " " in mapping else mapping


def load_run(
    log_path: Path,
    config_path: Path | None = None,
    sets: list[str] | None = None,
    gpu: str | None = None,
    vram: str | None = None,
    num_gpus: int | None = None,
    log_format: str | None = None,
    metric_map: dict[str, str] | None = None,
    data_dir: Path | None = None,
    peak_tflops: float | None = None,
) -> Run:
    log_path = Path(log_path)
    config_path = Path(config_path) if config_path is not None else None  # a str from a caller
    if not log_path.exists():
        raise InputError(f"{log_path}: no such file")
    if not log_path.is_file() and not log_path.is_dir():
        raise InputError(f"{log_path}: not a regular file or folder (a FIFO or device?)")
    head = _head(log_path)  # read once: for detection and for launcher lines
    module = detect_format(log_path, log_format, head)
    ctx = LoadContext(
        config_path=config_path, sets=parse_sets(sets or []), metric_map=metric_map or {}
    )
    with quiet_floats():
        try:
            run: Run = module.load(log_path, ctx)
            if log_format is None and not _has_loss(run):
                run, ctx = _as_plain_text(run, ctx, log_path, head, metric_map or {}, sets)
            if config_path is not None and not ctx.config_read:
                from capdiag.parsers.megatron_launch import read_script

                ctx.config_read = read_script(run, config_path)
        except (ConfigError, ParseError) as exc:
            raise InputError(str(exc)) from exc
        except (OSError, UnicodeError) as exc:
            raise InputError(f"{log_path}: cannot read: {exc}") from exc
        if config_path is not None and not ctx.config_read:
            # said in the report, never silently dropped
            run.config.unread = ctx.config_problem or (
                f"{config_path} was not read ({run.framework} does not read that file)"
            )
        return complete_run(run, log_path, head, num_gpus, gpu, vram, data_dir, peak_tflops)


def _has_loss(run: Run) -> bool:
    return any(len(run.series.get(name, ())) for name in LOSS_SERIES)


def _as_plain_text(
    run: Run,
    ctx: LoadContext,
    log_path: Path,
    head: bytes,
    metric_map: dict[str, str],
    sets: list[str] | None,
) -> tuple[Run, LoadContext]:
    """A log its detected format found no loss in, read again as a plain `key: value` log
    when that finds one (a script's own ``step=10 | loss=2.60`` lines under a Trainer's
    warnings): the better reading, with a note; else the format's own."""
    text = format_module("text")
    if log_path.is_dir() and run.format == "lightning":
        from capdiag.parsers.lightning import metrics_file

        # a Lightning folder reads as the metrics.csv it holds, as that file would alone
        log_path = metrics_file(log_path) or log_path
        head = _head(log_path)
    if text is None or run.format == text.NAME or not log_path.is_file():
        return run, ctx
    if text.sniff(log_path, head) < 10:
        return run, ctx
    plain_ctx = LoadContext(
        config_path=ctx.config_path, sets=parse_sets(sets or []), metric_map=metric_map
    )
    plain: Run = text.load(log_path, plain_ctx)
    if not _has_loss(plain):
        return run, ctx
    plain.notes.append(
        f"read as a plain key: value log: the {run.framework} reader found no loss in it"
    )
    return plain, plain_ctx


# AWS Neuron's neuron_parallel_compile runs the training script once to extract the graphs
# it compiles, and prints this at the start: the run's losses are placeholders (0.0, nan)
_TRIAL_RUN = "ignore trial run's generated outputs"


def _drop_placeholder_losses(run: Run) -> None:
    """A log that says its losses are not measurements: none is judged."""
    dropped = [name for name in LOSS_SERIES if run.series.pop(name, None) is not None]
    if dropped:
        run.placeholder_losses = (
            "it is neuron_parallel_compile's trial run, whose printed losses are "
            "placeholders (the tool says to ignore them)"
        )
        run.notes.append(f"{', '.join(dropped)} not read: {run.placeholder_losses}")


def complete_run(
    run: Run,
    log_path: Path,
    head: bytes,
    num_gpus: int | None = None,
    gpu: str | None = None,
    vram: str | None = None,
    data_dir: Path | None = None,
    peak_tflops: float | None = None,
) -> Run:
    """A parser's run with the user's flags and what every format shares (`finalize`);
    `head` is the log's first MiB (empty for a folder)."""
    if log_path.is_file():
        _crashes_from_stderr(run, log_path)
    text = head.decode("utf-8", errors="replace")
    if _TRIAL_RUN in text:
        _drop_placeholder_losses(run)
    if num_gpus is not None:
        run.num_gpus, run.num_gpus_source = num_gpus, "flag"  # the user's word wins
    if run.num_gpus_source == "assumed" and log_path.is_file():
        # launcher lines and argument dumps that no parser keeps as events
        _world_size_from_lines(run, text)
    if run.dims is None and run.reported.n_params is None and text:
        _params_from_lines(run, text)
    if run.reported.tokens_per_iter is None and text:
        _tokens_per_step_from_lines(run, text)
    return finalize(run, gpu, vram, data_dir, peak_tflops)


# a line that states the model's whole parameter count: "Total params: 4,433" (Keras),
# "number of parameters: 10.65M", "model params: 124,475,904", "model_params:26993756",
# "all params: 467,772,416" (PEFT); never a trainable count (an adapter's, or a frozen
# backbone's remainder), and never code ("total_params = sum(...)")
_PARAMS_LINE = re.compile(
    r"^[^\n]{0,80}?(?<![\w-])(?:total(?: number of)? param(?:eter)?s|total_params|"
    r"number of param(?:eter)?s|model[ _]param(?:eter)?s|all params|n_params|num_params)"
    r"(?P<unit> in (?:billions|millions))?\s*[:=]?\s*\"?(?P<n>\d[\d,]*(?:\.\d+)?)"
    r"\s*(?P<suffix>[KMB]\b)?",
    re.I | re.M,
)
_PARAM_SCALE = {"k": 1e3, "m": 1e6, "b": 1e9, " in billions": 1e9, " in millions": 1e6}


def _params_from_lines(run: Run, text: str) -> None:
    """The parameter count a log states in a line of its own, for formats whose parser has
    none and no model shape to count."""
    for m in _PARAMS_LINE.finditer(text):
        line = m.group(0)
        if "trainable" in line.lower() or re.search(r"\s=\s*$", line[: m.start("n") - m.start()]):
            continue
        scale = _PARAM_SCALE.get((m.group("unit") or m.group("suffix") or "").lower(), 1.0)
        try:
            count = float(m.group("n").replace(",", "")) * scale
        except ValueError:
            continue
        if not 100 <= count < 1e14:
            continue
        run.reported.n_params = int(count)
        run.reported.n_params_text = m.group("n") + (m.group("suffix") or "")
        run.reported.n_params_is_total = True
        run.notes.append(f"parameters: {int(count):,}, as the log states ({line.strip()[:80]})")
        return


# a line that states the tokens in one optimizer step: "tokens/iter = 393,216",
# "Tokens per iteration: 131,072", "Tokens/update: 524,288"; never code or a comment
_TOKENS_PER_STEP_LINE = re.compile(
    r"^(?![ \t]*#)[^\n]{0,80}?\btokens ?(?:/ ?|per |_per_)(?:iter(?:ation)?|step|update)s?"
    r"(?: will be)?[ \t]*[:=][ \t]*(?P<n>\d[\d,]*)(?![\d.])",
    re.I | re.M,
)


def _tokens_per_step_from_lines(run: Run, text: str) -> None:
    """The tokens per optimizer step a log states in a line of its own, for formats whose
    parser reads none."""
    for m in _TOKENS_PER_STEP_LINE.finditer(text):
        count = to_count(m.group("n").replace(",", ""))
        if count is None or not 1 <= count < 1 << 40:
            continue
        run.reported.tokens_per_iter = count
        run.notes.append(
            f"tokens per step: {count:,}, as the log states ({m.group(0).strip()[:80]})"
        )
        return


# a job's stdout and the stderr its launcher wrote beside it (SLURM's %j.out and %j.err)
_STDERR_OF = {".out": ".err", ".stdout": ".stderr"}
_STDERR_NAMES = {"stdout.log": "stderr.log", "stdout.txt": "stderr.txt", "stdout": "stderr"}
STDERR_TAIL_BYTES = 4 << 20  # a crash is at the end of the stderr: its last 4 MiB are read
MAX_STDERR_CRASHES = 20


def _stderr_of(log_path: Path) -> Path | None:
    """The stderr file written beside a job's stdout log, when there is one."""
    name = _STDERR_NAMES.get(log_path.name)
    if name is None and log_path.suffix in _STDERR_OF:
        name = log_path.stem + _STDERR_OF[log_path.suffix]
    if name is None:
        return None
    err = log_path.with_name(name)
    return err if err.is_file() else None


def _crashes_from_stderr(run: Run, log_path: Path) -> None:
    """The crash messages (a traceback's exception, OOM, a scheduler's kill) of the stderr
    file beside a stdout log: where SLURM and launchers put how a job ended."""
    err = _stderr_of(log_path)
    if err is None or any(e.kind in CRASH_KINDS for e in run.events):
        return
    run.messages_read = True  # the job's stderr: where its errors would be
    with err.open("rb") as handle:
        cut = handle.seek(0, 2) > STDERR_TAIL_BYTES
        handle.seek(-STDERR_TAIL_BYTES, 2) if cut else handle.seek(0)
        lines = bounded_lines(handle)
        if cut:
            next(lines, None)  # the rest of a line cut by the seek
        # line numbers count from where the reading began: the file names that part
        where = f"the last 4 MiB of {err.name}" if cut else err.name
        found = []
        for line_no, raw in enumerate(lines, start=1):
            text = ANSI.sub("", raw.decode("utf-8", errors="replace"))
            event = make_event(line_no, text, run.last_step, plain=None)
            if event is not None and event.kind in CRASH_KINDS:
                found.append(event.model_copy(update={"file": where}))
    if found:
        run.events.extend(found[-MAX_STDERR_CRASHES:])
        run.notes.append(f"crash messages read from the job's stderr file, {where}")


def finalize(
    run: Run,
    gpu: str | None = None,
    vram: str | None = None,
    data_dir: Path | None = None,
    peak_tflops: float | None = None,
) -> Run:
    """What every format shares: losses in nats, the GPU, the dataset, and the figures."""
    if run.loss_unit == "bits":
        for series in run.series.values():
            if series.name.endswith("loss"):
                series.values = series.values * math.log(2)
    _resolve_gpu(run, gpu, vram)
    if peak_tflops is not None:
        if not 0 < peak_tflops < 1e6:
            raise InputError(f"--peak-tflops {peak_tflops:g}: not a GPU's peak in TFLOPS")
        run.peak_tflops = peak_tflops
        if run.gpu_name is None or find_gpu(run.gpu_name) is None:
            run.gpu_name, run.gpu_source = "custom GPU", f"--peak-tflops {peak_tflops:g}"
    if run.num_gpus_source == "assumed":
        _world_size_from_log(run)
    _split_restarts(run)
    run.dataset = _resolve_dataset(run, data_dir)
    if run.framework.startswith("nanoGPT"):
        from capdiag.parsers.nanogpt import vocab_from_dataset

        vocab_from_dataset(run)
    run.figures = compute_figures(run)
    return run


MAX_RESTART_SHARE = 0.05  # more steps going back than this: interleaved writers, not restarts
OWN_LOGS = 20  # a process's first logs, whose spacing is its own logging interval


def _split_restarts(run: Run) -> None:
    """A log whose steps go back holds several processes appended to one file: one segment
    each, where its loss series goes back. A process that starts again where the log
    starts (within one logging interval) is a relaunch from scratch: the run is the last
    relaunch, and the attempts before it are left out of every series. A process that
    starts later resumed from a checkpoint: it replaces what the processes before it logged
    from its first step on. For formats whose parser does not split processes itself."""
    if len(run.segments) > 1:
        return
    primary = run.metric("train_loss") or run.metric("val_loss")
    if primary is None or len(primary) < 4:
        return
    back = np.flatnonzero(np.diff(primary.steps) < 0) + 1
    if back.size == 0 or back.size > max(3, MAX_RESTART_SHARE * len(primary)):
        return
    relaunch = _from_the_start(primary.steps, back)
    line = run.segments[0].start_line if run.segments else 1
    bounds = [0, *back.tolist(), len(primary)]
    run.segments = [
        Segment(
            index=k,
            start_line=line,
            first_step=int(primary.steps[lo]),
            last_step=int(primary.steps[hi - 1]),
            resumed=k > 0 and not relaunch[k - 1],
        )
        for k, (lo, hi) in enumerate(itertools.pairwise(bounds))
    ]
    for series in run.series.values():
        backwards = np.flatnonzero(np.diff(series.steps) < 0) + 1
        if backwards.size == 0:
            continue
        # a point is superseded by any later process that restarted at or before its step,
        # and by a later relaunch from the start whatever its step
        from_start = _from_the_start(series.steps, backwards)
        superseded_from = np.full(series.steps.size, np.inf)
        for b, first in zip(backwards.tolist(), from_start.tolist(), strict=True):
            again = first and bool(relaunch.any())
            limit = -np.inf if again else float(series.steps[b])
            superseded_from[:b] = np.minimum(superseded_from[:b], limit)
        keep = series.steps < superseded_from
        series.steps, series.values = series.steps[keep], series.values[keep]
    relaunches = int(relaunch.sum())
    run.notes.append(
        f"the steps go back {back.size} time(s): {back.size + 1} processes in one log"
        + (
            f"; {relaunches} relaunch(es) from the start: the last one is the run"
            if relaunches
            else ""
        )
        + (
            f"; {back.size - relaunches} resume(s): a later process replaces the steps "
            "from the one it resumed at"
            if back.size > relaunches
            else ""
        )
    )


def _from_the_start(steps: np.ndarray, back: np.ndarray) -> np.ndarray:
    """For each point where the steps go back: the process after it started again where the
    log starts, within one logging interval (the log's, or its own: a relaunch may log
    every 10 steps where the process before it logged every step)."""
    interval = _logging_interval(steps)
    ends = [*back.tolist()[1:], steps.size]
    return np.array(
        [
            steps[b]
            <= steps[0] + max(interval, _logging_interval(steps[b : min(end, b + OWN_LOGS)]))
            for b, end in zip(back.tolist(), ends, strict=True)
        ],
        dtype=bool,
    )


def _logging_interval(steps: np.ndarray) -> float:
    """The median step between consecutive logged points (1 when none moves forward)."""
    forward = np.diff(steps)
    forward = forward[forward > 0]
    return float(np.median(forward)) if forward.size else 1.0


def _resolve_dataset(run: Run, data_dir: Path | None) -> DatasetInfo | None:
    """--data-dir, else nanoGPT's data/<dataset>/ beside the log or here, else the catalog."""
    name = run.config.get("dataset")
    if run.config.source("dataset") == "assumed":
        name = None  # train.py's default dataset is not a fact about this run
    if data_dir is not None:
        if not (data_dir / "train.bin").is_file():
            raise InputError(f"--data-dir {data_dir}: no train.bin there")
        candidates = [data_dir]
    elif isinstance(name, str) and name and "/" not in name:
        candidates = [Path(run.source).parent / "data" / name, Path.cwd() / "data" / name]
    else:
        candidates = []
    for folder in candidates:
        try:
            if not (folder / "train.bin").is_file():
                continue
        except (OSError, ValueError):  # a dataset name too long, or with a NUL, for a path
            continue
        try:
            train, _ = sizes_from_data_dir(folder)
        except DataDirError as exc:
            raise InputError(str(exc)) from exc
        return DatasetInfo(
            name=folder.name,
            train_tokens=train,
            source=f"size of {folder / 'train.bin'} (uint16 tokens)",
            large=train >= LARGE_CORPUS_TOKENS,
        )
    return find_dataset(str(name)) if name else None


def _resolve_gpu(run: Run, gpu: str | None, vram: str | None) -> None:
    if gpu:
        spec = find_gpu(gpu)
        if spec is None:
            # an unknown card still leaves the rest of the analysis: say so and go on
            close = suggest_gpu(gpu)
            hint = f" (did you mean {close!r}?)" if close else ""
            run.notes.append(
                f"--gpu {gpu!r} is not in capdiag's GPU table{hint}: MFU against its peak is not "
                "computed (see `capdiag gpus`, or give it with --peak-tflops X)"
            )
        else:
            run.gpu_name, run.gpu_source = spec.name, "--gpu"
    elif run.gpu_name is not None:
        spec = find_gpu(run.gpu_name)  # a name the log printed: the table's name for it
        if spec is not None:
            run.gpu_name = spec.name
    else:
        for event in _distinct(run.events):
            spec = find_gpu_in_text(event.text)
            if spec is not None:
                run.gpu_name, run.gpu_source = spec.name, f"log line {event.line}"
                break
    if vram:
        try:
            run.vram_bytes = parse_size(vram)
        except ValueError as exc:
            raise InputError(f"--vram: {exc}") from exc
    elif run.gpu_name and run.vram_bytes is None:
        spec = find_gpu(run.gpu_name)
        if spec is not None and spec.mem_gb:
            run.vram_bytes = int(spec.mem_gb * 1024**3)


# launcher lines and argument dumps that state the world size
_NPROC = re.compile(r"--nproc[_-]per[_-]node[= ](\d+)")
_NNODES = re.compile(r"--nnodes[= ](\d+)(?!:)")
# "world_size: 8", "world_size ....... 16", "WORLD_SIZE=16"; not code ("world_size=1" in a def)
# nanoGPT's own variable, printed in a breakdown: "ddp_world_size=8"
_WORLD = re.compile(
    r"\bworld[_ ]size\b(?:\s*[:.]+\s*|\s+)(\d+)|\b(?:WORLD_SIZE|ddp_world_size)=(\d+)", re.I
)
_WORLD_KEYS = ("world_size", "num_gpus", "n_gpus", "ddp_world_size")
# torchtitan: "Building device mesh with parallelism: pp=1, dp_replicate=1, dp_shard=4, cp=1,
# tp=1, ..." (ep and etp reuse the data-parallel ranks)
_MESH = re.compile(
    r"parallelism: pp=(\d+), dp_replicate=(\d+), dp_shard=(-?\d+), cp=(\d+), tp=(\d+)"
)


def _by_leaf(run: Run, name: str) -> tuple[float, str] | None:
    """A stated config number under `name`, or under a nested key ending in it
    (``cfg.trainer.devices``); a list of devices counts its entries."""
    for key, value in run.config.values.items():
        if key != name and not key.endswith("." + name):
            continue
        if run.config.source(key) == "assumed":
            continue
        if isinstance(value, list) and value:
            return float(len(value)), key
        count = to_count(value) if isinstance(value, int | float) else None
        if count is not None and not isinstance(value, bool) and count >= 1:
            return float(count), key  # an int past float range is no count
    return None


def _distinct(events: list[Event]) -> Iterator[Event]:
    """Each event whose text was not seen before: a log repeats its messages."""
    seen: set[str] = set()
    for event in events:
        if event.text not in seen:
            seen.add(event.text)
            yield event


def _world_size_from_log(run: Run) -> None:
    """The data-parallel world size when the log or its config states one."""
    for name in _WORLD_KEYS:
        if (found := _by_leaf(run, name)) is not None:
            run.num_gpus, run.num_gpus_source = int(found[0]), run.config.source(found[1])
            return
    if (devices := _by_leaf(run, "devices")) is not None:
        nodes = _by_leaf(run, "num_nodes")
        run.num_gpus = int(devices[0] * (nodes[0] if nodes else 1))
        run.num_gpus_source = run.config.source(devices[1])
        return
    for event in _distinct(run.events):
        if _world_size_in(run, event.text, f"log line {event.line}"):
            return


# torchrun's per-rank prefix ("[rank1]:W0705 ..."): every rank prints its own warnings
_RANK_PREFIX = re.compile(r"^\[rank(\d{1,7})\]:", re.M)


def _world_size_from_lines(run: Run, text: str) -> None:
    for line_no, line in enumerate(text.splitlines()[:5000], start=1):
        if _world_size_in(run, line, f"log line {line_no}"):
            return
    ranks = {int(m.group(1)) for m in _RANK_PREFIX.finditer(text)}
    if len(ranks) > 1 and ranks == set(range(len(ranks))):
        run.num_gpus, run.num_gpus_source = len(ranks), "log"
        run.notes.append(
            f"world size {len(ranks)} from the log's [rank0]..[rank{len(ranks) - 1}] prefixes"
        )


def _world_size_in(run: Run, text: str, where: str) -> bool:
    """Sets the world size when `text` states it (a launcher line, a dump, a mesh)."""
    if text.lstrip().startswith("#"):  # a usage example in a config's comment is not one
        return False
    # every count through to_count: None past int64 (a 5,000-digit one raised ValueError)
    found: int | None = None
    if (m := _MESH.search(text)) and (to_count(m.group(3)) or 0) > 0:  # dp_shard -1: auto
        sizes = [c for g in m.groups() if (c := to_count(g)) is not None]
        found = math.prod(sizes) if len(sizes) == len(m.groups()) else None
    elif m := _NPROC.search(text):
        # a node count that is not a plain number ("${NNODES:-8}", "1:4") states no world size
        stated = "--nnodes" not in text
        nodes = to_count(n.group(1)) if (n := _NNODES.search(text)) else (1 if stated else None)
        per_node = to_count(m.group(1))
        found = per_node * nodes if per_node is not None and nodes is not None else None
    elif m := _WORLD.search(text):
        found = to_count(m.group(1) or m.group(2))
    if found is None or not 1 <= found <= MAX_WORLD:
        return False
    run.num_gpus = found
    run.num_gpus_source = "log"
    run.notes.append(f"world size {run.num_gpus} from {where}")
    return True


MAX_WORLD = 1 << 24  # GPUs in one job: past any cluster
ROWS_PER_BLOCK = 1 << 16  # series walked in blocks of this many points: bounded temporaries


def steady_iterations(run: Run, name: str = "step_time_ms") -> np.ndarray:
    """A mask over the step times (or another per-step speed, `name`) that measure plain
    training speed.

    Leaves out each process's first five iterations (compilation and warm-up; nanoGPT's
    own MFU skips them too) and iterations whose wall time includes an eval or a checkpoint.
    """
    times = run.metric(name)
    if times is None:
        return np.zeros(0, dtype=bool)
    steps, values = times.steps, times.values
    segments = run.metric("segment")
    eval_interval = run.config.number("eval_interval")
    every = int(eval_interval) if eval_interval and eval_interval >= 1 else 0
    checkpoints = np.unique(np.array(run.checkpoint_steps, dtype=np.int64))
    # in blocks of rows: the mask (1 byte a point) is the only array as long as the series
    blocks = [slice(i, i + ROWS_PER_BLOCK) for i in range(0, steps.size, ROWS_PER_BLOCK)]
    first: dict[float, int] = {}  # each segment's (process's) first step
    if segments is not None:
        for rows in blocks:
            seg_of, block_steps = segments.values[rows], steps[rows]
            for seg in np.unique(seg_of):
                low = int(block_steps.min(where=seg_of == seg, initial=block_steps.max()))
                first[seg] = min(first.get(seg, low), low)
    elif steps.size:
        first[0.0] = int(steps.min())
    mask = np.empty(steps.size, dtype=bool)
    for rows in blocks:
        block_steps, block_values = steps[rows], values[rows]
        keep = np.isfinite(block_values) & (block_values > 0)
        seg_of = segments.values[rows] if segments is not None else np.zeros(block_steps.size)
        for seg in np.unique(seg_of):
            keep &= ~((seg_of == seg) & (block_steps < first[seg] + 5))
        if every:
            keep &= block_steps % every != 0
        if checkpoints.size:  # sorted once above: a binary search per step
            at = np.minimum(np.searchsorted(checkpoints, block_steps), checkpoints.size - 1)
            keep &= checkpoints[at] != block_steps
        mask[rows] = keep
    return mask


def _last_where(values: np.ndarray, test: Callable[[np.ndarray], np.ndarray]) -> float | None:
    """The last value that passes `test`, looked for from the end one block at a time."""
    for end in range(values.size, 0, -ROWS_PER_BLOCK):
        block = values[max(end - ROWS_PER_BLOCK, 0) : end]
        hits = np.flatnonzero(test(block))
        if hits.size:
            return float(block[hits[-1]])
    return None


def compute_figures(run: Run) -> Figures:
    """Every figure with its source; printed figures cross-check the recomputed ones."""
    f = Figures()
    c, src = run.config, f.sources
    f.dtype = str(c.get("dtype", "bfloat16"))
    src["dtype"] = c.source("dtype")
    src["num_gpus"] = run.num_gpus_source
    if run.num_gpus_source == "assumed":
        f.assumptions["num_gpus"] = (
            "one GPU is assumed: the log states no world size (pass --num-gpus N)"
        )
    if run.gpu_name:
        src["gpu"] = "flag" if run.gpu_source == "--gpu" else "log"
    if run.reported.vocab_size:
        src["vocab_size"] = run.vocab_source or "log"
    elif "vocab_size" in c.origins:
        src["vocab_size"] = c.source("vocab_size")
    elif run.dims is not None:
        src["vocab_size"] = run.dims_source or "config"
    if src.get("vocab_size") == "assumed" and run.dims is not None:
        f.assumptions["vocab_size"] = (
            f"vocab_size = {run.dims.vocab_size} is a default: the log does not print it "
            "(pass --config or --set vocab_size=N)"
        )
    batch, accum, block = (
        c.number("batch_size"),
        c.number("gradient_accumulation_steps"),
        c.number("block_size"),
    )
    if batch and accum and block:
        f.tokens_per_iter_config = int(batch * accum * block)
    printed = run.reported.tokens_per_iter
    f.tokens_per_iter = printed or f.tokens_per_iter_config
    if printed:
        src["tokens_per_iter"] = "derived" if run.reported.tokens_per_iter_derived else "log"
    elif f.tokens_per_iter:
        keys = ("batch_size", "gradient_accumulation_steps", "block_size")
        src["tokens_per_iter"] = combine(*(c.source(k) for k in keys))
        f.assumptions["tokens_per_iter"] = (
            f"{f.tokens_per_iter:,} tokens per step from batch_size x "
            "gradient_accumulation_steps x block_size, which are not all stated by the run "
            "(pass --config)"
        )
    if printed and f.tokens_per_iter_config and printed != f.tokens_per_iter_config:
        run.notes.append(
            f"the log printed {printed:,} tokens per iteration; the config gives "
            f"{f.tokens_per_iter_config:,} (batch_size x gradient_accumulation_steps x block_size)"
        )
    last = run.last_step
    if last is not None:
        train = run.metric("train_loss")
        ends_on_iter = train is not None and int(train.steps.max()) == last
        f.iterations = last + 1 if ends_on_iter and run.steps_start_at_zero else last
        src["iterations"] = "log"
    if run.dims is not None:
        _params(run, f)
    elif run.reported.n_params:
        # no shape capdiag can count, but the log printed the count (and maybe its FLOPs)
        f.n_params = f.n_params_reported = run.reported.n_params
        src["n_params"] = "log"
    if run.reported.flops_per_token and src.get("flops_per_token", "assumed") == "assumed":
        f.flops_per_token = run.reported.flops_per_token
        src["flops_per_token"] = "log"
        f.flops_per_iter = f.flops_per_token * f.tokens_per_iter if f.tokens_per_iter else None
    if run.reported.tokens_seen:
        f.tokens_seen = run.reported.tokens_seen
        src["tokens_seen"] = "log"
    elif f.iterations is not None and f.tokens_per_iter:
        f.tokens_seen = f.iterations * f.tokens_per_iter
        src["tokens_seen"] = combine("log", src["tokens_per_iter"])
        f.assumptions["tokens_seen"] = f.assumptions.get("tokens_per_iter", "")
    max_iters = c.number("max_iters")
    if run.reported.tokens_planned:
        f.tokens_planned, src["tokens_planned"] = run.reported.tokens_planned, "log"
    elif max_iters and max_iters > 0 and f.tokens_per_iter:
        f.tokens_planned = int(max_iters * f.tokens_per_iter)
        src["tokens_planned"] = combine(c.source("max_iters"), src["tokens_per_iter"])
        f.assumptions["tokens_planned"] = (
            f"max_iters = {max_iters:,.0f} is a default, not stated by the run (pass --config)"
            if c.source("max_iters") == "assumed"
            else f.assumptions.get("tokens_per_iter", "")
        )
    if run.planned and f.tokens_planned:
        # a config not yet run: its totals are the plan's
        f.tokens_seen = f.tokens_planned
        src["tokens_seen"] = src["tokens_planned"]
        f.assumptions["tokens_seen"] = f.assumptions.get("tokens_planned", "")
    budget_params = run.reported.n_params_scaling or f.n_params
    if f.tokens_seen and budget_params:
        f.tokens_per_param = f.tokens_seen / budget_params
        f.compute_flops = 6.0 * budget_params * f.tokens_seen
        src["tokens_per_param"] = src["compute_flops"] = combine(
            src["tokens_seen"],
            src.get("n_params", "log"),  # nanochat's scaling count: log
        )
        f.assumptions["tokens_per_param"] = f.assumptions["compute_flops"] = "; ".join(
            a for a in (f.assumptions.get("n_params"), f.assumptions.get("tokens_seen")) if a
        )
    reported_mfu = run.metric("mfu_reported")
    if reported_mfu is not None:
        f.mfu_reported = _last_where(reported_mfu.values, lambda v: v > -0.99)
        if f.mfu_reported is not None:
            src["mfu_reported"] = "log"
    _mfu(run, f)
    return f


PARAMS_TOLERANCE = 0.02  # printed and recomputed counts further apart: the dims are wrong


def _params(run: Run, f: Figures) -> None:
    """Parameters from the dims, checked against the count the log printed."""
    assert run.dims is not None
    src = f.sources
    counts = count_params(run.dims)
    f.n_params, f.n_params_non_embedding = counts.total, counts.non_embedding
    f.n_params_reported = run.reported.n_params
    f.flops_per_token = flops.flops_per_token(run.dims)
    if f.tokens_per_iter:
        f.flops_per_iter = f.flops_per_token * f.tokens_per_iter
    dims_source = run.dims_source or "config"
    src["dims"] = src["n_params"] = src["flops_per_token"] = dims_source
    d = run.dims
    shape = (
        f"n_layer={d.n_layer}, n_head={d.n_head}, n_embd={d.n_embd}, "
        f"vocab_size={d.vocab_size}, block_size={d.block_size}"
    )
    if dims_source == "assumed":
        f.assumptions["dims"] = f.assumptions["n_params"] = f.assumptions["flops_per_token"] = (
            f"the model's shape ({shape}) is partly a default, not stated by the run "
            "(pass --config or --set)"
        )
    reported = run.reported.n_params
    if not reported or reported < 0:
        return
    # the print is rounded to 0.01M
    tolerance = max(PARAMS_TOLERANCE, 6e3 / reported)
    recomputed = counts.total if run.reported.n_params_is_total else counts.non_embedding
    if abs(recomputed / reported - 1) <= tolerance:
        src["n_params"] = "log"  # the printed count confirms the dims
        src["dims"] = src["flops_per_token"] = combine("log", "config")
        f.assumptions.pop("n_params", None)
        f.assumptions.pop("dims", None)
        f.assumptions.pop("flops_per_token", None)
        return
    run.notes.append(
        f"the log printed {run.reported.n_params_text} parameters but the dimensions "
        f"({shape}) give {recomputed / 1e6:.2f}M: they are not the run's "
        "(pass the config that ran); figures from the dims are not used for warnings"
    )
    f.n_params = f.n_params_non_embedding = reported
    src["n_params"] = "log"  # the dims are wrong: the printed count is the one to trust
    f.assumptions.pop("n_params", None)
    src["dims"] = src["flops_per_token"] = "assumed"
    f.assumptions["dims"] = f.assumptions["flops_per_token"] = (
        f"the dimensions ({shape}) contradict the printed {run.reported.n_params_text} "
        "parameters (pass the config that ran)"
    )


def _mfu(run: Run, f: Figures) -> None:
    _mfu_from_step_times(run, f)
    if f.mfu is None:
        _mfu_from_printed_tflops(run, f)


def _mfu_from_printed_tflops(run: Run, f: Figures) -> None:
    """MFU from the TFLOP/s per GPU the log prints (Megatron, torchtitan), against the peak
    of a GPU the log or a flag names, where capdiag cannot recompute it (no model shape)."""
    printed = run.metric("tflops_per_gpu") or run.metric("tflops")
    if printed is None or run.gpu_name is None or run.gpu_source == "assumed":
        return
    values = printed.values[np.isfinite(printed.values) & (printed.values > 0)]
    values = values[len(values) // 10 :]  # the first tenth warms up (compilation, caches)
    if values.size < 3:
        return
    dtype = f.dtype or "bfloat16"
    peak = _gpu_peak(run, f, dtype)
    if not peak:
        return
    f.printed_tflops = float(np.median(values))
    f.gpu_peak_flops = peak
    f.mfu = f.printed_tflops * 1e12 / peak
    src = f.sources
    src["mfu"] = combine("log", src.get("gpu", "assumed"), src.get("dtype", "assumed"))
    if src["mfu"] == "assumed":
        f.assumptions["mfu"] = (
            f"the peak is the {run.gpu_name}'s at {dtype}, which the log does not state"
        )
    if f.mfu > 1.0:
        src["mfu"] = "assumed"
        f.assumptions["mfu"] = (
            f"the printed {f.printed_tflops:.0f} TFLOP/s per GPU would be {f.mfu:.0%} of the "
            f"{run.gpu_name}'s peak, which is impossible: the GPU, the dtype or the log's own "
            "FLOPs count is wrong"
        )


def _gpu_peak(run: Run, f: Figures, dtype: str) -> float | None:
    """The run's GPU's dense peak FLOP/s at `dtype`: the user's --peak-tflops wins. A GPU
    with no tensor cores for a 16-bit `dtype` (bfloat16 on a V100 or T4) is measured
    against its float16 peak, the most it does at 16 bits (`Figures.peak_dtype`)."""
    f.peak_dtype = dtype
    if run.peak_tflops:
        return run.peak_tflops * 1e12
    spec = find_gpu(run.gpu_name) if run.gpu_name else None
    if spec is None:
        return None
    peak = spec.peak_flops(dtype)
    if peak is None and canonical_dtype(dtype) == "bfloat16":
        f.peak_dtype = "float16"
        peak = spec.peak_flops("float16")
    return peak


def _mfu_from_step_times(run: Run, f: Figures) -> None:
    times = run.metric("step_time_ms")
    mask = steady_iterations(run)
    if times is None or not mask.any():
        return
    src = f.sources
    f.steady_iterations = int(mask.sum())
    f.step_time_s = float(np.median(times.values[mask], overwrite_input=True)) / 1000.0
    src["step_time_s"] = "log"
    if not f.flops_per_iter:
        return
    per_gpu = f.flops_per_iter / max(run.num_gpus, 1)
    f.mfu_a100 = flops.mfu(per_gpu, f.step_time_s, flops.NANOGPT_PROMISED_FLOPS)
    inputs = (src.get("flops_per_token", "assumed"), src["tokens_per_iter"], src["num_gpus"])
    src["mfu_a100"] = combine(*inputs)
    _cross_check_mfu(run, f)
    # nanoGPT enables TF32 matmuls, so its float32 runs use the TF32 tensor rate
    dtype = f.dtype or "bfloat16"
    peak = _gpu_peak(run, f, "tf32" if dtype == "float32" and run.framework == "nanoGPT" else dtype)
    if not peak or f.mfu_a100 is None:
        return
    f.gpu_peak_flops = peak
    f.mfu = f.mfu_a100 * flops.NANOGPT_PROMISED_FLOPS / peak
    src["mfu"] = combine(src["mfu_a100"], src.get("gpu", "assumed"))
    assumed = [
        f.assumptions[k]
        for k in ("flops_per_token", "tokens_per_iter", "num_gpus")
        if src.get(k) == "assumed" and k in f.assumptions
    ]
    if f.assumptions.get("mfu_a100"):
        assumed.append(f.assumptions["mfu_a100"])  # the cross-check's disagreement
    f.assumptions["mfu"] = f.assumptions["mfu_a100"] = "; ".join(assumed)
    if f.mfu > 1.0:
        # impossible: an assumption is wrong, never a result
        src["mfu"] = src["mfu_a100"] = "assumed"
        f.assumptions["mfu"] = f.assumptions["mfu_a100"] = (
            f"the recomputed MFU would be {f.mfu:.0%} of the {run.gpu_name}'s peak, which is "
            "impossible, so an input is wrong: "
            + ("; ".join(assumed) if assumed else "the GPU, the dtype or the step time")
        )
    if _recomputes_activations(run):
        # activation checkpointing runs each forward twice: 4 passes of work, not 3
        f.hfu = f.mfu * 4.0 / 3.0


MFU_AGREEMENT = 0.25  # printed and recomputed A100-basis MFU further apart: disagree
MFU_ORDER = 10.0  # another trainer's printed MFU this many times off: an input is wrong


def _cross_check_mfu(run: Run, f: Figures) -> None:
    """nanoGPT prints MFU per process on an A100 basis: it checks the recomputed one.

    A disagreement means an input is wrong (often the world size: k processes make the
    recomputed figure about k times the printed one), so the printed figure is kept.
    """
    if not f.mfu_reported or not f.mfu_a100:
        return
    src = f.sources
    ratio = f.mfu_a100 / f.mfu_reported
    if run.framework != "nanoGPT":
        if not 1 / MFU_ORDER <= ratio <= MFU_ORDER:
            # another trainer's printed MFU, whatever its basis, an order of magnitude or
            # more from the recomputed one: an input is wrong
            src["mfu_a100"] = "assumed"
            f.assumptions["mfu_a100"] = (
                f"the log printed MFU {f.mfu_reported:.1%}, {1 / ratio:.3g} times the "
                f"recomputed {f.mfu_a100:.2%} (A100 basis): an input is wrong (a step time "
                "printed in milliseconds without its unit is read as seconds)"
            )
        return
    if abs(ratio - 1) <= MFU_AGREEMENT:
        if src["mfu_a100"] == "assumed" and src["num_gpus"] == "assumed":
            src["mfu_a100"] = "derived"  # the printed figure confirms the assumptions
        return
    inputs = ("flops_per_token", "tokens_per_iter", "num_gpus", "step_time_s")
    basis = _printed_basis(run, flops.NANOGPT_PROMISED_FLOPS * ratio)
    if basis is not None and all(src.get(key, "assumed") != "assumed" for key in inputs):
        # every input is the run's own and the print's peak is a known one: a fork whose
        # estimate_mfu divides by another GPU's peak
        run.notes.append(
            f"the log printed MFU {f.mfu_reported:.2%} but the run's own figures give "
            f"{f.mfu_a100:.1%} of an A100: the print divides by {basis}, not nanoGPT's "
            "A100 312 TFLOPS, so the recomputed figure is used"
        )
        f.mfu_printed_basis = basis
        return
    hint = (
        f" (about {ratio:.1f}x: {round(ratio)} data-parallel processes? pass --num-gpus)"
        if ratio > 1.5 and src["num_gpus"] == "assumed"
        else ""
    )
    run.notes.append(
        f"nanoGPT printed MFU {f.mfu_reported:.1%} (A100 basis) but the recomputed figure is "
        f"{f.mfu_a100:.1%}: an input is wrong{hint}, so the printed figure is used"
    )
    f.mfu_a100 = f.mfu_reported
    src["mfu_a100"] = "log"


PEAK_MATCH = 0.03  # an implied peak this close to a known one is that one


def _printed_basis(run: Run, implied: float) -> str | None:
    """The known peak a printed MFU divides by, when it is one a fork would choose: the
    H100's (a common edit of estimate_mfu) or the run's own GPU's, dense or with sparsity."""
    named = [run.gpu_name] if run.gpu_name and run.gpu_source != "assumed" else []
    specs = [spec for spec in map(find_gpu, [*named, "H100 SXM"]) if spec is not None]
    for spec in specs:
        for dtype in ("bfloat16", "float16", "tf32"):
            dense = spec.peak_flops(dtype)
            for factor, kind in ((1, "dense"), (2, "with sparsity")):
                if dense and abs(implied / (dense * factor) - 1) <= PEAK_MATCH:
                    peak = dense * factor / 1e12
                    return f"the {spec.name}'s {dtype} peak {kind} ({peak:,.0f} TFLOPS)"
    return None


def _recomputes_activations(run: Run) -> bool:
    keys = ("gradient_checkpointing", "activation_checkpointing", "recompute_granularity")
    return any(run.config.get(key) not in (None, False, "none", "") for key in keys)
