"""Parameter counts for every family against the real transformers classes.

tests/data/oracle/hf_params.json was made by scripts/oracles/hf_params.py, which builds
each model with ``AutoModelForCausalLM.from_config`` on the meta device and counts its
parameters. These tests only read the JSON (CI has no torch).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA

from capdiag.arithmetic.flops import flops_conventions, flops_per_token
from capdiag.arithmetic.params import ModelDims, count_params
from capdiag.hf_config import SUPPORTED_MODEL_TYPES, dims_from_hf_config, load_hf_config

ORACLE = json.loads((DATA / "oracle" / "hf_params.json").read_text())
ENTRIES: list[dict[str, Any]] = ORACLE["entries"]
IDS = [e["name"] for e in ENTRIES]
NANOGPT = json.loads((DATA / "oracle" / "nanogpt_params.json").read_text())["entries"]


def _config(entry: dict[str, Any], key: str = "config") -> dict[str, Any]:
    return {**entry[key], "model_type": entry["model_type"]}


def test_oracle_covers_every_family() -> None:
    assert {e["model_type"] for e in ENTRIES} == set(SUPPORTED_MODEL_TYPES)
    names = set(IDS)
    realistic = {
        "llama2_7b",
        "llama3_8b",
        "tinyllama_1_1b",
        "mistral_7b",
        "qwen2_0_5b_tied",
        "qwen2_7b",
        "gemma_2b",
        "phi_2",
        "phi3_mini",
        "mixtral_8x7b",
    }
    assert realistic <= names
    # every family also has its config class's defaults (a minimal config.json)
    assert {f"{t}_defaults" for t in SUPPORTED_MODEL_TYPES} <= names


@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
@pytest.mark.parametrize("key", ["config", "config_json"])
def test_counts_match_transformers_exactly(entry: dict[str, Any], key: str) -> None:
    counts = count_params(dims_from_hf_config(_config(entry, key)))
    assert counts.total == entry["total"]
    assert counts.total == entry["num_parameters"]
    assert counts.non_embedding_hf == entry["num_parameters_non_embedding"]


@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
def test_embedding_split_matches_the_modules(entry: dict[str, Any]) -> None:
    dims = dims_from_hf_config(_config(entry))
    counts = count_params(dims)
    assert dims.tied_head == entry["tied"]
    # what num_parameters(exclude_embeddings=True) drops is every nn.Embedding weight
    assert counts.total - counts.non_embedding_hf == entry["embedding_params"]


@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
def test_active_parameters(entry: dict[str, Any]) -> None:
    counts = count_params(dims_from_hf_config(_config(entry)))
    if "experts_params" not in entry:
        assert counts.active == counts.total
        return
    # Independent of our per-expert formula: the oracle measured all expert tensors of all
    # layers (experts_params). Every layer holds E identical experts and a token uses k,
    # so (E - k) / E of those parameters sit idle for that token; everything else
    # (attention, router, norms, embeddings, head) is used.
    e, k = entry["num_local_experts"], entry["num_experts_per_tok"]
    idle, remainder = divmod(entry["experts_params"] * (e - k), e)
    assert remainder == 0
    assert counts.active == entry["total"] - idle
    assert counts.active < counts.total


def test_mixtral_8x7b_total_and_active() -> None:
    entry = next(e for e in ENTRIES if e["name"] == "mixtral_8x7b")
    counts = count_params(dims_from_hf_config(_config(entry)))
    assert counts.total == entry["total"]
    # 2 of 8 experts: a quarter of the expert parameters, all the rest
    assert counts.active == entry["total"] - entry["experts_params"] * 3 // 4


@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
def test_hf_trainer_total_flos_convention(entry: dict[str, Any]) -> None:
    dims = dims_from_hf_config(_config(entry))
    hf = next(c for c in flops_conventions(dims) if c.framework == "hf_trainer")
    batch, seq = ORACLE["trainer_batch_shape"]
    assert hf.flops_per_token * batch * seq == entry["trainer_flops_batch2x128"]
    assert hf.attention == 0


def _nanogpt_dims(config: dict[str, Any]) -> ModelDims:
    keys = ("n_layer", "n_head", "n_embd", "block_size", "vocab_size", "bias")
    return ModelDims(**{k: config[k] for k in keys})


@pytest.mark.parametrize("entry", NANOGPT, ids=[e["name"] for e in NANOGPT])
def test_nanogpt_convention_is_estimate_mfu(entry: dict[str, Any]) -> None:
    dims = _nanogpt_dims(entry["config"])
    nano = next(c for c in flops_conventions(dims) if c.framework == "nanoGPT")
    assert nano.n_params == entry["non_embedding"]
    assert nano.flops_per_token == entry["flops_per_token"] == flops_per_token(dims)


def test_llm_c_counts_every_parameter() -> None:
    # llm.c README.md, output of train_gpt2.c for GPT-2 124M (vocab 50257, biases on):
    # "num_parameters: 124439808". gpt2_estimate_mfu (train_gpt2.cu) uses that N.
    dims = ModelDims(n_layer=12, n_head=12, n_embd=768, block_size=1024, vocab_size=50257)
    llmc = next(
        c
        for c in flops_conventions(dims.model_copy(update={"bias": True}))
        if c.framework == "llm.c"
    )
    assert llmc.n_params == 124_439_808
    assert llmc.attention == 6 * 12 * 768 * 1024


def test_torchtitan_convention_untied_and_tied() -> None:
    llama = next(e for e in ENTRIES if e["name"] == "llama3_8b")
    dims = dims_from_hf_config(_config(llama), seq_len=8192)
    titan = next(c for c in flops_conventions(dims) if c.framework == "torchtitan")
    # untied: the token embedding (an nn.Embedding child) is subtracted, the output kept
    assert titan.n_params == llama["num_parameters_non_embedding"]
    assert titan.attention == 12 * 32 * 32 * 128 * 8192
    tied = next(e for e in ENTRIES if e["name"] == "llama3_2_1b_tied")
    dims = dims_from_hf_config(_config(tied))
    titan = next(c for c in flops_conventions(dims) if c.framework == "torchtitan")
    assert titan.n_params == tied["total"]  # weight tying: nothing subtracted


def test_moe_flops_use_active_except_hf_trainer() -> None:
    entry = next(e for e in ENTRIES if e["name"] == "mixtral_8x7b")
    dims = dims_from_hf_config(_config(entry), seq_len=4096)
    by_name = {c.framework: c for c in flops_conventions(dims)}
    active = count_params(dims).active
    assert by_name["torchtitan"].n_params == active - 32000 * 4096
    assert by_name["hf_trainer"].n_params == entry["num_parameters_non_embedding"]


def test_unknown_model_type_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match=r"unsupported model_type 'bert'.*llama"):
        dims_from_hf_config({"model_type": "bert", "hidden_size": 768})
    with pytest.raises(ValueError, match="no model_type"):
        dims_from_hf_config({"hidden_size": 768})


def test_bad_dimension_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="hidden_size must be a positive integer"):
        dims_from_hf_config({"model_type": "llama", "hidden_size": "4096"})


def test_seq_len_sets_block_size_not_wpe() -> None:
    entry = next(e for e in ENTRIES if e["name"] == "gpt2_124M")
    dims = dims_from_hf_config(_config(entry), seq_len=256)
    assert dims.block_size == 256
    assert count_params(dims).total == entry["total"]


def test_load_hf_config_reads_file_and_directory(tmp_path: Path) -> None:
    entry = next(e for e in ENTRIES if e["name"] == "qwen2_0_5b_tied")
    (tmp_path / "config.json").write_text(json.dumps(entry["config_json"]))
    for path in (tmp_path, tmp_path / "config.json"):
        assert count_params(load_hf_config(path)).total == entry["total"]
    (tmp_path / "bad.json").write_text("{not json")
    with pytest.raises(ValueError, match="not valid JSON"):
        load_hf_config(tmp_path / "bad.json")
