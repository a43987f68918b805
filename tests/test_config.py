"""Config files are parsed, never executed."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from capdiag.config import (
    ConfigError,
    parse_mapping_config,
    parse_override_value,
    parse_python_config,
    read_config_file,
)
from capdiag.rules.param_count_mismatch import find_size_claims


def test_literals_arithmetic_and_earlier_names() -> None:
    parsed = parse_python_config(
        "batch_size = 12\nblock_size = 2**10\n"
        "gradient_accumulation_steps = 5 * 8\nlr = 6e-4 / 10\n"
        "tokens = batch_size * block_size * gradient_accumulation_steps\n"
        "name = 'gpt2' + '-124M'\nflag = not True\nneg = -3\n"
    )
    assert parsed.values == {
        "batch_size": 12,
        "block_size": 1024,
        "gradient_accumulation_steps": 40,
        "lr": pytest.approx(6e-5),
        "tokens": 491520,
        "name": "gpt2-124M",
        "flag": False,
        "neg": -3,
    }
    assert parsed.lines["gradient_accumulation_steps"] == 3


def test_malicious_config_has_no_effect(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = (
        "import os\n"
        f"os.system('touch {marker}')\n"
        f"x = __import__('os').system('touch {marker}')\n"
        f"open('{marker}', 'w')\n"
        "y = 10 ** 10 ** 10\n"
        "z = 'a' * 10 ** 9\n"
        "n_layer = 12\n"
    )
    parsed = parse_python_config(text, "evil.py")
    assert not marker.exists()
    assert parsed.values == {"n_layer": 12}
    assert len(parsed.notes) == 6
    assert all(note.startswith("evil.py:") for note in parsed.notes)


def test_syntax_error_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="not valid Python"):
        parse_python_config("n_layer = = 12\n", "bad.py")


CORPUS = Path(__file__).resolve().parent.parent / "bench" / "corpus"


def test_a_record_given_as_config_is_read_up_to_its_output() -> None:
    # a parameter-golf record: train_gpt.py's source, a line of 100 '=', then what it printed
    # (nvidia-smi, the log); the script's top-level assignments are read, the output is not
    path = CORPUS / "tn-wandb-paramgolf-baseline-sp1024-step2-spike-midrun-snapshot"
    record = path / "baseline_sp1024.txt"
    with pytest.raises(ConfigError, match="not valid Python"):
        parse_python_config(record.read_text(), record.name)  # the whole file is not Python
    parsed, text = read_config_file(record)
    lines = record.read_text().splitlines()
    cut = lines.index("=" * 100)
    assert text == "\n".join(lines[:cut])
    assert parsed.values == parse_python_config(text).values
    assert any("followed by its output" in note for note in parsed.notes)
    # the note reaches the report's config notes, as a nanoGPT config's notes do
    from capdiag.load import load_run

    run = load_run(path / "wandb" / "run-20260409_082228-747wbgvm", record)
    assert [n for n in run.config.notes if "followed by its output" in n] == [parsed.notes[-1]]


def test_a_config_with_a_syntax_error_is_still_refused(tmp_path: Path) -> None:
    # code, then a line of '=', but broken above it: the script itself is not Python
    bad = tmp_path / "config.py"
    bad.write_text("import os\nn_layer = = 12\n" + "=" * 100 + "\noutput\n")
    with pytest.raises(ConfigError, match="not valid Python"):
        read_config_file(bad)


def test_comments_attach_to_their_assignment_or_the_one_below() -> None:
    parsed = parse_python_config(
        "# model (~125M parameters)\nn_layer = 12\nn_head = 12\n"
        "n_embd = 384  # width\n\n# orphan\n\nx = 1\n"
    )
    by_text = {c.text: c.key for c in parsed.comments}
    assert by_text == {"model (~125M parameters)": "n_layer", "width": "n_embd", "orphan": None}


def test_yaml_and_json_flat_and_nested(tmp_path: Path) -> None:
    (tmp_path / "c.yaml").write_text("n_layer: 12\nmodel:\n  n_embd: 768\n")
    parsed, _ = read_config_file(tmp_path / "c.yaml")
    assert parsed.values == {"n_layer": 12, "model.n_embd": 768}
    assert parse_mapping_config('{"dropout": 0.1}', "c.json").values == {"dropout": 0.1}
    with pytest.raises(ConfigError):
        parse_mapping_config("- a\n- b\n", "c.yaml")
    # safe_load: python object tags are refused
    with pytest.raises(ConfigError):
        parse_mapping_config("x: !!python/object/apply:os.system ['true']\n", "c.yaml")


def test_yaml_comments_belong_to_the_key_on_their_line_or_below() -> None:
    # a real build-nanogpt fork's config.yaml, then the cases it does not show
    real = ROOT / "bench/corpus/tf-neemias-gpt2-fineweb-lr-floor-after-warmup-5m-batch/config.yaml"
    parsed, _ = read_config_file(real)
    by_line = {c.line: (c.text, c.key, c.inline) for c in parsed.comments}
    assert by_line[1] == ("data config", "data_root", False)
    assert by_line[6] == ("0.5M tokens approximately", "total_batch_size", True)
    assert parsed.values["total_batch_size"] == 5242888  # the comment is not the value
    text = (
        "name: 'run #3'  # quoted hash\n"
        "model:\n"
        "  # about 125M parameters\n"
        "  n_embd: 768 # width\n"
        "url: http://x/#frag\n"
    )
    comments = [
        (c.line, c.text, c.key, c.inline) for c in parse_mapping_config(text, "c.yaml").comments
    ]
    assert comments == [
        (1, "quoted hash", "name", True),
        (3, "about 125M parameters", "model.n_embd", False),
        (4, "width", "model.n_embd", True),
    ]


def test_override_values_read_like_nanogpt_configurator() -> None:
    assert parse_override_value("768") == 768
    assert parse_override_value("False") is False
    assert parse_override_value("resume") == "resume"
    assert parse_override_value("6e-4") == pytest.approx(6e-4)


@pytest.mark.parametrize(
    ("comment", "key", "value"),
    [
        ("model (~125M parameters)", "n_layer", 125e6),
        ("124M params", None, 124e6),
        ("a 1.3B model", None, 1.3e9),
        ("मॉडल (~125M पैरामीटर) – 12 जीबी वीरैम के लिए परफेक्ट", "n_layer", 125e6),
        ("модель на 350M параметров", None, 350e6),
        ("config for training GPT-2 (124M) down to very nice loss", None, 124e6),
        ("width of the 350M model", "n_embd", 350e6),
    ],
)
def test_size_claims_found(comment: str, key: str | None, value: float) -> None:
    parsed = parse_python_config(f"# {comment}\n{key or 'x'} = 1\n")
    claims = find_size_claims(parsed.comments)
    assert [c.value for c in claims] == [pytest.approx(value)]


@pytest.mark.parametrize(
    "comment",
    [
        "these make the total batch size be ~0.5M",
        "this makes total number of tokens be 300B",
        "~0.5M tokens per step: 16 batch * 1024 block * 32 grad accum = 524,288",
        "train on 9B tokens of openwebtext",
        "lr decays over 600K steps",
    ],
)
def test_other_sizes_are_not_parameter_claims(comment: str) -> None:
    parsed = parse_python_config(f"# {comment}\nx = 1\n")
    assert find_size_claims(parsed.comments) == []


def test_an_llmc_launch_script_is_read_as_text_never_run(tmp_path: Path) -> None:
    from capdiag.arithmetic.params import count_params
    from capdiag.parsers.llmc_launch import read_launch_script

    # llm.c's presets, by their own table: gpt3:c768 is 12 layers of 64-wide heads at a
    # 2048 context; d12 is GPT-2 small (124.44M with its 1024 positions)
    script = read_launch_script(
        "#!/bin/bash\n"
        "# 125M parameter model on 300B tokens\n"
        'out_dir="log"; touch /tmp/should-not-exist\n'
        "mpirun -np 8 ./train_gpt2cu \\\n"
        "    -b 32 -t 2048 -d 524288 -x 572204 -u 700 -l 0.0006 -q 0.1 \\\n"
        '    -e "gpt3:c768" $(rm -rf /)\n'
    )
    assert script is not None and script.dims is not None
    assert (script.dims.n_layer, script.dims.n_head, script.dims.n_embd) == (12, 12, 768)
    assert script.dims.block_size == 2048
    assert script.values["max_iters"] == 572204 and script.values["warmup_iters"] == 700
    assert script.values["learning_rate"] == 0.0006 and script.values["batch_size"] == 32
    assert [c.text for c in script.comments] == ["125M parameter model on 300B tokens"]
    assert not Path("/tmp/should-not-exist").exists()
    d12 = read_launch_script("./train_gpt2cu -e d12\n")
    assert d12 is not None and d12.dims is not None
    assert count_params(d12.dims).total == 124_475_904  # llm.c prints num_parameters: 124475904
    # a checkpoint file is weights to start from, not a shape
    tuned = read_launch_script('./train_gpt2cu -e "gpt2_124M_bf16.bin" -x 100\n')
    assert tuned is not None and tuned.dims is None and tuned.checkpoint == "gpt2_124M_bf16.bin"
    assert read_launch_script("echo no training here\n") is None


def test_launch_commands_are_read_as_a_shell_splits_them() -> None:
    from capdiag.parsers.launch import the_run, train_commands

    script = "\n".join(
        [
            "# python train.py config/old.py --batch_size=1",
            "cp train.py backup/",
            "torchrun --standalone --nproc_per_node=4 train.py config/a.py \\",
            "    --batch_size=12 --compile=False 2>&1 | tee out_4.log",
            "!python train.py config/a.py --max_iters=1000 --wandb_run_name='my run' > solo.log",
            'python train.py --broken="unclosed',
        ]
    )
    four, solo = train_commands(script)
    assert (four.line, four.configs, four.world_size, four.output) == (
        3,
        ["config/a.py"],
        4,
        "out_4.log",
    )
    assert four.overrides == {"batch_size": 12, "compile": False}
    assert solo.world_size == 1 and solo.overrides["wandb_run_name"] == "my run"
    assert the_run([four, solo], "solo.log")[0] is solo
    agreed, how = the_run([four, solo], "other.log")
    assert agreed.configs == ["config/a.py"] and agreed.overrides == {}
    assert agreed.world_size is None and "agree on" in how
    assert train_commands("x" * 20_000 + " train.py") == []
