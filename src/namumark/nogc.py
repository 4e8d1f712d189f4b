"""Pause the cyclic garbage collector while a tree is built or walked.

Parsing allocates hundreds of thousands of small acyclic objects; each automatic collection
walks the whole young heap again, which makes big documents superlinear. Nothing we allocate
forms cycles, so reference counting frees it all anyway; the collector is restored afterwards.

On the way out the objects made meanwhile are filed with the old generation (``gc.freeze()``
then ``gc.unfreeze()``: two list splices, no walk). Else the first allocation after a parse
would walk the whole new tree as young objects, once per parse: for a 1 MB page of deep lists
that walk cost as much as rendering the tree (issue 11). Old objects are still collected, by
the collector's full collections; the tree itself is freed by reference counting.
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
            # a host's own frozen objects (pre-fork) stay frozen; counting them walks them, but
            # without any (the usual case) the count is at once 0
            if not gc.get_freeze_count():
                gc.freeze()  # everything tracked → the permanent generation, young count reset
                gc.unfreeze()  # → the old generation
            gc.enable()
        return False
