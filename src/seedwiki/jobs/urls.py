from django.urls import path

from seedwiki.jobs import views

urlpatterns = [
    path("admin/jobs", views.jobs_page, name="admin_jobs"),
    path("admin/jobs/<int:job_id>/retry", views.retry_job, name="admin_jobs_retry"),
]
