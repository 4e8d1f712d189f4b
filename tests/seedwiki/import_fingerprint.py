"""Prints, as JSON, everything an import leaves in a wiki, with no ids or times (so two wikis
loaded from one dump compare equal): pages, their revisions, link rows, search rows, and what
search finds. Run as a script in a `seedwiki` environment (tests/seedwiki/test_import_resume.py)."""
from __future__ import annotations

import hashlib
import json
import os
import sys

SEARCH_WORDS = ["바람", "별", "하늘 구름", "공통"]


def fingerprint() -> dict:
    from django.db import connection

    from seedwiki import search
    from seedwiki.documents.models import Document, PageLink, Revision
    from seedwiki.search.models import SearchEntry

    titles = dict(Document.objects.values_list("id", "namespace"))
    full = {d.id: d.full_title for d in Document.objects.only("id", "namespace", "title")}
    pages = sorted([full[d.id], d.is_redirect, d.redirect_target, d.length, d.deleted,
                    full.get(d.latest.document_id) if d.latest else None, d.latest.number if d.latest else None]
                   for d in Document.objects.select_related("latest"))
    revisions = sorted([full[r.document_id], r.number, r.blob_id, r.kind, r.author_name, r.summary, r.size,
                        r.size_delta, r.extra] for r in Revision.objects.all())
    links = sorted([full[source], target, kind, sort_key, blur] for source, target, kind, sort_key, blur in
                   PageLink.objects.values_list("source_id", "target", "kind", "sort_key", "blur"))
    entries = sorted([full[pk], namespace, title, hashlib.sha256(content.encode()).hexdigest()]
                     for pk, namespace, title, content in
                     SearchEntry.objects.values_list("document_id", "namespace", "title", "content"))
    found = {}
    for word in SEARCH_WORDS:
        total, hits = search.query(word, limit=100)
        found[word] = [total, sorted(hit.document.full_title for hit in hits)]
    fts_ok = None
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:  # raises when the FTS index disagrees with its rows
            cursor.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 1)")
        fts_ok = True
    with connection.cursor() as cursor:
        indexes = {table: sorted(name for name, index in
                                 connection.introspection.get_constraints(cursor, table).items() if index["index"])
                   for table in ("documents_pagelink", "search_entry")}
    return {"indexes": indexes, "pages": pages, "revisions": revisions, "links": links, "search_rows": entries, "found": found,
            "fts_ok": fts_ok, "namespaces": sorted(set(titles.values()))}


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seedwiki.settings")
    import django

    django.setup()
    json.dump(fingerprint(), sys.stdout, ensure_ascii=False)
