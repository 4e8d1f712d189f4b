from django.urls import path

from seedwiki.members import views

urlpatterns = [
    path("member/star/<path:title>", views.star, name="star"),
    path("member/unstar/<path:title>", views.unstar, name="unstar"),
    path("member/starred_documents", views.starred_documents, name="starred_documents"),
    path("member/mypage", views.mypage, name="mypage"),
]
