"""The demo data: the real facts around the U.S.–Mexico critical minerals plan.

`load_demo()` (and `manage.py load_demo`) writes them through `agreements.services`, in one
transaction, with "load_demo" as the history reason.

Facts come from ../shared/research/domain-facts.md and the two reports in
../shared/sources. Summaries are our own words; no source text is stored; every agreement,
link, participation, milestone, measure, event, list and participant cites at least one
document, and facts the sources disagree on are cited once per source with the value each
states. Nothing is invented: an outcome no source reports is "unknown", a date no source
gives is left blank or marked as computed, and a URL is set only where the research gives
the complete address.

Re-running: the loader only creates what is missing and never changes an existing record.
Records are found by natural key — slug; (agreement, title) for milestones and measures;
(participant, agreement, role) for participations; (source, target, kind) for links;
(list, mineral, category) for list entries; (owner, name) for aliases; (subject, field,
document) for citations. A record found is left exactly as it is, even if a staff member
has edited it since (the summary counts these), so no edit is ever lost and a second run
writes no history. M2M sets (responsible participants, evidence, minerals, event
participants, mentions) are only set on records created in the same run. Consequences of
"create what is missing": a demo record deleted by staff, or whose natural key (slug,
title) was edited, is created again on the next run.
"""

from .loader import LoadReport, load_demo

__all__ = ["LoadReport", "load_demo"]
