import tensorflow as tf
flags = tf.app.flags
FLAGS = flags.FLAGS

# command line flags
#flags.DEFINE_string('training_file', '', "Bottleneck features training file (.p)")
#flags.DEFINE_integer('batch_size', 256, "The batch size.")

NVIDIA_H, NVIDIA_W = 66, 200

CONFIG = {
    'batchsize': 128,
    'input_width': NVIDIA_W,
    'input_height': NVIDIA_H,
    'input_channels': 3,
    'correction': 0.25,
    'augmentation_steer_sigma': 0.2,
    'augmentation_value_min': 0.2,
    'augmentation_value_max': 1.5,
    'bias': 0.8,
    'crop_height': range(50, 140)
}
