"""Tests of `agreements.admin`: every model's pages, query budgets, writes through the services."""
