"""The team library between two databases: export, git-like edits and pulls, import by identity."""

from __future__ import annotations

import json
import os
import time

import pytest

from facilitator_tui.service import ReviewService


@pytest.fixture
def two(tmp_path):
    """Two teammates' databases and the library folder (a git working copy) between them."""
    mine = ReviewService.open(tmp_path / "mine.db")
    theirs = ReviewService.open(tmp_path / "theirs.db")
    yield mine, theirs, tmp_path / "library"
    mine.close()
    theirs.close()


def files_of(folder):
    return sorted(p.name for p in folder.iterdir())


def stamps(folder):
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}


def shared_text(service, review_id):
    return service.library_file_text(review_id)


def review_by_uuid(service, uuid):
    return next(s.review for s in service.list_reviews() if s.review.uuid == uuid)


def test_export_writes_one_file_per_review_named_by_identity_and_nothing_private(two, small_review):
    mine, _, folder = two
    first = small_review(mine)
    second = small_review(mine, "Search timeouts", factors=("handoffs",))
    summary = mine.export_library(folder)
    assert (summary.written, summary.new, summary.unchanged) == (2, 2, 0)
    uuids = {mine.review(first).uuid, mine.review(second).uuid}
    assert files_of(folder) == sorted(f"{u}.json" for u in uuids)
    text = (folder / f"{mine.review(first).uuid}.json").read_text()
    assert "Check in with Ana privately" not in text and "third night" not in text
    assert "exported_at" not in text
    document = json.loads(text)
    assert document["review"]["uuid"] == mine.review(first).uuid
    # Sorted keys, two-space indent, one field per line: the text json.dumps would give.
    assert text == json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_a_second_export_with_nothing_changed_writes_nothing(two, data_version, small_review):
    mine, _, folder = two
    small_review(mine)
    mine.export_library(folder)
    before = stamps(folder)
    watcher = data_version(mine.store.path)
    version = watcher.execute("PRAGMA data_version").fetchone()[0]
    summary = mine.export_library(folder)
    assert (summary.written, summary.unchanged) == (0, 1)
    assert stamps(folder) == before
    assert watcher.execute("PRAGMA data_version").fetchone()[0] == version


def test_only_the_review_that_changed_is_written_again(two, small_review):
    mine, _, folder = two
    first = small_review(mine)
    second = small_review(mine, "Search timeouts")
    mine.export_library(folder)
    before = stamps(folder)
    time.sleep(0.01)
    [action] = [n for n in mine.notes(second) if n.kind == "action"]
    mine.set_action_state(action.id, "done")
    summary = mine.export_library(folder)
    assert (summary.written, summary.unchanged) == (1, 1)
    after = stamps(folder)
    assert after[f"{mine.review(first).uuid}.json"] == before[f"{mine.review(first).uuid}.json"]
    assert after[f"{mine.review(second).uuid}.json"] != before[f"{mine.review(second).uuid}.json"]


def test_a_private_note_alone_changes_no_file(two, small_review):
    mine, _, folder = two
    rid = small_review(mine)
    mine.export_library(folder)
    before = stamps(folder)
    mine.add_note(rid, "Only for me", "private")
    summary = mine.export_library(folder)
    assert summary.written == 0 and stamps(folder) == before


def test_import_adds_the_reviews_with_their_identity_and_a_second_run_changes_nothing(two, data_version, small_review):
    mine, theirs, folder = two
    rid = small_review(mine)
    mine.export_library(folder)
    summary = theirs.import_library(folder)
    assert (summary.added, summary.updated, summary.both_changed) == (1, 0, [])
    copy = review_by_uuid(theirs, mine.review(rid).uuid)
    assert shared_text(theirs, copy.id) == shared_text(mine, rid)
    watcher = data_version(theirs.store.path)
    version = watcher.execute("PRAGMA data_version").fetchone()[0]
    again = theirs.import_library(folder)
    assert (again.added, again.updated, again.unchanged, again.both_changed) == (0, 0, 1, [])
    assert watcher.execute("PRAGMA data_version").fetchone()[0] == version
    # and exporting back writes nothing: the two are in step
    before = stamps(folder)
    assert theirs.export_library(folder).written == 0
    assert stamps(folder) == before


