"""config-coherence: settings that contradict each other, the hardware, or the framework."""

from __future__ import annotations

import difflib
import re
from typing import ClassVar

from capdiag.arithmetic.gpus import find_gpu
from capdiag.arithmetic.memory import TrainingSetup, estimate_training_memory
from capdiag.config import NANOGPT_DEFAULTS, defines_code
from capdiag.findings import Evidence, Finding, Fix, Severity, SkipRule
from capdiag.rules.base import Rule
from capdiag.run import Run
from capdiag.units import human_bytes

# keys nanoGPT's train.py reads besides its defaults (set on the command line or by forks)
_NANOGPT_EXTRA_KEYS = {"vocab_size", "seed", "data_dir", "config"}


MAX_TYPO_EDITS = 2  # a typo: two letters wrong, missing, extra or swapped (n_emdb)


# a config key naming the training data: "train_files", "data.train_file", "train_path"
_TRAIN_DATA_KEY = re.compile(
    r"^(?P<prefix>(?:[\w-]{1,64}[./])*)train(?P<sep>_?)"
    r"(?P<what>files?|file_path|data|data_path|data_file|path|dataset|data_dir)$"
)


def _names_data(value: object) -> bool:
    """A file, a folder or a list of them: not empty, not a flag or a number."""
    if isinstance(value, list):
        return bool(value) and all(isinstance(v, str) and v.strip() for v in value)
    return isinstance(value, str) and bool(value.strip()) and value.lower() not in ("none", "null")


def _is_typo(key: str, known: str) -> bool:
    """`key` is `known` with at most MAX_TYPO_EDITS letters wrong (lengths checked first: a
    long name costs nothing)."""
    return abs(len(key) - len(known)) <= MAX_TYPO_EDITS and _edits(key, known) <= MAX_TYPO_EDITS


