"""Revision text in and out of content-addressed, compressed blobs."""
from __future__ import annotations

from django.db import connection

from seedwiki.documents.models import Blob, Revision


def normalize_text(text: str) -> str:
    """Line endings as the browser sends them (CRLF) are stored as LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def store_blob(text: str) -> Blob:
    """The blob holding ``text``, created if no revision has had this content before."""
    raw = text.encode("utf-8")
    # One INSERT … ON CONFLICT DO NOTHING instead of a look-up first: a stored blob with this hash
    # holds the same text (a revert, a move, a concurrent writer), so either row is right.
    # zstd level 3: a few % larger than level 6 at about half the CPU of a save.
    blob = Blob(hash=Blob.hash_of(raw), data=Blob.compress(raw, fast=True), size=len(raw))
    table = connection.ops.quote_name(Blob._meta.db_table)
    with connection.cursor() as cursor:  # plain SQL: the ORM's bulk_create cost more than the INSERT
        cursor.execute(f"INSERT INTO {table} (hash, data, size) VALUES (%s, %s, %s) ON CONFLICT (hash) DO NOTHING",
                       [blob.hash, blob.data, blob.size])
    return blob


def get_text(revision: Revision | None) -> str:
    if revision is None:
        return ""
    return revision.blob.text
