"""Exporters: a review snapshot in, Markdown or JSON text out, and JSON back to a snapshot.

Pure functions of a `ReviewSnapshot`: nothing here opens the database or
imports the UI, so exports are tested with plain pytest and run in a worker.
"""

from facilitator_tui.export.escape import markdown_escape
from facilitator_tui.export.json_io import (
    EXPORT_FORMAT,
    EXPORT_VERSION,
    RestoreError,
    from_json,
    to_json,
)
from facilitator_tui.export.markdown import to_markdown

__all__ = [
    "EXPORT_FORMAT",
    "EXPORT_VERSION",
    "RestoreError",
    "from_json",
    "markdown_escape",
    "to_json",
    "to_markdown",
]
