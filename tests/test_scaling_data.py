"""Repeated-data discount (Muennighoff et al. 2023) and the dataset catalog, against sources."""

from __future__ import annotations

import math
import pickle
from pathlib import Path

import numpy as np
import pytest

from capdiag.arithmetic.scaling import (
    EPOCH_2024,
    HOFFMANN_2022,
    MUENNIGHOFF_R_D_STAR,
    MUENNIGHOFF_R_N_STAR,
    effective_data,
)
from capdiag.datasets import (
    CATALOG,
    DataDirError,
    find_dataset,
    has_meta,
    sizes_from_data_dir,
)

# The authors' fitted data-constrained law, as published with their code
# (github.com/huggingface/datablations, README "Parametric Fit"):
# a, b, e, alpha, beta, rd_star, rn_star =
#   6.255414, 7.3049974, 0.6254804, 0.3526596, 0.3526596, 15.387756, 5.309743
_A, _B, _E = math.exp(6.255414), math.exp(7.3049974), math.exp(0.6254804)
_ALPHA = _BETA = 0.3526596


def _excess_params(n: float, unique_tokens: float) -> float:
    """N' of the same law (R_N part), written out here from the README's formula."""
    g = ((_ALPHA * _A) / (_BETA * _B)) ** (1 / (_ALPHA + _BETA))
    u_n = min(n, (unique_tokens * g) ** (_BETA / _ALPHA) * g)
    r_n = max(n / u_n - 1, 0.0)
    return float(u_n + u_n * MUENNIGHOFF_R_N_STAR * (1 - math.exp(-r_n / MUENNIGHOFF_R_N_STAR)))


def _law(n: float, tokens: float, unique_tokens: float) -> float:
    d_prime = effective_data(unique_tokens, tokens / unique_tokens)
    return float(_E + _A / _excess_params(n, unique_tokens) ** _ALPHA + _B / d_prime**_BETA)


def test_constants_are_the_papers() -> None:
    # the paper gives R*_D = 15.4 and R*_N = 5.3 (rounded from the fit)
    assert round(MUENNIGHOFF_R_D_STAR, 1) == 15.4
    assert round(MUENNIGHOFF_R_N_STAR, 1) == 5.3


def test_reproduces_the_authors_printed_losses() -> None:
    # README, "Models in Figure 1 (right)": 25B unique tokens
    assert _law(6.34e9, 242e9, 25e9) == pytest.approx(2.2256440889984477, abs=1e-12)
    assert _law(8.67e9, 178e9, 25e9) == pytest.approx(2.2269634075087867, abs=1e-12)


def test_four_epochs_is_nearly_as_good_as_unique_data() -> None:
    # Abstract: "training with up to 4 epochs of repeated data yields negligible changes to
    # loss compared to having unique data. However, with more repetition, the value of adding
    # compute eventually decays to zero."
    # 1B parameters on 44B unique tokens: below the law's D_to_N(U) = 2.24B, so the comparison
    # isolates the data term (no excess-parameter discount)
    n, unique = 1e9, 44e9
    g = ((_ALPHA * _A) / (_BETA * _B)) ** (1 / (_ALPHA + _BETA))
    assert n < (unique * g) ** (_BETA / _ALPHA) * g

    def gap(epochs: float) -> float:
        repeated = _law(n, unique * epochs, unique)
        fresh = _law(n, unique * epochs, unique * epochs)
        return (repeated - fresh) / fresh

    assert 0 < gap(4) < 0.005  # under half a percent
    assert gap(16) > 3 * gap(4)  # and it grows with repetition
    first = _law(n, unique, unique) - _law(n, 2 * unique, unique)
    late = _law(n, 40 * unique, unique) - _law(n, 60 * unique, unique)
    assert late < first / 20  # 20 more passes after 40 buy less than a twentieth of the 2nd


def test_effective_data_shape() -> None:
    u = 1e9
    assert effective_data(u, 1) == u
    assert effective_data(u, 0.5) == 0.5 * u  # no repetition: D' = D
    assert effective_data(u, 2) == pytest.approx(
        u * (1 + 15.387756 * (1 - math.exp(-1 / 15.387756)))
    )
    assert effective_data(u, 4) / (4 * u) > 0.9
    values = [effective_data(u, e) for e in (1, 2, 4, 8, 16, 64, 1000)]
    assert values == sorted(values)
    assert effective_data(u, 1e6) == pytest.approx(u * (1 + MUENNIGHOFF_R_D_STAR))  # ceiling
    with pytest.raises(ValueError):
        effective_data(-1, 2)


