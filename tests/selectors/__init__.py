"""Tests of `agreements.selectors`: citations, record reads, the timeline, comparisons."""
