"""Tests of the public website: pages, feeds, calendars, downloads, the window SVG."""
