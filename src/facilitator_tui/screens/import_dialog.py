"""Import timeline events from a file: preview what it holds, then add it in one step.

Both the preview and the import read the file in a thread worker with its own
database connection and feed a progress bar, so a million-line log never
freezes the screen. The preview writes nothing and shows the first rows as
they will be stored and the lines that will be skipped. A file that cannot be
read, or an import cancelled with escape, leaves the review exactly as it was.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, ProgressBar, Select, Static
from textual.worker import Worker, WorkerState, get_current_worker

from facilitator_tui.errors import one_line
from facilitator_tui.safe_text import clip, single_line
from facilitator_tui.timeparse import format_local, parse_timestamp
from facilitator_tui.widgets.guard import guarded

if TYPE_CHECKING:
    from facilitator_tui.app import FacilitatorApp
    from facilitator_tui.service import ImportSummary

FORMATS = [
    ("Format: detect", "auto"),
    ("Format: Slack", "slack"),
    ("Format: PagerDuty", "pagerduty"),
    ("Format: Opsgenie", "opsgenie"),
    ("Format: Statuspage", "statuspage"),
    ("Format: JSON Lines", "jsonl"),
    ("Format: CSV", "csv"),
    ("Format: text", "text"),
]
PREVIEW_WIDTH = 84


class _Stopped(Exception):
    """Raised from the progress callback to stop reading once the dialog is closed."""


@dataclass(frozen=True)
class ImportRequest:
    """What the form asks for, checked and ready for the importer."""

    path: Path
    fmt: str
    channels: tuple[str, ...]
    since: datetime | None
    until: datetime | None

    def options(self, tz: Any) -> Any:
        from facilitator_tui.importers import ImportOptions

        return ImportOptions(fmt=self.fmt, channels=list(self.channels) or None, since=self.since,
                             until=self.until, tz=tz)


class ImportDialog(ModalScreen[int | None]):
    """Preview, then import; dismisses with the number of events added, or None."""

    app: FacilitatorApp

    DEFAULT_CSS = """
    ImportDialog { align: center middle; }
    ImportDialog > #import {
        width: 110; max-width: 100%; height: auto; max-height: 100%;
        padding: 0 1; border: thick $primary; background: $panel; overflow-y: auto;
    }
    ImportDialog .heading { text-style: bold; padding: 0 1; }
    ImportDialog .row { height: auto; }
    ImportDialog .row > * { width: 1fr; }
    ImportDialog #format { width: 24; }
    ImportDialog #preview { padding: 0 1; height: auto; }
    ImportDialog #error { color: $error; padding: 0 1; height: auto; }
    ImportDialog #progress { display: none; padding: 0 1; }
    ImportDialog #progress.-shown { display: block; }
    ImportDialog #buttons { height: auto; align: right middle; }
    ImportDialog #buttons Button { margin-left: 2; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, review_id: int) -> None:
        super().__init__()
        self.review_id = review_id
        self._worker: Worker[tuple[ImportRequest, ImportSummary, bool]] | None = None
        self._previewed: ImportRequest | None = None
        # Called in the worker thread with each progress report; tests use it to hold an import
        # at a known point (a delay made injectable rather than slept through).
        self.progress_hook: Callable[[int, int], None] | None = None

    @guarded
    def compose(self) -> ComposeResult:
        self.review = self.app.service.review(self.review_id)
        zone_name = self.review.timezone
        with Vertical(id="import"):
            yield Static(f"Import events into “{clip(single_line(self.review.title), 60)}”",
                         classes="heading", markup=False)
            path = Input(id="path", placeholder="~/Downloads/incident.csv")
            path.border_title = "File, or a Slack export folder"
            yield path
            with Horizontal(classes="row"):
                yield Select(FORMATS, value="auto", allow_blank=False, id="format")
                channels = Input(id="channels", placeholder="all channels")
                channels.border_title = "Slack channels, comma-separated"
                yield channels
            with Horizontal(classes="row"):
                since = Input(id="since", placeholder="2026-11-20 23:00 or 23:00")
                since.border_title = f"From (optional, {zone_name})"
                yield since
                until = Input(id="until", placeholder="2026-11-21 01:30 or 01:30")
                until.border_title = f"Until (optional, {zone_name})"
                yield until
            yield Static("Enter previews what the file holds before anything is added.", id="preview",
                         markup=False)
            yield ProgressBar(show_eta=False, id="progress")
            yield Static("", id="error", markup=False)
            with Horizontal(id="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Preview", id="preview-button")
                yield Button("Import", id="import-button", variant="primary", disabled=True)

    @guarded
    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    # -- the form ------------------------------------------------------------------

    def read_form(self) -> ImportRequest:
        """The request the form describes, or ValueError with a one-line reason."""
        raw_path = self.query_one("#path", Input).value.strip()
        if not raw_path:
            raise ValueError("Type the path of a file, or of a Slack export folder.")
        path = Path(os.path.abspath(Path(raw_path).expanduser()))
        if not path.exists():
            raise ValueError(f"{path}: no such file or folder.")
        fmt = str(self.query_one("#format", Select).value)
        channels = tuple(
            name.strip().lstrip("#") for name in self.query_one("#channels", Input).value.split(",")
            if name.strip().lstrip("#")
        )
        since = self._time("#since", "From")
        until = self._time("#until", "Until")
        if since and until and until < since:
            raise ValueError("'Until' is before 'From'; nothing would be imported.")
        return ImportRequest(path, fmt, channels, since, until)

    def _time(self, selector: str, label: str) -> datetime | None:
        text = self.query_one(selector, Input).value.strip()
        if not text:
            return None
        start = self.review.incident_start
        day = start.astimezone(self.review.zone).date() if start else None
        try:
            return parse_timestamp(text, self.review.zone, day)
        except ValueError as exc:
            raise ValueError(f"{label}: {exc}") from None

    @on(Input.Changed)
    @on(Select.Changed)
    @guarded
    def _form_changed(self) -> None:
        """Any change makes the last preview stale: preview again before importing."""
        if self._previewed is not None:
            self._previewed = None
            self.query_one("#preview", Static).update("Changed: preview again before importing.")
        self.query_one("#import-button", Button).disabled = True
        self._show_error("")

    # -- preview and import ----------------------------------------------------------

    @on(Input.Submitted)
    @guarded
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._previewed is not None:
            self.action_import()
        else:
            self.action_preview()

    @on(Button.Pressed, "#preview-button")
    @guarded
    def action_preview(self) -> None:
        self._begin(dry_run=True)

    @on(Button.Pressed, "#import-button")
    @guarded
    def action_import(self) -> None:
        if self._previewed is None:
            self._show_error("Preview the file first, so you can see what will be added.")
            return
        self._begin(dry_run=False)

    def _begin(self, *, dry_run: bool) -> None:
        if self._worker is not None:
            return
        try:
            request = self.read_form()
        except ValueError as exc:
            self._show_error(single_line(str(exc)))
            return
        self._show_error("")
        self._set_busy(True)
        verb = "Reading" if dry_run else "Importing"
        self.query_one("#preview", Static).update(f"{verb} {request.path}…")
        self._worker = self._read(request, dry_run)

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def _read(self, request: ImportRequest, dry_run: bool) -> tuple[ImportRequest, ImportSummary, bool]:
        from facilitator_tui.service import ReviewService

        progress = self._progress_callback()
        worker = get_current_worker()
        service = ReviewService.open(self.app.db_path)
        try:
            summary = service.import_file(self.review_id, request.path, request.options(self.review.zone),
                                          progress, dry_run=dry_run, should_stop=lambda: worker.is_cancelled)
        finally:
            service.close()
        return request, summary, dry_run

    def _progress_callback(self) -> Callable[[int, int], None]:
        """Called in the worker thread; hands the bar an update only when the percentage moves."""
        worker = get_current_worker()
        last = -1

        def progress(done: int, total: int) -> None:
            nonlocal last
            if self.progress_hook is not None:
                self.progress_hook(done, total)
            if worker.is_cancelled:
                raise _Stopped("the import dialog was closed")
            step = done * 100 // total if total else -1
            if step != last:
                last = step
                self.app.call_from_thread(self._set_progress, done, total)

        return progress

    def _set_progress(self, done: int, total: int) -> None:
        for bar in self.query("#progress").results(ProgressBar):  # none once the dialog is closed
            bar.update(total=total or None, progress=done)

    @guarded
    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker is not self._worker or event.state in (WorkerState.PENDING, WorkerState.RUNNING):
            return
        self._worker = None
        self._set_busy(False)
        if event.state == WorkerState.SUCCESS and event.worker.result is not None:
            request, summary, dry_run = event.worker.result
            if dry_run:
                self._show_preview(request, summary)
            else:
                self._finish(summary)
        elif event.worker.error is not None:
            self._previewed = None
            self.query_one("#preview", Static).update("Nothing was added.")
            self._show_error(one_line(event.worker.error))

    def _show_preview(self, request: ImportRequest, summary: ImportSummary) -> None:
        preview = self.query_one("#preview", Static)
        width = max(40, preview.content_size.width or PREVIEW_WIDTH)
        preview.update(describe_preview(summary, self.review, width))
        self._previewed = request if summary.added else None
        button = self.query_one("#import-button", Button)
        button.disabled = not summary.added
        if summary.added:
            button.focus()

    def _finish(self, summary: ImportSummary) -> None:
        from facilitator_tui.import_report import describe_import

        line = describe_import(summary, self.review)
        self.query_one("#preview", Static).update(line)
        self.app.say(line[:1].upper() + line[1:], timeout=6)
        self.dismiss(summary.added)

    # -- state ---------------------------------------------------------------------

    def _set_busy(self, busy: bool) -> None:
        bar = self.query_one("#progress", ProgressBar)
        if busy:
            bar.update(total=None, progress=0)
        bar.set_class(busy, "-shown")
        for widget in self.query("Input, Select, #preview-button"):
            widget.disabled = busy
        if busy:
            self.query_one("#import-button", Button).disabled = True

    def _show_error(self, message: str) -> None:
        self.query_one("#error", Static).update(message)

    @guarded
    def action_cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
        self.dismiss(None)

    @on(Button.Pressed, "#cancel")
    @guarded
    def _cancel_pressed(self) -> None:
        self.action_cancel()


