"""The review screen: four panes (timeline, prompts, notes, factors) and the meeting around them.

At 160x45 all four panes show at once; on a small terminal the screen collapses
to one pane at a time with tabs. Tab and shift+tab move between panes, F6
maximises the focused one. Another process's changes appear within a second.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.events import Resize
from textual.screen import Screen
from textual.widget import Widget

from facilitator_tui.errors import NotFoundError
from facilitator_tui.models import PHASE_LABELS, Review
from facilitator_tui.screens import pane_requests
from facilitator_tui.screens.dialog_host import DialogHost
from facilitator_tui.widgets.factor_checklist import FactorChecklist
from facilitator_tui.widgets.guard import guarded, guarded_callback
from facilitator_tui.widgets.key_bar import KeyBar
from facilitator_tui.widgets.meeting_bar import MeetingBar
from facilitator_tui.widgets.notes_pane import NotesPane
from facilitator_tui.widgets.prompt_deck import PromptDeck
from facilitator_tui.widgets.timeline import TimelinePane

if TYPE_CHECKING:
    from textual.widgets import Tabs

    from facilitator_tui.app import FacilitatorApp
    from facilitator_tui.service import ReviewService

PANES = ("timeline", "prompts", "notes", "factors")
PANE_LABELS = {"timeline": "Timeline", "prompts": "Prompts", "notes": "Notes", "factors": "Factors"}
# Below this size the four panes do not fit side by side and become tabs.
FULL_LAYOUT_MIN = (120, 34)


def following(count: int) -> str:
    return "A mirror is following" if count == 1 else f"{count} mirrors are following"


class ReviewScreen(DialogHost, Screen[None]):
    app: FacilitatorApp

    REFRESH_INTERVAL: ClassVar[float] = 0.75  # seconds between looks for other processes' changes
    MIRROR_COUNT_INTERVAL: ClassVar[float] = 1.0  # seconds between counts of the mirrors following
    # Focus the timeline as the screen mounts, so the key bar is drawn once, not twice.
    AUTO_FOCUS = "#timeline-view"
    BINDINGS = [
        Binding("tab", "next_pane", "Next pane", show=False, priority=True),
        Binding("shift+tab", "previous_pane", "Previous pane", show=False, priority=True),
        Binding("f6", "toggle_maximise", "Zoom pane", show=False),
        Binding("f2", "start_meeting", "Start meeting"),
        Binding("f3", "previous_phase", "◀ Phase", show=False),
        Binding("f4", "next_phase", "Phase ▶"),
        Binding("f5", "toggle_share_safe", "Share-safe"),
        Binding("f7", "park_idea", "Park idea"),
        Binding("f8", "export", "Export"),
        Binding("f9", "import_events", "Import", show=False),
        Binding("f10", "close_meeting", "Close meeting"),
        Binding("f12", "start_mirror", "Mirror for the room", show=False,
                tooltip="A read-only window for the room: it follows this one, never private notes"),
        Binding("ctrl+n", "focus_note_input", "Write note", show=False),
        Binding("ctrl+l", "parking_lot", "Parking lot", show=False),
        Binding("ctrl+o", "participants", "Participants", show=False),
        Binding("ctrl+g", "review_details", "Review details", show=False),
        Binding("ctrl+r", "ground_rules", "Ground rules", show=False),
        # Priority: the note box's own ctrl+u (delete to the start) must not win here.
        Binding("ctrl+u", "meeting_summary", "Meeting summary", show=False, priority=True),
        Binding("escape", "leave", "Back", show=False),
        Binding("question_mark", "app.help", "Help", show=False),
    ]

    def __init__(self, review_id: int) -> None:
        super().__init__()
        self.review_id = review_id
        self.active_pane = "timeline"
        self.gone = False  # deleted elsewhere while open
        self.mirrors = 0  # mirrors following this review (facilitator follow / serve)
        self.rules_told = False  # this window has told the room whether its ground rules are up
        self.room_told = False  # the room has been told what this window shows (tell_the_room)
        # Taken before anything the screen shows is read, so that no commit another
        # process makes from then on goes unseen by the live refresh.
        self._data_version = self.service.data_version()

    @property
    def service(self) -> ReviewService:
        return self.app.service

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Meeting keys that make sense only before, or only during, the meeting."""
        review: Review | None = getattr(self, "review", None)
        if review is None:
            return True
        running = review.meeting_started_at is not None and review.meeting_ended_at is None
        if action == "start_meeting":
            return review.meeting_started_at is None  # ctrl+r shows the ground rules again
        if action == "close_meeting":
            return running
        return True

    # -- layout -----------------------------------------------------------------

    @guarded
    def compose(self) -> ComposeResult:
        service, rid = self.service, self.review_id
        self.review: Review = service.review(rid)
        # Everything the first frame needs is decided here, before anything is drawn:
        # a class set after mounting restyles the whole screen, and a pane that loads
        # its data after the first frame makes Textual draw every pane a second time.
        compact = self._is_compact(self.app.size.width, self.app.size.height)
        self.set_class(compact, "-compact", update=False)
        self.set_class(self.review.share_safe, "-share-safe", update=False)
        yield MeetingBar(service, rid, id="meeting-bar")
        if compact:
            yield self._tab_strip()
        with Container(id="panes"):
            # Each pane sits straight in the grid and is itself what F6 maximises.
            yield TimelinePane(service, rid, share_safe=self.review.share_safe, id="timeline",
                               classes="pane -active")
            yield PromptDeck(service, rid, id="prompts", classes="pane")
            yield NotesPane(service, rid, id="notes", classes="pane")
            yield FactorChecklist(service, rid, id="factors", classes="pane")
        yield KeyBar()

    @guarded
    def on_mount(self) -> None:
        self.title = self.review.title
        self.set_interval(self.REFRESH_INTERVAL, self.check_for_changes)
        # The panes have read their data; tell the notes pane what the first frame shows,
        # so that nothing changes (and nothing is drawn again) just after it.
        notes = self.query_one(NotesPane)
        first = self.query_one(TimelinePane).selected_event
        notes.set_event(first)
        self.query_one(PromptDeck).set_event(first)  # its questions, if it is a page, a handoff...
        prompt = self.query_one(PromptDeck).current_prompt
        notes.set_prompt(prompt)
        self._apply_review(self.review, reload_bar=False)  # the bar read it all as it mounted
        # The room is told once this window's first frame is drawn: the first write to the
        # file and the first look for mirrors cost that frame 10 to 30 ms otherwise.
        self.call_after_refresh(self.tell_the_room)

    @guarded
    def tell_the_room(self) -> None:
        """What mirrors show the room: this window's question and event; no ground rules up.
        Then how many mirrors follow, and from now on each second."""
        first = self.query_one(TimelinePane).selected_event
        prompt = self.query_one(PromptDeck).current_prompt
        shown: dict[str, object] = {"event_id": first.id if first else None,
                                    "prompt_id": prompt.id if prompt else None}
        if not self.rules_told:  # else they went up already (F2 straight away) and are the room's
            shown["ground_rules"] = False
        self.service.show_to_room(self.review_id, **shown)
        self.room_told = True
        self.set_interval(self.MIRROR_COUNT_INTERVAL, self.count_mirrors)
        self.count_mirrors()

    @guarded
    def on_resize(self, event: Resize) -> None:
        self._apply_size(event.size.width, event.size.height)

    @staticmethod
    def _is_compact(width: int, height: int) -> bool:
        return width < FULL_LAYOUT_MIN[0] or height < FULL_LAYOUT_MIN[1]

    def _tab_strip(self) -> Tabs:
        # Loaded when first needed: at full size there is no tab strip.
        from textual.widgets import Tab, Tabs

        return Tabs(*(Tab(PANE_LABELS[p], id=f"tab-{p}") for p in PANES), id="pane-tabs",
                    active=f"tab-{self.active_pane}")

    def _apply_size(self, width: int, height: int) -> None:
        compact = self._is_compact(width, height)
        if compact == self.has_class("-compact"):
            return
        self.set_class(compact, "-compact")
        # The tab strip exists only while it is needed: fewer widgets, faster start.
        existing = self.query("#pane-tabs")
        if compact and not existing:
            self.mount(self._tab_strip(), before="#panes")
        elif not compact and existing:
            existing.remove()

    # -- panes ------------------------------------------------------------------

    def pane_widget(self, name: str) -> Widget:
        return self.query_one(f"#{name}")

    def _focus_pane(self, name: str) -> None:
        self._set_active(name)
        widget = self.pane_widget(name)
        focus = getattr(widget, "focus_main", None) or getattr(widget, "focus_list", None)
        if focus:
            focus()
        else:
            widget.focus()

    def _set_active(self, name: str) -> None:
        if name == self.active_pane and self.pane_widget(name).has_class("-active"):
            return
        self.active_pane = name
        for pane in PANES:
            self.pane_widget(pane).set_class(pane == name, "-active")
        strips = self.query("#pane-tabs")
        if strips:
            from textual.widgets import Tabs

            for tabs in strips.results(Tabs):
                with tabs.prevent(Tabs.TabActivated):
                    tabs.active = f"tab-{name}"
        if self.maximized is not None:
            self.maximize(self.pane_widget(name), container=False)

    @guarded
    def action_next_pane(self) -> None:
        self._cycle(1)

    @guarded
    def action_previous_pane(self) -> None:
        self._cycle(-1)

    def _cycle(self, step: int) -> None:
        if self.app.screen is not self:
            return
        # A pane with more than one stop (the notes' input, then their list) goes through them.
        inner = getattr(self.pane_widget(self.active_pane), "focus_next_stop", None)
        if inner is not None and self.active_pane == "notes" and inner(step):
            return
        index = PANES.index(self.active_pane)
        name = PANES[(index + step) % len(PANES)]
        if step < 0 and name == "notes":  # coming back into the notes: their last stop
            self._set_active(name)
            self.query_one(NotesPane).focus_list()
            return
        self._focus_pane(name)

    @guarded
    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        if event.tabs.id != "pane-tabs":
            return
        name = str(event.tab.id).removeprefix("tab-")
        if name in PANES and name != self.active_pane:
            self._focus_pane(name)

    @guarded
    def on_descendant_focus(self, event) -> None:
        node = event.widget
        while node is not None and node is not self:
            node_id = getattr(node, "id", None) or ""
            if node_id in PANES and node.parent is not None and node.parent.id == "panes":
                self._set_active(node_id)
                return
            node = node.parent

    @guarded
    def action_toggle_maximise(self) -> None:
        if self.maximized is not None:
            self.minimize()
            self.app.say("Back to all panes.", timeout=1.5)
        else:
            self.maximize(self.pane_widget(self.active_pane), container=False)

    @guarded
    def action_leave(self) -> None:
        if self.maximized is not None:
            self.minimize()
            return
        if self.focused is not None and self.focused.id == "note-input":
            self._focus_pane("timeline")
            return
        if not self.meeting_running() or self.gone:
            self.save_typing()
            self.app.go_home()
            return
        from facilitator_tui.screens.confirm import ConfirmModal

        def answered(yes: bool | None) -> None:
            if yes:
                self.save_typing()
                self.app.go_home()

        # Escape is pressed often in a meeting; leaving it is never one key away.
        self.app.push_screen(ConfirmModal("Leave the running meeting for the list of reviews?\n\n"
                                          "Its clock keeps going; open the review again to go on.",
                                          yes="Leave", no="Stay"), guarded_callback(self, answered))

    def meeting_running(self) -> bool:
        review = self.review
        return bool(review.meeting_started_at and not review.meeting_ended_at)

    def save_typing(self) -> None:
        """Save the note box's draft and queued notes now (before leaving or quitting)."""
        for pane in self.query(NotesPane):
            pane.flush()

    @guarded
    def action_focus_note_input(self) -> None:
        self._set_active("notes")
        self.query_one(NotesPane).focus_input()

    # -- links between panes: messages up, calls down -------------------------------

    @on(TimelinePane.EventSelected)
    @guarded
    def _event_selected(self, message: TimelinePane.EventSelected) -> None:
        self.query_one(NotesPane).set_event(message.event)
        self.query_one(PromptDeck).set_event(message.event)
        # Sent once the cursor settles (the timeline waits a moment), not for each row passed.
        self.show_to_room(event_id=message.event.id if message.event else None)

    @on(TimelinePane.EventOpened)
    @guarded
    def _open_event(self, message: TimelinePane.EventOpened) -> None:
        pane_requests.open_event(self, message.event)

    @on(TimelinePane.PerspectiveRequested)
    @guarded
    def _choose_perspective(self, message: TimelinePane.PerspectiveRequested) -> None:
        pane_requests.choose_perspective(self, message.current)

    @on(TimelinePane.EventsRemoved)
    @guarded
    def _events_removed(self) -> None:
        # At once, not after the timeline's pause: a note must not link to a deleted event.
        selected = self.query_one(TimelinePane).selected_event
        notes = self.query_one(NotesPane)
        notes.set_event(selected)
        notes.refresh_data()
        self.query_one(PromptDeck).set_event(selected)

    @on(TimelinePane.NotesRequested)
    @guarded
    def _show_event_notes(self, message: TimelinePane.NotesRequested) -> None:
        notes = self.query_one(NotesPane)
        notes.set_event(message.event)
        notes.show_event_notes(True)
        self._set_active("notes")
        notes.query_one("#notes-list").focus()
        self.app.say("Notes on this event · f shows all notes again · n writes one", timeout=3)

    @on(TimelinePane.AddNoteRequested)
    @guarded
    def _add_note_to_event(self, message: TimelinePane.AddNoteRequested) -> None:
        self.query_one(NotesPane).set_event(message.event)
        self.action_focus_note_input()

    @on(NotesPane.MoveRequested)
    @guarded
    def _move_note(self, message: NotesPane.MoveRequested) -> None:
        pane_requests.move_note(self, message.note)

    @on(NotesPane.UnknownPerson)
    @guarded
    def _offer_new_person(self, message: NotesPane.UnknownPerson) -> None:
        pane_requests.offer_new_person(self, message.note, message.name)

    @on(PromptDeck.PromptChanged)
    @guarded
    def _prompt_changed(self, message: PromptDeck.PromptChanged) -> None:
        self.query_one(NotesPane).set_prompt(message.prompt)
        self.show_to_room(prompt_id=message.prompt.id if message.prompt else None)

    @on(NotesPane.NotesChanged)
    @guarded
    def _notes_changed(self) -> None:
        self.query_one(MeetingBar).refresh_data()

    @on(NotesPane.ActionLinkRequested)
    @guarded
    def _edit_action_link(self, message: NotesPane.ActionLinkRequested) -> None:
        from facilitator_tui.screens.text_entry import TextEntry

        note_id = message.note.saved_id()
        self.app.push_screen(
            TextEntry("Link for this action: a ticket URL or reference", value=message.note.link,
                      placeholder="https://…",
                      on_change=lambda link: self._save_action_link(note_id, link)),
            guarded_callback(self, lambda _link: self.query_one(NotesPane).refresh_data()),
        )

    @guarded
    def _save_action_link(self, note_id: int, link: str) -> None:
        self.service.set_action_link(note_id, link)

    # -- review state -------------------------------------------------------------

    def _apply_review(self, review: Review, *, reload_bar: bool = True) -> None:
        """Push the review's meeting state (phase, share-safe) down to every pane."""
        self.review = review
        self.title = review.title
        self.sub_title = PHASE_LABELS[review.current_phase]
        share_safe = review.share_safe
        self.set_class(share_safe, "-share-safe")
        self.query_one(TimelinePane).set_share_safe(share_safe)
        self.query_one(NotesPane).set_share_safe(share_safe)
        if review.meeting_started_at and not review.meeting_ended_at:
            self.query_one(PromptDeck).set_phase(review.current_phase)
        if reload_bar:
            self.query_one(MeetingBar).set_review(review)
        self.refresh_bindings()  # F2 and F10 follow the meeting

    def reload_review(self) -> None:
        self._apply_review(self.service.review(self.review_id))

    @guarded
    def check_for_changes(self) -> None:
        """Show what another process committed since the last look (a timer calls this)."""
        if self.gone:
            return
        version = self.service.data_version()
        if version == self._data_version:
            return
        self._data_version = version
        try:
            review = self.service.review(self.review_id)
        except NotFoundError:
            # Staying put keeps whatever is being typed on screen; nothing more can be saved.
            self.gone = True
            self.sub_title = "deleted elsewhere"
            self.app.notify("This review was deleted elsewhere (another window or the command line). "
                            "Nothing more can be saved to it; what you typed stays on screen. "
                            "Escape leaves.", severity="error", timeout=30, markup=False)
            return
        self._refresh_panes()
        self._apply_review(review)

    # -- meeting (see screens/meeting.py for the dialogs) ----------------------------

    @guarded
    def action_start_meeting(self) -> None:
        from facilitator_tui.screens.meeting import start_meeting

        start_meeting(self)

    @guarded
    def action_ground_rules(self) -> None:
        self.show_ground_rules()

    def show_ground_rules(self, then: Callable[[], None] | None = None) -> None:
        """The ground rules, full screen; mirrors show them too until they are put away."""
        from facilitator_tui.screens.ground_rules import GroundRulesScreen

        self.rules_told = True
        self.service.show_to_room(self.review_id, ground_rules=True)

        def put_away(_: None) -> None:
            self.service.show_to_room(self.review_id, ground_rules=False)
            if then is not None:
                then()

        self.app.push_screen(GroundRulesScreen(), guarded_callback(self, put_away))

    @guarded
    def action_next_phase(self) -> None:
        self._step_phase(1)

    @guarded
    def action_previous_phase(self) -> None:
        self._step_phase(-1)

    def _step_phase(self, step: int) -> None:
        review = self.service.step_phase(self.review_id, step)
        self._apply_review(review)
        self.app.say(f"Phase: {PHASE_LABELS[review.current_phase]}", timeout=2)
        if review.current_phase == "actions" and any(
            not idea.action_note_id for idea in self.service.parked(self.review_id)
        ):
            self.app.say("The parking lot has ideas waiting: ctrl+l turns them into actions.",
                         timeout=5)

    @guarded
    def action_toggle_share_safe(self) -> None:
        if not self.review.share_safe:
            self._set_share_safe(True)
            return
        from facilitator_tui.screens.confirm import ConfirmModal

        def answered(yes: bool | None) -> None:
            if yes:
                self._set_share_safe(False)

        # Turning it off shows private notes: never one stray key away (F5 sits by F4 and F6).
        if self.mirrors:
            question = ("Turn share-safe view OFF?\n\nPrivate notes and facilitator-only events will "
                        f"show on this screen. {following(self.mirrors)}, and it never shows them: "
                        "share the mirror with the room, not this window.")
        else:
            question = ("Turn share-safe view OFF?\n\nPrivate notes and facilitator-only events will "
                        "show on this screen. Stop sharing your screen first (or share a mirror: F12).")
        self.app.push_screen(ConfirmModal(question, yes="Show private", no="Keep hidden"),
                             guarded_callback(self, answered))

    def _set_share_safe(self, share_safe: bool) -> None:
        review = self.service.set_share_safe(self.review_id, share_safe)
        self._apply_review(review)
        if review.share_safe:
            self.app.say("Share-safe view ON: private notes are hidden.")
        elif self.mirrors:
            self.app.notify(
                f"PRIVATE VIEW: private notes are visible here. {following(self.mirrors)}: the room "
                "sees that, never private notes. F5 hides them here again.",
                title="Share-safe view is OFF", severity="warning", timeout=8, markup=False,
            )
        else:
            self.app.notify(
                "PRIVATE VIEW: private notes are visible. F5 hides them again.",
                title="Share-safe view is OFF", severity="error", timeout=8, markup=False,
            )

    @guarded
    def action_park_idea(self) -> None:
        from facilitator_tui.screens.meeting import park_idea

        park_idea(self)

    @guarded
    def action_parking_lot(self) -> None:
        from facilitator_tui.screens.parking_lot import ParkingLotScreen

        self.app.push_screen(ParkingLotScreen(self.review_id), guarded_callback(self, lambda _: self.refresh_all()))

    @guarded
    def action_participants(self) -> None:
        from facilitator_tui.screens.participants import ParticipantsScreen

        self.app.push_screen(ParticipantsScreen(self.review_id), guarded_callback(self, lambda _: self.refresh_all()))

    @guarded
    def action_review_details(self) -> None:
        pane_requests.edit_details(self)

    @guarded
    def action_close_meeting(self) -> None:
        from facilitator_tui.screens.meeting import close_meeting

        close_meeting(self)

    @guarded
    def action_meeting_summary(self) -> None:
        from facilitator_tui.screens.summary import SummaryScreen

        self.app.push_screen(SummaryScreen(self.review_id))

    def refresh_all(self) -> None:
        self._refresh_panes()
        self.reload_review()

    def _refresh_panes(self) -> None:
        """Every pane reads its data again (another process, or a dialog, changed it)."""
        self.query_one(TimelinePane).refresh_data()
        self.query_one(PromptDeck).refresh_data()
        self.query_one(NotesPane).refresh_data()
        self.query_one(FactorChecklist).refresh_data()

    # -- the room's mirror ------------------------------------------------------------

    @guarded
    def action_start_mirror(self) -> None:
        """A read-only mirror for the room in a new window, or the command to start one."""
        from facilitator_tui.terminal_window import follow_argv, open_window, shown_command

        where = open_window(follow_argv(self.app.db_path, self.review_id))
        if where is not None:
            self.app.say(f"The mirror opens in {where}: share that window with the room. "
                         "It never shows private notes.", timeout=6)
            return
        from facilitator_tui.screens.mirror_command import MirrorCommand

        db, rid = self.app.db_path, self.review_id
        self.app.push_screen(MirrorCommand(shown_command(db, rid), shown_command(db, rid, verb="serve")))

    @guarded
    def on_unmount(self) -> None:
        # Leaving (or quitting) with the ground rules up must not leave them on the room's screen.
        self.service.show_to_room(self.review_id, ground_rules=False)

    def show_to_room(self, **fields: object) -> None:
        """What the room should follow now; before the first frame is drawn nothing is sent
        piecemeal (the panes settling as they mount): `tell_the_room` sends it all then."""
        if self.room_told:
            self.service.show_to_room(self.review_id, **fields)

    @guarded
    def count_mirrors(self) -> None:
        """How many mirrors follow (a timer asks each second); the bar shows it."""
        count = self.service.mirrors_following(self.review_id)
        if count == self.mirrors:
            return
        before, self.mirrors = self.mirrors, count
        self.query_one(MeetingBar).set_mirrors(count)
        if count > before:
            self.app.say(f"{following(count)}: it shows the room this meeting, never private notes.")
        elif count == 0:
            self.app.say("No mirror is following any more.")

    # -- import and export --------------------------------------------------------

    @guarded
    def action_export(self) -> None:
        from facilitator_tui.screens.export_dialog import ExportDialog

        self.app.push_screen(ExportDialog(self.review_id))

    @guarded
    def action_import_events(self) -> None:
        from facilitator_tui.screens.import_dialog import ImportDialog

        def done(imported: int | None) -> None:
            if imported:
                self.refresh_all()

        self.app.push_screen(ImportDialog(self.review_id), guarded_callback(self, done))
