# ---- notebook cell 21 ----
fashion_mnist = keras.datasets.fashion_mnist
(X_train_full, y_train_full), (X_test, y_test) = fashion_mnist.load_data()

# ---- notebook cell 27 ----
X_valid, X_train = X_train_full[:5000] / 255., X_train_full[5000:] / 255.
y_valid, y_train = y_train_full[:5000], y_train_full[5000:]
X_test = X_test / 255.

# ---- notebook cell 42 ----
keras.backend.clear_session()
np.random.seed(42)
tf.random.set_seed(42)

# ---- notebook cell 43 ----
model = keras.models.Sequential([
    keras.layers.Flatten(input_shape=[28, 28]),
    keras.layers.Dense(300, activation="relu"),
    keras.layers.Dense(100, activation="relu"),
    keras.layers.Dense(10, activation="softmax")
])

# ---- notebook cell 54 ----
model.compile(loss="sparse_categorical_crossentropy",
              optimizer="sgd",
              metrics=["accuracy"])

# ---- notebook cell 57 ----
history = model.fit(X_train, y_train, epochs=30,
                    validation_data=(X_valid, y_valid))