@pytest.mark.parametrize("law", [EPOCH_2024, HOFFMANN_2022], ids=lambda law: law.name)
def test_optimal_tokens_inverts_optimum(law: object) -> None:
    from capdiag.arithmetic.scaling import ScalingLaw

    assert isinstance(law, ScalingLaw)
    for n in (1e7, 1.24e8, 7e10):
        n_opt, d_opt = law.optimum(6 * n * law.optimal_tokens(n))
        assert n_opt == pytest.approx(n, rel=1e-9)
        assert d_opt == pytest.approx(law.optimal_tokens(n), rel=1e-9)


def test_catalog_figures_and_sources() -> None:
    for info in CATALOG.values():
        assert info.source and info.train_tokens > 0
    # printed totals, quoted in each source
    assert CATALOG["openwebtext"].train_tokens == 9_035_582_198  # nanoGPT prepare.py
    assert CATALOG["shakespeare_char"].train_tokens == 1_003_854  # nanoGPT readme
    assert CATALOG["shakespeare_char"].tokenizer == "char"
    tiny = CATALOG["tinystories"]  # llm.c dev/data/tinystories.py printout, GPT-2 tokens
    assert (tiny.train_tokens, tiny.val_tokens) == (925_653_391, 19_043_638)
    assert "tinystories.py" in tiny.source
    # shard layouts: 10^8-token shards, shard 0 is val
    fineweb = CATALOG["fineweb10B"]  # 103 train shards, the last partial
    assert 102 * 10**8 <= fineweb.train_tokens <= 103 * 10**8 and fineweb.approximate
    edu = CATALOG["fineweb_edu10B"]  # "total of 100 shards": 99 train
    assert edu.train_tokens == 99 * 10**8 and edu.approximate
    assert "sample-10BT" in fineweb.source and "sample-10BT" in edu.source


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("fineweb", "fineweb10B"),
        ("data/fineweb10B/", "fineweb10B"),
        ("edu_fineweb10B", "fineweb_edu10B"),
        ("TinyStories", "tinystories"),
        ("owt", "openwebtext"),
        ("shakespeare_char", "shakespeare_char"),
    ],
)
def test_find_dataset_aliases(name: str, expected: str) -> None:
    found = find_dataset(name)
    assert found is not None and found.name == expected


def test_unknown_dataset() -> None:
    assert find_dataset("my_private_corpus") is None
    assert find_dataset(None) is None


def test_sizes_from_data_dir_reads_uint16_arrays(tmp_path: Path) -> None:
    train = np.random.default_rng(0).integers(0, 50257, size=12_345, dtype=np.uint16)
    val = np.arange(678, dtype=np.uint16)
    train.tofile(tmp_path / "train.bin")  # as nanoGPT's prepare.py writes them
    val.tofile(tmp_path / "val.bin")
    assert sizes_from_data_dir(tmp_path) == (12_345, 678)
    # what nanoGPT's train.py reads back
    assert len(np.memmap(tmp_path / "train.bin", dtype=np.uint16, mode="r")) == 12_345
    assert not has_meta(tmp_path)


def test_meta_pkl_is_detected_never_loaded(tmp_path: Path) -> None:
    class Boom:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (_explode, ("meta.pkl was unpickled",))

    (tmp_path / "meta.pkl").write_bytes(pickle.dumps(Boom()))
    np.zeros(2, dtype=np.uint16).tofile(tmp_path / "train.bin")
    np.zeros(2, dtype=np.uint16).tofile(tmp_path / "val.bin")
    assert has_meta(tmp_path)
    assert sizes_from_data_dir(tmp_path) == (2, 2)


def _explode(message: str) -> None:
    raise AssertionError(message)


def test_data_dir_errors(tmp_path: Path) -> None:
    with pytest.raises(DataDirError, match="not a directory"):
        sizes_from_data_dir(tmp_path / "missing")
    np.zeros(4, dtype=np.uint16).tofile(tmp_path / "train.bin")
    with pytest.raises(DataDirError, match=r"val\.bin"):
        sizes_from_data_dir(tmp_path)
    (tmp_path / "val.bin").write_bytes(b"\x00\x00\x00")
    with pytest.raises(DataDirError, match="uint16"):
        sizes_from_data_dir(tmp_path)
