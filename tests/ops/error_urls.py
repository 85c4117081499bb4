"""A URL map with views that fail, for the error page tests."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import Http404
from django.urls import include, path

SECRET = "SECRET-EXCEPTION-TEXT /srv/heard/settings.py password=hunter2"


def crash(request):
    raise RuntimeError(SECRET)


def missing(request):
    raise Http404(SECRET)


def forbidden(request):
    raise PermissionDenied(SECRET)


def suspicious(request):
    raise SuspiciousOperation(SECRET)


urlpatterns = [
    path("crash/", crash),
    path("missing/", missing),
    path("forbidden/", forbidden),
    path("suspicious/", suspicious),
    path("", include("heard.urls")),
]

handler500 = "heard.ops.views.server_error"
