"""Slack workspace exports (a folder, a .zip, or one day file) read into timeline events.

One event per message, named by `<channel>:<ts>` so a second import of the
same export adds nothing. Thread replies point at their parent; bot posts are
marked; joins, leaves, topic changes and the like are counted and skipped
unless asked for. A message edited later (`message_changed`) keeps its final
text and a deleted one (`message_deleted`) is dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from facilitator_tui.importers.contract import (
    ImportFailure,
    ImportOptions,
    Progress,
    failure,
)
from facilitator_tui.importers.slack_archive import (
    CONVERSATION_LISTS,
    DAY_FILE,
    DayFile,
    ExportArchive,
    FolderArchive,
    ZipArchive,
)
from facilitator_tui.importers.slack_markup import SlackDecoder
from facilitator_tui.importers.text_input import decode, is_zip, load_json, read_bytes, require_content
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
_SLACKBOT = "USLACKBOT"


def read_slack(
    path: Path, options: ImportOptions, progress: Progress, data: bytes | None = None
) -> tuple[list[Event], int]:
    """Events (in file order) and how many noise messages were skipped."""
    if path.is_dir():
        archive: ExportArchive = FolderArchive(path)
        return _read_archive(archive, options, progress, single_channel=_lone_channel(archive, path))
    if (data is not None and is_zip(data)) or (data is None and zipfile_like(path)):
        archive = ZipArchive(path)
        try:
            return _read_archive(archive, options, progress, single_channel=None)
        finally:
            archive.close()
    if path.name in CONVERSATION_LISTS or path.name == "users.json":
        archive = FolderArchive(path.parent)
        return _read_archive(archive, options, progress, single_channel=None)
    return _read_day_file(path, options, progress, data)


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
    archive: ExportArchive, options: ImportOptions, progress: Progress, single_channel: str | None
) -> tuple[list[Event], int]:
    day_files = archive.day_files(single_channel)
    if not day_files:
        raise failure(archive.label, "not a Slack export: no channel folders of YYYY-MM-DD.json day files")
    users = _load_users(archive)
    channel_ids = _load_channel_ids(archive)
    day_files = _pick_channels(archive.label, day_files, options)
    reader = _MessageReader(users, channel_ids, options)
    total = len(day_files)
    progress(0, total, force=True)
    for done, day in enumerate(day_files, 1):
        label = archive.member_label(day.member)
        text = decode(archive.read(day.member), label, "a Slack day file")
        reader.read_day(_day_messages(text, label), day.channel, label)
        progress(done, total, force=True)
    return reader.finish(archive.label)


def _read_day_file(
    path: Path, options: ImportOptions, progress: Progress, data: bytes | None
) -> tuple[list[Event], int]:
    """A single `YYYY-MM-DD.json`: its folder names the channel; users.json may sit beside it."""
    raw = read_bytes(path) if data is None else data
    text = decode(raw, path.name, "a Slack day file")
    messages = _day_messages(text, path.name)
    folder = path.resolve().parent
    channel = folder.name if DAY_FILE.match(path.name) else path.stem
    parent = FolderArchive(folder.parent)
    users = _load_users(parent) if parent.has("users.json") else {}
    channel_ids = _load_channel_ids(parent)
    wanted = options.wanted_channels()
    if wanted and channel not in wanted:
        raise failure(path.name, f"no channel named {wanted[0]!r}; this day file is from #{channel}")
    reader = _MessageReader(users, channel_ids, options)
    progress(0, 1, force=True)
    reader.read_day(messages, channel, path.name)
    progress(1, 1, force=True)
    return reader.finish(path.name)


def _day_messages(text: str, label: str) -> list[Any]:
    require_content(text, label)
    messages = load_json(text, label)
    if not isinstance(messages, list):
        raise failure(label, "is not a Slack day file: expected a list of messages")
    return messages


def _load_users(archive: ExportArchive) -> dict[str, str]:
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
    return users


def display_name(record: Mapping[str, Any]) -> str:
    """What people call this user: display name, else real name, else handle, else the id."""
    profile = record.get("profile")
    profile = profile if isinstance(profile, dict) else {}
    for value in (profile.get("display_name"), profile.get("real_name"), record.get("real_name"),
                  record.get("name"), record.get("display_name"), record.get("id")):
        if isinstance(value, str) and value.strip():
            return value
    return ""


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

    def __init__(self, users: dict[str, str], channel_ids: dict[str, str], options: ImportOptions) -> None:
        self.users = users
        self.decoder = SlackDecoder(users, channel_ids)
        self.include_noise = options.include_noise
        self.by_id: dict[str, Event] = {}
        self.deleted: set[str] = set()
        self.edited: set[str] = set()  # ids whose final text came from a message_changed
        self.noise = 0

    def read_day(self, messages: Iterable[Any], channel: str, label: str) -> None:
        for index, message in enumerate(messages, 1):
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
        user = message.get("user")
        user = user if isinstance(user, str) else ""
        is_bot = subtype == "bot_message" or bool(message.get("bot_id")) or user == _SLACKBOT
        if is_bot:
            actor, kind = self._bot_name(message, user), "bot"
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

    def _bot_name(self, message: dict[str, Any], user: str) -> str:
        bot = message.get("bot_profile")
        for value in (message.get("username"), bot.get("name") if isinstance(bot, dict) else None,
                      self.users.get(user), message.get("bot_id"), user):
            if isinstance(value, str) and value:
                return value
        return "bot"

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

    def finish(self, label: str) -> tuple[list[Event], int]:
        events = [e for key, e in self.by_id.items() if key not in self.deleted]
        if not events:
            if self.noise:
                raise failure(label, f"nothing to import: only {self.noise} join, leave or topic "
                              "messages, which are skipped unless noise is included")
            raise failure(label, "nothing to import: no messages in the chosen channels")
        return events, self.noise


def _file_name(item: dict[str, Any]) -> str:
    for key in ("title", "name"):
        value = item.get(key)
        if isinstance(value, str) and value:
            return value
    return ""
