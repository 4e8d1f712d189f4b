"""Check 37: comment numbers run 1, 2, 3… with no gap or duplicate under concurrent posting —
threads with their own connections (SQLite BEGIN IMMEDIATE; PostgreSQL FOR UPDATE under
`-m storage`) and separate processes on one SQLite file."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_storage_concurrency import run_together

from seedwiki.discussions.models import Thread
from seedwiki.discussions.services.posting import create_thread, post_comment
from seedwiki.permissions.subject import Subject

SRC = Path(__file__).resolve().parents[2] / "src"
POSTERS, EACH = 8, 5


def _poster(slug: str, index: int):
    def job():
        subject = Subject(user=None, ip=f"192.0.2.{index + 1}")
        return [post_comment(subject, slug, f"{index}-{n}").number for n in range(EACH)]

    return job


@pytest.mark.django_db(transaction=True)
@pytest.mark.storage
def test_37_concurrent_posters_get_gapless_unique_numbers():
    thread = create_thread(Subject(user=None, ip="192.0.2.100"), "동시 토론", "주제", "첫 댓글")
    results, errors = run_together(*[_poster(thread.slug, i) for i in range(POSTERS)])
    assert errors == [None] * POSTERS
    handed_out = sorted(n for numbers in results for n in numbers)
    assert handed_out == list(range(2, 2 + POSTERS * EACH))
    stored = list(thread.comments.order_by("number").values_list("number", flat=True))
    assert stored == list(range(1, 2 + POSTERS * EACH))
    assert Thread.objects.get(pk=thread.pk).comment_count == 1 + POSTERS * EACH
    texts = set(thread.comments.values_list("text", flat=True))
    assert {f"{i}-{n}" for i in range(POSTERS) for n in range(EACH)} <= texts


SETUP = """
import django, os
os.environ["DJANGO_SETTINGS_MODULE"] = "seedwiki.settings"
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from seedwiki.discussions.services.posting import create_thread
from seedwiki.permissions.subject import Subject
print(create_thread(Subject(user=None, ip="192.0.2.1"), "프로세스 토론", "주제", "첫 댓글").slug)
"""

POSTER = """
import django, json, os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "seedwiki.settings"
django.setup()
from seedwiki.discussions.services.posting import post_comment
from seedwiki.permissions.subject import Subject
slug, index = sys.argv[1], int(sys.argv[2])
subject = Subject(user=None, ip="192.0.2.%d" % (index + 10))
print(json.dumps([post_comment(subject, slug, "p%d-%d" % (index, n)).number for n in range(%(each)d)]))
""".replace("%(each)d", str(EACH))

CHECK = """
import django, json, os
os.environ["DJANGO_SETTINGS_MODULE"] = "seedwiki.settings"
django.setup()
from seedwiki.discussions.models import Comment
print(json.dumps(list(Comment.objects.order_by("number").values_list("number", flat=True))))
"""


def test_37_concurrent_processes_on_one_sqlite_file(tmp_path):
    env = dict(os.environ, SEEDWIKI_DATA=str(tmp_path), PYTHONPATH=str(SRC))
    for name in ("SEEDWIKI_DATABASE_URL", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)
    run = dict(env=env, check=True, capture_output=True, text=True, timeout=120)
    slug = subprocess.run([sys.executable, "-c", SETUP], **run).stdout.strip().splitlines()[-1]
    processes = [subprocess.Popen([sys.executable, "-c", POSTER, slug, str(i)], env=env, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for i in range(4)]
    handed_out = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        handed_out += json.loads(out.strip().splitlines()[-1])
    assert sorted(handed_out) == list(range(2, 2 + 4 * EACH))
    stored = json.loads(subprocess.run([sys.executable, "-c", CHECK], **run).stdout)
    assert stored == list(range(1, 2 + 4 * EACH))
