"""Going back to an earlier revision (되돌리기) and bringing a deleted page back (복구)."""
from __future__ import annotations

from django.utils.translation import gettext as _

from seedwiki.documents.models import Document, Revision
from seedwiki.documents.services import derive
from seedwiki.documents.services.common import Author, append_revision, locked_page
from seedwiki.documents.services.errors import EditError, NoChangeError, PageNotFoundError, RevisionNotFoundError


def revert_page(full_title: str, rev: int, *, user=None, ip: str | None = None, author_name: str | None = None,
                summary: str = "", at=None) -> Document:
    """New revision with the text of r``rev`` (a restore when the page is deleted)."""
    author = Author(user, ip, author_name)
    with locked_page(full_title, deleted_ok=True) as (document, full):
        old = document.revisions.select_related("blob").filter(number=rev).first()
        if old is None:
            raise RevisionNotFoundError(full, rev)
        if old.kind == Revision.Kind.DELETE:
            raise EditError(_("삭제된 판으로는 되돌릴 수 없습니다."))
        # Going back to a revision of a deleted page brings the page back: logged as a restore.
        kind = Revision.Kind.RESTORE if document.deleted else Revision.Kind.REVERT
        _restore(document, old, kind, author, summary, at, {"rev": rev})
    return document


def restore_page(full_title: str, *, user=None, ip: str | None = None, author_name: str | None = None,
                 summary: str = "", at=None) -> Document:
    """Bring a deleted page back with the text it had before it was deleted."""
    author = Author(user, ip, author_name)
    with locked_page(full_title, deleted_ok=True) as (document, full):
        if not document.deleted:
            raise EditError(_("삭제되지 않은 문서입니다."))
        # An ACL change after the deletion repeats the deletion's empty text: skip it too.
        old = (document.revisions.exclude(kind__in=[Revision.Kind.DELETE, Revision.Kind.ACL])
               .select_related("blob").first())
        if old is None:
            raise PageNotFoundError(full)
        _restore(document, old, Revision.Kind.RESTORE, author, summary, at, {"rev": old.number})
    return document


def _restore(document: Document, old: Revision, kind: str, author: Author, summary: str, at, extra: dict) -> None:
    was_alive = document.exists
    if was_alive and document.latest.blob_id == old.blob_id:
        raise NoChangeError()
    append_revision(document, old.blob, kind=kind, author=author, summary=summary, at=at, extra=extra)
    text = old.blob.text
    document.deleted = False
    derive.index_search(document, text, derive.apply_links(document, text))
    document.save()
    full = document.full_title
    derive.invalidate_dependents(appeared_or_gone=set() if was_alive else {full}, changed={full})
