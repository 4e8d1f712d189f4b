"""After a parse the new tree is filed with the old generation (nogc.py), so the collector does
not walk it again as young objects; a host's frozen objects stay frozen, and garbage cycles are
still collected."""
from __future__ import annotations

import gc

import namumark

SOURCE = "\n".join(" " * (i % 20 + 1) + "* 항목 '''굵게'''" for i in range(3000))


def test_a_parse_leaves_no_young_objects_for_the_collector():
    gc.collect()
    assert gc.isenabled()
    doc = namumark.parse(SOURCE)
    young = gc.get_count()[0]
    assert young < 100, young  # the tree's ~30,000 objects are not waiting in generation 0
    assert len(doc.children) == 1 and gc.isenabled()


def test_a_hosts_frozen_objects_stay_frozen():
    gc.collect()
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        namumark.parse(SOURCE)
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


def test_cycles_made_around_a_parse_are_still_collected():
    class Cycle:
        pass

    a, b = Cycle(), Cycle()
    a.other, b.other = b, a
    del a, b
    namumark.parse(SOURCE)  # the cycle is now in the old generation
    assert gc.collect() >= 2
