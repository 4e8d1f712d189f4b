"""Renaming a page (optionally leaving a redirect behind) or swapping two pages' titles."""
from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from seedwiki.documents.models import Document, Revision
from seedwiki.documents.services import derive
from seedwiki.documents.services.common import Author, append_revision, revision_with_text, with_latest
from seedwiki.documents.services.errors import EditError, PageExistsError, PageNotFoundError
from seedwiki.documents.services.storage import get_text
from seedwiki.titles import join_title, parse_title

# A title no reader can type (control characters are refused by parse_title), used mid-swap.
# Not NUL: PostgreSQL text cannot hold 0x00.
_SWAP_PLACEHOLDER = "\x01swap\x01"


def _locked(namespace: str, title: str) -> Document | None:
    # No join while locking: see common.lock_document.
    return with_latest(Document.objects.select_for_update().filter(namespace=namespace, title=title).first())


def move_page(old_title: str, new_title: str, *, leave_redirect: bool = False, swap: bool = False,
              user=None, ip: str | None = None, author_name: str | None = None, summary: str = "",
              at=None) -> Document:
    """Move ``old_title`` to ``new_title``; returns the moved document.

    If ``new_title`` already has a page (or a history), ``swap=True`` exchanges the two titles,
    else PageExistsError. ``leave_redirect`` creates ``#redirect <new>`` at the old title.
    """
    old_ns, old_name = parse_title(old_title)
    new_ns, new_name = parse_title(new_title)
    old_full, new_full = join_title(old_ns, old_name), join_title(new_ns, new_name)
    if old_full == new_full:
        raise EditError(_("이동할 문서 이름이 현재 이름과 같습니다."))
    author = Author(user, ip, author_name)
    with transaction.atomic():
        # Lock both rows in a fixed order so two opposite moves cannot deadlock.
        first, second = sorted([(old_ns, old_name), (new_ns, new_name)])
        locked = {first: _locked(*first), second: _locked(*second)}
        source, target = locked[(old_ns, old_name)], locked[(new_ns, new_name)]
        if source is None or not source.exists:
            raise PageNotFoundError(old_full)
        if target is not None and not swap:
            raise PageExistsError(new_full)
        if swap and target is None:
            raise EditError(_("맞바꿀 대상 문서가 없습니다."))

        extra = {"from": old_full, "to": new_full}
        if swap:
            target.title, target.namespace = _SWAP_PLACEHOLDER, old_ns
            target.save(update_fields=["title", "namespace"])
        _rename(source, new_ns, new_name, author, summary, at, extra)
        if swap:
            target.namespace, target.title = old_ns, old_name
            _rename(target, old_ns, old_name, author, summary, at, {"from": new_full, "to": old_full},
                    already_renamed=True)
        elif leave_redirect:
            redirect = Document.objects.create(namespace=old_ns, title=old_name)
            text = f"#redirect {new_full}\n"
            revision_with_text(redirect, text, kind=Revision.Kind.CREATE, author=author,
                               summary=summary or f"{new_full}(으)로 이동", at=at)
            derive.index_search(redirect, text, derive.apply_links(redirect, text))
            redirect.save()
        derive.invalidate_dependents(appeared_or_gone={old_full, new_full}, changed={old_full, new_full})
    return source


def _rename(document: Document, namespace: str, title: str, author: Author, summary: str, at, extra: dict,
            already_renamed: bool = False) -> None:
    document.namespace, document.title = namespace, title
    if not already_renamed:
        document.save(update_fields=["namespace", "title"])
    blob = document.latest.blob
    append_revision(document, blob, kind=Revision.Kind.MOVE, author=author, summary=summary, at=at, extra=extra)
    document.save()
    if document.exists:
        derive.index_search(document, get_text(document.latest))
