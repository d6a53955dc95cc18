"""The benchmarks' library; the management commands are thin wrappers over it.

- `search`: search latency over generated documents with text (`bench-…`).
"""
