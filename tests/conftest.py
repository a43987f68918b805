from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
EXAMPLES = ROOT / "examples"
SEED_LOG = EXAMPLES / "logs" / "seed_gpt2_fineweb_rtx4070.log"
SEED_CONFIG = EXAMPLES / "configs" / "seed_gpt2_fineweb_rtx4070.py"


@pytest.fixture
def without_wandb(monkeypatch: pytest.MonkeyPatch) -> None:
    """The wandb package cannot be imported, as on a base install."""
    import importlib
    from types import ModuleType

    real = importlib.import_module

    def no_wandb(name: str, package: str | None = None) -> ModuleType:
        if name.startswith("wandb"):
            raise ImportError(name)
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", no_wandb)


@pytest.fixture
def data_dir() -> Path:
    return DATA


def capdiag_process(*args: str | Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """The CLI as a real process (`python -m capdiag ...`)."""
    return subprocess.run(
        [sys.executable, "-m", "capdiag", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
    )
