"""Two web nodes, one database, one shared cache (issue 9): what is done through node A is what node B
answers on the very next request — no stale page from either process's own caches.

Both nodes are real `seedwiki serve` processes (tests/nodes_helpers.py). Every page below is read
through both nodes first, so each has it in its per-process caches (the front page cache of
seedwiki/front_cache.py, permission decisions, rule lists), then the change is made through A and
B is asked at once. Runs on SQLite (two processes on one file) and, in the `-m storage` run, on a
fresh PostgreSQL database; with the Redis cache and with each node's in-process cache, and — once
the job queue is installed (seedwiki.jobs) — with `serve --no-jobs` nodes and a `seedwiki worker`.

Template fan-out and red/blue links of linking pages follow an edit (later as a job run by a
worker): those checks wait, bounded, for the change to arrive rather than assume it is immediate.
"""
from __future__ import annotations

import importlib.util
import re
import uuid

import pytest
from nodes_helpers import REDIS_URL, Person, eventually, logs, quoted, require_redis, running_nodes
from wikimore_helpers import png_bytes

pytestmark = pytest.mark.storage

SECRET = "two-nodes-test-key-0123456789abcdefghijklmnopqrstuvwxyz"
ADMIN, ADMIN_PASSWORD = "노드관리자", "node-admin-pass-123"
MEMBER, MEMBER_PASSWORD = "노드회원", "node-member-pass-123"
FAN_OUT_TIMEOUT = 60  # seconds the including pages may take to show a template edit

SEED = {
    "노드 문서": "첫 판의 글.",
    "틀:노드 틀": "옛 틀 내용",
    "노드 포함": "포함하는 글.\n[include(틀:노드 틀)]",
    "노드 링크": "아직 없는 [[노드 새 문서]]로 가는 링크.",
    "옮길 문서": "옮겨질 글.",
    "지울 문서": "지워질 글.",
}
VIEWS = ["/w/{}", "/raw/{}", "/history/{}", "/backlink/{}"]


def _article(html: str) -> str:
    """The page's own content (its <main>), without the header and footer."""
    match = re.search(r"<main.*?</main>", html, re.S)
    assert match, html[:500]
    return match.group(0)


def _warm(person: Person, nodes: list[str], titles) -> None:
    """Every view of every title through every node, twice: each process now holds what it caches."""
    for _ in range(2):
        for base in nodes:
            person.get(base, "/")
            person.get(base, "/RecentChanges")
            for title in titles:
                for view in VIEWS:
                    person.get(base, view.format(quoted(title)))


def _variants() -> dict[str, dict]:
    """How the nodes are run: running_nodes' arguments by test id."""
    variants = {"redis": {"shared_cache": True}, "per-process-cache": {"shared_cache": False}}
    if importlib.util.find_spec("seedwiki.jobs") is not None:  # once the job queue is there
        # the grown shape: web nodes that leave every fan-out to a Celery worker over Redis
        variants["redis-and-a-worker"] = {
            "shared_cache": True, "serve_args": ("--no-jobs",), "background": [["worker"]],
            "extra_env": {"SEEDWIKI_BROKER_URL": REDIS_URL, "SEEDWIKI_JOB_QUEUE": f"nodes-test-{uuid.uuid4().hex[:8]}",
                          "SEEDWIKI_FANOUT_INLINE": "0"}}
    return variants


