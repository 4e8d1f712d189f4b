"""Importing many new pages fast (dump import): one transaction and a handful of bulk INSERTs per
batch instead of a dozen queries per page. Pages that already exist go through edit_page.

The fan-out to other pages' cached HTML is deferred to the end of the whole import
(``bump_created``), since most linking pages of a dump are themselves new.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from seedwiki.documents.models import Blob, Document, Revision
from seedwiki.documents.services import derive
from seedwiki.documents.services.analysis import Analysis
from seedwiki.documents.services.edit import edit_page
from seedwiki.documents.services.errors import EditError, NoChangeError
from seedwiki.documents.services.storage import normalize_text
from seedwiki.titles import TitleError, join_title, parse_title


@dataclass
class ImportItem:
    full_title: str
    text: str
    extra: dict = field(default_factory=dict)


@dataclass
class ImportStats:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)
    created_titles: set[str] = field(default_factory=set)

    def add(self, other: "ImportStats") -> None:
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.skipped += other.skipped
        self.errors.extend(other.errors[:100])
        self.created_titles |= other.created_titles


def import_batch(items: list[ImportItem], *, author_name: str = "import", summary: str = "",
                 at: dt.datetime | None = None, analyses: list[Analysis] | None = None,
                 derive_now: bool = True) -> ImportStats:
    """Save ``items``; ``analyses[i]`` (optional, e.g. computed in worker processes) is items[i]'s.

    ``derive_now=False`` stores pages and revisions only (no link rows, redirect flags or search
    rows): the fastest way in for a huge dump, completed afterwards by ``seedwiki rebuild``.
    """
    stats = ImportStats()
    when = at or timezone.now()
    limit = settings.SEEDWIKI_MAX_TEXT_BYTES
    wanted: dict[tuple[str, str], ImportItem] = {}
    metas: dict[tuple[str, str], Analysis] = {}
    for index, item in enumerate(items):
        try:
            key = parse_title(item.full_title)
        except TitleError as error:
            stats.skipped += 1
            stats.errors.append(f"{item.full_title!r}: {error}")
            continue
        item.text = normalize_text(item.text or "")
        if len(item.text.encode("utf-8")) > limit:
            stats.skipped += 1
            stats.errors.append(f"{item.full_title!r}: 문서 크기가 너무 큽니다.")
            continue
        wanted[key] = item  # a title repeated in one batch: the last text wins
        if analyses is not None:
            metas[key] = analyses[index]
        else:
            metas.pop(key, None)

    with transaction.atomic():
        existing = _existing(list(wanted))
        new_keys = [key for key in wanted if key not in existing]
        for key in wanted:
            if key in existing:
                _update_existing(key, wanted[key], stats, author_name, summary, when)
        if new_keys:
            if not derive_now:
                metas = {key: Analysis() for key in new_keys}
            _create_new(new_keys, wanted, metas, stats, author_name, summary, when, index=derive_now)
    return stats


def _existing(keys: list[tuple[str, str]]) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    by_ns: dict[str, list[str]] = {}
    for ns, title in keys:
        by_ns.setdefault(ns, []).append(title)
    for ns, names in by_ns.items():
        for start in range(0, len(names), 500):
            found.update(Document.objects.filter(namespace=ns, title__in=names[start:start + 500])
                         .values_list("namespace", "title"))
    return found


def _update_existing(key, item: ImportItem, stats: ImportStats, author_name, summary, when) -> None:
    try:
        edit_page(join_title(*key), item.text, author_name=author_name, summary=summary, at=when)
        stats.updated += 1
    except NoChangeError:
        stats.unchanged += 1
    except EditError as error:
        stats.skipped += 1
        stats.errors.append(f"{item.full_title!r}: {error}")


def _create_new(keys, wanted, metas, stats: ImportStats, author_name, summary, when, index=True) -> None:
    # Blobs: compress each distinct text once, insert those not stored yet.
    raws = {key: wanted[key].text.encode("utf-8") for key in keys}
    hashes = {key: Blob.hash_of(raw) for key, raw in raws.items()}
    known = set(Blob.objects.filter(hash__in=set(hashes.values())).values_list("hash", flat=True))
    fresh: dict[str, Blob] = {}
    for key, digest in hashes.items():
        if digest not in known and digest not in fresh:
            fresh[digest] = Blob(hash=digest, data=Blob.compress(raws[key], fast=True), size=len(raws[key]))
    Blob.objects.bulk_create(fresh.values(), ignore_conflicts=True)

    for key in keys:
        if key not in metas:
            metas[key] = derive.analyse(wanted[key].text, join_title(*key))
    documents = []
    for key in keys:
        target = derive.redirect_of(metas[key])
        documents.append(Document(namespace=key[0], title=key[1], is_redirect=bool(target),
                                  redirect_target=target, length=len(raws[key]), updated_at=when))
    Document.objects.bulk_create(documents)
    if any(d.pk is None for d in documents):  # backends without RETURNING: look the ids up
        ids = dict(((d.namespace, d.title), d.pk) for d in Document.objects.filter(
            Q(*[Q(namespace=k[0], title=k[1]) for k in keys], _connector=Q.OR)).only("id", "namespace", "title"))
        for d in documents:
            d.pk = ids[(d.namespace, d.title)]

    revisions = [
        Revision(document=d, number=1, blob_id=hashes[key], kind=Revision.Kind.CREATE, created_at=when,
                 author_name=author_name[:150], summary=summary[:255], size=len(raws[key]),
                 size_delta=len(raws[key]), extra=wanted[key].extra)
        for key, d in zip(keys, documents)
    ]
    Revision.objects.bulk_create(revisions)
    for d, r in zip(documents, revisions):
        d.latest = r
    if any(r.pk is None for r in revisions):
        ids = dict(Revision.objects.filter(document__in=documents).values_list("document_id", "id"))
        for d in documents:
            d.latest_id = ids[d.pk]
    _set_latest(documents)

    # In target order: the (target, kind) index then grows in runs instead of at random places.
    derive.insert_links_raw(sorted(((d.pk, *row) for key, d in zip(keys, documents)
                                    for row in derive.links_of(metas[key])), key=lambda row: (row[1], row[2])))
    if index:
        _index_new(documents, [wanted[key].text for key in keys], [metas[key] for key in keys])
    stats.created_titles.update(join_title(*key) for key in keys)
    stats.created += len(documents)


def _set_latest(documents) -> None:
    """Point the new documents at their r1 (executemany: bulk_update's CASE WHEN is slow at this size)."""
    table = connection.ops.quote_name(Document._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {table} SET latest_id = %s WHERE id = %s",
                           [(d.latest_id, d.pk) for d in documents])


def _index_new(documents, texts, metas) -> None:
    """Search rows for brand-new documents: one bulk call when the search app offers it."""
    try:
        from seedwiki.search import index_documents
    except ImportError:
        index_documents = None
    if index_documents is not None and all(m.plain_text is not None for m in metas):
        index_documents([(d, m.plain_text) for d, m in zip(documents, metas)])
        return
    for document, text, meta in zip(documents, texts, metas):
        derive.index_search(document, text, meta)


def bump_created(titles: set[str]) -> int:
    """After an import: pages elsewhere whose red links to the new titles turn blue."""
    titles = list(titles)
    bumped = 0
    for start in range(0, len(titles), 500):
        chunk = set(titles[start:start + 500])
        bumped += derive.bump_linkers(chunk) + derive.bump_includers(chunk)
    return bumped
