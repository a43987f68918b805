"""Detection never takes prose or configs for a training log."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA, ROOT

from capdiag.load import InputError, detect_format

NOT_LOGS = [
    *sorted(DATA.glob("**/PROVENANCE.md")),
    ROOT / "README.md",
    ROOT / "CHANGELOG.md",
    ROOT / "examples" / "configs" / "seed_gpt2_fineweb_rtx4070.py",
    ROOT / "pyproject.toml",
]


@pytest.mark.parametrize("path", NOT_LOGS, ids=[str(p.relative_to(ROOT)) for p in NOT_LOGS])
def test_prose_and_configs_are_not_logs(path: Path) -> None:
    with pytest.raises(InputError, match="not a recognised training log"):
        detect_format(path)
