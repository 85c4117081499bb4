"""Signing in and out, passwords, and two-factor authentication (set-up, codes, verification)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import TemplateView
from django_otp import login as otp_login

from heard.core import security, services
from heard.core import two_factor as tf
from heard.core.forms import CodeForm, LoginForm

# --- sign-in and passwords


class LoginView(auth_views.LoginView):
    """Email and password (django-axes counts failures); then the code page if the user has
    two-factor set up."""

    form_class = LoginForm

    def form_valid(self, form):
        response = super().form_valid(form)
        security.record_security_event(
            user=form.get_user(), event=security.LOGIN, request=self.request
        )
        if tf.has_two_factor(self.request):
            url = reverse("two_factor")
            return redirect(f"{url}?{_next_query(self.get_success_url())}")
        return response


def _next_query(url: str) -> str:
    return urlencode({"next": url})


class VerifiedMixin:
    """Account pages that change security settings need the second factor first."""

    def dispatch(self, request, *args, **kwargs):
        if response := tf.verification_redirect(request):
            return response
        return super().dispatch(request, *args, **kwargs)


class LogoutView(auth_views.LogoutView):
    """Sign out (POST only), recorded in the audit log of the user's workspaces."""

    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            security.record_security_event(
                user=request.user, event=security.LOGOUT, request=request
            )
        return super().post(request, *args, **kwargs)


class PasswordChangeView(VerifiedMixin, auth_views.PasswordChangeView):
    """Change one's password (other sessions are signed out by Django)."""

    def form_valid(self, form):
        response = super().form_valid(form)
        security.record_security_event(
            user=form.user, event=security.PASSWORD_CHANGED, request=self.request
        )
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """Ask for a reset link by email; the link uses this request's host and scheme."""

    email_template_name = "registration/heard_password_reset_email.txt"
    subject_template_name = "registration/heard_password_reset_subject.txt"

    def form_valid(self, form):
        self.use_https = self.request.is_secure()
        for user in form.get_users(form.cleaned_data["email"]):
            security.record_security_event(
                user=user, event=security.PASSWORD_RESET_REQUESTED, request=self.request
            )
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Choose a new password from an emailed link."""

    def form_valid(self, form):
        response = super().form_valid(form)
        security.record_security_event(
            user=form.user, event=security.PASSWORD_RESET, request=self.request
        )
        return response


# --- two-factor: the code page

THROTTLED = _lazy("Too many wrong codes in a row: wait a few seconds, then try again.")


@never_cache
@sensitive_post_parameters("code")
@login_required
def two_factor(request):
    """Ask a user with a device for a code before they reach any workspace page."""
    next_url = tf.safe_next(request, reverse("home"))
    if not tf.has_two_factor(request):
        return redirect(f"{reverse('two_factor_setup')}?{_next_query(next_url)}")
    if tf.is_verified(request):
        return redirect(next_url)
    form = CodeForm(request.POST or None, autofocus=True)
    if request.method == "POST" and form.is_valid():
        if tf.is_throttled(request.user):
            form.add_error("code", THROTTLED)
        elif device := tf.verify_code(request.user, form.cleaned_data["code"]):
            otp_login(request, device)
            if device.name == tf.BACKUP_NAME:
                left = tf.backup_codes_left(request.user)
                messages.warning(
                    request,
                    _("You used a backup code; %(left)d left. Make new ones before you run out.")
                    % {"left": left},
                )
            return redirect(next_url)
        else:
            form.add_error(
                "code",
                _("That code did not work. Codes change every 30 seconds: enter the current one."),
            )
    return render(request, "core/two_factor.html", {"form": form, "next": next_url})


# --- two-factor: set-up, backup codes, switching off


def _codes_page(request, codes: list[str], next_url: str):
    response = render(request, "core/two_factor_codes.html", {"codes": codes, "next": next_url})
    response["Cache-Control"] = "no-store"
    return response


@method_decorator([never_cache, sensitive_post_parameters("code"), login_required], "dispatch")
class TwoFactorSetupView(VerifiedMixin, TemplateView):
    """Set up an authenticator app (QR code or typed key), then manage backup codes or turn
    two-factor off — each of those with a current code."""

    template_name = "core/two_factor_setup.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        device = tf.confirmed_totp_device(user)
        context.update(next=tf.safe_next(self.request, reverse("home")), device=device)
        if device is None:
            pending = tf.pending_totp_device(user)
            context.update(
                qr_svg=tf.qr_svg(pending.config_url),
                secret=tf.secret_base32(pending),
                confirm_form=kwargs.get("confirm_form") or CodeForm(),
            )
        else:
            context.update(
                codes_left=tf.backup_codes_left(user),
                codes_form=kwargs.get("codes_form") or CodeForm(auto_id="id_codes_%s"),
                disable_form=kwargs.get("disable_form") or CodeForm(auto_id="id_disable_%s"),
            )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        if action == "confirm":
            return self._confirm(request)
        if action in {"backup_codes", "disable"}:
            return self._with_current_code(request, action)
        return redirect("two_factor_setup")

    def _confirm(self, request):
        form = CodeForm(request.POST)
        device = tf.pending_totp_device(request.user)
        if form.is_valid() and not device.verify_is_allowed()[0]:
            form.add_error("code", THROTTLED)
        elif form.is_valid():
            codes = tf.confirm_totp(request, device, form.cleaned_data["code"])
            if codes is not None:
                services.record_two_factor_change(user=request.user, enabled=True)
                messages.success(request, _("Two-factor authentication is on."))
                return _codes_page(request, codes, tf.safe_next(request, reverse("home")))
            form.add_error(
                "code", _("That code did not match. Check the app shows Heard and try again.")
            )
        return self.render_to_response(self.get_context_data(confirm_form=form))

    def _with_current_code(self, request, action: str):
        prefix = "codes" if action == "backup_codes" else "disable"
        form = CodeForm(request.POST, auto_id=f"id_{prefix}_%s")
        if form.is_valid() and tf.is_throttled(request.user):
            form.add_error("code", THROTTLED)
        elif form.is_valid():
            if tf.verify_code(request.user, form.cleaned_data["code"]):
                if action == "backup_codes":
                    codes = tf.new_backup_codes(request.user)
                    security.record_security_event(
                        user=request.user, event=security.BACKUP_CODES_RENEWED, request=request
                    )
                    return _codes_page(request, codes, reverse("two_factor_setup"))
                tf.disable(request)
                services.record_two_factor_change(user=request.user, enabled=False)
                messages.success(request, _("Two-factor authentication is off."))
                return redirect("two_factor_setup")
            form.add_error("code", _("That code did not work."))
        return self.render_to_response(self.get_context_data(**{f"{prefix}_form": form}))


two_factor_setup = TwoFactorSetupView.as_view()
