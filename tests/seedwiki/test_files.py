"""Files: image sniffing, /Upload, serving /file/<sha256> with safe headers, 파일: page header,
and file_info for the renderer."""
from __future__ import annotations

import hashlib
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from seedwiki.files import file_info
from seedwiki.files.models import Upload
from seedwiki.files.sniff import NotAnImage, sniff_image

from wikimore_helpers import gif_bytes, jpeg_bytes, make_page, png_bytes, webp_vp8_bytes, webp_vp8l_bytes, webp_vp8x_bytes


@pytest.fixture(autouse=True)
def upload_dir(settings, tmp_path):
    settings.SEEDWIKI_UPLOAD_DIR = str(tmp_path / "uploads")
    return tmp_path / "uploads"


def post_upload(client, data: bytes, name="사진.png", title="파일:사진.png", **fields):
    form = {"file": SimpleUploadedFile(name, data, content_type="application/octet-stream"),
            "title": title, "license": "CC BY-SA", "category": "풍경", "summary": "직접 찍은 사진"}
    form.update(fields)
    return client.post("/Upload", form, REMOTE_ADDR="198.51.100.8")


# --- sniffing -----------------------------------------------------------------------------------

@pytest.mark.parametrize("data,mime,size", [
    (png_bytes(3, 2), "image/png", (3, 2)),
    (gif_bytes(640, 480), "image/gif", (640, 480)),
    (jpeg_bytes(1920, 1080), "image/jpeg", (1920, 1080)),
    (jpeg_bytes(800, 600, exif_padding=60000), "image/jpeg", (800, 600)),
    (webp_vp8x_bytes(4000, 3000), "image/webp", (4000, 3000)),
    (webp_vp8l_bytes(17, 9), "image/webp", (17, 9)),
    (webp_vp8_bytes(320, 240), "image/webp", (320, 240)),
])
def test_sniff_recognises_images_and_reads_their_size(data, mime, size):
    image = sniff_image(data)
    assert image.mime == mime
    assert (image.width, image.height) == size


@pytest.mark.parametrize("data", [
    b"",
    b"<html><script>alert(1)</script></html>",
    b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
    b"\x89PNG\r\n\x1a\n",  # signature only
    b"\xff\xd8\xff\xe0\x00",  # truncated JPEG
    b"\xff\xd8\xff\xe0\x00\x01",  # JPEG with an impossible segment length
    b"GIF89a\x00\x00\x00\x00",  # zero size
    b"RIFF\x00\x00\x00\x00WEBPVP8 " + b"\x00" * 20,  # bad VP8 start code
    b"%PDF-1.7 ...",
])
def test_sniff_rejects_everything_else(data):
    with pytest.raises(NotAnImage):
        sniff_image(data)


