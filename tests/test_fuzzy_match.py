"""The palette's search: letters in order, names that start with them first."""

from facilitator_tui.fuzzy_match import ANYWHERE, PREFIX, WORD_START, match, ranked

NAMES = ["Start meeting", "Add event", "Add a note", "Share-safe", "Parking lot", "Park idea",
         "Pick a theme", "Theme", "Mirror for the room", "Screenshot", "Zoom pane"]


def titles(query: str) -> list[str]:
    return [NAMES[i] for i, _ in ranked(query, NAMES)]


def test_an_empty_query_lists_every_name_in_order():
    assert titles("") == NAMES and titles("   ") == NAMES


def test_prefix_then_word_starts_then_anywhere():
    assert titles("the") == ["Theme", "Pick a theme", "Mirror for the room"]
    assert match("the", "Theme").tier == PREFIX
    assert match("the", "Pick a theme").tier == WORD_START
    assert match("sm", "Start meeting").positions == (0, 6)
    assert match("sm", "Start meeting").tier == WORD_START
    assert match("mtg", "Start meeting").tier == ANYWHERE
    assert titles("sh") == ["Share-safe", "Screenshot"]


def test_case_and_spaces_typed_do_not_matter():
    assert titles("ADD N")[0] == "Add a note"
    assert match("add a", "Add a note").positions == (0, 1, 2, 4)


def test_letters_out_of_order_or_missing_do_not_match():
    assert titles("zz") == [] and match("ts", "St") is None and match("x", "") is None


def test_the_marked_letters_favour_word_starts():
    # "pt" marks P of "Pick" and t of "theme", not the t inside "Pick a" (there is none) or "Start".
    assert match("pt", "Pick a theme").positions == (0, 7)
    assert match("note", "Add a note").positions == (6, 7, 8, 9)
