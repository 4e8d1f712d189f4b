"""Content-Security-Policy for every page: a second wall behind the renderer's escaping.

Hostile markup must never run script: namumark escapes by construction, and this header makes
the browser refuse inline and third-party script even if something slipped through. Styles may be
inline (the markup's colours and table styles are style attributes); frames only from the video
hosts the renderer embeds.
"""
from __future__ import annotations

from namumark.embeds import ALLOWED_HOSTS as VIDEO_HOSTS

POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https:",
    "media-src 'self' https:",
    "frame-src " + " ".join(f"https://{host}" for host in sorted(VIDEO_HOSTS)),
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", POLICY)
        return response
