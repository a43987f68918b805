"""param-count-mismatch: a size claimed in a config comment against the real count."""

from __future__ import annotations

import ast
import math
import re
from typing import ClassVar

from pydantic import BaseModel

from capdiag.arithmetic.params import GPT2_SHAPES, dims_for_target
from capdiag.config import parse_python
from capdiag.findings import Evidence, Finding, Fix, Severity, SkipRule
from capdiag.rules.base import Rule
from capdiag.run import Comment, Run
from capdiag.units import human_count

_SIZE = re.compile(
    r"(?P<approx>~|≈|about |approx\.? |circa |ca\. )?"
    r"(?<![\w.])(?P<num>\d+(?:[.,]\d+)?)\s?(?P<unit>[KMBkmb]|million|billion|Mio|Mrd)(?!\w)",
)
# a token that holds a number for another reason: a path, a hash, a URL, an assignment
_NOT_A_CLAIM = re.compile(r"[/\\=@:]|^[0-9a-f]{7,}$|^v\d", re.I)
# GPT-2's sizes by name, as people write them: "GPT-2 XL", "gpt2-medium"
_GPT2_NAMED = re.compile(r"\bgpt-?2[ _-]?(medium|large|xl)\b", re.I)
_GPT2_COUNTS = {"medium": 354.8e6, "large": 774.0e6, "xl": 1557.6e6}
# words that make a number a parameter claim, in several languages
_PARAM_WORDS = re.compile(
    r"param|पैरामीटर|параметр|参数|參數|パラメータ|파라미터|parámetro|paramètre|weights",
    re.I,
)
_MODEL_WORDS = re.compile(r"model|मॉडल|модел|模型|モデル|모델|modelo|modèle|gpt|llama|size", re.I)
# a number followed by one of these counts something else
_OTHER_UNITS = re.compile(
    r"^\s*(tokens?|tok\b|toks|टोकन|токен|词元|トークン|samples|steps|iters?|bytes|B/s|"
    r"examples|sequences|chars|characters|batch)",
    re.I,
)
_OTHER_CONTEXT = re.compile(r"tokens?|batch|टोकन|токен|lr|learning rate|steps|iters", re.I)
# a count of a part of the model, not of the model: "124M active", "4.7M per layer",
# "active params ~124M" (a mixture of experts runs a share of its weights per token)
_PART_AFTER = re.compile(r"^\s*(active\b|per[ -]|each\b|/\s*layer)", re.I)
_PART_BEFORE = re.compile(r"\bactive\s*(params?|parameters?)?\s*[:~≈=]?\s*$", re.I)
_DIM_KEYS = {"n_layer", "n_head", "n_embd", "vocab_size", "block_size", "bias"}
_UNIT = {"k": 1e3, "m": 1e6, "b": 1e9, "million": 1e6, "billion": 1e9, "mio": 1e6, "mrd": 1e9}


class SizeClaim(BaseModel):
    comment: Comment
    value: float
    text: str


def is_commented_out_code(text: str) -> bool:
    """`#init_from = 'gpt2-xl'  # the largest GPT-2`: a setting the run does not use."""
    code = text.split("#", 1)[0].strip()
    if "=" not in code or len(code) > 500:
        return False
    try:
        tree = parse_python(code)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return False
    return len(tree.body) == 1 and isinstance(tree.body[0], ast.Assign | ast.AnnAssign)


def find_size_claims(comments: list[Comment]) -> list[SizeClaim]:
    """Parameter counts claimed in comments, e.g. '~125M', '124M params', '1.3B'. A comment
    that is a commented-out setting is an alternative the run did not take, not a claim."""
    claims: list[SizeClaim] = []
    for comment in comments:
        if is_commented_out_code(comment.text):
            continue
        for m in _GPT2_NAMED.finditer(comment.text):
            value = _GPT2_COUNTS[m.group(1).lower()]
            claims.append(SizeClaim(comment=comment, value=value, text=m.group(0)))
        for m in _SIZE.finditer(comment.text):
            if _OTHER_UNITS.match(comment.text[m.end() :]):
                continue
            if _PART_AFTER.match(comment.text[m.end() :]) or _PART_BEFORE.search(
                comment.text[max(0, m.start() - 30) : m.start()]
            ):
                continue
            start = comment.text.rfind(" ", 0, m.start("num")) + 1
            end = comment.text.find(" ", m.end())
            token = comment.text[start : end if end >= 0 else None]
            if _NOT_A_CLAIM.search(token):
                continue
            has_param_word = bool(_PARAM_WORDS.search(comment.text))
            model_context = bool(_MODEL_WORDS.search(comment.text)) and not _OTHER_CONTEXT.search(
                comment.text
            )
            if not (has_param_word or model_context or comment.key in _DIM_KEYS):
                continue
            value = float(m.group("num").replace(",", ".")) * _UNIT[m.group("unit").lower()]
            if value < 1e5:
                continue
            claims.append(SizeClaim(comment=comment, value=value, text=m.group(0).strip()))
    return claims


