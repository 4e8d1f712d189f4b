"""Small things a reader, an editor or an operator trips over (issue 10): logout by GET, long
summaries, `#redirect [[X]]`, the CLI's help texts and errors, skip link and aria-current."""
from __future__ import annotations

import argparse

import namumark
import pytest

from seedwiki import cli
from seedwiki.documents.models import Document

from pages_helpers import body, save, url

pytestmark = pytest.mark.django_db


def test_logout_by_get_shows_the_button_not_an_empty_405(client, django_user_model):
    user = django_user_model.objects.create_user("나가는이", password="pw-0123456789")
    client.force_login(user)
    response = client.get("/member/logout")
    assert response.status_code == 200
    html = body(response)
    assert '<form method="post" action="/member/logout"' in html and "나가는이" in html
    assert client.post("/member/logout").status_code == 302
    assert "로그인하지 않은 상태입니다." in body(client.get("/member/logout"))


def test_summary_over_255_characters_is_refused_with_the_text_kept(client):
    response = client.post(url("edit", "긴 요약"), {"text": "본문 글", "base_rev": "0", "summary": "가" * 400})
    assert response.status_code == 400
    html = body(response)
    assert "요약이 너무 깁니다" in html and "본문 글" in html
    assert not Document.objects.filter(title="긴 요약").exists()
    ok = client.post(url("edit", "긴 요약"), {"text": "본문 글", "base_rev": "0", "summary": "나" * 255})
    assert ok.status_code == 302
    assert Document.objects.get(title="긴 요약").latest.summary == "나" * 255


@pytest.mark.parametrize("line", ["#redirect [[목적지]]", "#redirect [[목적지|보이는 글]]", "#넘겨주기 [[목적지]]"])
def test_old_dump_redirect_with_brackets(line):
    redirect = namumark.metadata(namumark.parse(line)).redirect
    assert redirect is not None and redirect.title == "목적지"


def test_bracketed_redirect_page_sends_the_reader_on(client):
    save("옛 형식 넘겨주기", "#redirect [[도착 문서]]")
    response = client.get(url("w", "옛 형식 넘겨주기"))
    assert response.status_code == 302 and response["Location"].startswith(url("w", "도착 문서"))


def test_createsuperuser_noinput_without_username_is_a_message_not_a_traceback(capsys):
    assert cli.main(["createsuperuser", "--noinput"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "seedwiki createsuperuser:" in err and "--username" in err


def _actions(parser):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                for inner in sub._actions:
                    yield name, inner


def test_every_cli_option_has_help():
    missing = [(name, action.dest) for name, action in _actions(cli.build_parser())
               if action.dest != "help" and not action.help]
    assert missing == []


def test_render_help_names_seedwiki(capsys):
    with pytest.raises(SystemExit):
        cli.main(["render", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("usage: seedwiki render") and "namumark render" not in out


def test_skip_link_and_aria_current(client):
    save("접근성", "본문")
    html = body(client.get(url("w", "접근성")))
    assert html.index('<a class="sw-skip" href="#sw-content">') < html.index("<header")
    assert 'id="sw-content"' in html
    assert f'<a href="{url("w", "접근성")}" class="active" aria-current="page">' in html
    assert html.count('aria-current="page"') == 1


def test_search_button_reads_go_in_english(client):
    html = body(client.get("/RecentChanges", HTTP_ACCEPT_LANGUAGE="en"))
    assert 'formaction="/Go">Go</button>' in html


def test_robots_txt_keeps_crawlers_out_of_editors_and_histories(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for path in ("/edit/", "/history/", "/diff/", "/raw/", "/blame/"):
        assert f"Disallow: {path}" in lines
    assert "Disallow: /w/" not in lines


def test_favicon(client):
    html = body(client.get("/RecentChanges"))
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/favicon.svg"


def test_packaging_declares_the_licence_and_make_run_skips_test_extras():
    import re
    import tomllib
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    project = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    assert project["license"] == "AGPL-3.0-or-later" and project["license-files"] == ["LICENSE"]
    assert "AGPL-3.0-or-later" in (root / "LICENSE").read_text()
    makefile = (root / "Makefile").read_text()
    run_install = re.search(r"(?m)^\$\(STAMP\):.*\n((?:\t.*\n)+)", makefile).group(1)
    assert "pip install -q -e .\n" in run_install and "[test]" not in run_install
    assert re.search(r"(?m)^run: install$", makefile) and re.search(r"(?m)^test: install-test", makefile)


def test_red_link_to_a_missing_file_opens_the_upload_form_with_its_name(client):
    save("그림 없는 문서", "[[파일:아직 없는 그림.png]]")
    html = body(client.get(url("w", "그림 없는 문서")))
    href = "/Upload?title=%ED%8C%8C%EC%9D%BC%3A%EC%95%84%EC%A7%81+%EC%97%86%EB%8A%94+%EA%B7%B8%EB%A6%BC.png"
    assert f'<a class="wiki-link-internal not-exist" href="{href.replace("&", "&amp;")}"' in html
    form = body(client.get(href))
    assert 'value="파일:아직 없는 그림.png"' in form


def test_special_menu_in_the_header_and_the_special_page(client):
    html = body(client.get("/RecentChanges"))
    menu = html[html.index('<details class="sw-special-menu">'):html.index("</details>")]
    for path in ("/RecentChanges", "/Upload", "/NeededPages", "/Special"):
        assert f'href="{path}"' in menu
    special = body(client.get("/Special"))
    for path in ("/RecentChanges", "/random", "/Upload", "/OrphanedPages", "/LongestPages", "/License"):
        assert f'href="{path}"' in special
    # every entry is a page this wiki serves
    from seedwiki.special.menu import available_special_pages
    for page in available_special_pages():
        assert client.get(page.path).status_code in (200, 302), page.path


def test_backlink_counts_pages_not_link_rows(client):
    import re

    save("세는 목적지", "본문")
    save("넘겨주며 링크", "#redirect 세는 목적지")
    save("두 번 가리킴", "[[세는 목적지]] 그리고 [include(세는 목적지)]")
    save("한 번 가리킴", "[[세는 목적지]]")
    html = body(client.get(url("backlink", "세는 목적지")))
    listed = re.findall(r'<li[^>]*>\s*<a href="/w/[^"]+">([^<]+)</a>', html)
    assert sorted(listed) == ["넘겨주며 링크", "두 번 가리킴", "한 번 가리킴"]
    assert re.search(r"문서\s*\(\s*3\s*\)", re.sub(r"<[^>]+>", " ", html))
