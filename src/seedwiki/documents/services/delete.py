"""Deleting a page: a revision with empty text; the history stays."""
from __future__ import annotations

from seedwiki.documents.models import Document, Revision
from seedwiki.documents.services import derive
from seedwiki.documents.services.common import Author, locked_page, revision_with_text


def delete_page(full_title: str, *, user=None, ip: str | None = None, author_name: str | None = None,
                summary: str = "", at=None) -> Document:
    author = Author(user, ip, author_name)
    with locked_page(full_title, deleted_ok=False) as (document, full):
        revision_with_text(document, "", kind=Revision.Kind.DELETE, author=author, summary=summary, at=at)
        document.deleted = True
        document.length = 0
        derive.clear_links(document)
        derive.remove_search(document)
        document.save()
        derive.invalidate_dependents(appeared_or_gone={full}, changed={full})
    return document
