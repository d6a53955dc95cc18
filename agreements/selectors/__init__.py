"""Reads that join, for the public pages.

Each function makes a fixed number of queries whatever the number of rows, so a
page's query count does not grow with the data. Date logic stays in `timeline.py`:
functions that need the date take `today`.

`citations` groups a page's citations by fact, `records` reads each record type's
list and detail page, `comparison` sets mineral lists side by side, and `dated` is the
timeline: every dated record in one date order.
"""
