"""The benchmark library's tests (timings are measured, never asserted)."""
