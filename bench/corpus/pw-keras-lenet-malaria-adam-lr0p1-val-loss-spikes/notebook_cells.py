# ---- notebook code cell 0 (verbatim source) ----
import tensorflow as tf
import numpy as np
from matplotlib import pyplot as plt
import tensorflow_datasets as tfds
from tensorflow.keras.layers import Conv2D , MaxPool2D , Dense , Flatten , InputLayer , BatchNormalization
from tensorflow.keras.optimizers import Adam
from tensorflow.keras.losses import BinaryCrossentropy
from tensorflow.keras.metrics import Accuracy

# ---- notebook code cell 3 (verbatim source) ----
dataset , dataset_info = tfds.load("malaria", with_info = True , as_supervised = True , shuffle_files = True , split = ["train"])

# ---- notebook code cell 7 (verbatim source) ----
def splits(dataset, TRAIN_RATIO , VAL_RATIO , TEST_RATIO):
     DATASET_SIZE =  len(dataset)

     train_dataset =  dataset.take(int(TRAIN_RATIO*DATASET_SIZE))

     val_test_dataset = dataset.skip(int(TRAIN_RATIO*DATASET_SIZE))
     val_dataset =  val_test_dataset.take(int(VAL_RATIO*DATASET_SIZE))

     test_dataset = val_test_dataset.skip(int(VAL_RATIO*DATASET_SIZE))
     return train_dataset , val_dataset , test_dataset

# ---- notebook code cell 8 (verbatim source) ----
TRAIN_RATIO = 0.8
VAL_RATIO = 0.1
TEST_RATIO = 0.1

train_dataset , val_dataset , test_dataset = splits( dataset[0] , TRAIN_RATIO , VAL_RATIO, TEST_RATIO)
# print(list(train_dataset.take(1).as_numpy_iterator()) , list(val_dataset.take(1).as_numpy_iterator()) , list(test_dataset.take(1).as_numpy_iterator()))

# ---- notebook code cell 18 (verbatim source) ----
BATCH_SIZE = 32
train_dataset = train_dataset.shuffle(buffer_size = 8 , reshuffle_each_iteration=True).batch(BATCH_SIZE).prefetch(tf.data.AUTOTUNE)
val_dataset = val_dataset.shuffle(buffer_size = 8 , reshuffle_each_iteration=True).batch(BATCH_SIZE).prefetch(tf.data.AUTOTUNE)

# ---- notebook code cell 20 (verbatim source) ----
lenet_model = tf.keras.Sequential([
                                InputLayer(input_shape = (IM_SIZE,IM_SIZE,3)),

                                Conv2D(filters=6, kernel_size=3,strides=1, padding='valid',activation = "relu"),
                                BatchNormalization(),
                                MaxPool2D(pool_size=(2, 2), strides=2),

                                Conv2D(filters=16, kernel_size=3 ,strides=1, padding='valid',activation = "relu"),
                                BatchNormalization(),
                                MaxPool2D(pool_size=(2, 2), strides=2),

                                Flatten(),

                                Dense(100, activation = "relu"),
                                BatchNormalization(),

                                Dense(10, activation = "relu"),
                                BatchNormalization(),

                                Dense(1, activation = "sigmoid"),
])
lenet_model.summary()

# ---- notebook code cell 21 (verbatim source) ----
lenet_model.compile(
    optimizer = Adam(learning_rate = 0.1),
    loss = BinaryCrossentropy(),
    metrics = ["accuracy"]
)

# ---- notebook code cell 23 (verbatim source) ----
history = lenet_model.fit(train_dataset , validation_data = val_dataset, epochs=20, verbose =1)

# ---- notebook code cell 24 (verbatim source) ----
import json

history_dict = history.history
history_path = "/content/training_history.txt"
with open(history_path, "w") as f:
    json.dump(history_dict, f)
files.download(history_path)
