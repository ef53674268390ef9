"""markdown_escape and friends: one field of hostile text, in every place the export puts text.

Each escaped field is dropped into a heading, a paragraph, a list item (with
hard breaks), a table cell and after a bold label, then parsed with markdown-it.
The parse must be exactly that one block with the field's text in it, as typed
(after the documented normalisation), and nothing else.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from facilitator_tui.export import markdown_escape
from facilitator_tui.export.escape import escaped_block, escaped_lines, escaped_paragraphs
from facilitator_tui.safe_text import visible

MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])
# Raw HTML on and bare URLs linked: the riskiest common setting.
GFM = MarkdownIt("gfm-like")
STRUCTURE = {"html_block", "html_inline", "fence", "code_block", "code_inline", "image", "link",
             "blockquote", "hr", "s", "em", "strong", "heading", "bullet_list", "ordered_list", "table"}
NASTY = [
    "# heading", "## x ##", "Title #", "Title ##", "a  #", "###### six", "####### seven", "#hashtag",
    "PR #4182", "---", "***", "___", "- - -", "===", "text\n===", "text\n---", "- item", "+ item",
    "* item", "1. first", "1) first", "2025. a year", "> quote", ">", "```", "```py\nx\n```", "~~~",
    "    indented code", "\tcode", "<script>alert(1)</script>", "<!-- c -->", "<div>\n</div>", "<br>",
    "<http://x.test>", "[x](http://evil.test)", "![i](http://e.test/x.png)", "[a]: /url", "[^1]: f",
    "| a | b |", "a|b", "|---|", "*em*", "**strong**", "_em_", "__strong__", "snake_case_name",
    "~~gone~~", "~gone~", "`code`", "``a`b``", "\\", "ends with \\", "\\*", "&amp;", "&copy;", "&#35;",
    "&#x41;", "R&D and a=1&b=2", "$x^2$", "$$\nx\n$$", ": definition", "!!! note", "{: .cls}",
    "%title", "[ ] task", "-5", "+1", "1.2k", "1.", "1)", "-", "+", "--", "- -", "==", "= =", "-\u00a0x", "line one\nline two", "a\n\nb", "  leading", "trailing  ", "\r\nwin\r\n",
    "\x1b[31mred\x1b[0m", "\x00nul", "bell\x07", "del\x7f", "c1\x85\x9b", "rtl\u202eevil", "\u2028sep",
    "\xa0nbsp", "\ufeffbom", "http://example.com/a_b?x=1&y=2#frag", "www.example.com", "mail@x.test",
    "http://x.test/a_b<A>", "http://x.test/*a*", "http://x.test\\<b>x</b>", "see http://x.test/a\nnext",
    "http://x.test/`x`<img src=x>", "www.x.test\\<b>",
]


def shown(text: str, join: str) -> str:
    text = visible(text.replace("\r\n", "\n").replace("\r", "\n"))
    return join.join(line.strip() for line in text.split("\n") if line.strip())


def text_of(node: SyntaxTreeNode) -> str:
    """The visible text under `node`: text as rendered, line breaks as newlines.

    Spaces just before a line break are invisible and dropped (the export puts
    one before a hard break that follows a URL).
    """
    return re.sub(" +\n", "\n", _text(node))


def _text(node: SyntaxTreeNode) -> str:
    if node.type == "text":
        return node.content
    if node.type in ("softbreak", "hardbreak"):
        return "\n"
    return "".join(_text(child) for child in node.children)


def structure(node: SyntaxTreeNode) -> list[str]:
    return [n.type for n in node.walk() if n.type in STRUCTURE]


def only(src: str) -> SyntaxTreeNode:
    """The single top-level block `src` parses to."""
    root = SyntaxTreeNode(MD.parse(src))
    assert len(root.children) == 1, src
    return root.children[0]


def check_gfm(src: str, block: str, expected: list[str]) -> None:
    """Under gfm-like one block with just the `expected` structure, plus any bare-URL links."""
    root = SyntaxTreeNode(GFM.parse(src))
    assert [c.type for c in root.children] == [block], src
    found = [n.type for n in root.walk() if n.type in STRUCTURE and n.type != "link"]
    assert found == expected, src
    assert all(n.markup == "linkify" for n in root.walk() if n.type == "link"), src


def check_field(text: str) -> None:
    one_line = shown(text, " / ")
    escaped = markdown_escape(text)
    assert "\n" not in escaped
    block = escaped_block(text, "    ", "*(empty)*")
    check_gfm(f"# {escaped}", "heading", ["heading"])
    check_gfm(f"**Label:** {escaped}", "paragraph", ["strong"])
    check_gfm(f"| Head | Next |\n| --- | --- |\n| {escaped} | x |", "table", ["table"])
    check_gfm(f"- {block}\n- next", "bullet_list", ["bullet_list"] + ([] if one_line else ["em"]))

    heading = only(f"# {escaped}")
    assert heading.type == "heading" and structure(heading) == ["heading"]
    assert text_of(heading) == one_line

    if one_line:
        para = only(escaped)
        assert para.type == "paragraph" and structure(para) == [] and text_of(para) == one_line
        para = only(f"first line\n{escaped}")
        assert para.type == "paragraph" and structure(para) == []
        assert text_of(para) == "first line\n" + one_line

    labelled = only(f"**Label:** {escaped}")
    assert structure(labelled) == ["strong"] and text_of(labelled) == f"Label: {one_line}".rstrip()

    table = only(f"| Head | Next |\n| --- | --- |\n| {escaped} | x |")
    assert structure(table) == ["table"]
    cells = [text_of(c) for c in table.walk() if c.type == "td"]
    assert cells == [one_line, "x"]

    items = only(f"- {block}\n- next")
    assert structure(items) == ["bullet_list"] + (["em"] if not one_line else [])
    assert [text_of(i) for i in items.children] == [shown(text, "\n") or "(empty)", "next"]


@pytest.mark.parametrize("text", NASTY)
def test_each_markdown_construct_stays_text(text):
    check_field(text)


@settings(max_examples=1500, deadline=None)
@given(data=st.data())
def test_any_text_stays_text_wherever_it_lands(texts, data):
    text = data.draw(texts)
    check_field(text)


@settings(max_examples=500, deadline=None)
@given(data=st.data())
def test_paragraphs_split_only_at_blank_lines(texts, data):
    text = data.draw(texts)
    paragraphs = escaped_paragraphs(text)
    root = SyntaxTreeNode(MD.parse("\n\n".join(paragraphs)))
    assert [n.type for n in root.children] == ["paragraph"] * len(paragraphs)
    assert all(structure(p) == [] for p in root.children)
    lines = visible(text.replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    expected, current = [], []
    for line in lines:
        if line.strip():
            current.append(line.strip())
        elif current:
            expected.append("\n".join(current))
            current = []
    if current:
        expected.append("\n".join(current))
    assert [text_of(p) for p in root.children] == expected


def test_readable_where_nothing_could_happen():
    assert markdown_escape("db_pool_size hit 100% at 23:12") == "db_pool_size hit 100% at 23:12"
    assert markdown_escape("see https://x.test/a_b?q=1&r=2#part") == "see https://x.test/a_b?q=1&r=2#part"
    assert markdown_escape("it's 3 > 2, isn't it? (yes)") == "it's 3 > 2, isn't it? (yes)"
    for text in ("-5 degrees", "+1 from me", "1.2k orders", "=SUM(A1)", "2025-11-27 was busy"):
        assert markdown_escape(text) == text


def test_escapes_where_it_matters():
    assert markdown_escape("# not a heading") == "\\# not a heading"
    assert markdown_escape("Title #") == "Title \\#"
    assert markdown_escape("_leading and trailing_") == "\\_leading and trailing\\_"
    assert markdown_escape("&copy; but R&D") == "\\&copy; but R&D"
    assert markdown_escape("1. one") == "1\\. one"
    assert markdown_escape("- item") == "\\- item"
    assert markdown_escape("<b>|`x`|</b>") == "\\<b>\\|\\`x\\`\\|\\</b>"
    # GitHub renders $...$ as math; markdown-it does not, so this is checked here.
    assert markdown_escape("$5 and $10") == "\\$5 and \\$10"


def test_urls_needing_escapes_are_not_linked_and_clean_ones_keep_their_line_break():
    # A bare-URL linker would swallow the backslash before "<" and free raw HTML.
    assert markdown_escape("http://x.test/a_b<A>") == "http\\://x.test/a_b\\<A>"
    block = escaped_block("see http://x.test/a_b\nnext", "    ")
    html = GFM.render(f"- {block}")
    assert '<a href="http://x.test/a_b">http://x.test/a_b</a> <br />' in html


def test_lines_are_trimmed_and_blank_ones_dropped():
    assert escaped_lines("  first  \n\n   \n\tsecond\r\nthird\r") == ["first", "second", "third"]
    assert markdown_escape(" a \n\n b ") == "a / b"
    assert escaped_block("a\n  b", "    ") == "a\\\n    b"
    assert escaped_block(" \n ", "    ", "none") == "none"


def test_control_characters_become_visible_symbols():
    assert markdown_escape("\x1b[31mred") == "\u241b\\[31mred"
    assert markdown_escape("a\x00b\x7fc\x85d\u202ee") == "a\u2400b\u2421c\ufffdd\ufffde"
    assert markdown_escape("tab\there") == "tab here"


def test_printable_text_needs_no_control_table():
    # escape.py skips safe_text.visible() for printable text; that is only right
    # while visible() changes nothing printable. Every code point is checked.
    changed = [cp for cp in range(0x110000)
               if chr(cp).isprintable() and visible(chr(cp)) != chr(cp)]
    assert changed == []


@given(data=st.data())
def test_fragments_glued_together(tricky, data):
    a, b, c = (data.draw(st.sampled_from(tricky)) for _ in range(3))
    check_field(a + b + c)
