"""Tests of the search package: indexing, queries, ranking, snippets, facets, phrases."""
