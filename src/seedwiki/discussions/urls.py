from django.urls import path

from seedwiki.discussions.views import admin, recent, threads

urlpatterns = [
    path("discuss/<path:title>", threads.discuss, name="discuss"),
    path("thread/<str:slug>", threads.thread, name="thread"),
    path("thread/<str:slug>/poll", threads.poll, name="thread_poll"),
    path("thread/<str:slug>/<int:start>", threads.thread, name="thread_block"),
    path("thread/<str:slug>/<int:number>/raw", threads.raw, name="thread_comment_raw"),
    path("admin/thread/<str:slug>/status", admin.status, name="thread_status"),
    path("admin/thread/<str:slug>/topic", admin.topic, name="thread_topic"),
    path("admin/thread/<str:slug>/document", admin.document, name="thread_document"),
    path("admin/thread/<str:slug>/delete", admin.delete, name="thread_delete"),
    path("admin/thread/<str:slug>/<int:number>/hide", admin.hide, name="thread_hide"),
    path("admin/thread/<str:slug>/<int:number>/show", admin.show, name="thread_show"),
    path("RecentDiscuss", recent.recent_discuss, name="recent_discuss"),
    path("contribution/<str:name>/discuss", recent.contribution_discuss, name="contribution_discuss"),
]
