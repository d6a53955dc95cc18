"""Full-text search over agreements, milestones, participants, minerals, events and documents.

Each searchable record has one `SearchEntry` row, written by `index` and nowhere else:
`services.record_save` and `record_delete` call `index.index_record` /
`index.unindex_record`, and `rebuild_search_index` recreates every row (after loaddata or
a bulk import).

PostgreSQL ranks with a weighted `tsvector` kept in the row (GIN-indexed) and cuts
snippets with `ts_headline`; SQLite matches word prefixes with a regular expression and
ranks with the same weights. Both match on `normalised`, the text lowercased with its
accents stripped, so "energia" finds "Energía".

A search is one statement (and on PostgreSQL one more for the snippets) whose work is
bounded whatever the number of matches: very large result sets are counted from a random
sample and ranked in blocks of their most recent matches. See docs/search.md.

- `text`: the pieces of an entry's text and their weights, folding and cleaning, stop words;
- `specs`: what each record type puts in the index (`INDEXED`, `PART_OF_ENTRY`);
- `index`: writing the index (`index_record`, `unindex_record`, `rebuild_index`);
- `query`: reading a query (`parse_query`) and the conditions that match it;
- `snippets`: highlighted titles and snippets;
- `statement`: the one SQL statement of a search, and the bounds of its work;
- `forms`: the query and its filters as the page, the feeds and the API take them;
- `engine`: `search` and `matching_entries`, and the results they return.
"""
