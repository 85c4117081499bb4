"""Workspaces, memberships and roles, the workspace-scoped base model, the audit log."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "heard.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from heard.core import security
        from heard.core.two_factor import on_login

        user_logged_in.connect(on_login, dispatch_uid="heard.core.two_factor.on_login")
        user_logged_in.connect(security.on_logged_in, dispatch_uid="heard.core.security.login")
        user_login_failed.connect(
            security.on_login_failed, dispatch_uid="heard.core.security.login_failed"
        )
        user_locked_out.connect(security.on_locked_out, dispatch_uid="heard.core.security.lockout")
