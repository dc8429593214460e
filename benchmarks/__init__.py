"""Benchmarks on the real corpus: ``make bench`` runs them and writes ``RESULTS.md``."""
