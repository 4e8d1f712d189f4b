"""One batch of prepared pages into the database, in one transaction with its checkpoint.

New pages go in as plain rows (blobs, documents, revisions, link rows, search rows; ids allocated
up front); a page that exists already gets a normal edit through edit_page, which keeps history,
conflicts and invalidation exactly as for any other save.
"""
from __future__ import annotations

import datetime as dt
import json
from operator import itemgetter
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone

from seedwiki.documents.importing.bulk_rows import allocate_ids, existing_values, insert_rows, present_titles
from seedwiki.documents.importing.prepare import PreparedPage, Refused
from seedwiki.documents.importing.run_record import ImportRun
from seedwiki.documents.compression import decompress_text
from seedwiki.documents.models import Blob, Document, PageLink, Revision
from seedwiki.documents.services.edit import edit_page
from seedwiki.documents.services.errors import EditError, NoChangeError
from seedwiki.titles import join_title

MAX_ERRORS_KEPT = 100


@dataclass
class BatchResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass
class WriteOptions:
    author_name: str = "import"
    summary: str = ""
    derive: bool = True  # False: pages and revisions only (`seedwiki rebuild` derives the rest)
    sort_links: bool = True  # False while the link index is left out (indexes.py): no use then


def write_batch(pages: list[PreparedPage | Refused], run: ImportRun, end: int, skipped: int,
                options: WriteOptions) -> BatchResult:
    """Commit ``pages`` and move ``run``'s checkpoint to ``end`` in the same transaction."""
    result = BatchResult(skipped=skipped)
    wanted: dict[tuple[str, str], PreparedPage] = {}
    for page in pages:
        if isinstance(page, Refused):
            result.skipped += 1
            result.errors.append(f"{page.full_title!r}: {page.reason}")
        else:
            wanted[page.key] = page  # a title repeated in one batch: the last text wins
    when = timezone.now()
    with transaction.atomic():
        existing = present_titles(list(wanted))
        for key, page in wanted.items():
            if key in existing:
                _edit_existing(page, result, options, when)
        new = [page for key, page in wanted.items() if key not in existing]
        if new:
            _insert_new(new, options, when)
            result.created += len(new)
        _advance(run, end, result, when)
    return result


def _edit_existing(page: PreparedPage, result: BatchResult, options: WriteOptions, when: dt.datetime) -> None:
    try:
        edit_page(join_title(*page.key), decompress_text(page.blob_data), author_name=options.author_name, summary=options.summary,
                  at=when)
        result.updated += 1
    except NoChangeError:
        result.unchanged += 1
    except EditError as error:
        result.skipped += 1
        result.errors.append(f"{join_title(*page.key)!r}: {error}")


def _insert_new(pages: list[PreparedPage], options: WriteOptions, when: dt.datetime) -> None:
    blob_table = Blob._meta.db_table
    known = existing_values(blob_table, "hash", {page.blob_hash for page in pages})
    fresh = {}
    for page in pages:
        if page.blob_hash not in known:
            fresh.setdefault(page.blob_hash, (page.blob_hash, page.blob_data, page.size))
    insert_rows(blob_table, ("hash", "data", "size"), fresh.values())

    document_ids = allocate_ids(Document._meta.db_table, len(pages))
    revision_ids = allocate_ids(Revision._meta.db_table, len(pages))
    author, summary = options.author_name[:150], options.summary[:255]
    when = connection.ops.adapt_datetimefield_value(when)  # raw rows: the backend's own form
    insert_rows(Revision._meta.db_table,
                ("id", "document_id", "number", "blob_id", "kind", "created_at", "author_name", "summary",
                 "size", "size_delta", "extra", "damaged"),
                ((rev_id, doc_id, 1, page.blob_hash, Revision.Kind.CREATE.value, when, author, summary,
                  page.size, page.size, json.dumps(page.extra, ensure_ascii=False), False)
                 for page, doc_id, rev_id in zip(pages, document_ids, revision_ids)))
    # latest_id points at a revision of this same transaction: the foreign key is checked at commit.
    insert_rows(Document._meta.db_table,
                ("id", "namespace", "title", "latest_id", "is_redirect", "redirect_target", "length", "deleted",
                 "updated_at", "render_stamp"),
                ((doc_id, page.key[0], page.key[1], rev_id, options.derive and bool(page.redirect_target),
                  page.redirect_target if options.derive else "", page.size, False, when, 0)
                 for page, doc_id, rev_id in zip(pages, document_ids, revision_ids)))
    if not options.derive:
        return
    links = [(doc_id, *row) for page, doc_id in zip(pages, document_ids) for row in page.link_rows]
    if options.sort_links:  # in target order, the (target, kind, source) index grows in runs
        links.sort(key=itemgetter(1, 2))
    insert_rows(PageLink._meta.db_table, ("source_id", "target", "kind", "sort_key", "blur"), links)
    _index_search(pages, document_ids)


class _Indexed:
    """What search.index_documents reads of a document."""

    __slots__ = ("pk", "namespace", "title")

    def __init__(self, pk, namespace, title):
        self.pk, self.namespace, self.title = pk, namespace, title


def _index_search(pages: list[PreparedPage], document_ids: list[int]) -> None:
    from seedwiki.search import index_documents

    index_documents([(_Indexed(doc_id, *page.key), page.plain_text) for page, doc_id in zip(pages, document_ids)])


def _advance(run: ImportRun, end: int, result: BatchResult, when: dt.datetime) -> None:
    run.position = end
    run.created += result.created
    run.updated += result.updated
    run.unchanged += result.unchanged
    run.skipped += result.skipped
    run.updated_at = when
    run.save(update_fields=["position", "created", "updated", "unchanged", "skipped", "updated_at"])
