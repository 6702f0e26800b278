"""Benchmarks of the journal build; see benchmarks/README.md."""
