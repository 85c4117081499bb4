"""Two-factor authentication with django-otp: TOTP apps plus single-use backup codes.

Whether a user has a confirmed device is cached in their session at login (and refreshed when
they change devices), so the per-request check that sends unverified users to the code page
costs no query.
"""

from __future__ import annotations

import base64
import re
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

SESSION_KEY = "heard_has_two_factor"
BACKUP_CODE_COUNT = 10
TOTP_NAME = "Authenticator app"
BACKUP_NAME = "Backup codes"


# --- the session flag


def remember_devices(request, user=None) -> bool:
    """Look the user's confirmed devices up once and keep the answer in the session."""
    user = user or request.user
    has = user.is_authenticated and user_has_device(user, confirmed=True)
    request.session[SESSION_KEY] = has
    return has


def has_two_factor(request) -> bool:
    """Whether the logged-in user has a confirmed device (from the session when known)."""
    if not request.user.is_authenticated:
        return False
    if SESSION_KEY not in request.session:
        return remember_devices(request)
    return bool(request.session[SESSION_KEY])


def is_verified(request) -> bool:
    """Whether this session entered a one-time code (set by django-otp's middleware)."""
    verified = getattr(request.user, "is_verified", None)
    return bool(verified and verified())


def on_login(sender, request, user, **kwargs) -> None:
    """`user_logged_in` receiver: a new session starts unverified, with a fresh device flag."""
    if request is not None and hasattr(request, "session"):
        remember_devices(request, user)


# --- where to send someone who still owes a code


def safe_next(request, default: str) -> str:
    """The `next` parameter if it points into this site, else `default`."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def _with_next(name: str, next_url: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def verification_redirect(request, *, required: bool = False):
    """A redirect to the code page (device, not verified) or to set-up (`required`, no
    device); None when the request may go on."""
    if not request.user.is_authenticated or is_verified(request):
        return None
    if has_two_factor(request):
        return redirect(_with_next("two_factor", request.get_full_path()))
    if required:
        return redirect(_with_next("two_factor_setup", request.get_full_path()))
    return None


# --- devices


def pending_totp_device(user) -> TOTPDevice:
    """The unconfirmed TOTP device set-up shows (kept across reloads so the QR code stays)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    return device or TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)


def confirmed_totp_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def secret_base32(device: TOTPDevice) -> str:
    """The key as people type it into an app: base32, in groups of four."""
    raw = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def qr_svg(text: str) -> str:
    """An inline SVG QR code (no image request, no inline style: the CSP stays strict)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    svg = image.to_string(encoding="unicode")
    svg = re.sub(r"^<\?xml[^>]*\?>", "", svg).strip()
    svg = re.sub(r'\s(width|height)="[^"]*"', "", svg, count=2)
    return svg.replace("<svg ", '<svg class="qr-code" aria-hidden="true" focusable="false" ', 1)


def clean_code(code: str) -> str:
    """A typed code without spaces or dashes (apps show '123 456')."""
    return re.sub(r"[\s-]", "", code or "")


@transaction.atomic
def confirm_totp(request, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm set-up with a code from the app; returns fresh backup codes, or None if the code
    was wrong. Marks this session verified."""
    if device.confirmed or not device.verify_token(clean_code(code)):
        return None
    TOTPDevice.objects.filter(user=device.user, confirmed=True).delete()
    TOTPDevice.objects.filter(user=device.user, confirmed=False).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = new_backup_codes(device.user)
    otp_login(request, device)
    request.session[SESSION_KEY] = True
    return codes


@transaction.atomic
def new_backup_codes(user) -> list[str]:
    """Replace the user's backup codes with ten new single-use ones, shown once."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def backup_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def verify_code(user, code: str):
    """The device that accepts `code` (TOTP or an unused backup code), or None. django-otp
    throttles each device after failures."""
    code = clean_code(code)
    if not code:
        return None
    with transaction.atomic():
        tried = []
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if device.verify_token(code):
                # A backup code counts as a success for the app's throttle too.
                for other in tried:
                    other.throttle_reset()
                return device
            tried.append(device)
    return None


def is_throttled(user) -> bool:
    """Whether every confirmed device is refusing codes for now after repeated failures."""
    devices = list(devices_for_user(user, confirmed=True))
    return bool(devices) and all(not d.verify_is_allowed()[0] for d in devices)


@transaction.atomic
def disable(request) -> None:
    """Remove every device of the user (the caller checked a current code first)."""
    user = request.user
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    request.session[SESSION_KEY] = False
    request.session.pop("otp_device_id", None)