def test_sniff_never_raises_anything_but_not_an_image():
    import random

    rng = random.Random(7)
    prefixes = [b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF89a", b"RIFF\x00\x00\x00\x00WEBP"]
    for _ in range(2000):
        data = rng.choice(prefixes) + bytes(rng.randrange(256) for _ in range(rng.randrange(40)))
        try:
            image = sniff_image(data)
        except NotAnImage:
            continue
        assert image.width > 0 and image.height > 0


# --- /Upload --------------------------------------------------------------------------------------

pytestmark = pytest.mark.django_db


def test_upload_form_is_korean(client):
    response = client.get("/Upload")
    assert response.status_code == 200
    body = response.content.decode()
    assert "파일 올리기" in body and "라이선스" in body and 'enctype="multipart/form-data"' in body


def test_upload_creates_the_file_page_and_stores_the_bytes(client, upload_dir):
    data = png_bytes(40, 30)
    response = post_upload(client, data)
    assert response.status_code == 302
    assert response["Location"] == "/w/" + quote("파일:사진.png", safe=":")

    sha = hashlib.sha256(data).hexdigest()
    upload = Upload.objects.get()
    assert (upload.sha256, upload.mime, upload.size, upload.width, upload.height) == (sha, "image/png", len(data), 40, 30)
    assert upload.license == "CC BY-SA" and upload.ip == "198.51.100.8"
    assert (upload_dir / sha).read_bytes() == data
    document = upload.document
    assert (document.namespace, document.title) == ("파일", "사진.png")
    text = document.latest.text
    assert "직접 찍은 사진" in text and "CC BY-SA" in text and "[[분류:풍경]]" in text
    assert document.latest.author_name == "198.51.100.8"


def test_upload_title_without_prefix_gets_it(client):
    response = post_upload(client, gif_bytes(2, 2), name="a.gif", title="움짤.gif")
    assert response.status_code == 302
    assert Upload.objects.get().document.title == "움짤.gif"


def test_upload_refuses_non_images(client, upload_dir):
    response = post_upload(client, b"<html><script>alert(1)</script></html>", title="파일:가짜.png")
    assert response.status_code == 400
    assert "이미지만" in response.content.decode()
    assert Upload.objects.count() == 0
    assert not upload_dir.exists() or not any(upload_dir.iterdir())


def test_upload_refuses_a_mismatched_extension(client):
    response = post_upload(client, gif_bytes(2, 2), title="파일:그림.png")
    assert response.status_code == 400
    assert "확장자" in response.content.decode()
    assert Upload.objects.count() == 0


def test_upload_jpeg_accepts_both_extensions(client):
    assert post_upload(client, jpeg_bytes(10, 10), title="파일:a.jpg").status_code == 302
    assert post_upload(client, jpeg_bytes(11, 10), title="파일:b.JPEG").status_code == 302
    assert Upload.objects.count() == 2


def test_upload_size_limit(client, settings):
    settings.SEEDWIKI_MAX_UPLOAD_BYTES = 20
    response = post_upload(client, png_bytes(50, 50))
    assert response.status_code == 413
    assert "너무 큽니다" in response.content.decode()
    assert Upload.objects.count() == 0


def test_upload_size_limit_stops_reading_a_huge_body(client, settings, upload_dir, tmp_path):
    settings.SEEDWIKI_MAX_UPLOAD_BYTES = 1000
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    response = post_upload(client, png_bytes(4, 4) + b"\x00" * 200_000)
    assert response.status_code == 413
    assert "너무 큽니다" in response.content.decode()
    assert Upload.objects.count() == 0
    assert not upload_dir.exists() or not any(upload_dir.iterdir())


def test_upload_refuses_an_existing_name(client):
    assert post_upload(client, png_bytes(5, 5)).status_code == 302
    response = post_upload(client, png_bytes(6, 6))
    assert response.status_code == 409
    assert "이미 존재하는" in response.content.decode()
    assert Upload.objects.count() == 1


def test_upload_requires_summary_and_valid_category(client):
    assert post_upload(client, png_bytes(5, 5), summary="").status_code == 400
    assert post_upload(client, png_bytes(5, 5), category="나쁜]]분류").status_code == 400
    assert post_upload(client, png_bytes(5, 5), license="마음대로").status_code == 400
    assert Upload.objects.count() == 0


def test_upload_requires_csrf():
    from django.test import Client

    response = post_upload(Client(enforce_csrf_checks=True), png_bytes(5, 5))
    assert response.status_code == 403


def test_identical_bytes_share_one_stored_file(client, upload_dir):
    data = png_bytes(8, 8)
    post_upload(client, data, title="파일:하나.png")
    post_upload(client, data, title="파일:둘.png")
    assert Upload.objects.count() == 2
    assert [p.name for p in upload_dir.iterdir() if not p.name.startswith(".")] == [hashlib.sha256(data).hexdigest()]


# --- serving ----------------------------------------------------------------------------------------

def test_serving_sets_safe_headers(client):
    data = png_bytes(4, 4)
    post_upload(client, data, title="파일:안전.png")
    sha = hashlib.sha256(data).hexdigest()
    response = client.get(f"/file/{sha}")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Content-Disposition"].startswith("inline")
    assert "max-age=31536000" in response["Cache-Control"]
    assert response["ETag"] == f'"{sha}"'
    assert client.get(f"/file/{sha}", HTTP_IF_NONE_MATCH=f'"{sha}"').status_code == 304


def test_a_deleted_file_page_stops_serving_its_bytes(client):
    from seedwiki.documents.services import delete_page

    data = png_bytes(9, 9)
    post_upload(client, data, title="파일:지울.png")
    sha = hashlib.sha256(data).hexdigest()
    assert client.get(f"/file/{sha}").status_code == 200
    delete_page("파일:지울.png", ip="198.51.100.1", summary="삭제 사유입니다")
    assert client.get(f"/file/{sha}").status_code == 404
    assert file_info("파일:지울.png") is None


def test_serving_filename_cannot_break_the_header(client):
    data = gif_bytes(3, 3)
    post_upload(client, data, title='파일:a"b;c.gif')
    response = client.get("/file/" + hashlib.sha256(data).hexdigest())
    disposition = response["Content-Disposition"]
    assert '"b' not in disposition.replace('filename="', "")
    assert "\n" not in disposition


@pytest.mark.parametrize("path", ["/file/" + "0" * 64, "/file/%00" + "0" * 63, "/file/../../etc/passwd", "/file/abc", "/file/" + "A" * 64])
def test_serving_unknown_files_is_404(client, path):
    assert client.get(path).status_code == 404


# --- the 파일: page and the renderer ------------------------------------------------------------------

def test_file_page_shows_the_image_header(client):
    data = png_bytes(120, 80)
    post_upload(client, data, title="파일:풍경.png", summary="산과 강")
    response = client.get("/w/" + quote("파일:풍경.png", safe=":"))
    assert response.status_code == 200
    body = response.content.decode()
    sha = hashlib.sha256(data).hexdigest()
    assert f'<img src="/file/{sha}" width="120" height="80"' in body
    assert "CC BY-SA" in body and "산과 강" in body


def test_file_info_for_the_renderer(client):
    data = png_bytes(64, 48)
    post_upload(client, data, title="파일:정보.png")
    info = file_info("파일:정보.png")
    assert info is not None
    assert (info.url, info.width, info.height) == (f"/file/{hashlib.sha256(data).hexdigest()}", 64, 48)
    assert file_info("파일:없음.png") is None
    assert file_info("정보.png") is None  # not the file namespace
    make_page("파일:글만.png", "업로드 없이 만든 설명 문서")
    assert file_info("파일:글만.png") is None


def test_articles_embed_uploaded_images(client):
    data = png_bytes(30, 20)
    post_upload(client, data, title="파일:삽화.png")
    make_page("삽화 쓰는 문서", "[[파일:삽화.png]]")
    body = client.get("/w/" + quote("삽화 쓰는 문서")).content.decode()
    assert f"/file/{hashlib.sha256(data).hexdigest()}" in body


def test_an_upload_bound_to_fail_csrf_is_refused_before_its_body_is_read(settings, tmp_path):
    """No CSRF cookie: 403 at once — not the 413 that reading the oversize body would find."""
    from django.test import Client

    settings.SEEDWIKI_MAX_UPLOAD_BYTES = 1000
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    response = post_upload(Client(enforce_csrf_checks=True), png_bytes(4, 4) + b"\x00" * 200_000)
    assert response.status_code == 403
    assert Upload.objects.count() == 0
