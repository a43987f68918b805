"""A Megatron launch script as the config of a log that prints no argument dump."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path
from typing import Any

from conftest import ROOT
from typer.testing import CliRunner

from capdiag.cli import app
from capdiag.load import load_run
from capdiag.parsers.megatron_launch import UNKNOWN, script_args

CORPUS = ROOT / "bench" / "corpus"
# MindSpeed-LLM's JSON baseline of a packed SFT of a 2-layer Qwen2.5-0.5B cut (batch 159):
# its loss starts above ln V and every step is clipped ~48x; the script states both
SFT = CORPUS / "vi-mindspeed-qwen25-05b-2layer-ckpt-sft-pack-loss-17-above-lnv-clipped"
SFT_LOG, SFT_SCRIPT = (
    SFT / "tune_qwen25_0point5b_tp1_pp1_pack.json",
    SFT / ("tune_qwen25_0point5b_tp1_pp1_pack.sh"),
)
# the same CI's healthy Llama-2-7B continued pre-training, its flags in bash arrays
HEALTHY = CORPUS / "vi-mindspeed-llama2-7b-tp2pp4vpp2-alpaca-cpt-15it-8npu-healthy"


def _analyze(log: Path, config: Path) -> dict[str, Any]:
    result = CliRunner().invoke(
        app, ["analyze", str(log), "--config", str(config), "-f", "json", "--fail-on", "never"]
    )
    assert result.exit_code == 0, result.output
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def _rules(report: dict[str, Any]) -> dict[str, str]:
    return {f["rule"]: f["severity"] for f in report["findings"]}


def test_a_real_script_states_the_clip_vocabulary_and_shape() -> None:
    run = load_run(SFT_LOG, SFT_SCRIPT)
    c = run.config
    assert (c.get("grad_clip"), c.source("grad_clip"), c.native("grad_clip")) == (
        1.0,
        "config",
        "--clip-grad",
    )
    assert (c.get("vocab_size"), c.source("vocab_size")) == (151936, "config")
    assert (c.get("batch_size"), c.get("gradient_accumulation_steps")) == (1, 8)  # GBS 8
    assert c.get("max_iters") == 15 and c.get("learning_rate") == 7.75e-7
    assert run.dims is not None and run.dims_source == "config"
    assert (run.dims.n_layer, run.dims.n_embd, run.dims.n_kv_head) == (2, 896, 2)
    assert run.fine_tune is True  # --finetune
    assert any("read as a Megatron launch script" in note for note in run.notes)


def test_the_clip_and_the_vocabulary_it_states_name_two_real_faults() -> None:
    rules = _rules(_analyze(SFT_LOG, SFT_SCRIPT))
    assert rules["grad-norm"] == "warning"  # median 48.5 against --clip-grad 1.0
    assert rules["init-loss"] == "warning"  # a fine-tune starting 5.4 nats above ln V


def test_a_healthy_run_with_its_script_stays_silent() -> None:
    config = next(HEALTHY.glob("*.sh"))
    log = next(HEALTHY.glob("*.json"))
    run = load_run(log, config)
    assert run.config.source("grad_clip") == "config"  # read from a bash array
    assert run.config.get("n_layer") == 32
    # the vocabulary is the tokenizer's (no --padded-vocab-size): no shape is made up
    assert run.dims is None
    assert any("model shape incomplete" in note for note in run.notes)
    report = _analyze(log, config)
    warned = {f["rule"] for f in report["findings"] if f["severity"] != "info"}
    assert warned == set()


def test_without_the_script_the_clip_is_not_known() -> None:
    run = load_run(SFT_LOG)
    assert run.config.number("grad_clip") is None or run.config.source("grad_clip") == "assumed"


def test_variables_arrays_defaults_and_comments() -> None:
    script = """#!/bin/bash
MBS=2   # micro batch
export GBS=${GBS:-64}
TP=$(nproc)
ARGS=(
    --num-layers 24      # the depth
    --hidden-size 1024
)
ARGS+=(--micro-batch-size ${MBS} --global-batch-size $GBS)
GPT_ARGS="
    --seq-length 2048 \\
    --tensor-model-parallel-size ${TP} \\
    --disable-bias-linear \\
    --bf16
"
# --clip-grad 9.0
torchrun --nproc_per_node 8 pretrain_gpt.py ${ARGS[@]} $GPT_ARGS --clip-grad=1.0 --lr 3e-4 | tee log
"""
    args = script_args(script)
    assert args is not None
    assert args["num_layers"] == 24 and args["hidden_size"] == 1024
    assert (args["micro_batch_size"], args["global_batch_size"]) == (2, 64)
    assert args["seq_length"] == 2048 and args["clip_grad"] == 1.0 and args["lr"] == 3e-4
    assert args["add_bias_linear"] is False and args["bf16"] is True
    assert "tensor_model_parallel_size" not in args  # $(nproc): computed, not stated
    assert UNKNOWN == "$?"


def test_commands_that_disagree_keep_what_they_share() -> None:
    script = (
        "python pretrain_gpt.py --num-layers 12 --hidden-size 768 --clip-grad 1.0 --lr 1e-4\n"
        "python pretrain_gpt.py --num-layers 12 --hidden-size 768 --clip-grad 1.0 --lr 3e-4\n"
    )
    args = script_args(script)
    assert args == {"num_layers": 12, "hidden_size": 768, "clip_grad": 1.0}


def test_other_scripts_are_not_megatron_scripts() -> None:
    assert script_args("torchrun --nproc_per_node=4 train.py --batch_size=8 --lr=3e-4\n") is None
    assert script_args("echo 'unclosed\n") is None
    assert script_args("") is None


def test_a_hostile_script_is_bounded() -> None:
    quotes = '"' * 200_000  # unbalanced quoting across a large file
    deep = "X=" + "$X" * 50_000 + "\n"
    many = "".join(f"V{i}=--num-layers\n" for i in range(10_000))
    # each line doubles X: 2^60 characters if expansion were not bounded
    doubling = "X=--num-layers\n" + "X=$X$X\n" * 60 + "python pretrain_gpt.py $X\n"
    # one token of 30,000 references to a 60 KB value: 1.8 GB if substituted before checking
    wide = "B=" + "x" * 60_000 + "\nC=" + "$B" * 30_000 + "\npython pretrain_gpt.py $C\n"
    for text in (quotes, deep, many, "A=(" * 100_000, doubling, wide):
        tracemalloc.start()
        try:
            assert script_args(text) is None
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert peak < 64 << 20  # bytes allocated at once: bounded, whatever the script


def test_what_a_partial_script_leaves_out_is_not_assumed() -> None:
    from capdiag.parsers.megatron_launch import parse_script

    # a real SLURM script (batch 138) that sources the model's flags from another file:
    # no --bf16 in what is read does not make the run float32, nor from scratch
    folder = CORPUS / "sd-megatron-llama3-1b-gh200-40gpu-timelimit"
    run = load_run(folder / "stdout.log", folder / "pretrain_llama3_1b_fineweb160B_test.slurm")
    assert any("sources other files" in note for note in run.notes)
    assert run.config.get("dtype") is None or run.config.source("dtype") != "config"
    assert run.fine_tune is not False
    whole = (
        "python pretrain_gpt.py --num-layers 2 --hidden-size 64 --clip-grad 1.0 --seq-length 8\n"
    )
    script = parse_script(whole)
    assert script is not None and script.complete
    for partial in ("source env.sh\n" + whole, whole.replace("64", "$(cat h)")):
        script = parse_script(partial)
        assert script is not None and not script.complete
