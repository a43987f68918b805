import argparse
import numpy as np
import tensorflow as tf
from tensorflow.examples.tutorials.mnist import input_data

import os
import sys

BASE_DIR = os.path.dirname(os.path.abspath(__file__))
sys.path.append(BASE_DIR)
import tf_util
from teacher_model import *

parser = argparse.ArgumentParser()
parser.add_argument('--gpu', type=int, default=0, help='GPU to use [default: GPU 0]')
parser.add_argument('--log_dir', default='log', help='Log dir [default: log]')
parser.add_argument('--max_epoch', type=int, default=100, help='Epoch to run [default: 50]')
parser.add_argument('--batch_size', type=int, default=1024, help='Batch Size during training [default: 24]')
parser.add_argument('--learning_rate', type=float, default=0.001, help='Initial learning rate [default: 0.001]')
parser.add_argument('--momentum', type=float, default=0.9, help='Initial learning rate [default: 0.9]')
parser.add_argument('--optimizer', default='adam', help='adam or momentum [default: adam]')
parser.add_argument('--decay_step', type=int, default=300000, help='Decay step for lr decay [default: 300000]')
parser.add_argument('--decay_rate', type=float, default=0.5, help='Decay rate for lr decay [default: 0.5]')
parser.add_argument('--T', type=float, default=1., help='Temperature of distilling model')

FLAGS = parser.parse_args()

BATCH_SIZE = FLAGS.batch_size
MAX_EPOCH = FLAGS.max_epoch
BASE_LEARNING_RATE = FLAGS.learning_rate
GPU_INDEX = FLAGS.gpu
MOMENTUM = FLAGS.momentum
OPTIMIZER = FLAGS.optimizer
DECAY_STEP = FLAGS.decay_step
DECAY_RATE = FLAGS.decay_rate
T = FLAGS.T

LOG_DIR = FLAGS.log_dir
if not os.path.exists(LOG_DIR):
    os.mkdir(LOG_DIR)
LOG_FOUT = open(os.path.join(LOG_DIR, 'log_train.txt'), 'w')
SOFT_TARGET_FILE_PATH = os.path.join(LOG_DIR, 'soft_target.txt')
LOG_FOUT.write(str(FLAGS) + '\n')

NUM_CLASSES = 10
NUM_PIXELS = 784

BN_INIT_DECAY = 0.5
BN_DECAY_DECAY_RATE = 0.5
BN_DECAY_DECAY_STEP = float(DECAY_STEP)
BN_DECAY_CLIP = 0.99

# Load ALL data
mnist = input_data.read_data_sets("MNIST_data/", one_hot=True)

def log_string(out_str):
    LOG_FOUT.write(out_str + '\n')
    LOG_FOUT.flush()
    print(out_str)


def get_learning_rate(batch):
    learning_rate = tf.train.exponential_decay(
        BASE_LEARNING_RATE,  # Base learning rate.
        batch * BATCH_SIZE,  # Current index into the dataset.
        DECAY_STEP,  # Decay step.
        DECAY_RATE,  # Decay rate.
        staircase=True)
    learning_rate = tf.maximum(learning_rate, 0.00001)  # CLIP THE LEARNING RATE!!
    return learning_rate


def get_bn_decay(batch):
    bn_momentum = tf.train.exponential_decay(
        BN_INIT_DECAY,
        batch * BATCH_SIZE,
        BN_DECAY_DECAY_STEP,
        BN_DECAY_DECAY_RATE,
        staircase=True)
    bn_decay = tf.minimum(BN_DECAY_CLIP, 1 - bn_momentum)
    return bn_decay


def get_trainable_variables():
    # trainables = [var for var in tf.trainable_variables() if 'bias' not in var.name]# and \
    trainables = tf.trainable_variables()
    print("All {} trainable variables, {} variables to train".format(len(tf.trainable_variables()), len(trainables)))
    return trainables


