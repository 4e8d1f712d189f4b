"""ACL groups and blocks through /aclgroup and /BlockHistory (seed-behaviour §3, §5.3; checks 19–21
by way of the default ACL, 23–30, 34)."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from seedwiki.permissions.models import ACLGroup, ACLGroupItem, BlockLog
from seedwiki.permissions.names import BLOCKED_GROUP
from seedwiki.permissions.subject import Subject

from acl_helpers import make_user
from pages_helpers import body, save, url, visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def as_user(client, name, perms=()):
    user = make_user(name, perms=perms)
    client.force_login(user)
    return user


def add(client, group, *, ip="", username="", note="사유", expire="0", hidelog=None):
    data = {"group": group, "mode": "username" if username else "ip", "ip": ip, "username": username,
            "note": note, "expire": expire}
    if hidelog:
        data["hidelog"] = "Y"
    return client.post("/aclgroup", data)


def anonymous_edit(client, title, text, ip):
    return client.post(url("edit", title), {"text": text, "base_rev": "0"}, REMOTE_ADDR=ip)


# --- check 23: CIDR, duplicates -------------------------------------------------------------------

def test_a_bare_ip_is_stored_as_a_32_and_a_duplicate_is_refused(client):
    as_user(client, "관리", perms=["admin"])
    assert add(client, BLOCKED_GROUP, ip="1.2.3.4").status_code == 302
    item = ACLGroupItem.objects.get()
    assert item.cidr == "1.2.3.4/32" and item.group.name == BLOCKED_GROUP
    again = add(client, BLOCKED_GROUP, ip="1.2.3.4/32", note="두 번째")
    assert again.status_code == 409
    assert "이미 해당 요소가 존재합니다" in body(again)
    assert 'value="두 번째"' in body(again)  # the form keeps what was typed
    assert ACLGroupItem.objects.count() == 1


@pytest.mark.parametrize("value", ["2001:db8::/32", "2001:db8:0:0:0:0:0:1"])
def test_ipv6_items(client, value):
    as_user(client, "관리", perms=["admin"])
    assert add(client, BLOCKED_GROUP, ip=value).status_code == 302
    assert ACLGroupItem.objects.get().cidr in ("2001:db8::/32", "2001:db8::1/128")


def test_an_ipv6_range_blocks_its_addresses_only(client):
    as_user(client, "관리", perms=["admin"])
    add(client, BLOCKED_GROUP, ip="2001:db8:abcd::/48", note="v6 대역")
    client.logout()
    assert anonymous_edit(client, "육", "글", "2001:db8:abcd:12::5").status_code == 403
    assert anonymous_edit(client, "육", "글", "2001:db8:abce::5").status_code == 302


@pytest.mark.parametrize("value,message", [("999.1.1.1", "올바른 IP"), ("0.0.0.0/0", "넓게"), ("", "올바른 IP")])
def test_bad_addresses_are_refused_with_a_message(client, value, message):
    as_user(client, "관리", perms=["admin"])
    response = add(client, BLOCKED_GROUP, ip=value)
    assert response.status_code == 400 and message in body(response)
    assert not ACLGroupItem.objects.exists()


def test_a_note_is_required(client):
    as_user(client, "관리", perms=["admin"])
    response = add(client, BLOCKED_GROUP, ip="1.2.3.4", note="  ")
    assert response.status_code == 400 and "메모의 값은 필수입니다" in body(response)


def test_an_unknown_account_is_refused(client):
    as_user(client, "관리", perms=["admin"])
    response = add(client, BLOCKED_GROUP, username="없는사람")
    assert response.status_code == 404 and "찾을 수 없습니다" in body(response)


# --- check 24: one id sequence -------------------------------------------------------------------

def test_item_ids_increase_by_one_across_groups(client):
    as_user(client, "운영", perms=["admin", "aclgroup"])
    client.post("/aclgroup/group_add", {"name": "경고"})
    add(client, BLOCKED_GROUP, ip="10.1.0.0/16")
    add(client, "경고", ip="10.2.0.0/16")
    add(client, BLOCKED_GROUP, ip="10.3.0.0/16")
    first, second, third = ACLGroupItem.objects.order_by("id")
    assert (second.id, third.id) == (first.id + 1, first.id + 2)
    assert second.group.name == "경고"


# --- checks 19/25/26: blocks take effect, expire, and lift -----------------------------------------

def test_a_blocked_range_refuses_anonymous_edits_with_the_groups_message(client):
    admin = make_user("관리", perms=["admin"])
    client.force_login(admin)
    add(client, BLOCKED_GROUP, ip="10.0.0.0/24", note="반달 대역")
    item = ACLGroupItem.objects.get()
    client.logout()
    refused = anonymous_edit(client, "막힌 문서", "글", "10.0.0.5")
    assert refused.status_code == 403
    text = visible_text(body(refused))
    assert f"ACL그룹 {BLOCKED_GROUP} #{item.id}에 있기 때문에" in text
    assert "무기한" in text and "반달 대역" in text
    assert anonymous_edit(client, "막힌 문서", "글", "10.0.1.5").status_code == 302  # outside the range


def test_a_timed_item_stops_matching_by_itself_and_the_log_shows_the_duration(client):
    as_user(client, "관리", perms=["admin"])
    assert add(client, BLOCKED_GROUP, ip="10.9.0.0/24", expire="3600", note="한 시간").status_code == 302
    add(client, BLOCKED_GROUP, ip="10.8.0.0/24", note="영구")
    item = ACLGroupItem.objects.get(cidr="10.9.0.0/24")
    assert item.expires_at - item.created_at == dt.timedelta(hours=1)
    client.logout()
    assert anonymous_edit(client, "시간", "글", "10.9.0.1").status_code == 403
    # An hour later (no clean-up job, no log line): the item no longer matches.
    ACLGroupItem.objects.filter(pk=item.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    logs_before = BlockLog.objects.count()
    assert anonymous_edit(client, "시간", "글", "10.9.0.1").status_code == 302
    assert BlockLog.objects.count() == logs_before
    history = visible_text(body(client.get("/BlockHistory")))
    assert f"관리 사용자가 10.9.0.0/24 ({BLOCKED_GROUP} ACL 그룹에 추가) #{item.id} (1시간 동안) (한 시간)" in history
    assert "10.8.0.0/24" in history and "(영구적으로) (영구)" in history


def test_removing_needs_a_note_logs_and_lifts_the_block_at_once(client):
    admin = make_user("관리", perms=["admin"])
    client.force_login(admin)
    add(client, BLOCKED_GROUP, ip="10.7.0.0/24")
    item = ACLGroupItem.objects.get()
    assert client.post("/aclgroup/remove", {"group": BLOCKED_GROUP, "id": item.id, "note": ""}).status_code == 400
    assert ACLGroupItem.objects.filter(pk=item.pk).exists()
    client.logout()
    assert anonymous_edit(client, "풀림", "글", "10.7.0.9").status_code == 403
    client.force_login(admin)
    response = client.post("/aclgroup/remove", {"group": BLOCKED_GROUP, "id": item.id, "note": "오인 차단"})
    assert response.status_code == 302
    assert not ACLGroupItem.objects.filter(pk=item.pk).exists()
    history = visible_text(body(client.get("/BlockHistory")))
    assert f"관리 사용자가 10.7.0.0/24 ({BLOCKED_GROUP} ACL 그룹에서 제거) #{item.id} (오인 차단)" in history
    client.logout()
    assert anonymous_edit(client, "풀림", "글", "10.7.0.9").status_code == 302


# --- check 27: groups ----------------------------------------------------------------------------

def test_the_blocked_group_cannot_be_deleted(client):
    as_user(client, "그룹관리", perms=["aclgroup", "admin"])
    response = client.post("/aclgroup/group_remove", {"group": BLOCKED_GROUP})
    assert response.status_code == 403 and "삭제할 수 없습니다" in body(response)
    assert ACLGroup.objects.filter(name=BLOCKED_GROUP).exists()


def test_deleting_a_group_removes_its_members_and_recreating_restores_none(client):
    as_user(client, "그룹관리", perms=["aclgroup"])
    assert client.post("/aclgroup/group_add", {"name": "경고"}).status_code == 302
    add(client, "경고", ip="10.5.0.0/24")
    assert client.post("/aclgroup/group_add", {"name": "경고"}).status_code == 409  # a name is unique
    assert client.post("/aclgroup/group_remove", {"group": "경고"}).status_code == 302
    assert not ACLGroupItem.objects.exists()
    client.post("/aclgroup/group_add", {"name": "경고"})
    assert ACLGroup.objects.get(name="경고").items.count() == 0


# --- check 28: who may add where -----------------------------------------------------------------

def test_admin_only_adds_to_the_blocked_group_and_aclgroup_only_to_others(client):
    make_user("준비", perms=["aclgroup"])
    ACLGroup.objects.create(name="경고")
    as_user(client, "관리자만", perms=["admin"])
    assert add(client, BLOCKED_GROUP, ip="10.10.0.1").status_code == 302
    assert add(client, "경고", ip="10.10.0.2").status_code == 403
    assert client.post("/aclgroup/group_add", {"name": "새그룹"}).status_code == 403
    client.logout()
    as_user(client, "그룹만", perms=["aclgroup"])
    assert client.post("/aclgroup/group_add", {"name": "새그룹"}).status_code == 302
    assert add(client, "경고", ip="10.10.0.3").status_code == 302
    assert add(client, BLOCKED_GROUP, ip="10.10.0.4").status_code == 403
    assert client.post("/aclgroup/group_remove", {"group": "새그룹"}).status_code == 302
    assert sorted(ACLGroupItem.objects.values_list("cidr", flat=True)) == ["10.10.0.1/32", "10.10.0.3/32"]


def test_anonymous_and_plain_members_may_look_but_not_add(client):
    ACLGroup.objects.create(name="공개그룹")
    page = client.get("/aclgroup")
    assert page.status_code == 200
    assert "공개그룹" in body(page)
    assert BLOCKED_GROUP not in visible_text(body(page))  # the default group is listed to admins only
    assert add(client, "공개그룹", ip="10.0.0.1").status_code == 403
    as_user(client, "보통")
    assert add(client, "공개그룹", ip="10.0.0.1").status_code == 403
    assert not ACLGroupItem.objects.exists()


# --- check 29: hidelog ---------------------------------------------------------------------------

def test_hidelog_needs_its_permission_and_hides_the_line_from_the_public(client):
    as_user(client, "관리", perms=["admin"])
    assert add(client, BLOCKED_GROUP, ip="10.20.0.1", note="숨길 사유", hidelog=True).status_code == 403
    assert not ACLGroupItem.objects.exists()
    client.logout()
    as_user(client, "숨김관리", perms=["admin", "aclgroup_hidelog"])
    assert add(client, BLOCKED_GROUP, ip="10.20.0.1", note="숨길 사유", hidelog=True).status_code == 302
    assert "숨길 사유" in body(client.get("/BlockHistory"))  # its holders still see it
    client.logout()
    assert "숨길 사유" not in body(client.get("/BlockHistory"))


# --- check 30: a blocked account ------------------------------------------------------------------

def test_a_blocked_account_logs_in_is_struck_through_and_its_user_page_shows_the_block(client):
    vandal = make_user("반달")
    vandal.set_password("pw-반달-12345")
    vandal.save()
    save("어떤 문서", "첫 판", user=vandal)
    admin = make_user("관리", perms=["admin"])
    client.force_login(admin)
    assert add(client, BLOCKED_GROUP, username="반달", expire="7d", note="반달 행위").status_code == 302
    item = ACLGroupItem.objects.get()
    client.logout()
    # Logging in is not blocked.
    response = client.post("/member/login", {"username": "반달", "password": "pw-반달-12345"})
    assert response.status_code == 302 and client.session.get("_auth_user_id") == str(vandal.pk)
    # …but editing is.
    assert client.post(url("edit", "어떤 문서"), {"text": "둘째 판", "base_rev": "1"}).status_code == 403
    history = body(client.get(url("history", "어떤 문서")))
    assert re.search(r'class="sw-author sw-blocked"[^>]*>반달<', history)
    assert re.search(r'class="sw-blocked"[^>]*>반달<', body(client.get("/RecentChanges")))
    user_page = visible_text(body(client.get(url("w", "사용자:반달"))))
    assert f"이 사용자는 {BLOCKED_GROUP} 그룹에 있습니다. (#{item.id})" in user_page
    assert "까지 유지됩니다" in user_page and "반달 행위" in user_page
    ACLGroupItem.objects.update(expires_at=None)
    assert "영구적으로" in visible_text(body(client.get(url("w", "사용자:반달"))))


def test_an_admin_user_page_says_it_holds_special_permissions(client):
    make_user("운영자", perms=["admin"])
    assert "이 사용자는 특수 권한을 가지고 있습니다." in body(client.get(url("w", "사용자:운영자")))
    make_user("평범")
    assert "특수 권한" not in body(client.get(url("w", "사용자:평범")))


# --- check 34: searching and paging BlockHistory ----------------------------------------------------

def test_block_history_search_by_author_and_text_and_paging(client):
    as_user(client, "갑", perms=["admin", "aclgroup"])
    client.post("/aclgroup/group_add", {"name": "통신사"})
    add(client, BLOCKED_GROUP, ip="10.30.0.1", note="갑의 사유")
    client.logout()
    as_user(client, "을", perms=["aclgroup"])
    add(client, "통신사", ip="10.31.0.0/16", note="을의 사유")
    by_author = visible_text(body(client.get("/BlockHistory?target=author&query=갑")))
    assert "갑의 사유" in by_author and "을의 사유" not in by_author
    by_group = visible_text(body(client.get("/BlockHistory?target=text&query=통신사")))
    assert "을의 사유" in by_group and "갑의 사유" not in by_group
    by_target = visible_text(body(client.get("/BlockHistory?target=text&query=10.30.0.1")))
    assert "갑의 사유" in by_target and "을의 사유" not in by_target
    item = ACLGroupItem.objects.get(cidr="10.31.0.0/16")
    assert "을의 사유" in visible_text(body(client.get(f"/BlockHistory?target=text&query=%23{item.id}")))


def test_block_history_pages_with_from_and_until(client):
    from seedwiki.governance import blocklog

    as_user(client, "많이", perms=["admin"])
    for n in range(5):
        add(client, BLOCKED_GROUP, ip=f"10.40.{n}.0/24", note=f"사유{n}")
    viewer = Subject.for_user(None)
    first = blocklog.search(viewer, per_page=2)
    assert [line.entry.note for line in first.lines] == ["사유4", "사유3"] and first.newer is None
    second = blocklog.search(viewer, from_id=first.older, per_page=2)
    assert [line.entry.note for line in second.lines] == ["사유2", "사유1"]
    back = blocklog.search(viewer, until_id=second.newer, per_page=2)
    assert [line.entry.note for line in back.lines] == ["사유4", "사유3"]
    last = blocklog.search(viewer, from_id=second.older, per_page=2)
    assert [line.entry.note for line in last.lines] == ["사유0"] and last.older is None
    # The page links carry the cursor.
    html = body(client.get("/BlockHistory"))
    assert "사유4" in html and "from=" not in html  # 5 lines fit on one page of 100


def test_the_history_offers_admins_a_prefilled_quick_block(client):
    save("소란", "판", ip="192.0.2.31")
    assert "sw-quick-block" not in body(client.get(url("history", "소란")))
    as_user(client, "관리", perms=["admin"])
    history = body(client.get(url("history", "소란")))
    link = re.search(r'class="sw-quick-block" href="([^"]+)"', history).group(1).replace("&amp;", "&")
    form = body(client.get(link))
    assert 'value="192.0.2.31"' in form and 'value="소란 r1 긴급차단"' in form
    save("소란", "스크립트의 판", author_name="봇이름", ip=None)  # neither an account nor an address: nothing to block
    assert len(re.findall(r'class="sw-quick-block"', body(client.get(url("history", "소란"))))) == 1


def test_a_login_allowed_block_made_through_the_page(client):
    """Check 20 with the group built on /aclgroup: the range is refused to anonymous editors only."""
    from acl_helpers import set_rules

    as_user(client, "그룹관리", perms=["aclgroup"])
    assert client.post("/aclgroup/group_add", {"name": "로그인 허용 차단"}).status_code == 302
    assert add(client, "로그인 허용 차단", ip="10.60.0.0/24", note="통신사 대역").status_code == 302
    set_rules("edit", [("perm:member", "allow"), ("aclgroup:로그인 허용 차단", "deny"), ("perm:any", "allow")],
              namespace="문서")
    client.logout()
    refused = anonymous_edit(client, "허용 차단", "글", "10.60.0.5")
    assert refused.status_code == 403 and "ACL그룹 로그인 허용 차단 #" in visible_text(body(refused))
    client.force_login(make_user("회원"))
    assert anonymous_edit(client, "허용 차단", "회원의 글", "10.60.0.5").status_code == 302


def test_block_history_pages_through_its_links(client):
    now = timezone.now()
    BlockLog.objects.bulk_create([BlockLog(type=BlockLog.Type.ACLGROUP_ADD, actor_name="봇", target=f"10.50.{n}.0/24",
                                           group_name=BLOCKED_GROUP, item_id=n, note=f"줄{n:03d}", created_at=now)
                                  for n in range(105)])
    first = body(client.get("/BlockHistory"))
    assert "줄104" in first and "줄005" in first and "줄004" not in first
    older = re.search(r'href="(/BlockHistory\?from=\d+)"', first).group(1)
    second = body(client.get(older))
    assert "줄004" in second and "줄000" in second and "줄005" not in second
    newer = re.search(r'href="(/BlockHistory\?until=\d+)"', second).group(1)
    assert "줄104" in body(client.get(newer)) and "줄004" not in body(client.get(newer))
    searched = body(client.get("/BlockHistory?target=author&query=봇"))
    assert re.search(r'href="/BlockHistory\?target=author&amp;query=%EB%B4%87&amp;from=\d+"', searched)
