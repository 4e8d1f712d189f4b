"""Template helpers for lists of revisions: which authors are blocked (struck through), which
revisions are hidden, and whether the reader holds a permission — one query per list."""
from __future__ import annotations

from django import template

register = template.Library()


@register.simple_tag
def blocked_authors(revisions) -> set:
    """User ids among the revisions' authors that are in 차단된 사용자 now."""
    from seedwiki.governance.aclgroups import blocked_accounts

    return blocked_accounts(getattr(rev, "user_id", None) for rev in revisions)


@register.simple_tag
def hidden_revisions(revisions) -> set:
    from seedwiki.governance.hiding import hidden_ids

    return hidden_ids(rev.pk for rev in revisions)


@register.simple_tag(takes_context=True)
def holds(context, permission: str) -> bool:
    request = context.get("request")
    if request is None:
        return False
    from seedwiki.permissions.subject import subject_of

    return subject_of(request).holds(permission)


@register.simple_tag
def quick_block_query(revision, full_title: str) -> str:
    """/aclgroup form values blocking a revision's author, with the seed's note "문서 r12 긴급차단"."""
    from urllib.parse import urlencode

    from seedwiki.permissions.names import BLOCKED_GROUP

    target = ({"mode": "username", "username": revision.author_name} if revision.user_id
              else {"mode": "ip", "ip": revision.ip})
    return urlencode({"group": BLOCKED_GROUP, **target, "note": f"{full_title} r{revision.number} 긴급차단"})


@register.inclusion_tag("governance/_user_notices.html")
def user_page_notices(full_title: str) -> dict:
    """On 사용자:<name>: the account's ACL-group items (blocks) and whether it holds admin."""
    from django.contrib.auth import get_user_model

    from seedwiki.governance.aclgroups import blocks_of_user
    from seedwiki.permissions.subject import Subject
    from seedwiki.titles import USER, TitleError, parse_title

    try:
        namespace, title = parse_title(full_title or "")
    except TitleError:
        return {}
    if namespace != USER or "/" in title:
        return {}
    user = get_user_model().objects.filter(username=title).first()
    if user is None:
        return {}
    return {"items": blocks_of_user(user), "special": Subject.for_user(user).holds("admin")}
