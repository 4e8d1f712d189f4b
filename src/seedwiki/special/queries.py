"""The document sets behind the special list pages, as querysets (paginated by the views)."""
from __future__ import annotations

import random

from django.db import connection
from django.db.models import Case, CharField, Count, Exists, F, OuterRef, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat

from seedwiki import titles


def _models():
    from seedwiki.documents.models import Document, PageLink

    return Document, PageLink


def full_title_expression():
    """SQL for Document.full_title: the bare title in 문서, else "namespace:title"."""
    return Case(
        When(namespace=titles.MAIN, then=F("title")),
        default=Concat(F("namespace"), Value(":"), F("title")),
        output_field=CharField(),
    )


def live_documents(namespace: str | None = titles.MAIN, *, redirects: bool = False):
    Document, _ = _models()
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
    page" button can live with. Two or three round trips, whatever ``count`` is."""
    Document, _ = _models()
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
    return list(chosen.values())


def needed_pages(readable_namespaces=None):
    """Link targets with no live page, with how many live pages link to them (most wanted first).

    ``readable_namespaces``: count only links from pages in these namespaces (the reader's)."""
    _, PageLink = _models()
    existing = live_documents(None, redirects=True).annotate(ft=full_title_expression()).values("ft")
    links = PageLink.objects.filter(kind=PageLink.Kind.LINK, source__deleted=False)
    if readable_namespaces is not None:
        links = links.filter(source__namespace__in=readable_namespaces)
    return (
        links
        .exclude(target__in=existing)
        .values("target")
        .annotate(count=Count("source", distinct=True))
        .order_by("-count", "target")
    )


def orphaned_pages(namespace: str = titles.MAIN):
    """Live pages no other live page links to, includes or redirects to."""
    _, PageLink = _models()
    linked = PageLink.objects.filter(
        target=OuterRef("ft"),
        kind__in=[PageLink.Kind.LINK, PageLink.Kind.INCLUDE, PageLink.Kind.REDIRECT],
        source__deleted=False,
    ).exclude(source_id=OuterRef("pk"))
    return (
        live_documents(namespace)
        .annotate(ft=full_title_expression())
        .filter(~Exists(linked))
        .order_by("title")
    )


def uncategorized_pages(namespace: str = titles.MAIN):
    _, PageLink = _models()
    categorised = PageLink.objects.filter(source_id=OuterRef("pk"), kind=PageLink.Kind.CATEGORY)
    return live_documents(namespace).filter(~Exists(categorised)).order_by("title")


def old_pages(namespace: str = titles.MAIN):
    return live_documents(namespace).order_by("updated_at", "id")


def shortest_pages(namespace: str = titles.MAIN):
    return live_documents(namespace).order_by("length", "title")


def longest_pages(namespace: str = titles.MAIN):
    return live_documents(namespace).order_by("-length", "title")
