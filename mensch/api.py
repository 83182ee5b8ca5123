"""The REST API at /api/v1: one NinjaAPI, one router per app, errors as JSON.

Every error has the same shape: ``{"status": 400, "detail": "...", "errors":
{"field": ["message"]}}`` so a client can show the message next to the field.
"""

from __future__ import annotations

from django.core.exceptions import (
    ObjectDoesNotExist,
    PermissionDenied,
    RequestDataTooBig,
    ValidationError,
)
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, re_path
from django.views.decorators.csrf import csrf_exempt
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaValidationError
from ninja.openapi.schema import REF_TEMPLATE, OpenAPISchema
from ninja.security import APIKeyHeader, HttpBearer, django_auth

from mensch.accounts.models import User
from mensch.accounts.services import api_token_authenticate
from mensch.core.errors import field_errors
from mensch.core.registry import contributions


class BearerToken(HttpBearer):
    """``Authorization: Bearer mensch_…`` with a personal API token."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = api_token_authenticate(token)
        if user is not None:
            request.user = user
        return user


class TokenHeader(APIKeyHeader):
    """``X-API-Key: mensch_…`` for clients that cannot set Authorization."""

    param_name = "X-API-Key"

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        user = api_token_authenticate(key or "")
        if user is not None:
            request.user = user
        return user


class ErrorOut(Schema):
    """Every error the API answers: a status, a sentence, and messages per field."""

    status: int
    detail: str
    errors: dict[str, list[str]] = Field(
        default_factory=dict,
        description='Messages per field, "__all__" for the whole request; absent when none.',
    )


# What each documented error status means; every operation lists them (see MenschAPI).
ERROR_STATUSES: dict[int, str] = {
    400: "A rule was broken (the errors say which field).",
    401: "No valid session or API token.",
    403: "You may not do that.",
    404: "Not found, or not visible to you.",
    413: "The request body is too large.",
    422: "A field or parameter has the wrong shape or type.",
}


class MenschAPI(NinjaAPI):
    """NinjaAPI that documents the error answers and answers unknown paths with JSON."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, object] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components["ErrorOut"] = ErrorOut.model_json_schema(ref_template=REF_TEMPLATE)
        error_content = {
            self.renderer.media_type: {"schema": {"$ref": REF_TEMPLATE.format(model="ErrorOut")}}
        }
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, description in ERROR_STATUSES.items():
                    if status == 401 and not operation.get("security"):
                        continue
                    if status == 413 and "requestBody" not in operation:
                        continue
                    operation["responses"].setdefault(
                        status, {"description": description, "content": error_content}
                    )
        return schema

    def _get_urls(self) -> list[URLResolver | URLPattern]:
        # Last, after every operation: any other path under the API answers a JSON 404.
        return [*super()._get_urls(), re_path(r"^", unknown_path, name="unknown-path")]


api = MenschAPI(
    title="Mensch API",
    version="1",
    description=(
        "Relationship-first networking. Authenticate with a personal API token "
        "(`Authorization: Bearer mensch_…`) or a browser session."
    ),
    urls_namespace="api",
    auth=[BearerToken(), TokenHeader(), django_auth],
    docs_url="/docs",
)


def error_body(
    status: int, detail: str, errors: dict[str, list[str]] | None = None
) -> dict[str, object]:
    body: dict[str, object] = {"status": status, "detail": detail}
    if errors:
        body["errors"] = errors
    return body


@api.exception_handler(SchemaValidationError)
def schema_invalid(request: HttpRequest, exc: SchemaValidationError) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        # ("body", "payload", "text") → "text"; ("query", "limit") → "limit"
        location = [str(part) for part in error.get("loc", ()) if part not in ("body", "query")]
        field = location[-1] if location else "__all__"
        if field == "payload":
            field = "__all__"
        errors.setdefault(field, []).append(str(error.get("msg", "Invalid value.")))
    return api.create_response(
        request, error_body(422, "Some fields are invalid.", errors), status=422
    )


@api.exception_handler(ValidationError)
def rule_broken(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return api.create_response(
        request, error_body(400, "Some fields are invalid.", field_errors(exc)), status=400
    )


@api.exception_handler(ObjectDoesNotExist)
@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(request, error_body(404, "Not found."), status=404)


@csrf_exempt
def unknown_path(request: HttpRequest) -> HttpResponse:
    """Any path under the API that names no operation: the API's JSON 404, not the site's page."""
    return api.create_response(request, error_body(404, "Not found."), status=404)


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(
        request, error_body(403, str(exc) or "You may not do that."), status=403
    )


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request,
        error_body(401, "Sign in or send a valid API token (Authorization: Bearer …)."),
        status=401,
    )


@api.exception_handler(RequestDataTooBig)
def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return api.create_response(
        request, error_body(413, "The request body is too large (limit 2.5 MB)."), status=413
    )


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return api.create_response(
        request, error_body(exc.status_code, str(exc.message)), status=exc.status_code
    )


def _register_routers() -> None:
    """Each app's ``api.router``, mounted at its ``api_prefix`` (see mensch.core.registry)."""
    for config, module in contributions("api"):
        api.add_router(config.api_prefix or "/", module.router)


_register_routers()
