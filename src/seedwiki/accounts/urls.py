from django.urls import path

from . import views

urlpatterns = [
    path("member/signup", views.signup, name="signup"),
    path("member/login", views.LoginView.as_view(), name="login"),
    path("member/logout", views.LogoutView.as_view(), name="logout"),
    path("contribution/<path:name>", views.contribution, name="contribution"),
]
