from django.urls import path

from seedwiki.jobs import views

urlpatterns = [
    path("admin/jobs", views.jobs_page, name="admin_jobs"),
]
