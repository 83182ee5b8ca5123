"""Contact pages: list and search, a contact's page with its timeline, the brief, the
batch "people I met at this event" flow and keep-in-touch. Import and export live in
``import_views``.

A contact's page also shows the panels that apps on higher floors contribute: an app
with a ``contact_panels`` module offers ``panel(owner, contact) -> DashboardCard | None``
(the follow-ups and promises with this person, for one)."""

from __future__ import annotations

from datetime import timedelta
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import SafeString
from django.views.decorators.http import require_POST

from mensch.accounts.http import AuthenticatedHttpRequest
from mensch.accounts.models import User
from mensch.contacts import selectors, services
from mensch.contacts.brief import brief_for
from mensch.contacts.forms import (
    CadenceForm,
    ContactForm,
    GoalForm,
    InteractionForm,
    MetAtEventForm,
    NoteForm,
    TagCadenceForm,
)
from mensch.contacts.markdown import render_markdown
from mensch.contacts.models import Contact, Tag
from mensch.contacts.rows import contact_rows, tag_options
from mensch.contacts.strength import EXPLANATION
from mensch.core.cards import DashboardCard
from mensch.core.forms import apply_errors
from mensch.core.htmx import is_htmx
from mensch.core.registry import contributions
from mensch.core.text import strip_nul
from mensch.events.selectors import visible_events

PAGE_SIZE = 50


def _event_choices(member: User) -> list[tuple[int, str]]:
    soon = timezone.now() + timedelta(days=1)
    events = visible_events(member).filter(starts_at__lte=soon).order_by("-starts_at")[:40]
    return [(e.pk, f"{e.title} ({timezone.localdate(e.starts_at):%d %b %Y})") for e in events]


def _contact_choices(member: User, exclude: int | None = None) -> list[tuple[int, str]]:
    rows = Contact.objects.filter(owner=member)
    if exclude is not None:
        rows = rows.exclude(pk=exclude)
    return list(rows.order_by("name").values_list("pk", "name")[:500])


def _errors_text(form: Form) -> str:
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


def _panels(owner: User, contact: Contact) -> list[DashboardCard]:
    """What higher apps show on the contact's page (see the module's docstring)."""
    found = (module.panel(owner, contact) for _, module in contributions("contact_panels"))
    return [panel for panel in found if panel is not None]


def _tag_options(owner: User, chosen: str) -> SafeString:
    return tag_options(selectors.tag_names_of(owner), chosen)


@login_required
def contact_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    query = strip_nul(request.GET.get("q", ""))[:200]
    tag = strip_nul(request.GET.get("tag", ""))[:40]
    sort = request.GET.get("sort", "strength")
    contacts = selectors.contacts_of(request.user, query=query, tag=tag, sort=sort, for_list=True)
    page = Paginator(contacts, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "rows": contact_rows(selectors.listed_contacts(page.object_list)),
        "query": query,
        "tag": tag,
        "sort": sort,
        # Written when the template shows it (not in the list's htmx partial).
        "tag_options": partial(_tag_options, request.user, tag),
        "explanation": EXPLANATION,
    }
    if is_htmx(request):
        return render(request, "contacts/list.html#results", context)
    return render(request, "contacts/list.html", context)


def _contact_form_page(request: AuthenticatedHttpRequest, contact: Contact | None) -> HttpResponse:
    initial = {}
    if contact is not None:
        initial = {
            name: getattr(contact, name)
            for name in ("name", "company", "role", "email", "phone", "url", "met_on")
        } | {
            "met_how": contact.met_how,
            "facts": contact.facts,
            "met_event": contact.met_event_id,
            "introducer": contact.introducer_id,
            "tags": ", ".join(t.name for t in contact.tags.all()),
        }
    form = ContactForm(
        request.POST or None,
        initial=initial,
        events=_event_choices(request.user),
        contacts=_contact_choices(request.user, exclude=contact.pk if contact else None),
    )
    if request.method == "POST" and form.is_valid():
        try:
            if contact is None:
                contact = services.contact_create(owner=request.user, **form.service_fields())
                messages.success(request, f"{contact.name} added to your contacts.")
            else:
                services.contact_update(contact=contact, **form.service_fields())
                messages.success(request, "Contact saved.")
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("contact_detail", contact_id=contact.pk)
    return render(
        request,
        "contacts/form.html",
        {"form": form, "contact": contact},
        status=422 if form.errors else 200,
    )


@login_required
def contact_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _contact_form_page(request, None)


@login_required
def contact_edit(request: AuthenticatedHttpRequest, contact_id: int) -> HttpResponse:
    contact = selectors.own_contact(owner=request.user, contact_id=contact_id)
    return _contact_form_page(request, contact)


def _timeline_context(contact: Contact) -> dict[str, object]:
    entries = [(i, render_markdown(i.body) if i.body else "") for i in selectors.timeline(contact)]
    return {"contact": contact, "entries": entries}


@login_required
def contact_detail(request: AuthenticatedHttpRequest, contact_id: int) -> HttpResponse:
    contact = selectors.own_contact(owner=request.user, contact_id=contact_id)
    today = timezone.localdate()
    return render(
        request,
        "contacts/detail.html",
        {
            **_timeline_context(contact),
            "cadence": selectors.cadence(contact),
            "panels": _panels(request.user, contact),
            "note_form": NoteForm(),
            "interaction_form": InteractionForm(
                initial={"happened_on": today, "initiated_by": "me"}
            ),
            "cadence_form": CadenceForm(
                initial={"ideal_days": contact.ideal_days, "max_days": contact.max_days}
            ),
            "explanation": EXPLANATION,
        },
    )


