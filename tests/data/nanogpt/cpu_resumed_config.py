# capdiag test fixture: run stopped at max_iters=200 then resumed to 400 (nanoGPT config file)
# first:  python train.py config/capdiag_cpu_resumed.py --max_iters=200
# then:   python train.py config/capdiag_cpu_resumed.py --init_from=resume --max_iters=400
out_dir = 'out-capdiag-resumed'
eval_interval = 100
eval_iters = 20
log_interval = 10
always_save_checkpoint = True

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
max_iters = 400
lr_decay_iters = 400
min_lr = 1e-4
beta2 = 0.99
warmup_iters = 50

device = 'cpu'
compile = False
dtype = 'float32'
