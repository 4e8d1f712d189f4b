"""Lists never leak a page the reader may not read: RecentChanges, search results and snippets,
special pages, category listings, backlinks, contributions, uploaded files; and the front cache
never shares a page anonymous readers may not read (checks 8/9 applied to every path)."""
from __future__ import annotations

import pytest

import test_front_cache as front
from acl_helpers import make_user, set_rules
from pages_helpers import IP, body, save, url
from seedwiki.search import rebuild_index

pytestmark = pytest.mark.django_db

SECRET = "비밀틀내용"


@pytest.fixture
def hidden_template():
    """틀: readable by admins only; 문서 stays open."""
    save("틀:감춘 틀", f"{SECRET} [[분류:공개 분류]] [[공개 문서]] [[아무도 못 본 제목]]")
    save("공개 문서", "공개 내용 [[분류:공개 분류]]")
    set_rules("read", [("perm:admin", "allow")], namespace="틀")


def test_recent_changes_and_contributions(client, hidden_template):
    recent = body(client.get("/RecentChanges"))
    assert "공개 문서" in recent and "감춘 틀" not in recent
    contributions = body(client.get(f"/contribution/{IP}"))
    assert "공개 문서" in contributions and "감춘 틀" not in contributions
    client.force_login(make_user("관리자", perms=["admin"]))
    assert "감춘 틀" in body(client.get("/RecentChanges"))


def test_search_results_and_snippets(client, hidden_template):
    rebuild_index()
    html = body(client.get("/Search", {"q": SECRET}))
    assert "감춘 틀" not in html and "<mark>" not in html  # no hit, no snippet
    assert client.get("/Go", {"q": "틀:감춘 틀"})["Location"].startswith("/Search")
    client.force_login(make_user("관리자", perms=["admin"]))
    assert "감춘 틀" in body(client.get("/Search", {"q": SECRET}))


def test_title_suggestions(client, hidden_template):
    rebuild_index()
    assert "틀:감춘 틀" not in client.get("/complete", {"q": "틀:감춘"}).json()  # prefix
    assert "틀:감춘 틀" not in client.get("/complete", {"q": "감춘 틀"}).json()  # infix
    assert client.get("/complete", {"q": "공개 문"}).json() == ["공개 문서"]
    client.force_login(make_user("관리자", perms=["admin"]))
    assert "틀:감춘 틀" in client.get("/complete", {"q": "틀:감춘"}).json()
    assert "틀:감춘 틀" in client.get("/complete", {"q": "감춘 틀"}).json()


def test_special_pages_category_and_backlinks(client, hidden_template):
    for path in ("/OldPages?namespace=틀", "/ShortestPages?namespace=틀", "/RandomPage?namespace=틀"):
        assert "감춘 틀" not in body(client.get(path)), path
    from seedwiki.special.stored_lists import rebuild_special_lists

    rebuild_special_lists()
    assert "아무도 못 본 제목" not in body(client.get("/NeededPages"))  # only the hidden page links to it
    category = body(client.get(url("w", "분류:공개 분류")))
    assert "공개 문서" in category and "감춘 틀" not in category
    backlinks = body(client.get(url("backlink", "공개 문서")))
    assert "감춘 틀" not in backlinks
    assert client.get(url("w", "틀:감춘 틀")).status_code == 403
    client.force_login(make_user("관리자", perms=["admin"]))
    assert "아무도 못 본 제목" in body(client.get("/NeededPages"))


def test_an_uploaded_file_of_an_unreadable_namespace_is_not_served(client, settings, tmp_path):
    from test_scenario_article import tiny_png
    from django.core.files.uploadedfile import SimpleUploadedFile
    import hashlib

    settings.SEEDWIKI_UPLOAD_DIR = str(tmp_path / "uploads")
    image = tiny_png()
    uploaded = client.post("/Upload", {"file": SimpleUploadedFile("a.png", image, content_type="image/png"),
                                       "title": "파일:감춘 그림.png", "license": "CC0", "summary": "x"})
    assert uploaded.status_code == 302
    sha = hashlib.sha256(image).hexdigest()
    assert client.get(f"/file/{sha}").status_code == 200
    set_rules("read", [("perm:admin", "allow")], namespace="파일")
    assert client.get(f"/file/{sha}").status_code == 403


def test_uploading_needs_the_edit_acl_of_the_file_page(client, settings, tmp_path):
    from test_scenario_article import tiny_png
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.SEEDWIKI_UPLOAD_DIR = str(tmp_path / "uploads")
    set_rules("edit", [("perm:member", "allow")], namespace="파일")
    refused = client.post("/Upload", {"file": SimpleUploadedFile("b.png", tiny_png(), content_type="image/png"),
                                      "title": "파일:회원 그림.png", "license": "CC0", "summary": "x"})
    assert refused.status_code == 403 and "로그인된 사용자(이)여야 합니다" in body(refused)


@pytest.mark.django_db(transaction=True)
def test_the_front_cache_never_shares_a_page_anonymous_readers_may_not_read():
    front.front_cache.STORE.clear()
    save("앞단 ACL 문서", "모두의 내용")
    assert front.wsgi_get(front.page_path("앞단 ACL 문서"))[0] == 200
    assert front.wsgi_get(front.page_path("앞단 ACL 문서"))[0] == 200  # now from the store
    set_rules("read", [("perm:member", "allow")], namespace="문서")
    status, _, html = front.wsgi_get(front.page_path("앞단 ACL 문서"))
    assert status == 403 and "모두의 내용" not in html
    # An IP-dependent read list: every anonymous reader is decided alone, nothing is stored.
    set_rules("read", [("ip:10.9.9.0/24", "deny"), ("perm:any", "allow")], namespace="문서")
    assert front.wsgi_get(front.page_path("앞단 ACL 문서"))[0] == 200
    blocked = front.environ_for(front.page_path("앞단 ACL 문서"))
    blocked["REMOTE_ADDR"] = "10.9.9.9"
    seen = []
    content = b"".join(front.wsgi_application(blocked, lambda status, headers, *rest: seen.append(status)))
    assert seen[-1].startswith("403") and "모두의 내용".encode() not in content
    front.front_cache.STORE.clear()


def test_pages_whose_reading_may_expire_are_not_shared():
    import datetime as dt

    from django.utils import timezone

    from seedwiki.permissions.decide import anonymous_read_is_shared
    from seedwiki.permissions.rules import current_stamp

    assert anonymous_read_is_shared("문서", current_stamp())
    set_rules("read", [("perm:any", "allow")], namespace="문서",
              expires={1: timezone.now() + dt.timedelta(hours=1)})
    assert not anonymous_read_is_shared("문서", current_stamp())