def _timeline_response(
    request: AuthenticatedHttpRequest,
    contact: Contact,
    form_name: str,
    form: Form,
    status: int = 200,
) -> HttpResponse:
    """htmx gets the timeline area back (with the form's errors); a plain post redirects."""
    if is_htmx(request):
        today = timezone.localdate()
        context = {
            **_timeline_context(contact),
            "note_form": NoteForm(),
            "interaction_form": InteractionForm(
                initial={"happened_on": today, "initiated_by": "me"}
            ),
            form_name: form,
        }
        return render(request, "contacts/detail.html#timeline_area", context, status=status)
    if status != 200:
        messages.error(request, _errors_text(form))
    return redirect("contact_detail", contact_id=contact.pk)


@login_required
@require_POST
def note_add(request: AuthenticatedHttpRequest, contact_id: int) -> HttpResponse:
    contact = selectors.own_contact(owner=request.user, contact_id=contact_id)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.note_add(contact=contact, body=form.cleaned_data["body"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return _timeline_response(request, contact, "note_form", NoteForm())
    return _timeline_response(request, contact, "note_form", form, status=422)


@login_required
@require_POST
def interaction_add(request: AuthenticatedHttpRequest, contact_id: int) -> HttpResponse:
    contact = selectors.own_contact(owner=request.user, contact_id=contact_id)
    form = InteractionForm(request.POST)
    if form.is_valid():
        try:
            services.interaction_log(contact=contact, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            fresh = InteractionForm(
                initial={"happened_on": timezone.localdate(), "initiated_by": "me"}
            )
            return _timeline_response(request, contact, "interaction_form", fresh)
    return _timeline_response(request, contact, "interaction_form", form, status=422)


@login_required
@require_POST
def interaction_delete(request: AuthenticatedHttpRequest, interaction_id: int) -> HttpResponse:
    interaction = selectors.own_interaction(owner=request.user, interaction_id=interaction_id)
    contact = interaction.contact
    services.interaction_delete(interaction=interaction)
    messages.success(request, "Entry removed from the timeline.")
    return redirect("contact_detail", contact_id=contact.pk)


@login_required
@require_POST
def contact_cadence(request: AuthenticatedHttpRequest, contact_id: int) -> HttpResponse:
    contact = selectors.own_contact(owner=request.user, contact_id=contact_id)
    form = CadenceForm(request.POST)
    if form.is_valid():
        try:
            services.contact_cadence_set(contact=contact, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Keep-in-touch cadence saved.")
            return redirect("contact_detail", contact_id=contact.pk)
    messages.error(request, _errors_text(form))
    return redirect("contact_detail", contact_id=contact.pk)


@login_required
@require_POST
def contact_delete(request: AuthenticatedHttpRequest, contact_id: int) -> HttpResponse:
    contact = selectors.own_contact(owner=request.user, contact_id=contact_id)
    name = contact.name
    services.contact_delete(contact=contact)
    messages.success(request, f"{name} deleted from your contacts.")
    return redirect("contacts")


@login_required
def contact_brief(request: AuthenticatedHttpRequest, contact_id: int) -> HttpResponse:
    brief = brief_for(owner=request.user, contact_id=contact_id)
    form = GoalForm(request.POST or None, initial={"meeting_goal": brief.contact.meeting_goal})
    saved = False
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_update(contact=brief.contact, **form.cleaned_data)
            saved = True
        except ValidationError as exc:
            apply_errors(form, exc)
    context = {"brief": brief, "form": form, "saved": saved, "today": timezone.localdate()}
    status = 422 if form.errors else 200
    if is_htmx(request):
        return render(request, "contacts/brief.html#goal", context, status=status)
    return render(request, "contacts/brief.html", context, status=status)


@login_required
def met_at_event(request: AuthenticatedHttpRequest) -> HttpResponse:
    events = _event_choices(request.user)
    form = MetAtEventForm(
        request.POST or None, events=events, initial={"event": request.GET.get("event")}
    )
    if request.method == "POST" and form.is_valid():
        event = visible_events(request.user).get(pk=form.cleaned_data["event"])
        try:
            created = services.contacts_met_at_event(
                owner=request.user,
                event=event,
                people=form.people_list(),
                tags=form.cleaned_data["tags"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"{len(created)} people from {event.title} added.")
            return redirect("contacts")
    return render(
        request,
        "contacts/met_at_event.html",
        {"form": form, "has_events": bool(events)},
        status=422 if form.errors else 200,
    )


@login_required
def keep_in_touch(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = TagCadenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.tag_cadence_set(
                owner=request.user,
                name=data["tag"],
                ideal_days=data["ideal_days"],
                max_days=data["max_days"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        except Tag.DoesNotExist:
            form.add_error("tag", "You have no tag with this name.")
        else:
            messages.success(request, f"Cadence saved for everyone tagged {data['tag']}.")
            return redirect("keep_in_touch")
    today = timezone.localdate()
    rows = selectors.keep_in_touch(request.user)
    past_max = {r.contact.pk for r in rows if r.max_due is not None and r.max_due < today}
    return render(
        request,
        "contacts/keep_in_touch.html",
        {
            "losing": [r for r in rows if r.contact.pk in past_max],
            "due": [
                r
                for r in rows
                if r.ideal_due is not None and r.ideal_due <= today and r.contact.pk not in past_max
            ],
            "upcoming": [r for r in rows if r.ideal_due is not None and r.ideal_due > today][:30],
            "tags": selectors.tags_of(request.user),
            "form": form,
        },
        status=422 if form.errors else 200,
    )
