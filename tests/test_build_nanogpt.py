"""karpathy/build-nanogpt logs: real runs from bench/corpus/ (their labels state the figures)
and the format's semantics on small logs written in the lines train_gpt2.py prints."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import DATA, EXAMPLES, ROOT

from capdiag.analysis import analyze
from capdiag.arithmetic.params import ModelDims, count_params
from capdiag.findings import Severity
from capdiag.load import _head, detect_format, load_run
from capdiag.parsers import build_nanogpt, llmc, nanochat, nanogpt

CORPUS = ROOT / "bench" / "corpus"
# the parser's samples, from the first two held-out batches; later batches' runs below
RUNS = sorted(p.parent.name for p in CORPUS.glob("r[cd]-*buildnanogpt*/label.yaml"))


def label(run_id: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((CORPUS / run_id / "label.yaml").read_text())
    return data


def corpus_log(run_id: str) -> Path:
    return CORPUS / run_id / label(run_id)["log"]


def test_the_corpus_holds_the_build_nanogpt_runs() -> None:
    assert len(RUNS) == 8


@pytest.mark.parametrize("run_id", RUNS)
def test_stated_figures_are_read(run_id: str) -> None:
    stated = label(run_id)["stated"]
    run = load_run(corpus_log(run_id))
    assert detect_format(corpus_log(run_id)) is build_nanogpt
    assert run.series["train_loss"].values[-1] == pytest.approx(stated["final_train_loss"])
    if "final_val_loss" in stated:
        assert run.series["val_loss"].values[-1] == pytest.approx(stated["final_val_loss"])
    if run.reported.tokens_per_iter is not None or "n_params" in stated:
        # every run that prints its header (or step lines) states 524,288 tokens per step
        assert run.figures.tokens_per_iter == stated["tokens_per_step"]
    if "n_params" in stated:
        # PyYAML reads "124.48e6" as a string: the label's number, as written
        assert run.figures.n_params == pytest.approx(float(stated["n_params"]), rel=5e-4)
        assert run.figures.sources["n_params"] == "log"
    if run.num_gpus_source == "log":
        assert run.num_gpus == stated["world_size"]


def test_a_log_txt_that_starts_at_a_resume_is_read() -> None:
    # held-out batch 4: log.txt lines only, from step 8001, resumed again at 10001
    run_id = "rh-buildnanogpt-cse251b-100m-gqa-muon-38k-resumed"
    stated = label(run_id)["stated"]
    assert detect_format(corpus_log(run_id)) is build_nanogpt
    run = load_run(corpus_log(run_id))
    assert run.series["train_loss"].values[-1] == pytest.approx(stated["final_train_loss"])
    assert run.series["val_loss"].values[-1] == pytest.approx(stated["final_val_loss"])
    assert int(run.series["train_loss"].steps[0]) == 8001


def test_the_printed_parameter_split_sums_to_gpt2_124m_with_the_padded_vocab() -> None:
    run = load_run(corpus_log("rc-agndm-buildnanogpt-124m-1epoch"))
    gpt2 = ModelDims(
        n_layer=12, n_head=12, n_embd=768, block_size=1024, vocab_size=50304, bias=True
    )
    assert run.reported.n_params == 124_354_560 + 121_344 == count_params(gpt2).total
    assert run.reported.n_params == 124_475_904 and run.reported.n_params_is_total


def test_world_size_comes_from_the_ranks_that_print_samples() -> None:
    for run_id, world in (
        ("rc-agndm-buildnanogpt-124m-1epoch", 4),
        ("rd-buildnanogpt-gpt2-124m-2xh100-epoch1", 2),
    ):
        run = load_run(corpus_log(run_id))
        assert (run.num_gpus, run.num_gpus_source) == (world, "log")
        assert world == label(run_id)["stated"]["world_size"]


def test_step_lines_alone_give_the_tokens_per_step_as_derived() -> None:
    # the fp16 fork's record holds only step lines: tok/sec x dt is the step's tokens
    run = load_run(corpus_log("rd-buildnanogpt-gpt2-124m-8xv100-fp16-gradaccum-unscaled"))
    assert run.figures.tokens_per_iter == 524_288
    assert run.figures.sources["tokens_per_iter"] == "derived"
    assert run.num_gpus_source == "assumed"  # no sample lines, no header: not stated
    assert run.reported.n_params is None


def test_the_semantics_of_each_series() -> None:
    run = load_run(corpus_log("rd-buildnanogpt-gpt2-124m-2xh100-epoch1"))
    loss, val = run.series["train_loss"], run.series["val_loss"]
    assert loss.mode == "train-batch" and loss.dropout_active is False
    assert val.mode == "eval" and int(val.steps[0]) == 0 and int(val.steps[1]) == 250
    assert int(val.steps[-1]) == 19072  # the last step evaluates before its update
    assert run.steps_start_at_zero and run.figures.iterations == 19073
    assert run.config.values["eval_interval"] == 250 and run.config.source("eval_interval") == "log"
    assert run.series["hellaswag_acc"].values[0] == pytest.approx(0.2482)
    assert run.config.values["gradient_accumulation_steps"] == 4
    assert run.fine_tune is False


def test_unprinted_constants_are_assumed_and_set_states_them() -> None:
    log = corpus_log("rc-agndm-buildnanogpt-124m-1epoch")
    run = load_run(log)
    assert run.config.values["max_iters"] == 19073 and run.config.source("max_iters") == "assumed"
    assert run.config.source("grad_clip") == "assumed"
    assert run.config.native("warmup_iters") == "warmup_steps"
    run = load_run(log, sets=["max_steps=57219"])
    assert run.config.values["max_iters"] == 57219 and run.config.source("max_iters") == "flag"


def test_a_resumed_launch_is_a_resumed_segment() -> None:
    run = load_run(corpus_log("rd-buildnanogpt-gpt2-124m-2xh100-epoch2-resume"))
    (segment,) = run.segments
    assert segment.resumed and segment.first_step == 19072 and segment.last_step == 38145
    assert any(e.kind == "resume" for e in run.events)


def test_a_folder_is_read_with_its_stderr_and_the_scheduler_kill_ends_it() -> None:
    folder = corpus_log("rc-agndm-buildnanogpt-124m-3epoch-timelimit")
    assert folder.is_dir() and detect_format(folder) is build_nanogpt
    run = load_run(folder)
    assert run.figures.iterations == 56047  # log.txt: "56046 train 2.921752" is its last line
    crashes = [e for e in run.events if e.kind == "crash"]
    assert crashes[0].code == "scheduler-kill" and crashes[0].step == 56046
    assert run.series["val_loss"].values[-1] == pytest.approx(2.9752)


def _step(step: int, loss: float) -> str:
    return (
        f"step {step:5d} | loss: {loss:.6f} | lr 6.0000e-04 | norm: 0.3000 | dt: 400.00ms"
        " | tok/sec: 1310720.00"
    )


HEADER = [
    "total desired batch size: 524288",
    "=> calculated gradient accumulation steps: 8",
    "found 99 shards for split train",
    "found 1 shards for split val",
    "num decayed parameter tensors: 50, with 124,354,560 parameters",
    "num non-decayed parameter tensors: 98, with 121,344 parameters",
    "using fused AdamW: True",
]


def test_a_relaunch_and_a_crash_become_segments_and_events(tmp_path: Path) -> None:
    lines = [
        "using device: cuda",
        *HEADER,
        "validation loss: 10.9500",
        "HellaSwag accuracy: 2497/10042=0.2487",
        *(_step(s, 10.0 - s / 10) for s in range(5)),
        *HEADER,  # the job was started again from the beginning
        "validation loss: 10.9500",
        *(_step(s, 9.0 - s / 10) for s in range(3)),
        "Traceback (most recent call last):",
        '  File "train_gpt2.py", line 493, in <module>',
        "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 1.50 GiB.",
    ]
    log = tmp_path / "train.out"
    log.write_text("\n".join(lines) + "\n")
    run = load_run(log)
    assert run.format == "build_nanogpt"
    assert [(s.first_step, s.last_step, s.resumed) for s in run.segments] == [
        (0, 4, False),
        (0, 2, False),
    ]
    assert run.segments[1].val_evals == [(0, 10.95)]
    assert (run.num_gpus, run.num_gpus_source) == (1, "log")  # "using device" is non-DDP only
    assert [e.kind for e in run.events if e.kind in ("oom", "crash")] == ["crash", "oom"]
    assert all(e.step == 2 for e in run.events if e.kind in ("oom", "crash"))
    assert not any(e.text.startswith("File") for e in run.events)  # the traceback's body
    # each step keeps what the later launch did
    assert run.series["train_loss"].values.tolist() == pytest.approx([9.0, 8.9, 8.8, 9.7, 9.6])


def test_numbering_that_goes_back_is_a_resume_and_sample_text_is_no_event(
    tmp_path: Path,
) -> None:
    lines = [
        *HEADER,
        *(_step(s, 5.0) for s in range(10, 14)),
        "rank 1 sample 0: Hello, I'm a language model, and",
        "ValueError: a line the model wrote",
        *(_step(s, 4.0) for s in range(12, 16)),
    ]
    log = tmp_path / "train.log"
    log.write_text("\n".join(lines) + "\n")
    run = load_run(log)
    assert [(s.first_step, s.resumed) for s in run.segments] == [(10, True), (12, True)]
    assert not any(e.kind in ("crash", "error") for e in run.events)
    loss = run.series["train_loss"]
    assert loss.steps.tolist() == list(range(10, 16))
    assert loss.values.tolist() == [5.0, 5.0, 4.0, 4.0, 4.0, 4.0]  # the later launch's steps
    assert (run.num_gpus, run.num_gpus_source) == (2, "log")


def test_log_txt_form(tmp_path: Path) -> None:
    lines = [
        "0 val 10.9519",
        "0 hella 0.2487",
        *(f"{s} train {10 - s / 100:.6f}" for s in range(251)),
    ]
    lines[252:252] = ["250 val 6.1000", "250 hella 0.2500"]
    folder = tmp_path / "log"
    folder.mkdir()
    (folder / "log.txt").write_text("\n".join(lines) + "\n")
    (folder / "model_00250.pt").write_bytes(b"\x00" * 16)
    assert detect_format(folder) is build_nanogpt
    run = load_run(folder / "log.txt")
    assert run.series["val_loss"].steps.tolist() == [0, 250]
    assert run.series["hellaswag_acc"].values.tolist() == [0.2487, 0.25]
    assert "lr" not in run.series and run.figures.iterations == 251
    assert run.checkpoint_steps == [250]  # model_00250.pt: saved without a line in the log
    assert math.isclose(run.series["train_loss"].values[-1], 7.5)


def test_two_runs_logs_in_one_folder_are_two_runs(tmp_path: Path) -> None:
    for name in ("a.out", "b.out"):
        (tmp_path / name).write_text("\n".join([*HEADER, _step(0, 10.9), _step(1, 10.8)]) + "\n")
    assert build_nanogpt.sniff(tmp_path, b"") == 0


OTHER_LOGS = [
    *sorted((DATA / "llmc").glob("*.log")),
    *sorted((DATA / "nanogpt").glob("*.log")),
    *sorted(EXAMPLES.glob("logs/*.log")),
    *(corpus_log(r) for r in sorted(p.parent.name for p in CORPUS.glob("*nanochat*/label.yaml"))),
]


@pytest.mark.parametrize("path", OTHER_LOGS, ids=[p.name for p in OTHER_LOGS])
def test_llmc_nanochat_and_nanogpt_logs_are_not_taken(path: Path) -> None:
    assert build_nanogpt.sniff(path, _head(path)) == 0


@pytest.mark.parametrize("run_id", RUNS)
def test_build_nanogpt_logs_are_not_taken_by_llmc_nanochat_or_nanogpt(run_id: str) -> None:
    path = corpus_log(run_id)
    head = _head(path)
    assert build_nanogpt.sniff(path, head) > 0
    for other in (llmc, nanochat, nanogpt):
        assert other.sniff(path, head) == 0


def test_a_loss_that_is_nan_from_the_first_step_is_read_and_is_divergence(tmp_path: Path) -> None:
    log = tmp_path / "train.out"
    lines = [*HEADER, *(_step(s, 10.9).replace("10.900000", "nan") for s in range(4))]
    log.write_text("\n".join(lines) + "\n")
    report = analyze(load_run(log))
    assert [f.rule for f in report.findings if f.severity == Severity.error] == ["divergence"]


def test_a_log_whose_steps_keep_going_back_is_bounded(tmp_path: Path) -> None:
    # a damaged log (as the fuzzer made one from a real run): every other step goes back,
    # 6,000 launches by the parser's reading; the resume rule compares launches pairwise
    # and says it does not, instead of taking minutes
    lines = [*HEADER]
    for k in range(6000):
        lines += [_step(10 + k, 5.0), _step(9 + k, 5.0)]
    log = tmp_path / "train.log"
    log.write_text("\n".join(lines) + "\n")
    run = load_run(log)
    assert len(run.segments) > 5000
    report = analyze(run)
    [skipped] = [s for s in report.skipped if s.rule == "resume"]
    assert "launches in one log" in skipped.reason


def test_a_config_path_given_as_text_is_read(tmp_path: Path) -> None:
    # load_run's callers pass a Path; a str (a script's or the fuzzer's) is read the same
    lines = [*HEADER, *(_step(s, 5.0 - s / 100) for s in range(20))]
    log = tmp_path / "train.log"
    log.write_text("\n".join(lines) + "\n")
    config = tmp_path / "run.sh"
    config.write_text("torchrun --nproc_per_node=2 train_gpt2.py\n")
    assert load_run(log, str(config)).series["train_loss"].values.size == 20  # type: ignore[arg-type]
