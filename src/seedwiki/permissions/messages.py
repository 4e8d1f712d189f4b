"""The deny messages, in the seed's Korean wording (seed-behaviour §2.3)."""
from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from seedwiki.permissions import names

MAX_LISTED = 5


def action_label(action: str) -> str:
    return str(names.ACTION_LABELS.get(action, action))


def condition_label(kind: str, value: str) -> str:
    """A condition as the seed words it for readers (로그인된 사용자, ACL그룹 X에 속해 있는 사용자, …)."""
    if kind == "perm":
        label = names.PERMISSION_LABELS.get(value)
        return str(label) if label is not None else f"perm:{value}"
    if kind == "user":
        return _("특정 사용자")
    if kind == "aclgroup":
        return _("ACL그룹 %(group)s에 속해 있는 사용자") % {"group": value}
    return f"{kind}:{value}"


def tab_sentence() -> str:
    return _("해당 문서의 ACL 탭을 확인하시기 바랍니다.")


def tab_label() -> str:
    """The words of tab_sentence() that link to /acl/<title>."""
    return _("ACL 탭")


def denied_site_action(action: str, permissions: tuple[str, ...]) -> str:
    """A site-wide action (names.SITE_ACTIONS) refused: which permissions would allow it."""
    return _("%(action)s 권한이 부족합니다. %(permissions)s 중 하나의 권한이 필요합니다.") % {
        "action": str(names.SITE_ACTION_LABELS.get(action, action)), "permissions": ", ".join(permissions)}


def denied_by_condition(action: str, kind: str, value: str) -> str:
    return _("%(condition)s이기 때문에 %(action)s 권한이 부족합니다.") % {
        "condition": condition_label(kind, value), "action": action_label(action)}


def denied_by_group(action: str, match) -> str:
    prefix = _("현재 사용중인 아이피가 ") if match.via_ip else ""
    head = _("ACL그룹 %(group)s #%(id)s에 있기 때문에 %(action)s 권한이 부족합니다.") % {
        "group": match.group, "id": match.item_id, "action": action_label(action)}
    expiry = (timezone.localtime(match.expires_at).strftime("%Y-%m-%d %H:%M:%S")
              if match.expires_at is not None else _("무기한"))
    return "\n".join([prefix + head, _("만료일 : %(date)s") % {"date": expiry},
                      _("사유 : %(note)s") % {"note": match.note}])


def no_rule_matched(action: str, permissive_rules) -> str:
    """Nothing matched: which rules would have let the subject through, or that none would."""
    if not permissive_rules:
        return _("ACL에 허용 규칙이 없기 때문에 %(action)s 권한이 부족합니다.") % {"action": action_label(action)}
    labels = [condition_label(rule.kind, rule.value) for rule in permissive_rules[:MAX_LISTED]]
    rest = len(permissive_rules) - MAX_LISTED
    if rest > 0:
        labels.append(_("그 외 %(n)s개의 규칙") % {"n": rest})
    return _("%(action)s 권한이 부족합니다. %(rules)s(이)여야 합니다.") % {
        "action": action_label(action), "rules": " OR ".join(labels)}
