"""`capdiag watch`: the incremental parsers against the whole-file ones, following a file
through rotation and truncation, run folders being written, and a live diverging run."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from capdiag.analysis import run_rules
from capdiag.load import complete_run, detect_format, load_run
from capdiag.parsers import LoadContext
from capdiag.rules import RULES
from capdiag.run import Run
from capdiag.watch import Tail, Watcher, finding_key

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests/data"
TRAINER = ROOT / "scripts/numpy_trainer.py"

# real logs of the four formats that are followed line by line
FOLLOWED = [
    "nanogpt/cpu_healthy.log",
    "nanogpt/cpu_crash_resumed.log",
    "nanogpt/cpu_resumed.log",
    "nanogpt/cpu_ts_prefixed.log",
    "nanogpt_rules/cpu_nan.log",
    "nanogpt_rules/cpu_lr1_spike.log",
    "llmc/cpu_train_gpt2_py_stdout.log",
    "llmc/llmc_issue796_train_gpt2cu_stdout.log",
    "llmc/llmc_siddanthemani_gpt2_124M_main_cut.log",
    "hf_trainer/diverge/stdout.log",
    "nanogpt_rules/hf_jaong_cpt_large_trainer_stdout.log",
    "jsonl/healthy/metrics.jsonl",
    "jsonl/divergent_stdout.log",
]


def _same_run(a: Run, b: Run) -> None:
    assert a.series.keys() == b.series.keys()
    for name, series in a.series.items():
        other = b.series[name]
        assert np.array_equal(series.steps, other.steps), name
        assert np.array_equal(series.values, other.values, equal_nan=True), name
        assert series.mode == other.mode
    assert [(e.line, e.kind, e.step) for e in a.events] == [
        (e.line, e.kind, e.step) for e in b.events
    ]
    # repr: NaN equals NaN there
    assert repr([s.model_dump() for s in a.segments]) == repr([s.model_dump() for s in b.segments])
    assert a.config.values == b.config.values
    assert repr(a.figures) == repr(b.figures)
    assert (a.num_gpus, a.notes, a.reported) == (b.num_gpus, b.notes, b.reported)


@pytest.mark.parametrize("name", FOLLOWED)
def test_incremental_parse_equals_whole_file(name: str) -> None:
    """Fed in uneven chunks, with a snapshot after each, the run is the whole-file run."""
    path = DATA / name
    module = detect_format(path)
    assert module.NAME in ("nanogpt", "llmc", "hf_trainer", "jsonl")
    lines = path.read_bytes().splitlines(keepends=True)
    incremental = module.Incremental(path, LoadContext())
    rng = np.random.default_rng(0)
    at = 0
    while at < len(lines):
        size = int(rng.integers(1, 40))
        incremental.feed(lines[at : at + size])
        at += size
        incremental.run()  # a snapshot must not disturb what follows
    head = path.read_bytes()[: 1 << 20]
    _same_run(complete_run(incremental.run(), path, head), load_run(path))


def _append(path: Path, lines: list[bytes]) -> None:
    with path.open("ab") as handle:
        handle.write(b"".join(lines))


def test_tail_keeps_a_cut_line_until_it_ends(tmp_path: Path) -> None:
    log = tmp_path / "train.log"
    log.write_bytes(b"iter 0: loss 2.0, time 1.0ms\niter 1: lo")
    tail = Tail(log)
    lines, event = tail.poll()
    assert (lines, event) == ([b"iter 0: loss 2.0, time 1.0ms\n"], "opened")
    _append(log, [b"ss 1.9, time 1.0ms\n"])
    assert tail.poll() == ([b"iter 1: loss 1.9, time 1.0ms\n"], None)
    assert tail.poll() == ([], None)


def test_tail_follows_rotation_and_truncation(tmp_path: Path) -> None:
    log = tmp_path / "train.log"
    log.write_bytes(b"a\nb\n")
    tail = Tail(log)
    assert tail.poll() == ([b"a\n", b"b\n"], "opened")
    _append(log, [b"c\n"])  # written just before the rotation
    log.rename(tmp_path / "train.log.1")
    log.write_bytes(b"d\n")
    assert tail.poll() == ([b"c\n", b"d\n"], "rotated")
    log.write_bytes(b"e\n")  # truncated and rewritten to the same size (a new run with >)
    assert tail.poll() == ([b"e\n"], "truncated")
    _append(log, [b"f\n"])
    assert tail.poll() == ([b"f\n"], None)
    log.write_bytes(b"")  # copytruncate: emptied, then written on
    assert tail.poll() == ([], "truncated")
    _append(log, [b"g\n"])
    assert tail.poll() == ([b"g\n"], None)


def _watch_in_steps(watcher: Watcher, steps: list[tuple[str, list[bytes]]], log: Path) -> list[str]:
    for action, lines in steps:
        if action == "rotate":
            log.rename(log.with_suffix(".log.1"))
            log.write_bytes(b"".join(lines))
        elif action == "truncate":
            log.write_bytes(b"".join(lines))
        else:
            _append(log, lines)
        watcher.poll()
        watcher.check(time.monotonic(), force=True)
    return watcher.notices


def test_watch_through_rotation_keeps_the_whole_run(tmp_path: Path) -> None:
    """A log rotated partway (logrotate's create) is one run: the model equals the whole
    log's, and the findings are the whole log's."""
    source = DATA / "nanogpt_rules/cpu_nan.log"
    lines = source.read_bytes().splitlines(keepends=True)
    log = tmp_path / "train.log"
    log.write_bytes(b"")
    watcher = Watcher(log, LoadContext(), list(RULES), {}, min_gap=0)
    third = len(lines) // 3
    notices = _watch_in_steps(
        watcher,
        [
            ("append", lines[:third]),
            ("rotate", lines[third : 2 * third]),
            ("append", lines[2 * third :]),
        ],
        log,
    )
    assert any("was rotated" in n for n in notices)
    watcher.close()
    whole = load_run(source)
    run = watcher.run()
    assert run is not None
    assert np.array_equal(
        run.series["train_loss"].values, whole.series["train_loss"].values, equal_nan=True
    )
    expected, _, _ = run_rules(whole, list(RULES))
    assert {finding_key(f) for f in watcher.findings} >= {finding_key(f) for f in expected}
    assert "divergence" in {f.rule for f in watcher.findings}


def test_watch_after_truncation_reads_the_new_run_as_a_new_segment(tmp_path: Path) -> None:
    """`python train.py > train.log` run again: the file shrinks and starts over; the
    restart is a new segment and the first run's findings stay reported."""
    first = (DATA / "nanogpt_rules/cpu_nan.log").read_bytes().splitlines(keepends=True)
    second = (DATA / "nanogpt/cpu_healthy.log").read_bytes().splitlines(keepends=True)
    log = tmp_path / "train.log"
    log.write_bytes(b"")
    watcher = Watcher(log, LoadContext(), list(RULES), {}, min_gap=0)
    notices = _watch_in_steps(
        watcher, [("append", first), ("truncate", second[:10]), ("append", second[10:])], log
    )
    assert any("was truncated" in n for n in notices)
    run = watcher.run()
    assert run is not None
    assert len(run.segments) == 2
    assert "divergence" in {f.rule for f in watcher.findings}


def test_each_finding_is_reported_once(tmp_path: Path) -> None:
    source = DATA / "nanogpt_rules/cpu_nan.log"
    lines = source.read_bytes().splitlines(keepends=True)
    log = tmp_path / "train.log"
    log.write_bytes(b"")
    watcher = Watcher(log, LoadContext(), list(RULES), {}, min_gap=0)
    reported = []
    for i in range(0, len(lines), 3):
        _append(log, lines[i : i + 3])
        watcher.poll()
        reported += watcher.check(time.monotonic(), force=True)
    reported += watcher.close()
    keys = [finding_key(f) for f in reported]
    assert len(keys) == len(set(keys))
    divergence = [f for f in reported if f.rule == "divergence"]
    assert len(divergence) == 1 and divergence[0].severity.value == "error"


def test_rules_are_throttled(tmp_path: Path) -> None:
    log = tmp_path / "train.log"
    log.write_bytes((DATA / "nanogpt/cpu_healthy.log").read_bytes())
    watcher = Watcher(log, LoadContext(), list(RULES), {}, min_gap=60)
    watcher.poll()
    now = time.monotonic()
    watcher.check(now)
    assert [t.last for t in watcher.tiers] == [now, now] and not watcher.changed
    _append(log, [b"iter 1500: loss 1.5, time 40.0ms, mfu -100.00%\n"])
    watcher.poll()
    assert watcher.changed
    watcher.check(now + 1)  # within the 60 s gap: not re-run
    assert [t.last for t in watcher.tiers] == [now, now] and watcher.changed
    watcher.check(now + 61)
    assert [t.last for t in watcher.tiers] == [now + 61] * 2 and not watcher.changed


def test_slow_rules_do_not_hold_up_a_divergence(tmp_path: Path) -> None:
    """On a long run the slow rules wait twice what they took; divergence does not."""
    lines = (DATA / "nanogpt_rules/cpu_nan.log").read_bytes().splitlines(keepends=True)
    first_nan = next(i for i, line in enumerate(lines) if b"loss nan" in line)
    log = tmp_path / "train.log"
    log.write_bytes(b"".join(lines[:first_nan]))
    watcher = Watcher(log, LoadContext(), list(RULES), {}, min_gap=0.1)
    watcher.poll()
    now = time.monotonic()
    assert "divergence" not in {f.rule for f in watcher.check(now)}
    urgent, rest = watcher.tiers
    assert {r.id for r in urgent.rules} == {"crash", "divergence", "grad-norm"}
    rest.cost = 1000.0  # as if the other rules took that long on this run
    _append(log, lines[first_nan:])
    watcher.poll()
    found = watcher.check(now + 0.2)
    assert [f.rule for f in found] == ["divergence"]
    assert rest.last == now and watcher.changed  # the slow rules still wait


def _write_scalars(folder: Path, points: list[tuple[int, float]]) -> None:
    from tensorboard.compat.proto.event_pb2 import Event
    from tensorboard.compat.proto.summary_pb2 import Summary
    from tensorboard.summary.writer.event_file_writer import EventFileWriter

    writer = EventFileWriter(str(folder))
    for step, loss in points:
        value = Summary.Value(tag="train/loss", simple_value=loss)
        writer.add_event(Event(wall_time=time.time(), step=step, summary=Summary(value=[value])))
    writer.flush()
    writer.close()


def test_watch_a_tensorboard_folder_being_written(tmp_path: Path) -> None:
    """TensorBoard folders are re-read when a file changes: a NaN written later is found."""
    folder = tmp_path / "runs"
    folder.mkdir()
    healthy = [(s, 3.0 * 0.98**s) for s in range(1, 60)]
    _write_scalars(folder, healthy)
    watcher = Watcher(folder, LoadContext(), list(RULES), {}, min_gap=0)
    watcher.poll()
    first = watcher.check(time.monotonic(), force=True)
    assert watcher.mode == "re-read"
    assert "divergence" not in {f.rule for f in first}
    _write_scalars(folder, [(s, float("nan")) for s in range(60, 70)])
    watcher.poll()
    later = watcher.check(time.monotonic(), force=True)
    assert [f.rule for f in later if f.severity.value == "error"] == ["divergence"]


def test_watch_a_wandb_folder_caught_mid_write(tmp_path: Path) -> None:
    """A W&B datastore read while it is cut mid-record: no crash, the findings `analyze`
    gives on the cut folder (the records before the cut: a killed run's datastore is read
    the same way), then those it gives on the whole folder."""
    source = DATA / "wandb/healthy/offline-run-20261127_204412-zc1x2zkx"
    folder = tmp_path / source.name
    shutil.copytree(source, folder)
    store = folder / "run-zc1x2zkx.wandb"
    data = store.read_bytes()
    watcher = Watcher(folder, LoadContext(), list(RULES), {}, min_gap=0)
    reported: set[tuple[object, ...]] = set()  # a finding is reported once
    for fraction in (0.1, 0.5):
        store.write_bytes(data[: int(len(data) * fraction)])
        watcher.poll()
        found = {finding_key(f) for f in watcher.check(time.monotonic(), force=True)}
        expected, _, _ = run_rules(load_run(folder), list(RULES))
        assert found == {finding_key(f) for f in expected} - reported
        reported |= found
    store.write_bytes(data)
    watcher.poll()
    found = {finding_key(f) for f in watcher.check(time.monotonic(), force=True)}
    expected, _, _ = run_rules(load_run(source), list(RULES))
    assert found == {finding_key(f) for f in expected} - reported


def _capdiag(*args: str, **kwargs: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "capdiag", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,  # type: ignore[call-overload]
    )


def test_fail_fast_stops_a_live_diverging_run_within_a_second(tmp_path: Path) -> None:
    """The numpy trainer diverges by its own arithmetic (a learning-rate jump overflows its
    softmax); watch, already following the file, exits 1 within a second of the NaN line."""
    log, stamp = tmp_path / "train.log", tmp_path / "nan_stamp"
    watch = _capdiag("watch", str(log), "--fail-fast", "error")
    assert watch.stderr is not None
    assert "waiting for" in watch.stderr.readline()  # started, polling for the file
    with log.open("w") as out:
        trainer = subprocess.Popen(
            [sys.executable, str(TRAINER), "--iters", "3000", "--nan-stamp", str(stamp)],
            stdout=out,
        )
    try:
        while watch.poll() is None:
            time.sleep(0.005)
        exited = time.time()
        assert trainer.poll() is None  # the run was still going: watch stopped it live
    finally:
        trainer.kill()
        trainer.wait()
    out_text = watch.stdout.read() if watch.stdout else ""
    err_text = watch.stderr.read()
    assert watch.returncode == 1, err_text
    assert "ERROR   CD009 divergence" in out_text
    assert "--fail-fast error" in err_text
    nan_written = float(stamp.read_text())
    text = log.read_text()
    first_nan = text.index("loss nan")
    assert "loss 3." in text[:first_nan]  # finite losses came first: it diverged partway
    assert 0 <= exited - nan_written < 1.0, exited - nan_written


def test_ctrl_c_exits_by_the_findings_so_far(tmp_path: Path) -> None:
    for source, code in (("nanogpt/cpu_healthy.log", 0), ("nanogpt_rules/cpu_nan.log", 1)):
        log = tmp_path / Path(source).name
        shutil.copy(DATA / source, log)
        watch = _capdiag("watch", str(log))
        assert watch.stderr is not None
        assert "reading" in watch.stderr.readline()
        time.sleep(1.0)  # the rules have run on what is there
        watch.send_signal(signal.SIGINT)
        out, err = watch.communicate(timeout=10)
        assert watch.returncode == code, err
        assert "Traceback" not in err and "interrupted" in err
        assert ("CD009 divergence" in out) == (code == 1)


def test_sigterm_ends_the_watch_like_ctrl_c(tmp_path: Path) -> None:
    log = tmp_path / "train.log"
    shutil.copy(DATA / "nanogpt/cpu_healthy.log", log)
    watch = _capdiag("watch", str(log))
    assert watch.stderr is not None
    watch.stderr.readline()
    watch.send_signal(signal.SIGTERM)
    _, err = watch.communicate(timeout=10)
    assert watch.returncode == 0 and "Traceback" not in err


def test_idle_and_timeout_stop_it(tmp_path: Path) -> None:
    log = tmp_path / "train.log"
    shutil.copy(DATA / "nanogpt_rules/cpu_nan.log", log)
    idle = _capdiag("watch", str(log), "--idle", "0.5", "--format", "jsonl")
    out, err = idle.communicate(timeout=30)
    assert idle.returncode == 1 and "stopped (idle)" in err
    rules = [json.loads(line)["finding"]["rule"] for line in out.splitlines()]
    assert "divergence" in rules and len(rules) == len(set(rules))
    timed = _capdiag("watch", str(log), "--timeout", "0.5", "--fail-on", "never")
    _, err = timed.communicate(timeout=30)
    assert timed.returncode == 0 and "stopped (timeout)" in err


@pytest.mark.parametrize(
    "args,message",
    [
        (["/no/such/folder/train.log"], "no such folder"),
        (["LOG", "--interval", "0"], "--interval"),
        (["LOG", "--config", "/no/such.py"], "no such file"),
        (["LOG", "--log-format", "nonsense"], "unknown format"),
        (["-"], "watch follows a file"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    log = tmp_path / "train.log"
    shutil.copy(DATA / "nanogpt/cpu_healthy.log", log)
    args = [str(log) if a == "LOG" else a for a in args]
    watch = _capdiag("watch", *args, "--timeout", "5")
    _, err = watch.communicate(timeout=30)
    assert watch.returncode == 2
    assert message in err and len(err.strip().splitlines()) == 1, err


def test_trainer_diverges_only_with_the_jump(tmp_path: Path) -> None:
    """The trainer's NaN comes from the learning-rate jump, not from the script otherwise."""
    for jump, has_nan in (("1", False), ("1000", True)):
        result = subprocess.run(
            [sys.executable, str(TRAINER), "--iters", "120", "--sleep", "0", "--jump", jump],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ},
        )
        assert ("loss nan" in result.stdout) == has_nan
