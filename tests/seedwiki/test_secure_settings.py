"""SEEDWIKI_SECURE_COOKIES, SEEDWIKI_HSTS_SECONDS and SEEDWIKI_PROXY_TLS_HEADER (finding 13)."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.test import override_settings

from pages_helpers import url

SETTINGS_OF = ("import json, seedwiki.settings as s; print(json.dumps([s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
               " s.SECURE_HSTS_SECONDS, s.SECURE_PROXY_SSL_HEADER]))")


def _settings_with(tmp_path, **env) -> list:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("SEEDWIKI_")}
    environ.update({"SEEDWIKI_DATA": str(tmp_path), **env})
    result = subprocess.run([sys.executable, "-c", SETTINGS_OF], env=environ, capture_output=True, text=True,
                            timeout=60, check=True)
    return json.loads(result.stdout)


def test_defaults_suit_plain_http(tmp_path):
    assert _settings_with(tmp_path) == [False, False, 0, None]


def test_the_settings_read_from_the_environment(tmp_path):
    values = _settings_with(tmp_path, SEEDWIKI_SECURE_COOKIES="1", SEEDWIKI_HSTS_SECONDS="31536000",
                            SEEDWIKI_PROXY_TLS_HEADER="X-Forwarded-Proto: https")
    assert values == [True, True, 31536000, ["HTTP_X_FORWARDED_PROTO", "https"]]


@pytest.mark.django_db
@override_settings(SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True, SECURE_HSTS_SECONDS=3600,
                   SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"))
def test_behind_a_tls_proxy_cookies_are_secure_and_hsts_is_sent(client):
    response = client.get(url("edit", "보안 문서"), HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=3600"
    assert response.cookies["csrftoken"]["secure"] is True
    plain = client.get(url("edit", "보안 문서"))  # not through the proxy's TLS: no HSTS
    assert "Strict-Transport-Security" not in plain
