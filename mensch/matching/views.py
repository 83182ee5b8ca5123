from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from mensch.accounts.http import AuthenticatedHttpRequest
from mensch.matching.embeddings import model_in_use
from mensch.matching.rows import people_items
from mensch.matching.selectors import people_to_meet


@login_required
def people_to_meet_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "matching/people_to_meet.html",
        {
            "people": people_items(people_to_meet(request.user)),
            "by_meaning": model_in_use() == "semantic",
        },
    )
