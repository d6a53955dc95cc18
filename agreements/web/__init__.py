"""The public website: pages, feeds, calendars, downloads, sitemaps, the window SVG.

Thin: parse the request, call selectors or the core packages, render. It never imports
the API (agreements.api), and the API never imports it.
"""