def _edits(a: str, b: str) -> int:
    """Edits (insert, delete, replace, swap two neighbours) that turn `a` into `b`."""
    rows = [list(range(len(b) + 1))]
    for i, ca in enumerate(a, start=1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


class ConfigCoherence(Rule):
    """The config contradicts itself, the GPU, or what its framework reads.

    Checks that need only the config, so ``capdiag check`` runs them before any GPU hour is
    spent, and ``analyze`` runs them on the config that ran:

    - ``n_embd`` must divide by ``n_head`` (nanoGPT asserts it at start-up);
    - a key nanoGPT does not know (``n_emdb``) is silently ignored when it sits in a config
      file (``configurator.py`` executes the file): named, with the key it was meant to be,
      when it is a typo of one (two edits at most; ``matrix_learning_rate`` is a fork's own
      setting, not a typo of ``learning_rate``); not in W&B's ``config.yaml``, which records
      the globals of the train.py that ran, and not in a file that defines functions or
      classes (a training script read for its settings uses its own names, ``n_heads``);
    - ``dtype = 'bfloat16'`` on a GPU without bfloat16 (before Ampere): use float16 with the
      loss scaler (nanoGPT's GradScaler) or float32;
    - ``compile = True`` on ``device = 'mps'`` or ``'cpu'``, where nanoGPT's README says to
      turn it off;
    - a ``vocab_size`` that is not a multiple of 64 (info: nanoGPT pads 50257 to 50304), only
      for a model known to train from scratch: a checkpoint's vocabulary is fixed by its weights;
    - the validation data named by the training data's path (``data.train_files`` and
      ``data.val_files``, ``train_file`` and ``validation_file``): every evaluation measures
      data the model trains on (a warning; measured: a real verl SFT run);
    - the Trainer evaluating every ``eval_steps`` steps (``eval_strategy = 'steps'``) in a run
      shorter than that, as the run states its length (``max_steps``): no evaluation while
      it trains (a warning; measured: a LLaMA-Factory QLoRA with eval_steps 100 in 45 steps;
      not for a run that trains by epochs, ``max_steps = -1``);
    - before a run (``capdiag check``, a fix plan): the estimated peak memory against the
      card's, with the micro-batch that fits at the same tokens per step;
    - in any log, with or without a config: transformers' warning that a causal-LM head
      (``BertLMHeadModel``, ``RobertaForCausalLM``, ...) was built on an encoder config
      without ``is_decoder=True``: its attention is bidirectional and the next-token loss
      leaks its labels.

    **Anti-pattern**

    .. code-block:: python

        n_head = 12
        n_embd = 800     # 800 / 12 is not whole
        n_emdb = 768     # a typo: train.py never reads it

    **Best practice**

    .. code-block:: python

        n_head = 12
        n_embd = 768
    """

    id = "config-coherence"
    code = "CD020"
    aliases: ClassVar[tuple[str, ...]] = ("config", "preflight")
    severity = Severity.error

    def check(self, run: Run) -> list[Finding]:
        findings: list[Finding] = self._not_a_decoder(run)
        if run.config.path is None and not run.config.origins:
            if findings:
                return findings
            raise SkipRule("no config was read")
        findings.extend(self._heads(run))
        findings.extend(self._unknown_keys(run))
        findings.extend(self._dtype(run))
        findings.extend(self._compile(run))
        findings.extend(self._vocab_padding(run))
        findings.extend(self._val_is_train(run))
        findings.extend(self._eval_never_runs(run))
        if run.planned:
            findings.extend(self._memory(run))
        return findings

    def _not_a_decoder(self, run: Run) -> list[Finding]:
        """transformers' warning that a causal-LM head runs on an encoder config."""
        event = next((e for e in run.events if e.code == "causal-lm-not-decoder"), None)
        if event is None:
            return []
        return [
            self.finding(
                "A causal-LM head on an encoder config without is_decoder=True",
                f"transformers warned (log line {event.line}): {event.text.strip()!r}. Without "
                "is_decoder=True the encoder's attention is bidirectional, so each position "
                "sees the very token it is trained to predict: the loss falls towards 0 and "
                "the perplexity towards 1 by copying, and the model learns no language model. "
                "Set is_decoder=True in the model's config before loading (or train a decoder "
                "model); the losses of this run do not measure next-token prediction.",
                evidence=[Evidence(label="transformers warning", value=event.text.strip())],
                impact=1.0,
                impact_note="the training objective leaks its labels",
            )
        ]

    def _compile(self, run: Run) -> list[Finding]:
        c = run.config
        device = str(c.get("device", ""))
        if not c.get("compile") or not device.startswith(("mps", "cpu")):
            return []
        if c.source("compile") == "assumed" and c.source("device") == "assumed":
            return []
        return [
            self.finding(
                f"compile = True with device = {device!r}",
                "torch.compile's inductor targets CUDA (and x86 CPUs, slowly to compile); on "
                "Apple's MPS it is unsupported or falls back, and nanoGPT's README says to pass "
                "--compile=False for MPS and CPU runs.",
                # before a run it is a warning; a run that ran with it worked, only slower
                severity=Severity.warning if run.planned else Severity.info,
                fixes=[
                    Fix(
                        key=c.native("compile"),
                        value=False,
                        current=True,
                        reason=f"torch.compile does not serve device = {device!r}",
                    )
                ],
                impact=0.4,
                impact_note="a start-up failure or a long compile for nothing",
                rests_on=["config:compile", "config:device"],
            )
        ]

    def _vocab_padding(self, run: Run) -> list[Finding]:
        c = run.config
        vocab = c.number("vocab_size")
        if not vocab or vocab % 64 == 0 or vocab < 1024 or run.fine_tune is not False:
            return []
        padded = int(-(-vocab // 64) * 64)
        return [
            self.finding(
                f"vocab_size = {vocab:.0f} is not a multiple of 64",
                f"Matrix multiplies over the vocabulary run fastest when it is a multiple of 64: "
                f"nanoGPT pads GPT-2's 50257 to 50304 for that (about 25% faster, Karpathy). "
                f"{padded} costs {padded - vocab:.0f} unused rows.",
                severity=Severity.info,
                fixes=[
                    Fix(
                        key=c.native("vocab_size"),
                        value=padded,
                        current=int(vocab),
                        reason="a multiple of 64 for the tensor cores",
                    )
                ],
                impact=0.1,
                impact_note="speed only",
                rests_on=["config:vocab_size"],
            )
        ]

    def _val_is_train(self, run: Run) -> list[Finding]:
        """The validation data named by the same path as the training data (``train_files``
        and ``val_files``, ``train_file`` and ``validation_file``): every evaluation measures
        data the model trains on. A folder named for both ("data/") is no evidence: the
        script may split the files in it (measured: a BiLSTM whose train_path and test_path
        are both "data/", split 80/20 at random)."""
        values = run.config.values
        for key, value in values.items():
            m = _TRAIN_DATA_KEY.match(key)
            if m is None or not _names_data(value):
                continue
            if isinstance(value, str) and value.rstrip()[-1:] in ("/", "\\"):
                continue  # a folder both splits are drawn from: the script may split its files
            for split in ("val", "valid", "validation", "eval", "dev", "test"):
                twin = f"{m['prefix']}{split}{m['sep']}{m['what']}"
                if values.get(twin) == value and twin != key:
                    return [
                        self.finding(
                            f"{twin} is {key}: the validation data is the training data",
                            f"{key} and {twin} name the same data ({value!r}): every "
                            "evaluation measures text the model trains on, so the "
                            "validation loss follows the training loss and cannot show "
                            "overfitting. Hold out a split the run never trains on.",
                            severity=Severity.warning,
                            evidence=[Evidence(label=key, value=str(value)[:200])],
                            impact=0.5,
                            impact_note="no evaluation of generalisation",
                            rests_on=[f"config:{key}", f"config:{twin}"],
                        )
                    ]
        return []

    def _eval_never_runs(self, run: Run) -> list[Finding]:
        """The Trainer evaluating every ``eval_steps`` steps (``eval_strategy = 'steps'``)
        in a run with fewer steps than that, as the run states its length: no evaluation
        happens while it trains."""
        c = run.config
        strategy = c.get("eval_strategy", c.get("evaluation_strategy"))
        every, steps = c.number("eval_steps"), c.number("max_iters")
        if strategy != "steps" or every is None or every < 1 or steps is None or steps <= 0:
            return []
        if c.source("max_iters") in (None, "assumed") or c.source("eval_steps") == "assumed":
            return []
        if steps >= every:
            return []
        return [
            self.finding(
                f"eval_steps = {every:g} but the run has {steps:g} steps: no evaluation while "
                "it trains",
                f"The Trainer evaluates every {every:g} steps, and the run stops at step "
                f"{steps:g}: it never evaluates during training, so no curve shows how the "
                "validation loss moved, and a best checkpoint cannot be chosen. Evaluate a "
                "few times per run (eval_steps about a tenth of the steps).",
                severity=Severity.warning,
                evidence=[
                    Evidence(label="eval_steps", value=every),
                    Evidence(label="steps in the run", value=steps),
                ],
                fixes=[
                    Fix(
                        key=c.native("eval_steps"),
                        value=max(1, int(steps // 10)),
                        current=every,
                        reason="about ten evaluations over the run",
                    )
                ],
                impact=0.3,
                impact_note="no evaluation during training",
                rests_on=["config:eval_steps", "config:max_iters"],
            )
        ]

    def _heads(self, run: Run) -> list[Finding]:
        c = run.config
        heads, width = c.number("n_head"), c.number("n_embd")
        if not heads or not width or width % heads == 0 or heads < 1 or heads != int(heads):
            return []  # a fractional head count is no head count
        fit = round(width / heads) * int(heads)
        return [
            self.finding(
                f"n_embd = {width:.0f} does not divide by n_head = {heads:.0f}",
                f"Each attention head gets n_embd / n_head channels; {width:.0f} / {heads:.0f} "
                "is not whole, and nanoGPT's model asserts n_embd % n_head == 0 at start-up.",
                evidence=[
                    Evidence(label="n_embd", value=int(width), line=c.lines.get("n_embd")),
                    Evidence(label="n_head", value=int(heads), line=c.lines.get("n_head")),
                ],
                fixes=[
                    Fix(
                        key=c.native("n_embd"),
                        value=fit,
                        current=int(width),
                        reason=f"the nearest multiple of n_head ({fit // int(heads)} per head)",
                    )
                ],
                impact=1.0,
                impact_note="the run cannot start",
                rests_on=["config:n_embd", "config:n_head"],
            )
        ]

    def _unknown_keys(self, run: Run) -> list[Finding]:
        if not run.framework.startswith("nanoGPT"):
            return []
        if not (run.config.path or "").endswith(".py"):
            # a record of the run's settings (W&B's config.yaml holds every global of the
            # train.py that ran, a fork's own included), not a file configurator.py executes
            return []
        if defines_code(run.config.text or ""):
            # a training script read for its settings (the lecture's gpt.py and its forks):
            # it uses its own names, and configurator.py never executes it
            return []
        known = set(NANOGPT_DEFAULTS) | _NANOGPT_EXTRA_KEYS
        findings = []
        for key, origin in run.config.origins.items():
            if origin != "config" or key in known or key.startswith("_"):
                continue
            close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.75)
            if not close or not _is_typo(key, close[0]):
                # a fork's own setting (matrix_learning_rate beside learning_rate), not a typo
                continue
            findings.append(
                self.finding(
                    f"{key} is not a nanoGPT setting (did you mean {close[0]}?)",
                    f"The config sets {key} = {run.config.get(key)!r}, but train.py has no such "
                    f"setting: configurator.py executes config files, so the line only creates "
                    f"an unused variable and {close[0]} keeps "
                    f"{run.config.get(close[0])!r}.",
                    severity=Severity.warning,
                    evidence=[Evidence(label=key, value=repr(run.config.get(key)))],
                    impact=0.6,
                    impact_note="a setting the run was meant to use is ignored",
                )
            )
        return findings

    def _dtype(self, run: Run) -> list[Finding]:
        dtype = run.config.get("dtype")
        spec = find_gpu(run.gpu_name) if run.gpu_name else None
        if dtype != "bfloat16" or spec is None or spec.peak_flops("bfloat16"):
            return []
        if run.config.source("dtype") == "assumed":
            return []  # nanoGPT picks float16 itself where bfloat16 is missing
        return [
            self.finding(
                f"dtype = 'bfloat16' on a {spec.name}, which has no bfloat16",
                f"The {spec.name} predates Ampere and has no bfloat16 tensor cores: bfloat16 "
                "runs emulated (slowly) or fails. Use float16 with a loss scaler (nanoGPT "
                "enables its GradScaler for float16), or float32.",
                # before a run it is a warning; a run that ran with it only ran slower
                severity=Severity.warning if run.planned else Severity.info,
                fixes=[
                    Fix(
                        key=run.config.native("dtype"),
                        value="float16",
                        current="bfloat16",
                        reason=f"the {spec.name} has float16 tensor cores, not bfloat16",
                    )
                ],
                impact=0.6,
                impact_note="a slow or failing run",
                rests_on=["config:dtype"],
            )
        ]

    def _memory(self, run: Run) -> list[Finding]:
        from capdiag.arithmetic.planning import (  # not at start-up
            USABLE_FRACTION,
            batch_options,
            device_bytes,
        )

        c, dims = run.config, run.dims
        batch, tokens = c.number("batch_size"), run.figures.tokens_per_iter
        if dims is None or not batch or not tokens or not run.vram_bytes:
            return []
        if c.shards_weights():
            return []  # the estimate is for one GPU holding the whole model
        setup = TrainingSetup(
            batch_size=int(batch),
            block_size=dims.block_size,
            dtype=str(c.get("dtype", "bfloat16")),
            compile=bool(c.get("compile", False)),
            gradient_accumulation_steps=max(1, int(c.number("gradient_accumulation_steps") or 1)),
            dropout=c.number("dropout") or 0.0,
        )
        try:
            needed = device_bytes(estimate_training_memory(dims, setup))
        except ValueError:  # a dtype ('auto'), batch or dropout the memory model cannot take
            return []
        if needed <= USABLE_FRACTION * run.vram_bytes:
            return []
        options = batch_options(
            dims,
            tokens,
            vram_bytes=run.vram_bytes,
            dtype=setup.dtype,
            compile=setup.compile,
            num_gpus=run.num_gpus,
            dropout=setup.dropout,
        )
        best = next((o for o in options if o.fits), None)
        fixes = []
        if best is not None:
            why = f"keeps {best.tokens_per_step:,} tokens per step and fits the card"
            fixes = [
                Fix(
                    key=c.native("batch_size"),
                    value=best.batch_size,
                    current=int(batch),
                    reason=why,
                ),
                Fix(
                    key=c.native("gradient_accumulation_steps"),
                    value=best.gradient_accumulation_steps,
                    current=c.get("gradient_accumulation_steps"),
                    reason=why,
                ),
            ]
        return [
            self.finding(
                f"Needs about {human_bytes(needed)} on a {human_bytes(run.vram_bytes)} card",
                f"With batch_size = {batch:.0f} the estimated peak is {human_bytes(needed)}, more "
                f"than {USABLE_FRACTION:.0%} of the card's {human_bytes(run.vram_bytes)}: the "
                "run would stop with CUDA out of memory at its first step.",
                evidence=[Evidence(label="estimated device memory", value=needed)],
                fixes=fixes,
                impact=1.0,
                impact_note="the run cannot start",
                rests_on=["dims"],
            )
        ]
