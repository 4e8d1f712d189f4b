"""Helpers of the discussion, edit-request, star and API tests."""
from __future__ import annotations

import re

import pytest

from acl_helpers import make_user
from pages_helpers import url

from seedwiki.discussions.models import Thread


def login(client, name: str, *, perms=()):
    """A logged-in account whose password is ``pw-<name>-12345``."""
    user = make_user(name, perms=perms)
    user.set_password(f"pw-{name}-12345")
    user.save(update_fields=["password"])
    client.force_login(user)
    return user


def open_thread(client, title: str, topic: str = "주제", text: str = "첫 댓글") -> Thread:
    response = client.post(url("discuss", title), {"topic": topic, "text": text})
    assert response.status_code == 302, response.content.decode()[:500]
    slug = response["Location"].rsplit("/", 1)[1]
    return Thread.objects.get(slug=slug)


def comment(client, slug: str, text: str, **headers):
    return client.post(f"/thread/{slug}", {"text": text}, **headers)


def numbers(thread: Thread) -> list[int]:
    return list(thread.comments.order_by("number").values_list("number", flat=True))


def slug_in(html: str, prefix: str) -> list[str]:
    return re.findall(prefix + r"([A-Za-z]+)", html)


WRITE_LIMITS = ("thread", "comment", "edit_request")


@pytest.fixture(autouse=True)
def community_settings(settings):
    """Accounts made by these tests need no Argon2 cost (it dominated their run time), and one test
    client posting dozens of comments is not what the per-IP write limits are about (they have
    their own tests)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SEEDWIKI_RATE_LIMITS = {f"{action}.{kind}": "off" for action in WRITE_LIMITS for kind in ("ip", "member")}
