"""The stored lists staged on two connections at once (SQLite in a file, outside a transaction)
come out exactly as when staged one after another on one connection."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"

SCRIPT = """
import django, json, os, threading
os.environ["DJANGO_SETTINGS_MODULE"] = "seedwiki.settings"
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from seedwiki.documents.services import edit_page
from seedwiki.special import stored_lists
from seedwiki.special.models import ListEntry

edit_page("있는 문서", "[[없는 문서 1]] [[없는 문서 2]] [[분류:시험]]", author_name="t")
edit_page("다른 문서", "[[없는 문서 1]] [[있는 문서]]", author_name="t")
edit_page("고아 문서", "아무도 링크하지 않음", author_name="t")
edit_page("틀:없는 틀 쓰는 틀", "[[틀:없는 틀]]", author_name="t")

def rows():
    return sorted(ListEntry.objects.values_list("list", "namespace", "rank", "title", "count"))

# The first two stagings wait for each other: they meet only if they run at the same time.
meeting = threading.Barrier(2, timeout=30)
threads = []
stage = stored_lists._stage
def recording_stage(select):
    threads.append(threading.get_ident())
    if meeting is not None and len(threads) <= 2:
        meeting.wait()
    return stage(select)
stored_lists._stage = recording_stage

side_by_side = stored_lists._side_by_side()
counts = stored_lists.rebuild_special_lists()
together = rows()
main = threading.get_ident()
together_on = len(set(threads)), main in threads
stored_lists._side_by_side = lambda: False
meeting, threads = None, []
assert stored_lists.rebuild_special_lists() == counts
print(json.dumps({"side_by_side": side_by_side, "together_on": together_on, "counts": counts,
                  "together": together, "one_by_one": rows(), "one_by_one_on": sorted(set(threads)) == [main]}))
"""


def test_lists_staged_side_by_side_equal_those_staged_one_by_one(tmp_path):
    env = dict(os.environ, SEEDWIKI_DATA=str(tmp_path), PYTHONPATH=str(SRC))
    env.pop("SEEDWIKI_DATABASE_URL", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["side_by_side"] is True
    assert found["together_on"] == [2, False]  # two threads of its own, never the caller's
    assert found["one_by_one_on"] is True
    assert found["together"] == found["one_by_one"]
    listed = {(row[0], row[3]) for row in found["together"]}
    assert {("needed", "없는 문서 1"), ("needed", "없는 문서 2"), ("needed", "틀:없는 틀"),
            ("orphaned", "고아 문서"), ("uncategorized", "다른 문서")} <= listed
    assert ("orphaned", "있는 문서") not in listed and ("uncategorized", "있는 문서") not in listed
    assert found["counts"]["needed"] == 3