VARIANTS = _variants()


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_what_node_a_does_node_b_shows_at_once(variant):
    arguments = dict(VARIANTS[variant])
    if arguments["shared_cache"]:
        require_redis()
    extra_env = {"DJANGO_SUPERUSER_PASSWORD": ADMIN_PASSWORD, "SEEDWIKI_RATE_LIMITS": "edit.ip=off",
                 "SEEDWIKI_RENDER_WORKERS": "1", **arguments.pop("extra_env", {})}
    with running_nodes("seedwiki-nodes-", SECRET, extra_env=extra_env, **arguments,
                       prepare=[["createsuperuser", "--username", ADMIN, "--email", "", "--noinput"]]) as deployment:
        a, b = deployment.nodes
        admin, member, reader = Person(), Person(), Person()
        admin.log_in(a, ADMIN, ADMIN_PASSWORD)
        member.sign_up(a, MEMBER, MEMBER_PASSWORD)
        for title, text in SEED.items():
            status, page = admin.edit(a, title, text, summary="씨앗")
            assert status == 200, page[:500]
        _warm(reader, [a, b], list(SEED) + ["노드 대상"])
        assert "첫 판의 글" in _article(reader.get(b, "/w/" + quoted("노드 문서"))[1])

        _edit_is_seen_at_once(a, b, admin, reader, member)
        _front_page_is_seen_at_once(a, b, admin, reader)
        _template_reaches_both_nodes(a, b, admin, reader)
        _move_and_delete_are_seen_at_once(a, b, admin, reader)
        _upload_is_served_by_both(a, b, admin, reader)
        _acl_change_applies_at_once(a, b, admin, reader)
        _block_applies_at_once(a, b, admin, member)

        log = logs(deployment)
        for sign in ("Traceback", "died"):
            assert sign not in log, log[-3000:]


def _edit_is_seen_at_once(a, b, admin, reader, member):
    text = "둘째 판의 글, [[노드 대상]]으로 가는 링크."
    assert admin.edit(a, "노드 문서", text, summary="둘째 요약")[0] == 200
    title = quoted("노드 문서")
    status, page = reader.get(b, "/w/" + title)
    assert status == 200 and "둘째 판의 글" in _article(page) and "첫 판의 글" not in _article(page)
    assert reader.get(b, "/raw/" + title) == (200, text)
    history = reader.get(b, "/history/" + title)[1]
    assert "둘째 요약" in history and "r2" in history
    assert "노드 문서" in _article(reader.get(b, "/backlink/" + quoted("노드 대상"))[1])
    assert "둘째 요약" in reader.get(b, "/RecentChanges")[1]
    # a member's session made on A is a session on B (sessions in the database, one secret key)
    page = member.get(b, "/w/" + title)[1]
    assert MEMBER in page and "둘째 판의 글" in _article(page)
    # and an edit through B is seen through A as well
    assert member.edit(b, "노드 문서", text + "\n셋째 판.", summary="셋째 요약")[0] == 200
    assert "셋째 판" in _article(reader.get(a, "/w/" + title)[1])
    assert reader.get(a, "/raw/" + title) == (200, text + "\n셋째 판.")


def _front_page_is_seen_at_once(a, b, admin, reader):
    assert admin.edit(a, "대문", "노드 A에서 고친 대문.", summary="대문 고침")[0] == 200
    for path in ("/", "/w/" + quoted("대문")):
        status, page = reader.get(b, path)
        assert status == 200 and "노드 A에서 고친 대문" in _article(page), path


def _template_reaches_both_nodes(a, b, admin, reader):
    assert admin.edit(a, "틀:노드 틀", "새 틀 내용", summary="틀 고침")[0] == 200
    for base in (a, b):
        shown = eventually(lambda: "새 틀 내용" in _article(reader.get(base, "/w/" + quoted("노드 포함"))[1]),
                           FAN_OUT_TIMEOUT)
        assert shown, f"{base}: the including page still shows the old template"
        assert "옛 틀 내용" not in _article(reader.get(base, "/w/" + quoted("노드 포함"))[1])
    # a page that linked to a missing page: its link turns blue once the page exists
    assert admin.edit(a, "노드 새 문서", "이제 있음.", summary="만듦")[0] == 200
    for base in (a, b):
        blue = eventually(lambda: "not-exist" not in _article(reader.get(base, "/w/" + quoted("노드 링크"))[1]),
                          FAN_OUT_TIMEOUT)
        assert blue, f"{base}: the link to the new page is still red"


def _move_and_delete_are_seen_at_once(a, b, admin, reader):
    status, page = admin.post_form(a, "/move/" + quoted("옮길 문서"), {"new_title": "옮긴 문서", "summary": "옮김"})
    assert status == 200, page[:500]
    status, page = reader.get(b, "/w/" + quoted("옮긴 문서"))
    assert status == 200 and "옮겨질 글" in _article(page)
    assert reader.get(b, "/w/" + quoted("옮길 문서"))[0] == 404
    assert reader.get(b, "/raw/" + quoted("옮긴 문서")) == (200, "옮겨질 글.")

    status, page = admin.post_form(a, "/delete/" + quoted("지울 문서"), {"agree": "Y", "summary": "지움"})
    assert status == 404 and "지워질 글" not in _article(page), page[:500]  # redirected to the deleted page
    assert reader.get(b, "/w/" + quoted("지울 문서"))[0] == 404
    assert reader.get(b, "/raw/" + quoted("지울 문서"))[0] == 404
    assert "지움" in reader.get(b, "/history/" + quoted("지울 문서"))[1]


