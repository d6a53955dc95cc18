"""Tests of the history package: recording, provenance."""
