from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
EXAMPLES = ROOT / "examples"
SEED_LOG = EXAMPLES / "logs" / "seed_gpt2_fineweb_rtx4070.log"
SEED_CONFIG = EXAMPLES / "configs" / "seed_gpt2_fineweb_rtx4070.py"


@pytest.fixture
def data_dir() -> Path:
    return DATA