def describe_preview(summary: ImportSummary, review: Any, width: int = PREVIEW_WIDTH) -> str:
    """What a file holds, in the review's zone, said before anything is written: the figures,
    what will be left out and why, and the first rows as they will be stored (all literal text)."""
    from facilitator_tui.import_report import left_out, preview_rows, skipped_details

    if not summary.added or summary.first is None or summary.last is None:
        skipped = f" ({summary.noise_skipped} join/leave messages skipped)" if summary.noise_skipped else ""
        already = f" ({summary.duplicates} already here)" if summary.duplicates else ""
        lines = [f"No new events in this file{skipped}{already}; nothing to import.", *left_out(summary)]
        return "\n".join(lines)
    tz = review.zone
    span = (f"{format_local(summary.first, tz, with_date=True, seconds=False)} to "
            f"{format_local(summary.last, tz, with_date=True, seconds=False)} {review.timezone}")
    sources = ", ".join(f"{single_line(name)} {count}" for name, count in sorted(summary.sources.items()))
    noise = f" · {summary.noise_skipped} join/leave messages skipped" if summary.noise_skipped else ""
    already = f" · {summary.duplicates} already here" if summary.duplicates else ""
    lines = [f"{summary.added} events ({summary.fmt}) from {span}",
             f"Sources: {sources} · {summary.actors} actors{noise}{already}", *left_out(summary)]
    details = skipped_details(summary, width - 2, limit=5)
    if details:
        lines.append("Lines it will skip:")
        lines.extend(f"  {row}" for row in details)
    lines.append(f"First events as they will be stored ({review.timezone}):")
    lines.extend(f"  {row}" for row in preview_rows(summary, review, width - 2))
    lines.append("Nothing is written yet. Enter (or Import) adds them; events already here are skipped.")
    return "\n".join(lines)


__all__ = ["ImportDialog", "ImportRequest", "describe_preview"]
