from django.urls import path

from . import views

urlpatterns = [
    path("Upload", views.upload, name="upload"),
    path("file/<str:sha256>", views.serve, name="file"),
]
