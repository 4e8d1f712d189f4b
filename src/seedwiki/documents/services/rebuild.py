"""Re-deriving link rows, redirect flags and search rows from the latest revisions, batch by batch:
what `seedwiki rebuild` does in one process and the `rebuild` job does in chunks."""
from __future__ import annotations

from django.db import transaction
from django.db.models import F

from seedwiki.documents.models import Document, PageLink
from seedwiki.documents.services import derive


def load_batch(ids: list[int]) -> tuple[list[Document], list[str]]:
    """The documents of ``ids`` (in id order) and their latest texts ("" for deleted pages)."""
    documents = list(Document.objects.filter(id__in=ids).select_related("latest__blob").order_by("id"))
    return documents, [d.latest.text if d.exists else "" for d in documents]


def analyse_here(documents: list[Document], texts: list[str]) -> list:
    """The analyses of a batch in this process (what the worker processes do for the command)."""
    return [derive.analyse_for_import_with_links((text, d.full_title)) for d, text in zip(documents, texts)]


def write_batch(documents: list[Document], texts: list[str], analyses: list, *, restamp: bool = False) -> int:
    """One batch's link rows, redirect fields and search rows, in one transaction (the caller's,
    when it has one). ``restamp``: also bump the batch's render stamps (a job re-stamps per batch;
    the command re-stamps every page once at the end)."""
    from seedwiki.search import index_documents

    analyses = [meta if meta is not None else derive.analyse(text, d.full_title)
                for meta, text, d in zip(analyses, texts, documents)]
    with transaction.atomic():
        # Whole batches at a time: drop the batch's link rows, insert them again in bulk.
        PageLink.objects.filter(source__in=documents).delete()
        derive.insert_links_raw([(d.pk, *row) for d, meta in zip(documents, analyses) if d.exists
                                 for row in derive.links_of(meta)])
        for document, meta in zip(documents, analyses):
            document.redirect_target = derive.redirect_of(meta) if document.exists else ""
            document.is_redirect = bool(document.redirect_target)
            derive.remove_search(document)  # free when there is no row (after import --defer-derive)
        Document.objects.bulk_update(documents, ["is_redirect", "redirect_target"])
        index_documents([(d, meta.plain_text if meta.plain_text is not None else text)
                         for d, meta, text in zip(documents, analyses, texts) if d.exists])
        if restamp:
            Document.objects.filter(id__in=[d.pk for d in documents]).update(render_stamp=F("render_stamp") + 1)
    return len(documents)


def restamp_all_and_clear_cache() -> None:
    """After a rebuild: every page renders again, nothing cached from before is served."""
    from django.core.cache import cache

    Document.objects.update(render_stamp=F("render_stamp") + 1)
    cache.clear()
