from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from mensch.accounts.http import AuthenticatedHttpRequest
from mensch.core.markup import url_for_ids
from mensch.matching.embeddings import model_in_use
from mensch.matching.selectors import people_to_meet


@login_required
def people_to_meet_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    detail, introduction = url_for_ids("member_detail"), url_for_ids("introduction_request")
    rows = [
        (row, detail(row.candidate.profile.pk), introduction(row.candidate.profile.pk))
        for row in people_to_meet(request.user)
    ]
    return render(
        request,
        "matching/people_to_meet.html",
        {"rows": rows, "by_meaning": model_in_use() == "semantic"},
    )
