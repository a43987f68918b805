"""dropout-in-pretraining: dropout on while the run never repeats its data."""

from __future__ import annotations

from typing import ClassVar

from capdiag.findings import Evidence, Finding, Fix, Severity, SkipRule
from capdiag.rules.base import Rule
from capdiag.rules.overfitting import Overfitting
from capdiag.run import Run
from capdiag.units import human_count


def _memorises(run: Run) -> bool:
    """Overfitting's warning on the run: a validation loss that rose past its best while
    training fell, which only data seen again can cause."""
    try:
        found = Overfitting().outcome(run)
    except SkipRule:
        return False
    return any(f.severity is not Severity.info for f in found)


class DropoutInPretraining(Rule):
    """Dropout is on in a pre-training run that sees each token about once.

    Dropout fights overfitting, which needs data seen many times. A run that sees less than
    one epoch of a large corpus never sees a token twice, and up to about four epochs
    repeated tokens are worth nearly as much as new ones (Muennighoff et al. 2023, "Scaling
    Data-Constrained Language Models"), so there is nothing to overfit and dropout only
    removes capacity and slows learning. Large language models pre-train with dropout 0
    (nanoGPT's train.py: "for pretraining 0 is good, for finetuning try 0.1+"). The rule
    fires when ``dropout > 0`` and the run sees (or is set by ``max_iters`` to see, whichever
    is more) under ``max_epochs`` epochs of a known large corpus. More than
    ``unknown_corpus_tokens`` tokens of a corpus of unknown size is information only:
    whether they repeat it is not stated (measured: two Megatron-DeepSpeed GPT-3 125M runs
    planned for 300B tokens over BookCorpus, and BigScience runs over a 10,000-document
    OpenWebText subset, both seen many times over). Fine-tunes are skipped, and so is a
    run whose validation loss rose past its best while training fell (overfitting's
    warning): only data seen again does that, whatever the corpus's name says (measured: two
    char-level nanoGPT runs on an unknown corpus, past 1B tokens and overfitting).

    **Anti-pattern**

    .. code-block:: python

        dataset = 'fineweb'
        dropout = 0.1

    **Best practice**

    .. code-block:: python

        dataset = 'fineweb'
        dropout = 0.0

    Options: ``max_epochs`` (default 4.0, after Muennighoff et al.), ``unknown_corpus_tokens``
    (default 1e9).
    """

    id = "dropout-in-pretraining"
    code = "CD003"
    severity = Severity.warning
    config_keywords: ClassVar[dict[str, float]] = {"max_epochs": 4.0, "unknown_corpus_tokens": 1e9}

    def _unknown_corpus(
        self,
        dropout: float,
        tokens: float,
        name: object,
        evidence: list[Evidence],
        rests_on: list[str],
    ) -> Finding:
        """A corpus of unknown size: whether the run repeats it is an assumption, so the
        finding is information, with what would settle it."""
        corpus = f" ({name})" if name else ""
        return self.finding(
            f"dropout = {dropout:g} in a pre-training run on a corpus of unknown size",
            f"The run sees {human_count(tokens)} tokens of a corpus capdiag does not know"
            f"{corpus}. If the corpus holds more than that, no token is seen twice and "
            f"dropout = {dropout:g} only drops capacity (pre-training uses 0.0, nanoGPT's own "
            "default); if it is a subset seen many times over, dropout is doing its job. "
            "Pass --data-dir (the folder of its train.bin) or name a known dataset to have "
            "this judged.",
            severity=Severity.info,
            evidence=evidence,
            impact=0.1,
            impact_note="only if the corpus is larger than the tokens the run sees",
            rests_on=rests_on,
        )

    def check(self, run: Run) -> list[Finding]:
        dropout = run.config.number("dropout")
        if dropout is None:
            raise SkipRule("dropout is not set in the config")
        if dropout <= 0:
            return []
        if run.fine_tune:
            raise SkipRule("a fine-tune: dropout can help on small fine-tuning data")
        f = run.figures
        tokens, rests_on = f.tokens_seen, ["config:dropout", "tokens_seen"]
        # the plan counts too: a run stopped early was still set up to pre-train
        planned = (
            f.tokens_planned is not None
            and run.source_of("tokens_planned") != "assumed"
            and f.tokens_planned > (tokens or 0)
        )
        if planned:
            tokens, rests_on = f.tokens_planned, ["config:dropout", "tokens_planned"]
        if not tokens:
            raise SkipRule("tokens seen unknown")
        if _memorises(run):
            # the run's own validation shows repeated data: dropout is doing its job
            raise SkipRule("the validation loss rose past its best (see overfitting)")
        name = run.config.get("dataset")
        dataset = run.dataset
        evidence = [
            Evidence(label="dropout", value=dropout),
            Evidence(
                label="tokens planned (max_iters)" if planned else "tokens seen", value=tokens
            ),
        ]
        if dataset is not None:
            rests_on.append("config:dataset")
            if not dataset.large:
                return []
            epochs = tokens / dataset.train_tokens
            if epochs >= self.opt("max_epochs"):
                return []
            evidence.append(
                Evidence(label=f"{dataset.name} train tokens", value=dataset.train_tokens)
            )
            evidence.append(Evidence(label="epochs", value=round(epochs, 3)))
            seen = (
                f"{human_count(tokens)} tokens, {epochs:.2f} epochs of {dataset.name} "
                f"({human_count(dataset.train_tokens)} tokens; {dataset.source})"
            )
            repeats = epochs >= 1.0
        elif tokens >= self.opt("unknown_corpus_tokens"):
            return [self._unknown_corpus(dropout, tokens, name, evidence, rests_on)]
        else:
            return []
        how_often = (
            "so each token is seen only a few times, and below about four epochs repeated "
            "tokens are worth nearly as much as new ones (Muennighoff et al. 2023): there is "
            "nothing to overfit"
            if repeats
            else "so no token is seen twice and there is nothing to overfit"
        )
        return [
            self.finding(
                f"dropout = {dropout:g} in a run that "
                + ("repeats its data only a few times" if repeats else "never repeats its data"),
                f"The run sees {seen}, {how_often}. Dropout = {dropout:g} only drops capacity: "
                "set dropout = 0.0 for pre-training (nanoGPT's own default), and keep it for "
                "fine-tuning on small data.",
                evidence=evidence,
                fixes=[
                    Fix(
                        key="dropout",
                        value=0.0,
                        current=dropout,
                        reason="pre-training on data seen a few times at most needs no dropout",
                    )
                ],
                impact=0.3,
                impact_note="lowers the loss a model of this size reaches on the same tokens",
                rests_on=rests_on,
            )
        ]
