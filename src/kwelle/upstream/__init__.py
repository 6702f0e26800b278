"""Code that relies on another package's internals, one module per package, each with its contract test."""
