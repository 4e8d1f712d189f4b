from django.urls import path

from seedwiki.editrequests import views

urlpatterns = [
    path("new_edit_request/<path:title>", views.new_request, name="new_edit_request"),
    path("edit_request/<str:slug>", views.view, name="edit_request"),
    path("edit_request/<str:slug>/edit", views.edit, name="edit_request_edit"),
    path("edit_request/<str:slug>/accept", views.accept, name="edit_request_accept"),
    path("edit_request/<str:slug>/close", views.close, name="edit_request_close"),
    path("contribution/<str:name>/edit_request", views.contribution, name="contribution_edit_request"),
]
