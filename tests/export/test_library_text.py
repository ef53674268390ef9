"""A library file's text: the review's shared view, numbered 1..n, the same on every machine."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator_tui.export import from_json, to_json
from facilitator_tui.export.privacy import shared_view
from facilitator_tui.service import ReviewService, renumbered

examples = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture])


@examples
@given(data=st.data())
def test_the_fast_text_is_the_json_export_of_the_shared_view(tmp_path_factory, snapshots, data):
    snap = data.draw(snapshots)
    service = ReviewService.open(tmp_path_factory.mktemp("db") / "r.db")
    rid = service.restore(snap)
    shared = renumbered(shared_view(service.snapshot(rid), include_private=False))
    expected = to_json(shared, include_private=False, exported_at=None)
    assert service.library_file_text(rid) == expected
    # and it restores elsewhere to a review that writes the very same text
    other = ReviewService.open(tmp_path_factory.mktemp("db") / "other.db")
    again = other.restore(from_json(expected))
    assert other.library_file_text(again) == expected
    service.close()
    other.close()
