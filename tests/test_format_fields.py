"""The shared reader of known metric lines (fields.layout) and the Megatron-DeepSpeed
fields it reads; real samples in tests/data with their provenance."""

from __future__ import annotations

import math

import pytest
from conftest import ROOT

from capdiag.load import InputError, detect_format, load_run
from capdiag.parsers import LoadContext
from capdiag.parsers.fields import layout, only_fields, read_fields, to_number
from capdiag.parsers.megatron import load as load_megatron

MEGATRON = ROOT / "tests" / "data" / "megatron"


def test_a_layout_reads_the_fields_it_names() -> None:
    main = layout("s:{step:int} {kind:word}:{value} lr:{lr} norm:{norm}", whole_line=True)
    m = main.match(b"s:12 trl:3.4102 lr:0.000600 norm:0.93\n")
    assert m is not None and m.groupdict() == {
        "step": b"12",
        "kind": b"trl",
        "value": b"3.4102",
        "lr": b"0.000600",
        "norm": b"0.93",
    }
    assert main.match(b"s:12 trl:3.41\n") is None  # the whole line, or nothing
    # two spaces are padding; none is needed after a colon
    padded = layout("step  {step:int}/{total:int} | loss  {loss} |")
    assert padded.match(b"step    1/10 | loss     nan |")["loss"] == b"nan"
    titan = layout("step:  {step:int}  loss:  {loss}", anywhere=True)
    assert titan.search(b"[rank0]: step:10  loss: 2.5")["step"] == b"10"
    assert layout("step {step:int}").match(b"[rank0]: step 10") is None  # anchored
    count = layout("size: {n:count} total")
    assert count.match(b"size: 75,516,672 total")["n"] == b"75,516,672"


def test_a_printed_number_through_one_converter() -> None:
    assert to_number(b"1,234") == 1234.0 and to_number("2.5e-4") == 2.5e-4
    assert math.isnan(to_number(b"nan")) and math.isnan(to_number(None))
    assert math.isnan(to_number(b"12ms")) and to_number(b"-inf") == -math.inf


def test_megatron_deepspeed_nan_grad_norm_and_its_own_fields() -> None:
    path = MEGATRON / "megds_issue396_grad_norm_nan.log"
    assert detect_format(path).NAME == "megatron"
    run = load_megatron(path, LoadContext())
    assert "train_loss" not in run.series  # no lm loss printed: nothing taken for one
    assert all(math.isnan(v) for v in run.series["grad_norm"].values)
    assert run.series["grad_norm"].steps.tolist() == [5426, 5427, 5428]
    assert run.series["consumed_tokens"].values.tolist() == [88899584, 88915968, 88932352]
    assert run.series["tflops_per_gpu"].values.tolist() == [78.36, 78.77, 78.71]
    assert run.series["samples_per_sec"].values.tolist() == [1.883, 1.893, 1.892]
    assert run.series["step_time_ms"].values.tolist() == [4247.9, 4225.8, 4229.2]
    assert run.series["nan_iterations"].values.tolist() == [0, 0, 0]
    assert run.reported.tokens_seen == 88932352  # as printed, not samples x a seq length
    # every series is a metric of its own: none of these is a loss
    assert all(s.mode is None for s in run.series.values())


def test_megatron_deepspeed_tokens_per_gpu() -> None:
    run = load_megatron(MEGATRON / "megds_pr434_nan_no_loss.log", LoadContext())
    assert run.series["tokens_per_gpu_per_sec"].values.tolist() == [2069.506]
    assert run.series["tflops_per_gpu"].values.tolist() == [127.0]
    assert all(s.mode is None for s in run.series.values())


@pytest.mark.parametrize(
    ("run_id", "log"),
    [
        ("mg-bloom176b-throughput-drop", "tr11-176B-ml-chronicles-throughput.log"),
        ("mg-bloom176b-lm-loss-spike", "tr11-176B-ml-chronicles-spike.log"),
    ],
)
def test_a_record_wrapped_at_a_space_keeps_its_keys(run_id: str, log: str) -> None:
    # "number of nan\niterations:  0": the wrap took the space
    run = load_megatron(ROOT / "bench" / "corpus" / run_id / log, LoadContext())
    assert run.series["nan_iterations"].values.tolist()[:2] == [0, 0]
    assert [n for n, s in run.series.items() if s.mode is not None] == ["train_loss"]


def test_nanogpt_log_in_a_code_fence_and_a_bare_vocab_line() -> None:
    # a public M4 run pasted in a markdown fence glued to its first line:
    # "```tokens per iteration will be: 16,384", then "found vocab_size = 65 " (no suffix)
    from capdiag.load import load_run

    run = load_run(ROOT / "bench/corpus/ng-akash-shakespeare-char-m4-cpu/shakespeare-char.log")
    assert run.format == "nanogpt" and run.reported.tokens_per_iter == 16384
    assert run.reported.vocab_size == 65 and run.reported.vocab_source == "log line 2"
    assert len(run.series["train_loss"]) == 51
    assert not [e for e in run.events if e.text.startswith("```")]


