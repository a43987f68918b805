"""tokens-per-step: the batch a comment claims, and the batch that really ran."""

from __future__ import annotations

import math
import re
from typing import ClassVar

import numpy as np

from capdiag.findings import Evidence, Finding, Fix, Severity, SkipRule
from capdiag.rules.base import Rule
from capdiag.run import Comment, Run
from capdiag.units import human_count

_NUMBER = re.compile(
    r"(?P<approx>~|≈|about )?(?<![\w.,])(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s?"
    r"(?P<unit>[KkMm])?(?![\w.])"
)
_BATCH_WORDS = re.compile(
    r"batch|per (optimi[sz]er )?(step|iter|iteration|update)|/\s?(step|iter)|प्रति स्टेप|за шаг|每步",
    re.I,
)
_PARAM_WORDS = re.compile(r"param|पैरामीटर|параметр|参数", re.I)
_UNIT = {"k": 1e3, "m": 1e6}
# the assertions llm.c, build-nanogpt and nanoGPT stop with when the batch does not split
_BATCH_ASSERT = re.compile(
    r"assert(?:ion)?\W*.*(total_batch_size %|gradient_accumulation_steps %)", re.I
)
# llm.c's flags on a command line the log echoes: -b micro-batch, -t sequence, -d total
_LLMC_FLAG = re.compile(r"(?:^|\s)-([btd])\s+(\d{1,12})(?=\s|$)")


def find_batch_claims(comments: list[tuple[int, str]]) -> list[tuple[int, float, str]]:
    """(line, tokens, text) for comments that state a tokens-per-step figure.

    The figure is the last number of the comment that is a size ('~0.5M') or a count of at
    least 1,000 ('= 491,520'), in a comment about tokens or batch size, not parameters.
    """
    claims = []
    for line, text in comments:
        if not _BATCH_WORDS.search(text) or _PARAM_WORDS.search(text):
            continue
        best: tuple[float, str] | None = None
        for m in _NUMBER.finditer(text):
            value = float(m.group("num").replace(",", ""))
            if m.group("unit"):
                value *= _UNIT[m.group("unit").lower()]
            elif "," not in m.group("num"):
                continue
            if value >= 1000:
                best = (value, m.group(0).strip())
        if best is not None:
            claims.append((line, best[0], best[1]))
    return claims


def _claim_text(comment: Comment) -> str:
    """A comment's text for the claims; one after a batch key's value that speaks of tokens
    (``total_batch_size: 5242888 # 0.5M tokens approximately``) is about the batch."""
    key = (comment.key or "").rsplit(".", 1)[-1].lower()
    if comment.inline and "batch" in key and "token" in comment.text.lower():
        return f"{comment.key}: {comment.text}"
    return comment.text


def _llmc_flags(texts: list[str]) -> dict[str, int]:
    """llm.c's -b, -t and -d from the first line that holds all three."""
    for text in texts:
        flags = {k: int(v) for k, v in _LLMC_FLAG.findall(text)}
        if {"b", "t", "d"} <= flags.keys():
            return flags
    return {}


