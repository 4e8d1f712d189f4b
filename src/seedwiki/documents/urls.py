from django.urls import path

from seedwiki.documents.views import backlink, edit, history, manage, read

urlpatterns = [
    path("w/<path:title>", read.page, name="page"),
    path("raw/<path:title>", read.raw, name="raw"),
    path("edit/<path:title>", edit.edit, name="edit"),
    path("history/<path:title>", history.history, name="history"),
    path("diff/<path:title>", history.diff, name="diff"),
    path("blame/<path:title>", history.blame, name="blame"),
    path("revert/<path:title>", manage.revert, name="revert"),
    path("move/<path:title>", manage.move, name="move"),
    path("delete/<path:title>", manage.delete, name="delete"),
    path("backlink/<path:title>", backlink.backlink, name="backlink"),
]
