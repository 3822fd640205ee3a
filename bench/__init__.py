"""Benchmarks and quality evaluations (not part of `make test`; `make bench` runs them)."""
