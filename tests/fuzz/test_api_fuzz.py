"""Schemathesis against the API's own published OpenAPI, as a member with an API token.

Every operation gets generated requests, valid and invalid (the examples, coverage and fuzzing
phases); the run fails on any 5xx, a status the operation does not declare, or a body that
breaks the published schema. It calls the Django app in-process over WSGI: no server needed.

Sized for CI (README, "Fuzzing"): ``MENSCH_FUZZ_EXAMPLES`` generated requests per operation in
the fuzzing phase (default 12), derandomized, so a red run is reproducible with the same code.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from mensch.accounts.models import User
from mensch.accounts.services import api_token_create
from tests.fuzz.figures import ANSWERS

EXAMPLES = int(os.environ.get("MENSCH_FUZZ_EXAMPLES", "12"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
schema.config.phases.update(phases=["examples", "coverage", "fuzzing"])

pytestmark = [pytest.mark.fuzz, pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def member_token(owner: User) -> Iterator[str]:
    _, secret = api_token_create(user=owner, name="fuzz")
    # Like Django's test client: a request must not close the test's connection (on
    # PostgreSQL it would, since the test runs inside a transaction).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield secret
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_answers_hostile_input_as_documented(
    case: schemathesis.Case, member_token: str
) -> None:
    response = case.call_and_validate(
        headers={"Authorization": f"Bearer {member_token}"}, checks=CHECKS
    )
    ANSWERS.setdefault(case.operation.label, Counter())[response.status_code] += 1
