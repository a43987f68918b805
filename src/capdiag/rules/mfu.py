"""mfu: model-FLOPs utilisation recomputed from step times, against the run's own GPU."""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from capdiag.arithmetic.flops import NANOGPT_PROMISED_FLOPS
from capdiag.arithmetic.gpus import canonical_dtype
from capdiag.findings import Evidence, Finding, Fix, Severity, SkipRule
from capdiag.rules.base import Rule, half_precision_fix
from capdiag.run import Run
from capdiag.units import pct

# nanoGPT's A100-relative MFU can reach peak(fastest GPU) / 312 TFLOPS: a B200's 2.25 PF
NANOGPT_MAX_PRINTED = 7.5


class Mfu(Rule):
    """Model-FLOPs utilisation, recomputed and measured against the right GPU.

    nanoGPT prints ``mfu`` as achieved FLOP/s over an A100's 312 TFLOPS (bf16 dense),
    whatever GPU the run used, as a running average that starts after five iterations and
    includes iterations slowed by evaluation and checkpointing. capdiag recomputes it from
    the median time of steady iterations (leaving out each process's first five, and those
    that ran an eval or saved a checkpoint) with nanoGPT's FLOPs per token (PaLM appendix B:
    6N + 12·L·H·Q·T), and divides by the peak of the run's GPU at the run's precision
    (``--gpu NAME``, or a GPU named in the log). On a GeForce card the bf16 peak with FP32
    accumulation is half the headline FP16 figure, so an RTX 4070 peaks at 58.3 TFLOPS:
    a printed 11.5% there is 61.5% of the card. A GPU with no bfloat16 tensor cores (V100,
    T4) has no bfloat16 peak: a bfloat16 run there is measured against its float16 peak, the
    most it does at 16 bits, and the finding says so. A low true MFU is flagged with the changes
    that raise it: ``compile = True``, bf16 instead of fp32, and a larger micro-batch.

    **Anti-pattern**

    Reading ``mfu 11.50%`` on an RTX 4070 as "the GPU is 88% idle".

    **Best practice**

    ``capdiag analyze train.log --gpu "RTX 4070"``: 61.5% of the 4070's bf16 peak.

    Small models cannot fill a large GPU: their matrix products are too small and the
    launch overheads too large. What a run of N parameters can be expected to reach is
    scaled as ``low * min(1, sqrt(N / 100M))`` (about 0.25 for GPT-2 small, 0.08 for a
    10M model), and only below half of that is the MFU a warning; between half and the
    whole it is info ("modest"), so no single threshold flips a verdict. A recomputed
    MFU above 100% is impossible: it means an assumed input (world size, model shape, GPU)
    is wrong, and capdiag says which, never "healthy".

    A fork may change the peak its ``mfu`` divides by (an H100's 989 or 1,979 TFLOPS, or its
    own GPU's). Where the printed and recomputed figures disagree, every input is the run's
    own (shape, tokens per step, world size, step time) and the peak the print implies is
    within 3% of a known one, capdiag names that basis and uses its recomputed figure.

    Where the model's shape is not known but the log prints its own TFLOP/s per GPU
    (Megatron's "throughput per GPU (TFLOP/s/GPU)", torchtitan's ``tflops``) and the GPU is
    named (by the log or ``--gpu``), the MFU is that figure's median (the first tenth of the
    log left out: compilation and warm-up) over the GPU's peak, the training code's own FLOPs
    count taken as printed. What the model could reach needs its size: a log that prints no
    parameter count gets the figure, never a warning.

    Options: ``low`` (the MFU a 100M+ model should reach, default 0.25).
    """

    id = "mfu"
    code = "CD005"
    aliases: ClassVar[tuple[str, ...]] = ("model-flops-utilization",)
    severity = Severity.info
    config_keywords: ClassVar[dict[str, float]] = {"low": 0.25}

    def check(self, run: Run) -> list[Finding]:
        f = run.figures
        device = str(run.config.get("device", "cuda"))
        if device.startswith("cpu") or device.startswith("mps"):
            raise SkipRule(f"device = {device!r}: MFU against a GPU peak does not apply")
        impossible = self._impossible_printed(run)
        if impossible is not None:
            return [impossible]
        if f.mfu_a100 is None and f.printed_tflops is not None and f.mfu is not None:
            return [self._from_printed(run)]
        if f.step_time_s is None or f.mfu_a100 is None:
            raise SkipRule("no steady iteration times, or model size unknown")
        evidence = [
            Evidence(label="median step time (s)", value=round(f.step_time_s, 4)),
            Evidence(label="steady iterations", value=f.steady_iterations),
            Evidence(label="FLOPs per iteration", value=f.flops_per_iter),
            Evidence(
                label="MFU printed (running average, "
                + ("its own basis)" if f.mfu_printed_basis else "A100 basis)"),
                value=f.mfu_reported,
            ),
            Evidence(label="MFU recomputed (A100 basis)", value=round(f.mfu_a100, 4)),
        ]
        printed = f"printed {pct(f.mfu_reported)}, " if f.mfu_reported is not None else ""
        if f.mfu_printed_basis:
            basis = (
                f"This nanoGPT fork's mfu divides by {f.mfu_printed_basis} ({printed}"
                f"recomputed {pct(f.mfu_a100)} of an A100's "
                f"{NANOGPT_PROMISED_FLOPS / 1e12:.0f} TFLOPS from the median step time "
                f"{f.step_time_s * 1000:.0f} ms and the run's own figures)."
            )
        elif run.framework.startswith("nanoGPT"):
            basis = (
                f"nanoGPT's mfu divides by an A100's {NANOGPT_PROMISED_FLOPS / 1e12:.0f} TFLOPS "
                f"whatever GPU ran ({printed}recomputed {pct(f.mfu_a100)} on that basis from "
                f"the median step time {f.step_time_s * 1000:.0f} ms)."
            )
        else:
            basis = (
                f"Recomputed from the median step time {f.step_time_s * 1000:.0f} ms and "
                f"{f.flops_per_iter:.3g} FLOPs per step ({pct(f.mfu_a100)} of an A100's "
                f"{NANOGPT_PROMISED_FLOPS / 1e12:.0f} TFLOPS for reference)."
            )
        sentinel = run.metric("mfu_reported")
        printed_values = sentinel.values[np.isfinite(sentinel.values)] if sentinel else None
        if printed_values is not None and printed_values.size and printed_values.max() < -0.99:
            basis += (
                f" {run.framework} printed -100% because it has no peak for this GPU; the "
                "figure here is capdiag's."
            )
        if f.mfu is None or f.gpu_peak_flops is None:
            ask = (
                f" capdiag has no {f.peak_dtype} peak for the {run.gpu_name}: give it with "
                "--peak-tflops X."
                if run.gpu_name and run.gpu_source != "assumed"
                else " Pass --gpu NAME to get the utilisation of the GPU that ran."
            )
            return [
                self.finding(
                    "MFU is relative to an A100, not this run's GPU", basis + ask, evidence=evidence
                )
            ]
        evidence.append(
            Evidence(label=f"{run.gpu_name} peak FLOP/s ({f.peak_dtype})", value=f.gpu_peak_flops)
        )
        evidence.append(Evidence(label=f"MFU on {run.gpu_name}", value=round(f.mfu, 4)))
        true = (
            f" Against the {run.gpu_name}'s {f.gpu_peak_flops / 1e12:.1f} TFLOPS "
            f"({f.peak_dtype}, dense) the true MFU is {pct(f.mfu)}."
        ) + _emulated(run)
        if f.mfu > 1.0:
            return [
                self.finding(
                    f"Recomputed MFU of {pct(f.mfu)} is impossible: an assumption is wrong",
                    basis
                    + true
                    + " No run exceeds its GPU's peak, so an input is wrong: "
                    + "; ".join(run.assumed(["mfu"]) or [f.assumptions.get("mfu", "")])
                    + ".",
                    evidence=evidence,
                    rests_on=["mfu"],
                )
            ]
        nanogpt = run.framework.startswith("nanoGPT") and not f.mfu_printed_basis
        suffix = " (printed figure is A100-relative)" if nanogpt else ""
        return [self._judged(run, basis + true, evidence, f.n_params or 1e8, suffix)]

    def _judged(
        self,
        run: Run,
        text: str,
        evidence: list[Evidence],
        n_params: float,
        title_suffix: str = "",
        fixes: bool = True,
    ) -> Finding:
        """Healthy, modest or low: the MFU against what a model of `n_params` can reach."""
        f = run.figures
        assert f.mfu is not None
        expected = self.opt("low") * min(1.0, (n_params / 1e8) ** 0.5)
        evidence.append(Evidence(label="MFU expected for this model size", value=expected))
        # the size scales the verdict: an assumed count makes it information
        rests_on = ["mfu", "n_params"] if f.n_params else ["mfu"]
        if f.mfu >= expected:
            return self.finding(
                f"True MFU is {pct(f.mfu)} on {run.gpu_name}{title_suffix}",
                text + " That is healthy for a model of this size; throughput is "
                "not what limits this run.",
                evidence=evidence,
                rests_on=rests_on,
            )
        low = f.mfu < expected / 2
        size = (
            f" A model of {n_params / 1e6:.0f}M parameters can be expected to reach about "
            f"{pct(expected)}."
            if f.n_params or run.reported.n_params
            else ""
        )
        return self.finding(
            f"{'Low' if low else 'Modest'} MFU: {pct(f.mfu)} of the {run.gpu_name}'s peak",
            text
            + size
            + (
                " Most of the GPU's time is lost to overheads."
                if low
                else " Some throughput is left on the table."
            ),
            severity=Severity.warning if low else Severity.info,
            evidence=evidence,
            fixes=self._fixes(run) if low and fixes else [],
            impact=min(1.0, 1.0 - f.mfu / expected),
            impact_note="wall-clock time and cost, not the final loss",
            rests_on=rests_on,
        )

    def _from_printed(self, run: Run) -> Finding:
        """The log's own TFLOP/s per GPU against the GPU's peak: no model shape to recompute
        from, so the training code's FLOPs count is taken as printed."""
        f = run.figures
        assert f.printed_tflops is not None and f.mfu is not None and f.gpu_peak_flops
        evidence = [
            Evidence(
                label="printed TFLOP/s per GPU (median, first tenth left out)",
                value=round(f.printed_tflops, 1),
            ),
            Evidence(label=f"{run.gpu_name} peak FLOP/s ({f.peak_dtype})", value=f.gpu_peak_flops),
            Evidence(label=f"MFU on {run.gpu_name}", value=round(f.mfu, 4)),
        ]
        basis = (
            f"The log prints a median {f.printed_tflops:.1f} TFLOP/s per GPU (its own FLOPs "
            f"count); against the {run.gpu_name}'s {f.gpu_peak_flops / 1e12:.1f} TFLOPS "
            f"({f.peak_dtype}, dense) that is {pct(f.mfu)}." + _emulated(run)
        )
        if f.mfu > 1.0:
            return self.finding(
                f"Printed throughput is {pct(f.mfu)} of the GPU's peak: an assumption is wrong",
                basis + " No run exceeds its GPU's peak: " + f.assumptions.get("mfu", "") + ".",
                evidence=evidence,
                rests_on=["mfu"],
            )
        n_params = f.n_params or run.reported.n_params
        if not n_params:
            return self.finding(
                f"MFU is {pct(f.mfu)} of the {run.gpu_name}'s peak",
                basis + " The model's size is not known, so what it could reach is not said.",
                evidence=evidence,
                rests_on=["mfu"],
            )
        # the training code's FLOPs count, not capdiag's: no batch or compile fix follows
        return self._judged(run, basis, evidence, n_params, fixes=False)

    @staticmethod
    def _impossible_printed(run: Run) -> Finding | None:
        """A printed MFU above what any GPU allows: the run's own FLOPs accounting is wrong."""
        printed = run.metric("mfu_reported")
        if printed is None:
            return None
        values = printed.values[np.isfinite(printed.values)]
        # nanoGPT's figure is relative to an A100 and may pass 100% on faster GPUs; other
        # frameworks divide by the peak of the GPU they ran on
        limit = NANOGPT_MAX_PRINTED if run.framework.startswith("nanoGPT") else 1.0
        if values.size == 0 or float(np.median(values)) <= limit:
            return None
        median = float(np.median(values))
        return Mfu().finding(
            f"Printed MFU of {pct(median)} is impossible: the FLOPs accounting is wrong",
            f"The log prints a median MFU of {pct(median)} (largest {pct(float(values.max()))}). "
            "No GPU runs above its peak, so the training code's FLOPs per token or its peak "
            "FLOP/s is wrong (a model shape it does not understand, a custom layer counted "
            "many times, or a wrong peak for this GPU). Throughput figures from this log "
            "cannot be trusted until it is fixed.",
            severity=Severity.warning,
            evidence=[Evidence(label="printed MFU (median)", value=round(median, 4))],
            impact=0.3,
            impact_note="every efficiency figure the run prints is wrong",
        )

    def _fixes(self, run: Run) -> list[Fix]:
        from capdiag.arithmetic.planning import batch_options  # only for a fix: not at start-up

        fixes = []
        # only keys the run's framework has: Megatron or torchtitan have no `compile` flag
        if "compile" in run.config.values and not run.config.get("compile"):
            fixes.append(
                Fix(key="compile", value=True, current=False, reason="torch.compile fuses kernels")
            )
        if run.config.get("dtype") == "float32":
            bf16 = half_precision_fix(
                run, "float32", "tensor cores run bf16 several times faster than fp32"
            )
            if bf16 is not None:
                fixes.append(bf16)
        batch = run.config.number("batch_size")
        accumulates = "gradient_accumulation_steps" in run.config.values
        if (
            accumulates
            and run.dims is not None
            and run.figures.tokens_per_iter
            and batch
            and run.vram_bytes
        ):
            options = batch_options(
                run.dims,
                run.figures.tokens_per_iter,
                vram_bytes=run.vram_bytes,
                dtype=str(run.config.get("dtype", "bfloat16")),
                compile=bool(run.config.get("compile")),
                num_gpus=run.num_gpus,
            )
            best = next((o for o in options if o.fits), None)
            if best is not None and best.batch_size > batch:
                why = "a larger micro-batch gives larger matmuls; tokens per step unchanged"
                fixes.append(
                    Fix(key="batch_size", value=best.batch_size, current=int(batch), reason=why)
                )
                fixes.append(
                    Fix(
                        key="gradient_accumulation_steps",
                        value=best.gradient_accumulation_steps,
                        current=run.config.get("gradient_accumulation_steps"),
                        reason=why,
                    )
                )
        return fixes


def _emulated(run: Run) -> str:
    """What measuring a bfloat16 run against a float16 peak means."""
    f = run.figures
    # only the float16 stand-in for a missing bfloat16 peak (`_gpu_peak`): nanoGPT's float32
    # runs are measured against the TF32 peak by design, and say nothing here
    if f.peak_dtype != "float16" or f.dtype is None or canonical_dtype(f.dtype) != "bfloat16":
        return ""
    said = (
        f"{f.dtype} runs emulated there"
        if f.sources.get("dtype", "assumed") != "assumed"
        else f"if the run used {f.dtype} (assumed: the log does not say), it ran emulated"
    )
    return (
        f" The {run.gpu_name} has no {f.dtype} tensor cores, so the peak is its {f.peak_dtype} "
        f"one: {said}, and {f.peak_dtype} with a loss scaler would use the tensor cores."
    )
