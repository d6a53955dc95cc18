"""The Django admin, where staff edit every record.

Every write goes through `agreements.services` (`record_save`, `record_delete`,
`milestone_complete`), so a rule that holds for the API and the commands holds here
too, and every change lands in the record's history with the staff user and a reason.
Change lists read through annotations, `select_related` and prefetches, so a page
makes the same number of queries whatever the number of rows.

`base` is what every admin here shares, `inlines` the inline forms, `records` one admin
per record type, `display` and `citations` what both show and read; the admin's
autodiscovery imports this package, which imports `records` so that they are registered.
"""

from agreements.admin import records  # noqa: F401  (registers the admins)
