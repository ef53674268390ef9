"""The facilitator's side of the room's mirror: what the room should follow, written as it changes.

A query group of `Store`. One row per review in `room_view`, a table with no
revision trigger: a cursor moving is not an edit, and the team library must not
see one (see migration 10). Each write is one statement, so it
is its own short transaction: a mirror reading at the same moment sees the row
before or after it, never half of it.
"""

from __future__ import annotations

from typing import Any

from facilitator_tui.models import utc_now
from facilitator_tui.store.base import StoreBase
from facilitator_tui.store.rows import ts

ROOM_VIEW_FIELDS = ("prompt_id", "event_id", "ground_rules")


class RoomViewQueries(StoreBase):
    def set_room_view(self, review_id: int, fields: dict[str, Any]) -> None:
        """Set some of the room's fields (see ROOM_VIEW_FIELDS); the others stay as they are."""
        names = [name for name in ROOM_VIEW_FIELDS if name in fields]
        if not names:
            return
        values = [int(fields[n]) if n == "ground_rules" else fields[n] for n in names]
        columns = ", ".join(names)
        marks = ", ".join("?" for _ in names)
        updates = ", ".join(f"{n} = excluded.{n}" for n in names)
        self.conn.execute(
            f"INSERT INTO room_view (review_id, {columns}, changed_at) VALUES (?, {marks}, ?) "
            f"ON CONFLICT (review_id) DO UPDATE SET {updates}, changed_at = excluded.changed_at",
            [review_id, *values, ts(utc_now())],
        )
