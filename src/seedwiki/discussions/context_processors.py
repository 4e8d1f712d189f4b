"""The header's "사용자 토론이 있습니다" link: a thread open on the reader's own user page."""
from __future__ import annotations


def user_notice(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def first_notice():  # evaluated only when a template shows it
        from seedwiki.discussions.models import DiscussNotice

        return (DiscussNotice.objects.filter(user=user, thread__deleted=False)
                .order_by("-created_at").values_list("thread__slug", flat=True).first())

    return {"user_discuss_notice": first_notice}
