"""Date formats per language: the names templates use (DATE_FORMAT, SHORT_DATE_FORMAT…)."""