def train():
    with tf.Graph().as_default():
        with tf.device('/gpu:' + str(GPU_INDEX)):
            images_pl, labels_pl = placeholder_inputs(BATCH_SIZE, NUM_PIXELS, NUM_CLASSES)
            is_training_pl = tf.placeholder(tf.bool, shape=())

            # Note the global_step=batch parameter to minimize.
            # That tells the optimizer to helpfully increment the 'batch' parameter for you every time it trains.
            batch = tf.Variable(0)
            bn_decay = get_bn_decay(batch)
            tf.summary.scalar('bn_decay', bn_decay)

            # Get model and loss
            pred_class = get_model(images_pl, is_training_pl, NUM_CLASSES, T, bn_decay=bn_decay)
            loss = get_loss(pred_class, labels_pl)

            trainables = get_trainable_variables()

            # Get training operator
            learning_rate = get_learning_rate(batch)
            tf.summary.scalar('learning_rate', learning_rate)
            if OPTIMIZER == 'momentum':
                optimizer = tf.train.MomentumOptimizer(learning_rate, momentum=MOMENTUM)
            elif OPTIMIZER == 'adam':
                optimizer = tf.train.AdamOptimizer(learning_rate)

            train_op = optimizer.minimize(loss, var_list=trainables, global_step=batch)

            # Add ops to save and restore all the variables.
            saver = tf.train.Saver()

        # Create a session
        config = tf.ConfigProto()
        config.gpu_options.allow_growth = True
        config.allow_soft_placement = True
        config.log_device_placement = True
        sess = tf.Session(config=config)

        # Add summary writers
        merged = tf.summary.merge_all()
        train_writer = tf.summary.FileWriter(os.path.join(LOG_DIR, 'train'),
                                             sess.graph)
        test_writer = tf.summary.FileWriter(os.path.join(LOG_DIR, 'test'))

        # Init variables
        init = tf.global_variables_initializer()
        sess.run(init, {is_training_pl: True})

        adam_initializers = [var.initializer for var in tf.global_variables() if 'Adam' in var.name]
        sess.run(adam_initializers)

        ops = {'images_pl': images_pl,
               'labels_pl': labels_pl,
               'is_training_pl': is_training_pl,
               'loss': loss,
               'train_op': train_op,
               'merged': merged,
               'step': batch,
               'pred_class': pred_class}

        for epoch in range(MAX_EPOCH):
            log_string('**** EPOCH %03d ****' % (epoch))
            sys.stdout.flush()

            soft_data = train_one_epoch(sess, ops)
            eval_one_epoch(sess, ops)

            # Save the variables to disk.
            if epoch % 10 == 0 or epoch == (MAX_EPOCH - 1):
                save_path = saver.save(sess, os.path.join(LOG_DIR, 'epoch_' + str(epoch) + '.ckpt'))
                log_string("Model saved in file: %s" % save_path)
                """
                SOFT_TARGET_OUT = open(SOFT_TARGET_FILE_PATH, 'w')
                print(soft_data)
                np.savetxt(SOFT_TARGET_OUT, soft_data)
                SOFT_TARGET_OUT.flush()
                SOFT_TARGET_OUT.close()
                log_string("soft target file saved.")
                """

def train_one_epoch(sess, ops):
    """ ops: dict mapping from string to tf ops """
    is_training = True
    log_string('----')
    num_batches = mnist.train.num_examples // BATCH_SIZE

    total_correct = 0
    total_seen = 0
    loss_sum = 0

    soft_data = np.zeros(shape=(mnist.train.num_examples, NUM_CLASSES))

    for batch_idx in range(num_batches):
        batch_data, batch_label = mnist.train.next_batch(BATCH_SIZE)
        feed_dict = {
            ops['images_pl']: batch_data,
            ops['labels_pl']: batch_label,
            ops['is_training_pl']: is_training
        }
        summary, step, _, loss_val, pred_val0 = sess.run([ops['merged'], ops['step'], ops['train_op'], ops['loss'], ops['pred_class']], feed_dict=feed_dict)
        pred_val = np.argmax(pred_val0, 1)
        label = np.argmax(batch_label, 1)
        correct = np.sum(pred_val == label)
        total_correct += correct
        total_seen += BATCH_SIZE
        loss_sum += loss_val

        start_idx = batch_idx * BATCH_SIZE
        end_idx = (batch_idx + 1) * BATCH_SIZE
        soft_data[start_idx:end_idx, :] = pred_val0

    log_string('mean loss: %f' % (loss_sum / float(num_batches)))
    log_string('accuracy: %f' % (total_correct / float(total_seen)))

    return soft_data


def eval_one_epoch(sess, ops):

    is_training = False

    total_correct = 0
    total_seen = 0
    loss_sum = 0

    num_batches = mnist.test.num_examples // BATCH_SIZE

    for batch_idx in range(num_batches):
        batch_data, batch_label = mnist.test.next_batch(BATCH_SIZE)
        feed_dict = {
            ops['images_pl']: batch_data,
            ops['labels_pl']: batch_label,
            ops['is_training_pl']: is_training
        }
        summary, step, _, loss_val, pred_val = sess.run([ops['merged'], ops['step'], ops['train_op'], ops['loss'], ops['pred_class']],
                                      feed_dict=feed_dict)
        pred_val = np.argmax(pred_val, 1)
        label = np.argmax(batch_label, 1)
        correct = np.sum(pred_val == label)
        total_correct += correct
        total_seen += BATCH_SIZE
        loss_sum += (loss_val * BATCH_SIZE)

    log_string('eval mean loss: %f' % (loss_sum / float(total_seen)))
    log_string('eval accuracy: %f' % (total_correct / float(total_seen)))



if __name__ == "__main__":
    train()
    LOG_FOUT.close()
