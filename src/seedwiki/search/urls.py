from django.urls import path

from . import views

urlpatterns = [
    path("Search", views.search, name="search"),
    path("Go", views.go, name="go"),
    path("complete", views.complete, name="complete"),
]
