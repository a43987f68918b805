"""A tiny character-level GPT trained on CPU: the genuine training loop behind the sample runs.

The generator scripts next to this file (``jsonl_run.py``, ``wandb_run.py``, ``mlflow_run.py``)
each call `train` and log what it yields through a different logger. Nothing here is copied
from another project; it is a plain decoder-only transformer (learned positions, pre-norm
blocks, GELU MLP of width 4 x n_embd, tied head) trained with AdamW, linear warm-up and
cosine decay, gradient clipping, and periodic evaluation on a held-out split.

The text is read from files already on this machine (the Python standard library's own
sources by default), so nothing is downloaded. The first 90% of the characters is the
training split (or only its first ``train_chars``) and the last 10% the validation split.
"""

from __future__ import annotations

import glob
import math
import os
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

import torch
import torch.nn.functional as F
from torch import nn


@dataclass
class TrainConfig:
    dataset: str = "python_stdlib_char"
    text_glob: str = os.path.join(os.path.dirname(os.__file__), "*.py")
    max_chars: int = 400_000
    train_chars: int = 0  # train on only the first N characters of the train split (0 = all)
    batch_size: int = 16
    block_size: int = 64
    gradient_accumulation_steps: int = 1
    n_layer: int = 2
    n_head: int = 2
    n_embd: int = 64
    dropout: float = 0.0
    bias: bool = False
    learning_rate: float = 2e-3
    min_lr: float = 2e-4
    max_iters: int = 300
    warmup_iters: int = 20
    weight_decay: float = 0.1
    beta1: float = 0.9
    beta2: float = 0.99
    grad_clip: float = 1.0
    eval_interval: int = 25
    eval_iters: int = 10
    seed: int = 1337
    device: str = "cpu"
    dtype: str = "float32"
    vocab_size: int = 0  # filled from the text: the number of distinct characters

    def __post_init__(self) -> None:
        if not self.vocab_size:
            self.vocab_size = len(set(load_text(self)))

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def load_text(cfg: TrainConfig) -> str:
    parts: list[str] = []
    total = 0
    for path in sorted(glob.glob(cfg.text_glob)):
        with open(path, encoding="utf-8", errors="replace") as handle:
            text = handle.read()
        text = "".join(c for c in text if c in "\n\t" or 32 <= ord(c) < 127)
        parts.append(text)
        total += len(text)
        if total >= cfg.max_chars:
            break
    return "".join(parts)[: cfg.max_chars]


