"""Tests for the GPU spec table (src/capdiag/data/gpus.csv) and GPU-name matching."""

from __future__ import annotations

import pytest

from capdiag.arithmetic.gpus import A100_PEAK_FLOPS, GPUSpec, all_gpus, find_gpu, find_gpu_in_text


def _name(spec: GPUSpec | None) -> str | None:
    return spec.name if spec is not None else None


def _by_name(name: str) -> GPUSpec:
    matches = [g for g in all_gpus() if g.name == name]
    assert len(matches) == 1, name
    return matches[0]


# --- the table -------------------------------------------------------------------------------

REQUIRED = [
    "V100 SXM2 16GB",
    "V100 PCIe 16GB",
    "T4",
    "A10",
    "A10G",
    "A100 SXM4 40GB",
    "A100 SXM4 80GB",
    "A100 PCIe 40GB",
    "A100 PCIe 80GB",
    "RTX A6000",
    "L4",
    "L40",
    "L40S",
    "RTX 6000 Ada",
    "H100 SXM",
    "H100 PCIe",
    "H100 NVL",
    "H200",
    "B200",
    "RTX 3060",
    "RTX 3060 Ti",
    "RTX 3070",
    "RTX 3070 Ti",
    "RTX 3080",
    "RTX 3080 Ti",
    "RTX 3090",
    "RTX 3090 Ti",
    "RTX 4060",
    "RTX 4060 Ti",
    "RTX 4070",
    "RTX 4070 Super",
    "RTX 4070 Ti",
    "RTX 4070 Ti Super",
    "RTX 4080",
    "RTX 4080 Super",
    "RTX 4090",
    "RTX 5070",
    "RTX 5070 Ti",
    "RTX 5080",
    "RTX 5090",
    "MI250X",
    "MI300X",
]


@pytest.mark.parametrize("name", REQUIRED)
def test_required_gpu_present(name: str) -> None:
    _by_name(name)


def test_names_unique() -> None:
    names = [g.name for g in all_gpus()]
    assert len(names) == len(set(names))


def test_no_two_rows_claim_the_same_device_name() -> None:
    seen: dict[str, str] = {}
    for gpu in all_gpus():
        assert gpu.device_names, gpu.name
        for device_name in gpu.device_names:
            assert device_name not in seen, (device_name, seen.get(device_name), gpu.name)
            seen[device_name] = gpu.name


def test_no_two_rows_share_a_spelling() -> None:
    """Names, device names and aliases are unambiguous across rows (case-insensitive)."""
    seen: dict[str, str] = {}
    for gpu in all_gpus():
        for spelling in {s.lower() for s in (gpu.name, *gpu.device_names, *gpu.aliases)}:
            assert spelling not in seen or seen[spelling] == gpu.name, (spelling, gpu.name)
            seen[spelling] = gpu.name


@pytest.mark.parametrize("gpu", all_gpus(), ids=lambda g: g.name)
def test_row_has_source_and_positive_16bit_peak(gpu: GPUSpec) -> None:
    assert gpu.source.strip()
    assert gpu.vendor in {"NVIDIA", "AMD"}
    sixteen_bit = [gpu.peak_tflops.get("bfloat16"), gpu.peak_tflops.get("float16")]
    assert any(p is not None and p > 0 for p in sixteen_bit)
    assert all(v > 0 for v in gpu.peak_tflops.values())
    assert set(gpu.peak_tflops) <= {"bfloat16", "float16", "tf32", "float32", "fp8"}
    assert gpu.sms is not None and gpu.sms > 0
    # Dense values: no single GPU here exceeds B200's 2.25 PFLOPS dense bf16.
    assert max(p or 0.0 for p in sixteen_bit) <= 2250


@pytest.mark.parametrize("gpu", all_gpus(), ids=lambda g: g.name)
def test_tensor_rates_are_consistent(gpu: GPUSpec) -> None:
    p = gpu.peak_tflops
    if "bfloat16" in p and "float16" in p:
        assert p["bfloat16"] == p["float16"]
    if "tf32" in p and "bfloat16" in p:
        assert p["tf32"] == pytest.approx(p["bfloat16"] / 2, rel=0.03)
    if "fp8" in p and "bfloat16" in p:
        assert p["fp8"] == pytest.approx(p["bfloat16"] * 2, rel=0.03)
    assert p["float32"] <= max(p.get("bfloat16", 0.0), p.get("float16", 0.0))


