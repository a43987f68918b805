"""A crash in any supported text log becomes a `crash` finding.

Each real log of a text format (tests/data, bench/corpus) gets a real crash appended: the
lines a crashed run printed, cut from public logs (tests/data/crashes/PROVENANCE.md and the
corpus labels). The composition is the test's; every line in it is verbatim.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from capdiag.analysis import analyze
from capdiag.load import detect_format, load_run

DATA = ROOT / "tests" / "data"
CORPUS = ROOT / "bench" / "corpus"
CRASHES = DATA / "crashes"


def _lines(path: Path, first: int, last: int) -> str:
    """Lines `first`..`last` (1-based, inclusive) of a real log."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(lines[first - 1 : last])


# format -> a real log of it
LOGS = {
    "nanogpt": DATA / "nanogpt" / "cpu_healthy.log",
    "build_nanogpt": CORPUS
    / "rd-buildnanogpt-gpt2-124m-2xh100-epoch1/log/train-2x-h100-epoch-1.log",
    "llmc": DATA / "llmc" / "llmc_issue796_train_gpt2cu_stdout.log",
    "modded_nanogpt": DATA / "modded_nanogpt" / "2024-11-19_FlexAttention_8384493d.txt",
    "megatron": DATA / "megatron" / "epfllm_issue11_a.log",
    "torchtitan": DATA / "torchtitan" / "pr1287_llama3_8b.log",
    "nanochat": CORPUS / "rd-nanochat-h200-d12-dense-sweep-baseline/p35_d12.log",
    "hf_trainer": DATA / "hf_trainer" / "healthy" / "stdout.log",
    "text": CORPUS / "tx-keras3-boston-mlp-overfit/train_output.log",
}
OOM_LOG = (
    CORPUS / "lt-jackokeefe-enwikchar-oom-wandb/wandb/run-20240215_023841-7971r6pa/files/output.log"
)
SAVE_LOG = (
    CORPUS
    / "ng-chongwei730-owt-4xa40-ckpt-crash/wandb/run-20260329_131834-6h05shwr/files"
    / "output.log"
)
SLURM_LOG = CORPUS / "mg-bigsci-gpt2-48b-fp16-slurm-timelimit/meg_gpt2_perf_n16-1999618.out"
# crash -> (its lines, what the finding's title names)
CRASH_TEXT = {
    "oom": (lambda: _lines(OOM_LOG, 14, 57), "CUDA out of memory"),
    "traceback": (lambda: _lines(SAVE_LOG, 224, 233), "RuntimeError"),
    "nccl": (lambda: (CRASHES / "nccl_timeout_ofa_issue271.log").read_text(), "NCCL"),
    "killed": (lambda: (CRASHES / "killed_gpt2_issue61.log").read_text(), "killed"),
    "slurm": (lambda: _lines(SLURM_LOG, 2348, 2349), "scheduler"),
}


@pytest.mark.parametrize("crash", sorted(CRASH_TEXT))
@pytest.mark.parametrize("fmt", sorted(LOGS))
def test_a_crash_in_every_text_format_is_a_crash_finding(
    fmt: str, crash: str, tmp_path: Path
) -> None:
    text, named = CRASH_TEXT[crash]
    log = tmp_path / LOGS[fmt].name
    body = LOGS[fmt].read_text(encoding="utf-8")
    log.write_text(body + ("" if body.endswith("\n") else "\n") + text(), encoding="utf-8")
    detected = detect_format(log).NAME
    assert detected == fmt  # the crash does not change what the log is
    found = [f for f in analyze(load_run(log)).findings if f.rule == "crash"]
    assert len(found) == 1 and found[0].severity.value == "error"
    assert named.lower() in (found[0].title + found[0].message).lower()


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("nccl_timeout_ofa_issue271.log", "before the first logged step: NCCL error"),
        ("killed_gpt2_issue61.log", "before the first logged step: killed"),
        # Lightning's bar, then the watchdog on the same line: global_step=3.2e+4
        ("lightning_bar_nccl_timeout_pytorch_issue118369.log", "at step 32000: NCCL error"),
    ],
)
def test_a_log_that_is_only_its_crash_is_read_for_it(name: str, title: str) -> None:
    path = CRASHES / name
    assert detect_format(path).NAME == "text"
    [found] = [f for f in analyze(load_run(path)).findings if f.rule == "crash"]
    assert found.title == f"The run crashed {title}"


def test_an_llmc_run_that_died_after_its_header_table() -> None:
    """llm.c #807: the header table, then `[CUDA ERROR] at file train_gpt2.cu:961` (quoted by
    the author; the pasted output was cut before its error line)."""
    path = CRASHES / "llmc_cuda_error_issue807.log"
    assert detect_format(path).NAME == "llmc"
    [found] = [f for f in analyze(load_run(path)).findings if f.rule == "crash"]
    assert found.title == "The run crashed before the first logged step: CUDA error"


