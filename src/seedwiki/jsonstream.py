"""Reading a huge JSON array one element at a time (namu.wiki dumps are tens of GB).

``iter_json_array(file)`` decodes elements with ``json.JSONDecoder.raw_decode`` from a sliding
text buffer, reading more only when an element is cut off at the end of the buffer.
"""
from __future__ import annotations

import json
from typing import IO, Any, Iterator

_WHITESPACE = " \t\r\n"
_DELIMITERS = _WHITESPACE + ",]"


class DumpFormatError(ValueError):
    pass


def iter_json_array(stream: IO[str], chunk_size: int = 1 << 20) -> Iterator[Any]:
    decoder = json.JSONDecoder()
    buffer = ""
    pos = 0
    eof = False

    def fill() -> bool:
        nonlocal buffer, pos, eof
        if eof:
            return False
        chunk = stream.read(chunk_size)
        if not chunk:
            eof = True
            return False
        buffer = buffer[pos:] + chunk
        pos = 0
        return True

    def skip_whitespace() -> str | None:
        """The next significant character (not consumed), or None at end of input."""
        nonlocal pos
        while True:
            while pos < len(buffer) and buffer[pos] in _WHITESPACE:
                pos += 1
            if pos < len(buffer):
                return buffer[pos]
            if not fill():
                return None

    first = skip_whitespace()
    if first == "\ufeff":  # a byte-order mark written by some tools
        pos += 1
        first = skip_whitespace()
    if first != "[":
        raise DumpFormatError("덤프는 JSON 배열이어야 합니다.")
    pos += 1
    expect_value = True
    while True:
        char = skip_whitespace()
        if char is None:
            raise DumpFormatError("덤프가 배열 중간에서 끝났습니다.")
        if char == "]":
            return
        if char == ",":
            if expect_value:
                raise DumpFormatError("덤프의 쉼표 위치가 올바르지 않습니다.")
            pos += 1
            expect_value = True
            continue
        if not expect_value:
            raise DumpFormatError("덤프의 원소 사이에 쉼표가 없습니다.")
        while True:
            try:
                value, end = decoder.raw_decode(buffer, pos)
            except json.JSONDecodeError as error:
                # Cut off at the end of the buffer: read more and try again.
                if fill():
                    continue
                raise DumpFormatError(f"덤프의 JSON이 올바르지 않습니다: {error}") from None
            # A number cut by the buffer's end ("-3.25e" of "-3.25e10") decodes as a shorter number:
            # only trust it once a delimiter follows.
            if isinstance(value, (int, float)) and not isinstance(value, bool) and (
                    end == len(buffer) or buffer[end] not in _DELIMITERS):
                if fill():
                    continue
            break
        pos = end
        expect_value = False
        yield value