@pytest.mark.parametrize(
    "gpu",
    [g for g in all_gpus() if any("GeForce" in d for d in g.device_names)],
    ids=lambda g: g.name,
)
def test_geforce_rows_are_half_rate(gpu: GPUSpec) -> None:
    assert gpu.fp32acc_half_rate
    # FP32-accumulate tensor rate = 512 FLOP/clk/SM on GA10x/AD10x/GB20x GeForce, the non-tensor
    # FP32 rate is 256: bf16 is exactly twice fp32 and TF32 runs at the FP32 rate.
    assert gpu.peak_tflops["bfloat16"] == pytest.approx(2 * gpu.peak_tflops["float32"], abs=0.15)
    assert gpu.peak_tflops["tf32"] == gpu.peak_tflops["float32"]


@pytest.mark.parametrize("name", ["A10G", "L40"])
def test_other_half_rate_parts(name: str) -> None:
    assert _by_name(name).fp32acc_half_rate


@pytest.mark.parametrize("name", ["A100 SXM4 80GB", "H100 SXM", "L40S", "RTX A6000", "A10"])
def test_full_rate_parts(name: str) -> None:
    assert not _by_name(name).fp32acc_half_rate


def test_rtx_4070_figures() -> None:
    gpu = _by_name("RTX 4070")
    assert gpu.peak_tflops["bfloat16"] == 58.3
    assert gpu.peak_flops("bf16") == pytest.approx(58.3e12)
    assert gpu.mem_gb == 12
    assert gpu.sms == 46
    assert gpu.fp32acc_half_rate
    assert gpu.device_names == ("NVIDIA GeForce RTX 4070",)
    # derived figure: 46 SMs x 512 FLOP/clk x 2.475 GHz
    derived_flops = 46 * 512 * 2.475e9
    assert derived_flops == pytest.approx(58.3e12, rel=1e-3)
    # nanoGPT's printed MFU on a 4070 is a fraction of an A100: x5.35 to get true MFU
    peak = gpu.peak_flops("bf16")
    assert peak is not None
    assert A100_PEAK_FLOPS / peak == pytest.approx(5.35, abs=0.01)


@pytest.mark.parametrize(
    "name", ["A100 SXM4 40GB", "A100 SXM4 80GB", "A100 PCIe 40GB", "A100 PCIe 80GB"]
)
def test_a100_figures(name: str) -> None:
    gpu = _by_name(name)
    assert gpu.peak_flops("bfloat16") == A100_PEAK_FLOPS == 312e12
    assert gpu.peak_tflops["tf32"] == 156
    assert gpu.peak_tflops["float32"] == 19.5
    assert gpu.sms == 108


def test_spot_figures() -> None:
    assert _by_name("RTX 4090").peak_tflops["bfloat16"] == 165.2
    assert _by_name("RTX 3090").peak_tflops["bfloat16"] == 71.2
    assert _by_name("RTX 5090").peak_tflops["bfloat16"] == 209.5
    assert _by_name("H100 SXM").peak_tflops["bfloat16"] == 989.4
    assert _by_name("H100 PCIe").peak_tflops["bfloat16"] == 756
    assert _by_name("H100 NVL").peak_tflops["bfloat16"] == 835.5
    assert _by_name("L40").peak_tflops["bfloat16"] == 181.05
    assert _by_name("L40S").peak_tflops["bfloat16"] == 362.05
    assert _by_name("MI250X").peak_tflops["bfloat16"] == 191.5  # per GCD = per torch device
    assert _by_name("T4").peak_tflops["float16"] == 65


def test_peak_flops_dtype_spellings() -> None:
    gpu = _by_name("H100 SXM")
    for dtype in ("bf16", "bfloat16", "torch.bfloat16", "BF16"):
        assert gpu.peak_flops(dtype) == pytest.approx(989.4e12)
    for dtype in ("fp16", "float16", "half"):
        assert gpu.peak_flops(dtype) == pytest.approx(989.4e12)
    for dtype in ("fp32", "float32"):
        assert gpu.peak_flops(dtype) == pytest.approx(66.9e12)
    assert gpu.peak_flops("tf32") == pytest.approx(494.7e12)
    assert gpu.peak_flops("fp8") == pytest.approx(1978.9e12)
    assert gpu.peak_flops("int4") is None


def test_unsupported_dtype_is_none() -> None:
    v100 = _by_name("V100 SXM2 16GB")
    assert v100.peak_flops("bf16") is None
    assert v100.peak_flops("tf32") is None
    assert v100.peak_flops("fp16") == pytest.approx(125e12)
    assert _by_name("A100 SXM4 80GB").peak_flops("fp8") is None


