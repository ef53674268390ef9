"""Escaping people's text for Markdown: it shows exactly as typed and never becomes structure.

The rules, each closing one way a note could break the document:

- Control characters become the same visible symbols the screen shows
  (`safe_text.visible`); tabs become spaces.
- Every ASCII punctuation character with an inline meaning in CommonMark or on
  GitHub is backslash-escaped (CommonMark lets any ASCII punctuation be
  escaped): backslash, code spans, emphasis, strikethrough, links and images,
  raw HTML and autolinks, table pipes and math dollars; `_`, `&` and `#` only
  where they could act (see below), so snake_case and URLs stay readable.
- Each line is trimmed, so leading spaces can never make indented code and
  trailing spaces never make a line break; a character that only means
  something at the start of a line (`>`, `-`, `+`, `=`, `1.`, `:`...) is
  escaped there, so a line is safe wherever it lands.
- A URL that needed escapes is kept from being linked (its "://" is escaped):
  bare-URL linkers such as markdown-it's linkify read the raw text and would
  swallow a backslash into the link, freeing the character it escaped. Clean
  URLs stay as they are, for renderers to link.
- Blank lines inside a field are dropped (paragraphs excepted), so one field can
  never end the block it sits in. Callers join the lines: " / " where only one
  line fits (headings, table cells, names), a backslash hard break in list items.
"""

from __future__ import annotations

import re

from facilitator_tui.safe_text import visible

LINE_JOIN = " / "

# Always escaped; the backslash comes first, as it must be doubled before others add one.
_ALWAYS = "\\`*[]<|~$"
_ANY_SPECIAL = re.compile(r"[\\`*\[\]<|~$_&#]")
# Three are escaped only where they could mean something, to keep snake_case,
# URLs with "a=1&b=2" and "page#part" readable in the raw file:
# "_" between two letters or digits can neither open nor close emphasis;
_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
# "&" only makes an entity when a name or number and ";" follow;
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# "#" only makes a heading (or a heading's closing run) after a space or at the start.
_HASH = re.compile(r"(?<!\S)#")
# Characters that start a block (or a wiki extension) only at the start of a line
# (the inline ones above are escaped wherever they are): these always there,
_LINE_START = frozenset(">:!{%")
# these only when what follows makes a list item, a rule or an underline, so
# "-5 degrees", "+1" and "1.2k orders" stay as written.
_LINE_START_BEFORE = {"-": ("", " ", "-"), "+": ("", " "), "=": ("", " ", "=")}
_ORDERED = re.compile(r"^([0-9]+)([.)])(?= |$)")
_NEWLINE = re.compile(r"\r\n?")
_URL_RUN = re.compile(r"\S*://\S*")


def _unlinkable(match: re.Match[str]) -> str:
    run = match.group()
    return run.replace("://", "\\://") if "\\" in run else run


def _visible(text: str) -> str:
    # visible() only changes control and format characters, which are never
    # printable, so printable text (most of it) can skip the table.
    return text if text.isprintable() else visible(text)


def _escape_line(line: str) -> str:
    """One line, already made visible: trimmed and escaped."""
    line = line.strip()
    found = set(_ANY_SPECIAL.findall(line))
    if found:
        # replace() per character present beats translate() with a table by half.
        for ch in _ALWAYS:
            if ch in found:
                line = line.replace(ch, "\\" + ch)
        if "_" in found:
            line = _UNDERSCORE.sub(r"\\_", line)
        if "&" in found:
            line = _ENTITY.sub(r"\\&", line)
        if "#" in found:
            line = _HASH.sub(r"\\#", line)
        if "://" in line and "\\" in line:
            line = _URL_RUN.sub(_unlinkable, line)
    if line:
        first = line[0]
        if first in _LINE_START or line[1:2] in _LINE_START_BEFORE.get(first, ()):
            return "\\" + line
        if "0" <= first <= "9":
            return _ORDERED.sub(r"\1\\\2", line, count=1)
    return line


def escaped_lines(text: str) -> list[str]:
    """The non-blank lines of `text`, each escaped and safe at the start of a line."""
    if "\r" in text:
        text = _NEWLINE.sub("\n", text)
    text = _visible(text)
    if "\n" not in text:
        line = _escape_line(text)
        return [line] if line else []
    return [line for line in map(_escape_line, text.split("\n")) if line]


def markdown_escape(text: str) -> str:
    """`text` as one escaped line, safe inline, in a heading, a table cell or at a line start.

    Line breaks become " / "; blank lines and surrounding whitespace go.
    """
    if "\r" not in text and "\n" not in text:
        return _escape_line(_visible(text))
    return LINE_JOIN.join(escaped_lines(text))


def escaped_block(text: str, indent: str, empty: str = "") -> str:
    """`text` escaped for a list item or paragraph: lines joined by hard breaks at `indent`."""
    lines = escaped_lines(text)
    if len(lines) <= 1:
        return lines[0] if lines else empty
    # A bare-URL linker would take the break's backslash into a URL that ends a
    # line; a space before it ends the URL there.
    broken = [line + (" \\\n" if "://" in line else "\\\n") + indent for line in lines[:-1]]
    return "".join(broken) + lines[-1]


def escaped_paragraphs(text: str) -> list[str]:
    """`text` as escaped paragraphs (split at blank lines), lines kept as soft breaks."""
    if "\r" in text:
        text = _NEWLINE.sub("\n", text)
    text = visible(text)
    paragraphs: list[str] = []
    lines: list[str] = []
    for raw in text.split("\n"):
        line = _escape_line(raw)
        if line:
            lines.append(line)
        elif lines:
            paragraphs.append("\n".join(lines))
            lines = []
    if lines:
        paragraphs.append("\n".join(lines))
    return paragraphs
