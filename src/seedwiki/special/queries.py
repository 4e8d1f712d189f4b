"""Live documents as a queryset, and random pages (the lists themselves: list_pages, stored_lists)."""
from __future__ import annotations

import random

from django.db import connection
from django.db.models.expressions import RawSQL

from seedwiki import titles


def _document_model():
    from seedwiki.documents.models import Document

    return Document


def live_documents(namespace: str | None = titles.MAIN, *, redirects: bool = False):
    Document = _document_model()
    query = Document.objects.filter(deleted=False, latest__isnull=False)
    if namespace:
        query = query.filter(namespace=namespace)
    if not redirects:
        query = query.filter(is_redirect=False)
    return query


def random_documents(count: int, namespace: str = titles.MAIN) -> list:
    """Up to ``count`` distinct random live non-redirect pages, without ORDER BY RANDOM() over the table.

    Picks random points in the id range and takes the next live page after each, all points in one
    query (an index seek each); pages after long id gaps are a little likelier, which a "random
    page" button can live with. Two or three round trips, whatever ``count`` is; when the draws keep
    repeating pages, the pages after one more random point fill the list, so it is short only when
    fewer than ``count`` pages exist."""
    Document = _document_model()
    table = Document._meta.db_table
    live = (f"SELECT d.id FROM {table} d WHERE d.namespace = %s AND NOT d.deleted AND d.latest_id IS NOT NULL "
            f"AND NOT d.is_redirect")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT ({live} ORDER BY d.id LIMIT 1), ({live} ORDER BY d.id DESC LIMIT 1)",
                       [namespace, namespace])
        low, high = cursor.fetchone()
    if low is None:
        return []
    chosen: dict[int, object] = {}
    for _round in range(4):
        wanted = count - len(chosen)
        if wanted <= 0:
            break
        points = [random.randint(low, high) for _ in range(wanted * 2)]
        union = " UNION ALL ".join(["SELECT %s AS point"] * len(points))
        picks = RawSQL(f"SELECT ({live} AND d.id >= p.point ORDER BY d.id LIMIT 1) FROM ({union}) p",
                       [namespace, *points])
        for document in Document.objects.filter(id__in=picks).exclude(id__in=list(chosen))[:wanted]:
            chosen[document.id] = document
    if len(chosen) < count:
        # Random points can keep landing on pages already chosen (a small wiki, an unlucky draw):
        # the rest are the pages after one more random point, wrapping round to the first.
        start = random.randint(low, high)
        rest = live_documents(namespace).exclude(id__in=list(chosen)).order_by("id")
        for part in (rest.filter(id__gte=start), rest.filter(id__lt=start)):
            for document in part[:count - len(chosen)]:
                chosen[document.id] = document
    return list(chosen.values())