class ParamCountMismatch(Rule):
    """The model's size differs from the size its config claims.

    A comment such as ``# model (~125M parameters)`` states what the run was meant to
    train. When the dimensions below it build a model of another size, every later
    judgement (loss targets, scaling, memory) is made about the wrong model. capdiag reads
    size claims in any language (``~125M``, ``124M params``, ``1.3B``, ``(~125M पैरामीटर)``),
    counts parameters the way nanoGPT does (total, and total minus position embeddings as
    it prints), names the dimension that causes the gap and the value that reaches the
    claim, and re-plans ``batch_size`` and ``gradient_accumulation_steps`` so the tokens
    per step stay the same and the bigger model fits in memory. A checkpoint of the old
    shape cannot be loaded into the new one: the run restarts from iteration 0.

    A count of a part of the model (``124M active`` in a mixture of experts, ``4.7M per
    layer``) is not a claim; and when one claim agrees with the count, the author knew the
    size, and the other numbers describe parts or other models (a real MoE fork's "total
    params ~238M" beside "matches GPT-2 124M for attention").

    **Anti-pattern**

    .. code-block:: python

        # model (~125M parameters)
        n_layer = 12
        n_head = 12
        n_embd = 384   # log: number of parameters: 40.56M

    **Best practice**

    .. code-block:: python

        # model (~125M parameters)
        n_layer = 12
        n_head = 12
        n_embd = 768   # log: number of parameters: 123.59M

    Options: ``tolerance`` (relative gap accepted, default 0.15), ``error_ratio`` (a gap of
    this factor or more is an error, default 1.5).
    """

    id = "param-count-mismatch"
    code = "CD001"
    aliases: ClassVar[tuple[str, ...]] = ("size-mismatch",)
    severity = Severity.error
    config_keywords: ClassVar[dict[str, float]] = {"tolerance": 0.15, "error_ratio": 1.5}

    def check(self, run: Run) -> list[Finding]:
        claims = find_size_claims(run.config.comments)
        if not claims:
            raise SkipRule("no parameter count is claimed in the config's comments")
        f = run.figures
        if run.dims is None or not f.n_params or not f.n_params_non_embedding:
            raise SkipRule("model dimensions unknown")
        conventions = [f.n_params, f.n_params_non_embedding]
        agree = [
            c
            for c in claims
            if any(abs(c.value / n - 1) <= self.opt("tolerance") for n in conventions)
        ]
        if agree:
            # the author knew the size: other numbers describe parts or other models
            return []
        return [self._mismatch(run, claims[0], f.n_params, f.n_params_non_embedding)]

    @staticmethod
    def _llmc_descriptor(run: Run, claim: SizeClaim, fixes: list[Fix]) -> str:
        from capdiag.parsers.llmc_launch import descriptor_near

        current = str(run.config.get("model"))
        found = descriptor_near(claim.value, current)
        if found is None:
            return (
                f" llm.c builds its model from the descriptor -e {current}, and none of its "
                f"presets has {claim.text} parameters: the claim is wrong, or the model is."
            )
        descriptor, count = found
        fixes.append(
            Fix(
                key="-e",
                value=descriptor,
                current=current,
                reason=f"llm.c's preset of {human_count(count)} parameters, the claimed size",
            )
        )
        return (
            f" llm.c builds its model from the descriptor -e {current}; -e {descriptor} is its "
            f"{human_count(count)} preset. Train that, or correct the comment."
        )

    def _mismatch(self, run: Run, claim: SizeClaim, total: int, non_emb: int) -> Finding:
        from capdiag.arithmetic.planning import (
            batch_fixes_for,  # only for a mismatch: not at start-up
        )

        assert run.dims is not None
        ratio = claim.value / non_emb
        off_by = max(ratio, 1 / ratio)
        changes = dims_for_target(run.dims, claim.value)
        evidence = [
            Evidence(label="claimed", value=claim.text, line=claim.comment.line),
            Evidence(label="parameters (nanoGPT count, minus wpe)", value=non_emb),
            Evidence(label="parameters (total)", value=total),
        ]
        if run.reported.n_params_text:
            evidence.append(
                Evidence(label="log printed number of parameters", value=run.reported.n_params_text)
            )
        fixes: list[Fix] = []
        cause = ""
        if run.fine_tune:
            changes = []
            cause = (
                f" The run fine-tunes {run.base_model or 'a pretrained model'}, whose shape is "
                "fixed by its weights: fix the claim, or fine-tune a checkpoint of the claimed "
                "size."
            )
        elif run.source_of("dims") == "assumed":
            changes = []
            cause = " The run's dimensions are not known (pass --config) to say which to change."
        elif run.config.native("n_layer") == "-e":
            # llm.c builds GPT-2 from a descriptor (-e dN): a preset, not free dimensions
            changes, cause = [], self._llmc_descriptor(run, claim, fixes)
        if changes:
            change = changes[0]
            new_dims = run.dims.model_copy(update={change.key: change.new})
            shape = f"{new_dims.n_layer}/{new_dims.n_head}/{new_dims.n_embd}"
            ref = f", the {change.reference} shape" if change.reference else ""
            cause = (
                f" {change.key} = {change.old} is the cause: {change.key} = {change.new} gives "
                f"{human_count(change.counts.non_embedding)} (total "
                f"{human_count(change.counts.total)}){ref} ({shape} layers/heads/width"
                f"{', head size ' + str(new_dims.head_dim) if change.key == 'n_embd' else ''})."
            )
            ref_shape = GPT2_SHAPES.get(change.reference or "")
            if ref_shape and change.key == "n_embd":
                cause += (
                    f" n_layer and n_head already match {change.reference} ({ref_shape[0]}/"
                    f"{ref_shape[1]}); only the width differs, and the blocks' weights grow with "
                    f"n_embd squared."
                )
            fixes.append(
                Fix(
                    key=change.key,
                    value=change.new,
                    current=change.old,
                    reason=f"reaches the claimed {claim.text} parameters",
                )
            )
            if run.config.get("init_from") != "scratch":
                fixes.append(
                    Fix(
                        key="init_from",
                        value="scratch",
                        current=run.config.get("init_from"),
                        reason="a checkpoint of the old shape cannot load into the new model",
                    )
                )
            if change.new > change.old:
                batch_fixes = batch_fixes_for(run, new_dims)
                fixes.extend(batch_fixes)
                if not batch_fixes and run.vram_bytes is None:
                    cause += (
                        " The bigger model needs more memory: pass --gpu NAME or --vram SIZE to "
                        "re-plan batch_size and gradient_accumulation_steps."
                    )
        restart = (
            " Changing the shape means restarting from iteration 0: existing checkpoints no "
            "longer fit the model."
            if fixes
            else ""
        )
        where = "launch script's" if run.format == "llmc" else "config"
        message = (
            f"The {where} comment on line {claim.comment.line} claims {claim.text} parameters, "
            f"but the model has {human_count(non_emb)} (nanoGPT's count; {human_count(total)} "
            f"in total): {off_by:.1f}x {'smaller' if ratio > 1 else 'larger'} than intended."
            f"{cause}{restart}"
        )
        return self.finding(
            f"Model is {human_count(non_emb)} parameters, not the {claim.text} the config claims",
            message,
            severity=Severity.error if off_by >= self.opt("error_ratio") else Severity.warning,
            evidence=evidence,
            fixes=fixes,
            impact=min(1.0, abs(math.log(off_by))),
            impact_note="the run trains a different model than intended; every other result "
            "is about the wrong model",
            restart_required=bool(fixes),
            rests_on=["n_params"],
        )