def test_all_gpus_cached_and_copied() -> None:
    first, second = all_gpus(), all_gpus()
    assert first == second and first is not second
    assert all(a is b for a, b in zip(first, second, strict=True))
    first.clear()
    assert all_gpus()


def test_spec_is_frozen() -> None:
    gpu = _by_name("T4")
    with pytest.raises(ValueError):
        gpu.name = "other"  # type: ignore[misc]


# --- matching --------------------------------------------------------------------------------

SPELLINGS = [
    ("NVIDIA GeForce RTX 4070", "RTX 4070"),
    ("GeForce RTX 4070", "RTX 4070"),
    ("rtx4070", "RTX 4070"),
    ("RTX 4070", "RTX 4070"),
    ("4070", "RTX 4070"),
    ("RTX 4070 Ti", "RTX 4070 Ti"),
    ("rtx4070ti", "RTX 4070 Ti"),
    ("4070 ti super", "RTX 4070 Ti Super"),
    ("NVIDIA GeForce RTX 4070 Ti SUPER", "RTX 4070 Ti Super"),
    ("NVIDIA GeForce RTX 4070 SUPER", "RTX 4070 Super"),
    ("4070S", "RTX 4070 Super"),
    ("GeForce RTX 3090", "RTX 3090"),  # old-driver name without the NVIDIA prefix
    ("NVIDIA GeForce RTX 3090 Ti", "RTX 3090 Ti"),
    ("rtx 5090", "RTX 5090"),
    ("h100 sxm", "H100 SXM"),
    ("H100 SXM5", "H100 SXM"),
    ("NVIDIA H100 80GB HBM3", "H100 SXM"),
    ("h100", "H100 SXM"),
    ("NVIDIA H100 PCIe", "H100 PCIe"),
    ("H100 NVL", "H100 NVL"),
    ("NVIDIA H100 NVL", "H100 NVL"),
    ("NVIDIA H200", "H200"),
    ("NVIDIA B200", "B200"),
    ("NVIDIA A100-SXM4-40GB", "A100 SXM4 40GB"),
    ("A100-SXM4-40GB", "A100 SXM4 40GB"),
    ("A100-SXM4-80GB", "A100 SXM4 80GB"),
    ("NVIDIA A100 80GB PCIe", "A100 PCIe 80GB"),
    ("NVIDIA A100-PCIE-40GB", "A100 PCIe 40GB"),
    ("a100", "A100 SXM4 80GB"),
    ("A100", "A100 SXM4 80GB"),
    ("a100 40gb", "A100 SXM4 40GB"),
    ("A100 80 GB", "A100 SXM4 80GB"),
    ("a100 pcie", "A100 PCIe 80GB"),
    ("A100 40GB PCIe", "A100 PCIe 40GB"),
    ("Tesla V100-SXM2-16GB", "V100 SXM2 16GB"),
    ("Tesla V100-SXM2-32GB", "V100 SXM2 32GB"),
    ("Tesla V100-PCIE-16GB", "V100 PCIe 16GB"),
    ("v100", "V100 SXM2 16GB"),
    ("Tesla T4", "T4"),
    ("NVIDIA L4", "L4"),
    ("NVIDIA L40", "L40"),
    ("NVIDIA L40S", "L40S"),
    ("l40s", "L40S"),
    ("NVIDIA RTX 6000 Ada Generation", "RTX 6000 Ada"),
    ("rtx 6000 ada", "RTX 6000 Ada"),
    ("NVIDIA RTX A6000", "RTX A6000"),
    ("A6000", "RTX A6000"),
    ("A10", "A10"),
    ("NVIDIA A10", "A10"),
    ("A10G", "A10G"),
    ("NVIDIA A10G", "A10G"),
    ("AMD Instinct MI300X", "MI300X"),
    ("mi300x", "MI300X"),
    ("mi250x", "MI250X"),
    ("AMD Instinct MI250X/MI250", "MI250X"),
    ("NVIDIA A100 80GB PCIe MIG 1g.10gb", "A100 PCIe 80GB"),
    ("NVIDIA A100-SXM4-40GB MIG 3g.20gb", "A100 SXM4 40GB"),
    ("NVIDIA H100 80GB HBM3 MIG 1g.10gb", "H100 SXM"),
    ("NVIDIA GH200 480GB", "GH200 96GB"),
    ("NVIDIA GH200 144G HBM3e", "GH200 144GB"),
]