def test_old_megatron_records_and_per_rank_counts() -> None:
    # DeepSpeedExamples' 2020 Megatron-LM: "learning rate 1.258E-04 | lm loss 4.799004E+00"
    from capdiag.load import load_run

    corpus = ROOT / "bench" / "corpus"
    run = load_run(corpus / "fm-bbuf-megatron-gpt2-345m-dp2-memorize/pretrain_gpt2_distributed.log")
    assert run.series["train_loss"].values.tolist() == [4.799004, 0.07708308, 0.004669175]
    assert run.series["lr"].values.tolist() == [1.258e-04, 5.257e-05, 1.806e-06]
    assert run.series["val_loss"].values.tolist() == [11.70473]
    assert run.series["test_lm_loss"].values.tolist() == [11.69765]
    # model parallel 2: "number of parameters on model parallel rank 0: 178100224" is half
    mp2 = load_run(
        corpus / "fm-bbuf-megatron-gpt2-345m-mp2-memorize/pretrain_gpt2_model_parallel.log"
    )
    assert mp2.reported.n_params is None and mp2.num_gpus == 2


@pytest.mark.usefixtures("without_wandb")
def test_a_public_wandb_folder_without_the_package() -> None:
    # files/output.log (nanoGPT lines in BPC) and files/config.yaml, no datastore, no wandb
    from capdiag.load import load_run

    folder = "lt-jackokeefe-shakechar-overfit-wandb/wandb/run-20240214_195452-kt2awly2"
    run = load_run(ROOT / "bench" / "corpus" / folder)
    assert run.format == "wandb" and len(run.series["train_loss"]) == 501
    assert run.series["val_loss"].values[0] == pytest.approx(6.0586 * math.log(2))
    config = {k: (run.config.get(k), run.config.source(k)) for k in ("n_layer", "n_embd")}
    assert config == {"n_layer": (6, "config"), "n_embd": (384, "config")}
    assert run.config.get("dropout") == 0.2


def test_lightning_progress_bars_are_read_by_detection() -> None:
    # "Epoch 1: 100%|█| 782/782 [01:44<00:00, 7.45it/s, v_num=1, train_loss=0.852, ...",
    # redrawn with carriage returns; no --log-format, no --map
    from capdiag.load import load_run

    path = ROOT / "bench/corpus/tx-zms-cifar10-cnn-lightning-30ep-healthy/experiment_logs.md"
    assert detect_format(path).NAME == "text"
    loss = load_run(path).series["train_loss"]
    # one point per epoch: the last epoch's bar, drawn twice at step 30 x 782, is one record
    assert (len(loss), loss.values[0], loss.values[-1]) == (30, 1.74, 0.283)
    assert loss.steps.tolist() == [782 * epoch for epoch in range(1, 31)]
    assert "Lightning's progress bar" in loss.description


def test_an_indented_line_carries_metrics_only_when_it_is_all_fields() -> None:
    # OLMo's indented block under "[step=10/739328]" is key=value pairs and nothing else;
    # a markdown bullet's continuation line that quotes numbers is prose (this project's
    # CHANGELOG read as a log: "Held-out batch 148" was a step, its indented lines metrics)
    assert only_fields("    train/CrossEntropyLoss=2.314")
    assert only_fields("    throughput/device/tokens_per_second=12345.6 lr=1e-4")
    assert not only_fields("  ran and scored on arrival: 1 of 8 faults named (13%), no alarm")
    with pytest.raises(InputError, match="not a recognised training log"):
        load_run(ROOT / "CHANGELOG.md")


def test_a_sentence_before_the_fields_names_no_key() -> None:
    # an ALCF TensorFlow script (batch 170), TransReID, MaxText: the step and the loss are
    # read past the words in front of them
    assert read_fields(
        "Finished step 1 of 5004 in epoch 0, loss=130.305, acc=0.000 (13.517 img/s)."
    ) == {"step": 1.0, "in epoch": 0.0, "loss": 130.305, "acc": 0.0}
    assert read_fields("transreid.train INFO: Epoch[1] done. Loss: 0.000 (Base: 0.000)") == {
        "loss": 0.0,
        "base": 0.0,
    }
    fields = read_fields("completed step: 2, seconds: 5.658, loss: 11.689")
    assert fields["step"] == 2.0 and fields["loss"] == 11.689
    # "done" without its full stop is still a word of a key
    assert read_fields("tokens done: 1200") == {"tokens done": 1200.0}


def test_a_value_may_end_in_an_ellipsis() -> None:
    # a Udacity project's print (batch 273): "..." closes each field
    assert read_fields(
        "Epoch 1/50... Batch 1... Training Loss: 1.5847... processing_time: 4.6 sec"
    ) == {"epoch": 1.0, "batch": 1.0, "training loss": 1.5847, "processing_time": 4.6}
    # two dots, or dots followed by more text, still end no number
    assert read_fields("loss: 1.5..x lr: 3") == {"lr": 3.0}
    assert read_fields("loss: 1.5...x lr: 3") == {"lr": 3.0}
    assert read_fields("version: 1.2.3 loss: 2") == {"loss": 2.0}


def test_logs_that_print_a_sentence_before_their_fields_are_read() -> None:
    corpus = ROOT / "bench" / "corpus"
    run = load_run(
        corpus
        / "xx-socratesnote-resnet34-imagenet-tf-1reader-prefetch1-profile"
        / "10111420_run1.output"
    )
    loss = run.metric("train_loss")
    assert loss is not None and loss.steps[:3].tolist() == [1, 2, 3]
    assert loss.values[0] == 130.305
    reid = load_run(
        corpus / "xr-sdfnet-reid-merged-empty-dataset-loss0-150ep" / "all_data_train.log"
    )
    assert (
        (reid_loss := reid.metric("train_loss")) is not None
        and len(reid_loss) == 29
        and reid_loss.values.max() == 0.0
    )
