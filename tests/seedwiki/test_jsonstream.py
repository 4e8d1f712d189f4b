"""The incremental JSON array reader used by `seedwiki import`."""
from __future__ import annotations

import io
import json

import pytest

from seedwiki.jsonstream import DumpFormatError, iter_json_array

SAMPLE = [
    {"namespace": "0", "title": "가", "text": "[[나]] ]]] [ { \" \\ }", "contributors": ["a"]},
    {"namespace": "1", "title": "틀:x", "text": "", "contributors": []},
    12345678901234567890,
    -3.25e10,
    [1, [2, [3]]],
    "문자열",
    None,
    True,
]


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 64, 1 << 20])
def test_every_chunk_size_gives_the_same_elements(chunk):
    text = json.dumps(SAMPLE, ensure_ascii=False, indent=1)
    assert list(iter_json_array(io.StringIO(text), chunk_size=chunk)) == SAMPLE


def test_escaped_unicode_and_byte_order_mark():
    text = "\ufeff" + json.dumps(SAMPLE)  # ensure_ascii: \uXXXX escapes split across chunks
    assert list(iter_json_array(io.StringIO(text), chunk_size=5)) == SAMPLE


def test_empty_array():
    assert list(iter_json_array(io.StringIO("  [ ]  "))) == []


@pytest.mark.parametrize("bad", ["", "{}", "[1, 2", "[1 2]", "[,1]", "[1,,2]", '[{"a": }]'])
def test_malformed_dumps_raise_a_clear_error(bad):
    with pytest.raises(DumpFormatError):
        list(iter_json_array(io.StringIO(bad), chunk_size=2))


def test_reads_lazily():
    class Endless(io.StringIO):
        reads = 0

        def read(self, size=-1):
            Endless.reads += 1
            return '{"n": 1},' if Endless.reads > 1 else "["

    items = iter_json_array(Endless(), chunk_size=16)
    assert [next(items) for _ in range(3)] == [{"n": 1}] * 3
    assert Endless.reads < 10
