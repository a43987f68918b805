"""Parameter counts and FLOPs against nanoGPT's own model code (tests/data/oracle)."""

from __future__ import annotations

import json

import pytest
from conftest import DATA

from capdiag.arithmetic.flops import NANOGPT_PROMISED_FLOPS, flops_per_iter, flops_per_token, mfu
from capdiag.arithmetic.params import ModelDims, count_params, dims_for_target

ORACLE = json.loads((DATA / "oracle" / "nanogpt_params.json").read_text())
ENTRIES = ORACLE["entries"]


def _dims(config: dict[str, object]) -> ModelDims:
    keys = ("n_layer", "n_head", "n_embd", "block_size", "vocab_size", "bias")
    return ModelDims(**{k: config[k] for k in keys})


def test_oracle_has_the_grid() -> None:
    names = {e["name"] for e in ENTRIES}
    assert {"gpt2_124M_bias_false", "n_embd384_bias_false", "shakespeare_char_baby"} <= names
    assert len(ENTRIES) >= 15


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["name"] for e in ENTRIES])
def test_param_counts_match_nanogpt_exactly(entry: dict[str, object]) -> None:
    counts = count_params(_dims(entry["config"]))  # type: ignore[arg-type]
    assert counts.total == entry["total"]
    assert counts.non_embedding == entry["non_embedding"]
    printed = entry["printed"].split(": ")[1]  # type: ignore[union-attr]
    assert f"{counts.non_embedding / 1e6:.2f}M" == printed


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["name"] for e in ENTRIES])
def test_flops_match_nanogpt_estimate_mfu(entry: dict[str, object]) -> None:
    dims = _dims(entry["config"])  # type: ignore[arg-type]
    assert flops_per_token(dims) == entry["flops_per_token"]
    k = int(entry["fwdbwd_per_iter"])  # type: ignore[call-overload]
    assert flops_per_iter(dims, k) == entry["flops_per_iter_exact"]
    # nanoGPT's own estimate_mfu(fwdbwd_per_iter, dt=1.0), as its code printed it
    capdiag_mfu = mfu(flops_per_iter(dims, k), 1.0, NANOGPT_PROMISED_FLOPS)
    assert capdiag_mfu == pytest.approx(entry["mfu_at_dt_1s"], rel=1e-12)


def test_seed_model_is_40_56m() -> None:
    dims = ModelDims(n_layer=12, n_head=12, n_embd=384, block_size=1024, vocab_size=50304)
    assert count_params(dims).non_embedding == 40_560_000


def test_dims_for_target_names_n_embd_for_the_seed() -> None:
    dims = ModelDims(n_layer=12, n_head=12, n_embd=384, block_size=1024, vocab_size=50304)
    best = dims_for_target(dims, 125e6)[0]
    assert (best.key, best.new, best.reference) == ("n_embd", 768, "gpt2")
    assert best.new % dims.n_head == 0


def test_dims_for_target_prefers_layers_when_width_matches_reference() -> None:
    # GPT-2 medium width and heads but half the layers: the fix is n_layer, not n_embd
    dims = ModelDims(n_layer=12, n_head=16, n_embd=1024, block_size=1024, vocab_size=50304)
    best = dims_for_target(dims, 350e6)[0]
    assert (best.key, best.new, best.reference) == ("n_layer", 24, "gpt2-medium")


def test_the_closest_size_by_bisection_is_the_plain_scans() -> None:
    # dims_for_target bisects (the count grows with n_embd and n_layer); a plain scan over
    # every value must pick the same one
    import math
    import random

    from capdiag.arithmetic.params import ModelDims, _closest, count_params

    def scan(dims: ModelDims, key: str, values: range, target: float) -> int:
        errors = [
            abs(count_params(dims.model_copy(update={key: v})).total - target) for v in values
        ]
        return values[errors.index(min(errors))]

    rng = random.Random(0)
    base = ModelDims(n_layer=12, n_head=12, n_embd=768, vocab_size=50304, block_size=1024)
    for _ in range(25):
        dims = base.model_copy(
            update={"n_layer": rng.randint(1, 48), "n_head": rng.choice([4, 8, 12, 16])}
        )
        target = 10 ** rng.uniform(6, 10)
        step = math.lcm(dims.n_head, 64)
        for key, values in (("n_embd", range(step, 8193, step)), ("n_layer", range(1, 129))):
            assert _closest(dims, key, values, target)[0] == scan(dims, key, values, target)
