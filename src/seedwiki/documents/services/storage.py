"""Revision text in and out of content-addressed, compressed blobs."""
from __future__ import annotations

from seedwiki.documents.models import Blob, Revision


def normalize_text(text: str) -> str:
    """Line endings as the browser sends them (CRLF) are stored as LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def store_blob(text: str) -> Blob:
    """The blob holding ``text``, created if no revision has had this content before."""
    raw = text.encode("utf-8")
    digest = Blob.hash_of(raw)
    blob = Blob.objects.filter(hash=digest).only("hash", "size").first()
    if blob is None:
        blob = Blob(hash=digest, data=Blob.compress(raw), size=len(raw))
        # ignore_conflicts: a concurrent writer may store the same content first; either row is right.
        Blob.objects.bulk_create([blob], ignore_conflicts=True)
    return blob


def get_text(revision: Revision | None) -> str:
    if revision is None:
        return ""
    return revision.blob.text
