"""The NamuMark source of a document's latest revision (for rebuilding the index)."""
from __future__ import annotations


def latest_text(document) -> str:
    revision = document.latest
    if revision is None:
        return ""
    return revision.text
