"""Who wrote a page: the accounts and addresses in its history, and the contributors an imported
dump named (namu.wiki dumps list them per page; CC BY-NC-SA attribution requires showing them)."""
from __future__ import annotations

from django.core.cache import cache

from seedwiki.documents.models import Document

# A page's licence line names this many imported contributors, then "and N more" (the full list
# is on the history page, with the revision that brought them).
SHOWN_ON_PAGE = 10


def imported_contributors(document: Document) -> list[str]:
    """Names the dump gave for this page, first-seen order, without repeats.

    Read through the cache, keyed by the latest revision: the query walks the page's whole history,
    and every page view that misses the page cache (any logged-in reader's) asks for it."""
    key = f"sw:contributors:{document.pk}:{document.latest_id}"
    names = cache.get(key)
    if names is None:
        names = _contributors_in_history(document)
        cache.set(key, names, 24 * 3600)
    return names


def _contributors_in_history(document: Document) -> list[str]:
    names: dict[str, None] = {}
    extras = (document.revisions.filter(extra__has_key="contributors").order_by("number")
              .values_list("extra", flat=True))
    for extra in extras:
        for name in extra.get("contributors") or []:
            if isinstance(name, str) and name.strip():
                names.setdefault(name.strip(), None)
    return list(names)
