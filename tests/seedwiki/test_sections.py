"""Section editing: the Nth heading's source span (as namumark numbers them), spliced back."""
from seedwiki.documents.services.sections import section_text, splice_section

TEXT = "머리말\n== 가 ==\n가 내용\n=== 가-1 ===\n세부\n== 나 ==\n나 내용\n{{{\n== 코드 속 ==\n}}}\n끝"


def test_section_runs_to_the_next_heading_of_same_level():
    assert section_text(TEXT, 1) == "== 가 ==\n가 내용\n=== 가-1 ===\n세부\n"
    assert section_text(TEXT, 2) == "=== 가-1 ===\n세부\n"
    assert section_text(TEXT, 3) == "== 나 ==\n나 내용\n{{{\n== 코드 속 ==\n}}}\n끝"


def test_headings_inside_braces_are_not_sections():
    assert section_text(TEXT, 4) is None
    assert section_text(TEXT, 0) is None


def test_splice_replaces_only_that_section():
    new = splice_section(TEXT, 2, "=== 가-1 ===\n고친 세부\n")
    assert new == TEXT.replace("세부", "고친 세부")
    assert splice_section(TEXT, 9, "x") is None


def test_splice_keeps_the_next_heading_on_its_own_line():
    new = splice_section(TEXT, 2, "=== 가-1 ===\n줄바꿈 없음")
    assert "줄바꿈 없음\n== 나 ==" in new


def test_folded_heading_is_a_section():
    assert section_text("==# 접힘 #==\n속\n", 1) == "==# 접힘 #==\n속\n"
