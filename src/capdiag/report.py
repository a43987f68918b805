"""The report: one stable, documented object that every renderer draws from."""

from __future__ import annotations

from pydantic import BaseModel, Field

from capdiag import __version__
from capdiag.findings import Finding, Fix, Skipped

SCHEMA_VERSION = 1


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
    tokens_per_iter: int | None = None
    tokens_per_iter_config: int | None = None
    iterations: int | None = None
    tokens_seen: int | None = None
    tokens_per_param: float | None = None
    flops_per_token: float | None = None
    step_time_s: float | None = None
    mfu_reported: float | None = Field(None, description="last printed MFU (A100 basis)")
    mfu_a100: float | None = Field(None, description="recomputed from step times, A100 basis")
    mfu: float | None = Field(None, description="recomputed against the run's GPU peak")
    hfu: float | None = Field(None, description="hardware FLOPs utilisation (recomputation)")
    segments: int = 1
    last_train_loss: float | None = None
    last_val_loss: float | None = None
    notes: list[str] = Field(default_factory=list)


class MemorySummary(BaseModel):
    total_bytes: int
    vram_bytes: int | None = None
    components: dict[str, int] = Field(default_factory=dict)
    assumptions: list[str] = Field(default_factory=list)


class FixPlan(BaseModel):
    """All fixes, consistent with each other, and the patch that applies them."""

    fixes: list[Fix] = Field(default_factory=list)
    dropped: list[str] = Field(default_factory=list)
    config_path: str | None = None
    diff: str | None = None
    restart_required: bool = False
    memory: MemorySummary | None = None


class Report(BaseModel):
    schema_version: int = SCHEMA_VERSION
    capdiag_version: str = __version__
    run: RunSummary
    findings: list[Finding] = Field(default_factory=list)
    skipped: list[Skipped] = Field(default_factory=list)
    fix_plan: FixPlan = Field(default_factory=FixPlan)
    ranking: str = ""
