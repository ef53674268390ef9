"""Control characters never reach the terminal; text is otherwise unchanged."""

from hypothesis import given
from hypothesis import strategies as st

from facilitator_tui.safe_text import single_line, visible


def test_escape_sequences_become_visible_symbols():
    shown = visible("\x1b[31mred\x1b[0m")
    assert "\x1b" not in shown
    assert shown == "␛[31mred␛[0m"


def test_markup_is_left_alone():
    assert visible("[@click=app.quit]x[/]") == "[@click=app.quit]x[/]"


def test_single_line_marks_line_breaks():
    assert single_line("first\nsecond") == "first ⏎ second"


@given(st.text())
def test_no_control_characters_survive(text):
    shown = single_line(text)
    assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in shown)


def test_typed_text_keeps_printable_characters_in_order():
    from facilitator_tui.safe_text import typed

    assert typed("AAA \x1b[31mBBB") == "AAA [31mBBB"
    assert typed("one\ntwo\tthree\x07") == "one two three"
    assert typed("a\u202eb") == "ab"
