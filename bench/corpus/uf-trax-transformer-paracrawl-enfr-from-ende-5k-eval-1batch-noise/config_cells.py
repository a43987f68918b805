# --- notebook cell 12 (verbatim source) ---
# This will download the train dataset if no data_dir is specified.
train_stream_fn = trax.data.TFDS('para_crawl/enfr',
                                 data_dir='/content/drive/MyDrive/Colab Notebooks/data/',
                                 keys=('en', 'fr'),
                                 eval_holdout_size=0.01, # 1% for eval
                                 train=True)

# Get generator function for the eval set
eval_stream_fn = trax.data.TFDS('para_crawl/enfr',
                                data_dir='/content/drive/MyDrive/Colab Notebooks/data/',
                                keys=('en', 'fr'),
                                eval_holdout_size=0.01, # 1% for eval
                                train=False)
# --- notebook cell 19 (verbatim source) ---
# global variables that state the filename and directory of the vocabulary file
VOCAB_FILE = 'endefr_32k.subword'
VOCAB_DIR = 'gs://trax-ml/vocabs/'

# Tokenize the dataset.
tokenized_train_stream = trax.data.Tokenize(vocab_file=VOCAB_FILE, vocab_dir=VOCAB_DIR)(train_stream)
tokenized_eval_stream = trax.data.Tokenize(vocab_file=VOCAB_FILE, vocab_dir=VOCAB_DIR)(eval_stream)
# --- notebook cell 29 (verbatim source) ---
# Bucketing to create streams of batches.

# Buckets are defined in terms of boundaries and batch sizes.
# Batch_sizes[i] determines the batch size for items with length < boundaries[i]
# So below, we'll take a batch of 128 sentences of length < 8, 128 if length is
# between 8 and 16, and so on. 128 batch is also taken if length is over 256.
boundaries =  [  8,  16,  32,  64, 128, 256]
batch_sizes = [128, 128, 128, 128, 128, 128, 128]
# Notice all is 128. As we are using TPUs, We need the same batch_size to run in parallel.
# You can make diffrent batch_sizes if you are using GPU or CPU.

# Create the generators.
train_batch_stream = trax.data.BucketByLength(
    boundaries, batch_sizes,
    length_keys=[0, 1]  # As before: count inputs and targets to length.
)(filtered_train_stream)

eval_batch_stream = trax.data.BucketByLength(
    boundaries, batch_sizes,
    length_keys=[0, 1]  # As before: count inputs and targets to length.
)(filtered_eval_stream)

# Add masking for the padding (0s).
train_batch_stream = trax.data.AddLossWeights(id_to_mask=0)(train_batch_stream)
eval_batch_stream = trax.data.AddLossWeights(id_to_mask=0)(eval_batch_stream)
# --- notebook cell 39 (verbatim source) ---
# if you run this cell you should skip (steps from 1.1 to 1.5).

# global variables that state the filename and directory of the vocabulary file
VOCAB_FILE = 'endefr_32k.subword'
VOCAB_DIR = 'gs://trax-ml/vocabs/'

EOS = 1

# generator helper function to append EOS to each sentence
def append_eos(stream):
    for (inputs, targets) in stream:
        inputs_with_eos = list(inputs) + [EOS]
        targets_with_eos = list(targets) + [EOS]
        yield np.array(inputs_with_eos), np.array(targets_with_eos)

train_batches_stream = trax.data.Serial(
    trax.data.TFDS('para_crawl/enfr',
                   data_dir='/content/drive/MyDrive/Colab Notebooks/data/',
                   keys=('en', 'fr'),
                   eval_holdout_size=0.01, # 1% for eval
                   train=True), # replace TFDS with lambda _: train_stream_fn() if you want to run with your own data
    trax.data.Tokenize(vocab_file=VOCAB_FILE, vocab_dir=VOCAB_DIR),
    lambda _: append_eos(_),
    trax.data.Shuffle(),
    trax.data.FilterByLength(max_length=512, length_keys=[0, 1]),
    trax.data.BucketByLength(boundaries =  [  8,  16,  32,  64, 128, 256],
                             batch_sizes = [128, 128, 128, 128, 128, 128, 128],
                             length_keys=[0, 1]),
    trax.data.AddLossWeights(id_to_mask=0)
  )

