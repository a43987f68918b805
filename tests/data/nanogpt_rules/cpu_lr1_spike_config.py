# capdiag rules fixture: a run that diverges once warmup brings the learning rate too high
# (nanoGPT config file; Adam at lr 1.0, no clipping)
out_dir = 'out-capdiag-rules-divergence'
eval_interval = 25
eval_iters = 10
log_interval = 1
always_save_checkpoint = True

wandb_log = False

dataset = 'stdlib_char'
gradient_accumulation_steps = 1
batch_size = 12
block_size = 64

n_layer = 2
n_head = 2
n_embd = 64
dropout = 0.0

learning_rate = 1.0
warmup_iters = 100
decay_lr = True
lr_decay_iters = 200
min_lr = 1e-1
grad_clip = 0.0
max_iters = 200
beta2 = 0.99

device = 'cpu'
compile = False
dtype = 'float32'
