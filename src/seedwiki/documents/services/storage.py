"""Revision text in and out of content-addressed, compressed blobs."""
from __future__ import annotations

from django.db import connection

from seedwiki.documents.compression import DamagedBlobError, decompress_text
from seedwiki.documents.models import Blob, Revision

# How far back a reader looks for a readable revision when the latest one is damaged.
READABLE_LOOKBACK = 50


def normalize_text(text: str) -> str:
    """Line endings as the browser sends them (CRLF) are stored as LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def store_blob(text: str) -> Blob:
    """The blob holding ``text``, created if no revision has had this content before.

    Checked before the caller commits: the row read back from the database must decompress to
    ``text`` (a stored copy damaged before the thread-safety fix is overwritten with good bytes),
    so a save that reports success never points at bytes that cannot be read.
    """
    raw = text.encode("utf-8")
    # zstd level 3: a few % larger than level 6 at about half the CPU of a save.
    blob = Blob(hash=Blob.hash_of(raw), data=Blob.compress(raw, fast=True), size=len(raw))
    table = connection.ops.quote_name(Blob._meta.db_table)
    with connection.cursor() as cursor:  # plain SQL: the ORM's bulk_create cost more than the INSERT
        # ON CONFLICT DO NOTHING: a stored blob with this hash holds the same text (a revert, a
        # move, a concurrent writer), so either row is right — once the read-back agrees.
        cursor.execute(f"INSERT INTO {table} (hash, data, size) VALUES (%s, %s, %s) ON CONFLICT (hash) DO NOTHING",
                       [blob.hash, blob.data, blob.size])
        cursor.execute(f"SELECT data FROM {table} WHERE hash = %s", [blob.hash])
        stored = bytes(cursor.fetchone()[0])
        if stored != blob.data and not _holds(stored, text):
            cursor.execute(f"UPDATE {table} SET data = %s, size = %s WHERE hash = %s", [blob.data, blob.size, blob.hash])
            cursor.execute(f"SELECT data FROM {table} WHERE hash = %s", [blob.hash])
            if not _holds(bytes(cursor.fetchone()[0]), text):
                raise DamagedBlobError("the stored text does not read back as saved")
    return blob


def _holds(data: bytes, text: str) -> bool:
    try:
        return decompress_text(data) == text
    except DamagedBlobError:
        return False


def get_text(revision: Revision | None) -> str:
    """The revision's text; DamagedBlobError when its blob cannot be read."""
    if revision is None:
        return ""
    return revision.blob.text


def latest_readable(revision: Revision) -> Revision | None:
    """``revision`` itself when its text reads, else the newest earlier readable revision of its
    document (within READABLE_LOOKBACK revisions), else None."""
    candidates = [revision] + list(
        Revision.objects.filter(document_id=revision.document_id, number__lt=revision.number)
        .select_related("blob").order_by("-number")[:READABLE_LOOKBACK])
    for candidate in candidates:
        if candidate.damaged:
            continue
        try:
            candidate.blob.text
        except DamagedBlobError:
            continue
        return candidate
    return None


def readable_text(revision: Revision | None) -> str:
    """The text of the newest readable revision up to ``revision`` ("" when none reads)."""
    if revision is None:
        return ""
    try:
        if not revision.damaged:
            return revision.blob.text
    except DamagedBlobError:
        pass
    found = latest_readable(revision)
    return found.blob.text if found is not None else ""
