"""The page's output list: pieces are appended as anywhere else, and once metered they are
moved into one growing text.

Rendering appends many small strings (tags, attribute values, text). Held until the final
``"".join`` they cost as much as the page itself again (each string object has ~50 bytes of
header); moved into the text every few thousand pieces, a page holds its HTML about once
(issue 11: peak memory ≤ 10× the source).

With ``utf8`` the text grows as UTF-8 bytes instead. A str holding one Hangul syllable takes 2
bytes for every character, tags included: the HTML of a 1 MB table of Korean cells was 13× its
source as a str, 7× as UTF-8, which is what a render worker sends on anyway.
"""
from __future__ import annotations

import io

# pieces held before they are moved into the text: large enough that moving costs nothing
# per piece, small enough that the pieces never weigh much
SPILL_PIECES = 64
# a piece this long is added to the text as it is, not joined first
LONG_PIECE = 64 * 1024


class PageSink(list):
    """A list of output pieces whose metered prefix :meth:`spill` moves into the text."""

    __slots__ = ("_text", "_budget", "_utf8", "chars")

    def __init__(self, budget, utf8: bool = False):
        super().__init__()
        self._text = ""
        self._budget = budget
        # the text as UTF-8 (its buffer grows in place; getvalue() hands it over without a copy)
        self._utf8 = io.BytesIO() if utf8 else None
        self.chars = 0  # characters moved into the text

    def spill(self) -> None:
        """Move the pieces the budget has metered into the text (the rest stays)."""
        k = self._budget.take_metered(self)
        if k >= len(self):
            self._move(self)
            self.clear()
        elif k:
            self._move(self[:k])
            del self[:k]

    def spill_all(self) -> None:
        """Move every piece into the text (a sink of its own, not metered)."""
        self._move(self)
        self.clear()

    def _move(self, pieces: list) -> None:
        if len(pieces) < 2 or max(map(len, pieces)) < LONG_PIECE:
            self._append("".join(pieces))
            return
        # a long piece (a [목차] of 5,000 headings) joined with the others would be copied
        # once more beside itself (issue 11, memory): each is added on its own
        for piece in pieces:
            self._append(piece)

    def _append(self, chunk: str) -> None:
        self.chars += len(chunk)
        if self._utf8 is not None:
            self._utf8.write(chunk.encode())
            return
        # the text is held by a local name only while it grows: CPython then extends the
        # string in place instead of copying the page at every spill
        text = self._text
        self._text = ""
        text += chunk
        self._text = text

    def finish(self) -> str | bytes:
        """The whole text (pieces never metered are part of it too), as UTF-8 bytes for a sink
        made with ``utf8``; the sink is empty after."""
        if self._budget is not None:
            self.spill()
        if self:
            self.spill_all()
        if self._utf8 is not None:
            data = self._utf8.getvalue()
            self._utf8 = io.BytesIO()
            return data
        text = self._text
        self._text = ""
        return text


def spill_if_long(out: list) -> None:
    """Spill ``out`` when it is the page's sink and holds many pieces (called after a meter)."""
    if len(out) >= SPILL_PIECES and type(out) is PageSink:
        out.spill()


def _warm_up() -> None:
    """CPython grows a string in place (``text += chunk`` with the text held once) only once
    the adding code is specialised, after a few runs: run it now, so that even the first page
    a process renders is not copied at each spill."""
    for _ in range(8):
        sink = PageSink(None)
        sink._append("a")
        sink._append("b")


_warm_up()
