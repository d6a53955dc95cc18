"""History of the records, beside django-simple-history: recording it and reading it back.

- `recording`: how a change arrived (admin, API, command) and the many-to-many links,
  written on every history row.
- `changes`: pages of recent changes, the whole site's or one record's, as `Change`s.
- `versions`: one record's versions, their fields and what each changed; a document's
  text versions and their differences.
- `names`: the display names and titles of the records that changes and versions name.
- `snapshots`: records as they stood at a moment, with their related records.
- `citing`: references to one version of a record, and the record pages that have versions.
- `provenance`: where facts stand with their sources (disputed, thin, unsourced).
"""
