"""{{{#!html}}} sanitizing (namumark.htmlisland)."""
from html.parser import HTMLParser

import pytest

import htmlcheck
from namumark.css import style_is_clean
from namumark.htmlisland import ALLOWED_TAGS, sanitize_html


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend((tag, k, v) for k, v in attrs)

    handle_startendtag = handle_starttag


def _parse(markup: str) -> _Collect:
    p = _Collect()
    p.feed(markup)
    p.close()
    return p


def test_help_page_example_passes_through():
    src = '<span style="background-color: #999">서술할 내용</span>'
    assert sanitize_html(src) == src


def test_unknown_tags_are_unwrapped_and_unclosed_tags_closed():
    assert sanitize_html("<marquee>글자</marquee>") == "글자"
    assert sanitize_html("<b>안 닫음") == "<b>안 닫음</b>"


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil/x.js></SCRIPT>",
        "<style>body{display:none}</style>",
        "<iframe src=https://evil></iframe>",
        "<svg onload=alert(1)><script>alert(1)</script></svg>",
        "<math><mi xlink:href=javascript:alert(1)>x</mi></math>",
        "<object data=x></object><embed src=x>",
        "<base href=//evil/>",
        '<meta http-equiv="refresh" content="0;url=//evil">',
        "<link rel=stylesheet href=//evil/x.css>",
        "<form action=//evil><input name=p><button>go</button></form>",
        "<template><script>alert(1)</script></template>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
        "<textarea><script>alert(1)</script></textarea>",
    ],
)
def test_dangerous_elements_vanish_with_their_content(hostile):
    out = sanitize_html(hostile + "남음")
    parsed = _parse(out)
    for tag in parsed.tags:
        assert tag in ALLOWED_TAGS
    assert "<script" not in out.lower() and "<img" not in out.lower()
    for _, name, _ in parsed.attrs:
        assert not name.startswith("on")
    assert out.endswith("남음")


@pytest.mark.parametrize(
    "hostile",
    [
        "<b onclick=alert(1)>x</b>",
        "<img src=x onerror=alert(1)>",
        "<div onmouseover='alert(1)'>x</div>",
        "<span ONLOAD=alert(1)>x</span>",
        "<a href=x onfocus=alert(1) autofocus>x</a>",
    ],
)
def test_event_handlers_are_removed(hostile):
    for _, name, _ in _parse(sanitize_html(hostile)).attrs:
        assert not name.startswith("on")


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java&#x09;script:alert(1)",
        "java\nscript:alert(1)",
        "&#106;avascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example/",
        "/relative",
        "file:///etc/passwd",
    ],
)
def test_only_absolute_http_and_mailto_links_survive(href):
    out = sanitize_html(f'<a href="{href}">x</a>')
    assert "href" not in out


def test_links_get_rel_and_target():
    out = sanitize_html('<a href="https://example.com/" target="_self">e</a>')
    parsed = _parse(out)
    attrs = {k: v for _, k, v in parsed.attrs}
    assert attrs["href"] == "https://example.com/"
    assert attrs["target"] == "_blank"
    assert set(attrs["rel"].split()) >= {"nofollow", "noopener"}
    assert 'href="mailto:a@b.c"' in sanitize_html('<a href="mailto:a@b.c">m</a>')


def test_styles_go_through_the_css_allowlist():
    out = sanitize_html('<div style="position:fixed;color:red;background:url(x)">x</div>')
    assert out == '<div style="color: red">x</div>'
    assert sanitize_html('<div style="behavior:url(x)">x</div>') == "<div>x</div>"
    for _, name, value in _parse(sanitize_html('<p style="width:expression(alert(1));margin:0">p</p>')).attrs:
        if name == "style":
            assert style_is_clean(value)


def test_ids_are_refused_and_classes_kept():
    out = sanitize_html('<p id="s-1" class="x y">p</p>')
    assert "id=" not in out
    assert 'class="x y"' in out


def test_video_sources_only_from_the_wiki_or_allowed_hosts():
    video = '<video src="%s" controls></video>'
    # the wiki itself: a relative URL
    assert 'src="/file/b.mp4"' in sanitize_html(video % "/file/b.mp4")
    # any other host only when the wiki allows it (SEEDWIKI_HTML_MEDIA_HOSTS)
    assert "src" not in sanitize_html(video % "https://a.example/b.mp4")
    allowed = ("a.example", ".cdn.example")
    assert 'src="https://a.example/b.mp4"' in sanitize_html(video % "https://a.example/b.mp4", allowed)
    assert 'src="https://v.cdn.example/b.mp4"' in sanitize_html(video % "https://v.cdn.example/b.mp4", allowed)
    for refused in ("https://a.example.evil/b.mp4", "https://evil.example/b.mp4", "//evil.example/b.mp4",
                    "/\\evil.example/b.mp4", "https://a.example@evil.example/b.mp4", "javascript:alert(1)"):
        assert "src" not in sanitize_html(video % refused, allowed), refused
    assert "poster" not in sanitize_html('<video poster="data:image/png;base64,xx"></video>', allowed)
    assert 'poster="/file/p.png"' in sanitize_html('<video poster="/file/p.png"></video>')


def test_video_hosts_come_from_the_context():
    import namumark
    from namumark import MemoryContext

    source = '{{{#!html <video src="https://media.example/v.mp4"></video>}}}'
    closed = namumark.render_html(namumark.parse(source), MemoryContext()).html
    assert "media.example" not in closed
    ctx = MemoryContext(html_media_hosts=("media.example",))
    assert 'src="https://media.example/v.mp4"' in namumark.render_html(namumark.parse(source), ctx).html


def test_presentational_attributes_are_validated():
    out = sanitize_html('<table><tr><td bgcolor="red" colspan="2" width="50%">c</td></tr></table>')
    assert 'bgcolor="red"' in out and 'colspan="2"' in out and 'width="50%"' in out
    out = sanitize_html('<td colspan="2 onclick=x">')
    assert "colspan" not in out and "onclick" not in out
    out = sanitize_html('<font color="expression(alert(1))">f</font>')
    assert "color" not in out


def test_comments_are_stripped():
    assert sanitize_html("a<!-- <script>alert(1)</script> -->b") == "ab"


def test_text_stays_escaped():
    out = sanitize_html("1 &lt; 2 &amp;&amp; <b>&lt;i&gt;</b>")
    assert "<i>" not in out
    assert "&lt;i&gt;" in out


def test_non_strings_and_huge_input():
    assert sanitize_html(None) == ""  # type: ignore[arg-type]
    assert sanitize_html("") == ""
    out = sanitize_html("<b>" * 100_000)
    assert isinstance(out, str)
    assert len(out) < 2_000_000


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_HTML_TOKENS = ["<", ">", "</", "/>", "b", "div", "span", "script", "style", "svg", "math", "a",
                "img", "iframe", " ", "=", '"', "'", "href", "src", "style", "onclick", "on",
                "javascript:", "data:", "https://x.example/", "alert(1)", "&", "&lt;", "&#x3c;",
                "<!--", "-->", "<![CDATA[", "]]>", "color:red", "url(x)", "position:fixed", ";",
                "가", "\n", "noscript", "template", "textarea", "title", "xmp", "table", "td"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_HTML_TOKENS), max_size=60).map("".join))
def test_random_html_comes_out_inert(source):
    out = sanitize_html(source)
    assert htmlcheck.problems(out) == [], (source, out)
