"""The model arithmetic: what a run's shape implies, computed from its stated figures.

- `params`: parameter counts (nanoGPT's GPT-2 and the Hugging Face families);
- `flops`: FLOPs per token and per step, and the peak they are measured against;
- `memory`: the GPU memory a configuration needs;
- `gpus`: the GPU catalogue (peaks per precision, memory);
- `scaling`: compute-optimal budgets and predicted losses (Chinchilla, Epoch 2024);
- `planning`: a configuration that fits a GPU and a budget (``capdiag plan``).
"""
