# capdiag rules fixture: a healthy small char-level run; halfway through, a competing
# CPU-bound process is started by the driver script (a real slowdown; nanoGPT config file)
out_dir = 'out-capdiag-rules-throughput'
eval_interval = 100
eval_iters = 10
log_interval = 1
always_save_checkpoint = False

wandb_log = False

dataset = 'stdlib_char'
gradient_accumulation_steps = 1
batch_size = 12
block_size = 64

n_layer = 2
n_head = 2
n_embd = 64
dropout = 0.0

learning_rate = 1e-3
max_iters = 160
lr_decay_iters = 160
min_lr = 1e-4
beta2 = 0.99
warmup_iters = 30

device = 'cpu'
compile = False
dtype = 'float32'
