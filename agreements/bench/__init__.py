"""The benchmarks' library; the management commands are thin wrappers over it.

- `volume`: synthetic records (`vol-…`) for the HTTP benchmark.
- `search`: search latency over generated documents with text (`bench-…`).
"""
