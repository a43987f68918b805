# --- cell 7 (verbatim) ---
%%time

NUM_EPOCHS = 10
IMAGENET_MEAN = np.array([0.485, 0.456, 0.406])
IMAGENET_STD  = np.array([0.229, 0.224, 0.225])

# --- WandB: Initialize a new run ---
def start_run(run_name, config=None):
    """Initialize a WandB run for the team."""
    wandb.init(
        entity="adl-group-10",
        project="Lab-0",
        name=run_name,
        config=config or {}
    )

# --- WandB: Close the run ---
def end_run():
    """Close the current WandB run."""
    wandb.finish()

def train_model(model, optimizer, trainloader, num_epochs, run_name):
    """Training function with WandB logging."""

    criterion = nn.CrossEntropyLoss()

    for epoch in range(num_epochs):
        model.train()
        running_loss = 0.0
        correct = 0
        total = 0

        for inputs, labels in trainloader:
            inputs, labels = inputs.to(device), labels.to(device)

            optimizer.zero_grad()
            outputs = model(inputs)
            loss = criterion(outputs, labels)
            loss.backward()
            optimizer.step()

            running_loss += loss.item()
            _, predicted = outputs.max(1)
            total += labels.size(0)
            correct += predicted.eq(labels).sum().item()

        epoch_loss = running_loss / len(trainloader)
        epoch_acc = 100. * correct / total

        # --- WandB: Log training metrics each epoch ---
        log_dict = {
            "training_loss": epoch_loss,
            "training_accuracy": epoch_acc,
            "epoch": epoch + 1
        }
        for i, pg in enumerate(optimizer.param_groups):
            log_dict[f"learning_rate_group_{i}"] = pg['lr']
        wandb.log(log_dict)

        print(f'Epoch [{epoch+1}/{num_epochs}] | Loss: {epoch_loss:.4f} | Train Acc: {epoch_acc:.2f}%')

    print('Training complete!')
    return model


def evaluate_model(model, testloader, label):
    """Evaluation function."""
    model.eval()
    correct = 0
    total = 0
    all_preds = []
    all_labels = []

    with torch.no_grad():
        for inputs, labels in testloader:
            inputs, labels = inputs.to(device), labels.to(device)
            outputs = model(inputs)
            _, predicted = outputs.max(1)
            total += labels.size(0)
            correct += predicted.eq(labels).sum().item()
            all_preds.extend(predicted.cpu().numpy())
            all_labels.extend(labels.cpu().numpy())

    acc = 100. * correct / total
    print(f'Test Accuracy ({label}): {acc:.2f}%')
    return acc, all_preds, all_labels

def log_prediction_samples(model, testloader, run_name, num_samples=32):
    """Log a grid of sample predictions to WandB."""
    model.eval()
    images, labels = next(iter(testloader))
    images, labels = images[:num_samples].to(device), labels[:num_samples]
    
    with torch.no_grad():
        preds = model(images).argmax(1).cpu()
    
    fig, axes = plt.subplots(4, 8, figsize=(16, 8))
    for i, ax in enumerate(axes.flat):
        img = unnormalize_imagenet(images[i].cpu())
        ax.imshow(img)
        color = 'green' if preds[i] == labels[i] else 'red'
        ax.set_title(f'P:{preds[i]} / T:{labels[i]}', color=color, fontsize=10)
        ax.axis('off')
    plt.tight_layout()
    wandb.log({f"{run_name}_predictions": wandb.Image(fig)})
    plt.close()

def count_params(model):
    """Log trainable vs total parameter counts to WandB."""
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    total = sum(p.numel() for p in model.parameters())
    print(f'Parameters: {trainable:,} trainable / {total:,} total')
    wandb.log({"trainable_params": trainable, "total_params": total})

def unnormalize_imagenet(tensor):
    # tensor: C x H x W (on CPU)
    img = tensor.permute(1, 2, 0).numpy()
    img = (img * IMAGENET_STD) + IMAGENET_MEAN
    return img.clip(0, 1)

# Dictionary to collect all results
results = {}

# --- cell 20 (verbatim) ---
%%time

class CNN(nn.Module):
    def __init__(self, activation_fn=nn.LeakyReLU()):
        super(CNN, self).__init__()
        self.activation_fn = activation_fn

        # Convolutional layers
        self.conv_block = nn.Sequential(
            nn.Conv2d(3, 32, kernel_size=3, padding=1),
            self.activation_fn,
            nn.MaxPool2d(2, 2),

            nn.Conv2d(32, 64, kernel_size=3, padding=1),
            self.activation_fn,
            nn.MaxPool2d(2, 2),

            nn.Conv2d(64, 128, kernel_size=3, padding=1),
            self.activation_fn,
            nn.MaxPool2d(2, 2)
        )

        # Fully connected layers
        self.fc_block = nn.Sequential(
            nn.Flatten(),
            nn.Linear(128 * 4 * 4, 256),
            self.activation_fn,
            nn.Dropout(p=0.5),
            nn.Linear(256, 10)
        )

    def forward(self, x):
        x = self.conv_block(x)
        x = self.fc_block(x)
        return x

# --- cell 22 (verbatim) ---
%%time

start_run('cnn_mnist', config={
    "architecture": "CNN",
    "dataset": "MNIST",
    "activation": "LeakyReLU",
    "optimizer": "Adam",
    "learning_rate": 0.001,
    "epochs": NUM_EPOCHS
})

cnn_mnist = CNN(activation_fn=nn.LeakyReLU()).to(device)
count_params(cnn_mnist)

optimizer_mnist = optim.Adam(cnn_mnist.parameters(), lr=1e-3, weight_decay=1e-4)

print('=== Training CNN on MNIST ===')
cnn_mnist = train_model(
    model=cnn_mnist,
    optimizer=optimizer_mnist,
    trainloader=mnist_trainloader,
    num_epochs=NUM_EPOCHS,
    run_name='cnn_mnist'
)

results['MNIST CNN'], _, _ = evaluate_model(cnn_mnist, mnist_testloader, 'CNN on MNIST')
wandb.log({"test_accuracy": results['MNIST CNN']})
log_prediction_samples(cnn_mnist, mnist_testloader, 'step1_mnist')

end_run()
