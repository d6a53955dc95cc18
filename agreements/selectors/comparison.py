"""Mineral lists side by side, and what changed between editions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from agreements import models as m


@dataclass
class ComparisonRow:
    mineral: m.Mineral
    cells: list[list[m.MineralListEntry]]  # one cell per list, in the lists' order

    @property
    def in_all(self) -> bool:
        return all(self.cells)

    @property
    def count(self) -> int:
        return sum(1 for cell in self.cells if cell)


@dataclass
class EditionChange:
    earlier: m.MineralList
    later: m.MineralList
    added: list[m.Mineral]
    removed: list[m.Mineral]


@dataclass
class ListComparison:
    lists: list[m.MineralList]
    rows: list[ComparisonRow]
    edition_changes: list[EditionChange]

    @property
    def in_all(self) -> list[ComparisonRow]:
        return [row for row in self.rows if row.in_all]

    @property
    def in_some(self) -> list[ComparisonRow]:
        return [row for row in self.rows if not row.in_all]


def compare_mineral_lists(lists: Iterable[m.MineralList]) -> ListComparison:
    """Minerals of several lists side by side, and what changed between editions."""
    lists = sorted(lists, key=lambda item: (item.edition, item.name))
    position = {item.pk: index for index, item in enumerate(lists)}
    entries = m.MineralListEntry.objects.filter(mineral_list__in=lists).select_related("mineral")
    by_mineral: dict[int, ComparisonRow] = {}
    for entry in entries:
        row = by_mineral.setdefault(
            entry.mineral_id, ComparisonRow(entry.mineral, [[] for _item in lists])
        )
        row.cells[position[entry.mineral_list_id]].append(entry)
    rows = sorted(by_mineral.values(), key=lambda row: (-row.count, row.mineral.name))

    def minerals_on(item: m.MineralList) -> dict[int, m.Mineral]:
        return {row.mineral.pk: row.mineral for row in rows if row.cells[position[item.pk]]}

    changes = []
    for later in lists:
        if later.previous_edition_id in position:
            earlier = lists[position[later.previous_edition_id]]
            before, after = minerals_on(earlier), minerals_on(later)
            changes.append(
                EditionChange(
                    earlier=earlier,
                    later=later,
                    added=sorted((after[k] for k in after.keys() - before.keys()), key=str),
                    removed=sorted((before[k] for k in before.keys() - after.keys()), key=str),
                )
            )
    return ListComparison(lists=lists, rows=rows, edition_changes=changes)
