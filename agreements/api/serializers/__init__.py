"""Representations of every record, and the writes that go through the services.

Related records appear as slugs (writable) and API URLs (read-only). `expanded` holds
the related records named in `?expand=`, one level deep. Each serializer names the
joins it reads (`select`, `prefetch`) so a list costs the same number of queries
whatever its length; the viewsets apply them.

Writes never call `Model.objects.create()` or `save()` directly: `create` and
`update` hand the instance to `services.record_save`, which runs `full_clean()`
(DRF does not) and records the acting user in the history.

- `base`: what every record serializer shares (slug references, JSON types,
  expansion, writes through the services).
- `nested`: what the record serializers embed or compute (inline relations, the
  window, a milestone's state).
- `records`: one serializer per record type, and the map of them by resource name.
- `citations`: the citation record, whose subject is a record of any cited type.
- `history`: a record's versions and references to them.
"""