def test_a_change_there_is_taken_in_here_after_a_pull(two, small_review):
    mine, theirs, folder = two
    rid = small_review(mine)
    mine.export_library(folder)
    theirs.import_library(folder)
    copy = review_by_uuid(theirs, mine.review(rid).uuid)
    [action] = [n for n in theirs.notes(copy.id) if n.kind == "action"]
    theirs.set_action_state(action.id, "done", link="https://tickets.example.test/OPS-7")
    theirs.rename_review(copy.id, "Queue backlog after the Tuesday deploy")
    assert theirs.export_library(folder).written == 1  # commit, push; the other side pulls
    summary = mine.import_library(folder)
    assert (summary.added, summary.updated, summary.both_changed) == (0, 1, [])
    assert mine.review(rid).title == "Queue backlog after the Tuesday deploy"
    [mine_action] = [n for n in mine.notes(rid) if n.kind == "action"]
    assert (mine_action.state, mine_action.link) == ("done", "https://tickets.example.test/OPS-7")
    assert shared_text(mine, rid) == shared_text(theirs, copy.id)
    assert mine.import_library(folder).updated == 0


def test_an_update_from_the_library_keeps_what_never_left_this_machine(two, small_review):
    mine, theirs, folder = two
    rid = small_review(mine)
    mine.export_library(folder)
    theirs.import_library(folder)
    copy = review_by_uuid(theirs, mine.review(rid).uuid)
    theirs.add_note(copy.id, "A new insight from the follow-up", "insight")
    theirs.export_library(folder)
    mine.import_library(folder)
    notes = mine.notes(rid)
    assert "A new insight from the follow-up" in [n.text for n in notes]
    [private] = [n for n in notes if n.kind == "private"]
    assert private.text == "Check in with Ana privately"
    secret = [e for e in mine.store.all_events(rid) if e.facilitator_only]
    assert [e.text for e in secret] == ["Facilitator: Ana was on her third night"]
    assert private.event_id == secret[0].id


def test_changed_on_both_sides_is_never_overwritten_both_are_kept_and_named(two, small_review):
    mine, theirs, folder = two
    rid = small_review(mine)
    mine.export_library(folder)
    theirs.import_library(folder)
    copy = review_by_uuid(theirs, mine.review(rid).uuid)
    theirs.add_note(copy.id, "Their insight", "insight")
    theirs.export_library(folder)  # pushed; I pull it into my folder
    mine.add_note(rid, "My insight", "insight")  # meanwhile I changed the same review

    # Exporting first does not overwrite their version in the folder.
    held = mine.export_library(folder)
    assert held.written == 0 and [name for name, _ in held.held_back] == [
        f"{mine.review(rid).uuid}.json"]
    assert "Their insight" in (folder / f"{mine.review(rid).uuid}.json").read_text()

    summary = mine.import_library(folder)
    assert summary.added == 0 and summary.updated == 0
    [(title, kept, added)] = summary.both_changed
    assert (title, kept) == ("Queue backlog after the deploy", rid)
    assert "Queue backlog after the deploy" in summary.lines()[-1]
    assert "My insight" in [n.text for n in mine.notes(kept)]
    assert "Their insight" not in [n.text for n in mine.notes(kept)]
    assert "Their insight" in [n.text for n in mine.notes(added)]
    assert mine.review(added).uuid != mine.review(kept).uuid
    assert mine.review(added).title.startswith("Queue backlog after the deploy (")

    again = mine.import_library(folder)  # idempotent: no second copy
    assert (again.added, again.updated, again.both_changed) == (0, 0, [])
    assert len(mine.list_reviews()) == 2

    # The next export writes both versions; the other side takes in both, losing nothing.
    out = mine.export_library(folder)
    assert (out.written, out.new) == (2, 1)
    back = theirs.import_library(folder)
    assert (back.added, back.updated, back.both_changed) == (1, 1, [])
    texts = {n.text for s in theirs.list_reviews() for n in theirs.notes(s.review.id)}
    assert {"My insight", "Their insight"} <= texts


