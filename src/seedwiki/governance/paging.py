"""The seed's cursor paging by id: ?from=N shows ids ≤ N going back, ?until=N ids ≥ N going forward."""
from __future__ import annotations


def id_page(rows, *, from_id: int | None = None, until_id: int | None = None, per_page: int = 50):
    """(the page's rows newest first, ?until= for the newer page or None, ?from= for the older or None)."""
    if until_id is not None:
        page = list(rows.filter(id__gte=until_id).order_by("id")[:per_page + 1])
        has_newer, page = len(page) > per_page, page[:per_page][::-1]
        has_older = bool(page) and rows.filter(id__lt=page[-1].id).exists()
    else:
        window = rows.filter(id__lte=from_id) if from_id is not None else rows
        page = list(window.order_by("-id")[:per_page + 1])
        has_older, page = len(page) > per_page, page[:per_page]
        has_newer = from_id is not None and bool(page) and rows.filter(id__gt=page[0].id).exists()
    return page, (page[0].id + 1 if page and has_newer else None), (page[-1].id - 1 if page and has_older else None)
