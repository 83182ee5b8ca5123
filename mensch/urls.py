"""The site's routes: the API, the admin, and each app's ``urls`` module.

Apps are included in floor order (see :mod:`mensch.core.registry`); each owns its URL names.
"""

from __future__ import annotations

from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import RedirectView

from mensch.api import api, unknown_path
from mensch.core.registry import contributions

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/v1/", api.urls),
    path("api/docs", RedirectView.as_view(pattern_name="api:openapi-view"), name="api_docs"),
    # Any other path under /api/ answers the API's JSON 404, whatever the method.
    re_path(r"^api/", csrf_exempt(unknown_path), name="api_unknown_path"),
    path("admin/", admin.site.urls),
    *(path("", include(module)) for _, module in contributions("urls")),
]

# The site's own error pages (JSON under /api/); see mensch.web.errors.
handler403 = "mensch.web.errors.permission_denied"
handler404 = "mensch.web.errors.page_not_found"
handler500 = "mensch.web.errors.server_error"
