"""Pause the cyclic garbage collector while a tree is built or walked.

Parsing allocates hundreds of thousands of small acyclic objects; each automatic collection
walks the whole young heap again, which makes big documents superlinear. Nothing we allocate
forms cycles, so reference counting frees it all anyway; the collector is restored afterwards.
"""
from __future__ import annotations

import gc


class paused_gc:
    """``with paused_gc(): …`` — the collector is off inside, restored as it was after."""

    __slots__ = ("was_enabled",)

    def __enter__(self):
        self.was_enabled = gc.isenabled()
        if self.was_enabled:
            gc.disable()
        return self

    def __exit__(self, *exc):
        if self.was_enabled:
            gc.enable()
        return False
