"""Concurrent edits of one page from separate processes never silently lose one (file SQLite, WAL).

Each process starts from r1 and changes a different line, with unchanged lines between them: every
save must end up in the final text, merged three-way, with one revision per save.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
WRITERS = 5
LINES = [f"줄 {n}" for n in range(WRITERS * 3)]

SETUP = """
import django, os
os.environ["DJANGO_SETTINGS_MODULE"] = "seedwiki.settings"
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from seedwiki.documents.services import edit_page
edit_page("동시 편집", {text!r}, author_name="setup")
"""

WRITER = """
import django, json, os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "seedwiki.settings"
django.setup()
from seedwiki.documents.services import ConflictError, edit_page
index = int(sys.argv[1])
lines = {lines!r}
lines[index * 3] += " (작성자 %d)" % index
try:
    result = edit_page("동시 편집", "\\n".join(lines) + "\\n", author_name="w%d" % index, base_rev=1)
    print(json.dumps({{"ok": True, "rev": result.revision.number, "merged": result.merged}}))
except ConflictError:
    print(json.dumps({{"ok": False}}))
"""

CHECK = """
import django, json, os
os.environ["DJANGO_SETTINGS_MODULE"] = "seedwiki.settings"
django.setup()
from seedwiki.documents.models import Document
from seedwiki.documents.services import get_text
d = Document.objects.get(title="동시 편집")
print(json.dumps({"text": get_text(d.latest), "revisions": d.revisions.count()}))
"""


def _env(tmp_path):
    env = dict(os.environ)
    env.update({"SEEDWIKI_DATA": str(tmp_path), "PYTHONPATH": str(SRC)})
    env.pop("SEEDWIKI_DATABASE_URL", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def test_parallel_edits_from_the_same_base_are_all_kept(tmp_path):
    env = _env(tmp_path)
    subprocess.run([sys.executable, "-c", SETUP.format(text="\n".join(LINES) + "\n")], env=env, check=True)
    writer = WRITER.format(lines=LINES)
    processes = [subprocess.Popen([sys.executable, "-c", writer, str(i)], env=env, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for i in range(WRITERS)]
    results = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    assert all(r["ok"] for r in results)  # disjoint lines: every save merges cleanly
    assert sorted(r["rev"] for r in results) == list(range(2, 2 + WRITERS))
    final = json.loads(subprocess.run([sys.executable, "-c", CHECK], env=env, check=True,
                                      capture_output=True, text=True).stdout)
    assert final["revisions"] == 1 + WRITERS
    for index in range(WRITERS):
        assert f"줄 {index * 3} (작성자 {index})" in final["text"]
