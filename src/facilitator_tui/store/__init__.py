"""Storage: one SQLite file through sqlite-utils, its schema and every query.

Nothing above the review service imports this package.
"""

from facilitator_tui.store.database import Store
from facilitator_tui.store.rows import (
    EventFilter,
    Perspective,
    ReviewSummary,
    StoreError,
    parse_ts,
    ts,
)

__all__ = ["EventFilter", "Perspective", "ReviewSummary", "Store", "StoreError", "parse_ts", "ts"]
