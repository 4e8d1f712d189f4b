"""Video macros (namumark.embeds)."""
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from namumark.embeds import ALLOWED_HOSTS, parse_dimension, video_embed


def _iframe_attrs(markup: str) -> dict[str, str | None]:
    found: list[dict[str, str | None]] = []

    class P(HTMLParser):
        def handle_starttag(self, tag, attrs):
            assert tag == "iframe"
            found.append(dict(attrs))

    p = P(convert_charrefs=True)
    p.feed(markup)
    p.close()
    assert len(found) == 1
    return found[0]


def test_youtube_default_size():
    attrs = _iframe_attrs(video_embed("youtube", ["jNQXAC9IVRw"], {}))
    assert attrs["src"] == "https://www.youtube.com/embed/jNQXAC9IVRw"
    assert attrs["width"] == "640" and attrs["height"] == "360"
    assert attrs["class"] == "wiki-media"
    assert "allowfullscreen" in attrs and attrs["loading"] == "lazy"


def test_youtube_size_start_end():
    attrs = _iframe_attrs(video_embed("youtube", ["jNQXAC9IVRw"], {"width": "100%", "height": "480", "start": "8", "end": "20"}))
    assert attrs["src"] == "https://www.youtube.com/embed/jNQXAC9IVRw?start=8&end=20"
    assert attrs["width"] == "100%" and attrs["height"] == "480"
    raw = video_embed("youtube", ["jNQXAC9IVRw"], {"start": "8", "end": "20"})
    assert "?start=8&amp;end=20" in raw  # escaped in the attribute


@pytest.mark.parametrize(
    "kind, vid, src",
    [
        ("kakaotv", "405064748", "https://tv.kakao.com/embed/player/cliplink/405064748"),
        ("nicovideo", "sm8628149", "https://embed.nicovideo.jp/watch/sm8628149"),
        ("vimeo", "584524359", "https://player.vimeo.com/video/584524359"),
        ("navertv", "1369799", "https://tv.naver.com/embed/1369799"),
        ("YouTube", "jNQXAC9IVRw", "https://www.youtube.com/embed/jNQXAC9IVRw"),
    ],
)
def test_platforms(kind, vid, src):
    attrs = _iframe_attrs(video_embed(kind, [vid], {}))
    assert attrs["src"] == src
    assert urlsplit(attrs["src"]).hostname in ALLOWED_HOSTS


@pytest.mark.parametrize(
    "kind, vid",
    [
        ("youtube", 'abc" onload="alert(1)'),
        ("youtube", "abc/../../evil"),
        ("youtube", "javascript:alert(1)"),
        ("youtube", ""),
        ("youtube", "a" * 100),
        ("youtube", "abc?x=1"),
        ("youtube", "abc#x"),
        ("vimeo", "12ab"),
        ("navertv", "-1"),
        ("kakaotv", "1/2"),
        ("nicovideo", "abc123"),
        ("nicovideo", "sm"),
        ("dailymotion", "x7"),
        ("", "x"),
    ],
)
def test_invalid_ids_give_none(kind, vid):
    assert video_embed(kind, [vid], {}) is None


@pytest.mark.parametrize(
    "params",
    [
        {"width": "640\" onload=\"x"},
        {"height": "-5"},
        {"width": "101%"},
        {"width": "0"},
        {"width": "99999"},
        {"start": "x"},
        {"start": "-1"},
        {"end": "1e9"},
    ],
)
def test_invalid_parameters_give_none(params):
    assert video_embed("youtube", ["jNQXAC9IVRw"], params) is None


def test_percent_height_is_ignored():
    # help 2023: the height cannot be a percentage
    attrs = _iframe_attrs(video_embed("youtube", ["jNQXAC9IVRw"], {"height": "50%"}))
    assert attrs["height"] == "360"


def test_unknown_parameters_are_ignored_and_no_args_is_none():
    assert video_embed("youtube", ["jNQXAC9IVRw"], {"autoplay": "1"}) is not None
    assert video_embed("youtube", [], {}) is None
    assert video_embed("vimeo", ["584524359"], {"start": "5"}) is not None  # start is YouTube-only


def test_parse_dimension():
    assert parse_dimension("640", "1") == "640"
    assert parse_dimension("640px", "1") == "640"
    assert parse_dimension("50%", "1") == "50%"
    assert parse_dimension("33.3", "1") == "33"
    assert parse_dimension(None, "360") == "360"
    assert parse_dimension("", "360") == "360"
    assert parse_dimension("1e3", "1") is None
    assert parse_dimension("auto", "1") is None
