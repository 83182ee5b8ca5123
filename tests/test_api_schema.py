"""The published OpenAPI tells the truth: one schema per name, every documented body is the
one the operation validates, every route reachable, errors declared, unknown paths JSON."""

from __future__ import annotations

import json
import re
import typing
from typing import Any

import pytest
from django.test import Client
from django.urls import resolve
from ninja.openapi.schema import REF_TEMPLATE, NinjaGenerateJsonSchema
from pydantic import BaseModel

from mensch.accounts.models import User
from mensch.accounts.services import api_token_create
from mensch.api import api
from mensch.connections.services import connection_create
from mensch.introductions.models import Introduction
from tests.factories import make_member

# Ninja's own wrappers: inlined into each operation, never published as components.
NINJA_WRAPPERS = {
    "BodyParams",
    "FileParams",
    "FormParams",
    "PathParams",
    "QueryParams",
    "NinjaResponseSchema",
}


def _operations() -> list[Any]:
    return [
        operation
        for _, router in api._routers
        for path_view in router.path_operations.values()
        for operation in path_view.operations
    ]


def _models_in(annotation: object, found: set[type[BaseModel]]) -> None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in found:
            return
        found.add(annotation)
        for field in annotation.model_fields.values():
            _models_in(field.annotation, found)
        return
    for argument in typing.get_args(annotation):
        _models_in(argument, found)


@pytest.fixture(scope="module")
def openapi() -> dict[str, Any]:
    return json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/v1/")))


@pytest.mark.unit
def test_no_two_schema_classes_share_a_published_name() -> None:
    found: set[type[BaseModel]] = set()
    for operation in _operations():
        for model in [*operation.models, *operation.response_models.values()]:
            _models_in(model, found)
    by_name: dict[str, set[str]] = {}
    for model in found:
        if model.__name__ not in NINJA_WRAPPERS:
            by_name.setdefault(model.__name__, set()).add(
                f"{model.__module__}.{model.__qualname__}"
            )
    shared = {name: sorted(where) for name, where in by_name.items() if len(where) > 1}
    assert shared == {}


@pytest.mark.unit
def test_every_published_component_is_the_schema_its_operations_use(
    openapi: dict[str, Any],
) -> None:
    """A body documented under a name is exactly what the operation validates, and a response
    exactly what it serializes: no component was overwritten by a namesake."""
    components = openapi["components"]["schemas"]
    mismatched = []
    for operation in _operations():
        used = [(model, "validation") for model in operation.models]
        used += [
            (model, "serialization")
            for model in operation.response_models.values()
            if isinstance(model, type) and issubclass(model, BaseModel)
        ]
        for model, mode in used:
            schema = model.model_json_schema(
                ref_template=REF_TEMPLATE, schema_generator=NinjaGenerateJsonSchema, mode=mode
            )
            for name, definition in schema.get("$defs", {}).items():
                if json.loads(json.dumps(definition)) != components.get(name):
                    mismatched.append(f"{operation.view_func.__name__}: {name}")
    assert mismatched == []


@pytest.mark.unit
def test_every_documented_operation_reaches_its_own_view(openapi: dict[str, Any]) -> None:
    shadowed = []
    for path, operations in openapi["paths"].items():
        match = resolve(re.sub(r"\{[^}]+\}", "1", path))
        path_view = match.func.__closure__[0].cell_contents  # type: ignore[attr-defined]
        methods = {method for op in path_view.operations for method in op.methods}
        shadowed += [f"{m.upper()} {path}" for m in operations if m.upper() not in methods]
    assert shadowed == []


@pytest.mark.unit
def test_every_operation_declares_its_error_answers(openapi: dict[str, Any]) -> None:
    error = {"$ref": "#/components/schemas/ErrorOut"}
    assert set(openapi["components"]["schemas"]["ErrorOut"]["required"]) == {"status", "detail"}
    missing = []
    for path, operations in openapi["paths"].items():
        for method, operation in operations.items():
            expected = {"400", "403", "404", "422"}
            if operation.get("security"):
                expected.add("401")
            if "requestBody" in operation:
                expected.add("413")
            for status in sorted(expected):
                answer = operation["responses"].get(status)
                if answer is None or answer["content"]["application/json"]["schema"] != error:
                    missing.append(f"{method.upper()} {path} {status}")
    assert missing == []


@pytest.fixture
def member_api(owner: User) -> Client:
    _, secret = api_token_create(user=owner, name="tests")
    return Client(headers={"Authorization": f"Bearer {secret}"})


@pytest.mark.integration
@pytest.mark.django_db
def test_a_member_introduces_two_connections_through_the_api(
    owner: User, member_api: Client
) -> None:
    rui, lena = make_member("Rui"), make_member("Lena")
    connection_create(member=owner, other=rui, source="introduction")
    connection_create(member=owner, other=lena, source="introduction")

    answer = member_api.post(
        "/api/v1/introductions/brokered",
        {
            "member_a_profile_id": rui.profile.pk,
            "member_b_profile_id": lena.profile.pk,
            "note": "Rui keeps books, Lena needs hers kept: you two should talk soon.",
        },
        content_type="application/json",
    )

    assert answer.status_code == 201, answer.content
    assert answer.json()["brokered"] is True
    assert Introduction.objects.get().introducer == owner


@pytest.mark.integration
@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post", "delete"])
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/nothing-here",
        "/api/v1/contacts/abc/nope",
        "/api/v1/introductions/x/y",
        "/api/v2/members",
        "/api/",
    ],
)
def test_an_unknown_api_path_answers_the_api_json_404(
    member_api: Client, method: str, path: str
) -> None:
    for client in (member_api, Client()):
        answer = getattr(client, method)(path)
        assert answer.status_code == 404
        assert answer["Content-Type"] == "application/json; charset=utf-8"
        assert answer.json() == {"status": 404, "detail": "Not found."}
