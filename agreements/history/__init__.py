"""History of the records, beside django-simple-history: recording it and reading it back.

- `recording`: how a change arrived (admin, API, command) and the many-to-many links,
  written on every history row.
- `snapshots`: records as they stood at a moment, with their related records.
- `citing`: references to one version of a record, and the record pages that have versions.
- `provenance`: where facts stand with their sources (disputed, thin, unsourced).
"""
