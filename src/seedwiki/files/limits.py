"""Refuse an over-size upload while it streams in, before it fills the temporary folder."""
from __future__ import annotations

from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict

# The multipart envelope and the other form fields are small; allow for them on top of the file.
FORM_OVERHEAD = 64 * 1024


class UploadSizeLimitHandler(FileUploadHandler):
    """First in the handler chain: stops reading once a file (or the whole body) is too big.

    Sets ``request.upload_too_large`` so the view can answer 413 with the form.
    """

    def __init__(self, request, limit: int):
        super().__init__(request)
        self.limit = limit
        self.received = 0
        request.upload_too_large = False

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length and content_length > self.limit + FORM_OVERHEAD:
            self.request.upload_too_large = True
            # "Handled": the body is not parsed at all; the view sees the flag and empty data.
            return QueryDict(), MultiValueDict()
        return None

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.request.upload_too_large = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None
