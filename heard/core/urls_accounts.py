"""Sign-in, sign-out, password and two-factor pages."""

from django.contrib.auth import views as auth_views
from django.urls import path

from heard.core.views import account

urlpatterns = [
    path("login/", account.LoginView.as_view(), name="login"),
    # Django's LogoutView accepts POST only: a link or an image cannot log anyone out.
    path("logout/", account.LogoutView.as_view(), name="logout"),
    path("password/", account.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("password/reset/", account.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        account.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("two-factor/", account.two_factor, name="two_factor"),
    path("two-factor/setup/", account.two_factor_setup, name="two_factor_setup"),
]
