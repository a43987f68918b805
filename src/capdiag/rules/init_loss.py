"""init-loss: the first loss against the loss of a uniform prediction, ln(vocab_size)."""

from __future__ import annotations

import math
from typing import ClassVar

import numpy as np

from capdiag.findings import Evidence, Finding, Severity, SkipRule
from capdiag.rules.base import Rule
from capdiag.run import LM_TRAINERS, Run


class InitLoss(Rule):
    """The loss before training is far from ln(vocab_size).

    A freshly initialised language model predicts nearly uniformly over its vocabulary, so
    its first loss is close to ln(V): 10.83 for nanoGPT's padded GPT-2 vocabulary (50304),
    4.17 for shakespeare_char (65). Checking it is the first step of Karpathy's "A Recipe for
    Training Neural Networks" (2019, "verify loss @ init"). Far above it, the initial
    logits are too large (a wrong init scale) or the vocabulary does not match the data;
    far below, the model already "knows" the targets: labels leaking into the inputs (a
    missing shift; with a tied head, copying the input token scores high at init) or
    weights that were not fresh. capdiag reads the first evaluation at step 0 (eval mode)
    or else the first logged loss, and only for runs that start from scratch.

    A small gap is normal: with a tied head the model favours repeating the current token
    at init, which lowers the first loss on text with many repeats (measured: 4.32 vs
    ln(96) = 4.56 on a real nanoGPT run over Python source, whose indentation repeats).

    **Anti-pattern**

    ``step 0: train loss 35.2`` with a 50304-token vocabulary (expected about 10.8).

    **Best practice**

    ``step 0: train loss 10.95, val loss 10.95`` for GPT-2's vocabulary.

    A fine-tune is the other way round: it starts from a model that already predicts its
    text well, so its first loss (the first logged value, even a window mean) should sit
    far below ln(V). One within ``fine_tune_margin`` nats of ln(V), or above it, means the
    pretrained weights did not act.

    Where the vocabulary is not stated, a language model's first loss above ln(2^20) plus
    ``max_excess`` is too high whatever the vocabulary: no real tokenizer is larger. A
    language model is a language-model trainer's format, or any log that counts the tokens
    it trained on (measured: a CS336 TinyStories JSONL log starting at 16.4 nats; other
    losses, such as a CTC sum or a detection total, can start far higher and are not judged).

    A first loss that is NaN or infinite is divergence's finding (a forward pass broken
    before any update), not reported twice, when the run trained on; when it logged no
    training step at all (an evaluation at step 0, then a crash), nothing diverged, and it is
    this rule's (an error).

    Options: ``max_excess`` (nats above ln V that fire, default 1.0), ``max_deficit`` (nats
    below, default 1.0), ``fine_tune_margin`` (default 1.0).
    """

    id = "init-loss"
    code = "CD013"
    severity = Severity.warning
    config_keywords: ClassVar[dict[str, float]] = {
        "max_excess": 1.0,
        "max_deficit": 1.0,
        "fine_tune_margin": 1.0,
    }

    def check(self, run: Run) -> list[Finding]:
        if run.fine_tune:
            return self._fine_tune(run)
        vocab = run.dims.vocab_size if run.dims is not None else None
        if vocab is None and run.fine_tune is False:
            vocab = run.reported.vocab_size  # the log states it, and a fresh start
        if vocab is None:
            return self._no_vocabulary(run)
        if str(run.config.get("init_from", "scratch")) != "scratch":
            raise SkipRule("the run starts from existing weights")
        if run.segments and run.segments[0].resumed:
            raise SkipRule("the log starts with a resumed run")
        first, where = self._first_loss(run)
        expected = math.log(vocab)
        if not math.isfinite(first[1]):
            if run.metric("train_loss") is None:
                return [self._not_finite(first, where)]  # the run never logged a step
            # one fact, one finding: divergence reports a forward pass broken before any update
            raise SkipRule("the loss before any update is not finite (see divergence)")
        gap = first[1] - expected
        if -self.opt("max_deficit") <= gap <= self.opt("max_excess"):
            return []
        evidence = [
            Evidence(label=f"first loss ({where})", value=first[1], step=first[0]),
            Evidence(label=f"ln(vocab_size = {vocab})", value=round(expected, 4)),
        ]
        # above ln of any plausible vocabulary (2^20 tokens) the finding holds whatever the
        # vocabulary is, so it does not rest on the assumed one
        vocab_free = first[1] > math.log(1 << 20) + self.opt("max_excess")
        if gap > 0:
            return [
                self.finding(
                    f"Initial loss {first[1]:.2f} is {gap:.2f} nats above ln(V) = {expected:.2f}",
                    f"Before training the loss should be close to ln({vocab}) = "
                    f"{expected:.2f}, the loss of a uniform prediction; it is {first[1]:.4f}. The "
                    "initial logits are too large (check the weight init scale, e.g. std 0.02 "
                    "as in GPT-2, and any logit scaling) or the vocabulary size does not match "
                    "the tokenizer. The first steps are spent undoing the init.",
                    evidence=evidence,
                    impact=0.5,
                    impact_note="early steps wasted; a badly scaled init can stall training",
                    rests_on=[] if vocab_free else ["vocab_size"],
                )
            ]
        return [
            self.finding(
                f"Initial loss {first[1]:.2f} is {-gap:.2f} nats below ln(V) = {expected:.2f}",
                f"An untrained model cannot beat a uniform prediction by {-gap:.2f} nats: "
                f"{first[1]:.4f} against ln({vocab}) = {expected:.2f}. The targets "
                "are probably visible in the inputs (labels not shifted by one token, or the "
                "same tensor used for both), or the weights were not freshly initialised.",
                severity=Severity.error,
                evidence=evidence,
                impact=0.9,
                impact_note="a model that sees its labels learns nothing useful",
                rests_on=["vocab_size"],
            )
        ]

    def _not_finite(self, first: tuple[int, float], where: str) -> Finding:
        """A loss that is NaN or inf before any update, in a run that logged no step."""
        return self.finding(
            f"The loss before any update is {first[1]}: the forward pass is broken",
            f"The first loss ({where}, step {first[0]}) is {first[1]}, before any weight "
            "changed, and the run logged no training step after it. An untrained model's loss "
            "is about ln(V); a non-finite one means the forward pass itself overflows or divides "
            "by zero: inputs with NaN/inf or token ids >= vocab_size, a mask that blocks every "
            "position, float16 overflow (try float32 or bfloat16 once), or a kernel that "
            "computed garbage (a library or driver fault often fails next, as here).",
            severity=Severity.error,
            evidence=[Evidence(label=f"first loss ({where})", value=str(first[1]), step=first[0])],
            impact=1.0,
            impact_note="nothing can be learned from a broken forward pass",
        )

    def _no_vocabulary(self, run: Run) -> list[Finding]:
        """A language-model trainer whose vocabulary the log does not state: a first loss
        above ln of any real vocabulary (2^20 tokens) is too high whatever it is."""
        # a language-model trainer's format, or a log that counts the tokens it trained on
        if run.format not in LM_TRAINERS and run.source_of("tokens_seen") != "log":
            raise SkipRule("vocabulary size unknown")
        (step, first), where = self._first_loss(run)
        bound = math.log(1 << 20)
        if not first > bound + self.opt("max_excess"):
            raise SkipRule("vocabulary size unknown, and the first loss is below ln(2^20)")
        return [
            self.finding(
                f"Initial loss {first:.2f} is above ln(V) for any vocabulary",
                f"Before training a language model's loss is close to ln(V), the loss of a "
                f"uniform prediction, and no real tokenizer has more than 2^20 tokens "
                f"(ln = {bound:.2f}); the first loss ({where}) is {first:.4f}. The initial "
                "logits are too large (check the weight init scale, e.g. std 0.02 as in "
                "GPT-2, and any logit scaling or soft-capping). The first steps are spent "
                "undoing the init.",
                evidence=[
                    Evidence(label=f"first loss ({where})", value=first, step=step),
                    Evidence(label="ln(2^20)", value=round(bound, 4)),
                ],
                impact=0.5,
                impact_note="early steps wasted; a badly scaled init can stall training",
            )
        ]

    def _fine_tune(self, run: Run) -> list[Finding]:
        """A fine-tune starts from a model that already predicts its text far better than
        uniform: a first loss near or above ln(V) means the pretrained weights did not act."""
        vocab = run.vocab_size
        if not vocab:
            raise SkipRule("a fine-tune, and its vocabulary size is unknown")
        firsts = [
            (int(s.steps[0]), float(s.values[0]), name)
            for name in ("train_loss", "val_loss")
            if (s := run.metric(name)) is not None and np.isfinite(s.values[0])
        ]
        if not firsts:
            raise SkipRule("no finite loss")
        step, first, name = min(firsts)
        expected = math.log(vocab)
        if first < expected - self.opt("fine_tune_margin"):
            return []
        base = run.base_model or "a pretrained model"
        return [
            self.finding(
                f"Fine-tune starts at loss {first:.2f}, no better than an untrained model "
                f"(ln V = {expected:.2f})",
                f"The run fine-tunes {base}, which should predict its text far better than a "
                f"uniform guess over {vocab:,} tokens (ln V = {expected:.2f}); a pretrained "
                f"language model usually starts a fine-tune at 1-4 nats. The first logged "
                f"{name.replace('_', ' ')} is {first:.4f} (step {step}). The pretrained weights "
                "did not act: they were not loaded (a wrong path, a randomly initialised head "
                "or resized embeddings), the labels do not match the inputs (a wrong chat "
                "template or padding counted as targets), or the logged loss is scaled (summed "
                "over gradient-accumulation steps).",
                evidence=[
                    Evidence(label=f"first {name.replace('_', ' ')}", value=first, step=step),
                    Evidence(label=f"ln(vocab_size = {vocab})", value=round(expected, 4)),
                ],
                impact=0.7,
                impact_note="a fine-tune that does not start from its pretrained model "
                "wastes the pretraining",
                rests_on=["vocab_size"],
            )
        ]

    def _first_loss(self, run: Run) -> tuple[tuple[int, float], str]:
        found = run.loss_before_any_update()
        if found is not None:
            step, value, where = found
            return (step, value), where
        raise SkipRule("no loss measured before the first update")
