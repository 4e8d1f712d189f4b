"""`seedwiki check`: find revisions whose stored text cannot be read, and mark them.

A blob is damaged when its bytes do not decompress, are not UTF-8, or do not hash to its key (the
key is the sha256 of the text, so a blob that decompresses to other text is damaged too). Marking
(``Revision.damaged``) makes history show the revision as damaged and the page serve its newest
readable revision; a blob that reads again (a later save of the same text rewrites damaged bytes)
has its revisions unmarked.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import F

from seedwiki.documents.compression import DamagedBlobError, decompress_text
from seedwiki.documents.models import Blob, Document, Revision

CHUNK = 500


@dataclass
class DamagedRevision:
    document_id: int
    full_title: str
    number: int
    blob_hash: str
    reason: str


@dataclass
class IntegrityReport:
    blobs_checked: int = 0
    damaged_blobs: dict[str, str] = field(default_factory=dict)  # hash → reason
    revisions: list[DamagedRevision] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.damaged_blobs


def blob_problem(hash_: str, data: bytes) -> str | None:
    """Why the blob cannot be trusted, or None when it reads back to the text its key names."""
    try:
        text = decompress_text(data)
    except DamagedBlobError as error:
        return f"압축 해제 실패: {error}"
    if Blob.hash_of(text.encode("utf-8")) != hash_:
        return "내용이 해시와 다름"
    return None


def _blob_chunks():
    """Every (hash, data) in hash order, CHUNK rows at a time (keyset, so memory stays bounded)."""
    table = connection.ops.quote_name(Blob._meta.db_table)
    after = ""
    while True:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT hash, data FROM {table} WHERE hash > %s ORDER BY hash LIMIT {CHUNK}", [after])
            rows = cursor.fetchall()
        if not rows:
            return
        yield [(hash_, bytes(data)) for hash_, data in rows]
        after = rows[-1][0]


def scan(progress=None) -> IntegrityReport:
    """Read every blob; list the revisions that point at damaged ones."""
    report = IntegrityReport()
    for chunk in _blob_chunks():
        for hash_, data in chunk:
            problem = blob_problem(hash_, data)
            if problem is not None:
                report.damaged_blobs[hash_] = problem
        report.blobs_checked += len(chunk)
        if progress is not None:
            progress(report.blobs_checked)
    if report.damaged_blobs:
        rows = (Revision.objects.filter(blob_id__in=list(report.damaged_blobs))
                .select_related("document").order_by("document_id", "number"))
        report.revisions = [DamagedRevision(r.document_id, r.document.full_title, r.number, r.blob_id,
                                            report.damaged_blobs[r.blob_id]) for r in rows]
    return report


def repair(report: IntegrityReport) -> tuple[int, int]:
    """Mark the report's damaged revisions and unmark revisions whose blob reads again.

    Returns (marked, unmarked). Pages of the touched documents are re-rendered (render_stamp).
    """
    damaged_ids = {(r.document_id, r.number) for r in report.revisions}
    with transaction.atomic():
        marked_docs = set()
        marked = 0
        for document_id, number in damaged_ids:
            marked += Revision.objects.filter(document_id=document_id, number=number, damaged=False).update(damaged=True)
            marked_docs.add(document_id)
        healed = Revision.objects.filter(damaged=True).exclude(blob_id__in=list(report.damaged_blobs))
        healed_docs = set(healed.values_list("document_id", flat=True))
        unmarked = healed.update(damaged=False)
        touched = marked_docs | healed_docs
        if touched:
            Document.objects.filter(id__in=touched).update(render_stamp=F("render_stamp") + 1)
    return marked, unmarked