def test_a_hand_edit_of_a_file_is_taken_in(two, small_review):
    mine, _, folder = two
    rid = small_review(mine)
    mine.export_library(folder)
    path = folder / f"{mine.review(rid).uuid}.json"
    document = json.loads(path.read_text())
    document["review"]["summary"] = "Merged by hand after a git conflict."
    path.write_text(json.dumps(document, indent=2, sort_keys=True) + "\n")
    assert mine.import_library(folder).updated == 1
    assert mine.review(rid).summary == "Merged by hand after a git conflict."


def test_a_review_deleted_here_stays_deleted_unless_its_file_changes(two, small_review):
    mine, theirs, folder = two
    rid = small_review(mine)
    uuid = mine.review(rid).uuid
    mine.export_library(folder)
    theirs.import_library(folder)
    mine.delete_review(rid)
    summary = mine.import_library(folder)
    assert (summary.added, summary.kept_deleted) == (0, 1)
    assert mine.list_reviews() == []
    copy = review_by_uuid(theirs, uuid)
    theirs.add_note(copy.id, "Still learning from this one", "insight")
    theirs.export_library(folder)
    assert mine.import_library(folder).added == 1
    assert review_by_uuid(mine, uuid).title == "Queue backlog after the deploy"


def test_a_file_removed_from_the_folder_is_written_again(two, small_review):
    mine, _, folder = two
    rid = small_review(mine)
    mine.export_library(folder)
    (folder / f"{mine.review(rid).uuid}.json").unlink()
    assert mine.export_library(folder).new == 1
    assert files_of(folder) == [f"{mine.review(rid).uuid}.json"]


def test_a_first_exchange_of_the_same_review_is_in_step_without_a_copy(two, tmp_path, small_review):
    mine, theirs, folder = two
    rid = small_review(mine)
    # The same review reached the other database another way (a JSON export and restore).
    from facilitator_tui.export import from_json, to_json

    theirs.restore(from_json(to_json(mine.snapshot(rid, portable=True), include_private=False)))
    mine.export_library(folder)
    summary = theirs.import_library(folder)
    assert (summary.added, summary.updated, summary.unchanged, summary.both_changed) == (0, 0, 1, [])


def test_other_files_in_the_folder_are_left_alone(two, small_review):
    mine, _, folder = two
    small_review(mine)
    folder.mkdir()
    (folder / "README.md").write_text("Our reviews\n")
    (folder / ".git").mkdir()
    (folder / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (folder / "notes").mkdir()
    mine.export_library(folder)
    assert mine.import_library(folder).unchanged == 1
    assert (folder / "README.md").read_text() == "Our reviews\n"


def test_files_are_written_whole_and_owner_only(two, small_review):
    mine, _, folder = two
    rid = small_review(mine)
    mine.export_library(folder)
    path = folder / f"{mine.review(rid).uuid}.json"
    assert os.stat(path).st_mode & 0o777 == 0o600
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]


# -- what git can do to the folder ----------------------------------------------------------


def test_a_clash_git_resolved_by_taking_their_file_still_keeps_both(two, tmp_path, small_review):
    mine, theirs, folder = two
    rid = small_review(mine)
    mine.export_library(folder)
    theirs.import_library(folder)
    uuid = mine.review(rid).uuid
    # Both change the review and export; their commit reaches the remote first.
    their_folder = tmp_path / "their-clone"
    import shutil

    shutil.copytree(folder, their_folder)
    copy = review_by_uuid(theirs, uuid)
    theirs.add_note(copy.id, "Their insight", "insight")
    theirs.export_library(their_folder)
    mine.add_note(rid, "My insight", "insight")
    assert mine.export_library(folder).written == 1
    # My pull clashes in git; I resolve it by taking their file.
    shutil.copy(their_folder / f"{uuid}.json", folder / f"{uuid}.json")
    summary = mine.import_library(folder)
    assert summary.updated == 0 and len(summary.both_changed) == 1
    assert "My insight" in [n.text for n in mine.notes(rid)]
    copy_id = summary.both_changed[0][2]
    assert "Their insight" in [n.text for n in mine.notes(copy_id)]
    # Exported again and pulled by them: they end with both, and theirs is not a clash.
    mine.export_library(folder)
    shutil.rmtree(their_folder)
    back = theirs.import_library(folder)
    assert (back.added, back.updated, back.both_changed) == (1, 1, [])
    texts = {n.text for s in theirs.list_reviews() for n in theirs.notes(s.review.id)}
    assert {"My insight", "Their insight"} <= texts


