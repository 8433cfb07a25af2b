"""Benchmarks: figures printed, never asserted (the test suite has no timings)."""
