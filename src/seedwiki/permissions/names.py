"""The names the ACL speaks: actions, condition kinds, results, and permissions (seed 5.x)."""
from __future__ import annotations

from django.utils.translation import pgettext_lazy  # context "acl": "편집" is also a tab name

# The 8 ACL actions, in the order the /acl page lists them.
ACTIONS = ("read", "edit", "move", "delete", "create_thread", "write_thread_comment", "edit_request", "acl")
ACTION_LABELS = {
    "read": pgettext_lazy("acl", "읽기"), "edit": pgettext_lazy("acl", "편집"),
    "move": pgettext_lazy("acl", "이동"), "delete": pgettext_lazy("acl", "삭제"),
    "create_thread": pgettext_lazy("acl", "토론 생성"), "write_thread_comment": pgettext_lazy("acl", "토론 댓글"),
    "edit_request": pgettext_lazy("acl", "편집요청"),
    "acl": pgettext_lazy("acl", "ACL"),
}

# Site-wide actions: about no document, so no ACL rule applies; can() allows them to holders of any
# of the listed granted permissions (the seed's operator pages work the same way).
SITE_ACTIONS = {"manage_jobs": ("manage_jobs", "admin")}
SITE_ACTION_LABELS = {"manage_jobs": pgettext_lazy("acl", "작업 대기열 관리")}

CONDITION_KINDS = ("perm", "user", "ip", "aclgroup", "geoip")
RESULTS = ("allow", "deny", "gotons")
RESULT_LABELS = {"allow": pgettext_lazy("acl", "허용"), "deny": pgettext_lazy("acl", "거부"),
                 "gotons": pgettext_lazy("acl", "이름공간ACL 실행")}

# Permissions every request may hold by what it is (never granted by hand).
ANY, IP, MEMBER = "any", "ip", "member"
SIGNUP_15_DAYS = "member_signup_15days_ago"
CONTRIBUTOR = "contributor"
DOCUMENT_CONTRIBUTOR = "document_contributor"
OWNER = "match_username_and_document_title"
AUTOMATIC_PERMISSIONS = (ANY, IP, MEMBER, SIGNUP_15_DAYS, CONTRIBUTOR, DOCUMENT_CONTRIBUTOR, OWNER)

# Permissions given through /admin/grant (the seed 5.1 list, alphawiki's `the seed/권한`).
GRANTABLE_PERMISSIONS = (
    "admin", "grant", "nsacl", "aclgroup", "aclgroup_hidelog", "login_history", "hideip", "batch_revert",
    "hide_revision", "manage_thread", "delete_thread", "delete_edit_request", "mark_troll_revision",
    "hide_document_history_log", "edit_protected_file", "lock_document", "api_access", "skip_captcha",
    "no_force_captcha", "config", "manage_jobs",
)
# Held only through `seedwiki createsuperuser` / `seedwiki grant` (the seed never lets /admin/grant hand
# them out on stock settings).
PROTECTED_PERMISSIONS = ("developer",)
ALL_PERMISSIONS = GRANTABLE_PERMISSIONS + PROTECTED_PERMISSIONS

# How a permission condition reads in deny messages ("<...>이기 때문에", "<...>(이)여야 합니다").
PERMISSION_LABELS = {
    ANY: pgettext_lazy("acl", "아무나"), IP: pgettext_lazy("acl", "아이피"),
    MEMBER: pgettext_lazy("acl", "로그인된 사용자"), "admin": pgettext_lazy("acl", "관리자"),
    SIGNUP_15_DAYS: pgettext_lazy("acl", "가입한지 15일 지난 사용자"), CONTRIBUTOR: pgettext_lazy("acl", "기여자"),
    DOCUMENT_CONTRIBUTOR: pgettext_lazy("acl", "해당 문서 기여자"), OWNER: pgettext_lazy("acl", "문서 제목과 이름이 일치하는 사용자"),
}

# The group blocks are made of; it exists on every wiki and cannot be deleted.
BLOCKED_GROUP = "차단된 사용자"
