# capdiag test fixture: a run stopped between checkpoints, then resumed (nanoGPT config file)
# dataset: stdlib_char, built by capdiag's scripts/make_char_dataset.py (~4.7M chars)
out_dir = 'out-capdiag-crash'
eval_interval = 100
eval_iters = 20
log_interval = 10
always_save_checkpoint = False

wandb_log = False

dataset = 'stdlib_char'
gradient_accumulation_steps = 1
batch_size = 12
block_size = 64

n_layer = 4
n_head = 4
n_embd = 128
dropout = 0.0

learning_rate = 1e-3
max_iters = 300
lr_decay_iters = 300
min_lr = 1e-4
beta2 = 0.99
warmup_iters = 100

device = 'cpu'
compile = False
dtype = 'float32'
