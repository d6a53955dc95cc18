"""Tests of the open data package: list downloads, the dataset file, backup and restore."""
