"""Indonesian unless the user chose otherwise.

Django's LocaleMiddleware would follow the browser's Accept-Language, and many office
browsers are set to English; the application speaks Indonesian by default and switches
language only when the user picks one (the language cookie set by ``set_language``).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


class IgnoreAcceptLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
