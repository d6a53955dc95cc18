"""The dataset: built into storage (never a local file the site reads), served from it,
shown on /data/ with its size, date and SHA-256; and the data dictionary, which must
name every field the file holds, and nothing the file leaves out or never fills."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from agreements import models as m
from agreements import services
from agreements.opendata import backup, dataset
from tests import factories as f

pytestmark = pytest.mark.django_db

BUILT_AT = dt.datetime(2026, 3, 20, 14, 30, tzinfo=dt.UTC)


def text_of(response) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)).strip()


@pytest.fixture
def small_kb(staff_user):
    plan = f.WindowedAgreementFactory(title="Plan", slug="plan")
    plan.summary = "Edited once, so it has history."
    services.record_save(instance=plan, by=staff_user, reason="Clearer summary")
    document = f.DocumentFactory(title="Press release")
    services.citation_create(subject=plan, document=document, field_name="window_days")
    return plan


def stored_files() -> list[str]:
    try:
        return sorted(default_storage.listdir(dataset.DATASET_DIR)[1])
    except FileNotFoundError:
        return []


def download(client) -> bytes:
    response = client.get("/data/minerals-kb.json")
    assert response.status_code == 200
    assert response.streaming
    return b"".join(response.streaming_content)


# --- Building and serving ------------------------------------------------------------


def test_before_any_build_the_page_says_so_and_the_file_is_404(client, small_kb):
    response = client.get("/data/")
    assert response.status_code == 200
    assert "The file has not been built yet." in text_of(response)
    assert "/data/minerals-kb.json" not in response.content.decode()
    assert client.get("/data/minerals-kb.json").status_code == 404


def test_a_build_is_stored_shown_and_served_with_its_size_date_and_hash(client, small_kb):
    build = dataset.build(now=BUILT_AT)
    assert build.changed
    assert stored_files() == [
        f"manifest-20260320T143000000000Z-{build.dataset.sha256[:12]}.json",
        f"minerals-kb-20260320T143000000000Z-{build.dataset.sha256[:12]}.json",
    ]

    body = download(client)
    assert hashlib.sha256(body).hexdigest() == build.dataset.sha256
    assert len(body) == build.dataset.size
    rows = json.loads(body)
    assert {"agreements.agreement", "agreements.historicalagreement", "agreements.citation"} <= {
        row["model"] for row in rows
    }
    plan = next(row for row in rows if row["model"] == "agreements.agreement")
    assert plan["fields"]["summary"] == "Edited once, so it has history."

    response = client.get("/data/minerals-kb.json")
    assert response["Content-Disposition"] == 'attachment; filename="minerals-kb-2026-03-20.json"'
    assert response["Content-Length"] == str(build.dataset.size)
    assert response["ETag"] == f'"{build.dataset.sha256}"'
    assert response["Last-Modified"] == "Fri, 20 Mar 2026 14:30:00 GMT"

    page = text_of(client.get("/data/"))
    assert "Download minerals-kb-2026-03-20.json" in page
    assert f"SHA-256 {build.dataset.sha256}" in page
    assert f"({build.dataset.size} bytes)" in page
    assert "20 March 2026, 10:30 EDT" in page  # shown in TIME_ZONE
    assert 'href="/data/minerals-kb.json"' in client.get("/data/").content.decode()


def test_the_public_file_names_no_editor_and_still_loads(client, small_kb, staff_user, tmp_path):
    m.EditorProfile.objects.create(user=staff_user, public_name="S. Taff", show_name=True)
    dataset.build(now=BUILT_AT)
    body = download(client)
    rows = json.loads(body)

    history = [row for row in rows if row["model"] == "agreements.historicalagreement"]
    assert [row["fields"]["history_change_reason"] for row in history][-1] == "Clearer summary"
    assert all(row["fields"]["history_user"] is None for row in history)
    assert staff_user.username.encode() not in body
    assert "agreements.editorprofile" not in {row["model"] for row in rows}

    path = tmp_path / "public.json"
    path.write_bytes(body)
    call_command("import_kb", str(path), "--replace")
    assert m.Agreement.objects.get(slug="plan").history.count() == 2


def test_an_unchanged_download_is_a_304(client, small_kb):
    build = dataset.build(now=BUILT_AT)
    response = client.get("/data/minerals-kb.json", HTTP_IF_NONE_MATCH=f'"{build.dataset.sha256}"')
    assert response.status_code == 304
    assert response.content == b""


def test_building_again_without_changes_writes_nothing(small_kb):
    first = dataset.build(now=BUILT_AT)
    files = stored_files()
    again = dataset.build(now=BUILT_AT + dt.timedelta(hours=1))
    assert not again.changed
    assert again.dataset == first.dataset
    assert stored_files() == files


def test_a_change_makes_a_new_build_and_only_the_two_newest_are_kept(client, small_kb):
    builds = []
    for day in range(3):
        f.MineralFactory(name=f"Mineral of day {day}")
        builds.append(dataset.build(now=BUILT_AT + dt.timedelta(days=day)))
    assert all(build.changed for build in builds)
    assert len({build.dataset.sha256 for build in builds}) == 3
    assert dataset.current() == builds[2].dataset
    kept = {build.dataset.name.rsplit("/", 1)[1] for build in builds[1:]}
    assert {name for name in stored_files() if name.startswith("minerals-kb-")} == kept
    assert len([name for name in stored_files() if name.startswith("manifest-")]) == 2
    assert b"Mineral of day 2" in download(client)


def test_a_manifest_being_written_leaves_the_previous_build_current(small_kb):
    built = dataset.build(now=BUILT_AT).dataset
    default_storage.save(
        f"{dataset.DATASET_DIR}/manifest-20260321T000000000000Z-000000000000.json",
        ContentFile(b'{"name": "dataset/minerals-kb-2026'),
    )
    assert dataset.current() == built


def test_a_half_built_file_is_removed_once_older_than_the_kept_builds(small_kb):
    orphan = f"{dataset.DATASET_DIR}/minerals-kb-20260101T000000000000Z-aaaaaaaaaaaa.json"
    in_progress = f"{dataset.DATASET_DIR}/minerals-kb-20270101T000000000000Z-bbbbbbbbbbbb.json"
    default_storage.save(orphan, ContentFile(b"[{"))
    default_storage.save(in_progress, ContentFile(b"[{"))
    dataset.build(now=BUILT_AT)
    assert not default_storage.exists(orphan)
    assert default_storage.exists(in_progress)  # newer: its build may still be writing


def test_build_dataset_command_reports_a_build_then_no_change(small_kb):
    out = io.StringIO()
    call_command("build_dataset", stdout=out)
    assert "Built the dataset dataset/minerals-kb-" in out.getvalue()
    assert dataset.current().sha256 in out.getvalue()
    out = io.StringIO()
    call_command("build_dataset", stdout=out)
    assert "The dataset is unchanged since" in out.getvalue()


def test_a_file_missing_from_storage_is_a_404_not_a_500(client, small_kb):
    built = dataset.build(now=BUILT_AT).dataset
    default_storage.delete(built.name)
    assert client.get("/data/minerals-kb.json").status_code == 404


# --- The page's other parts ----------------------------------------------------------


def test_the_page_links_every_list_download_and_describes_their_columns(client, db):
    response = client.get("/data/")
    page = response.content.decode()
    for name in ("agreements", "timeline", "milestones", "participants", "minerals"):
        assert f'href="/data/{name}.csv"' in page and f'href="/data/{name}.json"' in page
    assert 'href="/data/mineral-lists.csv"' in page and 'href="/data/documents.json"' in page
    text = text_of(response)
    assert "window_label The same in words: “starts in N days”, “day N of M”" in text
    assert "state_label The state in words." in text


def test_every_page_links_the_data_page_in_its_footer_and_the_sitemap_lists_it(client, db):
    footer = client.get("/").content.decode().split('<footer class="site-footer">', 1)[1]
    assert '<a href="/data/">Data and downloads</a>' in footer
    assert "<loc>http://testserver/data/</loc>" in client.get("/sitemap.xml").content.decode()


# --- The data dictionary -------------------------------------------------------------


def _fields_of(model) -> set[str]:
    """A model's fields, enumerated apart from the dictionary's own code: columns and the
    many-to-many links declared on it."""
    return {
        field.name
        for field in model._meta.get_fields()
        if field.concrete or (field.many_to_many and not field.auto_created)
    }


def test_the_dictionary_has_every_field_of_every_model(db):
    entries = {entry.key: entry for entry in dataset.data_dictionary()}
    history = dataset.history_dictionary()
    described_history = {table for table, _model in history.tables}
    for model in backup.kb_models():
        key = model._meta.label_lower
        if key in dataset.NOT_IN_FILE:
            assert key not in entries, f"{key} is not in the file but is in the dictionary"
            continue
        if key in described_history:
            base = model.instance_type._meta.label_lower
            names = {field.name for field in entries[base].fields}
            names |= {field.name for field in history.fields} | set(history.always_null)
            # The history keeps the record's columns, not its many-to-many links.
            assert _fields_of(model) <= names, key
            continue
        assert key in entries, f"{key} is missing from the data dictionary"
        assert {field.name for field in entries[key].fields} == _fields_of(model), key
    for entry in entries.values():
        for field in entry.fields:
            assert field.type and field.meaning.strip(". "), (entry.key, field.name)


def _export(tmp_path, *, public: bool) -> list[dict]:
    path = tmp_path / ("public.json" if public else "staff.json")
    backup.export_kb(path, public=public)
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def edited_by_a_credited_editor(small_kb, staff_user):
    # Everything the staff backup could say about an editor: a change and a profile.
    m.EditorProfile.objects.create(user=staff_user, public_name="S. Taff", show_name=True)
    return small_kb


def test_the_dictionary_names_every_field_the_file_holds(edited_by_a_credited_editor, tmp_path):
    rows = _export(tmp_path, public=True)
    entries = {
        entry.key: {field.name for field in entry.fields} for entry in dataset.data_dictionary()
    }
    history = dataset.history_dictionary()
    history_extras = {field.name for field in history.fields}
    base_of = dict(history.tables)
    models_in_file = {row["model"] for row in rows}
    assert models_in_file <= set(entries) | set(base_of)
    for row in rows:
        model = row["model"]
        if model in base_of:
            described = entries[base_of[model]] | history_extras
            # Every history row has these keys, always null; the page says so.
            for name in history.always_null:
                assert row["fields"].pop(name) is None, (model, name)
        else:
            described = entries[model]
        assert set(row["fields"]) <= described, (model, set(row["fields"]) - described)


def test_the_dictionary_lists_nothing_the_public_file_leaves_out_or_never_fills(
    client, edited_by_a_credited_editor, tmp_path
):
    """What the staff backup has and the public file has not (editor profiles, who made
    each change) is not in the dictionary, nor on the page as if it were."""
    staff, public = _export(tmp_path, public=False), _export(tmp_path, public=True)

    def filled(rows: list[dict]) -> set[tuple[str, str]]:
        return {
            (row["model"], name)
            for row in rows
            for name, value in row["fields"].items()
            if value not in (None, "", [])
        }

    left_out = {row["model"] for row in staff} - {row["model"] for row in public}
    assert left_out == {"agreements.editorprofile"}  # the fixture makes sure it is tested
    entries = {entry.key: entry for entry in dataset.data_dictionary()}
    assert not left_out & set(entries)

    never_filled = {
        (model, name) for model, name in filled(staff) - filled(public) if model not in left_out
    }
    assert ("agreements.historicalagreement", "history_user") in never_filled
    history = dataset.history_dictionary()
    base_of = dict(history.tables)
    for model, name in never_filled:
        assert model in base_of, (model, name)  # records themselves lose nothing
        assert name not in {field.name for field in history.fields}, name
        assert name in history.always_null, name

    page = text_of(client.get("/data/"))
    assert "by user name" not in page
    assert "names no editor" in page and "editors' profiles are not included" in page
    assert "Every row also has history_user , always null: the file names no editor." in page
    assert "Editor profile" not in page and "editorprofile" not in page


def test_the_dictionary_gives_types_choices_requirement_and_help(db):
    agreement = {e.key: e for e in dataset.data_dictionary()}["agreements.agreement"]
    fields = {field.name: field for field in agreement.fields}
    assert fields["window_days"].meaning == (
        "Window length (days). The deadline is day N, counted from the start."
    )
    assert fields["window_days"].type == "whole number, 0 or more"
    assert fields["slug"].required == dataset.Required.YES
    assert fields["summary"].required == dataset.Required.NO
    assert fields["updated_at"].required == dataset.Required.AUTOMATIC
    assert ("action_plan", "Action plan") in fields["kind"].choices
    assert fields["status"].meaning == "Status. Default: Announced."
    milestone = {e.key: e for e in dataset.data_dictionary()}["agreements.milestone"]
    responsible = {field.name: field for field in milestone.fields}["responsible"]
    assert responsible.type == "list of participant ids"
    history = {field.name: field for field in dataset.history_dictionary().fields}
    assert ("-", "Deleted") in history["history_type"].choices
    assert "history_user" not in history  # always null in the public file


def test_the_page_shows_the_whole_dictionary(client, db):
    response = client.get("/data/")
    page = response.content.decode()
    text = text_of(response)
    for entry in dataset.data_dictionary():
        assert f'id="{entry.anchor}"' in page, entry.key
        for field in entry.fields:
            assert f"<code>{field.name}</code>" in page, (entry.key, field.name)
    assert "Window length (days). The deadline is day N, counted from the start." in text
    assert "in_negotiation In negotiation" in text
    assert "agreements.historicalmilestone keeps agreements.milestone" in text
    assert m.Agreement._meta.label_lower in text
