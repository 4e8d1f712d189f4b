"""The wiki's content licence (/License).

SEEDWIKI_LICENSE (setting or environment) names the licence of the wiki's text; by default the one
namu.wiki uses, CC BY-NC-SA 2.0 KR. A known name gets its deed URL; SEEDWIKI_LICENSE_URL overrides
the URL for any other licence.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

from django.conf import settings

DEFAULT_LICENSE = "CC BY-NC-SA 2.0 KR"

KNOWN_URLS = {
    "CC BY-NC-SA 2.0 KR": "https://creativecommons.org/licenses/by-nc-sa/2.0/kr/",
    "CC BY-SA 2.0 KR": "https://creativecommons.org/licenses/by-sa/2.0/kr/",
    "CC BY-SA 3.0": "https://creativecommons.org/licenses/by-sa/3.0/",
    "CC BY-SA 4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "CC BY-NC-SA 4.0": "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    "CC BY 4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC0 1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
}


@dataclass(frozen=True)
class ContentLicense:
    name: str
    url: str


def _configured(name: str) -> str:
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name, "")
    return str(value).strip()


def content_license() -> ContentLicense:
    name = _configured("SEEDWIKI_LICENSE") or DEFAULT_LICENSE
    url = _configured("SEEDWIKI_LICENSE_URL") or KNOWN_URLS.get(name, "")
    # Only web addresses: the value ends up in an href.
    if url and not url.startswith(("https://", "http://")):
        url = ""
    return ContentLicense(name=name, url=url)
