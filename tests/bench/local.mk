# Benchmarks: make bench (not part of make check).
