"""Titles for the search box's suggestions while the reader types: prefix matches first (from the
(namespace, title) index: a range scan, as fast at a million titles as at ten), then titles that
contain the typed text elsewhere (the search index's trigram title column, for 3+ characters)."""
from __future__ import annotations

from seedwiki import titles

from .backends import get_backend

MAX_SUGGESTIONS = 10
MAX_TYPED = 100  # longer input is not a title being typed
_AFTER_EVERY_PREFIX = "\U0010ffff"  # sorts after any character a title can hold


def suggest_titles(typed: str, limit: int = MAX_SUGGESTIONS, within: list[str] | None = None) -> list[str]:
    """``within``: only titles in these namespaces (the ones the reader may read); None: all."""
    from seedwiki.documents.models import Document

    typed = " ".join((typed or "").split())[:MAX_TYPED]
    if not typed:
        return []
    try:
        namespace, prefix = titles.parse_title(typed)
    except titles.TitleError:
        return []
    found = [] if within is not None and namespace not in within else list(
        Document.objects.filter(namespace=namespace, title__gte=prefix, title__lt=prefix + _AFTER_EVERY_PREFIX,
                                deleted=False, latest__isnull=False)
        .order_by("title").values_list("namespace", "title")[:limit])
    names = [titles.join_title(ns, title) for ns, title in found]
    if len(names) < limit and len(typed) >= 3:
        from .models import SearchEntry

        ids = get_backend().title_ranked([typed], None, within, limit * 2)
        more = Document.objects.filter(pk__in=SearchEntry.objects.filter(pk__in=ids).values("document_id"),
                                       deleted=False)
        for ns, title in more.values_list("namespace", "title"):
            full = titles.join_title(ns, title)
            if full not in names:
                names.append(full)
            if len(names) >= limit:
                break
    return names
