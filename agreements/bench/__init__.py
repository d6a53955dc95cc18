"""The benchmarks' library; `manage.py bench`, `bench_search` and `generate_volume` are
thin commands over it.

- `volume`: synthetic records (`vol-…`) for the HTTP benchmark.
- `http`: the site under gunicorn, measured with wrk against the bare /healthz view.
- `search`: search latency over generated documents with text (`bench-…`).
- `report`: the results as Markdown, and docs/benchmarks.md below its marker.
"""
