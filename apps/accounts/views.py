"""Login, logout and password change: Django's views with our forms and templates.

Failed logins are throttled by django-axes with the limits of apps/accounts/throttling.py
(per username and address, per address, per username; the client address read behind a proxy).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views import View

from .forms import LoginForm, PasswordChange
from .models import Notification
from .notifications import notifications_mark_read


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = PasswordChange
    success_url = reverse_lazy("home")

    def form_valid(self, form: PasswordChange):  # type: ignore[no-untyped-def]
        messages.success(self.request, _("Kata sandi berhasil diganti."))
        return super().form_valid(form)


class NotificationsView(LoginRequiredMixin, View):
    """The user's notifications. Reading the list changes nothing; a POST (with CSRF) marks read:
    ``open=<id>`` one of the user's own and follows its link, ``all`` every unread one."""

    def get(self, request: HttpRequest) -> HttpResponse:
        items = list(Notification.objects.filter(user=request.user)[:100])
        return render(request, "accounts/notifications.html", {"items": items})

    def post(self, request: HttpRequest) -> HttpResponse:
        if "open" in request.POST:
            pk = request.POST["open"]
            notification = get_object_or_404(Notification.objects.filter(user=request.user), pk=int(pk) if pk.isdigit() else 0)
            notifications_mark_read(user=request.user, notification=notification)
            safe = url_has_allowed_host_and_scheme(notification.url, allowed_hosts={request.get_host()}, require_https=request.is_secure())
            return redirect(notification.url if notification.url and safe else "accounts:notifications")
        if "all" in request.POST:
            notifications_mark_read(user=request.user)
            messages.success(request, _("Semua notifikasi ditandai sudah dibaca."))
            return redirect("accounts:notifications")
        return HttpResponseBadRequest(_("Tindakan tidak dikenal."))
