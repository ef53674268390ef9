"""Slack's encoding of mentions, links and entities, undone."""

from __future__ import annotations

import pytest

from facilitator_tui.importers.slack_markup import SlackDecoder, escape, unescape

DECODER = SlackDecoder({"U1": "alice", "U2": "Bob Martinez"}, {"C1": "ops"})


@pytest.mark.parametrize("raw, decoded", [
    ("hi <@U1>", "hi @alice"),
    ("<@U2|bob> and <@U404>", "@bob and @U404"),
    ("see <#C1|ops-deploys> and <#C1> and <#C1|> and <#C9>", "see #ops-deploys and #ops and #ops and #C9"),
    ("<https://x.example/a?b=1&amp;c=2|the graph>", "the graph (https://x.example/a?b=1&c=2)"),
    ("<https://x.example>", "https://x.example"),
    ("<https://x.example|https://x.example>", "https://x.example"),
    ("<mailto:ops@x.example|ops@x.example>", "ops@x.example"),
    ("<!here> <!channel> <!everyone> <!here|here>", "@here @channel @everyone @here"),
    ("<!subteam^S01|@oncall> <!subteam^S02>", "@oncall @S02"),
    ("<!date^1392734382^{date}|Feb 18th>", "Feb 18th"),
    ("a &lt;b&gt; &amp; c", "a <b> & c"),
    ("&amp;lt; stays an entity", "&lt; stays an entity"),
    ("&quot;typed&quot; &#39;x&#39; &nbsp;", "&quot;typed&quot; &#39;x&#39; &nbsp;"),
    ("<https://a.example|a &amp; b>", "a & b (https://a.example)"),
    ("plain [bold]x[/] text", "plain [bold]x[/] text"),
    ("unclosed < bracket", "unclosed < bracket"),
])
def test_decode(raw, decoded):
    assert DECODER.decode(raw) == decoded


def test_escape_round_trips():
    for text in ("a < b > c & d", "&amp;", "<@U1>", "&lt;&gt;"):
        assert DECODER.decode(escape(text)) == text
        assert unescape(escape(text)) == text