@pytest.mark.parametrize(("text", "expected"), SPELLINGS)
def test_find_gpu_spellings(text: str, expected: str) -> None:
    assert _name(find_gpu(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "cpu",
        "NVIDIA GeForce GTX 1080 Ti",
        "NVIDIA GeForce RTX 2080 Ti",
        "NVIDIA GeForce RTX 4070 Laptop GPU",  # 36 SMs, not the desktop card
        "NVIDIA GeForce RTX 3080 Ti Laptop GPU",
        "NVIDIA GeForce RTX 4090 D",  # China variant, fewer SMs
        "NVIDIA H200 NVL",  # not in the table; must not fall back to the SXM H200
        "NVIDIA H800 80GB HBM3",
        "Tesla V100S-PCIE-32GB",
        "NVIDIA A800-SXM4-80GB",
        "Quadro RTX 6000",
        "NVIDIA GB200",
        "AMD Instinct MI325X",
        "Apple M2",
        "1234",
    ],
)
def test_find_gpu_unknown(text: str) -> None:
    assert find_gpu(text) is None


def test_substring_traps() -> None:
    assert _name(find_gpu("NVIDIA L4")) == "L4"
    assert _name(find_gpu("NVIDIA L40")) == "L40"
    assert _name(find_gpu("NVIDIA L40S")) == "L40S"
    assert _name(find_gpu("A10")) == "A10"
    assert _name(find_gpu("A10G")) == "A10G"
    assert _name(find_gpu("A100")) == "A100 SXM4 80GB"
    assert _name(find_gpu("RTX 4070 Ti")) != "RTX 4070"
    assert _name(find_gpu("RTX 4080 Super")) == "RTX 4080 Super"
    assert _name(find_gpu("RTX 4080")) == "RTX 4080"
    assert _name(find_gpu("RTX 5070 Ti")) == "RTX 5070 Ti"
    assert _name(find_gpu("RTX 5070")) == "RTX 5070"


@pytest.mark.parametrize("gpu", all_gpus(), ids=lambda g: g.name)
def test_every_spelling_round_trips(gpu: GPUSpec) -> None:
    for spelling in (gpu.name, *gpu.device_names, *gpu.aliases):
        assert _name(find_gpu(spelling)) == gpu.name, spelling
        assert _name(find_gpu(spelling.upper())) == gpu.name, spelling


@pytest.mark.parametrize("gpu", all_gpus(), ids=lambda g: g.name)
def test_every_device_name_found_in_a_log_line(gpu: GPUSpec) -> None:
    for device_name in gpu.device_names:
        for line in (
            f"Using device: {device_name}",
            f"GPU 0: {device_name} (UUID: GPU-1234abcd)",
            f"[rank0] device={device_name!r}, capability=(8, 9), 4070 steps",
        ):
            assert _name(find_gpu_in_text(line)) == gpu.name, line


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Using device: NVIDIA GeForce RTX 4070", "RTX 4070"),
        ("GPU: NVIDIA H100 80GB HBM3", "H100 SXM"),
        ("found GPU NVIDIA GeForce RTX 4070 Ti with 12 GB", "RTX 4070 Ti"),
        ("torch.cuda.get_device_name() = 'NVIDIA L40S'", "L40S"),
        ("running on 8x A100-SXM4-40GB", "A100 SXM4 40GB"),
        ("| 0 NVIDIA A100 80GB PCIe MIG 1g.10gb | 14 SMs", "A100 PCIe 80GB"),
        ("device: cuda:0 (Tesla T4)", "T4"),
        ("trained on an RTX 3090 for 2 days", "RTX 3090"),
        ("HIP device 0: AMD Instinct MI300X", "MI300X"),
    ],
)
def test_find_gpu_in_text(line: str, expected: str) -> None:
    assert _name(find_gpu_in_text(line)) == expected


@pytest.mark.parametrize(
    "line",
    [
        "step 4070: loss 3.2105, time 3090.11ms, mfu 12.5%",
        "iter 4090 loss 1.0 lr 5070",
        "batch_size 3060 block_size 1024",
        "tokens per iteration will be: 491,520",
        "number of parameters: 123.59M",
        "compiling the model... (takes a ~minute)",
        "Using device: NVIDIA GeForce RTX 4070 Laptop GPU",
        "",
    ],
)
def test_find_gpu_in_text_ignores_unrelated_numbers(line: str) -> None:
    assert find_gpu_in_text(line) is None
