"""Per-project settings: `[tool.capdiag]` in pyproject.toml, as ruff reads `[tool.ruff]`.

    [tool.capdiag]
    select = ["CD001", "token-budget"]      # only these rules (ids, codes or aliases)
    ignore = ["benign-warning"]             # never these
    fail-on = "warning"                     # error | warning | info | never
    gpu = "RTX 4070"

    [tool.capdiag.options]
    token-budget = { max_ratio = 8 }        # a rule's configurable keywords

The nearest pyproject.toml from the current directory upwards is used; command-line
options win over it.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError


class SettingsError(ValueError):
    pass


class Settings(BaseModel):
    model_config = ConfigDict(populate_by_name=True, extra="forbid")

    select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    fail_on: str | None = Field(None, alias="fail-on")
    gpu: str | None = None
    vram: str | None = None
    options: dict[str, dict[str, float]] = Field(default_factory=dict)
    source: str | None = Field(None, exclude=True)


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml from `start` upward that has a [tool.capdiag] table."""
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        try:
            if candidate.is_file() and b"[tool.capdiag" in candidate.read_bytes()[: 1 << 20]:
                return candidate
        except OSError:
            continue
    return None


def load_settings(start: Path | None = None) -> Settings:
    """Like ruff: the input's folder upward first, then the current folder upward."""
    starts = [start.resolve()] if start is not None else []
    path = next((p for s in [*starts, Path.cwd().resolve()] if (p := find_pyproject(s))), None)
    if path is None:
        return Settings()
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(f"{path}: cannot read: {exc}") from exc
    table = data.get("tool", {}).get("capdiag")
    if table is None:
        return Settings()
    try:
        settings = Settings.model_validate(table)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise SettingsError(f"{path}: [tool.capdiag] {where}: {first['msg']}") from exc
    settings.source = str(path)
    return settings