class Block(nn.Module):
    def __init__(self, cfg: TrainConfig) -> None:
        super().__init__()
        self.n_head = cfg.n_head
        self.ln1 = nn.LayerNorm(cfg.n_embd, bias=cfg.bias)
        self.qkv = nn.Linear(cfg.n_embd, 3 * cfg.n_embd, bias=cfg.bias)
        self.proj = nn.Linear(cfg.n_embd, cfg.n_embd, bias=cfg.bias)
        self.ln2 = nn.LayerNorm(cfg.n_embd, bias=cfg.bias)
        self.fc = nn.Linear(cfg.n_embd, 4 * cfg.n_embd, bias=cfg.bias)
        self.fc_out = nn.Linear(4 * cfg.n_embd, cfg.n_embd, bias=cfg.bias)
        self.drop = nn.Dropout(cfg.dropout)
        self.p = cfg.dropout

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        b, t, c = x.shape
        q, k, v = self.qkv(self.ln1(x)).split(c, dim=2)
        q, k, v = (z.view(b, t, self.n_head, c // self.n_head).transpose(1, 2) for z in (q, k, v))
        y = F.scaled_dot_product_attention(
            q, k, v, is_causal=True, dropout_p=self.p if self.training else 0.0
        )
        x = x + self.drop(self.proj(y.transpose(1, 2).reshape(b, t, c)))
        return x + self.drop(self.fc_out(F.gelu(self.fc(self.ln2(x)))))


class TinyGPT(nn.Module):
    def __init__(self, cfg: TrainConfig, vocab_size: int) -> None:
        super().__init__()
        self.wte = nn.Embedding(vocab_size, cfg.n_embd)
        self.wpe = nn.Embedding(cfg.block_size, cfg.n_embd)
        self.drop = nn.Dropout(cfg.dropout)
        self.blocks = nn.ModuleList(Block(cfg) for _ in range(cfg.n_layer))
        self.ln_f = nn.LayerNorm(cfg.n_embd, bias=cfg.bias)
        self.head = nn.Linear(cfg.n_embd, vocab_size, bias=False)
        self.head.weight = self.wte.weight  # tied
        for module in self.modules():
            if isinstance(module, nn.Linear | nn.Embedding):
                nn.init.normal_(module.weight, std=0.02)

    def forward(self, idx: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
        pos = torch.arange(idx.shape[1])
        x = self.drop(self.wte(idx) + self.wpe(pos))
        for block in self.blocks:
            x = block(x)
        logits = self.head(self.ln_f(x))
        return F.cross_entropy(logits.view(-1, logits.shape[-1]), targets.view(-1))


def lr_at(cfg: TrainConfig, it: int) -> float:
    if it < cfg.warmup_iters:
        return cfg.learning_rate * (it + 1) / (cfg.warmup_iters + 1)
    ratio = (it - cfg.warmup_iters) / max(1, cfg.max_iters - cfg.warmup_iters)
    coeff = 0.5 * (1.0 + math.cos(math.pi * min(1.0, ratio)))
    return cfg.min_lr + coeff * (cfg.learning_rate - cfg.min_lr)


def train(cfg: TrainConfig) -> Iterator[dict[str, Any]]:
    """Yield one record per iteration: the first one carries `vocab_size` and `n_params`.

    Records: iter, loss (the iteration's mean micro-batch loss, train mode), lr, grad_norm
    (before clipping), time_ms, tokens (seen so far), tokens_per_sec; at every eval_interval
    (and the last iteration) also eval_train_loss and val_loss, measured in eval mode over
    eval_iters batches before that iteration's update, as nanoGPT does.
    """
    torch.manual_seed(cfg.seed)
    torch.set_num_threads(1)
    text = load_text(cfg)
    chars = sorted(set(text))
    assert len(chars) == cfg.vocab_size
    stoi = {ch: i for i, ch in enumerate(chars)}
    data = torch.tensor([stoi[c] for c in text], dtype=torch.long)
    split = int(0.9 * len(data))
    train_end = min(split, cfg.train_chars) if cfg.train_chars else split
    splits = {"train": data[:train_end], "val": data[split:]}

    def batch(name: str) -> tuple[torch.Tensor, torch.Tensor]:
        d = splits[name]
        ix = torch.randint(len(d) - cfg.block_size - 1, (cfg.batch_size,))
        x = torch.stack([d[i : i + cfg.block_size] for i in ix])
        y = torch.stack([d[i + 1 : i + 1 + cfg.block_size] for i in ix])
        return x, y

    model = TinyGPT(cfg, len(chars))
    n_params = sum(p.numel() for p in model.parameters())
    decay = [p for p in model.parameters() if p.dim() >= 2]
    no_decay = [p for p in model.parameters() if p.dim() < 2]
    opt = torch.optim.AdamW(
        [
            {"params": decay, "weight_decay": cfg.weight_decay},
            {"params": no_decay, "weight_decay": 0.0},
        ],
        lr=cfg.learning_rate,
        betas=(cfg.beta1, cfg.beta2),
    )

    @torch.no_grad()
    def estimate() -> dict[str, float]:
        model.eval()
        out = {}
        for name in ("train", "val"):
            losses = [model(*batch(name)).item() for _ in range(cfg.eval_iters)]
            out[name] = sum(losses) / len(losses)
        model.train()
        return out

    tokens_per_iter = cfg.batch_size * cfg.gradient_accumulation_steps * cfg.block_size
    tokens = 0
    t0 = time.time()
    for it in range(cfg.max_iters):
        record: dict[str, Any] = {"iter": it}
        if it == 0:
            record.update(vocab_size=len(chars), n_params=n_params, train_chars=train_end)
        if it % cfg.eval_interval == 0 or it == cfg.max_iters - 1:
            losses = estimate()
            record.update(eval_train_loss=losses["train"], val_loss=losses["val"])
        lr = lr_at(cfg, it)
        for group in opt.param_groups:
            group["lr"] = lr
        total = 0.0
        for _ in range(cfg.gradient_accumulation_steps):
            loss = model(*batch("train")) / cfg.gradient_accumulation_steps
            loss.backward()
            total += loss.item()
        max_norm = cfg.grad_clip if cfg.grad_clip > 0 else float("inf")  # 0 = no clipping
        grad_norm = float(torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm))
        opt.step()
        opt.zero_grad(set_to_none=True)
        tokens += tokens_per_iter
        t1 = time.time()
        dt = t1 - t0
        t0 = t1
        record.update(
            loss=total,
            lr=lr,
            grad_norm=grad_norm,
            time_ms=dt * 1000.0,
            tokens=tokens,
            tokens_per_sec=tokens_per_iter / dt,
        )
        yield record
