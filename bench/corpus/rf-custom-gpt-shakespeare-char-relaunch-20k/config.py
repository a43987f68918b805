from dataclasses import dataclass


@dataclass
class GPTConfig:
    vocab_size: int
    d_model: int = 128
    num_heads: int = 4
    num_layers: int = 4
    d_ff: int = 512
    max_seq_len: int = 256
    attention_type: str = "scaled_dot_product"  # "scaled_dot_product" | "additive" | "dot_product"


@dataclass
class TrainConfig:
    batch_size: int = 64
    block_size: int = 256
    learning_rate: float = 3e-4
    max_steps: int = 5000
    eval_interval: int = 100
    eval_steps: int = 100
