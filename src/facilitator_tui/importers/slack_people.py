"""Who posted a Slack message: people by their profile names, bots by whatever the export tells.

Legacy integrations post `bot_message`s that carry only a `bot_id` such as
B0JL6RASU. A name is looked for, in order, in the message (`username`,
`bot_profile`, `bot_link`), in the bot users of users.json, in the integration
logs' service and app names, in another message of the same bot, and in the
message's attachment (its author, service or a short pretext). Only when all
of these are silent is the bot called "bot" with its id.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from facilitator_tui.importers.contract import dict_of

SLACKBOT = "USLACKBOT"
_MAX_PRETEXT = 40


def display_name(record: Mapping[str, Any]) -> str:
    """What people call this user: display name, else real name, else handle, else the id."""
    profile = record.get("profile")
    profile = profile if isinstance(profile, dict) else {}
    for value in (profile.get("display_name"), profile.get("real_name"), record.get("real_name"),
                  record.get("name"), record.get("display_name"), record.get("id")):
        if isinstance(value, str) and value.strip():
            return value
    return ""


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


class BotNames:
    """Bot ids and app ids to names, gathered from users.json, integration logs and messages."""

    def __init__(self) -> None:
        self.by_bot: dict[str, str] = {}
        self.by_app: dict[str, str] = {}
        self.learned: dict[str, str] = {}  # from other messages of the same bot

    def add_users(self, records: list[Any]) -> None:
        for record in records:
            if not isinstance(record, dict):
                continue
            profile = dict_of(record.get("profile"))
            bot_id = _text(profile.get("bot_id"))
            name = display_name(record)
            if bot_id and name:
                self.by_bot.setdefault(bot_id, name)
            app_id = _text(profile.get("api_app_id"))
            if app_id and name:
                self.by_app.setdefault(app_id, name)

    def add_integration_logs(self, data: Any) -> None:
        """`[...]` or `{"logs": [...]}`: entries naming a service, an app or a bot."""
        entries = data.get("logs") if isinstance(data, dict) else data
        for entry in entries if isinstance(entries, list) else ():
            if not isinstance(entry, dict):
                continue
            name = next((_text(entry.get(k)) for k in ("bot_name", "service_name", "service_type", "app_type",
                                                       "rss_feed_title") if _text(entry.get(k))), "")
            if not name:
                continue
            for key, table in (("bot_id", self.by_bot), ("app_id", self.by_app), ("service_id", self.by_app)):
                ident = entry.get(key)
                if isinstance(ident, str | int) and str(ident):
                    table.setdefault(str(ident), name)

    def name(self, message: dict[str, Any], user: str, users: Mapping[str, str]) -> tuple[str, bool]:
        """The bot's name, and whether it names the bot itself (False: a stand-in that may improve)."""
        bot_id = _text(message.get("bot_id"))
        profile = dict_of(message.get("bot_profile"))
        for value in (_text(message.get("username")), _text(profile.get("name")), _link_name(message)):
            if value:
                if bot_id:
                    self.learned.setdefault(bot_id, value)
                return value, True
        app_id = _text(message.get("app_id")) or _text(profile.get("app_id"))
        for known in (self.by_bot.get(bot_id), users.get(user) if user else None, self.by_app.get(app_id),
                      self.learned.get(bot_id)):
            if known:
                return known, True
        if user == SLACKBOT:
            return "Slackbot", True
        from_attachment = _attachment_name(message)
        if from_attachment:
            return from_attachment, True
        return (f"bot {bot_id}" if bot_id else "bot"), False

    def later_name(self, bot_id: str) -> str:
        """A name learned after a message of this bot was read without one."""
        return self.learned.get(bot_id, "")


def _link_name(message: dict[str, Any]) -> str:
    """'<https://example.com/ci|Build server>' -> 'Build server'."""
    link = _text(message.get("bot_link"))
    if "|" in link:
        return link.strip("<>").split("|", 1)[1].strip()
    return ""


def _attachment_name(message: dict[str, Any]) -> str:
    attachments = message.get("attachments")
    for item in attachments if isinstance(attachments, list) else ():
        if not isinstance(item, dict):
            continue
        for key in ("author_name", "service_name"):
            if _text(item.get(key)):
                return _text(item.get(key))
        pretext = _text(item.get("pretext")).split("\n", 1)[0].strip().rstrip(":")
        if pretext and len(pretext) <= _MAX_PRETEXT:
            return pretext
    return ""
