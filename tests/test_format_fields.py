"""The shared reader of known metric lines (fields.layout) and the Megatron-DeepSpeed
fields it reads; real samples in tests/data with their provenance."""

from __future__ import annotations

import math

import pytest
from conftest import ROOT

from capdiag.load import detect_format
from capdiag.parsers import LoadContext
from capdiag.parsers.fields import layout, to_number
from capdiag.parsers.megatron import load as load_megatron

MEGATRON = ROOT / "tests" / "data" / "megatron"


def test_a_layout_reads_the_fields_it_names() -> None:
    main = layout("s:{step:int} {kind:word}:{value} lr:{lr} norm:{norm}", whole_line=True)
    m = main.match(b"s:12 trl:3.4102 lr:0.000600 norm:0.93\n")
    assert m is not None and m.groupdict() == {
        "step": b"12",
        "kind": b"trl",
        "value": b"3.4102",
        "lr": b"0.000600",
        "norm": b"0.93",
    }
    assert main.match(b"s:12 trl:3.41\n") is None  # the whole line, or nothing
    # two spaces are padding; none is needed after a colon
    padded = layout("step  {step:int}/{total:int} | loss  {loss} |")
    assert padded.match(b"step    1/10 | loss     nan |")["loss"] == b"nan"
    titan = layout("step:  {step:int}  loss:  {loss}", anywhere=True)
    assert titan.search(b"[rank0]: step:10  loss: 2.5")["step"] == b"10"
    assert layout("step {step:int}").match(b"[rank0]: step 10") is None  # anchored
    count = layout("size: {n:count} total")
    assert count.match(b"size: 75,516,672 total")["n"] == b"75,516,672"


def test_a_printed_number_through_one_converter() -> None:
    assert to_number(b"1,234") == 1234.0 and to_number("2.5e-4") == 2.5e-4
    assert math.isnan(to_number(b"nan")) and math.isnan(to_number(None))
    assert math.isnan(to_number(b"12ms")) and to_number(b"-inf") == -math.inf


def test_megatron_deepspeed_nan_grad_norm_and_its_own_fields() -> None:
    path = MEGATRON / "megds_issue396_grad_norm_nan.log"
    assert detect_format(path).NAME == "megatron"
    run = load_megatron(path, LoadContext())
    assert "train_loss" not in run.series  # no lm loss printed: nothing taken for one
    assert all(math.isnan(v) for v in run.series["grad_norm"].values)
    assert run.series["grad_norm"].steps.tolist() == [5426, 5427, 5428]
    assert run.series["consumed_tokens"].values.tolist() == [88899584, 88915968, 88932352]
    assert run.series["tflops_per_gpu"].values.tolist() == [78.36, 78.77, 78.71]
    assert run.series["samples_per_sec"].values.tolist() == [1.883, 1.893, 1.892]
    assert run.series["step_time_ms"].values.tolist() == [4247.9, 4225.8, 4229.2]
    assert run.series["nan_iterations"].values.tolist() == [0, 0, 0]
    assert run.reported.tokens_seen == 88932352  # as printed, not samples x a seq length
    # every series is a metric of its own: none of these is a loss
    assert all(s.mode is None for s in run.series.values())


def test_megatron_deepspeed_tokens_per_gpu() -> None:
    run = load_megatron(MEGATRON / "megds_pr434_nan_no_loss.log", LoadContext())
    assert run.series["tokens_per_gpu_per_sec"].values.tolist() == [2069.506]
    assert run.series["tflops_per_gpu"].values.tolist() == [127.0]
    assert all(s.mode is None for s in run.series.values())


@pytest.mark.parametrize(
    ("run_id", "log"),
    [
        ("mg-bloom176b-throughput-drop", "tr11-176B-ml-chronicles-throughput.log"),
        ("mg-bloom176b-lm-loss-spike", "tr11-176B-ml-chronicles-spike.log"),
    ],
)
def test_a_record_wrapped_at_a_space_keeps_its_keys(run_id: str, log: str) -> None:
    # "number of nan\niterations:  0": the wrap took the space
    run = load_megatron(ROOT / "bench" / "corpus" / run_id / log, LoadContext())
    assert run.series["nan_iterations"].values.tolist()[:2] == [0, 0]
    assert [n for n, s in run.series.items() if s.mode is not None] == ["train_loss"]