class TokensPerStep(Rule):
    """The tokens per optimizer step differ from what the config claims, or cannot run.

    nanoGPT's tokens per step are ``batch_size × gradient_accumulation_steps × block_size``:
    its config states the accumulation for all GPUs together and ``train.py`` divides it by
    the world size (asserting that it divides evenly), so the total does not change with
    the number of GPUs. A comment such as ``# ~0.5M tokens per step`` or ``# total batch
    size ~0.5M`` records the intended batch, as does a comment about tokens after a batch
    key's value (``total_batch_size: 5242888 # 0.5M tokens approximately``, in a YAML or
    Python config; a comment above the key is not about it); capdiag compares it with what
    the log printed (``tokens per iteration will be: N``). It also reports a gradient
    accumulation that does not divide by ``--num-gpus`` (nanoGPT stops with an
    AssertionError), a run that stopped at such an assertion (llm.c's and build-nanogpt's
    ``total_batch_size % ...``, with the numbers from an llm.c command line the log
    echoes), and a tiny batch for
    a large model (GPT-2 and GPT-3 train with about 0.5M tokens per step; far smaller
    batches make gradients noisy, McCandlish et al. 2018, "An Empirical Model of Large-Batch
    Training"); the tiny batch is info, since on the real-run corpus every one was deliberate.
    A global batch the log states per step (Megatron's ``global batch size``) that falls
    during the run is a warning: batch schedules only grow it (measured: of the 52 corpus
    runs that log it, one grows it by its ramp-up, 176 to 192, and one falls from 32 to 8
    after an in-loop evaluation, labelled).

    **Anti-pattern**

    .. code-block:: python

        # ~0.5M tokens per step
        batch_size = 12
        block_size = 1024
        gradient_accumulation_steps = 5   # 61,440 tokens: the "* 8 GPUs" was dropped

    **Best practice**

    .. code-block:: python

        # 12 batch * 1024 block * 40 grad accum = 491,520 (~0.5M), on any number of GPUs
        gradient_accumulation_steps = 5 * 8

    Options: ``tolerance`` (relative gap accepted, default 0.1), ``tiny_tokens`` (tokens per
    step below which a large model is warned, default 32768), ``large_model`` (parameters
    above which that applies, default 5e7).
    """

    def _batch_assertion(self, run: Run) -> Finding | None:
        """The run stopped at the framework's check that the batch splits evenly."""
        hit = next(
            (
                e
                for e in run.events
                if e.kind in ("crash", "error") and _BATCH_ASSERT.search(e.text)
            ),
            None,
        )
        if hit is None:
            return None
        detail = ""
        flags = _llmc_flags([e.text for e in run.events])
        if flags and flags["b"] * flags["t"]:
            per_pass = flags["b"] * flags["t"]
            detail = (
                f" The command line asks for {flags['d']:,} tokens per step (-d) from passes of "
                f"{flags['b']} x {flags['t']} = {per_pass:,} tokens per GPU (-b x -t): "
                f"{flags['d'] / per_pass:.2f} passes, not a whole number."
            )
            fits = [b for b in range(flags["b"], 0, -1) if flags["d"] % (b * flags["t"]) == 0]
            if fits:
                passes = flags["d"] // (fits[0] * flags["t"])
                detail += (
                    f" With -b {fits[0]}, {passes} passes make the {flags['d']:,} tokens on one "
                    "GPU (with several, the passes must also divide by their number)."
                )
        return self.finding(
            "The batch cannot run: the tokens per step do not split evenly",
            f"Line {hit.line}: {hit.text[:200]} The framework checks that the tokens per "
            "step split into whole forward passes on every GPU (micro-batch x sequence length "
            "x processes), and stopped before training." + detail,
            severity=Severity.error,
            evidence=[Evidence(label="assertion", value=hit.text[:120], line=hit.line)],
            impact=1.0,
            impact_note="the run never starts",
        )

    id = "tokens-per-step"
    code = "CD016"
    aliases: ClassVar[tuple[str, ...]] = ("batch-size",)
    severity = Severity.warning
    config_keywords: ClassVar[dict[str, float]] = {
        "tolerance": 0.1,
        "tiny_tokens": 32768,
        "large_model": 5e7,
    }

    def _batch_shrank(self, run: Run) -> Finding | None:
        """The logged global batch fell during the run: a schedule only ever grows it."""
        logged = run.metric("global_batch_size")
        if logged is None:
            return None
        batch = logged.finite()
        drops = np.flatnonzero(np.diff(batch.values) < 0)
        if not drops.size:
            return None
        i = int(drops[0])
        before, after, step = batch.values[i], batch.values[i + 1], int(batch.steps[i + 1])
        lasted = int(np.count_nonzero(batch.values[i + 1 :] < before))
        return self.finding(
            f"The global batch shrank from {before:g} to {after:g} at step {step}",
            f"The log states a global batch of {before:g} sequences up to step "
            f"{int(batch.steps[i])} and {after:g} from step {step} (smaller at {lasted} of the "
            f"{batch.values.size - i - 1} logged steps from there). A batch schedule "
            "(Megatron's --rampup-batch-size) only grows the batch; a smaller one mid-run "
            "means something changed it (an evaluation or a callback that resets the "
            "micro-batch calculator, a restart with other settings). Each step now trains on "
            f"{after / before:.2g}x the data the learning rate and schedule were set for, and "
            "a schedule counted in samples advances that much slower per step.",
            evidence=[
                Evidence(
                    label="global batch before", value=float(before), step=int(batch.steps[i])
                ),
                Evidence(label="global batch after", value=float(after), step=step),
            ],
            impact=0.4,
            impact_note="a different batch than the hyperparameters were chosen for",
        )

    def check(self, run: Run) -> list[Finding]:
        stopped = self._batch_assertion(run)
        if stopped is not None:
            return [stopped]
        shrank = self._batch_shrank(run)
        real = run.figures.tokens_per_iter
        if not real:
            if shrank is not None:
                return [shrank]
            raise SkipRule("tokens per step unknown")
        findings = [] if shrank is None else [shrank]
        accum = run.config.number("gradient_accumulation_steps")
        comments = [(c.line, _claim_text(c)) for c in run.config.comments]
        for line, claimed, text in find_batch_claims(comments):
            if abs(real / claimed - 1) <= self.opt("tolerance"):
                continue
            fixes = []
            batch = run.config.number("batch_size") or 0.0
            block = run.config.number("block_size") or 0.0
            # whole sizes only (a batch of 1e-320 is no batch: its product underflows to 0)
            whole = batch >= 1 and block >= 1
            steps_needed = claimed / (batch * block) if whole else math.inf
            if accum and math.isfinite(steps_needed):
                needed = max(1, round(steps_needed))
                fixes.append(
                    Fix(
                        key=run.config.native("gradient_accumulation_steps"),
                        value=needed,
                        current=int(accum),
                        reason=f"{int(batch)} x {int(block)} x {needed} = "
                        f"{int(batch * block * needed):,} tokens per step, as claimed",
                    )
                )
            findings.append(
                self.finding(
                    f"{real:,} tokens per step, not the {text} the config claims",
                    f"The comment on line {line} claims {text} tokens per step; the run used "
                    f"{real:,} ({real / claimed:.2f}x). The learning rate and schedule were "
                    "presumably tuned for the claimed batch.",
                    evidence=[
                        Evidence(label="claimed", value=text, line=line),
                        Evidence(label="tokens per step", value=real),
                    ],
                    fixes=fixes,
                    impact=0.3,
                    impact_note="a different batch than the hyperparameters were chosen for",
                    rests_on=["tokens_per_iter"],
                )
            )
        # nanoGPT's own semantics: its config's accumulation is for all GPUs together (other
        # frameworks state it per rank, or derive it from a global batch that divides)
        nanogpt = run.framework.startswith("nanoGPT")
        if nanogpt and accum and run.num_gpus > 1 and accum % run.num_gpus:
            findings.append(
                self.finding(
                    f"gradient_accumulation_steps = {accum:.0f} does not divide by "
                    f"{run.num_gpus} GPUs",
                    "nanoGPT divides the accumulation steps by the world size and asserts that "
                    "it divides evenly, so this run stops at start.",
                    severity=Severity.error,
                    evidence=[Evidence(label="gradient_accumulation_steps", value=int(accum))],
                    impact=1.0,
                    impact_note="the run cannot start",
                    rests_on=["num_gpus", "config:gradient_accumulation_steps"],
                )
            )
        n_params = run.figures.n_params or 0
        if n_params >= self.opt("large_model") and real < self.opt("tiny_tokens"):
            findings.append(
                self.finding(
                    f"Tiny batch: {real:,} tokens per step for {human_count(n_params)} parameters",
                    f"Models of this size train with hundreds of thousands of tokens per step "
                    f"(GPT-2/3: ~0.5M); {real:,} makes every gradient noisy, so the learning rate "
                    "must stay small. Raise gradient_accumulation_steps.",
                    evidence=[Evidence(label="tokens per step", value=real)],
                    # a choice with a cost, not a fault: on the real-run corpus every tiny
                    # batch was deliberate (a small card, the learning rate scaled to match)
                    severity=Severity.info,
                    impact=0.3,
                    impact_note="noisier gradients, slower progress per token",
                    rests_on=["tokens_per_iter", "n_params"],
                )
            )
        return findings
