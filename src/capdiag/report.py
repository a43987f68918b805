"""The report: one stable, documented object that every renderer draws from."""

from __future__ import annotations

from pydantic import BaseModel, Field

from capdiag import __version__
from capdiag.findings import Finding, Fix, Skipped

# 5: run.mfu_printed_basis; 4: run.runs_in_log; 3: every property required, typed evidence
# values, $id
SCHEMA_VERSION = 5


class RunSummary(BaseModel):
    """Figures about the run. Ratios are fractions; counts are integers."""

    source: str
    format: str
    framework: str
    gpu: str | None = None
    gpu_source: str | None = None
    vram_bytes: int | None = None
    num_gpus: int = 1
    dtype: str | None = None
    n_params: int | None = Field(None, description="total parameters, embeddings included")
    n_params_non_embedding: int | None = Field(None, description="nanoGPT's count: minus wpe")
    n_params_reported: int | None = Field(None, description="as the log printed it (rounded)")
    vocab_size: int | None = Field(None, description="the vocabulary the model was built with")
    tokens_per_iter: int | None = None
    tokens_per_iter_config: int | None = None
    iterations: int | None = None
    tokens_seen: int | None = None
    tokens_per_param: float | None = None
    flops_per_token: float | None = None
    step_time_s: float | None = None
    mfu_reported: float | None = Field(
        None, description="last printed MFU (A100 basis unless mfu_printed_basis names another)"
    )
    mfu_printed_basis: str | None = Field(
        None, description="the peak a fork's printed MFU divides by, where not an A100's"
    )
    mfu_a100: float | None = Field(None, description="recomputed from step times, A100 basis")
    mfu: float | None = Field(None, description="recomputed against the run's GPU peak")
    hfu: float | None = Field(None, description="hardware FLOPs utilisation (recomputation)")
    segments: int = 1
    runs_in_log: int = 1  # runs appended to one log; the last is analysed
    last_train_loss: float | None = None
    last_val_loss: float | None = None
    notes: list[str] = Field(default_factory=list)
    sources: dict[str, str] = Field(
        default_factory=dict,
        description="where each figure comes from: log, config, flag, derived or assumed",
    )
    assumptions: list[str] = Field(
        default_factory=list, description="what was assumed, and the flag that would state it"
    )
    fine_tune: bool | None = Field(None, description="starts from pretrained weights")
    base_model: str | None = Field(None, description="the pretrained model a fine-tune loads")
    loss_unit: str = Field("nats", description="the unit the log prints losses in")


class Coverage(BaseModel):
    """What was read, and which rules could run on it."""

    series: dict[str, int] = Field(default_factory=dict, description="metric -> points read")
    config: str = Field("", description="where the config came from")
    events: dict[str, int] = Field(default_factory=dict, description="event kind -> count")
    rules_run: list[str] = Field(default_factory=list, description="rules that checked the run")
    rules_selected: int = Field(0, description="rules selected for this run")
    missing_extras: list[str] = Field(
        default_factory=list, description="optional extras whose absence limited the reading"
    )


class MemorySummary(BaseModel):
    total_bytes: int
    vram_bytes: int | None = None
    components: dict[str, int] = Field(default_factory=dict)
    assumptions: list[str] = Field(default_factory=list)


class PlanTotals(BaseModel):
    """What the fixed config would train: the figures every finding's advice must agree with."""

    n_params: int | None = Field(None, description="total parameters of the fixed model")
    max_iters: int | None = None
    tokens_per_iter: int | None = None
    tokens: int | None = Field(None, description="max_iters x tokens per step")
    tokens_per_param: float | None = None
    epochs: float | None = Field(None, description="of the dataset, when its size is known")
    step_time_s: float | None = Field(
        None, description="the measured step time scaled by the FLOPs per step (same MFU)"
    )
    hours: float | None = Field(None, description="max_iters x step time, in hours")


class FixPlan(BaseModel):
    """All fixes, consistent with each other, and the patch that applies them."""

    fixes: list[Fix] = Field(
        default_factory=list, description="warning/error fixes; the first fix per key wins"
    )
    dropped: list[str] = Field(default_factory=list, description="fixes a higher one overrode")
    config_path: str | None = Field(None, description="the config file the diff patches")
    diff: str | None = Field(None, description="a unified diff applying every fix")
    restart_required: bool = False
    restart_reasons: list[str] = Field(
        default_factory=list, description="why the fixed run cannot resume a checkpoint"
    )
    memory: MemorySummary | None = Field(None, description="memory of the fixed config")
    totals: PlanTotals | None = Field(None, description="what the fixed config would train")
    defects: list[str] = Field(
        default_factory=list,
        description="findings capdiag's own checks raise on the fixed config (rule: title)",
    )
    new_defects: int = Field(0, description="defects the plan itself caused")


class Report(BaseModel):
    """`capdiag analyze --format json`: one object per run."""

    schema_version: int = Field(SCHEMA_VERSION, description="bumped on incompatible changes")
    capdiag_version: str = __version__
    run: RunSummary
    findings: list[Finding] = Field(
        default_factory=list, description="ranked, most important first"
    )
    skipped: list[Skipped] = Field(default_factory=list, description="rules that lacked data")
    coverage: Coverage = Field(default_factory=Coverage)
    fix_plan: FixPlan = Field(default_factory=FixPlan)
    ranking: str = Field("", description="how findings are ordered")
