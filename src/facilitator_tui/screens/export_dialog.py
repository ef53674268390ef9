"""Export one review to a Markdown or JSON file, never replacing a file without asking,
or copy its Markdown to the clipboard (ctrl+b) to paste into a wiki or a chat.

The text is built and written in a thread worker with its own database
connection, so a large review never freezes the screen, and it lands through a
temporary file and `os.replace`, so nobody ever sees half a file.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, ProgressBar, RadioButton, RadioSet, Static
from textual.worker import Worker, WorkerState

from facilitator_tui.errors import one_line
from facilitator_tui.files import write_file
from facilitator_tui.safe_text import clip, single_line
from facilitator_tui.screens.confirm import ConfirmModal
from facilitator_tui.widgets.guard import guarded, guarded_callback

if TYPE_CHECKING:
    from facilitator_tui.app import FacilitatorApp

EXTENSIONS = {"markdown": ".md", "json": ".json"}
FORMAT_LABELS = {"markdown": "Markdown", "json": "JSON"}


def slugify(title: str) -> str:
    """A file-name friendly form of a title: 'Checkout 502s (EU)' -> 'checkout-502s-eu'."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug[:50].rstrip("-") or "review"


def default_export_path(title: str, fmt: str, folder: Path | None = None) -> Path:
    return (folder or Path.cwd()) / f"{slugify(title)}-review{EXTENSIONS[fmt]}"


def resolve_target(raw: str) -> Path:
    """The absolute path typed (with ~ expanded), or ValueError with a one-line reason."""
    text = raw.strip()
    if not text:
        raise ValueError("Type the path of the file to write.")
    path = Path(os.path.abspath(Path(text).expanduser()))
    if path.is_dir():
        raise ValueError(f"{path} is a folder; add a file name to it.")
    if not path.parent.exists():
        raise ValueError(f"The folder {path.parent} does not exist.")
    if not path.parent.is_dir():
        raise ValueError(f"{path.parent} is a file, not a folder.")
    return path


def write_atomically(path: Path, text: str, *, private: bool = True, overwrite: bool) -> None:
    """Every export goes through the app's one file writer (owner-only, atomic)."""
    try:
        write_file(path, text, overwrite=overwrite)
    except FileExistsError:
        # It appeared while we were writing; the user never agreed to replace it.
        raise FileExistsError(f"{path} appeared while exporting; nothing was replaced") from None


