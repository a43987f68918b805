"""capdiag: diagnose deep-learning training runs from their logs and configs."""

__version__ = "0.1.0"
