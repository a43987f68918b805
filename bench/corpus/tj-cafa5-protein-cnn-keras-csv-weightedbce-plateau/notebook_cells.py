# ---- notebook cell 2 (code source, verbatim) ----
# Cell 3: Fast Sequence Encoding
print("\n" + "="*70)
print("ENCODING SEQUENCES")
print("="*70)

# Amino acid vocabulary
amino_acids = 'ACDEFGHIKLMNPQRSTVWY'
char_to_idx = {aa: idx+1 for idx, aa in enumerate(amino_acids)}
char_to_idx['<PAD>'] = 0

vocab_size = len(char_to_idx)

def encode_sequences(sequences, char_to_idx):
    """Fast encoding"""
    encoded = []
    for seq in sequences:
        encoded.append([char_to_idx.get(char, 0) for char in seq])
    return encoded

# Encode
print("Encoding...")
X_train_encoded = encode_sequences(sequences_train, char_to_idx)
X_val_encoded = encode_sequences(sequences_val, char_to_idx)
X_test_encoded = encode_sequences(sequences_test, char_to_idx)

# Use shorter max length for speed
MAX_LENGTH = 500  # Reduced from 95th percentile

# Pad
X_train_seq = pad_sequences(X_train_encoded, maxlen=MAX_LENGTH, padding='post', truncating='post')
X_val_seq = pad_sequences(X_val_encoded, maxlen=MAX_LENGTH, padding='post', truncating='post')
X_test_seq = pad_sequences(X_test_encoded, maxlen=MAX_LENGTH, padding='post', truncating='post')

print(f"✓ Encoded and padded to length {MAX_LENGTH}")
print(f"  X_train_seq: {X_train_seq.shape}")
print(f"  X_val_seq: {X_val_seq.shape}")
print(f"  X_test_seq: {X_test_seq.shape}")

# ---- notebook cell 3 (code source, verbatim) ----
# Cell 4: Optimized CNN Model (Best Performance)
print("\n" + "="*70)
print("BUILDING OPTIMIZED CNN MODEL")
print("="*70)

num_labels = y_mf_train.shape[1]

# Optimized CNN - Fast and Accurate
model = models.Sequential([
    # Embedding - smaller dimension for speed
    layers.Embedding(input_dim=vocab_size, output_dim=32, input_length=MAX_LENGTH),
    
    # Conv Block 1
    layers.Conv1D(64, kernel_size=3, activation='relu', padding='same'),
    layers.MaxPooling1D(pool_size=2),
    layers.Dropout(0.3),
    
    # Conv Block 2
    layers.Conv1D(128, kernel_size=5, activation='relu', padding='same'),
    layers.MaxPooling1D(pool_size=2),
    layers.Dropout(0.3),
    
    # Conv Block 3
    layers.Conv1D(128, kernel_size=7, activation='relu', padding='same'),
    layers.GlobalMaxPooling1D(),
    layers.Dropout(0.4),
    
    # Dense
    layers.Dense(256, activation='relu'),
    layers.Dropout(0.5),
    
    # Output
    layers.Dense(num_labels, activation='sigmoid')
])

print("\n📐 MODEL ARCHITECTURE:")
model.summary()

# Compile
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.001),
    loss='binary_crossentropy',
    metrics=['accuracy', 'precision', 'recall']
)

print("\n✓ Model compiled and ready to train")

# ---- notebook cell 4 (code source, verbatim) ----
import numpy as np

pos = np.sum(y_mf_train == 1)
neg = np.sum(y_mf_train == 0)

pos_weight = neg / pos
print("Positive weight:", pos_weight)

# ---- notebook cell 5 (code source, verbatim) ----
import tensorflow as tf

def weighted_binary_crossentropy(pos_weight):
    def loss(y_true, y_pred):
        epsilon = 1e-7
        y_pred = tf.clip_by_value(y_pred, epsilon, 1 - epsilon)

        loss = -(pos_weight * y_true * tf.math.log(y_pred) +
                 (1 - y_true) * tf.math.log(1 - y_pred))

        return tf.reduce_mean(loss)
    return loss

# ---- notebook cell 6 (code source, verbatim) ----
from tensorflow.keras.metrics import Precision, Recall, AUC

model.compile(
    optimizer='adam',
    loss=weighted_binary_crossentropy(pos_weight),   # ⭐ FIXED
    metrics=[
        Precision(name='precision'),
        Recall(name='recall'),
        AUC(curve='PR', name='aupr')   # ⭐ MOST IMPORTANT
    ]
)

# ---- notebook cell 7 (code source, verbatim) ----
import os
import json
from tensorflow.keras import callbacks

BASE_DIR = "C:/Users/s.c/Documents/DataScience-Projects/protein-function-prediction-cafa5"

MODEL_DIR = os.path.join(BASE_DIR, "models")
REPORT_DIR = os.path.join(BASE_DIR, "reports")
LOG_DIR = os.path.join(BASE_DIR, "logs")

os.makedirs(MODEL_DIR, exist_ok=True)
os.makedirs(REPORT_DIR, exist_ok=True)
os.makedirs(LOG_DIR, exist_ok=True)

# ---- notebook cell 8 (code source, verbatim) ----
model_callbacks = [
    callbacks.EarlyStopping(
        monitor='val_loss',
        patience=3,
        restore_best_weights=True,
        verbose=1
    ),
    callbacks.ReduceLROnPlateau(
        monitor='val_loss',
        factor=0.5,
        patience=2,
        min_lr=1e-6,
        verbose=1
    ),
    callbacks.CSVLogger(
        os.path.join(LOG_DIR, "training_log.csv"),
        append=False
    )
]

# ---- notebook cell 9 (code source, verbatim) ----
print("\nTraining started...\n")

history = model.fit(
    X_train_seq, y_mf_train,
    validation_data=(X_val_seq, y_mf_val),
    epochs=15,
    batch_size=128,
    callbacks=model_callbacks,
    verbose=1
)

print("\n✓ Training complete!")