class ExportDialog(ModalScreen[Path | None]):
    """Choose a format and a file; dismisses with the path written, or None."""

    app: FacilitatorApp

    DEFAULT_CSS = """
    ExportDialog { align: center middle; }
    ExportDialog > #export {
        width: 80; max-width: 100%; height: auto; max-height: 100%;
        padding: 0 2; border: thick $primary; background: $panel;
    }
    ExportDialog .heading { text-style: bold; margin-bottom: 1; }
    ExportDialog #format { layout: horizontal; width: 1fr; height: auto; }
    ExportDialog #format RadioButton { width: auto; margin-right: 4; }
    ExportDialog #private-warning { color: $warning; display: none; }
    ExportDialog #private-warning.-shown { display: block; }
    ExportDialog #status { color: $text-muted; height: auto; }
    ExportDialog #error { color: $error; height: auto; }
    ExportDialog #progress { display: none; }
    ExportDialog #progress.-shown { display: block; }
    ExportDialog #buttons { height: auto; align: right middle; margin-top: 1; }
    ExportDialog #buttons Button { margin-left: 2; }
    ExportDialog .hint { color: $text-muted; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+b", "copy_markdown", "Copy Markdown"),
    ]

    def __init__(self, review_id: int) -> None:
        super().__init__()
        self.review_id = review_id
        self.fmt = "markdown"
        self._suggested = ""
        self._worker: Worker[Path | None] | None = None
        self._copier: Worker[str | None] | None = None

    @guarded
    def compose(self) -> ComposeResult:
        self.review = self.app.service.review(self.review_id)
        self._suggested = str(default_export_path(self.review.title, self.fmt))
        with Vertical(id="export"):
            yield Static(f"Export “{clip(single_line(self.review.title), 60)}”", classes="heading",
                         markup=False)
            with RadioSet(id="format") as formats:
                formats.border_title = "Format"
                yield RadioButton("Markdown", value=True, id="fmt-markdown")
                yield RadioButton("JSON", id="fmt-json")
            path = Input(self._suggested, id="path", placeholder="~/reviews/checkout-review.md")
            path.border_title = "File (~ is your home folder)"
            yield path
            yield Checkbox("Include private facilitator notes", id="private")
            yield Static("This file will contain your private notes: keep it out of shared places.",
                         id="private-warning", markup=False)
            yield ProgressBar(total=None, show_eta=False, show_percentage=False, id="progress")
            yield Static("", id="status", markup=False)
            yield Static("", id="error", markup=False)
            with Horizontal(id="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Copy Markdown", id="copy-button")
                yield Button("Export", id="export-button", variant="primary")
            yield Static("Enter exports · ctrl+b copies the Markdown to the clipboard · Escape cancels",
                         classes="hint")

    @guarded
    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    # -- choices -------------------------------------------------------------------

    @on(RadioSet.Changed, "#format")
    @guarded
    def _format_changed(self, event: RadioSet.Changed) -> None:
        fmt = "json" if event.pressed.id == "fmt-json" else "markdown"
        if fmt == self.fmt:
            return
        self.fmt = fmt
        path_input = self.query_one("#path", Input)
        # A name the user typed is theirs; only our own suggestion follows the format.
        if path_input.value == self._suggested:
            self._suggested = str(Path(self._suggested).with_suffix(EXTENSIONS[fmt]))
            path_input.value = self._suggested
        self._clear_error()

    @on(Checkbox.Changed, "#private")
    @guarded
    def _private_changed(self, event: Checkbox.Changed) -> None:
        self.query_one("#private-warning").set_class(event.value, "-shown")

    @on(Input.Changed, "#path")
    @guarded
    def _path_changed(self) -> None:
        self._clear_error()

    # -- exporting -----------------------------------------------------------------

    @on(Input.Submitted, "#path")
    @on(Button.Pressed, "#export-button")
    @guarded
    def action_export(self) -> None:
        if self._worker is not None:
            return
        try:
            target = resolve_target(self.query_one("#path", Input).value)
        except ValueError as exc:
            self._show_error(single_line(str(exc)))
            return
        if target.exists():
            def answered(replace: bool | None) -> None:
                if replace:
                    self._start(target, overwrite=True)
                else:
                    self._show_error("Kept the existing file; choose another name to export.")
                    self.query_one("#path", Input).focus()

            self.app.push_screen(ConfirmModal(f"Replace {target}?", yes="Replace", no="Keep"),
                                 guarded_callback(self, answered))
            return
        self._start(target, overwrite=False)

    def _start(self, target: Path, *, overwrite: bool) -> None:
        self._clear_error()
        self._set_busy(True, f"Writing {FORMAT_LABELS[self.fmt]} to {target}…")
        private = self.query_one("#private", Checkbox).value
        self._worker = self._write(target, self.fmt, private, overwrite)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _write(self, target: Path, fmt: str, private: bool, overwrite: bool) -> Path | None:
        from textual.worker import get_current_worker

        from facilitator_tui.service import ReviewService

        worker = get_current_worker()
        service = ReviewService.open(self.app.db_path)
        try:
            text = service.export(self.review_id, "json" if fmt == "json" else "markdown",
                                  include_private=private)
        finally:
            service.close()
        if worker.is_cancelled:
            return None
        write_atomically(target, text, private=private, overwrite=overwrite)
        return target

    # -- copying -----------------------------------------------------------------

    @on(Button.Pressed, "#copy-button")
    @guarded
    def action_copy_markdown(self) -> None:
        """The Markdown, private notes only if ticked, to the clipboard via the terminal."""
        if self._worker is not None or self._copier is not None:
            return
        self._clear_error()
        self._set_busy(True, "Writing the Markdown for the clipboard…")
        self._copier = self._markdown(self.query_one("#private", Checkbox).value)

    @work(thread=True, exclusive=True, group="copy", exit_on_error=False)
    def _markdown(self, private: bool) -> str | None:
        from facilitator_tui.export import to_markdown
        from facilitator_tui.service import ReviewService

        service = ReviewService.open(self.app.db_path)
        try:
            snapshot = service.snapshot(self.review_id)
        finally:
            service.close()
        return to_markdown(snapshot, include_private=private)

    def _copied(self, event: Worker.StateChanged) -> None:
        if event.state not in (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED):
            return
        self._copier = None
        self._set_busy(False)
        text = event.worker.result if event.state == WorkerState.SUCCESS else None
        if isinstance(text, str):
            self.app.copy_to_clipboard(text)
            private = " (with private notes: paste it only where they belong)" \
                if self.query_one("#private", Checkbox).value else ""
            self.query_one("#status", Static).update(
                f"Copied {text.count(chr(10))} lines of Markdown to the clipboard{private}.")
        elif event.worker.error is not None:
            self._show_error(one_line(event.worker.error))

    @guarded
    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker is self._copier:
            self._copied(event)
            return
        if event.worker is not self._worker:
            return
        if event.state == WorkerState.SUCCESS and event.worker.result is not None:
            path = event.worker.result
            self.app.say(f"Exported to {single_line(str(path))}")
            self.dismiss(path)
        elif event.state in (WorkerState.ERROR, WorkerState.CANCELLED):
            self._worker = None
            self._set_busy(False)
            if event.worker.error is not None:
                self._show_error(one_line(event.worker.error))

    # -- state ---------------------------------------------------------------------

    def _set_busy(self, busy: bool, status: str = "") -> None:
        self.query_one("#progress").set_class(busy, "-shown")
        self.query_one("#status", Static).update(status)
        for widget_id in ("#export-button", "#copy-button", "#path", "#format", "#private"):
            self.query_one(widget_id).disabled = busy

    def _show_error(self, message: str) -> None:
        self.query_one("#error", Static).update(message)

    def _clear_error(self) -> None:
        self.query_one("#error", Static).update("")

    @guarded
    def action_cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
        self.dismiss(None)

    @on(Button.Pressed, "#cancel")
    @guarded
    def _cancel_pressed(self) -> None:
        self.action_cancel()


__all__ = ["ExportDialog", "default_export_path", "resolve_target", "slugify",
           "write_atomically"]
