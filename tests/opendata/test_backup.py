"""export_kb → import_kb loses nothing: same records, same history, same citations."""

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from agreements import models as m
from agreements import services
from agreements.history.recording import recording
from agreements.opendata import backup
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_kb(staff_user):
    agreement = factories.WindowedAgreementFactory(title="Plan", summary="First words.")
    agreement.summary = "Second words."
    services.record_save(instance=agreement, by=staff_user, reason="Clearer summary")
    mineral = factories.MineralFactory(name="Lithium", symbol="Li")
    factories.MineralAliasFactory(mineral=mineral, name="Litio", language="es")
    measure = factories.MeasureFactory(agreement=agreement, kind="price_floor")
    measure.minerals.add(mineral)
    milestone = factories.MilestoneFactory(agreement=agreement, due_on=None, due_day=60)
    services.milestone_complete(
        milestone=milestone, completed_on=dt.date(2026, 4, 1), by=staff_user
    )
    document = factories.DocumentFactory(text="Texto.")
    milestone.evidence.add(document)
    services.citation_create(
        subject=agreement,
        document=document,
        field_name="window_start",
        locator="paragraph 1",
        stated_value="4 Feb 2026",
        by=staff_user,
    )
    factories.MineralListEntryFactory(mineral=mineral, category="strategic")
    with recording(via=m.Via.ADMIN):
        services.record_save(instance=measure, by=staff_user, relations={"minerals": [mineral]})
    m.EditorProfile.objects.create(user=staff_user, public_name="S. Taff", show_name=True)
    return agreement


# Django's JSON keeps times to the millisecond and writes a time whose microseconds are
# below 1,000 as ".000Z", which reads back as a whole second and is then written "Z": the
# same instant, written two ways.
_WHOLE_SECOND = re.compile(r"(T\d\d:\d\d:\d\d)\.000Z")


def _rows(path):
    text = _WHOLE_SECOND.sub(r"\1Z", Path(path).read_text(encoding="utf-8"))
    return sorted(json.loads(text), key=lambda row: (row["model"], row["pk"]))


def test_round_trip_is_record_for_record_identical(small_kb, tmp_path):
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    call_command("export_kb", str(first))
    call_command("import_kb", str(first), "--replace")
    call_command("export_kb", str(second))

    before, after = _rows(first), _rows(second)
    assert before == after
    models_exported = {row["model"] for row in before}
    assert {
        "agreements.agreement",
        "agreements.historicalagreement",
        "agreements.citation",
        "agreements.historicalcitation",
        "agreements.measure",
    } <= models_exported

    agreement = m.Agreement.objects.get(pk=small_kb.pk)
    assert agreement.summary == "Second words."
    history = list(agreement.history.order_by("history_id"))
    assert [h.summary for h in history] == ["First words.", "Second words."]
    assert history[-1].history_user.username == "staff"
    assert history[-1].history_change_reason == "Clearer summary"
    citation = agreement.citations.get()
    assert (citation.field_name, citation.stated_value) == ("window_start", "4 Feb 2026")
    assert list(m.Measure.objects.get().minerals.values_list("name", flat=True)) == ["Lithium"]
    assert m.Milestone.objects.get().evidence.count() == 1
    # How each change arrived, the links it left and who is credited publicly.
    measure_row = m.Measure.history.latest()
    assert measure_row.history_via == m.Via.ADMIN
    assert measure_row.history_relations == {"minerals": [m.Mineral.objects.get().pk]}
    assert m.EditorProfile.objects.get().public_name == "S. Taff"
    assert "agreements.searchentry" not in models_exported
    assert m.SearchEntry.objects.filter(agreement=agreement).exists()
    # Sequences were reset: a new record after the import gets a fresh id.
    assert factories.AgreementFactory().pk > agreement.pk


def test_import_refuses_a_database_that_holds_records(small_kb, tmp_path):
    path = tmp_path / "kb.json"
    call_command("export_kb", str(path))
    count = m.Agreement.objects.count()
    with pytest.raises(CommandError, match="already holds knowledge-base records"):
        call_command("import_kb", str(path))
    assert m.Agreement.objects.count() == count


def test_import_into_an_empty_database_recreates_missing_editors(small_kb, tmp_path):
    path = tmp_path / "kb.json"
    call_command("export_kb", str(path))
    backup._clear_kb()
    get_user_model().objects.filter(username="staff").delete()
    assert backup.kb_is_empty()

    call_command("import_kb", str(path))

    editor = get_user_model().objects.get(username="staff")
    assert editor.editor_profile.public_name == "S. Taff"
    assert not editor.is_active
    assert not editor.has_usable_password()
    assert m.Agreement.history.filter(history_user=editor).exists()
    assert _rows(path) == _rows(_export_again(tmp_path))


def _export_again(tmp_path):
    path = tmp_path / "again.json"
    backup.export_kb(path)
    return path


def test_export_leaves_out_secrets(small_kb, tmp_path):
    path = tmp_path / "kb.json"
    backup.export_kb(path)
    text = path.read_text(encoding="utf-8")
    assert "pbkdf2" not in text
    assert all(row["model"].startswith("agreements.") for row in json.loads(text))