def test_a_merge_that_names_both_versions_is_taken_in(two, tmp_path, small_review):
    mine, theirs, folder = two
    rid = small_review(mine)
    mine.export_library(folder)
    path = folder / f"{mine.review(rid).uuid}.json"
    theirs.import_library(folder)
    mine.add_note(rid, "My insight", "insight")
    mine.export_library(folder)
    mine_doc = json.loads(path.read_text())
    copy = review_by_uuid(theirs, mine.review(rid).uuid)
    theirs.rename_review(copy.id, "Renamed by them")
    other = tmp_path / "other"
    theirs.export_library(other)
    their_doc = json.loads((other / path.name).read_text())
    # A merge by hand: my notes, their title, and both versions in the history.
    merged = dict(mine_doc)
    merged["review"] = dict(mine_doc["review"], title="Renamed by them")
    merged["history"] = [mine_doc["history"][0], *their_doc["history"]]
    path.write_text(json.dumps(merged, indent=2, sort_keys=True) + "\n")
    summary = mine.import_library(folder)
    assert (summary.updated, summary.both_changed) == (1, [])
    assert mine.review(rid).title == "Renamed by them"
    assert "My insight" in [n.text for n in mine.notes(rid)]


def test_a_folder_gone_back_to_an_older_version_is_not_taken_in(two, small_review):
    mine, _, folder = two
    rid = small_review(mine)
    mine.export_library(folder)
    path = folder / f"{mine.review(rid).uuid}.json"
    old = path.read_bytes()
    mine.add_note(rid, "A later insight", "insight")
    mine.export_library(folder)
    path.write_bytes(old)  # git reset to an older commit
    summary = mine.import_library(folder)
    assert (summary.updated, summary.older, summary.both_changed) == (0, 1, [])
    assert "A later insight" in [n.text for n in mine.notes(rid)]
    assert mine.export_library(folder).written == 1
    assert "A later insight" in path.read_text()


def test_changes_passed_along_through_a_third_teammate_are_not_a_clash(two, tmp_path, small_review):
    mine, theirs, folder = two
    third = ReviewService.open(tmp_path / "third.db")
    rid = small_review(mine)
    uuid = mine.review(rid).uuid
    mine.export_library(folder)
    theirs.import_library(folder)
    third.import_library(folder)
    copy = review_by_uuid(theirs, uuid)
    theirs.add_note(copy.id, "Second thought", "insight")
    theirs.export_library(folder)
    third.import_library(folder)
    third_copy = review_by_uuid(third, uuid)
    third.add_note(third_copy.id, "Third thought", "insight")
    third.export_library(folder)
    summary = mine.import_library(folder)  # two versions later, made one from the other
    assert (summary.updated, summary.both_changed) == (1, [])
    assert {"Second thought", "Third thought"} <= {n.text for n in mine.notes(rid)}
    third.close()


def test_each_file_names_its_own_version_first_and_restores_as_an_export(two, tmp_path, small_review):
    mine, _, folder = two
    rid = small_review(mine)
    mine.export_library(folder)
    path = folder / f"{mine.review(rid).uuid}.json"
    first = json.loads(path.read_text())["history"]
    assert len(first) == 1 and len(first[0]) == 16
    mine.add_note(rid, "More", "insight")
    mine.export_library(folder)
    second = json.loads(path.read_text())["history"]
    assert second[1:] == first and second[0] != first[0]
    from facilitator_tui.export import from_json

    other = ReviewService.open(tmp_path / "plain.db")
    restored = other.restore(from_json(path.read_text()))
    assert other.review(restored).uuid == mine.review(rid).uuid
    other.close()


def test_restore_keeps_the_identity_unless_this_database_already_holds_it(two, small_review):
    mine, theirs, _ = two
    rid = small_review(mine)
    from facilitator_tui.export import from_json, to_json

    text = to_json(mine.snapshot(rid, portable=True))
    assert json.loads(text)["review"]["uuid"] == mine.review(rid).uuid
    elsewhere = theirs.restore(from_json(text))
    assert theirs.review(elsewhere).uuid == mine.review(rid).uuid
    again = mine.restore(from_json(text))  # a copy beside the original
    assert mine.review(again).uuid not in (mine.review(rid).uuid, None)
