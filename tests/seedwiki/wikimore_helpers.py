"""Helpers shared by the search, accounts, special and files tests (W-more's tests)."""
from __future__ import annotations

import datetime as dt
import struct
import zlib

from django.utils import timezone


def make_page(full_title: str, text: str, *, ip: str = "203.0.113.7", user=None, summary: str = "", at=None):
    """Save a page through the wiki's real edit service; returns the EditResult."""
    from seedwiki.documents.services import edit_page

    return edit_page(full_title, text, user=user, ip=ip, summary=summary, at=at)


def days_ago(days: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


def png_bytes(width: int, height: int) -> bytes:
    """A valid, tiny PNG of the given size (one grey row repeated)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def gif_bytes(width: int, height: int) -> bytes:
    return b"GIF89a" + struct.pack("<HH", width, height) + b"\x00\x00\x00" + b";"


def jpeg_bytes(width: int, height: int, *, exif_padding: int = 0) -> bytes:
    """SOI, an APP0 (and optionally a big APP1), a baseline SOF0 frame header, EOI."""
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    app1 = b""
    if exif_padding:
        app1 = b"\xff\xe1" + struct.pack(">H", exif_padding + 2) + b"\x00" * exif_padding
    sof0 = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + app1 + sof0 + b"\xff\xd9"


def webp_vp8x_bytes(width: int, height: int) -> bytes:
    payload = b"\x00\x00\x00\x00" + (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    body = b"WEBP" + b"VP8X" + struct.pack("<I", len(payload)) + payload
    return b"RIFF" + struct.pack("<I", len(body)) + body


def webp_vp8l_bytes(width: int, height: int) -> bytes:
    bits = (width - 1) | ((height - 1) << 14)
    payload = b"\x2f" + bits.to_bytes(4, "little") + b"\x00" * 8
    body = b"WEBP" + b"VP8L" + struct.pack("<I", len(payload)) + payload
    return b"RIFF" + struct.pack("<I", len(body)) + body


def webp_vp8_bytes(width: int, height: int) -> bytes:
    payload = b"\x00\x00\x00" + b"\x9d\x01\x2a" + struct.pack("<HH", width, height) + b"\x00" * 8
    body = b"WEBP" + b"VP8 " + struct.pack("<I", len(payload)) + payload
    return b"RIFF" + struct.pack("<I", len(body)) + body
