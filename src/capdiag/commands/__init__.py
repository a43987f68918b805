"""One module per command: `analyze`, `check`, `plan`, `compare`, `watch`, and the options
they share (`options`). `capdiag.cli` builds the typer app and registers them."""
