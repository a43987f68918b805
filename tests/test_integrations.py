"""The GitHub Action's script and the pre-commit hook, run as CI would run them."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import yaml
from conftest import ROOT, SEED_CONFIG, SEED_LOG

ACTION_SCRIPT = ROOT / "scripts" / "action.sh"
SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"
FIXED_CONFIG = ROOT / "examples" / "configs" / "seed_gpt2_fineweb_rtx4070_fixed.py"


def action(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    bin_dir = str(Path(sys.executable).parent)  # capdiag and python from this environment
    full = {**os.environ, "PATH": bin_dir + os.pathsep + os.environ["PATH"], **env}
    return subprocess.run(
        ["bash", str(ACTION_SCRIPT)], cwd=tmp_path, env=full, capture_output=True, text=True
    )


def test_the_action_script_writes_sarif_a_summary_and_annotations(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    done = action(
        tmp_path,
        CAPDIAG_PATHS=str(SEED_LOG),
        CAPDIAG_ARGS=f"--config {SEED_CONFIG} --gpu 'RTX 4070'",
        CAPDIAG_FAIL_ON="error",
        GITHUB_STEP_SUMMARY=str(summary),
    )
    assert done.returncode == 1, done.stderr  # the seed run's size mismatch is an error
    sarif = json.loads((tmp_path / "capdiag.sarif").read_text(encoding="utf-8"))
    jsonschema.validate(sarif, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
    assert sarif["runs"][0]["results"][0]["ruleId"] == "CD001"
    assert "| severity | rule | finding |" in summary.read_text(encoding="utf-8")
    first = done.stdout.splitlines()[0]
    assert first.startswith(f"::error file={SEED_CONFIG},line=")


def test_the_action_script_never_evaluates_its_inputs(tmp_path: Path) -> None:
    canary = tmp_path / "canary"
    canary.write_text("alive", encoding="utf-8")
    done = action(tmp_path, CAPDIAG_PATHS=str(SEED_LOG), CAPDIAG_ARGS=f"; rm {canary}")
    assert done.returncode == 2 and canary.exists()  # "; rm ..." reached capdiag as words
    bad = action(tmp_path, CAPDIAG_COMMAND="plan", CAPDIAG_PATHS=str(SEED_LOG))
    assert bad.returncode == 2 and "analyze or check" in bad.stderr
    unbalanced = action(tmp_path, CAPDIAG_PATHS=str(SEED_LOG), CAPDIAG_ARGS="--gpu 'RTX")
    assert unbalanced.returncode == 2 and "unbalanced" in unbalanced.stderr


def test_action_yml_runs_the_script_with_its_inputs() -> None:
    spec = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert spec["runs"]["using"] == "composite"
    steps = spec["runs"]["steps"]
    script = next(s for s in steps if "action.sh" in s.get("run", ""))
    assert "scripts/action.sh" in script["run"]
    used = set()
    for value in script["env"].values():
        found = re.search(r"inputs\.([\w-]+)", value)
        assert found is not None
        used.add(found.group(1))
    assert used == {"command", "paths", "args", "fail-on"} <= set(spec["inputs"])
    upload = next(s for s in steps if "upload-sarif" in s.get("uses", ""))
    assert upload["with"]["sarif_file"] == "capdiag.sarif"


def test_the_pre_commit_hook_checks_the_configs_it_is_given() -> None:
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    files = re.compile(hook["files"])
    assert files.search("config/train_gpt2.py") and not files.search("src/model.py")
    entry = hook["entry"].split()
    bin_dir = Path(sys.executable).parent
    run = [str(bin_dir / entry[0]), *entry[1:]]
    both = subprocess.run([*run, str(SEED_CONFIG), str(FIXED_CONFIG)], capture_output=True)
    assert both.returncode == 1  # pre-commit passes every changed file; one has an error
    fixed = subprocess.run([*run, str(FIXED_CONFIG)], capture_output=True)
    assert fixed.returncode == 0
