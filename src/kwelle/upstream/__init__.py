"""Code that relies on other packages' internals, one module per package, each with a contract test."""