def _job(tmp_path: Path, err: bytes) -> Path:
    """A real healthy nanoGPT log as a SLURM job's JOB.out, with `err` as its JOB.err."""
    src = ROOT / "bench/corpus/ng-wilcoooo-shakespeare-char-tiny/train_shakespeare_char.log"
    out = tmp_path / "1234.out"
    out.write_bytes(src.read_bytes())
    (tmp_path / "1234.err").write_bytes(err)
    return out


def test_a_jobs_stderr_of_warnings_is_no_crash(tmp_path: Path) -> None:
    warning = b"UserWarning: TypedStorage is deprecated. It will be removed in the future.\n"
    report = analyze(load_run(_job(tmp_path, warning * 50)))
    assert "crash" in report.coverage.rules_run
    assert not [f for f in report.findings if f.rule == "crash"]


def test_a_long_jobs_stderr_is_read_at_its_end_and_says_so(tmp_path: Path) -> None:
    cancel = (
        b"slurmstepd: error: *** JOB 1234 ON nid01 CANCELLED AT 2026-01-01T00:00:00 "
        b"DUE TO TIME LIMIT ***\n"
    )
    err = b"x" * 100 + b"\n" + b"warning: w\n" * 500_000 + cancel
    # the last 4 MiB, less the line the cut began in: the cancel is its last line
    tail = err[-(4 << 20) :]
    line = tail[tail.index(b"\n") + 1 :].count(b"\n")
    run = load_run(_job(tmp_path, err))
    [found] = [f for f in analyze(run).findings if f.rule == "crash"]
    assert "stopped by the scheduler" in found.title
    assert f"Line {line} of the last 4 MiB of 1234.err" in found.message
    assert found.evidence[0].line is None  # not a line of the log


def _crash_titles(path: Path) -> list[str]:
    return [f.title for f in analyze(load_run(path)).findings if f.rule == "crash"]


def test_a_script_that_stops_on_a_non_finite_loss_crashed() -> None:
    """torchvision's reference loop prints `Loss is inf, stopping training` and exits;
    detectron2 raises `FloatingPointError: Loss became infinite or NaN at iteration=2!`
    (its message holds a field, `iteration=2`, which is the step it stopped at)."""
    tutorial = CORPUS / "wd-tv-maskrcnn-pennfudan-tutorial-loss-inf-iter20/train.log"
    assert _crash_titles(tutorial) == [
        "The run crashed at step 20: the script stopped on a non-finite loss"
    ]
    detectron2 = CORPUS / "un-detectron2-panoptic-fpn-r101-coco-diverge-iter2-fpe/issue1831.log"
    report = analyze(load_run(detectron2))
    rules = {f.rule: f for f in report.findings}
    assert rules["crash"].title == (
        "The run crashed at step 2: the script stopped on a non-finite loss"
    )
    assert "divergence" in rules


def test_an_exception_its_handler_logged_at_critical_is_a_crash() -> None:
    """OLMo #552: `CRITICAL [olmo.util:158, rank=0] Uncaught OLMoThreadError: ...` after
    step 75, in OLMo's older `[step=75/739328]` marker (no epoch)."""
    path = CORPUS / "vb-olmo-issue552-step75-olmothreaderror-data-thread-crash/issue552_log.txt"
    assert detect_format(path).NAME == "olmo"
    assert _crash_titles(path) == ["The run crashed at step 75: OLMoThreadError"]


@pytest.mark.parametrize(
    "log",
    [
        "rw-accessory-issue48-mm-sft-3ep-healthy/output.log",
        "rm-olmo-1b-tied-no-scale-1000-complete/train.log",
    ],
)
def test_healthy_torchvision_style_and_olmo_runs_have_no_crash(log: str) -> None:
    """A torchvision-style `Epoch: [0]  [ 0/60]` log and an OLMo log that finished."""
    report = analyze(load_run(CORPUS / log))
    assert not [f for f in report.findings if f.rule == "crash"]


@pytest.mark.parametrize(
    ("log", "ran"),
    [
        # a stdout whose lines were all read, none an error: the rule ran and found nothing
        ("xk-mlx-lora-llama32-3b-m1-healthy/training_log.txt", True),
        ("um-cs336-sft-qwen25-math-15b-128ex-eval-acc-0-to-054-healthy/sft.log", True),
        # a table of metrics holds no messages: the rule could not run
        ("rr-lightning-mnist-cnn-5ep-healthy/version_0", False),
    ],
)
def test_crash_runs_on_a_stdout_that_printed_no_error(log: str, ran: bool) -> None:
    report = analyze(load_run(CORPUS / log))
    assert not [f for f in report.findings if f.rule == "crash"]
    assert ("crash" in report.coverage.rules_run) is ran
    assert any(s.rule == "crash" for s in report.skipped) is not ran
