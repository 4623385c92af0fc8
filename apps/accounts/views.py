"""Login, logout and password change: Django's views with our forms and templates.

Failed logins are throttled by django-axes with the limits of apps/accounts/throttling.py
(per username and address, per address, per username; the client address read behind a proxy).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View

from .forms import LoginForm, PasswordChange
from .models import Notification


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


class NotificationsView(LoginRequiredMixin, View):
    """The user's notifications; opening the page marks them read."""

    def get(self, request: HttpRequest) -> HttpResponse:
        items = list(Notification.objects.filter(user=request.user)[:100])
        Notification.objects.filter(user=request.user, read_at__isnull=True).update(read_at=timezone.now())
        return render(request, "accounts/notifications.html", {"items": items})
