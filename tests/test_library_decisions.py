"""The sync decisions on their own: where a file's version stands to the last exchanged one."""

from __future__ import annotations

from facilitator_tui.library.rows import SyncRecord
from facilitator_tui.library.sync import HISTORY_KEPT, Incoming, incoming, next_history

RECORD = SyncRecord("u", "filehash", "v2", ("v2", "v1", "v0"), 7)


def test_where_a_version_stands():
    assert incoming(RECORD, "v2", ("v2", "v1")) is Incoming.SAME
    assert incoming(RECORD, "v1", ("v1", "v0")) is Incoming.OLDER
    assert incoming(RECORD, "v3", ("v3", "v2", "v1")) is Incoming.NEWER
    assert incoming(RECORD, "v5", ("v4", "v2")) is Incoming.NEWER  # edited outside the app
    assert incoming(RECORD, "x3", ("x3", "v1", "v0")) is Incoming.APART
    assert incoming(RECORD, "x3", ()) is Incoming.APART


def test_the_history_a_new_version_carries():
    assert next_history(None, "v0") == ("v0",)
    assert next_history(RECORD, "v3") == ("v3", "v2", "v1", "v0")
    assert next_history(RECORD, "v2") == ("v2", "v1", "v0")
    long = SyncRecord("u", "h", "a0", tuple(f"a{i}" for i in range(100)), 1)
    assert len(next_history(long, "new")) == HISTORY_KEPT
