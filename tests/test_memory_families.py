"""Memory estimator beyond the six H200 rows: nanoGPT variants and Hugging Face families.

Oracles: ``tests/data/oracle/saved_activations.json`` ("variants", nanoGPT's real model,
``scripts/oracles/saved_activations.py``) and ``tests/data/oracle/saved_activations_hf.json``
(transformers' Llama / Mistral / Qwen2 / Mixtral built from tiny configs,
``scripts/oracles/saved_activations_hf.py``). Both record the tensors autograd saves under CPU
autocast, deduplicated by storage; the HF file also has whole-step MemTracker peaks.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from capdiag.arithmetic.memory import (
    TrainingSetup,
    estimate_training_memory,
    largest_batch_that_fits,
    layer_saved_bytes_per_token,
    logits_peak_bytes_per_token,
    optimizer_state_bytes,
    top_saved_bytes_per_token,
    weight_copy_bytes,
)
from capdiag.arithmetic.params import ModelDims, count_params

ORACLE = Path(__file__).parent / "data" / "oracle"
SAVED = json.loads((ORACLE / "saved_activations.json").read_text())
HF = json.loads((ORACLE / "saved_activations_hf.json").read_text())
MEASURED = json.loads((ORACLE / "measured_peak_memory_h200.json").read_text())
GIB = 1 << 30

# --- nanoGPT variants ------------------------------------------------------------------------

VARIANTS = [v for v in SAVED["variants"] if v["dropout_kernels"] != "cpu"]


def _variant_case(v: dict[str, Any]) -> tuple[ModelDims, TrainingSetup]:
    dims = ModelDims(
        n_layer=1,
        n_head=v["n_head"],
        n_embd=v["n_embd"],
        block_size=v["seq_len"],
        vocab_size=SAVED["vocab_size"],
        bias=v["bias"],
    )
    setup = TrainingSetup(
        batch_size=v["batch_size"],
        block_size=v["seq_len"],
        dtype=v["dtype"],
        dropout=v["dropout"],
        attention="eager" if v["attention"] == "eager" else "sdpa",
    )
    return dims, setup


def _vid(v: dict[str, Any]) -> str:
    return (
        f"C{v['n_embd']}-H{v['n_head']}-T{v['seq_len']}-{v['dtype']}-p{v['dropout']}"
        f"-bias{int(v['bias'])}-{v['attention']}"
    )


def test_variants_cover_the_unlisted_cases() -> None:
    keys = {(v["dropout"] > 0, v["bias"], v["dtype"], v["attention"]) for v in VARIANTS}
    assert any(k[0] for k in keys) and any(k[1] for k in keys)
    assert {"bfloat16", "float16", "float32"} <= {k[2] for k in keys}
    assert {v["n_head"] for v in VARIANTS} >= {2, 4, 16}
    assert len({v["seq_len"] for v in VARIANTS}) >= 3


@pytest.mark.parametrize("v", VARIANTS, ids=_vid)
def test_nanogpt_variant_layer_bytes(v: dict[str, Any]) -> None:
    dims, setup = _variant_case(v)
    by_kind = v["layer_saved_bytes_by_kind_dtype"]
    # eager attention's `bias[:, :, :T, :T] == 0` mask: T*T bools per layer, batch-independent
    causal = by_kind.get("mask:bool:TxT", 0)
    assert causal == (v["seq_len"] ** 2 if setup.attention == "eager" else 0)
    measured = sum(by_kind.values()) - causal
    predicted = layer_saved_bytes_per_token(dims, setup) * v["tokens"]
    if setup.attention == "eager" and setup.dtype != "float32":
        # CPU autocast runs nanoGPT's F.softmax in bf16 (saves 2·H·T B/token); CUDA autocast's
        # fp32 policy for softmax saves the fp32 probabilities too (+4·H·T), which we model.
        predicted -= 4 * dims.n_head * setup.block_size * v["tokens"]
    assert predicted == measured


@pytest.mark.parametrize("v", VARIANTS, ids=_vid)
def test_nanogpt_variant_top_and_copies(v: dict[str, Any]) -> None:
    dims, setup = _variant_case(v)
    tokens = v["tokens"]
    measured = sum(v["top_saved_bytes_by_kind_dtype"].values())
    vocab = SAVED["vocab_size"]
    # + fp32 log-probs (4 B/vocab) + the scalar loss
    predicted = (top_saved_bytes_per_token(dims, setup) + 4 * vocab) * tokens + 4
    assert predicted == measured
    if setup.dtype == "float32":
        assert v["layer_weight_copy_bytes"] == 0 and weight_copy_bytes(dims, setup) == 0
    else:  # biases are cast too, but addmm does not save them: copies do not depend on bias
        c = dims.n_embd
        assert v["layer_weight_copy_bytes"] == 2 * 12 * c * c
        assert weight_copy_bytes(dims, setup) == v["layer_weight_copy_bytes"] + 2 * vocab * c


def test_dropout_masks_are_bool_and_two_per_layer() -> None:
    for v in VARIANTS:
        if v["dropout"] > 0:
            assert v["layer_saved_bytes_by_kind_dtype"]["mask:bool"] == 2 * v["n_embd"] * 120
            assert v["top_saved_bytes_by_kind_dtype"]["mask:bool"] == v["n_embd"] * 120
    # the CPU kernels save float noise and fall back to math attention; CUDA does not
    cpu = [v for v in SAVED["variants"] if v["dropout_kernels"] == "cpu"]
    assert cpu and cpu[0]["layer_TxT_bytes_per_token"] > 0


def test_lse_term_scales_with_heads_and_not_with_sequence() -> None:
    per_token = {
        (v["n_head"], v["seq_len"]): sum(v["layer_saved_bytes_by_kind_dtype"].values())
        / v["tokens"]
        for v in VARIANTS
        if v["n_embd"] == 128 and v["dtype"] == "bfloat16" and v["dropout"] == 0
        and v["attention"] == "flash"
    }  # fmt: skip
    assert per_token[(16, 40)] - per_token[(2, 40)] == 4 * 14
    assert per_token[(4, 16)] == per_token[(4, 40)] == per_token[(4, 96)]


# --- Hugging Face families ---------------------------------------------------------------------


def _hf_dims(case: dict[str, Any], n_layer: int = 1) -> ModelDims:
    cfg, opt = case["config"], case["options"]
    c = case["n_embd"]
    return (
        ModelDims(
            family=case["family"],
            n_layer=n_layer,
            n_head=cfg["num_attention_heads"],
            n_kv_head=cfg["num_key_value_heads"],
            n_embd=c,
            head_dim_override=cfg.get("head_dim"),
            intermediate_size=cfg["intermediate_size"],
            block_size=HF["seq_len"],
            vocab_size=cfg["vocab_size"],
            tied_head=cfg["tie_word_embeddings"],
            mlp="swiglu",
            norm="rmsnorm",
            learned_pos=False,
            qkv_bias=case["family"] == "qwen2",
            n_experts=cfg.get("num_local_experts") or 1,
            experts_per_token=cfg.get("num_experts_per_tok") or 1,
            max_position_embeddings=None,
        )
        if opt is not None
        else ModelDims(n_layer=1, n_head=1, n_embd=1, block_size=1, vocab_size=1)
    )


def _hf_setup(case: dict[str, Any]) -> TrainingSetup:
    attn = case["options"].get("attn", "sdpa")
    return TrainingSetup(batch_size=HF["batch_size"], block_size=HF["seq_len"], attention=attn)


# grouped_mm experts (transformers' default) run through a CPU fallback op that autocast does
# not cast, so on CPU they compute in fp32; the per-expert F.linear path ("eager") is modelled.
HF_CASES = [
    c for c in HF["cases"] if c["family"] != "mixtral" or c["options"].get("experts") == "eager"
]


def _hid(c: dict[str, Any]) -> str:
    return f"{c['family']}-C{c['n_embd']}-" + "-".join(f"{k}{v}" for k, v in c["options"].items())


def test_hf_oracle_covers_families() -> None:
    assert {c["family"] for c in HF_CASES} >= {"llama", "mistral", "qwen2", "mixtral"}
    assert HF["transformers"] and HF["torch"].startswith("2.")


@pytest.mark.parametrize("case", HF_CASES, ids=_hid)
def test_hf_layer_bytes_per_token_within_2_percent(case: dict[str, Any]) -> None:
    dims, setup = _hf_dims(case), _hf_setup(case)
    measured = case["layer_saved_bytes_per_token"] + case["layer_index_bytes_per_token"]
    predicted = layer_saved_bytes_per_token(dims, setup)
    assert abs(predicted / measured - 1) <= 0.02, (predicted, measured)
    assert predicted == measured  # in fact exact


@pytest.mark.parametrize("case", HF_CASES, ids=_hid)
def test_hf_top_and_weight_copies(case: dict[str, Any]) -> None:
    dims, setup = _hf_dims(case), _hf_setup(case)
    tokens = case["tokens"]
    # HF computes the loss on logits.float(): log_softmax saves fp32 log-probs, 4 B/vocab
    assert case["top_logits_path_saved_bytes_per_token_per_vocab"] == pytest.approx(4.0)
    rope = 2 * HF["seq_len"] * dims.head_dim * 4  # cos and sin, batch-independent, fp32
    loss = 4
    measured = case["top_saved_bytes_per_token"] * tokens - rope - loss
    predicted = (top_saved_bytes_per_token(dims, setup) + 4 * dims.vocab_size) * tokens
    assert predicted == pytest.approx(measured, abs=0.5)
    assert weight_copy_bytes(dims, setup) == (
        case["layer_weight_copy_bytes"] + case["top_weight_copy_bytes"]
    )


STEPS = HF["step_peak"]


@pytest.mark.parametrize(
    "s", STEPS, ids=lambda s: f"C{s['n_embd']}-ckpt{int(s['gradient_checkpointing'])}"
)
def test_hf_step_peak_slope_matches_memtracker(s: dict[str, Any]) -> None:
    """Per-token slope of a whole AdamW step's peak (MemTracker) = the estimator's slope."""
    c = s["n_embd"]
    opts = s["options"]
    dims = ModelDims(
        family="llama",
        n_layer=s["n_layer"],
        n_head=opts.get("n_head", 4),
        n_kv_head=opts.get("n_kv_head", 2),
        n_embd=c,
        intermediate_size=3 * c - 16,
        block_size=s["seq_len"],
        vocab_size=s["vocab_size"],
        tied_head=False,
        mlp="swiglu",
        norm="rmsnorm",
        learned_pos=False,
    )
    setup = TrainingSetup(
        batch_size=4,
        block_size=s["seq_len"],
        activation_checkpointing=s["gradient_checkpointing"],
    )
    lo = estimate_training_memory(dims, setup)
    hi = estimate_training_memory(dims, setup.model_copy(update={"batch_size": 8}))
    slope = (hi.total_bytes - lo.total_bytes) / (4 * s["seq_len"])
    assert slope == pytest.approx(s["peak_bytes_per_token"], rel=0.001)
    assert "cross-entropy" in lo.assumptions[0] and "cross-entropy" in hi.assumptions[0]


def test_checkpointing_slope_is_block_inputs_plus_top_plus_logits() -> None:
    for s in STEPS:
        if s["gradient_checkpointing"]:
            c, v = s["n_embd"], s["vocab_size"]
            top = 8 * c + 4 + 2 * c
            assert s["peak_bytes_per_token"] == s["n_layer"] * 4 * c + top + 12 * v


# --- whole-estimate behaviour -----------------------------------------------------------------

GPT2_124M = ModelDims(n_layer=12, n_head=12, n_embd=768, block_size=1024, vocab_size=50304)
LLAMA_1B = ModelDims(
    family="llama",
    n_layer=16,
    n_head=32,
    n_kv_head=8,
    n_embd=2048,
    intermediate_size=8192,
    block_size=2048,
    vocab_size=128256,
    mlp="swiglu",
    norm="rmsnorm",
    learned_pos=False,
)
MIXTRAL_TINY = LLAMA_1B.model_copy(
    update={"family": "mixtral", "n_layer": 4, "n_experts": 8, "experts_per_token": 2}
)


def test_h200_rows_unchanged_by_new_options() -> None:
    for row in (r for r in MEASURED["rows"] if r["error"] is None):
        dims = ModelDims(
            n_layer=row["n_layer"],
            n_head=12 if row["n_embd"] == 768 else 6,
            n_embd=row["n_embd"],
            block_size=row["block_size"],
            vocab_size=row["vocab_size"],
        )
        setup = TrainingSetup(
            batch_size=row["batch_size"],
            block_size=row["block_size"],
            compile=row["compile"],
            dropout=0.0,
            attention="sdpa",
        )
        rel = estimate_training_memory(dims, setup).total_bytes / row["max_allocated_bytes"] - 1
        assert abs(rel) <= 0.01


@pytest.mark.parametrize("dims", [GPT2_124M, LLAMA_1B, MIXTRAL_TINY], ids=["gpt2", "llama", "moe"])
@pytest.mark.parametrize(
    "extra",
    [
        {},
        {"activation_checkpointing": True},
        {"dtype": "float32"},
        {"dropout": 0.1},
        {"attention": "eager"},
        {"optimizer": "adamw8bit", "gradient_accumulation_steps": 4},
    ],
    ids=["base", "ckpt", "fp32", "dropout", "eager", "8bit-accum"],
)
def test_monotonic_in_batch_and_block(dims: ModelDims, extra: dict[str, Any]) -> None:
    def total(b: int, t: int) -> int:
        setup = TrainingSetup(batch_size=b, block_size=t, **extra)
        return estimate_training_memory(dims, setup).total_bytes

    by_batch = [total(b, 512) for b in range(0, 17)]
    assert all(a <= b for a, b in itertools.pairwise(by_batch))
    by_block = [total(4, t) for t in (64, 128, 256, 512, 1024, 2048, 8192)]
    assert all(a <= b for a, b in itertools.pairwise(by_block))
    assert by_block[-1] > by_block[0] and by_batch[-1] > by_batch[1]


@pytest.mark.parametrize("dims", [GPT2_124M, LLAMA_1B, MIXTRAL_TINY], ids=["gpt2", "llama", "moe"])
def test_options_move_memory_the_right_way(dims: ModelDims) -> None:
    base = TrainingSetup(batch_size=8, block_size=1024)

    def total(**kw: Any) -> int:
        return estimate_training_memory(dims, base.model_copy(update=kw)).total_bytes

    t0 = total()
    assert total(activation_checkpointing=True) < t0
    assert total(dropout=0.1) >= t0
    assert total(attention="eager") > t0
    assert total(optimizer="adamw8bit") < t0
    assert total(gradient_accumulation_steps=2) > t0
    assert total(dtype="float32") > total(dtype="float16") == t0
    deeper = dims.model_copy(update={"n_layer": dims.n_layer + 1})
    assert estimate_training_memory(deeper, base).total_bytes > t0


def test_moe_routes_k_experts_per_token() -> None:
    setup = TrainingSetup(batch_size=1, block_size=1)
    k1 = MIXTRAL_TINY.model_copy(update={"experts_per_token": 1})
    k2 = MIXTRAL_TINY
    dense = MIXTRAL_TINY.model_copy(update={"n_experts": 1, "experts_per_token": 1})
    a1, a2 = (layer_saved_bytes_per_token(d, setup) for d in (k1, k2))
    per_route = a2 - a1
    c, i = k2.n_embd, k2.mlp_width
    assert per_route == 2 * c + 4 * 2 * i + 2 * c + 4 + 4 * c + 16 + 4 + 8
    # an expert MLP per routed token costs what the dense MLP costs
    assert layer_saved_bytes_per_token(dense, setup) < a1


def test_adamw8bit_state_bytes() -> None:
    setup = TrainingSetup(batch_size=1, block_size=8, optimizer="adamw8bit")
    p = count_params(GPT2_124M).total
    small = 12 * 2 * 768 + 768  # LayerNorm weights (< 4096 elements): fp32 states
    assert optimizer_state_bytes(GPT2_124M, setup) == int((p - small) * (2 + 8 / 256)) + 8 * small
    adamw = optimizer_state_bytes(GPT2_124M, setup.model_copy(update={"optimizer": "adamw"}))
    assert adamw == 8 * p


def test_logits_peak_is_fp32_for_hf_under_compile_too() -> None:
    setup = TrainingSetup(batch_size=1, block_size=8, compile=True)
    assert logits_peak_bytes_per_token(LLAMA_1B, setup) == 12 * LLAMA_1B.vocab_size
    assert logits_peak_bytes_per_token(GPT2_124M, setup) == 6 * GPT2_124M.vocab_size


def test_largest_batch_llama_sanity() -> None:
    setup = TrainingSetup(batch_size=1, block_size=2048)
    b80 = largest_batch_that_fits(LLAMA_1B, setup, 80 * GIB)
    b40 = largest_batch_that_fits(LLAMA_1B, setup, 40 * GIB)
    assert b80 > b40 > 0
    ckpt = setup.model_copy(update={"activation_checkpointing": True})
    assert largest_batch_that_fits(LLAMA_1B, ckpt, 80 * GIB) > b80
    # the chosen batch really fits and the next one does not
    fits = estimate_training_memory(LLAMA_1B, setup.model_copy(update={"batch_size": b80}))
    over = estimate_training_memory(LLAMA_1B, setup.model_copy(update={"batch_size": b80 + 1}))
    assert fits.components["device_total"] <= 0.9 * 80 * GIB < over.components["device_total"]
    assert largest_batch_that_fits(LLAMA_1B, setup, 8 * GIB) == 0


def test_rejects_unknown_attention_and_bad_dropout() -> None:
    with pytest.raises(ValueError):
        estimate_training_memory(
            GPT2_124M, TrainingSetup(batch_size=1, block_size=8, attention="flex")
        )
    with pytest.raises(ValueError):
        estimate_training_memory(GPT2_124M, TrainingSetup(batch_size=1, block_size=8, dropout=1))
