from django.urls import path

from . import views

urlpatterns = [
    path("acl/<path:title>", views.acl_page, name="acl"),
]
