"""`capdiag plan` against independent figures: nanoGPT's own parameter and FLOP counts
(tests/data/oracle/nanogpt_params.json), the measured H200 peaks
(tests/data/oracle/measured_peak_memory_h200.json), transformers' GPT-2 count
(tests/data/oracle/hf_params.json) and nanoGPT's estimate_mfu formula."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import typer
from conftest import DATA, EXAMPLES
from typer.testing import CliRunner

from capdiag.commands.plan import plan

GIB = 1 << 30
SEED_FIXED = EXAMPLES / "configs" / "seed_gpt2_fineweb_rtx4070_fixed.py"
SEED_LOG = EXAMPLES / "logs" / "seed_gpt2_fineweb_rtx4070.log"
NANOGPT = {
    e["name"]: e
    for e in json.loads((DATA / "oracle" / "nanogpt_params.json").read_text())["entries"]
}
MEASURED = json.loads((DATA / "oracle" / "measured_peak_memory_h200.json").read_text())["rows"]
HF = {e["name"]: e for e in json.loads((DATA / "oracle" / "hf_params.json").read_text())["entries"]}

app = typer.Typer(pretty_exceptions_enable=False)
app.command("plan")(plan)


@app.command()
def _other() -> None:  # a second command so that `plan` stays a subcommand, as in capdiag
    pass


runner = CliRunner()


def _run(*args: str) -> Any:
    return runner.invoke(app, ["plan", *args])


def _json(*args: str) -> dict[str, Any]:
    result = _run(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _measured_124m(batch: int) -> dict[str, Any]:
    return next(
        r
        for r in MEASURED
        if r["model"] == "124M" and r["batch_size"] == batch and not r["compile"]
    )


def test_seed_question_answered_on_a_12gb_card() -> None:
    # The seed: GPT-2 124M (n_layer 12, n_head 12, n_embd 768, block 1024, bias False, vocab
    # 50304) on an RTX 4070 12 GB, compile True, bf16, 524,288 tokens per step.
    plan_ = _json(str(SEED_FIXED), "--gpu", "RTX 4070", "--tokens-per-step", "524288")
    assert (plan_["compile"], plan_["dtype"], plan_["gpu"]) == (True, "bfloat16", "RTX 4070")
    assert plan_["vram_bytes"] == 12 * GIB
    best = plan_["best"]
    assert best["fits"] is True
    assert best["batch_size"] * best["gradient_accumulation_steps"] * 1024 == 524_288
    assert best["tokens_per_step"] == plan_["tokens_per_step"] == 524_288
    assert best["memory_bytes"] <= 12 * GIB
    # Measured (eager, H200): batch 8 reserves 10.78 GB, under 12 GiB = 12.88 GB with room
    # for a CUDA context; torch.compile only lowers the peak (40M model, batch 16: 13.31 GB
    # eager vs 8.40 GB compiled). So the largest micro-batch that fits is at least 8.
    assert _measured_124m(8)["max_reserved_bytes"] < 12 * GIB - 1.5e9
    assert best["batch_size"] >= 8
    assert all(o["tokens_per_step"] == 524_288 for o in plan_["options"])
    assert plan_["options"][0] == best


def test_eager_choice_matches_the_measured_memory() -> None:
    # Eager: batch 16 allocates 17.23 GB measured, more than the card, while batch 8 fits;
    # of the micro-batches that divide 512 sequences, 8 is the largest that fits.
    assert _measured_124m(16)["max_allocated_bytes"] > 12 * GIB
    plan_ = _json(str(SEED_FIXED), "--gpu", "RTX 4070", "--no-compile")
    best = plan_["best"]
    assert (best["batch_size"], best["gradient_accumulation_steps"]) == (8, 64)
    fits = {o["batch_size"]: o["fits"] for o in plan_["options"]}
    assert fits[16] is False and fits[4] is True


def test_json_keys_and_units() -> None:
    plan_ = _json(str(SEED_FIXED), "--gpu", "RTX 4070")
    oracle = NANOGPT["gpt2_124M_bias_false"]
    assert plan_["schema_version"] == 1
    assert plan_["n_params"] == oracle["total"] == 124_373_760
    assert plan_["n_params_non_embedding"] == oracle["non_embedding"]  # nanoGPT's 123.59M
    assert plan_["flops_per_token"] == oracle["flops_per_token"]
    assert plan_["mfu"] == 0.4  # a fraction, not a percentage
    assert plan_["usable_fraction"] < 1
    for key in ("n_params", "vram_bytes", "tokens_per_step", "tokens", "steps"):
        assert isinstance(plan_[key], int), key
    for option in plan_["options"]:
        assert isinstance(option["memory_bytes"], int)
        assert option["memory_bytes"] >= option["allocated_bytes"]
    ranks = [o["rank"] for o in plan_["options"]]
    assert ranks == list(range(1, len(ranks) + 1))

    # the fixed config's max_iters is the seed run's compute on the 768-wide model, by hand:
    # total parameters (Chinchilla's convention) L (12 d^2 + 2 d) + d + V d + T d, bias off,
    # V = 50304, T = 1024; the seed run's last evaluation is at step 14500 of 524,288 tokens
    def total(d: int) -> int:
        return 12 * (12 * d * d + 2 * d) + d + 50304 * d + 1024 * d

    assert (total(384), total(768)) == (40_953_216, 124_373_760)
    evals = re.findall(r"^step (\d+):", SEED_LOG.read_text(), re.MULTILINE)
    assert evals[-1] == "14500"
    steps = round(int(evals[-1]) * 524_288 * total(384) / total(768) / 524_288)
    assert steps == 4774
    assert f"max_iters = {steps}" in SEED_FIXED.read_text()
    assert plan_["tokens"] == steps * 524_288 and plan_["steps"] == steps


def test_step_time_is_what_nanogpt_estimate_mfu_inverts() -> None:
    # nanoGPT defaults: batch 12 x 40 accumulation x 1024 = 491,520 tokens per iteration.
    # estimate_mfu reports flops_per_iter / dt / 312e12; at 40% on an A100 (312 TFLOPS bf16)
    # dt = flops_per_iter / (0.4 * 312e12), with nanoGPT's own flops_per_iter for K = 480.
    oracle = NANOGPT["gpt2_124M_bias_false"]
    assert oracle["fwdbwd_per_iter"] == 480
    plan_ = _json("gpt2", "--gpu", "A100", "--tokens-per-step", "491520", "--mfu", "0.4")
    expected = oracle["flops_per_iter_exact"] / (0.4 * 312e12)
    assert plan_["step_time_s"] == pytest.approx(expected, rel=1e-12)
    assert plan_["step_time_s"] == pytest.approx(3.3665, abs=1e-4)


def test_step_time_rtx_4070_by_hand() -> None:
    # 6 N + 12 L H Q T per token with N = 123,587,328 (nanoGPT), L = H = 12, Q = 64, T = 1024;
    # RTX 4070 bf16 dense peak 58.3 TFLOPS (shared/docs/gpu_specs.md: 46 SMs x 512 x 2.475 GHz)
    per_token = 6 * 123_587_328 + 12 * 12 * 12 * 64 * 1024
    assert per_token == 854_770_176
    plan_ = _json(str(SEED_FIXED), "--gpu", "RTX 4070", "--mfu", "0.5")
    expected = per_token * 524_288 / (0.5 * 58.3e12)
    assert plan_["step_time_s"] == pytest.approx(expected, rel=1e-9)  # 15.37 s
    assert plan_["train_time_s"] == pytest.approx(4774 * expected, rel=1e-9)


def test_token_budget_against_chinchilla() -> None:
    plan_ = _json(str(SEED_FIXED), "--gpu", "RTX 4070", "--tokens", "2.5B")
    assert plan_["tokens"] == 2_500_000_000 and plan_["tokens_source"] == "--tokens"
    assert plan_["steps"] == math.ceil(2.5e9 / 524_288) == 4769
    assert plan_["tokens_per_param"] == pytest.approx(2.5e9 / 124_373_760)
    assert plan_["chinchilla_tokens_per_param"] == 20
    laws = {s["law"]: s for s in plan_["scaling"]}
    assert any("Besiroglu" in s["source"] for s in laws.values())
    assert any("Hoffmann" in s["source"] for s in laws.values())
    for s in laws.values():
        assert s["compute_flops"] == pytest.approx(6 * 124_373_760 * 2.5e9)
        assert s["optimal_params"] * s["optimal_tokens"] * 6 == pytest.approx(s["compute_flops"])
    assert "tokenizer" in plan_["loss_caveat"]


def test_epochs_over_shakespeare_char(tmp_path: Path) -> None:
    # nanoGPT config/train_shakespeare_char.py; vocab 65 is in meta.pkl, so given by --set.
    config = tmp_path / "train_shakespeare_char.py"
    config.write_text(
        "dataset = 'shakespeare_char'\ngradient_accumulation_steps = 1\nbatch_size = 64\n"
        "block_size = 256\nn_layer = 6\nn_head = 6\nn_embd = 384\ndropout = 0.2\n"
        "max_iters = 5000\n"
    )
    plan_ = _json(str(config), "--set", "vocab_size=65", "--vram", "8GB")
    assert plan_["n_params_non_embedding"] == NANOGPT["shakespeare_char_baby"]["non_embedding"]
    data = plan_["data"]
    assert data["train_tokens"] == 1_003_854  # nanoGPT data/shakespeare_char/readme.md
    # 5000 iterations x 16,384 tokens = 81.92M tokens over ~1M: ~82 epochs (anchors.md: ~80)
    assert data["epochs"] == pytest.approx(81_920_000 / 1_003_854)
    assert data["effective_fraction"] < 0.25
    assert any("epochs" in n for n in plan_["notes"])


def test_data_dir_sizes(tmp_path: Path) -> None:
    np.arange(3000, dtype=np.uint16).tofile(tmp_path / "train.bin")
    np.arange(300, dtype=np.uint16).tofile(tmp_path / "val.bin")
    (tmp_path / "meta.pkl").write_bytes(b"not a pickle: capdiag must never load it")
    plan_ = _json("gpt2", "--data-dir", str(tmp_path), "--tokens", "6000")
    assert plan_["data"]["train_tokens"] == 3000 and plan_["data"]["val_tokens"] == 300
    assert plan_["data"]["epochs"] == pytest.approx(2.0)
    assert any("meta.pkl" in n for n in plan_["notes"])


def test_set_overrides_dimensions() -> None:
    plan_ = _json("gpt2", "--set", "n_layer=24", "--set", "n_head=16", "--set", "n_embd=1024")
    oracle = NANOGPT["gpt2_medium_vocab50304_bias_false"]
    assert plan_["n_params"] == oracle["total"]
    assert plan_["n_params_non_embedding"] == oracle["non_embedding"]
    # no GPU, no --vram: memory is estimated, the fit is unknown, nothing is called best
    assert plan_["best"] is None
    assert {o["fits"] for o in plan_["options"]} == {None}
    assert _json("gpt2-medium")["n_params"] == oracle["total"]


def test_hf_config_json(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text(json.dumps({"model_type": "gpt2"}))
    plan_ = _json(str(tmp_path / "config.json"), "--vram", "24GB", "--no-compile")
    assert plan_["n_params"] == HF["gpt2_defaults"]["total"] == 124_439_808  # transformers


def test_text_output_names_the_pair() -> None:
    result = _run(str(SEED_FIXED), "--gpu", "RTX 4070")
    assert result.exit_code == 0, result.stderr
    assert "batch_size = 8, gradient_accumulation_steps = 64" in result.stdout
    assert "524,288" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["no_such_config.py"],
        ["gpt2", "--gpu", "Voodoo 3"],
        ["gpt2", "--vram", "twelve"],
        ["gpt2", "--mfu", "40"],
        ["gpt2", "--tokens", "lots"],
        ["gpt2", "--tokens-per-step", "0"],
        ["gpt2", "--set", "n_layer"],
        ["gpt2", "--set", "n_embed=768"],
        ["gpt2", "--set", "n_embd=770"],
        ["gpt2", "--set", "n_layer=-1"],
        ["gpt2", "--dtype", "int8"],
        ["gpt2", "--dataset", "common_crawl_everything"],
        ["gpt2", "--data-dir", "/nonexistent/dir"],
    ],
)
def test_bad_input_exits_2_with_one_line(args: list[str]) -> None:
    result = _run(*args)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("capdiag: error: "), result.stderr
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_bad_config_and_data_dir_files_exit_2(tmp_path: Path) -> None:
    broken = tmp_path / "broken.py"
    broken.write_text("n_layer = = 3\n")
    (tmp_path / "train.bin").write_bytes(b"\x00\x01\x02")  # odd size: not uint16 tokens
    (tmp_path / "val.bin").write_bytes(b"\x00\x01")
    bad_json = tmp_path / "config.json"
    bad_json.write_text("{not json")
    for args in ([str(broken)], ["gpt2", "--data-dir", str(tmp_path)], [str(bad_json)]):
        result = _run(*args)
        assert result.exit_code == 2, args
        assert len(result.stderr.strip().splitlines()) == 1


def test_plan_help_states_the_default_mfu() -> None:
    from typer.testing import CliRunner

    from capdiag.arithmetic.planning import DEFAULT_MFU
    from capdiag.cli import app

    out = CliRunner().invoke(app, ["plan", "--help"], env={"COLUMNS": "200"}).stdout
    assert f"(default {DEFAULT_MFU:g})" in out
