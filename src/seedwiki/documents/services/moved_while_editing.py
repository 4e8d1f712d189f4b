"""Did the page an editor started from move or disappear while they were typing?

The editor remembers which document it opened (its id) and from which revision. A save that
arrives at the old title after a move must not silently create a second article there, and a save
onto a page deleted meanwhile must say so before recreating it.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from seedwiki.documents.models import Document


@dataclass(frozen=True)
class ChangedUnderEditor:
    kind: str  # "moved" or "deleted"
    current_title: str  # where the page the editor opened is now
    latest_number: int  # its newest revision (the base for the next save)

    @property
    def message(self) -> str:
        if self.kind == "moved":
            return _("편집하는 동안 이 문서가 '%(title)s'(으)로 이동되었습니다. 저장하면 이동된 문서에 저장됩니다. "
                     "입력한 내용은 그대로 있습니다.") % {"title": self.current_title}
        return _("편집하는 동안 이 문서가 삭제되었습니다. 그래도 저장하면 문서를 다시 만듭니다. "
                 "입력한 내용은 그대로 있습니다.")


def changed_under_editor(full_title: str, document_id: int | None, base_rev: int) -> ChangedUnderEditor | None:
    """The move or delete the editor has not seen yet, or None when saving at full_title is safe."""
    if not document_id or not base_rev:
        return None  # a new page, or a client that does not say which document it opened
    document = Document.objects.select_related("latest").filter(pk=document_id).first()
    if document is None or document.latest is None:
        return None
    latest = document.latest.number
    if document.full_title != full_title:
        return ChangedUnderEditor("moved", document.full_title, latest)
    if document.deleted and latest > base_rev:
        return ChangedUnderEditor("deleted", document.full_title, latest)
    return None
