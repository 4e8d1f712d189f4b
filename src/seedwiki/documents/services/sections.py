"""Section editing (``/edit/X?section=N``): the Nth section's source, and splicing it back.

The spans come from ``namumark.sections`` so section N is exactly the renderer's Nth heading (in
document order, headings inside ``{{{ … }}}`` are not headings). A section runs from its heading
line to the next heading of the same or a shallower level.
"""
from __future__ import annotations

import namumark


def section_span(text: str, number: int) -> tuple[int, int] | None:
    """Character range [start, end) of section ``number`` (1-based), or None if there is none."""
    if number < 1:
        return None
    spans = namumark.sections(namumark.parse(text))
    if number > len(spans):
        return None
    _, start, end = spans[number - 1]
    return start, end


def section_text(text: str, number: int) -> str | None:
    span = section_span(text, number)
    return None if span is None else text[span[0]:span[1]]


def splice_section(text: str, number: int, new_section: str) -> str | None:
    """``text`` with section ``number`` replaced by ``new_section`` (None if no such section)."""
    span = section_span(text, number)
    if span is None:
        return None
    start, end = span
    if end < len(text) and new_section and not new_section.endswith("\n"):
        new_section += "\n"  # keep the next heading at the start of its own line
    return text[:start] + new_section + text[end:]
