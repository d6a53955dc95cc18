"""Selectors: list comparison."""

from agreements.selectors.comparison import compare_mineral_lists
from agreements.selectors.records import mineral_list_detail
from tests import factories as f


def test_compare_lists_reports_added_and_removed_between_editions(db):
    old = f.MineralListFactory(edition=2022, name="Old")
    new = f.MineralListFactory(edition=2025, name="New", previous_edition=old)
    kept, dropped, added = (
        f.MineralFactory(name="Kept"),
        f.MineralFactory(name="Dropped"),
        (f.MineralFactory(name="Added")),
    )
    for mineral in (kept, dropped):
        f.MineralListEntryFactory(mineral_list=old, mineral=mineral)
    for mineral in (kept, added):
        f.MineralListEntryFactory(mineral_list=new, mineral=mineral)
    comparison = compare_mineral_lists([new, old])
    assert comparison.lists == [old, new]
    assert [row.mineral for row in comparison.in_all] == [kept]
    assert {row.mineral for row in comparison.in_some} == {dropped, added}
    (change,) = comparison.edition_changes
    assert (change.earlier, change.later) == (old, new)
    assert change.added == [added] and change.removed == [dropped]
    detail = mineral_list_detail(new)
    assert detail.removed == [dropped]
