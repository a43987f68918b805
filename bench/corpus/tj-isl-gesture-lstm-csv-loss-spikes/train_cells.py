# ---- notebook cell 1 (source, verbatim) ----
class GestureLSTM(nn.Module):
    def __init__(self, input_size, hidden_size, num_layers, num_classes):
        """
        Initializes the LSTM model.
        :param input_size: Number of features per frame (e.g., 63 for 21 landmarks * 3 coordinates)
        :param hidden_size: Number of hidden units in the LSTM layers.
        :param num_layers: Number of LSTM layers.
        :param num_classes: Number of gesture classes.
        """
        super(GestureLSTM, self).__init__()
        self.lstm = nn.LSTM(input_size, hidden_size, num_layers, batch_first=True)
        self.dropout = nn.Dropout(0.3)
        self.fc = nn.Linear(hidden_size, num_classes)
    
    def forward(self, x):
        """
        Forward pass of the model.
        :param x: Tensor of shape (batch_size, sequence_length, input_size)
        :return: Logits for each class.
        """
        # LSTM returns outputs for each time step and a hidden state tuple; we use the last time step.
        out, _ = self.lstm(x)
        out = out[:, -1, :]  # Select the output at the final time step.
        out = self.dropout(out)
        out = self.fc(out)
        return out


# ---- notebook cell 3 (source, verbatim) ----
def train_model(data_dir, num_epochs=50, batch_size=16, learning_rate=0.001):
    # Create the dataset from the processed data directory.
    dataset = GestureDataset(data_dir)
    
    # Split dataset into training and validation sets (80% train, 20% validation).
    train_size = int(0.8 * len(dataset))
    val_size = len(dataset) - train_size
    train_dataset, val_dataset = random_split(dataset, [train_size, val_size])
    
    # Create DataLoaders for training and validation.
    train_loader = DataLoader(train_dataset, batch_size=batch_size, shuffle=True)
    val_loader = DataLoader(val_dataset, batch_size=batch_size, shuffle=False)
    
    # Determine input size (features per frame) from one sample.
    sample_seq, _ = dataset[0]
    input_size = sample_seq.shape[1]  # e.g., 63 (21 landmarks * 3 coordinates)
    num_classes = len(dataset.label2idx)
    
    # Initialize the GestureLSTM model.
    model = GestureLSTM(input_size=input_size, hidden_size=64, num_layers=2, num_classes=num_classes)
    
    # Use GPU if available.
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model.to(device)
    
    # Define the loss function and optimizer.
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=learning_rate)
    
    print(f"Training on {device} with {len(train_dataset)} training samples and {len(val_dataset)} validation samples.")
    
    best_val_loss = float('inf')
    
    # Prepare CSV logging.
    log_file = os.path.join("..", "logs", "training_log.csv")
    with open(log_file, mode="w", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["epoch", "train_loss", "train_acc", "val_loss", "val_acc"])
    
    # Training loop.
    for epoch in range(1, num_epochs + 1):
        model.train()  # Set model to training mode.
        running_loss = 0.0
        correct = 0
        total = 0
        
        # Training phase.
        for sequences, labels in train_loader:
            sequences, labels = sequences.to(device), labels.to(device)
            optimizer.zero_grad()
            outputs = model(sequences)
            loss = criterion(outputs, labels)
            loss.backward()
            optimizer.step()
            
            running_loss += loss.item() * sequences.size(0)
            _, predicted = torch.max(outputs, 1)
            total += labels.size(0)
            correct += (predicted == labels).sum().item()
        
        train_loss = running_loss / total
        train_acc = (correct / total) * 100
        
        # Validation phase.
        model.eval()  # Set model to evaluation mode.
        val_loss = 0.0
        correct_val = 0
        total_val = 0
        
        with torch.no_grad():
            for sequences, labels in val_loader:
                sequences, labels = sequences.to(device), labels.to(device)
                outputs = model(sequences)
                loss = criterion(outputs, labels)
                val_loss += loss.item() * sequences.size(0)
                _, predicted = torch.max(outputs, 1)
                total_val += labels.size(0)
                correct_val += (predicted == labels).sum().item()
        
        val_loss /= total_val
        val_acc = (correct_val / total_val) * 100
        
        print(f"Epoch [{epoch}/{num_epochs}] - "
              f"Train Loss: {train_loss:.4f}, Train Acc: {train_acc:.2f}% | "
              f"Val Loss: {val_loss:.4f}, Val Acc: {val_acc:.2f}%")
        
        # Append metrics to CSV log.
        with open(log_file, mode="a", newline="") as file:
            writer = csv.writer(file)
            writer.writerow([epoch, train_loss, train_acc, val_loss, val_acc])
        
        # Save the model checkpoint if validation loss improves.
        if val_loss < best_val_loss:
            best_val_loss = val_loss
            os.makedirs(os.path.join("..","models"), exist_ok=True)
            checkpoint_path = os.path.join("..","models", "gesture_model.pt")
            torch.save(model.state_dict(), checkpoint_path)
            print(f"Model improved. Saved checkpoint to {checkpoint_path}")
    
    print("Training complete.")


# ---- notebook cell 4 (source, verbatim) ----
DATA_DIR = os.path.join("..", "data", "processed")
train_model(DATA_DIR)

