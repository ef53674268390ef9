"""Slack workspace exports (a folder, a .zip, or one day file) read into timeline events.

One event per message, named by `<channel>:<ts>` so a second import of the
same export adds nothing. Thread replies point at their parent; bot posts are
marked; joins, leaves, topic changes and the like are counted and skipped
unless asked for. A message edited later (`message_changed`) keeps its final
text and a deleted one (`message_deleted`) is dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import groupby
from pathlib import Path
from typing import Any

from facilitator_tui.importers.contract import (
    ImportFailure,
    ImportOptions,
    ImportReport,
    Progress,
    failure,
    text_of,
)
from facilitator_tui.importers.json_docs import array_items
from facilitator_tui.importers.slack_archive import (
    CONVERSATION_LISTS,
    DAY_FILE,
    MAX_MEMBER_BYTES,
    DayFile,
    ExportArchive,
    FolderArchive,
    ZipArchive,
)
from facilitator_tui.importers.slack_markup import SlackDecoder
from facilitator_tui.importers.slack_people import SLACKBOT, BotNames, display_name
from facilitator_tui.importers.text_input import decode, is_zip, read_bytes, require_content
from facilitator_tui.models import Event
from facilitator_tui.timeparse import from_epoch

# Housekeeping a review does not need: who came and went, renames, pins, reminders.
NOISE_SUBTYPES = frozenset({
    "channel_join", "channel_leave", "channel_topic", "channel_purpose", "channel_name",
    "channel_archive", "channel_unarchive", "channel_convert_to_private", "channel_convert_to_public",
    "group_join", "group_leave", "group_topic", "group_purpose", "group_name", "group_archive",
    "group_unarchive", "pinned_item", "unpinned_item", "bot_add", "bot_remove", "bot_enable",
    "bot_disable", "reminder_add", "reminder_delete", "joiner_notification", "tombstone",
    "channel_posting_permissions", "sh_room_created",
})
_WRAPPERS = frozenset({"message_changed", "message_replied"})

__all__ = ["NOISE_SUBTYPES", "display_name", "read_slack"]


def read_slack(
    path: Path, options: ImportOptions, report: ImportReport, progress: Progress
) -> Iterator[Event]:
    """Events channel by channel (file order within each); noise is counted in `report`."""
    if path.is_dir():
        archive: ExportArchive = FolderArchive(path)
        yield from _read_archive(archive, options, report, progress, single_channel=_lone_channel(archive, path))
    elif zipfile_like(path):
        zipped = ZipArchive(path)
        try:
            yield from _read_archive(zipped, options, report, progress, single_channel=None)
        finally:
            zipped.close()
    elif path.name in CONVERSATION_LISTS or path.name == "users.json":
        yield from _read_archive(FolderArchive(path.parent), options, report, progress, single_channel=None)
    else:
        yield from _read_day_file(path, options, report, progress)


def zipfile_like(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return is_zip(handle.read(4))
    except OSError:
        return False


def _lone_channel(archive: ExportArchive, path: Path) -> str | None:
    """A folder of day files with no channel folders is one channel, named after the folder."""
    if any(DAY_FILE.match(name) for name in archive.names()):
        return path.resolve().name
    return None


def _read_archive(
    archive: ExportArchive, options: ImportOptions, report: ImportReport, progress: Progress,
    single_channel: str | None,
) -> Iterator[Event]:
    day_files = archive.day_files(single_channel)
    if not day_files:
        raise failure(archive.label, "not a Slack export: no channel folders of YYYY-MM-DD.json day files")
    bots = BotNames()
    users = _load_users(archive, bots)
    _load_integrations(archive, bots)
    channel_ids = _load_channel_ids(archive)
    day_files = _pick_channels(archive.label, day_files, options)
    reader = _MessageReader(users, channel_ids, bots, options)
    total = len(day_files)
    progress(0, total, force=True)
    done = 0
    for channel, days in groupby(day_files, key=lambda d: d.channel):
        for day in days:
            label = archive.member_label(day.member)
            text = decode(archive.read(day.member), label, "a Slack day file")
            reader.read_day(_day_messages(text, label), channel, label)
            done += 1
            progress(done, total, force=True)
        yield from reader.flush()
    report.noise_skipped += reader.noise
    reader.check(archive.label)


def _read_day_file(path: Path, options: ImportOptions, report: ImportReport, progress: Progress) -> Iterator[Event]:
    """A single `YYYY-MM-DD.json`: its folder names the channel; users.json may sit beside it."""
    text = decode(read_bytes(path, MAX_MEMBER_BYTES, "Slack day file"), path.name, "a Slack day file")
    messages = _day_messages(text, path.name)
    folder = path.resolve().parent
    channel = folder.name if DAY_FILE.match(path.name) else path.stem
    parent = FolderArchive(folder.parent)
    bots = BotNames()
    users = _load_users(parent, bots) if parent.has("users.json") else {}
    channel_ids = _load_channel_ids(parent)
    wanted = options.wanted_channels()
    if wanted and channel not in wanted:
        raise failure(path.name, f"no channel named {wanted[0]!r}; this day file is from #{channel}")
    reader = _MessageReader(users, channel_ids, bots, options)
    progress(0, 1, force=True)
    reader.read_day(messages, channel, path.name)
    progress(1, 1, force=True)
    yield from reader.flush()
    report.noise_skipped += reader.noise
    reader.check(path.name)


def _day_messages(text: str, label: str) -> Iterator[tuple[int, Any]]:
    require_content(text, label)
    if not text.lstrip().startswith("["):
        raise failure(label, "is not a Slack day file: expected a list of messages")
    return array_items(text, label)


def _load_users(archive: ExportArchive, bots: BotNames) -> dict[str, str]:
    users: dict[str, str] = {}
    for list_name in ("users.json", "org_users.json"):
        if not archive.has(list_name):
            continue
        records = archive.json(list_name)
        if not isinstance(records, list):
            raise failure(archive.member_label(list_name), "expected a list of users")
        for record in records:
            if isinstance(record, dict) and isinstance(record.get("id"), str):
                users[record["id"]] = display_name(record)
        bots.add_users(records)
    return users


def _load_integrations(archive: ExportArchive, bots: BotNames) -> None:
    if archive.has("integration_logs.json"):
        bots.add_integration_logs(archive.json("integration_logs.json"))


def _load_channel_ids(archive: ExportArchive) -> dict[str, str]:
    ids: dict[str, str] = {}
    for list_name in CONVERSATION_LISTS:
        if not archive.has(list_name):
            continue
        records = archive.json(list_name)
        if not isinstance(records, list):
            raise failure(archive.member_label(list_name), "expected a list of conversations")
        for record in records:
            if isinstance(record, dict) and isinstance(record.get("id"), str):
                name = record.get("name")
                ids[record["id"]] = name if isinstance(name, str) and name else record["id"]
    return ids


def _pick_channels(label: str, day_files: list[DayFile], options: ImportOptions) -> list[DayFile]:
    wanted = options.wanted_channels()
    if not wanted:
        return day_files
    available = sorted({d.channel for d in day_files})
    missing = [name for name in wanted if name not in available]
    if missing:
        shown = ", ".join(available[:30]) + (f" and {len(available) - 30} more" if len(available) > 30 else "")
        raise failure(label, f"no channel named {missing[0]!r} in this export; channels: {shown}")
    keep = set(wanted)
    return [d for d in day_files if d.channel in keep]


class _MessageReader:
    """Turns message dicts into events, remembering edits, deletions and skipped noise."""

    def __init__(self, users: dict[str, str], channel_ids: dict[str, str], bots: BotNames,
                 options: ImportOptions) -> None:
        self.users = users
        self.bots = bots
        self.decoder = SlackDecoder(users, channel_ids)
        self.include_noise = options.include_noise
        # One channel at a time: ids are per channel, so its edits and deletions are settled
        # when its last day is read, and only then are its events handed on.
        self.by_id: dict[str, Event] = {}
        self.deleted: set[str] = set()
        self.edited: set[str] = set()  # ids whose final text came from a message_changed
        self.unnamed: dict[str, str] = {}  # event id -> bot id, for bots named only later
        self.noise = 0
        self.count = 0

    def read_day(self, messages: Iterable[tuple[int, Any]], channel: str, label: str) -> None:
        for index, (_line, message) in enumerate(messages, 1):
            if not isinstance(message, dict):
                raise failure(label, "is not a Slack message", entry=f"entry {index}")
            try:
                self._one(message, channel)
            except ImportFailure:
                raise
            except (ValueError, TypeError, AttributeError, KeyError) as exc:
                raise failure(label, f"cannot read this message ({exc})", entry=f"entry {index}") from None

    def _one(self, message: dict[str, Any], channel: str) -> None:
        subtype = message.get("subtype")
        if subtype == "message_deleted":
            self.deleted.add(f"{channel}:{message.get('deleted_ts') or message.get('ts')}")
            return
        edit = subtype in _WRAPPERS and isinstance(message.get("message"), dict)
        if edit:
            outer_ts = message.get("ts")
            message = message["message"]
            subtype = message.get("subtype")
            if "ts" not in message and outer_ts is not None:
                message = {**message, "ts": outer_ts}
        if subtype in NOISE_SUBTYPES and not self.include_noise:
            self.noise += 1
            return
        ts = message.get("ts")
        if not isinstance(ts, str | int | float) or isinstance(ts, bool):
            raise ValueError("it has no ts")
        ts = str(ts)
        external_id = f"{channel}:{ts}"
        if edit:
            self.edited.add(external_id)
        elif external_id in self.edited:
            return  # the original of a message whose edit was already read: the edit wins
        thread_ts = message.get("thread_ts")
        is_reply = isinstance(thread_ts, str) and thread_ts != ts
        user = text_of(message.get("user"))
        is_bot = subtype == "bot_message" or bool(message.get("bot_id")) or user == SLACKBOT
        if is_bot:
            actor, named = self.bots.name(message, user, self.users)
            kind = "bot"
            if not named and isinstance(message.get("bot_id"), str):
                self.unnamed[external_id] = message["bot_id"]
        else:
            actor, kind = self._user_name(message, user), "reply" if is_reply else "message"
        if subtype in NOISE_SUBTYPES:
            kind = subtype
        self.by_id[external_id] = Event(
            at=from_epoch(ts), source="slack", actor=actor, text=self._body(message), kind=kind,
            channel=channel, external_id=external_id,
            reply_to=f"{channel}:{thread_ts}" if is_reply else None, is_bot=is_bot,
        )

    def _user_name(self, message: dict[str, Any], user: str) -> str:
        name = self.users.get(user)
        if name:
            return name
        profile = message.get("user_profile")
        if isinstance(profile, dict):
            name = display_name(profile)
            if name and user:
                self.users[user] = name  # later mentions of this id read as the name too
            if name:
                return name
        username = message.get("username")
        return user or (username if isinstance(username, str) else "")

    def _body(self, message: dict[str, Any]) -> str:
        raw = message.get("text")
        text = self.decoder.decode(raw) if isinstance(raw, str) else ""
        if not text:
            text = "\n".join(self._attachment_lines(message))
        files = message.get("files")
        if isinstance(files, list):
            names = [_file_name(f) for f in files if isinstance(f, dict)]
            shared = "\n".join(f"(file: {n})" for n in names if n)
            text = f"{text}\n{shared}" if text and shared else text or shared
        return text

    def _attachment_lines(self, message: dict[str, Any]) -> list[str]:
        lines = []
        attachments = message.get("attachments")
        for item in attachments if isinstance(attachments, list) else ():
            if not isinstance(item, dict):
                continue
            for key in ("fallback", "text", "title", "pretext"):
                value = item.get(key)
                if isinstance(value, str) and value:
                    lines.append(self.decoder.decode(value))
                    break
        return lines

    def flush(self) -> Iterator[Event]:
        """The channel just read, with its edits and deletions applied; then forget it."""
        for key, event in self.by_id.items():
            if key in self.deleted:
                continue
            bot_id = self.unnamed.get(key)
            if bot_id and self.bots.later_name(bot_id):
                event = event.model_copy(update={"actor": self.bots.later_name(bot_id)})
            self.count += 1
            yield event
        self.by_id, self.deleted, self.edited, self.unnamed = {}, set(), set(), {}

    def check(self, label: str) -> None:
        if self.count:
            return
        if self.noise:
            raise failure(label, f"nothing to import: only {self.noise} join, leave or topic "
                          "messages, which are skipped unless noise is included")
        raise failure(label, "nothing to import: no messages in the chosen channels")


def _file_name(item: dict[str, Any]) -> str:
    for key in ("title", "name"):
        value = item.get(key)
        if isinstance(value, str) and value:
            return value
    return ""
