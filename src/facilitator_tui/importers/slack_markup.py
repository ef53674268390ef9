"""Slack's message encoding undone: `<@U123>` mentions, `<#C1|name>` channels, links and entities.

Slack writes a literal `&`, `<` and `>` as `&amp;`, `&lt;` and `&gt;` and uses
real angle brackets only for its own references, so one left-to-right pass
can tell the two apart. Only those three entities are decoded: anything else
that looks like an entity (`&quot;`, `&#39;`) is what the person typed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

_TOKEN = re.compile(r"<([^<>\n]*)>|&(amp|lt|gt);")
_ENTITY = re.compile(r"&(amp|lt|gt);")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">"}
_BROADCASTS = {"here", "channel", "everyone"}


def unescape(text: str) -> str:
    """Slack's three entities decoded in one pass, so `&amp;lt;` becomes `&lt;`, not `<`."""
    if "&" not in text:
        return text
    return _ENTITY.sub(lambda m: _ENTITIES[m[1]], text)


def escape(text: str) -> str:
    """Text as Slack stores it: the inverse of `decode` for text without references."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class SlackDecoder:
    """Decodes message text using the export's user and channel names."""

    def __init__(self, users: Mapping[str, str], channels: Mapping[str, str]) -> None:
        self.users = users
        self.channels = channels

    def decode(self, text: str) -> str:
        if "<" not in text and "&" not in text:
            return text
        return _TOKEN.sub(self._replace, text)

    def _replace(self, match: re.Match[str]) -> str:
        entity = match[2]
        if entity is not None:
            return _ENTITIES[entity]
        return self._reference(match[1])

    def _reference(self, inner: str) -> str:
        target, bar, label = inner.partition("|")
        label = unescape(label)
        if target.startswith("@"):
            user_id = target[1:]
            return "@" + (label.removeprefix("@") if label else self.users.get(user_id, user_id))
        if target.startswith("#"):
            channel_id = target[1:]
            return "#" + (label.removeprefix("#") if label else self.channels.get(channel_id, channel_id))
        if target.startswith("!"):
            return _special(target[1:], label)
        url = unescape(target)
        if not bar or not label or label == url:
            return url
        if url == f"mailto:{label}":
            return label
        return f"{label} ({url})"


def _special(command: str, label: str) -> str:
    """`<!here>`, `<!subteam^S1|@oncall>`, `<!date^...|fallback>` and their kin."""
    if label:
        return label if label.startswith("@") or not _is_mention(command) else "@" + label
    name = command.split("^", 1)
    if name[0] in _BROADCASTS:
        return "@" + name[0]
    if name[0] == "subteam" and len(name) > 1:
        return "@" + name[1]
    return "@" + command if _is_mention(command) else command


def _is_mention(command: str) -> bool:
    return command.split("^", 1)[0] in (*_BROADCASTS, "subteam")