def _upload_is_served_by_both(a, b, admin, reader):
    """Uploaded bytes go to the upload folder every node shares (SEEDWIKI_UPLOAD_DIR on PostgreSQL)."""
    image = png_bytes(3, 2)
    status, page = admin.upload(a, "파일:노드 그림.png", image, license="CC0", category="", summary="노드 시험")
    assert status == 200, page[:500]
    url = re.search(r'/file/[0-9a-f]{64}', reader.get(b, "/w/" + quoted("파일:노드 그림.png"))[1])
    assert url, "node B's file page shows no file"
    assert reader.send(b + url.group(0)) == (200, image)
    assert reader.send(a + url.group(0)) == (200, image)


def _acl_change_applies_at_once(a, b, admin, reader):
    title = quoted("노드 문서")
    assert reader.get(b, "/edit/" + title)[0] == 200 and "<textarea" in reader.get(b, "/edit/" + title)[1]
    status, page = admin.post_form(a, "/acl/" + title, {"op": "add", "scope": "document", "action": "edit",
                                                        "condition_type": "perm", "condition_value": "admin",
                                                        "result": "allow", "duration": ""})
    assert status == 200 and "perm:admin" in page, page[:500]
    status, _ = reader.edit(b, "노드 문서", "손님이 쓰려는 글.")
    assert status == 403 or status == 200 and "손님이 쓰려는 글" not in reader.get(b, "/raw/" + title)[1]
    assert "손님이 쓰려는 글" not in reader.get(b, "/raw/" + title)[1]

    # reading: the 틀 namespace made admin-only through A; B's cached anonymous pages must go
    assert reader.get(b, "/w/" + quoted("틀:노드 틀"))[0] == 200
    acl_page = admin.get(a, "/acl/" + quoted("틀:노드 틀"))[1]
    for rule in _namespace_read_rules(acl_page):
        status, page = admin.post_form(a, "/acl/" + quoted("틀:노드 틀"),
                                       {"op": "remove", "scope": "namespace", "rule": rule})
        assert status == 200, page[:500]
    status, page = admin.post_form(a, "/acl/" + quoted("틀:노드 틀"), {
        "op": "add", "scope": "namespace", "action": "read", "condition_type": "perm", "condition_value": "admin",
        "result": "allow", "duration": ""})
    assert status == 200, page[:500]
    status, page = reader.get(b, "/w/" + quoted("틀:노드 틀"))
    assert status == 403 and "새 틀 내용" not in page
    assert reader.get(b, "/raw/" + quoted("틀:노드 틀"))[0] == 403
    assert "새 틀 내용" in _article(admin.get(b, "/w/" + quoted("틀:노드 틀"))[1])


def _namespace_read_rules(acl_page: str) -> list[str]:
    """Ids of the namespace's read rules, from the remove buttons of its table on the ACL page."""
    table = re.search(r'<section class="sw-acl" id="namespace-read">.*?</section>', acl_page, re.S)
    assert table, acl_page[:500]
    return re.findall(r'name="rule" value="(\d+)"', table.group(0))


def _block_applies_at_once(a, b, admin, member):
    assert member.edit(b, "노드 회원 문서", "차단 전에 쓴 글.")[0] == 200
    status, page = admin.post_form(a, "/aclgroup", {"group": "차단된 사용자", "mode": "username", "username": MEMBER,
                                                    "note": "노드 시험", "expire": ""})
    assert status == 200 and MEMBER in page, page[:500]
    status, page = member.edit(b, "노드 회원 문서", "차단 뒤에 쓰려는 글.")
    assert "차단 뒤에 쓰려는 글" not in member.get(b, "/raw/" + quoted("노드 회원 문서"))[1]
    assert status == 403 or "차단" in page, page[:500]
