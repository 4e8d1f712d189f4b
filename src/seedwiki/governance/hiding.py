"""Hidden revisions (hide_revision): the text of a hidden revision is shown only to holders of the
permission — /w?rev, /raw?rev, /diff and /blame refuse it to others and the history marks it.
The latest revision cannot be hidden: the page itself shows it."""
from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from seedwiki.governance.actors import require
from seedwiki.governance.errors import Refused
from seedwiki.governance.models import HiddenRevision
from seedwiki.permissions.subject import Subject

PERMISSION = "hide_revision"


def set_hidden(actor: Subject, revision, hidden: bool) -> None:
    require(actor, PERMISSION)
    if hidden:
        if revision.document.latest_id == revision.pk:
            raise Refused(_("최신 리비전은 숨길 수 없습니다."))
        try:
            with transaction.atomic():
                HiddenRevision.objects.create(revision=revision, hidden_by=actor.user, hidden_at=timezone.now())
        except IntegrityError:
            pass  # already hidden
    else:
        HiddenRevision.objects.filter(revision=revision).delete()


def find_revision(full_title: str, number) -> object:
    """Revision ``number`` of the page titled ``full_title``, or Refused (400 bad title, 404 missing)."""
    from seedwiki.documents.models import Revision
    from seedwiki.titles import TitleError, parse_title

    try:
        namespace, title = parse_title(full_title or "")
    except TitleError as error:
        raise Refused(str(error)) from error
    number = str(number)
    revision = (Revision.objects.select_related("document")
                .filter(document__namespace=namespace, document__title=title,
                        number=int(number) if number.isascii() and number.isdigit() and len(number) < 10 else -1)
                .first())
    if revision is None:
        raise Refused(_("해당 리비전을 찾을 수 없습니다."), 404)
    return revision


def hidden_ids(revision_ids) -> set[int]:
    ids = [rid for rid in revision_ids if rid]
    return set(HiddenRevision.objects.filter(revision_id__in=ids).values_list("revision_id", flat=True)) if ids else set()


def may_see_hidden(actor: Subject) -> bool:
    return actor.holds(PERMISSION)


def hidden_message(actor: Subject, revision) -> str:
    """The refusal when ``revision`` is hidden from ``actor``, else ""."""
    if revision is None or not HiddenRevision.objects.filter(revision_id=revision.pk).exists():
        return ""
    return "" if may_see_hidden(actor) else _("숨겨진 리비전입니다.")
