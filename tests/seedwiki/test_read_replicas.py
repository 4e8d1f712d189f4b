"""Read replicas (SEEDWIKI_REPLICA_DATABASE_URLS, seedwiki/replicas.py): page views read a replica,
writes and the writer's next views go to the primary.

The served test stands a second, independent database in for the replica: it does not replicate,
so each holds its own text of the same page and the text a reader gets shows where it was read.
On SQLite the stand-in is a second database file; in the `-m storage` run, a second PostgreSQL
database.
"""
from __future__ import annotations

import json
import re
import shutil
import tempfile
import time
from contextlib import ExitStack, nullcontext
from pathlib import Path

import pytest
from django.db import connections, transaction
from django.http import HttpResponse
from django.test import RequestFactory
from nodes_helpers import Person, quoted, running_nodes
from serving_helpers import run_seedwiki, server_database, server_env

from seedwiki import replicas

pytestmark = pytest.mark.storage

SECRET = "replica-test-key-0123456789abcdefghijklmnopqrstuvwxyz"
PIN_SECONDS = 3


# --- the routing rules, in one process ----------------------------------------------------------

def test_reads_of_a_page_view_go_to_a_replica_and_writes_never(settings):
    settings.SEEDWIKI_REPLICAS = ["replica0"]
    router = replicas.ReplicaRouter()
    assert replicas.may_read_replica("GET", {}) and replicas.may_read_replica("HEAD", {})
    assert not replicas.may_read_replica("POST", {})
    assert not replicas.may_read_replica("GET", {replicas.PIN_COOKIE: "1"})
    with replicas.reading(True):
        assert router.db_for_read(None) == "replica0" and router.db_for_write(None) == "default"
        with replicas.reading(False):  # the front cache chose for this request already
            assert router.db_for_read(None) == "replica0"
    with replicas.reading(False):
        assert router.db_for_read(None) == "default"
    assert router.db_for_read(None) == "default"
    assert router.allow_migrate("default", "documents") and not router.allow_migrate("replica0", "documents")


@pytest.mark.django_db(transaction=True)
def test_a_read_inside_a_transaction_goes_to_the_primary(settings):
    settings.SEEDWIKI_REPLICAS = ["replica0"]
    with replicas.reading(True):
        assert replicas.read_alias() == "replica0"
        with transaction.atomic():
            assert connections["default"].in_atomic_block and replicas.read_alias() == "default"


def test_a_writing_request_pins_its_browser_to_the_primary(settings):
    settings.SEEDWIKI_REPLICAS = ["replica0"]
    settings.SEEDWIKI_REPLICA_PIN_SECONDS = 7
    seen = []

    def view(request):
        seen.append(replicas.read_alias())
        return HttpResponse("ok")

    middleware = replicas.ReplicaMiddleware(view)
    factory = RequestFactory()
    assert replicas.PIN_COOKIE not in middleware(factory.get("/w/X")).cookies
    pinned = middleware(factory.post("/edit/X")).cookies[replicas.PIN_COOKIE]
    assert pinned["max-age"] == 7 and pinned["httponly"]
    request = factory.get("/w/X")
    request.COOKIES[replicas.PIN_COOKIE] = "1"
    middleware(request)
    assert seen == ["replica0", "default", "default"]


# --- a served wiki with a primary and a stand-in replica ----------------------------------------

def _replica_database(folder: Path, primary: dict):
    """The stand-in replica's settings (a context): a second PostgreSQL database, or a second file."""
    if primary:
        return server_database("replica")
    return nullcontext({"SEEDWIKI_DATABASE_URL": f"sqlite:///{folder / 'replica.sqlite3'}"})


def _write(env: dict, folder: Path, title: str, text: str) -> None:
    source = folder / "text.namu"
    source.write_text(text, encoding="utf-8")
    run_seedwiki(env, folder, "edit", title, "--file", str(source))


def test_page_views_read_the_replica_and_a_writer_reads_the_primary():
    folder = Path(tempfile.mkdtemp(prefix="seedwiki-replica-"))
    with ExitStack() as stack:
        stack.callback(shutil.rmtree, folder, True)
        primary = stack.enter_context(server_database("replica_primary"))
        replica = stack.enter_context(_replica_database(folder, primary))
        replica_env = {**server_env(folder, SECRET), **replica}
        run_seedwiki(replica_env, folder, "init")
        # Rendered HTML is cached by revision id, which on a real replica names the primary's revision;
        # the stand-in's ids are kept clear of the primary's by filler pages loaded first.
        filler = folder / "filler.json"
        filler.write_text(json.dumps([{"namespace": "0", "title": f"채움 {n}", "text": "채움.", "contributors": []}
                                      for n in range(40)], ensure_ascii=False), encoding="utf-8")
        run_seedwiki(replica_env, folder, "import", str(filler), "--quiet", "--jobs", "1")
        _write(replica_env, folder, "복제 문서", "복제본의 글.")
        source = folder / "primary.namu"
        source.write_text("주 데이터베이스의 글.", encoding="utf-8")
        settings = {"SEEDWIKI_REPLICA_DATABASE_URLS": replica["SEEDWIKI_DATABASE_URL"],
                    "SEEDWIKI_REPLICA_PIN_SECONDS": str(PIN_SECONDS), "SEEDWIKI_RATE_LIMITS": "edit.ip=off"}
        deployment = stack.enter_context(running_nodes(
            "seedwiki-replica-", SECRET, count=1, shared_cache=False, extra_env=settings, database=primary,
            prepare=[["edit", "복제 문서", "--file", str(source)]]))
        (node,) = deployment.nodes
        reader, writer = Person(), Person()
        for _ in range(2):  # the second time from the front page cache
            status, page = reader.get(node, "/w/" + quoted("복제 문서"))
            assert status == 200 and "복제본의 글" in page and "주 데이터베이스의 글" not in page
        assert reader.get(node, "/raw/" + quoted("복제 문서")) == (200, "복제본의 글.")

        status, page = writer.edit(node, "새 문서", "주에만 쓴 글.", summary="쓰기")
        assert status == 200 and "주에만 쓴 글" in page, re.search(r"<main.*</main>", page, re.S).group(0)  # pinned
        assert "주 데이터베이스의 글" in writer.get(node, "/w/" + quoted("복제 문서"))[1]
        assert writer.get(node, "/raw/" + quoted("새 문서")) == (200, "주에만 쓴 글.")
        # the other reader still reads the replica, which (not replicating) never got the page
        assert reader.get(node, "/w/" + quoted("새 문서"))[0] == 404
        assert "복제본의 글" in reader.get(node, "/w/" + quoted("복제 문서"))[1]

        time.sleep(PIN_SECONDS + 1)  # the pin cookie has expired: the writer reads the replica again
        assert "복제본의 글" in writer.get(node, "/w/" + quoted("복제 문서"))[1]
