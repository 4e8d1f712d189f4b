"""The line-based three-way merge used when two people edit the same page."""
from seedwiki.documents.services.merge import merge3


def test_changes_in_different_lines_merge():
    base = "하나\n둘\n셋\n넷\n"
    theirs = "하나\n둘!\n셋\n넷\n"
    yours = "하나\n둘\n셋\n넷!\n"
    result = merge3(base, theirs, yours)
    assert result.clean
    assert result.text == "하나\n둘!\n셋\n넷!\n"


def test_same_change_on_both_sides_is_taken_once():
    result = merge3("a\nb\n", "a\nB\n", "a\nB\n")
    assert result.clean and result.text == "a\nB\n"


def test_overlapping_changes_conflict_with_markers():
    result = merge3("a\nb\nc\n", "a\nX\nc\n", "a\nY\nc\n")
    assert not result.clean
    assert result.conflicts == 1
    assert "<<<<<<<" in result.text and "Y\n=======\nX\n" in result.text


def test_insertions_at_both_ends():
    result = merge3("m\n", "top\nm\n", "m\nbottom\n")
    assert result.clean and result.text == "top\nm\nbottom\n"


def test_missing_final_newline_is_kept_missing():
    result = merge3("a\nm\nb", "A\nm\nb", "a\nm\nB")
    assert result.clean and result.text == "A\nm\nB"


def test_adjacent_line_changes_conflict_like_diff3():
    # No unchanged line separates the two edits, so they count as overlapping.
    assert not merge3("a\nb\n", "A\nb\n", "a\nB\n").clean


def test_empty_base_two_creations_conflict():
    assert not merge3("", "x\n", "y\n").clean


def test_deletion_and_unrelated_edit():
    result = merge3("1\n2\n3\n4\n5\n", "1\n3\n4\n5\n", "1\n2\n3\n4\n5!\n")
    assert result.clean and result.text == "1\n3\n4\n5!\n"
