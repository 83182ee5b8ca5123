"""Import with a preview, and the contacts exports (vCard, CSV).

The preview keeps the parsed rows in the session, so "Import" commits exactly what
was shown; nothing is written until then, and the commit is one transaction.
"""

from __future__ import annotations

import base64
from typing import TypedDict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from mensch.accounts.http import AuthenticatedHttpRequest
from mensch.contacts.exports import contacts_csv, contacts_vcard
from mensch.contacts.forms import ImportConfirmForm, ImportForm, MappingForm
from mensch.contacts.importing import (
    ImportFileError,
    ParsedFile,
    parse_contacts_file,
    read_upload,
)
from mensch.contacts.imports import contacts_import, import_preview

SESSION_KEY = "contacts_import"


class StoredImport(TypedDict):
    """The uploaded file between preview and import, in the member's session."""

    name: str
    data: str  # base64
    mapping: dict[str, str]


@login_required
def import_upload(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            data = read_upload(upload)
        except ImportFileError as exc:
            form.add_error("file", f"Nothing was imported. {exc}")
        else:
            try:
                mapping = parse_contacts_file(data).mapping
            except ImportFileError as exc:
                if exc.columns is None:
                    form.add_error("file", f"Nothing was imported. {exc}")
                mapping = {}
            if not form.errors:
                request.session[SESSION_KEY] = StoredImport(
                    name=upload.name[:120],
                    data=base64.b64encode(data).decode(),
                    mapping=mapping,
                )
                return redirect("contact_import_preview")
    return render(
        request, "contacts/import.html", {"form": form}, status=422 if form.errors else 200
    )


def _stored(request: AuthenticatedHttpRequest) -> tuple[StoredImport, bytes] | None:
    stored: StoredImport | None = request.session.get(SESSION_KEY)
    if not stored:
        return None
    return stored, base64.b64decode(stored["data"])


@login_required
def import_preview_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    found = _stored(request)
    if found is None:
        messages.error(request, "Choose a file to import first.")
        return redirect("contact_import")
    stored, data = found
    try:
        parsed = parse_contacts_file(data, mapping=stored["mapping"] or None)
    except ImportFileError as exc:
        if exc.columns is None:
            messages.error(request, f"Nothing was imported. {exc}")
            return redirect("contact_import")
        parsed = ParsedFile("csv", "", [], exc.columns, {})
        messages.error(request, str(exc))
    mapping_form = None
    if parsed.columns:
        mapping_form = MappingForm(
            request.POST or None, columns=parsed.columns, initial_mapping=parsed.mapping
        )
        if request.method == "POST" and mapping_form.is_valid():
            try:
                parsed = parse_contacts_file(data, mapping=mapping_form.mapping())
            except ImportFileError as exc:
                messages.error(request, str(exc))
            else:
                stored["mapping"] = parsed.mapping
                request.session[SESSION_KEY] = stored
                return redirect("contact_import_preview")
    rows = import_preview(owner=request.user, rows=parsed.rows)
    counts = {
        status: sum(1 for r in rows if r.status == status)
        for status in ("new", "duplicate", "rejected")
    }
    return render(
        request,
        "contacts/import_preview.html",
        {
            "file_name": stored["name"],
            "parsed": parsed,
            "rows": rows[:500],
            "more": max(0, len(rows) - 500),
            "counts": counts,
            "mapping_form": mapping_form,
            "confirm_form": ImportConfirmForm(),
        },
    )


@login_required
@require_POST
def import_confirm(request: AuthenticatedHttpRequest) -> HttpResponse:
    found = _stored(request)
    if found is None:
        messages.error(request, "Choose a file to import first.")
        return redirect("contact_import")
    stored, data = found
    form = ImportConfirmForm(request.POST)
    merge = form.is_valid() and form.cleaned_data["merge"]
    try:
        parsed = parse_contacts_file(data, mapping=stored["mapping"] or None)
    except ImportFileError as exc:
        messages.error(request, f"Nothing was imported. {exc}")
        return redirect("contact_import")
    result = contacts_import(owner=request.user, rows=parsed.rows, merge=merge)
    del request.session[SESSION_KEY]
    messages.success(
        request,
        f"Imported {stored['name']}: {result.created} created, {result.merged} merged, "
        f"{result.rejected} rejected.",
    )
    return redirect("contacts")


@login_required
def export_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "contacts/export.html")


def _download(body: str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def export_vcard(request: AuthenticatedHttpRequest) -> HttpResponse:
    version = "4.0" if request.GET.get("version") == "4.0" else "3.0"
    stamp = timezone.localdate().isoformat()
    return _download(
        contacts_vcard(request.user, version=version),
        "text/vcard; charset=utf-8",
        f"mensch-contacts-{stamp}.vcf",
    )


@login_required
def export_csv(request: AuthenticatedHttpRequest) -> HttpResponse:
    stamp = timezone.localdate().isoformat()
    # A BOM so that Excel opens the UTF-8 file with the right accents.
    return _download(
        "\ufeff" + contacts_csv(request.user),
        "text/csv; charset=utf-8",
        f"mensch-contacts-{stamp}.csv",
    )
