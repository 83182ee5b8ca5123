from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from mensch.accounts.models import User
from mensch.events import imports, services
from mensch.events.models import AttendeeInvitation, Event, Rsvp
from tests.events.conftest import make_event

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_pretix_layout_uses_the_attendee_email_and_skips_cancelled_orders(
    event: Event, designer: User, bookkeeper: User
) -> None:
    text = (
        "Order code,Position ID,Status,Email,Product,Attendee name,Attendee email\n"
        f"A1B2C,1,p,buyer@example.org,Ticket,Dora Designer,{designer.email}\n"
        f"D3E4F,1,c,{bookkeeper.email},Ticket,Ben Books,\n"
    )
    preview = imports.attendees_import_preview(event=event, text=text)
    assert preview.layout == "pretix"
    assert [(x.line, x.email, x.action, x.error) for x in preview.lines] == [
        (2, designer.email, "add", ""),
        (3, bookkeeper.email, "skip", ""),
    ]


def test_luma_layout_with_semicolons_is_read(event: Event, designer: User) -> None:
    text = (
        "api_id;name;first_name;last_name;email;approval_status;checked_in_at\n"
        f"gst-1;Dora Designer;Dora;Designer;{designer.email.upper()};approved;\n"
        "gst-2;Declined Person;D;P;declined@example.org;declined;\n"
    )
    preview = imports.attendees_import_preview(event=event, text=text)
    assert preview.layout == "luma"
    assert [x.action for x in preview.lines] == ["add", "skip"]
    assert preview.lines[0].member == designer


def test_generic_layout_reports_every_bad_line_and_imports_nothing(
    event: Event, designer: User
) -> None:
    text = (
        "email,name,goal\n"
        f"{designer.email},Dora,meet a bookkeeper\n"
        "not-an-email,Nobody,\n"
        "ghost@example.org,Ghost,\n"
        f"{designer.email},Dora again,\n"
    )
    with pytest.raises(ValidationError) as caught:
        imports.attendees_import(event=event, text=text)
    assert caught.value.message_dict["file"] == [
        "Line 3: Enter a valid email address.",
        "Line 5: This email address appears twice in the file.",
    ]
    assert not Rsvp.objects.exists()
    assert not AttendeeInvitation.objects.exists()


def test_import_adds_members_with_their_goal(
    event: Event, designer: User, bookkeeper: User
) -> None:
    services.rsvp_create(event=event, member=bookkeeper)
    text = f"email,goal\n{designer.email},meet a bookkeeper\n{bookkeeper.email},\n"
    result = imports.attendees_import(event=event, text=text)
    assert [(x.action, x.outcome) for x in result.lines] == [
        ("add", "added"),
        ("going", "already going"),
    ]
    assert Rsvp.objects.get(member=designer).goal == "meet a bookkeeper"


def test_import_beyond_capacity_is_refused_per_line(
    organizer: User, designer: User, bookkeeper: User
) -> None:
    event = make_event(organizer, capacity=1)
    text = f"email\n{designer.email}\n{bookkeeper.email}\n"
    with pytest.raises(ValidationError) as caught:
        imports.attendees_import(event=event, text=text)
    assert caught.value.message_dict["file"] == ["Line 3: The event is full (1 seats)."]
    assert not Rsvp.objects.exists()


def test_windows_1252_file_keeps_its_accents(event: Event, designer: User) -> None:
    data = f"email;name;goal\n{designer.email};José Müller;Café owners\n".encode("cp1252")
    result = imports.attendees_import(event=event, text=imports.file_text(data))
    assert [(x.name, x.goal, x.action) for x in result.lines] == [
        ("José Müller", "Café owners", "add")
    ]
    assert Rsvp.objects.get(member=designer).goal == "Café owners"


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("email,name\nj@example.org,José Müller\n".encode("utf-8-sig"), "email,name\n"),
        ("email,name\nj@example.org,José Müller\n".encode("utf-16"), "email,name\n"),
    ],
)
def test_utf8_and_utf16_files_lose_their_byte_order_mark(data: bytes, text: str) -> None:
    decoded = imports.file_text(data)
    assert decoded.startswith(text)
    assert "José Müller" in decoded


def test_a_file_that_is_not_text_or_too_large_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        imports.file_text(b"\xff\xfe\x00\xd8")
    assert caught.value.message_dict["file"] == [
        "The file says it is UTF-16 but is not valid UTF-16."
    ]
    with pytest.raises(ValidationError) as caught:
        imports.file_text(b"x" * (imports.MAX_BYTES + 1))
    assert caught.value.message_dict["file"] == ["The file is larger than 1 MB."]


def test_file_without_email_column_is_refused(event: Event) -> None:
    with pytest.raises(ValidationError) as caught:
        imports.attendees_import_preview(event=event, text="name,phone\nDora,123\n")
    assert "No email column found" in caught.value.message_dict["file"][0]


def test_export_formula_cells_are_neutralised(event: Event, designer: User) -> None:
    services.rsvp_create(event=event, member=designer, goal="=HYPERLINK(1)")
    assert "'=HYPERLINK(1)" in imports.attendees_export_csv(event)


def test_import_page_previews_a_windows_1252_upload_with_its_accents(
    client: Client, event: Event, organizer: User, designer: User
) -> None:
    client.force_login(organizer)
    data = f"email;name;goal\n{designer.email};José Müller;Café owners\n".encode("cp1252")
    upload = SimpleUploadedFile("luma.csv", data, content_type="text/csv")
    response = client.post(reverse("event_import", args=[event.pk]), {"file": upload})
    page = response.content.decode()
    assert response.status_code == 200
    assert '<td data-label="Name">José Müller</td>' in page
    assert "\ufffd" not in page


def test_import_page_refuses_a_binary_upload_with_the_reason(
    client: Client, event: Event, organizer: User
) -> None:
    client.force_login(organizer)
    upload = SimpleUploadedFile("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    response = client.post(reverse("event_import", args=[event.pk]), {"file": upload})
    assert response.status_code == 422
    assert "save the file as UTF-8" in response.content.decode()
    assert Rsvp.objects.filter(event=event).count() == 0
