"""Deleting a page: a revision with empty text; the history stays."""
from __future__ import annotations

from django.db import transaction

from seedwiki.documents.models import Document, Revision
from seedwiki.documents.services import derive
from seedwiki.documents.services.common import Author, lock_document, revision_with_text
from seedwiki.documents.services.errors import PageNotFoundError
from seedwiki.titles import join_title, parse_title


def delete_page(full_title: str, *, user=None, ip: str | None = None, author_name: str | None = None,
                summary: str = "", at=None) -> Document:
    namespace, title = parse_title(full_title)
    full = join_title(namespace, title)
    author = Author(user, ip, author_name)
    with transaction.atomic():
        document = lock_document(namespace, title, create=False)
        if document is None or not document.exists:
            raise PageNotFoundError(full)
        revision_with_text(document, "", kind=Revision.Kind.DELETE, author=author, summary=summary, at=at)
        document.deleted = True
        document.length = 0
        derive.clear_links(document)
        derive.remove_search(document)
        document.save()
        derive.invalidate_after_commit(appeared_or_gone={full}, changed={full})
    return document
