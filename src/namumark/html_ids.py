"""The ids taken on one rendered page, so that every id written is unique (issue 11 item 9).

Most ids of a page with many footnotes are ``fn-N`` and ``rfn-N`` (a note's anchor and its
markers'): those are kept as one bit per number, not a string each in a set, while the page is
rendered (issue 11, memory: 10,000 notes held 20,000 strings). Every other id is a string in
a set. Membership is the same either way: an ``[anchor(rfn-3)]`` written before note 3 takes
``rfn-3`` from it as before.
"""
from __future__ import annotations

from . import limits

# numbers up to this are bits (a note's number never passes MAX_FOOTNOTES); a larger one, as
# an anchor may name, is a string like any other id
_MAX_BIT = limits.MAX_FOOTNOTES


class PageIds:
    __slots__ = ("names", "_bits")

    def __init__(self):
        self.names: set = set()
        # one bytearray of bits per prefix: "fn-" and "rfn-"
        self._bits = {"fn-": bytearray(), "rfn-": bytearray()}

    def _slot(self, ident: str):
        """(bits, number) when ``ident`` is ``fn-N`` or ``rfn-N`` written as str(N) writes it
        and N is small enough, else None."""
        if ident[0] == "f":
            prefix, digits = "fn-", ident[3:]
        elif ident[0] == "r":
            prefix, digits = "rfn-", ident[4:]
        else:
            return None
        if not ident.startswith(prefix) or not (digits.isascii() and digits.isdigit()):
            return None
        if digits[0] == "0" and digits != "0" or len(digits) > 9:
            return None  # "fn-01" is not str(1)'s id: it stays a name
        n = int(digits)
        if n > _MAX_BIT:
            return None
        return self._bits[prefix], n

    def __contains__(self, ident: str) -> bool:
        slot = self._slot(ident) if ident else None
        if slot is None:
            return ident in self.names
        bits, n = slot
        k = n >> 3
        return k < len(bits) and bool(bits[k] & (1 << (n & 7)))

    def add(self, ident: str) -> None:
        self.take(ident)

    def take(self, ident: str) -> bool:
        """Add ``ident``: False (and nothing changes) when the page has it already."""
        slot = self._slot(ident) if ident else None
        if slot is None:
            names = self.names
            if ident in names:
                return False
            names.add(ident)
            return True
        bits, n = slot
        k = n >> 3
        mask = 1 << (n & 7)
        if k >= len(bits):
            bits.extend(bytes(k + 1 - len(bits)))
        elif bits[k] & mask:
            return False
        bits[k] |= mask
        return True

    def update(self, idents) -> None:
        for ident in idents:
            self.add(ident)
