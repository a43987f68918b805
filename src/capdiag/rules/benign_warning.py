"""benign-warning: known harmless warnings, explained."""

from __future__ import annotations

from typing import ClassVar

from capdiag.arithmetic.gpus import find_gpu
from capdiag.findings import Evidence, Finding, Severity
from capdiag.messages import find_message, strip_prefix
from capdiag.rules.base import Rule
from capdiag.run import Run

INDUCTOR_MIN_SMS = 68  # torch/_inductor/utils.py is_big_gpu


class BenignWarning(Rule):
    """A warning in the log that is known to be harmless.

    Logs are full of warnings, and users cannot tell the harmless ones from real faults.
    capdiag recognises known messages and explains them as info, with why nothing needs
    fixing, one finding per message with its count. ``Not enough SMs to use
    max_autotune_gemm`` means the GPU has fewer streaming multiprocessors than the 68
    inductor requires before it autotunes GEMM kernels; the default kernels are used
    instead. It says nothing about batch or model shapes. The others it knows: Python's
    deprecation categories (FutureWarning, DeprecationWarning, a UserWarning that says
    "deprecated"), renamed ``torch.cuda.amp`` APIs, ``torch.load``'s weights_only notice, a
    task head (classifier, pooler, score) that transformers initialises for a fine-tune
    (a causal LM's own ``lm_head`` is not harmless), checkpoint heads left unused (and the
    same two as rows of transformers 5's load report: a head MISSING, weights UNEXPECTED; a
    backbone weight MISSING is not harmless), TensorFlow's untraced functions on saving,
    ``use_cache`` turned off under gradient checkpointing, dataset columns the model's
    forward() does not take, DataParallel's scalar gather, TF32 left off, torchrun's
    OMP_NUM_THREADS notice, DeepSpeed's optional-kernel checks, the tokenizers fork notice,
    the Hub's rate-limit notice, GradScaler disabled on a CPU, nanoGPT's slow-attention
    fallback, more DataLoader workers than CPUs, the scheduler stepped before the optimizer,
    a pretrained classifier left out (MMDetection's fc, YOLOX's class head), Megatron's fresh
    start, NNPACK on an unsupported CPU, torch.distributed's barrier device guess, dropout on
    a one-layer RNN, Keras' input_shape, a missing Colab secret, Lightning's default
    max_epochs, Dynamo's untraceable builtins, TensorFlow 1's checkpoint notices,
    PaddlePaddle's device note and its top-k above the class count, W&B's image sizes,
    duplicate optimizer parameters, maskrcnn-benchmark's out-of-memory reminder, fairseq's
    fp16 and skipped-sample notices, and ptxas register spills. The rule only explains: it
    never warns (``info_only``).

    **Anti-pattern**

    Changing batch sizes or reinstalling PyTorch because of
    ``Not enough SMs to use max_autotune_gemm mode``.

    **Best practice**

    Ignore it: an RTX 4070 has 46 SMs; autotuning is for data-centre GPUs.
    """

    id = "benign-warning"
    code = "CD007"
    aliases: ClassVar[tuple[str, ...]] = ("harmless-warning",)
    severity = Severity.info
    info_only = True

    def check(self, run: Run) -> list[Finding]:
        seen: dict[str, list[int]] = {}
        for event in run.events:
            if event.code:
                message = find_message(event.code)
                if message is not None and message.benign:
                    seen.setdefault(event.code, []).append(event.line)
        findings = []
        for code, lines in seen.items():
            message = find_message(code)
            assert message is not None
            text = next(e.text for e in run.events if e.line == lines[0])
            explanation = message.explanation
            if code == "inductor-not-enough-sms" and run.gpu_name:
                spec = find_gpu(run.gpu_name)
                if spec is not None and spec.sms:
                    explanation += (
                        f" The {spec.name} has {spec.sms} SMs (inductor wants {INDUCTOR_MIN_SMS})."
                    )
            findings.append(
                self.finding(
                    f"Harmless: {strip_prefix(text)[:90]}",
                    explanation,
                    evidence=[
                        Evidence(label="first seen", value=text, line=lines[0]),
                        Evidence(label="occurrences", value=len(lines)),
                    ],
                )
            )
        return findings
