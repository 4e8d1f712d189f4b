"""Recognise PNG, JPEG, GIF and WebP by their bytes and read their pixel size.

The type is decided from the content only (never from the file name or the browser's claim), and
only these four formats are accepted, so an uploaded HTML or SVG file can never be served as one.
Parsing reads fixed header fields with bounds checks; a truncated or odd file is rejected, never
trusted.
"""
from __future__ import annotations

import struct
from dataclasses import dataclass

MAX_DIMENSION = 65535 * 4  # beyond any real image; guards absurd header values


@dataclass(frozen=True)
class ImageType:
    mime: str
    extensions: tuple[str, ...]
    width: int
    height: int


class NotAnImage(ValueError):
    """The bytes are not a PNG, JPEG, GIF or WebP image we can read."""


EXTENSIONS = {
    "image/png": (".png",),
    "image/jpeg": (".jpg", ".jpeg"),
    "image/gif": (".gif",),
    "image/webp": (".webp",),
}


def _png(data: bytes) -> tuple[int, int]:
    # Signature, then the first chunk must be IHDR: length(4) "IHDR" width(4) height(4).
    if len(data) < 24 or data[12:16] != b"IHDR":
        raise NotAnImage("PNG without IHDR")
    return struct.unpack(">II", data[16:24])


def _gif(data: bytes) -> tuple[int, int]:
    if len(data) < 10:
        raise NotAnImage("truncated GIF")
    return struct.unpack("<HH", data[6:10])


# Start-of-frame markers carry the size (not DHT C4, JPG C8 or DAC CC).
_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def _jpeg(data: bytes) -> tuple[int, int]:
    pos = 2
    n = len(data)
    while pos < n:
        # Markers are 0xFF followed by a code; 0xFF fill bytes may repeat.
        if data[pos] != 0xFF:
            raise NotAnImage("JPEG marker expected")
        while pos < n and data[pos] == 0xFF:
            pos += 1
        if pos >= n:
            break
        marker = data[pos]
        pos += 1
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # no length field
            continue
        if marker in (0xD9, 0xDA):  # end of image / start of scan before any frame header
            break
        if pos + 2 > n:
            break
        (length,) = struct.unpack(">H", data[pos : pos + 2])
        if length < 2:
            raise NotAnImage("bad JPEG segment length")
        if marker in _SOF:
            if pos + 7 > n:
                break
            height, width = struct.unpack(">HH", data[pos + 3 : pos + 7])
            return width, height
        pos += length
    raise NotAnImage("JPEG without a frame header")


def _webp(data: bytes) -> tuple[int, int]:
    if len(data) < 30:
        raise NotAnImage("truncated WebP")
    chunk = data[12:16]
    if chunk == b"VP8 ":
        # Lossy: 3-byte frame tag, start code 9D 01 2A, then 14-bit width and height.
        if data[23:26] != b"\x9d\x01\x2a":
            raise NotAnImage("bad VP8 start code")
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L":
        if data[20] != 0x2F:
            raise NotAnImage("bad VP8L signature")
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X":
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return width, height
    raise NotAnImage("unknown WebP chunk")


def sniff_image(data: bytes) -> ImageType:
    """The image type and size of ``data`` (the first few KB suffice except for some JPEGs)."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        mime, size = "image/png", _png(data)
    elif data.startswith((b"GIF87a", b"GIF89a")):
        mime, size = "image/gif", _gif(data)
    elif data.startswith(b"\xff\xd8\xff"):
        mime, size = "image/jpeg", _jpeg(data)
    elif data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        mime, size = "image/webp", _webp(data)
    else:
        raise NotAnImage("not a PNG, JPEG, GIF or WebP image")
    width, height = size
    if not (0 < width <= MAX_DIMENSION and 0 < height <= MAX_DIMENSION):
        raise NotAnImage("implausible image size")
    return ImageType(mime=mime, extensions=EXTENSIONS[mime], width=width, height=height)