eval_batches_stream = trax.data.Serial(
    trax.data.TFDS('para_crawl/enfr',
                   data_dir='/content/drive/MyDrive/Colab Notebooks/data/',
                   keys=('en', 'fr'),
                   eval_holdout_size=0.01, # 1% for eval
                   train=False),
    trax.data.Tokenize(vocab_file=VOCAB_FILE, vocab_dir=VOCAB_DIR),
    lambda _: append_eos(_),
    trax.data.Shuffle(),
    trax.data.FilterByLength(max_length=1024, length_keys=[0, 1]),
    trax.data.BucketByLength(boundaries =  [  8,  16,  32,  64, 128, 256],
                             batch_sizes = [128, 128, 128, 128, 128, 128, 128],
                             length_keys=[0, 1]),
    trax.data.AddLossWeights(id_to_mask=0)
  )
# --- notebook cell 42 (verbatim source) ---
# Create a Transformer model.
model = trax.models.Transformer(
    input_vocab_size=33600,
    d_model=512, d_ff=2048, dropout = 0.1,
    n_heads=8, n_encoder_layers=6, n_decoder_layers=6,
    max_len=2048, mode='train')

# Pre-trained Transformer model config in gs://trax-ml/models/translation/ende_wmt32k.gin
# Initialize Transformer using pre-trained weights.
model.init_from_file('gs://trax-ml/models/translation/ende_wmt32k.pkl.gz',
                     weights_only=True)

# You also, could intiate the model from an output checpoint.
# simply change 'gs://trax-ml/models/translation/ende_wmt32k.pkl.gz' to 'output_dir/ + last_checkpoint'
# for example:
# model.init_from_file('/content/drive/MyDrive/Colab Notebooks/Transformer_FR_pretrained_336/model.pkl.gz',
#                      weights_only=True)
# --- notebook cell 47 (verbatim source) ---
train_task = training.TrainTask(
    # use the train batch stream as labeled data
    labeled_data= train_batch_stream,
    # use the cross entropy loss with LogSoftmax
    loss_layer= tl.CrossEntropyLossWithLogSoftmax(),
    # use the Adafactor optimizer with learning rate of 0.001
    optimizer= trax.optimizers.Adafactor(learning_rate=0.001, epsilon1=1e-30),
    # have 500 warmup steps
    lr_schedule= trax.lr.multifactor(constant=1.0, warmup_steps=500),
    # have a checkpoint every 100 steps
    n_steps_per_checkpoint= 100,
    # saving a checkpoint every 1000 steps on the output_dir
    n_steps_per_permanent_checkpoint = 1000
)
# --- notebook cell 49 (verbatim source) ---
eval_task = training.EvalTask(
    # use the eval batch stream as labeled data
    labeled_data=eval_batch_stream,
    # use the cross entropy loss with LogSoftmax and accuracy as metrics
    metrics=[tl.CrossEntropyLossWithLogSoftmax(), tl.WeightedCategoryAccuracy()],
    # you could specify the number of eval batch by n_eval_batches = 64 or any other number
    # but it not specified here as we want to evaluate the whole eval data
    # n_eval_batches = 64
)
# --- notebook cell 51 (verbatim source) ---
# define the output directory
output_dir = '/content/drive/MyDrive/Colab Notebooks/Transformer_FR_pretrained_336'

# # remove old model if it exists. restarts training.
# !rm -rf output_dir

# define the training loop
training_loop = training.Loop(model,
                              train_task,
                              eval_tasks=[eval_task],
                              output_dir=output_dir)
