"""Login, logout and password change: Django's views with our forms and templates.

Failed logins are throttled by django-axes (settings.AXES_*): after five failures
for one username from one address the pair is locked for 30 minutes.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from .forms import LoginForm, PasswordChange


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = PasswordChange
    success_url = reverse_lazy("core:home")

    def form_valid(self, form: PasswordChange):  # type: ignore[no-untyped-def]
        messages.success(self.request, _("Kata sandi berhasil diganti."))
        return super().form_valid(form)
