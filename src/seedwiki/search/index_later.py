"""The search row of a large page, written by a job instead of inside its save.

Re-indexing the text is the costly part of a save's search work (SQLite's FTS5 trigram trigger,
PostgreSQL's GIN update), and it grows with the page. A page whose source is above
SEEDWIKI_SEARCH_INLINE_KB (64 KB) gets its row from a `search_index` job committed with the save;
smaller pages are indexed inside the save as before.

Until the job runs the row keeps the page's previous text (a new page: its title, empty text), so a
search may show the page's last version for a few seconds, never longer: the job indexes the
page's latest revision at run time, whatever save asked for it. Jobs are keyed per document, so
saves that come while one is waiting join it. A job that finds the page changed again since it
read the text writes nothing: that later save indexed the page itself or queued its own job.
"""
from __future__ import annotations

import os

from django.db import connection, transaction

from seedwiki.jobs.registry import job

KIND = "search_index"


def inline_limit_bytes() -> int:
    """Source size (UTF-8 bytes) up to which a save indexes the page itself."""
    return int(float(os.environ.get("SEEDWIKI_SEARCH_INLINE_KB", "64")) * 1024)


def is_large(text: str) -> bool:
    limit = inline_limit_bytes()
    if len(text) > limit:  # every character is at least one byte
        return True
    return len(text) * 4 > limit and len(text.encode("utf-8")) > limit


def index_soon(document) -> int:
    """Inside the saving transaction: the row's title now, its text by a job; the job's id."""
    from seedwiki.jobs.enqueue import enqueue

    _keep_title(document)
    return enqueue(KIND, {"document": document.pk}, key=f"search-index:{document.pk}")


def _keep_title(document) -> None:
    """The row carries the page's current title at once (a new or moved page is found by its
    title); its text stays as it was until the job."""
    from .models import SearchEntry

    table = connection.ops.quote_name(SearchEntry._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT namespace, title FROM {table} WHERE document_id = %s", [document.pk])
        row = cursor.fetchone()
        if row is None:
            cursor.execute(f"INSERT INTO {table} (document_id, namespace, title, content) VALUES (%s, %s, %s, '')",
                           [document.pk, document.namespace, document.title])
        elif row != (document.namespace, document.title):
            cursor.execute(f"UPDATE {table} SET namespace = %s, title = %s WHERE document_id = %s",
                           [document.namespace, document.title, document.pk])


@job(KIND)
def index_job(args: dict, step) -> None:
    """Index the page's latest revision (idempotent: the row ends as that text, however often it runs)."""
    from seedwiki.documents.models import Document

    from .api import index_document
    from .revision_text import latest_text
    from .text import plain_text

    document = Document.objects.filter(pk=args["document"]).select_related("latest__blob").first()
    if document is None:
        return  # the page is gone and its row with it (cascade)
    seen = (document.latest_id, document.deleted, document.namespace, document.title)
    text = "" if document.deleted else latest_text(document)
    plain = plain_text(text) if text else ""  # outside the transaction: the slow part
    with transaction.atomic():
        now = Document.objects.select_for_update().filter(pk=document.pk).values_list(
            "latest_id", "deleted", "namespace", "title").first()
        if now != seen:
            step.checkpoint({"skipped": "changed since read"})
            return
        index_document(document, text, plain_text=plain)
        step.checkpoint({"revision": document.latest_id, "chars": len(plain)})
